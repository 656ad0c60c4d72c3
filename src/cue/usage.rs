//! How a cue is used in its scene, and whether it is sung, as cue sheets say.

use serde::{Deserialize, Serialize};

/// The DDEX `CueUseType`, in the four kinds people tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueUse {
    /// Underscore: music under the scene, not noticed as such.
    Background,
    /// The scene stops for it: a montage, a performance.
    Featured,
    /// Opening or closing titles, a signature theme.
    Theme,
    /// Heard inside the scene: a radio, a band, a jukebox.
    Source,
}

/// The DDEX `CueVocalType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vocal {
    /// No singing.
    Instrumental,
    /// Sung.
    Vocal,
}

impl CueUse {
    /// Every kind, as written in a sidecar.
    pub const ALL: [CueUse; 4] = [
        CueUse::Background,
        CueUse::Featured,
        CueUse::Theme,
        CueUse::Source,
    ];

    /// The name written in sidecars and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CueUse::Background => "background",
            CueUse::Featured => "featured",
            CueUse::Theme => "theme",
            CueUse::Source => "source",
        }
    }

    /// Reads a sidecar's `use`; "underscore" and "signature" are the other names people use.
    pub fn parse(text: &str) -> Option<CueUse> {
        match text.trim().to_ascii_lowercase().as_str() {
            "underscore" => Some(CueUse::Background),
            "signature" => Some(CueUse::Theme),
            other => CueUse::ALL.into_iter().find(|u| u.as_str() == other),
        }
    }
}

impl Vocal {
    /// The name written in sidecars and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Vocal::Instrumental => "instrumental",
            Vocal::Vocal => "vocal",
        }
    }

    /// Reads a sidecar's `vocal`.
    pub fn parse(text: &str) -> Option<Vocal> {
        match text.trim().to_ascii_lowercase().as_str() {
            "instrumental" => Some(Vocal::Instrumental),
            "vocal" => Some(Vocal::Vocal),
            _ => None,
        }
    }
}
