//! The transport: what plays, where, how loud, shuffle and repeat, the
//! queue; commands go to the player service, its events come back pushed
//! (never polled) as [`TransportMessage::Player`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::gui::message::TransportMessage;
use crate::playback::{Command, Event, PlayerService, Repeat};

/// What is playing, as far as the window knows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NowPlaying {
    /// The file playing: what names the track across reloads.
    pub path: Option<PathBuf>,
    /// Position in the track.
    pub position: Duration,
    /// Length of the track.
    pub duration: Option<Duration>,
    /// Paused (or stopped).
    pub paused: bool,
    /// Where the seek bar is being dragged to, in seconds.
    pub dragging: Option<f32>,
}

/// What the transport tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportEvent {
    /// Space with nothing loaded: start the library's first production.
    StartFirst,
    /// The audio output went away (a message to show) or came back (none).
    Output(Option<String>),
}

/// The transport's state and the player it drives.
pub struct Transport {
    player: Option<PlayerService>,
    now: NowPlaying,
    volume: f32,
    muted: bool,
    shuffle: bool,
    repeat: Repeat,
    queue: Vec<PathBuf>,
    queue_position: Option<usize>,
    last_error: Option<String>,
}

impl Transport {
    /// A transport over `player` (none: tests and screenshots, no sound).
    pub fn new(player: Option<PlayerService>) -> Transport {
        Transport {
            player,
            now: NowPlaying::default(),
            volume: 1.0,
            muted: false,
            shuffle: false,
            repeat: Repeat::Off,
            queue: Vec::new(),
            queue_position: None,
            last_error: None,
        }
    }

    /// The player's events, to be pushed into the window (taken once).
    pub fn take_events(&mut self) -> Option<std::sync::mpsc::Receiver<Event>> {
        self.player.as_mut().and_then(PlayerService::take_events)
    }

    /// What plays.
    pub fn now(&self) -> &NowPlaying {
        &self.now
    }
    /// Whether something plays (not paused).
    pub fn playing(&self) -> bool {
        self.now.path.is_some() && !self.now.paused
    }
    /// Volume, 0.0 to 1.0.
    pub fn volume(&self) -> f32 {
        self.volume
    }
    /// Muted.
    pub fn muted(&self) -> bool {
        self.muted
    }
    /// Shuffle on.
    pub fn shuffle(&self) -> bool {
        self.shuffle
    }
    /// Repeat mode.
    pub fn repeat(&self) -> Repeat {
        self.repeat
    }
    /// The player's queue in play order.
    pub fn queue(&self) -> &[PathBuf] {
        &self.queue
    }
    /// Position of the playing item in the queue.
    pub fn queue_position(&self) -> Option<usize> {
        self.queue_position
    }
    /// The last file that could not be played, and why.
    pub fn last_error(&self) -> Option<&str> {
        self.last_error.as_deref()
    }

    /// Sends a command to the player, if there is one.
    pub fn send(&self, command: Command) {
        if let Some(player) = &self.player {
            player.send(command);
        }
    }

    /// Replaces the queue with `items` and plays from `start`; `length` is
    /// what the library knows of its length until the player says.
    pub fn play(&mut self, items: Vec<PathBuf>, start: usize, length: Option<Duration>) {
        let Some(path) = items.get(start).cloned() else {
            return;
        };
        self.now = NowPlaying {
            path: Some(path),
            duration: length,
            ..NowPlaying::default()
        };
        // The queue shows what was asked for at once; the player's
        // QueueChanged follows with its play order (shuffle).
        self.queue.clone_from(&items);
        self.queue_position = Some(start);
        self.send(Command::PlayList { items, start });
    }

    /// Seeks to `to` (a media key, a desktop widget).
    pub fn seek_to(&mut self, to: Duration) {
        self.now.position = to;
        self.send(Command::SeekTo(to));
    }

    /// Sets the repeat mode.
    pub fn set_repeat(&mut self, repeat: Repeat) {
        self.repeat = repeat;
        self.send(Command::SetRepeat(repeat));
    }

    /// Handles one message; `length_of` gives the library's length of a file.
    pub fn update(
        &mut self,
        message: TransportMessage,
        length_of: &dyn Fn(&Path) -> Option<Duration>,
    ) -> Option<TransportEvent> {
        match message {
            TransportMessage::TogglePlayback => return self.toggle(),
            TransportMessage::Next => self.send(Command::Next),
            TransportMessage::Previous => self.send(Command::Previous),
            TransportMessage::SeekDrag(seconds) => self.now.dragging = Some(seconds),
            TransportMessage::SeekRelease => {
                if let Some(seconds) = self.now.dragging.take() {
                    self.seek_to(Duration::from_secs_f32(seconds.max(0.0)));
                }
            }
            TransportMessage::SeekBy(seconds) => self.send(Command::SeekBy(seconds * 1000)),
            TransportMessage::SetVolume(level) => self.set_volume(level),
            TransportMessage::VolumeStep(step) => self.set_volume(self.volume + step),
            TransportMessage::ToggleMute => {
                self.muted = !self.muted;
                self.send(Command::SetMuted(self.muted));
            }
            TransportMessage::ToggleShuffle => {
                self.shuffle = !self.shuffle;
                self.send(Command::SetShuffle(self.shuffle));
            }
            TransportMessage::CycleRepeat => self.set_repeat(self.repeat.cycle()),
            TransportMessage::QueueMove { from, to } => self.move_item(from, to),
            TransportMessage::QueueRemove(index) => {
                if index < self.queue.len() {
                    let _ = self.queue.remove(index);
                    self.send(Command::Remove(index));
                }
            }
            TransportMessage::Player(event) => return self.apply(event, length_of),
        }
        None
    }

    fn set_volume(&mut self, level: f32) {
        self.volume = level.clamp(0.0, 1.0);
        self.muted = false;
        self.send(Command::SetMuted(false));
        self.send(Command::SetVolume(self.volume));
    }

    fn move_item(&mut self, from: usize, to: usize) {
        if from < self.queue.len() && to < self.queue.len() {
            let item = self.queue.remove(from);
            self.queue.insert(to, item);
            self.queue_position = self.queue_position.map(|p| match p {
                p if p == from => to,
                p if from < p && to >= p => p - 1,
                p if from > p && to <= p => p + 1,
                p => p,
            });
            self.send(Command::Move { from, to });
        }
    }

    /// Space: pause or resume; with nothing loaded, the window starts the library.
    fn toggle(&mut self) -> Option<TransportEvent> {
        if self.now.path.is_some() {
            // What the user sees decides, sent as what it should become: a
            // relative toggle would do the opposite whenever the player is in
            // between (a lost device it waits for, a track it restarts).
            self.now.paused = !self.now.paused;
            self.send(if self.now.paused {
                Command::Pause
            } else {
                Command::Resume
            });
            return None;
        }
        Some(TransportEvent::StartFirst)
    }

    /// Takes in one event from the player.
    fn apply(
        &mut self,
        event: Event,
        length_of: &dyn Fn(&Path) -> Option<Duration>,
    ) -> Option<TransportEvent> {
        match &event {
            Event::Position(_) => log::trace!("player: {event:?}"),
            // A play-all of a big library would write every path.
            Event::QueueChanged(items, at) => {
                log::debug!("player: QueueChanged({} items, at {at:?})", items.len());
            }
            _ => log::debug!("player: {event:?}"),
        }
        match event {
            Event::TrackStarted { path, duration, .. } => {
                let tagged = length_of(&path).filter(|d| !d.is_zero());
                self.now = NowPlaying {
                    path: Some(path),
                    duration: duration.or(tagged),
                    paused: self.now.paused,
                    ..NowPlaying::default()
                };
            }
            Event::Position(position) => self.now.position = position,
            Event::Paused(paused) => self.now.paused = paused,
            Event::Volume { level, muted } => {
                self.volume = level;
                self.muted = muted;
            }
            Event::Modes { shuffle, repeat } => {
                self.shuffle = shuffle;
                self.repeat = repeat;
            }
            Event::QueueEnded => self.now = NowPlaying::default(),
            Event::Error { path, reason } => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.last_error = Some(format!("Skipped {name}: {reason}"));
            }
            Event::OutputLost(message) => return Some(TransportEvent::Output(Some(message))),
            Event::OutputBack => return Some(TransportEvent::Output(None)),
            Event::QueueChanged(items, position) => {
                self.queue = items;
                self.queue_position = position;
            }
            Event::TrackEnded(_) => {}
        }
        None
    }
}
