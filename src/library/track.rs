//! One track of the library: its file, tags, cue and category.

use std::path::PathBuf;
use std::time::Duration;

use super::album_title::AlbumKind;
use super::category::{self, Category};
use super::placement::Placement;
use super::tags::FileTags;
use crate::cue::CueCode;

/// Index of a track in [`Library::tracks`](super::Library::tracks): valid for
/// one library only. What outlives a reload (the window's state, its messages,
/// the user's edits) names a track by its [`TrackKey`].
pub type TrackId = usize;

/// A track as the user knows it across reloads: its file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TrackKey(PathBuf);

/// A number made from a file's path (FNV-1a of its bytes), the same for the
/// same path in every run: names for files made from a track (its cover in
/// the cache, its MPRIS id).
pub fn path_hash(path: &std::path::Path) -> u64 {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

impl TrackKey {
    /// The key of the track at `path`.
    pub fn new(path: impl Into<PathBuf>) -> TrackKey {
        TrackKey(path.into())
    }

    /// The track's file.
    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

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
    /// For a track of a CD image: the audio file and its range in it.
    pub image: Option<crate::cuesheet::ImageTrack>,
    /// What its production says of it (whose composer its artist is...).
    pub context: category::Context,
    /// Its tags name no album: it joined what its folder-mates agree on.
    pub from_folder_mates: bool,
}

impl Track {
    /// What the track is known by across reloads.
    pub fn key(&self) -> TrackKey {
        TrackKey(self.path.clone())
    }

    /// The performer to show: the first artist, else the composer, else the
    /// album's artist (an untagged rip's "Composer - Film" folder).
    pub fn artist(&self) -> Option<&str> {
        self.tags
            .artists
            .first()
            .or_else(|| self.tags.composers.first())
            .or(self.tags.album_artist.as_ref())
            .map(String::as_str)
    }

    /// Why the track is in its category, for the user: worked out when shown,
    /// from the same signs that decided it at load.
    pub fn evidence(&self) -> Vec<String> {
        let mut reasons = category::classify(
            &self.tags,
            self.album_kind,
            CueCode::find_in(&self.title),
            &self.context,
        )
        .evidence;
        if self.category_from_user {
            reasons.insert(0, format!("set by you: {}", self.category.as_str()));
        }
        if self.from_folder_mates {
            reasons.push(
                "production: its tags name no album; the other files in its folder do".into(),
            );
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
