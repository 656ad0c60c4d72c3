//! The window's view and update, headless with iced_test (no display needed).

mod support;

use iced::keyboard::{self, Key, Modifiers, key};
use iced_test::simulator;
use leitmotif::gui::{App, Message, shortcut};
use leitmotif::library::{Category, Library};

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
    let library = app.library.clone().expect("library loaded");
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
            .any(|m| matches!(m, Message::PlayTrack(id) if *id == landing)),
        "expected PlayTrack({landing}), got {messages:?}"
    );
}

#[test]
fn clicking_another_track_names_that_track() {
    let app = demo_app();
    let library = app.library.clone().expect("library loaded");
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
            .any(|m| matches!(m, Message::PlayTrack(id) if *id == neon)),
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
        Some(Message::TogglePlayback)
    ));
    assert!(matches!(
        shortcut(press(
            Key::Named(key::Named::ArrowRight),
            Modifiers::empty()
        )),
        Some(Message::SeekBy(5))
    ));
    assert!(matches!(
        shortcut(press(Key::Named(key::Named::ArrowLeft), Modifiers::SHIFT)),
        Some(Message::SeekBy(-30))
    ));
    assert!(matches!(
        shortcut(press(Key::Character("n".into()), Modifiers::empty())),
        Some(Message::Next)
    ));
    assert!(shortcut(press(Key::Character("z".into()), Modifiers::empty())).is_none());
}

#[test]
fn no_output_notice_is_shown_in_the_window() {
    let mut app = demo_app();
    app.apply(leitmotif::playback::Event::OutputLost(
        leitmotif::playback::no_output_message("no device"),
    ));
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
    let _ = app.update(Message::Search("hollow".into()));
    let mut ui = simulator(app.view());
    assert!(ui.find("Boss: The Hollow King").is_ok());
    assert!(ui.find("Landing").is_err(), "other tracks are hidden");
    assert!(
        ui.find("Arrival Point").is_err(),
        "productions without a match are hidden"
    );
    drop(ui);
    // Cue codes and scene descriptions are searched too.
    let _ = app.update(Message::Search("2m3".into()));
    let mut ui = simulator(app.view());
    assert!(ui.find("The Signal").is_ok());
    drop(ui);
    let _ = app.update(Message::Search("salt desert".into()));
    let mut ui = simulator(app.view());
    assert!(ui.find("Landing").is_ok(), "found by its description");
    drop(ui);
    let _ = app.update(Message::Escape);
    assert!(app.search.is_empty());
}

#[test]
fn now_playing_panel_decodes_the_cue_and_shows_the_scene() {
    let mut app = demo_app();
    let library = app.library.clone().expect("library");
    let signal = library
        .tracks
        .iter()
        .position(|t| t.title == "2M3 The Signal")
        .expect("demo cue");
    let _ = app.update(Message::PlayTrack(signal));
    let mut ui = simulator(app.view());
    assert!(ui.find("Reel 2, cue 3").is_ok(), "the cue decoded");
    assert!(
        ui.find("Reel 2: the radio picks up a pattern that no one on board sent.")
            .is_ok(),
        "the description tag as the scene"
    );
    assert!(
        ui.find("score: artist is the composer").is_ok(),
        "the evidence"
    );
}

#[test]
fn medium_filter_and_problems_view() {
    let mut app = demo_app();
    let _ = app.update(Message::Filter(Some(leitmotif::library::Medium::Game)));
    let mut ui = simulator(app.view());
    assert!(ui.find("Lanternfall").is_ok());
    assert!(ui.find("Arrival Point").is_err(), "films are filtered out");
    drop(ui);
    let _ = app.update(Message::Filter(Some(leitmotif::library::Medium::Tv)));
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
        matches!(messages.as_slice(), [Message::ShowProblems(true)]),
        "{messages:?}"
    );
    let _ = app.update(Message::ShowProblems(true));
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
    assert!(matches!(message, Message::ToggleHelp));
    let _ = app.update(message);
    let mut ui = simulator(app.view());
    assert!(ui.find("Keyboard shortcuts").is_ok());
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    for (keys, what) in leitmotif::gui::components::shortcuts::SHORTCUTS {
        assert!(ui.find(*what).is_ok(), "the overlay lists {keys}");
        assert!(
            readme.contains(&format!("| {keys} |")),
            "the README's keyboard table lists {keys}"
        );
    }
    drop(ui);
    let _ = app.update(Message::Escape);
    assert!(!app.show_help);
}

#[test]
fn play_score_only_and_mark_a_track_as_song() {
    let mut app = demo_app();
    let library = app.library.clone().expect("library");
    let mut ui = simulator(app.view());
    let _ = ui
        .click("Play songs")
        .expect("the first production's Play songs");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Message::PlayProduction(0, Some(Category::Song))]
        ),
        "{messages:?}"
    );
    for message in messages {
        let _ = app.update(message);
    }
    let playing = app.now.track.expect("a song plays");
    assert_eq!(library.tracks[playing].title, "Neon Highway");

    // In the now-playing panel: the user says it is score after all.
    let mut ui = simulator(app.view());
    let _ = ui.click("Mark as score").expect("the Mark as score button");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, Message::SetCategory(id, Category::Score) if *id == playing)),
        "{messages:?}"
    );
    let _ = app.update(Message::SetCategory(playing, Category::Score));
    let track = &app.library.as_ref().expect("library").tracks[playing];
    assert_eq!(track.category, Category::Score);
    assert_eq!(track.evidence[0], "set by you: score");
    assert_eq!(
        app.user.track(&track.path).and_then(|t| t.category),
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
    app.pending_play = options.play;
    app.play_pending();
    let playing = app.now.track.expect("the file plays at once");
    assert_eq!(
        app.library.as_ref().expect("library").tracks[playing].path,
        tone
    );
    assert!(app.pending_play.is_empty());
}
