//! Playlists in the window: those saved in the playlists folder and those
//! opened (from a file manager, a drop, Ctrl+O's dialog), read on a thread,
//! each with the entries that name no file here, by line; the queue saved
//! as M3U8 under a name the user types.

use std::path::{Path, PathBuf};

use iced::Task;

use crate::gui::message::{Message, PlaylistMessage};
use crate::playlist::{self, Entry, Playlist};

/// One playlist the window knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    /// Its file: what names it.
    pub path: PathBuf,
    /// Its entries and problems, or why it could not be read at all.
    pub read: Result<Playlist, String>,
}

impl Known {
    /// What to call it: its file name without the extension.
    pub fn name(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// What the playlists part tells the window.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaylistEvent {
    /// Play these files from the first.
    Play(Vec<PathBuf>),
    /// Save the queue to this file.
    Save(PathBuf),
    /// Something the user should know.
    Notice(String),
}

/// The playlists' state.
#[derive(Debug, Default)]
pub struct Playlists {
    /// Where playlists are saved (`~/.local/share/leitmotif/playlists`).
    folder: Option<PathBuf>,
    known: Vec<Known>,
    selected: Option<PathBuf>,
    /// The name typed for the queue to be saved under.
    name: String,
}

impl Playlists {
    /// Playlists kept in `folder` (none: saving is off).
    pub fn new(folder: Option<PathBuf>) -> Playlists {
        Playlists {
            folder,
            ..Playlists::default()
        }
    }

    /// The playlists folder in the user's data folder.
    pub fn default_folder() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "leitmotif")
            .map(|dirs| dirs.data_dir().join("playlists"))
    }

    /// Where playlists are saved.
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }
    /// Every playlist known, by name.
    pub fn known(&self) -> &[Known] {
        &self.known
    }
    /// The playlist shown in full.
    pub fn selected(&self) -> Option<&Known> {
        let path = self.selected.as_ref()?;
        self.known.iter().find(|k| &k.path == path)
    }
    /// The name typed for the queue.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads the playlists folder on a thread (at start and after a save).
    pub fn list(&self) -> Task<Message> {
        let Some(folder) = self.folder.clone() else {
            return Task::none();
        };
        Task::perform(
            super::on_thread("playlists", move || list_folder(&folder)),
            |found| Message::Playlist(PlaylistMessage::Listed(found.unwrap_or_default())),
        )
    }

    /// Handles one message.
    pub fn update(&mut self, message: PlaylistMessage) -> (Task<Message>, Option<PlaylistEvent>) {
        match message {
            PlaylistMessage::Open(paths) => return (open(paths), None),
            PlaylistMessage::Read { path, read, play } => {
                let event = match (&read, play) {
                    (Ok(list), true) if list.entries.is_empty() => Some(PlaylistEvent::Notice(
                        format!("{}: no entry names a file here", path.display()),
                    )),
                    (Ok(list), true) => Some(PlaylistEvent::Play(
                        list.entries.iter().map(|e| e.path.clone()).collect(),
                    )),
                    (Err(e), _) => Some(PlaylistEvent::Notice(format!(
                        "{e}. Nothing was played; check the file, then open it again."
                    ))),
                    (Ok(_), false) => None,
                };
                self.selected = Some(path.clone());
                self.keep(Known { path, read });
                return (Task::none(), event);
            }
            PlaylistMessage::Listed(found) => {
                for known in found {
                    self.keep(known);
                }
            }
            PlaylistMessage::Select(path) => self.selected = Some(path),
            PlaylistMessage::Play(path) => {
                let entries = self
                    .known
                    .iter()
                    .find(|k| k.path == path)
                    .and_then(|k| k.read.as_ref().ok())
                    .map(|list| list.entries.iter().map(|e| e.path.clone()).collect());
                self.selected = Some(path);
                return (Task::none(), entries.map(PlaylistEvent::Play));
            }
            PlaylistMessage::Name(name) => self.name = name,
            PlaylistMessage::SaveQueue => return (Task::none(), Some(self.save_as())),
            PlaylistMessage::Pick => return (pick(), None),
            // The window opens what was picked (playlists and music alike).
            PlaylistMessage::Picked(_) => {}
        }
        (Task::none(), None)
    }

    /// Keeps `known`, in place of what was known of the same file.
    fn keep(&mut self, known: Known) {
        match self.known.iter_mut().find(|k| k.path == known.path) {
            Some(old) => *old = known,
            None => self.known.push(known),
        }
        self.known
            .sort_by_cached_key(|k| (k.name().to_lowercase(), k.path.clone()));
    }

    /// Where the queue is saved under the name typed, or why it cannot be.
    fn save_as(&self) -> PlaylistEvent {
        let Some(folder) = &self.folder else {
            return PlaylistEvent::Notice(
                "No home folder found: playlists cannot be kept.".to_string(),
            );
        };
        match file_name(&self.name) {
            Ok(name) => PlaylistEvent::Save(folder.join(name)),
            Err(e) => PlaylistEvent::Notice(e),
        }
    }

    /// The queue was saved to `path`: named in the list, the name field cleared.
    pub fn saved(&mut self, path: PathBuf, entries: Vec<Entry>) {
        self.name.clear();
        self.selected = Some(path.clone());
        self.keep(Known {
            path,
            read: Ok(Playlist {
                entries,
                problems: Vec::new(),
            }),
        });
    }
}

/// The file a typed name is saved as: `Name.m3u8`; a name that is no file
/// name is refused with what to type instead.
pub fn file_name(typed: &str) -> Result<String, String> {
    let name = typed.trim();
    let name = name
        .strip_suffix(".m3u8")
        .or_else(|| name.strip_suffix(".M3U8"))
        .unwrap_or(name)
        .trim();
    if name.is_empty() {
        return Err("Type a name for the playlist first.".to_string());
    }
    if name.contains('/') || name.contains('\0') || name.starts_with('.') {
        return Err(format!(
            "“{name}” cannot be a file name: leave out “/” and a leading dot."
        ));
    }
    Ok(format!("{name}.m3u8"))
}

/// Saves `entries` as M3U8 at `path`; a playlist already there is never
/// written over (it may be the user's own).
pub fn save(path: &Path, entries: &[Entry]) -> Result<(), String> {
    if entries.is_empty() {
        return Err("The queue is empty: play something first, then save it.".to_string());
    }
    if path.exists() {
        return Err(format!(
            "A playlist named “{}” exists already: choose another name.",
            path.file_stem().unwrap_or_default().to_string_lossy()
        ));
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("cannot make the playlists folder {}: {e}", folder.display()))?;
    }
    playlist::write_m3u8(path, entries)
}

/// Reads each of `paths` on a thread; the first one plays.
fn open(paths: Vec<PathBuf>) -> Task<Message> {
    Task::batch(paths.into_iter().enumerate().map(|(i, path)| {
        let reading = path.clone();
        Task::perform(
            super::on_thread("playlists", move || playlist::read(&reading)),
            move |read| {
                Message::Playlist(PlaylistMessage::Read {
                    path: path.clone(),
                    read: read.unwrap_or_else(|| Err("the playlist could not be read".into())),
                    play: i == 0,
                })
            },
        )
    }))
}

/// Ctrl+O: the system's dialog for playlists and music files.
fn pick() -> Task<Message> {
    let dialog = rfd::AsyncFileDialog::new()
        .set_title("Open a playlist or music")
        .add_filter(
            "Playlists and music",
            &[
                "m3u8", "m3u", "pls", "xspf", "flac", "mp3", "ogg", "opus", "m4a", "wav",
            ],
        )
        .add_filter(
            "Playlists (M3U, M3U8, PLS, XSPF)",
            &["m3u8", "m3u", "pls", "xspf"],
        )
        .pick_files();
    Task::perform(dialog, |picked| {
        let paths = picked
            .unwrap_or_default()
            .into_iter()
            .map(|h| h.path().to_path_buf())
            .collect();
        Message::Playlist(PlaylistMessage::Picked(paths))
    })
}

/// The playlists in `folder`, read (a folder not made yet has none).
fn list_folder(folder: &Path) -> Vec<Known> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && playlist::is_playlist(p))
        .map(|path| Known {
            read: playlist::read(&path),
            path,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_name_becomes_a_file_name_or_says_what_to_type() {
        assert_eq!(file_name(" Road trip "), Ok("Road trip.m3u8".into()));
        assert_eq!(file_name("Mix.m3u8"), Ok("Mix.m3u8".into()));
        assert!(file_name("  ").is_err_and(|e| e.contains("Type a name")));
        assert!(file_name("a/b").is_err_and(|e| e.contains("/")));
        assert!(file_name(".hidden").is_err());
    }

    #[test]
    fn a_saved_playlist_is_never_written_over() {
        let dir = std::env::temp_dir().join(format!("leitmotif-pl-save-{}", std::process::id()));
        let path = dir.join("Mine.m3u8");
        let entries = vec![Entry::new("/music/a.flac")];
        assert!(save(&path, &[]).is_err_and(|e| e.contains("empty")));
        save(&path, &entries).expect("first save");
        let before = std::fs::read(&path).expect("saved");
        let err = save(&path, &[Entry::new("/music/b.flac")]).expect_err("exists");
        assert!(err.contains("exists already"), "{err}");
        assert_eq!(std::fs::read(&path).expect("kept"), before);
        let _ = std::fs::remove_dir_all(dir);
    }
}
