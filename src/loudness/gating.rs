//! A track's gating blocks, kept so that an album can be measured later from
//! what is stored: BS.1770 gates an album as one programme (every block of
//! every track against one relative threshold), which an average of the
//! tracks' loudness is not.
//!
//! The blocks are counted in bins of 0.1 LU from the absolute gate (-70
//! LUFS) up, each bin with the exact sum of its blocks' energy, so only the
//! one bin the relative threshold falls in is shared out (in proportion);
//! the result is within 0.01 LU of gating the blocks one by one, in about
//! 3 KB a track instead of every block.

use super::meter::{energy, lufs};

/// The absolute gate, LUFS: quieter blocks never count.
pub const ABSOLUTE_GATE: f64 = -70.0;
/// The relative gate, LU below the mean of the blocks above the absolute gate.
pub const RELATIVE_GATE: f64 = -10.0;
/// Width of a bin, LU.
const STEP: f64 = 0.1;
/// Bins from -70 to +30 LUFS (louder than any real signal goes in the last).
const BINS: usize = 1000;
/// The first byte of the stored form.
const FORMAT: u8 = 1;

/// One bin: how many blocks fell in it and their summed energy.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bin {
    index: u16,
    count: u32,
    energy: f64,
}

/// Gating blocks counted by loudness.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gating {
    /// In the order of their index.
    bins: Vec<Bin>,
}

impl Gating {
    /// The blocks (energies of 400 ms blocks) of one track.
    pub fn from_blocks(blocks: &[f64]) -> Gating {
        let gate = energy(ABSOLUTE_GATE);
        let mut dense = vec![(0u32, 0f64); BINS];
        for &block in blocks.iter().filter(|&&e| e >= gate) {
            let index = ((lufs(block) - ABSOLUTE_GATE) / STEP).floor().max(0.0) as usize;
            let slot = &mut dense[index.min(BINS - 1)];
            slot.0 += 1;
            slot.1 += block;
        }
        Gating::from_dense(&dense)
    }

    fn from_dense(dense: &[(u32, f64)]) -> Gating {
        let bins = dense
            .iter()
            .enumerate()
            .filter(|(_, (count, _))| *count > 0)
            .map(|(index, &(count, energy))| Bin {
                index: u16::try_from(index).unwrap_or(u16::MAX),
                count,
                energy,
            })
            .collect();
        Gating { bins }
    }

    /// The blocks of several tracks together, as one programme.
    pub fn merge<'a>(parts: impl IntoIterator<Item = &'a Gating>) -> Gating {
        let mut dense = vec![(0u32, 0f64); BINS];
        for part in parts {
            for bin in &part.bins {
                if let Some(slot) = dense.get_mut(usize::from(bin.index)) {
                    slot.0 = slot.0.saturating_add(bin.count);
                    slot.1 += bin.energy;
                }
            }
        }
        Gating::from_dense(&dense)
    }

    /// Blocks above the absolute gate.
    pub fn blocks(&self) -> u64 {
        self.bins.iter().map(|b| u64::from(b.count)).sum()
    }

    /// Integrated loudness, LUFS, gated as BS.1770-4 says; `-inf` when no
    /// block is above the absolute gate (silence).
    pub fn integrated(&self) -> f64 {
        let count = self.blocks();
        if count == 0 {
            return f64::NEG_INFINITY;
        }
        let total: f64 = self.bins.iter().map(|b| b.energy).sum();
        let threshold = lufs(total / count as f64) + RELATIVE_GATE;
        let (mut kept, mut kept_energy) = (0f64, 0f64);
        for bin in &self.bins {
            let low = ABSOLUTE_GATE + f64::from(bin.index) * STEP;
            // The share of the bin above the threshold: all, none, or for the
            // bin the threshold falls in, in proportion (one block: exactly).
            let share = if bin.count == 1 {
                if lufs(bin.energy) >= threshold {
                    1.0
                } else {
                    0.0
                }
            } else {
                ((low + STEP - threshold) / STEP).clamp(0.0, 1.0)
            };
            kept += share * f64::from(bin.count);
            kept_energy += share * bin.energy;
        }
        if kept <= 0.0 {
            return f64::NEG_INFINITY;
        }
        lufs(kept_energy / kept)
    }

    /// The stored form: a format byte, then per bin its index (u16), count
    /// (u32) and energy (f32), little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + self.bins.len() * 10);
        out.push(FORMAT);
        for bin in &self.bins {
            out.extend_from_slice(&bin.index.to_le_bytes());
            out.extend_from_slice(&bin.count.to_le_bytes());
            out.extend_from_slice(&(bin.energy as f32).to_le_bytes());
        }
        out
    }

    /// Reads the stored form back.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gating, String> {
        let Some((&FORMAT, rest)) = bytes.split_first() else {
            return Err("stored loudness blocks are in an unknown form".into());
        };
        if rest.len() % 10 != 0 {
            return Err("stored loudness blocks are cut short".into());
        }
        let mut bins = Vec::with_capacity(rest.len() / 10);
        for chunk in rest.chunks_exact(10) {
            let index = u16::from_le_bytes([chunk[0], chunk[1]]);
            let count = u32::from_le_bytes([chunk[2], chunk[3], chunk[4], chunk[5]]);
            let energy = f32::from_le_bytes([chunk[6], chunk[7], chunk[8], chunk[9]]);
            if usize::from(index) >= BINS || !energy.is_finite() || energy < 0.0 {
                return Err("stored loudness blocks hold impossible values".into());
            }
            bins.push(Bin {
                index,
                count,
                energy: f64::from(energy),
            });
        }
        Ok(Gating { bins })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BS.1770 gating over every block, one by one: the reference.
    fn exact(blocks: &[f64]) -> f64 {
        let above: Vec<f64> = blocks
            .iter()
            .copied()
            .filter(|&e| e >= energy(ABSOLUTE_GATE))
            .collect();
        if above.is_empty() {
            return f64::NEG_INFINITY;
        }
        let threshold =
            energy(lufs(above.iter().sum::<f64>() / above.len() as f64) + RELATIVE_GATE);
        let kept: Vec<f64> = above.into_iter().filter(|&e| e >= threshold).collect();
        lufs(kept.iter().sum::<f64>() / kept.len() as f64)
    }

    /// Blocks spread over a range of loudness, as music gives them.
    fn blocks(seed: u64, n: usize, centre: f64, spread: f64) -> Vec<f64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
                energy(centre + (unit - 0.5) * spread)
            })
            .collect()
    }

    #[test]
    fn binned_gating_agrees_with_gating_block_by_block() {
        for (seed, centre, spread) in [(1, -20.0, 30.0), (2, -35.0, 50.0), (3, -14.0, 6.0)] {
            let b = blocks(seed, 3000, centre, spread);
            let ours = Gating::from_blocks(&b).integrated();
            let reference = exact(&b);
            assert!((ours - reference).abs() < 0.01, "{ours} vs {reference}");
        }
    }

    #[test]
    fn an_album_is_gated_as_one_programme_not_averaged() {
        let loud = blocks(4, 2000, -10.0, 4.0);
        let quiet = blocks(5, 2000, -40.0, 4.0);
        let album = Gating::merge([&Gating::from_blocks(&loud), &Gating::from_blocks(&quiet)]);
        let together: Vec<f64> = loud.iter().chain(&quiet).copied().collect();
        assert!((album.integrated() - exact(&together)).abs() < 0.01);
        // The quiet track is more than 10 LU under the album's mean: gated out.
        assert!((album.integrated() - exact(&loud)).abs() < 0.05);
        assert_eq!(album.blocks(), 4000);
    }

    #[test]
    fn silence_has_no_blocks_and_no_loudness() {
        let g = Gating::from_blocks(&[0.0, energy(-80.0), 0.0]);
        assert_eq!(g.blocks(), 0);
        assert_eq!(g.integrated(), f64::NEG_INFINITY);
        assert_eq!(
            Gating::merge([&g, &Gating::default()]).integrated(),
            f64::NEG_INFINITY
        );
    }

    #[test]
    fn the_stored_form_reads_back_and_refuses_damage() {
        let g = Gating::from_blocks(&blocks(6, 500, -18.0, 20.0));
        let bytes = g.to_bytes();
        let back = Gating::from_bytes(&bytes).expect("reads back");
        assert_eq!(back.blocks(), g.blocks());
        assert!((back.integrated() - g.integrated()).abs() < 1e-4);
        assert!(Gating::from_bytes(&bytes[..bytes.len() - 3]).is_err());
        assert!(Gating::from_bytes(&[]).is_err());
        assert!(Gating::from_bytes(&[9, 0, 0]).is_err());
    }
}
