//! The player service without a device: samples pulled from its mixer are
//! compared with what the decoder gives for each file.

mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use leitmotif::playback::output::OutputKind;
use leitmotif::playback::{Command, Event, PlayerService};

fn decode_all(path: &Path) -> Vec<f32> {
    leitmotif::playback::decode::open(path)
        .expect("decode")
        .collect()
}

fn detached() -> (PlayerService, rodio::mixer::MixerSource) {
    let (tx, rx) = mpsc::channel();
    let player = PlayerService::start(OutputKind::Detached {
        rate: 44_100,
        handout: tx,
    });
    let output = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("the mixer output");
    (player, output)
}

fn wait_for(player: &PlayerService, what: impl Fn(&Event) -> bool) -> Vec<Event> {
    let mut seen = Vec::new();
    while let Some(event) = player.next_event(Duration::from_secs(5)) {
        let done = what(&event);
        seen.push(event);
        if done {
            return seen;
        }
    }
    panic!("timed out; events so far: {seen:?}");
}

fn score(name: &str) -> PathBuf {
    support::demo()
        .join("Arrival Point (2024)/Arrival Point (Original Motion Picture Score)")
        .join(name)
}

#[test]
fn gapless_join_of_two_files_is_exactly_their_samples() {
    let a = score("01 1M1 Landing.flac");
    let b = support::demo().join("Lanternfall OST/02 Forest of Echoes.flac");
    let mut expected = decode_all(&a);
    expected.extend(decode_all(&b));

    let (player, mut output) = detached();
    player.send(Command::PlayList {
        items: vec![a, b],
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    // rodio's queue may hand out a few milliseconds of silence before the first
    // track starts; the join itself must add or lose nothing.
    assert_ne!(
        expected[0], 0.0,
        "the test needs a file that starts with sound"
    );
    let first = output
        .by_ref()
        .take(44_100 * 2)
        .find(|s| *s != 0.0)
        .expect("sound");
    let mut got = vec![first];
    got.extend(output.by_ref().take(expected.len() - 1));
    assert_eq!(got.len(), expected.len());
    let first_difference = got
        .iter()
        .zip(&expected)
        .position(|(g, e)| (g - e).abs() > 1e-6);
    if let Some(i) = first_difference {
        panic!(
            "samples differ from the decoded files at {i}: got {:?}, expected {:?}",
            &got[i..(i + 8).min(got.len())],
            &expected[i..(i + 8).min(expected.len())]
        );
    }
    // After both files: nothing but silence.
    let after: Vec<f32> = output.take(4_410).collect();
    assert!(
        after.iter().all(|s| s.abs() < 1e-6),
        "sound after the end of the queue"
    );
}

#[test]
fn a_missing_file_mid_queue_is_skipped_with_a_reason() {
    let (player, mut output) = detached();
    let a = score("01 1M1 Landing.flac");
    let gone = PathBuf::from("/nonexistent/gone.flac");
    let c = score("03 5M2 Departure.mp3");
    player.send(Command::PlayList {
        items: vec![a, gone.clone(), c.clone()],
        start: 0,
    });
    let mut events = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    events.extend(std::thread::scope(|s| {
        let pull = s.spawn(move || {
            // Pull the sound through as fast as it decodes.
            let mut n = 0usize;
            while n < 44_100 * 2 * 20 && output.next().is_some() {
                n += 1;
            }
        });
        let events = wait_for(&player, |e| matches!(e, Event::QueueEnded));
        let _ = pull.join();
        events
    }));
    assert!(
        events.iter().any(|e| matches!(e, Event::Error { path, reason } if *path == gone && reason.contains("gone"))),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::TrackStarted { path, .. } if *path == c)),
        "{events:?}"
    );
}

#[test]
fn seek_lands_within_ten_milliseconds() {
    let a = score("01 1M1 Landing.flac");
    let samples = decode_all(&a);
    let (player, mut output) = detached();
    player.send(Command::PlayList {
        items: vec![a],
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    player.send(Command::Pause);
    let _ = wait_for(&player, |e| matches!(e, Event::Paused(true)));
    // rodio applies a seek as the output pulls: pull (silence, while paused)
    // until the player says where it is.
    player.send(Command::SeekTo(Duration::from_millis(3_000)));
    let mut landed = false;
    for _ in 0..10_000 {
        let silence: Vec<f32> = output.by_ref().take(64).collect();
        assert!(silence.iter().all(|s| s.abs() < 1e-6), "sound while paused");
        if let Some(event) = player.next_event(Duration::from_millis(1))
            && matches!(event, Event::Position(_))
        {
            landed = true;
            break;
        }
    }
    assert!(landed, "the seek was never reported");
    player.send(Command::Resume);
    let _ = wait_for(&player, |e| matches!(e, Event::Paused(false)));
    let got: Vec<f32> = output.by_ref().take(44_100 * 2).collect();
    let start = got
        .iter()
        .position(|s| s.abs() > 1e-6)
        .expect("sound after resuming");
    let start = start - start % 2;
    let window = &got[start..start + 2_000];
    let at = samples
        .windows(window.len())
        .step_by(2)
        .position(|w| w.iter().zip(window).all(|(x, y)| (x - y).abs() < 1e-6))
        .map(|frame| frame as f32 / 44_100.0)
        .expect("the played samples come from the file");
    assert!((at - 3.0).abs() <= 0.010, "seek landed at {at:.4} s");
}
