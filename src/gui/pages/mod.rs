//! One module per page of the window.

pub mod composers;
pub mod grid;
pub mod library;
pub mod production;
pub mod queue;

/// Which page the main area shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Page {
    /// Every production.
    #[default]
    Library,
    /// One production.
    Production(crate::library::ProductionKey),
    /// Composers and their productions.
    Composers,
    /// What plays next.
    Queue,
}
