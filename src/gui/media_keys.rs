//! The window's side of MPRIS: requests from media keys and desktop widgets
//! become the same messages as the window's own buttons, and what plays is
//! published back.

use iced::Task;

use super::{App, Message};
use crate::desktop::mpris::{NowTrack, Request, Snapshot, Status};
use crate::playback::Command;

impl App {
    /// Takes MPRIS requests and publishes what plays now.
    pub(super) fn sync_media_keys(&mut self) -> Task<Message> {
        let requests = self
            .mpris
            .as_ref()
            .map(|m| m.requests())
            .unwrap_or_default();
        let mut tasks = Vec::new();
        for request in requests {
            tasks.push(self.media_request(request));
        }
        let snapshot = self.snapshot();
        let position = self.now.position;
        if let Some(mpris) = &mut self.mpris {
            mpris.publish(snapshot, position);
        }
        Task::batch(tasks)
    }

    /// One request, as the window would do it.
    pub fn media_request(&mut self, request: Request) -> Task<Message> {
        let playing = self.now.path.is_some() && !self.now.paused;
        match request {
            Request::PlayPause => self.update(Message::TogglePlayback),
            Request::Play if !playing => self.update(Message::TogglePlayback),
            Request::Pause | Request::Stop if playing => self.update(Message::TogglePlayback),
            Request::Play | Request::Pause | Request::Stop => Task::none(),
            Request::Next => self.update(Message::Next),
            Request::Previous => self.update(Message::Previous),
            Request::SeekBy(ms) => {
                self.send(Command::SeekBy(ms));
                Task::none()
            }
            Request::SetPosition(to) => {
                self.now.position = to;
                self.send(Command::SeekTo(to));
                Task::none()
            }
            Request::SetVolume(level) => self.update(Message::SetVolume(level)),
            Request::SetShuffle(on) if on != self.shuffle => self.update(Message::ToggleShuffle),
            Request::SetShuffle(_) => Task::none(),
            Request::SetRepeat(repeat) => {
                self.repeat = repeat;
                self.send(Command::SetRepeat(repeat));
                Task::none()
            }
            Request::Raise => iced::window::latest().and_then(iced::window::gain_focus),
            Request::Open(path) => self.open_paths(vec![path]),
        }
    }

    /// What MPRIS clients are told.
    pub fn snapshot(&self) -> Snapshot {
        let library = self.library.as_deref();
        let track = self.playing().and_then(|id| {
            let library = library?;
            let t = library.tracks.get(id)?;
            Some(NowTrack {
                path: t.path.clone(),
                title: t.title.clone(),
                production: library
                    .production_of(id)
                    .map(|p| p.title.clone())
                    .unwrap_or_default(),
                artists: t.tags.artists.clone(),
                composers: t.tags.composers.clone(),
                length: self.now.duration,
                art: library
                    .production_index_of(id)
                    .and_then(|p| self.cover_file(p))
                    .map(std::path::Path::to_path_buf),
            })
        });
        // A file that plays but is not in the library (yet) is still named.
        let track = track.or_else(|| {
            let path = self.now.path.clone()?;
            Some(NowTrack {
                title: super::file_title(&path).unwrap_or_default(),
                path,
                length: self.now.duration,
                ..NowTrack::default()
            })
        });
        Snapshot {
            status: match (&self.now.path, self.now.paused) {
                (None, _) => Status::Stopped,
                (Some(_), true) => Status::Paused,
                (Some(_), false) => Status::Playing,
            },
            track,
            volume: if self.muted { 0.0 } else { self.volume },
            shuffle: self.shuffle,
            repeat: self.repeat,
        }
    }
}
