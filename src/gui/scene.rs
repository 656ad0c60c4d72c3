//! Scene notes written in the window, playing along the timeline, and
//! exporting a production's cues to its sidecars.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::App;
use crate::cue::sidecar::{self, ExportCue};
use crate::cue::time;
use crate::library::{Edit, Library, ProductionKey, TrackId, TrackKey};

/// The scene note being written for a track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SceneEdit {
    /// The track it is for, by its file: a reload may move it in the library.
    pub track: PathBuf,
    /// The scene text.
    pub scene: String,
    /// The start time as typed.
    pub start: String,
    /// Why the start time could not be kept.
    pub error: Option<String>,
}

impl App {
    /// Plays the production of `key` in timeline order, from it.
    pub(super) fn play_timeline(&mut self, key: &TrackKey) {
        let Some(id) = self.track_of(key.path()) else {
            return;
        };
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
        let Some(id) = self.playing() else { return };
        let Some(track) = self.library.as_ref().and_then(|l| l.tracks.get(id)) else {
            return;
        };
        self.scene_edit = Some(SceneEdit {
            track: track.path.clone(),
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
        let saved = self.edit(Edit::Scene {
            path: edit.track,
            scene: edit.scene,
            start,
        });
        if saved {
            self.scene_edit = None;
        }
    }

    /// Writes the production's cues into a `cues.toml` in each folder that
    /// holds its tracks (or the sidecar that already placed them), keeping a
    /// backup of any file replaced.
    pub(super) fn export_cues(&mut self, key: &ProductionKey) {
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
        let Some(index) = library.production_by_key(key) else {
            self.notice = Some("That production is no longer in the library.".into());
            return;
        };
        self.notice = Some(match export(library, index) {
            Ok(written) => written.join(" "),
            Err(e) => format!("Cues were not exported: {e}. Your notes are kept in Leitmotif."),
        });
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
