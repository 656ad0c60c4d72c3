//! Album-title conventions: "X (Original Motion Picture Score)", "X OST",
//! "X: Season 2 (Music from the Netflix Series)". Stripping them gives the
//! production, and what was stripped hints at the medium and at score or songs.

use super::medium::Medium;

/// What an album (or folder) title says once its conventions are taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlbumTitle {
    /// The production's title: "Arrival Point".
    pub production: String,
    /// The medium the convention names, if any ("Motion Picture" is film).
    pub medium: Option<Medium>,
    /// Whether the title calls the album a score or a set of songs.
    pub kind: Option<AlbumKind>,
    /// The phrases that were removed, for the evidence shown to the user.
    pub stripped: Vec<String>,
    /// A year written in the title, as in "Film (2014)".
    pub year: Option<u32>,
}

/// What an album title says its tracks are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlbumKind {
    /// "(Original Score)", "(Original Motion Picture Score)".
    Score,
    /// "(Music from the Motion Picture)", "(Original Cast Recording)" and the like.
    Songs,
}

/// Words that make a bracketed or trailing phrase a soundtrack convention.
const CONVENTION_WORDS: &[&str] = &[
    "soundtrack",
    "score",
    "music from",
    "music inspired by",
    "songs from",
    "ost",
    "o.s.t",
    "cast recording",
    "motion picture",
    "original music",
    "game music",
    "edition",
    "remaster",
    "expanded",
    "deluxe",
];

/// Parses an album or folder title.
pub fn parse(title: &str) -> AlbumTitle {
    let mut rest = title.trim().to_string();
    let mut stripped = Vec::new();
    let mut year = None;
    loop {
        let before = rest.len();
        if let Some((head, group)) = trailing_group(&rest) {
            if let Some(y) = as_year(group) {
                year = year.or(Some(y));
                stripped.push(group.to_string());
                rest = head.to_string();
            } else if is_convention(group) || season_number(group).is_some() || is_episode(group) {
                stripped.push(group.to_string());
                rest = head.to_string();
            }
        }
        if let Some((head, tail)) = trailing_segment(&rest)
            && (is_convention(tail)
                || season_number(tail).is_some()
                || is_volume(tail)
                || is_episode(tail))
        {
            stripped.push(tail.to_string());
            rest = head.to_string();
        }
        // "Show S01E03": one production across its episodes.
        if let Some((head, last)) = rest.rsplit_once(' ')
            && is_episode(last)
        {
            stripped.push(last.to_string());
            rest = head.to_string();
        }
        for suffix in [
            "original soundtrack",
            "soundtrack",
            "original score",
            "ost",
            "o.s.t.",
            "score",
        ] {
            let lower = rest.to_lowercase();
            if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
                let cut = rest.len() - suffix.len();
                if rest[..cut].ends_with([' ', '-', ':', '_']) {
                    stripped.push(rest[cut..].to_string());
                    rest = rest[..cut].to_string();
                    break;
                }
            }
        }
        rest = rest
            .trim_end_matches(|c: char| c.is_whitespace() || "-:_–—,".contains(c))
            .to_string();
        if rest.len() == before || rest.is_empty() {
            break;
        }
    }
    if rest.is_empty() {
        rest = title.trim().to_string();
    }
    let said = stripped.join(" ").to_lowercase();
    AlbumTitle {
        production: rest,
        medium: medium_of(&said),
        kind: kind_of(&said),
        stripped,
        year,
    }
}

/// An episode code alone: `S01E03`, `1x03`.
fn is_episode(phrase: &str) -> bool {
    crate::cue::Episode::parse(phrase.trim()).is_some()
}

/// `("Film", "Original Score")` for "Film (Original Score)" or "Film [Original Score]".
fn trailing_group(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_end();
    let (open, close) = match text.chars().last()? {
        ')' => ('(', ')'),
        ']' => ('[', ']'),
        _ => return None,
    };
    let start = text.rfind(open)?;
    let inner = &text[start + 1..text.len() - close.len_utf8()];
    Some((text[..start].trim_end(), inner.trim()))
}

/// `("Film", "Season 2")` for "Film: Season 2" or "Film - Season 2".
fn trailing_segment(text: &str) -> Option<(&str, &str)> {
    [": ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|(i, _)| *i)
        .map(|(i, len)| (text[..i].trim_end(), text[i + len..].trim()))
}

fn is_convention(phrase: &str) -> bool {
    let lower = phrase.to_lowercase();
    CONVENTION_WORDS.iter().any(|w| contains_word(&lower, w))
        || lower.contains("music from the")
        || lower.ends_with(" series")
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// "Season 2" or "Series 3" gives the number.
pub fn season_number(phrase: &str) -> Option<u32> {
    let lower = phrase.trim().to_lowercase();
    let rest = lower
        .strip_prefix("season ")
        .or_else(|| lower.strip_prefix("series "))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || rest.len() != digits.len() && !rest[digits.len()..].starts_with(' ') {
        return None;
    }
    digits.parse().ok()
}

fn is_volume(phrase: &str) -> bool {
    let lower = phrase.to_lowercase();
    ["vol. ", "vol ", "volume "]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn as_year(group: &str) -> Option<u32> {
    let year: u32 = group.trim().parse().ok()?;
    (1880..=2100).contains(&year).then_some(year)
}

fn medium_of(said: &str) -> Option<Medium> {
    if said.contains("game") {
        Some(Medium::Game)
    } else if said.contains("television")
        || said.contains("series")
        || contains_word(said, "tv")
        || said.contains("season")
    {
        Some(Medium::Tv)
    } else if said.contains("cast recording")
        || said.contains("musical")
        || said.contains("broadway")
    {
        Some(Medium::Stage)
    } else if said.contains("motion picture")
        || contains_word(said, "film")
        || contains_word(said, "movie")
    {
        Some(Medium::Film)
    } else {
        None
    }
}

fn kind_of(said: &str) -> Option<AlbumKind> {
    if contains_word(said, "score") {
        Some(AlbumKind::Score)
    } else if said.contains("music from")
        || said.contains("songs from")
        || said.contains("music inspired by")
        || said.contains("cast recording")
    {
        Some(AlbumKind::Songs)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_and_songs_albums_name_one_production() {
        let score = parse("Arrival Point (Original Motion Picture Score)");
        let songs = parse("Arrival Point (Original Motion Picture Soundtrack)");
        assert_eq!(score.production, "Arrival Point");
        assert_eq!(songs.production, "Arrival Point");
        assert_eq!(score.kind, Some(AlbumKind::Score));
        assert_eq!(songs.kind, None);
        assert_eq!(score.medium, Some(Medium::Film));
        assert_eq!(songs.medium, Some(Medium::Film));
    }

    #[test]
    fn series_seasons_and_games() {
        let tv = parse("Stranger Things: Season 2 (Music from the Netflix Original Series)");
        assert_eq!(tv.production, "Stranger Things");
        assert_eq!(tv.medium, Some(Medium::Tv));
        assert_eq!(tv.kind, Some(AlbumKind::Songs));
        let game = parse("Lanternfall (Original Game Soundtrack)");
        assert_eq!(
            (game.production.as_str(), game.medium),
            ("Lanternfall", Some(Medium::Game))
        );
        for episode in [
            "Lakeside S01E03",
            "Lakeside: 1x03",
            "Lakeside (S01E03 Score)",
            "Lakeside (S01E03)",
        ] {
            assert_eq!(parse(episode).production, "Lakeside", "{episode}");
        }
        let stage = parse("Hamilton (Original Broadway Cast Recording)");
        assert_eq!(
            (stage.production.as_str(), stage.medium),
            ("Hamilton", Some(Medium::Stage))
        );
    }

    #[test]
    fn folder_style_titles() {
        assert_eq!(parse("Lanternfall OST").production, "Lanternfall");
        let film = parse("Arrival Point (2024)");
        assert_eq!(
            (film.production.as_str(), film.year),
            ("Arrival Point", Some(2024))
        );
        assert_eq!(parse("Dune - Original Score").kind, Some(AlbumKind::Score));
    }

    #[test]
    fn plain_titles_stay_whole() {
        for title in [
            "Score",
            "OST",
            "Interstellar",
            "Music",
            "The Last of Us: Part II",
        ] {
            assert_eq!(parse(title).production, title);
        }
    }
}
