//! `leitmotif scan [PATH...] [--json] [--store FILE]`: adds PATHs to the library
//! store, scans them (only new and changed files are read), and prints the
//! whole library (as JSON with `--json`, as text otherwise). Progress and a
//! summary go to stderr.

use std::process::ExitCode;

use serde::Serialize;

use crate::library::{Library, ScanProgress};

#[derive(Serialize)]
struct JsonLibrary<'a> {
    productions: Vec<JsonProduction<'a>>,
    problems: Vec<JsonProblem>,
}

#[derive(Serialize)]
struct JsonProduction<'a> {
    title: &'a str,
    medium: &'static str,
    year: Option<u32>,
    composers: &'a [String],
    albums: &'a [String],
    tracks: Vec<JsonTrack<'a>>,
    /// Tracks of compilations that are from this production.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    also: Vec<String>,
}

#[derive(Serialize)]
struct JsonTrack<'a> {
    path: String,
    title: &'a str,
    artist: Option<&'a str>,
    album: Option<&'a str>,
    composer: Option<&'a str>,
    category: &'static str,
    evidence: Vec<String>,
    cue: Option<String>,
    disc: Option<u32>,
    track: Option<u32>,
    duration_ms: u64,
    playable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    scene: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    episode: Option<String>,
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    cue_use: Option<&'static str>,
    /// The production a theme on a compilation of film music is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
}

#[derive(Serialize)]
struct JsonProblem {
    path: String,
    error: String,
}

/// What `leitmotif scan` takes.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Folders or files to add to the library (none: every folder it has).
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    /// Print the library as JSON.
    #[arg(long)]
    json: bool,
    /// The library file to use instead of the one in your data folder.
    #[arg(long, value_name = "FILE")]
    store: Option<std::path::PathBuf>,
}

/// Scans and prints.
pub fn run(args: &ScanArgs) -> ExitCode {
    let json = args.json;
    let (mut store, mut user) = match super::open_store(args.store.as_deref()) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("leitmotif scan: {e}");
            return ExitCode::FAILURE;
        }
    };
    let servers = if args.paths.is_empty() {
        match store.servers() {
            Ok(servers) => servers,
            Err(e) => {
                eprintln!("leitmotif scan: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        Vec::new()
    };
    let roots: Vec<std::path::PathBuf> = if args.paths.is_empty() {
        match store.roots() {
            Ok(roots) if !roots.is_empty() || !servers.is_empty() => roots,
            Ok(_) => {
                eprintln!(
                    "leitmotif scan: the library has no folders yet; add one: leitmotif scan ~/Music"
                );
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("leitmotif scan: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        super::to_paths(&args.paths)
    };
    let report = |p: ScanProgress| {
        eprintln!(
            "scan: {} folders, {} files seen, {} read, {} failed",
            p.folders_seen, p.files_seen, p.read, p.failed
        );
    };
    let summary = if roots.is_empty() {
        crate::library::store::ScanReport::default()
    } else {
        match store.scan(&roots, &report) {
            Ok(summary) => summary,
            Err(e) => {
                eprintln!("leitmotif scan: {e}");
                return ExitCode::FAILURE;
            }
        }
    };
    refresh_servers(&mut store, &servers);
    // The folders are kept with the user's data too: a lost store is rebuilt from them.
    if user.clone().remember_folders(&roots) {
        match crate::library::UserData::update_file(
            &crate::library::user_data::path_beside(store.path()),
            |data| {
                let _ = data.remember_folders(&roots);
            },
        ) {
            Ok(now) => user = now,
            Err(e) => eprintln!("leitmotif scan: {e}"),
        }
    }
    eprintln!(
        "scan: {} read, {} unchanged, {} removed, {} failed; store: {}",
        summary.parsed,
        summary.unchanged,
        summary.removed,
        summary.failed,
        store.path().display()
    );
    let library = match Library::from_store(&store, &user) {
        Ok(library) => library,
        Err(e) => {
            eprintln!("leitmotif scan: {e}");
            return ExitCode::FAILURE;
        }
    };
    if json {
        match serde_json::to_string_pretty(&to_json(&library)) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("leitmotif scan: cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print_text(&library);
    }
    ExitCode::SUCCESS
}

/// Reads what changed on each server; one that cannot be reached keeps its
/// music as the last refresh left it, and says so.
fn refresh_servers(
    store: &mut crate::library::Store,
    servers: &[crate::library::remote::RemoteServer],
) {
    let secrets = crate::server::Secrets::from_env();
    for server in servers {
        let refreshed = crate::server::locate::login(server, secrets.as_ref())
            .and_then(|client| crate::server::catalogue::refresh(store, &server.key, &client));
        match refreshed {
            Ok(r) => eprintln!(
                "server {}: {} albums ({} read again, {} gone), {} tracks",
                server.key, r.albums, r.fetched, r.removed, r.tracks
            ),
            Err(e) => {
                let kept = store.server_track_count(&server.key).unwrap_or(0);
                let when = server.refreshed.map_or_else(
                    || "never read".to_string(),
                    |t| format!("as read {}", crate::library::remote::ago(t)),
                );
                eprintln!(
                    "leitmotif scan: notice: server {} was not refreshed: {e}. Its {kept} tracks \
                     stay listed {when}.",
                    server.key
                );
            }
        }
    }
}

fn to_json(library: &Library) -> JsonLibrary<'_> {
    JsonLibrary {
        productions: library
            .productions
            .iter()
            .map(|p| JsonProduction {
                title: &p.title,
                medium: p.medium.as_str(),
                year: p.year,
                composers: &p.composers,
                albums: &p.albums,
                tracks: p
                    .tracks
                    .iter()
                    .map(|&id| {
                        let t = &library.tracks[id];
                        JsonTrack {
                            path: absolute(&t.path),
                            title: &t.title,
                            artist: t.tags.artists.first().map(String::as_str),
                            album: t.tags.album.as_deref(),
                            composer: t.tags.composers.first().map(String::as_str),
                            category: t.category.as_str(),
                            evidence: t.evidence(),
                            cue: t.cue.map(|c| c.to_string()),
                            disc: t.tags.disc_number,
                            track: t.tags.track_number,
                            duration_ms: t.duration().as_millis() as u64,
                            playable: t.tags.playable,
                            scene: t.placement.scene.as_deref(),
                            start_ms: t.placement.start.map(|s| s.as_millis() as u64),
                            episode: t.placement.episode.map(|e| e.to_string()),
                            cue_use: t
                                .placement
                                .cue_use
                                .map(super::super::cue::usage::CueUse::as_str),
                            from: t
                                .context
                                .compilation
                                .then(|| crate::library::album_title::from_quoted(&t.title))
                                .flatten(),
                        }
                    })
                    .collect(),
                also: p
                    .also
                    .iter()
                    .map(|&id| absolute(&library.tracks[id].path))
                    .collect(),
            })
            .collect(),
        problems: library
            .problems
            .iter()
            .map(|p| JsonProblem {
                path: absolute(&p.path),
                error: p.error.clone(),
            })
            .collect(),
    }
}

fn absolute(path: &std::path::Path) -> String {
    // A server track's path is a name, not a place on disk.
    if crate::server::is_server_path(path) {
        return path.display().to_string();
    }
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn print_text(library: &Library) {
    for p in &library.productions {
        println!(
            "{} ({}{})",
            p.title,
            p.medium.label(),
            p.year.map(|y| format!(", {y}")).unwrap_or_default()
        );
        for &id in &p.tracks {
            let t = &library.tracks[id];
            println!(
                "  [{}] {} — {} ({})",
                t.category.label(),
                t.title,
                t.artist().unwrap_or("unknown artist"),
                crate::cue::time::format(t.duration())
            );
        }
    }
    for problem in &library.problems {
        println!("problem: {}: {}", problem.path.display(), problem.error);
    }
}
