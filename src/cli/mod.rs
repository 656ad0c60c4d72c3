//! The command line (clap): `leitmotif [PATH...]` opens the window; `play`,
//! `scan`, `loudness` and the `set-*` commands work without one.

mod edit;
pub mod loudness;
mod play;
mod scan;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::paths::path_from_arg;

const KEYS: &str = "\
Keys in the window: Space play/pause, Left/Right seek 5 s (Shift: 30 s), N next, P previous,
Up/Down volume, M mute, S shuffle, R repeat, / search, ? every shortcut.";

/// Leitmotif: a music player for soundtracks.
#[derive(Debug, Parser)]
#[command(
    name = "leitmotif",
    version,
    about = "A music player for soundtracks: productions, score and songs, cues and scenes",
    after_help = KEYS,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; with none, the window opens.
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders to add to the library and files to play at once, in the window
    /// (on the demo library until you add folders). With a window already
    /// open, the paths go to it. `file://` URIs are understood.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
}

/// The commands that work without a window.
#[derive(Debug, Subcommand)]
enum Command {
    /// Play files, folders, CUE sheets or image tracks (…/Album.cue/track03)
    /// without a window, then exit (Ctrl+C stops).
    Play {
        /// What to play, in this order; a folder plays in production order.
        /// A server track's path (subsonic://..., as `scan --json` shows it)
        /// streams from its server.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<String>,
        /// The library file whose servers to stream from, instead of the one
        /// in your data folder.
        #[arg(long, value_name = "FILE")]
        store: Option<PathBuf>,
    },
    /// Add PATHs to the library, scan them (only new and changed files are
    /// read) and print the library; with no PATH, scan every folder of the
    /// library again.
    Scan(scan::ScanArgs),
    /// Say what a track is, whatever its tags suggest.
    SetCategory(edit::CategoryArgs),
    /// Write where a cue plays: the scene and its start time in the production.
    SetScene(edit::SceneArgs),
    /// Rename a production or set its medium.
    SetProduction(edit::ProductionArgs),
    /// Add, list or remove the Subsonic servers whose music joins the library.
    Server(server::ServerArgs),
    /// Measure loudness (EBU R128) and ReplayGain 2.0 gains of files, folders
    /// and image tracks, as loudgain does; --write puts the tags in the files.
    Loudness(loudness::LoudnessArgs),
    /// Print a completion script for a shell (bash, zsh, fish...).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Runs the command line and returns the process's exit code.
pub fn main(args: Vec<String>) -> ExitCode {
    let cli = match Cli::try_parse_from(std::iter::once("leitmotif".to_string()).chain(args)) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are printed the same way, and are no error.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Some(Command::Play { paths, store }) => play::run(&to_paths(&paths), store.as_deref()),
        Some(Command::Server(args)) => server::run(&args),
        Some(Command::Scan(args)) => scan::run(&args),
        Some(Command::SetCategory(args)) => edit::set_category(&args),
        Some(Command::SetScene(args)) => edit::set_scene(&args),
        Some(Command::SetProduction(args)) => edit::set_production(&args),
        Some(Command::Loudness(args)) => loudness::run(&args),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "leitmotif",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        None => window(&cli.paths),
    }
}

fn to_paths(args: &[String]) -> Vec<PathBuf> {
    args.iter().map(|a| path_from_arg(a)).collect()
}

/// Opens the window on `args` (or hands them to the window already open).
fn window(args: &[String]) -> ExitCode {
    let paths: Vec<PathBuf> = to_paths(args)
        .into_iter()
        .map(|p| std::path::absolute(&p).unwrap_or(p))
        .collect();
    // Before the single-instance socket and iced: a display that cannot be
    // opened is said in words, not by a panic from iced_winit.
    if let Err(why) = crate::desktop::display::check() {
        eprintln!("leitmotif: {why}");
        return ExitCode::FAILURE;
    }
    let mut options = crate::gui::Options::from_paths(paths.clone());
    use crate::desktop::single_instance::{Launch, launch, socket_path};
    match launch(&socket_path(), &paths) {
        Launch::HandedOver => {
            log::info!("already running; handed it {} path(s)", paths.len());
            return ExitCode::SUCCESS;
        }
        Launch::First(rx) => {
            options.handoff = Some(std::sync::Arc::new(std::sync::Mutex::new(Some(rx))));
        }
        Launch::Alone(why) => log::warn!("running on its own: {why}"),
    }
    match crate::desktop::display::open_window(|| crate::gui::run(options)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!(
                "leitmotif: cannot open the window: {e}\n\
                 Is a desktop session running (DISPLAY or WAYLAND_DISPLAY set)? \
                 For music without a window, use: leitmotif play PATH..."
            );
            ExitCode::FAILURE
        }
        Err(why) => {
            eprintln!("leitmotif: {why}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the store (the default one, or `--store FILE`) and the user's data beside it.
fn open_store(
    path: Option<&std::path::Path>,
) -> Result<(crate::library::Store, crate::library::UserData), String> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => crate::library::Store::default_path()
            .ok_or("cannot find your home folder to keep the library in; pass --store FILE")?,
    };
    let opened = crate::library::recover::open(&path)?;
    let (mut store, mut user) = (opened.store, opened.user);
    if let Some(notice) = opened.notice {
        log::warn!("{notice}");
    }
    if !opened.rebuild.is_empty() {
        let _ = store.scan(&opened.rebuild, &|_| {})?;
    }
    let roots = store.roots()?;
    if user.clone().remember_folders(&roots) {
        // Read, change, write: an edit the window made meanwhile stays.
        match crate::library::UserData::update_file(
            &crate::library::user_data::path_beside(&path),
            |data| {
                let _ = data.remember_folders(&roots);
            },
        ) {
            Ok(now) => user = now,
            Err(e) => log::warn!("{e}"),
        }
    }
    Ok((store, user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_flags_are_errors_and_help_comes_from_the_declaration() {
        assert!(Cli::try_parse_from(["leitmotif", "scan", "/m", "--jsno"]).is_err());
        assert!(Cli::try_parse_from(["leitmotif", "set-category", "/m/a.flac", "scroe"]).is_err());
        let ok = Cli::try_parse_from(["leitmotif", "scan", "/m", "--json"]).expect("parses");
        assert!(matches!(ok.command, Some(Command::Scan(_))));
        let loud = Cli::try_parse_from(["leitmotif", "loudness", "/m", "--json", "--write"]);
        assert!(matches!(
            loud.expect("parses").command,
            Some(Command::Loudness(_))
        ));
        assert!(
            Cli::try_parse_from(["leitmotif", "loudness"]).is_err(),
            "a PATH is needed"
        );
        let window = Cli::try_parse_from(["leitmotif", "/m/a.flac", "file:///m/b"]).expect("paths");
        assert_eq!(window.paths.len(), 2);
        let add = Cli::try_parse_from(["leitmotif", "server", "add", "https://h", "--user", "me"]);
        assert!(matches!(
            add.expect("parses").command,
            Some(Command::Server(_))
        ));
        assert!(
            Cli::try_parse_from(["leitmotif", "server", "add", "https://h"]).is_err(),
            "--user is needed"
        );
        assert!(
            Cli::try_parse_from([
                "leitmotif",
                "server",
                "add",
                "https://h",
                "--user",
                "me",
                "--password",
                "x"
            ])
            .is_err(),
            "no password on the command line"
        );
        Cli::command().debug_assert();
        let help = Cli::command().render_long_help().to_string();
        for command in [
            "play",
            "scan",
            "set-category",
            "set-scene",
            "set-production",
            "loudness",
            "server",
            "completions",
        ] {
            assert!(help.contains(command), "--help lists {command}");
        }
    }
}
