//! The library pipeline: from analysed files to the library shown, in
//! named stages, in this order. Every loader (the store, a scan, files in
//! memory) analyses its files (`analyse.rs`, while they are read) and hands
//! them to [`run`].
//!
//! 1. [`group`]: each file joins its production (`grouping.rs`: album
//!    titles, folder-mates, companions, other music) and becomes a track.
//! 2. [`categorise`]: score or song, each production's tracks weighed
//!    together (`context.rs`).
//! 3. place sidecars: `cues.toml` files put cues in their scenes
//!    (`placement.rs`).
//! 4. [`apply_user_edits`]: the user's scene notes and start times.
//! 5. [`productions`]: each group becomes a production (title, medium,
//!    year, composers, track order), with the user's title and medium, then
//!    what a sidecar's `[production]` says.
//! 6. [`number_tv_cues`]: TV cue sheets' 101, 102... read as cue codes.
//! 7. [`timelines`] and [`compilations`] (themes also found under their film).
//! 8. [`index`]: productions in title order, each track's production and
//!    each key's production looked up in one step.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::analyse::{self, Analysis};
use super::sidecar::Sidecar;
use super::{
    Category, Library, Medium, Problem, Production, ProductionKey, StoredFile, Track, TrackId,
    UserData, album_title, category, context, grouping, placement, production,
};
use crate::cue::CueCode;

/// Runs every stage over analysed files (in the order given).
pub fn run(
    analysed: analyse::Ordered,
    mut problems: Vec<Problem>,
    sidecars: &[Sidecar],
    user: &UserData,
) -> Library {
    let Grouped {
        mut tracks,
        groups,
        own,
    } = group(analysed);
    categorise(&mut tracks, &own, &groups);
    let placed_by = placement::apply_sidecars(&mut tracks, sidecars, &mut problems);
    apply_user_edits(&mut tracks, user);
    let mut productions = productions(groups, &tracks, user, sidecars, &placed_by);
    number_tv_cues(&productions, &mut tracks);
    timelines(&mut productions, &tracks);
    compilations(&mut productions, &tracks);
    index(tracks, productions, problems)
}

/// Tracks, and the groups they make, before they are weighed.
struct Grouped {
    tracks: Vec<Track>,
    groups: Vec<Group>,
    /// What each track says for itself, for the weighing.
    own: Vec<context::Own>,
}

/// Stage 1: each file joins its production's group and becomes a track.
fn group(analysed: analyse::Ordered) -> Grouped {
    let files = analysed.len();
    // The plan looks at the files where the analysis left them; they are
    // moved once, into their tracks.
    let plan = {
        let mut items: Vec<(&StoredFile, &Analysis)> = Vec::with_capacity(files);
        items.extend(analysed.iter());
        grouping::plan(&items)
    };
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
    // What each group gathers, from what the files said (in place, on this
    // core: small values, no tags reached into).
    let mut kinds = Vec::with_capacity(files);
    for (id, ((_, a), (source, mate, index))) in analysed.iter().zip(plan.files).enumerate() {
        own.push(context::Own {
            weight: a.own_weight,
            song_sign: a.song_sign,
            compilation: source.title.compilation,
            chosen: a.chosen,
            score_folder: a.score_folder,
            weighed: a.weighed,
        });
        kinds.push((source.title.kind, mate));
        // The plan's indices are its own keys'.
        if let Some(group) = groups.get_mut(index) {
            // An episode code (S01E03, 1x03) in the title or album says TV.
            let episode_medium = a.placement.episode.map(|_| Medium::Tv);
            group.media.extend(
                source
                    .title
                    .medium
                    .or(episode_medium)
                    .or(a.genre_medium)
                    .or(a.folder_medium),
            );
            group.years.extend(a.year.or(source.title.year));
            group.titles.push(source);
            group.tracks.push(id);
        }
    }
    // The files moved into their tracks, on every core.
    let tracks = analysed.map_in_order(
        &kinds,
        |StoredFile {
             path,
             mut tags,
             added,
             image,
         },
         a,
         &(album_kind, mate)| {
            a.fill.apply(&mut tags);
            Track {
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
            }
        },
    );
    Grouped {
        tracks,
        groups,
        own,
    }
}

/// Stage 2: score or song, each production's tracks weighed together.
fn categorise(tracks: &mut [Track], own: &[context::Own], groups: &[Group]) {
    let decided: Vec<_> = groups
        .par_iter()
        .map(|g| context::categorise(tracks, own, &g.tracks, g.other))
        .collect();
    for (id, category, context) in decided.into_iter().flatten() {
        tracks[id].category = category;
        tracks[id].context = context;
    }
}

/// Stage 4: the user's scene notes and start times, over the sidecars'.
fn apply_user_edits(tracks: &mut [Track], user: &UserData) {
    for track in tracks {
        if let Some(edit) = user.track(&track.path) {
            placement::apply_user(&mut track.placement, edit);
        }
    }
}

/// Stage 5: the productions, with the user's titles and media, then what
/// a sidecar's `[production]` says where the user said nothing.
fn productions(
    groups: Vec<Group>,
    tracks: &[Track],
    user: &UserData,
    sidecars: &[Sidecar],
    placed_by: &[Vec<TrackId>],
) -> Vec<Production> {
    let mut productions: Vec<Production> = groups
        .into_par_iter()
        .map(|group| group.production(tracks, user))
        .collect();
    let owner = owners(tracks.len(), &productions);
    for (sidecar, placed) in sidecars.iter().zip(placed_by) {
        let Some(&index) = placed.first().and_then(|&t| owner.get(t)) else {
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
    productions
}

/// Each track's production (`usize::MAX` for none).
fn owners(tracks: usize, productions: &[Production]) -> Vec<usize> {
    let mut owner = vec![usize::MAX; tracks];
    for (index, production) in productions.iter().enumerate() {
        for &track in &production.tracks {
            owner[track] = index;
        }
    }
    owner
}

/// Stage 6: TV cue sheets number cues 101, 102...: a TV track's first word
/// may be one.
fn number_tv_cues(productions: &[Production], tracks: &mut [Track]) {
    for production in productions.iter().filter(|p| p.medium == Medium::Tv) {
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

/// Stage 7a: each production's tracks in the order they are heard.
fn timelines(productions: &mut [Production], tracks: &[Track]) {
    let timelines: Vec<_> = productions
        .par_iter()
        .map(|p| placement::timeline(tracks, &p.tracks))
        .collect();
    for (production, timeline) in productions.iter_mut().zip(timelines) {
        production.timeline = timeline;
    }
}

/// Stage 7b: compilations of film music: each theme found under its film
/// too, and a film named by such a compilation is a film.
fn compilations(productions: &mut [Production], tracks: &[Track]) {
    let owner = owners(tracks.len(), productions);
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
        if productions[index].medium == Medium::Unknown
            && let Some(medium) = owner
                .get(id)
                .and_then(|&p| productions.get(p))
                .map(|p| p.medium)
                .filter(|m| !matches!(m, Medium::Unknown | Medium::Other))
        {
            productions[index].medium = medium;
        }
        productions[index].also.push(id);
    }
}

/// Stage 8: productions in title order, and the look-ups a frame uses.
fn index(tracks: Vec<Track>, mut productions: Vec<Production>, problems: Vec<Problem>) -> Library {
    productions.sort_by_cached_key(|p| production::grouping_key(&p.title));
    let production_index = owners(tracks.len(), &productions);
    let by_key = productions
        .iter()
        .enumerate()
        .map(|(index, p)| (p.key.clone(), index))
        .collect();
    Library {
        tracks,
        productions,
        problems,
        production_index,
        by_key,
        offline: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::super::{FileTags, StoredFile};
    use super::*;
    use std::path::PathBuf;

    fn file(path: &str) -> StoredFile {
        StoredFile::unstored(
            PathBuf::from(path),
            FileTags {
                title: Some("Night Drive".into()),
                album: Some("Harrowgate (Original Motion Picture Soundtrack)".into()),
                artists: vec!["Ada Vale".into()],
                ..FileTags::default()
            },
        )
    }

    #[test]
    fn a_folder_of_scores_weighs_for_score() {
        let category = |path: &str| {
            Library::build(vec![file(path)], Vec::new(), &[], &UserData::default()).tracks[0]
                .category
        };
        assert_eq!(
            category("/m/Film Scores/Harrowgate/01.flac"),
            Category::Score
        );
        assert_eq!(category("/m/Music/Harrowgate/01.flac"), Category::Unknown);
    }
}
