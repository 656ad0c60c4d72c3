//! What the names of untagged rips say: folders such as "Composer - Film
//! (2010)", "[2010] Film OST (FLAC)", "Film - Music From The Motion Picture
//! (2010) [320kbps]", "Film (2014) [FLAC 24-96]" with `CD1` or `Disc 2` below
//! them, and files such as "1-01 Title", "01. Artist - Title", "01 - Title".

use std::path::Path;

use super::album_title::{self, AlbumTitle, Marked};

/// What a folder's name says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FolderTitle {
    /// The album as the folder names it.
    pub title: AlbumTitle,
    /// "Composer" of "Composer - Film (2010)": the album's artist.
    pub artist: Option<String>,
}

/// Reads a folder's name: a soundtrack convention wins ("Film - Music From The
/// Motion Picture"); otherwise "Artist - Album" is the rippers' rule.
pub fn folder_title(name: &str) -> FolderTitle {
    let whole = album_title::parse(name);
    if whole.marked == Marked::Strong {
        return FolderTitle {
            title: whole,
            artist: None,
        };
    }
    // "[2010] Artist - Album" or "Artist - Album (2010) [FLAC]".
    let stripped = whole.plain.clone();
    let without_year = stripped
        .strip_prefix('[')
        .and_then(|s| s.split_once(']'))
        .filter(|(y, _)| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .map_or(stripped.as_str(), |(_, rest)| rest.trim());
    if let Some((artist, album)) = without_year.split_once(" - ")
        && !artist.trim().is_empty()
        && !album.trim().is_empty()
        && !artist.trim().bytes().all(|b| b.is_ascii_digit())
    {
        let mut title = album_title::parse(album);
        title.year = title.year.or(whole.year);
        return FolderTitle {
            title,
            artist: Some(artist.trim().to_string()),
        };
    }
    FolderTitle {
        title: whole,
        artist: None,
    }
}

/// The disc a folder's name says: "CD1", "Disc 2", "Disk 03 - The Return".
pub fn disc_folder(name: &str) -> Option<u32> {
    let lower = name.trim().to_lowercase();
    for prefix in ["disc", "disk", "cd"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.trim_start_matches([' ', '_', '-', '.']);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                return digits.parse().ok().filter(|&n| n > 0 && n < 100);
            }
        }
    }
    None
}

/// What a file's name says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileName {
    /// The disc of "1-01 Title".
    pub disc: Option<u32>,
    /// The track number.
    pub track: Option<u32>,
    /// "Artist" of "01. Artist - Title".
    pub artist: Option<String>,
    /// The title without the numbers.
    pub title: String,
}

/// Reads a file's name (without its extension): "1-01 Title" (disc 1, track
/// 1), "01. Artist - Title", "01 - Title", "01 Title", "Track 01", "01".
pub fn file_name(stem: &str) -> FileName {
    let stem = stem.trim();
    let spaced;
    // "01_The_Marsh": underscores for spaces.
    let stem = if !stem.contains(' ') && stem.contains('_') {
        spaced = stem.replace('_', " ");
        spaced.as_str()
    } else {
        stem
    };
    let mut out = FileName {
        title: stem.to_string(),
        ..FileName::default()
    };
    let lead: String = stem.chars().take_while(char::is_ascii_digit).collect();
    let mut rest = &stem[lead.len()..];
    if lead.is_empty() {
        // "Track 01", "Track01".
        let lower = stem.to_ascii_lowercase();
        if let Some(after) = lower.strip_prefix("track") {
            let n: String = after
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !n.is_empty() && after.trim_start().len() == n.len() {
                out.track = n.parse().ok();
                out.title = format!("Track {}", out.track.unwrap_or(0));
            }
        }
        return out;
    }
    // "2001 A Space Odyssey" keeps its year, "101 Opening" its TV cue number.
    if lead.len() > 2 && !rest.starts_with('-') {
        return out;
    }
    // "1-01 Title": disc then track, written against each other.
    if let Some(after) = rest.strip_prefix('-') {
        let track: String = after.chars().take_while(char::is_ascii_digit).collect();
        if (2..=3).contains(&track.len()) && lead.len() <= 2 {
            out.disc = lead.parse().ok();
            out.track = track.parse().ok();
            rest = &after[track.len()..];
        }
    }
    if out.track.is_none() {
        out.track = lead.parse().ok();
    }
    // What separates the number from the title: " ", ". ", " - ", "_", ")".
    let title = rest.trim_start_matches([' ', '.', '-', '_', ')']);
    if title.is_empty() {
        out.title = match (out.disc, out.track) {
            (Some(d), Some(t)) => format!("Disc {d}, track {t}"),
            (_, Some(t)) => format!("Track {t}"),
            _ => stem.to_string(),
        };
        return out;
    }
    // A separator right after the number is needed: "01Title" is a name.
    if rest.len() == title.len() && out.disc.is_none() {
        out.track = None;
        return out;
    }
    // "01. Artist - Title": one " - " splits the performer from the title.
    let parts: Vec<&str> = title.split(" - ").collect();
    if parts.len() == 2 && !parts[0].trim().is_empty() && !parts[1].trim().is_empty() {
        out.artist = Some(parts[0].trim().to_string());
        out.title = parts[1].trim().to_string();
    } else {
        out.title = title.trim().to_string();
    }
    out
}

/// The folders a file sits in, nearest first, without generic ones
/// ("Music", "CD1"): the first names its album.
pub fn telling_folders(path: &Path) -> impl Iterator<Item = String> + '_ {
    path.ancestors()
        .skip(1)
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !super::production::is_generic_folder(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rip_folders() {
        let f = folder_title("Hannah Cole - Fenwater (2010)");
        assert_eq!(
            (
                f.title.production.as_str(),
                f.title.year,
                f.artist.as_deref()
            ),
            ("Fenwater", Some(2010), Some("Hannah Cole"))
        );
        let f = folder_title("[2011] Harrowgate OST (FLAC)");
        assert_eq!(
            (f.title.production.as_str(), f.title.year),
            ("Harrowgate", Some(2011))
        );
        let f = folder_title("Crosstown - Music From The Motion Picture (2012) [320kbps]");
        assert_eq!((f.title.production.as_str(), f.artist), ("Crosstown", None));
        let f = folder_title("Night Ferry (2019) [FLAC 24-96]");
        assert_eq!(
            (f.title.production.as_str(), f.title.year),
            ("Night Ferry", Some(2019))
        );
        let f = folder_title("[2008] Ada Quill - Harrowmere");
        assert_eq!(
            (f.title.production.as_str(), f.artist.as_deref()),
            ("Harrowmere", Some("Ada Quill"))
        );
        assert_eq!(disc_folder("CD2"), Some(2));
        assert_eq!(disc_folder("Disc 1 - The Return"), Some(1));
        assert_eq!(disc_folder("Discography"), None);
    }

    #[test]
    fn rip_file_names() {
        let cases = [
            ("1-01 Night Ferry", Some(1), Some(1), None, "Night Ferry"),
            (
                "2-13 Harbour at Dawn",
                Some(2),
                Some(13),
                None,
                "Harbour at Dawn",
            ),
            (
                "01. The Reeds - Drive All Night",
                None,
                Some(1),
                Some("The Reeds"),
                "Drive All Night",
            ),
            ("01 - Opening", None, Some(1), None, "Opening"),
            ("03 Boss", None, Some(3), None, "Boss"),
            ("01", None, Some(1), None, "Track 1"),
            ("Track 07", None, Some(7), None, "Track 7"),
            ("07_The_Marsh", None, Some(7), None, "The Marsh"),
            (
                "2001 A Space Odyssey",
                None,
                None,
                None,
                "2001 A Space Odyssey",
            ),
            ("101 Opening", None, None, None, "101 Opening"),
            ("Main Title", None, None, None, "Main Title"),
            (
                "01 - Main Title - Reprise - Live",
                None,
                Some(1),
                None,
                "Main Title - Reprise - Live",
            ),
        ];
        for (stem, disc, track, artist, title) in cases {
            let f = file_name(stem);
            assert_eq!(
                (f.disc, f.track, f.artist.as_deref(), f.title.as_str()),
                (disc, track, artist, title),
                "{stem}"
            );
        }
    }
}
