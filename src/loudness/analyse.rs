//! One track measured: decoded and metered on the calling thread, a crash
//! in the decoder becoming that track's reason.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::decode;
use super::envelope::Envelope;
use super::gain;
use super::gating::Gating;
use super::meter::Meter;

/// What to measure: a whole file, or a range of one (a track of a CD image).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    /// The audio file.
    pub file: PathBuf,
    /// Where the track starts in it.
    pub start: Duration,
    /// Where it ends (the next track's start); `None` for the file's end.
    pub end: Option<Duration>,
}

impl Source {
    /// A whole file.
    pub fn file(path: &Path) -> Source {
        Source {
            file: path.to_path_buf(),
            start: Duration::ZERO,
            end: None,
        }
    }

    /// A track of a CD image, as the CUE sheet places it.
    pub fn image(track: &crate::cuesheet::ImageTrack) -> Source {
        Source {
            file: track.file.clone(),
            start: track.start.duration(),
            end: track.end.map(crate::cuesheet::Frames::duration),
        }
    }

    /// Whether this is a part of its file rather than all of it.
    pub fn is_range(&self) -> bool {
        self.start > Duration::ZERO || self.end.is_some()
    }
}

/// The loudness of one track.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackLoudness {
    /// Integrated loudness (EBU R128), LUFS; `-inf` for silence.
    pub integrated_lufs: f64,
    /// Loudness range (EBU Tech 3342), LU.
    pub range_lu: f64,
    /// True peak (4x oversampled) over all channels, linear: 1.0 is full scale.
    pub true_peak: f64,
    /// How long the measured audio is.
    pub duration: Duration,
    /// Loudness along the track.
    pub envelope: Envelope,
    /// The gating blocks, to measure an album with it ([`super::album_loudness`]).
    pub gating: Gating,
    /// Something a person should know of the measurement (a file that ends
    /// early, damaged packets passed over).
    pub warning: Option<String>,
}

impl TrackLoudness {
    /// The true peak in dBTP (`-inf` for silence).
    pub fn true_peak_dbtp(&self) -> f64 {
        gain::peak_db(self.true_peak)
    }

    /// ReplayGain 2.0 track gain, dB, or why there is none (silence).
    pub fn track_gain_db(&self) -> Result<f64, String> {
        gain::replaygain_db(self.integrated_lufs)
    }
}

/// A duration as frames at `rate`, to the nearest frame.
fn frames(at: Duration, rate: u32) -> u64 {
    let frames = (at.as_nanos() * u128::from(rate) + 500_000_000) / 1_000_000_000;
    u64::try_from(frames).unwrap_or(u64::MAX)
}

fn seconds(frames: u64, rate: u32) -> f64 {
    frames as f64 / f64::from(rate.max(1))
}

/// Measures a track. A file that cannot be read, holds no audio, is too
/// short to measure (under 0.4 s) or crashes the decoder gives the reason.
pub fn analyse(source: &Source) -> Result<TrackLoudness, String> {
    crate::guard::isolate(|| measure(source))
        .unwrap_or_else(|reason| Err(format!("the decoder crashed on this file ({reason})")))
}

fn measure(source: &Source) -> Result<TrackLoudness, String> {
    let mut opened = decode::open(&source.file)?;
    let rate = opened.rate;
    let start = frames(source.start, rate);
    let end = source.end.map(|e| frames(e, rate));
    if end.is_some_and(|end| end <= start) {
        return Err("the track's range is empty (check its CUE sheet)".into());
    }
    // Made at the first packet: some containers (MP4) leave the channels to it.
    let mut meter: Option<Meter> = None;
    let decoded = opened.run(start, end, &mut |planes| {
        let meter = match &mut meter {
            Some(meter) => meter,
            None => meter.insert(Meter::new(planes.channels(), rate)?),
        };
        meter.add(planes)
    })?;
    let measured = meter.ok_or("the file holds no audio")?.finish()?;
    // One gating block is 400 ms: less than that has no loudness.
    let shortest = (u64::from(rate) + 5) / 10 * 4;
    if measured.frames < shortest {
        return Err(format!(
            "too short to measure: {:.2} s of audio; loudness needs at least 0.4 s",
            seconds(measured.frames, rate)
        ));
    }
    let mut warnings = Vec::new();
    let expected = end.or(opened.frames).map(|e| e.saturating_sub(start));
    if let Some(expected) = expected
        && decoded.frames + u64::from(rate) / 10 < expected
    {
        warnings.push(format!(
            "the file ends early (truncated?): measured {:.1} s of {:.1} s",
            seconds(decoded.frames, rate),
            seconds(expected, rate)
        ));
    }
    if decoded.damaged > 0 {
        warnings.push(format!("{} damaged packet(s) passed over", decoded.damaged));
    }
    Ok(TrackLoudness {
        integrated_lufs: measured.integrated,
        range_lu: measured.range,
        true_peak: measured.true_peak,
        duration: Duration::from_secs_f64(seconds(measured.frames, rate)),
        envelope: Envelope::from_blocks(&measured.blocks),
        gating: Gating::from_blocks(&measured.blocks),
        warning: (!warnings.is_empty()).then(|| warnings.join("; ")),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::testing::wav;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "leitmotif-loudness-unit-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }

    #[test]
    fn a_tone_and_its_ranges_are_measured() {
        let dir = scratch("tone");
        let path = dir.join("tone.wav");
        wav(&path, 0.1, 6.0);
        let whole = analyse(&Source::file(&path)).expect("measured");
        assert!(
            (whole.integrated_lufs + 20.0).abs() < 0.05,
            "{}",
            whole.integrated_lufs
        );
        assert!((whole.true_peak_dbtp() + 20.0).abs() < 0.1);
        assert!((whole.track_gain_db().expect("gain") - 2.0).abs() < 0.05);
        assert!((whole.duration.as_secs_f64() - 6.0).abs() < 0.01);
        assert_eq!(whole.warning, None);
        assert!(whole.envelope.0.iter().all(|&v| (v + 20.0).abs() < 0.1));
        // The middle 2 s, as a CUE sheet would place a track.
        let part = Source {
            file: path.clone(),
            start: Duration::from_secs(2),
            end: Some(Duration::from_secs(4)),
        };
        assert!(part.is_range() && !Source::file(&path).is_range());
        let m = analyse(&part).expect("range measured");
        assert!(
            (m.duration.as_secs_f64() - 2.0).abs() < 0.001,
            "{:?}",
            m.duration
        );
        assert!((m.integrated_lufs + 20.0).abs() < 0.05);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn bad_input_gives_reasons_not_panics() {
        let dir = scratch("bad");
        let short = dir.join("short.wav");
        wav(&short, 0.5, 0.2);
        let e = analyse(&Source::file(&short)).expect_err("too short");
        assert!(e.contains("too short"), "{e}");
        let silent = dir.join("silent.wav");
        wav(&silent, 0.0, 2.0);
        let m = analyse(&Source::file(&silent)).expect("silence is measured");
        assert_eq!(m.integrated_lufs, f64::NEG_INFINITY);
        assert!(m.track_gain_db().expect_err("no gain").contains("silent"));
        let garbage = dir.join("noise.flac");
        std::fs::write(&garbage, b"fLaC this is not a stream at all").expect("write");
        assert!(analyse(&Source::file(&garbage)).is_err());
        let gone = analyse(&Source::file(&dir.join("gone.flac"))).expect_err("gone");
        assert!(gone.contains("gone"), "{gone}");
        let tone = dir.join("tone.wav");
        wav(&tone, 0.1, 1.0);
        let empty = Source {
            file: tone,
            start: Duration::from_secs(3),
            end: Some(Duration::from_secs(2)),
        };
        assert!(analyse(&empty).expect_err("empty range").contains("empty"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
