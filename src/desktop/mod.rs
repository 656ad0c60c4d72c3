//! Living on the desktop: one window however often Leitmotif is launched, and
//! media keys and desktop widgets through MPRIS, and a clear word when there
//! is no display to open the window on.

pub mod display;
pub mod mpris;
pub mod single_instance;
