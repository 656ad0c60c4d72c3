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
            let cache = cache_dir();
            let mut found = lookup(&firsts, cache.as_deref());
            server_covers(&firsts, &mut found);
            let _ = tx.send(for_window(found, cache.as_deref()));
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

/// A production's cover: the picture file, and what the window draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// The picture as found (for MPRIS clients).
    pub file: PathBuf,
    /// The picture the window draws: `file` when it is small enough, else a
    /// copy scaled once (see [`drawn`]).
    pub drawn: PathBuf,
}

/// The largest a cover is drawn, in pixels: a 180-point square at 200 %.
pub const DRAWN: u32 = 360;

/// The covers `found`, each with what the window draws (see [`drawn`]).
pub fn for_window(found: Vec<Option<PathBuf>>, cache: Option<&Path>) -> Vec<Option<Cover>> {
    found
        .into_iter()
        .map(|file| {
            let file = file?;
            let drawn = cache
                .and_then(|dir| drawn(&file, dir))
                .unwrap_or_else(|| file.clone());
            Some(Cover { file, drawn })
        })
        .collect()
}

/// A copy of the picture `file` whose shorter side is [`DRAWN`] pixels,
/// made once into `dir` (named by the file's path, size and time); `None`
/// when the picture is small enough as it is, or cannot be read (then the
/// window tries the file itself). The window's renderer decodes a picture on
/// its own thread and scales it at every frame that shows it: a 1400-pixel
/// scan cost tens of milliseconds to decode and more to draw than the tile
/// it fills.
pub fn drawn(file: &Path, dir: &Path) -> Option<PathBuf> {
    let meta = std::fs::metadata(file).ok()?;
    let stamp = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    // The path's hash, changed by the file's size and time: a new scan of
    // the same path gets a copy of its own.
    let hash =
        crate::library::track::path_hash(file) ^ meta.len().rotate_left(17) ^ stamp.rotate_left(41);
    let scaled = dir.join(format!("drawn-{hash:016x}.png"));
    if scaled.exists() {
        return Some(scaled);
    }
    let (width, height) = image::ImageReader::open(file)
        .ok()?
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()?;
    if width.min(height) <= DRAWN * 3 / 2 {
        return None;
    }
    // A picture that makes the decoder panic is drawn as the placeholder's
    // fallback would be: the file is tried as it is.
    let picture = crate::guard::isolate(|| image::open(file).ok()).ok()??;
    let shorter = f64::from(width.min(height));
    let scale = f64::from(DRAWN) / shorter;
    let (w, h) = (
        (f64::from(width) * scale).round().max(1.0) as u32,
        (f64::from(height) * scale).round().max(1.0) as u32,
    );
    let small = picture.resize_exact(w, h, image::imageops::FilterType::Triangle);
    std::fs::create_dir_all(dir).ok()?;
    // Written beside, then renamed: a window started meanwhile never reads half a file.
    let partial = scaled.with_extension("part");
    small
        .save_with_format(&partial, image::ImageFormat::Png)
        .ok()?;
    std::fs::rename(&partial, &scaled).ok()?;
    Some(scaled)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(path: &Path, width: u32, height: u32) {
        image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        })
        .save(path)
        .expect("picture written");
    }

    #[test]
    fn a_large_cover_is_drawn_from_a_copy_scaled_once_and_a_small_one_as_it_is() {
        let dir = std::env::temp_dir().join(format!("leitmotif-covers-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let (big, small) = (dir.join("big.jpg"), dir.join("small.png"));
        picture(&big, 1400, 1200);
        picture(&small, 300, 300);
        let cache = dir.join("cache");
        let found = for_window(
            vec![Some(big.clone()), None, Some(small.clone())],
            Some(&cache),
        );
        let first = found[0].clone().expect("a cover");
        assert_eq!(first.file, big);
        assert_ne!(first.drawn, big);
        let scaled = image::image_dimensions(&first.drawn).expect("readable");
        assert_eq!(scaled, (420, DRAWN), "the shorter side is drawn's size");
        assert_eq!(found[1], None);
        assert_eq!(found[2].as_ref().map(|c| &c.drawn), Some(&small));
        // Made once: the same file again gives the same copy, untouched.
        let made = std::fs::metadata(&first.drawn)
            .and_then(|m| m.modified())
            .ok();
        let again = drawn(&big, &cache).expect("kept");
        assert_eq!(again, first.drawn);
        assert_eq!(
            std::fs::metadata(&again).and_then(|m| m.modified()).ok(),
            made
        );
        // Not a picture: the file is tried as it is, nothing is made.
        let bad = dir.join("bad.jpg");
        std::fs::write(&bad, b"not a picture at all, but long enough").expect("written");
        assert_eq!(drawn(&bad, &cache), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
