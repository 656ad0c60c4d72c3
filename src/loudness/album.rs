//! An album's loudness: its tracks' gating blocks gated together as one
//! programme (BS.1770, as `ebur128::EbuR128::loudness_global_multiple` and
//! loudgain's `-a` do), and the highest true peak. Tracks are of one album
//! here when they share an album tag and a folder.

use std::path::{Path, PathBuf};

use super::analyse::TrackLoudness;
use super::gain;
use super::gating::Gating;

/// The loudness of tracks heard together.
#[derive(Debug, Clone, PartialEq)]
pub struct AlbumLoudness {
    /// Integrated loudness of all the tracks as one, LUFS; `-inf` for silence.
    pub integrated_lufs: f64,
    /// The highest true peak of its tracks, linear.
    pub true_peak: f64,
    /// Tracks measured into it.
    pub tracks: usize,
}

impl AlbumLoudness {
    /// ReplayGain 2.0 album gain, dB, or why there is none.
    pub fn gain_db(&self) -> Result<f64, String> {
        gain::replaygain_db(self.integrated_lufs)
    }

    /// The album's true peak in dBTP.
    pub fn true_peak_dbtp(&self) -> f64 {
        gain::peak_db(self.true_peak)
    }
}

/// The album of `tracks` (each measured on its own, now or from the store);
/// `None` for no tracks.
pub fn album_loudness<'a>(
    tracks: impl IntoIterator<Item = &'a TrackLoudness>,
) -> Option<AlbumLoudness> {
    let tracks: Vec<&TrackLoudness> = tracks.into_iter().collect();
    if tracks.is_empty() {
        return None;
    }
    let gating = Gating::merge(tracks.iter().map(|t| &t.gating));
    Some(AlbumLoudness {
        integrated_lufs: gating.integrated(),
        true_peak: tracks.iter().map(|t| t.true_peak).fold(0.0, f64::max),
        tracks: tracks.len(),
    })
}

/// Which album a track is of: the folder of its audio file and its album
/// tag; `None` for a track whose tags name no album.
pub fn album_key(file: &Path, album: Option<&str>) -> Option<(PathBuf, String)> {
    let album = album.map(str::trim).filter(|a| !a.is_empty())?;
    Some((
        file.parent().map(Path::to_path_buf).unwrap_or_default(),
        album.to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loudness::decode::Planes;
    use crate::loudness::{Envelope, meter::Meter};
    use ebur128::{EbuR128, Mode};

    fn tone(amplitude: f32, seconds: usize) -> Vec<f32> {
        (0..44_100 * seconds)
            .map(|i| amplitude * (i as f32 * 2.0 * std::f32::consts::PI * 440.0 / 44_100.0).sin())
            .collect()
    }

    /// Our track measurement, and the crate's own state for the same audio.
    fn both(samples: &[f32]) -> (TrackLoudness, EbuR128) {
        let mut meter = Meter::new(2, 44_100).expect("meter");
        let mut state = EbuR128::new(2, 44_100, Mode::I).expect("state");
        for chunk in samples.chunks(4096) {
            meter.add(Planes::F32(&[chunk, chunk])).expect("add");
            state.add_frames_planar_f32(&[chunk, chunk]).expect("add");
        }
        let m = meter.finish().expect("finish");
        let track = TrackLoudness {
            integrated_lufs: m.integrated,
            range_lu: m.range,
            true_peak: m.true_peak,
            duration: std::time::Duration::ZERO,
            envelope: Envelope::from_blocks(&m.blocks),
            gating: Gating::from_blocks(&m.blocks),
            warning: None,
        };
        (track, state)
    }

    #[test]
    fn an_album_agrees_with_the_crates_own_multiple_gating() {
        let (loud, a) = both(&tone(0.5, 8));
        let (soft, b) = both(&tone(0.1, 5));
        let (quiet, c) = both(&tone(0.01, 6));
        let album = album_loudness([&loud, &soft, &quiet]).expect("album");
        let reference =
            EbuR128::loudness_global_multiple([&a, &b, &c].into_iter()).expect("crate's album");
        assert!(
            (album.integrated_lufs - reference).abs() < 0.01,
            "{} vs {reference}",
            album.integrated_lufs
        );
        // Gated together, not the mean of the three tracks' loudness.
        let mean = (loud.integrated_lufs + soft.integrated_lufs + quiet.integrated_lufs) / 3.0;
        assert!((album.integrated_lufs - mean).abs() > 1.0);
        assert_eq!(album.true_peak, loud.true_peak);
        assert_eq!(album.tracks, 3);
        assert!((album.gain_db().expect("gain") - (-18.0 - album.integrated_lufs)).abs() < 1e-9);
        assert!(album_loudness([]).is_none());
    }

    #[test]
    fn albums_are_an_album_tag_in_a_folder() {
        let a = album_key(Path::new("/m/Film/01.flac"), Some(" Film OST "));
        assert_eq!(a, Some((PathBuf::from("/m/Film"), "Film OST".to_string())));
        assert_ne!(
            a,
            album_key(Path::new("/m/Other/01.flac"), Some("Film OST"))
        );
        assert_eq!(album_key(Path::new("/m/x.flac"), Some("  ")), None);
        assert_eq!(album_key(Path::new("/m/x.flac"), None), None);
    }
}
