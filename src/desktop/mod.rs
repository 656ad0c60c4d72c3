//! Living on the desktop: one window however often Leitmotif is launched, and
//! media keys and desktop widgets through MPRIS, and a clear word when there
//! is no display to open the window on.

pub mod display;
pub mod mpris;
pub mod single_instance;

/// The application's reverse-DNS id: the desktop file's name
/// (`<id>.desktop`), the AppStream id and the window's class.
pub const APP_ID: &str = "io.github.leitmotif_player.leitmotif";
