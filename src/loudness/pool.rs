//! Analysis on several threads of its own (a rayon pool, at a low priority):
//! each takes the next track, so a long one does not hold the others up;
//! between tracks each thread waits while the work is paused and ends when
//! it is stopped. Results come back to the caller through a channel.

use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// How nice (in the Unix sense) the background threads are: the player and
/// the window, at 0, always run first.
pub const NICE: i32 = 10;

/// Pause and stop, shared between the work and whoever controls it.
#[derive(Debug, Default)]
pub struct Controls {
    paused: AtomicBool,
    stopped: AtomicBool,
}

impl Controls {
    /// Holds the threads before their next track (the tracks being measured finish).
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    /// Lets them go on.
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }

    /// Ends the work after the tracks being measured.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
    }

    /// Whether the work is paused.
    pub fn is_paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }

    /// Whether the work was stopped.
    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// Waits while paused; false once stopped.
    fn go_on(&self) -> bool {
        while self.is_paused() && !self.is_stopped() {
            std::thread::sleep(Duration::from_millis(20));
        }
        !self.is_stopped()
    }
}

/// The cores there are.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Threads for work in the background: all cores but one (at least one).
pub fn background_threads() -> usize {
    cores().saturating_sub(1).max(1)
}

/// What the threads report.
pub enum Event<R> {
    /// A thread took item `index`.
    Started(usize),
    /// Item `index` is done.
    Finished(usize, R),
}

/// Runs `work` on each of `items` on `threads` threads (at `NICE` when
/// `low_priority`) and hands every [`Event`] to `report` on the calling
/// thread, as it happens. Returns when all are done or the work was stopped.
///
/// The threads are a rayon pool of their own (not the global one the scan
/// uses), so their priority can be lowered as each starts; items are handed
/// out one at a time, so a long track does not hold a batch of others up.
pub fn run<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    low_priority: bool,
    controls: &Controls,
    work: impl Fn(&T) -> R + Sync,
    mut report: impl FnMut(Event<R>),
) {
    let threads = threads.clamp(1, items.len().max(1));
    let built = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|_| "loudness".into())
        .start_handler(move |_| {
            if low_priority {
                lower_priority();
            }
        })
        .build();
    // No thread could be started: the work is done here, in turn.
    let Ok(pool) = built else {
        {
            for (index, item) in items.iter().enumerate() {
                if !controls.go_on() {
                    break;
                }
                report(Event::Started(index));
                report(Event::Finished(index, work(item)));
            }
            return;
        }
    };
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            pool.install(|| {
                let _ = items
                    .par_iter()
                    .with_max_len(1)
                    .enumerate()
                    .try_for_each_with(tx, |tx, (index, item)| {
                        if !controls.go_on() {
                            return Err(());
                        }
                        tx.send(Event::Started(index)).map_err(drop)?;
                        tx.send(Event::Finished(index, work(item))).map_err(drop)
                    });
            });
        });
        // The pool holds the only senders: the loop ends when its work does.
        for event in rx {
            report(event);
        }
    });
}

/// Makes the calling thread nicer. Linux keeps a nice value per thread, so
/// this leaves the rest of the process alone. A failure only means the
/// thread keeps the normal priority, so it is ignored.
fn lower_priority() {
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), NICE);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn every_item_is_worked_once_on_each_number_of_threads() {
        let items: Vec<u32> = (0..100).collect();
        for threads in [0, 1, 2, 7, 500] {
            let mut seen = vec![0; items.len()];
            let mut started = 0;
            run(
                &items,
                threads,
                false,
                &Controls::default(),
                |i| i * 2,
                |e| match e {
                    Event::Started(_) => started += 1,
                    Event::Finished(index, value) => {
                        assert_eq!(value, items[index] * 2);
                        seen[index] += 1;
                    }
                },
            );
            assert!(seen.iter().all(|&n| n == 1), "{threads}: {seen:?}");
            assert_eq!(started, items.len());
        }
        run(
            &Vec::<u32>::new(),
            2,
            false,
            &Controls::default(),
            |i| *i,
            |_| panic!("nothing to do"),
        );
    }

    #[test]
    fn the_threads_are_nicer_and_a_stop_ends_the_work_early() {
        let controls = Controls::default();
        let nice = Mutex::new(Vec::new());
        let items: Vec<u32> = (0..1000).collect();
        let mut finished = 0;
        run(
            &items,
            2,
            true,
            &controls,
            |_| {
                // getpriority for this thread: the nice value it runs at.
                let tid = rustix::thread::gettid();
                if let Ok(n) = rustix::process::getpriority_process(Some(tid)) {
                    nice.lock().expect("lock").push(n);
                }
                std::thread::sleep(Duration::from_millis(1));
            },
            |e| {
                if let Event::Finished(..) = e {
                    finished += 1;
                    if finished == 10 {
                        controls.stop();
                    }
                }
            },
        );
        assert!(finished < 100, "stopped early: {finished}");
        let nice = nice.into_inner().expect("lock");
        assert!(nice.iter().all(|&n| n >= NICE), "{nice:?}");
        assert!(controls.is_stopped());
    }

    #[test]
    fn paused_work_waits_until_resumed() {
        let controls = Controls::default();
        controls.pause();
        let items = [1, 2, 3];
        let started = std::time::Instant::now();
        std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(Duration::from_millis(200));
                assert!(controls.is_paused());
                controls.resume();
            });
            let mut done = 0;
            run(
                &items,
                2,
                false,
                &controls,
                |i| *i,
                |e| {
                    if let Event::Finished(..) = e {
                        done += 1;
                    }
                },
            );
            assert_eq!(done, 3);
        });
        assert!(started.elapsed() >= Duration::from_millis(200));
    }
}
