//! Scene notes written in the window, playing along the timeline, and
//! exporting a production's cues to its sidecars.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::App;
use crate::cue::sidecar::{self, ExportCue};
use crate::cue::time;
use crate::library::{Library, TrackId, placement};

/// The scene note being written for a track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SceneEdit {
    /// The track it is for.
    pub track: TrackId,
    /// The scene text.
    pub scene: String,
    /// The start time as typed.
    pub start: String,
    /// Why the start time could not be kept.
    pub error: Option<String>,
}

impl App {
    /// Plays the production of `id` in timeline order, from `id`.
    pub(super) fn play_timeline(&mut self, id: TrackId) {
        let Some(order) = self
            .library
            .as_ref()
            .and_then(|l| l.production_of(id))
            .map(|p| p.timeline.clone())
        else {
            return;
        };
        let start = order.iter().position(|&t| t == id).unwrap_or(0);
        self.play_ids(&order, start);
    }

    /// Opens the note editor on the playing track, filled with what is known.
    pub(super) fn edit_scene(&mut self) {
        let Some(id) = self.now.track else { return };
        let Some(track) = self.library.as_ref().and_then(|l| l.tracks.get(id)) else {
            return;
        };
        self.scene_edit = Some(SceneEdit {
            track: id,
            scene: track.placement.scene.clone().unwrap_or_default(),
            start: track
                .placement
                .start
                .map(time::format_exact)
                .unwrap_or_default(),
            error: None,
        });
    }

    /// Keeps the note: in the library shown, and at once in the user's file.
    pub(super) fn save_scene(&mut self) {
        let Some(edit) = self.scene_edit.clone() else {
            return;
        };
        let start = match edit.start.trim() {
            "" => None,
            text => match time::parse(text) {
                Ok(t) => Some(t),
                Err(e) => {
                    if let Some(open) = &mut self.scene_edit {
                        open.error = Some(e);
                    }
                    return;
                }
            },
        };
        let Some(library) = &mut self.library else {
            return;
        };
        let library = Arc::make_mut(library);
        let Some(track) = library.tracks.get_mut(edit.track) else {
            return;
        };
        let note = self.user.track_mut(&track.path);
        note.scene = Some(edit.scene.trim().to_string());
        note.start_ms = start.map(|s| s.as_millis() as u64);
        if start.is_none() && track.placement.start_from == Some(placement::Source::You) {
            // The user cleared the start time they had set.
            track.placement.start = None;
            track.placement.start_from = None;
        }
        placement::apply_user(&mut track.placement, note);
        retime(library, edit.track);
        if let Some(hay) = self.haystacks.get_mut(edit.track) {
            *hay = super::shelf::haystack(&library.tracks[edit.track]);
        }
        self.refresh_shelf();
        if self.save_user() {
            self.scene_edit = None;
        }
    }

    /// Writes the production's cues into a `cues.toml` in each folder that
    /// holds its tracks (or the sidecar that already placed them), keeping a
    /// backup of any file replaced.
    pub(super) fn export_cues(&mut self, index: usize) {
        let Some(library) = self.library.as_deref() else {
            return;
        };
        if self.demo {
            self.notice = Some(
                "The demo library is read-only: add a folder of your own to export its cues."
                    .into(),
            );
            return;
        }
        self.notice = Some(match export(library, index) {
            Ok(written) => written.join(" "),
            Err(e) => format!("Cues were not exported: {e}. Your notes are kept in Leitmotif."),
        });
    }
}

/// Puts the production of `id` back in timeline order after a start time changed.
fn retime(library: &mut Library, id: TrackId) {
    if let Some(index) = library.production_index_of(id) {
        let order = placement::timeline(&library.tracks, &library.productions[index].tracks);
        library.productions[index].timeline = order;
    }
}

/// Writes the sidecars of production `index`; returns a sentence per file written.
pub fn export(library: &Library, index: usize) -> Result<Vec<String>, String> {
    let production = library
        .productions
        .get(index)
        .ok_or_else(|| "that production is gone".to_string())?;
    // Each track goes to the sidecar that placed it, else one above it, else its own folder's.
    let mut targets: BTreeMap<PathBuf, Vec<TrackId>> = BTreeMap::new();
    for &id in &production.timeline {
        let track = &library.tracks[id];
        let folder = track.path.parent().unwrap_or(Path::new("/"));
        let target = track
            .placement
            .sidecar
            .as_ref()
            .map(|(path, _)| path.clone())
            .or_else(|| {
                production
                    .sidecars
                    .iter()
                    .find(|s| s.parent().is_some_and(|d| folder.starts_with(d)))
                    .cloned()
            })
            .unwrap_or_else(|| folder.join(sidecar::FILE_NAME));
        targets.entry(target).or_default().push(id);
    }
    let mut written = Vec::new();
    for (target, ids) in targets {
        let folder = target.parent().unwrap_or(Path::new("/"));
        let cues: Vec<ExportCue> = ids
            .iter()
            .filter_map(|&id| {
                let t = &library.tracks[id];
                let file = t.path.strip_prefix(folder).ok()?;
                Some(ExportCue {
                    file: file.to_string_lossy().into_owned(),
                    title: Some(t.title_without_cue().to_string()),
                    code: t.cue,
                    start: t.placement.start,
                    length: t.placement.length,
                    scene: t.placement.scene.clone(),
                    cue_use: t.placement.cue_use,
                    vocal: t.placement.vocal,
                    episode: t.placement.episode,
                })
            })
            .collect();
        let existing = match target.exists() {
            true => Some(
                sidecar::read_text(&target).map_err(|e| format!("{}: {e}", target.display()))?,
            ),
            false => None,
        };
        let text = sidecar::export_text(
            existing.as_deref(),
            &production.title,
            production.medium,
            production.runtime,
            &cues,
        )
        .map_err(|e| format!("{}: {e}", target.display()))?;
        let backup = sidecar::write_with_backup(&target, &text)?;
        written.push(match backup {
            Some(backup) => format!(
                "Exported {} cues to {} (the old file is kept as {}).",
                cues.len(),
                target.display(),
                backup
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            None => format!("Exported {} cues to {}.", cues.len(), target.display()),
        });
    }
    Ok(written)
}
