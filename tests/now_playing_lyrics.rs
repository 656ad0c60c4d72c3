//! Lyrics in now playing (issue 17, part 4), driven through the window's
//! messages: a song with an `.lrc` beside it shows its lines, and the line
//! being sung follows the player's position; a song with plain lyrics shows
//! them as text; a score track shows its scene, not words.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use iced_test::simulator;
use leitmotif::gui::App;
use leitmotif::gui::message::{LyricsMessage, Message, PlayMessage, TransportMessage};
use leitmotif::library::Library;
use leitmotif::playback::Event;

const SONGS: &str = "Arrival Point (2024)/Arrival Point (Original Motion Picture Soundtrack)";

fn app_over(music: &std::path::Path) -> App {
    App::with_library(Library::scan(&[music.to_path_buf()], &|_| {}))
}

/// Plays the track titled `title`, and hands the window the lyrics its
/// reading task would find (the simulator runs no tasks).
fn play(app: &mut App, title: &str) -> PathBuf {
    let library = app.shared_library().expect("library");
    let track = library
        .tracks
        .iter()
        .find(|t| t.title == title)
        .expect("the demo track");
    let _ = app.update(Message::Play(PlayMessage::Track(track.key())));
    let path = track.path.clone();
    let lyrics = leitmotif::lyrics::for_track(&path).map(std::sync::Arc::new);
    let _ = app.update(Message::Lyrics(LyricsMessage::Found(path.clone(), lyrics)));
    path
}

fn at(app: &mut App, ms: u64) {
    let _ = app.update(Message::Transport(TransportMessage::Player(
        Event::Position(Duration::from_millis(ms)),
    )));
}

#[test]
fn synced_lines_follow_the_position() {
    let dir = support::TempDir::new("lyrics-shown");
    let music = support::copy_demo(&dir);
    std::fs::write(
        music.join(SONGS).join("01 Neon Highway.lrc"),
        "[ar:The Night Ferries]\n[00:00.50]Headlights on the salt road\n\
         [00:02.00]We drive until it's light\n[00:04.00]Neon highway\n",
    )
    .expect("write the .lrc");
    let mut app = app_over(&music);
    let _ = play(&mut app, "Neon Highway");
    assert_eq!(app.lyrics().line(), None, "before the first line");
    let mut ui = simulator(app.view());
    assert!(ui.find("Lyrics · in time").is_ok());
    assert!(ui.find("We drive until it's light").is_ok());
    drop(ui);

    at(&mut app, 2_500);
    assert_eq!(app.lyrics().line(), Some(1));
    at(&mut app, 4_100);
    assert_eq!(app.lyrics().line(), Some(2));
    // Seeking back moves the line back.
    at(&mut app, 600);
    assert_eq!(app.lyrics().line(), Some(0));

    // The next track has no .lrc and plain lyrics in a tag: the old lines go.
    let _ = play(&mut app, "Slow Dust (feat. Ilse Moreau)");
    let mut ui = simulator(app.view());
    assert!(ui.find("We drive until it's light").is_err());
}

#[test]
fn lyrics_found_for_a_track_no_longer_playing_are_dropped() {
    let dir = support::TempDir::new("lyrics-stale");
    let music = support::copy_demo(&dir);
    let mut app = app_over(&music);
    let first = play(&mut app, "Neon Highway");
    let _ = play(&mut app, "1M1 Landing");
    let late = leitmotif::lyrics::for_track(&first).map(std::sync::Arc::new);
    assert!(late.is_some(), "Neon Highway has lyrics in a tag");
    let _ = app.update(Message::Lyrics(LyricsMessage::Found(first, late)));
    assert!(app.lyrics().lyrics().is_none(), "not the playing track's");
}

#[test]
fn plain_lyrics_show_as_text_and_a_score_track_shows_its_scene() {
    let dir = support::TempDir::new("lyrics-plain");
    let music = support::copy_demo(&dir);
    // Without the demo's .lrc, Neon Highway's lyrics are the plain ones in its TXXX:LYRICS.
    std::fs::remove_file(music.join(SONGS).join("01 Neon Highway.lrc")).expect("the demo's .lrc");
    let mut app = app_over(&music);
    let _ = play(&mut app, "Neon Highway");
    assert!(matches!(
        app.lyrics().lyrics(),
        Some(leitmotif::lyrics::Lyrics::Plain(_))
    ));
    let mut ui = simulator(app.view());
    assert!(ui.find("Lyrics").is_ok());
    assert!(
        ui.find("Headlights on the salt road, we drive until it's light")
            .is_ok()
    );
    drop(ui);

    // A score cue with an .lrc beside it still shows its scene, no words.
    let landing = music
        .join("Arrival Point (2024)/Arrival Point (Original Motion Picture Score)")
        .join("01 1M1 Landing.lrc");
    std::fs::write(&landing, "[00:01.00]Not sung\n").expect("write");
    let _ = play(&mut app, "1M1 Landing");
    let mut ui = simulator(app.view());
    assert!(ui.find("Scene").is_ok());
    assert!(
        ui.find("Not sung").is_err(),
        "a score track shows no lyrics"
    );
}
