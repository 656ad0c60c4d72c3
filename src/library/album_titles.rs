//! Album titles as the grammar read them (`album_title.rs`), kept in the
//! store so that a load does not parse every album again: a library of
//! 50,000 files has some 4,000 albums, and parsing them was most of a load's
//! work (`make bench`, "load"). A scan keeps the titles of the albums it
//! stored; a load reads them, parses only what is missing and keeps that too.
//!
//! Each row says which grammar read it ([`GRAMMAR`]: a hash of the code that
//! parses titles), so a Leitmotif whose grammar changed parses again instead
//! of trusting what an older one read.

use std::collections::HashMap;

use rayon::iter::{IntoParallelIterator, ParallelIterator};
use rusqlite::params;

use super::Store;
use super::album_title::{self, AlbumTitle};

/// The grammar's fingerprint: FNV-1a over the source of everything
/// [`album_title::parse`] reads with.
pub const GRAMMAR: i64 = {
    let sources: [&str; 3] = [
        include_str!("album_title.rs"),
        include_str!("medium.rs"),
        include_str!("../cue/episode.rs"),
    ];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut s = 0;
    while s < sources.len() {
        let bytes = sources[s].as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            hash ^= bytes[i] as u64;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
            i += 1;
        }
        s += 1;
    }
    // SQLite keeps signed integers: the same 64 bits, read as i64.
    hash as i64
};

/// The table (created on open).
pub const TABLE: &str = "CREATE TABLE IF NOT EXISTS album_titles (
    album TEXT PRIMARY KEY,
    grammar INTEGER NOT NULL,
    parsed TEXT NOT NULL
)";

impl Store {
    /// Every album title this grammar read, by album name. A row that no
    /// longer decodes is left out (it is parsed again).
    pub fn album_titles(&self) -> Result<HashMap<String, AlbumTitle>, String> {
        let err = |e: rusqlite::Error| format!("library store {}: {e}", self.path().display());
        let mut stmt = self
            .conn
            .prepare("SELECT album, parsed FROM album_titles WHERE grammar = ?1")
            .map_err(err)?;
        let rows = stmt
            .query_map([GRAMMAR], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(err)?;
        let rows: Vec<(String, String)> = rows.collect::<Result<_, _>>().map_err(err)?;
        // Decoded on every core: read before the files, this was serial.
        Ok(rows
            .into_par_iter()
            .filter_map(|(album, parsed)| {
                serde_json::from_str(&parsed)
                    .ok()
                    .map(|title| (album, title))
            })
            .collect())
    }

    /// Keeps album titles as this grammar read them.
    pub fn keep_album_titles<'a>(
        &self,
        titles: impl IntoIterator<Item = (&'a str, &'a AlbumTitle)>,
    ) -> Result<usize, String> {
        let err = |e: rusqlite::Error| format!("library store {}: {e}", self.path().display());
        let tx = self.conn.unchecked_transaction().map_err(err)?;
        let mut kept = 0;
        {
            let mut stmt = tx
                .prepare(
                    "INSERT OR REPLACE INTO album_titles (album, grammar, parsed)
                     VALUES (?1, ?2, ?3)",
                )
                .map_err(err)?;
            for (album, title) in titles {
                let parsed = serde_json::to_string(title).map_err(|e| e.to_string())?;
                kept += stmt.execute(params![album, GRAMMAR, parsed]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(kept)
    }

    /// After a scan: parses the albums the files name that no row of this
    /// grammar has, and drops rows of albums no file names any more.
    pub fn refresh_album_titles(&self) -> Result<usize, String> {
        let err = |e: rusqlite::Error| format!("library store {}: {e}", self.path().display());
        let missing: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT DISTINCT album FROM files WHERE album IS NOT NULL AND album NOT IN
                     (SELECT album FROM album_titles WHERE grammar = ?1)",
                )
                .map_err(err)?;
            let rows = stmt
                .query_map([GRAMMAR], |r| r.get::<_, String>(0))
                .map_err(err)?;
            rows.collect::<Result<_, _>>().map_err(err)?
        };
        let parsed: Vec<(String, AlbumTitle)> = missing
            .into_iter()
            .map(|album| {
                let title = album_title::parse(&album);
                (album, title)
            })
            .collect();
        let kept = self.keep_album_titles(parsed.iter().map(|(a, t)| (a.as_str(), t)))?;
        self.conn
            .execute(
                "DELETE FROM album_titles WHERE grammar != ?1
                 OR album NOT IN (SELECT album FROM files WHERE album IS NOT NULL)",
                [GRAMMAR],
            )
            .map_err(err)?;
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::FileTags;

    fn store(name: &str) -> (std::path::PathBuf, Store) {
        let dir = std::env::temp_dir().join(format!(
            "leitmotif-album-titles-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let store = Store::open(&dir.join("library.sqlite3")).expect("store");
        (dir, store)
    }

    #[test]
    fn titles_kept_read_back_as_parsed_and_another_grammar_s_are_not_trusted() {
        let (dir, store) = store("keep");
        let name = "Goblin (Original Television Soundtrack), Pt. 4";
        let parsed = album_title::parse(name);
        assert_eq!(store.keep_album_titles([(name, &parsed)]), Ok(1));
        let back = store.album_titles().expect("read");
        assert_eq!(back.get(name), Some(&parsed));
        assert_eq!(back[name].part, Some(4), "the part survives the store");
        // A row an older grammar wrote is not read as this one's.
        let _ = store
            .conn
            .execute("UPDATE album_titles SET grammar = grammar + 1", [])
            .expect("update");
        assert!(store.album_titles().expect("read").is_empty());
        // A damaged row is parsed again rather than failing the load.
        let _ = store
            .conn
            .execute(
                "INSERT OR REPLACE INTO album_titles VALUES ('X', ?1, '{not json')",
                [GRAMMAR],
            )
            .expect("insert");
        assert!(store.album_titles().expect("read").is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_refresh_parses_the_albums_files_name_and_forgets_the_rest() {
        let (dir, store) = store("refresh");
        let music = dir.join("music");
        std::fs::create_dir_all(&music).expect("music");
        let files: Vec<_> = [
            "Arrival Point (Original Motion Picture Score)",
            "Blue Train",
        ]
        .iter()
        .enumerate()
        .map(|(i, album)| {
            crate::library::StoredFile::unstored(
                music.join(format!("{i}.flac")),
                FileTags {
                    album: Some((*album).to_string()),
                    ..FileTags::default()
                },
            )
        })
        .collect();
        for file in &files {
            let _ = store
                .conn
                .execute(
                    "INSERT INTO files (path, size, mtime, added, album, has_lyrics, duration,
                     format, playable, id3v1) VALUES (?1, 1, 1, 1, ?2, 0, 0, 'flac', 1, 0)",
                    params![
                        file.path.to_string_lossy().as_bytes(),
                        file.tags.album.as_deref()
                    ],
                )
                .expect("file row");
        }
        let _ = store
            .keep_album_titles([("Gone Album", &album_title::parse("Gone Album"))])
            .expect("keep");
        assert_eq!(store.refresh_album_titles(), Ok(2));
        let titles = store.album_titles().expect("read");
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert_eq!(
            titles["Arrival Point (Original Motion Picture Score)"].production,
            "Arrival Point"
        );
        assert!(!titles.contains_key("Gone Album"));
        assert_eq!(store.refresh_album_titles(), Ok(0), "nothing new to parse");

        // A load takes the kept titles as read (here one planted to tell),
        // and keeps those it had to parse.
        let mut planted = album_title::parse("Blue Train");
        planted.production = "Planted Production".into();
        planted.plain = "Planted Production".into();
        let _ = store
            .keep_album_titles([("Blue Train", &planted)])
            .expect("keep");
        let _ = store
            .conn
            .execute("DELETE FROM album_titles WHERE album LIKE 'Arrival%'", [])
            .expect("delete");
        let library =
            crate::library::Library::from_store(&store, &crate::library::UserData::default())
                .expect("load");
        let titles: Vec<&str> = library
            .productions
            .iter()
            .map(|p| p.title.as_str())
            .collect();
        assert!(titles.contains(&"Planted Production"), "{titles:?}");
        assert!(titles.contains(&"Arrival Point"), "{titles:?}");
        assert!(
            store
                .album_titles()
                .expect("read")
                .contains_key("Arrival Point (Original Motion Picture Score)"),
            "the title parsed at load is kept"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
