//! The library store: an SQLite database in the user's data folder holding the
//! folders added and what was read from each file.
//!
//! Crash safety comes from SQLite's write-ahead log: every scan is written in
//! one transaction, so a kill at any moment leaves the last committed state.
//! Rescans are incremental: a file is read again only when its size or
//! modification time changed, and files that are gone are dropped.

use std::collections::HashMap;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, params};

use super::columns::{TAG_COLUMNS, tag_schema, tag_values};
use super::images::FoundSheet;
use super::rows::{self, RawChunk};
use super::scan::{self, Found, Problem, ScanProgress};
use super::tags::FileTags;

/// The schema version this build writes (3: columns named as the tag
/// fields, disc subtitles, sheets inside files, CUE sheets).
pub const SCHEMA_VERSION: i64 = 3;

/// A file of the library as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFile {
    /// The file.
    pub path: PathBuf,
    /// What was read from it.
    pub tags: Box<FileTags>,
    /// When Leitmotif first saw it, in seconds since 1970.
    pub added: u64,
    /// For a track of a CD image: the audio file and its range in it.
    pub image: Option<crate::cuesheet::ImageTrack>,
}

impl StoredFile {
    /// A file as a scan without a store read it: never stored, no image.
    pub fn unstored(path: PathBuf, tags: FileTags) -> StoredFile {
        StoredFile {
            path,
            tags: Box::new(tags),
            added: 0,
            image: None,
        }
    }
}

/// What a scan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanReport {
    /// Files whose tags were read (new or changed).
    pub parsed: usize,
    /// Files skipped because they had not changed.
    pub unchanged: usize,
    /// Files dropped because they are gone.
    pub removed: usize,
    /// Files that could not be read.
    pub failed: usize,
    /// Cue sidecars found (all are read again on every scan).
    pub sidecars: usize,
    /// Folders that are not there (unplugged, unmounted): kept, not walked.
    pub offline: usize,
}

impl ScanReport {
    /// Whether the scan changed what the store holds.
    pub fn changed(&self) -> bool {
        self.parsed + self.removed > 0
    }
}

/// An open library store.
pub struct Store {
    /// Open to `loudness_store`, which keeps its own table in the same file.
    pub(super) conn: Connection,
    path: PathBuf,
    /// Folders the last scan could not open (not stored: they may be back).
    walk_problems: Vec<Problem>,
}

fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_bytes()
}

fn bytes_path(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

/// Paths kept in one column, each ended by a NUL (an empty one for none).
fn join_paths(paths: &[Option<PathBuf>]) -> Vec<u8> {
    let mut out = Vec::new();
    for path in paths {
        if let Some(p) = path {
            out.extend_from_slice(path_bytes(p));
        }
        out.push(0);
    }
    out
}

fn split_paths(bytes: &[u8]) -> Vec<Option<PathBuf>> {
    let mut parts: Vec<&[u8]> = bytes.split(|&b| b == 0).collect();
    // The last NUL ends the last path.
    let _ = parts.pop();
    parts
        .into_iter()
        .map(|p| (!p.is_empty()).then(|| bytes_path(p.to_vec())))
        .collect()
}

/// `INSERT ... ON CONFLICT DO UPDATE` for a file and its tags, from the column list.
pub(super) fn insert_file_sql() -> String {
    let columns = TAG_COLUMNS.join(", ");
    let marks: Vec<String> = (1..=4 + TAG_COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect();
    let updates: Vec<String> = ["size", "mtime"]
        .iter()
        .chain(TAG_COLUMNS)
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO files (path, size, mtime, added, {columns}) VALUES ({})
         ON CONFLICT(path) DO UPDATE SET {}",
        marks.join(", "),
        updates.join(", ")
    )
}

/// What to say of a row of the store at `store` that [`RawChunk::decode`] refused.
pub fn bad_row(store: &Path, error: &str) -> String {
    format!(
        "library store {}: a stored file cannot be read back ({error})",
        store.display()
    )
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Why a store could not be opened. The cases matter to the caller: a
/// damaged or newer file is kept aside and the library rebuilt, while a store
/// that is only busy or cannot be reached is left alone (moving it aside
/// would throw away a good library).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The data folder could not be made.
    #[error("cannot create the data folder {}: {source}", dir.display())]
    Folder {
        dir: PathBuf,
        source: std::io::Error,
    },
    /// The file is not an SQLite database, or its pages are damaged.
    #[error("{} is not a Leitmotif library store ({source})", path.display())]
    Damaged {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// A later Leitmotif wrote it, in a layout this one cannot read.
    #[error(
        "{} was written by a newer Leitmotif (schema {found}); this one reads schema {SCHEMA_VERSION}",
        path.display()
    )]
    Newer { path: PathBuf, found: i64 },
    /// Another program holds it locked for longer than the wait.
    #[error(
        "the library store {} is locked by another program ({source}); close the other Leitmotif and try again",
        path.display()
    )]
    Busy {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// It could not be opened or written (permissions, a full disk...).
    #[error("cannot use the library store {}: {source}", path.display())]
    Unusable {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl OpenError {
    /// A file that will never open as it is: keep it aside and start anew.
    pub fn is_damaged(&self) -> bool {
        matches!(self, OpenError::Damaged { .. } | OpenError::Newer { .. })
    }

    fn sqlite(path: &Path, source: rusqlite::Error) -> OpenError {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                OpenError::Damaged { path, source }
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                OpenError::Busy { path, source }
            }
            _ => OpenError::Unusable { path, source },
        }
    }
}

impl From<OpenError> for String {
    fn from(e: OpenError) -> String {
        e.to_string()
    }
}

impl Store {
    /// The store in the user's data folder (`~/.local/share/leitmotif/library.sqlite3`).
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "leitmotif")
            .map(|dirs| dirs.data_dir().join("library.sqlite3"))
    }

    /// Opens (or creates) the store at `path`.
    pub fn open(path: &Path) -> Result<Store, OpenError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| OpenError::Folder {
                dir: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| OpenError::sqlite(path, e))?;
        Store::over(conn, path)
    }

    fn over(conn: Connection, path: &Path) -> Result<Store, OpenError> {
        let store = Store {
            conn,
            path: path.to_path_buf(),
            walk_problems: Vec::new(),
        };
        store.init()?;
        Ok(store)
    }

    /// A store in memory, for a session whose data folder cannot be written:
    /// it works the same and is gone at exit. `path` is where it would have been.
    pub fn in_memory(path: &Path) -> Result<Store, OpenError> {
        let conn = Connection::open_in_memory().map_err(|e| OpenError::sqlite(path, e))?;
        Store::over(conn, path)
    }

    /// Reads the folders once, as the first use would: a file whose header
    /// opens but whose pages are damaged says so here.
    pub fn check(&self) -> Result<(), OpenError> {
        self.conn
            .query_row("SELECT count(*) FROM roots", [], |r| r.get::<_, i64>(0))
            .map(|_| ())
            .map_err(|e| OpenError::sqlite(&self.path, e))
    }

    /// Where the store is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, e: &rusqlite::Error) -> String {
        format!("library store {}: {e}", self.path.display())
    }

    fn init(&self) -> Result<(), OpenError> {
        let sqlite = |e| OpenError::sqlite(&self.path, e);
        // Before the first read: a store another Leitmotif is writing is
        // waited for, not taken for a damaged one.
        self.conn
            .busy_timeout(Duration::from_secs(5))
            .map_err(sqlite)?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sqlite)?;
        if version > SCHEMA_VERSION {
            return Err(OpenError::Newer {
                path: self.path.clone(),
                found: version,
            });
        }
        if (1..SCHEMA_VERSION).contains(&version) {
            // An older layout: what was scanned is dropped and read again from
            // the folders (kept in `roots`); the user's edits live elsewhere.
            self.conn
                .execute_batch(
                    "DROP TABLE IF EXISTS files;
                     DROP TABLE IF EXISTS problems;
                     DROP TABLE IF EXISTS sidecars;
                 DROP TABLE IF EXISTS cue_sheets;",
                )
                .map_err(sqlite)?;
        }
        self.conn
            .execute_batch(&format!(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 CREATE TABLE IF NOT EXISTS roots (
                     path BLOB PRIMARY KEY,
                     added INTEGER NOT NULL
                 );
                 CREATE TABLE IF NOT EXISTS files (
                     path BLOB PRIMARY KEY,
                     size INTEGER NOT NULL,
                     mtime INTEGER NOT NULL,
                     added INTEGER NOT NULL,
                     {tags}
                 );
                 CREATE TABLE IF NOT EXISTS problems (
                     path BLOB PRIMARY KEY,
                     size INTEGER NOT NULL,
                     mtime INTEGER NOT NULL,
                     error TEXT NOT NULL
                 );
                 CREATE TABLE IF NOT EXISTS sidecars (
                     path BLOB PRIMARY KEY,
                     text TEXT,
                     error TEXT
                 );
                 CREATE TABLE IF NOT EXISTS cue_sheets (
                     path BLOB PRIMARY KEY,
                     text TEXT,
                     error TEXT,
                     files BLOB NOT NULL
                 );
                 PRAGMA user_version = {SCHEMA_VERSION};",
                tags = tag_schema()
            ))
            .map_err(sqlite)?;
        // The servers and what was read from them: tables of their own, added
        // to any schema-3 store (an older Leitmotif leaves them alone).
        self.init_remote().map_err(sqlite)?;
        self.conn
            .execute_batch(super::album_titles::TABLE)
            .map_err(sqlite)?;
        self.conn
            .execute_batch(super::loudness_store::TABLE)
            .map_err(sqlite)
    }

    /// After files were stored: what the grammar reads of their albums, kept
    /// for the next load (a failure costs only that load's time).
    pub(super) fn keep_titles_for_the_next_load(&self) {
        if let Err(e) = self.refresh_album_titles() {
            log::warn!("album titles not kept for the next load: {e}");
        }
    }

    /// The folders (and single files) added to the library.
    pub fn roots(&self) -> Result<Vec<PathBuf>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT path FROM roots ORDER BY path")
            .map_err(|e| self.error(&e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, Vec<u8>>(0))
            .map_err(|e| self.error(&e))?;
        rows.map(|r| r.map(bytes_path).map_err(|e| self.error(&e)))
            .collect()
    }

    /// Forgets a folder and everything read under it.
    pub fn remove_root(&mut self, root: &Path) -> Result<(), String> {
        let mut known = self.known()?;
        for (path, _) in self.sidecars()? {
            let _ = known.insert(path, (0, 0));
        }
        let tx = self
            .conn
            .transaction()
            .map_err(|e| format!("library store: {e}"))?;
        let _ = tx
            .execute("DELETE FROM roots WHERE path = ?1", [path_bytes(root)])
            .map_err(|e| format!("library store: {e}"))?;
        for path in known.keys().filter(|p| p.starts_with(root)) {
            for table in [
                "DELETE FROM files WHERE path = ?1",
                "DELETE FROM problems WHERE path = ?1",
                "DELETE FROM sidecars WHERE path = ?1",
            ] {
                let _ = tx
                    .execute(table, [path_bytes(path)])
                    .map_err(|e| format!("library store: {e}"))?;
            }
        }
        tx.commit().map_err(|e| format!("library store: {e}"))
    }

    /// Size and modification time of every file known, read or failed.
    fn known(&self) -> Result<HashMap<PathBuf, (u64, i64)>, String> {
        let mut known = HashMap::new();
        for table in [
            "SELECT path, size, mtime FROM files",
            "SELECT path, size, mtime FROM problems",
        ] {
            let mut stmt = self.conn.prepare(table).map_err(|e| self.error(&e))?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        bytes_path(r.get::<_, Vec<u8>>(0)?),
                        (r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)?),
                    ))
                })
                .map_err(|e| self.error(&e))?;
            for row in rows {
                let (path, stamp) = row.map_err(|e| self.error(&e))?;
                let _ = known.insert(path, stamp);
            }
        }
        Ok(known)
    }

    /// Adds `roots` to the library and scans them: new and changed files are
    /// read, unchanged ones are not, and files gone from under the roots are
    /// dropped. Everything is committed at once at the end.
    pub fn scan(
        &mut self,
        roots: &[PathBuf],
        progress: &(dyn Fn(ScanProgress) + Sync),
    ) -> Result<ScanReport, String> {
        let roots: Vec<PathBuf> = roots
            .iter()
            .map(|r| std::path::absolute(r).unwrap_or_else(|_| r.clone()))
            .collect();
        let known = self.known()?;
        // A folder that cannot be opened at all (an unplugged disk, a share
        // not mounted) is offline: what was read under it is kept, as it
        // was, until it is back; only folders that are there are walked.
        let (online, offline): (Vec<PathBuf>, Vec<PathBuf>) =
            roots.iter().cloned().partition(|r| r.exists());
        let mut counts = ScanProgress::default();
        let walk = scan::walk(&online, &mut counts, progress);
        let mut report = ScanReport::default();
        let (changed, unchanged): (Vec<&Found>, Vec<&Found>) = walk
            .files
            .iter()
            .partition(|f| known.get(&f.path) != Some(&(f.size, f.mtime_ns)));
        report.unchanged = unchanged.len();
        let paths: Vec<PathBuf> = changed.iter().map(|f| f.path.clone()).collect();
        let results = scan::read_all(&paths, &mut counts, progress);
        report.parsed = paths.len();

        let seen: std::collections::HashSet<&Path> =
            walk.files.iter().map(|f| f.path.as_path()).collect();
        let gone: Vec<&PathBuf> = known
            .keys()
            .filter(|p| online.iter().any(|r| p.starts_with(r)) && !seen.contains(p.as_path()))
            .collect();
        report.removed = gone.len();

        let added = now() as i64;
        let tx = self
            .conn
            .transaction()
            .map_err(|e| format!("library store: {e}"))?;
        {
            let err = |e: rusqlite::Error| format!("library store: {e}");
            let mut add_root = tx
                .prepare("INSERT OR IGNORE INTO roots (path, added) VALUES (?1, ?2)")
                .map_err(err)?;
            for root in &roots {
                let _ = add_root
                    .execute(params![path_bytes(root), added])
                    .map_err(err)?;
            }
            let mut put_file = tx.prepare(&insert_file_sql()).map_err(err)?;
            let mut put_problem = tx
                .prepare(
                    "INSERT OR REPLACE INTO problems (path, size, mtime, error) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            let mut drop_file = tx
                .prepare("DELETE FROM files WHERE path = ?1")
                .map_err(err)?;
            let mut drop_problem = tx
                .prepare("DELETE FROM problems WHERE path = ?1")
                .map_err(err)?;
            for (found, result) in changed.iter().zip(results) {
                let key = path_bytes(&found.path);
                match result {
                    Ok(t) => {
                        let _ = drop_problem.execute([key]).map_err(err)?;
                        let mut values: Vec<rusqlite::types::Value> = vec![
                            rusqlite::types::Value::Blob(key.to_vec()),
                            rusqlite::types::Value::Integer(found.size as i64),
                            rusqlite::types::Value::Integer(found.mtime_ns),
                            rusqlite::types::Value::Integer(added),
                        ];
                        values.extend(tag_values(&t));
                        let _ = put_file
                            .execute(rusqlite::params_from_iter(values))
                            .map_err(err)?;
                    }
                    Err(error) => {
                        report.failed += 1;
                        let _ = drop_file.execute([key]).map_err(err)?;
                        let _ = put_problem
                            .execute(params![key, found.size as i64, found.mtime_ns, error])
                            .map_err(err)?;
                    }
                }
            }
            // Sidecars are small: all of them under the roots are read again each scan.
            let mut drop_sidecar = tx
                .prepare("DELETE FROM sidecars WHERE path = ?1")
                .map_err(err)?;
            let mut stored_sidecars = tx.prepare("SELECT path FROM sidecars").map_err(err)?;
            let old: Vec<PathBuf> = stored_sidecars
                .query_map([], |r| r.get::<_, Vec<u8>>(0))
                .map_err(err)?
                .filter_map(Result::ok)
                .map(bytes_path)
                .filter(|p| online.iter().any(|r| p.starts_with(r)))
                .collect();
            for path in old {
                let _ = drop_sidecar.execute([path_bytes(&path)]).map_err(err)?;
            }
            let mut put_sidecar = tx
                .prepare("INSERT OR REPLACE INTO sidecars (path, text, error) VALUES (?1, ?2, ?3)")
                .map_err(err)?;
            for path in &walk.sidecars {
                let (text, error) = match crate::library::sidecar::read_text(path) {
                    Ok(text) => (Some(text), None),
                    Err(e) => (None, Some(e)),
                };
                let _ = put_sidecar
                    .execute(params![path_bytes(path), text, error])
                    .map_err(err)?;
            }
            report.sidecars = walk.sidecars.len();
            // CUE sheets, likewise: read again each scan, with the audio files they mean.
            let mut stored_sheets = tx.prepare("SELECT path FROM cue_sheets").map_err(err)?;
            let old: Vec<PathBuf> = stored_sheets
                .query_map([], |r| r.get::<_, Vec<u8>>(0))
                .map_err(err)?
                .filter_map(Result::ok)
                .map(bytes_path)
                .filter(|p| online.iter().any(|r| p.starts_with(r)))
                .collect();
            let mut drop_sheet = tx
                .prepare("DELETE FROM cue_sheets WHERE path = ?1")
                .map_err(err)?;
            for path in old {
                let _ = drop_sheet.execute([path_bytes(&path)]).map_err(err)?;
            }
            let audio: Vec<PathBuf> = walk.files.iter().map(|f| f.path.clone()).collect();
            let mut put_sheet = tx
                .prepare(
                    "INSERT OR REPLACE INTO cue_sheets (path, text, error, files) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for sheet in super::images::read_sheets(&walk.cue_sheets, &audio) {
                let (text, error) = match &sheet.text {
                    Ok(text) => (Some(text.as_str()), None),
                    Err(e) => (None, Some(e.as_str())),
                };
                let _ = put_sheet
                    .execute(params![
                        path_bytes(&sheet.path),
                        text,
                        error,
                        join_paths(&sheet.files)
                    ])
                    .map_err(err)?;
            }
            for path in &gone {
                let _ = drop_file.execute([path_bytes(path)]).map_err(err)?;
                let _ = drop_problem.execute([path_bytes(path)]).map_err(err)?;
            }
        }
        tx.commit().map_err(|e| format!("library store: {e}"))?;
        self.keep_titles_for_the_next_load();
        // Folders that could not be opened are reported, not stored: they may be back next time.
        report.failed += walk.problems.len();
        report.offline = offline.len();
        self.walk_problems = walk.problems;
        Ok(report)
    }

    /// The cue sidecars stored, with their text or why it could not be read.
    pub fn sidecars(&self) -> Result<Vec<crate::library::sidecar::Found>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, text, error FROM sidecars ORDER BY path")
            .map_err(|e| self.error(&e))?;
        let rows = stmt
            .query_map([], |r| {
                let text: Option<String> = r.get(1)?;
                let error: Option<String> = r.get(2)?;
                Ok((
                    bytes_path(r.get(0)?),
                    text.ok_or_else(|| error.unwrap_or_else(|| "was not read".into())),
                ))
            })
            .map_err(|e| self.error(&e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(&e))
    }

    /// The CUE sheets stored, with the audio files their `FILE`s mean.
    pub fn cue_sheets(&self) -> Result<Vec<FoundSheet>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, text, error, files FROM cue_sheets ORDER BY path")
            .map_err(|e| self.error(&e))?;
        let rows = stmt
            .query_map([], |r| {
                let text: Option<String> = r.get(1)?;
                let error: Option<String> = r.get(2)?;
                Ok(FoundSheet {
                    path: bytes_path(r.get(0)?),
                    text: text.ok_or_else(|| error.unwrap_or_else(|| "was not read".into())),
                    files: split_paths(&r.get::<_, Vec<u8>>(3)?),
                })
            })
            .map_err(|e| self.error(&e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(&e))
    }

    /// Everything stored, in path order: the files read and the problems met.
    pub fn load(&self) -> Result<(Vec<StoredFile>, Vec<Problem>), String> {
        let mut files = Vec::new();
        let mut failed = Ok(());
        self.load_each(4096, &mut |chunk| match chunk.decode() {
            Ok(decoded) => files.extend(decoded),
            Err(e) => failed = Err(bad_row(&self.path, &e)),
        })?;
        failed?;
        files.sort_unstable_by(|a, b| path_bytes(&a.path).cmp(path_bytes(&b.path)));
        Ok((files, self.problems()?))
    }

    /// Hands the stored files over as they are, in chunks of `size` rows in
    /// no set order, while it reads on; [`RawChunk::decode`] makes them files.
    pub fn load_each(&self, size: usize, send: &mut dyn FnMut(RawChunk)) -> Result<(), String> {
        self.load_each_into(size, &mut || None, send)
    }

    /// [`Store::load_each`], filling the emptied chunks `spare` gives back
    /// where it has one, rather than fresh memory.
    pub fn load_each_into(
        &self,
        size: usize,
        spare: &mut dyn FnMut() -> Option<RawChunk>,
        send: &mut dyn FnMut(RawChunk),
    ) -> Result<(), String> {
        let mut next = || spare().unwrap_or_else(|| RawChunk::with_capacity(size));
        // No ORDER BY: walking the path index costs a lookup per row; the
        // caller sorts once, in memory, if it needs to.
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {} FROM files", rows::columns()))
            .map_err(|e| self.error(&e))?;
        let mut rows = stmt.query([]).map_err(|e| self.error(&e))?;
        let mut chunk = next();
        while let Some(row) = rows.next().map_err(|e| self.error(&e))? {
            chunk.push(row).map_err(|e| self.error(&e))?;
            if chunk.rows() == size {
                send(std::mem::replace(&mut chunk, next()));
            }
        }
        if chunk.rows() > 0 {
            send(chunk);
        }
        Ok(())
    }

    /// The files that could not be read, stored with the reason, and the
    /// folders the last scan could not open.
    pub fn problems(&self) -> Result<Vec<Problem>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, error FROM problems ORDER BY path")
            .map_err(|e| self.error(&e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Problem {
                    path: bytes_path(r.get(0)?),
                    error: r.get(1)?,
                })
            })
            .map_err(|e| self.error(&e))?;
        let mut problems = rows
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(&e))?;
        problems.extend(self.walk_problems.iter().cloned());
        Ok(problems)
    }

    /// The library's folders that are not there now (an unplugged disk):
    /// what was read under them is kept and comes back with them.
    pub fn offline_roots(&self) -> Result<Vec<PathBuf>, String> {
        Ok(self.roots()?.into_iter().filter(|r| !r.exists()).collect())
    }

    /// The files stored directly in `folder` whose album tag is `album`
    /// (spaces around it aside): an album as `leitmotif loudness` counts
    /// one, for its album gain.
    pub fn album_files(&self, folder: &Path, album: &str) -> Result<Vec<PathBuf>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, album FROM files WHERE path > ?1 AND path < ?2")
            .map_err(|e| self.error(&e))?;
        // The paths under `folder/`: from "folder/" to "folder0" ('0' follows '/').
        let mut from = path_bytes(folder).to_vec();
        let mut to = from.clone();
        from.push(b'/');
        to.push(b'0');
        let rows = stmt
            .query_map(params![from, to], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .map_err(|e| self.error(&e))?;
        let mut files = Vec::new();
        for row in rows {
            let (path, tag) = row.map_err(|e| self.error(&e))?;
            let path = bytes_path(path);
            if path.parent() == Some(folder) && tag.as_deref().map(str::trim) == Some(album.trim())
            {
                files.push(path);
            }
        }
        Ok(files)
    }

    /// One stored file, read back (a server track's tags, for the player).
    pub fn stored_file(&self, path: &Path) -> Result<Option<StoredFile>, String> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM files WHERE path = ?1",
                rows::columns()
            ))
            .map_err(|e| self.error(&e))?;
        let mut rows = stmt.query([path_bytes(path)]).map_err(|e| self.error(&e))?;
        let mut chunk = RawChunk::with_capacity(1);
        if let Some(row) = rows.next().map_err(|e| self.error(&e))? {
            chunk.push(row).map_err(|e| self.error(&e))?;
        }
        let mut files = chunk.decode().map_err(|e| bad_row(&self.path, &e))?;
        Ok(files.pop())
    }

    /// Whether a file is in the store.
    pub fn contains(&self, path: &Path) -> Result<bool, String> {
        self.conn
            .query_row(
                "SELECT 1 FROM files WHERE path = ?1",
                [path_bytes(path)],
                |_| Ok(()),
            )
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.error(&e))
    }
}
