//! Start-up: the player service at once, the library in the background, what
//! pushes into the window from outside, and the window itself.

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use super::message::{self, DesktopMessage, Message, TransportMessage};
use super::state::{self, desktop::Desktop, edits::Edits, loudness::LoudnessState};
use super::state::{browse::Browse, lyrics::LyricsState, playlists::Playlists};
use super::state::{remember::Remembered, servers::Servers, transport::Transport};
use super::{App, Options};
use crate::playback::output::OutputKind;
use crate::playback::{Command, PlayerService, Resume};

impl App {
    /// Starts the app: the player service at once, the library in the
    /// background, and what pushes into the window from outside.
    pub fn boot(options: Options) -> (App, Task<Message>) {
        let (desktop, no_mpris) = Desktop::start(
            Remembered::default_path(),
            crate::desktop::mpris::Mpris::start(),
        );
        if let Some(why) = no_mpris {
            log::warn!("media keys and desktop widgets (MPRIS) are off: {why}");
        }
        let store = crate::library::Store::default_path();
        let (edits, unreadable) =
            Edits::open(store.as_deref().map(crate::library::user_data::path_beside));
        let servers = Servers::new(store.clone(), crate::server::Secrets::from_env());
        let mut app = App::assemble(Some(start_player(servers.registry())), desktop, edits);
        app.servers = servers;
        app.playlists = Playlists::new(Playlists::default_folder());
        app.loudness = LoudnessState::new(store.clone());
        app.notice = unreadable;
        app.pending_play = options.play;
        let handoff = options
            .handoff
            .as_ref()
            .and_then(|h| h.lock().ok().and_then(|mut slot| slot.take()));
        let plan = state::loading::Plan {
            add: options.roots,
            store,
            demo: crate::library::demo::demo_dir(),
        };
        let tasks = Task::batch([
            Task::perform(state::loading::first_load(plan), |m| m),
            iced::system::theme().map(|m| Message::Desktop(DesktopMessage::SystemTheme(m))),
            app.pushed(handoff),
            app.playlists.list(),
            app.update(Message::Playlist(message::PlaylistMessage::Open(
                options.playlists,
            ))),
        ]);
        (app, tasks)
    }

    /// The parts together.
    pub(super) fn assemble(player: Option<PlayerService>, desktop: Desktop, edits: Edits) -> App {
        let r = desktop.remembered();
        let browse = Browse::new(r.filter, r.sort, r.grid, r.problems);
        App {
            shown: None,
            generation: 0,
            transport: Transport::new(player),
            browse,
            edits,
            desktop,
            notice: None,
            scanning: None,
            pending_play: Vec::new(),
            play_first_when_loaded: false,
            playlists: Playlists::default(),
            lyrics: LyricsState::default(),
            follow: None,
            servers: Servers::default(),
            loudness: LoudnessState::default(),
        }
    }

    /// What outside pushes into the window: the player's events, media keys,
    /// paths from later launches.
    fn pushed(
        &mut self,
        handoff: Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>,
    ) -> Task<Message> {
        let mut tasks = Vec::new();
        if let Some(events) = self.transport.take_events() {
            tasks.push(Task::run(state::push::player(events), |e| {
                Message::Transport(TransportMessage::Player(e))
            }));
        }
        if let Some(requests) = self.desktop.take_requests() {
            tasks.push(Task::run(
                state::push::forward(requests, "media keys"),
                |r| Message::Desktop(DesktopMessage::Media(r)),
            ));
        }
        if let Some(paths) = handoff {
            tasks.push(Task::run(state::push::forward(paths, "hand-overs"), |p| {
                Message::Desktop(DesktopMessage::Handoff(p))
            }));
        }
        Task::batch(tasks)
    }
}

/// The player on the default device, picking up where the last run stopped
/// (paused), saving its state in the user's state folder, and asking the
/// library what each item is.
fn start_player(servers: Option<Arc<crate::server::Registry>>) -> PlayerService {
    let state_file = Resume::default_path();
    let saved = state_file.as_deref().and_then(Resume::load);
    // Tracks of the library's servers stream from them; the rest are files,
    // with gains from their tags, else from Leitmotif's own analysis. Nothing
    // here opens the store: the locator does, on the player's thread.
    let locator = match (servers, crate::library::Store::default_path()) {
        (Some(servers), Some(store)) => crate::server::locate::locator(
            servers,
            crate::library::images::locator_with_analysis(store),
        ),
        _ => crate::library::images::locator(),
    };
    let player = PlayerService::start_with(OutputKind::Device, state_file, locator);
    if let Some(saved) = saved {
        player.send(Command::Restore(saved));
    }
    player
}

/// Opens the window (where and as large as it was last time) and runs until it is closed.
pub fn run(options: Options) -> iced::Result {
    let remembered = Remembered::default_path()
        .map(|path| Remembered::load(&path))
        .unwrap_or_default();
    let position = match (remembered.x, remembered.y) {
        (Some(x), Some(y)) => iced::window::Position::Specific(iced::Point::new(x, y)),
        _ => iced::window::Position::default(),
    };
    let window = iced::window::Settings {
        size: iced::Size::new(remembered.width, remembered.height),
        position,
        // The window's class (X11 WM_CLASS, Wayland app_id) is the desktop file's
        // name, so docks group the window with its launcher (StartupWMClass).
        platform_specific: iced::window::settings::PlatformSpecific {
            application_id: crate::desktop::APP_ID.to_string(),
            ..Default::default()
        },
        ..Default::default()
    };
    iced::application(move || App::boot(options.clone()), App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .theme(App::theme)
        .window(window)
        .run()
}
