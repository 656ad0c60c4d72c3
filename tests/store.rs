//! The library store: incremental rescans, files that go away, and the user's
//! changes surviving rescans and restarts.

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

use leitmotif::library::user_data::path_beside;
use leitmotif::library::{Category, Library, Medium, Store, UserData};
use support::{TempDir, copy_demo};

#[test]
fn rescan_reads_only_what_changed_and_drops_what_is_gone() {
    let dir = TempDir::new("store-rescan");
    let music = copy_demo(&dir);
    let mut store = Store::open(&dir.join("library.sqlite3")).expect("open store");

    let first = store
        .scan(std::slice::from_ref(&music), &|_| {})
        .expect("scan");
    assert_eq!((first.parsed, first.unchanged, first.removed), (8, 0, 0));

    let again = store
        .scan(std::slice::from_ref(&music), &|_| {})
        .expect("rescan");
    assert_eq!(
        (again.parsed, again.unchanged, again.removed),
        (0, 8, 0),
        "nothing changed, nothing read"
    );

    // One file changes (it grows), one disappears.
    let changed = music.join("Lanternfall OST/01 Title Screen.ogg");
    let mut bytes = std::fs::read(&changed).expect("read");
    bytes.extend_from_slice(&[0; 16]);
    std::fs::write(&changed, bytes).expect("write");
    std::fs::remove_file(music.join("Lanternfall OST/02 Forest of Echoes.flac")).expect("remove");
    let third = store
        .scan(std::slice::from_ref(&music), &|_| {})
        .expect("rescan");
    assert_eq!((third.parsed, third.unchanged, third.removed), (1, 6, 1));

    let library = Library::from_store(&store, &UserData::default()).expect("load");
    assert_eq!(library.tracks.len(), 7);
    assert!(
        library
            .tracks
            .iter()
            .all(|t| !t.path.ends_with("02 Forest of Echoes.flac"))
    );
}

#[test]
fn a_large_store_loads_in_parallel_into_the_same_library_as_in_order() {
    let dir = TempDir::new("store-chunks");
    let demo = copy_demo(&dir);
    // Scanned in two steps, so that the store holds the files out of path
    // order; 2,560 files are more than one chunk for each worker.
    let (later, earlier) = (dir.join("z later"), dir.join("a earlier"));
    for root in [&later, &earlier] {
        for i in 0..160 {
            support::link_tree(&demo, &root.join(format!("Copy {i:03}")));
        }
    }
    let mut store = Store::open(&dir.join("library.sqlite3")).expect("open");
    for root in [&later, &earlier] {
        let _ = store
            .scan(std::slice::from_ref(root), &|_| {})
            .expect("scan");
    }
    let mut user = UserData::default();
    let edited = earlier.join("Copy 007/Lanternfall OST/02 Forest of Echoes.flac");
    assert!(edited.is_file(), "{}", edited.display());
    user.track_mut(&edited).category = Some(Category::Song);
    user.track_mut(&edited).scene = Some("The market at dusk".into());

    let loaded = Library::from_store(&store, &user).expect("load");
    let (files, problems) = store.load().expect("load files");
    assert!(
        files
            .windows(2)
            .all(|w| w[0].path.as_os_str() < w[1].path.as_os_str()),
        "files come in path order"
    );
    let sidecars: Vec<_> = store
        .sidecars()
        .expect("sidecars")
        .into_iter()
        .filter_map(|(path, text)| {
            text.ok()
                .map(|t| leitmotif::library::sidecar::parse(&path, &t))
        })
        .collect();
    assert_eq!(sidecars.len(), 320, "the demo's cue sheet in every copy");
    let built = Library::build(files, problems, &sidecars, &user);
    assert_eq!(loaded.tracks.len(), 2_560);
    assert!(loaded.tracks[0].path.starts_with(&earlier), "path order");
    assert!(
        loaded == built,
        "the parallel load differs from the one in order"
    );
    let track = loaded
        .tracks
        .iter()
        .find(|t| t.path == edited)
        .expect("the edited track");
    assert_eq!(track.category, Category::Song);
    assert!(track.category_from_user);
    assert_eq!(track.evidence()[0], "set by you: song");
    assert_eq!(track.placement.scene.as_deref(), Some("The market at dusk"));
}

#[test]
fn the_store_keeps_the_library_across_restarts() {
    let dir = TempDir::new("store-restart");
    let music = copy_demo(&dir);
    let path = dir.join("library.sqlite3");
    let scanned = {
        let mut store = Store::open(&path).expect("open");
        let _ = store
            .scan(std::slice::from_ref(&music), &|_| {})
            .expect("scan");
        Library::from_store(&store, &UserData::default()).expect("load")
    };
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.roots().expect("roots"), vec![music.clone()]);
    let reloaded = Library::from_store(&store, &UserData::default()).expect("load");
    assert_eq!(reloaded.tracks.len(), scanned.tracks.len());
    for (a, b) in scanned.tracks.iter().zip(&reloaded.tracks) {
        assert_eq!(a.path, b.path);
        assert_eq!(
            a.tags,
            b.tags,
            "tags round-trip through the store for {}",
            a.path.display()
        );
        assert_eq!(a.category, b.category);
    }
}

#[test]
fn overrides_survive_rescans_and_restarts() {
    let dir = TempDir::new("store-overrides");
    let music = copy_demo(&dir);
    let store_path = dir.join("library.sqlite3");
    let bin = env!("CARGO_BIN_EXE_leitmotif");
    let run = |args: &[&str]| {
        let out = Command::new(bin)
            .args(args)
            .arg("--store")
            .arg(&store_path)
            .output()
            .expect("run leitmotif");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let music_arg = music.to_string_lossy().into_owned();
    let _ = run(&["scan", &music_arg]);
    let title_screen = music.join("Lanternfall OST/01 Title Screen.ogg");
    let _ = run(&["set-category", &title_screen.to_string_lossy(), "song"]);
    let _ = run(&[
        "set-production",
        "Lanternfall",
        "--medium",
        "tv",
        "--title",
        "Lanternfall Remastered",
    ]);

    // A rescan after a tag-level change to that very file, then a restart.
    let mut bytes = std::fs::read(&title_screen).expect("read");
    bytes.extend_from_slice(&[0; 8]);
    std::fs::write(&title_screen, bytes).expect("write");
    let out = run(&["scan", &music_arg, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let game = json["productions"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["title"] == "Lanternfall Remastered"))
        .expect("the renamed production");
    assert_eq!(game["medium"], "tv");
    let track = game["tracks"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["title"] == "Title Screen"))
        .expect("the track");
    assert_eq!(track["category"], "song");
    assert_eq!(track["evidence"][0], "set by you: song");

    // The edits live apart from the scanned data: deleting the store keeps them.
    std::fs::remove_file(&store_path).expect("remove store");
    let store = Store::open(&store_path).expect("new store");
    let user = UserData::load(&path_beside(&store_path)).expect("user data");
    let mut store = store;
    let _ = store
        .scan(std::slice::from_ref(&music), &|_| {})
        .expect("scan");
    let library = Library::from_store(&store, &user).expect("load");
    let game = library
        .productions
        .iter()
        .find(|p| p.derived_title == "Lanternfall")
        .expect("game");
    assert_eq!(
        (game.title.as_str(), game.medium),
        ("Lanternfall Remastered", Medium::Tv)
    );
    let t = library
        .tracks
        .iter()
        .find(|t| t.path == title_screen)
        .expect("track");
    assert_eq!(t.category, Category::Song);
}

#[test]
fn a_store_from_a_newer_version_is_refused_with_a_reason() {
    let dir = TempDir::new("store-newer");
    let path = dir.join("library.sqlite3");
    drop(Store::open(&path).expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.execute_batch("PRAGMA user_version = 99;")
            .expect("bump version");
    }
    let error = Store::open(&path).err().expect("refused");
    assert!(
        matches!(
            error,
            leitmotif::library::store::OpenError::Newer { found: 99, .. }
        ),
        "{error}"
    );
    assert!(error.is_damaged(), "kept aside, not opened");
    assert!(error.to_string().contains("newer Leitmotif"), "{error}");
    std::fs::write(&path, b"garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage").expect("write");
    let _ = std::fs::remove_file(path.with_extension("sqlite3-wal"));
    let _ = std::fs::remove_file(path.with_extension("sqlite3-shm"));
    let error = Store::open(&path).err().expect("refused");
    assert!(
        matches!(error, leitmotif::library::store::OpenError::Damaged { .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("not a Leitmotif library store"),
        "{error}"
    );
}
