//! What the window is started with: folders, files and playlists from the
//! command line or a file manager, and the channel later launches hand
//! their paths over on.

use std::path::PathBuf;
use std::sync::Arc;

/// Options the window starts with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Folders to add to the library; the demo library shows when there are none.
    pub roots: Vec<PathBuf>,
    /// Files to play at once, once the library has them.
    pub play: Vec<PathBuf>,
    /// Playlists to open (M3U, M3U8, PLS, XSPF); the first one plays.
    pub playlists: Vec<PathBuf>,
    /// Paths handed over by later launches (single instance), taken once at boot.
    pub handoff: Option<Handoff>,
}

/// Where paths from later launches arrive; shared so that [`Options`] stays `Clone`.
pub type Handoff = Arc<std::sync::Mutex<Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>>>;

impl Options {
    /// Paths as a file manager passes them: a folder is added to the library;
    /// a playlist is opened and played; another file is played, and its
    /// folder added.
    pub fn from_paths(paths: impl IntoIterator<Item = PathBuf>) -> Options {
        let mut options = Options::default();
        for path in paths {
            let path = std::path::absolute(&path).unwrap_or(path);
            if crate::playlist::is_playlist(&path) && !path.is_dir() {
                options.playlists.push(path);
            } else if path.is_file() {
                if let Some(folder) = path.parent()
                    && !options.roots.iter().any(|r| r == folder)
                {
                    options.roots.push(folder.to_path_buf());
                }
                options.play.push(path);
            } else {
                options.roots.push(path);
            }
        }
        options
    }
}
