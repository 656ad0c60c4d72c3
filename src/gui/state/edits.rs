//! The user's edits: categories, production titles and media, scene notes,
//! and the editors for them. Every edit names its track by path and its
//! production by key, is saved at once in the user's file (read, changed,
//! written: what another writer saved meanwhile stays) and is shown at once.

use std::path::{Path, PathBuf};

use super::shown::Shown;
use crate::cue::time;
use crate::gui::message::EditMessage;
use crate::library::{Edit, Library, ProductionKey, TrackId, UserData};

/// The scene note being written for a track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SceneEdit {
    /// The track it is for, by its file: a reload may move it in the library.
    pub track: PathBuf,
    /// The scene text.
    pub scene: String,
    /// The start time as typed.
    pub start: String,
    /// Why the start time could not be kept.
    pub error: Option<String>,
}

/// What an edit tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditEvent {
    /// The library shown changed: this track's (or every track's) search
    /// text and the list must follow.
    Changed(Option<TrackId>),
    /// Something the user should know.
    Notice(String),
    /// The scene editor opened: its field takes the keyboard.
    EditorOpened,
}

/// The user's data and the editors.
#[derive(Debug, Default)]
pub struct Edits {
    user: UserData,
    path: Option<PathBuf>,
    renaming: Option<(ProductionKey, String)>,
    scene: Option<SceneEdit>,
}

impl Edits {
    /// Edits kept in the file at `path` (none: for the session only); an
    /// unreadable file is never overwritten and its reason is given.
    pub fn open(path: Option<PathBuf>) -> (Edits, Option<String>) {
        let Some(path) = path else {
            return (Edits::default(), None);
        };
        match UserData::load(&path) {
            Ok(user) => (
                Edits {
                    user,
                    path: Some(path),
                    ..Edits::default()
                },
                None,
            ),
            // Never overwrite a file we could not read: edits stay in memory only.
            Err(e) => (Edits::default(), Some(e)),
        }
    }

    /// The user's data as it now is.
    pub fn user(&self) -> &UserData {
        &self.user
    }
    /// The production being renamed, with the title as typed.
    pub fn renaming(&self) -> Option<&(ProductionKey, String)> {
        self.renaming.as_ref()
    }
    /// The scene note being written.
    pub fn scene(&self) -> Option<&SceneEdit> {
        self.scene.as_ref()
    }

    /// A new library: an editor whose track or production is gone closes,
    /// with a word to the user.
    pub fn library_arrived(&mut self, library: &Library) -> Option<String> {
        let mut notice = None;
        if let Some((key, _)) = &self.renaming
            && library.production_by_key(key).is_none()
        {
            self.renaming = None;
            notice = Some(
                "The production you were renaming is no longer in the library; nothing was changed."
                    .to_string(),
            );
        }
        if let Some(edit) = &self.scene
            && !library.tracks.iter().any(|t| t.path == edit.track)
        {
            self.scene = None;
            notice = Some(
                "The track whose scene note you were writing is no longer in the library; the note was not saved."
                    .to_string(),
            );
        }
        notice
    }

    /// Esc left the page: its editor closes.
    pub fn close_rename(&mut self) {
        self.renaming = None;
    }

    /// Files (or folders) moved on disk, (from, to): the user's changes to
    /// their tracks go with them, saved at once; an error to show, if saving failed.
    pub fn moved(&mut self, moves: &[(PathBuf, PathBuf)]) -> Option<String> {
        let mut probe = self.user.clone();
        let any = moves
            .iter()
            .fold(false, |any, (from, to)| probe.move_tracks(from, to) || any);
        if !any {
            return None;
        }
        let Some(path) = &self.path else {
            self.user = probe;
            return None;
        };
        match UserData::update_file(path, |data| {
            for (from, to) in moves {
                let _ = data.move_tracks(from, to);
            }
        }) {
            Ok(now) => {
                self.user = now;
                None
            }
            Err(e) => Some(format!(
                "Your notes for moved files could not be saved: {e}; they stay under the old names"
            )),
        }
    }

    /// Records the library's folders with the user's data (a lost store is
    /// rebuilt from them); an error to show, if saving failed.
    pub fn remember_folders(&mut self, folders: &[PathBuf]) -> Option<String> {
        if !self.user.clone().remember_folders(folders) {
            return None;
        }
        let Some(path) = &self.path else {
            let _ = self.user.remember_folders(folders);
            return None;
        };
        match UserData::update_file(path, |data| {
            let _ = data.remember_folders(folders);
        }) {
            Ok(now) => {
                self.user = now;
                None
            }
            Err(e) => Some(format!("Your library's folders could not be saved: {e}")),
        }
    }

    /// Handles one message. `playing` is the track that plays (for the
    /// scene editor).
    pub fn update(
        &mut self,
        message: EditMessage,
        shown: Option<&mut Shown>,
        playing: Option<TrackId>,
    ) -> Vec<EditEvent> {
        match message {
            EditMessage::SetCategory(key, category) => self.edit(
                &Edit::Category {
                    path: key.path().to_path_buf(),
                    category,
                },
                shown,
            ),
            EditMessage::SetMedium(production, medium) => {
                self.edit(&Edit::Medium { production, medium }, shown)
            }
            EditMessage::RenameStart(key) => {
                let title = shown
                    .as_deref()
                    .map(Shown::library)
                    .and_then(|l| l.productions.get(l.production_by_key(&key)?))
                    .map(|p| p.title.clone())
                    .unwrap_or_default();
                self.renaming = Some((key, title));
                Vec::new()
            }
            EditMessage::RenameDraft(text) => {
                if let Some((_, draft)) = &mut self.renaming {
                    *draft = text;
                }
                Vec::new()
            }
            EditMessage::RenameSave => match self.renaming.take() {
                Some((production, draft)) if !draft.trim().is_empty() => {
                    let title = draft.trim().to_string();
                    self.edit(&Edit::Title { production, title }, shown)
                }
                _ => Vec::new(),
            },
            EditMessage::EditScene => self.open_scene(shown.as_deref(), playing),
            EditMessage::SceneText(text) => {
                if let Some(edit) = &mut self.scene {
                    edit.scene = text;
                }
                Vec::new()
            }
            EditMessage::SceneStart(text) => {
                if let Some(edit) = &mut self.scene {
                    edit.start = text;
                    edit.error = None;
                }
                Vec::new()
            }
            EditMessage::SaveScene => self.save_scene(shown),
            EditMessage::CancelScene => {
                self.scene = None;
                Vec::new()
            }
            EditMessage::ExportCues(key) => vec![EditEvent::Notice(export(shown.as_deref(), &key))],
        }
    }

    /// Saves `edit` and shows it in the library.
    fn edit(&mut self, edit: &Edit, shown: Option<&mut Shown>) -> Vec<EditEvent> {
        if let Err(e) = self.save(edit) {
            return vec![EditEvent::Notice(format!(
                "Your change could not be saved: {e}"
            ))];
        }
        let Some(shown) = shown else {
            return Vec::new();
        };
        let id = edit.track().and_then(|p| shown.track_of(p));
        let _ = shown.library_mut().apply_edit(edit);
        vec![EditEvent::Changed(id)]
    }

    /// Saves one edit at once; with no file to keep edits in, they last for
    /// the session.
    fn save(&mut self, edit: &Edit) -> Result<(), String> {
        match &self.path {
            None => {
                self.user.record(edit);
                Ok(())
            }
            Some(path) => {
                self.user = UserData::record_in_file(path, edit)?;
                Ok(())
            }
        }
    }

    /// Opens the note editor on the playing track, filled with what is known.
    fn open_scene(&mut self, shown: Option<&Shown>, playing: Option<TrackId>) -> Vec<EditEvent> {
        let Some(track) = shown
            .zip(playing)
            .and_then(|(s, id)| s.library().tracks.get(id))
        else {
            return Vec::new();
        };
        self.scene = Some(SceneEdit {
            track: track.path.clone(),
            scene: track.placement.scene.clone().unwrap_or_default(),
            start: track
                .placement
                .start
                .map(time::format_exact)
                .unwrap_or_default(),
            error: None,
        });
        vec![EditEvent::EditorOpened]
    }

    /// Keeps the note: a bad time is refused with what to type.
    fn save_scene(&mut self, shown: Option<&mut Shown>) -> Vec<EditEvent> {
        let Some(edit) = self.scene.clone() else {
            return Vec::new();
        };
        let start = match edit.start.trim() {
            "" => None,
            text => match time::parse(text) {
                Ok(t) => Some(t),
                Err(e) => {
                    if let Some(open) = &mut self.scene {
                        open.error = Some(e);
                    }
                    return Vec::new();
                }
            },
        };
        let events = self.edit(
            &Edit::Scene {
                path: edit.track,
                scene: edit.scene,
                start,
            },
            shown,
        );
        if !events.iter().any(|e| matches!(e, EditEvent::Notice(_))) {
            self.scene = None;
        }
        events
    }
}

/// Writes the production's cues into its folders' sidecars: what to tell the user.
fn export(shown: Option<&Shown>, key: &ProductionKey) -> String {
    let Some(shown) = shown else {
        return "The library is still being read.".into();
    };
    if shown.demo() {
        return "The demo library is read-only: add a folder of your own to export its cues."
            .into();
    }
    let library = shown.library();
    let Some(index) = library.production_by_key(key) else {
        return "That production is no longer in the library.".into();
    };
    match crate::library::export::export_cues(library, index) {
        Ok(written) => written.join(" "),
        Err(e) => format!("Cues were not exported: {e}. Your notes are kept in Leitmotif."),
    }
}

/// Where the user's edits sit beside a store.
pub fn path_beside(store: &Path) -> PathBuf {
    crate::library::user_data::path_beside(store)
}
