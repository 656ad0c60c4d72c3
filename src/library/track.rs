//! One track of the library: its file, tags, cue and category.

use std::path::PathBuf;
use std::time::Duration;

use super::album_title::AlbumKind;
use super::category::{self, Category};
use super::placement::Placement;
use super::tags::FileTags;
use crate::cue::CueCode;

/// Index of a track in [`Library::tracks`](super::Library::tracks).
pub type TrackId = usize;

/// A playable (or listed) file with what Leitmotif made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    /// Where the file is.
    pub path: PathBuf,
    /// The title to show: the tag, or the file name when untagged.
    pub title: String,
    /// Everything read from the tags (boxed: a track moves as a small value
    /// while the library is put together).
    pub tags: Box<FileTags>,
    /// The cue code found in the title, if any.
    pub cue: Option<CueCode>,
    /// Score, song or unknown.
    pub category: Category,
    /// Whether the user chose the category (else the signs in the tags did).
    pub category_from_user: bool,
    /// What the album title said the track is, one of the signs weighed.
    pub album_kind: Option<AlbumKind>,
    /// When Leitmotif first saw the file, in seconds since 1970 (0 when not stored).
    pub added: u64,
    /// Where it plays in its production: scene, start time, episode.
    pub placement: Placement,
}

impl Track {
    /// The performer to show: the first artist, else the composer.
    pub fn artist(&self) -> Option<&str> {
        self.tags
            .artists
            .first()
            .or_else(|| self.tags.composers.first())
            .map(String::as_str)
    }

    /// Why the track is in its category, for the user: worked out when shown,
    /// from the same signs that decided it at load.
    pub fn evidence(&self) -> Vec<String> {
        let mut reasons =
            category::classify(&self.tags, self.album_kind, CueCode::find_in(&self.title)).evidence;
        if self.category_from_user {
            reasons.insert(0, format!("set by you: {}", self.category.as_str()));
        }
        reasons
    }

    /// Length of the audio.
    pub fn duration(&self) -> Duration {
        self.tags.duration
    }

    /// The title without the cue code it starts with: "The Signal" for "2M3 The Signal".
    pub fn title_without_cue(&self) -> &str {
        let Some(code) = self.cue else {
            return &self.title;
        };
        let first = self.title.split_whitespace().next().unwrap_or_default();
        if CueCode::parse_any(first)
            .is_some_and(|c| (c.reel, c.cue, c.insert) == (code.reel, code.cue, code.insert))
        {
            self.title[first.len()..]
                .trim_start_matches([' ', '-', ':', '–'])
                .trim()
        } else {
            &self.title
        }
    }
}
