//! The player service: a thread that owns the output and the queue, takes
//! commands and reports events.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rodio::Source;
use rodio::source::EmptyCallback;

use super::gain::{SmoothGain, Volume, replaygain_factor};
use super::output::{Output, OutputKind};
use super::queue::Queue;
use super::resume::Resume;
use super::{Command, Event, decode, no_output_message};

/// Handle to the player thread. Dropping it stops playback and ends the thread.
pub struct PlayerService {
    inputs: Sender<Input>,
    events: Option<Receiver<Event>>,
    thread: Option<JoinHandle<()>>,
}

/// What the player thread receives: commands, and word that a track ended.
enum Input {
    Command(Command),
    Ended(u64),
}

/// How often position events are sent while playing.
const TICK: Duration = Duration::from_millis(100);
/// How soon a missing device is first looked for again; the wait doubles up to
/// [`RETRY_MAX`] (each try makes the sound system log to stderr). Pressing Play
/// tries at once.
const RETRY: Duration = Duration::from_secs(2);
/// How soon a stream that failed while playing is tried again when reopening
/// it at once did not work. Under CPU load ALSA's pulse plugin fails a stream
/// now and then (`snd_pcm_avail_delay ... I/O error`) while the server is
/// fine: waiting [`RETRY`] made a 2-second hole in the music.
const RETRY_FAILED_STREAM: Duration = Duration::from_millis(250);
/// A stream that fails within this long of being opened is not reopened at
/// once, and each such failure in a row doubles the wait (from
/// [`RETRY_FAILED_STREAM`] up to [`RETRY_MAX`]): a device that opens and dies
/// at each try (a sound server gone behind ALSA's plugin) is not hammered.
const SHORT_LIVED: Duration = Duration::from_secs(5);
const RETRY_MAX: Duration = Duration::from_secs(30);
/// How long an idle output (paused, stopped, nothing queued) stays open on a
/// device before it is let go: an open stream keeps the audio thread and the
/// sound server mixing silence. Play opens it again and carries on from the
/// same sample.
pub const RELEASE_IDLE_OUTPUT: Duration = Duration::from_secs(10);
/// Previous restarts the track when more than this has played.
const RESTART_AFTER: Duration = Duration::from_secs(3);

impl PlayerService {
    /// Starts the player thread on `kind` of output. The output is opened at
    /// once; if there is none, an [`Event::OutputLost`] says so and the player
    /// waits for commands anyway.
    pub fn start(kind: OutputKind) -> PlayerService {
        PlayerService::start_with(kind, None, super::whole_files())
    }

    /// Like [`start`](Self::start), saving the state to `state_file` on
    /// shutdown and when asked (see [`Command::SaveState`]), and asking
    /// `locate` what each item is (its file, range and gain).
    pub fn start_with(
        kind: OutputKind,
        state_file: Option<PathBuf>,
        locate: super::Locator,
    ) -> PlayerService {
        let (inputs, input_rx) = mpsc::channel();
        let (event_tx, events) = mpsc::channel();
        let ended = inputs.clone();
        let thread = std::thread::Builder::new()
            .name("player".into())
            .spawn(move || {
                let mut engine = Engine::new(kind, ended, event_tx, locate);
                engine.state_file = state_file;
                engine.run(&input_rx);
            })
            .ok();
        PlayerService {
            inputs,
            events: Some(events),
            thread,
        }
    }

    /// Sends a command; never blocks.
    pub fn send(&self, command: Command) {
        let _ = self.inputs.send(Input::Command(command));
    }

    /// The next event, if one is waiting.
    pub fn try_event(&self) -> Option<Event> {
        self.events.as_ref()?.try_recv().ok()
    }

    /// Waits up to `timeout` for the next event.
    pub fn next_event(&self, timeout: Duration) -> Option<Event> {
        self.events.as_ref()?.recv_timeout(timeout).ok()
    }

    /// The events, for an owner that has them pushed to it (the window);
    /// after this, [`try_event`](Self::try_event) and
    /// [`next_event`](Self::next_event) give nothing.
    pub fn take_events(&mut self) -> Option<Receiver<Event>> {
        self.events.take()
    }
}

impl Drop for PlayerService {
    fn drop(&mut self) {
        self.send(Command::Shutdown);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A track handed to rodio: the token its end callback sends, and its queue position.
struct Appended {
    token: u64,
    position: usize,
    path: PathBuf,
    duration: Option<Duration>,
    /// Where in the file playback started; rodio counts from there.
    offset: Duration,
    /// Set when its decoder failed part way (a damaged file).
    failed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

struct Engine {
    kind: OutputKind,
    output: Option<Output>,
    output_error: Option<(String, Instant)>,
    retry_after: Duration,
    queue: Queue,
    /// Tracks given to rodio, the playing one first.
    appended: VecDeque<Appended>,
    next_token: u64,
    volume: f32,
    muted: bool,
    /// The gain every track follows: volume, or 0 when muted.
    gain: Volume,
    replaygain: bool,
    state_file: Option<PathBuf>,
    paused: bool,
    /// Where to pick up when a lost device comes back, or when play opens
    /// the released output again.
    resume_at: Option<Duration>,
    /// After how long idle the output is released (None: kept open).
    release_after: Option<Duration>,
    /// Since when the open output has had nothing to play.
    idle_since: Option<Instant>,
    /// When the open output was opened.
    opened_at: Option<Instant>,
    /// Streams in a row that failed soon after they were opened.
    quick_failures: u32,
    ended: Sender<Input>,
    events: Sender<Event>,
    locate: super::Locator,
}

impl Engine {
    fn new(
        kind: OutputKind,
        ended: Sender<Input>,
        events: Sender<Event>,
        locate: super::Locator,
    ) -> Engine {
        let release_after = match kind {
            OutputKind::Device => Some(RELEASE_IDLE_OUTPUT),
            // Pulled by its owner, it costs nothing while idle.
            OutputKind::Detached { .. } => None,
        };
        let mut engine = Engine {
            kind,
            output: None,
            output_error: None,
            retry_after: RETRY,
            queue: Queue::default(),
            appended: VecDeque::new(),
            next_token: 0,
            volume: 1.0,
            muted: false,
            gain: Volume::new(1.0),
            replaygain: true,
            state_file: None,
            paused: false,
            resume_at: None,
            release_after,
            idle_since: None,
            opened_at: None,
            quick_failures: 0,
            ended,
            events,
            locate,
        };
        let _ = engine.ensure_output();
        engine
    }

    fn emit(&self, event: Event) {
        let _ = self.events.send(event);
    }

    /// Waits for a command, or for the next thing due on a timer: a
    /// position report while playing, the release of an idle output, a try
    /// for a lost device while something should play. With none due (idle,
    /// output released) it sleeps until a command comes.
    fn run(mut self, inputs: &Receiver<Input>) {
        let mut last_tick = Instant::now();
        loop {
            self.note_idle();
            let input = match self.next_due(last_tick) {
                Some(wait) => inputs.recv_timeout(wait),
                None => inputs.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match input {
                Ok(Input::Command(Command::Shutdown)) | Err(RecvTimeoutError::Disconnected) => {
                    self.save_state();
                    break;
                }
                Ok(Input::Command(command)) => self.handle(command),
                Ok(Input::Ended(token)) => self.track_ended(token),
                Err(RecvTimeoutError::Timeout) => {}
            }
            self.note_idle();
            if last_tick.elapsed() >= TICK {
                last_tick = Instant::now();
                self.tick();
            }
        }
    }

    /// Whether sound is coming out (or should be, on a device that went away).
    fn sounding(&self) -> bool {
        !self.paused && !self.appended.is_empty() && self.output.is_some()
    }

    /// Whether the user wants sound that no device gives.
    fn waiting_for_device(&self) -> bool {
        self.output.is_none()
            && self.output_error.is_some()
            && !self.paused
            && self.queue.position().is_some()
    }

    /// How long until something is due; None when nothing is.
    fn next_due(&self, last_tick: Instant) -> Option<Duration> {
        if self.sounding() {
            return Some(TICK.saturating_sub(last_tick.elapsed()));
        }
        if let (Some(after), Some(since)) = (self.release_after, self.idle_since) {
            return Some(after.saturating_sub(since.elapsed()));
        }
        if self.waiting_for_device() {
            let since = self.output_error.as_ref().map_or(last_tick, |(_, t)| *t);
            return Some(self.retry_after.saturating_sub(since.elapsed()));
        }
        None
    }

    /// Starts or stops the idle clock of an open output.
    fn note_idle(&mut self) {
        let idle = self.output.is_some() && (self.paused || self.appended.is_empty());
        match (idle, self.idle_since) {
            (true, None) => self.idle_since = Some(Instant::now()),
            (false, Some(_)) => self.idle_since = None,
            _ => {}
        }
    }

    /// Lets the idle output go, remembering where the track was: play
    /// opens a new one and starts from that sample (as after a lost device).
    fn release_output(&mut self) {
        if let (Some(_), Some(_)) = (&self.output, self.appended.front()) {
            self.resume_at = Some(self.position());
        }
        self.appended.clear();
        self.output = None;
        self.idle_since = None;
    }

    /// Opens the output if it is not open; reports a missing one once.
    fn ensure_output(&mut self) -> bool {
        if self.output.is_some() {
            return true;
        }
        match Output::open(&self.kind) {
            Ok(output) => {
                self.output = Some(output);
                self.opened_at = Some(Instant::now());
                if self.output_error.take().is_some() {
                    self.emit(Event::OutputBack);
                }
                true
            }
            Err(detail) => {
                if self.output_error.is_none() {
                    self.emit(Event::OutputLost(no_output_message(&detail)));
                    self.retry_after = RETRY;
                } else {
                    self.retry_after = (self.retry_after * 2).min(RETRY_MAX);
                }
                self.output_error = Some((detail, Instant::now()));
                false
            }
        }
    }

    fn effective_volume(&self) -> f32 {
        if self.muted { 0.0 } else { self.volume }
    }

    fn tick(&mut self) {
        if let (Some(after), Some(since)) = (self.release_after, self.idle_since)
            && since.elapsed() >= after
        {
            self.release_output();
            return;
        }
        if self.output.as_ref().is_some_and(Output::has_failed) {
            self.stream_failed();
            return;
        }
        if self.output.is_none() {
            if self.waiting_for_device()
                && let Some((_, since)) = &self.output_error
                && since.elapsed() >= self.retry_after
                && self.ensure_output()
            {
                self.restart_current();
            }
            return;
        }
        if !self.paused && !self.appended.is_empty() && self.output.is_some() {
            self.emit(Event::Position(self.position()));
        }
    }

    /// The stream stopped on an error: keep the queue and the place in the
    /// track, open a new stream at once and go on quietly (a stream that
    /// failed under load usually opens again), or else tell the user and
    /// look for the device soon, then less often.
    fn stream_failed(&mut self) {
        // The playing track and where it is (its seek offset included; what
        // the device still held is lost with it, some milliseconds).
        let playing = self.appended.front().map(|a| (a.position, self.position()));
        self.output = None;
        self.appended.clear();
        let Some((p, at)) = playing else {
            // Nothing was playing: the output is let go, as an idle one is;
            // play opens a new one.
            self.idle_since = None;
            return;
        };
        self.resume_at = Some(at);
        let short_lived = self.opened_at.is_some_and(|t| t.elapsed() < SHORT_LIVED);
        self.quick_failures = if short_lived {
            self.quick_failures.saturating_add(1)
        } else {
            0
        };
        if self.quick_failures == 0 {
            match Output::open(&self.kind) {
                Ok(output) => {
                    log::info!("the audio stream failed; a new one carries on");
                    self.output = Some(output);
                    self.opened_at = Some(Instant::now());
                    // The same track from the same place: no new-track news
                    // (a scrobble, a "playing" line), the pause kept.
                    self.restart_at(p, at);
                    return;
                }
                Err(detail) => log::debug!("reopening the failed stream: {detail}"),
            }
        }
        self.retry_after = RETRY_FAILED_STREAM
            .saturating_mul(1 << self.quick_failures.min(8))
            .min(RETRY_MAX);
        self.output_error = Some(("the audio device stopped".into(), Instant::now()));
        self.emit(Event::OutputLost(no_output_message(
            "the audio device stopped",
        )));
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::PlayList { items, start } => {
                self.queue.replace(items, start);
                self.paused = false;
                self.start_at(start, None);
            }
            Command::Pause => self.set_paused(true),
            Command::Resume => self.resume(),
            Command::Toggle => {
                if self.paused || self.appended.is_empty() {
                    self.resume();
                } else {
                    self.set_paused(true);
                }
            }
            Command::Stop => {
                self.reset_output();
                self.queue.clear_position();
                self.paused = false;
                self.emit_queue();
            }
            Command::Next => match self.queue.after_skip() {
                Some(p) => self.start_at(p, None),
                None => self.finish(),
            },
            Command::Previous => {
                let played = self.position();
                match self.queue.before() {
                    Some(p) if played <= RESTART_AFTER => self.start_at(p, None),
                    _ => {
                        if let Some(p) = self.queue.position() {
                            self.start_at(p, None);
                        }
                    }
                }
            }
            Command::SeekTo(to) => self.seek(to),
            Command::SeekBy(ms) => {
                let now = self.position().as_millis() as i64;
                self.seek(Duration::from_millis(now.saturating_add(ms).max(0) as u64));
            }
            Command::SetVolume(v) => {
                self.volume = v.clamp(0.0, 1.0);
                self.apply_volume();
            }
            Command::SetMuted(m) => {
                self.muted = m;
                self.apply_volume();
            }
            Command::SetShuffle(on) => {
                self.queue.set_shuffle(on);
                self.requeue_next();
                self.emit_modes();
            }
            Command::SetRepeat(r) => {
                self.queue.set_repeat(r);
                self.requeue_next();
                self.emit_modes();
            }
            Command::SetReplayGain(on) => self.replaygain = on,
            Command::Restore(state) => self.restore(state),
            Command::SaveState => self.save_state(),
            Command::ReleaseIdleOutput(after) => self.release_after = after,
            Command::Enqueue(path) => {
                self.queue.push(path);
                self.requeue_next();
            }
            Command::PlayNext(path) => {
                self.queue.insert_next(path);
                self.requeue_next();
            }
            Command::Remove(position) => {
                if self.queue.remove(position) {
                    match self.queue.position() {
                        Some(p) => self.start_at(p, None),
                        None => self.finish(),
                    }
                } else {
                    self.requeue_next();
                }
            }
            Command::Move { from, to } => {
                self.queue.move_item(from, to);
                self.requeue_next();
            }
            Command::Shutdown => {}
        }
    }

    fn position(&self) -> Duration {
        match (&self.output, self.appended.front()) {
            (Some(output), Some(playing)) => output.player.get_pos() + playing.offset,
            _ => self.resume_at.unwrap_or_default(),
        }
    }

    fn apply_volume(&self) {
        self.gain.set(self.effective_volume());
        self.emit(Event::Volume {
            level: self.volume,
            muted: self.muted,
        });
    }

    fn emit_modes(&self) {
        self.emit(Event::Modes {
            shuffle: self.queue.shuffle(),
            repeat: self.queue.repeat(),
        });
    }

    /// The ReplayGain factor for the track at queue `position`: album gain
    /// when the album plays in order (a neighbour in the queue is from the same
    /// album and shuffle is off), else track gain; 1.0 when off or untagged.
    fn replaygain_for(&self, position: usize, located: &super::Located) -> f32 {
        if !self.replaygain {
            return 1.0;
        }
        let album_of =
            |p: Option<&PathBuf>| p.and_then(|p| (self.locate)(p).ok()).and_then(|l| l.album);
        // Neighbours are looked at only when album gain could apply.
        let in_order = !self.queue.shuffle()
            && located.album_gain.is_some()
            && located.album.is_some()
            && (album_of(position.checked_sub(1).and_then(|p| self.queue.item_at(p)))
                == located.album
                || album_of(self.queue.item_at(position + 1)) == located.album);
        let gain = match (in_order, located.album_gain) {
            (true, Some(album)) => Some(album),
            _ => located.track_gain,
        };
        gain.map_or(1.0, |(g, peak)| replaygain_factor(g, peak))
    }

    fn save_state(&self) {
        let Some(path) = &self.state_file else { return };
        let current = self.queue.position();
        let state = Resume {
            items: self.queue.items().cloned().collect(),
            current,
            position_ms: self.position().as_millis() as u64,
            volume: self.volume,
            muted: self.muted,
            shuffle: self.queue.shuffle(),
            repeat: self.queue.repeat(),
        };
        if let Err(e) = state.save(path) {
            self.emit(Event::Error {
                path: path.clone(),
                reason: e,
            });
        }
    }

    fn restore(&mut self, state: Resume) {
        self.reset_output();
        self.volume = state.volume.clamp(0.0, 1.0);
        self.muted = state.muted;
        self.apply_volume();
        let start = state.current.unwrap_or(0);
        self.queue.replace(state.items, start);
        self.queue.set_repeat(state.repeat);
        // The saved order is the play order: shuffle stays on without mixing again.
        self.queue.mark_shuffled(state.shuffle);
        if state.current.is_none() {
            self.queue.clear_position();
        }
        self.paused = true;
        self.resume_at = Some(Duration::from_millis(state.position_ms));
        if let Some(path) = self.queue.current().cloned() {
            let duration = (self.locate)(&path)
                .and_then(|l| decode::open_located(&l))
                .ok()
                .and_then(|d| d.total_duration());
            self.emit(Event::TrackStarted {
                position: start,
                path,
                duration,
            });
            self.emit(Event::Position(Duration::from_millis(state.position_ms)));
        }
        self.emit(Event::Paused(true));
        self.emit_modes();
        self.emit_queue();
    }

    fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
        if let Some(output) = &self.output {
            if paused {
                output.player.pause();
            } else {
                output.player.play();
            }
        }
        if paused {
            // Where the user paused is where the next run starts, even if
            // this one is killed rather than closed (saved before it is
            // announced, so whoever hears of the pause finds it on disk).
            self.save_state();
        }
        self.emit(Event::Paused(paused));
    }

    /// Resumes, or starts the queue (again) when nothing is loaded in rodio.
    fn resume(&mut self) {
        if self.appended.is_empty() {
            self.paused = false;
            let at = self.resume_at.take();
            match self.queue.position() {
                Some(p) => self.start_at(p, at),
                None if !self.queue.is_empty() => self.start_at(0, None),
                None => {}
            }
        } else {
            self.set_paused(false);
        }
    }

    fn reset_output(&mut self) {
        if let Some(output) = &mut self.output {
            output.reset();
        }
        self.appended.clear();
        self.resume_at = None;
    }

    /// Plays from queue `position`, skipping files that cannot be opened.
    fn start_at(&mut self, position: usize, seek: Option<Duration>) {
        self.reset_output();
        if !self.ensure_output() {
            // Nothing to play on: remember where to start when a device appears.
            let _ = self.queue.go_to(position);
            self.resume_at = seek;
            return;
        }
        let mut position = position;
        for _ in 0..self.queue.len().max(1) {
            let _ = self.queue.go_to(position);
            if self.append(position, seek) {
                if let Some(output) = &self.output {
                    if self.paused {
                        output.player.pause();
                    } else {
                        output.player.play();
                    }
                }
                self.prefetch();
                self.announce_current();
                if seek.is_some() {
                    // Picked up part way (a released output, a lost device):
                    // the position is known now, not at the next report.
                    self.emit(Event::Position(self.position()));
                }
                return;
            }
            match self.queue.following(position, false) {
                Some(next) => position = next,
                None => break,
            }
        }
        self.finish();
    }

    /// Appends the track at queue `position` to rodio (from `seek` into it, if
    /// given), then a callback that reports its end. Reports an error and
    /// returns false if it cannot be opened.
    ///
    /// The decoder is positioned before rodio gets it, so the player thread
    /// never waits for the audio thread to carry out a seek.
    fn append(&mut self, position: usize, seek: Option<Duration>) -> bool {
        let Some(path) = self.queue.item_at(position).cloned() else {
            return false;
        };
        let located = match (self.locate)(&path) {
            Ok(located) => located,
            Err(reason) => {
                self.emit(Event::Error { path, reason });
                return false;
            }
        };
        let factor = self.replaygain_for(position, &located);
        let Some(output) = &mut self.output else {
            return false;
        };
        match decode::open_located(&located) {
            Ok(mut source) => {
                let offset = match seek {
                    Some(at) if source.try_seek(at).is_ok() => at,
                    _ => Duration::ZERO,
                };
                let duration = source.total_duration();
                let failed = source.failed();
                let token = self.next_token;
                self.next_token += 1;
                output.append(SmoothGain::new(source, self.gain.clone(), factor));
                let ended = self.ended.clone();
                output.player.append(EmptyCallback::new(Box::new(move || {
                    let _ = ended.send(Input::Ended(token));
                })));
                self.appended.push_back(Appended {
                    token,
                    position,
                    path,
                    duration,
                    offset,
                    failed,
                });
                true
            }
            Err(reason) => {
                self.emit(Event::Error { path, reason });
                false
            }
        }
    }

    /// Keeps the track after the playing one already in rodio, so that it
    /// follows without a gap.
    fn prefetch(&mut self) {
        let mut tries = self.queue.len();
        while self.appended.len() == 1 && tries > 0 {
            tries -= 1;
            let Some(last) = self.appended.back().map(|a| a.position) else {
                return;
            };
            let Some(next) = self.queue.following(last, true) else {
                return;
            };
            if !self.append(next, None) {
                // Skip the broken file in the queue's eyes as well.
                let Some(after) = self.queue.following(next, false) else {
                    return;
                };
                if after == last || !self.append(after, None) {
                    return;
                }
            }
        }
    }

    /// Plays queue position `p` from `at`, afresh: the output is reset, the
    /// paused state kept, the next track queued behind it again.
    fn restart_at(&mut self, p: usize, at: Duration) {
        let paused = self.paused;
        self.reset_output();
        self.paused = paused;
        if self.append(p, Some(at)) {
            if let Some(output) = &self.output {
                if paused {
                    output.player.pause();
                } else {
                    output.player.play();
                }
            }
            self.prefetch();
        }
    }

    /// After a queue edit, the prefetched track may be the wrong one: the
    /// playing track stays, the one after it is chosen again.
    fn requeue_next(&mut self) {
        if self.appended.len() > 1 {
            let playing_pos = self.position();
            if let Some(p) = self.appended.front().map(|a| a.position) {
                self.restart_at(p, playing_pos);
            }
        }
        self.emit_queue();
    }

    fn announce_current(&self) {
        if let Some(playing) = self.appended.front() {
            let duration = playing.duration;
            self.emit(Event::TrackStarted {
                position: playing.position,
                path: playing.path.clone(),
                duration,
            });
            self.emit(Event::Paused(self.paused));
        }
        self.emit_queue();
    }

    fn emit_queue(&self) {
        self.emit(Event::QueueChanged(
            self.queue.items().cloned().collect(),
            self.queue.position(),
        ));
    }

    fn track_ended(&mut self, token: u64) {
        if self.appended.front().map(|a| a.token) != Some(token) {
            return; // a track dropped by a reset
        }
        if let Some(done) = self.appended.pop_front() {
            if done.failed.load(std::sync::atomic::Ordering::Relaxed) {
                self.emit(Event::Error {
                    path: done.path.clone(),
                    reason: "stopped early: the file is damaged part way through".into(),
                });
            }
            self.emit(Event::TrackEnded(done.path));
        }
        match self.appended.front().map(|a| a.position) {
            Some(next) => {
                let _ = self.queue.go_to(next);
                self.prefetch();
                self.announce_current();
            }
            None => self.finish(),
        }
    }

    /// Nothing more to play.
    fn finish(&mut self) {
        self.reset_output();
        self.queue.clear_position();
        self.emit(Event::QueueEnded);
        self.emit_queue();
    }

    /// Plays the current track again from where it was (after the device came back).
    fn restart_current(&mut self) {
        if let Some(p) = self.queue.position() {
            let at = self.resume_at.take();
            self.start_at(p, at);
        }
    }

    /// Seeks by playing the current track again from `to`, its decoder
    /// positioned before rodio gets it. rodio's own `Player::try_seek` waits
    /// for the audio thread to apply it, and waits forever when the track
    /// ended on the audio side just before (found by the soak test).
    fn seek(&mut self, to: Duration) {
        if self.output.is_some()
            && let Some(p) = self.appended.front().map(|a| a.position)
        {
            self.restart_at(p, to);
            self.emit(Event::Position(self.position()));
            return;
        }
        self.resume_at = Some(to);
        self.emit(Event::Position(to));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rodio::mixer::MixerSource;
    use std::sync::mpsc;

    /// Pulls `seconds` of stereo 44.1 kHz samples, as a sound card would.
    fn pull(mixer: &mut MixerSource, seconds: f64) {
        for _ in 0..(seconds * 88_200.0) as usize {
            let _ = mixer.next();
        }
    }

    /// Whether any of the events sent so far says `what`.
    fn heard(events: &Receiver<Event>, what: impl Fn(&Event) -> bool) -> bool {
        events.try_iter().any(|event| what(&event))
    }

    #[test]
    fn a_stream_that_fails_while_playing_carries_on_at_once_from_its_sample() {
        let dir = std::env::temp_dir().join(format!("leitmotif-failed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("cue.wav");
        crate::testing::wav(&file, 0.5, 12.0);
        let (handout, mixers) = mpsc::channel();
        let (ended, _ended) = mpsc::channel();
        let (events, said) = mpsc::channel();
        let kind = OutputKind::Detached {
            rate: 44_100,
            handout,
        };
        let mut engine = Engine::new(kind, ended, events, super::super::whole_files());
        let mut mixer = mixers.try_recv().expect("the first stream");
        engine.handle(Command::PlayList {
            items: vec![file.clone()],
            start: 0,
        });
        engine.seek(Duration::from_secs(4));
        pull(&mut mixer, 1.0);
        let before = engine.position();
        assert!(before >= Duration::from_millis(4_900), "at {before:?}");
        let _ = said.try_iter().count();

        // Under load a stream that had played a while fails while the sound
        // server is fine: a new stream plays on at once, from the same
        // place, with no notice and no news of a new track.
        engine.opened_at = Instant::now().checked_sub(SHORT_LIVED * 2);
        engine.output.as_ref().expect("open").fail();
        engine.tick();
        let mut mixer = mixers.try_recv().expect("a new stream, opened at once");
        assert!(
            !heard(&said, |e| matches!(
                e,
                Event::OutputLost(_) | Event::TrackStarted { .. }
            )),
            "no notice and no new track for a stream reopened at once"
        );
        let after = engine.position();
        assert!(
            after.abs_diff(before) < Duration::from_millis(50),
            "picked up at {after:?}, was at {before:?}"
        );
        pull(&mut mixer, 0.5);
        assert!(engine.position() > after, "the new stream plays");

        // The new stream fails at once too: the user is told, and the device
        // is tried again soon, then, failing soon again, later each time.
        let mut waits = Vec::new();
        for _ in 0..3 {
            engine.output.as_ref().expect("open").fail();
            engine.tick();
            assert!(engine.output.is_none());
            assert!(heard(&said, |e| matches!(e, Event::OutputLost(_))), "told");
            let due = engine.next_due(Instant::now()).expect("a retry is due");
            waits.push(due);
            std::thread::sleep(due + Duration::from_millis(20));
            engine.tick();
            assert!(engine.output.is_some(), "the output is back after {due:?}");
            assert!(mixers.try_recv().is_ok(), "on a new stream");
        }
        assert!(
            waits[0] <= RETRY_FAILED_STREAM * 2,
            "first retry in {:?}",
            waits[0]
        );
        assert!(
            waits[1] > waits[0] && waits[2] > waits[1],
            "a device that dies at each try is tried less often: {waits:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
