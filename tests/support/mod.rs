//! Helpers shared by the integration tests: temporary folders, the demo
//! library, WAV reading and a pitch estimate.
#![allow(dead_code)]

pub mod desktop;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new empty folder under the system's temporary directory.
    pub fn new(label: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("leitmotif-test-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temporary folder");
        TempDir(dir)
    }

    /// A path inside the folder.
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The bundled demo library.
pub fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo")
}

/// The demo track that is a steady 440 Hz tone.
pub fn demo_tone() -> PathBuf {
    demo().join(
        "Arrival Point (2024)/Arrival Point (Original Motion Picture Score)/01 1M1 Landing.flac",
    )
}

/// Fails the test with a clear message when a tool `make test` installs is missing.
pub fn require_tools(tools: &[&str]) {
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|t| {
            !Command::new("sh")
                .args(["-c", &format!("command -v {t}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    assert!(
        missing.is_empty(),
        "missing tools {missing:?}: run `make test`, which installs them (or `make test-deps`)"
    );
}

/// A WAV file's interleaved samples, scaled to -1.0..1.0.
pub struct Wav {
    pub channels: u16,
    pub rate: u32,
    pub samples: Vec<f32>,
}

/// Reads a 16-bit PCM WAV file; tolerates the unfinished header that a killed
/// or still-writing ALSA file PCM leaves.
pub fn read_wav(path: &Path) -> Wav {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    assert!(
        bytes.len() >= 44 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WAVE",
        "not a WAV file: {}",
        path.display()
    );
    let mut at = 12;
    let (mut channels, mut rate, mut bits) = (0u16, 0u32, 0u16);
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let len = u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]])
            as usize;
        let body = at + 8;
        if id == b"fmt " {
            channels = u16::from_le_bytes([bytes[body + 2], bytes[body + 3]]);
            rate = u32::from_le_bytes([
                bytes[body + 4],
                bytes[body + 5],
                bytes[body + 6],
                bytes[body + 7],
            ]);
            bits = u16::from_le_bytes([bytes[body + 14], bytes[body + 15]]);
        } else if id == b"data" {
            assert_eq!(bits, 16, "expected 16-bit samples");
            let end = if len == 0 || body + len > bytes.len() {
                bytes.len()
            } else {
                body + len
            };
            let samples = bytes[body..end]
                .chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]) as f32 / 32768.0)
                .collect();
            return Wav {
                channels,
                rate,
                samples,
            };
        }
        at = body + len + (len & 1);
    }
    panic!("no data chunk in {}", path.display());
}

impl Wav {
    /// The first channel only.
    pub fn left(&self) -> Vec<f32> {
        self.samples
            .iter()
            .step_by(self.channels.max(1) as usize)
            .copied()
            .collect()
    }
}

/// Root-mean-square level.
pub fn rms(samples: &[f32]) -> f32 {
    if samples.is_empty() {
        return 0.0;
    }
    (samples.iter().map(|s| s * s).sum::<f32>() / samples.len() as f32).sqrt()
}

/// The part of `samples` louder than `threshold`, from first to last such sample.
pub fn audible(samples: &[f32], threshold: f32) -> &[f32] {
    let first = samples.iter().position(|s| s.abs() > threshold);
    let last = samples.iter().rposition(|s| s.abs() > threshold);
    match (first, last) {
        (Some(a), Some(b)) => &samples[a..=b],
        _ => &[],
    }
}

/// The frequency of a steady tone, from its rising zero crossings.
pub fn frequency(samples: &[f32], rate: u32) -> f32 {
    let crossings: Vec<f32> = samples
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0] < 0.0 && w[1] >= 0.0)
        .map(|(i, w)| i as f32 + w[0] / (w[0] - w[1]))
        .collect();
    if crossings.len() < 2 {
        return 0.0;
    }
    let periods = (crossings.len() - 1) as f32;
    let span = crossings[crossings.len() - 1] - crossings[0];
    rate as f32 * periods / span
}

/// A stereo sine tone of `frames` frames, as 16-bit values.
pub fn tone(freq: f32, rate: u32, frames: usize) -> Vec<i16> {
    (0..frames)
        .flat_map(|i| {
            let v = (i as f32 * freq * std::f32::consts::TAU / rate as f32).sin() * 0.5;
            let s = (v * 32767.0) as i16;
            [s, s]
        })
        .collect()
}

/// Writes 16-bit stereo PCM as a WAV file.
pub fn write_wav(path: &Path, rate: u32, samples: &[i16]) {
    let data_len = (samples.len() * 2) as u32;
    let mut bytes = Vec::with_capacity(44 + samples.len() * 2);
    bytes.extend_from_slice(b"RIFF");
    bytes.extend_from_slice(&(36 + data_len).to_le_bytes());
    bytes.extend_from_slice(b"WAVEfmt ");
    bytes.extend_from_slice(&16u32.to_le_bytes());
    bytes.extend_from_slice(&1u16.to_le_bytes());
    bytes.extend_from_slice(&2u16.to_le_bytes());
    bytes.extend_from_slice(&rate.to_le_bytes());
    bytes.extend_from_slice(&(rate * 4).to_le_bytes());
    bytes.extend_from_slice(&4u16.to_le_bytes());
    bytes.extend_from_slice(&16u16.to_le_bytes());
    bytes.extend_from_slice(b"data");
    bytes.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        bytes.extend_from_slice(&s.to_le_bytes());
    }
    std::fs::write(path, bytes).expect("write wav");
}

/// A private copy of the demo library in `dir/music`, to change and delete files in.
pub fn copy_demo(dir: &TempDir) -> PathBuf {
    let target = dir.join("music");
    copy_tree(&demo(), &target);
    target
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    each_file(from, to, &|from, to| {
        let _ = std::fs::copy(from, to).expect("copy file");
    });
}

/// Hard-links every file of `from` into `to` (same file system): many copies
/// of a library for no disk space.
pub fn link_tree(from: &Path, to: &Path) {
    each_file(from, to, &|from, to| {
        std::fs::hard_link(from, to).expect("link file")
    });
}

/// Makes the folders of `from` under `to` and calls `put` for each file.
fn each_file(from: &Path, to: &Path, put: &dyn Fn(&Path, &Path)) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            each_file(&path, &dest, put);
        } else {
            put(&path, &dest);
        }
    }
}

/// A small seeded random number generator (no crate needed for tests).
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Envelopes for every track of `library`, as the loudness analysis stores
/// them: each track a different swell, so the seek bar and the timeline
/// strip draw from them.
pub fn envelopes(
    library: &leitmotif::library::Library,
) -> std::collections::HashMap<PathBuf, leitmotif::gui::state::loudness::Shape> {
    library
        .tracks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let lufs: Vec<f32> = (0..300)
                .map(|p| -40.0 + 30.0 * ((p as f32 / 300.0 + i as f32 * 0.15) * 3.1).sin().abs())
                .collect();
            (
                t.path.clone(),
                leitmotif::gui::state::loudness::drawn(&lufs),
            )
        })
        .collect()
}
