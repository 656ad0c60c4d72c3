//! Playlists in the window (issue 17, part 3), driven through its messages:
//! the queue saved as M3U8 and opened again queues the same tracks; a
//! playlist whose entries do not all resolve lists those with their line and
//! plays the rest; the Playlists view shows both; playlists named on the
//! command line or dropped are opened, not scanned into the library.

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

use iced_test::simulator;
use leitmotif::gui::message::{
    BrowseMessage, DesktopMessage, LibraryMessage, Message, PlayMessage, PlaylistMessage,
};
use leitmotif::gui::state::browse::Page;
use leitmotif::gui::{App, Options};
use leitmotif::library::Library;

/// An app over a private copy of the demo, keeping playlists in `dir/playlists`.
fn app_over_copy(dir: &support::TempDir) -> (App, PathBuf) {
    let music = support::copy_demo(dir);
    let mut app = App::with_library(Library::scan(std::slice::from_ref(&music), &|_| {}));
    app.keep_playlists_in(dir.join("playlists"));
    (app, music)
}

/// What the window's reading task gives for `path`: `playlist::read` on a
/// thread, as a `Read` message (the simulator runs no tasks).
fn open(app: &mut App, path: &Path) {
    let _ = app.update(Message::Playlist(PlaylistMessage::Open(vec![
        path.to_path_buf(),
    ])));
    let read = leitmotif::playlist::read(path);
    let _ = app.update(Message::Playlist(PlaylistMessage::Read {
        path: path.to_path_buf(),
        read,
        play: true,
    }));
}

#[test]
fn a_queue_saved_and_opened_again_queues_the_same_tracks() {
    let dir = support::TempDir::new("playlist-roundtrip");
    let (mut app, music) = app_over_copy(&dir);
    let library = app.shared_library().expect("library");
    let arrival = library
        .productions
        .iter()
        .find(|p| p.title == "Arrival Point")
        .expect("the demo film");
    let _ = app.update(Message::Play(PlayMessage::Production(
        arrival.key.clone(),
        None,
    )));
    let queued: Vec<PathBuf> = app.transport().queue().to_vec();
    assert_eq!(queued.len(), 5, "the film's five tracks");

    let _ = app.update(Message::Playlist(PlaylistMessage::Name("Road trip".into())));
    let _ = app.update(Message::Playlist(PlaylistMessage::SaveQueue));
    let saved = dir.join("playlists/Road trip.m3u8");
    let text = std::fs::read_to_string(&saved).expect("the playlist was written");
    assert!(text.starts_with("#EXTM3U\n"), "{text}");
    assert!(
        text.contains("\n../music/Arrival Point (2024)/"),
        "paths relative to the playlist: {text}"
    );
    assert!(text.contains("#EXTINF:"), "titles and lengths kept: {text}");
    assert!(
        app.notice()
            .is_some_and(|n| n.contains("Saved the queue (5 tracks)"))
    );
    assert_eq!(app.playlists().known().len(), 1);

    // Something else plays; the playlist opened again brings the queue back.
    let lanternfall = library
        .productions
        .iter()
        .find(|p| p.title == "Lanternfall")
        .expect("the demo game");
    let _ = app.update(Message::Play(PlayMessage::Production(
        lanternfall.key.clone(),
        None,
    )));
    assert_ne!(app.transport().queue(), queued.as_slice());
    open(&mut app, &saved);
    assert_eq!(app.transport().queue(), queued.as_slice());
    assert_eq!(app.now().path.as_ref(), queued.first());
    assert_eq!(*app.page(), Page::Playlists, "an opened playlist shows");

    // Saved again under the same name: refused, the first one kept.
    let _ = app.update(Message::Playlist(PlaylistMessage::Name("Road trip".into())));
    let _ = app.update(Message::Playlist(PlaylistMessage::SaveQueue));
    assert!(app.notice().is_some_and(|n| n.contains("exists already")));
    assert_eq!(std::fs::read_to_string(&saved).expect("kept"), text);

    // The view names it and its tracks.
    let mut ui = simulator(app.view());
    assert!(ui.find("Road trip").is_ok());
    assert!(ui.find("1M1 Landing").is_ok());
    assert!(ui.find("Save the queue (5 tracks)").is_ok());
    drop(ui);
    // Moved with its music, it still finds its tracks: paths are relative.
    let moved = dir.join("moved");
    std::fs::create_dir_all(moved.join("playlists")).expect("folder");
    std::fs::rename(&music, moved.join("music")).expect("move the music");
    std::fs::copy(&saved, moved.join("playlists/Road trip.m3u8")).expect("copy");
    let again = leitmotif::playlist::read(&moved.join("playlists/Road trip.m3u8")).expect("read");
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.entries.len(), 5);
    assert!(again.entries[0].path.starts_with(moved.join("music")));
}

#[test]
fn entries_that_do_not_resolve_are_listed_with_their_line_and_the_rest_plays() {
    let dir = support::TempDir::new("playlist-bad-lines");
    let (mut app, music) = app_over_copy(&dir);
    let list = dir.join("Mixed.m3u");
    std::fs::write(
        &list,
        "#EXTM3U\n\
         music/Lanternfall OST/01 Title Screen.ogg\n\
         music/Lanternfall OST/09 Not Here.ogg\n\
         http://radio.example/stream\n\
         music/Lanternfall OST/03 Boss - The Hollow King.mp3\n",
    )
    .expect("write");
    open(&mut app, &list);
    let game = music.join("Lanternfall OST");
    assert_eq!(
        app.transport().queue(),
        [
            game.join("01 Title Screen.ogg"),
            game.join("03 Boss - The Hollow King.mp3")
        ]
        .as_slice(),
        "the two that are here play"
    );
    let known = app.playlists().selected().expect("shown");
    let problems = &known.read.as_ref().expect("read").problems;
    let lines: Vec<String> = problems.iter().map(|p| p.place.to_string()).collect();
    assert_eq!(lines, ["line 3", "line 4"]);

    let mut ui = simulator(app.view());
    assert!(
        ui.find("Left out (2): these entries name no file here")
            .is_ok()
    );
    assert!(ui.find("Mixed").is_ok());
    assert!(ui.find("2 tracks · 2 left out").is_ok());
    let line3 = format!("line 3: {}", problems[0].reason);
    assert!(ui.find(line3.as_str()).is_ok(), "{line3}");
}

#[test]
fn a_playlist_that_cannot_be_read_says_so_and_plays_nothing() {
    let dir = support::TempDir::new("playlist-unreadable");
    let (mut app, _) = app_over_copy(&dir);
    open(&mut app, &dir.join("gone.m3u8"));
    assert!(app.transport().queue().is_empty());
    assert!(
        app.notice()
            .is_some_and(|n| n.contains("cannot open the playlist")
                && n.contains("Nothing was played; check the file")),
        "{:?}",
        app.notice()
    );
    let _ = app.update(Message::Browse(BrowseMessage::ShowPage(Page::Playlists)));
    let mut ui = simulator(app.view());
    assert!(ui.find("cannot be read").is_ok());
}

#[test]
fn playlists_named_or_dropped_are_opened_not_scanned() {
    let dir = support::TempDir::new("playlist-paths");
    let list = dir.join("Mix.m3u8");
    std::fs::write(&list, "#EXTM3U\n").expect("write");
    let options = Options::from_paths([list.clone(), support::demo()]);
    assert_eq!(options.playlists, vec![list.clone()]);
    assert!(options.play.is_empty(), "a playlist is not a file to play");
    assert_eq!(
        options.roots,
        vec![support::demo()],
        "nor is its folder added"
    );

    let (mut app, _) = app_over_copy(&dir);
    let _ = app.update(Message::Desktop(DesktopMessage::Window(
        iced::window::Event::FileDropped(list.clone()),
    )));
    let _ = app.update(Message::Library(LibraryMessage::DropsSettled(1)));
    assert!(app.desktop().dropped().is_empty());
    assert!(
        app.scanning().is_none(),
        "no scan was started for a playlist"
    );
}

#[test]
fn the_playlists_chip_shows_the_page() {
    let dir = support::TempDir::new("playlist-chip");
    let (app, _) = app_over_copy(&dir);
    let mut ui = simulator(app.view());
    let _ = ui.click("Playlists").expect("the chip");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, Message::Browse(BrowseMessage::ShowPage(Page::Playlists)))),
        "{messages:?}"
    );
}

#[test]
fn a_file_the_library_does_not_have_plays_and_is_named_by_its_file() {
    let dir = support::TempDir::new("playlist-outside");
    let (mut app, _) = app_over_copy(&dir);
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("folder");
    let extra = elsewhere.join("Extra Song.ogg");
    std::fs::copy(
        support::demo().join("Lanternfall OST/01 Title Screen.ogg"),
        &extra,
    )
    .expect("copy");
    let list = dir.join("Outside.m3u8");
    std::fs::write(&list, "#EXTM3U\nelsewhere/Extra Song.ogg\n").expect("write");
    open(&mut app, &list);
    assert_eq!(app.transport().queue(), [extra].as_slice());
    assert_eq!(app.title(), "Extra Song · Leitmotif");
    let mut ui = simulator(app.view());
    assert!(ui.find("not in the library").is_ok());
    assert!(
        ui.find(elsewhere.display().to_string().as_str()).is_ok(),
        "the transport names its folder"
    );
}

/// The same three tracks as PLS, XSPF and M3U (Windows-style, CP1252-free)
/// queue the same files through the window.
#[test]
fn pls_xspf_and_m3u_open_to_the_same_queue() {
    let dir = support::TempDir::new("playlist-formats");
    let (mut app, music) = app_over_copy(&dir);
    let names = [
        "Lanternfall OST/01 Title Screen.ogg",
        "Arrival Point (2024)/Arrival Point (Original Motion Picture Score)/02 2M3 The Signal.ogg",
        "Lanternfall OST/03 Boss - The Hollow King.mp3",
    ];
    let want: Vec<PathBuf> = names.iter().map(|n| music.join(n)).collect();
    let pls = dir.join("Three.pls");
    let mut text = String::from("[playlist]\n");
    for (i, n) in names.iter().enumerate() {
        text.push_str(&format!("File{}=music/{n}\n", i + 1));
    }
    text.push_str("NumberOfEntries=3\nVersion=2\n");
    std::fs::write(&pls, text).expect("write pls");
    let xspf = dir.join("Three.xspf");
    let tracks: String = want
        .iter()
        .map(|p| {
            let uri = format!("file://{}", p.display()).replace(' ', "%20");
            format!("<track><location>{uri}</location></track>")
        })
        .collect();
    std::fs::write(
        &xspf,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<playlist version=\"1\" \
             xmlns=\"http://xspf.org/ns/0/\"><trackList>{tracks}</trackList></playlist>\n"
        ),
    )
    .expect("write xspf");
    let m3u = dir.join("Three.m3u");
    let lines: String = names
        .iter()
        .map(|n| format!("music\\{}\r\n", n.replace('/', "\\")))
        .collect();
    std::fs::write(&m3u, lines).expect("write m3u");
    for list in [&pls, &xspf, &m3u] {
        open(&mut app, list);
        assert_eq!(
            app.transport().queue(),
            want.as_slice(),
            "{}",
            list.display()
        );
    }
    assert_eq!(app.playlists().known().len(), 3);
}
