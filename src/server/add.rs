//! Adding a server: its address read, the server asked what it is, the
//! secret checked with `ping` in the best way the server takes, and only
//! then kept (the secret in the keyring or the 0600 file, the rest in the
//! store). Any failure stores nothing.

use super::address::Address;
use super::auth::{Credentials, Method, Secret};
use super::client::{Client, ServerError, ServerInfo};
use super::secrets::{Place, SecretError, Secrets};
use crate::library::Store;
use crate::library::remote::RemoteServer;

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
