//! The library: scanned files grouped into productions, each track classified
//! as score or song. Nothing here knows about the window.

pub mod album_title;
mod album_titles;
mod analyse;
pub mod category;
mod columns;
mod context;
pub mod cover;
pub mod demo;
pub mod edit;
pub mod export;
mod file_path;
mod grouping;
pub mod images;
pub mod loudness_store;
pub mod medium;
pub mod names;
mod pipeline;
pub mod placement;
pub mod production;
pub mod recover;
pub mod remote;
mod rows;
pub mod scan;
pub mod sidecar;
pub mod store;
pub mod tags;
mod text;
pub mod track;
pub mod user_data;
pub mod watch;

use std::collections::HashMap;
use std::path::PathBuf;

pub use category::Category;
pub use edit::Edit;
pub use medium::Medium;
pub use production::{Production, ProductionKey};
pub use scan::{Problem, ScanProgress};
pub use store::{Store, StoredFile};
pub use tags::FileTags;
pub use track::{Track, TrackId, TrackKey};
pub use user_data::UserData;

use sidecar::Sidecar;

/// Files are read and analysed in chunks of this many.
const CHUNK: usize = 2048;

/// Every track and production Leitmotif knows of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// All tracks; productions refer to them by index.
    pub tracks: Vec<Track>,
    /// Productions sorted by title.
    pub productions: Vec<Production>,
    /// Files that could not be read, with the reason.
    pub problems: Vec<Problem>,
    /// The library's folders that are not there now (an unplugged disk):
    /// their tracks are kept, and play again when the folder is back.
    pub offline: Vec<PathBuf>,
    /// For each track, the index of its production (looked up on every frame).
    production_index: Vec<usize>,
    /// Each production's index, by its key.
    by_key: HashMap<ProductionKey, usize>,
}

impl Library {
    /// Scans `roots` and builds the library from what was found, without a
    /// store (the demo, `leitmotif play`).
    pub fn scan(roots: &[PathBuf], progress: &(dyn Fn(ScanProgress) + Sync)) -> Library {
        let output = scan::scan(roots, progress);
        let files = output
            .files
            .into_iter()
            .map(|(path, tags)| StoredFile::unstored(path, tags))
            .collect();
        let mut problems = output.problems;
        let sidecars = parse_sidecars(output.sidecars, &mut problems);
        let images = images::Expander::new(output.cue_sheets);
        problems.extend(images.problems.iter().cloned());
        let files = images.expand(files, &mut problems);
        Library::build(files, problems, &sidecars, &UserData::default())
    }

    /// Whether a track is under a folder that is not there now.
    pub fn is_offline(&self, id: TrackId) -> bool {
        self.tracks
            .get(id)
            .is_some_and(|t| self.offline.iter().any(|r| t.path.starts_with(r)))
    }

    /// The library as the store holds it, with the user's changes applied.
    /// The files are analysed on other cores while the store is still being
    /// read, then put in path order.
    pub fn from_store(store: &Store, user: &UserData) -> Result<Library, String> {
        let mut problems = store.problems()?;
        let sidecars = parse_sidecars(store.sidecars()?, &mut problems);
        let images = images::Expander::new(store.cue_sheets()?);
        problems.extend(images.problems.iter().cloned());
        let image_problems = std::sync::Mutex::new(Vec::new());
        // Decoded chunks go back to the reading thread to be filled again:
        // a fresh chunk each time was 60 MB of new memory a 50,000-file
        // load, its pages faulted in by the thread that reads.
        let emptied = std::sync::Mutex::new(Vec::new());
        let spare = || {
            emptied
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        // The reading thread waits on SQLite more than it works: every core analyses.
        let path = store.path();
        // Album titles the grammar read before are not parsed again.
        let known = store.album_titles().unwrap_or_default();
        let analysed = analyse::stream_knowing(
            user,
            known,
            |mut chunk: rows::RawChunk| {
                let files = chunk.decode().map_err(|e| store::bad_row(path, &e))?;
                chunk.clear();
                spare().push(chunk);
                // Images (a sheet beside the file or inside it) become their tracks.
                if images.is_empty() && !files.iter().any(|f| f.tags.cuesheet.is_some()) {
                    return Ok(files);
                }
                let mut found = Vec::new();
                let files = images.expand(files, &mut found);
                image_problems
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(found);
                Ok(files)
            },
            |send| store.load_each_into(CHUNK, &mut || spare().pop(), send),
        )?;
        problems.extend(
            image_problems
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        // Titles parsed now (a new grammar, a store from before the titles
        // were kept): kept for the next load.
        let fresh: Vec<(&str, &album_title::AlbumTitle)> = analysed.new_titles().collect();
        if !fresh.is_empty()
            && let Err(e) = store.keep_album_titles(fresh)
        {
            log::warn!("album titles not kept for the next load: {e}");
        }
        let mut library = pipeline::run(
            analysed.ordered(analyse::Order::ByPath),
            problems,
            &sidecars,
            user,
        );
        library.offline = store.offline_roots()?;
        Ok(library)
    }

    /// Builds productions from files and their tags, places tracks with the
    /// cue sidecars, then applies the user's changes (categories, production
    /// titles and media, scene notes). Tracks keep the order of `files`.
    pub fn build(
        files: Vec<StoredFile>,
        problems: Vec<Problem>,
        sidecars: &[Sidecar],
        user: &UserData,
    ) -> Library {
        let analysed = analyse::stream(user, Ok, |send| {
            let mut files = files.into_iter();
            loop {
                let chunk: Vec<StoredFile> = files.by_ref().take(CHUNK).collect();
                if chunk.is_empty() {
                    return Ok::<(), std::convert::Infallible>(());
                }
                send(chunk);
            }
        });
        match analysed {
            Ok(analysed) => pipeline::run(
                analysed.ordered(analyse::Order::AsRead),
                problems,
                sidecars,
                user,
            ),
            // The source is a Vec: nothing above can fail.
            Err(e) => match e {},
        }
    }

    /// The index in [`Library::productions`] of the production known by `key`.
    pub fn production_by_key(&self, key: &ProductionKey) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Puts the production of `id` back in timeline order (a start time changed).
    pub fn retime(&mut self, id: TrackId) {
        if let Some(index) = self.production_index_of(id) {
            let order = placement::timeline(&self.tracks, &self.productions[index].tracks);
            self.productions[index].timeline = order;
        }
    }

    /// The index in [`Library::productions`] of a track's production.
    pub fn production_index_of(&self, track: TrackId) -> Option<usize> {
        self.production_index
            .get(track)
            .copied()
            .filter(|&i| i < self.productions.len())
    }

    /// The production a track belongs to.
    pub fn production_of(&self, track: TrackId) -> Option<&Production> {
        self.production_index
            .get(track)
            .and_then(|&index| self.productions.get(index))
    }
}

/// Parses sidecars; those that could not be read become problems.
fn parse_sidecars(
    read: Vec<crate::library::sidecar::Found>,
    problems: &mut Vec<Problem>,
) -> Vec<Sidecar> {
    let mut sidecars = Vec::with_capacity(read.len());
    for (path, text) in read {
        match text {
            Ok(text) => match crate::guard::isolate(|| sidecar::parse(&path, &text)) {
                Ok(sidecar) => sidecars.push(sidecar),
                Err(reason) => problems.push(Problem {
                    path,
                    error: format!("the cue sidecar reader crashed on this file ({reason})"),
                }),
            },
            Err(error) => problems.push(Problem { path, error }),
        }
    }
    sidecars
}
