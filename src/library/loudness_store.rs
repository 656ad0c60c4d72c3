//! Loudness measurements in the library store: a `loudness` table in the
//! same SQLite file, one row a track, keyed by the track's path (its file, or
//! `…/Album.cue/track03`) with the size, modification time and range of the
//! audio measured, so an unchanged file is never measured twice. A track that
//! could not be measured keeps its reason instead.
//!
//! The table is made the first time it is needed, so the store's own schema
//! (and its version) stay as they are. Each result is its own transaction:
//! an analysis killed half way keeps every track it had finished.

use std::collections::HashMap;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{OptionalExtension, params};

use super::{Library, Store};
use crate::loudness::service::{Job, Stamp, Storage};
use crate::loudness::{Envelope, Gating, Source, TrackLoudness};

/// The version of the analysis: rows of another version are measured again.
pub const ANALYSIS_VERSION: i64 = 1;

/// The table (created when the store is opened).
pub const TABLE: &str = "CREATE TABLE IF NOT EXISTS loudness (
    path BLOB PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    start_ns INTEGER NOT NULL,
    end_ns INTEGER,
    version INTEGER NOT NULL,
    integrated REAL,
    range REAL,
    peak REAL,
    duration_ms INTEGER,
    envelope BLOB,
    gating BLOB,
    warning TEXT,
    error TEXT
)";

/// A track's stored measurement, or the reason it has none.
pub type StoredLoudness = Result<TrackLoudness, String>;

fn key_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_bytes()
}

fn bytes_key(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

impl Store {
    fn loudness_error(&self, e: &rusqlite::Error) -> String {
        format!(
            "library store {}: loudness measurements: {e}",
            self.path().display()
        )
    }

    /// Makes the table if this store has none yet.
    /// The stamp of every track measured (or tried) by this analysis version.
    pub fn loudness_stamps(&self) -> Result<HashMap<PathBuf, Stamp>, String> {
        let err = |e: rusqlite::Error| self.loudness_error(&e);
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime, start_ns, end_ns FROM loudness WHERE version = ?1")
            .map_err(err)?;
        let rows = stmt
            .query_map([ANALYSIS_VERSION], |r| {
                Ok((
                    bytes_key(r.get(0)?),
                    Stamp {
                        size: r.get::<_, i64>(1)? as u64,
                        mtime_ns: r.get(2)?,
                        start_ns: r.get(3)?,
                        end_ns: r.get(4)?,
                    },
                ))
            })
            .map_err(err)?;
        rows.collect::<Result<HashMap<_, _>, _>>().map_err(err)
    }

    /// Keeps one track's result, committed at once.
    pub fn put_loudness(
        &self,
        key: &Path,
        stamp: &Stamp,
        result: &StoredLoudness,
    ) -> Result<(), String> {
        let (integrated, range, peak, duration, envelope, gating, warning, error) = match result {
            Ok(t) => (
                // SQLite has no infinity: NULL is silence.
                t.integrated_lufs.is_finite().then_some(t.integrated_lufs),
                Some(t.range_lu),
                Some(t.true_peak),
                Some(i64::try_from(t.duration.as_millis()).unwrap_or(i64::MAX)),
                Some(t.envelope.to_bytes()),
                Some(t.gating.to_bytes()),
                t.warning.as_deref(),
                None,
            ),
            Err(e) => (None, None, None, None, None, None, None, Some(e.as_str())),
        };
        let _ = self
            .conn
            .prepare_cached(
                "INSERT OR REPLACE INTO loudness (path, size, mtime, start_ns, end_ns, version,
                 integrated, range, peak, duration_ms, envelope, gating, warning, error)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    key_bytes(key),
                    stamp.size as i64,
                    stamp.mtime_ns,
                    stamp.start_ns,
                    stamp.end_ns,
                    ANALYSIS_VERSION,
                    integrated,
                    range,
                    peak,
                    duration,
                    envelope,
                    gating,
                    warning,
                    error,
                ])
            })
            .map_err(|e| self.loudness_error(&e))?;
        Ok(())
    }

    /// A track's stored measurement (or reason), if it was analysed.
    pub fn loudness(&self, key: &Path) -> Result<Option<StoredLoudness>, String> {
        self.conn
            .query_row(
                "SELECT integrated, range, peak, duration_ms, envelope, gating, warning, error
                 FROM loudness WHERE path = ?1 AND version = ?2",
                params![key_bytes(key), ANALYSIS_VERSION],
                row,
            )
            .optional()
            .map_err(|e| self.loudness_error(&e))
    }

    /// A track's measurement, if one was made of its audio as it is now (the
    /// same size, modification time and range): what the player uses as the
    /// ReplayGain of a file whose tags carry none.
    pub fn current_loudness(
        &self,
        key: &Path,
        now: &Stamp,
    ) -> Result<Option<TrackLoudness>, String> {
        let found = self
            .conn
            .query_row(
                "SELECT integrated, range, peak, duration_ms, envelope, gating, warning, error
                 FROM loudness WHERE path = ?1 AND version = ?2 AND size = ?3 AND mtime = ?4
                 AND start_ns = ?5 AND end_ns IS ?6",
                params![
                    key_bytes(key),
                    ANALYSIS_VERSION,
                    i64::try_from(now.size).unwrap_or(i64::MAX),
                    now.mtime_ns,
                    now.start_ns,
                    now.end_ns
                ],
                row,
            )
            .optional()
            .map_err(|e| self.loudness_error(&e))?;
        Ok(found.and_then(Result::ok))
    }

    /// Every stored measurement, by track.
    pub fn all_loudness(&self) -> Result<HashMap<PathBuf, StoredLoudness>, String> {
        let err = |e: rusqlite::Error| self.loudness_error(&e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT integrated, range, peak, duration_ms, envelope, gating, warning, error,
                 path FROM loudness WHERE version = ?1",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map([ANALYSIS_VERSION], |r| Ok((bytes_key(r.get(8)?), row(r)?)))
            .map_err(err)?;
        rows.collect::<Result<HashMap<_, _>, _>>().map_err(err)
    }
}

/// A row (its first eight columns) as a measurement or its reason.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredLoudness> {
    if let Some(error) = r.get::<_, Option<String>>(7)? {
        return Ok(Err(error));
    }
    let gating = r.get::<_, Option<Vec<u8>>>(5)?.unwrap_or_default();
    let gating = match Gating::from_bytes(&gating) {
        Ok(g) => g,
        Err(e) => return Ok(Err(format!("the stored measurement is damaged ({e})"))),
    };
    Ok(Ok(TrackLoudness {
        integrated_lufs: r.get::<_, Option<f64>>(0)?.unwrap_or(f64::NEG_INFINITY),
        range_lu: r.get::<_, Option<f64>>(1)?.unwrap_or(0.0),
        true_peak: r.get::<_, Option<f64>>(2)?.unwrap_or(0.0),
        duration: Duration::from_millis(
            u64::try_from(r.get::<_, Option<i64>>(3)?.unwrap_or(0)).unwrap_or(0),
        ),
        envelope: Envelope::from_bytes(&r.get::<_, Option<Vec<u8>>>(4)?.unwrap_or_default()),
        gating,
        warning: r.get(6)?,
    }))
}

impl Storage for Store {
    fn stamps(&mut self) -> Result<HashMap<PathBuf, Stamp>, String> {
        self.loudness_stamps()
    }

    fn put(&mut self, key: &Path, stamp: &Stamp, result: &StoredLoudness) -> Result<(), String> {
        self.put_loudness(key, stamp, result)
    }
}

/// What to measure for every track of `library`: whole files, and the
/// ranges of CD images' tracks.
pub fn loudness_jobs(library: &Library) -> Vec<Job> {
    library
        .tracks
        .iter()
        .map(|track| Job {
            key: track.path.clone(),
            source: track
                .image
                .as_ref()
                .map_or_else(|| Source::file(&track.path), Source::image),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loudness::meter::energy;

    fn measurement(lufs: f64) -> TrackLoudness {
        let blocks = vec![energy(lufs); 50];
        TrackLoudness {
            integrated_lufs: lufs,
            range_lu: 1.5,
            true_peak: 0.5,
            duration: Duration::from_millis(5_300),
            envelope: Envelope::from_blocks(&blocks),
            gating: Gating::from_blocks(&blocks),
            warning: Some("the file ends early".into()),
        }
    }

    #[test]
    fn measurements_failures_and_silence_read_back_as_stored() {
        let dir =
            std::env::temp_dir().join(format!("leitmotif-loudness-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir.join("library.sqlite3")).expect("store");
        assert!(store.loudness_stamps().expect("empty").is_empty());
        let stamp = Stamp {
            size: 10,
            mtime_ns: 20,
            start_ns: 30,
            end_ns: Some(40),
        };
        let loud = Path::new("/m/a.flac");
        let silent = Path::new("/m/Album.cue/track02");
        let broken = Path::new("/m/c.mp3");
        store
            .put_loudness(loud, &stamp, &Ok(measurement(-14.0)))
            .expect("put");
        let mut quiet = measurement(-20.0);
        quiet.integrated_lufs = f64::NEG_INFINITY;
        store.put_loudness(silent, &stamp, &Ok(quiet)).expect("put");
        store
            .put_loudness(
                broken,
                &Stamp {
                    end_ns: None,
                    ..stamp
                },
                &Err("cannot decode".into()),
            )
            .expect("put");
        let back = store
            .loudness(loud)
            .expect("read")
            .expect("there")
            .expect("measured");
        assert_eq!(back.integrated_lufs, -14.0);
        assert_eq!(back.duration, Duration::from_millis(5_300));
        assert_eq!(back.envelope, measurement(-14.0).envelope);
        assert!((back.gating.integrated() + 14.0).abs() < 0.01);
        assert_eq!(back.warning.as_deref(), Some("the file ends early"));
        let silence = store
            .loudness(silent)
            .expect("read")
            .expect("there")
            .expect("measured");
        assert_eq!(silence.integrated_lufs, f64::NEG_INFINITY);
        assert_eq!(
            store.loudness(broken).expect("read"),
            Some(Err("cannot decode".into()))
        );
        assert_eq!(store.loudness(Path::new("/m/none")).expect("read"), None);
        let stamps = store.loudness_stamps().expect("stamps");
        assert_eq!(stamps.len(), 3);
        assert_eq!(stamps[broken].end_ns, None);
        assert_eq!(stamps[loud], stamp);
        assert_eq!(store.all_loudness().expect("all").len(), 3);
        // The store's own tables are untouched, and it opens again.
        drop(store);
        let again = Store::open(&dir.join("library.sqlite3")).expect("reopen");
        assert_eq!(again.loudness_stamps().expect("stamps").len(), 3);
        assert!(again.roots().expect("roots").is_empty());
        let _ = std::fs::remove_dir_all(dir);
    }
}
