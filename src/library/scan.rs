//! Walking folders to find audio, and reading each file's tags in parallel.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use lofty::file::FileType;

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

/// Scans `roots` (folders or single files), reporting counts through `progress`.
///
/// Never fails as a whole: every file that looked like audio ends up either in
/// `files` or in `problems`.
pub fn scan(roots: &[PathBuf], progress: &(dyn Fn(ScanProgress) + Sync)) -> ScanOutput {
    let mut counts = ScanProgress::default();
    let mut problems = Vec::new();
    let candidates = find_audio(roots, &mut counts, &mut problems, progress);
    let counts = Mutex::new(counts);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Result<FileTags, String>)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map(std::num::NonZeroUsize::get)
        .unwrap_or(2)
        .min(candidates.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = candidates.get(i) else { break };
                    let result = tags::read(path).map_err(|e| e.0);
                    let snapshot = {
                        let mut c = counts.lock().unwrap_or_else(|p| p.into_inner());
                        if result.is_ok() {
                            c.read += 1;
                        } else {
                            c.failed += 1;
                        }
                        *c
                    };
                    local.push((i, result));
                    if (snapshot.read + snapshot.failed) % 64 == 0 {
                        progress(snapshot);
                    }
                }
                results
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend(local);
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by_key(|(i, _)| *i);
    let mut files = Vec::with_capacity(results.len());
    for (i, result) in results {
        let path = candidates[i].clone();
        match result {
            Ok(tags) => files.push((path, tags)),
            Err(error) => problems.push(Problem { path, error }),
        }
    }
    let counts = counts.into_inner().unwrap_or_else(|p| p.into_inner());
    progress(counts);
    ScanOutput {
        files,
        problems,
        progress: counts,
    }
}

/// Walks the roots and lists the files that are audio by extension or content.
fn find_audio(
    roots: &[PathBuf],
    counts: &mut ScanProgress,
    problems: &mut Vec<Problem>,
    progress: &(dyn Fn(ScanProgress) + Sync),
) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    let mut stack: Vec<PathBuf> = Vec::new();
    for root in roots {
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => stack.push(root.clone()),
            Ok(_) => {
                counts.files_seen += 1;
                found.push(root.clone());
            }
            Err(e) => problems.push(Problem {
                path: root.clone(),
                error: format!("cannot open: {e}"),
            }),
        }
    }
    while let Some(dir) = stack.pop() {
        // Following symlinks can lead back up the tree: each real folder is entered once.
        let real = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !visited.insert(real) {
            continue;
        }
        counts.folders_seen += 1;
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(Problem {
                    path: dir.clone(),
                    error: format!("cannot open folder: {e}"),
                });
                continue;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for path in children.into_iter().rev() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            let Ok(meta) = fs::metadata(&path) else {
                // A dangling symlink: nothing to play there.
                continue;
            };
            if meta.is_dir() {
                if !SYSTEM_FOLDERS.contains(&name.as_ref()) {
                    stack.push(path);
                }
            } else if meta.is_file() && looks_like_audio(&path) {
                counts.files_seen += 1;
                found.push(path);
            }
        }
        if counts.folders_seen.is_multiple_of(32) {
            progress(*counts);
        }
    }
    found.sort();
    found
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
    FileType::from_buffer(&head[..n]).is_some()
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
