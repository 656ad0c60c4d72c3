//! Leitmotif: a music player for soundtracks.
//!
//! The domain (`library`, `cue`, `playback`, `loudness`, `playlist`, `lyrics`)
//! knows nothing of the window; `server` brings a Subsonic server's music into the
//! library and the player; the `gui` draws it and the `cli` runs it without one.

// Unit tests compare exact values and samples; pedantic is checked on the shipped code
// (the same files, built without cfg(test), in every clippy run).
#![cfg_attr(test, allow(clippy::pedantic))]

pub mod cli;
pub mod cue;
pub mod cuesheet;
pub mod desktop;
pub mod files;
pub mod guard;
pub mod gui;
pub mod library;
pub mod logging;
pub mod loudness;
pub mod lyrics;
pub mod memory;
pub mod paths;
pub mod playback;
pub mod playlist;
pub mod probe;
pub mod server;
#[cfg(test)]
pub(crate) mod testing;
