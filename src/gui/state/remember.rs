//! What the window remembers between runs: its size and position and the
//! last view (the medium filter, the problems list). Kept with serde in the
//! platform's config folder (`~/.config/leitmotif/window.json`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::library::Medium;

/// The window's size and place, and the view it showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// Width in logical pixels.
    pub width: f32,
    /// Height in logical pixels.
    pub height: f32,
    /// Left edge on the screen, when the window system said.
    pub x: Option<f32>,
    /// Top edge on the screen.
    pub y: Option<f32>,
    /// The medium the library was filtered to.
    pub filter: Option<Medium>,
    /// Whether the problems list was showing.
    pub problems: bool,
    /// How productions were ordered.
    pub sort: super::browse::Sort,
    /// Productions shown as a grid of covers.
    pub grid: bool,
}

impl Default for Remembered {
    fn default() -> Remembered {
        Remembered {
            width: 1100.0,
            height: 760.0,
            x: None,
            y: None,
            filter: None,
            problems: false,
            sort: super::browse::Sort::Title,
            grid: false,
        }
    }
}

impl Remembered {
    /// Where it is kept.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "leitmotif")
            .map(|dirs| dirs.config_dir().join("window.json"))
    }

    /// Reads it; anything missing or unreadable gives the defaults (it is only
    /// the window's geometry), and sizes are kept within reason.
    pub fn load(path: &Path) -> Remembered {
        let mut r: Remembered = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let sane = |v: f32, min: f32, default: f32| {
            if v.is_finite() && v >= min && v <= 16_384.0 {
                v
            } else {
                default
            }
        };
        let default = Remembered::default();
        r.width = sane(r.width, 480.0, default.width);
        r.height = sane(r.height, 360.0, default.height);
        let place = |v: Option<f32>| v.filter(|v| v.is_finite() && v.abs() <= 16_384.0);
        r.x = place(r.x);
        r.y = place(r.y);
        r
    }

    /// Writes it atomically (a temporary file renamed over the old one).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        crate::files::write_atomically(path, text.as_bytes())
            .map_err(|e| format!("cannot save {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_nonsense() {
        let dir = std::env::temp_dir().join(format!("leitmotif-window-{}", std::process::id()));
        let path = dir.join("window.json");
        let r = Remembered {
            width: 900.0,
            height: 640.0,
            x: Some(40.0),
            y: Some(-20.0),
            filter: Some(Medium::Game),
            problems: true,
            sort: super::super::browse::Sort::Added,
            grid: true,
        };
        r.save(&path).expect("save");
        assert_eq!(Remembered::load(&path), r);
        std::fs::write(
            &path,
            r#"{"width": 1e9, "height": -5, "x": 1e30, "filter": "tv"}"#,
        )
        .expect("write");
        let odd = Remembered::load(&path);
        assert_eq!((odd.width, odd.height, odd.x), (1100.0, 760.0, None));
        assert_eq!(odd.filter, Some(Medium::Tv));
        std::fs::write(&path, "garbage").expect("write");
        assert_eq!(Remembered::load(&path), Remembered::default());
        let _ = std::fs::remove_dir_all(dir);
    }
}
