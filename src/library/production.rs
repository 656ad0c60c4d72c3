//! Productions: the film, series or game that tracks were made for, and how
//! tracks are grouped into them.

use std::collections::HashMap;
use std::path::Path;

use super::album_title::{self, AlbumTitle};
use super::medium::Medium;
use super::tags::FileTags;
use super::track::TrackId;

/// A production as the user knows it across reloads: the key its tracks
/// were grouped under (case, punctuation and a leading "The" left out of its
/// derived title). Unlike its position in [`Library::productions`](super::Library),
/// it stays the same when a rescan adds or removes other productions, and it
/// is what the user's changes to the production are kept under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ProductionKey(String);

impl ProductionKey {
    /// The key of a production whose derived title is `title`.
    pub fn of_title(title: &str) -> ProductionKey {
        ProductionKey(grouping_key(title))
    }

    /// A key as the user's file keeps it (already a grouping key).
    pub fn from_stored(key: &str) -> ProductionKey {
        ProductionKey(key.to_string())
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A film, series or game with the tracks made for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Production {
    /// What it is known by across reloads.
    pub key: ProductionKey,
    /// The title as people say it: "Arrival Point" (the user's, if they set one).
    pub title: String,
    /// The title Leitmotif derived from the tags, under which the user's
    /// changes to this production are kept.
    pub derived_title: String,
    /// Film, TV, game...
    pub medium: Medium,
    /// The earliest year the tracks give.
    pub year: Option<u32>,
    /// Composers of its tracks, most frequent first.
    pub composers: Vec<String>,
    /// The albums (as tagged) its tracks came from.
    pub albums: Vec<String>,
    /// Its tracks, in album, disc and track order.
    pub tracks: Vec<TrackId>,
    /// Its tracks in the order they play in the production (see
    /// [`placement::timeline`](super::placement::timeline)).
    pub timeline: Vec<TrackId>,
    /// How long the film or episode runs, when a sidecar says.
    pub runtime: Option<std::time::Duration>,
    /// The cue sidecars that placed its tracks.
    pub sidecars: Vec<std::path::PathBuf>,
    /// Tracks of compilations of film music that are from this production
    /// (`Theme (From "This Film")`): found under it too.
    pub also: Vec<TrackId>,
}

/// Folder names that say nothing of the production.
pub fn is_generic_folder(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    const GENERIC: &[&str] = &[
        "music",
        "ost",
        "soundtrack",
        "soundtracks",
        "score",
        "scores",
        "songs",
        "audio",
        "mp3",
        "flac",
        "ogg",
        "wav",
        "various",
        "various artists",
        "unknown album",
        "bonus",
        "extras",
        "bgm",
        "bgms",
        "sound",
        "sounds",
        "snd",
        "sfx",
        "data",
        "share",
        "games",
        "films",
        "movies",
        "tv",
        "media",
    ];
    let generic = GENERIC;
    if generic.contains(&lower.as_str()) {
        return true;
    }
    // "1.16", "v2": a version, not a title.
    let version = lower.trim_start_matches('v');
    if !version.is_empty() && version.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return true;
    }
    // "Disc 1", "CD2", "Disk 03", "Disc 1 - The Return".
    for prefix in ["disc", "disk", "cd"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.trim_start();
            if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return true;
            }
        }
    }
    false
}

/// Where a track's production comes from: its album tag, else its folders.
pub fn source_title(path: &Path, tags: &FileTags) -> AlbumTitle {
    match &tags.album {
        Some(album) => album_title::parse(album),
        None => folder_source(path).title,
    }
}

/// What the first telling folder of `path` says (the album of an untagged rip).
pub fn folder_source(path: &Path) -> super::names::FolderTitle {
    let folder = super::names::telling_folders(path).next();
    let mut found = match folder {
        Some(name) => super::names::folder_title(&title_case_if_lower(&name)),
        None => super::names::FolderTitle {
            title: album_title::parse("Unsorted"),
            artist: None,
        },
    };
    if found.title.medium.is_none() {
        found.title.medium = medium_from_folders(path);
    }
    found
}

/// "neverball" reads better as "Neverball"; names with capitals stay as they are.
fn title_case_if_lower(name: &str) -> String {
    if name.chars().any(char::is_uppercase) {
        return name.to_string();
    }
    name.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `folder` or one above it holds soundtracks without saying of what:
/// "Soundtracks", "OST".
// The ancestor walk the analysis remembers per folder (analyse.rs),
// kept as the reference its test compares with.
#[cfg(test)]
pub fn holds_soundtracks(folder: &Path) -> bool {
    folder
        .ancestors()
        .filter_map(|p| p.file_name())
        .any(names_soundtracks)
}

/// Whether a folder's own name says it holds soundtracks ("OST").
pub fn names_soundtracks(name: &std::ffi::OsStr) -> bool {
    is_one_of(
        name,
        &[
            "soundtracks",
            "soundtrack",
            "ost",
            "osts",
            "scores",
            "film music",
            "movie music",
            "original soundtracks",
        ],
    )
}

/// Whether a folder's name is one of `names` (lower-case ASCII), in any case.
/// Compared in place: lower-cased copies of every folder of every file were
/// a twentieth of a load.
fn is_one_of(name: &std::ffi::OsStr, names: &[&str]) -> bool {
    let name = name.as_encoded_bytes();
    names
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// Whether `folder` or one above it holds scores: "Film Scores", "Scores".
// The ancestor walk the analysis remembers per folder (analyse.rs),
// kept as the reference its test compares with.
#[cfg(test)]
pub fn score_folder(folder: &Path) -> bool {
    folder
        .ancestors()
        .filter_map(|p| p.file_name())
        .any(names_scores)
}

/// Whether a folder's own name says it holds scores ("Film Scores").
pub fn names_scores(name: &std::ffi::OsStr) -> bool {
    is_one_of(
        name,
        &[
            "scores",
            "film scores",
            "movie scores",
            "game scores",
            "tv scores",
            "score",
            "film score",
            "original scores",
        ],
    )
}

/// Collections are often sorted into "Games", "Films" or "TV" folders.
pub fn medium_from_folders(path: &Path) -> Option<Medium> {
    path.parent().and_then(medium_of_folder)
}

/// The medium that `folder` or one above it names.
pub fn medium_of_folder(folder: &Path) -> Option<Medium> {
    folder
        .ancestors()
        .filter_map(|p| p.file_name())
        .find_map(names_medium)
}

/// The medium a folder's own name says ("Games", "Anime").
pub fn names_medium(name: &std::ffi::OsStr) -> Option<Medium> {
    const NAMES: [(&[&str], Medium); 5] = [
        (
            &[
                "games",
                "game music",
                "vgm",
                "video game music",
                "game soundtracks",
                "game osts",
                "steam",
                "steamapps",
                "gog games",
                "itch",
            ],
            Medium::Game,
        ),
        (
            &["anime", "k-drama", "kdrama", "k-dramas", "dramas"],
            Medium::Tv,
        ),
        (
            &[
                "films",
                "movies",
                "film scores",
                "movie soundtracks",
                "film soundtracks",
            ],
            Medium::Film,
        ),
        (
            &["tv", "television", "series", "tv soundtracks"],
            Medium::Tv,
        ),
        (&["musicals", "stage", "broadway"], Medium::Stage),
    ];
    NAMES
        .iter()
        .find(|(names, _)| is_one_of(name, names))
        .map(|&(_, medium)| medium)
}

/// The key under which titles are the same production: case, punctuation and
/// a leading "The" do not matter.
pub fn grouping_key(title: &str) -> String {
    let lower = title.to_lowercase();
    let trimmed = lower.strip_prefix("the ").unwrap_or(&lower);
    trimmed
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Decides a production's medium from the votes of its tracks.
pub fn vote_medium(votes: &[Medium]) -> Medium {
    let mut counts: HashMap<Medium, usize> = HashMap::new();
    for m in votes {
        *counts.entry(*m).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(m, n)| (*n, std::cmp::Reverse(*m)))
        .map_or(Medium::Unknown, |(m, _)| m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;
    use std::path::PathBuf;

    #[test]
    fn folders_name_media_and_soundtracks_in_any_case() {
        let medium = |p: &str| medium_from_folders(Path::new(p));
        assert_eq!(
            medium("/m/GAME MUSIC/Lanternfall/01.ogg"),
            Some(Medium::Game)
        );
        assert_eq!(medium("/m/Anime/Show/Disc 1/01.flac"), Some(Medium::Tv));
        assert_eq!(medium("/m/Films/Arrival/01.flac"), Some(Medium::Film));
        // The file's own name is not a folder, and a longer name is not the word.
        assert_eq!(medium("/m/Rock/games"), None);
        assert_eq!(medium("/m/Gamesmaster/01.ogg"), None);
        assert!(holds_soundtracks(Path::new("/m/Original Soundtracks/Film")));
        assert!(holds_soundtracks(Path::new("/m/ost")));
        assert!(!holds_soundtracks(Path::new("/m/Rock/Osts Band")));
        assert!(score_folder(Path::new("/m/FILM SCORES/Arrival")));
        assert!(!score_folder(Path::new("/m/Scoreboard")));
        // Names that are not UTF-8 are compared as bytes, not passed over wrongly.
        let latin1 = std::ffi::OsStr::from_bytes(b"/m/Films/Am\xe9lie/01.flac");
        assert_eq!(medium_from_folders(Path::new(latin1)), Some(Medium::Film));
    }

    #[test]
    fn untagged_files_take_the_first_telling_folder() {
        let path = PathBuf::from("/music/OST/Lanternfall OST/Disc 1/03 Boss.ogg");
        assert_eq!(
            source_title(&path, &FileTags::default()).production,
            "Lanternfall"
        );
        let path = PathBuf::from("/home/me/Music/Film (2014)/CD2/01.mp3");
        let title = source_title(&path, &FileTags::default());
        assert_eq!(
            (title.production.as_str(), title.year),
            ("Film", Some(2014))
        );
    }

    #[test]
    fn game_data_folders_name_the_game() {
        let path = PathBuf::from("/usr/share/games/neverball/bgm/track1.ogg");
        let title = source_title(&path, &FileTags::default());
        assert_eq!(
            (title.production.as_str(), title.medium),
            ("Neverball", Some(Medium::Game))
        );
        let path = PathBuf::from("/home/me/Music/Films/Arrival Point/01.flac");
        let title = source_title(&path, &FileTags::default());
        assert_eq!(
            (title.production.as_str(), title.medium),
            ("Arrival Point", Some(Medium::Film))
        );
    }

    #[test]
    fn grouping_ignores_case_and_punctuation() {
        assert_eq!(
            grouping_key("The Arrival Point!"),
            grouping_key("arrival  point")
        );
        assert_ne!(grouping_key("Arrival"), grouping_key("Arrival Point"));
    }

    #[test]
    fn medium_is_the_majority() {
        assert_eq!(
            vote_medium(&[Medium::Film, Medium::Game, Medium::Film]),
            Medium::Film
        );
        assert_eq!(vote_medium(&[]), Medium::Unknown);
    }
}
