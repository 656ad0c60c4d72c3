//! How a Subsonic server is told who asks: the secret and the way it is sent.
//!
//! - **token** (API 1.13.0 and later): `t = md5(password + salt)` and `s = salt`, a new
//!   salt for every request, so the password itself never travels;
//! - **hex** (older servers, such as supysonic's 1.10.2): `p=enc:` and the password's
//!   bytes in hex, which keeps it out of logs that print URLs as text but is no
//!   protection on the wire: use HTTPS;
//! - **apikey** (OpenSubsonic's `apiKeyAuthentication` extension): `apiKey=`, a key
//!   made in the server's own settings, sent without a user name.
//!
//! A secret's `Debug` shows no secret, so it cannot slip into a log.

use std::fmt;

/// A password or an API key, kept out of `Debug` output.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `text`.
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The secret itself, for the one place that sends or stores it.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The way the secret is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Salted md5 token (API 1.13.0+).
    Token,
    /// `p=enc:HEX` (older servers).
    Hex,
    /// OpenSubsonic `apiKey`.
    ApiKey,
}

impl Method {
    /// The name kept in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Token => "token",
            Method::Hex => "hex",
            Method::ApiKey => "apikey",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Method> {
        match text {
            "token" => Some(Method::Token),
            "hex" => Some(Method::Hex),
            "apikey" => Some(Method::ApiKey),
            _ => None,
        }
    }

    /// The best way a password can go to a server of API `version`: a token
    /// from 1.13.0 on, else hex.
    pub fn for_password(version: &str) -> Method {
        if version_at_least(version, (1, 13, 0)) {
            Method::Token
        } else {
            Method::Hex
        }
    }

    /// What a user reads about it.
    pub fn describe(self) -> &'static str {
        match self {
            Method::Token => "salted token (the password itself is never sent)",
            Method::Hex => {
                "hex-encoded password (the server's API is older than 1.13, which brought tokens; \
                 use HTTPS)"
            }
            Method::ApiKey => "OpenSubsonic API key",
        }
    }
}

/// Whether API `version` ("1.10.2") is at least `want`.
pub fn version_at_least(version: &str, want: (u32, u32, u32)) -> bool {
    let mut parts = version
        .split('.')
        .map(|p| p.trim().parse::<u32>().unwrap_or(0));
    let have = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    have >= want
}

/// Who asks, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user name (not sent with an API key).
    pub user: String,
    /// The password, or the API key.
    pub secret: Secret,
    /// How it is sent.
    pub method: Method,
}

impl Credentials {
    /// The query parameters that authenticate one request (a new salt each time).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        match self.method {
            Method::Token => {
                let salt = salt();
                let token = format!(
                    "{:x}",
                    md5::compute(format!("{}{salt}", self.secret.reveal()))
                );
                vec![("u", self.user.clone()), ("t", token), ("s", salt)]
            }
            Method::Hex => vec![
                ("u", self.user.clone()),
                ("p", format!("enc:{}", hex(self.secret.reveal().as_bytes()))),
            ],
            Method::ApiKey => vec![("apiKey", self.secret.reveal().to_string())],
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Twelve hex digits that differ on every call: std's hasher keys are
/// random per process, mixed with the time and a counter. A salt must be
/// new, not secret.
fn salt() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNT.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_method_sends_what_its_api_version_takes() {
        assert_eq!(Method::for_password("1.10.2"), Method::Hex);
        assert_eq!(Method::for_password("1.13.0"), Method::Token);
        assert_eq!(Method::for_password("1.16.1"), Method::Token);
        assert!(!version_at_least("1.9", (1, 13, 0)));
        let hex = Credentials {
            user: "alice".into(),
            secret: Secret::new("sesame"),
            method: Method::Hex,
        };
        assert_eq!(
            hex.query(),
            vec![("u", "alice".into()), ("p", "enc:736573616d65".into())]
        );
        let token = Credentials {
            method: Method::Token,
            ..hex.clone()
        };
        let q = token.query();
        let salt = &q[2].1;
        assert_eq!(q[2].0, "s");
        // The API's own example: md5("sesame" + "c19b2d") = 26719a1196d2a940705a59634eb18eab.
        assert_eq!(
            format!("{:x}", md5::compute("sesamec19b2d")),
            "26719a1196d2a940705a59634eb18eab"
        );
        assert_eq!(
            q[1].1,
            format!("{:x}", md5::compute(format!("sesame{salt}")))
        );
        assert_ne!(token.query()[2].1, *salt, "a new salt every request");
        assert!(!q.iter().any(|(_, v)| v.contains("sesame")));
        let key = Credentials {
            method: Method::ApiKey,
            ..hex
        };
        assert_eq!(key.query(), vec![("apiKey", "sesame".into())]);
        assert_eq!(format!("{:?}", key.secret), "Secret(***)");
    }
}
