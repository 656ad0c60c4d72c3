//! Score or song: weighing the evidence in a track's tags.
//!
//! None of the signs is proof (see DOMAIN.md), so each one found is written down
//! for the user, and a track with no evidence, or as much for one side as for the
//! other, stays Unknown until the user says.

use serde::{Deserialize, Serialize};

use super::album_title::AlbumKind;
use super::tags::FileTags;
use super::text::Words;
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
    /// Each sign found, for example "score: artist is the composer".
    pub evidence: Vec<String>,
}

const SONG_GENRES: Words<19> = Words::new([
    "pop", "rock", "hip-hop", "hip hop", "rap", "r&b", "soul", "country", "folk", "indie", "punk",
    "metal", "disco", "funk", "dance", "reggae", "blues", "singer", "vocal",
]);
const SCORE_GENRES: Words<7> = Words::new([
    "soundtrack",
    "score",
    "classical",
    "orchestral",
    "film score",
    "ambient",
    "cinematic",
]);
const FEATURING: Words<3> = Words::new(["feat.", "(feat ", " ft. "]);
const FROM_PRODUCTION: Words<2> = Words::new(["(from \"", "(from “"]);

/// One sign found in a track's tags, pointing to score or to song.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign<'a> {
    ArtistIsComposer,
    ArtistIsAlbumArtist,
    PerformerNotComposer(&'a str),
    TitleHasCue(CueCode),
    HasLyrics,
    Lyricist(&'a str),
    NoLyricsLanguage,
    SungLanguage(&'a str),
    FeaturedArtist,
    FromProduction,
    SongGenre(&'a str),
    ScoreGenre(&'a str),
    VocalRelease,
    ScoreAlbum,
    SongsAlbum,
}

impl Sign<'_> {
    /// The side the sign is on.
    fn side(self) -> Category {
        match self {
            Sign::ArtistIsComposer
            | Sign::ArtistIsAlbumArtist
            | Sign::TitleHasCue(_)
            | Sign::NoLyricsLanguage
            | Sign::ScoreGenre(_)
            | Sign::ScoreAlbum => Category::Score,
            _ => Category::Song,
        }
    }
}

impl std::fmt::Display for Sign<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Sign::ArtistIsComposer => f.write_str("artist is the composer"),
            Sign::ArtistIsAlbumArtist => f.write_str("artist is the album artist"),
            Sign::PerformerNotComposer(a) => write!(f, "performer {a} is not the composer"),
            Sign::TitleHasCue(code) => write!(f, "title has cue {code}"),
            Sign::HasLyrics => f.write_str("has lyrics"),
            Sign::Lyricist(l) => write!(f, "lyricist {l}"),
            Sign::NoLyricsLanguage => f.write_str("language says no lyrics (zxx)"),
            Sign::SungLanguage(l) => write!(f, "sung language {l}"),
            Sign::FeaturedArtist => f.write_str("title names a featured artist"),
            Sign::FromProduction => f.write_str("title says (From \"...\")"),
            Sign::SongGenre(g) => write!(f, "genre {g}"),
            Sign::ScoreGenre(g) => write!(f, "genre {g} with the composer as artist"),
            Sign::VocalRelease => f.write_str("release type Vocal"),
            Sign::ScoreAlbum => f.write_str("album is titled as a score"),
            Sign::SongsAlbum => f.write_str("album is titled as songs from the production"),
        }
    }
}

/// Calls `found` with each sign in `tags` (and in what the album title said).
fn signs<'a>(
    tags: &'a FileTags,
    album_kind: Option<AlbumKind>,
    cue: Option<CueCode>,
    mut found: impl FnMut(Sign<'a>),
) {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let artist = tags.artists.first().map(String::as_str);
    let composer_is_artist = artist.is_some_and(|a| tags.composers.iter().any(|c| same(a, c)));
    let album_artist_is_artist = match (artist, tags.album_artist.as_deref()) {
        (Some(a), Some(aa)) => same(a, aa),
        _ => false,
    };
    if composer_is_artist {
        found(Sign::ArtistIsComposer);
    } else if album_artist_is_artist && !tags.composers.is_empty() {
        found(Sign::ArtistIsAlbumArtist);
    }
    if let (Some(a), false) = (artist, tags.composers.is_empty())
        && !composer_is_artist
        && !album_artist_is_artist
    {
        found(Sign::PerformerNotComposer(a));
    }
    if let Some(code) = cue {
        found(Sign::TitleHasCue(code));
    }
    if tags.has_lyrics {
        found(Sign::HasLyrics);
    }
    if let Some(lyricist) = &tags.lyricist {
        found(Sign::Lyricist(lyricist));
    }
    match tags.language.as_deref() {
        Some("zxx") => found(Sign::NoLyricsLanguage),
        Some(lang) if !lang.is_empty() && lang != "und" && lang != "mul" => {
            found(Sign::SungLanguage(lang));
        }
        _ => {}
    }
    if let Some(title) = &tags.title {
        if FEATURING.any_in(title) {
            found(Sign::FeaturedArtist);
        }
        if FROM_PRODUCTION.any_in(title) {
            found(Sign::FromProduction);
        }
    }
    for genre in &tags.genres {
        if SONG_GENRES.any_in(genre) {
            found(Sign::SongGenre(genre));
        } else if composer_is_artist && SCORE_GENRES.any_in(genre) {
            found(Sign::ScoreGenre(genre));
        }
    }
    if tags.release_types.iter().any(|t| t == "vocal") {
        found(Sign::VocalRelease);
    }
    match album_kind {
        Some(AlbumKind::Score) => found(Sign::ScoreAlbum),
        Some(AlbumKind::Songs) => found(Sign::SongsAlbum),
        None => {}
    }
}

/// The side with more signs; a tie (or none) is Unknown.
fn weigh(score: usize, song: usize) -> Category {
    match score.cmp(&song) {
        std::cmp::Ordering::Greater => Category::Score,
        std::cmp::Ordering::Less => Category::Song,
        std::cmp::Ordering::Equal => Category::Unknown,
    }
}

/// The category the signs in `tags` point to, without writing the reasons
/// down (done for every track at each load; [`classify`] says why).
pub fn verdict(tags: &FileTags, album_kind: Option<AlbumKind>, cue: Option<CueCode>) -> Category {
    let (mut score, mut song) = (0, 0);
    signs(tags, album_kind, cue, |sign| match sign.side() {
        Category::Score => score += 1,
        _ => song += 1,
    });
    weigh(score, song)
}

/// Weighs the signs in `tags` (and what the album title said) into a category,
/// with each reason written for the user.
pub fn classify(
    tags: &FileTags,
    album_kind: Option<AlbumKind>,
    cue: Option<CueCode>,
) -> Classification {
    let mut score = Vec::new();
    let mut song = Vec::new();
    signs(tags, album_kind, cue, |sign| match sign.side() {
        Category::Score => score.push(sign),
        _ => song.push(sign),
    });
    let category = weigh(score.len(), song.len());
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

    #[test]
    fn the_verdict_alone_agrees_with_the_reasons() {
        let cases = [
            FileTags {
                title: Some("Slow Dust (FEAT. Ilse Moreau)".into()),
                artists: vec!["Ilse".into()],
                composers: vec!["Mara".into()],
                genres: vec!["Film Score".into(), "Synth-POP".into()],
                ..tags()
            },
            FileTags {
                title: Some("Main Title".into()),
                artists: vec!["Mara".into()],
                composers: vec![" mara ".into()],
                genres: vec!["Orchestral".into()],
                language: Some("zxx".into()),
                ..tags()
            },
            FileTags {
                title: Some("Song (From “Arrival Point”)".into()),
                ..tags()
            },
        ];
        let expected = [Category::Song, Category::Score, Category::Song];
        for (t, want) in cases.iter().zip(expected) {
            let c = classify(t, None, None);
            assert_eq!(c.category, want, "{:?}", c.evidence);
            assert_eq!(verdict(t, None, None), want);
        }
        let c = classify(&cases[0], None, None);
        assert!(
            c.evidence.contains(&"song: genre Synth-POP".to_string()),
            "{:?}",
            c.evidence
        );
        assert!(
            c.evidence
                .contains(&"song: title names a featured artist".to_string())
        );
        assert!(
            classify(&cases[1], None, None)
                .evidence
                .contains(&"score: genre Orchestral with the composer as artist".to_string())
        );
    }
}
