//! Paths as desktops hand them over: `file://` URIs from file managers and
//! MPRIS clients, and the URIs Leitmotif gives them back (percent-encoding
//! by the `percent-encoding` crate, already built for the folder dialog).

use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, percent_encode};

/// What stays as it is in a `file://` URL: letters, digits and `/-_.~`.
const KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A path from a command-line argument: a plain path, or a `file://` URI as
/// file managers pass them (`file:///home/me/My%20Music`).
pub fn path_from_arg(arg: &str) -> PathBuf {
    let Some(rest) = arg.strip_prefix("file://") else {
        return PathBuf::from(arg);
    };
    // Skip an optional host ("localhost") up to the path's first slash.
    let path = rest.find('/').map_or(rest, |i| &rest[i..]);
    let bytes: Vec<u8> = percent_decode(path.as_bytes()).collect();
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

/// A `file://` URL, with what is not plain ASCII percent-encoded.
pub fn file_url(path: &Path) -> String {
    format!(
        "file://{}",
        percent_encode(path.as_os_str().as_bytes(), KEEP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths_and_back() {
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
        assert_eq!(
            file_url(Path::new("/m/Arrival Point/01 é.flac")),
            "file:///m/Arrival%20Point/01%20%C3%A9.flac"
        );
        let odd = Path::new("/m/100% & more/ü #1.ogg");
        assert_eq!(path_from_arg(&file_url(odd)), odd);
    }
}
