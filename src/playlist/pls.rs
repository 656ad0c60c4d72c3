//! PLS: an INI file with a `[playlist]` section of `FileN=`, `TitleN=` and
//! `LengthN=` keys (any case), `NumberOfEntries` and `Version`. Entries go in
//! the order of N, not of the lines.

use std::collections::BTreeMap;
use std::time::Duration;

use super::location::Kind;
use super::{Place, Problem, RawEntry};

#[derive(Default)]
struct Numbered {
    file: Option<(String, usize)>,
    title: Option<String>,
    length: Option<Duration>,
    first_line: usize,
}

/// The entries of PLS text, and the lines that are not PLS.
pub fn parse(text: &str) -> (Vec<RawEntry>, Vec<Problem>) {
    let mut numbered: BTreeMap<u32, Numbered> = BTreeMap::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with(';') || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            problems.push(Problem {
                place: Place::Line(line_number),
                text: line.to_string(),
                reason: "not a PLS line: expected Key=value, such as File1=music.mp3".into(),
            });
            continue;
        };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
        let Some((field, number)) = split_number(&key) else {
            // NumberOfEntries, Version and keys of other programs.
            continue;
        };
        let entry = numbered.entry(number).or_insert_with(|| Numbered {
            first_line: line_number,
            ..Numbered::default()
        });
        match field {
            "file" => entry.file = Some((value.to_string(), line_number)),
            "title" => entry.title = Some(value.to_string()).filter(|t| !t.is_empty()),
            "length" => entry.length = value.parse::<u64>().ok().map(Duration::from_secs),
            _ => {}
        }
    }
    let mut entries = Vec::new();
    for (number, item) in numbered {
        match item.file {
            Some((location, line)) => entries.push(RawEntry {
                place: Place::Line(line),
                locations: vec![location],
                kind: Kind::Path,
                title: item.title,
                duration: item.length,
            }),
            None => problems.push(Problem {
                place: Place::Line(item.first_line),
                text: format!("entry {number}"),
                reason: format!("entry {number} has a title or length but no File{number}="),
            }),
        }
    }
    (entries, problems)
}

/// `file12` as `("file", 12)`.
fn split_number(key: &str) -> Option<(&str, u32)> {
    let digits = key.find(|c: char| c.is_ascii_digit())?;
    let (field, number) = key.split_at(digits);
    Some((field, number.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pls_entries_follow_their_numbers_with_titles_and_lengths() {
        let text = "[playlist]\nNumberOfEntries=3\nFile2=b.mp3\nTitle2=Second\nLength2=-1\n\
                    file1=a.flac\ntitle1=First\nlength1=200\nFile10=c.ogg\nVersion=2\n";
        let (entries, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        let locations: Vec<_> = entries.iter().map(|e| e.locations[0].as_str()).collect();
        assert_eq!(locations, ["a.flac", "b.mp3", "c.ogg"]);
        assert_eq!(entries[0].place, Place::Line(6));
        assert_eq!(entries[0].title.as_deref(), Some("First"));
        assert_eq!(entries[0].duration, Some(Duration::from_secs(200)));
        assert_eq!(entries[1].duration, None, "-1 is no length");
    }

    #[test]
    fn a_broken_pls_names_its_bad_lines_and_keeps_the_rest() {
        let dir = std::env::temp_dir().join(format!("leitmotif-pls-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("a.flac"), b"x").expect("write");
        let text = "[playlist]\nFile1=a.flac\nthis line is junk\nTitle2=No file\nFile3=gone.mp3\n";
        let list = crate::playlist::parse(text, crate::playlist::Format::Pls, &dir);
        assert_eq!(list.entries.len(), 1);
        assert_eq!(list.entries[0].path, dir.join("a.flac"));
        let places: Vec<_> = list.problems.iter().map(|p| p.place).collect();
        assert_eq!(
            places,
            vec![Place::Line(3), Place::Line(4), Place::Line(5)],
            "{:?}",
            list.problems
        );
        assert!(list.problems[0].reason.contains("not a PLS line"));
        assert!(list.problems[1].reason.contains("no File2="));
        assert!(list.problems[2].reason.contains("no such file"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
