//! The background analysis: measures a list of tracks on all cores but one,
//! at a low priority, and hands each result to a [`Storage`] as soon as it is
//! made, so that a stop, a crash or a kill loses only the tracks being
//! measured. A track whose file has the size, modification time and range
//! already stored is not measured again (a failure is stored too, so a bad
//! file is not tried on every start).
//!
//! It shares no lock with anyone: the player and the window go on as if it
//! were not there. Progress comes as [`Progress`] on a channel.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::UNIX_EPOCH;

use super::analyse::{Source, TrackLoudness, analyse};
use super::pool::{self, Controls, Event};

/// A track to measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// What the track is known by: its file, or `…/Album.cue/track03`.
    pub key: PathBuf,
    /// The audio to measure.
    pub source: Source,
}

/// What says a stored measurement is still the track's: its audio file's
/// size and modification time, and the range measured in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// Bytes in the file.
    pub size: u64,
    /// Modified, in nanoseconds since 1970.
    pub mtime_ns: i64,
    /// The range's start, in nanoseconds of audio (0 for a whole file).
    pub start_ns: i64,
    /// The range's end (`None`: the file's end).
    pub end_ns: Option<i64>,
}

impl Stamp {
    /// The stamp of `source` as it is on disk now.
    pub fn of(source: &Source) -> Result<Stamp, String> {
        let meta = std::fs::metadata(&source.file).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "the file is gone (moved or deleted?)".to_string(),
            _ => format!("cannot look at the file: {e}"),
        })?;
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        let ns = |d: std::time::Duration| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX);
        Ok(Stamp {
            size: meta.len(),
            mtime_ns,
            start_ns: ns(source.start),
            end_ns: source.end.map(ns),
        })
    }
}

/// Where results are kept (the library store implements it).
pub trait Storage: Send {
    /// The stamp of every track stored, by key.
    fn stamps(&mut self) -> Result<HashMap<PathBuf, Stamp>, String>;
    /// Keeps one track's result (a measurement, or why there is none), for good:
    /// it must be durable when this returns.
    fn put(
        &mut self,
        key: &Path,
        stamp: &Stamp,
        result: &Result<TrackLoudness, String>,
    ) -> Result<(), String>;
}

/// Where the analysis is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Tracks done: measured, failed or skipped as unchanged.
    pub done: usize,
    /// Tracks asked for.
    pub total: usize,
    /// The track last taken up, while the analysis runs.
    pub current: Option<PathBuf>,
    /// Tracks measured in this run.
    pub analysed: usize,
    /// Tracks that could not be measured (the reason is stored).
    pub failed: usize,
    /// Tracks skipped because what is stored is still theirs.
    pub unchanged: usize,
    /// The analysis is over (all done, or stopped).
    pub finished: bool,
    /// Why it ended before the end (the store could not be written).
    pub error: Option<String>,
}

/// A running analysis; dropping it stops it.
pub struct Analysis {
    controls: Arc<Controls>,
    progress: Receiver<Progress>,
    thread: Option<JoinHandle<Progress>>,
}

impl Analysis {
    /// Starts measuring `jobs` on `threads` threads of low priority
    /// ([`pool::background_threads`] leaves a core for playback and the window).
    pub fn start(storage: impl Storage + 'static, jobs: Vec<Job>, threads: usize) -> Analysis {
        let controls = Arc::new(Controls::default());
        let (tx, progress) = mpsc::channel();
        let thread = {
            let controls = Arc::clone(&controls);
            std::thread::Builder::new()
                .name("loudness-analysis".into())
                .spawn(move || run(storage, &jobs, threads, &controls, &tx))
                .ok()
        };
        Analysis {
            controls,
            progress,
            thread,
        }
    }

    /// Holds the analysis after the tracks being measured.
    pub fn pause(&self) {
        self.controls.pause();
    }

    /// Lets a paused analysis go on.
    pub fn resume(&self) {
        self.controls.resume();
    }

    /// Whether it is paused.
    pub fn is_paused(&self) -> bool {
        self.controls.is_paused()
    }

    /// Ends the analysis after the tracks being measured (their results are kept).
    pub fn stop(&self) {
        self.controls.stop();
    }

    /// Progress reports, one as each track is taken up and as each is done.
    pub fn progress(&self) -> &Receiver<Progress> {
        &self.progress
    }

    /// Waits for the end and says how it went.
    pub fn wait(mut self) -> Progress {
        self.join()
    }

    fn join(&mut self) -> Progress {
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(last)) => last,
            Some(Err(_)) => Progress {
                finished: true,
                error: Some("the loudness analysis crashed".into()),
                ..Progress::default()
            },
            None => Progress {
                finished: true,
                error: Some("the loudness analysis could not be started (no thread)".into()),
                ..Progress::default()
            },
        }
    }
}

impl Drop for Analysis {
    fn drop(&mut self) {
        self.controls.stop();
        let _ = self.join();
    }
}

/// The analysis thread: sorts out what is unchanged, measures the rest on
/// the pool, and stores each result as it comes.
fn run(
    mut storage: impl Storage,
    jobs: &[Job],
    threads: usize,
    controls: &Controls,
    tx: &Sender<Progress>,
) -> Progress {
    let mut progress = Progress {
        total: jobs.len(),
        ..Progress::default()
    };
    let finish = |mut progress: Progress, error: Option<String>| {
        progress.finished = true;
        progress.current = None;
        progress.error = error;
        let _ = tx.send(progress.clone());
        progress
    };
    let stored = match storage.stamps() {
        Ok(stored) => stored,
        Err(e) => return finish(progress, Some(e)),
    };
    let mut todo: Vec<(&Job, Stamp)> = Vec::new();
    for job in jobs {
        match Stamp::of(&job.source) {
            Ok(stamp) if stored.get(&job.key) == Some(&stamp) => {
                progress.unchanged += 1;
                progress.done += 1;
            }
            Ok(stamp) => todo.push((job, stamp)),
            // A file gone since the list was made: nothing to store for it.
            Err(_) => {
                progress.failed += 1;
                progress.done += 1;
            }
        }
    }
    let _ = tx.send(progress.clone());
    let mut error = None;
    pool::run(
        &todo,
        threads,
        true,
        controls,
        |(job, _)| analyse(&job.source),
        |event| match event {
            Event::Started(index) => {
                progress.current = todo.get(index).map(|(job, _)| job.key.clone());
                let _ = tx.send(progress.clone());
            }
            Event::Finished(index, result) => {
                let Some((job, stamp)) = todo.get(index) else {
                    return;
                };
                if error.is_some() {
                    return;
                }
                if let Err(e) = storage.put(&job.key, stamp, &result) {
                    // Nothing more can be kept: stop rather than measure for nothing.
                    error = Some(e);
                    controls.stop();
                    return;
                }
                match result {
                    Ok(_) => progress.analysed += 1,
                    Err(_) => progress.failed += 1,
                }
                progress.done += 1;
                let _ = tx.send(progress.clone());
            }
        },
    );
    finish(progress, error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Results kept in memory, shared with the test.
    #[derive(Clone, Default)]
    struct Memory(Arc<Mutex<Kept>>);

    /// Each key's stamp and integrated loudness (or reason).
    type Kept = HashMap<PathBuf, (Stamp, Result<f64, String>)>;

    impl Storage for Memory {
        fn stamps(&mut self) -> Result<HashMap<PathBuf, Stamp>, String> {
            let kept = self.0.lock().map_err(|_| "poisoned")?;
            Ok(kept.iter().map(|(k, (s, _))| (k.clone(), *s)).collect())
        }

        fn put(
            &mut self,
            key: &Path,
            stamp: &Stamp,
            result: &Result<TrackLoudness, String>,
        ) -> Result<(), String> {
            let value = result
                .as_ref()
                .map(|t| t.integrated_lufs)
                .map_err(Clone::clone);
            let mut kept = self.0.lock().map_err(|_| "poisoned")?;
            let _ = kept.insert(key.to_path_buf(), (*stamp, value));
            Ok(())
        }
    }

    /// A storage that cannot write.
    struct Full;

    impl Storage for Full {
        fn stamps(&mut self) -> Result<HashMap<PathBuf, Stamp>, String> {
            Ok(HashMap::new())
        }

        fn put(
            &mut self,
            _: &Path,
            _: &Stamp,
            _: &Result<TrackLoudness, String>,
        ) -> Result<(), String> {
            Err("the disk is full".into())
        }
    }

    fn jobs(dir: &Path, n: usize) -> Vec<Job> {
        (0..n)
            .map(|i| {
                let path = dir.join(format!("{i}.flac"));
                std::fs::write(&path, format!("not audio {i}")).expect("write");
                Job {
                    key: path.clone(),
                    source: Source::file(&path),
                }
            })
            .collect()
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "leitmotif-loudness-service-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }

    #[test]
    fn failures_are_stored_and_an_unchanged_file_is_not_tried_again() {
        let dir = scratch("again");
        let jobs = jobs(&dir, 5);
        let memory = Memory::default();
        let first = Analysis::start(memory.clone(), jobs.clone(), 2);
        let reports: Vec<Progress> = first.progress().iter().collect();
        let last = reports.last().cloned().expect("a last report");
        assert!(last.finished);
        assert_eq!(
            (last.done, last.total, last.failed, last.analysed),
            (5, 5, 5, 0)
        );
        assert!(
            reports.iter().any(|p| p.current.is_some()),
            "says what it measures"
        );
        assert!(reports.windows(2).all(|w| w[0].done <= w[1].done));
        assert_eq!(memory.0.lock().expect("lock").len(), 5);
        let second = Analysis::start(memory.clone(), jobs.clone(), 2).wait();
        assert_eq!((second.unchanged, second.failed, second.done), (5, 0, 5));
        // A changed file is measured again.
        std::fs::write(&jobs[0].source.file, "changed, and longer than before").expect("write");
        let third = Analysis::start(memory, jobs, 2).wait();
        assert_eq!((third.unchanged, third.failed), (4, 1));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_store_that_cannot_be_written_ends_the_analysis_with_the_reason() {
        let dir = scratch("full");
        let done = Analysis::start(Full, jobs(&dir, 20), 1).wait();
        assert!(done.finished);
        assert_eq!(done.error.as_deref(), Some("the disk is full"));
        assert!(done.done < 20);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_range_is_part_of_the_stamp() {
        let dir = scratch("stamp");
        let path = dir.join("image.flac");
        std::fs::write(&path, "x").expect("write");
        let whole = Stamp::of(&Source::file(&path)).expect("stamp");
        let part = Stamp::of(&Source {
            file: path.clone(),
            start: std::time::Duration::from_secs(3),
            end: None,
        })
        .expect("stamp");
        assert_ne!(whole, part);
        assert_eq!(whole.size, 1);
        assert!(Stamp::of(&Source::file(&dir.join("gone"))).is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
