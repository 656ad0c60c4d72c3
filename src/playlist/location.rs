//! Finding the file a playlist entry means: a path relative to the playlist,
//! an absolute path, a `file://` URI, a path written on Windows (backslashes,
//! a drive letter, the wrong case), or the track of a CD image
//! (`…/Album.cue/track03`). An entry that names no file here gets a reason.

use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

use crate::paths::path_from_arg;

/// How a playlist writes its locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A path or a URI (M3U, PLS): `%20` in a plain path is taken as written
    /// first, then decoded.
    Path,
    /// A URI reference (XSPF): percent-encoded even when relative.
    Uri,
}

/// The first of `locations` that names a file, or why none does (the
/// reason for the first).
pub fn resolve_any(locations: &[String], base: &Path, kind: Kind) -> Result<PathBuf, String> {
    let mut first_error = None;
    for location in locations {
        match resolve(location, base, kind) {
            Ok(path) => return Ok(path),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| "the entry names no file".into()))
}

/// The file `location` names, taken from `base` (the playlist's folder) when relative.
pub fn resolve(location: &str, base: &Path, kind: Kind) -> Result<PathBuf, String> {
    let location = location.trim();
    if location.is_empty() {
        return Err("the entry is empty".into());
    }
    if let Some(scheme) = web_scheme(location) {
        return Err(format!(
            "a {scheme} address: Leitmotif plays files on this computer only"
        ));
    }
    if let Some(uri) = file_uri(location) {
        return found(&path_from_arg(&uri))
            .ok_or_else(|| format!("no such file: {}", path_from_arg(&uri).display()));
    }
    let mut tries: Vec<String> = vec![location.to_string()];
    let decoded = percent_decode_str(location)
        .decode_utf8_lossy()
        .into_owned();
    if decoded != location {
        match kind {
            Kind::Uri => tries.insert(0, decoded),
            Kind::Path => tries.push(decoded),
        }
    }
    for text in &tries {
        if let Some(drive_path) = windows_drive(text) {
            if let Some(path) = tail_under(base, &drive_path) {
                return Ok(path);
            }
            continue;
        }
        let literal = base.join(text);
        if let Some(path) = found(&literal) {
            return Ok(path);
        }
        if text.contains('\\')
            && let Some(path) = found(&base.join(text.replace('\\', "/")))
        {
            return Ok(path);
        }
    }
    let first = &tries[0];
    if windows_drive(first).is_some() {
        return Err(format!(
            "a Windows path ({first}) that matches no file under the playlist's folder: \
             the playlist was made on another computer; keep the music beside it and \
             save it again with relative paths"
        ));
    }
    Err(format!(
        "no such file: {}",
        lexical_normal(&base.join(first.replace('\\', "/"))).display()
    ))
}

/// `file:///a`, and the `file:/a` some programs write, as a `file://` URI.
fn file_uri(location: &str) -> Option<String> {
    let lower = location.get(..7)?.to_ascii_lowercase();
    if lower == "file://" {
        Some(format!("file://{}", &location[7..]))
    } else if lower.starts_with("file:/") {
        Some(format!("file://{}", &location[5..]))
    } else {
        None
    }
}

/// The scheme of a URL that is not a file (`http`, `https`, `rtsp`...).
fn web_scheme(location: &str) -> Option<&str> {
    let (scheme, _) = location.split_once("://")?;
    let is_scheme = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (is_scheme && !scheme.eq_ignore_ascii_case("file")).then_some(scheme)
}

/// `C:\Music\a.mp3` (or `C:/Music/a.mp3`) as its parts after the drive.
fn windows_drive(text: &str) -> Option<Vec<String>> {
    let bytes = text.as_bytes();
    let drive = bytes.len() > 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes[2] == b'\\' || bytes[2] == b'/');
    drive.then(|| {
        text[3..]
            .split(['\\', '/'])
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    })
}

/// A Windows absolute path as a file under `base`: the playlist was kept
/// beside its music when both were copied over, so `D:\Music\Album\01.mp3`
/// in `~/Music/list.m3u` is `~/Music/Album/01.mp3`: the longest tail that is there.
fn tail_under(base: &Path, parts: &[String]) -> Option<PathBuf> {
    (0..parts.len()).find_map(|skip| {
        found(
            &parts[skip..]
                .iter()
                .fold(base.to_path_buf(), |p, c| p.join(c)),
        )
    })
}

/// `path` when it is there: as written, a track of a CD image
/// (`…/Album.cue/track03`), or with its names in another case (playlists
/// made on Windows, whose file names ignore case).
fn found(path: &Path) -> Option<PathBuf> {
    let normal = lexical_normal(path);
    // The plain form first (what the library knows); the path as written when
    // `..` crosses a symbolic link and only the file system knows where it goes.
    for candidate in [&normal, path] {
        if candidate.exists() || is_image_track(candidate) {
            return Some(candidate.to_path_buf());
        }
    }
    let other_case = ignoring_case(&normal)?;
    (other_case.exists() || is_image_track(&other_case)).then_some(other_case)
}

fn is_image_track(path: &Path) -> bool {
    crate::cuesheet::split_track_path(path).is_some_and(|(container, _)| container.is_file())
}

/// `a/./b/../c` as `a/c`, without asking the file system: playlists hold
/// `..` to climb out of their folder, and the path shown should be plain.
fn lexical_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The path whose names match `path`'s ignoring case, one folder at a time.
fn ignoring_case(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        let Component::Normal(name) = part else {
            out.push(part.as_os_str());
            continue;
        };
        let exact = out.join(name);
        if exact.exists() {
            out = exact;
            continue;
        }
        let wanted = name.to_str()?.to_lowercase();
        let entries = std::fs::read_dir(if out.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &out
        })
        .ok()?;
        let hit = entries
            .flatten()
            .map(|e| e.file_name())
            .find(|n| n.to_str().is_some_and(|n| n.to_lowercase() == wanted))?;
        out.push(hit);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tree(PathBuf);

    impl Tree {
        fn new(label: &str, files: &[&str]) -> Tree {
            let dir =
                std::env::temp_dir().join(format!("leitmotif-loc-{label}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            for file in files {
                let path = dir.join(file);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
                std::fs::write(&path, b"x").expect("write");
            }
            std::fs::create_dir_all(&dir).expect("dir");
            Tree(dir)
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn every_way_of_writing_a_path_finds_the_file() {
        let tree = Tree::new("ways", &["Lists/x.m3u", "Music/Film OST/01 Main Title.mp3"]);
        let base = tree.0.join("Lists");
        let want = tree.0.join("Music/Film OST/01 Main Title.mp3");
        let absolute = want.display().to_string();
        let url = crate::paths::file_url(&want);
        for written in [
            "../Music/Film OST/01 Main Title.mp3",
            "..\\Music\\Film OST\\01 Main Title.mp3",
            "../music/film ost/01 main title.MP3",
            absolute.as_str(),
            url.as_str(),
            &url.replacen("file://", "file:", 1),
            "../Music/Film%20OST/01%20Main%20Title.mp3",
        ] {
            assert_eq!(
                resolve(written, &base, Kind::Path).as_deref(),
                Ok(want.as_path()),
                "{written}"
            );
        }
        assert_eq!(
            resolve(
                "../Music/Film%20OST/01%20Main%20Title.mp3",
                &base,
                Kind::Uri
            )
            .as_deref(),
            Ok(want.as_path())
        );
    }

    #[test]
    fn windows_absolute_paths_are_found_under_the_playlist() {
        let tree = Tree::new("drive", &["Music/list.m3u", "Music/Album/01.mp3"]);
        let base = tree.0.join("Music");
        assert_eq!(
            resolve("D:\\Music\\Album\\01.mp3", &base, Kind::Path),
            Ok(base.join("Album/01.mp3"))
        );
        let err = resolve("D:\\Elsewhere\\02.mp3", &base, Kind::Path).expect_err("not there");
        assert!(err.contains("Windows path"), "{err}");
    }

    #[test]
    fn what_names_no_file_says_why() {
        let tree = Tree::new("why", &["a.mp3"]);
        let err = resolve("http://radio.example/stream", &tree.0, Kind::Path).expect_err("web");
        assert!(err.contains("http address"), "{err}");
        let err = resolve("sub/../gone.mp3", &tree.0, Kind::Path).expect_err("gone");
        assert_eq!(
            err,
            format!("no such file: {}", tree.0.join("gone.mp3").display())
        );
        assert!(resolve("  ", &tree.0, Kind::Path).is_err());
        assert_eq!(
            resolve_any(&["gone.mp3".into(), "a.mp3".into()], &tree.0, Kind::Uri),
            Ok(tree.0.join("a.mp3"))
        );
    }

    #[test]
    fn tracks_of_a_cd_image_are_found_by_their_sheet() {
        let tree = Tree::new("image", &["Album.cue", "Album.flac"]);
        assert_eq!(
            resolve("Album.cue/track03", &tree.0, Kind::Path),
            Ok(tree.0.join("Album.cue/track03"))
        );
        assert!(resolve("Album.cue/notatrack", &tree.0, Kind::Path).is_err());
    }
}
