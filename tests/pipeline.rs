//! The player service without a device: samples pulled from its mixer are
//! compared with what the decoder gives for each file.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use leitmotif::playback::Resume;
use rodio::Source;

use leitmotif::playback::output::OutputKind;
use leitmotif::playback::{Command, Event, PlayerService};

fn decode_all(path: &Path) -> Vec<f32> {
    leitmotif::playback::decode::open(path)
        .expect("decode")
        .collect()
}

fn detached() -> (PlayerService, rodio::mixer::MixerSource) {
    detached_at(44_100)
}

/// A player whose mixer runs at `rate`: at the files' own rate nothing is resampled.
fn detached_at(rate: u32) -> (PlayerService, rodio::mixer::MixerSource) {
    let (tx, rx) = mpsc::channel();
    // As the app starts it: the library says each item's file, range and gain.
    let player = PlayerService::start_with(
        OutputKind::Detached { rate, handout: tx },
        None,
        leitmotif::library::images::locator(),
    );
    let output = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("the mixer output");
    (player, output)
}

/// Pulls `n` samples as a sound card would: an empty mixer gives silence.
fn pull(output: &mut rodio::mixer::MixerSource, n: usize) -> Vec<f32> {
    (0..n).map(|_| output.next().unwrap_or(0.0)).collect()
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

/// Drops the events already sent (positions and starts of what played
/// before), so the next `wait_for` sees only what follows a new command.
fn drain(player: &PlayerService) {
    while player.next_event(Duration::from_millis(50)).is_some() {}
}

fn score(name: &str) -> PathBuf {
    support::demo()
        .join("Arrival Point (2024)/Arrival Point (Original Motion Picture Score)")
        .join(name)
}

/// Plays `files` in a row and checks the output is exactly their decoded
/// samples back to back: nothing added or lost at the joins.
fn assert_gapless(files: &[PathBuf]) {
    let mut expected = Vec::new();
    for f in files {
        expected.extend(decode_all(f));
    }
    let rate = leitmotif::playback::decode::open(&files[0])
        .expect("decode")
        .sample_rate()
        .get();
    let (player, mut output) = detached_at(rate);
    player.send(Command::PlayList {
        items: files.to_vec(),
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    // rodio's queue may hand out a few milliseconds of silence before the
    // first track starts; the joins themselves must add or lose nothing.
    let got: Vec<f32> = output.by_ref().take(expected.len() + 44_100 * 2).collect();
    let probe = &expected[..512];
    let start = got
        .windows(probe.len())
        .position(|w| w == probe)
        .expect("the first track's opening samples");
    assert!(
        got[..start].iter().all(|s| *s == 0.0),
        "sound before the first track"
    );
    assert!(
        start < 44_100,
        "{start} samples of silence before the first track"
    );
    let played = &got[start..start + expected.len()];
    if let Some(i) = played.iter().zip(&expected).position(|(g, e)| g != e) {
        panic!(
            "{:?}: samples differ at {i} of {}: got {:?}, expected {:?}",
            files.iter().map(|f| f.file_name()).collect::<Vec<_>>(),
            expected.len(),
            &played[i..(i + 6).min(played.len())],
            &expected[i..(i + 6).min(expected.len())]
        );
    }
    assert!(
        got[start + expected.len()..].iter().all(|s| *s == 0.0),
        "sound after the queue ended"
    );
}

#[test]
fn gapless_flac() {
    assert_gapless(&[
        score("01 1M1 Landing.flac"),
        support::demo().join("Lanternfall OST/02 Forest of Echoes.flac"),
    ]);
}

#[test]
fn gapless_mp3() {
    assert_gapless(&[
        score("03 5M2 Departure.mp3"),
        support::demo().join("Lanternfall OST/03 Boss - The Hollow King.mp3"),
    ]);
}

#[test]
fn gapless_ogg_vorbis() {
    assert_gapless(&[
        score("02 2M3 The Signal.ogg"),
        support::demo().join("Lanternfall OST/01 Title Screen.ogg"),
    ]);
}

#[test]
fn gapless_wav() {
    let dir = support::TempDir::new("gapless-wav");
    let a = dir.join("a.wav");
    let b = dir.join("b.wav");
    support::write_wav(&a, 44_100, &support::tone(440.0, 44_100, 20_001));
    support::write_wav(&b, 44_100, &support::tone(660.0, 44_100, 13_337));
    assert_gapless(&[a, b]);
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

#[test]
fn a_corrupt_file_mid_queue_is_skipped() {
    let dir = support::TempDir::new("corrupt");
    let bad = dir.join("bad.flac");
    std::fs::write(
        &bad,
        b"fLaC but then nothing a decoder could use, just words and words",
    )
    .expect("write");
    let (player, mut output) = detached();
    let c = score("03 5M2 Departure.mp3");
    player.send(Command::PlayList {
        items: vec![bad.clone(), c.clone()],
        start: 0,
    });
    let events = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    assert!(
        events.iter().any(|e| matches!(e, Event::Error { path, reason } if *path == bad && reason.contains("cannot decode"))),
        "{events:?}"
    );
    assert!(matches!(events.last(), Some(Event::TrackStarted { path, .. }) if *path == c));
    assert!(
        output.by_ref().take(44_100).any(|s| s != 0.0),
        "the next track plays"
    );
}

#[test]
fn previous_restarts_after_three_seconds_else_goes_back() {
    let (player, mut output) = detached();
    let a = score("01 1M1 Landing.flac");
    let b = score("02 2M3 The Signal.ogg");
    player.send(Command::PlayList {
        items: vec![a.clone(), b.clone()],
        start: 1,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    // 4 s into the second track: Previous starts it again.
    let _ = output.by_ref().take(44_100 * 2 * 4).count();
    player.send(Command::Previous);
    let events = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    assert!(
        matches!(events.last(), Some(Event::TrackStarted { path, .. }) if *path == b),
        "{events:?}"
    );
    // At its start: Previous goes back to the first track.
    player.send(Command::Previous);
    let events = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    assert!(
        matches!(events.last(), Some(Event::TrackStarted { path, .. }) if *path == a),
        "{events:?}"
    );
}

#[test]
fn replaygain_scales_the_track() {
    use lofty::config::WriteOptions;
    use lofty::file::{AudioFile, TaggedFileExt};
    use lofty::tag::{Accessor, ItemKey};
    let dir = support::TempDir::new("replaygain");
    let tagged = dir.join("quiet.flac");
    let _ = std::fs::copy(score("01 1M1 Landing.flac"), &tagged).expect("copy");
    let mut file = lofty::read_from_path(&tagged).expect("read tags");
    let tag = file.primary_tag_mut().expect("a tag");
    let _ = tag.insert_text(ItemKey::ReplayGainTrackGain, "-6.02 dB".into());
    tag.set_title("Quiet".into());
    file.save_to_path(&tagged, WriteOptions::default())
        .expect("write tags");

    let plain = decode_all(&score("01 1M1 Landing.flac"));
    let (player, mut output) = detached();
    player.send(Command::PlayList {
        items: vec![tagged],
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    let got: Vec<f32> = output.by_ref().take(plain.len()).collect();
    let ratio = support::rms(&got) / support::rms(&plain);
    assert!(
        (ratio - 0.5).abs() < 0.01,
        "ReplayGain -6.02 dB should halve the level, got x{ratio:.3}"
    );

    player.send(Command::SetReplayGain(false));
    player.send(Command::PlayList {
        items: vec![score("01 1M1 Landing.flac")],
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    let got: Vec<f32> = output.by_ref().take(plain.len()).collect();
    let ratio = support::rms(&got) / support::rms(&plain);
    assert!(
        (ratio - 1.0).abs() < 0.01,
        "without ReplayGain the level is untouched, got x{ratio:.3}"
    );
}

/// Where `window` (interleaved stereo) starts in `samples`, in frames.
fn find_frames(samples: &[f32], window: &[f32]) -> Option<usize> {
    samples
        .windows(window.len())
        .step_by(2)
        .position(|w| w.iter().zip(window).all(|(x, y)| (x - y).abs() < 1e-6))
}

#[test]
fn an_idle_output_is_released_and_play_picks_up_at_the_same_sample() {
    let a = score("01 1M1 Landing.flac");
    let samples = decode_all(&a);
    let (tx, rx) = mpsc::channel();
    let player = PlayerService::start_with(
        OutputKind::Detached {
            rate: 44_100,
            handout: tx,
        },
        None,
        leitmotif::library::images::locator(),
    );
    let mut first = rx.recv_timeout(Duration::from_secs(5)).expect("output");
    player.send(Command::ReleaseIdleOutput(Some(Duration::from_millis(200))));
    player.send(Command::PlayList {
        items: vec![a],
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    let mut heard = pull(&mut first, 44_100 * 2); // one second
    player.send(Command::Pause);
    let _ = wait_for(&player, |e| matches!(e, Event::Paused(true)));
    // rodio applies the pause at its next look (every 5 ms of output).
    heard.extend(pull(&mut first, 4_410));
    let sound = heard.len() - heard.iter().rev().take_while(|s| s.abs() < 1e-6).count();
    let paused_at = sound / 2;
    assert_eq!(
        &heard[..sound],
        &samples[..sound],
        "what played is the file from its start"
    );
    // Idle past the release: the output is let go, and nothing reopens it.
    std::thread::sleep(Duration::from_millis(600));
    assert!(rx.try_recv().is_err(), "no new output while it is idle");
    player.send(Command::Resume);
    let mut second = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("play opens a new output");
    let events = wait_for(&player, |e| matches!(e, Event::Paused(false)));
    let _ = events;
    let got = pull(&mut second, 44_100);
    let start = got
        .iter()
        .position(|s| s.abs() > 1e-6)
        .expect("sound again");
    let start = start - start % 2;
    let resumed = find_frames(&samples, &got[start..start + 2_000]).expect("from the file");
    assert_eq!(
        resumed, paused_at,
        "picked up at frame {resumed}, paused at frame {paused_at}"
    );
}

#[test]
fn pausing_saves_the_state_before_any_quit() {
    let dir = support::TempDir::new("resume-pause");
    let state_file = dir.join("playback.json");
    let a = score("01 1M1 Landing.flac");
    let (tx, rx) = mpsc::channel();
    let player = PlayerService::start_with(
        OutputKind::Detached {
            rate: 44_100,
            handout: tx,
        },
        Some(state_file.clone()),
        leitmotif::playback::whole_files(),
    );
    let mut output = rx.recv_timeout(Duration::from_secs(5)).expect("output");
    player.send(Command::PlayList {
        items: vec![a.clone()],
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    let _ = output.by_ref().take(44_100 * 2).count(); // one second in
    let _ = wait_for(
        &player,
        |e| matches!(e, Event::Position(p) if p.as_millis() >= 800),
    );
    assert!(!state_file.exists(), "nothing is written while it plays");
    player.send(Command::Pause);
    let _ = wait_for(&player, |e| matches!(e, Event::Paused(true)));
    // The player is still running: a kill now must not lose the place.
    let saved = Resume::load(&state_file).expect("saved on pause");
    assert_eq!(saved.items, vec![a]);
    assert!(saved.position_ms >= 800, "{}", saved.position_ms);
    drop(player);
}

#[test]
fn state_is_saved_on_quit_and_restored_paused() {
    let dir = support::TempDir::new("resume");
    let state_file = dir.join("playback.json");
    let a = score("01 1M1 Landing.flac");
    let b = score("02 2M3 The Signal.ogg");
    {
        let (tx, rx) = mpsc::channel();
        let player = PlayerService::start_with(
            OutputKind::Detached {
                rate: 44_100,
                handout: tx,
            },
            Some(state_file.clone()),
            leitmotif::playback::whole_files(),
        );
        let mut output = rx.recv_timeout(Duration::from_secs(5)).expect("output");
        player.send(Command::PlayList {
            items: vec![a.clone(), b.clone()],
            start: 1,
        });
        player.send(Command::SetVolume(0.5));
        player.send(Command::SetRepeat(leitmotif::playback::Repeat::All));
        let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
        let _ = output.by_ref().take(44_100 * 2 * 2).count(); // two seconds in
        let _ = wait_for(
            &player,
            |e| matches!(e, Event::Position(p) if p.as_millis() >= 1_500),
        );
        drop(player); // quitting saves
    }
    let saved = Resume::load(&state_file).expect("a saved state");
    assert_eq!(saved.items, vec![a, b.clone()]);
    assert_eq!(saved.current, Some(1));
    assert!(
        (1_500..=2_200).contains(&saved.position_ms),
        "{}",
        saved.position_ms
    );
    assert_eq!(
        (saved.volume, saved.repeat),
        (0.5, leitmotif::playback::Repeat::All)
    );

    let (player, mut output) = detached();
    player.send(Command::Restore(saved.clone()));
    let events = wait_for(&player, |e| matches!(e, Event::Paused(true)));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::TrackStarted { path, .. } if *path == b)),
        "{events:?}"
    );
    assert!(
        pull(&mut output, 4_410).iter().all(|s| *s == 0.0),
        "restored paused: silence"
    );
    player.send(Command::Toggle);
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    let played = pull(&mut output, 44_100);
    let first = played.iter().position(|s| *s != 0.0).unwrap_or_else(|| {
        panic!(
            "sound after play: {} samples, events {:?}",
            played.len(),
            std::iter::from_fn(|| player.try_event()).collect::<Vec<_>>()
        )
    });
    let window = &played[first - first % 2..][..1_000];
    let samples = decode_all(&b);
    let at = samples
        .windows(window.len())
        .step_by(2)
        .position(|w| {
            w.iter()
                .zip(window)
                .all(|(x, y)| (x - y * 2.0).abs() < 1e-3)
        })
        .map(|frame| frame as u64 * 1000 / 44_100);
    let at = at.expect("the played samples come from the saved track");
    assert!(
        at.abs_diff(saved.position_ms) < 50,
        "resumed at {at} ms, saved {} ms",
        saved.position_ms
    );
}

/// A CD image of 3 s of 44.1 kHz stereo whose every sample is different (a
/// ramp with its frame number), and a sheet that cuts it at 1.00 s and 2.00 s.
fn image(dir: &support::TempDir) -> (PathBuf, Vec<i16>) {
    let frames = 44_100 * 3;
    let samples: Vec<i16> = (0..frames)
        .flat_map(|i| {
            let v = (i % 30_000) as i16 - 15_000;
            [v, -v]
        })
        .collect();
    support::write_wav(&dir.join("Image.wav"), 44_100, &samples);
    std::fs::write(
        dir.join("Image.cue"),
        "TITLE \"Image (Original Score)\"\nFILE \"Image.wav\" WAVE\n\
         TRACK 01 AUDIO\nTITLE \"1M1 One\"\nINDEX 01 00:00:00\n\
         TRACK 02 AUDIO\nTITLE \"1M2 Two\"\nINDEX 00 00:00:70\nINDEX 01 00:01:00\n\
         TRACK 03 AUDIO\nTITLE \"1M3 Three\"\nINDEX 01 00:02:00\n",
    )
    .expect("sheet");
    (dir.join("Image.cue"), samples)
}

#[test]
fn tracks_of_an_image_play_exactly_their_range_and_join_without_a_gap() {
    let dir = support::TempDir::new("image-play");
    let (sheet, samples) = image(&dir);
    let library = leitmotif::library::Library::scan(std::slice::from_ref(&dir.0), &|_| {});
    let paths: Vec<PathBuf> = library.tracks.iter().map(|t| t.path.clone()).collect();
    assert_eq!(
        paths,
        (1..=3)
            .map(|n| sheet.join(format!("track{n:02}")))
            .collect::<Vec<_>>(),
        "three tracks, the image itself is none"
    );
    let as_f32 = |s: &[i16]| {
        s.iter()
            .map(|&v| f32::from(v) / 32768.0)
            .collect::<Vec<f32>>()
    };
    let (tx, rx) = mpsc::channel();
    let player = PlayerService::start_with(
        OutputKind::Detached {
            rate: 44_100,
            handout: tx,
        },
        None,
        leitmotif::library::images::locator(),
    );
    let mut output = rx.recv_timeout(Duration::from_secs(5)).expect("mixer");

    // The third track alone: exactly its range, from 2.00 s to the end.
    player.send(Command::PlayList {
        items: vec![paths[2].clone()],
        start: 0,
    });
    let events = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    let length = events.iter().find_map(|e| match e {
        Event::TrackStarted { duration, .. } => *duration,
        _ => None,
    });
    assert_eq!(length, Some(Duration::from_secs(1)), "its own length");
    let expected = as_f32(&samples[2 * 44_100 * 2..]);
    let got = pull(&mut output, expected.len() + 44_100);
    let start = got
        .iter()
        .position(|s| *s != 0.0)
        .expect("the track's sound");
    assert_eq!(
        &got[start..start + expected.len()],
        &expected[..],
        "exactly its samples"
    );
    assert!(
        got[start + expected.len()..].iter().all(|s| *s == 0.0),
        "and nothing after"
    );

    // The first and the second in a row: one stretch, no gap and no overlap.
    drain(&player);
    player.send(Command::PlayList {
        items: paths[..2].to_vec(),
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    let expected = as_f32(&samples[..2 * 44_100 * 2]);
    let got = pull(&mut output, expected.len() + 44_100);
    let Some(start) = got.windows(64).position(|w| w == &expected[..64]) else {
        let nz = got.iter().position(|s| *s != 0.0).unwrap_or(0);
        panic!(
            "the first track's opening: got {:?} at {nz}, want {:?}",
            &got[nz..nz + 8],
            &expected[..8]
        );
    };
    let played = &got[start..start + expected.len()];
    if let Some(i) = played.iter().zip(&expected).position(|(g, e)| g != e) {
        panic!(
            "the join differs at sample {i} (the join is at {})",
            44_100 * 2
        );
    }

    // Seeking stays in the track: 0.5 s into the second is 1.5 s into the file.
    drain(&player);
    player.send(Command::PlayList {
        items: vec![paths[1].clone()],
        start: 0,
    });
    let _ = wait_for(&player, |e| matches!(e, Event::TrackStarted { .. }));
    player.send(Command::SeekTo(Duration::from_millis(500)));
    let _ = wait_for(
        &player,
        |e| matches!(e, Event::Position(p) if *p >= Duration::from_millis(500)),
    );
    let got = pull(&mut output, 44_100 * 2);
    let want = as_f32(&samples[(44_100 + 22_050) * 2..(44_100 + 22_050) * 2 + 64]);
    assert!(
        got.windows(64).any(|w| w == &want[..]),
        "after the seek, 1.5 s of the file plays"
    );
    let past = as_f32(&samples[2 * 44_100 * 2..2 * 44_100 * 2 + 64]);
    assert!(
        !got.windows(64).any(|w| w == &past[..]),
        "and the next track does not"
    );
}
