//! Desktop integration: the desktop file and the AppStream metadata are
//! valid, `make install` and `make uninstall` place and remove exactly
//! Leitmotif's files, the Debian package holds what it should, and a display
//! that cannot be opened is said in words.

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
use std::process::Command;

/// The application's id, as the package and the window use it.
const APP_ID: &str = "io.github.leitmotif_player.leitmotif";

fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn desktop_file_is_valid() {
    support::require_tools(&["desktop-file-validate"]);
    let out = Command::new("desktop-file-validate")
        .arg(asset(&format!("{APP_ID}.desktop")))
        .output()
        .expect("run desktop-file-validate");
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn appstream_metadata_is_valid_and_names_the_desktop_file() {
    support::require_tools(&["appstreamcli"]);
    let metainfo = asset(&format!("{APP_ID}.metainfo.xml"));
    let out = Command::new("appstreamcli")
        .args(["validate", "--no-net", "--pedantic"])
        .arg(&metainfo)
        .output()
        .expect("run appstreamcli");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&metainfo).expect("read metainfo");
    assert!(text.contains(&format!("<id>{APP_ID}</id>")));
    assert!(text.contains(&format!(
        "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
    )));
    let desktop = std::fs::read_to_string(asset(&format!("{APP_ID}.desktop"))).expect("read");
    assert!(
        desktop.contains(&format!("\nStartupWMClass={APP_ID}\n")),
        "{desktop}"
    );
    assert!(desktop.contains(&format!("\nIcon={APP_ID}\n")), "{desktop}");
    // Every screenshot is one of the pictures in docs/.
    for url in text.split("<image").skip(1) {
        let url = url
            .split('>')
            .nth(1)
            .and_then(|u| u.split('<').next())
            .unwrap_or("");
        let name = url.rsplit('/').next().unwrap_or("");
        let docs = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs")
            .join(name);
        assert!(docs.is_file(), "{url} is not in docs/");
    }
}

#[test]
fn make_install_then_uninstall_into_a_prefix() {
    let dir = support::TempDir::new("install");
    let prefix = dir.join("prefix");
    // Something of the user's in the same prefix must survive the uninstall.
    let theirs = prefix.join("share/applications/someone-else.desktop");
    std::fs::create_dir_all(theirs.parent().expect("parent")).expect("dir");
    std::fs::write(&theirs, "[Desktop Entry]\n").expect("write");
    let make = |target: &str| {
        let out = Command::new("make")
            .args(["-s", "-C", env!("CARGO_MANIFEST_DIR"), target])
            .arg(format!("PREFIX={}", prefix.display()))
            .arg(format!("BIN={}", env!("CARGO_BIN_EXE_leitmotif")))
            .output()
            .expect("run make");
        assert!(
            out.status.success(),
            "make {target}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    make("install");
    let placed = files_under(&prefix);
    for expected in [
        "bin/leitmotif",
        &format!("share/applications/{APP_ID}.desktop"),
        &format!("share/metainfo/{APP_ID}.metainfo.xml"),
        &format!("share/icons/hicolor/scalable/apps/{APP_ID}.svg"),
        &format!("share/icons/hicolor/16x16/apps/{APP_ID}.png"),
        &format!("share/icons/hicolor/48x48/apps/{APP_ID}.png"),
        &format!("share/icons/hicolor/512x512/apps/{APP_ID}.png"),
        "share/leitmotif/demo/Lanternfall OST/01 Title Screen.ogg",
    ] {
        assert!(
            placed.contains(&prefix.join(expected)),
            "{expected} not installed: {placed:?}"
        );
    }
    // The installed binary finds its demo library beside it.
    let out = Command::new(prefix.join("bin/leitmotif"))
        .arg("--version")
        .output()
        .expect("run");
    assert!(out.status.success());

    make("uninstall");
    let left: Vec<PathBuf> = files_under(&prefix)
        .into_iter()
        .filter(|p| !p.ends_with("mimeinfo.cache") && !p.ends_with("icon-theme.cache"))
        .collect();
    assert_eq!(
        left,
        vec![theirs],
        "uninstall removes exactly what install placed"
    );
}

/// Runs the window command in an environment of its own (no X server, no
/// compositor) and gives back its exit status and standard error.
fn window_without_display(display: Option<&str>, wayland: Option<&str>) -> (bool, String) {
    let dir = support::TempDir::new("no-display");
    let mut command = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    command
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env("XDG_RUNTIME_DIR", dir.join("run"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("RUST_BACKTRACE", "1")
        .stdin(std::process::Stdio::null());
    std::fs::create_dir_all(dir.join("run")).expect("runtime dir");
    if let Some(display) = display {
        command.env("DISPLAY", display);
    }
    if let Some(wayland) = wayland {
        command.env("WAYLAND_DISPLAY", wayland);
    }
    let out = command.output().expect("run leitmotif");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_display_that_cannot_be_opened_is_said_in_words() {
    // Nothing listens on display 9999.
    let (ok, stderr) = window_without_display(Some(":9999"), None);
    assert!(!ok, "exits non-zero: {stderr}");
    assert!(stderr.contains("DISPLAY=:9999"), "{stderr}");
    assert!(
        stderr.contains("leitmotif play"),
        "says what to do: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    assert!(!stderr.contains("backtrace"), "no backtrace: {stderr}");
}

#[test]
fn a_wayland_compositor_that_is_not_there_is_said_in_words() {
    // winit takes Wayland first; its failure comes as iced_winit's panic,
    // which the window command catches.
    let (ok, stderr) = window_without_display(Some(":9999"), Some("leitmotif-no-compositor"));
    assert!(!ok, "exits non-zero: {stderr}");
    assert!(
        stderr.contains("WAYLAND_DISPLAY=leitmotif-no-compositor"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    assert!(!stderr.contains("backtrace"), "no backtrace: {stderr}");
}

#[test]
fn no_display_at_all_is_said_in_words() {
    let (ok, stderr) = window_without_display(None, None);
    assert!(!ok, "exits non-zero: {stderr}");
    assert!(stderr.contains("no display"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
