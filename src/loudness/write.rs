//! ReplayGain 2.0 tags, written as loudgain writes them (`loudgain -a -s i`):
//! old ReplayGain tags taken out, then `REPLAYGAIN_TRACK_GAIN` ("-7.52 dB"),
//! `REPLAYGAIN_TRACK_PEAK` ("0.988525") and, for a track of an album,
//! `REPLAYGAIN_ALBUM_GAIN` and `REPLAYGAIN_ALBUM_PEAK`:
//!
//! - FLAC, Ogg Vorbis: Vorbis comments.
//! - MP3: ID3v2.4 `TXXX` frames.
//! - MP4/M4A: freeform atoms `----:com.apple.iTunes:REPLAYGAIN_…`.
//! - Opus: `R128_TRACK_GAIN` and `R128_ALBUM_GAIN` only (Q7.8, to -23 LUFS),
//!   as RFC 7845 asks; no peaks.
//!
//! Everything else in the file (other tags, pictures) is kept as it was.

use std::path::Path;

use lofty::config::{ParseOptions, WriteOptions};
use lofty::file::{AudioFile, FileType};
use lofty::id3::v2::{Frame, Id3v2Tag};
use lofty::mp4::{Atom, AtomData, AtomIdent, Ilst};
use lofty::ogg::tag::VorbisComments;

use super::gain::{gain_tag, opus_gain_tag, peak_tag};

/// The ReplayGain tags loudgain writes or takes out.
const NAMES: [&str; 7] = [
    "REPLAYGAIN_TRACK_GAIN",
    "REPLAYGAIN_TRACK_PEAK",
    "REPLAYGAIN_TRACK_RANGE",
    "REPLAYGAIN_ALBUM_GAIN",
    "REPLAYGAIN_ALBUM_PEAK",
    "REPLAYGAIN_ALBUM_RANGE",
    "REPLAYGAIN_REFERENCE_LOUDNESS",
];

/// MP4's freeform atoms for ReplayGain live under this "mean".
const ITUNES: &str = "com.apple.iTunes";

/// What to write for a track.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gains {
    /// Track gain, dB.
    pub track_gain_db: f64,
    /// Track true peak, linear.
    pub track_peak: f64,
    /// Album gain (dB) and album peak (linear), for a track of an album.
    pub album: Option<(f64, f64)>,
}

impl Gains {
    /// The (name, value) pairs for every format but Opus.
    fn replaygain(&self) -> Vec<(&'static str, String)> {
        let mut tags = vec![
            ("REPLAYGAIN_TRACK_GAIN", gain_tag(self.track_gain_db)),
            ("REPLAYGAIN_TRACK_PEAK", peak_tag(self.track_peak)),
        ];
        if let Some((gain, peak)) = self.album {
            tags.push(("REPLAYGAIN_ALBUM_GAIN", gain_tag(gain)));
            tags.push(("REPLAYGAIN_ALBUM_PEAK", peak_tag(peak)));
        }
        tags
    }
}

fn is_replaygain(name: &str) -> bool {
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Writes the ReplayGain tags of `path`. A crash in the tag writer is an
/// error like any other.
pub fn write_tags(path: &Path, gains: &Gains) -> Result<(), String> {
    crate::guard::isolate(|| write(path, gains))
        .unwrap_or_else(|reason| Err(format!("the tag writer crashed on this file ({reason})")))
}

fn write(path: &Path, gains: &Gains) -> Result<(), String> {
    let kind = lofty::probe::Probe::open(path)
        .map_err(|e| format!("cannot open the file to write tags: {e}"))?
        .guess_file_type()
        .map_err(|e| format!("cannot open the file to write tags: {e}"))?
        .file_type()
        .ok_or("cannot write tags: the kind of file is not known")?;
    let read = |what: &str| format!("cannot read the {what} file to write its tags");
    let mut file = std::fs::File::open(path).map_err(|e| format!("cannot open the file: {e}"))?;
    let options = ParseOptions::new();
    let saved = match kind {
        FileType::Flac => {
            let mut flac = lofty::flac::FlacFile::read_from(&mut file, options)
                .map_err(|e| format!("{}: {e}", read("FLAC")))?;
            if flac.vorbis_comments().is_none() {
                let _ = flac.set_vorbis_comments(VorbisComments::default());
            }
            if let Some(comments) = flac.vorbis_comments_mut() {
                vorbis(comments, gains);
            }
            flac.save_to_path(path, WriteOptions::default())
        }
        FileType::Vorbis => {
            let mut ogg = lofty::ogg::VorbisFile::read_from(&mut file, options)
                .map_err(|e| format!("{}: {e}", read("Ogg Vorbis")))?;
            vorbis(ogg.vorbis_comments_mut(), gains);
            ogg.save_to_path(path, WriteOptions::default())
        }
        FileType::Opus => {
            let mut opus = lofty::ogg::OpusFile::read_from(&mut file, options)
                .map_err(|e| format!("{}: {e}", read("Opus")))?;
            opus_comments(opus.vorbis_comments_mut(), gains);
            opus.save_to_path(path, WriteOptions::default())
        }
        FileType::Mpeg => {
            let mut mp3 = lofty::mpeg::MpegFile::read_from(&mut file, options)
                .map_err(|e| format!("{}: {e}", read("MP3")))?;
            if mp3.id3v2().is_none() {
                let _ = mp3.set_id3v2(Id3v2Tag::new());
            }
            if let Some(tag) = mp3.id3v2_mut() {
                id3v2(tag, gains);
            }
            mp3.save_to_path(path, WriteOptions::default())
        }
        FileType::Mp4 => {
            let mut mp4 = lofty::mp4::Mp4File::read_from(&mut file, options)
                .map_err(|e| format!("{}: {e}", read("MP4")))?;
            if mp4.ilst().is_none() {
                let _ = mp4.set_ilst(Ilst::new());
            }
            if let Some(ilst) = mp4.ilst_mut() {
                mp4_atoms(ilst, gains);
            }
            mp4.save_to_path(path, WriteOptions::default())
        }
        other => {
            return Err(format!(
                "writing ReplayGain tags to {other:?} files is not supported (FLAC, MP3, \
                 Ogg Vorbis, Opus and MP4 are)"
            ));
        }
    };
    saved.map_err(|e| format!("cannot write the tags: {e}"))
}

fn vorbis(comments: &mut VorbisComments, gains: &Gains) {
    for name in NAMES {
        let _ = comments.remove(name).count();
    }
    for (name, value) in gains.replaygain() {
        comments.push(name.to_string(), value);
    }
}

fn opus_comments(comments: &mut VorbisComments, gains: &Gains) {
    for name in NAMES.iter().chain(&["R128_TRACK_GAIN", "R128_ALBUM_GAIN"]) {
        let _ = comments.remove(name).count();
    }
    comments.push("R128_TRACK_GAIN".into(), opus_gain_tag(gains.track_gain_db));
    if let Some((gain, _)) = gains.album {
        comments.push("R128_ALBUM_GAIN".into(), opus_gain_tag(gain));
    }
}

fn id3v2(tag: &mut Id3v2Tag, gains: &Gains) {
    // Any case: some tools write them in lower case.
    tag.retain(|frame| match frame {
        Frame::UserText(text) => !is_replaygain(&text.description),
        _ => true,
    });
    for (name, value) in gains.replaygain() {
        let _ = tag.insert_user_text(name.to_string(), value);
    }
}

fn mp4_atoms(ilst: &mut Ilst, gains: &Gains) {
    ilst.retain(|atom| match atom.ident() {
        AtomIdent::Freeform { name, .. } => !is_replaygain(name),
        AtomIdent::Fourcc(_) => true,
    });
    for (name, value) in gains.replaygain() {
        ilst.replace_atom(Atom::new(
            AtomIdent::Freeform {
                mean: ITUNES.into(),
                name: name.into(),
            },
            AtomData::UTF8(value),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lofty::tag::TagExt;

    const GAINS: Gains = Gains {
        track_gain_db: -7.5249,
        track_peak: 0.988_525_3,
        album: Some((-6.0, 0.999)),
    };

    #[test]
    fn vorbis_comments_lose_old_gains_and_get_loudgains_values() {
        let mut c = VorbisComments::default();
        c.push("replaygain_track_gain".into(), "+3.00 dB".into());
        c.push("REPLAYGAIN_REFERENCE_LOUDNESS".into(), "89.0 dB".into());
        c.push("TITLE".into(), "2M3 The Signal".into());
        vorbis(&mut c, &GAINS);
        assert_eq!(c.get("REPLAYGAIN_TRACK_GAIN"), Some("-7.52 dB"));
        assert_eq!(c.get("REPLAYGAIN_TRACK_PEAK"), Some("0.988525"));
        assert_eq!(c.get("REPLAYGAIN_ALBUM_GAIN"), Some("-6.00 dB"));
        assert_eq!(c.get("REPLAYGAIN_ALBUM_PEAK"), Some("0.999000"));
        assert_eq!(c.get_all("REPLAYGAIN_TRACK_GAIN").count(), 1);
        assert_eq!(c.get("REPLAYGAIN_REFERENCE_LOUDNESS"), None);
        assert_eq!(c.get("TITLE"), Some("2M3 The Signal"));
        // A lone track has no album tags, and loses old ones.
        vorbis(
            &mut c,
            &Gains {
                album: None,
                ..GAINS
            },
        );
        assert_eq!(c.get("REPLAYGAIN_ALBUM_GAIN"), None);
    }

    #[test]
    fn opus_gets_r128_gains_only() {
        let mut c = VorbisComments::default();
        c.push("REPLAYGAIN_TRACK_GAIN".into(), "-1.00 dB".into());
        opus_comments(&mut c, &GAINS);
        assert_eq!(c.get("REPLAYGAIN_TRACK_GAIN"), None);
        assert_eq!(c.get("R128_TRACK_GAIN"), Some("-3206"));
        assert_eq!(c.get("R128_ALBUM_GAIN"), Some("-2816"));
    }

    #[test]
    fn id3v2_and_mp4_get_their_own_frames() {
        let mut tag = Id3v2Tag::new();
        let _ = tag.insert_user_text("replaygain_track_gain".into(), "+3.00 dB".into());
        let _ = tag.insert_user_text("MusicBrainz Album Id".into(), "x".into());
        id3v2(&mut tag, &GAINS);
        assert_eq!(tag.get_user_text("REPLAYGAIN_TRACK_GAIN"), Some("-7.52 dB"));
        assert_eq!(tag.get_user_text("replaygain_track_gain"), None);
        assert_eq!(tag.get_user_text("MusicBrainz Album Id"), Some("x"));
        let mut ilst = Ilst::new();
        mp4_atoms(&mut ilst, &GAINS);
        mp4_atoms(&mut ilst, &GAINS);
        let ident = AtomIdent::Freeform {
            mean: ITUNES.into(),
            name: "REPLAYGAIN_ALBUM_PEAK".into(),
        };
        let atom = ilst.get(&ident).expect("album peak atom");
        assert!(matches!(atom.data().next(), Some(AtomData::UTF8(v)) if v == "0.999000"));
        assert_eq!(ilst.len(), 4);
    }
}
