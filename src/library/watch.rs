//! Live folders: while the window is open, the library follows its folders.
//!
//! inotify (through `notify`) says when something under a folder changes;
//! the events are let settle (a pass once the folders have been quiet for
//! [`SETTLE`]: a copy of 1,000 files is one pass, not 1,000), and the pass is
//! the store's own incremental scan of the folders touched: new and changed
//! files are read, files gone are dropped. Files only opened or read (by the
//! player, by the scan itself) are no change. Nothing runs on a timer while
//! inotify works: the thread waits on the events.
//!
//! A folder that goes away (an unplugged disk) is offline: the store keeps
//! what was read under it (see [`Store::scan`]) and the library marks it;
//! the folder's parent is watched too, so its return is seen and the folder
//! is followed again. When the system's limit of inotify watches is reached,
//! the folders that could not be watched are checked by a slower periodic
//! pass instead, and the window is told why.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{ErrorKind, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::store::{ScanReport, Store};

/// How long the folders must be quiet after the last event before a pass.
pub const SETTLE: Duration = Duration::from_millis(1500);
/// The longest a steady stream of events (a long copy) delays a pass.
pub const AT_MOST: Duration = Duration::from_secs(10);
/// How often folders inotify cannot watch are checked instead.
pub const PERIODIC: Duration = Duration::from_secs(60);

/// What following the folders tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A pass over `roots` reached the store: the library should be read again.
    Stored {
        /// The folders scanned.
        roots: Vec<PathBuf>,
        /// What the scan did.
        report: ScanReport,
        /// The library's folders that are not there now.
        offline: Vec<PathBuf>,
        /// Files and folders renamed or moved within the folders (from, to):
        /// what the user said of them goes with them.
        moved: Vec<(PathBuf, PathBuf)>,
    },
    /// Something the user should know: the watch limit was reached, a pass failed.
    Notice(String),
}

/// The folders followed; dropping it stops the thread and the watches.
pub struct Follow {
    roots: Vec<PathBuf>,
    stop: Option<Sender<Signal>>,
}

/// What the following thread waits on.
enum Signal {
    /// An inotify event, or an error of the watcher.
    Event(notify::Result<notify::Event>),
    /// The window closed or follows other folders.
    Stop,
}

impl Follow {
    /// Follows `roots` of the store at `store`; what it does arrives on the receiver.
    pub fn start(
        store: PathBuf,
        roots: Vec<PathBuf>,
    ) -> Result<(Follow, Receiver<Change>), String> {
        Follow::start_checking_every(store, roots, PERIODIC)
    }

    /// The same, checking folders that inotify cannot watch every `periodic`.
    pub fn start_checking_every(
        store: PathBuf,
        roots: Vec<PathBuf>,
        periodic: Duration,
    ) -> Result<(Follow, Receiver<Change>), String> {
        let (signals, signal_rx) = mpsc::channel();
        let (changes, change_rx) = mpsc::channel();
        let events = signals.clone();
        let watcher = notify::recommended_watcher(move |result| {
            let _ = events.send(Signal::Event(result));
        })
        .map_err(|e| format!("cannot follow your folders for changes: {e}"))?;
        let mut follower = Follower {
            store,
            roots: roots.clone(),
            watcher,
            watched: BTreeSet::new(),
            parents: BTreeSet::new(),
            polled: BTreeSet::new(),
            offline: Vec::new(),
            changes,
            periodic,
        };
        follower.arm();
        follower.offline = follower.offline_now();
        std::thread::Builder::new()
            .name("live folders".into())
            .spawn(move || follower.run(&signal_rx))
            .map_err(|e| format!("cannot start following your folders: {e}"))?;
        Ok((
            Follow {
                roots,
                stop: Some(signals),
            },
            change_rx,
        ))
    }

    /// The folders followed.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }
}

impl Drop for Follow {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(Signal::Stop);
        }
    }
}

/// The thread's state: the watches and what is offline.
struct Follower {
    store: PathBuf,
    roots: Vec<PathBuf>,
    watcher: RecommendedWatcher,
    /// Roots watched recursively.
    watched: BTreeSet<PathBuf>,
    /// Parents watched (not recursively) to see a root go and come back.
    parents: BTreeSet<PathBuf>,
    /// Roots inotify could not watch (the limit): checked every [`PERIODIC`].
    polled: BTreeSet<PathBuf>,
    offline: Vec<PathBuf>,
    changes: Sender<Change>,
    /// How often the folders in `polled` are checked.
    periodic: Duration,
}

impl Follower {
    /// Watches every root that is there (and the nearest folder above it
    /// that is, to see it come and go).
    fn arm(&mut self) {
        for root in self.roots.clone() {
            // A folder inside another followed one is watched with it; a
            // parent inside a followed folder is watched already (and a
            // second, shallow watch would replace the recursive one).
            let inside = |p: &Path| self.roots.iter().any(|r| r != &root && p.starts_with(r));
            if let Some(parent) = nearest_existing_parent(&root)
                && !self.parents.contains(&parent)
                && !self.roots.iter().any(|r| parent.starts_with(r))
                && self
                    .watcher
                    .watch(&parent, RecursiveMode::NonRecursive)
                    .is_ok()
            {
                let _ = self.parents.insert(parent);
            }
            if self.watched.contains(&root)
                || self.polled.contains(&root)
                || !root.is_dir()
                || inside(&root)
            {
                continue;
            }
            match self.watcher.watch(&root, RecursiveMode::Recursive) {
                Ok(()) => {
                    let _ = self.watched.insert(root);
                }
                Err(e) if is_watch_limit(&e.kind) => {
                    // inotify may have watched part of the tree: let it go,
                    // the periodic pass covers the whole folder.
                    let _ = self.watcher.unwatch(&root);
                    let _ = self.polled.insert(root.clone());
                    let _ = self
                        .changes
                        .send(Change::Notice(watch_limit_notice(&root, self.periodic)));
                }
                Err(e) => {
                    // Any other refusal: checked by hand too, and said once.
                    let _ = self.watcher.unwatch(&root);
                    let _ = self.polled.insert(root.clone());
                    let _ = self.changes.send(Change::Notice(format!(
                        "{} cannot be followed for changes ({e}): it is checked every {} s instead",
                        root.display(),
                        self.periodic.as_secs()
                    )));
                }
            }
        }
    }

    fn offline_now(&self) -> Vec<PathBuf> {
        self.roots.iter().filter(|r| !r.exists()).cloned().collect()
    }

    /// Waits for events, lets them settle, and makes each settled batch one pass.
    fn run(mut self, signals: &Receiver<Signal>) {
        let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
        let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
        // The first and the latest change of the batch waiting to settle.
        let mut first: Option<Instant> = None;
        let mut latest: Option<Instant> = None;
        let mut last_poll = Instant::now();
        loop {
            // Blocks with no timeout at all unless changes wait to settle or
            // a folder has to be checked by hand. Events that change nothing
            // (a file read by the loudness analysis) do not put a pass off.
            let wait = match (first, latest) {
                (Some(first), Some(latest)) => Some(
                    SETTLE
                        .saturating_sub(latest.elapsed())
                        .min(AT_MOST.saturating_sub(first.elapsed())),
                ),
                _ if !self.polled.is_empty() => {
                    Some(self.periodic.saturating_sub(last_poll.elapsed()))
                }
                _ => None,
            };
            let signal = match wait {
                Some(wait) => signals.recv_timeout(wait),
                None => signals.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match signal {
                Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(Signal::Event(Ok(event))) => {
                    if let (EventKind::Modify(ModifyKind::Name(RenameMode::Both)), [from, to]) =
                        (&event.kind, event.paths.as_slice())
                    {
                        moved.push((from.clone(), to.clone()));
                    }
                    if self.take(event, &mut touched) {
                        let now = Instant::now();
                        let _ = first.get_or_insert(now);
                        latest = Some(now);
                    }
                    continue;
                }
                Ok(Signal::Event(Err(e))) => {
                    if is_watch_limit(&e.kind) {
                        // New folders in a watched tree hit the limit: check
                        // all of it by hand from now on.
                        for root in std::mem::take(&mut self.watched) {
                            let _ = self.watcher.unwatch(&root);
                            let _ = self
                                .changes
                                .send(Change::Notice(watch_limit_notice(&root, self.periodic)));
                            let _ = self.polled.insert(root);
                        }
                    }
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            let mut roots: Vec<PathBuf> = self
                .roots
                .iter()
                .filter(|r| touched.iter().any(|p| p.starts_with(r) || r.starts_with(p)))
                .cloned()
                .collect();
            if last_poll.elapsed() >= self.periodic && !self.polled.is_empty() {
                last_poll = Instant::now();
                roots.extend(self.polled.iter().cloned());
                roots.sort();
                roots.dedup();
            }
            let extras = touched.iter().any(|p| is_companion(p));
            touched.clear();
            first = None;
            latest = None;
            if !roots.is_empty() {
                // Moves a failed pass could not hand over wait for the next.
                moved = self.pass(roots, extras, std::mem::take(&mut moved));
            }
        }
    }

    /// Adds the paths an event changed to `touched`; whether it changed any.
    fn take(&self, event: notify::Event, touched: &mut BTreeSet<PathBuf>) -> bool {
        if event.need_rescan() {
            // The kernel's queue overflowed: events were lost.
            touched.extend(self.roots.iter().cloned());
            return true;
        }
        if !is_change(event.kind) {
            return false;
        }
        // The store's own writes (a library folder that holds the data
        // folder) are no change to follow.
        let own = self.store.parent();
        let before = touched.len();
        let mut any = false;
        for path in event.paths {
            if own.is_none_or(|own| !path.starts_with(own)) {
                any = true;
                let _ = touched.insert(path);
            }
        }
        any || touched.len() > before
    }

    /// One pass: the store's scan of `roots`, then what is watched follows
    /// what is there (a folder gone stops being watched, one back is again).
    /// Gives back the moves it could not hand over (the store failed), so
    /// that the edits of a renamed file follow it at the next pass.
    fn pass(
        &mut self,
        roots: Vec<PathBuf>,
        extras: bool,
        moved: Vec<(PathBuf, PathBuf)>,
    ) -> Vec<(PathBuf, PathBuf)> {
        for root in &roots {
            if !root.is_dir() && self.watched.remove(root) {
                let _ = self.watcher.unwatch(root);
            }
        }
        self.arm();
        let offline = self.offline_now();
        let result = Store::open(&self.store)
            .map_err(String::from)
            .and_then(|mut store| store.scan(&roots, &|_| {}));
        match result {
            Ok(report) => {
                let gone_or_back = offline != self.offline;
                self.offline.clone_from(&offline);
                if report.changed() || gone_or_back || extras || !moved.is_empty() {
                    let _ = self.changes.send(Change::Stored {
                        roots,
                        report,
                        offline,
                        moved,
                    });
                }
                Vec::new()
            }
            Err(e) => {
                let _ = self.changes.send(Change::Notice(format!(
                    "A change in your folders could not be stored: {e}. It is tried again at \
                     the next change; your edits of moved files are kept."
                )));
                moved
            }
        }
    }
}

/// Whether an event changes what is on disk: a file opened, read or closed
/// unwritten (the player, the scan's own reading) is no change.
fn is_change(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether `kind` is the system's limit of inotify watches (or instances).
fn is_watch_limit(kind: &ErrorKind) -> bool {
    match kind {
        ErrorKind::MaxFilesWatch => true,
        // notify reports ENOSPC from inotify_add_watch as an I/O error on some paths.
        ErrorKind::Io(e) => e.raw_os_error() == Some(28),
        _ => false,
    }
}

/// What to tell the user when inotify can watch no more folders.
fn watch_limit_notice(root: &Path, periodic: Duration) -> String {
    format!(
        "{} has more folders than the system lets one program watch: it is checked for \
         changes every {} s instead. To follow it at once, raise the limit: \
         sudo sysctl fs.inotify.max_user_watches=524288",
        root.display(),
        periodic.as_secs()
    )
}

/// Files beside the music that change the library though they are not
/// audio: cue sidecars and CUE sheets.
fn is_companion(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == super::sidecar::FILE_NAME)
        || super::images::is_sheet(path)
}

/// The nearest folder above `root` that is there.
fn nearest_existing_parent(root: &Path) -> Option<PathBuf> {
    root.ancestors()
        .skip(1)
        .find(|p| p.is_dir())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watch_limit_is_recognised_in_either_form() {
        assert!(is_watch_limit(&ErrorKind::MaxFilesWatch));
        assert!(is_watch_limit(&ErrorKind::Io(
            std::io::Error::from_raw_os_error(28)
        )));
        assert!(!is_watch_limit(&ErrorKind::PathNotFound));
        let notice = watch_limit_notice(Path::new("/music"), PERIODIC);
        assert!(
            notice.contains("/music") && notice.contains("max_user_watches"),
            "{notice}"
        );
    }

    #[test]
    fn reading_a_file_is_no_change_and_writing_one_is() {
        use notify::event::{CreateKind, RemoveKind};
        assert!(!is_change(EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(EventKind::Create(CreateKind::File)));
        assert!(is_change(EventKind::Remove(RemoveKind::Any)));
    }

    #[test]
    fn the_nearest_parent_is_one_that_is_there() {
        let here = std::env::temp_dir();
        let deep = here.join("leitmotif-none-such").join("a").join("b");
        assert_eq!(nearest_existing_parent(&deep), Some(here));
        assert!(is_companion(Path::new("/m/cues.toml")));
        assert!(!is_companion(Path::new("/m/a.flac")));
    }
}
