//! One Leitmotif at a time: the first launch listens on a Unix socket in the
//! user's runtime folder; a later launch hands its paths over and exits.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// What the launch should do.
pub enum Launch {
    /// Another Leitmotif took the paths: this process can exit.
    HandedOver,
    /// This is the first: paths from later launches arrive here.
    First(Receiver<Vec<PathBuf>>),
    /// No socket could be used (no runtime folder...): run alone.
    Alone(String),
}

/// The socket: `$XDG_RUNTIME_DIR/leitmotif.sock`, else one per user in the temp folder.
pub fn socket_path() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir).join("leitmotif.sock"),
        _ => std::env::temp_dir().join(format!(
            "leitmotif-{}.sock",
            std::env::var("USER").unwrap_or_else(|_| "user".into())
        )),
    }
}

/// Hands `paths` to a running Leitmotif, or becomes the one that runs.
pub fn launch(socket: &Path, paths: &[PathBuf]) -> Launch {
    if let Ok(stream) = UnixStream::connect(socket) {
        match send(stream, paths) {
            Ok(()) => return Launch::HandedOver,
            Err(e) => return Launch::Alone(format!("the running Leitmotif did not answer: {e}")),
        }
    }
    // Nobody answers: a socket file left by a crash is stale.
    let _ = std::fs::remove_file(socket);
    match UnixListener::bind(socket) {
        Ok(listener) => {
            let (tx, rx) = mpsc::channel();
            let _ = std::thread::Builder::new()
                .name("single-instance".into())
                .spawn(move || {
                    for stream in listener.incoming().flatten() {
                        if let Some(paths) = receive(&stream)
                            && tx.send(paths).is_err()
                        {
                            break;
                        }
                    }
                });
            Launch::First(rx)
        }
        Err(e) => Launch::Alone(format!("cannot listen on {}: {e}", socket.display())),
    }
}

/// One path per line, as bytes (paths need not be UTF-8); an empty line ends.
fn send(mut stream: UnixStream, paths: &[PathBuf]) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    for path in paths {
        stream.write_all(path.as_os_str().as_bytes())?;
        stream.write_all(b"\n")?;
    }
    stream.write_all(b"\n")?;
    let mut answer = String::new();
    let _ = BufReader::new(&stream).read_line(&mut answer)?;
    if answer.trim() == "ok" {
        Ok(())
    } else {
        Err(std::io::Error::other("no acknowledgement"))
    }
}

fn receive(stream: &UnixStream) -> Option<Vec<PathBuf>> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream);
    let mut paths = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = reader.read_until(b'\n', &mut line).ok()?;
        if n == 0 || line == b"\n" {
            break;
        }
        let _ = line.pop();
        paths.push(PathBuf::from(std::ffi::OsString::from_vec(line)));
    }
    let _ = { stream }.write_all(b"ok\n");
    Some(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_launch_hands_its_paths_to_the_first() {
        let socket =
            std::env::temp_dir().join(format!("leitmotif-test-{}.sock", std::process::id()));
        let Launch::First(rx) = launch(&socket, &[]) else {
            panic!("the first launch should listen");
        };
        let paths = vec![
            PathBuf::from("/music/a b.flac"),
            PathBuf::from("/music/Film"),
        ];
        assert!(matches!(launch(&socket, &paths), Launch::HandedOver));
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)).ok(), Some(paths));
        drop(rx);
        let _ = std::fs::remove_file(&socket);
    }

    #[test]
    fn a_stale_socket_file_is_replaced() {
        let socket =
            std::env::temp_dir().join(format!("leitmotif-stale-{}.sock", std::process::id()));
        std::fs::write(&socket, b"left by a crash").expect("write");
        assert!(matches!(launch(&socket, &[]), Launch::First(_)));
        let _ = std::fs::remove_file(&socket);
    }
}
