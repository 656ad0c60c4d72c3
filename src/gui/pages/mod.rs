//! One module per page of the window.

pub mod library;
