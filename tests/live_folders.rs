//! Live folders (issue 17, part 2) through the code the window runs: real
//! inotify watches, the debounce, and the store's own scan. An album copied
//! into a followed folder is in the store within 10 s, in one pass however
//! many files it has; a deleted file leaves; a folder that goes away keeps
//! its tracks, marked offline, and is followed again when it is back.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use leitmotif::library::watch::{Change, Follow};
use leitmotif::library::{Library, Store, UserData};

/// Waits (at most `within`) for a pass the follower reports, and returns it.
fn next_pass(changes: &Receiver<Change>, within: Duration) -> (Vec<PathBuf>, Vec<PathBuf>, usize) {
    match changes.recv_timeout(within) {
        Ok(Change::Stored {
            roots,
            offline,
            report,
            ..
        }) => (roots, offline, report.parsed),
        Ok(Change::Notice(text)) => panic!("the follower said: {text}"),
        Err(e) => panic!("no pass within {within:?}: {e}"),
    }
}

/// A library folder with one album already in the store, followed.
fn followed(dir: &support::TempDir) -> (PathBuf, PathBuf, Follow, Receiver<Change>) {
    let root = dir.join("music");
    support::copy_tree(
        &support::demo().join("Lanternfall OST"),
        &root.join("Lanternfall OST"),
    );
    let store_path = dir.join("data/library.sqlite3");
    let mut store = Store::open(&store_path).expect("open the store");
    let _ = store
        .scan(std::slice::from_ref(&root), &|_| {})
        .expect("first scan");
    let (follow, changes) =
        Follow::start(store_path.clone(), vec![root.clone()]).expect("follow the folder");
    assert_eq!(follow.roots(), std::slice::from_ref(&root));
    (root, store_path, follow, changes)
}

fn stored(store: &Path, file: &Path) -> bool {
    Store::open(store)
        .map_err(String::from)
        .and_then(|s| s.contains(file))
        .expect("read the store")
}

#[test]
fn an_album_copied_in_is_stored_in_one_pass_and_a_deleted_file_leaves() {
    let dir = support::TempDir::new("live-copy");
    let (root, store, _follow, changes) = followed(&dir);
    let album = "Arrival Point (Original Motion Picture Score)";
    let source = support::demo().join("Arrival Point (2024)").join(album);
    let copied = Instant::now();
    support::copy_tree(&source, &root.join(album));
    // And 1,000 more files at once (hard links of a demo file): still one pass.
    let many = root.join("Many");
    std::fs::create_dir_all(&many).expect("folder");
    let one = support::demo().join("Lanternfall OST/01 Title Screen.ogg");
    for n in 0..1000 {
        std::fs::hard_link(&one, many.join(format!("{n:04}.ogg"))).expect("link");
    }
    let (roots, offline, parsed) = next_pass(&changes, Duration::from_secs(10));
    assert!(
        copied.elapsed() < Duration::from_secs(10),
        "{:?}",
        copied.elapsed()
    );
    assert_eq!(roots, vec![root.clone()]);
    assert!(offline.is_empty());
    assert_eq!(
        parsed, 1003,
        "the album and the 1,000 files in the one pass"
    );
    for name in [
        "01 1M1 Landing.flac",
        "02 2M3 The Signal.ogg",
        "03 5M2 Departure.mp3",
    ] {
        assert!(stored(&store, &root.join(album).join(name)), "{name}");
    }
    assert!(stored(&store, &many.join("0999.ogg")));
    assert!(
        changes
            .recv_timeout(leitmotif::library::watch::SETTLE + Duration::from_secs(1))
            .is_err(),
        "one copy, one pass: no second pass follows"
    );

    let gone = root.join(album).join("02 2M3 The Signal.ogg");
    std::fs::remove_file(&gone).expect("delete");
    let _ = next_pass(&changes, Duration::from_secs(10));
    assert!(!stored(&store, &gone), "a deleted file leaves the store");
    assert!(stored(
        &store,
        &root.join(album).join("01 1M1 Landing.flac")
    ));
}

#[test]
fn a_folder_that_goes_away_is_kept_and_marked_then_comes_back() {
    let dir = support::TempDir::new("live-away");
    let (root, store, _follow, changes) = followed(&dir);
    let track = root.join("Lanternfall OST/02 Forest of Echoes.flac");
    assert!(stored(&store, &track));

    // Unplugged: the folder is not there any more.
    let away = dir.join("elsewhere");
    std::fs::rename(&root, &away).expect("move the folder away");
    let (_, offline, _) = next_pass(&changes, Duration::from_secs(10));
    assert_eq!(offline, vec![root.clone()]);
    assert!(stored(&store, &track), "the tracks are kept");
    let library = Library::from_store(&Store::open(&store).expect("store"), &UserData::default())
        .expect("load");
    assert_eq!(library.tracks.len(), 3, "nothing was emptied");
    assert_eq!(library.offline, vec![root.clone()]);
    let id = library
        .tracks
        .iter()
        .position(|t| t.path == track)
        .expect("still in the library");
    assert!(library.is_offline(id), "and marked");

    // Plugged back in, with a new file on it: followed again.
    std::fs::rename(&away, &root).expect("move it back");
    let (_, offline, _) = next_pass(&changes, Duration::from_secs(10));
    assert!(offline.is_empty(), "back: {offline:?}");
    let later = root.join("Lanternfall OST/04 Later.ogg");
    std::fs::copy(
        support::demo().join("Lanternfall OST/01 Title Screen.ogg"),
        &later,
    )
    .expect("copy");
    let _ = next_pass(&changes, Duration::from_secs(10));
    assert!(stored(&store, &later), "the folder is watched again");
    let library = Library::from_store(&Store::open(&store).expect("store"), &UserData::default())
        .expect("load");
    assert!(library.offline.is_empty());
    assert_eq!(library.tracks.len(), 4);
}

#[test]
fn files_only_read_are_no_change() {
    let dir = support::TempDir::new("live-read");
    let (root, _store, _follow, changes) = followed(&dir);
    // The player and the scan open and read files all the time: no pass.
    for entry in std::fs::read_dir(root.join("Lanternfall OST")).expect("list") {
        let _ = std::fs::read(entry.expect("entry").path()).expect("read");
    }
    let quiet = leitmotif::library::watch::SETTLE + Duration::from_secs(2);
    assert!(
        changes.recv_timeout(quiet).is_err(),
        "reading files made a pass"
    );
}

/// The name of the test below, to run it again inside a user namespace.
const WATCH_LIMIT_TEST: &str = "at_the_watch_limit_a_folder_is_said_and_checked_periodically";

/// A folder with more subfolders than inotify may watch: the user is told,
/// with what to do, and the folder is checked periodically instead. The
/// limit is lowered in a user namespace of the test's own (unshare -Ur),
/// where `user.max_inotify_watches` is its own and no other program's.
#[test]
fn at_the_watch_limit_a_folder_is_said_and_checked_periodically() {
    if std::env::var_os("LEITMOTIF_TEST_WATCH_LIMIT").is_none() {
        support::require_tools(&["unshare"]);
        let exe = std::env::current_exe().expect("the test binary");
        let out = std::process::Command::new("unshare")
            .args(["-Ur", "--"])
            .arg(exe)
            .args([
                "--exact",
                WATCH_LIMIT_TEST,
                "--nocapture",
                "--test-threads=1",
            ])
            .env("LEITMOTIF_TEST_WATCH_LIMIT", "1")
            .output()
            .expect("run unshare");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{said}");
        assert!(said.contains("1 passed"), "the test ran inside: {said}");
        return;
    }
    std::fs::write("/proc/sys/user/max_inotify_watches", "30")
        .expect("lower the watch limit in this user namespace");
    let dir = support::TempDir::new("live-limit");
    let root = dir.join("music");
    for n in 0..60 {
        std::fs::create_dir_all(root.join(format!("Disc {n:02}"))).expect("folder");
    }
    let store_path = dir.join("data/library.sqlite3");
    let _ = Store::open(&store_path)
        .map_err(String::from)
        .and_then(|mut s| s.scan(std::slice::from_ref(&root), &|_| {}))
        .expect("first scan");
    let (_follow, changes) = Follow::start_checking_every(
        store_path.clone(),
        vec![root.clone()],
        Duration::from_secs(2),
    )
    .expect("follow");
    match changes.recv_timeout(Duration::from_secs(10)) {
        Ok(Change::Notice(text)) => {
            assert!(text.contains("checked for changes every 2 s"), "{text}");
            assert!(text.contains("max_user_watches"), "says what to do: {text}");
        }
        other => panic!("expected the watch-limit notice, got {other:?}"),
    }
    let new = root.join("Disc 42/01 Title Screen.ogg");
    std::fs::copy(
        support::demo().join("Lanternfall OST/01 Title Screen.ogg"),
        &new,
    )
    .expect("copy");
    let (_, _, parsed) = next_pass(&changes, Duration::from_secs(10));
    assert_eq!(parsed, 1);
    assert!(stored(&store_path, &new), "the periodic check stored it");
}

/// A track under a folder that is not there says so in the library list.
#[test]
fn an_offline_track_is_marked_in_the_list() {
    let dir = support::TempDir::new("live-mark");
    let root = dir.join("music");
    support::copy_tree(
        &support::demo().join("Lanternfall OST"),
        &root.join("Lanternfall OST"),
    );
    let store_path = dir.join("data/library.sqlite3");
    let mut store = Store::open(&store_path).expect("store");
    let _ = store
        .scan(std::slice::from_ref(&root), &|_| {})
        .expect("scan");
    let shown = |store: &Store| {
        let library = Library::from_store(store, &UserData::default()).expect("load");
        let app = leitmotif::gui::App::with_library(library);
        let mut ui = iced_test::simulator(app.view());
        ui.find("offline").is_ok()
    };
    assert!(!shown(&store), "not while the folder is there");
    std::fs::rename(&root, dir.join("away")).expect("unplug");
    let _ = store
        .scan(std::slice::from_ref(&root), &|_| {})
        .expect("rescan");
    assert!(shown(&store), "its tracks say offline");
}

/// A file renamed in a followed folder: the pass says from where to where,
/// so that what the user said of the track goes with it.
#[test]
fn a_rename_is_reported_from_and_to() {
    let dir = support::TempDir::new("live-rename");
    let (root, store, _follow, changes) = followed(&dir);
    let from = root.join("Lanternfall OST/01 Title Screen.ogg");
    let to = root.join("Lanternfall OST/01 The Title Screen.ogg");
    std::fs::rename(&from, &to).expect("rename");
    match changes.recv_timeout(Duration::from_secs(10)) {
        Ok(Change::Stored { moved, .. }) => assert_eq!(moved, vec![(from.clone(), to.clone())]),
        other => panic!("expected a pass, got {other:?}"),
    }
    assert!(stored(&store, &to) && !stored(&store, &from));
}

/// The window hears of a move and keeps the user's mark on the track under
/// its new name (the edits file is updated at once).
#[test]
fn a_moved_track_keeps_what_the_user_said_of_it() {
    use leitmotif::gui::message::{EditMessage, LibraryMessage, Message};
    use leitmotif::library::{Category, TrackKey};
    let dir = support::TempDir::new("live-moved-edit");
    let music = support::copy_demo(&dir);
    let mut app =
        leitmotif::gui::App::with_library(Library::scan(std::slice::from_ref(&music), &|_| {}));
    let edits = dir.join("library.user.json");
    app.keep_edits_in(edits.clone()).expect("edits file");
    let from = music.join("Lanternfall OST/01 Title Screen.ogg");
    let to = music.join("Lanternfall OST/01 Main Title.ogg");
    let _ = app.update(Message::Edit(EditMessage::SetCategory(
        TrackKey::new(&from),
        Category::Song,
    )));
    assert_eq!(
        app.user().track(&from).and_then(|e| e.category),
        Some(Category::Song)
    );
    std::fs::rename(&from, &to).expect("rename");
    let _ = app.update(Message::Library(LibraryMessage::Followed(Change::Stored {
        roots: vec![music.clone()],
        report: leitmotif::library::store::ScanReport::default(),
        offline: Vec::new(),
        moved: vec![(from.clone(), to.clone())],
    })));
    assert_eq!(
        app.user().track(&to).and_then(|e| e.category),
        Some(Category::Song)
    );
    assert!(app.user().track(&from).is_none());
    let saved = UserData::load(&edits).expect("read the edits file");
    assert_eq!(
        saved.track(&to).and_then(|e| e.category),
        Some(Category::Song)
    );
}
