//! Cover pictures for productions, found on a thread after the library loads:
//! a `cover.jpg` (or folder/front) beside the files, else the picture
//! embedded in the first track, written once to the cache folder so that
//! the window only ever loads picture files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use iced::Task;

use super::Message;
use crate::library::{Library, cover};

/// Where embedded pictures are kept as files: `~/.cache/leitmotif/covers`.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "leitmotif").map(|d| d.cache_dir().join("covers"))
}

/// Finds every production's cover (in the order of `library.productions`).
/// `generation` says which library it was for.
pub fn find(library: Arc<Library>, generation: u64) -> Task<Message> {
    let (tx, rx) = iced::futures::channel::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("covers".into())
        .spawn(move || {
            let _ = tx.send(lookup(&library, cache_dir().as_deref()));
        });
    if spawned.is_err() {
        return Task::none();
    }
    Task::perform(rx, move |found| {
        Message::CoversFound(generation, found.unwrap_or_default())
    })
}

/// Each production's cover file: its folder's picture, else the picture
/// embedded in its first track, written into `cache`.
pub fn lookup(library: &Library, cache: Option<&Path>) -> Vec<Option<PathBuf>> {
    library
        .productions
        .iter()
        .map(|p| {
            let first = p
                .tracks
                .first()
                .map(|&t| library.tracks[t].path.as_path())?;
            first
                .parent()
                .and_then(cover::folder_cover)
                .or_else(|| cache.and_then(|dir| embedded_to_file(first, dir)))
        })
        .collect()
}

/// The picture embedded in `track`, as a file in `dir` (written once).
fn embedded_to_file(track: &Path, dir: &Path) -> Option<PathBuf> {
    // The name comes from the track's path: the same track, the same file.
    let hash = track
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
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
