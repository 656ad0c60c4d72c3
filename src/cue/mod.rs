//! Cues: where a piece of music sits in its production.

pub mod code;
pub mod episode;

pub use code::CueCode;
pub use episode::Episode;
