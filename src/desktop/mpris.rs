//! MPRIS2 on the session bus, so that media keys, desktop widgets and
//! `playerctl` see and drive Leitmotif as `org.mpris.MediaPlayer2.leitmotif`.
//!
//! The bus is served by zbus's own thread. Calls from clients become
//! [`Request`]s that the window takes on its next tick (so the window stays
//! the one owner of what plays); the window publishes a [`Snapshot`] of what
//! plays, and changes are signalled to clients from a thread of their own.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mpris_server::zbus::{self, fdo};
use mpris_server::{
    LoopStatus, Metadata, PlaybackRate, PlaybackStatus, PlayerInterface, Property, RootInterface,
    Server, Time, TrackId, Volume,
};

use crate::playback::Repeat;

/// The bus name's last part: `org.mpris.MediaPlayer2.leitmotif` (one instance only runs).
pub const BUS_SUFFIX: &str = "leitmotif";

/// What a client asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Play (resume, or start the library).
    Play,
    /// Pause.
    Pause,
    /// Play or pause.
    PlayPause,
    /// Stop: Leitmotif pauses (the queue and position are kept).
    Stop,
    /// Next track.
    Next,
    /// Previous track (or the start of this one).
    Previous,
    /// Move by this many milliseconds.
    SeekBy(i64),
    /// Go to a position of the playing track.
    SetPosition(Duration),
    /// Volume, 0 to 1.
    SetVolume(f32),
    /// Shuffle on or off.
    SetShuffle(bool),
    /// Repeat mode.
    SetRepeat(Repeat),
    /// Bring the window to the front.
    Raise,
    /// Open a file or folder (a `file://` URI).
    Open(PathBuf),
}

/// Playing, paused or stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    /// Sound is coming out.
    Playing,
    /// A track is loaded and paused.
    Paused,
    /// Nothing loaded.
    #[default]
    Stopped,
}

/// The playing track, as clients show it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NowTrack {
    /// The file (its MPRIS track id is made from it, so a reload that moves
    /// the track in the library keeps the id clients know).
    pub path: PathBuf,
    /// Title.
    pub title: String,
    /// The production, given to clients as the album.
    pub production: String,
    /// Performers.
    pub artists: Vec<String>,
    /// Composers.
    pub composers: Vec<String>,
    /// Length.
    pub length: Option<Duration>,
    /// A cover picture file, if the folder has one.
    pub art: Option<PathBuf>,
}

/// Everything clients are told, apart from the position (which they poll).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    /// Playing, paused, stopped.
    pub status: Status,
    /// What plays.
    pub track: Option<NowTrack>,
    /// Volume, 0 to 1.
    pub volume: f32,
    /// Shuffle on.
    pub shuffle: bool,
    /// Repeat mode.
    pub repeat: Repeat,
}

#[derive(Default)]
struct Shared {
    snapshot: Snapshot,
    position: Duration,
}

/// The MPRIS service, owned by the window.
pub struct Mpris {
    shared: Arc<Mutex<Shared>>,
    updates: Sender<Snapshot>,
    requests: Option<Receiver<Request>>,
    last: Snapshot,
}

impl Mpris {
    /// Registers on the session bus. Fails (with the reason) when there is no
    /// session bus or the name is taken; the app works on without it.
    pub fn start() -> Result<Mpris, String> {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let (request_tx, requests) = mpsc::channel();
        let (updates, update_rx) = mpsc::channel::<Snapshot>();
        let (ready_tx, ready) = mpsc::channel();
        let imp = Imp {
            shared: Arc::clone(&shared),
            requests: request_tx,
        };
        std::thread::Builder::new()
            .name("mpris".into())
            .spawn(move || {
                let server = match async_io::block_on(Server::new(BUS_SUFFIX, imp)) {
                    Ok(server) => server,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e.to_string()));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(()));
                // Ends when the window drops its sender.
                for snapshot in update_rx {
                    let changed = properties(&snapshot);
                    let _ = async_io::block_on(server.properties_changed(changed));
                }
            })
            .map_err(|e| e.to_string())?;
        match ready.recv_timeout(Duration::from_secs(5)) {
            Ok(Ok(())) => Ok(Mpris {
                shared,
                updates,
                requests: Some(requests),
                last: Snapshot::default(),
            }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err("the session bus did not answer within 5 s".into()),
        }
    }

    /// Where clients' requests arrive, for the window to take once and have
    /// pushed to it (they are not polled).
    pub fn take_requests(&mut self) -> Option<Receiver<Request>> {
        self.requests.take()
    }

    /// Tells clients what plays now; signals only what changed.
    pub fn publish(&mut self, snapshot: Snapshot, position: Duration) {
        let mut shared = self
            .shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shared.position = position;
        if snapshot != self.last {
            shared.snapshot = snapshot.clone();
            drop(shared);
            self.last = snapshot.clone();
            let _ = self.updates.send(snapshot);
        }
    }
}

fn properties(snapshot: &Snapshot) -> Vec<Property> {
    vec![
        Property::PlaybackStatus(status(snapshot.status)),
        Property::Metadata(metadata(snapshot.track.as_ref())),
        Property::Volume(f64::from(snapshot.volume)),
        Property::Shuffle(snapshot.shuffle),
        Property::LoopStatus(loop_status(snapshot.repeat)),
        Property::CanGoNext(snapshot.track.is_some()),
        Property::CanGoPrevious(snapshot.track.is_some()),
        Property::CanSeek(snapshot.track.is_some()),
    ]
}

fn status(status: Status) -> PlaybackStatus {
    match status {
        Status::Playing => PlaybackStatus::Playing,
        Status::Paused => PlaybackStatus::Paused,
        Status::Stopped => PlaybackStatus::Stopped,
    }
}

fn loop_status(repeat: Repeat) -> LoopStatus {
    match repeat {
        Repeat::Off => LoopStatus::None,
        Repeat::One => LoopStatus::Track,
        Repeat::All => LoopStatus::Playlist,
    }
}

/// The track's object path, as MPRIS names tracks: from the file's path,
/// the same for the same file at every load.
fn track_id(track: Option<&NowTrack>) -> TrackId {
    track
        .and_then(|t| {
            let hash = crate::library::track::path_hash(&t.path);
            TrackId::try_from(format!("/org/leitmotif/Track/{hash:016x}")).ok()
        })
        .unwrap_or(TrackId::NO_TRACK)
}

fn metadata(track: Option<&NowTrack>) -> Metadata {
    let mut m = Metadata::new();
    m.set_trackid(Some(track_id(track)));
    let Some(t) = track else { return m };
    m.set_title(Some(t.title.clone()));
    m.set_album(Some(t.production.clone()));
    if !t.artists.is_empty() {
        m.set_artist(Some(t.artists.clone()));
    }
    if !t.composers.is_empty() {
        m.set_composer(Some(t.composers.clone()));
    }
    if let Some(length) = t.length {
        m.set_length(Some(Time::from_micros(length.as_micros() as i64)));
    }
    if let Some(art) = &t.art {
        m.set_art_url(Some(crate::paths::file_url(art)));
    }
    m.set_url(Some(crate::paths::file_url(&t.path)));
    m
}

/// What answers clients, on zbus's thread.
struct Imp {
    shared: Arc<Mutex<Shared>>,
    requests: Sender<Request>,
}

impl Imp {
    fn ask(&self, request: Request) -> fdo::Result<()> {
        self.requests
            .send(request)
            .map_err(|_| fdo::Error::Failed("Leitmotif is closing".into()))
    }

    fn read<T>(&self, f: impl FnOnce(&Shared) -> T) -> T {
        f(&self
            .shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

impl RootInterface for Imp {
    async fn raise(&self) -> fdo::Result<()> {
        self.ask(Request::Raise)
    }
    async fn quit(&self) -> fdo::Result<()> {
        Err(fdo::Error::NotSupported("close the window to quit".into()))
    }
    async fn can_quit(&self) -> fdo::Result<bool> {
        Ok(false)
    }
    async fn fullscreen(&self) -> fdo::Result<bool> {
        Ok(false)
    }
    async fn set_fullscreen(&self, _fullscreen: bool) -> zbus::Result<()> {
        Ok(())
    }
    async fn can_set_fullscreen(&self) -> fdo::Result<bool> {
        Ok(false)
    }
    async fn can_raise(&self) -> fdo::Result<bool> {
        Ok(true)
    }
    async fn has_track_list(&self) -> fdo::Result<bool> {
        Ok(false)
    }
    async fn identity(&self) -> fdo::Result<String> {
        Ok("Leitmotif".into())
    }
    async fn desktop_entry(&self) -> fdo::Result<String> {
        // The desktop file's name without `.desktop`: widgets find the icon through it.
        Ok(super::APP_ID.into())
    }
    async fn supported_uri_schemes(&self) -> fdo::Result<Vec<String>> {
        Ok(vec!["file".into()])
    }
    async fn supported_mime_types(&self) -> fdo::Result<Vec<String>> {
        Ok([
            "audio/flac",
            "audio/mpeg",
            "audio/ogg",
            "audio/wav",
            "audio/aiff",
            "audio/mp4",
            "inode/directory",
        ]
        .map(String::from)
        .to_vec())
    }
}

impl PlayerInterface for Imp {
    async fn next(&self) -> fdo::Result<()> {
        self.ask(Request::Next)
    }
    async fn previous(&self) -> fdo::Result<()> {
        self.ask(Request::Previous)
    }
    async fn pause(&self) -> fdo::Result<()> {
        self.ask(Request::Pause)
    }
    async fn play_pause(&self) -> fdo::Result<()> {
        self.ask(Request::PlayPause)
    }
    async fn stop(&self) -> fdo::Result<()> {
        self.ask(Request::Stop)
    }
    async fn play(&self) -> fdo::Result<()> {
        self.ask(Request::Play)
    }
    async fn seek(&self, offset: Time) -> fdo::Result<()> {
        self.ask(Request::SeekBy(offset.as_millis()))
    }
    async fn set_position(&self, track: TrackId, position: Time) -> fdo::Result<()> {
        // The spec: ignore a position for another track, or outside it.
        let current = self.read(|s| track_id(s.snapshot.track.as_ref()));
        if track != current || position.is_negative() {
            return Ok(());
        }
        self.ask(Request::SetPosition(Duration::from_micros(
            position.as_micros() as u64,
        )))
    }
    async fn open_uri(&self, uri: String) -> fdo::Result<()> {
        if !uri.starts_with("file://") {
            return Err(fdo::Error::NotSupported(format!(
                "{uri}: only file:// URIs are opened"
            )));
        }
        self.ask(Request::Open(crate::paths::path_from_arg(&uri)))
    }
    async fn playback_status(&self) -> fdo::Result<PlaybackStatus> {
        Ok(self.read(|s| status(s.snapshot.status)))
    }
    async fn loop_status(&self) -> fdo::Result<LoopStatus> {
        Ok(self.read(|s| loop_status(s.snapshot.repeat)))
    }
    async fn set_loop_status(&self, status: LoopStatus) -> zbus::Result<()> {
        let repeat = match status {
            LoopStatus::None => Repeat::Off,
            LoopStatus::Track => Repeat::One,
            LoopStatus::Playlist => Repeat::All,
        };
        self.ask(Request::SetRepeat(repeat))
            .map_err(zbus::Error::from)
    }
    async fn rate(&self) -> fdo::Result<PlaybackRate> {
        Ok(1.0)
    }
    async fn set_rate(&self, _rate: PlaybackRate) -> zbus::Result<()> {
        Ok(())
    }
    async fn shuffle(&self) -> fdo::Result<bool> {
        Ok(self.read(|s| s.snapshot.shuffle))
    }
    async fn set_shuffle(&self, shuffle: bool) -> zbus::Result<()> {
        self.ask(Request::SetShuffle(shuffle))
            .map_err(zbus::Error::from)
    }
    async fn metadata(&self) -> fdo::Result<Metadata> {
        Ok(self.read(|s| metadata(s.snapshot.track.as_ref())))
    }
    async fn volume(&self) -> fdo::Result<Volume> {
        Ok(self.read(|s| f64::from(s.snapshot.volume)))
    }
    async fn set_volume(&self, volume: Volume) -> zbus::Result<()> {
        self.ask(Request::SetVolume(volume.clamp(0.0, 1.0) as f32))
            .map_err(zbus::Error::from)
    }
    async fn position(&self) -> fdo::Result<Time> {
        Ok(self.read(|s| Time::from_micros(s.position.as_micros() as i64)))
    }
    async fn minimum_rate(&self) -> fdo::Result<PlaybackRate> {
        Ok(1.0)
    }
    async fn maximum_rate(&self) -> fdo::Result<PlaybackRate> {
        Ok(1.0)
    }
    async fn can_go_next(&self) -> fdo::Result<bool> {
        Ok(self.read(|s| s.snapshot.track.is_some()))
    }
    async fn can_go_previous(&self) -> fdo::Result<bool> {
        Ok(self.read(|s| s.snapshot.track.is_some()))
    }
    async fn can_play(&self) -> fdo::Result<bool> {
        Ok(true)
    }
    async fn can_pause(&self) -> fdo::Result<bool> {
        Ok(true)
    }
    async fn can_seek(&self) -> fdo::Result<bool> {
        Ok(self.read(|s| s.snapshot.track.is_some()))
    }
    async fn can_control(&self) -> fdo::Result<bool> {
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_metadata_follow_the_spec() {
        let track = NowTrack {
            path: "/m/a.flac".into(),
            title: "1M1 Landing".into(),
            production: "Arrival Point".into(),
            artists: vec!["Mara Lindqvist".into()],
            composers: vec!["Mara Lindqvist".into()],
            length: Some(Duration::from_secs(6)),
            art: None,
        };
        let m = metadata(Some(&track));
        assert_eq!(m.title(), Some("1M1 Landing"));
        assert_eq!(m.album(), Some("Arrival Point"));
        assert_eq!(m.length(), Some(Time::from_secs(6)));
        let id = m.trackid().map(|t| t.as_str().to_string());
        assert!(
            id.as_deref()
                .is_some_and(|id| id.starts_with("/org/leitmotif/Track/") && id.len() == 37),
            "{id:?}"
        );
        let elsewhere = NowTrack {
            path: "/m/b.flac".into(),
            ..track.clone()
        };
        assert_ne!(metadata(Some(&elsewhere)).trackid(), m.trackid());
        assert_eq!(metadata(Some(&track.clone())).trackid(), m.trackid());
        assert_eq!(metadata(None).trackid(), Some(TrackId::NO_TRACK));
    }
}
