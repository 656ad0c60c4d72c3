//! The library: scanned files grouped into productions, each track classified
//! as score or song. Nothing here knows about the window.

pub mod album_title;
pub mod category;
pub mod cover;
pub mod demo;
pub mod medium;
pub mod placement;
pub mod production;
pub mod recover;
pub mod scan;
pub mod store;
pub mod tags;
pub mod track;
pub mod user_data;

use std::collections::HashMap;
use std::path::PathBuf;

pub use category::Category;
pub use medium::Medium;
pub use production::Production;
pub use scan::{Problem, ScanProgress};
pub use store::{Store, StoredFile};
pub use tags::FileTags;
pub use track::{Track, TrackId};
pub use user_data::UserData;

use crate::cue::CueCode;
use crate::cue::sidecar::{self, Sidecar};

/// Every track and production Leitmotif knows of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// All tracks; productions refer to them by index.
    pub tracks: Vec<Track>,
    /// Productions sorted by title.
    pub productions: Vec<Production>,
    /// Files that could not be read, with the reason.
    pub problems: Vec<Problem>,
    /// For each track, the index of its production (looked up on every frame).
    production_index: Vec<usize>,
}

impl Library {
    /// Scans `roots` and builds the library from what was found, without a
    /// store (the demo, `leitmotif play`).
    pub fn scan(roots: &[PathBuf], progress: &(dyn Fn(ScanProgress) + Sync)) -> Library {
        let output = scan::scan(roots, progress);
        let files = output
            .files
            .into_iter()
            .map(|(path, tags)| StoredFile {
                path,
                tags,
                added: 0,
            })
            .collect();
        let mut problems = output.problems;
        let sidecars = parse_sidecars(output.sidecars, &mut problems);
        Library::build(files, problems, &sidecars, &UserData::default())
    }

    /// The library as the store holds it, with the user's changes applied.
    pub fn from_store(store: &Store, user: &UserData) -> Result<Library, String> {
        let (files, mut problems) = store.load()?;
        let sidecars = parse_sidecars(store.sidecars()?, &mut problems);
        Ok(Library::build(files, problems, &sidecars, user))
    }

    /// Builds productions from files and their tags, places tracks with the
    /// cue sidecars, then applies the user's changes (categories, production
    /// titles and media, scene notes).
    pub fn build(
        files: Vec<StoredFile>,
        mut problems: Vec<Problem>,
        sidecars: &[Sidecar],
        user: &UserData,
    ) -> Library {
        struct Group {
            titles: Vec<String>,
            media: Vec<Medium>,
            years: Vec<u32>,
            tracks: Vec<TrackId>,
        }
        // What each file says on its own, worked out on all cores; then grouped in order.
        let analyses = analyse_all(&files, user);
        let mut tracks = Vec::with_capacity(files.len());
        let mut groups: HashMap<String, Group> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (StoredFile { path, tags, added }, a) in files.into_iter().zip(analyses) {
            let group = match groups.get_mut(&a.key) {
                Some(group) => group,
                None => {
                    order.push(a.key.clone());
                    groups.entry(a.key).or_insert_with(|| Group {
                        titles: Vec::new(),
                        media: Vec::new(),
                        years: Vec::new(),
                        tracks: Vec::new(),
                    })
                }
            };
            group.titles.push(a.source.production);
            // An episode code (S01E03, 1x03) in the title or album says TV.
            let episode_medium = a.placement.episode.map(|_| Medium::Tv);
            group
                .media
                .extend(a.source.medium.or(episode_medium).or(a.genre_medium));
            group.years.extend(tags.year.or(a.source.year));
            group.tracks.push(tracks.len());
            tracks.push(Track {
                path,
                title: a.title,
                tags,
                cue: a.cue,
                category: a.verdict.category,
                evidence: a.verdict.evidence,
                added,
                placement: a.placement,
            });
        }
        let placed_by = placement::apply_sidecars(&mut tracks, sidecars, &mut problems);
        for track in &mut tracks {
            if let Some(edit) = user.track(&track.path) {
                placement::apply_user(&mut track.placement, edit);
            }
        }
        let mut productions: Vec<Production> = order
            .into_iter()
            .filter_map(|key| groups.remove(&key))
            .map(|group| {
                let mut ids = group.tracks;
                ids.sort_by(|&a, &b| {
                    let (a, b) = (&tracks[a], &tracks[b]);
                    (
                        &a.tags.album,
                        a.tags.disc_number,
                        a.tags.track_number,
                        &a.title,
                    )
                        .cmp(&(
                            &b.tags.album,
                            b.tags.disc_number,
                            b.tags.track_number,
                            &b.title,
                        ))
                });
                let derived = most_common(&group.titles).unwrap_or_default();
                let edit = user.production(&derived);
                Production {
                    title: edit
                        .and_then(|e| e.title.clone())
                        .unwrap_or_else(|| derived.clone()),
                    medium: edit
                        .and_then(|e| e.medium)
                        .unwrap_or_else(|| production::vote_medium(&group.media)),
                    derived_title: derived,
                    year: group.years.iter().min().copied(),
                    composers: composers_of(&tracks, &ids),
                    albums: ranked(ids.iter().filter_map(|&i| tracks[i].tags.album.as_ref())),
                    tracks: ids,
                    timeline: Vec::new(),
                    runtime: None,
                    sidecars: Vec::new(),
                }
            })
            .collect();
        let mut production_index = vec![usize::MAX; tracks.len()];
        for (index, production) in productions.iter().enumerate() {
            for &track in &production.tracks {
                production_index[track] = index;
            }
        }
        // What a sidecar's [production] says, unless the user said otherwise.
        for (sidecar, placed) in sidecars.iter().zip(&placed_by) {
            let Some(&index) = placed.first().and_then(|&t| production_index.get(t)) else {
                continue;
            };
            let Some(production) = productions.get_mut(index) else {
                continue;
            };
            let edit = user.production(&production.derived_title);
            if let Some(title) = &sidecar.title
                && edit.and_then(|e| e.title.as_ref()).is_none()
            {
                production.title.clone_from(title);
            }
            if let Some(medium) = sidecar.medium
                && edit.and_then(|e| e.medium).is_none()
            {
                production.medium = medium;
            }
            production.runtime = sidecar.runtime.or(production.runtime);
            production.sidecars.push(sidecar.path.clone());
        }
        for production in &mut productions {
            // TV cue sheets number cues 101, 102...: a TV track's first word may be one.
            if production.medium == Medium::Tv {
                for &id in &production.tracks {
                    let track = &mut tracks[id];
                    if track.cue.is_none() {
                        track.cue = track
                            .title
                            .split_whitespace()
                            .next()
                            .and_then(CueCode::parse_numbered)
                            .filter(|_| track.title.split_whitespace().nth(1).is_some());
                    }
                }
            }
            production.timeline = placement::timeline(&tracks, &production.tracks);
        }
        productions.sort_by_key(|p| production::grouping_key(&p.title));
        production_index = vec![usize::MAX; tracks.len()];
        for (index, production) in productions.iter().enumerate() {
            for &track in &production.tracks {
                production_index[track] = index;
            }
        }
        Library {
            tracks,
            productions,
            problems,
            production_index,
        }
    }

    /// The index in [`Library::productions`] of a track's production.
    pub fn production_index_of(&self, track: TrackId) -> Option<usize> {
        self.production_index
            .get(track)
            .copied()
            .filter(|&i| i < self.productions.len())
    }

    /// The production a track belongs to.
    pub fn production_of(&self, track: TrackId) -> Option<&Production> {
        self.production_index
            .get(track)
            .and_then(|&index| self.productions.get(index))
    }
}

/// What one file says on its own, before grouping.
struct Analysis {
    source: album_title::AlbumTitle,
    key: String,
    title: String,
    cue: Option<CueCode>,
    verdict: category::Classification,
    placement: placement::Placement,
    genre_medium: Option<Medium>,
}

/// Analyses `files` on all cores, in order. Album titles are parsed once per
/// album (a dozen tracks share one), not once per track.
fn analyse_all(files: &[StoredFile], user: &UserData) -> Vec<Analysis> {
    let workers = std::thread::available_parallelism()
        .map(std::num::NonZeroUsize::get)
        .unwrap_or(1)
        .clamp(1, 8);
    let size = files.len().div_ceil(workers).max(1024);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(size)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut albums: HashMap<&str, (album_title::AlbumTitle, String)> =
                        HashMap::new();
                    chunk
                        .iter()
                        .map(|f| analyse(f, user, &mut albums))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

fn analyse<'a>(
    file: &'a StoredFile,
    user: &UserData,
    albums: &mut HashMap<&'a str, (album_title::AlbumTitle, String)>,
) -> Analysis {
    let StoredFile { path, tags, .. } = file;
    let (source, key) = match tags.album.as_deref() {
        Some(album) => albums
            .entry(album)
            .or_insert_with(|| {
                let source = production::source_title(path, tags);
                let key = production::grouping_key(&source.production);
                (source, key)
            })
            .clone(),
        None => {
            let source = production::source_title(path, tags);
            let key = production::grouping_key(&source.production);
            (source, key)
        }
    };
    let title = tags.title.clone().unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let cue = CueCode::find_in(&title);
    let placement = placement::from_tags(&title, tags);
    let mut verdict = category::classify(tags, source.kind, cue);
    if let Some(chosen) = user.track(path).and_then(|edit| edit.category) {
        verdict
            .evidence
            .insert(0, format!("set by you: {}", chosen.as_str()));
        verdict.category = chosen;
    }
    let genre_medium = tags.genres.iter().find_map(|g| Medium::from_genre(g));
    Analysis {
        source,
        key,
        title,
        cue,
        verdict,
        placement,
        genre_medium,
    }
}

/// The production's composers: those of its score when it has one (the people
/// who wrote for it), else those of all its tracks.
fn composers_of(tracks: &[Track], ids: &[TrackId]) -> Vec<String> {
    let score = ranked(
        ids.iter()
            .filter(|&&i| tracks[i].category == Category::Score)
            .flat_map(|&i| tracks[i].tags.composers.iter()),
    );
    if score.is_empty() {
        ranked(ids.iter().flat_map(|&i| tracks[i].tags.composers.iter()))
    } else {
        score
    }
}

fn most_common(values: &[String]) -> Option<String> {
    ranked(values.iter()).into_iter().next()
}

/// Distinct values, most frequent first, ties in first-seen order.
fn ranked<'a>(values: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(seen, _)| seen == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v.clone(), 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(v, _)| v).collect()
}

/// Parses sidecars; those that could not be read become problems.
fn parse_sidecars(
    read: Vec<crate::cue::sidecar::Found>,
    problems: &mut Vec<Problem>,
) -> Vec<Sidecar> {
    let mut sidecars = Vec::with_capacity(read.len());
    for (path, text) in read {
        match text {
            Ok(text) => sidecars.push(sidecar::parse(&path, &text)),
            Err(error) => problems.push(Problem { path, error }),
        }
    }
    sidecars
}
