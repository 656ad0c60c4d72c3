//! The medium a production was made for.

use serde::{Deserialize, Serialize};

use super::text::contains_ignore_case;

/// Film, TV, game, stage, other or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Medium {
    /// A feature film.
    Film,
    /// A television or streaming series.
    Tv,
    /// A video game.
    Game,
    /// A stage show or musical.
    Stage,
    /// Something else (a documentary podcast, a theme park ride...).
    Other,
    /// Nothing says which.
    Unknown,
}

impl Medium {
    /// Every medium, in the order filters show them.
    pub const ALL: [Medium; 6] = [
        Medium::Film,
        Medium::Tv,
        Medium::Game,
        Medium::Stage,
        Medium::Other,
        Medium::Unknown,
    ];

    /// The lower-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Film => "film",
            Medium::Tv => "tv",
            Medium::Game => "game",
            Medium::Stage => "stage",
            Medium::Other => "other",
            Medium::Unknown => "unknown",
        }
    }

    /// The name shown in the window.
    pub fn label(self) -> &'static str {
        match self {
            Medium::Film => "Film",
            Medium::Tv => "TV",
            Medium::Game => "Game",
            Medium::Stage => "Stage",
            Medium::Other => "Other",
            Medium::Unknown => "Unknown medium",
        }
    }

    /// What a genre tag says of the medium: "Video Game Music" is a game.
    pub fn from_genre(genre: &str) -> Option<Medium> {
        let has = |word: &str| contains_ignore_case(genre, word);
        let is = |word: &str| genre.eq_ignore_ascii_case(word);
        if has("game") || is("vgm") || has("chiptune") {
            Some(Medium::Game)
        } else if has("musical") || has("show tunes") || has("broadway") {
            Some(Medium::Stage)
        } else if has("television")
            || is("tv")
            || has("tv soundtrack")
            || has("anime")
            || has("drama")
            || genre.contains("アニメ")
            || genre.contains("드라마")
        {
            Some(Medium::Tv)
        } else if has("film") || has("movie") {
            Some(Medium::Film)
        } else {
            None
        }
    }
}

/// Whether a genre tag says the music is a soundtrack (of anything).
pub fn is_soundtrack_genre(genre: &str) -> bool {
    const WORDS: &[&str] = &[
        "soundtrack",
        "score",
        "ost",
        "stage & screen",
        "stage and screen",
        "cast recording",
        "bgm",
    ];
    WORDS.iter().any(|w| contains_ignore_case(genre, w))
        || genre.contains("サウンドトラック")
        || genre.contains("사운드트랙")
        || genre.contains("原声")
}

impl std::fmt::Display for Medium {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genres_name_media_in_any_case() {
        assert_eq!(Medium::from_genre("Video GAME Music"), Some(Medium::Game));
        assert_eq!(Medium::from_genre("VGM"), Some(Medium::Game));
        assert_eq!(Medium::from_genre("vgm remix"), None);
        assert_eq!(Medium::from_genre("Broadway"), Some(Medium::Stage));
        assert_eq!(Medium::from_genre("TV"), Some(Medium::Tv));
        assert_eq!(
            Medium::from_genre("Television Soundtrack"),
            Some(Medium::Tv)
        );
        assert_eq!(Medium::from_genre("Movie Score"), Some(Medium::Film));
        assert_eq!(Medium::from_genre("Soundtrack"), None);
    }
}
