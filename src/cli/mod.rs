//! The command line: `leitmotif [PATH...]` opens the window, `play` and `scan`
//! work without one.

mod play;
mod scan;

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
Leitmotif: a music player for soundtracks.

Usage:
  leitmotif [PATH...]               open the window (on the demo library when no PATH is given)
  leitmotif play PATH...            play files or folders without a window, then exit
  leitmotif scan PATH... [--json]   read the tags of PATHs and print the library
  leitmotif --help | --version

Keys in the window: Space play/pause, Left/Right seek 5 s (Shift: 30 s), N next, P previous.
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
        Some(flag) if flag.starts_with('-') => {
            eprintln!("leitmotif: unknown option {flag}\n\n{HELP}");
            ExitCode::from(2)
        }
        _ => {
            let roots = args.iter().map(|a| path_from_arg(a)).collect();
            match crate::gui::run(crate::gui::Options { roots }) {
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
