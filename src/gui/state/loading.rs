//! Getting the library into the window without ever blocking it: the store is
//! opened and read on a thread, then its folders are rescanned in the
//! background and the window updated again.

use std::path::PathBuf;
use std::sync::Arc;

use crate::gui::message::{LibraryMessage, Message};

use crate::library::recover::{self, Opened};
use crate::library::{Library, Store, UserData};

/// What the window shows at first.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Folders or files named on the command line, to add to the library.
    pub add: Vec<PathBuf>,
    /// The store file; `None` when there is no home folder to keep it in.
    pub store: Option<PathBuf>,
    /// The demo library, for when the store has no folders yet.
    pub demo: Option<PathBuf>,
}

fn demo(plan: &Plan, notice: Option<String>) -> Message {
    let library = plan
        .demo
        .as_ref()
        .map(|dir| Library::scan(std::slice::from_ref(dir), &|_| {}))
        .unwrap_or_default();
    Message::Library(LibraryMessage::Loaded {
        library: Arc::new(library),
        demo: true,
        notice,
        rescan: false,
        folders: Vec::new(),
        user: Arc::default(),
    })
}

/// First load: from the store (adding the command line's paths), or the demo.
pub async fn first_load(plan: Plan) -> Message {
    super::on_thread("library", move || {
        let Some(path) = plan.store.clone() else {
            return demo(
                &plan,
                Some("No home folder found: the library cannot be kept.".into()),
            );
        };
        let opened = match recover::open(&path) {
            Ok(opened) => opened,
            Err(e) => {
                return demo(
                    &plan,
                    Some(format!("Your library could not be opened: {e}")),
                );
            }
        };
        if !plan.add.is_empty() || !opened.rebuild.is_empty() {
            return scan_opened(opened, plan.add.clone(), &|_| {}, |e| demo(&plan, Some(e)));
        }
        match opened.store.roots() {
            // A library of servers only is a library too.
            Ok(roots)
                if roots.is_empty() && opened.store.servers().unwrap_or_default().is_empty() =>
            {
                demo(&plan, opened.notice)
            }
            Ok(_) => loaded(&opened.store, &opened.user, true, opened.notice),
            Err(e) => demo(&plan, Some(e)),
        }
    })
    .await
    .unwrap_or_else(|| tell("The library could not be read."))
}

/// Scans the store's folders again (only changed files are read) and reloads,
/// reporting progress.
pub fn rescan(path: PathBuf) -> iced::Task<Message> {
    add(Some(path), Vec::new())
}

/// Reads the library from the store again (live folders stored a change).
pub fn reload(path: PathBuf) -> iced::Task<Message> {
    iced::Task::perform(
        super::on_thread("library", move || match recover::open(&path) {
            // The store was made anew (damaged, or busy and kept in memory):
            // its folders are read again, never shown as an empty library.
            Ok(opened) if !opened.rebuild.is_empty() => {
                scan_opened(opened, Vec::new(), &|_| {}, tell)
            }
            Ok(opened) => loaded(&opened.store, &opened.user, false, opened.notice),
            Err(e) => tell(e),
        }),
        |m| m.unwrap_or_else(|| tell("The library could not be read again.")),
    )
}

fn loaded(store: &Store, user: &UserData, rescan: bool, notice: Option<String>) -> Message {
    match Library::from_store(store, user) {
        Ok(library) => Message::Library(LibraryMessage::Loaded {
            library: Arc::new(library),
            demo: false,
            notice,
            rescan,
            folders: store.roots().unwrap_or_default(),
            user: Arc::new(user.clone()),
        }),
        Err(e) => tell(e),
    }
}

/// Adds folders or files to the library (dropped, picked, handed over by a
/// later launch) and reloads; with none given, rescans those the store has.
/// Counts arrive as [`LibraryMessage::ScanProgress`] while the scan runs on a thread
/// of its own, so the window stays responsive.
pub fn add(store: Option<PathBuf>, roots: Vec<PathBuf>) -> iced::Task<Message> {
    let (tx, rx) = iced::futures::channel::mpsc::unbounded();
    let progress = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("scan".into())
        .spawn(move || {
            let report = |counts| {
                let _ =
                    progress.unbounded_send(Message::Library(LibraryMessage::ScanProgress(counts)));
            };
            let _ = tx.unbounded_send(scan_and_load(store, roots, &report));
        });
    if let Err(e) = spawned {
        return iced::Task::done(tell(format!("The scan could not start: {e}")));
    }
    iced::Task::run(rx, |m| m)
}

fn scan_and_load(
    store: Option<PathBuf>,
    roots: Vec<PathBuf>,
    progress: &(dyn Fn(crate::library::ScanProgress) + Sync),
) -> Message {
    let Some(path) = store else {
        return tell("No home folder found: the library cannot be kept.");
    };
    let opened = match recover::open(&path) {
        Ok(opened) => opened,
        Err(e) => return tell(e),
    };
    let roots = if roots.is_empty() {
        match opened.store.roots() {
            Ok(roots) => roots,
            Err(e) => return tell(e),
        }
    } else {
        roots
    };
    scan_opened(opened, roots, progress, tell)
}

/// Scans `roots`, and the folders a store made anew needs, into the opened
/// store and loads the library; `failed` says what a failed scan becomes.
fn scan_opened(
    opened: Opened,
    mut roots: Vec<PathBuf>,
    progress: &(dyn Fn(crate::library::ScanProgress) + Sync),
    failed: impl FnOnce(String) -> Message,
) -> Message {
    let Opened {
        mut store,
        user,
        notice,
        rebuild,
    } = opened;
    roots.extend(rebuild);
    if let Err(e) = store.scan(&roots, progress) {
        return failed(e);
    }
    loaded(&store, &user, false, notice)
}

/// A notice for the user, as a message.
fn tell(text: impl Into<String>) -> Message {
    Message::Library(LibraryMessage::Notice(text.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::remote::{CatalogueChange, RemoteAlbum, RemoteServer, album_prefix};

    #[test]
    fn a_library_of_a_server_only_is_shown_not_the_demo() {
        let dir =
            std::env::temp_dir().join(format!("leitmotif-servers-only-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("library.sqlite3");
        let key = "subsonic://alice@127.0.0.1:4533";
        {
            let mut store = Store::open(&path).expect("store");
            store
                .put_server(&RemoteServer {
                    key: key.into(),
                    url: "http://127.0.0.1:4533".into(),
                    user: "alice".into(),
                    auth: "token".into(),
                    version: "1.16.1".into(),
                    added: 0,
                    refreshed: None,
                })
                .expect("server");
            let track = PathBuf::from(format!("{}s1", album_prefix(key, "a1")));
            let tags = crate::library::FileTags {
                title: Some("1M1 Landing".into()),
                album: Some("Arrival Point (Original Motion Picture Score)".into()),
                playable: true,
                ..crate::library::FileTags::default()
            };
            let change = CatalogueChange {
                fetched: vec![RemoteAlbum {
                    id: "a1".into(),
                    fingerprint: "f".into(),
                    tracks: vec![(track, tags)],
                }],
                removed: Vec::new(),
            };
            store.apply_catalogue(key, &change).expect("catalogue");
        }
        let plan = Plan {
            add: Vec::new(),
            store: Some(path),
            demo: None,
        };
        match async_io::block_on(first_load(plan)) {
            Message::Library(LibraryMessage::Loaded { library, demo, .. }) => {
                assert!(!demo, "the server's library, not the demo");
                assert_eq!(library.productions.len(), 1);
                assert_eq!(library.productions[0].title, "Arrival Point");
            }
            other => panic!("not loaded: {other:?}"),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
