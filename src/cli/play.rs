//! `leitmotif play PATH...`: plays files or folders to the default output
//! without a window, and exits when the music ends.

use std::process::ExitCode;
use std::time::Duration;

use crate::library::Library;
use crate::playback::output::OutputKind;
use crate::playback::{Command, Event, PlayerService};

/// Plays `roots` and returns when the last track ends; server tracks stream
/// from the servers of the library at `store` (or the default one).
pub fn run(roots: &[std::path::PathBuf], store: Option<&std::path::Path>) -> ExitCode {
    // Files named on the command line play in the order given; folders are
    // read and played in production, album and track order.
    let mut items = Vec::new();
    for root in roots {
        if crate::library::images::is_sheet(root) && root.is_file() {
            // A CUE sheet: the tracks of its image, in order.
            let folder = root
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            let library = Library::scan(&[folder], &|_| {});
            let mut tracks: Vec<_> = library
                .tracks
                .iter()
                .filter(|t| t.path.starts_with(root))
                .map(|t| (t.tags.track_number, t.path.clone()))
                .collect();
            tracks.sort();
            if tracks.is_empty() {
                let why = library
                    .problems
                    .iter()
                    .find(|p| p.path == *root)
                    .map_or_else(
                        || "it names no audio file here".to_string(),
                        |p| p.error.clone(),
                    );
                eprintln!("leitmotif play: {} cannot be played: {why}", root.display());
                return ExitCode::FAILURE;
            }
            items.extend(tracks.into_iter().map(|(_, p)| p));
        } else if root.is_dir() {
            let library = Library::scan(std::slice::from_ref(root), &|_| {});
            for production in &library.productions {
                items.extend(
                    production
                        .tracks
                        .iter()
                        .map(|&t| library.tracks[t].path.clone()),
                );
            }
            for problem in &library.problems {
                eprintln!("skipped {}: {}", problem.path.display(), problem.error);
            }
        } else {
            items.push(root.clone());
        }
    }
    if items.is_empty() {
        eprintln!("leitmotif play: no audio files found in {}", display(roots));
        return ExitCode::FAILURE;
    }
    // Server tracks need the library's servers; files alone open no store.
    let registry = if items.iter().any(|p| crate::server::is_server_path(p)) {
        let Some(path) = store
            .map(std::path::Path::to_path_buf)
            .or_else(crate::library::Store::default_path)
        else {
            eprintln!("leitmotif play: cannot find your library to stream from; pass --store FILE");
            return ExitCode::FAILURE;
        };
        Some(crate::server::Registry::new(
            &path,
            crate::server::Secrets::from_env(),
        ))
    } else {
        None
    };
    // Gains from the tags, else from an analysis the library's store keeps.
    let files = match store
        .map(std::path::Path::to_path_buf)
        .or_else(crate::library::Store::default_path)
    {
        Some(store) => crate::library::images::locator_with_analysis(store),
        None => crate::library::images::locator(),
    };
    let locator = match &registry {
        Some(registry) => crate::server::locate::locator(std::sync::Arc::clone(registry), files),
        None => files,
    };
    let player = PlayerService::start_with(OutputKind::Device, None, locator);
    // Ctrl+C stops the music and ends the process cleanly (the output is closed).
    let (stop_tx, stop_rx) = std::sync::mpsc::channel();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    }) {
        eprintln!("leitmotif play: Ctrl+C will end playback abruptly ({e})");
    }
    player.send(Command::PlayList { items, start: 0 });
    let mut failures = 0;
    let mut started = false;
    let mut reports = Vec::new();
    loop {
        if stop_rx.try_recv().is_ok() {
            player.send(Command::Stop);
            eprintln!("stopped");
            return ExitCode::from(130);
        }
        match player.next_event(Duration::from_millis(200)) {
            Some(Event::TrackStarted { path, .. }) => {
                started = true;
                eprintln!("playing {}", path.display());
                if let Some(registry) = &registry {
                    reports.extend(registry.scrobble(&path, false));
                }
            }
            Some(Event::TrackEnded(path)) => {
                if let Some(registry) = &registry {
                    reports.extend(registry.scrobble(&path, true));
                }
            }
            Some(Event::Error { path, reason }) => {
                failures += 1;
                eprintln!("skipped {}: {reason}", path.display());
            }
            Some(Event::OutputLost(message)) => {
                eprintln!("leitmotif play: {message}");
                // With no device from the start there is nothing to wait for; a
                // device lost mid-play may come back, and the music with it.
                if !started {
                    return ExitCode::FAILURE;
                }
            }
            Some(Event::OutputBack) => eprintln!("leitmotif play: the audio device is back"),
            Some(Event::QueueEnded) => break,
            _ => {}
        }
    }
    // The plays are told to the server before the process ends.
    for report in reports {
        let _ = report.join();
    }
    if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn display(paths: &[std::path::PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
