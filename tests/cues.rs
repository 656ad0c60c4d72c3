//! Scene and timeline context end to end: the demo's cue sidecar, scene notes
//! that survive rescans and restarts, and "Export cues".

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::path::Path;
use std::time::Duration;

use leitmotif::library::sidecar;
use leitmotif::library::user_data::path_beside;
use leitmotif::library::{Library, Store, UserData};
use support::{TempDir, copy_demo};

fn track_id(library: &Library, title: &str) -> usize {
    library
        .tracks
        .iter()
        .position(|t| t.title == title)
        .unwrap_or_else(|| panic!("the demo has {title}"))
}

#[test]
fn the_demo_film_is_placed_by_its_sidecar() {
    let library = Library::scan(&[support::demo()], &|_| {});
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let film = &library.productions[0];
    assert_eq!(film.title, "Arrival Point");
    assert_eq!(film.runtime, Some(Duration::from_secs(112 * 60)));
    let order: Vec<&str> = film
        .timeline
        .iter()
        .map(|&t| library.tracks[t].title.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "1M1 Landing",
            "Neon Highway",
            "2M3 The Signal",
            "Slow Dust (feat. Ilse Moreau)",
            "5M2 Departure"
        ],
        "film order interleaves score and songs by start time"
    );
}

#[test]
fn scene_notes_survive_a_rescan_and_a_restart() {
    let dir = TempDir::new("cues-notes");
    let music = copy_demo(&dir);
    let store_path = dir.join("library.sqlite3");
    let user_path = path_beside(&store_path);
    {
        let mut store = Store::open(&store_path).expect("open");
        let _ = store
            .scan(std::slice::from_ref(&music), &|_| {})
            .expect("scan");
        let library = Library::from_store(&store, &UserData::default()).expect("load");
        let id = track_id(&library, "Forest of Echoes");
        let mut user = UserData::default();
        let note = user.track_mut(&library.tracks[id].path);
        note.scene = Some("The first walk into the wood.".into());
        note.start_ms = Some(95_000);
        user.save(&user_path).expect("save notes");
    }
    // A restart: the store and the notes are opened again, and the folder rescanned
    // after the file itself changed (its tags are read again).
    let forest = music.join("Lanternfall OST/02 Forest of Echoes.flac");
    let bytes = std::fs::read(&forest).expect("read");
    std::fs::write(&forest, &bytes).expect("touch");
    let mut store = Store::open(&store_path).expect("reopen");
    let report = store
        .scan(std::slice::from_ref(&music), &|_| {})
        .expect("rescan");
    assert_eq!(report.sidecars, 1);
    let user = UserData::load(&user_path).expect("notes");
    let library = Library::from_store(&store, &user).expect("load");
    let id = track_id(&library, "Forest of Echoes");
    let placement = &library.tracks[id].placement;
    assert_eq!(
        placement.scene.as_deref(),
        Some("The first walk into the wood.")
    );
    assert_eq!(placement.start, Some(Duration::from_secs(95)));
    // The film's sidecar was read from the store again.
    let landing = track_id(&library, "1M1 Landing");
    assert_eq!(
        library.tracks[landing].placement.start,
        Some(Duration::from_secs(65))
    );
}

#[test]
fn export_writes_sidecars_that_read_back_and_keeps_backups() {
    let dir = TempDir::new("cues-export");
    let music = copy_demo(&dir);
    let mut user = UserData::default();
    let library = Library::scan(std::slice::from_ref(&music), &|_| {});
    let boss = track_id(&library, "Boss: The Hollow King");
    let signal = track_id(&library, "2M3 The Signal");
    user.track_mut(&library.tracks[boss].path).start_ms = Some(3_600_000);
    user.track_mut(&library.tracks[signal].path).scene = Some("My own words for 2M3.".into());
    let files: Vec<_> = library
        .tracks
        .iter()
        .map(|t| leitmotif::library::StoredFile {
            path: t.path.clone(),
            tags: t.tags.clone(),
            added: 0,
            image: None,
        })
        .collect();
    let sidecars: Vec<_> = [music.join("Arrival Point (2024)").join(sidecar::FILE_NAME)]
        .iter()
        .map(|p| sidecar::parse(p, &std::fs::read_to_string(p).expect("demo sidecar")))
        .collect();
    let library = Library::build(files, Vec::new(), &sidecars, &user);

    for index in 0..library.productions.len() {
        let written = leitmotif::library::export::export_cues(&library, index).expect("export");
        assert_eq!(written.len(), 1, "{written:?}");
    }
    // The film's existing sidecar was edited in place, with a backup.
    let film_sidecar = music.join("Arrival Point (2024)/cues.toml");
    let backup = music.join("Arrival Point (2024)/cues.toml.1.bak");
    let text = std::fs::read_to_string(&film_sidecar).expect("film sidecar");
    assert!(
        text.starts_with("# Where each cue of Arrival Point plays"),
        "comments kept:\n{text}"
    );
    assert!(text.contains("My own words for 2M3."), "{text}");
    assert_eq!(
        std::fs::read_to_string(&backup).ok(),
        std::fs::read_to_string(support::demo().join("Arrival Point (2024)/cues.toml")).ok()
    );
    // The game had none: a new one in its folder.
    let game_sidecar = music.join("Lanternfall OST/cues.toml");
    assert!(game_sidecar.exists());
    assert!(!music.join("Lanternfall OST/cues.toml.1.bak").exists());

    // Read back by a fresh scan, with no notes at all: the same placements.
    let again = Library::scan(std::slice::from_ref(&music), &|_| {});
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    let boss = track_id(&again, "Boss: The Hollow King");
    assert_eq!(
        again.tracks[boss].placement.start,
        Some(Duration::from_secs(3600))
    );
    assert_eq!(
        again.tracks[boss].placement.scene.as_deref(),
        Some("Boss battle at the end of the Whispering Wood.")
    );
    let signal = track_id(&again, "2M3 The Signal");
    assert_eq!(
        again.tracks[signal].placement.scene.as_deref(),
        Some("My own words for 2M3.")
    );
    let film = &again.productions[0];
    assert_eq!(film.runtime, Some(Duration::from_secs(112 * 60)));
    assert_eq!(film.timeline, library.productions[0].timeline);
}

#[test]
fn a_bad_sidecar_never_fails_a_scan() {
    let dir = TempDir::new("cues-bad");
    let music = copy_demo(&dir);
    let film = music.join("Arrival Point (2024)");
    std::fs::write(
        film.join("cues.toml"),
        "[[cue]]\nfile = \"../../../etc/passwd\"\n[[cue]]\ncode = \"2M3\"\nstart = \"soon\"\n",
    )
    .expect("write");
    std::fs::write(music.join("Lanternfall OST/cues.toml"), "this is not [toml").expect("write");
    let library = Library::scan(std::slice::from_ref(&music), &|_| {});
    assert_eq!(library.tracks.len(), 8, "every track is still there");
    let problems: Vec<String> = library
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.path.display(), p.error))
        .collect();
    let all = problems.join("\n");
    assert!(
        all.contains("cues.toml: line 2: file \"../../../etc/passwd\" points outside"),
        "{all}"
    );
    assert!(
        all.contains("cues.toml: line 5: start: \"soon\" is not a time"),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "{}: line 1:",
            Path::new(&music)
                .join("Lanternfall OST/cues.toml")
                .display()
        )),
        "{all}"
    );
}
