//! What playback was doing when the app quit, so the next start can pick it
//! up paused at the same place.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::queue::Repeat;

/// The player's state worth keeping between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resume {
    /// The queue, in list order.
    pub items: Vec<PathBuf>,
    /// Index in `items` of the current track.
    pub current: Option<usize>,
    /// Position in the current track, in milliseconds.
    pub position_ms: u64,
    /// Volume, 0.0 to 1.0.
    pub volume: f32,
    /// Muted.
    pub muted: bool,
    /// Shuffle on.
    pub shuffle: bool,
    /// Repeat mode.
    pub repeat: Repeat,
}

impl Default for Resume {
    fn default() -> Self {
        Resume {
            items: Vec::new(),
            current: None,
            position_ms: 0,
            volume: 1.0,
            muted: false,
            shuffle: false,
            repeat: Repeat::Off,
        }
    }
}

impl Resume {
    /// The file in the user's state folder (`~/.local/state/leitmotif/playback.json`).
    pub fn default_path() -> Option<PathBuf> {
        let dirs = directories::ProjectDirs::from("", "", "leitmotif")?;
        Some(
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_local_dir())
                .join("playback.json"),
        )
    }

    /// Reads the saved state; `None` when there is none or it cannot be read
    /// (a damaged file is not worth stopping for: playback starts empty).
    pub fn load(path: &Path) -> Option<Resume> {
        let text = std::fs::read_to_string(path).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Saves atomically: a crash leaves the old file or the new one, whole.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        crate::files::write_atomically(path, text.as_bytes())
            .map_err(|e| format!("cannot save the playback state in {}: {e}", path.display()))
    }
}
