//! Rows of the store copied out of SQLite as they are, a chunk at a time into
//! one buffer, and turned into [`StoredFile`]s on another core: the thread
//! that reads only steps through SQLite, and the allocations for every tag
//! are made by the threads that analyse the files.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use rusqlite::types::ValueRef;

use super::columns::{TAG_COLUMNS, read_tags};
use super::store::StoredFile;

/// The columns read, in the order [`RawChunk::decode`] expects them.
pub fn columns() -> String {
    format!("path, added, {}", TAG_COLUMNS.join(", "))
}
const COUNT: usize = 2 + TAG_COLUMNS.len();

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

    /// Emptied, its memory kept for the next rows.
    pub fn clear(&mut self) {
        self.values.clear();
        self.bytes.clear();
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
        // Sized first: collecting into a Result gives no size hint, and the
        // vector grew by doubling.
        let mut files = Vec::with_capacity(self.rows());
        for values in self.values.chunks_exact(COUNT) {
            files.push(
                Row {
                    values,
                    bytes: &self.bytes,
                }
                .file()?,
            );
        }
        Ok(files)
    }
}

/// One row of a chunk.
pub struct Row<'a> {
    values: &'a [Value],
    bytes: &'a [u8],
}

/// The name of column `i` of [`columns`].
fn name(i: usize) -> &'static str {
    match i {
        0 => "path",
        1 => "added",
        _ => TAG_COLUMNS.get(i - 2).copied().unwrap_or("?"),
    }
}

impl Row<'_> {
    pub fn bytes(&self, i: usize) -> Result<Option<&[u8]>, String> {
        match self.values[i] {
            Value::Null => Ok(None),
            Value::Bytes(start, len) => Ok(self.bytes.get(start..start + len)),
            _ => Err(format!(
                "column {} holds a number where text was expected",
                name(i)
            )),
        }
    }

    pub fn text(&self, i: usize) -> Result<Option<&str>, String> {
        self.bytes(i)?
            .map(|b| std::str::from_utf8(b).map_err(|e| format!("column {}: {e}", name(i))))
            .transpose()
    }

    pub fn string(&self, i: usize) -> Result<Option<String>, String> {
        Ok(self.text(i)?.map(str::to_string))
    }

    pub fn list(&self, i: usize) -> Result<Vec<String>, String> {
        Ok(self
            .text(i)?
            .filter(|v| !v.is_empty())
            .map(|v| v.split(SEP).map(str::to_string).collect())
            .unwrap_or_default())
    }

    pub fn integer(&self, i: usize) -> Result<Option<i64>, String> {
        match self.values[i] {
            Value::Null => Ok(None),
            Value::Integer(n) => Ok(Some(n)),
            _ => Err(format!(
                "column {} holds something else than a whole number",
                name(i)
            )),
        }
    }

    pub fn number(&self, i: usize) -> Result<Option<u32>, String> {
        self.integer(i)?
            .map(|n| {
                u32::try_from(n).map_err(|_| format!("column {}: {n} is out of range", name(i)))
            })
            .transpose()
    }

    pub fn real(&self, i: usize) -> Result<Option<f32>, String> {
        match self.values[i] {
            Value::Null => Ok(None),
            Value::Real(x) => Ok(Some(x as f32)),
            Value::Integer(n) => Ok(Some(n as f32)),
            Value::Bytes(..) => Err(format!(
                "column {} holds text where a number was expected",
                name(i)
            )),
        }
    }

    fn file(&self) -> Result<StoredFile, String> {
        let path = self.bytes(0)?.ok_or("a file without a path")?;
        Ok(StoredFile {
            path: PathBuf::from(OsString::from_vec(path.to_vec())),
            added: self.integer(1)?.unwrap_or(0).max(0) as u64,
            tags: Box::new(read_tags(self, 2)?),
            image: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::columns::{tag_schema, tag_values};
    use crate::library::tags::FileTags;
    use std::time::Duration;

    fn table() -> rusqlite::Connection {
        let conn = rusqlite::Connection::open_in_memory().expect("memory");
        conn.execute_batch(&format!(
            "CREATE TABLE files (path BLOB, added INTEGER, {});",
            tag_schema()
        ))
        .expect("table");
        conn
    }

    fn put(conn: &rusqlite::Connection, path: &[u8], tags: &FileTags) {
        let mut values = vec![
            rusqlite::types::Value::Blob(path.to_vec()),
            rusqlite::types::Value::Integer(7),
        ];
        values.extend(tag_values(tags));
        let marks = vec!["?"; values.len()].join(", ");
        let _ = conn
            .execute(
                &format!("INSERT INTO files ({}) VALUES ({marks})", columns()),
                rusqlite::params_from_iter(values),
            )
            .expect("insert");
    }

    fn chunk(conn: &rusqlite::Connection) -> RawChunk {
        let mut stmt = conn
            .prepare(&format!("SELECT {} FROM files", columns()))
            .expect("select");
        let mut rows = stmt.query([]).expect("query");
        let mut chunk = RawChunk::with_capacity(2);
        while let Some(row) = rows.next().expect("row") {
            chunk.push(row).expect("push");
        }
        chunk
    }

    #[test]
    fn every_field_comes_back_as_it_went_in() {
        let tags = FileTags {
            title: Some("Title".into()),
            artists: vec!["A".into(), "B".into()],
            album: Some("Album".into()),
            album_artist: Some("AA".into()),
            composers: vec!["C".into()],
            lyricist: Some("L".into()),
            genres: Vec::new(),
            track_number: Some(3),
            disc_number: Some(2),
            year: Some(2001),
            grouping: Some("G".into()),
            work: Some("W".into()),
            movement: Some("M".into()),
            comment: Some("Co".into()),
            description: Some("Scene".into()),
            has_lyrics: true,
            language: Some("eng".into()),
            release_types: vec!["album".into(), "soundtrack".into()],
            replaygain_track_db: Some(-6.5),
            replaygain_track_peak: Some(0.5),
            replaygain_album_db: Some(-7.0),
            replaygain_album_peak: None,
            duration: Duration::from_millis(1500),
            format: "FLAC".into(),
            playable: true,
            disc_subtitle: Some("The Return".into()),
            id3v1: true,
            cuesheet: Some("FILE a.wav WAVE".into()),
        };
        let conn = table();
        put(&conn, b"/m/a.flac", &tags);
        let raw = chunk(&conn);
        assert_eq!(raw.rows(), 1);
        let files = raw.decode().expect("decodes");
        assert_eq!(files[0].path, PathBuf::from("/m/a.flac"));
        assert_eq!(files[0].added, 7);
        assert_eq!(*files[0].tags, tags);
    }

    #[test]
    fn a_cleared_chunk_filled_again_holds_only_its_new_rows() {
        // The load hands decoded chunks back to be filled again.
        let long = FileTags {
            title: Some("A title long enough to move the next row's bytes".into()),
            artists: vec!["First".into(), "Second".into()],
            ..FileTags::default()
        };
        let first = table();
        put(&first, b"/m/long.flac", &long);
        put(&first, b"/m/other.flac", &FileTags::default());
        let mut raw = chunk(&first);
        assert_eq!(raw.decode().expect("decodes").len(), 2);
        raw.clear();
        assert_eq!(raw.rows(), 0);
        let short = FileTags {
            title: Some("Short".into()),
            ..FileTags::default()
        };
        let second = table();
        put(&second, b"/n/short.flac", &short);
        let mut stmt = second
            .prepare(&format!("SELECT {} FROM files", columns()))
            .expect("select");
        let mut rows = stmt.query([]).expect("query");
        while let Some(row) = rows.next().expect("row") {
            raw.push(row).expect("push");
        }
        let files = raw.decode().expect("decodes");
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, PathBuf::from("/n/short.flac"));
        assert_eq!(*files[0].tags, short);
    }

    #[test]
    fn a_row_edited_by_hand_is_refused_with_its_column() {
        let conn = table();
        put(&conn, b"/m", &FileTags::default());
        conn.execute_batch("UPDATE files SET year = 'nineteen'")
            .expect("edit");
        let error = chunk(&conn).decode().expect_err("a year in words");
        assert!(error.contains("year"), "{error}");
        conn.execute_batch("UPDATE files SET year = NULL, title = X'FF'")
            .expect("edit");
        let error = chunk(&conn).decode().expect_err("bad UTF-8");
        assert!(error.contains("title"), "{error}");
    }
}
