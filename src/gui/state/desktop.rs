//! The desktop around the window: media keys and desktop widgets (MPRIS),
//! files dragged onto it, its light or dark theme, and where it was left
//! (remembered for the next start).

use std::path::PathBuf;
use std::time::Duration;

use super::remember::Remembered;
use super::shown::Shown;
use super::transport::Transport;
use crate::desktop::mpris::{Mpris, NowTrack, Request, Snapshot, Status};
use crate::library::TrackId;

/// How long after the last move or resize the window's place is saved, and
/// after the last dropped path the drop is added (one scan for many paths).
pub const SETTLE: Duration = Duration::from_millis(400);

/// What a window event asks of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowEvent {
    /// Nothing more.
    Nothing,
    /// Save the window's place once it settles (this change's number).
    Moved(u64),
    /// Add what was dropped once no more comes (this drop's number).
    Dropped(u64),
}

/// The desktop's state.
#[derive(Default)]
pub struct Desktop {
    mpris: Option<Mpris>,
    remembered: Remembered,
    remembered_path: Option<PathBuf>,
    moves: u64,
    drop_hover: bool,
    dropped: Vec<PathBuf>,
    drops: u64,
    mode: iced::theme::Mode,
}

impl Desktop {
    /// The desktop, with what the window remembered and MPRIS (if a session
    /// bus answers; why not, else).
    pub fn start(
        remembered_path: Option<PathBuf>,
        mpris: Result<Mpris, String>,
    ) -> (Desktop, Option<String>) {
        let remembered = remembered_path
            .as_deref()
            .map(Remembered::load)
            .unwrap_or_default();
        let (mpris, why) = match mpris {
            Ok(m) => (Some(m), None),
            Err(e) => (None, Some(e)),
        };
        (
            Desktop {
                mpris,
                remembered,
                remembered_path,
                mode: iced::theme::Mode::None,
                ..Desktop::default()
            },
            why,
        )
    }

    /// What the window remembers.
    pub fn remembered(&self) -> &Remembered {
        &self.remembered
    }
    /// Whether files are being dragged over the window.
    pub fn drop_hover(&self) -> bool {
        self.drop_hover
    }
    /// Paths dropped and not added yet.
    pub fn dropped(&self) -> &[PathBuf] {
        &self.dropped
    }
    /// The system's light or dark preference.
    pub fn mode(&self) -> iced::theme::Mode {
        self.mode
    }
    /// The system's preference changed.
    pub fn set_mode(&mut self, mode: iced::theme::Mode) {
        self.mode = mode;
    }

    /// The requests of media keys and desktop widgets, to push into the window.
    pub fn take_requests(&mut self) -> Option<std::sync::mpsc::Receiver<Request>> {
        self.mpris.as_mut().and_then(Mpris::take_requests)
    }

    /// The view changed (filter, sort, grid, problems): remembered at once.
    pub fn view_changed(&mut self, browse: &super::browse::Browse) {
        self.remembered.filter = browse.filter();
        self.remembered.sort = browse.sort();
        self.remembered.grid = browse.grid();
        self.remembered.problems = browse.problems_shown();
        self.save_remembered();
    }

    /// A window event: geometry to remember, files dragged over or dropped.
    pub fn window_event(&mut self, event: iced::window::Event) -> WindowEvent {
        use iced::window::Event as W;
        match event {
            W::FileHovered(_) => self.drop_hover = true,
            W::FilesHoveredLeft => self.drop_hover = false,
            W::FileDropped(path) => {
                self.drop_hover = false;
                if !self.dropped.contains(&path) {
                    self.dropped.push(path);
                }
                self.drops += 1;
                return WindowEvent::Dropped(self.drops);
            }
            W::Moved(at) => {
                self.remembered.x = Some(at.x);
                self.remembered.y = Some(at.y);
                return self.moved();
            }
            W::Resized(size) => {
                self.remembered.width = size.width;
                self.remembered.height = size.height;
                return self.moved();
            }
            W::Opened { position, size } => {
                self.remembered.width = size.width;
                self.remembered.height = size.height;
                if let Some(at) = position {
                    self.remembered.x = Some(at.x);
                    self.remembered.y = Some(at.y);
                }
                return self.moved();
            }
            _ => {}
        }
        WindowEvent::Nothing
    }

    fn moved(&mut self) -> WindowEvent {
        self.moves += 1;
        WindowEvent::Moved(self.moves)
    }

    /// The window's place settled after change `number`: saved if no later one came.
    pub fn settled(&mut self, number: u64) {
        if number == self.moves {
            self.save_remembered();
        }
    }

    /// The paths dropped up to drop `number`, if no later one came.
    pub fn take_dropped(&mut self, number: u64) -> Vec<PathBuf> {
        if number == self.drops {
            std::mem::take(&mut self.dropped)
        } else {
            Vec::new()
        }
    }

    fn save_remembered(&self) {
        if let Some(path) = &self.remembered_path
            && let Err(e) = self.remembered.save(path)
        {
            log::error!("{e}");
        }
    }

    /// Tells MPRIS clients what plays now (only what changed is signalled).
    pub fn publish(&mut self, snapshot: Snapshot, position: Duration) {
        if let Some(mpris) = &mut self.mpris {
            mpris.publish(snapshot, position);
        }
    }
}

/// What MPRIS clients are told: the track (named even when it is not in
/// the library), its production, people, length and cover; the modes.
pub fn snapshot(
    shown: Option<&Shown>,
    transport: &Transport,
    playing: Option<TrackId>,
) -> Snapshot {
    let now = transport.now();
    let track = shown.zip(playing).and_then(|(shown, id)| {
        let library = shown.library();
        let t = library.tracks.get(id)?;
        Some(NowTrack {
            path: t.path.clone(),
            title: t.title.clone(),
            production: library
                .production_of(id)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            artists: t.tags.artists.clone(),
            composers: t.tags.composers.clone(),
            length: now.duration,
            art: library
                .production_index_of(id)
                .and_then(|p| shown.cover_file(p))
                .map(std::path::Path::to_path_buf),
        })
    });
    // A file that plays but is not in the library (yet) is still named.
    let track = track.or_else(|| {
        let path = now.path.clone()?;
        Some(NowTrack {
            title: file_title(&path).unwrap_or_default(),
            path,
            length: now.duration,
            ..NowTrack::default()
        })
    });
    Snapshot {
        status: match (&now.path, now.paused) {
            (None, _) => Status::Stopped,
            (Some(_), true) => Status::Paused,
            (Some(_), false) => Status::Playing,
        },
        track,
        volume: if transport.muted() {
            0.0
        } else {
            transport.volume()
        },
        shuffle: transport.shuffle(),
        repeat: transport.repeat(),
    }
}

/// What to call a file that plays but is not in the library: its name
/// without the extension.
pub fn file_title(path: &std::path::Path) -> Option<String> {
    path.file_stem().map(|s| s.to_string_lossy().into_owned())
}
