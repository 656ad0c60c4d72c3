//! The medium a production was made for.

use serde::{Deserialize, Serialize};

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
        let g = genre.to_lowercase();
        if g.contains("game") || g == "vgm" || g.contains("chiptune") {
            Some(Medium::Game)
        } else if g.contains("musical") || g.contains("show tunes") || g.contains("broadway") {
            Some(Medium::Stage)
        } else if g.contains("television") || g == "tv" || g.contains("tv soundtrack") {
            Some(Medium::Tv)
        } else if g.contains("film") || g.contains("movie") {
            Some(Medium::Film)
        } else {
            None
        }
    }
}

impl std::fmt::Display for Medium {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}
