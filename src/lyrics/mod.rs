//! Lyrics for a song: synced (each line with the time it is sung) from an
//! `.lrc` file beside the audio file, from ID3v2 `SYLT` frames, or from a
//! lyrics tag written in LRC; unsynced from `USLT`, `LYRICS` or `©lyr` as
//! plain text.
//!
//! This part only finds and reads them; showing the current line is the
//! window's. A damaged tag or `.lrc` file costs that track its lyrics,
//! nothing more: every reader runs inside [`crate::guard::isolate`].

pub mod embedded;
pub mod lrc;
pub mod sidecar;

use std::path::Path;
use std::time::Duration;

/// A song's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lyrics {
    /// Lines with the time each starts, in time order.
    Synced(Vec<Line>),
    /// Text with no times.
    Plain(String),
}

/// One synced line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// When it starts, from the start of the track.
    pub start: Duration,
    /// The words; empty for an instrumental gap (it ends the line before).
    pub text: String,
}

impl Lyrics {
    /// The index of the line being sung at `position`: the last line that
    /// has started. `None` before the first line, and for plain lyrics.
    pub fn line_at(&self, position: Duration) -> Option<usize> {
        match self {
            Lyrics::Synced(lines) => lines
                .partition_point(|line| line.start <= position)
                .checked_sub(1),
            Lyrics::Plain(_) => None,
        }
    }

    /// Lyrics from a tag's text: synced when it is LRC, else plain; `None`
    /// when it holds only blanks.
    pub fn from_text(text: &str) -> Option<Lyrics> {
        if let Some(lines) = lrc::parse(text) {
            return Some(Lyrics::Synced(lines));
        }
        let plain = text.replace("\r\n", "\n").replace('\r', "\n");
        let plain = plain.trim();
        (!plain.is_empty()).then(|| Lyrics::Plain(plain.to_string()))
    }
}

/// The lyrics of the audio file at `path`: its `.lrc` first (the user put
/// it there), then what its tags hold, synced before plain. `None` when
/// there are none, and for a track of a CD image (`…/Album.cue/track03`),
/// which is no file of its own.
pub fn for_track(path: &Path) -> Option<Lyrics> {
    if !path.is_file() {
        return None;
    }
    if let Some(lyrics) = sidecar::read(path) {
        return Some(lyrics);
    }
    embedded::read(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synced(times: &[u64]) -> Lyrics {
        Lyrics::Synced(
            times
                .iter()
                .map(|&ms| Line {
                    start: Duration::from_millis(ms),
                    text: format!("at {ms}"),
                })
                .collect(),
        )
    }

    #[test]
    fn the_current_line_is_the_last_one_started() {
        let lyrics = synced(&[1_000, 5_000, 5_000, 9_000]);
        let at = |ms| lyrics.line_at(Duration::from_millis(ms));
        assert_eq!(at(0), None, "before the first line");
        assert_eq!(at(999), None);
        assert_eq!(at(1_000), Some(0));
        assert_eq!(at(4_999), Some(0));
        // Two lines at one time: the later of them.
        assert_eq!(at(5_000), Some(2));
        assert_eq!(at(9_000), Some(3));
        assert_eq!(at(3_600_000), Some(3));
        assert_eq!(synced(&[]).line_at(Duration::ZERO), None);
        assert_eq!(Lyrics::Plain("words".into()).line_at(Duration::ZERO), None);
    }

    #[test]
    fn tag_text_is_synced_when_it_is_lrc() {
        assert_eq!(
            Lyrics::from_text("[00:01.00]One\r\n[00:02.00]Two"),
            Some(Lyrics::Synced(vec![
                Line {
                    start: Duration::from_secs(1),
                    text: "One".into()
                },
                Line {
                    start: Duration::from_secs(2),
                    text: "Two".into()
                },
            ]))
        );
        assert_eq!(
            Lyrics::from_text("\r\nOne\r\nTwo\r\n"),
            Some(Lyrics::Plain("One\nTwo".into()))
        );
        assert_eq!(Lyrics::from_text(" \n "), None);
    }

    #[test]
    fn a_track_of_a_cd_image_or_a_missing_file_has_none() {
        assert_eq!(for_track(Path::new("/nonexistent/Album.cue/track03")), None);
    }
}
