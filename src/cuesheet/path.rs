//! Naming the tracks of an image, and finding the audio file a sheet's
//! `FILE` means (it was often renamed after ripping: "Album.wav" became
//! "Album.flac").

use std::path::{Path, PathBuf};

use super::{Frames, Sheet, SheetTrack};

/// Where a track of an image is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageTrack {
    /// The audio file.
    pub file: PathBuf,
    /// Where the track starts in it.
    pub start: Frames,
    /// Where the next track starts; `None` for the file's last track.
    pub end: Option<Frames>,
}

/// The path a track of an image is known by: `<sheet>/track03` (or
/// `<image>/track03` for a sheet embedded in the file). The sheet or the
/// image is a file, so no real file can have this path.
pub fn track_path(container: &Path, number: u32) -> PathBuf {
    container.join(format!("track{number:02}"))
}

/// `(container, 3)` for a path made by [`track_path`].
pub fn split_track_path(path: &Path) -> Option<(&Path, u32)> {
    let name = path.file_name()?.to_str()?;
    let digits = name.strip_prefix("track")?;
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((path.parent()?, digits.parse().ok()?))
}

/// The audio file in `candidates` (the audio files beside the sheet) that
/// `FILE name` means: the same name, the same name in another case, the same
/// name with another audio extension, or, for a sheet of one file, the one
/// whose name is the sheet's own. Anything else is not there.
pub fn resolve_file(
    name: &str,
    sheet: &Path,
    files_in_sheet: usize,
    candidates: &[PathBuf],
) -> Option<PathBuf> {
    // Windows rippers write "FILE "C:\Rips\Album.wav""; only the name counts.
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let file_name = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().to_lowercase());
    let wanted_stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase());
    candidates
        .iter()
        .find(|c| file_name(c).as_deref() == Some(name))
        .or_else(|| {
            candidates
                .iter()
                .find(|c| file_name(c).is_some_and(|n| n.eq_ignore_ascii_case(name)))
        })
        .or_else(|| candidates.iter().find(|c| stem(c) == wanted_stem))
        .or_else(|| {
            (files_in_sheet == 1)
                .then(|| candidates.iter().find(|c| stem(c) == stem(sheet)))
                .flatten()
        })
        .cloned()
}

/// The tracks of `sheet` that make images, with where each is: those of
/// every `FILE` that `resolve` finds and that holds two tracks or more (a
/// sheet listing one file per track only repeats what the files are).
/// Data tracks are left out.
pub fn image_tracks(
    sheet: &Sheet,
    mut resolve: impl FnMut(&str) -> Option<PathBuf>,
) -> Vec<(&SheetTrack, ImageTrack)> {
    let mut out = Vec::new();
    for file in &sheet.files {
        let audio: Vec<&SheetTrack> = file.tracks.iter().filter(|t| t.audio).collect();
        if audio.len() < 2 {
            continue;
        }
        let Some(path) = resolve(&file.name) else {
            continue;
        };
        for (i, track) in audio.iter().enumerate() {
            let Some(start) = track.start else { continue };
            out.push((
                *track,
                ImageTrack {
                    file: path.clone(),
                    start,
                    end: audio.get(i + 1).and_then(|t| t.start),
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn track_paths_round_trip_and_are_not_files() {
        let p = track_path(Path::new("/m/Album/Album.cue"), 3);
        assert_eq!(p, PathBuf::from("/m/Album/Album.cue/track03"));
        assert_eq!(
            split_track_path(&p),
            Some((Path::new("/m/Album/Album.cue"), 3))
        );
        assert_eq!(split_track_path(Path::new("/m/Album/01 track.flac")), None);
        assert_eq!(split_track_path(Path::new("/m/trackers")), None);
    }

    #[test]
    fn renamed_images_are_found() {
        let files: Vec<PathBuf> = ["/m/a/Album.flac", "/m/a/bonus.mp3"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let sheet = Path::new("/m/a/Album.cue");
        assert_eq!(
            resolve_file("Album.flac", sheet, 1, &files),
            Some(files[0].clone())
        );
        assert_eq!(
            resolve_file("ALBUM.FLAC", sheet, 1, &files),
            Some(files[0].clone())
        );
        assert_eq!(
            resolve_file("Album.wav", sheet, 1, &files),
            Some(files[0].clone())
        );
        assert_eq!(
            resolve_file("C:\\Rips\\Album.wav", sheet, 1, &files),
            Some(files[0].clone())
        );
        assert_eq!(
            resolve_file("Range.wav", sheet, 1, &files),
            Some(files[0].clone()),
            "the sheet's own name"
        );
        assert_eq!(
            resolve_file("Range.wav", Path::new("/m/a/x.cue"), 1, &files),
            None,
            "two candidates"
        );
        assert_eq!(
            resolve_file("Range.wav", Path::new("/m/a/x.cue"), 1, &files[..1]),
            None,
            "not there"
        );
    }
}
