//! Where samples go: the system's default device, or (in tests and benchmarks)
//! a mixer output that the caller pulls from.

use std::num::NonZero;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rodio::mixer::{Mixer, MixerSource};
use rodio::queue::SourcesQueueOutput;
use rodio::{DeviceSinkBuilder, MixerDeviceSink, Player, Source};

/// How the player service gets an output.
pub enum OutputKind {
    /// The default audio device, reopened when it comes back.
    Device,
    /// No device: samples are mixed at this rate (stereo) and the mixer's output
    /// is handed out once through the channel, for a test to pull from.
    Detached {
        /// Sample rate of the mixer.
        rate: u32,
        /// Receives the mixer's output when the output is opened.
        handout: std::sync::mpsc::Sender<MixerSource>,
    },
}

/// Whether a stream error means the device is gone. Underruns, reroutes and a
/// refused real-time priority are reported too, but the stream goes on.
fn is_fatal(err: &rodio::cpal::Error) -> bool {
    use rodio::cpal::ErrorKind;
    !matches!(
        err.kind(),
        ErrorKind::Xrun
            | ErrorKind::DeviceChanged
            | ErrorKind::RealtimeDenied
            | ErrorKind::DeviceBusy
    )
}

/// An open output: a rodio player on a mixer, and what keeps the device alive.
pub struct Output {
    mixer: Mixer,
    /// The rodio player that tracks are appended to.
    pub player: Player,
    /// The player's output, not yet on the mixer: the mixer sets up its format
    /// conversion when a source is added, so the player joins it only once its
    /// first track is there (otherwise the first track would be converted as if
    /// it had the empty queue's format).
    pending: Option<SourcesQueueOutput>,
    _device: Option<MixerDeviceSink>,
    failed: Arc<AtomicBool>,
}

impl Output {
    /// Opens the output of `kind`.
    pub fn open(kind: &OutputKind) -> Result<Output, String> {
        match kind {
            OutputKind::Device => {
                let failed = Arc::new(AtomicBool::new(false));
                let flag = Arc::clone(&failed);
                let mut device = DeviceSinkBuilder::from_default_device()
                    .and_then(|builder| {
                        builder
                            .with_error_callback(move |err: rodio::cpal::Error| {
                                if is_fatal(&err) {
                                    // Said once: a failed stream repeats its error hundreds of times.
                                    if !flag.swap(true, Ordering::SeqCst) {
                                        log::warn!(
                                            "the audio stream failed ({:?}): {err}",
                                            err.kind()
                                        );
                                    }
                                } else {
                                    log::debug!("audio stream ({:?}): {err}", err.kind());
                                }
                            })
                            .open_stream()
                    })
                    // Only the default device, with other configurations if its own fails:
                    // going through every device the system lists (JACK, OSS...) fills
                    // stderr with their complaints and rarely finds a better one.
                    .or_else(|_| DeviceSinkBuilder::from_default_device()?.open_sink_or_fallback())
                    .map_err(|e| e.to_string())?;
                device.log_on_drop(false);
                let mixer = device.mixer().clone();
                let (player, pending) = Player::new();
                Ok(Output {
                    player,
                    pending: Some(pending),
                    mixer,
                    _device: Some(device),
                    failed,
                })
            }
            OutputKind::Detached { rate, handout } => {
                let rate = NonZero::new(*rate).ok_or("sample rate must not be 0")?;
                let (mixer, source) =
                    rodio::mixer::mixer(NonZero::<u16>::MIN.saturating_add(1), rate);
                handout
                    .send(source)
                    .map_err(|_| "nobody reads the detached output".to_string())?;
                let (player, pending) = Player::new();
                Ok(Output {
                    player,
                    pending: Some(pending),
                    mixer,
                    _device: None,
                    failed: Arc::new(AtomicBool::new(false)),
                })
            }
        }
    }

    /// Drops everything queued by starting a fresh player on the same mixer.
    pub fn reset(&mut self) {
        let volume = self.player.volume();
        let (player, pending) = Player::new();
        self.player = player;
        self.player.set_volume(volume);
        self.pending = Some(pending);
    }

    /// Appends a source to the player, putting the player on the mixer after
    /// its first source.
    pub fn append<S>(&mut self, source: S)
    where
        S: Source + Send + 'static,
    {
        self.player.append(source);
        if let Some(pending) = self.pending.take() {
            self.mixer.add(pending);
        }
    }

    /// Whether the device reported an error since it was opened.
    pub fn has_failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
impl Output {
    /// Makes the output look as a stream that reported a fatal error.
    pub(crate) fn fail(&self) {
        self.failed.store(true, Ordering::SeqCst);
    }
}
