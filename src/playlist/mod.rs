//! Playlists: M3U and M3U8 (with `#EXTINF`), PLS and XSPF read into the
//! files they name, and the queue written as M3U8 with paths relative to the
//! playlist.
//!
//! A playlist is text another program (or another computer) wrote: each
//! entry that does not name a file here is reported with its line (or its
//! XSPF track number) and the rest is kept. Reading a format is one file
//! each (`m3u`, `pls`, `xspf`); finding the file an entry means is
//! `location`'s, whatever the format.

pub mod location;
pub mod m3u;
pub mod pls;
pub mod write;
pub mod xspf;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use write::write_m3u8;

/// What a playlist gave: the files found, in order, and what was not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Playlist {
    /// The entries that name a file (or a track of a CD image) here.
    pub entries: Vec<Entry>,
    /// The entries that do not, and lines that are not entries at all.
    pub problems: Vec<Problem>,
}

/// One track of a playlist.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file, absolute.
    pub path: PathBuf,
    /// The title the playlist gives (`#EXTINF`, `TitleN`, `<title>`).
    pub title: Option<String>,
    /// The length the playlist gives.
    pub duration: Option<Duration>,
}

impl Entry {
    /// An entry with only its file.
    pub fn new(path: impl Into<PathBuf>) -> Entry {
        Entry {
            path: path.into(),
            title: None,
            duration: None,
        }
    }
}

/// Where in a playlist something is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A line of the file, from 1.
    Line(usize),
    /// The n-th `<track>` of an XSPF playlist, from 1.
    Track(usize),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Track(n) => write!(f, "track {n}"),
        }
    }
}

/// An entry left out, or a line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub place: Place,
    /// What the playlist says there.
    pub text: String,
    /// Why it was left out, in words a user can act on.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} ({})", self.place, self.reason, self.text)
    }
}

/// The kinds of playlist read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// M3U and M3U8 (M3U8 is M3U in UTF-8; both may carry `#EXTINF`).
    M3u,
    /// PLS (Winamp, Shoutcast): an INI file of `FileN=`.
    Pls,
    /// XSPF: the XML Shareable Playlist Format (VLC, Audacious).
    Xspf,
}

impl Format {
    /// The format a file's extension says.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "m3u" | "m3u8" => Some(Format::M3u),
            "pls" => Some(Format::Pls),
            "xspf" => Some(Format::Xspf),
            _ => None,
        }
    }

    /// The format the text looks like, for files with no telling extension.
    pub fn sniff(text: &str) -> Option<Format> {
        let start = text.trim_start();
        let lower = start.get(..start.len().min(64))?.to_ascii_lowercase();
        if lower.starts_with("#extm3u") {
            Some(Format::M3u)
        } else if lower.starts_with("[playlist]") {
            Some(Format::Pls)
        } else if (lower.starts_with("<?xml") || lower.starts_with("<playlist"))
            && text.contains("xspf.org")
        {
            Some(Format::Xspf)
        } else {
            None
        }
    }
}

/// Whether `path` is named as a playlist (for the window's open and drop).
pub fn is_playlist(path: &Path) -> bool {
    Format::from_path(path).is_some()
}

/// The largest playlist read: a file larger than this is not one.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Reads the playlist at `path`: its entries, resolved against its folder,
/// and what could not be used. An error only when the file itself cannot be
/// read or is no playlist.
pub fn read(path: &Path) -> Result<Playlist, String> {
    let shown = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot open the playlist {shown}: {e}"))?
        .len();
    if size > MAX_BYTES {
        return Err(format!(
            "{shown} is {} MB: too large to be a playlist (at most {} MB are read)",
            size / 1_000_000,
            MAX_BYTES / 1_000_000
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read the playlist {shown}: {e}"))?;
    // Old M3U and PLS files are in the writer's Windows code page (CP1252 in
    // the West), not UTF-8: decoded as CUE sheets are.
    let (text, _) = crate::cuesheet::decode(&bytes);
    let format = Format::from_path(path)
        .or_else(|| Format::sniff(&text))
        .ok_or_else(|| {
            format!("{shown} is not a playlist Leitmotif reads (M3U, M3U8, PLS or XSPF)")
        })?;
    let base = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let base = std::path::absolute(&base).unwrap_or(base);
    crate::guard::isolate(|| parse(&text, format, &base)).map_err(|reason| {
        format!("the playlist reader crashed on {shown} ({reason}); it may be damaged")
    })
}

/// Reads playlist text of a known format; relative entries are taken from `base`.
pub fn parse(text: &str, format: Format, base: &Path) -> Playlist {
    let (raw, mut problems) = match format {
        Format::M3u => (m3u::parse(text), Vec::new()),
        Format::Pls => pls::parse(text),
        Format::Xspf => xspf::parse(text),
    };
    let mut entries = Vec::with_capacity(raw.len());
    for item in raw {
        match location::resolve_any(&item.locations, base, item.kind) {
            Ok(path) => entries.push(Entry {
                path,
                title: item.title,
                duration: item.duration,
            }),
            Err(reason) => problems.push(Problem {
                place: item.place,
                text: item.locations.join(" | "),
                reason,
            }),
        }
    }
    problems.sort_by_key(|p| match p.place {
        Place::Line(n) | Place::Track(n) => n,
    });
    Playlist { entries, problems }
}

/// An entry as a format reader found it, before its file is looked for.
#[derive(Debug, Clone, PartialEq)]
pub struct RawEntry {
    /// Where it is, for a problem.
    pub place: Place,
    /// Where the file is, as written; XSPF may give several, tried in order.
    pub locations: Vec<String>,
    /// How the locations are written.
    pub kind: location::Kind,
    /// The title given with it.
    pub title: Option<String>,
    /// The length given with it.
    pub duration: Option<Duration>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_extension_or_the_text() {
        assert_eq!(Format::from_path(Path::new("a.M3U8")), Some(Format::M3u));
        assert_eq!(Format::from_path(Path::new("a.pls")), Some(Format::Pls));
        assert_eq!(Format::from_path(Path::new("a.xspf")), Some(Format::Xspf));
        assert_eq!(Format::from_path(Path::new("a.flac")), None);
        assert_eq!(Format::sniff("\n#EXTM3U\na.mp3"), Some(Format::M3u));
        assert_eq!(Format::sniff("[Playlist]\nFile1=a"), Some(Format::Pls));
        assert_eq!(
            Format::sniff("<?xml version=\"1.0\"?><playlist xmlns=\"http://xspf.org/ns/0/\">"),
            Some(Format::Xspf)
        );
        assert_eq!(Format::sniff("<?xml version=\"1.0\"?><svg/>"), None);
        assert_eq!(Format::sniff("just text"), None);
    }

    #[test]
    fn a_file_that_is_no_playlist_is_an_error_that_says_so() {
        let dir = std::env::temp_dir().join(format!("leitmotif-pl-none-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let odd = dir.join("notes.txt");
        std::fs::write(&odd, "hello").expect("write");
        let err = read(&odd).expect_err("not a playlist");
        assert!(err.contains("not a playlist"), "{err}");
        let err = read(&dir.join("gone.m3u")).expect_err("missing");
        assert!(err.contains("cannot open the playlist"), "{err}");
        let _ = std::fs::remove_dir_all(dir);
    }
}
