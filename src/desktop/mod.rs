//! Living on the desktop: one window however often Leitmotif is launched.

pub mod single_instance;
