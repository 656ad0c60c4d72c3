//! The command line: `leitmotif [PATH...]` opens the window, `play` and `scan`
//! work without one.

mod edit;
mod play;
mod scan;

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
Leitmotif: a music player for soundtracks.

Usage:
  leitmotif [PATH...]               open the window (on the demo library until you add folders);
                                    a folder is added to the library, a file plays at once.
                                    With a window already open, the paths go to it.
  leitmotif play PATH...            play files or folders without a window, then exit (Ctrl+C stops)
  leitmotif scan PATH... [--json] [--store FILE]
                                    add PATHs to the library, scan them (only new and changed
                                    files are read) and print the library
  leitmotif set-category FILE score|song|unknown [--store FILE]
                                    say what a track is, whatever its tags suggest
  leitmotif set-scene FILE [TEXT] [--start 01:12:30] [--store FILE]
                                    write where a cue plays: the scene and its start time
  leitmotif set-production TITLE [--title NEW] [--medium film|tv|game|stage|other|unknown] [--store FILE]
                                    rename a production or set its medium
  leitmotif --help | --version

Keys in the window: Space play/pause, Left/Right seek 5 s (Shift: 30 s), N next, P previous,
Up/Down volume, M mute, S shuffle, R repeat, / search, ? every shortcut.
";

/// Runs the command line and returns the process's exit code.
pub fn main(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("-h" | "--help" | "help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("leitmotif {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("play") => play::run(&args[1..]),
        Some("scan") => scan::run(&args[1..]),
        Some("set-category") => edit::set_category(&args[1..]),
        Some("set-production") => edit::set_production(&args[1..]),
        Some("set-scene") => edit::set_scene(&args[1..]),
        Some(flag) if flag.starts_with('-') => {
            eprintln!("leitmotif: unknown option {flag}\n\n{HELP}");
            ExitCode::from(2)
        }
        _ => {
            let paths: Vec<PathBuf> = args
                .iter()
                .map(|a| path_from_arg(a))
                .map(|p| std::path::absolute(&p).unwrap_or(p))
                .collect();
            let no_display = |name: &str| std::env::var_os(name).is_none_or(|v| v.is_empty());
            if no_display("DISPLAY") && no_display("WAYLAND_DISPLAY") {
                eprintln!(
                    "leitmotif: there is no display to open the window on (DISPLAY and \
                     WAYLAND_DISPLAY are unset). Start it from a desktop session, or without \
                     a window: leitmotif play PATH..."
                );
                return ExitCode::FAILURE;
            }
            let mut options = crate::gui::Options::from_paths(paths.clone());
            use crate::desktop::single_instance::{Launch, launch, socket_path};
            match launch(&socket_path(), &paths) {
                Launch::HandedOver => {
                    eprintln!(
                        "leitmotif: already running; handed it {} path(s)",
                        paths.len()
                    );
                    return ExitCode::SUCCESS;
                }
                Launch::First(rx) => {
                    options.handoff = Some(std::sync::Arc::new(std::sync::Mutex::new(Some(rx))));
                }
                Launch::Alone(why) => eprintln!("leitmotif: running on its own: {why}"),
            }
            match crate::gui::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!(
                        "leitmotif: cannot open the window: {e}\n\
                         Is a desktop session running (DISPLAY or WAYLAND_DISPLAY set)? \
                         For music without a window, use: leitmotif play PATH..."
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Splits `--name VALUE` out of `args`.
fn take_option(args: &[String], name: &str) -> Result<(Option<String>, Vec<String>), String> {
    let mut value = None;
    let mut rest = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == name {
            value = Some(
                iter.next()
                    .ok_or_else(|| format!("{name} needs a value"))?
                    .clone(),
            );
        } else if let Some(v) = arg.strip_prefix(&format!("{name}=")) {
            value = Some(v.to_string());
        } else {
            rest.push(arg.clone());
        }
    }
    Ok((value, rest))
}

/// Prints a usage error and returns the exit code for it.
fn usage_error(command: &str, error: &str, usage: &str) -> ExitCode {
    eprintln!("leitmotif {command}: {error}\nUsage: {usage}");
    ExitCode::from(2)
}

/// Opens the store (the default one, or `--store FILE`) and the user's data beside it.
fn open_store(
    path: Option<&str>,
) -> Result<(crate::library::Store, crate::library::UserData), String> {
    let path = match path {
        Some(p) => PathBuf::from(p),
        None => crate::library::Store::default_path()
            .ok_or("cannot find your home folder to keep the library in; pass --store FILE")?,
    };
    let opened = crate::library::recover::open(&path)?;
    let (mut store, mut user) = (opened.store, opened.user);
    if let Some(notice) = opened.notice {
        eprintln!("leitmotif: {notice}");
    }
    if !opened.rebuild.is_empty() {
        let _ = store.scan(&opened.rebuild, &|_| {})?;
    }
    if user.remember_folders(&store.roots()?)
        && let Err(e) = user.save(&crate::library::user_data::path_beside(&path))
    {
        eprintln!("leitmotif: {e}");
    }
    Ok((store, user))
}

/// Paths from the command line, with `file://` URIs turned into paths.
fn paths(args: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for arg in args {
        if arg.starts_with('-') {
            continue;
        }
        out.push(path_from_arg(arg));
    }
    if out.is_empty() {
        return Err("no PATH given".into());
    }
    Ok(out)
}

/// A path from a command-line argument: a plain path, or a `file://` URI as
/// file managers pass them (`file:///home/me/My%20Music`).
pub fn path_from_arg(arg: &str) -> PathBuf {
    let Some(rest) = arg.strip_prefix("file://") else {
        return PathBuf::from(arg);
    };
    // Skip an optional host ("localhost") up to the path's first slash.
    let path = rest.find('/').map_or(rest, |i| &rest[i..]);
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                decoded.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(decoded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            path_from_arg("file:///home/me/My%20Music/a.flac"),
            PathBuf::from("/home/me/My Music/a.flac")
        );
        assert_eq!(
            path_from_arg("file://localhost/tmp/x%C3%A9"),
            PathBuf::from("/tmp/xé")
        );
        assert_eq!(
            path_from_arg("relative/100%.mp3"),
            PathBuf::from("relative/100%.mp3")
        );
    }
}
