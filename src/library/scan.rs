//! Walking folders to find audio, and reading each file's tags in parallel.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use lofty::file::FileType;
use rayon::prelude::*;

use super::tags::{self, FileTags};

/// Counts reported while a scan runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanProgress {
    /// Folders entered so far.
    pub folders_seen: usize,
    /// Audio files found so far.
    pub files_seen: usize,
    /// Files whose tags were read.
    pub read: usize,
    /// Files that could not be read.
    pub failed: usize,
}

/// A file that looked like audio but could not be added, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// What went wrong, in words a user can act on.
    pub error: String,
}

/// What a scan found.
#[derive(Debug, Default)]
pub struct ScanOutput {
    /// Files read, with their tags.
    pub files: Vec<(PathBuf, FileTags)>,
    /// Files that looked like audio but could not be read.
    pub problems: Vec<Problem>,
    /// Cue sidecars found, with their text or why it could not be read.
    pub sidecars: Vec<crate::library::sidecar::Found>,
    /// CUE sheets found beside the audio files.
    pub cue_sheets: Vec<super::images::FoundSheet>,
    /// The final counts.
    pub progress: ScanProgress,
}

/// Extensions of formats Leitmotif reads; other files are probed by content.
const AUDIO_EXTENSIONS: &[&str] = &[
    "mp3", "flac", "ogg", "oga", "wav", "wave", "aif", "aiff", "aifc", "m4a", "m4b", "mp4", "aac",
    "alac", "opus", "spx", "wma", "ape", "wv", "mpc",
];

/// Extensions that are never audio: skipped without being opened.
const OTHER_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "bmp", "txt", "nfo", "log", "cue", "m3u", "m3u8", "pls",
    "pdf", "toml", "json", "xml", "html", "md", "sfv", "md5", "db", "ini", "url",
];

/// Folder names that belong to the system, never to a music collection.
const SYSTEM_FOLDERS: &[&str] = &[
    "lost+found",
    "$RECYCLE.BIN",
    "System Volume Information",
    "@eaDir",
    "node_modules",
    "__MACOSX",
];

/// An audio file found by the walk, with what tells whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub mtime_ns: i64,
}

/// What the walk found: audio files, and folders or files it could not open.
#[derive(Debug, Default)]
pub struct Walk {
    /// Audio files, sorted by path.
    pub files: Vec<Found>,
    /// Folders and files that could not be opened.
    pub problems: Vec<Problem>,
    /// Cue sidecars (`cues.toml`), sorted by path.
    pub sidecars: Vec<PathBuf>,
    /// CUE sheets (`.cue`) of CD images, sorted by path.
    pub cue_sheets: Vec<PathBuf>,
}

/// Scans `roots` (folders or single files), reporting counts through `progress`.
///
/// Never fails as a whole: every file that looked like audio ends up either in
/// `files` or in `problems`.
pub fn scan(roots: &[PathBuf], progress: &(dyn Fn(ScanProgress) + Sync)) -> ScanOutput {
    let mut counts = ScanProgress::default();
    let walk = walk(roots, &mut counts, progress);
    let mut problems = walk.problems;
    let sidecars = walk
        .sidecars
        .into_iter()
        .map(|path| {
            let text = crate::library::sidecar::read_text(&path);
            (path, text)
        })
        .collect();
    let paths: Vec<PathBuf> = walk.files.into_iter().map(|f| f.path).collect();
    let cue_sheets = super::images::read_sheets(&walk.cue_sheets, &paths);
    let results = read_all(&paths, &mut counts, progress);
    let mut files = Vec::with_capacity(results.len());
    for (path, result) in paths.into_iter().zip(results) {
        match result {
            Ok(tags) => files.push((path, tags)),
            Err(error) => problems.push(Problem { path, error }),
        }
    }
    ScanOutput {
        files,
        problems,
        sidecars,
        cue_sheets,
        progress: counts,
    }
}

/// Reads the tags of `paths` on all cores (rayon); results come back in the
/// same order.
pub fn read_all(
    paths: &[PathBuf],
    counts: &mut ScanProgress,
    progress: &(dyn Fn(ScanProgress) + Sync),
) -> Vec<Result<FileTags, String>> {
    let base = *counts;
    let read = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let results: Vec<Result<FileTags, String>> = paths
        .par_iter()
        .map(|path| {
            let result = tags::read(path).map_err(|e| e.0);
            let (r, f) = if result.is_ok() {
                (
                    read.fetch_add(1, Ordering::Relaxed) + 1,
                    failed.load(Ordering::Relaxed),
                )
            } else {
                (
                    read.load(Ordering::Relaxed),
                    failed.fetch_add(1, Ordering::Relaxed) + 1,
                )
            };
            if (r + f).is_multiple_of(256) {
                progress(ScanProgress {
                    read: base.read + r,
                    failed: base.failed + f,
                    ..base
                });
            }
            result
        })
        .collect();
    counts.read = base.read + read.into_inner();
    counts.failed = base.failed + failed.into_inner();
    progress(*counts);
    results
}

/// Walks the roots and lists the files that are audio by extension or content.
/// Hidden and system folders are skipped; symlinks are followed, each real
/// folder entered once, so a link back up the tree does not loop.
pub fn walk(
    roots: &[PathBuf],
    counts: &mut ScanProgress,
    progress: &(dyn Fn(ScanProgress) + Sync),
) -> Walk {
    let mut out = Walk::default();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    let mut stack: Vec<PathBuf> = Vec::new();
    for root in roots {
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => stack.push(root.clone()),
            Ok(meta) => {
                counts.files_seen += 1;
                out.files.push(found(root.clone(), &meta));
            }
            Err(e) => out.problems.push(Problem {
                path: root.clone(),
                error: format!("cannot open: {e}"),
            }),
        }
    }
    while let Some(dir) = stack.pop() {
        let real = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !visited.insert(real) {
            continue;
        }
        counts.folders_seen += 1;
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                out.problems.push(Problem {
                    path: dir.clone(),
                    error: format!("cannot open folder: {e}"),
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => {
                    // A dangling symlink has nothing to play; anything else that
                    // cannot be looked at (a folder that can be listed but not
                    // entered) is said, not skipped in silence.
                    let dangling = fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
                    if !dangling {
                        out.problems.push(Problem {
                            path,
                            error: format!("cannot open: {e}"),
                        });
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if !SYSTEM_FOLDERS.contains(&name.as_ref()) {
                    stack.push(path);
                }
            } else if meta.is_file() && name == crate::library::sidecar::FILE_NAME {
                out.sidecars.push(path);
            } else if meta.is_file() && super::images::is_sheet(&path) {
                out.cue_sheets.push(path);
            } else if meta.is_file() && looks_like_audio(&path) {
                counts.files_seen += 1;
                out.files.push(found(path, &meta));
            }
        }
        if counts.folders_seen.is_multiple_of(64) {
            progress(*counts);
        }
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.files.dedup_by(|a, b| a.path == b.path);
    out.sidecars.sort();
    out.sidecars.dedup();
    out.cue_sheets.sort();
    out.cue_sheets.dedup();
    progress(*counts);
    out
}

fn found(path: PathBuf, meta: &fs::Metadata) -> Found {
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64);
    Found {
        path,
        size: meta.len(),
        mtime_ns,
    }
}

/// Whether a file's name says it is audio (no look inside).
pub fn is_audio_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| AUDIO_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()))
}

/// Audio by extension; files with an unknown extension (or none) are probed by content.
fn looks_like_audio(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if AUDIO_EXTENSIONS.contains(&ext.as_str()) {
        return true;
    }
    if OTHER_EXTENSIONS.contains(&ext.as_str()) {
        return false;
    }
    let mut head = [0u8; 64];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let Ok(n) = file.read(&mut head) else {
        return false;
    };
    // An ID3v2 tag comes first in most MP3 files; what follows it decides, so let the reader look.
    head[..n].starts_with(b"ID3") || FileType::from_buffer(&head[..n]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_decide_before_content() {
        assert!(looks_like_audio(Path::new("/nowhere/a.FLAC")));
        assert!(!looks_like_audio(Path::new("/nowhere/cover.jpg")));
    }
}
