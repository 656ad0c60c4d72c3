//! Living on the desktop: one window however often Leitmotif is launched, and
//! media keys and desktop widgets through MPRIS.

pub mod mpris;
pub mod single_instance;
