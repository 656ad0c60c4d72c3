//! Pieces of the window used on more than one page.

pub mod card;
pub mod icon;
pub mod layer;
pub mod lyrics;
pub mod now_playing;
pub mod shortcuts;
pub mod timeline;
pub mod track_row;
pub mod transport;
pub mod waveform;
