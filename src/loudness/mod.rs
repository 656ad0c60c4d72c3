//! Listening to the music itself (issue 18): EBU R128 loudness of each track
//! and album, ReplayGain 2.0 gains from it, and a loudness envelope to draw.
//!
//! The audio is decoded with symphonia directly ([`decode`]), straight into
//! the `ebur128` meter without a copy ([`meter`]). A track is a whole file or
//! a range of one (a track of a CD image). Nothing here knows about the
//! library or the window: [`service`] runs an analysis over any list of
//! tracks and hands each result to a [`service::Storage`], which the library
//! store implements.
//!
//! - [`analyse()`]: one track to a [`TrackLoudness`] (or a reason it has none).
//! - [`album`]: the loudness of tracks heard together, gated as one programme.
//! - [`gain`]: ReplayGain 2.0 (reference -18 LUFS) and its tag values.
//! - [`envelope`]: a few hundred points of loudness along the track.
//! - [`write`]: ReplayGain tags written as loudgain writes them.

pub mod album;
pub(crate) mod analyse;
pub mod decode;
pub mod envelope;
pub mod gain;
pub mod gating;
pub mod meter;
pub mod pool;
pub mod service;
pub mod write;

pub use album::{AlbumLoudness, album_loudness};
pub use analyse::{Source, TrackLoudness, analyse};
pub use envelope::Envelope;
pub use gating::Gating;
