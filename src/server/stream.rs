//! A server's `stream` as a seekable source for the decoder: the bytes are
//! fetched on a thread of their own, ahead of the decoder (which reads on
//! the audio thread and must not wait on the network more than it has to),
//! and a seek outside what has arrived starts a new HTTP range request
//! (`Range: bytes=N-`) at that byte. A server that ignores ranges is read
//! from the start and the bytes before N skipped.

use std::io::{self, Read, Seek, SeekFrom};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::client::{Bytes, Client, ServerError};

/// Bytes fetched a read.
const CHUNK: usize = 64 * 1024;
/// How far past what has arrived a read waits rather than starting a new request.
const AHEAD: u64 = 2 * 1024 * 1024;
/// How far ahead of the reader the fetch runs before it waits: a long
/// hi-res file is not read whole into memory when a few seconds are heard.
const MAX_AHEAD: u64 = 4 * 1024 * 1024;
/// How long a read waits for bytes before saying the server stopped sending.
const STALL: Duration = Duration::from_secs(30);

/// What the fetching thread and the reader share.
#[derive(Default)]
struct State {
    /// Where `data` starts in the stream.
    start: u64,
    /// The bytes fetched from `start` on.
    data: Vec<u8>,
    /// The fetch of this segment reached its end.
    finished: bool,
    /// Why the fetch stopped, when it failed.
    error: Option<String>,
    /// A new request wanted at this byte.
    restart: Option<u64>,
    /// The reader is gone: the thread ends.
    closed: bool,
    /// Where the reader is.
    reader_at: u64,
    /// How many requests were made (for tests: a seek far away makes one).
    requests: u64,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared.0.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A song of a server, readable and seekable as a file.
pub struct RemoteStream {
    shared: Shared,
    pos: u64,
    len: Option<u64>,
    content_type: String,
}

/// The stream of song `id`: the first request is made now, so a wrong id or
/// a refused login is said at once.
pub fn open(client: &Client, id: &str) -> Result<RemoteStream, ServerError> {
    // The original file: a transcoded stream has no length to seek in.
    let params = vec![
        ("id".to_string(), id.to_string()),
        ("format".to_string(), "raw".to_string()),
    ];
    let first = client.open_bytes("stream", &as_refs(&params), 0)?;
    let len = first.total;
    let content_type = first.content_type.clone();
    let shared: Shared = Arc::new((
        Mutex::new(State {
            requests: 1,
            ..State::default()
        }),
        Condvar::new(),
    ));
    let thread_shared = Arc::clone(&shared);
    let client = client.clone();
    let spawned = std::thread::Builder::new()
        .name("leitmotif-stream".into())
        .spawn(move || fetch(&client, &params, first, &thread_shared));
    if let Err(e) = spawned {
        return Err(ServerError::Unreachable {
            host: String::new(),
            reason: format!("cannot start reading the stream: {e}"),
        });
    }
    Ok(RemoteStream {
        shared,
        pos: 0,
        len,
        content_type,
    })
}

fn as_refs(params: &[(String, String)]) -> Vec<(&str, &str)> {
    params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The fetching thread: reads the current segment into the shared state,
/// and starts a new one from where the reader asks.
fn fetch(client: &Client, params: &[(String, String)], first: Bytes, shared: &Shared) {
    let mut body = Some(first);
    let mut from = 0_u64;
    loop {
        if let Some(mut bytes) = body.take()
            && !pump(&mut bytes, from, shared)
        {
            return;
        }
        // Wait until the reader wants another segment, or is gone.
        let at = {
            let mut state = lock(shared);
            loop {
                if state.closed {
                    return;
                }
                if let Some(at) = state.restart.take() {
                    state.start = at;
                    state.data.clear();
                    state.finished = false;
                    state.error = None;
                    state.requests += 1;
                    break at;
                }
                state = shared.1.wait(state).unwrap_or_else(PoisonError::into_inner);
            }
        };
        from = at;
        match client.open_bytes("stream", &as_refs(params), at) {
            Ok(bytes) => body = Some(bytes),
            Err(e) => {
                lock(shared).error = Some(e.to_string());
                shared.1.notify_all();
            }
        }
    }
}

/// Copies one answer's bytes into the shared state until it ends, fails, or
/// the reader wants another place; false when the reader is gone.
fn pump(bytes: &mut Bytes, from: u64, shared: &Shared) -> bool {
    // A server that ignored the range sends from byte 0: skip to `from`.
    if from > 0 && !bytes.ranged {
        let skipped = io::copy(&mut (&mut bytes.reader).take(from), &mut io::sink());
        if !matches!(skipped, Ok(n) if n == from) {
            lock(shared).error = Some("the server's stream ended early".into());
            shared.1.notify_all();
            return true;
        }
    }
    let mut buffer = vec![0_u8; CHUNK];
    loop {
        let read = bytes.reader.read(&mut buffer);
        let mut state = lock(shared);
        if state.closed {
            return false;
        }
        if state.restart.is_some() {
            return true;
        }
        match read {
            Ok(0) => state.finished = true,
            Ok(n) => state.data.extend_from_slice(&buffer[..n]),
            Err(e) => state.error = Some(format!("the server's stream broke off: {e}")),
        }
        shared.1.notify_all();
        if state.finished || state.error.is_some() {
            return true;
        }
        // Far enough ahead: wait for the reader to come closer (or go elsewhere).
        while state.start + state.data.len() as u64 > state.reader_at + MAX_AHEAD
            && state.reader_at >= state.start
        {
            state = shared.1.wait(state).unwrap_or_else(PoisonError::into_inner);
            if state.closed {
                return false;
            }
            if state.restart.is_some() {
                return true;
            }
        }
    }
}

impl RemoteStream {
    /// The stream's length in bytes, when the server said it.
    pub fn len(&self) -> Option<u64> {
        self.len
    }

    /// Whether the stream is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len == Some(0)
    }

    /// The MIME type the server gave.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// A file extension for the decoder's probe, from the MIME type.
    pub fn hint(&self) -> Option<&'static str> {
        let t = self.content_type.to_ascii_lowercase();
        [
            ("flac", "flac"),
            ("mpeg", "mp3"),
            ("mp3", "mp3"),
            ("ogg", "ogg"),
            ("vorbis", "ogg"),
            ("wav", "wav"),
            ("aiff", "aiff"),
            ("mp4", "m4a"),
            ("m4a", "m4a"),
            ("aac", "aac"),
        ]
        .iter()
        .find(|(part, _)| t.contains(part))
        .map(|&(_, ext)| ext)
    }

    /// Up to which byte the stream has arrived (from where it was last asked).
    pub fn arrived_to(&self) -> u64 {
        let state = lock(&self.shared);
        state.start + state.data.len() as u64
    }

    /// How many HTTP requests the stream has made so far.
    pub fn requests(&self) -> u64 {
        lock(&self.shared).requests
    }
}

impl Read for RemoteStream {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() || self.len.is_some_and(|len| self.pos >= len) {
            return Ok(0);
        }
        let mut state = lock(&self.shared);
        let mut asked = false;
        loop {
            let end = state.start + state.data.len() as u64;
            if self.pos >= state.start && self.pos < end {
                let from = usize::try_from(self.pos - state.start).unwrap_or(usize::MAX);
                let n = out.len().min(state.data.len() - from);
                out[..n].copy_from_slice(&state.data[from..from + n]);
                self.pos += n as u64;
                state.reader_at = self.pos;
                self.shared.1.notify_all();
                return Ok(n);
            }
            if asked {
                // Once the thread has begun the segment asked for, its end or
                // its failure is this read's.
                if state.restart.is_none() && state.start == self.pos {
                    if let Some(error) = &state.error {
                        return Err(io::Error::other(error.clone()));
                    }
                    if state.finished {
                        return Ok(0);
                    }
                }
            } else {
                // Where the reader waits: a fetch paused far enough ahead of
                // an older position goes on towards this one.
                if state.reader_at != self.pos {
                    state.reader_at = self.pos;
                    self.shared.1.notify_all();
                }
                let coming = self.pos >= state.start
                    && self.pos < end + AHEAD
                    && !state.finished
                    && state.error.is_none();
                if !coming {
                    if state.finished && self.pos >= end && self.len.is_none() {
                        return Ok(0);
                    }
                    state.restart = Some(self.pos);
                    state.reader_at = self.pos;
                    asked = true;
                    self.shared.1.notify_all();
                }
            }
            let (next, timeout) = self
                .shared
                .1
                .wait_timeout(state, STALL)
                .unwrap_or_else(PoisonError::into_inner);
            state = next;
            if timeout.timed_out() {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the server stopped sending the stream",
                ));
            }
        }
    }
}

impl Seek for RemoteStream {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
            SeekFrom::End(d) => self
                .len
                .ok_or_else(|| io::Error::other("the stream's length is not known"))?
                .checked_add_signed(d),
        };
        self.pos = target
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(self.pos)
    }
}

impl symphonia::core::io::MediaSource for RemoteStream {
    fn is_seekable(&self) -> bool {
        self.len.is_some()
    }

    fn byte_len(&self) -> Option<u64> {
        self.len
    }
}

impl Drop for RemoteStream {
    fn drop(&mut self) {
        lock(&self.shared).closed = true;
        self.shared.1.notify_all();
    }
}
