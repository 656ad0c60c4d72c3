//! The queue saved as M3U8: UTF-8, `#EXTM3U`, an `#EXTINF` line for each
//! entry with a title or a length, and each file's path relative to the
//! playlist's folder, so that the playlist and its music can move together.
//! Written atomically: a crash leaves the old playlist or the new one.

use std::path::{Component, Path, PathBuf};

use super::Entry;

/// Writes `entries` to `playlist` as M3U8.
pub fn write_m3u8(playlist: &Path, entries: &[Entry]) -> Result<(), String> {
    let playlist = std::path::absolute(playlist).unwrap_or_else(|_| playlist.to_path_buf());
    let folder = playlist.parent().unwrap_or(Path::new("/"));
    let text = to_m3u8(folder, entries);
    crate::files::write_atomically(&playlist, text.as_bytes()).map_err(|e| {
        format!(
            "cannot save the playlist {}: {e}; choose a folder you can write to",
            playlist.display()
        )
    })
}

/// The M3U8 text for `entries`, their paths relative to `folder`.
pub fn to_m3u8(folder: &Path, entries: &[Entry]) -> String {
    let mut text = String::from("#EXTM3U\n");
    for entry in entries {
        if entry.title.is_some() || entry.duration.is_some() {
            let seconds = entry
                .duration
                .map_or(-1, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            let title = entry
                .title
                .as_deref()
                .unwrap_or("")
                .replace(['\n', '\r'], " ");
            text.push_str(&format!("#EXTINF:{seconds},{title}\n"));
        }
        text.push_str(&line_for(folder, &entry.path));
        text.push('\n');
    }
    text
}

/// The line naming `path`: relative when the two share a folder below the
/// root, else absolute; a `file://` URL when the plain form would be read
/// back as something else (a comment, a URL, spaces that are trimmed, bytes
/// that are not UTF-8).
fn line_for(folder: &Path, path: &Path) -> String {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let written = relative(folder, &path).unwrap_or_else(|| path.clone());
    // `#1 Hit.mp3` beside the playlist would be read as a comment.
    let plain = written.to_str().map(|p| {
        if p.starts_with('#') {
            format!("./{p}")
        } else {
            p.to_string()
        }
    });
    match plain {
        Some(plain) if reads_back(&plain) => plain,
        _ => crate::paths::file_url(&path),
    }
}

/// Whether a reader takes `line` for the path it is, as written.
fn reads_back(line: &str) -> bool {
    let risky = line.starts_with('#')
        || line.trim() != line
        || line.contains(['\n', '\r'])
        || line.contains("://")
        || line.to_ascii_lowercase().starts_with("file:")
        || line.as_bytes().get(1) == Some(&b':');
    !line.is_empty() && !risky
}

/// `path` from `folder` with `..` where needed; `None` when they share
/// nothing but the root (an absolute path says more then).
fn relative(folder: &Path, path: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = folder.components().collect();
    let to: Vec<Component> = path.components().collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let below_root = from[..shared]
        .iter()
        .any(|c| matches!(c, Component::Normal(_)));
    if !below_root {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in shared..from.len() {
        out.push("..");
    }
    for part in &to[shared..] {
        out.push(part.as_os_str());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn paths_are_written_relative_to_the_playlist() {
        let folder = Path::new("/home/me/Music/Playlists");
        let entries = vec![
            Entry {
                path: "/home/me/Music/Film/02 2M3 The Signal.ogg".into(),
                title: Some("Composer - 2M3 The Signal".into()),
                duration: Some(Duration::from_millis(225_400)),
            },
            Entry::new("/home/me/Music/Playlists/here.flac"),
            Entry::new("/srv/elsewhere.mp3"),
            Entry::new("/home/me/Music/#1 Hit.mp3"),
            Entry::new("/home/me/Music/Playlists/#2.mp3"),
            Entry::new("/home/me/Music/Playlists/ lead.mp3"),
            Entry::new("/home/me/Music/Album.cue/track03"),
        ];
        assert_eq!(
            to_m3u8(folder, &entries),
            "#EXTM3U\n#EXTINF:225,Composer - 2M3 The Signal\n../Film/02 2M3 The Signal.ogg\n\
             here.flac\n/srv/elsewhere.mp3\n../#1 Hit.mp3\n./#2.mp3\n\
             file:///home/me/Music/Playlists/%20lead.mp3\n../Album.cue/track03\n"
        );
    }

    #[test]
    fn names_that_would_read_back_as_something_else_are_urls() {
        let folder = Path::new("/m");
        for odd in ["/m/ lead.mp3", "/m/two\nlines.mp3", "/m/c:odd.mp3"] {
            let line = line_for(folder, Path::new(odd));
            assert!(line.starts_with("file:///m/"), "{odd}: {line}");
            assert_eq!(crate::paths::path_from_arg(&line), Path::new(odd));
        }
        assert_eq!(line_for(folder, Path::new("/m/a\\b.mp3")), "a\\b.mp3");
    }

    #[test]
    fn a_saved_playlist_reads_back_as_the_same_tracks() {
        use std::os::unix::ffi::OsStrExt;
        let dir = std::env::temp_dir().join(format!("leitmotif-roundtrip-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let names: Vec<PathBuf> = vec![
            dir.join("Music/Film (2010)/01 1M1 Main Title.flac"),
            dir.join("Music/#1 Hit.mp3"),
            dir.join("Lists/#2 beside.mp3"),
            dir.join("Music/ spaced .ogg"),
            dir.join("Music/Été & 100%.mp3"),
            dir.join("Lists/beside.wav"),
            dir.join(std::ffi::OsStr::from_bytes(b"Music/caf\xe9.mp3")),
            dir.join("Music/Album.cue"),
        ];
        for name in &names {
            std::fs::create_dir_all(name.parent().expect("parent")).expect("dir");
            std::fs::write(name, b"x").expect("write");
        }
        let mut entries: Vec<Entry> = names[..names.len() - 1].iter().map(Entry::new).collect();
        entries.push(Entry::new(dir.join("Music/Album.cue/track02")));
        entries[0].title = Some("Composer - Main Title".into());
        entries[0].duration = Some(Duration::from_secs(95));
        let list = dir.join("Lists/Evening.m3u8");
        write_m3u8(&list, &entries).expect("write");
        let text = std::fs::read_to_string(&list).expect("UTF-8");
        assert!(
            text.contains("\n../Music/Film (2010)/01 1M1 Main Title.flac\n"),
            "{text}"
        );
        let back = crate::playlist::read(&list).expect("read");
        assert_eq!(back.problems, vec![]);
        assert_eq!(back.entries, entries);
        let _ = std::fs::remove_dir_all(dir);
    }
}
