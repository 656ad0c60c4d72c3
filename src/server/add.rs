//! Adding a server: its address read, the server asked what it is, the
//! secret checked with `ping` in the best way the server takes, and only
//! then kept (the secret in the keyring or the 0600 file, the rest in the
//! store). Any failure stores nothing.

use super::address::Address;
use super::auth::{Credentials, Method, Secret};
use super::catalogue::Refreshed;
use super::client::{Client, ServerError, ServerInfo};
use super::secrets::{Place, SecretError, Secrets};
use crate::library::remote::RemoteServer;
use crate::library::user_data::{self, ServerRecord};
use crate::library::{Store, UserData};

/// Why a server was not added; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    /// The address cannot be used.
    #[error("{0}")]
    Address(String),
    /// The server refused, or could not be reached.
    #[error(transparent)]
    Server(#[from] ServerError),
    /// An API key was given to a server that takes none.
    #[error(
        "{0} does not offer OpenSubsonic API keys; give your password instead (without --api-key)"
    )]
    NoApiKeys(String),
    /// Nothing was typed.
    #[error("no password was given on standard input")]
    Empty,
    /// The secret could not be kept.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// The store could not be written.
    #[error("{0}")]
    Store(String),
}

/// A server added.
#[derive(Debug, Clone)]
pub struct Added {
    /// As stored.
    pub server: RemoteServer,
    /// What it said of itself.
    pub info: ServerInfo,
    /// How the secret goes to it.
    pub method: Method,
    /// Where the secret is kept.
    pub place: Place,
}

impl Added {
    /// What `leitmotif server add` and the window say of it; `what` names the
    /// secret ("password", "API key").
    pub fn summary(&self, what: &str) -> String {
        format!(
            "added {} (Subsonic API {}{}); login: {}; {what} kept in {}",
            self.server.key,
            self.info.version,
            self.info
                .kind
                .as_deref()
                .map(|k| format!(", {k}"))
                .unwrap_or_default(),
            self.method.describe(),
            self.place
        )
    }
}

/// A server of the library as `server list` and the window show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// As stored.
    pub server: RemoteServer,
    /// How many tracks the library has from it.
    pub tracks: usize,
    /// Where its secret is kept; none: no secret is kept.
    pub kept: Option<Place>,
}

/// The servers of `store`, with their track counts and where their secrets
/// are (this may ask the keyring: not for a GUI thread).
pub fn list(store: &Store, secrets: Option<&Secrets>) -> Result<Vec<Listed>, String> {
    store
        .servers()?
        .into_iter()
        .map(|server| {
            Ok(Listed {
                tracks: store.server_track_count(&server.key)?,
                kept: secrets.and_then(|s| s.place_of(&server.key)),
                server,
            })
        })
        .collect()
}

/// Checks the server at `url` with `user` and `secret` (a password, or an
/// OpenSubsonic API key when `api_key`), then keeps it.
// The secret is taken, not borrowed: the caller keeps no copy of it.
#[allow(clippy::needless_pass_by_value)]
pub fn add(
    store: &mut Store,
    secrets: &Secrets,
    url: &str,
    user: &str,
    secret: Secret,
    api_key: bool,
) -> Result<Added, AddError> {
    if secret.reveal().is_empty() {
        return Err(AddError::Empty);
    }
    let address = Address::parse(url).map_err(AddError::Address)?;
    let info = Client::anonymous(address.clone()).probe()?;
    let credentials = |method| Credentials {
        user: user.to_string(),
        secret: secret.clone(),
        method,
    };
    let method = if api_key {
        // OpenSubsonic lets anyone ask for the extensions: the key is not sent for it.
        let offered = info.open_subsonic
            && Client::anonymous(address.clone())
                .extensions()
                .iter()
                .any(|e| e == "apiKeyAuthentication");
        if !offered {
            return Err(AddError::NoApiKeys(address.host_port()));
        }
        Method::ApiKey
    } else {
        Method::for_password(&info.version)
    };
    let client = Client::new(address.clone(), credentials(method), &info.version);
    let method = match client.ping() {
        Ok(()) => method,
        // 41: this user cannot log in by token (an LDAP account): the password then.
        Err(ServerError::Refused { code: 41, .. }) if method == Method::Token => {
            Client::new(address.clone(), credentials(Method::Hex), &info.version).ping()?;
            Method::Hex
        }
        Err(e) => return Err(e.into()),
    };
    let server = RemoteServer {
        key: address.key(user),
        url: address.url(),
        user: user.to_string(),
        auth: method.as_str().to_string(),
        version: info.version.clone(),
        added: 0,
        refreshed: None,
    };
    // A server added again keeps a password whatever happens below: the new
    // one has just been checked, and removing it would leave none.
    let known_before = store
        .servers()
        .map_or(true, |known| known.iter().any(|k| k.key == server.key));
    let place = secrets.store(&server.key, &secret)?;
    if let Err(e) = store.put_server(&server) {
        // Nothing kept when a new server is not.
        if !known_before {
            let _ = secrets.remove(&server.key);
        }
        return Err(AddError::Store(e));
    }
    Ok(Added {
        server,
        info,
        method,
        place,
    })
}

/// Remembers `server` with the user's data beside the store too, so that a
/// library rebuilt after damage keeps it (no secret is written there).
pub fn remember(store: &Store, server: &RemoteServer) -> Result<(), String> {
    let record = ServerRecord {
        key: server.key.clone(),
        url: server.url.clone(),
        user: server.user.clone(),
        auth: server.auth.clone(),
        version: server.version.clone(),
    };
    UserData::update_file(&user_data::path_beside(store.path()), |data| {
        let _ = data.remember_server(record);
    })
    .map(|_| ())
}

/// Reads the albums of `server` (just added, or asked again) into `store`,
/// logged in with its kept secret.
pub fn read_albums(
    store: &mut Store,
    server: &RemoteServer,
    secrets: Option<&Secrets>,
) -> Result<Refreshed, String> {
    super::locate::login(server, secrets)
        .and_then(|client| super::catalogue::refresh(store, &server.key, &client))
}

/// A server taken out of the library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    /// How many of its tracks the library had.
    pub tracks: usize,
    /// What could not be undone (the user's data, the kept secret), to say.
    pub warnings: Vec<String>,
}

/// Removes `server`, its albums, its record in the user's data and its kept
/// secret. Only the store's part failing is an error: the rest is said.
pub fn remove(
    store: &mut Store,
    secrets: Option<&Secrets>,
    server: &RemoteServer,
) -> Result<Removed, String> {
    let tracks = store.server_track_count(&server.key)?;
    let _ = store.remove_server(&server.key)?;
    let mut warnings = Vec::new();
    if let Err(e) = UserData::update_file(&user_data::path_beside(store.path()), |data| {
        let _ = data.forget_server(&server.key);
    }) {
        warnings.push(e);
    }
    match secrets.map(|s| s.remove(&server.key)) {
        Some(Ok(())) => {}
        Some(Err(e)) => warnings.push(format!("its password could not be removed: {e}")),
        None => warnings
            .push("its password could not be removed: cannot find your config folder".to_string()),
    }
    Ok(Removed { tracks, warnings })
}

/// Finds the server named by `url` (an address, or a key as `server list`
/// shows it) among `servers`; with several users on one address, `user` says which.
pub fn find<'a>(
    servers: &'a [RemoteServer],
    url: &str,
    user: Option<&str>,
) -> Result<&'a RemoteServer, String> {
    if let Some(s) = servers.iter().find(|s| s.key == url) {
        return Ok(s);
    }
    let address = Address::parse(url)?;
    let matching: Vec<&RemoteServer> = servers
        .iter()
        .filter(|s| Address::parse(&s.url).is_ok_and(|a| a == address))
        .filter(|s| user.is_none_or(|u| s.user == u))
        .collect();
    match matching.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "the library has no server {url}{}; see: leitmotif server list",
            user.map(|u| format!(" for {u}")).unwrap_or_default()
        )),
        _ => Err(format!(
            "{url} is in the library for several users; say which with --user"
        )),
    }
}
