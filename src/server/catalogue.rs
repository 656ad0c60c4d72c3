//! A server's albums and songs into the store: `getAlbumList2` page by page
//! (500 albums a request, so 100,000 songs are a few dozen pages), then
//! `getAlbum` only for the albums that are new or whose listing changed
//! (name, artist, song count, length, dates, cover), a few at a time. The
//! songs become [`FileTags`] as a local file's tags would, OpenSubsonic's
//! composers, contributors, release types and ReplayGain included, so the
//! library's one pipeline groups them with files on disk.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::Value;

use super::address::track_path;
use super::client::{Client, ServerError};
use crate::library::remote::{CatalogueChange, RemoteAlbum};
use crate::library::{FileTags, Store};

/// Albums asked for a page.
const PAGE: usize = 500;
/// Albums fetched at once.
const PARALLEL: usize = 4;

/// What a refresh did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Albums the server lists.
    pub albums: usize,
    /// Albums fetched again (new or changed).
    pub fetched: usize,
    /// Albums dropped (gone from the server).
    pub removed: usize,
    /// Tracks the library now holds from the server.
    pub tracks: usize,
}

/// A JSON list, which older servers send as a lone object when it has one item.
pub fn list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn number(value: &Value, key: &str) -> Option<u32> {
    value
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n > 0)
}

fn float(value: &Value, key: &str) -> Option<f32> {
    value.get(key).and_then(Value::as_f64).map(|f| f as f32)
}

/// What an album's listing says, to tell whether it changed. `played` and
/// play counts are left out: they change on every play.
pub fn fingerprint(album: &Value) -> String {
    let keys = [
        "name",
        "artist",
        "songCount",
        "duration",
        "created",
        "changed",
        "year",
        "genre",
        "coverArt",
    ];
    let parts: Vec<String> = keys
        .iter()
        .map(|k| album.get(*k).map(ToString::to_string).unwrap_or_default())
        .collect();
    parts.join("\u{1f}")
}

/// Names from an OpenSubsonic list of `{name}` objects (`artists`, `genres`).
fn names(value: Option<&Value>) -> Vec<String> {
    list(value)
        .into_iter()
        .filter_map(|v| text(v, "name"))
        .collect()
}

/// The people of a role in OpenSubsonic's `contributors`.
fn contributors(song: &Value, role: &str) -> Vec<String> {
    list(song.get("contributors"))
        .into_iter()
        .filter(|c| c.get("role").and_then(Value::as_str) == Some(role))
        .filter_map(|c| c.get("artist").and_then(|a| text(a, "name")))
        .collect()
}

/// Whether the player's decoders take a file of this suffix.
fn playable(suffix: &str) -> bool {
    matches!(
        suffix,
        "flac" | "mp3" | "ogg" | "oga" | "wav" | "aif" | "aiff" | "m4a" | "mp4" | "aac" | "alac"
    )
}

/// A song's tags as a local file's would be read.
pub fn song_tags(song: &Value, album: &Value) -> FileTags {
    let mut artists = names(song.get("artists"));
    if artists.is_empty() {
        artists.extend(text(song, "artist"));
    }
    let mut composers = contributors(song, "composer");
    if composers.is_empty() {
        composers.extend(text(song, "displayComposer"));
    }
    let mut genres = names(song.get("genres"));
    if genres.is_empty() {
        genres.extend(text(song, "genre").or_else(|| text(album, "genre")));
    }
    let release_types: Vec<String> = list(album.get("releaseTypes"))
        .into_iter()
        .filter_map(Value::as_str)
        .flat_map(|t| t.split(';'))
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    let gain = song.get("replayGain");
    let suffix = text(song, "suffix").unwrap_or_default().to_lowercase();
    FileTags {
        title: text(song, "title"),
        artists,
        album: text(song, "album").or_else(|| text(album, "name")),
        album_artist: text(album, "displayArtist").or_else(|| text(album, "artist")),
        composers,
        lyricist: contributors(song, "lyricist").into_iter().next(),
        genres,
        track_number: number(song, "track"),
        disc_number: number(song, "discNumber"),
        year: number(song, "year").or_else(|| number(album, "year")),
        grouping: None,
        work: None,
        movement: None,
        comment: text(song, "comment"),
        description: None,
        has_lyrics: false,
        language: None,
        release_types,
        replaygain_track_db: gain.and_then(|g| float(g, "trackGain")),
        replaygain_track_peak: gain.and_then(|g| float(g, "trackPeak")),
        replaygain_album_db: gain.and_then(|g| float(g, "albumGain")),
        replaygain_album_peak: gain.and_then(|g| float(g, "albumPeak")),
        duration: Duration::from_secs(song.get("duration").and_then(Value::as_u64).unwrap_or(0)),
        format: suffix.to_uppercase(),
        playable: playable(&suffix),
        disc_subtitle: None,
        id3v1: false,
        cuesheet: None,
    }
}

/// Every album the server lists, page by page.
fn all_albums(client: &Client) -> Result<Vec<Value>, ServerError> {
    let mut albums = Vec::new();
    loop {
        let offset = albums.len().to_string();
        let size = PAGE.to_string();
        let body = client.call(
            "getAlbumList2",
            &[
                ("type", "alphabeticalByName"),
                ("size", &size),
                ("offset", &offset),
            ],
        )?;
        let page: Vec<Value> = list(body.get("albumList2").and_then(|l| l.get("album")))
            .into_iter()
            .cloned()
            .collect();
        let full = page.len() == PAGE;
        albums.extend(page);
        if !full {
            return Ok(albums);
        }
    }
}

/// One album with its songs.
fn fetch_album(client: &Client, key: &str, listed: &Value) -> Result<RemoteAlbum, ServerError> {
    let id = text(listed, "id").unwrap_or_default();
    let body = client.call("getAlbum", &[("id", &id)])?;
    let album = body.get("album").cloned().unwrap_or(Value::Null);
    let tracks = list(album.get("song"))
        .into_iter()
        .filter_map(|song| {
            let song_id = text(song, "id")?;
            Some((track_path(key, &id, &song_id), song_tags(song, &album)))
        })
        .collect();
    Ok(RemoteAlbum {
        id,
        fingerprint: fingerprint(listed),
        tracks,
    })
}

/// Reads what changed on the server known by `key` into `store`. Nothing
/// is written unless the whole catalogue was read: a server that fails
/// half-way keeps the library as the last refresh left it.
pub fn refresh(store: &mut Store, key: &str, client: &Client) -> Result<Refreshed, String> {
    let listed = all_albums(client).map_err(|e| e.to_string())?;
    let known: HashMap<String, String> = store.server_albums(key)?.into_iter().collect();
    let changed: Vec<&Value> = listed
        .iter()
        .filter(|a| text(a, "id").is_some_and(|id| known.get(&id) != Some(&fingerprint(a))))
        .collect();
    let listed_ids: std::collections::HashSet<String> =
        listed.iter().filter_map(|a| text(a, "id")).collect();
    let removed: Vec<String> = known
        .keys()
        .filter(|id| !listed_ids.contains(*id))
        .cloned()
        .collect();
    let fetched = fetch_all(client, key, &changed).map_err(|e| e.to_string())?;
    let report = Refreshed {
        albums: listed.len(),
        fetched: fetched.len(),
        removed: removed.len(),
        tracks: 0,
    };
    store.apply_catalogue(key, &CatalogueChange { fetched, removed })?;
    Ok(Refreshed {
        tracks: store.server_track_count(key)?,
        ..report
    })
}

/// `getAlbum` for each of `albums`, [`PARALLEL`] at a time.
fn fetch_all(
    client: &Client,
    key: &str,
    albums: &[&Value],
) -> Result<Vec<RemoteAlbum>, ServerError> {
    if albums.is_empty() {
        return Ok(Vec::new());
    }
    let per = albums.len().div_ceil(PARALLEL);
    std::thread::scope(|scope| {
        let workers: Vec<_> = albums
            .chunks(per)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|a| fetch_album(client, key, a))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(albums.len());
        for worker in workers {
            match worker.join() {
                Ok(result) => out.extend(result?),
                Err(_) => {
                    return Err(ServerError::NotSubsonic {
                        host: client.address().host_port(),
                        reason: "reading its albums crashed".into(),
                    });
                }
            }
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_song_becomes_tags_as_a_file_would_give_them() {
        // An OpenSubsonic (Navidrome-style) album and song.
        let album: Value = serde_json::json!({
            "id": "al-1", "name": "Arrival Point (Original Motion Picture Score)",
            "artist": "Mara Lindqvist", "songCount": 1, "duration": 6, "year": 2024,
            "releaseTypes": ["Album", "Soundtrack"]
        });
        let song: Value = serde_json::json!({
            "id": "tr-1", "title": "2M3 The Signal", "album": "Arrival Point (Original Motion Picture Score)",
            "artist": "Mara Lindqvist", "track": 2, "discNumber": 1, "duration": 6,
            "suffix": "ogg", "genres": [{"name": "Soundtrack"}],
            "contributors": [{"role": "composer", "artist": {"name": "Mara Lindqvist"}},
                             {"role": "lyricist", "artist": {"name": "Ann Words"}}],
            "replayGain": {"trackGain": -6.5, "albumGain": -7.0}
        });
        let tags = song_tags(&song, &album);
        assert_eq!(tags.title.as_deref(), Some("2M3 The Signal"));
        assert_eq!(tags.composers, vec!["Mara Lindqvist".to_string()]);
        assert_eq!(tags.lyricist.as_deref(), Some("Ann Words"));
        assert_eq!(tags.genres, vec!["Soundtrack".to_string()]);
        assert_eq!(
            tags.release_types,
            vec!["album".to_string(), "soundtrack".to_string()]
        );
        assert_eq!(tags.track_number, Some(2));
        assert_eq!(tags.year, Some(2024));
        assert_eq!(tags.replaygain_track_db, Some(-6.5));
        assert_eq!(tags.duration, Duration::from_secs(6));
        assert!(tags.playable);
        // A lone object where a list was meant (older servers) is a list of one.
        assert_eq!(list(Some(&serde_json::json!({"id": "x"}))).len(), 1);
        // A play changes no fingerprint; a new song does.
        let mut played = album.clone();
        played["played"] = "2026-12-01T10:00:00Z".into();
        assert_eq!(fingerprint(&album), fingerprint(&played));
        let mut more = album.clone();
        more["songCount"] = 2.into();
        assert_ne!(fingerprint(&album), fingerprint(&more));
    }
}
