//! The servers of a library as the player and the front ends meet them: a
//! track's path (`subsonic://...`) is found its server, a client logged in
//! with the kept secret, and a stream the decoder can seek in; a play is
//! reported with `scrobble`, and covers come through `getCoverArt` into a
//! cache folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::address::{Address, is_server_path, split_track};
use super::auth::{Credentials, Method};
use super::client::Client;
use super::secrets::Secrets;
use crate::library::Store;
use crate::library::remote::RemoteServer;
use crate::playback::{Located, Locator, Remote, RemoteMedia};

/// The servers of one library, with clients made as they are first needed.
pub struct Registry {
    store: PathBuf,
    secrets: Option<Secrets>,
    known: Mutex<Known>,
}

#[derive(Default)]
struct Known {
    servers: Vec<RemoteServer>,
    keys: Vec<String>,
    clients: HashMap<String, Arc<Client>>,
}

impl Registry {
    /// The servers of the store at `store`, their secrets where `secrets`
    /// keeps them. Nothing is read yet: the store is opened when a server
    /// track is first asked for, on the thread that asks (never the window's).
    pub fn new(store: &Path, secrets: Option<Secrets>) -> Arc<Registry> {
        Arc::new(Registry {
            store: store.to_path_buf(),
            secrets,
            known: Mutex::new(Known::default()),
        })
    }

    /// Reads the list of servers from the store again (one was added or
    /// removed): clients made with an old secret are dropped.
    pub fn reload(&self) {
        let servers = Store::open(&self.store)
            .map_err(String::from)
            .and_then(|s| s.servers())
            .unwrap_or_default();
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        known.keys = servers.iter().map(|s| s.key.clone()).collect();
        known.servers = servers;
        known.clients.clear();
    }

    /// The client for a server track's path, and the song's and album's ids.
    pub fn client_for(&self, path: &Path) -> Result<(Arc<Client>, String, String), String> {
        let split =
            |known: &Known| split_track(path, &known.keys).map(|(k, a, s)| (k.to_string(), a, s));
        let mut found = split(&self.known.lock().unwrap_or_else(PoisonError::into_inner));
        if found.is_none() {
            self.reload();
            found = split(&self.known.lock().unwrap_or_else(PoisonError::into_inner));
        }
        let Some((key, album, song)) = found else {
            return Err(format!(
                "{} is not a track of a server of this library (see: leitmotif server list)",
                path.display()
            ));
        };
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(client) = known.clients.get(&key) {
            return Ok((Arc::clone(client), album, song));
        }
        let server = known
            .servers
            .iter()
            .find(|s| s.key == key)
            .cloned()
            .ok_or_else(|| format!("the server {key} was removed"))?;
        let client = Arc::new(login(&server, self.secrets.as_ref())?);
        let _ = known.clients.insert(key, Arc::clone(&client));
        Ok((client, album, song))
    }

    /// A server track's tags as the last refresh stored them.
    pub fn tags(&self, path: &Path) -> Option<crate::library::FileTags> {
        Store::open(&self.store)
            .ok()?
            .stored_file(path)
            .ok()
            .flatten()
            .map(|f| *f.tags)
    }

    /// Tells the server that a track started (`submission` false: "now
    /// playing") or was heard to its end (true), on a thread of its own
    /// (join it before the process ends, or the report may be lost).
    pub fn scrobble(
        self: &Arc<Self>,
        path: &Path,
        submission: bool,
    ) -> Option<std::thread::JoinHandle<()>> {
        if !is_server_path(path) {
            return None;
        }
        let registry = Arc::clone(self);
        let path = path.to_path_buf();
        std::thread::Builder::new()
            .name("leitmotif-scrobble".into())
            .spawn(move || {
                if let Err(e) = registry.scrobble_now(&path, submission) {
                    eprintln!("leitmotif: the play was not reported to the server: {e}");
                }
            })
            .ok()
    }

    /// [`Registry::scrobble`], waiting for the answer.
    pub fn scrobble_now(&self, path: &Path, submission: bool) -> Result<(), String> {
        let (client, _, song) = self.client_for(path)?;
        let time = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
            .to_string();
        let submission = if submission { "true" } else { "false" };
        client
            .call(
                "scrobble",
                &[("id", &song), ("submission", submission), ("time", &time)],
            )
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// The cover of a server track's album, fetched once into `cache` and
    /// kept there; None when the server has none.
    pub fn cover(&self, path: &Path, cache: &Path) -> Option<PathBuf> {
        super::cover::fetch(self, path, cache)
    }
}

/// A client logged in to `server` with its kept secret.
pub fn login(server: &RemoteServer, secrets: Option<&Secrets>) -> Result<Client, String> {
    let address = Address::parse(&server.url)?;
    let secrets = secrets.ok_or("cannot find your config folder, where server passwords are")?;
    let (secret, _) = secrets.load(&server.key).map_err(|e| e.to_string())?;
    let method = Method::parse(&server.auth).unwrap_or(Method::for_password(&server.version));
    Ok(Client::new(
        address,
        Credentials {
            user: server.user.clone(),
            secret,
            method,
        },
        &server.version,
    ))
}

/// The player's locator: server tracks are streamed from their server;
/// everything else goes to `inner` (the library's files and CD images).
pub fn locator(registry: Arc<Registry>, inner: Locator) -> Locator {
    Arc::new(move |path: &Path| {
        if !is_server_path(path) {
            return inner(path);
        }
        let (client, _, song) = registry.client_for(path)?;
        let open = move || -> Result<RemoteMedia, String> {
            let stream = super::stream::open(&client, &song).map_err(|e| e.to_string())?;
            let hint = stream.hint().map(str::to_string);
            Ok(RemoteMedia {
                source: Box::new(stream),
                hint,
            })
        };
        // ReplayGain and album as the catalogue gave them, as a file's tags would.
        let tags = registry.tags(path);
        let gain = |db: Option<f32>, peak: Option<f32>| db.map(|g| (g, peak));
        Ok(Located {
            remote: Some(Remote::new(open)),
            track_gain: tags
                .as_ref()
                .and_then(|t| gain(t.replaygain_track_db, t.replaygain_track_peak)),
            album_gain: tags
                .as_ref()
                .and_then(|t| gain(t.replaygain_album_db, t.replaygain_album_peak)),
            album: tags.and_then(|t| t.album),
            ..Located::file(path)
        })
    })
}
