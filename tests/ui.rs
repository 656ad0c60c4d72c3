//! The window's view and update, headless with iced_test (no display needed).

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use iced::keyboard::{self, Key, Modifiers, key};
use iced_test::simulator;
use leitmotif::gui::message::{
    BrowseMessage, DesktopMessage, EditMessage, LibraryMessage, LoudnessMessage, PlayMessage,
    PlaylistMessage, TransportMessage,
};
use leitmotif::gui::{App, Message, shortcut};
use leitmotif::library::{Category, Library, ProductionKey};

fn demo_app() -> App {
    App::with_library(Library::scan(&[support::demo()], &|_| {}))
}

#[test]
fn library_view_shows_the_demo_productions_and_their_sections() {
    let app = demo_app();
    let mut ui = simulator(app.view());
    for label in [
        "Arrival Point",
        "Lanternfall",
        "Score · 3",
        "Songs · 2",
        "Landing",
        "Neon Highway",
        "Title Screen",
    ] {
        assert!(
            ui.find(label).is_ok(),
            "the library view should show {label:?}"
        );
    }
}

#[test]
fn clicking_a_track_sends_the_play_message_for_it() {
    let app = demo_app();
    let library = app.shared_library().expect("library loaded");
    let landing = library
        .tracks
        .iter()
        .position(|t| t.title == "1M1 Landing")
        .expect("the demo has 1M1 Landing");
    assert_eq!(library.tracks[landing].category, Category::Score);

    let mut ui = simulator(app.view());
    let _ = ui.click("Landing").expect("the row is clickable");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, Message::Play(PlayMessage::Track(key)) if *key == library.tracks[landing].key())),
        "expected PlayTrack of 1M1 Landing, got {messages:?}"
    );
}

#[test]
fn clicking_another_track_names_that_track() {
    let app = demo_app();
    let library = app.shared_library().expect("library loaded");
    let neon = library
        .tracks
        .iter()
        .position(|t| t.title == "Neon Highway")
        .expect("demo song");
    let mut ui = simulator(app.view());
    let _ = ui.click("Neon Highway").expect("the row is clickable");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, Message::Play(PlayMessage::Track(key)) if *key == library.tracks[neon].key())),
        "{messages:?}"
    );
}

#[test]
fn keyboard_map() {
    let press = |key: Key, modifiers: Modifiers| keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key.clone(),
        physical_key: keyboard::key::Physical::Unidentified(
            keyboard::key::NativeCode::Unidentified,
        ),
        location: keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    };
    assert!(matches!(
        shortcut(press(Key::Named(key::Named::Space), Modifiers::empty())),
        Some(Message::Transport(TransportMessage::TogglePlayback))
    ));
    assert!(matches!(
        shortcut(press(
            Key::Named(key::Named::ArrowRight),
            Modifiers::empty()
        )),
        Some(Message::Transport(TransportMessage::SeekBy(5)))
    ));
    assert!(matches!(
        shortcut(press(Key::Named(key::Named::ArrowLeft), Modifiers::SHIFT)),
        Some(Message::Transport(TransportMessage::SeekBy(-30)))
    ));
    assert!(matches!(
        shortcut(press(Key::Character("n".into()), Modifiers::empty())),
        Some(Message::Transport(TransportMessage::Next))
    ));
    assert!(matches!(
        shortcut(press(Key::Character("o".into()), Modifiers::CTRL)),
        Some(Message::Playlist(PlaylistMessage::Pick))
    ));
    assert!(matches!(
        shortcut(press(
            Key::Character("O".into()),
            Modifiers::CTRL | Modifiers::SHIFT
        )),
        Some(Message::Library(LibraryMessage::AddFolder))
    ));
    assert!(shortcut(press(Key::Character("z".into()), Modifiers::empty())).is_none());
}

#[test]
fn no_output_notice_is_shown_in_the_window() {
    let mut app = demo_app();
    let _ = app.update(Message::Transport(TransportMessage::Player(
        leitmotif::playback::Event::OutputLost(leitmotif::playback::no_output_message("no device")),
    )));
    let mut ui = simulator(app.view());
    let notice = leitmotif::playback::no_output_message("no device");
    assert!(notice.starts_with("No audio output found: "));
    assert!(
        ui.find(notice.as_str()).is_ok(),
        "the notice should be visible"
    );
}

#[test]
fn search_narrows_the_library_as_you_type() {
    let mut app = demo_app();
    let _ = app.update(Message::Browse(BrowseMessage::Search("hollow".into())));
    let mut ui = simulator(app.view());
    assert!(ui.find("Boss: The Hollow King").is_ok());
    assert!(ui.find("Landing").is_err(), "other tracks are hidden");
    assert!(
        ui.find("Arrival Point").is_err(),
        "productions without a match are hidden"
    );
    drop(ui);
    // Cue codes and scene descriptions are searched too.
    let _ = app.update(Message::Browse(BrowseMessage::Search("2m3".into())));
    let mut ui = simulator(app.view());
    assert!(ui.find("The Signal").is_ok());
    drop(ui);
    let _ = app.update(Message::Browse(BrowseMessage::Search("salt desert".into())));
    let mut ui = simulator(app.view());
    assert!(ui.find("Landing").is_ok(), "found by its description");
    drop(ui);
    let _ = app.update(Message::Browse(BrowseMessage::Escape));
    assert!(app.browse().search().is_empty());
}

#[test]
fn now_playing_panel_decodes_the_cue_and_shows_the_scene() {
    let mut app = demo_app();
    let library = app.shared_library().expect("library");
    let signal = library
        .tracks
        .iter()
        .position(|t| t.title == "2M3 The Signal")
        .expect("demo cue");
    let _ = app.update(Message::Play(PlayMessage::Track(
        library.tracks[signal].key(),
    )));
    let mut ui = simulator(app.view());
    assert!(ui.find("Reel 2, cue 3").is_ok(), "the cue decoded");
    // The demo's cues.toml places the cue: its scene, where and how it plays, its neighbours.
    for (label, what) in [
        (
            "Night in the listening tent: the radio picks up a pattern that no one on board sent.",
            "the sidecar's scene",
        ),
        ("from cues.toml, line 24", "where the scene came from"),
        (
            "31:20 into the film · 3:45 long · background · instrumental",
            "where it plays",
        ),
        ("Before: Neon Highway", "the cue before, in film order"),
        ("After: Slow Dust (feat. Ilse Moreau)", "the cue after"),
        (
            "Arrival Point · runs 1:52:00",
            "the timeline strip's caption",
        ),
    ] {
        assert!(ui.find(label).is_ok(), "{what}: {label:?}");
    }
    assert!(
        ui.find("score: artist is the composer").is_ok(),
        "the evidence"
    );
}

#[test]
fn medium_filter_and_problems_view() {
    let mut app = demo_app();
    let _ = app.update(Message::Browse(BrowseMessage::Filter(Some(
        leitmotif::library::Medium::Game,
    ))));
    let mut ui = simulator(app.view());
    assert!(ui.find("Lanternfall").is_ok());
    assert!(ui.find("Arrival Point").is_err(), "films are filtered out");
    drop(ui);
    let _ = app.update(Message::Browse(BrowseMessage::Filter(Some(
        leitmotif::library::Medium::Tv,
    ))));
    let mut ui = simulator(app.view());
    assert!(ui.find("No productions of this medium yet").is_ok());
    drop(ui);

    let dir = support::TempDir::new("ui-problems");
    std::fs::write(dir.join("broken.flac"), b"not audio").expect("write");
    let mut app = App::with_library(Library::scan(&[support::demo(), dir.0.clone()], &|_| {}));
    let mut ui = simulator(app.view());
    let _ = ui
        .click("1 files could not be read")
        .expect("the problems button");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Browse(BrowseMessage::ShowProblems(true))]
        ),
        "{messages:?}"
    );
    let _ = app.update(Message::Browse(BrowseMessage::ShowProblems(true)));
    let mut ui = simulator(app.view());
    let path = dir.join("broken.flac").display().to_string();
    assert!(
        ui.find(path.as_str()).is_ok(),
        "the problem's file is listed"
    );
}

#[test]
fn question_mark_shows_every_shortcut_and_the_readme_lists_them() {
    let mut app = demo_app();
    // What a real keyboard sends for Shift+/: the key "/", modified to "?".
    let press = keyboard::Event::KeyPressed {
        key: Key::Character("/".into()),
        modified_key: Key::Character("?".into()),
        physical_key: keyboard::key::Physical::Unidentified(
            keyboard::key::NativeCode::Unidentified,
        ),
        location: keyboard::Location::Standard,
        modifiers: Modifiers::SHIFT,
        text: None,
        repeat: false,
    };
    let message = shortcut(press).expect("? is a shortcut");
    assert!(matches!(
        message,
        Message::Browse(BrowseMessage::ToggleHelp)
    ));
    let _ = app.update(message);
    let mut ui = simulator(app.view());
    assert!(ui.find("Keyboard shortcuts").is_ok());
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    for s in leitmotif::gui::keys::SHORTCUTS {
        let keys = s.keys;
        assert!(ui.find(s.what).is_ok(), "the overlay lists {keys}");
        assert!(
            readme.contains(&format!("| {keys} | {} |", s.what)),
            "the README's keyboard table lists {keys} as the overlay does"
        );
    }
    drop(ui);
    let _ = app.update(Message::Browse(BrowseMessage::Escape));
    assert!(!app.browse().help_shown());
}

#[test]
fn play_score_only_and_mark_a_track_as_song() {
    let mut app = demo_app();
    let library = app.shared_library().expect("library");
    let mut ui = simulator(app.view());
    let _ = ui
        .click("Play songs")
        .expect("the first production's Play songs");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Play(PlayMessage::Production(key, Some(Category::Song)))] if *key == library.productions[0].key
        ),
        "{messages:?}"
    );
    for message in messages {
        let _ = app.update(message);
    }
    let playing = app.playing().expect("a song plays");
    assert_eq!(library.tracks[playing].title, "Neon Highway");

    // In the now-playing panel: the user says it is score after all.
    let mut ui = simulator(app.view());
    let _ = ui.click("Mark as score").expect("the Mark as score button");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, Message::Edit(EditMessage::SetCategory(key, Category::Score)) if *key == library.tracks[playing].key())),
        "{messages:?}"
    );
    let _ = app.update(Message::Edit(EditMessage::SetCategory(
        library.tracks[playing].key(),
        Category::Score,
    )));
    let track = &app.library().expect("library").tracks[playing];
    assert_eq!(track.category, Category::Score);
    assert_eq!(track.evidence()[0], "set by you: score");
    assert_eq!(
        app.user().track(&track.path).and_then(|t| t.category),
        Some(Category::Score)
    );
    let mut ui = simulator(app.view());
    assert!(
        ui.find("Score · 4").is_ok(),
        "the film's score section now holds it"
    );
}

#[test]
fn a_file_on_the_command_line_plays_and_its_folder_is_added() {
    let tone = support::demo_tone();
    let folder = support::demo();
    let options = leitmotif::gui::Options::from_paths([tone.clone(), folder.clone()]);
    assert_eq!(
        options.roots,
        vec![tone.parent().expect("parent").to_path_buf(), folder]
    );
    assert_eq!(options.play, vec![tone.clone()]);

    let mut app = demo_app();
    app.play_when_loaded(options.play);
    let playing = app.playing().expect("the file plays at once");
    assert_eq!(app.library().expect("library").tracks[playing].path, tone);
    assert!(
        app.pending_play().is_empty(),
        "it plays once, not again on the next load"
    );
}

fn play(app: &mut App, title: &str) -> usize {
    let id = app
        .library()
        .and_then(|l| l.tracks.iter().position(|t| t.title == title))
        .unwrap_or_else(|| panic!("the demo has {title}"));
    let key = app.library().map(|l| l.tracks[id].key());
    let _ = app.update(Message::Play(PlayMessage::Track(key.expect("library"))));
    id
}

/// Compares the view's pixels (tiny-skia) with the hash kept in tests/snapshots;
/// on a difference the picture is saved under target/ to look at.
fn assert_snapshot(app: &App, name: &str) {
    let mut ui = iced_test::Simulator::with_size(
        iced::Settings::default(),
        iced::Size::new(1100.0, 760.0),
        app.view(),
    );
    let snapshot = ui.snapshot(&app.theme()).expect("snapshot");
    // `make screenshots` keeps the pictures for docs/.
    if let Ok(dir) = std::env::var("LEITMOTIF_SNAPSHOT_DIR") {
        let picture = std::path::Path::new(&dir).join(name);
        let _ = std::fs::remove_file(picture.with_file_name(format!("{name}-tiny-skia.png")));
        let _ = snapshot.matches_image(&picture);
    }
    let path = format!("tests/snapshots/{name}");
    if !snapshot.matches_hash(&path).expect("hash") {
        let look = format!("target/snapshot-diff/{name}");
        let _ = std::fs::create_dir_all("target/snapshot-diff");
        let _ = snapshot.matches_image(&look);
        panic!("{name} looks different from its pinned hash; the new picture is in {look}-*.png");
    }
}

#[test]
fn now_playing_with_a_timeline_from_the_sidecar_and_without_one() {
    let mut app = demo_app();
    let _ = play(&mut app, "2M3 The Signal");
    assert_snapshot(&app, "now-playing-sidecar");

    // The same library without its sidecar: context from the tags, cues in order.
    let dir = support::TempDir::new("ui-no-sidecar");
    let music = support::copy_demo(&dir);
    std::fs::remove_file(music.join("Arrival Point (2024)/cues.toml")).expect("remove sidecar");
    let mut app = App::with_library(Library::scan(&[music], &|_| {}));
    let _ = play(&mut app, "2M3 The Signal");
    let mut ui = simulator(app.view());
    for label in [
        "Reel 2: the radio picks up a pattern that no one on board sent.",
        "from description tag",
        "Arrival Point · in cue order",
        "After: 5M2 Departure",
    ] {
        assert!(ui.find(label).is_ok(), "{label:?}");
    }
    drop(ui);
    assert_snapshot(&app, "now-playing-tags");
}

#[test]
fn measured_tracks_draw_a_waveform_seek_bar_and_the_production_s_arc() {
    let mut app = demo_app();
    let _ = play(&mut app, "2M3 The Signal");
    let dir = support::TempDir::new("ui-loudness");
    let plain = dir.join("plain");
    {
        let mut ui = simulator(app.view());
        let snapshot = ui.snapshot(&app.theme()).expect("snapshot");
        assert!(snapshot.matches_image(&plain).expect("written"));
    }
    // Envelopes as the analysis stores them, each track a different swell.
    let library = app.library().expect("library");
    let shapes = support::envelopes(library);
    let _ = app.update(Message::Loudness(LoudnessMessage::Shapes(Some(shapes))));
    let signal = app.now().path.clone().expect("plays");
    assert!(app.loudness().shape(&signal).is_some());
    {
        let mut ui = simulator(app.view());
        let snapshot = ui.snapshot(&app.theme()).expect("snapshot");
        assert!(
            !snapshot.matches_image(&plain).expect("compared"),
            "the seek bar and the strip are drawn from the envelopes"
        );
    }
    assert_snapshot(&app, "loudness");
}

#[test]
fn library_view_snapshot() {
    assert_snapshot(&demo_app(), "library");
}

#[test]
fn a_scene_note_is_written_checked_and_kept() {
    let mut app = demo_app();
    let id = play(&mut app, "Forest of Echoes");
    let mut ui = simulator(app.view());
    let _ = ui.click("Edit").expect("the Edit button under the scene");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(messages.as_slice(), [Message::Edit(EditMessage::EditScene)]),
        "{messages:?}"
    );
    let _ = app.update(Message::Edit(EditMessage::EditScene));
    let edit = app.scene_edit().cloned().expect("the editor opens");
    assert_eq!(
        edit.scene, "Gameplay music for the first area, the Whispering Wood.",
        "filled with what is known"
    );
    let _ = app.update(Message::Edit(EditMessage::SceneText(
        "The first walk into the wood.".into(),
    )));
    let _ = app.update(Message::Edit(EditMessage::SceneStart("1:2x".into())));
    let _ = app.update(Message::Edit(EditMessage::SaveScene));
    let error = app
        .scene_edit()
        .and_then(|e| e.error.clone())
        .expect("a bad time is refused");
    assert!(error.contains("01:12:30"), "{error}");
    let mut ui = simulator(app.view());
    assert!(ui.find(error.as_str()).is_ok(), "the error is shown");
    drop(ui);

    let _ = app.update(Message::Edit(EditMessage::SceneStart("0:01:35".into())));
    let _ = app.update(Message::Edit(EditMessage::SaveScene));
    assert!(app.scene_edit().is_none(), "saved and closed");
    let library = app.shared_library().expect("library");
    let placement = &library.tracks[id].placement;
    assert_eq!(
        placement.scene.as_deref(),
        Some("The first walk into the wood.")
    );
    assert_eq!(placement.start, Some(std::time::Duration::from_secs(95)));
    let note = app
        .user()
        .track(&library.tracks[id].path)
        .expect("kept in the user's data");
    assert_eq!(note.start_ms, Some(95_000));
    let mut ui = simulator(app.view());
    assert!(ui.find("from your note").is_ok());
    assert!(ui.find("1:35 into the game").is_ok());
}

#[test]
fn clicking_a_cue_in_the_timeline_plays_from_it() {
    use iced::widget::canvas::Program;
    use iced::{Point, Rectangle, mouse};
    use leitmotif::gui::components::timeline::Strip;

    let mut app = demo_app();
    let _ = play(&mut app, "1M1 Landing");
    let library = app.shared_library().expect("library");
    let film = &library.productions[0];
    let strip = Strip::new(
        &library,
        film,
        app.playing(),
        std::time::Duration::ZERO,
        &|_| None,
    );
    let slow_dust = strip
        .segments
        .iter()
        .find(|s| s.label.starts_with("Slow Dust"))
        .expect("Slow Dust on the strip")
        .clone();
    let bounds = Rectangle::new(Point::ORIGIN, iced::Size::new(600.0, 46.0));
    let at = Point::new((slow_dust.from + slow_dust.to) / 2.0 * 600.0, 25.0);
    let mut kept = leitmotif::gui::components::timeline::Kept::default();
    let action = strip
        .update(
            &mut kept,
            &iced::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
            bounds,
            mouse::Cursor::Available(at),
        )
        .expect("a click on a cue does something");
    let (message, _, _) = action.into_inner();
    let message = message.expect("it publishes a message");
    assert!(
        matches!(&message, Message::Play(PlayMessage::Timeline(key)) if *key == slow_dust.key),
        "{message:?}"
    );
    let _ = app.update(message);
    assert_eq!(app.playing(), Some(slow_dust.id));
    // Between cues, nothing happens.
    let gap = Point::new(0.5 * 600.0, 25.0);
    assert!(
        strip
            .update(
                &mut kept,
                &iced::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
                bounds,
                mouse::Cursor::Available(gap),
            )
            .is_none()
    );
}

#[test]
fn the_last_view_is_remembered() {
    let mut app = demo_app();
    let _ = app.update(Message::Browse(BrowseMessage::Filter(Some(
        leitmotif::library::Medium::Game,
    ))));
    assert_eq!(
        app.remembered().filter,
        Some(leitmotif::library::Medium::Game)
    );
    let _ = app.update(Message::Browse(BrowseMessage::ShowProblems(true)));
    assert!(app.remembered().problems);
    let _ = app.update(Message::Desktop(DesktopMessage::Window(
        iced::window::Event::Resized(iced::Size::new(800.0, 600.0)),
    )));
    assert_eq!(
        (app.remembered().width, app.remembered().height),
        (800.0, 600.0)
    );
}

#[test]
fn dropped_paths_are_added_with_a_hover_overlay_and_progress() {
    use iced::window::Event as W;
    let mut app = demo_app();
    let music = support::demo();
    let _ = app.update(Message::Desktop(DesktopMessage::Window(W::FileHovered(
        music.clone(),
    ))));
    assert!(app.desktop().drop_hover());
    let mut ui = simulator(app.view());
    assert!(
        ui.find("Drop to add to your library").is_ok(),
        "the overlay shows"
    );
    drop(ui);
    let _ = app.update(Message::Desktop(DesktopMessage::Window(
        W::FilesHoveredLeft,
    )));
    assert!(
        !app.desktop().drop_hover(),
        "leaving takes the overlay away"
    );
    let tone = support::demo_tone();
    for path in [music.clone(), tone.clone(), music.clone()] {
        let _ = app.update(Message::Desktop(DesktopMessage::Window(W::FileDropped(
            path,
        ))));
    }
    assert_eq!(
        app.desktop().dropped(),
        vec![music, tone],
        "each path once, kept for one scan"
    );

    // While a scan runs, its counts show.
    let _ = app.update(Message::Library(LibraryMessage::ScanProgress(
        leitmotif::library::ScanProgress {
            folders_seen: 12,
            files_seen: 400,
            read: 150,
            failed: 2,
        },
    )));
    let mut ui = simulator(app.view());
    assert!(
        ui.find("Scanning: 152 of 400 files read · 12 folders · 2 could not be read")
            .is_ok()
    );
    drop(ui);
    let _ = app.update(Message::Library(LibraryMessage::Notice("done".into())));
    assert!(app.scanning().is_none());
}

#[test]
fn production_page_plays_sections_and_takes_a_new_title_and_medium() {
    let mut app = demo_app();
    let keys: Vec<ProductionKey> = app
        .library()
        .map(|l| l.productions.iter().map(|p| p.key.clone()).collect())
        .unwrap_or_default();
    let mut ui = simulator(app.view());
    let _ = ui
        .click("Lanternfall")
        .expect("the production's title opens it");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(messages.as_slice(), [Message::Browse(BrowseMessage::OpenProduction(key))] if *key == keys[1]),
        "{messages:?}"
    );
    let _ = app.update(Message::Browse(BrowseMessage::OpenProduction(
        keys[0].clone(),
    )));
    let mut ui = simulator(app.view());
    for label in [
        "Arrival Point",
        "Music by Mara Lindqvist",
        "Score · 3",
        "Songs · 2",
        "Play score only",
    ] {
        assert!(ui.find(label).is_ok(), "{label:?} on the production page");
    }
    let _ = ui.click("Play score only").expect("button");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Play(PlayMessage::Production(key, Some(Category::Score)))] if *key == keys[0]
        ),
        "{messages:?}"
    );
    assert_snapshot(&app, "production");

    let _ = app.update(Message::Edit(EditMessage::RenameStart(keys[0].clone())));
    let _ = app.update(Message::Edit(EditMessage::RenameDraft(
        "Arrival Point: Director's Cut".into(),
    )));
    let _ = app.update(Message::Edit(EditMessage::RenameSave));
    let _ = app.update(Message::Edit(EditMessage::SetMedium(
        keys[0].clone(),
        leitmotif::library::Medium::Tv,
    )));
    let library = app.shared_library().expect("library");
    assert_eq!(
        library.productions[0].title,
        "Arrival Point: Director's Cut"
    );
    assert_eq!(
        library.productions[0].medium,
        leitmotif::library::Medium::Tv
    );
    let kept = app
        .user()
        .production("Arrival Point")
        .expect("kept under the derived title");
    assert_eq!(kept.title.as_deref(), Some("Arrival Point: Director's Cut"));
    let _ = app.update(Message::Browse(BrowseMessage::Escape));
    assert_eq!(
        *app.page(),
        leitmotif::gui::state::browse::Page::Library,
        "Esc goes back"
    );
}

#[test]
fn composers_view_lists_the_score_composers() {
    let mut app = demo_app();
    let _ = app.update(Message::Browse(BrowseMessage::ShowPage(
        leitmotif::gui::state::browse::Page::Composers,
    )));
    let mut ui = simulator(app.view());
    for label in [
        "Mara Lindqvist",
        "Kenji Arata",
        "Arrival Point (2024)",
        "Lanternfall (2023)",
    ] {
        assert!(ui.find(label).is_ok(), "{label:?}");
    }
    assert!(
        ui.find("The Night Ferries").is_err(),
        "performers of songs are not composers of the score"
    );
    drop(ui);
    assert_snapshot(&app, "composers");
}

#[test]
fn queue_view_removes_and_reorders() {
    let mut app = demo_app();
    let library = app.shared_library().expect("library");
    let paths: Vec<_> = library.productions[0]
        .tracks
        .iter()
        .map(|&t| library.tracks[t].path.clone())
        .collect();
    let _ = app.update(Message::Play(PlayMessage::Track(
        library.tracks[library.productions[0].tracks[0]].key(),
    )));
    let _ = app.update(Message::Transport(TransportMessage::Player(
        leitmotif::playback::Event::QueueChanged(paths.clone(), Some(0)),
    )));
    let _ = app.update(Message::Browse(BrowseMessage::ShowPage(
        leitmotif::gui::state::browse::Page::Queue,
    )));
    let mut ui = simulator(app.view());
    assert!(ui.find("Queue · 4 to come").is_ok());
    assert!(ui.find("Neon Highway").is_ok());
    drop(ui);
    assert_snapshot(&app, "queue");
    let _ = app.update(Message::Transport(TransportMessage::QueueMove {
        from: 2,
        to: 1,
    }));
    assert_eq!(app.transport().queue()[1], paths[2]);
    assert_eq!(app.transport().queue()[2], paths[1]);
    let _ = app.update(Message::Transport(TransportMessage::QueueRemove(3)));
    assert_eq!(app.transport().queue().len(), 4);
    assert!(!app.transport().queue().contains(&paths[3]));
    assert_eq!(app.transport().queue_position(), Some(0));
}

#[test]
fn overlays_snapshots() {
    let mut app = demo_app();
    let _ = app.update(Message::Browse(BrowseMessage::ToggleHelp));
    assert_snapshot(&app, "shortcuts");
    let _ = app.update(Message::Browse(BrowseMessage::ToggleHelp));
    let _ = app.update(Message::Desktop(DesktopMessage::Window(
        iced::window::Event::FileHovered(support::demo()),
    )));
    assert_snapshot(&app, "drop");
}

#[test]
fn grid_of_covers_with_a_real_picture_and_placeholders() {
    let dir = support::TempDir::new("ui-grid");
    let music = support::copy_demo(&dir);
    // A cover picture for the film's score album, as a collection has them.
    let picture = image::RgbImage::from_fn(64, 64, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 4) as u8, 160])
    });
    picture
        .save(
            music.join(
                "Arrival Point (2024)/Arrival Point (Original Motion Picture Score)/cover.png",
            ),
        )
        .expect("write a cover");
    let library = Library::scan(&[music], &|_| {});
    let found = leitmotif::gui::state::covers::lookup(
        &leitmotif::gui::state::covers::first_files(&library),
        None,
    );
    assert!(
        found[0].as_ref().is_some_and(|p| p.ends_with("cover.png")),
        "{found:?}"
    );
    assert_eq!(found[1], None, "the game has no picture: a placeholder");
    let mut app = App::with_library(library);
    let _ = app.update(Message::Library(LibraryMessage::CoversFound(
        app.library_generation(),
        leitmotif::gui::state::covers::for_window(found, None),
    )));
    assert!(app.has_cover(0));
    let _ = app.update(Message::Browse(BrowseMessage::SetGrid(true)));
    let mut ui = simulator(app.view());
    assert!(ui.find("Lanternfall").is_ok());
    assert!(ui.find("Game · 2023").is_ok());
    let _ = ui
        .click("Lanternfall")
        .expect("a tile opens its production");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(messages.as_slice(), [Message::Browse(BrowseMessage::OpenProduction(key))] if *key == app.library().expect("library").productions[1].key),
        "{messages:?}"
    );
    // Covers for an older library are not applied to a newer one.
    let stale = app.library_generation() - 1;
    let _ = app.update(Message::Library(LibraryMessage::CoversFound(
        stale,
        vec![None, None],
    )));
    assert!(app.has_cover(0));
    assert_snapshot(&app, "grid");
}

/// A library of the demo and, optionally, a production whose files sort
/// before everything in it ("Aardvark"): a reload that shifts every track.
fn demo_with_aardvark(dir: &support::TempDir, music: &std::path::Path, aardvark: bool) -> Library {
    let mut roots = Vec::new();
    if aardvark {
        let folder = dir.join("a-first/Aardvark (Original Score)");
        std::fs::create_dir_all(&folder).expect("folder");
        for n in 1..=3 {
            support::write_wav(
                &folder.join(format!("Aardvark Cue {n}.wav")),
                8000,
                &support::tone(220.0, 8000, 8000),
            );
        }
        roots.push(dir.join("a-first"));
    }
    roots.push(music.to_path_buf());
    Library::scan(&roots, &|_| {})
}

fn loaded(library: Library) -> Message {
    Message::Library(LibraryMessage::Loaded {
        library: std::sync::Arc::new(library),
        demo: false,
        notice: None,
        rescan: false,
        folders: Vec::new(),
        user: std::sync::Arc::default(),
    })
}

#[test]
fn edits_land_on_the_track_that_plays_after_a_reload_moves_it() {
    let dir = support::TempDir::new("ui-identity");
    let music = support::copy_demo(&dir);
    let user_file = dir.join("library.user.json");
    let mut app = App::with_library(demo_with_aardvark(&dir, &music, false));
    app.keep_edits_in(user_file.clone()).expect("no file yet");

    // Play a cue and open its scene editor.
    let forest = play(&mut app, "Forest of Echoes");
    let forest_path = app.library().expect("library").tracks[forest].path.clone();
    let _ = app.update(Message::Edit(EditMessage::EditScene));
    let _ = app.update(Message::Edit(EditMessage::SceneText(
        "Deep in the wood, at dusk.".into(),
    )));

    // While it plays, a folder whose files sort first joins the library.
    let _ = app.update(loaded(demo_with_aardvark(&dir, &music, true)));
    let library = app.shared_library().expect("library");
    let moved = library
        .tracks
        .iter()
        .position(|t| t.path == forest_path)
        .expect("still in the library");
    assert_ne!(
        moved, forest,
        "the reload moved the track (else this tests nothing)"
    );
    let other = library.tracks[forest].title.clone();
    let other_category = library.tracks[forest].category;
    assert_ne!(
        other, "Forest of Echoes",
        "its old place holds another track now"
    );

    // Everything that names what plays still names it.
    assert_eq!(app.title(), "Forest of Echoes · Leitmotif");
    assert_eq!(app.playing(), Some(moved));
    let snapshot = app.snapshot();
    let track = snapshot.track.expect("MPRIS is told a track");
    assert_eq!(
        (track.title.as_str(), track.production.as_str()),
        ("Forest of Echoes", "Lanternfall")
    );
    let mut ui = simulator(app.view());
    assert!(
        ui.find("Aardvark Cue 1").is_ok(),
        "the new production is listed"
    );
    drop(ui);

    // The note, saved now, goes to the track that plays, on screen and on disk.
    let _ = app.update(Message::Edit(EditMessage::SaveScene));
    assert!(app.scene_edit().is_none(), "saved and closed");
    let on_disk = leitmotif::library::UserData::load(&user_file).expect("the user's file");
    let note = on_disk.track(&forest_path).and_then(|t| t.scene.clone());
    assert_eq!(note.as_deref(), Some("Deep in the wood, at dusk."));
    assert_eq!(on_disk.tracks.len(), 1, "and to no other track");
    let shown = &app.library().expect("library").tracks;
    assert_eq!(
        shown[moved].placement.scene.as_deref(),
        Some("Deep in the wood, at dusk.")
    );
    assert_ne!(
        shown[forest].placement.scene.as_deref(),
        Some("Deep in the wood, at dusk."),
        "{other} keeps its own scene"
    );

    // "Mark as song" in the panel, drawn from the new library, marks the same track.
    let mut ui = simulator(app.view());
    let _ = ui.click("Mark as song").expect("the button");
    for message in ui.into_messages().collect::<Vec<_>>() {
        let _ = app.update(message);
    }
    let on_disk = leitmotif::library::UserData::load(&user_file).expect("the user's file");
    assert_eq!(
        on_disk.track(&forest_path).and_then(|t| t.category),
        Some(Category::Song)
    );
    let shown = &app.library().expect("library").tracks;
    assert_eq!(shown[moved].category, Category::Song);
    assert_eq!(shown[forest].category, other_category, "{other} untouched");
    assert!(!shown[forest].category_from_user);
}

#[test]
fn a_rename_begun_before_a_reload_renames_the_same_production() {
    let dir = support::TempDir::new("ui-identity-rename");
    let music = support::copy_demo(&dir);
    let user_file = dir.join("library.user.json");
    let mut app = App::with_library(demo_with_aardvark(&dir, &music, false));
    app.keep_edits_in(user_file.clone()).expect("no file yet");
    let lanternfall = app
        .library()
        .and_then(|l| l.productions.iter().find(|p| p.title == "Lanternfall"))
        .map(|p| p.key.clone())
        .expect("the demo's game");
    let _ = app.update(Message::Browse(BrowseMessage::OpenProduction(
        lanternfall.clone(),
    )));
    let _ = app.update(Message::Edit(EditMessage::RenameStart(lanternfall.clone())));
    let _ = app.update(Message::Edit(EditMessage::RenameDraft(
        "Lanternfall: Definitive".into(),
    )));

    let _ = app.update(loaded(demo_with_aardvark(&dir, &music, true)));
    assert_eq!(
        *app.page(),
        leitmotif::gui::state::browse::Page::Production(lanternfall.clone()),
        "the page still shows the game"
    );
    let mut ui = simulator(app.view());
    assert!(
        ui.find("Title Screen").is_ok(),
        "the game's tracks, not Aardvark's"
    );
    assert!(ui.find("Aardvark Cue 1").is_err());
    drop(ui);
    let _ = app.update(Message::Edit(EditMessage::RenameSave));
    let library = app.shared_library().expect("library");
    let titles: Vec<&str> = library
        .productions
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Aardvark", "Arrival Point", "Lanternfall: Definitive"]
    );
    let on_disk = leitmotif::library::UserData::load(&user_file).expect("the user's file");
    assert_eq!(
        on_disk
            .production("Lanternfall")
            .and_then(|p| p.title.as_deref()),
        Some("Lanternfall: Definitive")
    );
    assert_eq!(on_disk.productions.len(), 1);
}

#[test]
fn an_editor_whose_track_is_gone_closes_and_says_so() {
    let dir = support::TempDir::new("ui-identity-gone");
    let music = support::copy_demo(&dir);
    let mut app = App::with_library(demo_with_aardvark(&dir, &music, true));
    let cue = play(&mut app, "Aardvark Cue 2");
    let _ = app.update(Message::Edit(EditMessage::EditScene));
    assert!(app.scene_edit().is_some());
    let _ = app.update(loaded(demo_with_aardvark(&dir, &music, false)));
    assert!(app.scene_edit().is_none(), "nothing to write the note to");
    assert!(
        app.notice()
            .is_some_and(|n| n.contains("no longer in the library")),
        "{:?}",
        app.notice()
    );
    let _ = app.update(Message::Edit(EditMessage::SaveScene));
    assert!(
        app.user().tracks.is_empty(),
        "no note went to another track"
    );
    // The file still plays: it is named by its file.
    assert_eq!(app.playing(), None);
    assert_ne!(cue, usize::MAX);
    assert_eq!(app.title(), "Aardvark Cue 2 · Leitmotif");
}

#[test]
fn edits_made_while_a_library_was_read_show_in_it() {
    let dir = support::TempDir::new("ui-identity-race");
    let music = support::copy_demo(&dir);
    let mut app = App::with_library(demo_with_aardvark(&dir, &music, false));
    let forest = play(&mut app, "Forest of Echoes");
    let key = app.library().expect("library").tracks[forest].key();
    let _ = app.update(Message::Edit(EditMessage::SetCategory(
        key.clone(),
        Category::Song,
    )));
    // A scan that began before the edit hands over a library built without it.
    let _ = app.update(loaded(demo_with_aardvark(&dir, &music, true)));
    let library = app.shared_library().expect("library");
    let track = library
        .tracks
        .iter()
        .find(|t| t.key() == key)
        .expect("in the library");
    assert_eq!(track.category, Category::Song);
    assert!(track.category_from_user);
}

fn stored(path: &str, tags: leitmotif::library::FileTags) -> leitmotif::library::StoredFile {
    leitmotif::library::StoredFile {
        path: path.into(),
        tags: Box::new(tags),
        added: 0,
        image: None,
    }
}

#[test]
fn other_music_has_its_own_shelf_and_compilation_themes_show_under_their_film() {
    use leitmotif::library::{FileTags, Medium, UserData};
    let tag = |album: &str, title: &str, artist: &str, composer: &str, genre: &str| FileTags {
        album: Some(album.into()),
        title: Some(title.into()),
        artists: vec![artist.into()],
        composers: vec![composer.into()],
        genres: vec![genre.into()],
        ..FileTags::default()
    };
    let library = Library::build(
        vec![
            stored(
                "/m/Comp/01.ogg",
                tag(
                    "Music from the Films of Anna Lind",
                    "Theme (From \"Quiet Harbour\")",
                    "City of Prague Philharmonic Orchestra",
                    "Anna Lind",
                    "Soundtrack",
                ),
            ),
            stored(
                "/m/Films/Quiet Harbour/01.flac",
                tag(
                    "Quiet Harbour (Original Motion Picture Score)",
                    "Main Title",
                    "Anna Lind",
                    "Anna Lind",
                    "Soundtrack",
                ),
            ),
            stored(
                "/m/Rock/Static Bloom/01.mp3",
                tag(
                    "Static Bloom",
                    "Engines",
                    "The Copper Wires",
                    "The Copper Wires",
                    "Rock",
                ),
            ),
        ],
        Vec::new(),
        &[],
        &UserData::default(),
    );
    let rock = library
        .productions
        .iter()
        .find(|p| p.title == "Static Bloom")
        .expect("the rock album");
    assert_eq!(rock.medium, Medium::Other);
    let mut app = App::with_library(library.clone());
    let mut ui = simulator(app.view());
    assert!(ui.find("Quiet Harbour").is_ok());
    assert!(
        ui.find("Static Bloom").is_err(),
        "not among the soundtracks"
    );
    assert!(ui.find("2 productions · 1 other albums · 3 tracks").is_ok());
    let _ = ui.click("Other music").expect("the shelf's chip");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Browse(BrowseMessage::Filter(Some(Medium::Other)))]
        ),
        "{messages:?}"
    );
    let _ = app.update(Message::Browse(BrowseMessage::Filter(Some(Medium::Other))));
    let mut ui = simulator(app.view());
    assert!(ui.find("Static Bloom").is_ok());
    assert!(ui.find("Tracks · 1").is_ok(), "no score or songs sections");
    assert!(ui.find("Quiet Harbour").is_err());
    drop(ui);
    // A search finds both shelves.
    let _ = app.update(Message::Browse(BrowseMessage::Filter(None)));
    let _ = app.update(Message::Browse(BrowseMessage::Search("engines".into())));
    let mut ui = simulator(app.view());
    assert!(ui.find("Static Bloom").is_ok());
    drop(ui);

    let film = library
        .productions
        .iter()
        .find(|p| p.title == "Quiet Harbour")
        .expect("the film");
    let _ = app.update(Message::Browse(BrowseMessage::OpenProduction(
        film.key.clone(),
    )));
    let mut ui = simulator(app.view());
    assert!(ui.find("Also on compilations · 1").is_ok());
    assert!(ui.find("Theme (From \"Quiet Harbour\")").is_ok());
}

#[test]
fn the_servers_page_lists_each_server_and_what_its_last_refresh_did() {
    use leitmotif::gui::message::ServersMessage;
    use leitmotif::gui::state::browse::Page;
    use leitmotif::gui::state::servers::Said;
    use leitmotif::library::remote::RemoteServer;
    use leitmotif::server::add::Listed;

    let servers = |m| Message::Servers(m);
    let mut app = demo_app();
    let mut ui = simulator(app.view());
    let _ = ui.click("Servers").expect("the Servers chip");
    for m in ui.into_messages().collect::<Vec<_>>() {
        let _ = app.update(m);
    }
    assert_eq!(*app.page(), Page::Servers);
    let key = "subsonic://alice@music.example.org";
    let _ = app.update(servers(ServersMessage::Listed(Ok(vec![Listed {
        server: RemoteServer {
            key: key.into(),
            url: "https://music.example.org".into(),
            user: "alice".into(),
            auth: "token".into(),
            version: "1.16.1".into(),
            added: 0,
            refreshed: None,
        },
        tracks: 42,
        kept: Some(leitmotif::server::Place::Keyring),
    }]))));
    let mut ui = simulator(app.view());
    assert!(ui.find("https://music.example.org").is_ok());
    assert!(ui.find("as alice · 42 tracks · never read").is_ok());
    drop(ui);

    // A refresh that failed says so on the server's line.
    let why = "cannot reach music.example.org: the host name is not known";
    let _ = app.update(servers(ServersMessage::AlbumsRead {
        key: key.into(),
        read: Err(why.into()),
    }));
    let mut ui = simulator(app.view());
    assert!(
        ui.find(format!("as alice · 42 tracks · the last refresh failed: {why}").as_str())
            .is_ok()
    );
    drop(ui);

    // Add with no user name says what to type, checks nothing, and keeps no password.
    let _ = app.update(servers(ServersMessage::Url(
        "https://music.example.org".into(),
    )));
    let _ = app.update(servers(ServersMessage::Password(
        leitmotif::server::auth::Secret::new("hunter2"),
    )));
    let _ = app.update(servers(ServersMessage::Add));
    assert_eq!(
        app.servers().said(),
        Some(&Said::Failed("Type your user name on the server.".into()))
    );
    assert!(app.servers().busy().is_none());
    assert_eq!(app.servers().password(), "");

    // The password field shows dots (the pinned picture).
    let _ = app.update(servers(ServersMessage::User("bob".into())));
    let _ = app.update(servers(ServersMessage::Password(
        leitmotif::server::auth::Secret::new("hunter2"),
    )));
    assert_snapshot(&app, "servers");

    // Remove asks first; Keep leaves the server be.
    let mut ui = simulator(app.view());
    let _ = ui.click("Remove…").expect("the Remove button");
    for m in ui.into_messages().collect::<Vec<_>>() {
        let _ = app.update(m);
    }
    assert_eq!(app.servers().removing(), Some(key));
    let mut ui = simulator(app.view());
    assert!(ui.find("Remove it and its 42 tracks?").is_ok());
    let _ = ui.click("Keep").expect("the Keep button");
    for m in ui.into_messages().collect::<Vec<_>>() {
        let _ = app.update(m);
    }
    assert_eq!(app.servers().removing(), None);
    assert_eq!(app.servers().listed().len(), 1);
}
