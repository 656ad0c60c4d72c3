//! Where a server's password (or API key) is kept: in the Secret Service
//! (GNOME Keyring, KWallet, KeePassXC) when one answers on the session bus,
//! else in `servers.secrets` in the config folder, a file only its owner can
//! read (mode 0600, written whole to a new file of that mode and renamed).
//!
//! The Secret Service is spoken through zbus (already built for MPRIS) with
//! the `plain` session: the secret crosses the user's own session bus, which
//! no other user can listen to, as libsecret's `secret-tool` may also do.
//! Items carry the attributes `application = io.github.leitmotif_player.leitmotif`
//! and `server = KEY`, so `secret-tool search server KEY` finds them.

use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use zbus::zvariant::{ObjectPath, OwnedObjectPath, OwnedValue, Value};

use super::auth::Secret;

/// The application id items are tagged with.
const APP: &str = "io.github.leitmotif_player.leitmotif";
const SERVICE: &str = "org.freedesktop.secrets";
const SERVICE_PATH: &str = "/org/freedesktop/secrets";
const DEFAULT_COLLECTION: &str = "/org/freedesktop/secrets/aliases/default";

/// Where a secret went, or was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The Secret Service on the session bus.
    Keyring,
    /// The file (mode 0600).
    File(PathBuf),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Keyring => f.write_str("your keyring (the Secret Service)"),
            Place::File(path) => write!(f, "{} (readable by you only)", path.display()),
        }
    }
}

/// Why a secret could not be kept or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// A keyring answered but is locked.
    #[error(
        "your keyring is locked: unlock it (log in to your desktop session, or open Passwords \
         and Keys) and run the command again"
    )]
    Locked,
    /// The keyring refused or failed.
    #[error("your keyring (the Secret Service) failed: {0}")]
    Keyring(String),
    /// The secrets file could not be read or written.
    #[error("{0}")]
    File(String),
    /// No secret is kept for this server.
    #[error(
        "no password is kept for {0}; add the server again: leitmotif server add URL --user NAME"
    )]
    Missing(String),
}

/// The secrets of the servers of the library.
#[derive(Debug, Clone)]
pub struct Secrets {
    /// The fallback file.
    file: PathBuf,
    /// Whether to ask the session bus at all.
    use_keyring: bool,
}

impl Secrets {
    /// Secrets kept in the keyring, else in `servers.secrets` in the user's config folder.
    pub fn default_place() -> Option<Secrets> {
        directories::ProjectDirs::from("", "", "leitmotif").map(|dirs| Secrets {
            file: dirs.config_dir().join("servers.secrets"),
            use_keyring: true,
        })
    }

    /// Secrets in `file` only (tests, and `LEITMOTIF_SECRETS=file`).
    pub fn file_only(file: PathBuf) -> Secrets {
        Secrets {
            file,
            use_keyring: false,
        }
    }

    /// The default, with the keyring left out when `LEITMOTIF_SECRETS=file`.
    pub fn from_env() -> Option<Secrets> {
        let mut secrets = Secrets::default_place()?;
        if std::env::var("LEITMOTIF_SECRETS").as_deref() == Ok("file") {
            secrets.use_keyring = false;
        }
        Some(secrets)
    }

    /// The fallback file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Keeps `secret` for server `key`: in the keyring when one answers,
    /// else in the file.
    pub fn store(&self, key: &str, secret: &Secret) -> Result<Place, SecretError> {
        if self.use_keyring {
            match keyring::store(key, secret) {
                Ok(()) => {
                    // One place only: an older copy in the file goes.
                    let _ = self.remove_from_file(key);
                    return Ok(Place::Keyring);
                }
                Err(keyring::Failure::Absent) => {}
                Err(keyring::Failure::Locked) => return Err(SecretError::Locked),
                Err(keyring::Failure::Other(e)) => return Err(SecretError::Keyring(e)),
            }
        }
        let mut all = self.read_file()?;
        let _ = all.insert(key.to_string(), secret.reveal().to_string());
        self.write_file(&all)?;
        Ok(Place::File(self.file.clone()))
    }

    /// The secret kept for `key`, and where it was.
    pub fn load(&self, key: &str) -> Result<(Secret, Place), SecretError> {
        if self.use_keyring {
            match keyring::load(key) {
                Ok(Some(secret)) => return Ok((secret, Place::Keyring)),
                Ok(None) | Err(keyring::Failure::Absent) => {}
                Err(keyring::Failure::Locked) => return Err(SecretError::Locked),
                Err(keyring::Failure::Other(e)) => return Err(SecretError::Keyring(e)),
            }
        }
        self.read_file()?
            .remove(key)
            .map(|s| (Secret::new(s), Place::File(self.file.clone())))
            .ok_or_else(|| SecretError::Missing(key.to_string()))
    }

    /// Where the secret of `key` is, without reading it out.
    pub fn place_of(&self, key: &str) -> Option<Place> {
        if self.use_keyring && matches!(keyring::find(key), Ok(true)) {
            return Some(Place::Keyring);
        }
        self.read_file()
            .ok()
            .filter(|all| all.contains_key(key))
            .map(|_| Place::File(self.file.clone()))
    }

    /// Forgets the secret of `key` wherever it is.
    pub fn remove(&self, key: &str) -> Result<(), SecretError> {
        if self.use_keyring {
            match keyring::remove(key) {
                Ok(()) | Err(keyring::Failure::Absent) => {}
                Err(keyring::Failure::Locked) => return Err(SecretError::Locked),
                Err(keyring::Failure::Other(e)) => return Err(SecretError::Keyring(e)),
            }
        }
        self.remove_from_file(key)
    }

    fn remove_from_file(&self, key: &str) -> Result<(), SecretError> {
        let mut all = self.read_file()?;
        if all.remove(key).is_some() {
            self.write_file(&all)?;
        }
        Ok(())
    }

    /// The file's secrets; none when there is no file. A file others can
    /// read is refused until fixed (and not read).
    fn read_file(&self) -> Result<HashMap<String, String>, SecretError> {
        let meta = match std::fs::metadata(&self.file) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
            Err(e) => {
                return Err(SecretError::File(format!(
                    "cannot read {}: {e}",
                    self.file.display()
                )));
            }
        };
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(SecretError::File(format!(
                "{} can be read by other users; Leitmotif will not use it. Fix it with: \
                 chmod 600 {}",
                self.file.display(),
                self.file.display()
            )));
        }
        let text = std::fs::read_to_string(&self.file)
            .map_err(|e| SecretError::File(format!("cannot read {}: {e}", self.file.display())))?;
        serde_json::from_str(&text).map_err(|e| {
            SecretError::File(format!(
                "{} is damaged ({e}); move it away and add your servers again",
                self.file.display()
            ))
        })
    }

    /// Writes all secrets to a new file of mode 0600 and renames it over the old.
    fn write_file(&self, all: &HashMap<String, String>) -> Result<(), SecretError> {
        let fail = |e: std::io::Error| {
            SecretError::File(format!("cannot write {}: {e}", self.file.display()))
        };
        let dir = self.file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(fail)?;
        let text = serde_json::to_string_pretty(all)
            .map_err(|e| SecretError::File(format!("cannot write the secrets: {e}")))?;
        let temp = self.file.with_extension("secrets.new");
        let _ = std::fs::remove_file(&temp);
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
            .map_err(fail)?;
        out.write_all(text.as_bytes()).map_err(fail)?;
        out.sync_all().map_err(fail)?;
        std::fs::rename(&temp, &self.file).map_err(fail)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// The Secret Service, through zbus.
mod keyring {
    use super::{
        APP, DEFAULT_COLLECTION, Duration, HashMap, ObjectPath, OwnedObjectPath, OwnedValue,
        SERVICE, SERVICE_PATH, Secret, Value,
    };

    /// Why the keyring did not do it.
    pub enum Failure {
        /// No session bus, or nothing answers for the Secret Service.
        Absent,
        /// It answered, locked.
        Locked,
        /// It answered with an error.
        Other(String),
    }

    type SecretStruct = (OwnedObjectPath, Vec<u8>, Vec<u8>, String);

    fn attributes(key: &str) -> HashMap<&str, &str> {
        HashMap::from([("application", APP), ("server", key)])
    }

    // Taken by value: it is what map_err hands over.
    #[allow(clippy::needless_pass_by_value)]
    fn other(e: zbus::Error) -> Failure {
        match &e {
            zbus::Error::MethodError(name, _, _)
                if name.as_str() == "org.freedesktop.DBus.Error.ServiceUnknown"
                    || name.as_str() == "org.freedesktop.DBus.Error.NameHasNoOwner" =>
            {
                Failure::Absent
            }
            zbus::Error::MethodError(name, _, _)
                if name.as_str() == "org.freedesktop.Secret.Error.IsLocked" =>
            {
                Failure::Locked
            }
            zbus::Error::InputOutput(_) | zbus::Error::Address(_) => Failure::Absent,
            _ => Failure::Other(e.to_string()),
        }
    }

    /// A session with the service (the `plain` algorithm).
    async fn session() -> Result<(zbus::Connection, OwnedObjectPath), Failure> {
        let builder = zbus::connection::Builder::session().map_err(|_| Failure::Absent)?;
        let conn = builder
            .method_timeout(Duration::from_secs(10))
            .build()
            .await
            .map_err(|_| Failure::Absent)?;
        let reply = conn
            .call_method(
                Some(SERVICE),
                SERVICE_PATH,
                Some("org.freedesktop.Secret.Service"),
                "OpenSession",
                &("plain", Value::from("")),
            )
            .await
            .map_err(other)?;
        let (_, path): (OwnedValue, OwnedObjectPath) = reply
            .body()
            .deserialize()
            .map_err(|e| Failure::Other(e.to_string()))?;
        Ok((conn, path))
    }

    /// The items tagged for `key`: unlocked and locked.
    async fn search(
        conn: &zbus::Connection,
        key: &str,
    ) -> Result<(Vec<OwnedObjectPath>, Vec<OwnedObjectPath>), Failure> {
        let reply = conn
            .call_method(
                Some(SERVICE),
                SERVICE_PATH,
                Some("org.freedesktop.Secret.Service"),
                "SearchItems",
                &(attributes(key),),
            )
            .await
            .map_err(other)?;
        reply
            .body()
            .deserialize()
            .map_err(|e| Failure::Other(e.to_string()))
    }

    fn no_prompt(prompt: &OwnedObjectPath) -> Result<(), Failure> {
        if prompt.as_str() == "/" {
            Ok(())
        } else {
            // A prompt means the collection must be unlocked first.
            Err(Failure::Locked)
        }
    }

    pub fn store(key: &str, secret: &Secret) -> Result<(), Failure> {
        async_io::block_on(async {
            let (conn, session) = session().await?;
            let label = format!("Leitmotif: {key}");
            let mut properties: HashMap<&str, Value<'_>> = HashMap::new();
            let _ = properties.insert("org.freedesktop.Secret.Item.Label", Value::from(label));
            let _ = properties.insert(
                "org.freedesktop.Secret.Item.Attributes",
                Value::from(attributes(key)),
            );
            let value: (ObjectPath<'_>, Vec<u8>, Vec<u8>, &str) = (
                session.as_ref(),
                Vec::new(),
                secret.reveal().as_bytes().to_vec(),
                "text/plain",
            );
            let reply = conn
                .call_method(
                    Some(SERVICE),
                    DEFAULT_COLLECTION,
                    Some("org.freedesktop.Secret.Collection"),
                    "CreateItem",
                    &(properties, value, true),
                )
                .await
                .map_err(other)?;
            let (_, prompt): (OwnedObjectPath, OwnedObjectPath) = reply
                .body()
                .deserialize()
                .map_err(|e| Failure::Other(e.to_string()))?;
            no_prompt(&prompt)
        })
    }

    pub fn load(key: &str) -> Result<Option<Secret>, Failure> {
        async_io::block_on(async {
            let (conn, session) = session().await?;
            let (unlocked, locked) = search(&conn, key).await?;
            let Some(item) = unlocked.first() else {
                return if locked.is_empty() {
                    Ok(None)
                } else {
                    Err(Failure::Locked)
                };
            };
            let reply = conn
                .call_method(
                    Some(SERVICE),
                    item.as_str(),
                    Some("org.freedesktop.Secret.Item"),
                    "GetSecret",
                    &(session.as_ref(),),
                )
                .await
                .map_err(other)?;
            let (_, _, value, _): SecretStruct = reply
                .body()
                .deserialize()
                .map_err(|e| Failure::Other(e.to_string()))?;
            String::from_utf8(value)
                .map(|s| Some(Secret::new(s)))
                .map_err(|_| Failure::Other("the kept secret is not text".into()))
        })
    }

    pub fn find(key: &str) -> Result<bool, Failure> {
        async_io::block_on(async {
            let (conn, _) = session().await?;
            let (unlocked, locked) = search(&conn, key).await?;
            Ok(!unlocked.is_empty() || !locked.is_empty())
        })
    }

    pub fn remove(key: &str) -> Result<(), Failure> {
        async_io::block_on(async {
            let (conn, _) = session().await?;
            let (unlocked, locked) = search(&conn, key).await?;
            if !locked.is_empty() {
                return Err(Failure::Locked);
            }
            for item in unlocked {
                let reply = conn
                    .call_method(
                        Some(SERVICE),
                        item.as_str(),
                        Some("org.freedesktop.Secret.Item"),
                        "Delete",
                        &(),
                    )
                    .await
                    .map_err(other)?;
                let prompt: OwnedObjectPath = reply
                    .body()
                    .deserialize()
                    .map_err(|e| Failure::Other(e.to_string()))?;
                no_prompt(&prompt)?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_only_its_owners_and_keeps_each_server_apart() {
        let dir = std::env::temp_dir().join(format!("leitmotif-secrets-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let secrets = Secrets::file_only(dir.join("config/servers.secrets"));
        assert_eq!(
            secrets.load("subsonic://a@h:1").map(|s| s.0),
            Err(SecretError::Missing("subsonic://a@h:1".into()))
        );
        let place = secrets
            .store("subsonic://a@h:1", &Secret::new("pw one"))
            .expect("stored");
        assert_eq!(place, Place::File(secrets.file().to_path_buf()));
        let _ = secrets
            .store("subsonic://b@h:1", &Secret::new("pw two"))
            .expect("stored");
        let mode = std::fs::metadata(secrets.file())
            .expect("file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            secrets.load("subsonic://a@h:1").map(|s| s.0),
            Ok(Secret::new("pw one"))
        );
        secrets.remove("subsonic://a@h:1").expect("removed");
        assert!(secrets.place_of("subsonic://a@h:1").is_none());
        assert!(secrets.place_of("subsonic://b@h:1").is_some());
        // A file others can read is refused, and says how to fix it.
        std::fs::set_permissions(secrets.file(), std::fs::Permissions::from_mode(0o644))
            .expect("chmod");
        let refused = secrets.load("subsonic://b@h:1").map(|s| s.0);
        assert!(matches!(&refused, Err(SecretError::File(m)) if m.contains("chmod 600")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
