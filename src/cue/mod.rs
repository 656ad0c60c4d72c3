//! Cues: where a piece of music sits in its production.

pub mod code;
pub mod episode;
pub mod time;
pub mod usage;

pub use code::CueCode;
pub use episode::Episode;
pub use usage::{CueUse, Vocal};
