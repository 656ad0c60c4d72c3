//! Where a track plays in its production: the scene, the start time, the
//! episode, the use. Three sources, each overriding the one before: the tags,
//! a cue sidecar, and the user's own notes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::scan::Problem;
use super::tags::FileTags;
use super::track::{Track, TrackId};
use super::user_data::TrackEdit;
use crate::cue::{CueCode, CueUse, Episode, Vocal};
use crate::library::sidecar::Sidecar;

/// Where a piece of text or a time came from, shown beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A tag, by its name ("description").
    Tag(&'static str),
    /// A cue sidecar, with the line of the cue.
    Sidecar(PathBuf, usize),
    /// The user's own note.
    You,
}

impl Source {
    /// "description tag", "cues.toml, line 12", "your note".
    pub fn label(&self) -> String {
        match self {
            Source::Tag(name) => format!("{name} tag"),
            Source::Sidecar(path, line) => format!(
                "{}, line {line}",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            Source::You => "your note".into(),
        }
    }
}

/// Everything known of where a track plays.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placement {
    /// What happens on screen while it plays.
    pub scene: Option<String>,
    /// Where the scene text came from.
    pub scene_from: Option<Source>,
    /// Where the cue starts in the production.
    pub start: Option<Duration>,
    /// Where the start time came from.
    pub start_from: Option<Source>,
    /// How long it is heard in the production.
    pub length: Option<Duration>,
    /// Background, featured, theme or source.
    pub cue_use: Option<CueUse>,
    /// Instrumental or vocal.
    pub vocal: Option<Vocal>,
    /// The TV episode.
    pub episode: Option<Episode>,
    /// Where in a game it plays (area, level, menu), or a work's movement.
    pub context: Option<String>,
    /// The sidecar entry that placed it, if any.
    pub sidecar: Option<(PathBuf, usize)>,
}

/// What the tags say: the description or comment as the scene, the episode
/// code of the title or album, the grouping or work and movement as context.
pub fn from_tags(title: &str, tags: &FileTags) -> Placement {
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let (scene, scene_from) = match (text(&tags.description), text(&tags.comment)) {
        (Some(d), _) => (Some(d), Some(Source::Tag("description"))),
        (None, Some(c)) => (Some(c), Some(Source::Tag("comment"))),
        (None, None) => (None, None),
    };
    let work = match (text(&tags.work), text(&tags.movement)) {
        (Some(w), Some(m)) => Some(format!("{w}: {m}")),
        (w, m) => w.or(m),
    };
    Placement {
        scene,
        scene_from,
        // "S02E04 closing credits" in a DESCRIPTION or COMMENT says the episode too.
        episode: Episode::find_in(title)
            .or_else(|| tags.album.as_deref().and_then(Episode::find_in))
            .or_else(|| tags.description.as_deref().and_then(Episode::find_in))
            .or_else(|| tags.comment.as_deref().and_then(Episode::find_in)),
        context: text(&tags.grouping).or(work),
        ..Placement::default()
    }
}

/// Applies the user's scene note and start time.
pub fn apply_user(placement: &mut Placement, edit: &TrackEdit) {
    if let Some(scene) = edit.scene.as_deref().map(str::trim) {
        // An empty note clears what the tags or a sidecar said.
        placement.scene = (!scene.is_empty()).then(|| scene.to_string());
        placement.scene_from = Some(Source::You);
    }
    if let Some(ms) = edit.start_ms {
        placement.start = Some(Duration::from_millis(ms));
        placement.start_from = Some(Source::You);
    }
}

/// Matches each sidecar's cues to tracks under the sidecar's folder (by file,
/// else cue code, else title) and places them. Returns, per sidecar, the
/// tracks it placed. Cues that match nothing and bad values become problems
/// naming the sidecar and line.
pub fn apply_sidecars(
    tracks: &mut [Track],
    sidecars: &[Sidecar],
    problems: &mut Vec<Problem>,
) -> Vec<Vec<TrackId>> {
    if sidecars.is_empty() {
        return Vec::new();
    }
    // Paths sort component by component, so a folder's tracks are one run.
    let mut by_path: Vec<(&Path, TrackId)> = Vec::new();
    let paths: Vec<PathBuf> = tracks.iter().map(|t| t.path.clone()).collect();
    by_path.extend(paths.iter().enumerate().map(|(i, p)| (p.as_path(), i)));
    by_path.sort();
    let mut placed_by = Vec::with_capacity(sidecars.len());
    for sidecar in sidecars {
        let report = |problems: &mut Vec<Problem>, error: String| {
            problems.push(Problem {
                path: sidecar.path.clone(),
                error,
            });
        };
        for warning in &sidecar.warnings {
            report(problems, warning.clone());
        }
        let folder = sidecar.path.parent().unwrap_or(Path::new(""));
        let from = by_path.partition_point(|(p, _)| *p < folder);
        let to = from + by_path[from..].partition_point(|(p, _)| p.starts_with(folder));
        let candidates: Vec<TrackId> = by_path[from..to].iter().map(|&(_, i)| i).collect();
        let mut placed = Vec::new();
        for cue in &sidecar.cues {
            let found = if let Some(file) = &cue.file {
                candidates
                    .iter()
                    .copied()
                    .find(|&i| tracks[i].path == *file)
            } else if let Some(code) = cue.code {
                candidates
                    .iter()
                    .copied()
                    .find(|&i| tracks[i].cue.is_some_and(|c| same_code(c, code)))
            } else if let Some(title) = &cue.title {
                candidates.iter().copied().find(|&i| {
                    tracks[i].title_without_cue().eq_ignore_ascii_case(title)
                        || tracks[i].title.eq_ignore_ascii_case(title)
                })
            } else {
                continue;
            };
            let Some(id) = found else {
                let named = cue
                    .file
                    .as_ref()
                    .map(|f| format!("file {}", f.display()))
                    .or(cue.code.map(|c| format!("code {c}")))
                    .or(cue.title.as_ref().map(|t| format!("title \"{t}\"")))
                    .unwrap_or_default();
                report(
                    problems,
                    format!(
                        "line {}: no track in {} has the {named}; check the spelling or rescan",
                        cue.line,
                        folder.display()
                    ),
                );
                continue;
            };
            let track = &mut tracks[id];
            let p = &mut track.placement;
            let here = Source::Sidecar(sidecar.path.clone(), cue.line);
            if cue.scene.is_some() {
                p.scene.clone_from(&cue.scene);
                p.scene_from = Some(here.clone());
            }
            if cue.start.is_some() {
                p.start = cue.start;
                p.start_from = Some(here.clone());
            }
            p.length = cue.length.or(p.length);
            p.cue_use = cue.cue_use.or(p.cue_use);
            p.vocal = cue.vocal.or(p.vocal);
            p.episode = cue.episode.or(p.episode);
            if cue.context.is_some() {
                p.context.clone_from(&cue.context);
            }
            p.sidecar = Some((sidecar.path.clone(), cue.line));
            if track.cue.is_none() {
                track.cue = cue.code;
            }
            placed.push(id);
        }
        placed_by.push(placed);
    }
    placed_by
}

/// Codes are the same cue whether written `101` or `1M1`.
fn same_code(a: CueCode, b: CueCode) -> bool {
    (a.reel, a.cue, a.insert) == (b.reel, b.cue, b.insert)
}

/// The order of a production's cues in its timeline: by episode, then by
/// start time where known, then by cue code, then in album order. Returns the
/// ids sorted; `tracks` is the production's list in album order.
pub fn timeline(all: &[Track], tracks: &[TrackId]) -> Vec<TrackId> {
    let mut order: Vec<(usize, TrackId)> = tracks.iter().copied().enumerate().collect();
    // A total order (a key per track): tracks without a code come after coded ones.
    order.sort_by_key(|&(position, id)| {
        let (track, p) = (&all[id], &all[id].placement);
        (
            p.episode,
            p.start.is_none(),
            p.start,
            track.cue.is_none(),
            track.cue.map(|c| (c.reel, c.cue, c.insert)),
            position,
        )
    });
    order.into_iter().map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::sidecar;

    fn track(path: &str, title: &str) -> Track {
        Track {
            path: PathBuf::from(path),
            title: title.into(),
            tags: Box::default(),
            cue: CueCode::find_in(title),
            category: crate::library::Category::Score,
            category_from_user: false,
            album_kind: None,
            added: 0,
            placement: Placement::default(),
            image: None,
            context: crate::library::category::Context::default(),
            from_folder_mates: false,
        }
    }

    #[test]
    fn tags_give_scene_episode_and_context() {
        let tags = FileTags {
            comment: Some(" Plays over the credits ".into()),
            work: Some("Suite".into()),
            movement: Some("II. Night".into()),
            album: Some("Show S02E05 Score".into()),
            ..FileTags::default()
        };
        let p = from_tags("Finale", &tags);
        assert_eq!(p.scene.as_deref(), Some("Plays over the credits"));
        assert_eq!(p.scene_from.map(|s| s.label()), Some("comment tag".into()));
        assert_eq!(p.episode.map(|e| e.to_string()), Some("S02E05".into()));
        assert_eq!(p.context.as_deref(), Some("Suite: II. Night"));
    }

    #[test]
    fn sidecars_place_tracks_in_their_folder_only() {
        let mut tracks = vec![
            track("/m/Film/01 1M1 Landing.flac", "1M1 Landing"),
            track("/m/Film/02 Signal.flac", "2M3 The Signal"),
            track("/m/Film/Songs/03 Radio.flac", "Radio Song"),
            track("/m/Other/01 1M1 Elsewhere.flac", "1M1 Elsewhere"),
        ];
        let text = r#"
[[cue]]
file = "01 1M1 Landing.flac"
start = "00:02:10"
scene = "Touchdown"

[[cue]]
code = "2M3"
start = "00:20:00"
use = "source"

[[cue]]
title = "radio song"
scene = "On the car radio"

[[cue]]
code = "9M9"
"#;
        let sc = sidecar::parse(Path::new("/m/Film/cues.toml"), text);
        let mut problems = Vec::new();
        let placed = apply_sidecars(&mut tracks, &[sc], &mut problems);
        assert_eq!(placed, vec![vec![0, 1, 2]]);
        assert_eq!(tracks[0].placement.scene.as_deref(), Some("Touchdown"));
        assert_eq!(
            tracks[0].placement.scene_from.as_ref().map(Source::label),
            Some("cues.toml, line 2".into())
        );
        assert_eq!(tracks[1].placement.start, Some(Duration::from_secs(1200)));
        assert_eq!(tracks[1].placement.cue_use, Some(CueUse::Source));
        assert_eq!(
            tracks[2].placement.scene.as_deref(),
            Some("On the car radio")
        );
        // The same code in another folder is not touched.
        assert_eq!(tracks[3].placement, Placement::default());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .error
                .starts_with("line 16: no track in /m/Film has the code 9M9"),
            "{problems:?}"
        );

        // The user's note wins over the sidecar; an empty note clears it.
        let edit = TrackEdit {
            scene: Some("My own words".into()),
            start_ms: Some(5_000),
            ..TrackEdit::default()
        };
        apply_user(&mut tracks[0].placement, &edit);
        assert_eq!(tracks[0].placement.scene.as_deref(), Some("My own words"));
        assert_eq!(tracks[0].placement.start_from, Some(Source::You));
        apply_user(
            &mut tracks[1].placement,
            &TrackEdit {
                scene: Some(" ".into()),
                ..TrackEdit::default()
            },
        );
        assert_eq!(tracks[1].placement.scene, None);
    }

    #[test]
    fn timeline_orders_by_episode_start_then_code() {
        let mut tracks = vec![
            track("/a", "3M1 Late"),
            track("/b", "1M1 Early"),
            track("/c", "No code"),
            track("/d", "2M1 Timed"),
        ];
        tracks[3].placement.start = Some(Duration::from_secs(10));
        tracks[0].placement.episode = Episode::parse("S01E02");
        let order = timeline(&tracks, &[0, 1, 2, 3]);
        // No episode before S01E02; timed before untimed; then by code, then album order.
        assert_eq!(order, vec![3, 1, 2, 0]);
    }
}
