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
pub mod paths;
pub mod playback;
pub mod playlist;
pub mod probe;
pub mod server;
#[cfg(test)]
pub(crate) mod testing;

/// mimalloc in place of the C library's allocator: the library is tens of
/// thousands of small strings made on several threads and dropped on another,
/// which glibc's malloc does slowly (`make bench`: library load 50,000 tracks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
