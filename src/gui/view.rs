//! What the pages and components read to draw the window: a view of each
//! part of the state, borrowed for one frame. They never see the whole
//! application, only this.

use std::path::Path;

use iced::Theme;

use super::state::browse::Browse;
use super::state::edits::Edits;
use super::state::shown::Shown;
use super::state::transport::Transport;
use crate::library::{Library, ScanProgress, TrackId};

/// The state a frame is drawn from.
pub struct Ctx<'a> {
    /// The library shown, once loaded.
    pub shown: Option<&'a Shown>,
    /// What plays.
    pub transport: &'a Transport,
    /// Search, filter, sort, page.
    pub browse: &'a Browse,
    /// The editors.
    pub edits: &'a Edits,
    /// Playlists saved and opened.
    pub playlists: &'a crate::gui::state::playlists::Playlists,
    /// The playing song's lyrics.
    pub lyrics: &'a crate::gui::state::lyrics::LyricsState,
    /// The library's servers.
    pub servers: &'a crate::gui::state::servers::Servers,
    /// The loudness analysis and the envelopes in view.
    pub loudness: &'a crate::gui::state::loudness::LoudnessState,
    /// A problem the user should see.
    pub notice: Option<&'a str>,
    /// Counts of the scan running, if one is.
    pub scanning: Option<ScanProgress>,
    /// Files are being dragged over the window.
    pub drop_hover: bool,
    /// The theme.
    pub theme: Theme,
}

impl<'a> Ctx<'a> {
    /// The library, once loaded.
    pub fn library(&self) -> Option<&'a Library> {
        self.shown.map(Shown::library)
    }

    /// The library's track for a file.
    pub fn track_of(&self, path: &Path) -> Option<TrackId> {
        self.shown?.track_of(path)
    }

    /// The track playing, in the library shown.
    pub fn playing(&self) -> Option<TrackId> {
        self.track_of(self.transport.now().path.as_deref()?)
    }

    /// A production's cover, once found.
    pub fn cover(&self, production: usize) -> Option<&'a iced::widget::image::Handle> {
        self.shown?.cover(production)
    }

    /// Whether the library shown is the bundled demo.
    pub fn demo(&self) -> bool {
        self.shown.is_some_and(Shown::demo)
    }

    /// The theme.
    pub fn theme(&self) -> Theme {
        self.theme.clone()
    }
}
