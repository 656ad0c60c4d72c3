//! Playlists between the window's parts: opened from anywhere (a file
//! manager, a drop, Ctrl+O's dialog, a later launch), played through the
//! transport, and the queue saved with what the library knows of each track.

use std::path::PathBuf;

use iced::Task;

use super::App;
use super::message::{Message, PlaylistMessage};
use super::state::browse::Page;
use super::state::playlists::{self, PlaylistEvent};
use crate::playlist::Entry;

impl App {
    /// A playlist message, and what it asks of the others.
    pub(super) fn playlist_message(&mut self, message: PlaylistMessage) -> Task<Message> {
        if let PlaylistMessage::Picked(paths) = message {
            return self.open_paths(paths);
        }
        let opened = matches!(message, PlaylistMessage::Read { play: true, .. });
        let (task, event) = self.playlists.update(message);
        match event {
            Some(PlaylistEvent::Play(paths)) => {
                self.play_paths(paths);
                if opened {
                    self.browse.show(Page::Playlists);
                }
            }
            Some(PlaylistEvent::Save(path)) => self.save_queue(path),
            Some(PlaylistEvent::Notice(text)) => self.notice = Some(text),
            None => {}
        }
        task
    }

    /// Plays files from the first, in the order given.
    fn play_paths(&mut self, paths: Vec<PathBuf>) {
        let length = paths
            .first()
            .and_then(|p| self.track_of(p))
            .and_then(|id| Some(self.library()?.tracks.get(id)?.duration()))
            .filter(|d| !d.is_zero());
        self.transport.play(paths, 0, length);
    }

    /// Writes the queue to `path` as M3U8, each entry with the title and
    /// length the library knows.
    fn save_queue(&mut self, path: PathBuf) {
        let entries: Vec<Entry> = self
            .transport
            .queue()
            .iter()
            .map(|file| {
                let track = self
                    .track_of(file)
                    .and_then(|id| self.library()?.tracks.get(id));
                Entry {
                    path: file.clone(),
                    title: track.map(|t| t.title.clone()),
                    duration: track.map(crate::library::Track::duration),
                }
            })
            .collect();
        match playlists::save(&path, &entries) {
            Ok(()) => {
                self.notice = Some(format!(
                    "Saved the queue ({} tracks) as {}",
                    entries.len(),
                    path.display()
                ));
                self.playlists.saved(path, entries);
            }
            Err(e) => self.notice = Some(e),
        }
    }

    /// Splits playlists out of `paths`: they are opened (the first plays);
    /// the other paths are given back.
    pub(super) fn open_playlists(&mut self, paths: Vec<PathBuf>) -> (Task<Message>, Vec<PathBuf>) {
        let (lists, rest): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| crate::playlist::is_playlist(p) && !p.is_dir());
        if lists.is_empty() {
            return (Task::none(), rest);
        }
        (
            self.update(Message::Playlist(PlaylistMessage::Open(lists))),
            rest,
        )
    }
}
