//! `leitmotif scan PATH... --json`: reads the tags of PATHs and prints the
//! library (as JSON with `--json`, as text otherwise). Progress goes to stderr.

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
}

#[derive(Serialize)]
struct JsonTrack<'a> {
    path: String,
    title: &'a str,
    artist: Option<&'a str>,
    album: Option<&'a str>,
    composer: Option<&'a str>,
    category: &'static str,
    evidence: &'a [String],
    cue: Option<String>,
    disc: Option<u32>,
    track: Option<u32>,
    duration_ms: u64,
    playable: bool,
}

#[derive(Serialize)]
struct JsonProblem {
    path: String,
    error: String,
}

/// Scans and prints.
pub fn run(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    let roots = match super::paths(args) {
        Ok(roots) => roots,
        Err(e) => {
            eprintln!("leitmotif scan: {e}\nUsage: leitmotif scan PATH... [--json]");
            return ExitCode::from(2);
        }
    };
    let report = |p: ScanProgress| {
        eprintln!(
            "scan: {} folders, {} files seen, {} read, {} failed",
            p.folders_seen, p.files_seen, p.read, p.failed
        );
    };
    let library = Library::scan(&roots, &report);
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
                            evidence: &t.evidence,
                            cue: t.cue.map(|c| c.to_string()),
                            disc: t.tags.disc_number,
                            track: t.tags.track_number,
                            duration_ms: t.duration().as_millis() as u64,
                            playable: t.tags.playable,
                        }
                    })
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
                crate::clock::format(t.duration())
            );
        }
    }
    for problem in &library.problems {
        println!("problem: {}: {}", problem.path.display(), problem.error);
    }
}
