//! Cover pictures for productions, found on a thread after the library loads:
//! a `cover.jpg` (or folder/front) beside the files, else the picture
//! embedded in the first track, written once to the cache folder so that
//! the window only ever loads picture files.

use std::path::{Path, PathBuf};

use iced::Task;

use crate::gui::message::{LibraryMessage, Message};
use crate::library::{Library, cover};

/// Where embedded pictures are kept as files: `~/.cache/leitmotif/covers`.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "leitmotif").map(|d| d.cache_dir().join("covers"))
}

/// Finds every production's cover (in the order of `library.productions`).
/// `generation` says which library it was for. The thread gets each
/// production's first file, not the library, so that an edit made meanwhile
/// does not copy the whole library.
pub fn find(library: &Library, generation: u64) -> Task<Message> {
    let firsts = first_files(library);
    let (tx, rx) = iced::futures::channel::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("covers".into())
        .spawn(move || {
            let mut found = lookup(&firsts, cache_dir().as_deref());
            server_covers(&firsts, &mut found);
            let _ = tx.send(found);
        });
    if spawned.is_err() {
        return Task::none();
    }
    Task::perform(rx, move |found| {
        Message::Library(LibraryMessage::CoversFound(
            generation,
            found.unwrap_or_default(),
        ))
    })
}

/// Each production's first file, in the order of the productions.
pub fn first_files(library: &Library) -> Vec<Option<PathBuf>> {
    library
        .productions
        .iter()
        .map(|p| p.tracks.first().map(|&t| library.tracks[t].path.clone()))
        .collect()
}

/// Each production's cover file, from its first file: that file's folder's
/// picture, else the picture embedded in it, written into `cache`.
pub fn lookup(firsts: &[Option<PathBuf>], cache: Option<&Path>) -> Vec<Option<PathBuf>> {
    firsts
        .iter()
        .map(|first| {
            let first = first.as_deref()?;
            first
                .parent()
                .and_then(cover::folder_cover)
                .or_else(|| cache.and_then(|dir| embedded_to_file(first, dir)))
        })
        .collect()
}

/// Covers of productions that come from a server: `getCoverArt`, cached.
fn server_covers(firsts: &[Option<PathBuf>], found: &mut [Option<PathBuf>]) {
    let remote = |p: &Option<PathBuf>| p.as_deref().is_some_and(crate::server::is_server_path);
    if !firsts.iter().any(remote) {
        return;
    }
    let (Some(store), Some(cache)) = (crate::library::Store::default_path(), cache_dir()) else {
        return;
    };
    let registry = crate::server::Registry::new(&store, crate::server::Secrets::from_env());
    for (first, cover) in firsts.iter().zip(found.iter_mut()) {
        if let Some(track) = first
            .as_deref()
            .filter(|_| cover.is_none() && remote(first))
        {
            *cover = registry.cover(track, &cache);
        }
    }
}

/// The picture embedded in `track`, as a file in `dir` (written once).
fn embedded_to_file(track: &Path, dir: &Path) -> Option<PathBuf> {
    // The name comes from the track's path: the same track, the same file.
    let hash = crate::library::track::path_hash(track);
    for ext in ["jpg", "png"] {
        let file = dir.join(format!("{hash:016x}.{ext}"));
        if file.exists() {
            return Some(file);
        }
    }
    let bytes = cover::embedded(track)?;
    let ext = if bytes.starts_with(b"\x89PNG") {
        "png"
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        "jpg"
    } else {
        return None; // Not a picture the window can show.
    };
    std::fs::create_dir_all(dir).ok()?;
    let file = dir.join(format!("{hash:016x}.{ext}"));
    std::fs::write(&file, bytes).ok()?;
    Some(file)
}
