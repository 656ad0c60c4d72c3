//! A long session, shortened for `make test` (200 tracks, 2,000 commands);
//! `make soak` runs the full one (1,000 tracks, 10,000 commands) with
//! LEITMOTIF_SOAK=full. Short tracks play back to back through the
//! device-less output, pulled as fast as they decode, then random commands
//! hit the player: no panic, no deadlock, memory and threads flat.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use leitmotif::playback::output::OutputKind;
use leitmotif::playback::{Command, Event, PlayerService, Repeat};
use support::{Rng, TempDir};

/// (resident memory in MB, threads) of this process.
fn footprint() -> (f64, usize) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> f64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    (field("VmRSS:") / 1024.0, field("Threads:") as usize)
}

#[test]
fn a_long_session_stays_flat() {
    let full = std::env::var("LEITMOTIF_SOAK").is_ok_and(|v| v == "full");
    let (tracks, commands) = if full { (1_000, 10_000) } else { (200, 2_000) };
    let dir = TempDir::new("soak");
    let items: Vec<PathBuf> = (0..tracks)
        .map(|i| {
            let path = dir.join(&format!("{i:04}.wav"));
            let frames = 1_500 + (i * 37) % 2_000;
            support::write_wav(
                &path,
                44_100,
                &support::tone(220.0 + i as f32, 44_100, frames),
            );
            path
        })
        .collect();

    let (tx, rx) = mpsc::channel();
    let player = PlayerService::start(OutputKind::Detached {
        rate: 44_100,
        handout: tx,
    });
    let mut output = rx.recv_timeout(Duration::from_secs(5)).expect("mixer");
    // The "sound card": pulls as fast as the pipeline gives.
    let stop = Arc::new(AtomicBool::new(false));
    let pulling = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut pulled = 0u64;
            while !stop.load(Ordering::Relaxed) {
                match output.next() {
                    Some(_) => pulled += 1,
                    None => std::thread::sleep(Duration::from_micros(200)),
                }
            }
            pulled
        })
    };

    // 1. Every track back to back.
    player.send(Command::PlayList {
        items: items.clone(),
        start: 0,
    });
    let mut started = 0;
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        match player.next_event(Duration::from_secs(10)) {
            Some(Event::TrackStarted { .. }) => started += 1,
            Some(Event::QueueEnded) => break,
            Some(Event::Error { path, reason }) => panic!("{}: {reason}", path.display()),
            Some(_) => {}
            None => panic!("no event for 10 s after {started} tracks: a deadlock?"),
        }
        assert!(Instant::now() < deadline, "too slow: {started} tracks");
    }
    assert_eq!(started, tracks, "every track played");

    // 2. Random commands while it plays.
    player.send(Command::PlayList {
        items: items.clone(),
        start: 0,
    });
    let mut rng = Rng(7);
    let mut queue_len = items.len();
    let mut before = None;
    let mut events = 0usize;
    for i in 0..commands {
        let command = match rng.below(16) {
            0 => Command::Next,
            1 => Command::Previous,
            2 => Command::SeekTo(Duration::from_millis(rng.below(60))),
            3 => Command::SeekBy(rng.below(200) as i64 - 100),
            4 => Command::Pause,
            5 => Command::Resume,
            6 => Command::Toggle,
            7 => Command::SetVolume(rng.below(101) as f32 / 100.0),
            8 => Command::SetMuted(rng.below(2) == 0),
            9 => Command::SetShuffle(rng.below(2) == 0),
            10 => {
                Command::SetRepeat([Repeat::Off, Repeat::All, Repeat::One][rng.below(3) as usize])
            }
            11 => {
                queue_len += 1;
                Command::Enqueue(items[rng.below(items.len() as u64) as usize].clone())
            }
            12 => {
                queue_len += 1;
                Command::PlayNext(items[rng.below(items.len() as u64) as usize].clone())
            }
            13 if queue_len > 10 => {
                queue_len -= 1;
                Command::Remove(rng.below(queue_len as u64) as usize)
            }
            14 => Command::Move {
                from: rng.below(queue_len as u64) as usize,
                to: rng.below(queue_len as u64) as usize,
            },
            15 if rng.below(50) == 0 => {
                queue_len = items.len();
                Command::PlayList {
                    items: items.clone(),
                    start: rng.below(items.len() as u64) as usize,
                }
            }
            _ => Command::Resume,
        };
        player.send(command);
        while player.try_event().is_some() {
            events += 1;
        }
        if i % 64 == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        if i == commands / 10 {
            before = Some(footprint());
        }
    }
    // Still answering: a new list starts within seconds.
    player.send(Command::PlayList {
        items: items[..3].to_vec(),
        start: 0,
    });
    let alive = Instant::now();
    loop {
        match player.next_event(Duration::from_secs(10)) {
            Some(Event::TrackStarted { path, .. }) if path == items[0] => break,
            Some(_) => events += 1,
            None => panic!("the player stopped answering after {commands} commands"),
        }
        assert!(
            alive.elapsed() < Duration::from_secs(20),
            "the player is stuck"
        );
    }
    let (rss_before, threads_before) = before.expect("measured");
    let (rss_after, threads_after) = footprint();
    println!(
        "{tracks} tracks back to back; {commands} commands, {events} events; \
         memory {rss_before:.1} -> {rss_after:.1} MB, threads {threads_before} -> {threads_after}"
    );
    assert_eq!(threads_after, threads_before, "threads stay the same");
    assert!(
        rss_after - rss_before < 25.0,
        "memory grew by {:.1} MB",
        rss_after - rss_before
    );

    // Ends cleanly, promptly.
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        drop(player);
        let _ = done_tx.send(());
    });
    done_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the player shut down");
    stop.store(true, Ordering::Relaxed);
    let pulled = pulling.join().expect("puller");
    assert!(pulled > 0);
}
