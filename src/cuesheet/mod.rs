//! CUE sheets: a CD image (one audio file per disc) and the sheet that says
//! where each track starts in it, as EAC, XLD and CUETools write them.
//!
//! This part only reads sheets (their text in any encoding, then their
//! commands) and names the tracks of an image; turning them into library
//! tracks is the library's, playing a range of a file the player's.
//!
//! No crate does this for us: `cue_sheet` and `cue` (libcue) are GPL, `rcue`
//! and `cuna` are unmaintained, and none gives the line of what is wrong,
//! which a user needs to mend a sheet.

pub mod parse;
pub mod path;
pub mod text;

pub use parse::{Sheet, SheetError, SheetFile, SheetTrack, parse};
pub use path::{ImageTrack, image_tracks, resolve_file, split_track_path, track_path};
pub use text::decode;

use std::time::Duration;

/// A time in a sheet: minutes, seconds and frames of 1/75 s (`03:25:42`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Frames(pub u64);

impl Frames {
    /// CD audio has 75 frames a second.
    pub const PER_SECOND: u64 = 75;

    /// Parses `mm:ss:ff`; minutes may go past 99.
    pub fn parse(text: &str) -> Option<Frames> {
        let mut parts = text.trim().split(':');
        let (m, s, f) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let number = |t: &str| -> Option<u64> {
            (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        };
        let (m, s, f) = (number(m)?, number(s)?, number(f)?);
        (s < 60 && f < Self::PER_SECOND).then_some(Frames((m * 60 + s) * Self::PER_SECOND + f))
    }

    /// The time as a duration (exact to the nanosecond's floor).
    pub fn duration(self) -> Duration {
        Duration::from_nanos(self.0.saturating_mul(1_000_000_000) / Self::PER_SECOND)
    }

    /// The same time in samples at `rate` (exact when `rate` is a multiple of 75).
    pub fn samples(self, rate: u32) -> u64 {
        self.0 * u64::from(rate) / Self::PER_SECOND
    }

    /// `mm:ss:ff`, as sheets write it.
    pub fn format(self) -> String {
        let f = self.0 % Self::PER_SECOND;
        let s = self.0 / Self::PER_SECOND;
        format!("{:02}:{:02}:{:02}", s / 60, s % 60, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_minutes_seconds_and_frames() {
        assert_eq!(
            Frames::parse("03:25:42"),
            Some(Frames((3 * 60 + 25) * 75 + 42))
        );
        assert_eq!(
            Frames::parse("120:00:00").map(|f| f.duration()),
            Some(Duration::from_secs(7200))
        );
        assert_eq!(
            Frames::parse("00:01:00").map(|f| f.samples(44_100)),
            Some(44_100)
        );
        assert_eq!(Frames(1).samples(44_100), 588);
        for bad in [
            "", "1:2", "00:60:00", "00:00:75", "a:b:c", "1:2:3:4", "-1:00:00",
        ] {
            assert_eq!(Frames::parse(bad), None, "{bad}");
        }
        assert_eq!(Frames(75 * 61 + 3).format(), "01:01:03");
    }
}
