//! The library's Subsonic servers in the window: listed (address, user,
//! whether the last reading of their albums worked), one added, one
//! removed, one's albums read again. Everything that talks to a server, the
//! keyring or the store runs on a thread of its own, through the same code
//! as `leitmotif server` (`crate::server::add`). The password typed is held
//! only until the check starts, then the field is empty again.
//!
//! The plays of server tracks are reported here too (`scrobble`), as
//! `leitmotif play` does: the servers are what know how.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use crate::gui::message::{Message, ServersMessage};
use crate::library::Store;
use crate::playback::Event;
use crate::server::add::{self, AddError, Added, Listed};
use crate::server::auth::Secret;
use crate::server::{Registry, Secrets};

/// What the servers part tells the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServersEvent {
    /// The store's servers or albums changed: read the library again.
    Reload,
}

/// The last thing done, as the page says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// It worked: what was done.
    Done(String),
    /// It did not: why, and what to do.
    Failed(String),
}

/// The servers' state.
#[derive(Default)]
pub struct Servers {
    /// The library store the servers are kept in.
    store: Option<PathBuf>,
    /// Where their secrets are kept.
    secrets: Option<Secrets>,
    /// The servers as the player meets them (shared with its locator).
    registry: Option<Arc<Registry>>,
    listed: Vec<Listed>,
    url: String,
    user: String,
    /// The password as typed, until the check starts.
    password: Secret,
    /// What runs now (one thing at a time).
    busy: Option<String>,
    said: Option<Said>,
    /// Why a server's albums could not be read this session, by key.
    failed: HashMap<String, String>,
    /// The server whose removal waits for a second click.
    removing: Option<String>,
}

impl Servers {
    /// The servers of the store at `store`, their secrets in `secrets`.
    pub fn new(store: Option<PathBuf>, secrets: Option<Secrets>) -> Servers {
        // Made without reading anything: the store is opened when first needed.
        let registry = store
            .as_deref()
            .map(|path| Registry::new(path, secrets.clone()));
        Servers {
            store,
            secrets,
            registry,
            ..Servers::default()
        }
    }

    /// The servers as the player meets them.
    pub fn registry(&self) -> Option<Arc<Registry>> {
        self.registry.clone()
    }
    /// The store the servers are kept in.
    pub fn store(&self) -> Option<&std::path::Path> {
        self.store.as_deref()
    }
    /// The servers of the library, as last read.
    pub fn listed(&self) -> &[Listed] {
        &self.listed
    }
    /// The address typed.
    pub fn url(&self) -> &str {
        &self.url
    }
    /// The user name typed.
    pub fn user(&self) -> &str {
        &self.user
    }
    /// The password typed, for the (secure) field only.
    pub fn password(&self) -> &str {
        self.password.reveal()
    }
    /// What runs now.
    pub fn busy(&self) -> Option<&str> {
        self.busy.as_deref()
    }
    /// The last thing done, or why it was not.
    pub fn said(&self) -> Option<&Said> {
        self.said.as_ref()
    }
    /// Why the server `key`'s albums could not be read, if they could not this session.
    pub fn failed(&self, key: &str) -> Option<&str> {
        self.failed.get(key).map(String::as_str)
    }
    /// The server whose removal waits to be confirmed.
    pub fn removing(&self) -> Option<&str> {
        self.removing.as_deref()
    }

    /// Reads the list of servers on a thread (the keyring may be asked).
    pub fn list(&self) -> Task<Message> {
        let (Some(store), secrets) = (self.store.clone(), self.secrets.clone()) else {
            return Task::none();
        };
        Task::perform(
            super::on_thread("servers", move || {
                let store = Store::open(&store).map_err(String::from)?;
                add::list(&store, secrets.as_ref())
            }),
            |listed| {
                Message::Servers(ServersMessage::Listed(
                    listed.unwrap_or_else(|| Err("the servers could not be read".to_string())),
                ))
            },
        )
    }

    /// Handles one message.
    pub fn update(&mut self, message: ServersMessage) -> (Task<Message>, Option<ServersEvent>) {
        match message {
            ServersMessage::Listed(Ok(listed)) => self.listed = listed,
            ServersMessage::Listed(Err(e)) => self.said = Some(Said::Failed(e)),
            ServersMessage::Url(url) => self.url = url,
            ServersMessage::User(user) => self.user = user,
            ServersMessage::Password(password) => self.password = password,
            ServersMessage::Add => return (self.add(), None),
            ServersMessage::Added(added) => return (self.added(added), None),
            ServersMessage::Refresh(key) => return (self.refresh(&key), None),
            ServersMessage::AlbumsRead { key, read } => return self.albums_read(key, read),
            ServersMessage::Remove(key) => self.removing = Some(key),
            ServersMessage::KeepIt => self.removing = None,
            ServersMessage::ConfirmRemove(key) => return (self.remove(key), None),
            ServersMessage::Removed(removed) => return self.removed(removed),
        }
        (Task::none(), None)
    }

    /// Checks the typed server and password on a thread, as `server add`
    /// does; the password leaves the state now, whatever comes of it.
    fn add(&mut self) -> Task<Message> {
        let secret = std::mem::take(&mut self.password);
        if self.busy.is_some() {
            return Task::none();
        }
        let url = self.url.trim().to_string();
        let user = self.user.trim().to_string();
        let missing = if url.is_empty() {
            Some("Type the server's address: https://host[:port][/path]".to_string())
        } else if user.is_empty() {
            Some("Type your user name on the server.".to_string())
        } else if secret.reveal().is_empty() {
            Some(format!("Type the password for {user} at {url}."))
        } else {
            None
        };
        if let Some(why) = missing {
            self.said = Some(Said::Failed(why));
            return Task::none();
        }
        self.busy = Some(format!("Checking {user} at {url}…"));
        self.said = None;
        self.removing = None;
        let (store, secrets) = (self.store.clone(), self.secrets.clone());
        Task::perform(
            super::on_thread("server-add", move || {
                add_now(store, secrets, &url, &user, secret)
            }),
            |added| {
                Message::Servers(ServersMessage::Added(
                    added.unwrap_or_else(|| Err("the check could not run".to_string())),
                ))
            },
        )
    }

    /// The check ended: a server kept has its albums read next.
    fn added(&mut self, added: Result<Box<Added>, String>) -> Task<Message> {
        match added {
            Ok(added) => {
                self.said = Some(Said::Done(added.summary("password")));
                self.url.clear();
                self.user.clear();
                let key = added.server.key.clone();
                self.busy = Some(format!("Reading the albums of {key}…"));
                Task::batch([self.list(), self.read_albums(added.server)])
            }
            Err(e) => {
                self.busy = None;
                self.said = Some(Said::Failed(e));
                Task::none()
            }
        }
    }

    /// Reads the albums of the listed server `key` again.
    fn refresh(&mut self, key: &str) -> Task<Message> {
        if self.busy.is_some() {
            return Task::none();
        }
        let Some(listed) = self.listed.iter().find(|l| l.server.key == key) else {
            return Task::none();
        };
        let server = listed.server.clone();
        self.busy = Some(format!("Reading the albums of {key}…"));
        self.said = None;
        self.read_albums(server)
    }

    /// `getAlbumList2` and the albums that changed, into the store, on a thread.
    fn read_albums(&self, server: crate::library::remote::RemoteServer) -> Task<Message> {
        let (store, secrets, registry) = (
            self.store.clone(),
            self.secrets.clone(),
            self.registry.clone(),
        );
        let key = server.key.clone();
        Task::perform(
            super::on_thread("server-albums", move || {
                // The player's clients log in again with what was just kept.
                if let Some(registry) = registry {
                    registry.reload();
                }
                let path = store.ok_or("No home folder found: the library cannot be kept.")?;
                let mut store = Store::open(&path).map_err(String::from)?;
                add::read_albums(&mut store, &server, secrets.as_ref())
            }),
            move |read| {
                Message::Servers(ServersMessage::AlbumsRead {
                    key: key.clone(),
                    read: read.unwrap_or_else(|| Err("reading the albums could not run".into())),
                })
            },
        )
    }

    /// A reading of albums ended: the library is read again if it changed.
    fn albums_read(
        &mut self,
        key: String,
        read: Result<crate::server::catalogue::Refreshed, String>,
    ) -> (Task<Message>, Option<ServersEvent>) {
        self.busy = None;
        // A failed reading changed nothing: the library stays as it is.
        let changed = read.is_ok();
        match read {
            Ok(r) => {
                let _ = self.failed.remove(&key);
                let read = format!("read {} albums, {} tracks from {key}", r.albums, r.tracks);
                // After an add, both are said.
                self.said = Some(Said::Done(match self.said.take() {
                    Some(Said::Done(added)) if added.starts_with(&format!("added {key} ")) => {
                        format!("{added}; {read}")
                    }
                    _ => read,
                }));
            }
            Err(e) => {
                self.said = Some(Said::Failed(match self.said.take() {
                    // Said as `server add` says it: the server is kept all the same.
                    Some(Said::Done(added)) if added.starts_with(&format!("added {key} ")) => {
                        format!(
                            "{added}; but its albums could not be read yet ({e}). Refresh \
                             tries again."
                        )
                    }
                    _ => format!(
                        "The albums of {key} could not be read ({e}); what was read before \
                         stays listed. Refresh tries again."
                    ),
                }));
                let _ = self.failed.insert(key, e);
            }
        }
        (self.list(), changed.then_some(ServersEvent::Reload))
    }

    /// A removal ended: the library is read again without the server.
    fn removed(
        &mut self,
        removed: Result<String, String>,
    ) -> (Task<Message>, Option<ServersEvent>) {
        self.busy = None;
        match removed {
            Ok(said) => {
                self.said = Some(Said::Done(said));
                (self.list(), Some(ServersEvent::Reload))
            }
            Err(e) => {
                self.said = Some(Said::Failed(e));
                (Task::none(), None)
            }
        }
    }

    /// Removes the server `key`, its albums and its kept password, on a thread.
    fn remove(&mut self, key: String) -> Task<Message> {
        self.removing = None;
        if self.busy.is_some() {
            return Task::none();
        }
        self.busy = Some(format!("Removing {key}…"));
        self.said = None;
        let (store, secrets, registry) = (
            self.store.clone(),
            self.secrets.clone(),
            self.registry.clone(),
        );
        Task::perform(
            super::on_thread("server-remove", move || {
                let path = store.ok_or("No home folder found: the library cannot be kept.")?;
                let mut store = Store::open(&path).map_err(String::from)?;
                let servers = store.servers()?;
                let server = add::find(&servers, &key, None)?.clone();
                let removed = add::remove(&mut store, secrets.as_ref(), &server)?;
                if let Some(registry) = registry {
                    registry.reload();
                }
                let mut said = format!("removed {key} and its {} tracks", removed.tracks);
                for warning in removed.warnings {
                    said = format!("{said}; {warning}");
                }
                Ok(said)
            }),
            |removed| {
                Message::Servers(ServersMessage::Removed(
                    removed.unwrap_or_else(|| Err("the removal could not run".to_string())),
                ))
            },
        )
    }

    /// Tells the server of a track that it started ("now playing") or was
    /// heard to its end; on a thread of its own, and nothing for local files.
    pub fn report_play(&self, event: &Event) {
        let Some(registry) = &self.registry else {
            return;
        };
        // The thread reports a failure itself; nothing waits for it.
        let _ = match event {
            Event::TrackStarted { path, .. } => registry.scrobble(path, false),
            Event::TrackEnded(path) => registry.scrobble(path, true),
            _ => None,
        };
    }
}

/// `leitmotif server add`'s check and keeping, for the window: the same
/// code, the same messages, and nothing stored when it fails.
fn add_now(
    store: Option<PathBuf>,
    secrets: Option<Secrets>,
    url: &str,
    user: &str,
    secret: Secret,
) -> Result<Box<Added>, String> {
    let secrets = secrets
        .ok_or("cannot find your config folder to keep the password in; nothing was stored")?;
    let path =
        store.ok_or("No home folder found: the library cannot be kept; nothing was stored")?;
    let mut store = Store::open(&path).map_err(|e| format!("{e}; nothing was stored"))?;
    let added = add::add(&mut store, &secrets, url, user, secret, false).map_err(|e| match e {
        AddError::Empty => "no password was typed; nothing was stored".to_string(),
        e => format!("{e}; nothing was stored"),
    })?;
    // Remembered with the user's data too: a library rebuilt after damage keeps it.
    if let Err(e) = add::remember(&store, &added.server) {
        log::warn!("the server was added, but not remembered with your data: {e}");
    }
    Ok(Box::new(added))
}
