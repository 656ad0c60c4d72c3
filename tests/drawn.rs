//! What a frame repaints, drawn as the window's tiny-skia compositor draws it
//! (the bench's `drawn` harness): a wheel step repaints the list in a few
//! rectangles, and the playhead moving repaints only the seek bar and the
//! timeline strip. Counts and areas, not times: times are in `make bench`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

// The bench's harness; the test reads what it painted, not how long it took.
#[allow(dead_code)]
#[path = "../benches/measure/drawn.rs"]
mod drawn;
mod support;

use std::time::Duration;

use iced::mouse::{self, ScrollDelta};
use leitmotif::gui::message::{PlayMessage, TransportMessage};
use leitmotif::gui::{App, Message};
use leitmotif::library::Library;

/// 30 films of 12 untagged one-second cues each, named by their folders.
fn films(dir: &support::TempDir) -> App {
    for film in 0..30 {
        let folder = dir.join(&format!("Film {film:02} (20{film:02})"));
        std::fs::create_dir_all(&folder).expect("folder");
        for cue in 1..=12 {
            support::write_wav(
                &folder.join(format!("{cue:02} Cue {cue}.wav")),
                8_000,
                &support::tone(440.0, 8_000, 8_000),
            );
        }
    }
    App::with_library(Library::scan(&[dir.join("")], &|_| {}))
}

/// The frame the player's position report `at` gives.
fn report(window: &mut drawn::Window, app: &mut App, at: Duration) -> drawn::Frame {
    let message = Message::Transport(TransportMessage::Player(
        leitmotif::playback::Event::Position(at),
    ));
    window.frame(app, &[], vec![message])
}

#[test]
fn a_wheel_step_repaints_the_list_in_a_few_rectangles() {
    let dir = support::TempDir::new("drawn-wheel");
    let mut app = films(&dir);
    assert_eq!(app.library().expect("library").productions.len(), 30);
    let mut window = drawn::Window::new(1920, 1080, 1.0).expect("window");
    window.point(iced::Point::new(600.0, 600.0));
    let first = window.frame(&mut app, &[], Vec::new());
    assert!(first.painted > 0.99, "the first frame paints everything");
    let wheel = [iced::Event::Mouse(mouse::Event::WheelScrolled {
        delta: ScrollDelta::Lines { x: 0.0, y: -1.0 },
    })];
    for step in 0..8 {
        let frame = window.frame(&mut app, &wheel, Vec::new());
        // Each card a layer of its own: it moves as one rectangle. Drawn
        // as one layer, the list gave dozens, each repainting every card
        // under it.
        assert!(
            frame.rectangles.len() <= 3,
            "step {step}: {} rectangles",
            frame.rectangles.len()
        );
        assert!(
            frame.painted > 0.3,
            "step {step}: the list moved, so it is repainted ({})",
            frame.painted
        );
    }
}

#[test]
fn the_playhead_moving_repaints_only_the_seek_bar_and_the_strip() {
    let dir = support::TempDir::new("drawn-playing");
    let mut app = films(&dir);
    let first = app.library().expect("library").tracks[0].key();
    let _ = app.update(Message::Play(PlayMessage::Track(first)));
    let mut window = drawn::Window::new(1920, 1080, 1.0).expect("window");
    let _ = window.frame(&mut app, &[], Vec::new());
    // The library list, left of the now-playing panel and above the bar.
    let list = iced::Rectangle::new(iced::Point::new(0.0, 100.0), iced::Size::new(1500.0, 800.0));
    for tick in 1..=6 {
        let frame = report(&mut window, &mut app, Duration::from_millis(150 * tick));
        assert!(frame.painted > 0.0, "tick {tick}: the playhead moved");
        // One-second cues: the seek bar's played part grows by a fifth of
        // its length a tick, so what it repaints is wide, but thin.
        assert!(
            frame.painted < 0.1,
            "tick {tick}: {:.1} % of the window repainted",
            frame.painted * 100.0
        );
        assert!(
            frame.rectangles.iter().all(|r| !r.intersects(&list)),
            "tick {tick}: the list is not repainted: {:?}",
            frame.rectangles
        );
    }
}

#[test]
fn with_envelopes_a_position_report_repaints_the_playheads_not_the_bar_and_strip() {
    use leitmotif::gui::message::LoudnessMessage;
    let dir = support::TempDir::new("drawn-envelopes");
    let mut app = films(&dir);
    let library = app.library().expect("library");
    let first = library.tracks[0].key();
    // Envelopes as the analysis stores them: a waveform seek bar, and a
    // strip whose cues are drawn as their swells.
    let shapes = support::envelopes(library);
    let _ = app.update(Message::Loudness(LoudnessMessage::Shapes(Some(shapes))));
    let _ = app.update(Message::Play(PlayMessage::Track(first)));
    let mut window = drawn::Window::new(1920, 1080, 1.0).expect("window");
    let _ = window.frame(&mut app, &[], Vec::new());
    for tick in 1..=6 {
        // Small steps, as a long track's reports move its playhead.
        let frame = report(&mut window, &mut app, Duration::from_millis(40 * tick));
        assert!(frame.painted > 0.0, "tick {tick}: the playhead moved");
        // Drawn whole (live canvases), the strip alone was over 4 % of a
        // 1920x1080 window at every report; now the two playheads and the
        // bars that changed colour (which the compositor may merge into one
        // rectangle around both).
        assert!(
            frame.painted < 0.02,
            "tick {tick}: {:.2} % of the window repainted: {:?}",
            frame.painted * 100.0,
            frame.rectangles
        );
    }
    // The pointer comes over a cue of the strip: its kept drawing is made
    // again, lit.
    let over = iced::Point::new(1100.0, 955.0);
    let moved = [iced::Event::Mouse(mouse::Event::CursorMoved {
        position: over,
    })];
    window.point(over);
    let hovered = window.frame(&mut app, &moved, Vec::new());
    assert!(hovered.painted > 0.0, "the hovered cue is lit");
    // What was painted piece by piece is what a whole repaint gives: nothing
    // left behind where a playhead was. (A shape painted under the damage's
    // clip mask may blend a unit of colour apart: that is not seen.)
    let mut fresh = drawn::Window::new(1920, 1080, 1.0).expect("window");
    fresh.point(over);
    let _ = fresh.frame(&mut app, &moved, Vec::new());
    let differ = window
        .pixels()
        .chunks(4)
        .zip(fresh.pixels().chunks(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
        .count();
    assert_eq!(differ, 0, "{differ} pixels differ from a whole repaint");
}
