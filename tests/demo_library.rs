//! The demo library read as a user would see it: productions, media,
//! categories and their evidence, and the JSON of `leitmotif scan`.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::process::Command;

use leitmotif::library::{Category, Library, Medium};

#[test]
fn demo_groups_into_a_film_and_a_game() {
    let library = Library::scan(&[support::demo()], &|_| {});
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let titles: Vec<&str> = library
        .productions
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles, ["Arrival Point", "Lanternfall"]);

    let film = &library.productions[0];
    assert_eq!(film.medium, Medium::Film);
    assert_eq!(film.year, Some(2024));
    assert_eq!(
        film.composers.first().map(String::as_str),
        Some("Mara Lindqvist")
    );
    assert_eq!(
        film.albums.len(),
        2,
        "score and songs albums merge into one production"
    );
    let category = |title: &str| {
        library
            .tracks
            .iter()
            .find(|t| t.title == title)
            .map(|t| (t.category, t.evidence()))
            .unwrap_or_else(|| panic!("no track {title}"))
    };
    let (landing, evidence) = category("1M1 Landing");
    assert_eq!(landing, Category::Score);
    assert!(
        evidence.contains(&"score: title has cue 1M1".to_string()),
        "{evidence:?}"
    );
    let (neon, evidence) = category("Neon Highway");
    assert_eq!(neon, Category::Song);
    assert!(
        evidence.iter().any(|e| e.contains("lyricist")),
        "{evidence:?}"
    );
    assert_eq!(category("Slow Dust (feat. Ilse Moreau)").0, Category::Song);

    let game = &library.productions[1];
    assert_eq!(game.medium, Medium::Game);
    assert!(
        game.tracks
            .iter()
            .all(|&t| library.tracks[t].category == Category::Score)
    );
    let formats: std::collections::BTreeSet<&str> = library
        .tracks
        .iter()
        .map(|t| t.tags.format.as_str())
        .collect();
    assert_eq!(
        formats.into_iter().collect::<Vec<_>>(),
        ["FLAC", "MP3", "Ogg Vorbis"]
    );
}

#[test]
fn mp3_description_in_a_txxx_frame_is_read() {
    let library = Library::scan(&[support::demo()], &|_| {});
    let departure = library
        .tracks
        .iter()
        .find(|t| t.title == "5M2 Departure")
        .expect("demo mp3");
    assert_eq!(departure.tags.format, "MP3");
    assert!(
        departure
            .tags
            .description
            .as_deref()
            .is_some_and(|d| d.starts_with("End credits")),
        "{:?}",
        departure.tags.description
    );
    assert_eq!(departure.tags.release_types, ["album", "soundtrack"]);
}

#[test]
fn scan_json_lists_productions_and_problems() {
    let dir = support::TempDir::new("scan-json");
    std::fs::create_dir_all(dir.join("inbox")).expect("inbox");
    std::fs::write(dir.join("inbox/broken.mp3"), b"this is not audio at all").expect("write");
    std::fs::write(dir.join("inbox/notes.txt"), b"ignored").expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(["scan", "--json", "--store"])
        .arg(dir.join("store/library.sqlite3"))
        .arg(support::demo())
        .arg(dir.join("inbox"))
        .output()
        .expect("run leitmotif scan");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let productions = json["productions"].as_array().expect("productions");
    assert_eq!(productions.len(), 2);
    assert_eq!(productions[0]["medium"], "film");
    let track = &productions[0]["tracks"][0];
    assert_eq!(track["title"], "1M1 Landing");
    assert_eq!(track["cue"], "1M1");
    assert_eq!(track["category"], "score");
    assert_eq!(track["duration_ms"], 6000);
    assert_eq!(track["playable"], true);
    let problems = json["problems"].as_array().expect("problems");
    assert_eq!(
        problems.len(),
        1,
        "only the fake mp3, not the text file: {problems:?}"
    );
    assert!(
        problems[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("broken.mp3"))
    );
    assert!(!problems[0]["error"].as_str().unwrap_or_default().is_empty());
}
