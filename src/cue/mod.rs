//! Cues: where a piece of music sits in its production.

pub mod code;

pub use code::CueCode;
