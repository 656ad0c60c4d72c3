//! Volume that moves smoothly, and ReplayGain.
//!
//! rodio's own volume jumps in 5 ms steps, which clicks on loud material; here
//! every track is wrapped in a gain that glides towards its target over about
//! 30 ms, frame by frame. The target is shared with the player thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use rodio::source::SeekError;
use rodio::{ChannelCount, Sample, SampleRate, Source};

/// Time for the gain to travel from silence to full volume.
const GLIDE: f32 = 0.030;

/// The volume every playing track follows (0.0 to 1.0; 0 when muted).
#[derive(Debug, Clone)]
pub struct Volume(Arc<AtomicU32>);

impl Volume {
    /// A volume at `level`.
    pub fn new(level: f32) -> Volume {
        Volume(Arc::new(AtomicU32::new(level.to_bits())))
    }

    /// Sets the level the tracks glide to.
    pub fn set(&self, level: f32) {
        self.0
            .store(level.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed);
    }

    /// The level now.
    pub fn get(&self) -> f32 {
        f32::from_bits(self.0.load(Ordering::Relaxed))
    }
}

/// A linear factor from a ReplayGain value in dB, kept from clipping by the
/// peak when it is known.
pub fn replaygain_factor(gain_db: f32, peak: Option<f32>) -> f32 {
    let factor = 10f32.powf(gain_db / 20.0);
    match peak {
        Some(peak) if peak > 0.0 => factor.min(1.0 / peak),
        _ => factor,
    }
}

/// A source whose volume glides to the shared [`Volume`] times a fixed factor.
pub struct SmoothGain<S> {
    inner: S,
    volume: Volume,
    factor: f32,
    current: f32,
    step: f32,
    channel: u16,
}

impl<S: Source> SmoothGain<S> {
    /// Wraps `inner`; it starts at the volume's level (no fade-in).
    pub fn new(inner: S, volume: Volume, factor: f32) -> SmoothGain<S> {
        let step = 1.0 / (GLIDE * inner.sample_rate().get() as f32);
        SmoothGain {
            current: volume.get() * factor,
            inner,
            volume,
            factor,
            step,
            channel: 0,
        }
    }
}

impl<S: Source> Iterator for SmoothGain<S> {
    type Item = Sample;

    fn next(&mut self) -> Option<Sample> {
        let sample = self.inner.next()?;
        if self.channel == 0 {
            let target = self.volume.get() * self.factor;
            let delta = target - self.current;
            self.current = if delta.abs() <= self.step {
                target
            } else {
                self.current + self.step.copysign(delta)
            };
        }
        self.channel = (self.channel + 1) % self.inner.channels().get();
        // Exactly unity (the ramp ends on it): the sample passes untouched.
        #[allow(clippy::float_cmp)]
        let unity = self.current == 1.0;
        Some(if unity { sample } else { sample * self.current })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<S: Source> Source for SmoothGain<S> {
    fn current_span_len(&self) -> Option<usize> {
        self.inner.current_span_len()
    }

    fn channels(&self) -> ChannelCount {
        self.inner.channels()
    }

    fn sample_rate(&self) -> SampleRate {
        self.inner.sample_rate()
    }

    fn total_duration(&self) -> Option<Duration> {
        self.inner.total_duration()
    }

    fn try_seek(&mut self, pos: Duration) -> Result<(), SeekError> {
        self.channel = 0;
        self.inner.try_seek(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rodio::buffer::SamplesBuffer;
    use std::num::NonZero;

    fn ones(frames: usize) -> SamplesBuffer {
        SamplesBuffer::new(
            NonZero::<u16>::MIN.saturating_add(1),
            NonZero::new(1000).expect("rate"),
            vec![1.0; frames * 2],
        )
    }

    #[test]
    fn unity_gain_leaves_samples_untouched() {
        let out: Vec<f32> = SmoothGain::new(ones(10), Volume::new(1.0), 1.0).collect();
        assert_eq!(out, vec![1.0; 20]);
    }

    #[test]
    fn a_volume_change_glides_without_a_jump() {
        let volume = Volume::new(1.0);
        let mut source = SmoothGain::new(ones(100), volume.clone(), 1.0);
        let _ = source.by_ref().take(4).count();
        volume.set(0.0);
        let out: Vec<f32> = source.collect();
        let biggest_step = out
            .windows(2)
            .map(|w| (w[0] - w[1]).abs())
            .fold(0.0, f32::max);
        // 30 ms at 1000 Hz: about 1/30 per frame.
        assert!(biggest_step < 0.04, "the volume jumped by {biggest_step}");
        assert_eq!(out.last().copied(), Some(0.0), "it gets there");
        // Both channels of a frame get the same gain.
        assert!(out.chunks(2).all(|f| f[0] == f[1]));
    }

    #[test]
    fn replaygain_in_db_with_peak_protection() {
        assert!((replaygain_factor(-6.0, None) - 0.501).abs() < 0.001);
        assert!((replaygain_factor(6.0, Some(0.9)) - 1.0 / 0.9).abs() < 0.001);
    }
}
