//! The window: an iced application over the library and the player service.
//!
//! The state is split by who owns it (`state/`): the library shown, the
//! transport, browsing, the user's edits and the desktop around the window.
//! [`App::update`] only dispatches: each part handles its own messages and
//! tells the window, as an event, what the others must hear; what spans
//! parts (playing something, a library arriving) is in `coordinate.rs`.
//! Everything from outside (player events, media keys, later launches,
//! scans) is pushed in as messages: nothing polls on a timer. Start-up is
//! `boot.rs` (with `options.rs`, what the window is started with), and what
//! tests and the desktop glue read of the window is `access.rs`.
//!
//! Drawing reads a [`view::Ctx`], never the `App`: `frame` draws what every
//! page shares, `pages/` one module per page, `components/` the pieces more
//! than one page uses. Imports go one way: pages use components, components
//! use `view`, `state` and `message`, and none of them reach back up.

mod access;
mod boot;
pub mod components;
mod coordinate;
mod follow;
pub mod frame;
pub mod keys;
pub mod message;
mod options;
pub mod pages;
mod playlists;
pub mod state;
pub mod style;
pub mod view;

use std::path::PathBuf;

use iced::{Element, Subscription, Task, Theme};

pub use boot::run;
pub use keys::shortcut;
use message::DesktopMessage;
pub use message::Message;
pub use options::{Handoff, Options};
use state::browse::{Browse, BrowseEvent, Page};
use state::desktop::Desktop;
use state::edits::Edits;
use state::loudness::LoudnessState;
use state::lyrics::LyricsState;
use state::playlists::Playlists;
use state::servers::{Servers, ServersEvent};
use state::shown::Shown;
use state::transport::Transport;

use crate::library::ScanProgress;

/// The application's state, each part owned by its module.
pub struct App {
    shown: Option<Shown>,
    generation: u64,
    transport: Transport,
    browse: Browse,
    edits: Edits,
    desktop: Desktop,
    notice: Option<String>,
    scanning: Option<ScanProgress>,
    /// Files from the command line to play once the library has them.
    pending_play: Vec<PathBuf>,
    /// Play was asked for before the library was read.
    play_first_when_loaded: bool,
    /// Playlists saved and opened.
    playlists: Playlists,
    /// The playing song's lyrics.
    lyrics: LyricsState,
    /// The library's folders, followed while the window is open.
    follow: Option<crate::library::watch::Follow>,
    /// The library's Subsonic servers, and the plays reported to them.
    servers: Servers,
    /// The loudness analysis, and the envelopes of what is in view.
    loudness: LoudnessState,
}

impl App {
    /// Handles one message: each part its own.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = match message {
            Message::Library(m) => self.library_message(m),
            Message::Transport(m) => self.transport_message(m),
            Message::Browse(m) => self.browse_message(m),
            Message::Edit(m) => self.edit_message(m),
            Message::Play(m) => self.play(m),
            Message::Desktop(m) => self.desktop_message(m),
            Message::Playlist(m) => self.playlist_message(m),
            Message::Lyrics(message::LyricsMessage::Found(path, lyrics)) => {
                let position = self.transport.now().position;
                self.lyrics.found(&path, lyrics, position)
            }
            Message::Servers(m) => self.servers_message(m),
            Message::Loudness(m) => {
                if let Some(notice) = self.loudness.update(m) {
                    self.notice = Some(notice);
                }
                Task::none()
            }
        };
        // The lyrics follow the track and its position, whatever moved them;
        // the envelopes follow the productions in view.
        let now = self.transport.now();
        let lyrics = self.lyrics.follow(now.path.as_deref(), now.position);
        let in_view = self.productions_in_view();
        let library = self.shown.as_ref().map(Shown::library);
        let shapes = self.loudness.follow(library, &in_view);
        self.publish();
        Task::batch([task, lyrics, shapes])
    }

    /// The playing production and the production page open, if any.
    fn productions_in_view(&self) -> Vec<usize> {
        let Some(library) = self.library() else {
            return Vec::new();
        };
        let playing = self
            .playing()
            .and_then(|id| library.production_index_of(id));
        let page = match self.browse.page() {
            Page::Production(key) => library.production_by_key(key),
            _ => None,
        };
        let mut in_view: Vec<usize> = playing.into_iter().chain(page).collect();
        in_view.dedup();
        in_view
    }

    fn browse_message(&mut self, message: message::BrowseMessage) -> Task<Message> {
        let library = self.shown.as_ref().map(Shown::library);
        let before = self.browse.page().clone();
        let (task, event) = self.browse.update(message, library);
        match event {
            Some(BrowseEvent::ViewChanged) => self.desktop.view_changed(&self.browse),
            Some(BrowseEvent::Left) => self.edits.close_rename(),
            None => {}
        }
        // The Servers page lists them as they are now.
        if *self.browse.page() == Page::Servers && before != Page::Servers {
            return Task::batch([task, self.servers.list()]);
        }
        task
    }

    fn servers_message(&mut self, message: message::ServersMessage) -> Task<Message> {
        let (task, event) = self.servers.update(message);
        match (event, self.servers.store()) {
            (Some(ServersEvent::Reload), Some(store)) => {
                Task::batch([task, state::loading::reload(store.to_path_buf())])
            }
            _ => task,
        }
    }

    /// Tells MPRIS clients what plays (only what changed is signalled).
    fn publish(&mut self) {
        let snapshot =
            state::desktop::snapshot(self.shown.as_ref(), &self.transport, self.playing());
        let position = self.transport.now().position;
        self.desktop.publish(snapshot, position);
    }

    /// Draws the window.
    pub fn view(&self) -> Element<'_, Message> {
        #[cfg(feature = "bench-hooks")]
        if self.shown.is_some() {
            bench_first_frame();
        }
        let ctx = self.ctx();
        let page = frame::view(&ctx);
        if ctx.drop_hover {
            iced::widget::stack![page, frame::drop_overlay(&ctx.theme)].into()
        } else if self.browse.help_shown() {
            iced::widget::stack![page, components::shortcuts::overlay(&ctx)].into()
        } else {
            page
        }
    }

    /// What a frame is drawn from.
    fn ctx(&self) -> view::Ctx<'_> {
        view::Ctx {
            shown: self.shown.as_ref(),
            transport: &self.transport,
            browse: &self.browse,
            edits: &self.edits,
            playlists: &self.playlists,
            lyrics: &self.lyrics,
            servers: &self.servers,
            loudness: &self.loudness,
            notice: self.notice.as_deref(),
            scanning: self.scanning,
            drop_hover: self.desktop.drop_hover(),
            theme: self.theme(),
        }
    }

    /// The keyboard and the window's events; nothing on a timer.
    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            iced::keyboard::listen().filter_map(shortcut),
            iced::system::theme_changes().map(|m| Message::Desktop(DesktopMessage::SystemTheme(m))),
            iced::window::events()
                .map(|(_, event)| Message::Desktop(DesktopMessage::Window(event))),
        ])
    }

    /// The theme: dark unless the system asks for light.
    pub fn theme(&self) -> Theme {
        style::for_mode(self.desktop.mode())
    }

    /// The window title names what plays.
    pub fn title(&self) -> String {
        let playing = self
            .playing()
            .and_then(|id| self.library()?.tracks.get(id))
            .map(|t| t.title.clone())
            .or_else(|| {
                let path = self.transport.now().path.as_deref()?;
                state::desktop::file_title(path)
            });
        match playing {
            Some(title) => format!("{title} · Leitmotif"),
            None => "Leitmotif".to_string(),
        }
    }
}

/// For `make bench` (built with `--features bench-hooks`): with
/// `LEITMOTIF_BENCH_FIRST_FRAME` set, the first frame that shows the library
/// writes "first frame" on stderr and ends the process.
#[cfg(feature = "bench-hooks")]
fn bench_first_frame() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("LEITMOTIF_BENCH_FIRST_FRAME").is_some() {
        ONCE.call_once(|| {
            log::info!("first frame with the library");
            std::process::exit(0);
        });
    }
}
