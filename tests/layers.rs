//! The module graph runs one way (issue 14): each part of `src/` may use
//! only the parts below it, so the domain never reaches up into the window
//! or the command line and no two parts lean on each other.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

use std::collections::BTreeSet;
use std::path::Path;

/// The parts, lowest first. A part may use those in earlier rows only.
const LAYERS: &[&[&str]] = &[
    &[
        "files", "paths", "guard", "logging", "memory", "cue", "cuesheet", "probe", "testing",
    ],
    &["playback", "lyrics", "playlist", "loudness"],
    &["library"],
    &["desktop", "server"],
    &["gui"],
    &["cli"],
];

fn layer_of(part: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&part))
}

/// Every `crate::part` a file names (in `use crate::part::...`,
/// `use crate::{part, ...}` and paths in code).
fn parts_used(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for item in inner.split(',') {
                let name = ident(item.trim());
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_part_uses_only_the_parts_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    let mut unknown = BTreeSet::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let first = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .expect("a name");
        let part = first.strip_suffix(".rs").unwrap_or(first);
        if matches!(part, "lib" | "main") {
            continue;
        }
        let Some(level) = layer_of(part) else {
            unknown.insert(part.to_string());
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        for used in parts_used(&text) {
            if used == part {
                continue;
            }
            match layer_of(&used) {
                Some(l) if l < level => {}
                Some(_) => wrong.push(format!("{} uses {used}", relative.display())),
                None => {
                    unknown.insert(used);
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "parts missing from LAYERS in tests/layers.rs (place each in its row): {unknown:?}"
    );
    assert!(
        wrong.is_empty(),
        "imports that run upwards or sideways:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_each_way_of_naming_a_part() {
    let used = parts_used(
        "use crate::library::Track;\nuse crate::{gui, cli::run};\nlet x = crate::paths::home();",
    );
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        ["cli", "gui", "library", "paths"]
    );
}
