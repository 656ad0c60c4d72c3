//! A server album's cover through `getCoverArt`, fetched once and kept as a
//! file in the cache folder, named from the album's path (the same album,
//! the same file), so the window loads pictures from disk only.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::locate::Registry;

/// Pictures larger than this are not covers worth keeping.
const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// The cover of the album of `track` (a server track's path), in `cache`.
pub fn fetch(registry: &Registry, track: &Path, cache: &Path) -> Option<PathBuf> {
    let album_path = track.parent()?;
    let hash = crate::library::track::path_hash(album_path);
    for ext in ["jpg", "png"] {
        let file = cache.join(format!("server-{hash:016x}.{ext}"));
        if file.is_file() {
            return Some(file);
        }
    }
    let (client, album, song) = registry.client_for(track).ok()?;
    // Most servers know a cover by the album's id; some only by a song's.
    let bytes = [album, song].iter().find_map(|id| {
        let mut got = client.open_bytes("getCoverArt", &[("id", id)], 0).ok()?;
        let mut bytes = Vec::new();
        let _ = (&mut got.reader)
            .take(MAX_BYTES)
            .read_to_end(&mut bytes)
            .ok()?;
        Some(bytes)
    })?;
    let ext = if bytes.starts_with(b"\x89PNG") {
        "png"
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        "jpg"
    } else {
        return None;
    };
    std::fs::create_dir_all(cache).ok()?;
    let file = cache.join(format!("server-{hash:016x}.{ext}"));
    // Written whole, then renamed: a window reading it never sees half a picture.
    let temp = cache.join(format!("server-{hash:016x}.{ext}.part"));
    std::fs::write(&temp, &bytes).ok()?;
    std::fs::rename(&temp, &file).ok()?;
    Some(file)
}
