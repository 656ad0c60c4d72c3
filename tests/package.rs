//! The Debian package (`make deb`): cargo-deb lays out the binary this test
//! run built, and the package must hold the app under its id, its icons and
//! demo, valid desktop and AppStream files, and declare the libraries the
//! window opens at run time. Nothing is installed: the package is taken apart
//! with dpkg-deb. Skipped (with a note) where cargo-deb or dpkg-deb is not
//! installed; `make deb` installs both.

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

const APP_ID: &str = "io.github.leitmotif_player.leitmotif";

/// cargo-deb on PATH, or where `make deb` installs it.
fn cargo_deb() -> Option<PathBuf> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/bin/cargo-deb");
    if local.is_file() {
        return Some(local);
    }
    let on_path = Command::new("sh")
        .args(["-c", "command -v cargo-deb"])
        .output()
        .ok()?;
    on_path
        .status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&on_path.stdout).trim()))
}

fn run(command: &mut Command) -> String {
    let out = command.output().expect("run");
    assert!(
        out.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_package_holds_the_app_and_declares_what_it_needs() {
    let Some(cargo_deb) = cargo_deb() else {
        eprintln!("skipped: cargo-deb is not installed (`make deb` installs it)");
        return;
    };
    if !Command::new("dpkg-deb")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: dpkg-deb is not installed");
        return;
    }
    support::require_tools(&["desktop-file-validate", "appstreamcli"]);
    // The binary this test run built: target/<profile dir>/leitmotif.
    let exe = Path::new(env!("CARGO_BIN_EXE_leitmotif"));
    let profile_dir = exe.parent().expect("profile dir");
    let target = profile_dir.parent().expect("target dir");
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => "dev",
        Some(other) => other,
    };
    let dir = support::TempDir::new("deb");
    run(Command::new(&cargo_deb)
        .args([
            "deb",
            "--no-build",
            "--no-strip",
            "--fast",
            "--profile",
            profile,
            "--output",
        ])
        .arg(&dir.0)
        .env("CARGO_TARGET_DIR", target)
        .current_dir(env!("CARGO_MANIFEST_DIR")));
    let deb = std::fs::read_dir(&dir.0)
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .expect("a .deb was made");

    let info = run(Command::new("dpkg-deb").arg("-I").arg(&deb));
    assert!(info.contains(" Package: leitmotif\n"), "{info}");
    let depends = info
        .lines()
        .find_map(|l| l.trim().strip_prefix("Depends: "))
        .unwrap_or_else(|| panic!("no Depends: {info}"));
    for library in [
        "libc6",
        "libasound2",
        "libx11-6",
        "libx11-xcb1",
        "libxcursor1",
        "libxrandr2",
        "libxi6",
        "libxkbcommon-x11-0",
        "libwayland-client0",
        "fonts-dejavu-core",
    ] {
        assert!(
            depends.contains(library),
            "{library} not in Depends: {depends}"
        );
    }
    // Nothing but the control file and checksums: no maintainer scripts, no conffiles,
    // so `dpkg -r` removes every file the package brought.
    assert!(
        !info.contains("postinst") && !info.contains("conffiles"),
        "{info}"
    );

    let listing = run(Command::new("dpkg-deb").arg("-c").arg(&deb));
    let files: Vec<&str> = listing
        .lines()
        .filter_map(|l| l.split_once("./").map(|(_, p)| p))
        .filter(|p| !p.ends_with('/'))
        .collect();
    let mut wanted = vec![
        "usr/bin/leitmotif".to_string(),
        format!("usr/share/applications/{APP_ID}.desktop"),
        format!("usr/share/metainfo/{APP_ID}.metainfo.xml"),
        format!("usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg"),
        "usr/share/leitmotif/demo/Arrival Point (2024)/cues.toml".to_string(),
        "usr/share/leitmotif/demo/Lanternfall OST/01 Title Screen.ogg".to_string(),
        "usr/share/doc/leitmotif/copyright".to_string(),
    ];
    for size in [16, 32, 48, 64, 128, 256, 512] {
        wanted.push(format!(
            "usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        ));
    }
    for file in &wanted {
        assert!(
            files.contains(&file.as_str()),
            "{file} not in the package:\n{listing}"
        );
    }
    assert!(
        files.iter().all(|f| f.starts_with("usr/")),
        "only files under /usr: {files:?}"
    );

    // Taken apart: the files it installs are valid, and the binary runs.
    let root = dir.join("root");
    run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&root));
    run(Command::new("desktop-file-validate")
        .arg(root.join(format!("usr/share/applications/{APP_ID}.desktop"))));
    run(Command::new("appstreamcli")
        .args(["validate", "--no-net"])
        .arg(root.join(format!("usr/share/metainfo/{APP_ID}.metainfo.xml"))));
    let version = run(Command::new(root.join("usr/bin/leitmotif")).arg("--version"));
    assert_eq!(
        version.trim(),
        format!("leitmotif {}", env!("CARGO_PKG_VERSION"))
    );
}
