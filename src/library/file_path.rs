//! A file's folder, name and stem, split at the last `/` of its bytes.
//!
//! `Path::parent`, `file_name` and `file_stem` parse the path component by
//! component from the end, every call; a load asks them of every one of
//! 50,000 files, several times, and that parsing was about a tenth of a
//! load's work (perf, `measure load-store`). The paths a library holds are
//! absolute file paths; for any other (a trailing `/`, a last `.` or `..`)
//! these give what `Path` gives.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// The folder `path` is in, as [`Path::parent`] gives it.
pub fn folder(path: &Path) -> Option<&Path> {
    match split(path) {
        Some((folder, _)) => Some(folder),
        None => path.parent(),
    }
}

/// The last part of `path`, as [`Path::file_name`] gives it.
pub fn name(path: &Path) -> Option<&OsStr> {
    match split(path) {
        Some((_, name)) => Some(name),
        None => path.file_name(),
    }
}

/// The name without its last extension, as [`Path::file_stem`] gives it.
pub fn stem(path: &Path) -> Option<&OsStr> {
    let name = name(path)?.as_bytes();
    // A name that starts with its only dot (".hidden") is all stem.
    let stem = match name.iter().rposition(|&b| b == b'/' || b == b'.') {
        Some(0) | None => name,
        Some(dot) => &name[..dot],
    };
    Some(OsStr::from_bytes(stem))
}

/// Folder and name where the last part is a plain name; `None` where
/// `Path`'s own rules are needed.
fn split(path: &Path) -> Option<(&Path, &OsStr)> {
    let bytes = path.as_os_str().as_bytes();
    let slash = bytes.iter().rposition(|&b| b == b'/')?;
    let name = &bytes[slash + 1..];
    if name.is_empty() || name == b"." || name == b".." {
        return None;
    }
    // "/a//b" is in "/a"; "/b" is in "/".
    let mut end = slash;
    while end > 0 && bytes[end - 1] == b'/' {
        end -= 1;
    }
    let folder = if end == 0 { &bytes[..1] } else { &bytes[..end] };
    // "a/./b" and the like: Path drops the ".", so ask it.
    if folder.ends_with(b"/.") || folder == b"." {
        return None;
    }
    Some((
        Path::new(OsStr::from_bytes(folder)),
        OsStr::from_bytes(name),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_name_and_stem_are_what_path_gives() {
        let paths = [
            "/m/Film (2010)/01 Main Title.flac",
            "/m/Film (2010)/01 Main.Title.flac",
            "/m/a//b.mp3",
            "/b.ogg",
            "/",
            "",
            "b.flac",
            "dir/",
            "/m/.hidden",
            "/m/..",
            "/m/.",
            "/m/./x.flac",
            "./x.flac",
            "/m/x.",
            "/m/..x",
            "relative/folder/x.opus",
            "/m/Ünïcødé 音楽/01 曲.flac",
        ];
        for p in paths {
            let path = Path::new(p);
            assert_eq!(folder(path), path.parent(), "folder of {p:?}");
            assert_eq!(name(path), path.file_name(), "name of {p:?}");
            assert_eq!(stem(path), path.file_stem(), "stem of {p:?}");
        }
    }
}
