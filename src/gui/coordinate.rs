//! What spans the window's parts: a library arriving (every part hears of
//! it), playing something (the library says what, the transport plays it),
//! edits (the library shown and the list follow), the transport's and the
//! desktop's requests of the others.

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use super::message::{
    DesktopMessage, EditMessage, LibraryMessage, Message, PlayMessage, TransportMessage,
};
use super::state::desktop::WindowEvent;
use super::state::edits::EditEvent;
use super::state::shown::Shown;
use super::state::transport::TransportEvent;
use super::state::{covers, desktop, loading};
use super::{App, Options};
use crate::desktop::mpris::Request;
use crate::library::{Category, Library, ProductionKey, TrackId, TrackKey};

impl App {
    /// The library's arrival and changes.
    pub(super) fn library_message(&mut self, message: LibraryMessage) -> Task<Message> {
        match message {
            LibraryMessage::Loaded {
                library,
                demo,
                notice,
                rescan,
                folders,
                user,
            } => return self.library_loaded(library, demo, notice, rescan, &folders, &user),
            LibraryMessage::Notice(text) => {
                self.notice = Some(text);
                self.scanning = None;
            }
            LibraryMessage::ScanProgress(counts) => self.scanning = Some(counts),
            LibraryMessage::AddFolder => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Add a folder to your library")
                    .pick_folder();
                return Task::perform(dialog, |picked| {
                    Message::Library(LibraryMessage::FolderPicked(
                        picked.map(|h| h.path().to_path_buf()),
                    ))
                });
            }
            LibraryMessage::FolderPicked(Some(folder)) => return self.add_paths(vec![folder]),
            LibraryMessage::FolderPicked(None) => {}
            LibraryMessage::CoversFound(generation, found) => {
                if let Some(shown) = &mut self.shown {
                    shown.set_covers(generation, found);
                }
            }
            LibraryMessage::DropsSettled(number) => {
                let dropped = self.desktop.take_dropped(number);
                let (lists, rest) = self.open_playlists(dropped);
                if !rest.is_empty() {
                    return Task::batch([lists, self.add_paths(rest)]);
                }
                return lists;
            }
            LibraryMessage::Followed(change) => return self.folders_changed(change),
        }
        Task::none()
    }

    fn library_loaded(
        &mut self,
        library: Arc<Library>,
        demo: bool,
        notice: Option<String>,
        rescan: bool,
        folders: &[PathBuf],
        user: &crate::library::UserData,
    ) -> Task<Message> {
        let mut library = library;
        // The user edited while it was being read: show those edits too.
        if user != self.edits.user() {
            Arc::make_mut(&mut library).apply_user(self.edits.user());
        }
        // Said on stderr: tests (and people) can tell when a reload happened.
        log::info!(
            "library loaded: {} productions, {} tracks",
            library.productions.len(),
            library.tracks.len()
        );
        self.set_library(Arc::clone(&library), demo);
        if let Some(e) = self.edits.remember_folders(folders) {
            self.notice = Some(e);
        }
        self.scanning = None;
        self.play_pending();
        if std::mem::take(&mut self.play_first_when_loaded) && !self.transport.playing() {
            self.start_first();
        }
        if notice.is_some() {
            self.notice = notice;
        }
        if let Some(offline) = super::follow::offline_notice(&library.offline) {
            self.notice = Some(offline);
        }
        let covers = covers::find(&library, self.generation);
        let loudness = self.loudness.start(&library);
        let follow = if demo {
            Task::none()
        } else {
            self.follow_folders(folders)
        };
        if rescan && let Some(path) = crate::library::Store::default_path() {
            return Task::batch([covers, follow, loudness, loading::rescan(path)]);
        }
        Task::batch([covers, follow, loudness])
    }

    /// Shows a library: every part hears of it; what is shown or edited is
    /// held by path and key, so what moved stays the same, what is gone closes.
    pub(super) fn set_library(&mut self, library: Arc<Library>, demo: bool) {
        if let Some(closed) = self.edits.library_arrived(&library) {
            self.notice = Some(closed);
        }
        self.browse.set_library(&library);
        self.generation += 1;
        self.shown = Some(Shown::new(library, self.generation, demo));
    }

    /// The transport, and what it asks of the others.
    pub(super) fn transport_message(&mut self, message: TransportMessage) -> Task<Message> {
        // A server track that starts or ends is reported to its server.
        if let TransportMessage::Player(event) = &message {
            self.servers.report_play(event);
        }
        let shown = self.shown.as_ref();
        let length_of = |path: &std::path::Path| {
            let shown = shown?;
            let id = shown.track_of(path)?;
            Some(shown.library().tracks.get(id)?.duration())
        };
        match self.transport.update(message, &length_of) {
            Some(TransportEvent::StartFirst) => self.start_first(),
            Some(TransportEvent::Output(notice)) => self.notice = notice,
            None => {}
        }
        Task::none()
    }

    /// Space with nothing loaded: the first production, its score first.
    fn start_first(&mut self) {
        if self.shown.is_none() {
            // Asked (Space, a media key) before the library is read: play
            // it as soon as it is, rather than dropping the request.
            self.play_first_when_loaded = true;
            return;
        }
        let first = self.library().and_then(|library| {
            let production = library.productions.first()?;
            let mut ids = production.tracks.clone();
            ids.sort_by_key(|&t| library.tracks[t].category != Category::Score);
            Some(library.tracks[*ids.first()?].key())
        });
        if let Some(key) = first {
            self.play_track(&key);
        }
    }

    /// The user's edits, and what the others must follow.
    pub(super) fn edit_message(&mut self, message: EditMessage) -> Task<Message> {
        let playing = self.playing();
        let events = self.edits.update(message, self.shown.as_mut(), playing);
        let mut task = Task::none();
        for event in events {
            match event {
                EditEvent::Changed(id) => {
                    if let Some(shown) = &self.shown {
                        match id {
                            Some(id) => self.browse.track_changed(shown.library(), id),
                            None => self.browse.refresh(Some(shown.library())),
                        }
                    }
                }
                EditEvent::Notice(text) => self.notice = Some(text),
                EditEvent::EditorOpened => {
                    task =
                        iced::widget::operation::focus(super::components::now_playing::SCENE_INPUT);
                }
            }
        }
        task
    }

    /// Something to play, named by its key.
    pub(super) fn play(&mut self, message: PlayMessage) -> Task<Message> {
        match message {
            PlayMessage::Track(key) => self.play_track(&key),
            PlayMessage::Production(key, only) => self.play_production(&key, only),
            PlayMessage::Timeline(key) => self.play_timeline(&key),
            PlayMessage::FirstMatch => {
                let first = self
                    .browse
                    .shelf()
                    .first_track()
                    .and_then(|id| Some(self.library()?.tracks.get(id)?.key()));
                if let Some(key) = first {
                    self.play_track(&key);
                }
            }
        }
        Task::none()
    }

    /// The clicked track's section (score, songs...) of its production, from it.
    fn play_track(&mut self, key: &TrackKey) {
        let Some(library) = self.library() else {
            return;
        };
        let Some(id) = self.track_of(key.path()) else {
            return;
        };
        let Some(production) = library.production_of(id) else {
            return;
        };
        let category = library.tracks[id].category;
        let section: Vec<TrackId> = production
            .tracks
            .iter()
            .copied()
            .filter(|&t| library.tracks[t].category == category)
            .collect();
        let start = section.iter().position(|&t| t == id).unwrap_or(0);
        self.play_ids(&section, start);
    }

    /// A production's tracks in order: all of them, or one category.
    fn play_production(&mut self, key: &ProductionKey, only: Option<Category>) {
        let Some(library) = self.library() else {
            return;
        };
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

    /// The production of `key` in timeline order, from it.
    fn play_timeline(&mut self, key: &TrackKey) {
        let Some(id) = self.track_of(key.path()) else {
            return;
        };
        let Some(order) = self
            .library()
            .and_then(|l| l.production_of(id))
            .map(|p| p.timeline.clone())
        else {
            return;
        };
        let start = order.iter().position(|&t| t == id).unwrap_or(0);
        self.play_ids(&order, start);
    }

    /// Replaces the queue with `ids` and plays from `start`.
    fn play_ids(&mut self, ids: &[TrackId], start: usize) {
        let Some(library) = self.shown.as_ref().map(Shown::library) else {
            return;
        };
        let Some(track) = ids.get(start).and_then(|&id| library.tracks.get(id)) else {
            return;
        };
        let length = Some(track.duration()).filter(|d| !d.is_zero());
        let items = ids
            .iter()
            .map(|&t| library.tracks[t].path.clone())
            .collect();
        self.transport.play(items, start, length);
    }

    /// Plays the files named on the command line, once they are in the library.
    pub fn play_pending(&mut self) {
        let ids: Vec<TrackId> = self
            .pending_play
            .iter()
            .filter_map(|p| self.track_of(p))
            .collect();
        if !ids.is_empty() {
            self.pending_play.clear();
            self.play_ids(&ids, 0);
        }
    }

    /// Files named to play that the library does not have yet.
    pub fn pending_play(&self) -> &[PathBuf] {
        &self.pending_play
    }

    /// Files to play once the library has them (as the command line gives them).
    pub fn play_when_loaded(&mut self, paths: Vec<PathBuf>) {
        self.pending_play = paths;
        self.play_pending();
    }

    /// Paths as a file manager or a media widget hands them over: files play
    /// (once in the library), folders and the files' folders are scanned in.
    pub fn open_paths(&mut self, paths: Vec<PathBuf>) -> Task<Message> {
        let (lists, paths) = self.open_playlists(paths);
        let options = Options::from_paths(paths);
        self.pending_play.extend(options.play);
        self.play_pending();
        // A folder inside one the library follows is in it already: adding
        // it again would make a second, nested library folder.
        let followed = self.followed().map(<[PathBuf]>::to_vec).unwrap_or_default();
        let roots: Vec<PathBuf> = options
            .roots
            .into_iter()
            .filter(|r| !followed.iter().any(|f| r != f && r.starts_with(f)))
            .collect();
        if roots.is_empty() {
            lists
        } else {
            Task::batch([lists, self.add_paths(roots)])
        }
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

    /// The desktop around the window.
    pub(super) fn desktop_message(&mut self, message: DesktopMessage) -> Task<Message> {
        match message {
            DesktopMessage::Window(event) => match self.desktop.window_event(event) {
                WindowEvent::Nothing => Task::none(),
                WindowEvent::Moved(n) => after(
                    desktop::SETTLE,
                    Message::Desktop(DesktopMessage::SaveWindow(n)),
                ),
                WindowEvent::Dropped(n) => after(
                    desktop::SETTLE,
                    Message::Library(LibraryMessage::DropsSettled(n)),
                ),
            },
            DesktopMessage::SystemTheme(mode) => {
                self.desktop.set_mode(mode);
                Task::none()
            }
            DesktopMessage::Media(request) => self.media_request(request),
            DesktopMessage::Handoff(paths) => Task::batch([
                self.open_paths(paths),
                iced::window::latest().and_then(iced::window::gain_focus),
            ]),
            DesktopMessage::SaveWindow(n) => {
                self.desktop.settled(n);
                Task::none()
            }
        }
    }

    /// A media key or desktop widget's request, as the window would do it.
    pub fn media_request(&mut self, request: Request) -> Task<Message> {
        log::debug!("media request: {request:?}");
        let transport = |m| Message::Transport(m);
        let playing = self.transport.playing();
        match request {
            Request::PlayPause => self.update(transport(TransportMessage::TogglePlayback)),
            Request::Play if !playing => self.update(transport(TransportMessage::TogglePlayback)),
            Request::Pause | Request::Stop if playing => {
                self.update(transport(TransportMessage::TogglePlayback))
            }
            Request::Play | Request::Pause | Request::Stop => Task::none(),
            Request::Next => self.update(transport(TransportMessage::Next)),
            Request::Previous => self.update(transport(TransportMessage::Previous)),
            Request::SeekBy(ms) => {
                self.transport.send(crate::playback::Command::SeekBy(ms));
                Task::none()
            }
            Request::SetPosition(to) => {
                self.transport.seek_to(to);
                Task::none()
            }
            Request::SetVolume(level) => self.update(transport(TransportMessage::SetVolume(level))),
            Request::SetShuffle(on) if on != self.transport.shuffle() => {
                self.update(transport(TransportMessage::ToggleShuffle))
            }
            Request::SetShuffle(_) => Task::none(),
            Request::SetRepeat(repeat) => {
                self.transport.set_repeat(repeat);
                Task::none()
            }
            Request::Raise => iced::window::latest().and_then(iced::window::gain_focus),
            Request::Open(path) => self.open_paths(vec![path]),
        }
    }

    /// What MPRIS clients are told now.
    pub fn snapshot(&self) -> crate::desktop::mpris::Snapshot {
        desktop::snapshot(self.shown.as_ref(), &self.transport, self.playing())
    }
}

/// `message`, once `delay` has passed (without a timer running all along).
fn after(delay: std::time::Duration, message: Message) -> Task<Message> {
    Task::perform(async_io::Timer::after(delay), move |_| message.clone())
}
