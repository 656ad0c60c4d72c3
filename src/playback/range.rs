//! A part of a file as a source of its own: a track of a CD image plays
//! exactly from its first sample to the sample before the next track's, so
//! that two neighbours of one image join without a gap or an overlap, and a
//! seek stays inside the track.
//!
//! It decodes with symphonia directly: rodio's decoder seeks by time through
//! floating point and may land a sample off, which a join would hear.

use std::num::NonZero;
use std::path::Path;
use std::time::Duration;

use rodio::source::SeekError;
use rodio::{ChannelCount, SampleRate, Source};
use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::Decoder;
use symphonia::core::formats::{FormatReader, SeekMode, SeekTo};
use symphonia::core::io::MediaSourceStreamOptions;

/// The samples of `[start, end)` of one file.
pub struct RangeSource {
    format: Box<dyn FormatReader>,
    decoder: Box<dyn Decoder>,
    track_id: u32,
    rate: u32,
    channels: u16,
    /// First and last frame (sample per channel) of the range in the file.
    start: u64,
    end: Option<u64>,
    /// Frames in the whole file, when the stream says.
    file_frames: Option<u64>,
    /// The next frame to hand out, in the file.
    at: u64,
    buffer: Vec<f32>,
    /// Position in `buffer` (samples, all channels).
    offset: usize,
}

/// A duration as a frame count at `rate`, rounded to the nearest frame.
pub fn frames(at: Duration, rate: u32) -> u64 {
    let ns = at.as_nanos();
    u64::try_from((ns * u128::from(rate) + 500_000_000) / 1_000_000_000).unwrap_or(u64::MAX)
}

impl RangeSource {
    /// Opens `path` for the range from `start` to `end` (its end when `None`).
    pub fn open(
        path: &Path,
        start: Duration,
        end: Option<Duration>,
    ) -> Result<RangeSource, String> {
        let crate::probe::Probed {
            format,
            track_id,
            params,
            rate,
            channels,
            decoder,
        } = crate::probe::open(path, MediaSourceStreamOptions::default().buffer_len)?;
        let channels = channels.ok_or("cannot decode this file: it gives no channels")?;
        let mut source = RangeSource {
            track_id,
            format,
            decoder,
            rate,
            channels: u16::try_from(channels).unwrap_or(u16::MAX),
            start: frames(start, rate),
            end: end.map(|e| frames(e, rate)),
            file_frames: params.n_frames,
            at: 0,
            buffer: Vec::new(),
            offset: 0,
        };
        source.go_to(source.start)?;
        Ok(source)
    }

    /// Positions the stream so that the next sample is frame `target` of the file.
    fn go_to(&mut self, target: u64) -> Result<(), String> {
        self.buffer.clear();
        self.offset = 0;
        let landed = if target == 0 {
            0
        } else {
            let seeked = self
                .format
                .seek(
                    SeekMode::Accurate,
                    SeekTo::TimeStamp {
                        ts: target,
                        track_id: self.track_id,
                    },
                )
                .map_err(|e| format!("cannot seek in this file: {e}"))?;
            seeked.actual_ts
        };
        self.decoder.reset();
        self.at = landed;
        // Decode and drop what lies before the target, exactly.
        while self.at < target {
            if !self.refill() {
                return Ok(());
            }
            let have = (self.buffer.len() / usize::from(self.channels.max(1))) as u64;
            let skip = (target - self.at).min(have);
            self.offset = usize::try_from(skip).unwrap_or(usize::MAX) * usize::from(self.channels);
            self.at += skip;
            if self.offset < self.buffer.len() {
                break;
            }
        }
        Ok(())
    }

    /// Decodes the next packet of the track into the buffer; false at the end.
    fn refill(&mut self) -> bool {
        loop {
            let Ok(packet) = self.format.next_packet() else {
                return false;
            };
            if packet.track_id() != self.track_id {
                continue;
            }
            let decoded = match self.decoder.decode(&packet) {
                Ok(decoded) => decoded,
                // A damaged packet is passed over, as rodio does.
                Err(symphonia::core::errors::Error::DecodeError(_)) => continue,
                Err(_) => return false,
            };
            let spec = *decoded.spec();
            let mut samples = SampleBuffer::<f32>::new(decoded.capacity() as u64, spec);
            samples.copy_interleaved_ref(decoded);
            self.buffer.clear();
            self.buffer.extend_from_slice(samples.samples());
            self.offset = 0;
            if !self.buffer.is_empty() {
                return true;
            }
        }
    }
}

impl Iterator for RangeSource {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        if self.end.is_some_and(|end| self.at >= end) {
            return None;
        }
        if self.offset >= self.buffer.len() && !self.refill() {
            return None;
        }
        let sample = self.buffer.get(self.offset).copied()?;
        self.offset += 1;
        if self
            .offset
            .is_multiple_of(usize::from(self.channels.max(1)))
        {
            self.at += 1;
        }
        Some(sample)
    }
}

impl Source for RangeSource {
    fn current_span_len(&self) -> Option<usize> {
        // Format and rate never change inside a range; what is left of the
        // buffer is the span, ending on a whole frame.
        let left = self.buffer.len().saturating_sub(self.offset);
        let by_end = self.end.map(|end| {
            usize::try_from(end.saturating_sub(self.at)).unwrap_or(usize::MAX)
                * usize::from(self.channels)
        });
        Some(
            by_end
                .map_or(left, |e| e.min(left))
                .max(usize::from(self.channels)),
        )
    }

    fn channels(&self) -> ChannelCount {
        NonZero::new(self.channels).unwrap_or(NonZero::<u16>::MIN)
    }

    fn sample_rate(&self) -> SampleRate {
        NonZero::new(self.rate).unwrap_or(NonZero::<u32>::MIN)
    }

    fn total_duration(&self) -> Option<Duration> {
        let end = self.end.or(self.file_frames)?;
        let frames = end.saturating_sub(self.start);
        Some(Duration::from_nanos(
            u64::try_from(u128::from(frames) * 1_000_000_000 / u128::from(self.rate)).ok()?,
        ))
    }

    /// Seeks within the range: `pos` counts from the range's start.
    fn try_seek(&mut self, pos: Duration) -> Result<(), SeekError> {
        let mut target = self.start + frames(pos, self.rate);
        if let Some(end) = self.end {
            target = target.min(end);
        }
        self.go_to(target).map_err(|_| SeekError::NotSupported {
            underlying_source: "a range of a file",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_round_to_the_nearest_frame() {
        assert_eq!(frames(Duration::from_secs(1), 44_100), 44_100);
        // 1/75 s as a sheet gives it, floored to the nanosecond.
        assert_eq!(frames(Duration::from_nanos(13_333_333), 44_100), 588);
        assert_eq!(
            frames(Duration::from_nanos(1_000_000_000 * 7 / 75), 48_000),
            4_480
        );
    }
}
