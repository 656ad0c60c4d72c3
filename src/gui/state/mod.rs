//! The window's state, split by who owns it: the library shown, the
//! transport, browsing, the user's edits, the desktop around the window, and
//! how libraries arrive. Each part changes only through its own messages and
//! tells the window what the others must hear as an event.

pub mod browse;
pub mod covers;
pub mod desktop;
pub mod edits;
pub mod loading;
pub mod loudness;
pub mod lyrics;
pub mod playlists;
pub mod push;
pub mod remember;
pub mod shelf;
pub mod shown;
pub mod transport;
