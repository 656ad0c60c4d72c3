//! The commands of a sheet: `FILE`, `TRACK nn AUDIO`, `INDEX 00/01`,
//! `TITLE`, `PERFORMER`, `SONGWRITER`, `ISRC`, `REM DATE/GENRE/COMMENT/
//! COMPOSER/DISCNUMBER/TOTALDISCS/REPLAYGAIN_*`, read leniently (case,
//! missing quotes, unknown commands) with each one's line kept.

use super::Frames;

/// A whole sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    /// The album title.
    pub title: Option<String>,
    /// The album's performer (its artist).
    pub performer: Option<String>,
    /// The album's songwriter (for a score, the composer).
    pub songwriter: Option<String>,
    /// `REM COMPOSER`.
    pub composer: Option<String>,
    /// `REM GENRE`.
    pub genre: Option<String>,
    /// `REM DATE`.
    pub date: Option<String>,
    /// `REM COMMENT`.
    pub comment: Option<String>,
    /// `REM DISCNUMBER`.
    pub disc: Option<u32>,
    /// `REM REPLAYGAIN_ALBUM_GAIN` in dB.
    pub album_gain: Option<f32>,
    /// `REM REPLAYGAIN_ALBUM_PEAK`.
    pub album_peak: Option<f32>,
    /// The files, in order.
    pub files: Vec<SheetFile>,
}

/// One `FILE` and its tracks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetFile {
    /// The name the sheet gives.
    pub name: String,
    /// Its line.
    pub line: usize,
    /// Its tracks, in order.
    pub tracks: Vec<SheetTrack>,
}

/// One `TRACK`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetTrack {
    /// Its number.
    pub number: u32,
    /// The line of `TRACK`.
    pub line: usize,
    /// Whether it is audio (a data track of a mixed-mode CD is not).
    pub audio: bool,
    /// Title.
    pub title: Option<String>,
    /// Performer.
    pub performer: Option<String>,
    /// Songwriter.
    pub songwriter: Option<String>,
    /// `REM COMPOSER`.
    pub composer: Option<String>,
    /// ISRC.
    pub isrc: Option<String>,
    /// `INDEX 01`: where it starts.
    pub start: Option<Frames>,
    /// The line of `INDEX 01`.
    pub start_line: usize,
    /// `REM REPLAYGAIN_TRACK_GAIN` in dB.
    pub gain: Option<f32>,
    /// `REM REPLAYGAIN_TRACK_PEAK`.
    pub peak: Option<f32>,
}

/// What is wrong with a sheet, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    /// The line (from 1).
    pub line: usize,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Sheets larger than this are not CUE sheets.
pub const MAX_LEN: usize = 1 << 20;

/// Reads a sheet. Unknown commands are passed over; a track before any
/// `FILE`, a time that is not one, a track without `INDEX 01` and times that
/// go backwards are errors with their line.
pub fn parse(text: &str) -> Result<Sheet, SheetError> {
    if text.len() > MAX_LEN {
        return Err(SheetError {
            line: 1,
            message: "this is too large to be a CUE sheet".into(),
        });
    }
    let mut sheet = Sheet::default();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let err = |message: String| SheetError { line, message };
        let (command, rest) = split_word(raw.trim_start_matches('\u{feff}').trim());
        let command = command.to_ascii_uppercase();
        let track = sheet.files.last_mut().and_then(|f| f.tracks.last_mut());
        match command.as_str() {
            "" => {}
            "FILE" => {
                let name = file_name(rest);
                if name.is_empty() {
                    return Err(err("FILE names no file".into()));
                }
                sheet.files.push(SheetFile {
                    name,
                    line,
                    tracks: Vec::new(),
                });
            }
            "TRACK" => {
                let (number, kind) = split_word(rest);
                let number: u32 = number
                    .parse()
                    .map_err(|_| err(format!("TRACK {number:?} is not a track number")))?;
                let Some(file) = sheet.files.last_mut() else {
                    return Err(err("a TRACK comes before any FILE".into()));
                };
                file.tracks.push(SheetTrack {
                    number,
                    line,
                    audio: kind.trim().eq_ignore_ascii_case("AUDIO"),
                    ..SheetTrack::default()
                });
            }
            "INDEX" => {
                let (index, time) = split_word(rest);
                let Some(track) = track else {
                    return Err(err("an INDEX comes before any TRACK".into()));
                };
                let at = Frames::parse(time).ok_or_else(|| {
                    err(format!(
                        "INDEX {index} {time:?} is not a time: write minutes:seconds:frames, as 03:25:42"
                    ))
                })?;
                if index.trim_start_matches('0') == "1" {
                    track.start = Some(at);
                    track.start_line = line;
                }
            }
            "TITLE" | "PERFORMER" | "SONGWRITER" | "ISRC" => {
                let value = Some(unquote(rest)).filter(|v| !v.is_empty());
                match (track, command.as_str()) {
                    (Some(t), "TITLE") => t.title = value,
                    (Some(t), "PERFORMER") => t.performer = value,
                    (Some(t), "SONGWRITER") => t.songwriter = value,
                    (Some(t), "ISRC") => t.isrc = value,
                    (None, "TITLE") => sheet.title = value,
                    (None, "PERFORMER") => sheet.performer = value,
                    (None, "SONGWRITER") => sheet.songwriter = value,
                    _ => {}
                }
            }
            "REM" => {
                let (key, value) = split_word(rest);
                let value = unquote(value);
                let number = || value.trim_end_matches(" dB").trim().parse::<f32>().ok();
                match (key.to_ascii_uppercase().as_str(), track) {
                    ("COMPOSER", Some(t)) => t.composer = Some(value).filter(|v| !v.is_empty()),
                    ("COMPOSER", None) => sheet.composer = Some(value).filter(|v| !v.is_empty()),
                    ("REPLAYGAIN_TRACK_GAIN", Some(t)) => t.gain = number(),
                    ("REPLAYGAIN_TRACK_PEAK", Some(t)) => t.peak = number(),
                    ("REPLAYGAIN_ALBUM_GAIN", _) => sheet.album_gain = number(),
                    ("REPLAYGAIN_ALBUM_PEAK", _) => sheet.album_peak = number(),
                    ("GENRE", None) => sheet.genre = Some(value).filter(|v| !v.is_empty()),
                    ("DATE", None) => sheet.date = Some(value).filter(|v| !v.is_empty()),
                    ("COMMENT", None) => sheet.comment = Some(value).filter(|v| !v.is_empty()),
                    ("DISCNUMBER", None) => sheet.disc = value.trim().parse().ok(),
                    _ => {}
                }
            }
            // CATALOG, FLAGS, PREGAP, POSTGAP, CDTEXTFILE and what else writers add.
            _ => {}
        }
    }
    check(&sheet)?;
    Ok(sheet)
}

/// Every audio track has a start, and starts go forwards within a file.
fn check(sheet: &Sheet) -> Result<(), SheetError> {
    if !sheet.files.iter().any(|f| !f.tracks.is_empty()) {
        return Err(SheetError {
            line: sheet.files.first().map_or(1, |f| f.line),
            message: "the sheet lists no TRACK".into(),
        });
    }
    for file in &sheet.files {
        let mut last: Option<(Frames, usize)> = None;
        for track in file.tracks.iter().filter(|t| t.audio) {
            let Some(start) = track.start else {
                return Err(SheetError {
                    line: track.line,
                    message: format!(
                        "TRACK {:02} has no INDEX 01 (where it starts)",
                        track.number
                    ),
                });
            };
            if let Some((before, line)) = last
                && start <= before
            {
                return Err(SheetError {
                    line: track.start_line,
                    message: format!(
                        "TRACK {:02} starts at {}, not after the track before it (line {line})",
                        track.number,
                        start.format()
                    ),
                });
            }
            last = Some((start, track.start_line));
        }
    }
    Ok(())
}

/// The first word and the rest.
fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], text[i..].trim()),
        None => (text, ""),
    }
}

/// A value with or without its quotes.
fn unquote(text: &str) -> String {
    let text = text.trim();
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
        .trim()
        .to_string()
}

/// `FILE "Album.flac" WAVE` or `FILE Album.flac WAVE`: the name.
fn file_name(rest: &str) -> String {
    let rest = rest.trim();
    if let Some(inner) = rest.strip_prefix('"') {
        return match inner.rfind('"') {
            Some(end) => inner[..end].to_string(),
            None => inner.to_string(),
        };
    }
    // Unquoted: the last word is the file type, when there is one.
    match rest.rsplit_once(char::is_whitespace) {
        Some((name, kind))
            if ["WAVE", "MP3", "AIFF", "BINARY", "MOTOROLA", "FLAC"]
                .contains(&kind.to_ascii_uppercase().as_str()) =>
        {
            name.trim().to_string()
        }
        _ => rest.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EAC: &str = "REM GENRE Soundtrack\r
REM DATE 2011\r
REM DISCID 8A0B5C0B\r
REM COMMENT \"ExactAudioCopy v1.6\"\r
REM REPLAYGAIN_ALBUM_GAIN -7.45 dB\r
REM REPLAYGAIN_ALBUM_PEAK 0.988525\r
PERFORMER \"Harrowgate Ensemble\"\r
TITLE \"Harrowgate (Original Score)\"\r
FILE \"Harrowgate.wav\" WAVE\r
  TRACK 01 AUDIO\r
    TITLE \"1M1 Arrival\"\r
    PERFORMER \"Harrowgate Ensemble\"\r
    SONGWRITER \"Ada Quill\"\r
    ISRC GBAYE1100001\r
    REM REPLAYGAIN_TRACK_GAIN -6.20 dB\r
    INDEX 01 00:00:00\r
  TRACK 02 AUDIO\r
    TITLE \"1M2 The Gate\"\r
    FLAGS DCP\r
    INDEX 00 02:10:40\r
    INDEX 01 02:12:00\r
  TRACK 03 AUDIO\r
    TITLE Untitled\r
    INDEX 01 05:00:74\r
";

    #[test]
    fn an_eac_sheet_reads_whole() {
        let sheet = parse(EAC).expect("a good sheet");
        assert_eq!(sheet.title.as_deref(), Some("Harrowgate (Original Score)"));
        assert_eq!(sheet.performer.as_deref(), Some("Harrowgate Ensemble"));
        assert_eq!(sheet.genre.as_deref(), Some("Soundtrack"));
        assert_eq!(sheet.date.as_deref(), Some("2011"));
        assert_eq!(sheet.album_gain, Some(-7.45));
        assert_eq!(sheet.files.len(), 1);
        let file = &sheet.files[0];
        assert_eq!((file.name.as_str(), file.line), ("Harrowgate.wav", 9));
        let t = &file.tracks;
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].songwriter.as_deref(), Some("Ada Quill"));
        assert_eq!(t[0].isrc.as_deref(), Some("GBAYE1100001"));
        assert_eq!(t[0].gain, Some(-6.2));
        assert_eq!(t[1].start, Some(Frames((2 * 60 + 12) * 75)));
        assert_eq!(t[2].title.as_deref(), Some("Untitled"));
        assert_eq!(t[2].start.map(Frames::format).as_deref(), Some("05:00:74"));
    }

    #[test]
    fn broken_sheets_say_the_line() {
        for (text, line, what) in [
            ("TRACK 01 AUDIO\nINDEX 01 00:00:00\n", 1, "before any FILE"),
            (
                "FILE a.wav WAVE\nTRACK 01 AUDIO\nTITLE x\n",
                2,
                "no INDEX 01",
            ),
            (
                "FILE a.wav WAVE\nTRACK 01 AUDIO\nINDEX 01 0:61:00\n",
                3,
                "not a time",
            ),
            (
                "FILE a.wav WAVE\nTRACK 01 AUDIO\nINDEX 01 01:00:00\nTRACK 02 AUDIO\nINDEX 01 00:30:00\n",
                5,
                "not after",
            ),
            ("REM just a comment\n", 1, "no TRACK"),
            (
                "FILE a.wav WAVE\nTRACK one AUDIO\n",
                2,
                "not a track number",
            ),
        ] {
            let e = parse(text).expect_err(what);
            assert_eq!(e.line, line, "{what}: {e}");
            assert!(e.message.contains(what), "{what}: {e}");
        }
    }

    #[test]
    fn files_unquoted_and_several() {
        let sheet = parse(
            "file Disc 1.flac WAVE\ntrack 1 audio\nindex 1 00:00:00\nFILE \"Disc 2.flac\"\nTRACK 2 AUDIO\nINDEX 01 00:00:00\n",
        )
        .expect("lenient");
        let names: Vec<&str> = sheet.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Disc 1.flac", "Disc 2.flac"]);
        assert_eq!(sheet.files[0].tracks[0].start, Some(Frames(0)));
    }
}
