//! Reading one file's tags with lofty into plain Rust values.
//!
//! The generic `lofty::tag::Tag` covers most fields. Keys it does not map (for
//! example a `TXXX:DESCRIPTION` frame in an MP3) are read through the concrete
//! ID3v2 type, so what a tagger wrote is not lost.

use std::fs::File;
use std::path::Path;
use std::time::Duration;

use lofty::config::ParseOptions;
use lofty::file::{AudioFile, FileType, TaggedFile, TaggedFileExt};
use lofty::id3::v2::Id3v2Tag;
use lofty::mpeg::MpegFile;
use lofty::probe::Probe;
use lofty::tag::{Accessor, ItemKey, Tag};

/// Everything Leitmotif reads from one file's tags and stream properties.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileTags {
    /// The track title.
    pub title: Option<String>,
    /// Track artists, in tag order.
    pub artists: Vec<String>,
    /// The album title as tagged.
    pub album: Option<String>,
    /// The album artist.
    pub album_artist: Option<String>,
    /// Composers, in tag order.
    pub composers: Vec<String>,
    /// The lyricist.
    pub lyricist: Option<String>,
    /// Genres, in tag order.
    pub genres: Vec<String>,
    /// Track number on its disc.
    pub track_number: Option<u32>,
    /// Disc number.
    pub disc_number: Option<u32>,
    /// Release year.
    pub year: Option<u32>,
    /// Grouping (content group).
    pub grouping: Option<String>,
    /// Work title.
    pub work: Option<String>,
    /// Movement name.
    pub movement: Option<String>,
    /// Comment.
    pub comment: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether lyrics are present (their text is not kept).
    pub has_lyrics: bool,
    /// Language code, such as `eng` or `zxx` (no lyrics).
    pub language: Option<String>,
    /// Release types, lower case and split: `album; soundtrack` gives two.
    pub release_types: Vec<String>,
    /// ReplayGain for the track, in dB.
    pub replaygain_track_db: Option<f32>,
    /// ReplayGain track peak (1.0 is full scale).
    pub replaygain_track_peak: Option<f32>,
    /// ReplayGain for the album, in dB.
    pub replaygain_album_db: Option<f32>,
    /// ReplayGain album peak.
    pub replaygain_album_peak: Option<f32>,
    /// Length of the audio.
    pub duration: Duration,
    /// What the content probe found, such as "FLAC" or "MPEG".
    pub format: String,
    /// Whether the playback decoder handles this format.
    pub playable: bool,
    /// The disc's own title (TSST, DISCSUBTITLE): "The Return".
    pub disc_subtitle: Option<String>,
    /// Whether the tags came from ID3v1 alone, which cuts every field at 30
    /// characters (the folder may give the whole title back).
    pub id3v1: bool,
    /// A CUE sheet carried in the file (a `CUESHEET` comment, or the FLAC
    /// CUESHEET block written out as a sheet): the file is a CD image.
    pub cuesheet: Option<String>,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadError {}

/// The largest tag item (a cover picture, say) read, in bytes.
pub const MAX_TAG_ITEM: usize = 128 * 1024 * 1024;

/// Reads the tags and properties of the audio file at `path`, recognising the
/// format by its content rather than its extension. A crash inside the tag
/// reader (lofty panics on some damaged Opus headers) is this file's problem,
/// not the scan's.
pub fn read(path: &Path) -> Result<FileTags, ReadError> {
    crate::guard::isolate(|| read_unguarded(path)).unwrap_or_else(|reason| {
        Err(ReadError(format!(
            "the tag reader crashed on this file ({reason}); it may be damaged"
        )))
    })
}

fn read_unguarded(path: &Path) -> Result<FileTags, ReadError> {
    static LIMITS: std::sync::Once = std::sync::Once::new();
    LIMITS.call_once(|| {
        // lofty refuses any tag item over 16 MB; cover pictures of tens of MB
        // exist, so allow up to 128 MB (an item is read, then dropped).
        lofty::config::apply_global_options(
            lofty::config::GlobalOptions::new().allocation_limit(MAX_TAG_ITEM),
        );
    });
    let options = ParseOptions::new().read_cover_art(false);
    let probe = Probe::open(path)
        .map_err(|e| ReadError(format!("cannot open: {e}")))?
        .options(options)
        .guess_file_type()
        .map_err(|e| ReadError(format!("cannot read: {e}")))?;
    let Some(file_type) = probe.file_type() else {
        return Err(ReadError(
            "not an audio file: its content matches no known audio format".into(),
        ));
    };
    if file_type == FileType::Mpeg {
        return read_mpeg(path, options);
    }
    if file_type == FileType::Flac {
        return read_flac(path, options);
    }
    let tagged = probe
        .read()
        .map_err(|e| ReadError(format!("damaged {} file: {e}", format_name(file_type))))?;
    Ok(from_tagged(&tagged, file_type))
}

/// FLAC files are read as `FlacFile` so that a `CUESHEET` comment (an image's
/// sheet, as foobar2000 and CUETools keep it) stays reachable.
fn read_flac(path: &Path, options: ParseOptions) -> Result<FileTags, ReadError> {
    let mut file = File::open(path).map_err(|e| ReadError(format!("cannot open: {e}")))?;
    let flac = lofty::flac::FlacFile::read_from(&mut file, options)
        .map_err(|e| ReadError(format!("damaged FLAC file: {e}")))?;
    let mut tags = FileTags::default();
    if let Some(comments) = flac.vorbis_comments() {
        tags.cuesheet = comments
            .get("CUESHEET")
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty());
        let generic: Tag = comments.clone().into();
        fill_from_tag(&mut tags, &generic);
    } else if let Some(id3) = flac.id3v2() {
        let generic: Tag = id3.clone().into();
        fill_from_tag(&mut tags, &generic);
    }
    if tags.cuesheet.is_none() {
        tags.cuesheet = flac_cuesheet_block(path);
    }
    tags.duration = flac.properties().duration();
    tags.format = format_name(FileType::Flac).to_string();
    tags.playable = true;
    Ok(tags)
}

/// The FLAC CUESHEET metadata block (`metaflac --import-cuesheet-from`),
/// written out as a sheet. The block headers are read first (a few bytes
/// each) so that symphonia opens only the files that have one.
fn flac_cuesheet_block(path: &Path) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = File::open(path).ok()?;
    let mut magic = [0u8; 4];
    file.read_exact(&mut magic).ok()?;
    // An ID3v2 tag before the FLAC stream: lofty reads those; skip it here.
    if &magic != b"fLaC" {
        return None;
    }
    let mut found = false;
    for _ in 0..64 {
        let mut header = [0u8; 4];
        file.read_exact(&mut header).ok()?;
        let kind = header[0] & 0x7f;
        let len = u32::from_be_bytes([0, header[1], header[2], header[3]]);
        if kind == 5 {
            found = true;
            break;
        }
        if header[0] & 0x80 != 0 {
            break;
        }
        let _ = file.seek(SeekFrom::Current(i64::from(len))).ok()?;
    }
    if !found {
        return None;
    }
    use symphonia::core::formats::FormatReader;
    let source = symphonia::core::io::MediaSourceStream::new(
        Box::new(File::open(path).ok()?),
        symphonia::core::io::MediaSourceStreamOptions::default(),
    );
    let reader = symphonia::default::formats::FlacReader::try_new(
        source,
        &symphonia::core::formats::FormatOptions::default(),
    )
    .ok()?;
    let rate = reader.default_track()?.codec_params.sample_rate?;
    let mut text = String::from("FILE \"image.flac\" WAVE\n");
    for cue in reader.cues() {
        // The lead-out (170 on a CD) ends the last track; it is not one.
        if cue.index == 0 || cue.index >= 170 {
            continue;
        }
        let frames = cue.start_ts.saturating_mul(75) / u64::from(rate.max(1));
        text.push_str(&format!(
            "  TRACK {:02} AUDIO\n    INDEX 01 {}\n",
            cue.index,
            crate::cuesheet::Frames(frames).format()
        ));
    }
    text.contains("TRACK").then_some(text)
}

/// MP3 files are read as `MpegFile` so that unmapped ID3v2 frames stay reachable.
fn read_mpeg(path: &Path, options: ParseOptions) -> Result<FileTags, ReadError> {
    let mut file = File::open(path).map_err(|e| ReadError(format!("cannot open: {e}")))?;
    let mpeg = MpegFile::read_from(&mut file, options)
        .map_err(|e| ReadError(format!("damaged MP3 file: {e}")))?;
    let duration = mpeg.properties().duration();
    let mut tags = FileTags::default();
    if let Some(id3) = mpeg.id3v2() {
        let extras = Id3Extras::from(id3);
        let generic: Tag = id3.clone().into();
        fill_from_tag(&mut tags, &generic);
        extras.apply(&mut tags);
    } else if let Some(tag) = mpeg.id3v1() {
        let generic: Tag = tag.clone().into();
        fill_from_tag(&mut tags, &generic);
        tags.id3v1 = true;
    }
    tags.duration = duration;
    tags.format = format_name(FileType::Mpeg).to_string();
    tags.playable = true;
    Ok(tags)
}

/// Fields that ID3v2 keeps in user-defined (TXXX) frames lofty does not map.
struct Id3Extras {
    description: Option<String>,
    lyrics: bool,
    release_type: Option<String>,
}

impl From<&Id3v2Tag> for Id3Extras {
    fn from(id3: &Id3v2Tag) -> Self {
        let text = |key: &str| id3.get_user_text(key).map(str::to_string);
        Self {
            description: text("DESCRIPTION").or_else(|| text("Description")),
            // lofty keeps USLT (and SYLT) frames in the ID3v2 tag and does not
            // carry them into the generic tag's Lyrics: look for them here.
            lyrics: text("LYRICS").is_some()
                || text("UNSYNCEDLYRICS").is_some()
                || id3.unsync_text().any(|f| !f.content.trim().is_empty())
                || id3.into_iter().any(|f| f.id_str() == "SYLT"),
            release_type: text("RELEASETYPE").or_else(|| text("MusicBrainz Release Type")),
        }
    }
}

impl Id3Extras {
    fn apply(self, tags: &mut FileTags) {
        if tags.description.is_none() {
            tags.description = self.description;
        }
        tags.has_lyrics |= self.lyrics;
        if tags.release_types.is_empty()
            && let Some(types) = self.release_type
        {
            tags.release_types = split_release_types([types.as_str()]);
        }
    }
}

fn from_tagged(tagged: &TaggedFile, file_type: FileType) -> FileTags {
    let mut tags = FileTags::default();
    if let Some(tag) = tagged.primary_tag().or_else(|| tagged.first_tag()) {
        fill_from_tag(&mut tags, tag);
    }
    tags.duration = tagged.properties().duration();
    tags.format = format_name(file_type).to_string();
    tags.playable = is_playable(file_type);
    tags
}

fn fill_from_tag(tags: &mut FileTags, tag: &Tag) {
    let one = |key: ItemKey| {
        tag.get_string(key)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let many = |key: ItemKey| {
        tag.get_strings(key)
            .flat_map(split_values)
            .collect::<Vec<String>>()
    };
    tags.title = tag
        .title()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    tags.artists = many(ItemKey::TrackArtist);
    tags.album = tag
        .album()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    tags.album_artist = one(ItemKey::AlbumArtist);
    tags.composers = many(ItemKey::Composer);
    tags.lyricist = one(ItemKey::Lyricist);
    tags.genres = many(ItemKey::Genre);
    tags.track_number = tag.track();
    tags.disc_number = tag.disk();
    tags.year = one(ItemKey::Year)
        .or_else(|| one(ItemKey::RecordingDate))
        .or_else(|| one(ItemKey::ReleaseDate))
        .and_then(|d| parse_year(&d));
    tags.grouping = one(ItemKey::ContentGroup);
    tags.work = one(ItemKey::Work);
    tags.movement = one(ItemKey::Movement);
    tags.comment = comment_of(tag);
    tags.disc_subtitle = one(ItemKey::SetSubtitle);
    tags.description = one(ItemKey::Description);
    tags.has_lyrics = one(ItemKey::Lyrics).is_some();
    tags.language = one(ItemKey::Language).map(|l| l.to_lowercase());
    tags.release_types = split_release_types(tag.get_strings(ItemKey::MusicBrainzReleaseType));
    let number = |key: ItemKey| tag.get_string(key).and_then(parse_number);
    tags.replaygain_track_db = number(ItemKey::ReplayGainTrackGain);
    tags.replaygain_track_peak = number(ItemKey::ReplayGainTrackPeak);
    tags.replaygain_album_db = number(ItemKey::ReplayGainAlbumGain);
    tags.replaygain_album_peak = number(ItemKey::ReplayGainAlbumPeak);
}

/// The comment a person wrote: COMM frames (ID3v2.3 and 2.4 alike) with an
/// empty or plain description first; iTunes' data frames (iTunNORM, iTunSMPB)
/// and store or ripper stamps ("Amazon.com Song ID: …", a bare URL) are no
/// comment.
fn comment_of(tag: &Tag) -> Option<String> {
    let junk_description = |d: &str| {
        let d = d.to_ascii_lowercase();
        d.starts_with("itun") || d.starts_with("songs-db") || d.starts_with("musicmatch")
    };
    let mut best: Option<(u8, String)> = None;
    for item in tag.get_items(ItemKey::Comment) {
        let Some(text) = item.value().text().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        if junk_description(item.description()) || is_stamp(text) {
            continue;
        }
        let rank = u8::from(!item.description().is_empty());
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, text.to_string()));
        }
    }
    best.map(|(_, text)| text)
}

/// A comment that a store, a ripper or a tagger stamped on every file.
pub fn is_stamp(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let lower = lower.trim();
    [
        "amazon.com song id",
        "visit http",
        "visit www",
        "purchased",
        "ripped by",
        "rip by",
        "exactaudiocopy",
        "exact audio copy",
        "eac ",
        "encoded by",
        "created by grip",
        "itunes",
        "cddb",
        "freedb",
        "lame",
        "www.",
        "http://",
        "https://",
    ]
    .iter()
    .any(|s| lower.starts_with(s))
        || lower
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c.is_whitespace())
            && lower.len() > 8
        || lower.ends_with(".bandcamp.com")
}

/// A number from text such as "-6.50 dB" or "0.988".
fn parse_number(text: &str) -> Option<f32> {
    let cleaned = text
        .trim()
        .trim_end_matches("dB")
        .trim_end_matches("db")
        .trim();
    cleaned
        .replace('\u{2212}', "-")
        .parse()
        .ok()
        .filter(|v: &f32| v.is_finite())
}

/// Splits multi-valued text written into one field (`a; b`, `a / b`, NUL-separated).
fn split_values(value: &str) -> Vec<String> {
    value
        .split(['\0', ';'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

/// Release types come as `album; soundtrack`, `Album/Soundtrack` or one per value.
pub fn split_release_types<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        for part in value.split(['\0', ';', '/', ',']) {
            let part = part.trim().to_lowercase();
            if !part.is_empty() && !out.contains(&part) {
                out.push(part);
            }
        }
    }
    out
}

/// The year of a date tag: `2024`, `2024-05-01`, `2024/05`.
fn parse_year(date: &str) -> Option<u32> {
    let digits: String = date.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        digits.parse().ok()
    } else {
        None
    }
}

/// Whether rodio (through symphonia) can decode this format in this build.
pub fn is_playable(file_type: FileType) -> bool {
    matches!(
        file_type,
        FileType::Mpeg
            | FileType::Flac
            | FileType::Vorbis
            | FileType::Wav
            | FileType::Aiff
            | FileType::Mp4
            | FileType::Aac
    )
}

/// A short name for a format, for messages and the JSON output.
pub fn format_name(file_type: FileType) -> &'static str {
    match file_type {
        FileType::Mpeg => "MP3",
        FileType::Flac => "FLAC",
        FileType::Vorbis => "Ogg Vorbis",
        FileType::Opus => "Opus",
        FileType::Speex => "Speex",
        FileType::Wav => "WAV",
        FileType::Aiff => "AIFF",
        FileType::Mp4 => "MP4/M4A",
        FileType::Aac => "AAC",
        FileType::Ape => "Monkey's Audio",
        FileType::WavPack => "WavPack",
        FileType::Mpc => "Musepack",
        _ => "audio",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_types_are_split_and_lower_cased() {
        assert_eq!(
            split_release_types(["Album; Soundtrack", "compilation", "album/live"]),
            vec!["album", "soundtrack", "compilation", "live"]
        );
    }

    #[test]
    fn replaygain_values_parse() {
        assert_eq!(parse_number("-6.50 dB"), Some(-6.5));
        assert_eq!(parse_number("+2.1 dB"), Some(2.1));
        assert_eq!(parse_number("0.988"), Some(0.988));
        assert_eq!(parse_number("loud"), None);
    }

    #[test]
    fn year_comes_from_any_date_shape() {
        assert_eq!(parse_year("2024-05-01"), Some(2024));
        assert_eq!(parse_year("1999"), Some(1999));
        assert_eq!(parse_year("May 1999"), None);
    }
}
