//! Decoding for analysis: symphonia straight to the caller, packet by packet,
//! in the decoder's own sample type and layout (FLAC gives 32-bit integer
//! planes, MP3 and Vorbis 32-bit float planes). No sample is converted,
//! interleaved or copied on the way: that is what makes it as fast as ffmpeg
//! (the playback pipeline converts every sample for rodio, which costs 3x).
//!
//! A range of the file (a track of a CD image) is decoded from an accurate
//! seek to its first frame up to the frame before its end.

use std::path::Path;

use symphonia::core::audio::{AudioBuffer, AudioBufferRef};
use symphonia::core::codecs::Decoder;
use symphonia::core::errors::Error;
use symphonia::core::formats::{FormatReader, SeekMode, SeekTo};

/// The channels of a stretch of audio, one slice each, all of one length.
#[derive(Clone, Copy)]
pub enum Planes<'a> {
    /// 16-bit integers (WAV, AIFF).
    I16(&'a [&'a [i16]]),
    /// 32-bit integers, full scale (FLAC at any bit depth, 24-bit PCM).
    I32(&'a [&'a [i32]]),
    /// Floats, full scale at 1.0 (MP3, Vorbis, AAC).
    F32(&'a [&'a [f32]]),
    /// Doubles (64-bit float PCM).
    F64(&'a [&'a [f64]]),
}

impl Planes<'_> {
    /// Channels in it.
    pub fn channels(&self) -> usize {
        match self {
            Planes::I16(p) => p.len(),
            Planes::I32(p) => p.len(),
            Planes::F32(p) => p.len(),
            Planes::F64(p) => p.len(),
        }
    }

    /// Frames (samples per channel) in it.
    pub fn frames(&self) -> usize {
        match self {
            Planes::I16(p) => p.first().map_or(0, |c| c.len()),
            Planes::I32(p) => p.first().map_or(0, |c| c.len()),
            Planes::F32(p) => p.first().map_or(0, |c| c.len()),
            Planes::F64(p) => p.first().map_or(0, |c| c.len()),
        }
    }
}

/// An audio file opened for decoding.
pub struct Opened {
    format: Box<dyn FormatReader>,
    decoder: Box<dyn Decoder>,
    track_id: u32,
    /// Frames a second.
    pub rate: u32,
    /// Channels, when the container says (MP4 leaves it to the first packet).
    pub channels: Option<usize>,
    /// Frames in the whole file, when its header says.
    pub frames: Option<u64>,
    /// For sample types the meter does not take: the packet as floats.
    scratch: Option<AudioBuffer<f32>>,
}

/// How a decode went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decoded {
    /// Frames handed over.
    pub frames: u64,
    /// Damaged packets passed over.
    pub damaged: u64,
}

/// Opens `path` and finds its audio.
pub fn open(path: &Path) -> Result<Opened, String> {
    // Larger reads than the default: fewer system calls on long files.
    let crate::probe::Probed {
        format,
        track_id,
        params,
        rate,
        channels,
        decoder,
    } = crate::probe::open(path, 256 * 1024)?;
    Ok(Opened {
        track_id,
        format,
        decoder,
        rate,
        channels,
        frames: params.n_frames,
        scratch: None,
    })
}

impl Opened {
    /// Decodes frames `start` to `end` (the file's end when `None`) and hands
    /// them to `take` as they come. Stops early, without an error, where the
    /// file ends (a truncated file), and when `take` says to stop.
    pub fn run(
        &mut self,
        start: u64,
        end: Option<u64>,
        take: &mut dyn FnMut(Planes<'_>) -> Result<(), String>,
    ) -> Result<Decoded, String> {
        let mut at = if start == 0 {
            0
        } else {
            let seeked = self
                .format
                .seek(
                    SeekMode::Accurate,
                    SeekTo::TimeStamp {
                        ts: start,
                        track_id: self.track_id,
                    },
                )
                .map_err(|e| format!("cannot seek to the track's start in this file: {e}"))?;
            self.decoder.reset();
            seeked.actual_ts
        };
        let mut out = Decoded::default();
        let mut first_error = None;
        loop {
            if end.is_some_and(|end| at >= end) {
                break;
            }
            let packet = match self.format.next_packet() {
                Ok(packet) => packet,
                // The end of the stream, or of what is left of a cut file.
                Err(Error::IoError(_) | Error::ResetRequired) => break,
                Err(e) => {
                    first_error.get_or_insert_with(|| e.to_string());
                    break;
                }
            };
            if packet.track_id() != self.track_id {
                continue;
            }
            let decoded = match self.decoder.decode(&packet) {
                Ok(decoded) => decoded,
                // A damaged packet is passed over, as players do.
                Err(Error::DecodeError(e)) => {
                    out.damaged += 1;
                    first_error.get_or_insert_with(|| e.to_string());
                    continue;
                }
                Err(Error::IoError(_) | Error::ResetRequired) => break,
                Err(e) => return Err(format!("cannot decode this file: {e}")),
            };
            let frames = decoded.frames() as u64;
            // The part of this packet inside [start, end).
            let from = start.saturating_sub(at).min(frames);
            let to = end.map_or(frames, |end| end.saturating_sub(at).min(frames));
            at += frames;
            if from >= to {
                continue;
            }
            let channels = decoded.spec().channels.count();
            if *self.channels.get_or_insert(channels) != channels {
                // A stream that changes its layout mid-way: the rest is not the same track.
                out.damaged += 1;
                continue;
            }
            let (from, to) = (from as usize, to as usize);
            hand_over(&decoded, &mut self.scratch, from, to, take)?;
            out.frames += (to - from) as u64;
        }
        if out.frames == 0 {
            return Err(match first_error {
                Some(e) => {
                    format!("cannot decode this file: no audio in it could be decoded ({e})")
                }
                None if start > 0 => {
                    "the track's range holds no audio (is the CUE sheet for this file?)".into()
                }
                None => "the file holds no audio".into(),
            });
        }
        Ok(out)
    }
}

/// Frames `from..to` of a decoded packet, handed over in its own sample type
/// when the meter takes it, else as floats.
fn hand_over(
    decoded: &AudioBufferRef<'_>,
    scratch: &mut Option<AudioBuffer<f32>>,
    from: usize,
    to: usize,
    take: &mut dyn FnMut(Planes<'_>) -> Result<(), String>,
) -> Result<(), String> {
    match decoded {
        AudioBufferRef::S16(b) => {
            with_range(b.planes().planes(), from, to, &mut |p| take(Planes::I16(p)))
        }
        AudioBufferRef::S32(b) => {
            with_range(b.planes().planes(), from, to, &mut |p| take(Planes::I32(p)))
        }
        AudioBufferRef::F32(b) => {
            with_range(b.planes().planes(), from, to, &mut |p| take(Planes::F32(p)))
        }
        AudioBufferRef::F64(b) => {
            with_range(b.planes().planes(), from, to, &mut |p| take(Planes::F64(p)))
        }
        other => {
            // 8-bit, 24-bit packed and unsigned PCM: rare, converted to floats.
            let spec = *other.spec();
            let fits = scratch
                .as_ref()
                .is_some_and(|s| s.capacity() >= other.capacity() && *s.spec() == spec);
            if !fits {
                *scratch = Some(other.make_equivalent::<f32>());
            }
            let Some(buffer) = scratch.as_mut() else {
                return Ok(());
            };
            other.convert(buffer);
            with_range(buffer.planes().planes(), from, to, &mut |p| {
                take(Planes::F32(p))
            })
        }
    }
}

/// What takes the channels of a packet, in its own sample type.
type TakePlanes<'t, T> = dyn FnMut(&[&[T]]) -> Result<(), String> + 't;

/// `planes` cut to `from..to`; the whole packet goes as it is (the usual case).
fn with_range<T>(
    planes: &[&[T]],
    from: usize,
    to: usize,
    take: &mut TakePlanes<'_, T>,
) -> Result<(), String> {
    let whole = planes.first().map_or(0, |c| c.len());
    if from == 0 && to == whole {
        return take(planes);
    }
    let cut: Vec<&[T]> = planes
        .iter()
        .map(|c| c.get(from..to).unwrap_or_default())
        .collect();
    take(&cut)
}
