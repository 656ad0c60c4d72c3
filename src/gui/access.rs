//! What the window holds, read by the tests and the desktop glue, and the
//! constructors tests and screenshots use (a ready library, no audio).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::App;
use super::state::browse::{Browse, Page};
use super::state::desktop::Desktop;
use super::state::edits::{Edits, SceneEdit};
use super::state::loudness::LoudnessState;
use super::state::lyrics::LyricsState;
use super::state::playlists::Playlists;
use super::state::remember::Remembered;
use super::state::servers::Servers;
use super::state::shown::Shown;
use super::state::transport::{NowPlaying, Transport};
use crate::library::{Library, ScanProgress, TrackId, UserData};

impl App {
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
