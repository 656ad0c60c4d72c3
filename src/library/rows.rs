//! Rows of the store copied out of SQLite as they are, a chunk at a time into
//! one buffer, and turned into [`StoredFile`]s on another core: the thread
//! that reads only steps through SQLite, and the allocations for every tag
//! are made by the threads that analyse the files.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::time::Duration;

use rusqlite::types::ValueRef;

use super::store::StoredFile;
use super::tags::FileTags;

/// The columns read, in the order [`RawChunk::decode`] expects them.
pub const COLUMNS: &str = "path, added, title, artists, album, album_artist, composers, lyricist,
     genres, track, disc, year, grouping, work, movement, comment, description, has_lyrics,
     language, release_types, duration_ms, format, playable,
     rg_track, rg_track_peak, rg_album, rg_album_peak";
const COUNT: usize = 27;

/// Lists are stored joined by the unit separator, which no tag uses.
pub const SEP: char = '\u{1f}';

#[derive(Debug, Clone, Copy)]
enum Value {
    Null,
    Integer(i64),
    Real(f64),
    /// Text or bytes: where they are in the chunk's buffer.
    Bytes(usize, usize),
}

/// Rows as SQLite gave them.
#[derive(Debug, Default)]
pub struct RawChunk {
    values: Vec<Value>,
    bytes: Vec<u8>,
}

impl RawChunk {
    /// Room for `rows` rows.
    pub fn with_capacity(rows: usize) -> RawChunk {
        RawChunk {
            values: Vec::with_capacity(rows * COUNT),
            bytes: Vec::with_capacity(rows * 512),
        }
    }

    /// How many rows.
    pub fn rows(&self) -> usize {
        self.values.len() / COUNT
    }

    /// Copies one row (of [`COLUMNS`]).
    pub fn push(&mut self, row: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
        for i in 0..COUNT {
            let value = match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::Integer(n),
                ValueRef::Real(x) => Value::Real(x),
                ValueRef::Text(b) | ValueRef::Blob(b) => {
                    let start = self.bytes.len();
                    self.bytes.extend_from_slice(b);
                    Value::Bytes(start, b.len())
                }
            };
            self.values.push(value);
        }
        Ok(())
    }

    /// The files, or what is wrong with a row (a store edited by hand).
    pub fn decode(&self) -> Result<Vec<StoredFile>, String> {
        self.values
            .chunks_exact(COUNT)
            .map(|values| {
                Row {
                    values,
                    bytes: &self.bytes,
                }
                .file()
            })
            .collect()
    }
}

/// One row of a chunk.
struct Row<'a> {
    values: &'a [Value],
    bytes: &'a [u8],
}

impl Row<'_> {
    fn bytes(&self, i: usize) -> Result<Option<&[u8]>, String> {
        match self.values[i] {
            Value::Null => Ok(None),
            Value::Bytes(start, len) => Ok(self.bytes.get(start..start + len)),
            _ => Err(format!("column {i} holds a number where text was expected")),
        }
    }

    fn text(&self, i: usize) -> Result<Option<&str>, String> {
        self.bytes(i)?
            .map(|b| std::str::from_utf8(b).map_err(|e| format!("column {i}: {e}")))
            .transpose()
    }

    fn string(&self, i: usize) -> Result<Option<String>, String> {
        Ok(self.text(i)?.map(str::to_string))
    }

    fn list(&self, i: usize) -> Result<Vec<String>, String> {
        Ok(self
            .text(i)?
            .filter(|v| !v.is_empty())
            .map(|v| v.split(SEP).map(str::to_string).collect())
            .unwrap_or_default())
    }

    fn integer(&self, i: usize) -> Result<Option<i64>, String> {
        match self.values[i] {
            Value::Null => Ok(None),
            Value::Integer(n) => Ok(Some(n)),
            _ => Err(format!(
                "column {i} holds something else than a whole number"
            )),
        }
    }

    fn number(&self, i: usize) -> Result<Option<u32>, String> {
        self.integer(i)?
            .map(|n| u32::try_from(n).map_err(|_| format!("column {i}: {n} is out of range")))
            .transpose()
    }

    fn real(&self, i: usize) -> Result<Option<f32>, String> {
        match self.values[i] {
            Value::Null => Ok(None),
            Value::Real(x) => Ok(Some(x as f32)),
            Value::Integer(n) => Ok(Some(n as f32)),
            Value::Bytes(..) => Err(format!("column {i} holds text where a number was expected")),
        }
    }

    fn file(&self) -> Result<StoredFile, String> {
        let path = self.bytes(0)?.ok_or("a file without a path")?;
        Ok(StoredFile {
            path: PathBuf::from(OsString::from_vec(path.to_vec())),
            added: self.integer(1)?.unwrap_or(0).max(0) as u64,
            tags: Box::new(FileTags {
                title: self.string(2)?,
                artists: self.list(3)?,
                album: self.string(4)?,
                album_artist: self.string(5)?,
                composers: self.list(6)?,
                lyricist: self.string(7)?,
                genres: self.list(8)?,
                track_number: self.number(9)?,
                disc_number: self.number(10)?,
                year: self.number(11)?,
                grouping: self.string(12)?,
                work: self.string(13)?,
                movement: self.string(14)?,
                comment: self.string(15)?,
                description: self.string(16)?,
                has_lyrics: self.integer(17)?.unwrap_or(0) != 0,
                language: self.string(18)?,
                release_types: self.list(19)?,
                duration: Duration::from_millis(self.integer(20)?.unwrap_or(0).max(0) as u64),
                format: self.string(21)?.unwrap_or_default(),
                playable: self.integer(22)?.unwrap_or(0) != 0,
                replaygain_track_db: self.real(23)?,
                replaygain_track_peak: self.real(24)?,
                replaygain_album_db: self.real(25)?,
                replaygain_album_peak: self.real(26)?,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunk of the rows `values` gives, read through SQLite.
    fn chunk(values: &str) -> RawChunk {
        let conn = rusqlite::Connection::open_in_memory().expect("memory");
        let columns: Vec<&str> = COLUMNS.split(',').map(str::trim).collect();
        conn.execute_batch(&format!(
            "CREATE TABLE files ({}); INSERT INTO files VALUES {values};",
            columns.join(", ")
        ))
        .expect("table");
        let mut stmt = conn
            .prepare(&format!("SELECT {COLUMNS} FROM files"))
            .expect("select");
        let mut rows = stmt.query([]).expect("query");
        let mut chunk = RawChunk::with_capacity(2);
        while let Some(row) = rows.next().expect("row") {
            chunk.push(row).expect("push");
        }
        chunk
    }

    #[test]
    fn rows_become_files() {
        let raw = chunk(
            "(X'2F6D2F612E666C6163', 7, 'Title', 'A\u{1f}B', 'Album', NULL, 'C', NULL,
              '', 3, NULL, 2001, NULL, NULL, NULL, NULL, 'Scene', 1, 'eng', NULL, 1500,
              'FLAC', 1, -6.5, 0.9, NULL, NULL)",
        );
        assert_eq!(raw.rows(), 1);
        let files = raw.decode().expect("decodes");
        let f = &files[0];
        assert_eq!(f.path, PathBuf::from("/m/a.flac"));
        assert_eq!(f.added, 7);
        assert_eq!(f.tags.artists, ["A", "B"]);
        assert!(f.tags.genres.is_empty());
        assert_eq!((f.tags.track_number, f.tags.disc_number), (Some(3), None));
        assert_eq!(f.tags.year, Some(2001));
        assert_eq!(f.tags.description.as_deref(), Some("Scene"));
        assert!(f.tags.has_lyrics && f.tags.playable);
        assert_eq!(f.tags.duration, Duration::from_millis(1500));
        assert_eq!(f.tags.replaygain_track_db, Some(-6.5));
    }

    #[test]
    fn a_row_edited_by_hand_is_refused_with_its_column() {
        let raw = chunk(
            "(X'2F6D', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'nineteen',
              NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 'FLAC', 1, NULL, NULL, NULL, NULL)",
        );
        let error = raw.decode().expect_err("a year in words");
        assert!(error.contains("column 11"), "{error}");
        let raw = chunk(
            "(X'2F6D', 0, X'FF', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
              NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 'FLAC', 1, NULL, NULL, NULL, NULL)",
        );
        assert!(raw.decode().expect_err("bad UTF-8").contains("column 2"));
    }
}
