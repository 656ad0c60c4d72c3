//! The EBU R128 meter: the `ebur128` crate measures (K-weighting, gating,
//! loudness range, 4x oversampled true peak, exactly as libebur128 and so
//! loudgain and ffmpeg do), and this wrapper keeps each 400 ms gating
//! block's energy as it is made, every 100 ms (read from the crate's own
//! filtered audio, one 100 ms step at a time). The blocks give the envelope
//! and let an album be gated as one programme from stored tracks
//! ([`super::Gating`]), which the crate's own state is too large to store for.

use ebur128::{EbuR128, Mode};

use super::decode::Planes;

/// Energy of a loudness in LUFS (the inverse of BS.1770's `-0.691 + 10 log10`).
pub fn energy(lufs: f64) -> f64 {
    if lufs == f64::NEG_INFINITY {
        0.0
    } else {
        10f64.powf((lufs + 0.691) / 10.0)
    }
}

/// Loudness in LUFS of an energy (`-inf` for none).
pub fn lufs(energy: f64) -> f64 {
    if energy > 0.0 {
        10.0 * energy.log10() - 0.691
    } else {
        f64::NEG_INFINITY
    }
}

/// Feeds audio through `ebur128` and keeps the gating blocks.
pub struct Meter {
    ebu: EbuR128,
    channels: usize,
    /// Frames until the next 100 ms step ends.
    until_block: usize,
    /// Frames in 100 ms, the step between gating blocks.
    step: usize,
    /// Whether the crate's 100 ms window is exactly one step (at every
    /// rate that is a multiple of 10 Hz): a block is then the mean of its
    /// four steps, read at a quarter of the cost of reading the block.
    by_steps: bool,
    /// The energies of the last four steps, oldest first, and how many there are.
    steps: [f64; 4],
    seen_steps: usize,
    /// Each gating block's energy, in order.
    blocks: Vec<f64>,
    frames: u64,
    rate: u32,
}

/// What the meter measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// Integrated loudness, LUFS; `-inf` when nothing is above the gates.
    pub integrated: f64,
    /// Loudness range, LU.
    pub range: f64,
    /// True peak over all channels, linear (1.0 is full scale).
    pub true_peak: f64,
    /// Energy of each 400 ms gating block, one every 100 ms.
    pub blocks: Vec<f64>,
    /// Frames measured.
    pub frames: u64,
    /// Frames a second.
    pub rate: u32,
}

impl Meter {
    /// A meter for `channels` channels at `rate` frames a second.
    pub fn new(channels: usize, rate: u32) -> Result<Meter, String> {
        let count = u32::try_from(channels).unwrap_or(u32::MAX);
        let ebu =
            EbuR128::new(count, rate, Mode::I | Mode::LRA | Mode::TRUE_PEAK).map_err(|_| {
                format!(
                    "cannot measure audio of {channels} channels at {rate} Hz (at most 64 channels)"
                )
            })?;
        // 100 ms, rounded as the crate (and libebur128) rounds it.
        let step = (rate as usize + 5) / 10;
        Ok(Meter {
            ebu,
            channels,
            until_block: step,
            step,
            by_steps: rate as usize * 100 / 1000 == step,
            steps: [0.0; 4],
            seen_steps: 0,
            blocks: Vec::new(),
            frames: 0,
            rate,
        })
    }

    /// Measures a stretch of audio.
    pub fn add(&mut self, planes: Planes<'_>) -> Result<(), String> {
        match planes {
            Planes::I16(p) => self.feed(p, EbuR128::add_frames_planar_i16),
            Planes::I32(p) => self.feed(p, EbuR128::add_frames_planar_i32),
            Planes::F32(p) => self.feed(p, EbuR128::add_frames_planar_f32),
            Planes::F64(p) => self.feed(p, EbuR128::add_frames_planar_f64),
        }
    }

    /// Hands `planes` to the crate in pieces that end where its gating blocks
    /// end, reading each block's energy as it is made.
    fn feed<T>(
        &mut self,
        planes: &[&[T]],
        add: fn(&mut EbuR128, &[&[T]]) -> Result<(), ebur128::Error>,
    ) -> Result<(), String> {
        if planes.len() != self.channels {
            return Err(format!(
                "the decoder gave {} channels where the file has {}",
                planes.len(),
                self.channels
            ));
        }
        let frames = planes.first().map_or(0, |c| c.len());
        let failed = |e: ebur128::Error| format!("the loudness meter failed ({e})");
        let mut at = 0;
        while at < frames {
            let take = (frames - at).min(self.until_block);
            if at == 0 && take == frames {
                add(&mut self.ebu, planes).map_err(failed)?;
            } else {
                // Up to 8 channels without allocating.
                let mut few: [&[T]; 8] = [&[]; 8];
                let many: Vec<&[T]>;
                let part: &[&[T]] = if planes.len() <= few.len() {
                    for (slot, channel) in few.iter_mut().zip(planes) {
                        *slot = channel.get(at..at + take).unwrap_or_default();
                    }
                    &few[..planes.len()]
                } else {
                    many = planes
                        .iter()
                        .map(|c| c.get(at..at + take).unwrap_or_default())
                        .collect();
                    &many
                };
                add(&mut self.ebu, part).map_err(failed)?;
            }
            at += take;
            self.until_block -= take;
            if self.until_block == 0 {
                self.until_block = self.step;
                self.end_of_step().map_err(failed)?;
            }
        }
        self.frames += frames as u64;
        Ok(())
    }

    /// At the end of each 100 ms step (and so of each gating block from the
    /// fourth step on), reads the block the crate has just gated.
    fn end_of_step(&mut self) -> Result<(), ebur128::Error> {
        self.seen_steps += 1;
        if !self.by_steps {
            // The momentary loudness is the block's, to the last bit.
            if self.seen_steps >= 4 {
                self.blocks.push(energy(self.ebu.loudness_momentary()?));
            }
            return Ok(());
        }
        self.steps.rotate_left(1);
        self.steps[3] = energy(self.ebu.loudness_window(100)?);
        if self.seen_steps >= 4 {
            // Four steps of equal length: their mean energy is the block's.
            self.blocks.push(self.steps.iter().sum::<f64>() / 4.0);
        }
        Ok(())
    }

    /// The measurements.
    pub fn finish(self) -> Result<Measured, String> {
        let failed = |e: ebur128::Error| format!("the loudness meter failed ({e})");
        let integrated = self.ebu.loudness_global().map_err(failed)?;
        let range = self.ebu.loudness_range().map_err(failed)?;
        let mut true_peak: f64 = 0.0;
        for channel in 0..self.ebu.channels() {
            true_peak = true_peak.max(self.ebu.true_peak(channel).map_err(failed)?);
        }
        Ok(Measured {
            integrated,
            range,
            true_peak,
            blocks: self.blocks,
            frames: self.frames,
            rate: self.rate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stereo sine of `amplitude` at `hz`, as FLAC gives it (32-bit integer planes).
    fn sine_i32(amplitude: f64, hz: f64, rate: u32, frames: usize) -> Vec<i32> {
        (0..frames)
            .map(|i| {
                let t = i as f64 / f64::from(rate);
                (amplitude * (2.0 * std::f64::consts::PI * hz * t).sin() * 2_147_483_647.0) as i32
            })
            .collect()
    }

    fn measure(planes: &[Vec<i32>], chunk: usize, rate: u32) -> Measured {
        let mut meter = Meter::new(planes.len(), rate).expect("meter");
        let frames = planes[0].len();
        let mut at = 0;
        while at < frames {
            let to = (at + chunk).min(frames);
            let part: Vec<&[i32]> = planes.iter().map(|c| &c[at..to]).collect();
            meter.add(Planes::I32(&part)).expect("add");
            at = to;
        }
        meter.finish().expect("finish")
    }

    #[test]
    fn a_stereo_sine_at_minus_20_dbfs_is_minus_20_lufs_whatever_the_packet_size() {
        // BS.1770: a 1 kHz sine of amplitude A in both channels is 20 log10(A) LUFS.
        let rate = 48_000;
        let tone = sine_i32(0.1, 997.0, rate, rate as usize * 5);
        let planes = vec![tone.clone(), tone];
        for chunk in [4096, 4800, 1000, 100_000] {
            let m = measure(&planes, chunk, rate);
            assert!(
                (m.integrated + 20.0).abs() < 0.05,
                "{chunk}: {}",
                m.integrated
            );
            assert!(
                (20.0 * m.true_peak.log10() + 20.0).abs() < 0.1,
                "{}",
                m.true_peak
            );
            assert!(m.range < 0.1, "a steady tone has no range: {}", m.range);
            // 5 s: blocks end at 0.4 s and every 100 ms after, 47 of them.
            assert_eq!(m.blocks.len(), 47, "{chunk}");
            for &b in &m.blocks {
                assert!((lufs(b) + 20.0).abs() < 0.05, "{}", lufs(b));
            }
        }
    }

    #[test]
    fn the_blocks_are_the_ones_the_crate_gates() {
        // A tone that steps down: the gated mean of the kept blocks is the
        // crate's own integrated loudness.
        let rate = 44_100;
        let mut tone = sine_i32(0.5, 440.0, rate, rate as usize * 3);
        tone.extend(sine_i32(0.05, 440.0, rate, rate as usize * 4));
        tone.extend(vec![0; rate as usize]);
        let m = measure(&[tone.clone(), tone], 4096, rate);
        let gated = crate::loudness::Gating::from_blocks(&m.blocks).integrated();
        assert!(
            (gated - m.integrated).abs() < 0.02,
            "{gated} vs {}",
            m.integrated
        );
    }

    #[test]
    fn blocks_read_by_steps_and_by_momentary_loudness_agree() {
        // 44.1 kHz reads steps; 11,025 Hz (a 100 ms step of 1,103 frames,
        // a window of 1,102) reads each block whole.
        for rate in [44_100, 11_025] {
            let mut tone = sine_i32(0.3, 440.0, rate, rate as usize * 2);
            tone.extend(sine_i32(0.03, 440.0, rate, rate as usize * 2));
            let m = measure(&[tone.clone(), tone], 3000, rate);
            // A block at the end of every step from the fourth on.
            let steps = rate as usize * 4 / ((rate as usize + 5) / 10);
            assert_eq!(m.blocks.len(), steps - 3, "{rate}");
            assert!((lufs(m.blocks[5]) - lufs(m.blocks[0])).abs() < 0.1);
            let last = m.blocks.last().copied().unwrap_or_default();
            assert!(lufs(last) < lufs(m.blocks[0]) - 19.0, "{rate}");
            let gated = crate::loudness::Gating::from_blocks(&m.blocks).integrated();
            assert!(
                (gated - m.integrated).abs() < 0.02,
                "{rate}: {gated} vs {}",
                m.integrated
            );
        }
    }

    #[test]
    fn silence_is_minus_infinity_and_energy_converts_both_ways() {
        let m = measure(&[vec![0; 48_000], vec![0; 48_000]], 4096, 48_000);
        assert_eq!(m.integrated, f64::NEG_INFINITY);
        assert_eq!(m.true_peak, 0.0);
        assert!((lufs(energy(-23.0)) + 23.0).abs() < 1e-9);
        assert_eq!(energy(f64::NEG_INFINITY), 0.0);
        assert_eq!(lufs(0.0), f64::NEG_INFINITY);
    }

    #[test]
    fn a_meter_refuses_impossible_layouts_with_a_reason() {
        assert!(Meter::new(0, 44_100).is_err());
        let mut meter = Meter::new(2, 44_100).expect("meter");
        let one = [0i32; 10];
        let err = meter
            .add(Planes::I32(&[&one]))
            .expect_err("one channel of two");
        assert!(err.contains("channels"), "{err}");
    }
}
