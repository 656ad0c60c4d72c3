//! CD images in the library: one audio file and its CUE sheet (beside it,
//! or carried inside it) become the tracks the sheet lists, each with its
//! title, performer, composer, number and range; the image itself is not a
//! track. A sheet that cannot be used is a problem with its line, and the
//! audio file stays one track.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cuesheet::{self, ImageTrack, Sheet, SheetTrack};

use super::scan::Problem;
use super::store::StoredFile;
use super::tags::FileTags;

/// The largest sheet read, in bytes.
const MAX_SHEET: u64 = 1 << 20;

/// A sheet found beside audio files, as read at scan time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSheet {
    /// The `.cue` file.
    pub path: PathBuf,
    /// Its text, or why it could not be read.
    pub text: Result<String, String>,
    /// For each `FILE` of the sheet, in order, the audio file it means.
    pub files: Vec<Option<PathBuf>>,
}

/// Whether `path` names a CUE sheet.
pub fn is_sheet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("cue"))
}

/// Reads a sheet's text in whatever encoding it has.
pub fn read_text(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot open the CUE sheet: {e}"))?
        .len();
    if size > MAX_SHEET {
        return Err("this is too large to be a CUE sheet".into());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the CUE sheet: {e}"))?;
    Ok(cuesheet::decode(&bytes).0)
}

/// Reads each sheet and finds the audio files its `FILE`s mean among
/// `audio` (every audio file the scan found, sorted by path).
pub fn read_sheets(sheets: &[PathBuf], audio: &[PathBuf]) -> Vec<FoundSheet> {
    let mut by_folder: HashMap<&Path, Vec<PathBuf>> = HashMap::new();
    for file in audio {
        if let Some(folder) = file.parent() {
            by_folder.entry(folder).or_default().push(file.clone());
        }
    }
    sheets
        .iter()
        .map(|path| {
            let text = read_text(path);
            let files = match text.as_deref().map(parse_guarded) {
                Ok(Ok(sheet)) => {
                    let empty = Vec::new();
                    let near = path
                        .parent()
                        .and_then(|f| by_folder.get(f))
                        .unwrap_or(&empty);
                    let count = sheet.files.len();
                    sheet
                        .files
                        .iter()
                        .map(|f| cuesheet::resolve_file(&f.name, path, count, near))
                        .collect()
                }
                _ => Vec::new(),
            };
            FoundSheet {
                path: path.clone(),
                text,
                files,
            }
        })
        .collect()
}

/// Parses a sheet, a crash in the parser becoming an error like any other.
fn parse_guarded(text: &str) -> Result<Sheet, cuesheet::SheetError> {
    crate::guard::isolate(|| cuesheet::parse(text)).unwrap_or_else(|reason| {
        Err(cuesheet::SheetError {
            line: 1,
            message: format!("the CUE sheet reader crashed on it ({reason})"),
        })
    })
}

/// What the sheets beside the files claim, ready for [`Expander::expand`].
pub struct Expander {
    /// For each audio file an outside sheet claims: the sheet and the file's
    /// tracks in it.
    claims: HashMap<PathBuf, Vec<(PathBuf, SheetTrack, ImageTrack)>>,
    /// Sheets that could not be used, as problems.
    pub problems: Vec<Problem>,
    sheets: Vec<(PathBuf, Sheet)>,
}

impl Expander {
    /// Reads what `sheets` say.
    pub fn new(sheets: Vec<FoundSheet>) -> Expander {
        let mut claims: HashMap<PathBuf, Vec<(PathBuf, SheetTrack, ImageTrack)>> = HashMap::new();
        let mut problems = Vec::new();
        let mut parsed = Vec::new();
        for found in sheets {
            let sheet = match found.text.as_deref().map(parse_guarded) {
                Err(error) => {
                    problems.push(Problem {
                        path: found.path,
                        error: error.clone(),
                    });
                    continue;
                }
                Ok(Err(e)) => {
                    problems.push(Problem {
                        path: found.path,
                        error: format!("CUE sheet {e}; its audio file is listed as one track"),
                    });
                    continue;
                }
                Ok(Ok(sheet)) => sheet,
            };
            for (file, resolved) in sheet.files.iter().zip(&found.files) {
                if resolved.is_none() {
                    problems.push(Problem {
                        path: found.path.clone(),
                        error: format!(
                            "CUE sheet line {}: FILE \"{}\" is not in the sheet's folder",
                            file.line, file.name
                        ),
                    });
                }
            }
            let by_name: HashMap<&str, &PathBuf> = sheet
                .files
                .iter()
                .zip(&found.files)
                .filter_map(|(f, r)| Some((f.name.as_str(), r.as_ref()?)))
                .collect();
            for (track, image) in
                cuesheet::image_tracks(&sheet, |name| by_name.get(name).map(|p| (*p).clone()))
            {
                claims.entry(image.file.clone()).or_default().push((
                    found.path.clone(),
                    track.clone(),
                    image,
                ));
            }
            parsed.push((found.path, sheet));
        }
        Expander {
            claims,
            problems,
            sheets: parsed,
        }
    }

    /// Whether any sheet claims files (else [`Expander::expand`] changes nothing
    /// but for sheets carried inside files).
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// `files` with each image replaced by its tracks; what went wrong (a
    /// track that starts past the end of its file) is added to `problems`.
    pub fn expand(&self, files: Vec<StoredFile>, problems: &mut Vec<Problem>) -> Vec<StoredFile> {
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            if let Some(claims) = self.claims.get(&file.path) {
                let sheet = claims
                    .first()
                    .and_then(|(p, ..)| self.sheets.iter().find(|(s, _)| s == p))
                    .map(|(_, s)| s);
                let tracks: Vec<(PathBuf, &SheetTrack, ImageTrack)> = claims
                    .iter()
                    .map(|(sheet, t, i)| (cuesheet::track_path(sheet, t.number), t, i.clone()))
                    .collect();
                match sheet.map(|s| split(&file, s, &tracks)) {
                    Some(Ok(split)) => out.extend(split),
                    Some(Err(error)) => {
                        problems.push(Problem {
                            path: claims[0].0.clone(),
                            error,
                        });
                        out.push(file);
                    }
                    None => out.push(file),
                }
            } else if file.tags.cuesheet.is_some() {
                out.extend(expand_embedded(file, problems));
            } else {
                out.push(file);
            }
        }
        out
    }
}

/// A file carrying its own sheet, as its tracks (or whole, with a problem).
fn expand_embedded(file: StoredFile, problems: &mut Vec<Problem>) -> Vec<StoredFile> {
    let Some(text) = file.tags.cuesheet.as_deref() else {
        return vec![file];
    };
    let sheet = match parse_guarded(text) {
        Ok(sheet) => sheet,
        Err(e) => {
            problems.push(Problem {
                path: file.path.clone(),
                error: format!("the CUE sheet inside this file: {e}; it is listed as one track"),
            });
            return vec![file];
        }
    };
    let this = file.path.clone();
    // The sheet inside a file means that file, whatever its FILE says.
    let images = cuesheet::image_tracks(&sheet, |_| Some(this.clone()));
    let tracks: Vec<(PathBuf, &SheetTrack, ImageTrack)> = images
        .into_iter()
        .map(|(t, i)| (cuesheet::track_path(&this, t.number), t, i))
        .collect();
    if tracks.is_empty() {
        return vec![file];
    }
    match split(&file, &sheet, &tracks) {
        Ok(split) => split,
        Err(error) => {
            problems.push(Problem {
                path: file.path.clone(),
                error: format!("the CUE sheet inside this file: {error}"),
            });
            vec![file]
        }
    }
}

/// The tracks of an image, each with the file's tags overlaid by the sheet's.
fn split(
    file: &StoredFile,
    sheet: &Sheet,
    tracks: &[(PathBuf, &SheetTrack, ImageTrack)],
) -> Result<Vec<StoredFile>, String> {
    let length = file.tags.duration;
    let mut out = Vec::with_capacity(tracks.len());
    for (path, track, image) in tracks {
        let start = image.start.duration();
        if !length.is_zero() && start >= length {
            return Err(format!(
                "CUE sheet line {}: TRACK {:02} starts at {}, past the end of {} ({}); the file is listed as one track",
                track.start_line,
                track.number,
                image.start.format(),
                file.path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                crate::cue::time::format(length)
            ));
        }
        let end = image.end.map_or(length, cuesheet::Frames::duration);
        out.push(StoredFile {
            path: path.clone(),
            tags: Box::new(track_tags(
                &file.tags,
                sheet,
                track,
                end.saturating_sub(start),
            )),
            added: file.added,
            image: Some(image.clone()),
        });
    }
    Ok(out)
}

/// The tags of one track of an image: the sheet's where it says, the
/// file's otherwise.
fn track_tags(file: &FileTags, sheet: &Sheet, track: &SheetTrack, length: Duration) -> FileTags {
    let or = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
    let performer = or(&track.performer, &sheet.performer);
    let composer = track
        .songwriter
        .clone()
        .or_else(|| track.composer.clone())
        .or_else(|| sheet.songwriter.clone())
        .or_else(|| sheet.composer.clone());
    FileTags {
        title: Some(
            track
                .title
                .clone()
                .unwrap_or_else(|| format!("Track {}", track.number)),
        ),
        artists: performer.map_or_else(|| file.artists.clone(), |p| vec![p]),
        album: or(&sheet.title, &file.album),
        album_artist: or(&sheet.performer, &file.album_artist),
        composers: composer.map_or_else(|| file.composers.clone(), |c| vec![c]),
        genres: sheet
            .genre
            .clone()
            .map_or_else(|| file.genres.clone(), |g| vec![g]),
        track_number: Some(track.number),
        disc_number: sheet.disc.or(file.disc_number),
        year: sheet
            .date
            .as_deref()
            .and_then(|d| d.get(..4)?.parse().ok())
            .or(file.year),
        replaygain_track_db: track.gain,
        replaygain_track_peak: track.peak,
        replaygain_album_db: sheet.album_gain.or(file.replaygain_album_db),
        replaygain_album_peak: sheet.album_peak.or(file.replaygain_album_peak),
        duration: length,
        cuesheet: None,
        // A comment on the whole image ("ExactAudioCopy v1.6") is no scene.
        comment: None,
        description: None,
        ..file.clone()
    }
}

/// Where a track of an image is, and its tags, for playing it by its path
/// (`leitmotif play …/Album.cue/track03`, the saved queue): `None` when
/// `path` is not one, an error when it is but cannot be found.
pub fn locate(path: &Path) -> Option<Result<(ImageTrack, FileTags), String>> {
    let (container, number) = cuesheet::split_track_path(path)?;
    if !container.is_file() {
        return None;
    }
    let missing = || format!("track {number} is not in {}", container.display());
    let found = |sheet: &Sheet, images: Vec<(&SheetTrack, ImageTrack)>| {
        let (track, image) = images
            .into_iter()
            .find(|(t, _)| t.number == number)
            .ok_or_else(missing)?;
        let file_tags = super::tags::read(&image.file).map_err(|e| e.0)?;
        let length = file_tags.duration;
        let end = image.end.map_or(length, cuesheet::Frames::duration);
        let tags = track_tags(
            &file_tags,
            sheet,
            track,
            end.saturating_sub(image.start.duration()),
        );
        Ok((image, tags))
    };
    Some(if is_sheet(container) {
        read_text(container).and_then(|text| {
            let sheet =
                parse_guarded(&text).map_err(|e| format!("{}: {e}", container.display()))?;
            let near: Vec<PathBuf> = container
                .parent()
                .and_then(|f| std::fs::read_dir(f).ok())
                .map(|d| {
                    let mut files: Vec<PathBuf> = d
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.is_file() && !is_sheet(p) && super::scan::is_audio_name(p))
                        .collect();
                    files.sort();
                    files
                })
                .unwrap_or_default();
            let count = sheet.files.len();
            let images = cuesheet::image_tracks(&sheet, |name| {
                cuesheet::resolve_file(name, container, count, &near)
            });
            found(&sheet, images)
        })
    } else {
        super::tags::read(container)
            .map_err(|e| e.0)
            .and_then(|tags| {
                let text = tags.cuesheet.ok_or_else(missing)?;
                let sheet = parse_guarded(&text).map_err(|e| e.to_string())?;
                let file = container.to_path_buf();
                let images = cuesheet::image_tracks(&sheet, |_| Some(file.clone()));
                found(&sheet, images)
            })
    })
}

/// What the player needs of `path` (see [`crate::playback::Located`]): for a
/// track of an image its file and range; for any track its ReplayGain and
/// album, from its tags.
pub fn locate_for_playing(path: &Path) -> Result<crate::playback::Located, String> {
    let gains = |tags: &FileTags| {
        (
            tags.replaygain_track_db
                .map(|g| (g, tags.replaygain_track_peak)),
            tags.replaygain_album_db
                .map(|g| (g, tags.replaygain_album_peak)),
            tags.album.clone(),
        )
    };
    if let Some(found) = locate(path) {
        let (image, tags) = found?;
        let (track_gain, album_gain, album) = gains(&tags);
        Ok(crate::playback::Located {
            file: image.file,
            range: Some((
                image.start.duration(),
                image.end.map(cuesheet::Frames::duration),
            )),
            track_gain,
            album_gain,
            album,
            remote: None,
        })
    } else {
        let (track_gain, album_gain, album) = super::tags::read(path)
            .map(|t| gains(&t))
            .unwrap_or_default();
        Ok(crate::playback::Located {
            file: path.to_path_buf(),
            range: None,
            track_gain,
            album_gain,
            album,
            remote: None,
        })
    }
}

/// The library's [`crate::playback::Locator`], for the player.
pub fn locator() -> crate::playback::Locator {
    std::sync::Arc::new(locate_for_playing)
}

/// The same, and where a track's tags carry no ReplayGain, the gain of
/// Leitmotif's own analysis kept in the store at `store` (issue 18): tags
/// still win, and a measurement of a file that changed since is not used.
/// The store is opened once, at the first track that needs it.
pub fn locator_with_analysis(store: PathBuf) -> crate::playback::Locator {
    let opened: std::sync::Mutex<Option<super::Store>> = std::sync::Mutex::new(None);
    std::sync::Arc::new(move |path: &Path| {
        let mut located = locate_for_playing(path)?;
        let whole_file = located.range.is_none();
        if located.track_gain.is_none() || (located.album_gain.is_none() && whole_file) {
            let mut guard = opened
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if guard.is_none() && store.exists() {
                *guard = super::Store::open(&store).ok();
            }
            if let Some(store) = guard.as_ref() {
                if located.track_gain.is_none() {
                    located.track_gain = analysed_gain(store, path, &located);
                }
                if located.album_gain.is_none() && whole_file {
                    located.album_gain = analysed_album_gain(store, path);
                }
            }
        }
        Ok(located)
    })
}

/// The album gain and peak the store's analysis gives the album of the
/// file at `path` (the files of its folder with its album tag, as
/// `leitmotif loudness` counts an album), when every one of them was
/// measured as it is now: a gain from part of an album would not be the album's.
fn analysed_album_gain(store: &super::Store, path: &Path) -> Option<(f32, Option<f32>)> {
    use crate::loudness::Source;
    use crate::loudness::service::Stamp;
    let album = store.stored_file(path).ok()??.tags.album?;
    let (folder, album) = crate::loudness::album::album_key(path, Some(&album))?;
    let files = store.album_files(&folder, &album).ok()?;
    let measured: Vec<crate::loudness::TrackLoudness> = files
        .iter()
        .map(|file| {
            let now = Stamp::of(&Source::file(file)).ok()?;
            store.current_loudness(file, &now).ok()?
        })
        .collect::<Option<_>>()?;
    let whole = crate::loudness::album_loudness(&measured)?;
    let gain = whole.gain_db().ok()?;
    Some((gain as f32, Some(whole.true_peak as f32)))
}

/// The ReplayGain 2.0 gain and peak (linear) the store's analysis gives the
/// track at `key`, played from `located`.
fn analysed_gain(
    store: &super::Store,
    key: &Path,
    located: &crate::playback::Located,
) -> Option<(f32, Option<f32>)> {
    use crate::loudness::Source;
    use crate::loudness::service::Stamp;
    let source = Source {
        file: located.file.clone(),
        start: located.range.map_or(Duration::ZERO, |(start, _)| start),
        end: located.range.and_then(|(_, end)| end),
    };
    let now = Stamp::of(&source).ok()?;
    let measured = store.current_loudness(key, &now).ok()??;
    let gain = measured.track_gain_db().ok()?;
    Some((gain as f32, Some(measured.true_peak as f32)))
}
