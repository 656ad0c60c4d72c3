//! Score or song: weighing the evidence in a track's tags.
//!
//! None of the signs is proof (see DOMAIN.md), so each one found is written down
//! for the user, and a track with no evidence, or as much for one side as for the
//! other, stays Unknown until the user says.

use serde::{Deserialize, Serialize};

use super::album_title::AlbumKind;
use super::tags::FileTags;
use crate::cue::CueCode;

/// What a track is within its production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Music composed for the production.
    Score,
    /// A song heard in the production.
    Song,
    /// Not enough evidence either way.
    Unknown,
}

impl Category {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Score => "score",
            Category::Song => "song",
            Category::Unknown => "unknown",
        }
    }

    /// The name shown on badges and section headings.
    pub fn label(self) -> &'static str {
        match self {
            Category::Score => "Score",
            Category::Song => "Song",
            Category::Unknown => "Unknown",
        }
    }
}

/// The verdict and the reasons for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// Score, song or unknown.
    pub category: Category,
    /// Each sign found, for example "artist is the composer".
    pub evidence: Vec<String>,
}

const SONG_GENRES: &[&str] = &[
    "pop", "rock", "hip-hop", "hip hop", "rap", "r&b", "soul", "country", "folk", "indie", "punk",
    "metal", "disco", "funk", "dance", "reggae", "blues", "singer", "vocal",
];
const SCORE_GENRES: &[&str] = &[
    "soundtrack",
    "score",
    "classical",
    "orchestral",
    "film score",
    "ambient",
    "cinematic",
];

/// Weighs the signs in `tags` (and what the album title said) into a category.
pub fn classify(
    tags: &FileTags,
    album_kind: Option<AlbumKind>,
    cue: Option<CueCode>,
) -> Classification {
    let mut score = Vec::new();
    let mut song = Vec::new();
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());

    let artist = tags.artists.first().map(String::as_str);
    let composer_is_artist = artist.is_some_and(|a| tags.composers.iter().any(|c| same(a, c)));
    let album_artist_is_artist = match (artist, tags.album_artist.as_deref()) {
        (Some(a), Some(aa)) => same(a, aa),
        _ => false,
    };
    if composer_is_artist {
        score.push("artist is the composer".to_string());
    } else if album_artist_is_artist && !tags.composers.is_empty() {
        score.push("artist is the album artist".to_string());
    }
    if let (Some(a), false) = (artist, tags.composers.is_empty())
        && !composer_is_artist
        && !album_artist_is_artist
    {
        song.push(format!("performer {a} is not the composer"));
    }
    if let Some(code) = cue {
        score.push(format!("title has cue {code}"));
    }
    if tags.has_lyrics {
        song.push("has lyrics".to_string());
    }
    if let Some(lyricist) = &tags.lyricist {
        song.push(format!("lyricist {lyricist}"));
    }
    match tags.language.as_deref() {
        Some("zxx") => score.push("language says no lyrics (zxx)".to_string()),
        Some(lang) if !lang.is_empty() && lang != "und" && lang != "mul" => {
            song.push(format!("sung language {lang}"));
        }
        _ => {}
    }
    if let Some(title) = &tags.title {
        let lower = title.to_lowercase();
        if lower.contains("feat.") || lower.contains("(feat ") || lower.contains(" ft. ") {
            song.push("title names a featured artist".to_string());
        }
        if lower.contains("(from \"") || lower.contains("(from “") {
            song.push("title says (From \"...\")".to_string());
        }
    }
    for genre in &tags.genres {
        let g = genre.to_lowercase();
        if SONG_GENRES.iter().any(|s| g.contains(s)) {
            song.push(format!("genre {genre}"));
        } else if composer_is_artist && SCORE_GENRES.iter().any(|s| g.contains(s)) {
            score.push(format!("genre {genre} with the composer as artist"));
        }
    }
    if tags.release_types.iter().any(|t| t == "vocal") {
        song.push("release type Vocal".to_string());
    }
    match album_kind {
        Some(AlbumKind::Score) => score.push("album is titled as a score".to_string()),
        Some(AlbumKind::Songs) => {
            song.push("album is titled as songs from the production".to_string())
        }
        None => {}
    }

    let category = match score.len().cmp(&song.len()) {
        std::cmp::Ordering::Greater => Category::Score,
        std::cmp::Ordering::Less => Category::Song,
        std::cmp::Ordering::Equal => Category::Unknown,
    };
    let mut evidence: Vec<String> = match category {
        Category::Score => score.iter().map(|e| format!("score: {e}")).collect(),
        Category::Song => song.iter().map(|e| format!("song: {e}")).collect(),
        Category::Unknown => Vec::new(),
    };
    // The weaker side is shown too, so the user sees why a verdict was close.
    let (other, prefix) = match category {
        Category::Score => (&song, "but song"),
        Category::Song => (&score, "but score"),
        Category::Unknown => (&score, "score"),
    };
    evidence.extend(other.iter().map(|e| format!("{prefix}: {e}")));
    if category == Category::Unknown {
        evidence.extend(song.iter().map(|e| format!("song: {e}")));
    }
    Classification { category, evidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> FileTags {
        FileTags::default()
    }

    #[test]
    fn composer_as_artist_with_a_cue_is_score() {
        let t = FileTags {
            title: Some("2M3 The Signal".into()),
            artists: vec!["Mara Lindqvist".into()],
            composers: vec!["Mara Lindqvist".into()],
            ..tags()
        };
        let c = classify(&t, None, CueCode::find_in("2M3 The Signal"));
        assert_eq!(c.category, Category::Score);
        assert!(
            c.evidence
                .contains(&"score: artist is the composer".to_string())
        );
        assert!(c.evidence.contains(&"score: title has cue 2M3".to_string()));
    }

    #[test]
    fn performer_with_lyrics_is_song() {
        let t = FileTags {
            artists: vec!["The Night Ferries".into()],
            composers: vec!["Jonah Reyes".into()],
            album_artist: Some("Various Artists".into()),
            lyricist: Some("Jonah Reyes".into()),
            has_lyrics: true,
            language: Some("eng".into()),
            genres: vec!["Pop".into()],
            ..tags()
        };
        let c = classify(&t, None, None);
        assert_eq!(c.category, Category::Song);
        assert!(
            c.evidence.iter().any(|e| e == "song: has lyrics"),
            "{:?}",
            c.evidence
        );
    }

    #[test]
    fn no_evidence_means_unknown() {
        let c = classify(
            &FileTags {
                title: Some("Track 01".into()),
                ..tags()
            },
            None,
            None,
        );
        assert_eq!(c.category, Category::Unknown);
        assert!(c.evidence.is_empty());
    }

    #[test]
    fn a_tie_stays_unknown_and_shows_both_sides() {
        let t = FileTags {
            has_lyrics: true,
            language: Some("zxx".into()),
            ..tags()
        };
        let c = classify(&t, None, None);
        assert_eq!(c.category, Category::Unknown);
        assert_eq!(c.evidence.len(), 2);
    }
}
