//! Where a server is, and the paths its tracks are known by.
//!
//! A server is named by a key that holds no secret:
//! `subsonic://alice@music.example:443/subsonic` (user, host, port, base
//! path). A track of it is `KEY/album/ALBUM_ID/SONG_ID`: that is the `path`
//! in `leitmotif scan --json`, the key of its edits, and what `leitmotif
//! play` takes.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

use crate::library::remote::segment;

/// What every server track's path starts with.
pub const SCHEME: &str = "subsonic://";

/// A server's address, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    https: bool,
    host: String,
    port: u16,
    /// The base path, without a slash at the end ("" or "/subsonic").
    base: String,
}

impl Address {
    /// Reads `http://host[:port][/base]` or `https://...`; anything else is
    /// refused with what to write.
    pub fn parse(text: &str) -> Result<Address, String> {
        let text = text.trim();
        let (https, rest) = if let Some(rest) = text.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = text.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(format!(
                "{text:?} is not a server address: write it as https://host[:port][/path] \
                 (or http:// on your own network)"
            ));
        };
        let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
        if authority.contains('@') {
            return Err(
                "put no user name or password in the address: give the user with --user, \
                 and the password on standard input"
                    .into(),
            );
        }
        if path.contains(['?', '#']) {
            return Err("the address takes no query (?...) or fragment (#...)".into());
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
                let port: u16 = port
                    .parse()
                    .map_err(|_| format!("{port:?} is not a port number"))?;
                (host, port)
            }
            _ => (authority, if https { 443 } else { 80 }),
        };
        if host.is_empty() {
            return Err(format!("{text:?} names no host"));
        }
        let base = path
            .trim_end_matches('/')
            .trim_end_matches("/rest")
            .to_string();
        Ok(Address {
            https,
            host: host.to_lowercase(),
            port,
            base,
        })
    }

    /// Whether it is reached over TLS.
    pub fn is_https(&self) -> bool {
        self.https
    }

    /// `host:port`, for messages.
    pub fn host_port(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The address in its plain form: `https://host:port/base`.
    pub fn url(&self) -> String {
        format!(
            "{}://{}:{}{}",
            if self.https { "https" } else { "http" },
            self.host,
            self.port,
            self.base
        )
    }

    /// The URL of API `method` (no query).
    pub fn endpoint(&self, method: &str) -> String {
        format!("{}/rest/{method}", self.url())
    }

    /// The key of this server for `user`: `subsonic://user@host:port/base`.
    pub fn key(&self, user: &str) -> String {
        format!(
            "{SCHEME}{}@{}:{}{}",
            segment(user),
            self.host,
            self.port,
            self.base
        )
    }
}

/// Whether `path` is a server track's (or a server's key).
pub fn is_server_path(path: &Path) -> bool {
    path.as_os_str()
        .as_encoded_bytes()
        .starts_with(SCHEME.as_bytes())
}

/// The path of song `song` of album `album` on the server known by `key`.
pub fn track_path(key: &str, album: &str, song: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}{}",
        crate::library::remote::album_prefix(key, album),
        segment(song)
    ))
}

/// A server track's path taken apart: the server's key, then the album's
/// and the song's ids. `keys` are the servers of the library; the longest
/// that starts the path wins (a base path may hold slashes).
pub fn split_track<'a>(path: &Path, keys: &'a [String]) -> Option<(&'a str, String, String)> {
    let text = path.to_str()?;
    let key = keys
        .iter()
        .filter(|k| {
            text.strip_prefix(k.as_str())
                .is_some_and(|rest| rest.starts_with("/album/"))
        })
        .max_by_key(|k| k.len())?;
    let rest = text[key.len()..].strip_prefix("/album/")?;
    let (album, song) = rest.split_once('/')?;
    if song.is_empty() || song.contains('/') {
        return None;
    }
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    Some((key.as_str(), decode(album), decode(song)))
}

/// A message with any URL query taken out (`?u=...&t=...`), for the rare
/// error text that may hold a request's address.
pub fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_query = false;
    for c in text.chars() {
        if c == '?' {
            in_query = true;
            out.push_str("?…");
        } else if in_query && (c.is_whitespace() || c == '"' || c == '\'' || c == ')') {
            in_query = false;
            out.push(c);
        } else if !in_query {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_parse_to_keys_that_hold_no_secret_and_track_paths_split_back() {
        let a = Address::parse("https://Music.Example/subsonic/").expect("parses");
        assert_eq!(a.url(), "https://music.example:443/subsonic");
        assert_eq!(
            a.endpoint("ping"),
            "https://music.example:443/subsonic/rest/ping"
        );
        assert_eq!(
            a.key("alice"),
            "subsonic://alice@music.example:443/subsonic"
        );
        let b = Address::parse("http://127.0.0.1:4533").expect("parses");
        assert_eq!(b.key("bob smith"), "subsonic://bob%20smith@127.0.0.1:4533");
        assert!(!b.is_https());
        assert!(
            Address::parse("http://me:pw@host").is_err(),
            "no credentials in the URL"
        );
        assert!(Address::parse("music.example").is_err());
        assert!(Address::parse("http://host:port").is_err());
        assert!(Address::parse("http://host/?u=x").is_err());
        assert_eq!(
            Address::parse("http://h/rest")
                .expect("parses")
                .endpoint("ping"),
            "http://h:80/rest/ping"
        );

        let keys = vec![
            a.key("alice"),
            "subsonic://alice@music.example:443/subsonic/two".to_string(),
        ];
        let path = track_path(&keys[1], "al/1", "so 2");
        assert_eq!(
            path,
            PathBuf::from("subsonic://alice@music.example:443/subsonic/two/album/al%2F1/so%202")
        );
        assert!(is_server_path(&path));
        assert!(!is_server_path(Path::new("/m/a.flac")));
        assert_eq!(
            split_track(&path, &keys),
            Some((keys[1].as_str(), "al/1".to_string(), "so 2".to_string()))
        );
        assert_eq!(
            split_track(Path::new("subsonic://x@y:1/album/a/b"), &keys),
            None
        );
        assert_eq!(
            scrub("error for http://h/rest/ping?u=a&p=enc:41 (io)"),
            "error for http://h/rest/ping?… (io)"
        );
    }
}
