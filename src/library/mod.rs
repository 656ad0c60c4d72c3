//! The library: scanned files grouped into productions, each track classified
//! as score or song. Nothing here knows about the window.

pub mod album_title;
mod analyse;
pub mod category;
mod columns;
mod context;
pub mod cover;
pub mod demo;
pub mod edit;
mod grouping;
pub mod images;
pub mod loudness_store;
pub mod medium;
pub mod names;
mod parallel;
pub mod placement;
pub mod production;
pub mod recover;
mod rows;
pub mod scan;
pub mod store;
pub mod tags;
mod text;
pub mod track;
pub mod user_data;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use category::Category;
pub use edit::Edit;
pub use medium::Medium;
pub use production::{Production, ProductionKey};
pub use scan::{Problem, ScanProgress};
pub use store::{Store, StoredFile};
pub use tags::FileTags;
pub use track::{Track, TrackId, TrackKey};
pub use user_data::UserData;

use crate::cue::CueCode;
use crate::cue::sidecar::{self, Sidecar};
use analyse::Analysis;

/// Files are read and analysed in chunks of this many.
const CHUNK: usize = 2048;

/// The cores to analyse on (at most 8: more only costs memory).
fn cores() -> usize {
    std::thread::available_parallelism()
        .map(std::num::NonZeroUsize::get)
        .unwrap_or(1)
        .clamp(1, 8)
}

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
    /// Each production's index, by its key.
    by_key: HashMap<ProductionKey, usize>,
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
                tags: Box::new(tags),
                added: 0,
                image: None,
            })
            .collect();
        let mut problems = output.problems;
        let sidecars = parse_sidecars(output.sidecars, &mut problems);
        let images = images::Expander::new(output.cue_sheets);
        problems.extend(images.problems.iter().cloned());
        let files = images.expand(files, &mut problems);
        Library::build(files, problems, &sidecars, &UserData::default())
    }

    /// The library as the store holds it, with the user's changes applied.
    /// The files are analysed on other cores while the store is still being
    /// read, then put in path order.
    pub fn from_store(store: &Store, user: &UserData) -> Result<Library, String> {
        let mut problems = store.problems()?;
        let sidecars = parse_sidecars(store.sidecars()?, &mut problems);
        let images = images::Expander::new(store.cue_sheets()?);
        problems.extend(images.problems.iter().cloned());
        let image_problems = std::sync::Mutex::new(Vec::new());
        // The reading thread waits on SQLite more than it works: every core analyses.
        let path = store.path();
        let analysed = analyse::stream(
            user,
            cores(),
            |chunk: rows::RawChunk| {
                let files = chunk.decode().map_err(|e| store::bad_row(path, &e))?;
                // Images (a sheet beside the file or inside it) become their tracks.
                if images.is_empty() && !files.iter().any(|f| f.tags.cuesheet.is_some()) {
                    return Ok(files);
                }
                let mut found = Vec::new();
                let files = images.expand(files, &mut found);
                image_problems
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(found);
                Ok(files)
            },
            |send| store.load_each(CHUNK, send),
        )?;
        problems.extend(
            image_problems
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let files = analysed.len();
        Ok(Library::assemble(
            files,
            analysed.by_path(),
            problems,
            &sidecars,
            user,
        ))
    }

    /// Builds productions from files and their tags, places tracks with the
    /// cue sidecars, then applies the user's changes (categories, production
    /// titles and media, scene notes). Tracks keep the order of `files`.
    pub fn build(
        files: Vec<StoredFile>,
        problems: Vec<Problem>,
        sidecars: &[Sidecar],
        user: &UserData,
    ) -> Library {
        let analysed = analyse::stream(user, cores(), Ok, |send| {
            let mut files = files.into_iter();
            loop {
                let chunk: Vec<StoredFile> = files.by_ref().take(CHUNK).collect();
                if chunk.is_empty() {
                    return Ok::<(), std::convert::Infallible>(());
                }
                send(chunk);
            }
        });
        match analysed {
            Ok(analysed) => Library::assemble(
                analysed.len(),
                analysed.in_order(),
                problems,
                sidecars,
                user,
            ),
            // The source is a Vec: nothing above can fail.
            Err(e) => match e {},
        }
    }

    /// Groups analysed files into productions (in the order given), places
    /// tracks with the sidecars and applies the user's changes.
    fn assemble(
        files: usize,
        analysed: impl Iterator<Item = (StoredFile, Analysis)>,
        mut problems: Vec<Problem>,
        sidecars: &[Sidecar],
        user: &UserData,
    ) -> Library {
        let items: Vec<(StoredFile, Analysis)> = analysed.collect();
        let plan = grouping::plan(&items);
        let mut tracks = Vec::with_capacity(files);
        let mut own = Vec::with_capacity(files);
        // Groups in the order the plan's keys were met.
        let mut groups: Vec<Group> = plan
            .keys
            .iter()
            .map(|(key, other)| Group {
                key: key.clone(),
                other: *other,
                ..Group::default()
            })
            .collect();
        for (
            (
                StoredFile {
                    path,
                    mut tags,
                    added,
                    image,
                },
                a,
            ),
            (source, mate, index),
        ) in items.into_iter().zip(plan.files)
        {
            let group = &mut groups[index];
            // An episode code (S01E03, 1x03) in the title or album says TV.
            let episode_medium = a.placement.episode.map(|_| Medium::Tv);
            let folder_medium = production::medium_from_folders(&path);
            group.media.extend(
                source
                    .title
                    .medium
                    .or(episode_medium)
                    .or(a.genre_medium)
                    .or(folder_medium),
            );
            group.years.extend(tags.year.or(source.title.year));
            let album_kind = source.title.kind;
            own.push(context::Own {
                weight: a.own_weight,
                song_sign: a.song_sign,
                compilation: source.title.compilation,
                chosen: a.chosen,
            });
            group.titles.push(source);
            group.tracks.push(tracks.len());
            a.fill.apply(&mut tags);
            tracks.push(Track {
                path,
                title: a.title,
                tags,
                cue: a.cue,
                category: a.chosen.unwrap_or(Category::Unknown),
                category_from_user: a.chosen.is_some(),
                album_kind,
                added,
                placement: a.placement,
                image,
                context: category::Context::default(),
                from_folder_mates: mate,
            });
        }
        // Score or song, each production's tracks weighed together.
        let decided = parallel::map(
            groups
                .iter()
                .map(|g| (g.tracks.as_slice(), g.other))
                .collect(),
            cores(),
            |(ids, other)| context::categorise(&tracks, &own, ids, other),
        );
        for (id, category, context) in decided.into_iter().flatten() {
            tracks[id].category = category;
            tracks[id].context = context;
        }
        let placed_by = placement::apply_sidecars(&mut tracks, sidecars, &mut problems);
        for track in &mut tracks {
            if let Some(edit) = user.track(&track.path) {
                placement::apply_user(&mut track.placement, edit);
            }
        }
        let mut productions: Vec<Production> =
            parallel::map(groups, cores(), |group| group.production(&tracks, user));
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
            let edit = user.productions.get(production.key.as_str());
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
        }
        let timelines = parallel::map(
            productions.iter().map(|p| p.tracks.as_slice()).collect(),
            cores(),
            |ids| placement::timeline(&tracks, ids),
        );
        for (production, timeline) in productions.iter_mut().zip(timelines) {
            production.timeline = timeline;
        }
        // Compilations of film music: each theme found under its film too.
        let keys: HashMap<&str, usize> = productions
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key.as_str(), i))
            .collect();
        let mut also: Vec<(usize, TrackId)> = Vec::new();
        for (id, track) in tracks.iter().enumerate() {
            if track.context.compilation
                && let Some(film) = album_title::from_quoted(&track.title)
                && let Some(&index) = keys.get(production::grouping_key(&film).as_str())
            {
                also.push((index, id));
            }
        }
        for (index, id) in also {
            // A film named by a compilation of film music is a film.
            if productions[index].medium == Medium::Unknown
                && let Some(medium) = production_index
                    .get(id)
                    .and_then(|&p| productions.get(p))
                    .map(|p| p.medium)
                    .filter(|m| !matches!(m, Medium::Unknown | Medium::Other))
            {
                productions[index].medium = medium;
            }
            productions[index].also.push(id);
        }
        productions.sort_by_cached_key(|p| production::grouping_key(&p.title));
        production_index = vec![usize::MAX; tracks.len()];
        let mut by_key = HashMap::with_capacity(productions.len());
        for (index, production) in productions.iter().enumerate() {
            for &track in &production.tracks {
                production_index[track] = index;
            }
            let _ = by_key.insert(production.key.clone(), index);
        }
        Library {
            tracks,
            productions,
            problems,
            production_index,
            by_key,
        }
    }

    /// The index in [`Library::productions`] of the production known by `key`.
    pub fn production_by_key(&self, key: &ProductionKey) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Puts the production of `id` back in timeline order (a start time changed).
    pub fn retime(&mut self, id: TrackId) {
        if let Some(index) = self.production_index_of(id) {
            let order = placement::timeline(&self.tracks, &self.productions[index].tracks);
            self.productions[index].timeline = order;
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

/// The tracks of one production as they are gathered at load.
#[derive(Default)]
struct Group {
    key: String,
    /// Music that is not a soundtrack: one album.
    other: bool,
    titles: Vec<Arc<analyse::AlbumSource>>,
    media: Vec<Medium>,
    years: Vec<u32>,
    tracks: Vec<TrackId>,
}

impl Group {
    /// The production: tracks in album, disc and track order, the title most
    /// of its albums give (or the user's), medium, year, composers.
    fn production(self, tracks: &[Track], user: &UserData) -> Production {
        // Seasons and parts in their order ("OST Part.2" before "Pt. 10"),
        // then album, disc and track.
        let mut ids: Vec<(u32, TrackId)> = self
            .tracks
            .iter()
            .zip(&self.titles)
            .map(|(&id, source)| {
                let t = &source.title;
                (t.season.unwrap_or(0) * 1000 + t.part.unwrap_or(0), id)
            })
            .collect();
        ids.sort_by(|&(pa, a), &(pb, b)| {
            let (a, b) = (&tracks[a], &tracks[b]);
            (
                pa,
                &a.tags.album,
                a.tags.disc_number,
                a.tags.track_number,
                &a.title,
            )
                .cmp(&(
                    pb,
                    &b.tags.album,
                    b.tags.disc_number,
                    b.tags.track_number,
                    &b.title,
                ))
        });
        let ids: Vec<TrackId> = ids.into_iter().map(|(_, id)| id).collect();
        // Companions ("X: Awesome Mix") that joined X do not name it.
        let own = self
            .titles
            .iter()
            .filter(|a| a.title.companion_of.is_none());
        let named: Vec<&Arc<analyse::AlbumSource>> = if own.clone().next().is_some() {
            own.collect()
        } else {
            self.titles.iter().collect()
        };
        let derived = if self.other {
            ranked(named.iter().map(|a| &a.title.plain))
        } else {
            ranked(named.iter().map(|a| &a.title.production))
        }
        .into_iter()
        .next()
        .unwrap_or_default();
        // The user's changes are kept under the production's key.
        let edit = user.productions.get(&self.key);
        Production {
            key: ProductionKey::from_stored(&self.key),
            title: edit
                .and_then(|e| e.title.clone())
                .unwrap_or_else(|| derived.clone()),
            medium: edit.and_then(|e| e.medium).unwrap_or_else(|| {
                if self.other {
                    Medium::Other
                } else {
                    production::vote_medium(&self.media)
                }
            }),
            derived_title: derived,
            year: self.years.iter().min().copied(),
            composers: composers_of(tracks, &ids),
            albums: ranked(ids.iter().filter_map(|&i| tracks[i].tags.album.as_ref())),
            tracks: ids,
            timeline: Vec::new(),
            runtime: None,
            sidecars: Vec::new(),
            also: Vec::new(),
        }
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
            Ok(text) => match crate::guard::isolate(|| sidecar::parse(&path, &text)) {
                Ok(sidecar) => sidecars.push(sidecar),
                Err(reason) => problems.push(Problem {
                    path,
                    error: format!("the cue sidecar reader crashed on this file ({reason})"),
                }),
            },
            Err(error) => problems.push(Problem { path, error }),
        }
    }
    sidecars
}
