//! The real app in a real window: Xvfb for the display, a private PulseAudio
//! server with a null sink for the sound (recorded with parec), xdotool for
//! the keyboard. Runs in real time, like a desktop.

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
use std::process::{Command, Stdio};
use std::time::Duration;

use support::desktop::{Desktop, Processes, spawn, wait_until};

/// Asserts that over a second of 1M1 Landing's 440 Hz tone is in a recording.
fn assert_heard_landing(recording: &Path, what: &str) {
    let left: Vec<f32> = samples(&std::fs::read(recording).expect("recording"))
        .into_iter()
        .step_by(2)
        .collect();
    let sound = support::audible(&left, 0.01);
    assert!(
        sound.len() > 44_100,
        "{what} did not play ({} samples of sound)",
        sound.len()
    );
    let f = support::frequency(&sound[sound.len() / 4..sound.len() * 3 / 4], 44_100);
    assert!(
        (f - 440.0).abs() < 440.0 * 0.03,
        "heard {f:.1} Hz, not 1M1 Landing"
    );
}

/// Waits until `recording` holds over a second and a half of sound: a busy
/// machine (CI runs the window tests side by side) may take many seconds to
/// start the app and scan, so a fixed sleep is not enough.
fn wait_for_sound(recording: &Path, what: &str) {
    wait_for_sound_after(recording, 0, what);
}

/// The same, counting only what was recorded after its first `from` bytes.
fn wait_for_sound_after(recording: &Path, from: usize, what: &str) {
    support::desktop::wait_until(what, Duration::from_secs(60), || {
        std::fs::read(recording).is_ok_and(|bytes| {
            let after = &bytes[from.min(bytes.len())..];
            let left: Vec<f32> = samples(after).into_iter().step_by(2).collect();
            support::audible(&left, 0.01).len() > 66_150
        })
    });
}

/// What ImageMagick's `identify -format FORMAT` says of a picture.
fn identify(png: &Path, format: &str) -> String {
    let out = Command::new("identify")
        .args(["-format", format])
        .arg(png)
        .output()
        .expect("identify");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Mean brightness of a picture, 0 to 1.
fn brightness(png: &Path) -> f64 {
    identify(png, "%[fx:mean]").parse().unwrap_or(0.0)
}

fn unique_colours(png: &Path) -> usize {
    identify(png, "%k").parse().unwrap_or(0)
}

#[test]
fn the_app_opens_on_the_demo_and_space_plays_it() {
    let desktop = Desktop::start("window");
    let recording = desktop.dir.join("recording.raw");
    let mut procs = Processes(Vec::new());
    procs.0.push(desktop.record(&recording));

    procs.0.push(desktop.launch(&[], "app.log"));
    let window = desktop.wait_for_window("app.log");
    // The app says when its library is in; then its frames show it.
    wait_until("the library loaded", Duration::from_secs(60), || {
        desktop.log("app.log").contains("library loaded")
    });
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let shot = shots.join("window-demo.png");
    wait_until(
        &format!("a drawn window in {}", shot.display()),
        Duration::from_secs(20),
        || {
            desktop.screenshot(&shot);
            unique_colours(&shot) > 50
        },
    );

    let before = std::fs::metadata(&recording).map(|m| m.len()).unwrap_or(0) as usize;
    let _ = desktop.xdotool(&["windowfocus", "--sync", &window]);
    let _ = desktop.xdotool(&["key", "--window", &window, "space"]);
    wait_for_sound_after(&recording, before, "sound after Space");
    desktop.screenshot(&shots.join("window-playing.png"));
    let lit = brightness(&shots.join("window-playing.png"));
    // Shift+/ is "?": the shortcuts overlay dims the window.
    let _ = desktop.xdotool(&["key", "--window", &window, "question"]);
    let overlay = shots.join("window-shortcuts.png");
    wait_until(
        &format!("the ? overlay to dim the window (lit {lit})"),
        Duration::from_secs(20),
        || {
            desktop.screenshot(&overlay);
            brightness(&overlay) < lit * 0.8
        },
    );
    drop(procs);

    let bytes = std::fs::read(&recording).expect("read the recording");
    let log = std::fs::read_to_string(desktop.dir.join("app.log")).unwrap_or_default();
    assert!(!log.contains("panicked"), "the app panicked:\n{log}");
    let quiet_part: Vec<f32> = samples(&bytes[..before.min(bytes.len())]);
    assert!(
        support::rms(&quiet_part) < 0.01,
        "sound before Space was pressed"
    );
    let after: Vec<f32> = samples(&bytes[before.min(bytes.len())..]);
    let left: Vec<f32> = after.iter().step_by(2).copied().collect();
    let sound = support::audible(&left, 0.01);
    assert!(
        sound.len() > 44_100,
        "less than a second of sound after Space ({} samples); app log:\n{log}",
        sound.len()
    );
    let middle = &sound[sound.len() / 4..sound.len() * 3 / 4];
    let f = support::frequency(middle, 44_100);
    assert!(
        (f - 440.0).abs() < 440.0 * 0.03,
        "expected the 440 Hz of 1M1 Landing, heard {f:.1} Hz"
    );
}

fn samples(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]) as f32 / 32768.0)
        .collect()
}

#[test]
fn ctrl_c_stops_headless_play_cleanly() {
    let desktop = Desktop::start("ctrl-c");
    let mut play = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    desktop.env(&mut play);
    let log_path = desktop.dir.join("play.log");
    let log = std::fs::File::create(&log_path).expect("log");
    let mut child = play
        .arg("play")
        .arg(support::demo())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start leitmotif play");
    // The demo lasts over 40 s: stop it once it says it plays.
    wait_until("leitmotif play to start", Duration::from_secs(60), || {
        desktop.log("play.log").contains("playing ")
    });
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(status.success());
    let mut code = None;
    wait_until(
        "leitmotif play to stop on Ctrl+C",
        Duration::from_secs(10),
        || {
            code = child.try_wait().ok().flatten().map(|s| s.code());
            code.is_some()
        },
    );
    let stderr = desktop.log("play.log");
    assert_eq!(code, Some(Some(130)), "stderr: {stderr}");
    assert!(stderr.contains("stopped"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}

#[test]
fn playback_survives_the_output_device_going_away() {
    let mut desktop = Desktop::start("device-loss");
    let mut play = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    desktop.env(&mut play);
    let log_path = desktop.dir.join("play.log");
    let log = std::fs::File::create(&log_path).expect("log");
    let child = play
        .arg("play")
        .arg(support::demo().join("Arrival Point (2024)"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start leitmotif play");
    let _guard = Processes(vec![child]);
    wait_until("leitmotif play to start", Duration::from_secs(60), || {
        desktop.log("play.log").contains("playing ")
    });
    // The sound server goes away for two seconds (an unplugged headset).
    desktop.restart_pulse(Duration::from_secs(2));
    // Record what reaches the new server.
    let recording = desktop.dir.join("after.raw");
    let rec = Processes(vec![desktop.record(&recording)]);
    wait_until(
        "the player to find the device again",
        Duration::from_secs(60),
        || desktop.log("play.log").contains("the audio device is back"),
    );
    wait_for_sound(&recording, "music on the device that came back");
    drop(rec);
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    assert!(
        log.contains("No audio output found: the audio device stopped"),
        "log:\n{log}"
    );
    assert!(log.contains("the audio device is back"), "log:\n{log}");
    assert!(!log.contains("panicked"), "log:\n{log}");
    let bytes = std::fs::read(&recording).expect("recording");
    let level = support::rms(&samples(&bytes));
    assert!(
        level > 0.02,
        "no music after the device came back (rms {level}); log:\n{log}"
    );
}

#[test]
fn opening_a_file_plays_it_at_once() {
    let desktop = Desktop::start("open-file");
    let recording = desktop.dir.join("open.raw");
    let rec = desktop.record(&recording);
    let mut app = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    desktop.env(&mut app);
    // As a file manager passes it: a file:// URI with an escaped space.
    let uri = format!(
        "file://{}",
        support::demo_tone()
            .display()
            .to_string()
            .replace(' ', "%20")
    );
    app.arg(uri).stdout(Stdio::null()).stderr(Stdio::null());
    let procs = Processes(vec![rec, spawn(&mut app, "leitmotif")]);
    wait_for_sound(&recording, "the opened file to play");
    drop(procs);
    assert_heard_landing(&recording, "the file");
    // Its folder is now in the library the app keeps.
    let store =
        leitmotif::library::Store::open(&desktop.dir.join("data/leitmotif/library.sqlite3"))
            .expect("store");
    let roots = store.roots().expect("roots");
    assert_eq!(
        roots,
        vec![support::demo_tone().parent().expect("parent").to_path_buf()]
    );
}

#[test]
fn a_second_launch_hands_its_file_to_the_running_window() {
    let desktop = Desktop::start("second-launch");
    let mut procs = Processes(vec![desktop.launch(&[], "first.log")]);
    let _ = desktop.wait_for_window("first.log");
    wait_until(
        "the first window's library",
        Duration::from_secs(60),
        || desktop.log("first.log").contains("library loaded"),
    );
    let recording = desktop.dir.join("second.raw");
    procs.0.push(desktop.record(&recording));

    let mut second = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    desktop.env(&mut second);
    let second_log = desktop.dir.join("second.log");
    let mut second = second
        .arg(support::demo_tone())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&second_log).expect("log"))
        .spawn()
        .expect("second launch");
    // It hands its file over and ends; it never opens a window of its own.
    let mut status = None;
    wait_until("the second launch to end", Duration::from_secs(20), || {
        status = second.try_wait().ok().flatten();
        status.is_some()
    });
    let stderr = desktop.log("second.log");
    assert!(status.is_some_and(|s| s.success()), "{stderr}");
    assert!(stderr.contains("already running"), "{stderr}");
    let windows = desktop.xdotool(&["search", "--name", "Leitmotif"]);
    assert_eq!(windows.lines().count(), 1, "one window only: {windows}");

    wait_for_sound(&recording, "the handed-over file to play");
    drop(procs);
    assert_heard_landing(&recording, "the handed-over file");
}

#[test]
fn the_window_comes_back_as_it_was_left() {
    let desktop = Desktop::start("remember");
    let app = desktop.launch(&[], "first.log");
    let procs = Processes(vec![app]);
    let window = desktop.wait_for_window("first.log");
    let _ = desktop.xdotool(&["windowsize", "--sync", &window, "900", "620"]);
    let saved = desktop.dir.join("config/leitmotif/window.json");
    support::desktop::wait_until(
        "window.json with the new size",
        Duration::from_secs(20),
        || std::fs::read_to_string(&saved).is_ok_and(|t| t.contains("\"width\": 900.0")),
    );
    drop(procs);

    let _procs = Processes(vec![desktop.launch(&[], "second.log")]);
    let window = desktop.wait_for_window("second.log");
    let geometry = desktop.xdotool(&["getwindowgeometry", &window]);
    assert!(geometry.contains("Geometry: 900x620"), "{geometry}");
}
