//! Bad input, as a music collection has it: a corpus of 250-odd broken,
//! misnamed, oversized and strange files made by `tools/make-bad-corpus.py`.
//! The scan never panics or hangs; every file ends up either in the library or
//! in the problems list with a reason a person understands; playing them all
//! skips what cannot play, with a message, and carries on.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use leitmotif::library::{Library, Store};
use leitmotif::playback::output::OutputKind;
use leitmotif::playback::{Command, Event, PlayerService};
use support::TempDir;

struct Entry {
    path: PathBuf,
    kind: String,
    expect: String,
}

/// Builds the corpus in `dir` and reads its manifest.
fn corpus(dir: &Path) -> Vec<Entry> {
    support::require_tools(&["python3"]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/make-bad-corpus.py");
    let status = std::process::Command::new("python3")
        .arg(script)
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run make-bad-corpus.py");
    assert!(status.success(), "make-bad-corpus.py failed");
    let text = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    let manifest: serde_json::Value = serde_json::from_str(&text).expect("manifest is JSON");
    let root = running_as_root();
    manifest
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            let field = |k: &str| e.get(k).and_then(|v| v.as_str()).map(String::from);
            let path = match (field("path"), field("path_hex")) {
                (Some(p), _) => dir.join(p),
                (None, Some(hex)) => {
                    use std::os::unix::ffi::OsStringExt;
                    let bytes: Vec<u8> = (0..hex.len())
                        .step_by(2)
                        .filter_map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
                        .collect();
                    dir.join(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
                }
                (None, None) => panic!("an entry without a path: {e}"),
            };
            let expect = match (root, field("expect_as_root")) {
                (true, Some(as_root)) => as_root,
                _ => field("expect").unwrap_or_default(),
            };
            Entry {
                path,
                kind: field("kind").unwrap_or_default(),
                expect,
            }
        })
        .collect()
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Runs `work` on a thread and fails the test if it takes longer than `limit` (a hang).
fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let _ = std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("no answer within {limit:?}: a hang (or a panic on the thread)"))
}

/// A reason a person understands: words, not a debug dump.
fn readable(reason: &str) -> bool {
    !reason.trim().is_empty()
        && reason.len() < 600
        && !reason.contains("Os {")
        && !reason.contains("Custom {")
        && !reason.contains("kind: ")
        && !reason.contains("panicked")
}

#[test]
fn every_bad_file_is_in_the_library_or_a_problem_with_a_reason() {
    let dir = TempDir::new("bad-files");
    let entries = corpus(&dir.0);
    let tried = entries.iter().filter(|e| e.expect != "skip").count();
    assert!(tried >= 150, "the corpus has {tried} files to try");

    let root = dir.0.clone();
    let library = within(Duration::from_secs(180), move || {
        Library::scan(&[root], &|_| {})
    });
    let tracks: HashSet<&Path> = library.tracks.iter().map(|t| t.path.as_path()).collect();
    let problems: HashSet<&Path> = library.problems.iter().map(|p| p.path.as_path()).collect();
    let mut wrong = Vec::new();
    for e in &entries {
        let (in_library, in_problems) = (
            tracks.contains(e.path.as_path()),
            problems.contains(e.path.as_path()),
        );
        let ok = match e.expect.as_str() {
            "library" => in_library,
            "problem" => in_problems,
            "either" => in_library || in_problems,
            _ => true,
        };
        if !ok {
            wrong.push(format!(
                "{} ({}): expected {}, got {}",
                e.path.display(),
                e.kind,
                e.expect,
                if in_library {
                    "library"
                } else if in_problems {
                    "problem"
                } else {
                    "neither"
                }
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} files misplaced:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    for p in &library.problems {
        assert!(readable(&p.error), "{}: {:?}", p.path.display(), p.error);
    }
    println!(
        "{tried} files tried: {} in the library, {} problems",
        library.tracks.len(),
        library.problems.len()
    );

    // The same through the store (paths that are not UTF-8 included), twice.
    let store_path = dir.join("store.sqlite3");
    let root = dir.0.clone();
    let (first, second) = within(Duration::from_secs(180), move || {
        let mut store = Store::open(&store_path).expect("open store");
        let first = store
            .scan(std::slice::from_ref(&root), &|_| {})
            .expect("scan");
        let second = store.scan(&[root], &|_| {}).expect("rescan");
        // Loaded, the store gives the same tracks (images split into theirs).
        let loaded =
            Library::from_store(&store, &leitmotif::library::UserData::default()).expect("load");
        (first, (second, loaded.tracks.len()))
    });
    assert_eq!(second.0.parsed, 0, "a rescan reads nothing again");
    assert_eq!(second.1, library.tracks.len());
    assert!(first.parsed >= tried - 20, "{first:?}");
}

#[test]
fn playing_every_bad_file_skips_what_cannot_play_and_carries_on() {
    let dir = TempDir::new("bad-play");
    let entries = corpus(&dir.0);
    let mut items: Vec<PathBuf> = entries
        .iter()
        .filter(|e| e.expect != "skip")
        .map(|e| e.path.clone())
        .collect();
    // A track that certainly plays at the end: the queue must reach it.
    items.push(support::demo_tone());
    let (tx, rx) = mpsc::channel();
    let player = PlayerService::start(OutputKind::Detached {
        rate: 44_100,
        handout: tx,
    });
    let mut output = rx.recv_timeout(Duration::from_secs(5)).expect("mixer");
    player.send(Command::PlayList {
        items: items.clone(),
        start: 0,
    });
    let last = items.last().cloned().expect("items");
    let (mut skipped, mut started, mut reached_last) = (0, 0, false);
    let deadline = Instant::now() + Duration::from_secs(240);
    loop {
        assert!(Instant::now() < deadline, "playback of the corpus hung");
        // Pull as fast as it decodes; skip ahead within each track so that
        // only the starts and the joins are exercised.
        for _ in 0..4096 {
            let _ = output.next();
        }
        while let Some(event) = player.try_event() {
            match event {
                Event::Error { reason, path } => {
                    skipped += 1;
                    assert!(readable(&reason), "{}: {reason:?}", path.display());
                }
                Event::TrackStarted { path, .. } => {
                    started += 1;
                    if path == last {
                        reached_last = true;
                    }
                    player.send(Command::Next);
                }
                _ => {}
            }
        }
        if reached_last {
            break;
        }
    }
    println!(
        "{} queued: {started} started, {skipped} skipped with a message",
        items.len()
    );
    assert!(
        skipped > 50,
        "most broken files cannot play ({skipped} skipped)"
    );
    assert!(started > 50, "the playable ones play ({started} started)");
}
