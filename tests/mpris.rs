//! MPRIS2 with a real client: the app in a window on a private session bus
//! (what `dbus-run-session` gives), driven by `playerctl`.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::process::Command;
use std::time::Duration;

use support::desktop::{Desktop, Processes, wait_until};

fn playerctl(desktop: &Desktop, args: &[&str]) -> String {
    let mut command = Command::new("playerctl");
    desktop.env(&mut command);
    let out = command
        .args(["--player", "leitmotif"])
        .args(args)
        .output()
        .expect("run playerctl");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Waits until `playerctl ARGS` prints `want`; on a time-out the app's own
/// account (RUST_LOG=debug) says what it heard.
fn says(desktop: &Desktop, what: &str, args: &[&str], want: &str) {
    support::desktop::wait_for(
        what,
        Duration::from_secs(20),
        || {
            let said = playerctl(desktop, args);
            if said == want {
                return Ok(());
            }
            Err(format!("playerctl {args:?} says {said:?}, not {want:?}"))
        },
        || format!("the app's log:\n{}", desktop.log("app.log")),
    );
}

#[test]
fn playerctl_sees_and_drives_the_player() {
    support::require_tools(&["playerctl", "dbus-daemon"]);
    let mut desktop = Desktop::start("mpris");
    desktop.start_bus();
    // The demo as the user's own library (kept in the store), so that a
    // folder handed over later joins it.
    let demo = support::demo();
    let _procs = Processes(vec![desktop.launch(&[demo.as_os_str()], "app.log")]);
    let _ = desktop.wait_for_window("app.log");
    // The player is on the bus before anything plays.
    says(
        &desktop,
        "the player on the bus, stopped",
        &["status"],
        "Stopped",
    );

    // Play starts the library as Space does: the film's score from 1M1.
    let _ = playerctl(&desktop, &["play"]);
    says(&desktop, "playing", &["status"], "Playing");
    assert_eq!(playerctl(&desktop, &["metadata", "title"]), "1M1 Landing");
    assert_eq!(
        playerctl(&desktop, &["metadata", "album"]),
        "Arrival Point",
        "the production is the album"
    );
    assert_eq!(
        playerctl(&desktop, &["metadata", "xesam:composer"]),
        "Mara Lindqvist"
    );
    let length: u64 = playerctl(&desktop, &["metadata", "mpris:length"])
        .parse()
        .unwrap_or(0);
    assert!(
        (5_000_000..7_000_000).contains(&length),
        "length in µs: {length}"
    );

    let _ = playerctl(&desktop, &["play-pause"]);
    says(&desktop, "paused by play-pause", &["status"], "Paused");
    let _ = playerctl(&desktop, &["play-pause"]);
    says(&desktop, "playing again", &["status"], "Playing");

    let _ = playerctl(&desktop, &["volume", "0.4"]);
    says(&desktop, "volume set", &["volume"], "0.400000");

    let _ = playerctl(&desktop, &["next"]);
    says(
        &desktop,
        "next track",
        &["metadata", "title"],
        "2M3 The Signal",
    );
    // The window shows it too: its title names what plays.
    wait_until("the window title follows", Duration::from_secs(10), || {
        desktop
            .xdotool(&["search", "--name", "2M3 The Signal"])
            .lines()
            .count()
            == 1
    });

    // A second launch hands over a folder whose files sort before the
    // demo's: the library reloads with every track moved, and what plays
    // is still named as what plays.
    let extra = support::TempDir::new("mpris-aardvark");
    let folder = extra.join("Aardvark (Original Score)");
    std::fs::create_dir_all(&folder).expect("folder");
    for n in 1..=3 {
        support::write_wav(
            &folder.join(format!("Aardvark Cue {n}.wav")),
            8000,
            &support::tone(220.0, 8000, 8000),
        );
    }
    let mut second = desktop.launch(&[extra.0.as_os_str()], "second.log");
    let _ = second.wait();
    wait_until("the library reloaded", Duration::from_secs(30), || {
        desktop
            .log("app.log")
            .contains("library loaded: 3 productions")
    });
    // What is published follows the reload; a wrong title stays and times out.
    wait_until(
        "MPRIS to name what plays after the reload (2M3 The Signal)",
        Duration::from_secs(10),
        || playerctl(&desktop, &["metadata", "title"]) == "2M3 The Signal",
    );
    assert_eq!(playerctl(&desktop, &["metadata", "album"]), "Arrival Point");
    assert_eq!(
        desktop
            .xdotool(&["search", "--name", "2M3 The Signal"])
            .lines()
            .count(),
        1,
        "so does the window's title"
    );

    let _ = playerctl(&desktop, &["position", "3"]);
    wait_until("the position moved", Duration::from_secs(10), || {
        playerctl(&desktop, &["position"])
            .parse::<f64>()
            .is_ok_and(|p| (2.9..5.5).contains(&p))
    });

    // The sound server goes away while a track plays: a pause asked for then
    // is a pause, even when the device comes back (the player, waiting for
    // it, once took the request as "play" and started again on its own).
    desktop.stop_pulse();
    wait_until(
        "the app to see the device go",
        Duration::from_secs(20),
        || desktop.log("app.log").contains("player: OutputLost"),
    );
    let _ = playerctl(&desktop, &["play-pause"]);
    says(
        &desktop,
        "paused while the device is gone",
        &["status"],
        "Paused",
    );
    desktop.start_pulse_again();
    // Longer than the player's first retry for a lost device (2 s).
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(
        playerctl(&desktop, &["status"]),
        "Paused",
        "still paused after the device came back; the app's log:\n{}",
        desktop.log("app.log")
    );
    let _ = playerctl(&desktop, &["play-pause"]);
    says(
        &desktop,
        "playing on the device that came back",
        &["status"],
        "Playing",
    );
    wait_until("the device back", Duration::from_secs(20), || {
        desktop.log("app.log").contains("player: OutputBack")
    });

    let log = desktop.log("app.log");
    assert!(!log.contains("MPRIS) are off"), "{log}");
}

#[test]
fn without_a_session_bus_the_app_says_so_and_plays_on() {
    let desktop = Desktop::start("no-bus");
    let _procs = Processes(vec![desktop.launch(&[], "app.log")]);
    let _ = desktop.wait_for_window("app.log");
    wait_until("the note in the log", Duration::from_secs(10), || {
        desktop.log("app.log").contains("(MPRIS) are off")
    });
    // The window still works: Space plays (once the library is in).
    wait_until("the library loaded", Duration::from_secs(60), || {
        desktop.log("app.log").contains("library loaded")
    });
    let _ = desktop.xdotool(&["search", "--name", "Leitmotif", "windowfocus", "--sync"]);
    let _ = desktop.xdotool(&["key", "space"]);
    wait_until(
        "the window title names the track",
        Duration::from_secs(20),
        || {
            !desktop
                .xdotool(&["search", "--name", "1M1 Landing"])
                .is_empty()
        },
    );
}
