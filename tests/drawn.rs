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
        // The cards the list's edges cut are drawn inside what shows:
        // drawn as one quad each, they were filled through the clip mask,
        // about a third of the window at every step.
        assert!(
            frame.masked < 0.02,
            "step {step}: {:.1} % of the window filled through the clip mask",
            frame.masked * 100.0
        );
    }
}

/// The pixels of a panel of `style` at `card` in a list that shows `view`,
/// drawn by tiny-skia at `scale`: as one quad, as a container draws it,
/// clipped to the list; or as `card::pieces` gives it, in the layer
/// `card::clip` gives, as the window draws it.
fn card_pixels(
    style: &iced::widget::container::Style,
    card: iced::Rectangle,
    view: iced::Rectangle,
    scale: f32,
    pieces: bool,
) -> Vec<u8> {
    use iced::advanced::Renderer as _;
    use iced::advanced::renderer::Quad;
    use iced_tiny_skia::graphics::Viewport;
    use leitmotif::gui::components::card;
    let (width, height) = (900, 700);
    let size = |v: u32| (v as f32 * scale) as u32;
    let mut renderer = iced_tiny_skia::Renderer::new(iced::Font::DEFAULT, iced::Pixels(16.0));
    let window = iced::Rectangle::new(
        iced::Point::ORIGIN,
        iced::Size::new(width as f32, height as f32),
    );
    renderer.reset(window);
    let visible = card.intersection(&view).expect("the card shows");
    let clip = card::clip(card, &view).expect("the card shows");
    renderer.with_layer(if pieces { clip } else { view }, |renderer| {
        let quads = if pieces {
            card::pieces(style, card, visible)
        } else {
            let fill = style.background.expect("a card has a fill");
            vec![(
                Quad {
                    bounds: card,
                    border: style.border,
                    ..Quad::default()
                },
                fill,
            )]
        };
        for (quad, background) in quads {
            renderer.fill_quad(quad, background);
        }
    });
    let (w, h) = (size(width), size(height));
    let mut pixels = vec![0; (w * h * 4) as usize];
    let mut mask = tiny_skia::Mask::new(w, h).expect("mask");
    let mut pixmap = tiny_skia::PixmapMut::from_bytes(&mut pixels, w, h).expect("pixmap");
    let viewport = Viewport::with_physical_size(iced::Size::new(w, h), scale);
    renderer.draw(
        &mut pixmap,
        &mut mask,
        &viewport,
        &[window],
        iced::Color::BLACK,
    );
    pixels
}

#[test]
fn a_card_the_list_cuts_looks_as_the_one_quad_it_replaces() {
    let rect =
        |y: f32, h: f32| iced::Rectangle::new(iced::Point::new(24.0, y), iced::Size::new(800.0, h));
    // The list shows 93.7 to 640.4: cards cut at the top, at the bottom,
    // at both, at fractions of a pixel either side of a half, and one
    // whose cut falls in a corner.
    let view = rect(93.7, 546.7);
    let cards = [
        rect(-430.3, 828.0),
        rect(-430.6, 828.0),
        rect(420.2, 528.0),
        rect(420.9, 300.0),
        rect(-1000.5, 3000.0),
        rect(88.7, 300.0),
        rect(93.7, 300.0),
    ];
    let style = leitmotif::gui::style::card(&leitmotif::gui::style::dark());
    for scale in [1.0, 1.25, 2.0] {
        for card in cards {
            let one = card_pixels(&style, card, view, scale, false);
            let pieces = card_pixels(&style, card, view, scale, true);
            // Paths made of other points may round a corner's edge a few
            // units of colour apart: that is not seen; a seam or a row of
            // the wrong colour is tens apart.
            let differ = one
                .chunks(4)
                .zip(pieces.chunks(4))
                .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 12))
                .count();
            assert_eq!(differ, 0, "{card:?} at {scale}: {differ} pixels differ");
        }
    }
}

#[test]
fn a_square_panel_drawn_in_strips_looks_as_its_one_quad() {
    use leitmotif::gui::style;
    let dark = style::dark();
    // The now-playing panel and the transport bar, at fractions of a pixel.
    let panels = [
        (
            style::side_panel(&dark),
            iced::Rectangle::new(iced::Point::new(580.0, 93.7), iced::Size::new(320.0, 495.7)),
        ),
        (
            style::bar(&dark),
            iced::Rectangle::new(iced::Point::new(0.0, 589.4), iced::Size::new(900.0, 90.6)),
        ),
    ];
    let window = iced::Rectangle::new(iced::Point::ORIGIN, iced::Size::new(900.0, 700.0));
    for scale in [1.0, 1.25, 2.0] {
        for (style, bounds) in &panels {
            let pieces = leitmotif::gui::components::card::pieces(style, *bounds, *bounds);
            assert!(pieces.len() > 1, "{bounds:?} is drawn in pieces");
            let one = card_pixels(style, *bounds, window, scale, false);
            let strips = card_pixels(style, *bounds, window, scale, true);
            let apart = |a: &[u8], b: &[u8]| a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max();
            let differ: Vec<u8> = one
                .chunks(4)
                .zip(strips.chunks(4))
                .filter_map(|(a, b)| apart(a, b).filter(|&d| d > 4))
                .collect();
            // Where two sides of the border meet at a fraction of a pixel,
            // the four corners' pixels blend the sides once each instead of
            // as one ring: a few units apart, not seen.
            assert!(
                differ.len() <= 4 && differ.iter().all(|&d| d <= 16),
                "{bounds:?} at {scale}: pixels apart by {differ:?}"
            );
        }
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
