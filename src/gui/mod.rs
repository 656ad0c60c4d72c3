//! The window: an iced application over the library and the player service.
//!
//! State flows one way: the library and player events feed [`App`], the view
//! draws it, and messages turn into player commands.

pub mod components;
pub mod covers;
pub mod loading;
pub mod media_keys;
pub mod message;
pub mod pages;
pub mod remember;
pub mod scene;
pub mod shelf;
pub mod style;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::keyboard::{self, key};
use iced::{Element, Subscription, Task, Theme};

use pages::Page;

pub use message::Message;

use crate::library::{Category, Edit, Library, ProductionKey, TrackId, TrackKey};
use crate::playback::output::OutputKind;
use crate::playback::{Command, Event, PlayerService, Repeat, Resume};

/// Options the window starts with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Folders to add to the library; the demo library shows when there are none.
    pub roots: Vec<PathBuf>,
    /// Files to play at once, once the library has them.
    pub play: Vec<PathBuf>,
    /// Paths handed over by later launches (single instance), taken once at boot.
    pub handoff: Option<Handoff>,
}

/// Where paths from later launches arrive; shared so that [`Options`] stays `Clone`.
pub type Handoff = Arc<std::sync::Mutex<Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>>>;

impl Options {
    /// Paths as a file manager passes them: a folder is added to the library;
    /// a file is played, and its folder added.
    pub fn from_paths(paths: impl IntoIterator<Item = PathBuf>) -> Options {
        let mut options = Options::default();
        for path in paths {
            let path = std::path::absolute(&path).unwrap_or(path);
            if path.is_file() {
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

/// What is playing, as far as the window knows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NowPlaying {
    /// The file playing: what names the track across reloads (see
    /// [`App::playing`] for the track in the library shown).
    pub path: Option<PathBuf>,
    /// Position in the track.
    pub position: Duration,
    /// Length of the track.
    pub duration: Option<Duration>,
    /// Paused (or stopped).
    pub paused: bool,
    /// Where the seek bar is being dragged to, in seconds.
    pub dragging: Option<f32>,
}

/// The application's state.
pub struct App {
    /// The library, once loaded.
    pub library: Option<Arc<Library>>,
    path_index: HashMap<PathBuf, TrackId>,
    player: Option<PlayerService>,
    /// What is playing.
    pub now: NowPlaying,
    /// A problem the user should see (no audio output...).
    pub notice: Option<String>,
    /// The last file that could not be played, and why.
    pub last_error: Option<String>,
    /// The system's light or dark preference.
    pub mode: iced::theme::Mode,
    /// Whether the library shown is the bundled demo.
    pub demo: bool,
    /// Volume, 0.0 to 1.0.
    pub volume: f32,
    /// Muted.
    pub muted: bool,
    /// Shuffle on.
    pub shuffle: bool,
    /// Repeat mode.
    pub repeat: Repeat,
    /// What the search field holds.
    pub search: String,
    /// What the library page lists (worked out on changes, not per frame).
    pub shelf: shelf::Shelf,
    haystacks: Vec<String>,
    /// How productions are ordered.
    pub sort: shelf::Sort,
    /// The library list's scroll position and height, for building only what shows.
    pub scroll: (f32, f32),
    /// The library list's width (how many tiles fit a row of the grid).
    pub list_width: f32,
    /// Productions as a grid of covers instead of cards with their tracks.
    pub grid: bool,
    /// Each production's cover picture, once found (same order as the productions).
    pub covers: Vec<Option<iced::widget::image::Handle>>,
    /// The same covers as files (for MPRIS clients).
    cover_files: Vec<Option<PathBuf>>,
    library_generation: u64,
    /// The medium the library is filtered to.
    pub filter: Option<crate::library::Medium>,
    /// Whether the problems list is showing.
    pub show_problems: bool,
    /// Whether the keyboard shortcuts overlay is showing.
    pub show_help: bool,
    /// Files from the command line to play once the library has them.
    pub pending_play: Vec<PathBuf>,
    handoff: Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>,
    mpris: Option<crate::desktop::mpris::Mpris>,
    /// The window's size, place and view, saved when they change.
    pub remembered: remember::Remembered,
    remembered_dirty: bool,
    remembered_path: Option<PathBuf>,
    /// The page the main area shows.
    pub page: pages::Page,
    /// The player's queue in play order, and where it is.
    pub queue: Vec<PathBuf>,
    /// Position of the playing item in [`App::queue`].
    pub queue_position: Option<usize>,
    /// A production being renamed, with the title as typed.
    pub renaming: Option<(ProductionKey, String)>,
    /// Counts of the scan running, if one is.
    pub scanning: Option<crate::library::ScanProgress>,
    /// Files are being dragged over the window.
    pub drop_hover: bool,
    /// Paths dropped on the window, added on the next tick (one scan for many).
    pub dropped: Vec<PathBuf>,
    /// The scene note being written, if any.
    pub scene_edit: Option<scene::SceneEdit>,
    /// The user's edits (categories...), and where they are saved.
    pub user: crate::library::UserData,
    user_path: Option<PathBuf>,
}

impl App {
    /// Starts the app: the player service at once, the library in the background.
    pub fn boot(options: Options) -> (App, Task<Message>) {
        let mut app = App::new(Some(start_player()));
        app.pending_play = options.play.clone();
        app.remembered_path = remember::Remembered::default_path();
        if let Some(path) = &app.remembered_path {
            app.remembered = remember::Remembered::load(path);
            app.filter = app.remembered.filter;
            app.sort = app.remembered.sort;
            app.grid = app.remembered.grid;
            app.show_problems = app.remembered.problems;
        }
        app.handoff = options
            .handoff
            .as_ref()
            .and_then(|h| h.lock().ok().and_then(|mut slot| slot.take()));
        app.mpris = match crate::desktop::mpris::Mpris::start() {
            Ok(mpris) => Some(mpris),
            Err(e) => {
                eprintln!("leitmotif: media keys and desktop widgets (MPRIS) are off: {e}");
                None
            }
        };
        app.user_path = crate::library::Store::default_path()
            .map(|store| crate::library::user_data::path_beside(&store));
        if let Some(path) = &app.user_path {
            match crate::library::UserData::load(path) {
                Ok(user) => app.user = user,
                // Never overwrite a file we could not read: edits stay in memory only.
                Err(e) => {
                    app.notice = Some(e);
                    app.user_path = None;
                }
            }
        }
        let plan = loading::Plan {
            add: options.roots,
            store: crate::library::Store::default_path(),
            demo: crate::library::demo::demo_dir(),
        };
        let tasks = Task::batch([
            Task::perform(loading::first_load(plan), |m| m),
            iced::system::theme().map(Message::SystemTheme),
        ]);
        (app, tasks)
    }

    /// An empty app around a player (or none).
    fn new(player: Option<PlayerService>) -> App {
        App {
            library: None,
            path_index: HashMap::new(),
            player,
            now: NowPlaying::default(),
            notice: None,
            last_error: None,
            mode: iced::theme::Mode::None,
            demo: false,
            volume: 1.0,
            muted: false,
            shuffle: false,
            repeat: Repeat::Off,
            search: String::new(),
            shelf: shelf::Shelf::default(),
            haystacks: Vec::new(),
            sort: shelf::Sort::Title,
            scroll: (0.0, 1200.0),
            list_width: 800.0,
            grid: false,
            covers: Vec::new(),
            cover_files: Vec::new(),
            library_generation: 0,
            filter: None,
            show_problems: false,
            show_help: false,
            scene_edit: None,
            scanning: None,
            page: pages::Page::Library,
            queue: Vec::new(),
            queue_position: None,
            renaming: None,
            drop_hover: false,
            dropped: Vec::new(),
            user: crate::library::UserData::default(),
            user_path: None,
            pending_play: Vec::new(),
            handoff: None,
            mpris: None,
            remembered: remember::Remembered::default(),
            remembered_dirty: false,
            remembered_path: None,
        }
    }

    /// An app over a ready library and no audio at all: for tests and screenshots.
    pub fn with_library(library: Library) -> App {
        let mut app = App::new(None);
        app.set_library(Arc::new(library));
        app
    }

    /// Keeps the user's edits in the file at `path` (the window keeps them
    /// beside its store), reading what it holds: for tests.
    pub fn keep_edits_in(&mut self, path: PathBuf) -> Result<(), String> {
        self.user = crate::library::UserData::load(&path)?;
        self.user_path = Some(path);
        Ok(())
    }

    fn set_library(&mut self, library: Arc<Library>) {
        // What the window shows or edits is held by path and production key,
        // so a library whose tracks moved still shows the same ones; what is
        // gone closes, with a word to the user.
        if let Page::Production(key) = &self.page
            && library.production_by_key(key).is_none()
        {
            self.page = Page::Library;
        }
        if let Some((key, _)) = &self.renaming
            && library.production_by_key(key).is_none()
        {
            self.renaming = None;
            self.notice = Some("The production you were renaming is no longer in the library; nothing was changed.".into());
        }
        if let Some(edit) = &self.scene_edit
            && !library.tracks.iter().any(|t| t.path == edit.track)
        {
            self.scene_edit = None;
            self.notice = Some("The track whose scene note you were writing is no longer in the library; the note was not saved.".into());
        }
        self.path_index = library
            .tracks
            .iter()
            .enumerate()
            .map(|(id, t)| (t.path.clone(), id))
            .collect();
        self.haystacks = shelf::haystacks(&library);
        self.library = Some(library);
        self.covers.clear();
        self.cover_files.clear();
        self.library_generation += 1;
        self.refresh_shelf();
    }

    /// Works out the library page's list again (search, filter, sort or data changed).
    pub fn refresh_shelf(&mut self) {
        let query = self.search.trim().to_lowercase();
        self.shelf = match &self.library {
            Some(library) => {
                shelf::Shelf::build(library, &self.haystacks, self.filter, &query, self.sort)
            }
            None => shelf::Shelf::default(),
        };
    }

    fn send(&self, command: Command) {
        if let Some(player) = &self.player {
            player.send(command);
        }
    }

    /// Handles one message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::LibraryLoaded {
                library,
                demo,
                notice,
                rescan,
                folders,
                user,
            } => {
                let mut library = library;
                // The user edited while it was being read: show those edits too.
                if *user != self.user {
                    Arc::make_mut(&mut library).apply_user(&self.user);
                }
                // Said on stderr: tests (and people) can tell when a reload happened.
                eprintln!(
                    "leitmotif: library loaded: {} productions, {} tracks",
                    library.productions.len(),
                    library.tracks.len()
                );
                self.set_library(Arc::clone(&library));
                self.demo = demo;
                // The folders are kept with the user's data too (a lost store is
                // rebuilt from them).
                if self.user.clone().remember_folders(&folders) {
                    self.save_folders(&folders);
                }
                self.scanning = None;
                self.play_pending();
                if notice.is_some() {
                    self.notice = notice;
                }
                let covers = covers::find(&library, self.library_generation);
                if rescan && let Some(path) = crate::library::Store::default_path() {
                    return Task::batch([covers, loading::rescan(path)]);
                }
                return covers;
            }
            Message::Notice(text) => {
                self.notice = Some(text);
                self.scanning = None;
            }
            Message::ScanProgress(counts) => self.scanning = Some(counts),
            Message::ShowPage(page) => {
                self.page = page;
                self.show_problems = false;
            }
            Message::OpenProduction(key) => {
                self.page = Page::Production(key);
                self.show_problems = false;
            }
            Message::QueueMove { from, to } => {
                if from < self.queue.len() && to < self.queue.len() {
                    let item = self.queue.remove(from);
                    self.queue.insert(to, item);
                    self.queue_position = self.queue_position.map(|p| match p {
                        p if p == from => to,
                        p if from < p && to >= p => p - 1,
                        p if from > p && to <= p => p + 1,
                        p => p,
                    });
                    self.send(Command::Move { from, to });
                }
            }
            Message::QueueRemove(index) => {
                if index < self.queue.len() {
                    let _ = self.queue.remove(index);
                    self.send(Command::Remove(index));
                }
            }
            Message::SetMedium(production, medium) => {
                let _ = self.edit(Edit::Medium { production, medium });
            }
            Message::RenameStart(key) => {
                let title = self
                    .library
                    .as_ref()
                    .and_then(|l| l.productions.get(l.production_by_key(&key)?))
                    .map(|p| p.title.clone())
                    .unwrap_or_default();
                self.renaming = Some((key, title));
            }
            Message::RenameDraft(text) => {
                if let Some((_, draft)) = &mut self.renaming {
                    *draft = text;
                }
            }
            Message::RenameSave => {
                if let Some((production, draft)) = self.renaming.take() {
                    let title = draft.trim().to_string();
                    if !title.is_empty() {
                        let _ = self.edit(Edit::Title { production, title });
                    }
                }
            }
            Message::AddFolder => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Add a folder to your library")
                    .pick_folder();
                return Task::perform(dialog, |picked| {
                    Message::FolderPicked(picked.map(|h| h.path().to_path_buf()))
                });
            }
            Message::FolderPicked(Some(folder)) => return self.add_paths(vec![folder]),
            Message::FolderPicked(None) => {}
            Message::PlayTrack(key) => self.play_track(&key),
            Message::PlayProduction(key, only) => self.play_production(&key, only),
            Message::SetCategory(key, category) => {
                let _ = self.edit(Edit::Category {
                    path: key.path().to_path_buf(),
                    category,
                });
            }
            Message::TogglePlayback => self.toggle(),
            Message::Next => self.send(Command::Next),
            Message::Previous => self.send(Command::Previous),
            Message::SeekDrag(seconds) => self.now.dragging = Some(seconds),
            Message::SeekRelease => {
                if let Some(seconds) = self.now.dragging.take() {
                    let to = Duration::from_secs_f32(seconds.max(0.0));
                    self.now.position = to;
                    self.send(Command::SeekTo(to));
                }
            }
            Message::SeekBy(seconds) => self.send(Command::SeekBy(seconds * 1000)),
            Message::SetVolume(level) => {
                self.volume = level.clamp(0.0, 1.0);
                self.muted = false;
                self.send(Command::SetMuted(false));
                self.send(Command::SetVolume(self.volume));
            }
            Message::VolumeStep(step) => {
                return self.update(Message::SetVolume(self.volume + step));
            }
            Message::ToggleMute => {
                self.muted = !self.muted;
                self.send(Command::SetMuted(self.muted));
            }
            Message::ToggleShuffle => {
                self.shuffle = !self.shuffle;
                self.send(Command::SetShuffle(self.shuffle));
            }
            Message::CycleRepeat => {
                self.repeat = self.repeat.cycle();
                self.send(Command::SetRepeat(self.repeat));
            }
            Message::Search(text) => {
                self.search = text;
                self.refresh_shelf();
            }
            Message::PlayFirstMatch => {
                if let Some(track) = self
                    .shelf
                    .first_track()
                    .and_then(|id| self.library.as_ref()?.tracks.get(id))
                {
                    self.play_track(&track.key());
                }
            }
            Message::Sort(sort) => {
                self.sort = sort;
                self.remembered.sort = sort;
                self.remembered_dirty = true;
                self.refresh_shelf();
            }
            Message::Scrolled { top, height, width } => {
                self.scroll = (top, height);
                self.list_width = width;
            }
            Message::SetGrid(on) => {
                self.grid = on;
                self.scroll.0 = 0.0;
                self.remembered.grid = on;
                self.remembered_dirty = true;
            }
            Message::CoversFound(generation, found) => {
                if generation == self.library_generation {
                    self.covers = found
                        .iter()
                        .map(|p| p.clone().map(iced::widget::image::Handle::from_path))
                        .collect();
                    self.cover_files = found;
                }
            }
            Message::FocusSearch => {
                return iced::widget::operation::focus(pages::library::SEARCH);
            }
            Message::Escape => {
                if self.show_help {
                    self.show_help = false;
                } else if self.page != Page::Library {
                    self.page = Page::Library;
                    self.renaming = None;
                } else {
                    self.search.clear();
                    self.show_problems = false;
                    self.refresh_shelf();
                }
            }
            Message::ToggleHelp => self.show_help = !self.show_help,
            Message::Filter(medium) => {
                self.filter = medium;
                self.page = Page::Library;
                self.show_problems = false;
                self.remember_view();
                self.refresh_shelf();
            }
            Message::ShowProblems(show) => {
                self.show_problems = show;
                self.remember_view();
            }
            Message::Window(event) => self.window_event(event),
            Message::Tick => {
                self.drain_events();
                if !self.dropped.is_empty() {
                    let dropped = std::mem::take(&mut self.dropped);
                    return Task::batch([self.add_paths(dropped), self.sync_media_keys()]);
                }
                self.save_remembered();
                let media = self.sync_media_keys();
                return Task::batch([self.take_handoffs(), media]);
            }
            Message::PlayTimeline(key) => self.play_timeline(&key),
            Message::EditScene => {
                self.edit_scene();
                return iced::widget::operation::focus(components::now_playing::SCENE_INPUT);
            }
            Message::SceneText(text) => {
                if let Some(edit) = &mut self.scene_edit {
                    edit.scene = text;
                }
            }
            Message::SceneStart(text) => {
                if let Some(edit) = &mut self.scene_edit {
                    edit.start = text;
                    edit.error = None;
                }
            }
            Message::SaveScene => self.save_scene(),
            Message::CancelScene => self.scene_edit = None,
            Message::ExportCues(key) => self.export_cues(&key),
            Message::SystemTheme(mode) => self.mode = mode,
        }
        Task::none()
    }

    /// The track playing, in the library shown (found by its path).
    pub fn playing(&self) -> Option<TrackId> {
        self.track_of(self.now.path.as_deref()?)
    }

    /// Plays the clicked track's section (score, songs...) of its production from it.
    fn play_track(&mut self, key: &TrackKey) {
        let Some(id) = self.track_of(key.path()) else {
            return;
        };
        let Some(library) = &self.library else { return };
        let Some(track) = library.tracks.get(id) else {
            return;
        };
        let Some(production) = library.production_of(id) else {
            return;
        };
        let section: Vec<TrackId> = production
            .tracks
            .iter()
            .copied()
            .filter(|&t| library.tracks[t].category == track.category)
            .collect();
        let start = section.iter().position(|&t| t == id).unwrap_or(0);
        self.play_ids(&section, start);
    }

    /// Paths from a later launch: their folders join the library, files play,
    /// and the window comes to the front.
    fn take_handoffs(&mut self) -> Task<Message> {
        let Some(handoff) = &self.handoff else {
            return Task::none();
        };
        let handed: Vec<Vec<PathBuf>> = handoff.try_iter().collect();
        let mut tasks = Vec::new();
        for paths in handed {
            tasks.push(self.open_paths(paths));
            tasks.push(iced::window::latest().and_then(iced::window::gain_focus));
        }
        Task::batch(tasks)
    }

    /// Paths as a file manager or a media widget hands them over: files play
    /// (once in the library), folders and the files' folders are scanned in.
    pub fn open_paths(&mut self, paths: Vec<PathBuf>) -> Task<Message> {
        let options = Options::from_paths(paths);
        self.pending_play.extend(options.play);
        self.play_pending();
        if options.roots.is_empty() {
            Task::none()
        } else {
            self.add_paths(options.roots)
        }
    }

    /// Plays the files named on the command line, once they are in the library.
    pub fn play_pending(&mut self) {
        if self.pending_play.is_empty() {
            return;
        }
        let ids: Vec<TrackId> = self
            .pending_play
            .iter()
            .filter_map(|p| self.path_index.get(p).copied())
            .collect();
        if !ids.is_empty() {
            self.pending_play.clear();
            self.play_ids(&ids, 0);
        }
    }

    /// Plays a production's tracks in order: all of them, or one category.
    fn play_production(&mut self, key: &ProductionKey, only: Option<Category>) {
        let Some(library) = &self.library else { return };
        let Some(production) = library
            .production_by_key(key)
            .and_then(|index| library.productions.get(index))
        else {
            return;
        };
        let ids: Vec<TrackId> = production
            .tracks
            .iter()
            .copied()
            .filter(|&t| only.is_none_or(|c| library.tracks[t].category == c))
            .collect();
        self.play_ids(&ids, 0);
    }

    /// Replaces the queue with `ids` and plays from `start`.
    fn play_ids(&mut self, ids: &[TrackId], start: usize) {
        let Some(library) = &self.library else { return };
        let Some(track) = ids.get(start).and_then(|&id| library.tracks.get(id)) else {
            return;
        };
        let items = ids
            .iter()
            .map(|&t| library.tracks[t].path.clone())
            .collect();
        self.now = NowPlaying {
            path: Some(track.path.clone()),
            duration: Some(track.duration()).filter(|d| !d.is_zero()),
            ..NowPlaying::default()
        };
        self.send(Command::PlayList { items, start });
    }

    /// The user changes what Leitmotif worked out (a category, a production's
    /// title or medium, a scene note): saved at once in the user's file, apart
    /// from the scanned data, and shown at once. Known by path or production
    /// key, it reaches the right track whatever reloads came between.
    pub(super) fn edit(&mut self, edit: Edit) -> bool {
        if !self.save_edit(&edit) {
            return false;
        }
        if let Some(library) = &mut self.library {
            let library = Arc::make_mut(library);
            let _ = library.apply_edit(&edit);
            if let Some(path) = edit.track()
                && let Some(&id) = self.path_index.get(path)
                && let Some(hay) = self.haystacks.get_mut(id)
            {
                *hay = shelf::haystack(&library.tracks[id]);
            }
        }
        self.refresh_shelf();
        true
    }

    /// The cover picture file of a production, once found.
    pub fn cover_file(&self, production: usize) -> Option<&std::path::Path> {
        self.cover_files.get(production)?.as_deref()
    }

    /// Which library the window holds (counts up with each one loaded).
    pub fn library_generation(&self) -> u64 {
        self.library_generation
    }

    /// The library's track for a file, if it has one.
    pub fn track_of(&self, path: &std::path::Path) -> Option<TrackId> {
        self.path_index.get(path).copied()
    }

    /// Adds folders or files to the library: scanned on a thread, counts shown.
    pub fn add_paths(&mut self, paths: Vec<PathBuf>) -> Task<Message> {
        let paths: Vec<PathBuf> = paths
            .into_iter()
            .map(|p| std::path::absolute(&p).unwrap_or(p))
            .collect();
        self.scanning = Some(crate::library::ScanProgress::default());
        self.notice = None;
        loading::add(crate::library::Store::default_path(), paths)
    }

    /// A window moved or resized (remembered for the next start), or files
    /// dragged over it and dropped (added to the library).
    fn window_event(&mut self, event: iced::window::Event) {
        match event {
            iced::window::Event::FileHovered(_) => {
                self.drop_hover = true;
                return;
            }
            iced::window::Event::FilesHoveredLeft => {
                self.drop_hover = false;
                return;
            }
            iced::window::Event::FileDropped(path) => {
                self.drop_hover = false;
                if !self.dropped.contains(&path) {
                    self.dropped.push(path);
                }
                return;
            }
            iced::window::Event::Moved(at) => {
                self.remembered.x = Some(at.x);
                self.remembered.y = Some(at.y);
            }
            iced::window::Event::Resized(size) => {
                self.remembered.width = size.width;
                self.remembered.height = size.height;
            }
            iced::window::Event::Opened { position, size } => {
                self.remembered.width = size.width;
                self.remembered.height = size.height;
                if let Some(at) = position {
                    self.remembered.x = Some(at.x);
                    self.remembered.y = Some(at.y);
                }
            }
            _ => return,
        }
        self.remembered_dirty = true;
    }

    fn remember_view(&mut self) {
        self.remembered.filter = self.filter;
        self.remembered.problems = self.show_problems;
        self.remembered_dirty = true;
    }

    /// Writes what the window remembers, at most once a tick, only when it changed.
    fn save_remembered(&mut self) {
        if !std::mem::take(&mut self.remembered_dirty) {
            return;
        }
        if let Some(path) = &self.remembered_path
            && let Err(e) = self.remembered.save(path)
        {
            eprintln!("leitmotif: {e}");
        }
    }

    /// Saves one edit at once, keeping what another writer (`leitmotif
    /// set-scene`) saved meanwhile; tells the user when that fails. With no
    /// file to keep edits in, they last for the session.
    fn save_edit(&mut self, edit: &Edit) -> bool {
        let Some(path) = &self.user_path else {
            self.user.record(edit);
            return true;
        };
        match crate::library::UserData::record_in_file(path, edit) {
            Ok(now) => {
                self.user = now;
                true
            }
            Err(e) => {
                self.notice = Some(format!("Your change could not be saved: {e}"));
                false
            }
        }
    }

    /// Records the library's folders with the user's data (a lost store is
    /// rebuilt from them), keeping what another writer saved meanwhile.
    fn save_folders(&mut self, folders: &[PathBuf]) {
        let Some(path) = &self.user_path else {
            let _ = self.user.remember_folders(folders);
            return;
        };
        match crate::library::UserData::update_file(path, |data| {
            let _ = data.remember_folders(folders);
        }) {
            Ok(now) => self.user = now,
            Err(e) => self.notice = Some(format!("Your library's folders could not be saved: {e}")),
        }
    }

    /// Space: pause or resume; with nothing loaded, start the first production.
    fn toggle(&mut self) {
        if self.now.path.is_some() {
            self.now.paused = !self.now.paused;
            self.send(Command::Toggle);
            return;
        }
        let first = self.library.as_ref().and_then(|library| {
            let production = library.productions.first()?;
            let mut ids = production.tracks.clone();
            ids.sort_by_key(|&t| library.tracks[t].category != Category::Score);
            Some(library.tracks[*ids.first()?].key())
        });
        if let Some(key) = first {
            self.play_track(&key);
        }
    }

    fn drain_events(&mut self) {
        let mut events = Vec::new();
        if let Some(player) = &self.player {
            while let Some(event) = player.try_event() {
                events.push(event);
            }
        }
        for event in events {
            self.apply(event);
        }
    }

    /// Takes in one event from the player.
    pub fn apply(&mut self, event: Event) {
        match event {
            Event::TrackStarted { path, duration, .. } => {
                let tagged = self
                    .track_of(&path)
                    .and_then(|id| self.library.as_ref()?.tracks.get(id))
                    .map(crate::library::Track::duration)
                    .filter(|d| !d.is_zero());
                self.now = NowPlaying {
                    path: Some(path),
                    duration: duration.or(tagged),
                    paused: self.now.paused,
                    ..NowPlaying::default()
                };
            }
            Event::Position(position) => self.now.position = position,
            Event::Paused(paused) => {
                self.now.paused = paused;
                self.send(Command::SaveState);
            }
            Event::Volume { level, muted } => {
                self.volume = level;
                self.muted = muted;
            }
            Event::Modes { shuffle, repeat } => {
                self.shuffle = shuffle;
                self.repeat = repeat;
            }
            Event::QueueEnded => {
                self.now = NowPlaying::default();
            }
            Event::Error { path, reason } => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.last_error = Some(format!("Skipped {name}: {reason}"));
            }
            Event::OutputLost(message) => self.notice = Some(message),
            Event::OutputBack => self.notice = None,
            Event::QueueChanged(items, position) => {
                self.queue = items;
                self.queue_position = position;
            }
            Event::TrackEnded(_) => {}
        }
    }

    /// Draws the window.
    pub fn view(&self) -> Element<'_, Message> {
        if self.library.is_some() {
            first_frame_with_library();
        }
        let page = pages::library::view(self);
        if self.drop_hover {
            iced::widget::stack![page, pages::library::drop_overlay(&self.theme())].into()
        } else if self.show_help {
            iced::widget::stack![page, components::shortcuts::overlay(self)].into()
        } else {
            page
        }
    }

    /// Time (to read player events and move the seek bar) and the keyboard.
    pub fn subscription(&self) -> Subscription<Message> {
        let every = if self.now.path.is_some() && !self.now.paused {
            Duration::from_millis(100)
        } else {
            Duration::from_millis(400)
        };
        Subscription::batch([
            iced::time::every(every).map(|_| Message::Tick),
            keyboard::listen().filter_map(shortcut),
            iced::system::theme_changes().map(Message::SystemTheme),
            iced::window::events().map(|(_, event)| Message::Window(event)),
        ])
    }

    /// The theme: dark unless the system asks for light.
    pub fn theme(&self) -> Theme {
        style::for_mode(self.mode)
    }

    /// The window title names what plays.
    pub fn title(&self) -> String {
        let playing = self
            .playing()
            .and_then(|id| self.library.as_ref()?.tracks.get(id))
            .map(|t| t.title.clone())
            .or_else(|| self.now.path.as_deref().and_then(file_title));
        match playing {
            Some(title) => format!("{title} · Leitmotif"),
            None => "Leitmotif".to_string(),
        }
    }
}

/// What to call a file that plays but is not in the library: its name
/// without the extension.
pub fn file_title(path: &std::path::Path) -> Option<String> {
    path.file_stem().map(|s| s.to_string_lossy().into_owned())
}

/// The keyboard map: keys no widget used become messages.
pub fn shortcut(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed {
        key,
        modified_key,
        modifiers,
        ..
    } = event
    else {
        return None;
    };
    let step = if modifiers.shift() { 30 } else { 5 };
    if modifiers.control() {
        return match key.as_ref() {
            keyboard::Key::Character("f") => Some(Message::FocusSearch),
            keyboard::Key::Character("o") => Some(Message::AddFolder),
            _ => None,
        };
    }
    // Characters are read with Shift applied (Shift+/ is "?"), keys by name.
    if let keyboard::Key::Character(c) = modified_key.as_ref() {
        return match c.to_lowercase().as_str() {
            "/" => Some(Message::FocusSearch),
            "?" => Some(Message::ToggleHelp),
            "n" => Some(Message::Next),
            "p" => Some(Message::Previous),
            "m" => Some(Message::ToggleMute),
            "s" => Some(Message::ToggleShuffle),
            "r" => Some(Message::CycleRepeat),
            _ => None,
        };
    }
    match key.as_ref() {
        keyboard::Key::Named(key::Named::Escape) => Some(Message::Escape),
        keyboard::Key::Named(key::Named::Space) => Some(Message::TogglePlayback),
        keyboard::Key::Named(key::Named::ArrowRight) => Some(Message::SeekBy(step)),
        keyboard::Key::Named(key::Named::ArrowLeft) => Some(Message::SeekBy(-step)),
        keyboard::Key::Named(key::Named::ArrowUp) => Some(Message::VolumeStep(0.05)),
        keyboard::Key::Named(key::Named::ArrowDown) => Some(Message::VolumeStep(-0.05)),
        _ => None,
    }
}

/// For `make bench`: with `LEITMOTIF_BENCH_FIRST_FRAME` set, the first frame
/// that shows the library writes "first frame" on stderr and ends the process.
fn first_frame_with_library() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    static WANTED: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("LEITMOTIF_BENCH_FIRST_FRAME").is_some());
    if *WANTED {
        ONCE.call_once(|| {
            eprintln!("leitmotif: first frame with the library");
            std::process::exit(0);
        });
    }
}

/// The player on the default device, picking up where the last run stopped
/// (paused), and saving its state in the user's state folder.
fn start_player() -> PlayerService {
    let state_file = Resume::default_path();
    let saved = state_file.as_deref().and_then(Resume::load);
    let player = PlayerService::start_with(
        OutputKind::Device,
        state_file,
        crate::library::images::locator(),
    );
    if let Some(saved) = saved {
        player.send(Command::Restore(saved));
    }
    player
}

/// Opens the window (where and as large as it was last time) and runs until it is closed.
pub fn run(options: Options) -> iced::Result {
    let remembered = remember::Remembered::default_path()
        .map(|path| remember::Remembered::load(&path))
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
