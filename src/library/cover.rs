//! Cover art: a `cover.*`, `folder.*` or `front.*` picture beside the files,
//! else the picture embedded in a track. Looked up when a view needs it, not
//! during the scan, so scans stay fast.

use std::path::{Path, PathBuf};

use lofty::file::TaggedFileExt;
use lofty::picture::PictureType;

/// Picture names that mean "this folder's cover", best first.
const NAMES: &[&str] = &["cover", "folder", "front", "album", "albumart"];
const EXTENSIONS: &[&str] = &["jpg", "jpeg", "png"];

/// Picture files bigger than this are not covers worth decoding.
const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// The cover picture file in `dir` or (for `Disc 1` style folders) its parent.
pub fn folder_cover(dir: &Path) -> Option<PathBuf> {
    let in_dir = |dir: &Path| -> Option<PathBuf> {
        let mut best: Option<(usize, PathBuf)> = None;
        for entry in std::fs::read_dir(dir).ok()?.flatten() {
            let path = entry.path();
            let stem = path.file_stem()?.to_string_lossy().to_lowercase();
            let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
            let Some(rank) = NAMES.iter().position(|n| *n == stem) else {
                continue;
            };
            if !ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str())) {
                continue;
            }
            if entry.metadata().is_ok_and(|m| m.len() > MAX_BYTES) {
                continue;
            }
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, path));
            }
        }
        best.map(|(_, p)| p)
    };
    in_dir(dir).or_else(|| dir.parent().and_then(in_dir))
}

/// The front cover embedded in the track at `path` (or its first picture).
pub fn embedded(path: &Path) -> Option<Vec<u8>> {
    // lofty may panic on a damaged file: no cover, then.
    crate::guard::isolate(|| embedded_unguarded(path))
        .ok()
        .flatten()
}

fn embedded_unguarded(path: &Path) -> Option<Vec<u8>> {
    let tagged = lofty::read_from_path(path).ok()?;
    let tag = tagged.primary_tag().or_else(|| tagged.first_tag())?;
    let pictures = tag.pictures();
    pictures
        .iter()
        .find(|p| p.pic_type() == PictureType::CoverFront)
        .or_else(|| pictures.first())
        .map(|p| p.data().to_vec())
}

/// Cover bytes for a track: its folder's picture first, else the embedded one.
pub fn for_track(path: &Path) -> Option<Vec<u8>> {
    path.parent()
        .and_then(folder_cover)
        .and_then(|file| std::fs::read(file).ok())
        .or_else(|| embedded(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_pictures_by_name_and_from_the_parent_of_disc_folders() {
        let dir = std::env::temp_dir().join(format!("leitmotif-cover-{}", std::process::id()));
        let disc = dir.join("Disc 1");
        std::fs::create_dir_all(&disc).expect("dirs");
        std::fs::write(dir.join("Folder.JPG"), b"jpeg").expect("write");
        std::fs::write(dir.join("back.jpg"), b"jpeg").expect("write");
        assert_eq!(folder_cover(&disc), Some(dir.join("Folder.JPG")));
        std::fs::write(dir.join("cover.png"), b"png").expect("write");
        assert_eq!(
            folder_cover(&dir),
            Some(dir.join("cover.png")),
            "cover beats folder"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
