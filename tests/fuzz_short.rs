//! The fuzz targets (fuzz/bodies.rs), bounded for `make test`: every
//! input kept under fuzz/corpus/ and fuzz/regressions/ (what fuzzing found),
//! then seeded random and mutated inputs. `make fuzz` runs the real fuzzer.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

#[path = "../fuzz/bodies.rs"]
mod fuzz_bodies;

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("cue_code", fuzz_bodies::cue_code),
    ("episode", fuzz_bodies::episode),
    ("production_time", fuzz_bodies::production_time),
    ("cue_sidecar", fuzz_bodies::cue_sidecar),
    ("tags_to_track", fuzz_bodies::tags_to_track),
];

/// Inputs kept for a target: its corpus and its regressions.
fn kept(target: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut inputs = Vec::new();
    for folder in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        if let Ok(entries) = std::fs::read_dir(folder) {
            for entry in entries.flatten() {
                if let Ok(bytes) = std::fs::read(entry.path()) {
                    inputs.push(bytes);
                }
            }
        }
    }
    inputs
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to these parsers, to mutate with.
const ALPHABET: &[u8] =
    b"0123456789MmSsEexXPTHhabz:.,-_ ()[]\"'=\n#\\{}\x01\xff\xc3\xa9tile[[cue]]";

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => out.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
            1 if !out.is_empty() => {
                let _ = out.remove(at.min(out.len() - 1));
            }
            2 => out.insert(at, rng.next() as u8),
            _ => {
                // Splice a piece of itself somewhere else.
                if !out.is_empty() {
                    let from = rng.below(out.len());
                    let len = rng.below(out.len() - from + 1).min(16);
                    let piece: Vec<u8> = out[from..from + len].to_vec();
                    let at = at.min(out.len());
                    out.splice(at..at, piece);
                }
            }
        }
    }
    out.truncate(4096);
    out
}

#[test]
fn fuzz_targets_in_short() {
    let rounds: usize = std::env::var("LEITMOTIF_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    for (name, target) in TARGETS {
        let mut inputs = kept(name);
        assert!(!inputs.is_empty(), "fuzz/corpus/{name} has seeds");
        for input in &inputs {
            target(input);
        }
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..rounds {
            let seed = inputs[rng.below(inputs.len())].clone();
            let input = mutate(&mut rng, &seed);
            target(&input);
            if rng.below(10) == 0 {
                inputs.push(input);
            }
        }
        println!("{name}: {} kept inputs, {rounds} mutated", kept(name).len());
    }
}
