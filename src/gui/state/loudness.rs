//! The loudness analysis as the window runs it: started on a thread of its
//! own when a library arrives (the tracks already measured are skipped),
//! shown as progress with a pause, and the envelopes of the productions in
//! view (the playing one, the page open) read from the store for the
//! waveform seek bar and the production's arc.
//!
//! Nothing here blocks the window: the analysis, its handle (whose drop
//! waits for the tracks being measured) and every store read live on other
//! threads, and progress reaches the window coalesced to a report every two
//! seconds, so a 10,000-track analysis does not redraw the window 20,000 times.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use iced::Task;

use crate::gui::message::{LoudnessMessage, Message};
use crate::library::{Library, Store, TrackId};
use crate::loudness::pool::background_threads;
use crate::loudness::service::{Analysis, Job, Progress};

/// At most one progress report reaches the window this often: each redraws
/// the window, and a full redraw costs tens of milliseconds on the CPU
/// renderer (issue 16), so an analysis of hours must not redraw it often.
const REPORT_EVERY: Duration = Duration::from_secs(2);
/// How soon the window's pause is obeyed when no track ends meanwhile.
const ORDERS_EVERY: Duration = Duration::from_millis(250);

/// A track's envelope for drawing, 0 to 1 over [`QUIET`] to [`LOUD`].
pub type Shape = Arc<[f32]>;

/// The loudness drawn as nothing: quieter than this is near silence in music.
pub const QUIET: f32 = -50.0;
/// The loudness drawn at full height: as loud as mastered music gets.
pub const LOUD: f32 = -5.0;

/// An envelope in LUFS as drawn: music lives between -35 and -8 LUFS, so
/// the whole -70..0 range would draw every track as a flat slab.
pub fn drawn(lufs: &[f32]) -> Shape {
    lufs.iter()
        .map(|&v| ((v - QUIET) / (LOUD - QUIET)).clamp(0.0, 1.0))
        .collect()
}

/// A production in view as the envelopes were read for it: its first
/// track and how many it has.
type InView = (Option<PathBuf>, usize);

/// What the window asks of the analysis thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Hold after the tracks being measured.
    Pause,
    /// Go on.
    Resume,
}

/// The analysis running for the library shown, and the envelopes in view.
#[derive(Default)]
pub struct LoudnessState {
    /// The store measurements are kept in (None: nothing is analysed).
    store: Option<PathBuf>,
    /// Which run the reports belong to (counts up with each start).
    run: u64,
    /// The last report of this run.
    progress: Option<Progress>,
    /// Talks to the running analysis; dropping it ends the analysis.
    control: Option<Sender<Control>>,
    paused: bool,
    /// Envelopes of the tracks of the productions in view, by track path.
    shapes: HashMap<PathBuf, Shape>,
    /// What the envelopes were last read for: the productions in view with
    /// their first track and how many tracks each had (an edit that moves
    /// tracks in asks again), and how many tracks had been measured then (a
    /// later measurement asks again).
    asked: Option<(Vec<InView>, usize)>,
    /// A read of envelopes is under way.
    reading: bool,
}

impl LoudnessState {
    /// Keeps measurements in the store at `store` (the user's library store).
    pub fn new(store: Option<PathBuf>) -> LoudnessState {
        LoudnessState {
            store,
            ..LoudnessState::default()
        }
    }

    /// A library arrived: the analysis of the last one ends (after the
    /// tracks being measured) and one of this one starts. Tracks on a server
    /// are not measured (their audio is not on this machine).
    pub fn start(&mut self, library: &Library) -> Task<Message> {
        self.control = None;
        self.run += 1;
        self.progress = None;
        self.asked = None;
        let Some(store) = self.store.clone() else {
            return Task::none();
        };
        let jobs: Vec<Job> = crate::library::loudness_store::loudness_jobs(library)
            .into_iter()
            .filter(|job| !crate::server::is_server_path(&job.key))
            .collect();
        if jobs.is_empty() {
            return Task::none();
        }
        let (control, orders) = mpsc::channel();
        let (reports, received) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("loudness".into())
            .spawn(move || analyse(&store, jobs, &orders, &reports));
        if let Err(e) = spawned {
            log::error!("the loudness analysis could not start: {e}");
            return Task::none();
        }
        if self.paused {
            let _ = control.send(Control::Pause);
        }
        self.control = Some(control);
        let run = self.run;
        Task::run(
            crate::gui::state::push::forward(received, "loudness reports"),
            move |p| Message::Loudness(LoudnessMessage::Progress(run, p)),
        )
    }

    /// Handles the analysis's reports and the user's pause; says what the
    /// user should know (an analysis that could not go on).
    pub fn update(&mut self, message: LoudnessMessage) -> Option<String> {
        let mut notice = None;
        match message {
            LoudnessMessage::Progress(run, progress) if run == self.run => {
                if let Some(error) = &progress.error {
                    log::warn!("loudness analysis: {error}");
                    notice = Some(format!(
                        "The loudness analysis stopped: {error}. Waveforms and ReplayGain \
                         without tags need it; it starts again with the next library load."
                    ));
                }
                if progress.finished {
                    log::info!(
                        "loudness analysis finished: {} measured, {} unchanged, {} failed",
                        progress.analysed,
                        progress.unchanged,
                        progress.failed
                    );
                    self.control = None;
                }
                self.progress = Some(progress);
            }
            LoudnessMessage::Progress(..) => {}
            LoudnessMessage::TogglePause => {
                self.paused = !self.paused;
                if let Some(control) = &self.control {
                    let order = if self.paused {
                        Control::Pause
                    } else {
                        Control::Resume
                    };
                    let _ = control.send(order);
                }
            }
            LoudnessMessage::Shapes(shapes) => {
                self.reading = false;
                // A read that failed (the store busy) keeps what is drawn.
                if let Some(shapes) = shapes {
                    self.shapes = shapes;
                }
            }
        }
        notice
    }

    /// Reads the envelopes of the tracks of `productions` (the playing
    /// production and the page open) when they are not read yet, or when
    /// tracks were measured since they were.
    pub fn follow(&mut self, library: Option<&Library>, productions: &[usize]) -> Task<Message> {
        let (Some(library), Some(store)) = (library, self.store.clone()) else {
            return Task::none();
        };
        if self.reading {
            return Task::none();
        }
        let in_view: Vec<InView> = productions
            .iter()
            .filter_map(|&p| library.productions.get(p))
            .map(|p| {
                let first = p.tracks.first().map(|&t| library.tracks[t].path.clone());
                (first, p.tracks.len())
            })
            .collect();
        let measured = self.progress.as_ref().map_or(0, |p| p.analysed);
        if self.asked.as_ref() == Some(&(in_view.clone(), measured)) {
            return Task::none();
        }
        self.asked = Some((in_view, measured));
        let keys: Vec<PathBuf> = productions
            .iter()
            .filter_map(|&p| library.productions.get(p))
            .flat_map(|p| p.tracks.iter().map(|&t| library.tracks[t].path.clone()))
            .collect();
        if keys.is_empty() {
            self.shapes.clear();
            return Task::none();
        }
        self.reading = true;
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("loudness envelopes".into())
            .spawn(move || {
                let _ = tx.send(read_shapes(&store, &keys));
            });
        if spawned.is_err() {
            self.reading = false;
            return Task::none();
        }
        Task::perform(rx, |shapes| {
            Message::Loudness(LoudnessMessage::Shapes(shapes.ok().flatten()))
        })
    }

    /// The envelope of a track, once measured and in view.
    pub fn shape(&self, path: &Path) -> Option<&Shape> {
        self.shapes.get(path)
    }

    /// The envelope of `id` in `library`.
    pub fn shape_of(&self, library: &Library, id: TrackId) -> Option<&Shape> {
        self.shape(&library.tracks.get(id)?.path)
    }

    /// Where the analysis of the library shown is (None before it starts).
    pub fn progress(&self) -> Option<&Progress> {
        self.progress.as_ref()
    }

    /// Whether the analysis is running (not finished).
    pub fn running(&self) -> bool {
        self.control.is_some()
    }

    /// Whether the user paused it.
    pub fn paused(&self) -> bool {
        self.paused
    }
}

/// The analysis thread: opens the store, measures `jobs` on all cores but
/// one, and passes progress on, coalesced; ends when the analysis does or
/// when the window lets go of `orders`. The analysis's handle is dropped
/// here, so the wait for the tracks being measured is never the window's.
pub fn analyse(
    store: &Path,
    jobs: Vec<Job>,
    orders: &Receiver<Control>,
    reports: &Sender<Progress>,
) {
    let storage = match Store::open(store) {
        Ok(storage) => storage,
        Err(e) => {
            let _ = reports.send(Progress {
                finished: true,
                error: Some(format!("the library store cannot be opened: {e}")),
                ..Progress::default()
            });
            return;
        }
    };
    let analysis = Analysis::start(storage, jobs, background_threads());
    let mut last_sent = Instant::now()
        .checked_sub(REPORT_EVERY)
        .unwrap_or_else(Instant::now);
    let mut latest: Option<Progress> = None;
    let mut paused = false;
    loop {
        // The window's orders first; while paused they are waited for (a
        // while at a time, so the tracks being measured still report).
        loop {
            let order = if paused {
                match orders.recv_timeout(ORDERS_EVERY) {
                    Ok(order) => order,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match orders.try_recv() {
                    Ok(order) => order,
                    Err(TryRecvError::Empty) => break,
                    // The window went on to another library, or closed.
                    Err(TryRecvError::Disconnected) => return,
                }
            };
            paused = order == Control::Pause;
            if paused {
                analysis.pause();
            } else {
                analysis.resume();
            }
        }
        let next = if paused {
            analysis.progress().try_recv().map_err(|e| match e {
                TryRecvError::Empty => RecvTimeoutError::Timeout,
                TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
            })
        } else {
            analysis.progress().recv_timeout(ORDERS_EVERY)
        };
        match next {
            Ok(progress) => {
                let finished = progress.finished;
                latest = Some(progress);
                if finished || last_sent.elapsed() >= REPORT_EVERY {
                    if let Some(p) = latest.take()
                        && reports.send(p).is_err()
                    {
                        return;
                    }
                    last_sent = Instant::now();
                }
                if finished {
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                if last_sent.elapsed() >= REPORT_EVERY
                    && let Some(p) = latest.take()
                {
                    if reports.send(p).is_err() {
                        return;
                    }
                    last_sent = Instant::now();
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                // The analysis thread ended without a last report.
                let _ = reports.send(analysis.wait());
                return;
            }
        }
    }
}

/// The stored envelopes of `keys` (those measured), normalised for drawing;
/// None when the store cannot be read now.
fn read_shapes(store: &Path, keys: &[PathBuf]) -> Option<HashMap<PathBuf, Shape>> {
    let store = Store::open(store).ok()?;
    let shapes = keys
        .iter()
        .filter_map(|key| {
            let measured = store.loudness(key).ok()??.ok()?;
            (!measured.envelope.0.is_empty()).then(|| (key.clone(), drawn(&measured.envelope.0)))
        })
        .collect();
    Some(shapes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loudness::Source;
    use crate::testing::wav;

    #[test]
    fn the_window_s_analysis_stores_envelopes_and_reads_them_back() {
        let dir =
            std::env::temp_dir().join(format!("leitmotif-gui-loudness-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let (loud, quiet) = (dir.join("loud.wav"), dir.join("quiet.wav"));
        wav(&loud, 0.5, 3.0);
        wav(&quiet, 0.02, 3.0);
        let store = dir.join("library.sqlite3");
        // One run of the window's analysis over both files: its last report.
        let run = || {
            let jobs = [&loud, &quiet]
                .iter()
                .map(|p| Job {
                    key: (*p).clone(),
                    source: Source::file(p),
                })
                .collect();
            let (_control, orders) = mpsc::channel();
            let (reports, received) = mpsc::channel();
            analyse(&store, jobs, &orders, &reports);
            received.try_iter().last().expect("a report")
        };
        let last = run();
        assert!(last.finished, "{last:?}");
        assert_eq!((last.analysed, last.failed), (2, 0), "{last:?}");
        let shapes = read_shapes(&store, &[loud.clone(), quiet.clone(), dir.join("none.wav")])
            .expect("the store reads");
        assert_eq!(shapes.len(), 2, "the two measured, not the missing one");
        let mean = |s: &Shape| s.iter().sum::<f32>() / s.len() as f32;
        assert!(
            mean(&shapes[&loud]) > mean(&shapes[&quiet]) + 0.2,
            "the loud tone draws higher: {} vs {}",
            mean(&shapes[&loud]),
            mean(&shapes[&quiet])
        );
        // A run paused from its start still says when it is over (here at
        // once: both unchanged), rather than waiting for a Resume.
        {
            let jobs = vec![Job {
                key: loud.clone(),
                source: Source::file(&loud),
            }];
            let (control, orders) = mpsc::channel();
            let (reports, received) = mpsc::channel();
            control.send(Control::Pause).expect("queued");
            let store = store.clone();
            let thread = std::thread::spawn(move || analyse(&store, jobs, &orders, &reports));
            let mut finished = false;
            while let Ok(p) = received.recv_timeout(std::time::Duration::from_secs(20)) {
                if p.finished {
                    finished = true;
                    break;
                }
            }
            assert!(finished, "a paused analysis reports its end");
            drop(control);
            thread.join().expect("the analysis thread ends");
        }
        // A second run finds both unchanged and measures nothing.
        let last = run();
        assert_eq!((last.analysed, last.unchanged), (0, 2), "{last:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn envelopes_are_read_once_per_view_and_again_as_tracks_are_measured() {
        let dir = std::env::temp_dir().join(format!("leitmotif-gui-follow-{}", std::process::id()));
        let files = ["a.flac", "b.flac"]
            .iter()
            .map(|name| {
                crate::library::StoredFile::unstored(
                    dir.join(name),
                    crate::library::FileTags {
                        album: Some("Film (Original Score)".into()),
                        title: Some((*name).into()),
                        ..crate::library::FileTags::default()
                    },
                )
            })
            .collect();
        let library = Library::build(files, Vec::new(), &[], &crate::library::UserData::default());
        let mut state = LoudnessState::new(Some(dir.join("library.sqlite3")));
        let _ = state.follow(Some(&library), &[0]);
        assert!(state.reading, "the production in view is read");
        let _ = state.follow(Some(&library), &[0]);
        let _ = state.update(LoudnessMessage::Shapes(Some(HashMap::new())));
        assert!(!state.reading);
        let _ = state.follow(Some(&library), &[0]);
        assert!(!state.reading, "nothing new measured: not read again");
        let _ = state.update(LoudnessMessage::Progress(
            state.run,
            Progress {
                analysed: 1,
                ..Progress::default()
            },
        ));
        let _ = state.follow(Some(&library), &[0]);
        assert!(state.reading, "a track was measured since: read again");
        let _ = state.update(LoudnessMessage::Shapes(Some(HashMap::new())));
        let _ = state.follow(Some(&library), &[]);
        assert!(
            !state.reading && state.shapes.is_empty(),
            "nothing in view: nothing read, nothing kept"
        );
    }

    #[test]
    fn envelopes_are_drawn_over_the_loudness_music_has() {
        let shape = drawn(&[-70.0, QUIET, -27.5, LOUD, 0.0]);
        assert_eq!(&shape[..], &[0.0, 0.0, 0.5, 1.0, 1.0]);
    }

    #[test]
    fn a_store_that_cannot_be_opened_is_reported_not_a_panic() {
        let (_control, orders) = mpsc::channel();
        let (reports, received) = mpsc::channel();
        analyse(
            Path::new("/proc/no/such/store.sqlite3"),
            Vec::new(),
            &orders,
            &reports,
        );
        let last = received.try_recv().expect("a report");
        assert!(last.finished);
        assert!(
            last.error
                .as_deref()
                .is_some_and(|e| e.contains("cannot be opened")),
            "{last:?}"
        );
    }

    #[test]
    fn reports_of_an_earlier_run_are_ignored_and_pause_toggles() {
        let mut state = LoudnessState::new(None);
        state.run = 2;
        let _ = state.update(LoudnessMessage::Progress(
            1,
            Progress {
                done: 5,
                total: 9,
                ..Progress::default()
            },
        ));
        assert!(
            state.progress().is_none(),
            "a report of run 1 is not run 2's"
        );
        let _ = state.update(LoudnessMessage::Progress(
            2,
            Progress {
                done: 3,
                total: 9,
                ..Progress::default()
            },
        ));
        assert_eq!(state.progress().map(|p| p.done), Some(3));
        let _ = state.update(LoudnessMessage::TogglePause);
        assert!(state.paused());
        let _ = state.update(LoudnessMessage::TogglePause);
        assert!(!state.paused());
    }
}
