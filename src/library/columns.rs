//! What the store keeps of each file's tags, declared once: the schema, the
//! INSERT, its parameters and the decoding of a row are all made from the
//! list in [`tag_columns!`], so a field added to [`FileTags`] and not here
//! does not compile, and no two lists can drift apart.

use std::time::Duration;

use rusqlite::types::Value;

use super::rows::{Row, SEP};
use super::tags::FileTags;

/// How one kind of field is stored and read back.
pub trait Stored: Sized {
    /// Its SQL type.
    const SQL: &'static str;
    /// The value to store.
    fn to_sql(&self) -> Value;
    /// The value in column `i` of a row.
    fn read(row: &Row<'_>, i: usize) -> Result<Self, String>;
}

impl Stored for Option<String> {
    const SQL: &'static str = "TEXT";
    fn to_sql(&self) -> Value {
        self.clone().map_or(Value::Null, Value::Text)
    }
    fn read(row: &Row<'_>, i: usize) -> Result<Self, String> {
        row.string(i)
    }
}

impl Stored for String {
    const SQL: &'static str = "TEXT NOT NULL";
    fn to_sql(&self) -> Value {
        Value::Text(self.clone())
    }
    fn read(row: &Row<'_>, i: usize) -> Result<Self, String> {
        Ok(row.string(i)?.unwrap_or_default())
    }
}

/// Lists are stored joined by the unit separator, which no tag uses.
impl Stored for Vec<String> {
    const SQL: &'static str = "TEXT";
    fn to_sql(&self) -> Value {
        Value::Text(self.join(&SEP.to_string()))
    }
    fn read(row: &Row<'_>, i: usize) -> Result<Self, String> {
        row.list(i)
    }
}

impl Stored for Option<u32> {
    const SQL: &'static str = "INTEGER";
    fn to_sql(&self) -> Value {
        self.map_or(Value::Null, |n| Value::Integer(i64::from(n)))
    }
    fn read(row: &Row<'_>, i: usize) -> Result<Self, String> {
        row.number(i)
    }
}

impl Stored for bool {
    const SQL: &'static str = "INTEGER NOT NULL";
    fn to_sql(&self) -> Value {
        Value::Integer(i64::from(*self))
    }
    fn read(row: &Row<'_>, i: usize) -> Result<Self, String> {
        Ok(row.integer(i)?.unwrap_or(0) != 0)
    }
}

/// Lengths in milliseconds.
impl Stored for Duration {
    const SQL: &'static str = "INTEGER NOT NULL";
    fn to_sql(&self) -> Value {
        Value::Integer(i64::try_from(self.as_millis()).unwrap_or(i64::MAX))
    }
    fn read(row: &Row<'_>, i: usize) -> Result<Self, String> {
        Ok(Duration::from_millis(
            u64::try_from(row.integer(i)?.unwrap_or(0)).unwrap_or(0),
        ))
    }
}

impl Stored for Option<f32> {
    const SQL: &'static str = "REAL";
    fn to_sql(&self) -> Value {
        self.map_or(Value::Null, |x| Value::Real(f64::from(x)))
    }
    fn read(row: &Row<'_>, i: usize) -> Result<Self, String> {
        row.real(i)
    }
}

/// The SQL type of the field that `_field` picks.
fn sql_of<T: Stored>(_field: fn(&FileTags) -> &T) -> &'static str {
    T::SQL
}

/// Makes the column list and its uses from the fields of [`FileTags`];
/// each column is named as its field.
macro_rules! tag_columns {
    ($($field:ident),* $(,)?) => {
        /// The tag columns, in order.
        pub const TAG_COLUMNS: &[&str] = &[$(stringify!($field)),*];

        /// Each tag column with its SQL type, for `CREATE TABLE`.
        pub fn tag_schema() -> String {
            [$(format!("{} {}", stringify!($field), sql_of(|t: &FileTags| &t.$field))),*].join(", ")
        }

        /// The values to store for `t`, in column order.
        pub fn tag_values(t: &FileTags) -> Vec<Value> {
            vec![$(Stored::to_sql(&t.$field)),*]
        }

        /// The tags in a row whose tag columns start at `first`.
        pub fn read_tags(row: &Row<'_>, first: usize) -> Result<FileTags, String> {
            let mut at = first;
            let mut next = || {
                at += 1;
                at - 1
            };
            Ok(FileTags { $($field: Stored::read(row, next())?),* })
        }
    };
}

tag_columns!(
    title,
    artists,
    album,
    album_artist,
    composers,
    lyricist,
    genres,
    track_number,
    disc_number,
    year,
    grouping,
    work,
    movement,
    comment,
    description,
    has_lyrics,
    language,
    release_types,
    replaygain_track_db,
    replaygain_track_peak,
    replaygain_album_db,
    replaygain_album_peak,
    duration,
    format,
    playable,
    disc_subtitle,
    id3v1,
    cuesheet,
);
