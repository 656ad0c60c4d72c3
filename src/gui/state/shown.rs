//! The library the window shows: the library itself, each track found by
//! its file, the covers found for its productions, and which load it is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::library::{Library, TrackId};

/// The library on screen.
pub struct Shown {
    library: Arc<Library>,
    by_path: HashMap<PathBuf, TrackId>,
    generation: u64,
    demo: bool,
    covers: Vec<Option<iced::widget::image::Handle>>,
    cover_files: Vec<Option<PathBuf>>,
}

impl Shown {
    /// A library arrived: load number `generation`.
    pub fn new(library: Arc<Library>, generation: u64, demo: bool) -> Shown {
        let by_path = library
            .tracks
            .iter()
            .enumerate()
            .map(|(id, t)| (t.path.clone(), id))
            .collect();
        Shown {
            library,
            by_path,
            generation,
            demo,
            covers: Vec::new(),
            cover_files: Vec::new(),
        }
    }

    /// The library.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The library, shared (for a thread that reads it).
    pub fn shared(&self) -> Arc<Library> {
        Arc::clone(&self.library)
    }

    /// The library to change in place (an edit): copied only if a thread
    /// still reads it.
    pub fn library_mut(&mut self) -> &mut Library {
        Arc::make_mut(&mut self.library)
    }

    /// The library's track for a file, if it has one.
    pub fn track_of(&self, path: &Path) -> Option<TrackId> {
        self.by_path.get(path).copied()
    }

    /// Which load this is (counts up with each library shown).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether it is the bundled demo.
    pub fn demo(&self) -> bool {
        self.demo
    }

    /// A production's cover picture, once found.
    pub fn cover(&self, production: usize) -> Option<&iced::widget::image::Handle> {
        self.covers.get(production)?.as_ref()
    }

    /// The same cover as a file (for MPRIS clients).
    pub fn cover_file(&self, production: usize) -> Option<&Path> {
        self.cover_files.get(production)?.as_deref()
    }

    /// Covers found for load `generation`; ignored for an older one.
    pub fn set_covers(&mut self, generation: u64, found: Vec<Option<super::covers::Cover>>) {
        if generation == self.generation {
            self.covers = found
                .iter()
                .map(|c| {
                    c.as_ref()
                        .map(|c| iced::widget::image::Handle::from_path(&c.drawn))
                })
                .collect();
            self.cover_files = found.into_iter().map(|c| c.map(|c| c.file)).collect();
        }
    }
}
