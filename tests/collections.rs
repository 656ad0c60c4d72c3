//! A collection shaped as real ones are (`tools/make-collection.py`: tags as
//! Picard, iTunes, Amazon, Bandcamp, Steam and VGMdb-style rips write them,
//! K-drama parts, anime volumes, untagged rips, an ID3v1 rip, a CUE image,
//! albums that are not soundtracks), scanned as a user would, each file's
//! production, medium, category, title, numbers, episode and scene checked.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::collections::HashMap;
use std::path::Path;

use leitmotif::library::Library;
use leitmotif::library::production::grouping_key;

/// Debian's python3 (with python3-mutagen) when there is one, else the first on PATH.
fn python() -> &'static str {
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

#[test]
fn a_real_shaped_collection_is_understood() {
    understood("make-collection.py");
}

/// The same for a collection written apart from the implementation.
#[test]
fn an_independently_made_collection_is_understood() {
    support::require_tools(&["opusenc"]);
    understood("make-collection-independent.py");
}

fn understood(generator: &str) {
    support::require_tools(&["ffmpeg"]);
    let dir = support::TempDir::new("collection");
    let out = dir.join("music");
    let status = std::process::Command::new(python())
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tools")
                .join(generator),
        )
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run make-collection.py");
    assert!(
        status.success(),
        "make-collection.py failed (is python3-mutagen installed?)"
    );
    let checks: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(out.join("expect.json")).expect("expect.json"),
    )
    .expect("JSON");
    let library = Library::scan(std::slice::from_ref(&out), &|_| {});
    let by_path: HashMap<&Path, usize> = library
        .tracks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.path.as_path(), i))
        .collect();
    let (mut right, mut total) = (0, 0);
    let mut wrong = Vec::new();
    for check in &checks {
        let rel = check["path"].as_str().expect("path");
        let path = out.join(rel);
        let Some(&id) = by_path.get(path.as_path()) else {
            total += 1;
            wrong.push(format!(
                "{rel}: not a track ({:?})",
                library.problems.iter().find(|p| p.path == path)
            ));
            continue;
        };
        let track = &library.tracks[id];
        let production = library.production_of(id);
        let mut one = |what: &str, want: String, got: String| {
            total += 1;
            if want == got {
                right += 1;
            } else {
                wrong.push(format!(
                    "{rel}: {what} {got:?}, want {want:?} ({:?})",
                    track.evidence()
                ));
            }
        };
        for (key, value) in check.as_object().expect("object") {
            let want = match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match key.as_str() {
                "path" => {}
                "production" => one(
                    key,
                    grouping_key(&want),
                    grouping_key(production.map_or("", |p| p.title.as_str())),
                ),
                "medium" => one(
                    key,
                    want,
                    production.map_or("", |p| p.medium.as_str()).into(),
                ),
                "category" => one(key, want, track.category.as_str().into()),
                "title" => one(key, want, track.title.clone()),
                "disc" => one(
                    key,
                    want,
                    track
                        .tags
                        .disc_number
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
                "track" => one(
                    key,
                    want,
                    track
                        .tags
                        .track_number
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
                "episode" => one(
                    key,
                    want,
                    track
                        .placement
                        .episode
                        .map(|e| e.to_string())
                        .unwrap_or_default(),
                ),
                "scene" => one(key, want, track.placement.scene.clone().unwrap_or_default()),
                other => panic!("unknown check {other}"),
            }
        }
    }
    let rate = 100.0 * f64::from(right) / f64::from(total.max(1));
    println!("{generator}: {right} of {total} checks right ({rate:.1} %)");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(rate >= 95.0, "{rate:.1} % right:\n{}", wrong.join("\n"));
}
