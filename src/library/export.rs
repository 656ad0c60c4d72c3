//! Exporting a production's cues: what the user and the sidecars placed
//! (scene, start, length, use, episode) written into a `cues.toml` in each
//! folder that holds its tracks (or the sidecar that already placed them),
//! keeping a backup of any file replaced.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::sidecar::{self, ExportCue};
use super::{Library, TrackId};

/// Writes the sidecars of production `index`; returns a sentence per file written.
pub fn export_cues(library: &Library, index: usize) -> Result<Vec<String>, String> {
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
        let existing = if target.exists() {
            Some(sidecar::read_text(&target).map_err(|e| format!("{}: {e}", target.display()))?)
        } else {
            None
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
