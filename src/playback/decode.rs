//! Opening a file as a rodio source, guarded so that a decoder that panics on
//! a damaged file ends that track instead of the player.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rodio::source::SeekError;
use rodio::{ChannelCount, Decoder, SampleRate, Source};

/// A decoder over a file (or a range of one), guarded.
pub type FileDecoder = Guarded<Box<dyn Source + Send>>;

/// A source whose decoder may panic on damaged data (symphonia divides by a
/// channel count of zero, say): a panic ends the source early, and is noted.
pub struct Guarded<S> {
    inner: S,
    failed: Arc<AtomicBool>,
}

impl<S> Guarded<S> {
    /// Wraps `inner`.
    pub fn new(inner: S) -> Guarded<S> {
        Guarded {
            inner,
            failed: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Set once the decoder failed: whoever plays it can say so.
    pub fn failed(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.failed)
    }
}

impl<S: Iterator> Iterator for Guarded<S> {
    type Item = S::Item;

    fn next(&mut self) -> Option<S::Item> {
        if self.failed.load(Ordering::Relaxed) {
            return None;
        }
        if let Ok(sample) = crate::guard::isolate(|| self.inner.next()) {
            sample
        } else {
            self.failed.store(true, Ordering::Relaxed);
            None
        }
    }
}

impl<S: Source> Source for Guarded<S> {
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
        if let Ok(result) = crate::guard::isolate(|| self.inner.try_seek(pos)) {
            result
        } else {
            self.failed.store(true, Ordering::Relaxed);
            Err(SeekError::NotSupported {
                underlying_source: "a damaged file",
            })
        }
    }
}

/// Opens what `located` says for playback: a whole file, or the range of
/// one that a track of a CD image is.
pub fn open_located(located: &super::Located) -> Result<FileDecoder, String> {
    if let Some(remote) = &located.remote {
        return open_remote(remote);
    }
    match located.range {
        Some((start, end)) => {
            let file = located.file.clone();
            match crate::guard::isolate(move || super::range::RangeSource::open(&file, start, end))
            {
                Ok(Ok(source)) => Ok(Guarded::new(Box::new(source) as Box<dyn Source + Send>)),
                Ok(Err(e)) => Err(e),
                Err(_) => {
                    Err("cannot decode this file: the decoder failed on it (damaged?)".into())
                }
            }
        }
        None => open(&located.file),
    }
}

/// Opens `path` for playback, with a message a user can act on when it fails.
pub fn open(path: &Path) -> Result<FileDecoder, String> {
    let file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "the file is gone (moved or deleted?)".to_string(),
        std::io::ErrorKind::PermissionDenied => "no permission to read the file".to_string(),
        _ => format!("cannot open the file: {e}"),
    })?;
    let len = file
        .metadata()
        .map_err(|e| format!("cannot read the file: {e}"))?
        .len();
    let mut builder = Decoder::builder()
        .with_data(BufReader::new(file))
        .with_byte_len(len)
        .with_seekable(true)
        .with_gapless(true);
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        builder = builder.with_hint(&ext.to_lowercase());
    }
    match crate::guard::isolate(|| builder.build()) {
        Ok(Ok(decoder)) => Ok(Guarded::new(Box::new(decoder) as Box<dyn Source + Send>)),
        Ok(Err(e)) => Err(format!("cannot decode this file: {e}")),
        Err(_) => Err("cannot decode this file: the decoder failed on it (damaged?)".into()),
    }
}

/// Opens bytes from elsewhere (a server's stream) for playback: seekable
/// when the source knows its length, gapless as a file is.
pub fn open_remote(remote: &super::Remote) -> Result<FileDecoder, String> {
    let media = match crate::guard::isolate(|| remote.open()) {
        Ok(result) => result?,
        Err(reason) => return Err(format!("cannot open the stream ({reason})")),
    };
    let seekable = media.source.is_seekable();
    let mut builder = Decoder::builder()
        .with_seekable(seekable)
        .with_gapless(true);
    if let Some(len) = media.source.byte_len() {
        builder = builder.with_byte_len(len);
    }
    if let Some(hint) = &media.hint {
        builder = builder.with_hint(hint);
    }
    let builder = builder.with_data(media.source);
    match crate::guard::isolate(|| builder.build()) {
        Ok(Ok(decoder)) => Ok(Guarded::new(Box::new(decoder) as Box<dyn Source + Send>)),
        Ok(Err(e)) => Err(format!("cannot decode this stream: {e}")),
        Err(_) => Err("cannot decode this stream: the decoder failed on it (damaged?)".into()),
    }
}
