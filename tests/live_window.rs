//! Live folders and playlists in the real app, in a real window (Xvfb, a
//! private sound server): nothing is asked of the window, yet an album
//! copied into its library folder shows within 10 s, a deleted file leaves,
//! and a folder that goes away keeps its tracks; a playlist given to a
//! second launch plays in the open window. The app's log says when it read
//! the library again ("library loaded: N productions, M tracks").

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
use std::process::Command;
use std::time::{Duration, Instant};

use support::desktop::{Desktop, Processes, wait_until};

/// Waits until the log's last "library loaded" line names `tracks` tracks.
fn wait_for_tracks(desktop: &Desktop, tracks: usize, within: Duration, what: &str) {
    let want = format!(" {tracks} tracks");
    let last_load = || {
        desktop
            .log("app.log")
            .lines()
            .rfind(|l| l.contains("library loaded:"))
            .map(str::to_string)
    };
    let start = Instant::now();
    while !last_load().is_some_and(|l| l.ends_with(&want)) {
        assert!(
            start.elapsed() < within,
            "{what}: no library of {tracks} tracks within {within:?}; the app said:\n{}",
            desktop.log("app.log")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn stored(desktop: &Desktop, file: &Path) -> bool {
    let store = desktop.dir.join("data/leitmotif/library.sqlite3");
    leitmotif::library::Store::open(&store)
        .map_err(String::from)
        .and_then(|s| s.contains(file))
        .expect("read the app's store")
}

#[test]
fn the_open_window_follows_its_folder_and_plays_a_handed_over_playlist() {
    let desktop = Desktop::start("live-window");
    let music = desktop.dir.join("Music");
    support::copy_tree(
        &support::demo().join("Lanternfall OST"),
        &music.join("Lanternfall OST"),
    );
    let mut procs = Processes(vec![desktop.launch(&[music.as_os_str()], "app.log")]);
    let _ = desktop.wait_for_window("app.log");
    wait_for_tracks(&desktop, 3, Duration::from_secs(60), "the first scan");
    wait_until("the folder to be followed", Duration::from_secs(10), || {
        desktop
            .log("app.log")
            .contains("following 1 library folder(s)")
    });

    // An album copied in, with the window open and nothing asked.
    let album = music.join("Arrival Point (Original Motion Picture Score)");
    let copied = Instant::now();
    support::copy_tree(
        &support::demo()
            .join("Arrival Point (2024)")
            .join("Arrival Point (Original Motion Picture Score)"),
        &album,
    );
    wait_for_tracks(&desktop, 6, Duration::from_secs(10), "the album copied in");
    assert!(
        copied.elapsed() < Duration::from_secs(10),
        "{:?} after the copy began; the app said:\n{}",
        copied.elapsed(),
        desktop.log("app.log")
    );
    assert!(stored(&desktop, &album.join("01 1M1 Landing.flac")));

    // A file deleted leaves the store and the window.
    let gone = album.join("03 5M2 Departure.mp3");
    std::fs::remove_file(&gone).expect("delete");
    wait_for_tracks(&desktop, 5, Duration::from_secs(10), "the deleted file");
    assert!(!stored(&desktop, &gone));

    // A playlist handed to a second launch plays in the open window.
    let list = desktop.dir.join("Evening.m3u8");
    std::fs::write(
        &list,
        "#EXTM3U\nMusic/Arrival Point (Original Motion Picture Score)/02 2M3 The Signal.ogg\n\
         Music/gone.flac\n",
    )
    .expect("write the playlist");
    let mut second = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    desktop.env(&mut second);
    let out = second.arg(&list).output().expect("second launch");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && said.contains("already running"),
        "{said}"
    );
    wait_until(
        "the playlist's first track to play (the window's title)",
        Duration::from_secs(20),
        || {
            !desktop
                .xdotool(&["search", "--name", "2M3 The Signal"])
                .is_empty()
        },
    );

    // The folder goes away (an unplugged disk): its tracks are kept.
    let away = desktop.dir.join("unplugged");
    std::fs::rename(&music, &away).expect("move the folder away");
    wait_until(
        "a pass over the folder gone",
        Duration::from_secs(10),
        || {
            desktop
                .log("app.log")
                .lines()
                .filter(|l| l.contains("live folders:"))
                .count()
                >= 3
        },
    );
    wait_for_tracks(&desktop, 5, Duration::from_secs(10), "the folder gone");
    assert!(stored(
        &desktop,
        &music.join("Lanternfall OST/01 Title Screen.ogg")
    ));
    drop(procs.0.pop());
}
