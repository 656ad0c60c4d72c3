//! What the unit tests of several parts share (built for tests only): a
//! part's tests use it as they use any part below them.

use std::path::Path;

/// Writes a 16-bit stereo WAV of a 1 kHz sine at `amplitude`, `seconds` long.
pub fn wav(path: &Path, amplitude: f64, seconds: f64) {
    let rate = 44_100u32;
    let frames = (seconds * f64::from(rate)) as usize;
    let mut data = Vec::with_capacity(frames * 4);
    for i in 0..frames {
        let t = i as f64 / f64::from(rate);
        let s = (amplitude * (2.0 * std::f64::consts::PI * 1000.0 * t).sin() * 32767.0) as i16;
        data.extend_from_slice(&s.to_le_bytes());
        data.extend_from_slice(&s.to_le_bytes());
    }
    let mut b = Vec::new();
    b.extend_from_slice(b"RIFF");
    b.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    b.extend_from_slice(b"WAVEfmt ");
    b.extend_from_slice(&16u32.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&2u16.to_le_bytes());
    b.extend_from_slice(&rate.to_le_bytes());
    b.extend_from_slice(&(rate * 4).to_le_bytes());
    b.extend_from_slice(&4u16.to_le_bytes());
    b.extend_from_slice(&16u16.to_le_bytes());
    b.extend_from_slice(b"data");
    b.extend_from_slice(&(data.len() as u32).to_le_bytes());
    b.extend_from_slice(&data);
    std::fs::write(path, b).expect("write wav");
}
