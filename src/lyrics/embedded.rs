//! Lyrics kept in the file's tags. ID3v2 (MP3, WAV, AIFF) has `SYLT`
//! frames, synced by the standard, which lofty leaves as binary frames to
//! be parsed on request; `USLT` and the `LYRICS` user texts hold plain or
//! LRC text. Other formats have a lyrics field (`LYRICS`,
//! `UNSYNCEDLYRICS`, MP4's `©lyr`, APE's `Lyrics`), plain or LRC.

use std::fs::File;
use std::path::Path;
use std::time::Duration;

use lofty::config::ParseOptions;
use lofty::file::{AudioFile, FileType, TaggedFileExt};
use lofty::id3::v2::{
    Frame, Id3v2Tag, SyncTextContentType, SynchronizedTextFrame, TimestampFormat,
};
use lofty::mpeg::{Layer, MpegVersion};
use lofty::probe::Probe;
use lofty::tag::ItemKey;

use super::{Line, Lyrics};

/// The lyrics in the tags of `path`: synced ones first. A crash in the tag
/// reader is caught, and the file simply has none.
pub fn read(path: &Path) -> Option<Lyrics> {
    crate::guard::isolate(|| read_unguarded(path))
        .ok()
        .flatten()
}

fn read_unguarded(path: &Path) -> Option<Lyrics> {
    let options = ParseOptions::new().read_cover_art(false);
    let probe = Probe::open(path)
        .ok()?
        .options(options)
        .guess_file_type()
        .ok()?;
    match probe.file_type()? {
        FileType::Mpeg => {
            let mpeg =
                lofty::mpeg::MpegFile::read_from(&mut File::open(path).ok()?, options).ok()?;
            let properties = mpeg.properties();
            let frame_length = mpeg_frame_length(
                properties.sample_rate(),
                *properties.version(),
                *properties.layer(),
            );
            from_id3v2(mpeg.id3v2()?, frame_length)
        }
        FileType::Wav => {
            let wav =
                lofty::iff::wav::WavFile::read_from(&mut File::open(path).ok()?, options).ok()?;
            from_id3v2(wav.id3v2()?, None)
        }
        FileType::Aiff => {
            let aiff =
                lofty::iff::aiff::AiffFile::read_from(&mut File::open(path).ok()?, options).ok()?;
            from_id3v2(aiff.id3v2()?, None)
        }
        _ => {
            let tagged = probe.read().ok()?;
            let texts: Vec<String> = tagged
                .tags()
                .iter()
                .flat_map(|tag| {
                    tag.get_strings(ItemKey::Lyrics)
                        .chain(tag.get_strings(ItemKey::UnsyncLyrics))
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect();
            best_of_texts(&texts)
        }
    }
}

/// An ID3v2 tag's lyrics: a `SYLT` frame of lyrics, else `USLT` or a
/// `LYRICS` user text (synced when written as LRC). `frame_length` turns
/// SYLT times counted in MPEG frames into time; without it such a frame is
/// skipped.
pub fn from_id3v2(tag: &Id3v2Tag, frame_length: Option<Duration>) -> Option<Lyrics> {
    let mut sylt: Vec<SynchronizedTextFrame<'static>> = Vec::new();
    for frame in tag {
        if let Frame::Binary(binary) = frame
            && frame.id_str() == "SYLT"
            && let Ok(parsed) = SynchronizedTextFrame::parse(&binary.data, frame.flags())
        {
            sylt.push(parsed);
        }
    }
    // Lyrics before transcriptions and untyped text; chords, events and URLs are not words.
    let rank = |kind: SyncTextContentType| match kind {
        SyncTextContentType::Lyrics => Some(0),
        SyncTextContentType::TextTranscription => Some(1),
        SyncTextContentType::Other => Some(2),
        _ => None,
    };
    sylt.sort_by_key(|f| rank(f.content_type).unwrap_or(u8::MAX));
    for frame in sylt.iter().filter(|f| rank(f.content_type).is_some()) {
        if let Some(lines) = sylt_lines(frame, frame_length) {
            return Some(Lyrics::Synced(lines));
        }
    }
    let mut texts: Vec<String> = tag.unsync_text().map(|f| f.content.to_string()).collect();
    for key in ["LYRICS", "UNSYNCEDLYRICS", "Lyrics"] {
        if let Some(text) = tag.get_user_text(key) {
            texts.push(text.to_string());
        }
    }
    best_of_texts(&texts)
}

/// Synced lyrics from any of `texts` (LRC), else the first plain ones.
fn best_of_texts(texts: &[String]) -> Option<Lyrics> {
    let all: Vec<Lyrics> = texts.iter().filter_map(|t| Lyrics::from_text(t)).collect();
    let synced = all.iter().position(|l| matches!(l, Lyrics::Synced(_)));
    let pick = synced.unwrap_or(0);
    all.into_iter().nth(pick)
}

/// The lines of a SYLT frame. Some taggers store a line per entry, others
/// a syllable per entry with a line break (`\n`) starting each new line:
/// both become lines.
fn sylt_lines(
    frame: &SynchronizedTextFrame<'_>,
    frame_length: Option<Duration>,
) -> Option<Vec<Line>> {
    let to_time = |stamp: u32| -> Option<Duration> {
        match frame.timestamp_format {
            TimestampFormat::MS => Some(Duration::from_millis(u64::from(stamp))),
            TimestampFormat::MPEG => frame_length.map(|f| f * stamp),
        }
    };
    let syllables = frame
        .content
        .iter()
        .skip(1)
        .any(|(_, text)| text.starts_with(['\n', '\r']));
    let mut lines: Vec<Line> = Vec::new();
    for (stamp, text) in &frame.content {
        let start = to_time(*stamp)?;
        let new_line = !syllables || lines.is_empty() || text.starts_with(['\n', '\r']);
        let words = text.trim_start_matches(['\n', '\r']);
        // Syllables carry their own spaces ("Neon ", "high", "way").
        if new_line {
            lines.push(Line {
                start,
                text: words.to_string(),
            });
        } else if let Some(last) = lines.last_mut() {
            last.text.push_str(words);
        }
    }
    for line in &mut lines {
        line.text = line.text.trim().to_string();
    }
    lines.sort_by_key(|l| l.start);
    (!lines.is_empty()).then_some(lines)
}

/// How long one MPEG audio frame lasts: 1,152 samples (Layer II and III of
/// MPEG-1, Layer II of MPEG-2), 576 (Layer III of MPEG-2 and 2.5) or 384 (Layer I).
fn mpeg_frame_length(rate: u32, version: MpegVersion, layer: Layer) -> Option<Duration> {
    let samples: u64 = match (layer, version) {
        (Layer::Layer1, _) => 384,
        (Layer::Layer3, MpegVersion::V2 | MpegVersion::V2_5) => 576,
        _ => 1152,
    };
    (rate > 0).then(|| Duration::from_nanos(samples * 1_000_000_000 / u64::from(rate)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lofty::TextEncoding;
    use lofty::config::WriteOptions;
    use lofty::id3::v2::{BinaryFrame, FrameId, UnsynchronizedTextFrame};
    use lofty::tag::TagExt;
    use std::borrow::Cow;

    fn sylt(
        format: TimestampFormat,
        kind: SyncTextContentType,
        content: &[(u32, &str)],
    ) -> Frame<'static> {
        let frame = SynchronizedTextFrame::new(
            TextEncoding::UTF8,
            *b"eng",
            format,
            kind,
            None,
            content
                .iter()
                .map(|(t, s)| (*t, (*s).to_string()))
                .collect(),
        );
        let bytes = frame
            .as_bytes(WriteOptions::default())
            .expect("encode SYLT");
        Frame::Binary(BinaryFrame::new(
            FrameId::Valid(Cow::Borrowed("SYLT")),
            bytes,
        ))
    }

    fn uslt(text: &str) -> Frame<'static> {
        Frame::UnsynchronizedText(UnsynchronizedTextFrame::new(
            TextEncoding::UTF8,
            *b"eng",
            String::new(),
            text.to_string(),
        ))
    }

    #[test]
    fn sylt_lines_and_syllables_become_lines() {
        let mut tag = Id3v2Tag::new();
        tag.insert(sylt(
            TimestampFormat::MS,
            SyncTextContentType::Chord,
            &[(0, "Am"), (900, "F")],
        ));
        tag.insert(sylt(
            TimestampFormat::MS,
            SyncTextContentType::Lyrics,
            &[
                (1_000, "Neon "),
                (1_400, "high"),
                (1_600, "way"),
                (5_000, "\nDriving "),
                (5_500, "on"),
            ],
        ));
        let Some(Lyrics::Synced(lines)) = from_id3v2(&tag, None) else {
            panic!("synced lyrics expected");
        };
        let got: Vec<(u64, &str)> = lines
            .iter()
            .map(|l| {
                (
                    u64::try_from(l.start.as_millis()).unwrap_or(0),
                    l.text.as_str(),
                )
            })
            .collect();
        assert_eq!(got, vec![(1_000, "Neon highway"), (5_000, "Driving on")]);
    }

    #[test]
    fn sylt_in_mpeg_frames_needs_the_frame_length() {
        let mut tag = Id3v2Tag::new();
        tag.insert(sylt(
            TimestampFormat::MPEG,
            SyncTextContentType::Lyrics,
            &[(100, "One"), (200, "Two")],
        ));
        tag.insert(uslt("Plain words"));
        let frame = mpeg_frame_length(44_100, MpegVersion::V1, Layer::Layer3);
        let Some(Lyrics::Synced(lines)) = from_id3v2(&tag, frame) else {
            panic!("synced");
        };
        // 100 frames of 1,152 samples at 44.1 kHz: 2.612 s.
        assert_eq!(lines[0].start.as_millis(), 2_612);
        assert_eq!(lines[1].start.as_millis(), 5_224);
        // With no frame length the SYLT cannot be placed: USLT's text it is.
        assert_eq!(
            from_id3v2(&tag, None),
            Some(Lyrics::Plain("Plain words".into()))
        );
    }

    #[test]
    fn uslt_in_lrc_is_synced_and_plain_uslt_is_text() {
        let mut tag = Id3v2Tag::new();
        tag.insert(uslt("Verse one\nVerse two"));
        assert_eq!(
            from_id3v2(&tag, None),
            Some(Lyrics::Plain("Verse one\nVerse two".into()))
        );
        let mut tag = Id3v2Tag::new();
        tag.insert(uslt("[00:03.00]Verse one\n[00:07.25]Verse two"));
        let Some(Lyrics::Synced(lines)) = from_id3v2(&tag, None) else {
            panic!("synced");
        };
        assert_eq!(lines[1].start, Duration::from_millis(7_250));
        assert_eq!(from_id3v2(&Id3v2Tag::new(), None), None);
    }

    /// A copy of a demo file, tagged here, read back through [`super::super::for_track`].
    fn demo_copy(name: &str, demo: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("leitmotif-lyrics-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/demo")
            .join(demo);
        let to = dir.join(from.file_name().expect("name"));
        std::fs::copy(&from, &to).expect("copy the demo file");
        to
    }

    #[test]
    fn an_mp3_with_sylt_and_a_flac_with_lrc_lyrics() {
        let mp3 = demo_copy(
            "mp3",
            "Arrival Point (2024)/Arrival Point (Original Motion Picture Soundtrack)/01 Neon Highway.mp3",
        );
        let file = lofty::mpeg::MpegFile::read_from(
            &mut File::open(&mp3).expect("open"),
            ParseOptions::new(),
        )
        .expect("read the demo MP3");
        let mut tag = file.id3v2().cloned().unwrap_or_default();
        tag.insert(sylt(
            TimestampFormat::MS,
            SyncTextContentType::Lyrics,
            &[(500, "Neon highway"), (2_000, "Lights go by")],
        ));
        tag.save_to_path(&mp3, WriteOptions::default())
            .expect("save");
        let lyrics = super::super::for_track(&mp3).expect("lyrics");
        assert_eq!(lyrics.line_at(Duration::from_millis(2_100)), Some(1));

        let flac = demo_copy("flac", "Lanternfall OST/02 Forest of Echoes.flac");
        let mut tagged = lofty::read_from_path(&flac).expect("read the demo FLAC");
        let tag = tagged.primary_tag_mut().expect("a Vorbis comment");
        tag.insert_text(
            ItemKey::Lyrics,
            "[00:01.00]Echoes\n[00:03.00]In the forest".into(),
        );
        tag.save_to_path(&flac, WriteOptions::default())
            .expect("save");
        let Some(Lyrics::Synced(lines)) = super::super::for_track(&flac) else {
            panic!("synced lyrics from LYRICS");
        };
        assert_eq!(lines[1].text, "In the forest");
        for path in [mp3, flac] {
            let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
        }
    }

    #[test]
    fn a_damaged_file_has_no_lyrics_and_no_panic() {
        let dir = std::env::temp_dir().join(format!("leitmotif-lyrics-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let bad = dir.join("bad.mp3");
        // An ID3v2 header that promises more than there is, then noise.
        let mut bytes = b"ID3\x04\x00\x00\x00\x00\x7f\x7fSYLT\x00\x00\x10\x00\x00\x00".to_vec();
        bytes.extend(std::iter::repeat_n(0xffu8, 300));
        std::fs::write(&bad, &bytes).expect("write");
        assert_eq!(read(&bad), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
