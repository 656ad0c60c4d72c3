//! Everything that can happen in the window, by the part of it that owns
//! what changes: the library's arrival, the transport, browsing, the user's
//! edits, what to play, and the desktop around the window.

use std::path::PathBuf;
use std::sync::Arc;

use crate::library::{Category, Library, Medium, ProductionKey, ScanProgress, TrackKey, UserData};

use super::state::browse::{Page, Sort};

/// A message to [`App::update`](super::App::update).
#[derive(Debug, Clone)]
pub enum Message {
    /// The library: its arrival, scans, covers, folders added.
    Library(LibraryMessage),
    /// The transport bar and the queue, and what the player says.
    Transport(TransportMessage),
    /// Searching, filtering, sorting, pages and overlays.
    Browse(BrowseMessage),
    /// The user's changes: categories, titles, media, scene notes.
    Edit(EditMessage),
    /// Something to play, named by its key.
    Play(PlayMessage),
    /// The desktop: the window, its theme, media keys, later launches.
    Desktop(DesktopMessage),
    /// Playlists: opened, listed, played, the queue saved.
    Playlist(PlaylistMessage),
    /// The playing song's lyrics.
    Lyrics(LyricsMessage),
    /// The Servers page: servers listed, added, removed, read again.
    Servers(ServersMessage),
    /// The loudness analysis and the envelopes it drew.
    Loudness(LoudnessMessage),
}

/// The library's Subsonic servers.
#[derive(Debug, Clone)]
pub enum ServersMessage {
    /// The library's servers were read (or why not).
    Listed(Result<Vec<crate::server::add::Listed>, String>),
    /// The server's address as typed.
    Url(String),
    /// The user name as typed.
    User(String),
    /// The password as typed (its `Debug` never shows it).
    Password(crate::server::auth::Secret),
    /// Check the server and the password typed, and keep them.
    Add,
    /// The check ended: the server kept, or why nothing was stored.
    Added(Result<Box<crate::server::add::Added>, String>),
    /// Read the albums of this server (its key) again.
    Refresh(String),
    /// A server's albums were read into the store, or why not.
    AlbumsRead {
        /// The server's key.
        key: String,
        /// What the reading did.
        read: Result<crate::server::catalogue::Refreshed, String>,
    },
    /// Remove this server (its key): asks to confirm first.
    Remove(String),
    /// The removal was not confirmed.
    KeepIt,
    /// Remove this server, its albums and its password.
    ConfirmRemove(String),
    /// A server was removed (what was done), or why not.
    Removed(Result<String, String>),
}

/// The loudness analysis running in the background.
#[derive(Debug, Clone)]
pub enum LoudnessMessage {
    /// Where the analysis of run `.0` is.
    Progress(u64, crate::loudness::service::Progress),
    /// The user paused the analysis, or let it go on.
    TogglePause,
    /// The envelopes of the tracks in view, read from the store (None: the
    /// store could not be read this time).
    Shapes(Option<std::collections::HashMap<PathBuf, super::state::loudness::Shape>>),
}

/// The library's arrival and changes.
#[derive(Debug, Clone)]
pub enum LibraryMessage {
    /// The library finished loading (or scanning).
    Loaded {
        /// What to show.
        library: Arc<Library>,
        /// Whether it is the bundled demo (the user has no library yet).
        demo: bool,
        /// A problem met on the way, for the user to see.
        notice: Option<String>,
        /// Whether the store's folders should now be rescanned for changes.
        rescan: bool,
        /// The folders the library is made of, to record with the user's data.
        folders: Vec<PathBuf>,
        /// The user's edits the library was built with: when the user edited
        /// meanwhile, the window applies what it lacks.
        user: Arc<UserData>,
    },
    /// Something the user should know (a damaged store...).
    Notice(String),
    /// A scan's counts so far.
    ScanProgress(ScanProgress),
    /// Ctrl+O or "Add folder...": open the system's folder dialog.
    AddFolder,
    /// The folder dialog closed: the folder picked, if any.
    FolderPicked(Option<PathBuf>),
    /// Covers found for the library of this generation, per production.
    CoversFound(u64, Vec<Option<super::state::covers::Cover>>),
    /// Paths were dropped on the window and no more came for a moment: add them.
    DropsSettled(u64),
    /// The library's folders changed on disk (live folders): what a pass did.
    Followed(crate::library::watch::Change),
}

/// Playlists.
#[derive(Debug, Clone)]
pub enum PlaylistMessage {
    /// Read these playlist files; the first one plays.
    Open(Vec<PathBuf>),
    /// A playlist was read (or why not); `play`: play it now.
    Read {
        /// Its file.
        path: PathBuf,
        /// Its entries and the lines left out, or why it could not be read.
        read: Result<crate::playlist::Playlist, String>,
        /// Play it once read.
        play: bool,
    },
    /// The playlists folder was read.
    Listed(Vec<super::state::playlists::Known>),
    /// Show this playlist's entries and problems.
    Select(PathBuf),
    /// Play this playlist from its first entry.
    Play(PathBuf),
    /// The name to save the queue under, as typed.
    Name(String),
    /// Save the queue as M3U8 in the playlists folder under the name typed.
    SaveQueue,
    /// Ctrl+O: the system's dialog for playlists and music files.
    Pick,
    /// The dialog closed: the files picked (none: cancelled).
    Picked(Vec<PathBuf>),
}

/// The playing song's lyrics.
#[derive(Debug, Clone)]
pub enum LyricsMessage {
    /// Lyrics were read for this file (none found: `None`).
    Found(PathBuf, Option<Arc<crate::lyrics::Lyrics>>),
}

/// The transport bar, the queue, and the player's events.
#[derive(Debug, Clone)]
pub enum TransportMessage {
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
    /// Move a queue item (play-order positions).
    QueueMove {
        /// Where it is.
        from: usize,
        /// Where it goes.
        to: usize,
    },
    /// Take an item out of the queue.
    QueueRemove(usize),
    /// The player said something (a track began, the position moved...).
    Player(crate::playback::Event),
}

/// Browsing the library.
#[derive(Debug, Clone)]
pub enum BrowseMessage {
    /// Show a page: the library, composers, the queue.
    ShowPage(Page),
    /// Open a production's page.
    OpenProduction(ProductionKey),
    /// The search text changed.
    Search(String),
    /// Order productions by title, year or when they were added.
    Sort(Sort),
    /// The library list scrolled: where its top is and how large the view is.
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
    /// Put the cursor in the search field (`/`, Ctrl+F).
    FocusSearch,
    /// Esc: close an overlay, leave a page, else clear the search.
    Escape,
    /// Show only productions of this medium (`None`: all soundtracks).
    Filter(Option<Medium>),
    /// Show or hide the files that could not be read.
    ShowProblems(bool),
    /// Show or hide the list of keyboard shortcuts (`?`).
    ToggleHelp,
}

/// The user's changes to what Leitmotif worked out.
#[derive(Debug, Clone)]
pub enum EditMessage {
    /// The user says what a track is.
    SetCategory(TrackKey, Category),
    /// The user sets a production's medium.
    SetMedium(ProductionKey, Medium),
    /// Start renaming a production.
    RenameStart(ProductionKey),
    /// The new title as typed.
    RenameDraft(String),
    /// Keep the new title.
    RenameSave,
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
}

/// What to play.
#[derive(Debug, Clone)]
pub enum PlayMessage {
    /// A track row was clicked: its section of the production from it.
    Track(TrackKey),
    /// A production from its start: all tracks, or one category.
    Production(ProductionKey, Option<Category>),
    /// A cue on the timeline strip (or a neighbour in the panel): the
    /// production in timeline order from it.
    Timeline(TrackKey),
    /// Enter in the search field: the first track listed.
    FirstMatch,
}

/// The desktop around the window.
#[derive(Debug, Clone)]
pub enum DesktopMessage {
    /// The window opened, moved, was resized, or files were dragged over it.
    Window(iced::window::Event),
    /// The system's light or dark preference, at start and when it changes.
    SystemTheme(iced::theme::Mode),
    /// A media key or a desktop widget asked (MPRIS).
    Media(crate::desktop::mpris::Request),
    /// A later launch handed over paths.
    Handoff(Vec<PathBuf>),
    /// The window's place settled: save it (if this is still the latest change).
    SaveWindow(u64),
}
