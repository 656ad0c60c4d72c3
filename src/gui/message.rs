//! Everything that can happen in the window.

use std::sync::Arc;

use crate::library::{Library, ProductionKey, TrackKey};

/// A message to [`App::update`](super::App::update).
#[derive(Debug, Clone)]
pub enum Message {
    /// The library finished loading (or scanning).
    LibraryLoaded {
        /// What to show.
        library: Arc<Library>,
        /// Whether it is the bundled demo (the user has no library yet).
        demo: bool,
        /// A problem met on the way, for the user to see.
        notice: Option<String>,
        /// Whether the store's folders should now be rescanned for changes.
        rescan: bool,
        /// The folders the library is made of, for the window to record with
        /// the user's data.
        folders: Vec<std::path::PathBuf>,
        /// The user's edits the library was built with: when the user edited
        /// meanwhile, the window applies what it lacks.
        user: Arc<crate::library::UserData>,
    },
    /// Show a page: the library, composers, the queue.
    ShowPage(super::pages::Page),
    /// Open a production's page.
    OpenProduction(ProductionKey),
    /// Move a queue item (play-order positions).
    QueueMove {
        /// Where it is.
        from: usize,
        /// Where it goes.
        to: usize,
    },
    /// Take an item out of the queue.
    QueueRemove(usize),
    /// The user sets a production's medium.
    SetMedium(ProductionKey, crate::library::Medium),
    /// Start renaming a production.
    RenameStart(ProductionKey),
    /// The new title as typed.
    RenameDraft(String),
    /// Keep the new title.
    RenameSave,
    /// A scan's counts so far.
    ScanProgress(crate::library::ScanProgress),
    /// Ctrl+O or "Add folder...": open the system's folder dialog.
    AddFolder,
    /// The folder dialog closed: the folder picked, if any.
    FolderPicked(Option<std::path::PathBuf>),
    /// Something the user should know (a damaged store...).
    Notice(String),
    /// A track row was clicked: play its section of the production from it.
    PlayTrack(TrackKey),
    /// Play a production from its start: all tracks, or one category.
    PlayProduction(ProductionKey, Option<crate::library::Category>),
    /// The user says what a track is.
    SetCategory(TrackKey, crate::library::Category),
    /// Play or pause (Space); starts the library when nothing is loaded.
    TogglePlayback,
    /// Skip to the next track.
    Next,
    /// Back to the start of the track, or the previous one.
    Previous,
    /// The seek bar is being dragged to this many seconds.
    SeekDrag(f32),
    /// The seek bar was released: seek to where it was dragged.
    SeekRelease,
    /// Seek forwards or backwards by this many seconds (arrow keys).
    SeekBy(i64),
    /// Time passes: read the player's events.
    Tick,
    /// Set the volume (0.0 to 1.0).
    SetVolume(f32),
    /// Change the volume by this much (Up and Down keys).
    VolumeStep(f32),
    /// Mute or unmute (M).
    ToggleMute,
    /// Shuffle on or off (S).
    ToggleShuffle,
    /// Repeat off, all, one (R).
    CycleRepeat,
    /// The search text changed.
    Search(String),
    /// Enter in the search field: play the first track listed.
    PlayFirstMatch,
    /// Order productions by title, year or when they were added.
    Sort(super::shelf::Sort),
    /// The library list scrolled: where its top is and how tall the view is.
    Scrolled {
        /// Offset of the viewport's top, in logical pixels.
        top: f32,
        /// The viewport's height.
        height: f32,
        /// The viewport's width (how many tiles fit a row).
        width: f32,
    },
    /// Productions as a grid of covers (true) or as cards with their tracks.
    SetGrid(bool),
    /// Covers found for the library of this generation, per production.
    CoversFound(u64, Vec<Option<std::path::PathBuf>>),
    /// Put the cursor in the search field (`/`, Ctrl+F).
    FocusSearch,
    /// Esc: clear the search.
    Escape,
    /// Show only productions of this medium (`None`: all).
    Filter(Option<crate::library::Medium>),
    /// Show or hide the files that could not be read.
    ShowProblems(bool),
    /// Show or hide the list of keyboard shortcuts (`?`).
    ToggleHelp,
    /// A cue on the timeline strip (or a neighbour in the panel) was clicked:
    /// play the production in timeline order from it.
    PlayTimeline(TrackKey),
    /// Start writing the playing track's scene note.
    EditScene,
    /// The scene note's text changed.
    SceneText(String),
    /// The scene note's start time changed ("1:12:30").
    SceneStart(String),
    /// Keep the scene note.
    SaveScene,
    /// Leave the scene note as it was.
    CancelScene,
    /// Write the production's cues into its folders' `cues.toml`.
    ExportCues(ProductionKey),
    /// The window opened, moved or was resized.
    Window(iced::window::Event),
    /// The system's light or dark preference, at start and when it changes.
    SystemTheme(iced::theme::Mode),
}
