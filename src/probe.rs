//! Opening an audio file for decoding: the file, symphonia's probe (with
//! gapless trimming), its audio track, rate, channels and a decoder, with a
//! reason a person can read for each way it fails. The player's ranges and
//! the loudness analysis both start here.

use std::fs::File;
use std::path::Path;

use symphonia::core::codecs::{CodecParameters, Decoder, DecoderOptions};
use symphonia::core::formats::{FormatOptions, FormatReader};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// An audio file ready to decode.
pub struct Probed {
    /// Its container, positioned at the start.
    pub format: Box<dyn FormatReader>,
    /// The audio track's id in it.
    pub track_id: u32,
    /// The audio track's parameters.
    pub params: CodecParameters,
    /// Its sample rate (never 0).
    pub rate: u32,
    /// Its channels, when the container says (MP4 may leave it to the first packet).
    pub channels: Option<usize>,
    /// A decoder for the track.
    pub decoder: Box<dyn Decoder>,
}

/// Opens `path`, reading it `buffer_len` bytes at a time.
pub fn open(path: &Path, buffer_len: usize) -> Result<Probed, String> {
    let file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "the file is gone (moved or deleted?)".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "the file cannot be read (permission denied)".to_string()
        }
        _ => format!("cannot open the file: {e}"),
    })?;
    let source = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions { buffer_len });
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        let _ = hint.with_extension(ext);
    }
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            source,
            &FormatOptions {
                enable_gapless: true,
                ..FormatOptions::default()
            },
            &MetadataOptions::default(),
        )
        .map_err(|e| format!("cannot decode this file: {e}"))?;
    let format = probed.format;
    let track = format
        .default_track()
        .ok_or("cannot decode this file: it holds no audio track")?;
    let track_id = track.id;
    let params = track.codec_params.clone();
    let rate = params
        .sample_rate
        .filter(|&r| r > 0)
        .ok_or("cannot decode this file: it gives no sample rate")?;
    let channels = params
        .channels
        .map(symphonia::core::audio::Channels::count)
        .filter(|&c| c > 0);
    let decoder = symphonia::default::get_codecs()
        .make(&params, &DecoderOptions::default())
        .map_err(|e| format!("cannot decode this file: {e}"))?;
    Ok(Probed {
        format,
        track_id,
        params,
        rate,
        channels,
        decoder,
    })
}
