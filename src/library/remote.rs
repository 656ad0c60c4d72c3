//! Music the library reads from elsewhere than a folder: the servers added
//! (`leitmotif server add`) and what their catalogues hold. A server's
//! tracks are kept in the same `files` table as local files, under paths of
//! their own (`subsonic://user@host:port/album/ID/ID`, see `src/server`),
//! so they go through the same grouping as files on disk, and stay listed
//! from the last refresh when the server cannot be reached.
//!
//! No password is ever kept here: the store holds where a server is, who
//! logs in and how, and each album's fingerprint to know what changed.

use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use rusqlite::{OptionalExtension, params};

use super::columns::tag_values;
use super::store::{Store, insert_file_sql};
use super::tags::FileTags;

/// A server of the library, as stored (no secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteServer {
    /// What its tracks' paths start with: `subsonic://user@host:port/base`.
    pub key: String,
    /// Its address as the user gave it (`https://music.example/`).
    pub url: String,
    /// Who logs in.
    pub user: String,
    /// How the secret is sent (`token`, `hex`, `apikey`).
    pub auth: String,
    /// The API version it answered with.
    pub version: String,
    /// When it was added, in seconds since 1970.
    pub added: u64,
    /// When its catalogue was last read in full, in seconds since 1970.
    pub refreshed: Option<u64>,
}

/// One album of a server's catalogue, fetched because it is new or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteAlbum {
    /// Its id on the server.
    pub id: String,
    /// What its listing said, to tell next time whether it changed.
    pub fingerprint: String,
    /// Its tracks: the path each is known by, and its tags.
    pub tracks: Vec<(PathBuf, FileTags)>,
}

/// What a refresh changes in the store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogueChange {
    /// Albums new or changed, with all their tracks.
    pub fetched: Vec<RemoteAlbum>,
    /// Ids of albums the server no longer lists.
    pub removed: Vec<String>,
}

/// The tracks of album `id` of a server are under this path.
pub fn album_prefix(server_key: &str, id: &str) -> String {
    format!("{server_key}/album/{}/", segment(id))
}

/// An id as one segment of a path: what is not a letter, a digit or `-_.~`
/// is percent-encoded (an id with a slash stays one segment).
pub fn segment(id: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(id, KEEP).to_string()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// "3 minutes ago", "2 days ago".
pub fn ago(then: u64) -> String {
    let secs = now().saturating_sub(then);
    let (n, unit) = match secs {
        0..60 => return "just now".into(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

impl Store {
    pub(super) fn init_remote(&self) -> rusqlite::Result<()> {
        self.conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS servers (
                     key TEXT PRIMARY KEY,
                     url TEXT NOT NULL,
                     user TEXT NOT NULL,
                     auth TEXT NOT NULL,
                     version TEXT NOT NULL,
                     added INTEGER NOT NULL,
                     refreshed INTEGER
                 );
                 CREATE TABLE IF NOT EXISTS server_albums (
                     server TEXT NOT NULL,
                     id TEXT NOT NULL,
                     fingerprint TEXT NOT NULL,
                     PRIMARY KEY (server, id)
                 );",
        )
    }

    /// The servers of the library, by key.
    pub fn servers(&self) -> Result<Vec<RemoteServer>, String> {
        let err = |e: rusqlite::Error| format!("library store {}: {e}", self.path().display());
        let mut stmt = self
            .conn
            .prepare(
                "SELECT key, url, user, auth, version, added, refreshed FROM servers ORDER BY key",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RemoteServer {
                    key: r.get(0)?,
                    url: r.get(1)?,
                    user: r.get(2)?,
                    auth: r.get(3)?,
                    version: r.get(4)?,
                    added: r.get::<_, i64>(5)?.try_into().unwrap_or(0),
                    refreshed: r
                        .get::<_, Option<i64>>(6)?
                        .map(|t| t.try_into().unwrap_or(0)),
                })
            })
            .map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }

    /// Adds a server, or updates how it is reached when it is there already.
    pub fn put_server(&mut self, server: &RemoteServer) -> Result<(), String> {
        let added = i64::try_from(now()).unwrap_or(i64::MAX);
        let _ = self
            .conn
            .execute(
                "INSERT INTO servers (key, url, user, auth, version, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(key) DO UPDATE SET url = excluded.url, user = excluded.user,
                     auth = excluded.auth, version = excluded.version",
                params![server.key, server.url, server.user, server.auth, server.version, added],
            )
            .map_err(|e| format!("library store: {e}"))?;
        Ok(())
    }

    /// Forgets a server and every track read from it; false when it was not there.
    pub fn remove_server(&mut self, key: &str) -> Result<bool, String> {
        let err = |e: rusqlite::Error| format!("library store: {e}");
        let tx = self.conn.transaction().map_err(err)?;
        let removed = tx
            .execute("DELETE FROM servers WHERE key = ?1", [key])
            .map_err(err)?;
        let _ = tx
            .execute("DELETE FROM server_albums WHERE server = ?1", [key])
            .map_err(err)?;
        // Its tracks are KEY/album/ID/ID: a server at a longer base path on the
        // same host (KEY/music/album/...) is another server.
        let prefix = format!("{key}/album/");
        let _ = tx
            .execute(
                "DELETE FROM files WHERE substr(path, 1, ?2) = ?1",
                params![
                    prefix.as_bytes(),
                    i64::try_from(prefix.len()).unwrap_or(i64::MAX)
                ],
            )
            .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(removed > 0)
    }

    /// The fingerprint of each album of a server as last fetched.
    pub fn server_albums(&self, key: &str) -> Result<Vec<(String, String)>, String> {
        let err = |e: rusqlite::Error| format!("library store {}: {e}", self.path().display());
        let mut stmt = self
            .conn
            .prepare("SELECT id, fingerprint FROM server_albums WHERE server = ?1")
            .map_err(err)?;
        let rows = stmt
            .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }

    /// How many tracks of a server the store holds.
    pub fn server_track_count(&self, key: &str) -> Result<usize, String> {
        // Its tracks are KEY/album/ID/ID: a server at a longer base path on the
        // same host (KEY/music/album/...) is another server.
        let prefix = format!("{key}/album/");
        self.conn
            .query_row(
                "SELECT count(*) FROM files WHERE substr(path, 1, ?2) = ?1",
                params![
                    prefix.as_bytes(),
                    i64::try_from(prefix.len()).unwrap_or(i64::MAX)
                ],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| format!("library store: {e}"))
    }

    /// Writes what a refresh of server `key` found, in one transaction: the
    /// albums fetched replace what was kept of them, the albums gone are
    /// dropped with their tracks, and the server is marked refreshed.
    pub fn apply_catalogue(&mut self, key: &str, change: &CatalogueChange) -> Result<(), String> {
        let err = |e: rusqlite::Error| format!("library store: {e}");
        let stamp = i64::try_from(now()).unwrap_or(i64::MAX);
        let known: Option<String> = self
            .conn
            .query_row("SELECT key FROM servers WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(err)?;
        if known.is_none() {
            return Err(format!("the library has no server {key}"));
        }
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut drop_tracks = tx
                .prepare("DELETE FROM files WHERE substr(path, 1, ?2) = ?1")
                .map_err(err)?;
            let mut drop_album = tx
                .prepare("DELETE FROM server_albums WHERE server = ?1 AND id = ?2")
                .map_err(err)?;
            let mut put_album = tx
                .prepare(
                    "INSERT OR REPLACE INTO server_albums (server, id, fingerprint) VALUES (?1, ?2, ?3)",
                )
                .map_err(err)?;
            let mut put_file = tx.prepare(&insert_file_sql()).map_err(err)?;
            let ids = change
                .removed
                .iter()
                .chain(change.fetched.iter().map(|a| &a.id));
            for id in ids {
                let prefix = album_prefix(key, id);
                let _ = drop_tracks
                    .execute(params![
                        prefix.as_bytes(),
                        i64::try_from(prefix.len()).unwrap_or(i64::MAX)
                    ])
                    .map_err(err)?;
                let _ = drop_album.execute(params![key, id]).map_err(err)?;
            }
            for album in &change.fetched {
                let _ = put_album
                    .execute(params![key, album.id, album.fingerprint])
                    .map_err(err)?;
                for (path, tags) in &album.tracks {
                    let mut values: Vec<rusqlite::types::Value> = vec![
                        rusqlite::types::Value::Blob(path.as_os_str().as_bytes().to_vec()),
                        rusqlite::types::Value::Integer(0),
                        rusqlite::types::Value::Integer(0),
                        rusqlite::types::Value::Integer(stamp),
                    ];
                    values.extend(tag_values(tags));
                    let _ = put_file
                        .execute(rusqlite::params_from_iter(values))
                        .map_err(err)?;
                }
            }
            let _ = tx
                .execute(
                    "UPDATE servers SET refreshed = ?2 WHERE key = ?1",
                    params![key, stamp],
                )
                .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.keep_titles_for_the_next_load();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> RemoteServer {
        RemoteServer {
            key: "subsonic://alice@music.example:443".into(),
            url: "https://music.example/".into(),
            user: "alice".into(),
            auth: "token".into(),
            version: "1.16.1".into(),
            added: 0,
            refreshed: None,
        }
    }

    fn album(id: &str, fingerprint: &str, titles: &[&str]) -> RemoteAlbum {
        album_of(&server().key, id, fingerprint, titles)
    }

    fn album_of(key: &str, id: &str, fingerprint: &str, titles: &[&str]) -> RemoteAlbum {
        RemoteAlbum {
            id: id.into(),
            fingerprint: fingerprint.into(),
            tracks: titles
                .iter()
                .map(|t| {
                    (
                        PathBuf::from(format!("{}{t}", album_prefix(key, id))),
                        FileTags {
                            title: Some((*t).to_string()),
                            album: Some("Arrival Point (Original Motion Picture Score)".into()),
                            playable: true,
                            ..FileTags::default()
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn removing_a_server_leaves_another_at_a_longer_base_path_on_the_same_host() {
        let mut store =
            Store::in_memory(std::path::Path::new("/nowhere/x.sqlite3")).expect("store");
        let root = server();
        let music = RemoteServer {
            key: format!("{}/music", root.key),
            url: "https://music.example/music/".into(),
            ..server()
        };
        for s in [&root, &music] {
            store.put_server(s).expect("put");
            let change = CatalogueChange {
                fetched: vec![album_of(&s.key, "1", "a", &["x", "y"])],
                removed: vec![],
            };
            store.apply_catalogue(&s.key, &change).expect("apply");
        }
        assert_eq!(store.server_track_count(&root.key), Ok(2));
        assert_eq!(store.server_track_count(&music.key), Ok(2));
        assert_eq!(store.remove_server(&root.key), Ok(true));
        assert_eq!(store.server_track_count(&root.key), Ok(0));
        assert_eq!(
            store.server_track_count(&music.key),
            Ok(2),
            "the other server's tracks stay"
        );
    }

    #[test]
    fn a_catalogue_is_kept_replaced_by_album_and_dropped_with_its_server() {
        let mut store =
            Store::in_memory(std::path::Path::new("/nowhere/x.sqlite3")).expect("store");
        let s = server();
        assert!(
            store
                .apply_catalogue(&s.key, &CatalogueChange::default())
                .is_err(),
            "no catalogue for a server not added"
        );
        store.put_server(&s).expect("put");
        let first = CatalogueChange {
            fetched: vec![album("1", "a", &["x", "y"]), album("2", "b", &["z"])],
            removed: vec![],
        };
        store.apply_catalogue(&s.key, &first).expect("apply");
        assert_eq!(store.server_track_count(&s.key), Ok(3));
        let mut albums = store.server_albums(&s.key).expect("albums");
        albums.sort();
        assert_eq!(
            albums,
            vec![("1".into(), "a".into()), ("2".into(), "b".into())]
        );
        // Album 1 changed to one track, album 2 is gone.
        let second = CatalogueChange {
            fetched: vec![album("1", "c", &["w"])],
            removed: vec!["2".into()],
        };
        store.apply_catalogue(&s.key, &second).expect("apply");
        let (files, _) = store.load().expect("load");
        let titles: Vec<_> = files.iter().filter_map(|f| f.tags.title.clone()).collect();
        assert_eq!(titles, vec!["w".to_string()]);
        assert!(store.servers().expect("servers")[0].refreshed.is_some());
        let one = store
            .stored_file(&PathBuf::from(format!("{}w", album_prefix(&s.key, "1"))))
            .expect("read");
        assert_eq!(one.and_then(|f| f.tags.title), Some("w".to_string()));
        assert_eq!(store.remove_server(&s.key), Ok(true));
        assert_eq!(store.server_track_count(&s.key), Ok(0));
        assert!(store.servers().expect("servers").is_empty());
        assert_eq!(store.remove_server(&s.key), Ok(false));
    }
}
