//! Playback: a player service that owns the audio output on its own thread.
//!
//! The window (or the headless `play` command) sends [`Command`]s and reads
//! [`Event`]s; nothing here knows about the window.

pub mod decode;
pub mod gain;
pub mod output;
pub mod queue;
pub mod range;
pub mod resume;
pub mod service;

use std::path::PathBuf;
use std::time::Duration;

pub use queue::{Queue, Repeat};
pub use resume::Resume;
pub use service::PlayerService;

/// What the player needs to know of an item of the queue, which names it by
/// path: the audio file to decode, the part of it that is the track (a track
/// of a CD image), and its ReplayGain. Whoever owns the library says it
/// (see [`Locator`]); the player reads no tags of its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Located {
    /// The file to decode.
    pub file: PathBuf,
    /// From where to where in it, when the track is a part of the file.
    pub range: Option<(Duration, Option<Duration>)>,
    /// ReplayGain of the track: gain in dB and peak.
    pub track_gain: Option<(f32, Option<f32>)>,
    /// ReplayGain of its album.
    pub album_gain: Option<(f32, Option<f32>)>,
    /// Its album, to tell when an album plays in order (album gain then).
    pub album: Option<String>,
    /// Bytes from elsewhere than `file` (a server's stream), opened when the
    /// track plays.
    pub remote: Option<Remote>,
}

/// A seekable source of bytes that is not a local file, and the file
/// extension its format usually has (a hint for the decoder's probe).
pub struct RemoteMedia {
    /// The bytes; seekable when it knows its length.
    pub source: Box<dyn symphonia::core::io::MediaSource>,
    /// "flac", "mp3"...
    pub hint: Option<String>,
}

/// How to open a track's bytes from elsewhere (a server): whoever knows the
/// place says how; the player only calls it.
#[derive(Clone)]
pub struct Remote(std::sync::Arc<dyn Fn() -> Result<RemoteMedia, String> + Send + Sync>);

impl Remote {
    /// A remote source opened by `open`.
    pub fn new(open: impl Fn() -> Result<RemoteMedia, String> + Send + Sync + 'static) -> Remote {
        Remote(std::sync::Arc::new(open))
    }

    /// Opens it.
    pub fn open(&self) -> Result<RemoteMedia, String> {
        (self.0)()
    }
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Remote")
    }
}

impl PartialEq for Remote {
    fn eq(&self, other: &Remote) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Located {
    /// A whole file, with no gain known.
    pub fn file(path: &std::path::Path) -> Located {
        Located {
            file: path.to_path_buf(),
            ..Located::default()
        }
    }
}

/// Says what an item is; called on the player thread for each track it opens.
pub type Locator =
    std::sync::Arc<dyn Fn(&std::path::Path) -> Result<Located, String> + Send + Sync>;

/// The locator that knows only whole files (tests, and files outside any library).
pub fn whole_files() -> Locator {
    std::sync::Arc::new(|path| Ok(Located::file(path)))
}

/// What the player is asked to do. Sending never blocks.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Replace the queue with `items` and play from `start`.
    PlayList {
        /// Files in play order.
        items: Vec<PathBuf>,
        /// Index of the first to play.
        start: usize,
    },
    /// Pause.
    Pause,
    /// Resume after a pause.
    Resume,
    /// Pause when playing, resume when paused.
    Toggle,
    /// Stop and forget the position.
    Stop,
    /// Skip to the next track.
    Next,
    /// Restart the track after 3 s of it, else go to the previous track.
    Previous,
    /// Jump to a position in the current track.
    SeekTo(Duration),
    /// Move forwards (positive) or backwards by this many milliseconds.
    SeekBy(i64),
    /// Volume from 0.0 to 1.0.
    SetVolume(f32),
    /// Mute or unmute.
    SetMuted(bool),
    /// Shuffle on or off.
    SetShuffle(bool),
    /// Repeat mode.
    SetRepeat(Repeat),
    /// Add to the end of the queue.
    Enqueue(PathBuf),
    /// Play right after the current track.
    PlayNext(PathBuf),
    /// Remove the item at a play-order position.
    Remove(usize),
    /// Apply ReplayGain from the tags (album gain when an album plays in order).
    SetReplayGain(bool),
    /// Load a saved state: the queue and position, paused.
    Restore(Resume),
    /// Save the state now (it is also saved on pause and on shutdown).
    SaveState,
    /// Let the output go after this long with nothing playing (None: keep
    /// it open); a device output does so after
    /// [`RELEASE_IDLE_OUTPUT`](service::RELEASE_IDLE_OUTPUT) unless told.
    ReleaseIdleOutput(Option<std::time::Duration>),
    /// Move an item in the queue.
    Move {
        /// Position it is at.
        from: usize,
        /// Position it goes to.
        to: usize,
    },
    /// End the player thread.
    Shutdown,
}

/// What the player tells its owner.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A track began.
    TrackStarted {
        /// Position in play order.
        position: usize,
        /// The file.
        path: PathBuf,
        /// Its length, when the decoder knows it.
        duration: Option<Duration>,
    },
    /// Where playback is in the current track.
    Position(Duration),
    /// Paused (true) or playing (false).
    Paused(bool),
    /// A track played to its end.
    TrackEnded(PathBuf),
    /// The last track ended and nothing follows.
    QueueEnded,
    /// The queue changed (items, order or position).
    QueueChanged(Vec<PathBuf>, Option<usize>),
    /// A file could not be played; the player moved on.
    Error {
        /// The file.
        path: PathBuf,
        /// Why, in words a user can act on.
        reason: String,
    },
    /// No output device, or it went away.
    OutputLost(String),
    /// An output device is there again.
    OutputBack,
    /// Volume and mute, as they now are.
    Volume {
        /// 0.0 to 1.0.
        level: f32,
        /// Muted.
        muted: bool,
    },
    /// Shuffle and repeat, as they now are.
    Modes {
        /// Shuffle on.
        shuffle: bool,
        /// Repeat mode.
        repeat: Repeat,
    },
}

/// The message shown when no output device can be opened.
pub fn no_output_message(detail: &str) -> String {
    format!(
        "No audio output found: {detail}. Connect speakers or headphones, or check that \
         PulseAudio, PipeWire or ALSA is running; playback starts again once a device is there."
    )
}
