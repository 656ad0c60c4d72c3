//! A track's loudness along its length, for a waveform seek bar and the
//! production's arc: [`POINTS`] values, evenly spaced over the track, each
//! the momentary loudness (400 ms blocks, BS.1770 K-weighted) averaged by
//! energy over its stretch of the track, in LUFS. Silence and anything under
//! the absolute gate are [`FLOOR`], so every value is a finite number.

use super::meter::lufs;

/// Points in an envelope.
pub const POINTS: usize = 300;
/// The lowest value: BS.1770's absolute gate, LUFS.
pub const FLOOR: f32 = -70.0;

/// Momentary loudness along a track, in LUFS, at most [`POINTS`] values
/// (fewer only for a track shorter than [`POINTS`] blocks, 30 s).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Envelope(pub Vec<f32>);

impl Envelope {
    /// From the energies of a track's gating blocks (one every 100 ms).
    pub fn from_blocks(blocks: &[f64]) -> Envelope {
        let n = blocks.len();
        let points = n.min(POINTS);
        let values = (0..points)
            .map(|i| {
                let span = &blocks[i * n / points..((i + 1) * n / points).max(i * n / points + 1)];
                let mean = span.iter().sum::<f64>() / span.len() as f64;
                if mean > 0.0 {
                    (lufs(mean) as f32).max(FLOOR)
                } else {
                    FLOOR
                }
            })
            .collect();
        Envelope(values)
    }

    /// The stored form: each value as a little-endian f32.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads the stored form back; values that are no loudness become [`FLOOR`].
    pub fn from_bytes(bytes: &[u8]) -> Envelope {
        Envelope(
            bytes
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .map(|v| if v.is_finite() { v.max(FLOOR) } else { FLOOR })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loudness::meter::energy;

    #[test]
    fn a_loud_half_and_a_quiet_half_show_as_such() {
        // 60 s: 30 s at -10 LUFS then 30 s of silence.
        let mut blocks = vec![energy(-10.0); 300];
        blocks.extend(vec![0.0; 300]);
        let e = Envelope::from_blocks(&blocks);
        assert_eq!(e.0.len(), POINTS);
        assert!((e.0[0] + 10.0).abs() < 0.01);
        assert!((e.0[POINTS / 2 - 1] + 10.0).abs() < 0.01);
        assert_eq!(e.0[POINTS / 2], FLOOR);
        assert_eq!(e.0[POINTS - 1], FLOOR);
        assert_eq!(Envelope::from_bytes(&e.to_bytes()), e);
    }

    #[test]
    fn a_short_track_has_one_point_a_block_and_none_has_none() {
        let e = Envelope::from_blocks(&[energy(-20.0), energy(-30.0)]);
        assert_eq!(e.0.len(), 2);
        assert!((e.0[1] + 30.0).abs() < 0.01);
        assert!(Envelope::from_blocks(&[]).0.is_empty());
    }
}
