//! `leitmotif play` through a real ALSA device: a test-local file PCM that
//! writes what the player sends to a WAV file. The process ends with the music,
//! so the unclocked file PCM stays small.

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

use support::TempDir;

/// Writes an ALSA config that sends the default device into `out`.
fn alsa_capture(dir: &TempDir, out: &std::path::Path) {
    let alsa = dir.join("alsa");
    std::fs::create_dir_all(&alsa).expect("alsa config folder");
    std::fs::write(
        alsa.join("asoundrc"),
        format!(
            "pcm.!default {{ type plug slave {{ pcm \"cap\" format S16_LE rate 48000 channels 2 }} }}\n\
             pcm.cap {{ type file slave.pcm \"null\" file \"{}\" format \"wav\" }}\n",
            out.display()
        ),
    )
    .expect("write asoundrc");
}

#[test]
fn play_writes_the_encoded_tone_to_the_device() {
    let dir = TempDir::new("play");
    let out = dir.join("out.wav");
    alsa_capture(&dir, &out);
    let status = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(["play"])
        .arg(support::demo_tone())
        .env("XDG_CONFIG_HOME", &dir.0)
        .env_remove("PULSE_SERVER")
        .status()
        .expect("run leitmotif play");
    assert!(status.success(), "leitmotif play failed: {status}");

    let wav = support::read_wav(&out);
    assert_eq!((wav.channels, wav.rate), (2, 48000));
    let left = wav.left();
    let sound = support::audible(&left, 0.01);
    let seconds = sound.len() as f32 / wav.rate as f32;
    assert!(
        (5.0..6.5).contains(&seconds),
        "expected about 6 s of tone, got {seconds:.2} s"
    );
    assert!(support::rms(sound) > 0.05, "the capture is (nearly) silent");
    // The steady middle of the swell, away from the fades.
    let middle = &sound[sound.len() / 4..sound.len() * 3 / 4];
    let f = support::frequency(middle, wav.rate);
    assert!(
        (f - 440.0).abs() < 440.0 * 0.02,
        "expected 440 Hz, heard {f:.1} Hz"
    );
}

#[test]
fn play_says_what_is_wrong_with_a_missing_file() {
    let dir = TempDir::new("play-missing");
    let out = dir.join("out.wav");
    alsa_capture(&dir, &out);
    let output = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(["play", "/nonexistent/track.flac"])
        .env("XDG_CONFIG_HOME", &dir.0)
        .output()
        .expect("run leitmotif play");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the file is gone"), "stderr: {stderr}");
}

#[test]
fn play_without_any_device_says_so_and_fails_cleanly() {
    let dir = TempDir::new("play-nodevice");
    let alsa = dir.join("alsa");
    std::fs::create_dir_all(&alsa).expect("alsa folder");
    std::fs::write(
        alsa.join("asoundrc"),
        "pcm.!default { type hw card 42 }\nctl.!default { type hw card 42 }\n",
    )
    .expect("asoundrc");
    let output = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .arg("play")
        .arg(support::demo_tone())
        .env("XDG_CONFIG_HOME", &dir.0)
        .env_remove("PULSE_SERVER")
        .output()
        .expect("run leitmotif play");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("No audio output found"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}
