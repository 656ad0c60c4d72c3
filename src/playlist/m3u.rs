//! M3U and M3U8: one location a line; `#EXTM3U` starts an extended one,
//! whose `#EXTINF:seconds,Artist - Title` lines describe the entry after
//! them. Other `#` lines are comments or directives Leitmotif does not use.

use std::time::Duration;

use super::location::Kind;
use super::{Place, RawEntry};

/// The entries of M3U text, each with its line.
pub fn parse(text: &str) -> Vec<RawEntry> {
    let mut entries = Vec::new();
    let mut info: Option<(Option<Duration>, Option<String>)> = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = strip_prefix_ignoring_case(line, "#EXTINF:") {
            info = Some(extinf(rest));
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (duration, title) = info.take().unwrap_or_default();
        entries.push(RawEntry {
            place: Place::Line(index + 1),
            locations: vec![line.to_string()],
            kind: Kind::Path,
            title,
            duration,
        });
    }
    entries
}

fn strip_prefix_ignoring_case<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &line[prefix.len()..])
}

/// `123,Artist - Title`, or `-1 tvg-name="a, b",Title` with attributes
/// (whose quoted values may hold commas): the length (none when -1) and the title.
fn extinf(rest: &str) -> (Option<Duration>, Option<String>) {
    let mut quoted = false;
    let comma = rest.char_indices().find_map(|(i, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == ',' && !quoted).then_some(i)
    });
    let (head, title) = match comma {
        Some(i) => (&rest[..i], Some(rest[i + 1..].trim())),
        None => (rest, None),
    };
    let seconds = head.split_whitespace().next().unwrap_or("");
    let duration = seconds
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0 && *s < 1e9)
        .map(Duration::from_secs_f64);
    let title = title.filter(|t| !t.is_empty()).map(str::to_string);
    (duration, title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playlist::{Format, parse as read_text};

    #[test]
    fn extended_m3u_gives_lengths_titles_and_lines() {
        let text = "#EXTM3U\r\n#PLAYLIST:Arrival Point\r\n\r\n#EXTINF:225,Composer - 2M3 The Signal\r\n\
                    score/02 The Signal.ogg\r\n#EXTINF:-1 tvg-name=\"a, b\",Neon Highway\r\n\
                    songs/01.mp3\r\nplain.flac\r\n";
        let entries = parse(text);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].place, Place::Line(5));
        assert_eq!(
            entries[0].locations,
            vec!["score/02 The Signal.ogg".to_string()]
        );
        assert_eq!(entries[0].duration, Some(Duration::from_secs(225)));
        assert_eq!(
            entries[0].title.as_deref(),
            Some("Composer - 2M3 The Signal")
        );
        assert_eq!(entries[1].duration, None);
        assert_eq!(entries[1].title.as_deref(), Some("Neon Highway"));
        // An #EXTINF describes only the line after it.
        assert_eq!(entries[2].title, None);
        assert_eq!(entries[2].place, Place::Line(8));
    }

    #[test]
    fn a_broken_m3u_keeps_what_resolves_and_names_the_lines_that_do_not() {
        let dir = std::env::temp_dir().join(format!("leitmotif-m3u-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).expect("dir");
        std::fs::write(dir.join("a/1.mp3"), b"x").expect("write");
        std::fs::write(dir.join("2.ogg"), b"x").expect("write");
        let text = "#EXTM3U\n#EXTINF:oops\na/1.mp3\nmissing.flac\nhttps://stream.example/live\n\
                    #EXTINF:12,\n2.ogg\n";
        let list = read_text(text, Format::M3u, &dir);
        let paths: Vec<_> = list.entries.iter().map(|e| e.path.clone()).collect();
        assert_eq!(paths, vec![dir.join("a/1.mp3"), dir.join("2.ogg")]);
        assert_eq!(list.entries[0].duration, None, "a bad #EXTINF is no length");
        assert_eq!(list.entries[1].duration, Some(Duration::from_secs(12)));
        assert_eq!(list.entries[1].title, None);
        let places: Vec<_> = list.problems.iter().map(|p| p.place).collect();
        assert_eq!(places, vec![Place::Line(4), Place::Line(5)]);
        assert!(list.problems[0].reason.starts_with("no such file"));
        assert_eq!(list.problems[0].text, "missing.flac");
        assert!(list.problems[1].reason.contains("https address"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_cp1252_m3u_from_windows_is_read() {
        let dir = std::env::temp_dir().join(format!("leitmotif-m3u-1252-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("Amélie")).expect("dir");
        std::fs::write(dir.join("Amélie/01 Comptine d'un autre été.mp3"), b"x").expect("write");
        // "Amélie\01 Comptine d'un autre été.mp3" as Windows' Notepad saved it.
        let bytes = b"#EXTM3U\r\n#EXTINF:140,Yann Tiersen - Comptine\r\n\
                      Am\xe9lie\\01 Comptine d'un autre \xe9t\xe9.mp3\r\n";
        let list_path = dir.join("list.m3u");
        std::fs::write(&list_path, bytes).expect("write");
        let list = crate::playlist::read(&list_path).expect("read");
        assert_eq!(list.problems, vec![]);
        assert_eq!(
            list.entries[0].path,
            dir.join("Amélie/01 Comptine d'un autre été.mp3")
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
