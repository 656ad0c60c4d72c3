//! The playing song's lyrics: read on a thread when a track starts (its
//! `.lrc`, then its tags), and the line being sung followed as the player
//! reports its position, so now playing can highlight it and scroll to it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use iced::Task;

use crate::gui::message::{LyricsMessage, Message};
use crate::lyrics::Lyrics;

/// The id of the scrolling list of lines, to scroll to the current one.
pub const LINES: &str = "lyrics-lines";

/// What the window knows of the playing track's lyrics.
#[derive(Debug, Default)]
pub struct LyricsState {
    /// The track they are (being) read for.
    path: Option<PathBuf>,
    /// What was found; `None` while reading, and for a track with none.
    lyrics: Option<Arc<Lyrics>>,
    /// The line being sung.
    line: Option<usize>,
}

impl LyricsState {
    /// The lyrics of the track playing, once read.
    pub fn lyrics(&self) -> Option<&Lyrics> {
        self.lyrics.as_deref()
    }

    /// The line being sung, for synced lyrics.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The track playing is now `path` (or nothing): a new track's lyrics
    /// are read on a thread; the same track's line follows `position`.
    pub fn follow(&mut self, path: Option<&Path>, position: Duration) -> Task<Message> {
        if self.path.as_deref() != path {
            self.path = path.map(Path::to_path_buf);
            self.lyrics = None;
            self.line = None;
            let Some(path) = self.path.clone() else {
                return Task::none();
            };
            return Task::perform(read(path.clone()), move |found| {
                Message::Lyrics(LyricsMessage::Found(path.clone(), found))
            });
        }
        self.move_to(position)
    }

    /// Lyrics were read for `path`: kept if that track still plays.
    pub fn found(
        &mut self,
        path: &Path,
        lyrics: Option<Arc<Lyrics>>,
        position: Duration,
    ) -> Task<Message> {
        if self.path.as_deref() != Some(path) {
            return Task::none();
        }
        self.lyrics = lyrics;
        self.line = None;
        self.move_to(position)
    }

    /// The current line at `position`; when it changed, the list scrolls so
    /// that it shows (near the middle once the song is under way).
    fn move_to(&mut self, position: Duration) -> Task<Message> {
        let Some(lyrics) = self.lyrics.as_deref() else {
            return Task::none();
        };
        let line = lyrics.line_at(position);
        if line == self.line {
            return Task::none();
        }
        self.line = line;
        let (Lyrics::Synced(lines), Some(at)) = (lyrics, line) else {
            return Task::none();
        };
        let last = lines.len().saturating_sub(1).max(1);
        let y = at as f32 / last as f32;
        iced::widget::operation::snap_to(
            LINES,
            iced::widget::operation::RelativeOffset { x: 0.0, y },
        )
    }
}

/// The lyrics of `path`, read on a thread of their own (a file and its tags).
async fn read(path: PathBuf) -> Option<Arc<Lyrics>> {
    let (tx, rx) = iced::futures::channel::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("lyrics".into())
        .spawn(move || {
            let _ = tx.send(crate::lyrics::for_track(&path).map(Arc::new));
        });
    if spawned.is_err() {
        return None;
    }
    rx.await.ok().flatten()
}
