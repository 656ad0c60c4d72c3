//! The window: an iced application over the library and the player service.
//!
//! The state is split by who owns it (`state/`): the library shown, the
//! transport, browsing, the user's edits and the desktop around the window.
//! [`App::update`] only dispatches: each part handles its own messages and
//! tells the window, as an event, what the others must hear; what spans
//! parts (playing something, a library arriving) is in `coordinate.rs`.
//! Everything from outside (player events, media keys, later launches,
//! scans) is pushed in as messages: nothing polls on a timer.
//!
//! Drawing reads a [`view::Ctx`], never the `App`: `frame` draws what every
//! page shares, `pages/` one module per page, `components/` the pieces more
//! than one page uses. Imports go one way: pages use components, components
//! use `view`, `state` and `message`, and none of them reach back up.

pub mod components;
mod coordinate;
mod follow;
pub mod frame;
pub mod keys;
pub mod message;
pub mod pages;
mod playlists;
pub mod state;
pub mod style;
pub mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use iced::{Element, Subscription, Task, Theme};

pub use keys::shortcut;
pub use message::Message;
use message::{DesktopMessage, TransportMessage};
use state::browse::{Browse, BrowseEvent, Page};
use state::desktop::Desktop;
use state::edits::{Edits, SceneEdit};
use state::loudness::LoudnessState;
use state::lyrics::LyricsState;
use state::playlists::Playlists;
use state::remember::Remembered;
use state::servers::{Servers, ServersEvent};
use state::shown::Shown;
use state::transport::{NowPlaying, Transport};

use crate::library::{Library, ScanProgress, TrackId, UserData};
use crate::playback::output::OutputKind;
use crate::playback::{Command, PlayerService, Resume};

/// Options the window starts with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Folders to add to the library; the demo library shows when there are none.
    pub roots: Vec<PathBuf>,
    /// Files to play at once, once the library has them.
    pub play: Vec<PathBuf>,
    /// Playlists to open (M3U, M3U8, PLS, XSPF); the first one plays.
    pub playlists: Vec<PathBuf>,
    /// Paths handed over by later launches (single instance), taken once at boot.
    pub handoff: Option<Handoff>,
}

/// Where paths from later launches arrive; shared so that [`Options`] stays `Clone`.
pub type Handoff = Arc<std::sync::Mutex<Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>>>;

impl Options {
    /// Paths as a file manager passes them: a folder is added to the library;
    /// a playlist is opened and played; another file is played, and its
    /// folder added.
    pub fn from_paths(paths: impl IntoIterator<Item = PathBuf>) -> Options {
        let mut options = Options::default();
        for path in paths {
            let path = std::path::absolute(&path).unwrap_or(path);
            if crate::playlist::is_playlist(&path) && !path.is_dir() {
                options.playlists.push(path);
            } else if path.is_file() {
                if let Some(folder) = path.parent()
                    && !options.roots.iter().any(|r| r == folder)
                {
                    options.roots.push(folder.to_path_buf());
                }
                options.play.push(path);
            } else {
                options.roots.push(path);
            }
        }
        options
    }
}

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
    fn assemble(player: Option<PlayerService>, desktop: Desktop, edits: Edits) -> App {
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
            tasks.push(Task::run(
                state::push::forward(events, "player events"),
                |e| Message::Transport(TransportMessage::Player(e)),
            ));
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

    /// An app over a ready library and no audio at all: for tests and screenshots.
    pub fn with_library(library: Library) -> App {
        let mut app = App::assemble(None, Desktop::default(), Edits::default());
        app.set_library(Arc::new(library), false);
        app
    }

    /// Keeps the user's edits in the file at `path`, reading what it holds: for tests.
    pub fn keep_edits_in(&mut self, path: PathBuf) -> Result<(), String> {
        let (edits, unreadable) = Edits::open(Some(path));
        if let Some(e) = unreadable {
            return Err(e);
        }
        self.edits = edits;
        Ok(())
    }

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
                self.loudness.update(m);
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

    // What the window holds, for tests and the desktop glue.

    /// The library shown, once loaded.
    pub fn library(&self) -> Option<&Library> {
        self.shown.as_ref().map(Shown::library)
    }
    /// The library shown, shared.
    pub fn shared_library(&self) -> Option<Arc<Library>> {
        self.shown.as_ref().map(Shown::shared)
    }
    /// The library's track for a file, if it has one.
    pub fn track_of(&self, path: &Path) -> Option<TrackId> {
        self.shown.as_ref()?.track_of(path)
    }
    /// The track playing, in the library shown (found by its path).
    pub fn playing(&self) -> Option<TrackId> {
        self.track_of(self.transport.now().path.as_deref()?)
    }
    /// What plays.
    pub fn now(&self) -> &NowPlaying {
        self.transport.now()
    }
    /// The transport (volume, modes, queue).
    pub fn transport(&self) -> &Transport {
        &self.transport
    }
    /// Browsing (search, filter, sort, page).
    pub fn browse(&self) -> &Browse {
        &self.browse
    }
    /// The page showing.
    pub fn page(&self) -> &Page {
        self.browse.page()
    }
    /// Playlists saved and opened.
    pub fn playlists(&self) -> &Playlists {
        &self.playlists
    }
    /// Keeps playlists in `folder` (instead of the user's data folder): for tests.
    pub fn keep_playlists_in(&mut self, folder: PathBuf) {
        self.playlists = Playlists::new(Some(folder));
    }
    /// The playing song's lyrics.
    pub fn lyrics(&self) -> &LyricsState {
        &self.lyrics
    }
    /// The library's servers.
    pub fn servers(&self) -> &Servers {
        &self.servers
    }
    /// Keeps servers in the store at `store`, their secrets in `secrets`
    /// (instead of the user's folders): for tests.
    pub fn keep_servers_in(&mut self, store: PathBuf, secrets: crate::server::Secrets) {
        self.servers = Servers::new(Some(store), Some(secrets));
    }
    /// The loudness analysis and the envelopes in view.
    pub fn loudness(&self) -> &LoudnessState {
        &self.loudness
    }
    /// Keeps loudness measurements in the store at `path`: for tests.
    pub fn keep_loudness_in(&mut self, path: PathBuf) {
        self.loudness = LoudnessState::new(Some(path));
    }
    /// The folders followed for changes, if any are.
    pub fn followed(&self) -> Option<&[PathBuf]> {
        self.follow
            .as_ref()
            .map(crate::library::watch::Follow::roots)
    }
    /// The user's edits.
    pub fn user(&self) -> &UserData {
        self.edits.user()
    }
    /// The scene note being written.
    pub fn scene_edit(&self) -> Option<&SceneEdit> {
        self.edits.scene()
    }
    /// What the window remembers for the next start.
    pub fn remembered(&self) -> &Remembered {
        self.desktop.remembered()
    }
    /// The desktop (dropped paths, theme).
    pub fn desktop(&self) -> &Desktop {
        &self.desktop
    }
    /// A problem the user should see.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }
    /// Counts of the scan running, if one is.
    pub fn scanning(&self) -> Option<ScanProgress> {
        self.scanning
    }
    /// Which library the window holds (counts up with each one loaded).
    pub fn library_generation(&self) -> u64 {
        self.generation
    }
    /// Whether a production's cover was found.
    pub fn has_cover(&self, production: usize) -> bool {
        self.shown
            .as_ref()
            .is_some_and(|s| s.cover(production).is_some())
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
