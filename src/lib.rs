//! Leitmotif: a music player for soundtracks.
//!
//! The domain (`library`, `cue`, `playback`) knows nothing of the window; the
//! `gui` draws it and the `cli` runs it without one.

pub mod cli;
pub mod clock;
pub mod cue;
pub mod desktop;
pub mod files;
pub mod gui;
pub mod library;
pub mod playback;
