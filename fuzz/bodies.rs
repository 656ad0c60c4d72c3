#![allow(dead_code)]
//! The bodies of the fuzz targets, shared by `fuzz/fuzz_targets` (libFuzzer,
//! `make fuzz`) and by `tests/fuzz_short.rs` (a bounded run in `make test`).
//! Each takes arbitrary bytes, must never panic, and checks a property that
//! could fail: what is parsed prints back to the same thing.

use std::path::Path;
use std::time::Duration;

use leitmotif::cue::{CueCode, Episode, time};
use leitmotif::library::sidecar;
use leitmotif::library::{FileTags, Library, Medium, StoredFile, UserData};

/// Cue codes (`1M1`, `6m02`, `1M3b`, TV-style `101`) in any text.
pub fn cue_code(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for code in [
        CueCode::find_in(&text),
        CueCode::parse(&text),
        CueCode::parse_numbered(&text),
        CueCode::parse_any(&text),
    ]
    .into_iter()
    .flatten()
    {
        let printed = code.to_string();
        assert_eq!(CueCode::parse_any(&printed), Some(code), "{printed}");
        assert!(!code.describe().is_empty());
    }
}

/// Episode codes (`S01E03`, `1x03`).
pub fn episode(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for e in [Episode::find_in(&text), Episode::parse(&text)]
        .into_iter()
        .flatten()
    {
        assert_eq!(Episode::parse(&e.to_string()), Some(e));
    }
}

/// Production times (`01:12:30`, `PT1H12M30S`).
pub fn production_time(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(t) = time::parse(&text) {
        assert_eq!(time::parse(&time::format_exact(t)), Ok(t), "{text:?}");
        assert!(t < Duration::from_secs(u64::MAX / 2_000));
    }
}

/// The cue sidecar reader, and the writer editing whatever was read.
pub fn cue_sidecar(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = sidecar::parse(Path::new("/m/Film/cues.toml"), &text);
    for cue in &parsed.cues {
        if let Some(file) = &cue.file {
            assert!(
                file.starts_with("/m/Film"),
                "left the folder: {}",
                file.display()
            );
        }
    }
    if let Ok(written) = sidecar::export_text(Some(&text), "Film", Medium::Film, None, &[]) {
        // What it writes is TOML it can read again, with the production it was given.
        let again = sidecar::parse(Path::new("/m/Film/cues.toml"), &written);
        assert!(
            !again
                .warnings
                .iter()
                .any(|w| w.contains("nothing in this file was used")),
            "{written}"
        );
        assert_eq!(again.title.as_deref(), Some("Film"));
    }
}

/// From tags to a track and its production: any tag values make one track in
/// one production, found again by its id, in its production's timeline.
pub fn tags_to_track(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text
        .split('\u{1}')
        .map(|s| (!s.is_empty()).then(|| s.to_string()));
    let mut next = || parts.next().flatten();
    let tags = FileTags {
        title: next(),
        album: next(),
        artists: next().into_iter().collect(),
        composers: next().into_iter().collect(),
        album_artist: next(),
        genres: next().into_iter().collect(),
        description: next(),
        comment: next(),
        grouping: next(),
        work: next(),
        movement: next(),
        language: next(),
        release_types: next().into_iter().collect(),
        lyricist: next(),
        has_lyrics: data.first().is_some_and(|b| b & 1 == 1),
        track_number: data.get(1).map(|&b| u32::from(b)),
        year: data.get(2).map(|&b| 1900 + u32::from(b)),
        duration: Duration::from_millis(u64::from(data.get(3).copied().unwrap_or(0)) * 1000),
        ..FileTags::default()
    };
    let folder = next().unwrap_or_default().replace('\0', "");
    let path = Path::new("/m")
        .join(folder.trim_start_matches('/'))
        .join("x.flac");
    let library = Library::build(
        vec![StoredFile {
            path,
            tags: Box::new(tags),
            added: 0,
            image: None,
        }],
        Vec::new(),
        &[],
        &UserData::default(),
    );
    assert_eq!(library.tracks.len(), 1);
    assert_eq!(library.productions.len(), 1);
    let production = library.production_of(0).expect("its production");
    assert_eq!(production.timeline, vec![0]);
    assert!(!production.title.is_empty() || production.derived_title.is_empty());
}
