//! Talking to a Subsonic server: one blocking HTTP client (ureq over rustls),
//! requests for the JSON API and for bytes (streams, covers), and errors that
//! say which thing went wrong, without ever printing a request's address
//! (its query holds the credentials).

use std::io::Read;
use std::time::Duration;

use serde_json::Value;

use super::address::Address;
use super::auth::Credentials;

/// The client name sent as `c`.
pub const CLIENT: &str = "leitmotif";
/// The API version asked for when the server's is not known yet.
pub const BASE_VERSION: &str = "1.10.2";
/// The largest JSON answer read (a page of 500 albums is well under 1 MB).
const MAX_JSON: u64 = 64 * 1024 * 1024;

/// What went wrong talking to a server; each says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    /// No connection: the host is unknown, refuses, or does not answer.
    #[error("cannot reach {host}: {reason}. Check the address and that the server is running")]
    Unreachable {
        /// The host and port.
        host: String,
        /// What the network said.
        reason: String,
    },
    /// The TLS handshake failed (a certificate not trusted, or not HTTPS at all).
    #[error(
        "the secure connection to {host} failed: {reason}. Check that the address is right \
         (https:// for a server that speaks TLS) and that its certificate is signed by a \
         known authority; a self-signed certificate is not accepted"
    )]
    Tls {
        /// The host and port.
        host: String,
        /// What rustls said.
        reason: String,
    },
    /// The server said the user name and password (or API key) are wrong.
    #[error("{host} refused the login: {message}. Check the user name and the password")]
    WrongCredentials {
        /// The host and port.
        host: String,
        /// The server's words.
        message: String,
    },
    /// The server answered with a Subsonic error.
    #[error("{host} answered with error {code}: {message}")]
    Refused {
        /// The host and port.
        host: String,
        /// The Subsonic error code.
        code: i64,
        /// The server's words.
        message: String,
    },
    /// The answer was not what a Subsonic server sends.
    #[error(
        "{host} did not answer as a Subsonic server ({reason}). Check the address: it is the \
         server's base, the part before /rest/"
    )]
    NotSubsonic {
        /// The host and port.
        host: String,
        /// What was wrong with it.
        reason: String,
    },
}

impl ServerError {
    /// Whether the server could not be reached at all (its music stays listed).
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            ServerError::Unreachable { .. } | ServerError::Tls { .. }
        )
    }
}

/// A server and who asks it.
#[derive(Debug, Clone)]
pub struct Client {
    address: Address,
    credentials: Option<Credentials>,
    /// The API version sent as `v`.
    version: String,
    agent: ureq::Agent,
}

/// The answer to an unauthenticated ping: what the server is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// Its API version ("1.10.2").
    pub version: String,
    /// Its name when it says (OpenSubsonic's `type`: "navidrome").
    pub kind: Option<String>,
    /// Whether it speaks OpenSubsonic.
    pub open_subsonic: bool,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_per_read(Some(Duration::from_secs(20)))
        .http_status_as_error(false)
        .user_agent(concat!("leitmotif/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

impl Client {
    /// A client for `address` that sends no credentials (to learn the version).
    pub fn anonymous(address: Address) -> Client {
        Client {
            address,
            credentials: None,
            version: BASE_VERSION.into(),
            agent: agent(),
        }
    }

    /// A client that logs in with `credentials` and speaks API `version`.
    pub fn new(address: Address, credentials: Credentials, version: &str) -> Client {
        Client {
            address,
            credentials: Some(credentials),
            version: version.into(),
            agent: agent(),
        }
    }

    /// The server's address.
    pub fn address(&self) -> &Address {
        &self.address
    }

    fn host(&self) -> String {
        self.address.host_port()
    }

    /// A request for `method` with the standard and authentication parameters.
    fn request(
        &self,
        method: &str,
        params: &[(&str, &str)],
    ) -> ureq::RequestBuilder<ureq::typestate::WithoutBody> {
        let mut request = self
            .agent
            .get(self.address.endpoint(method))
            .query("v", &self.version)
            .query("c", CLIENT);
        if let Some(credentials) = &self.credentials {
            for (key, value) in credentials.query() {
                request = request.query(key, value);
            }
        }
        for (key, value) in params {
            request = request.query(*key, *value);
        }
        request
    }

    /// Calls API `method` and gives back its `subsonic-response` object.
    pub fn call(&self, method: &str, params: &[(&str, &str)]) -> Result<Value, ServerError> {
        let mut params = params.to_vec();
        params.push(("f", "json"));
        let response = self
            .request(method, &params)
            .call()
            .map_err(|e| self.network_error(&e))?;
        let (status, text) = self.json_text(response)?;
        self.parse(status, &text)
    }

    /// The `subsonic-response` of an answer, or the error it holds.
    fn parse(&self, status: u16, text: &str) -> Result<Value, ServerError> {
        let not_subsonic = |reason: String| ServerError::NotSubsonic {
            host: self.host(),
            reason,
        };
        let value: Value = serde_json::from_str(text).map_err(|_| {
            not_subsonic(format!(
                "HTTP status {status}, and the answer is not Subsonic JSON"
            ))
        })?;
        let Some(body) = value.get("subsonic-response") else {
            return Err(not_subsonic(format!(
                "HTTP status {status}, no subsonic-response in the answer"
            )));
        };
        if body.get("status").and_then(Value::as_str) == Some("ok") {
            return Ok(body.clone());
        }
        let error = body.get("error");
        let code = error
            .and_then(|e| e.get("code"))
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let message = error
            .and_then(|e| e.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("no reason given")
            .trim_end_matches('.')
            .to_string();
        // 40: wrong user or password; 44: wrong API key (OpenSubsonic).
        if code == 40 || code == 44 {
            Err(ServerError::WrongCredentials {
                host: self.host(),
                message,
            })
        } else {
            Err(ServerError::Refused {
                host: self.host(),
                code,
                message,
            })
        }
    }

    /// Asks the server what it is, with no credentials: its answer (an error
    /// "required parameter missing" on most) still carries its version.
    pub fn probe(&self) -> Result<ServerInfo, ServerError> {
        let response = self
            .agent
            .get(self.address.endpoint("ping"))
            .query("v", BASE_VERSION)
            .query("c", CLIENT)
            .query("f", "json")
            .call()
            .map_err(|e| self.network_error(&e))?;
        let (status, text) = self.json_text(response)?;
        let value: Value = serde_json::from_str(&text).map_err(|_| ServerError::NotSubsonic {
            host: self.host(),
            reason: format!("HTTP status {status}, and the answer is not Subsonic JSON"),
        })?;
        let body = value
            .get("subsonic-response")
            .ok_or_else(|| ServerError::NotSubsonic {
                host: self.host(),
                reason: format!("HTTP status {status}, no subsonic-response in the answer"),
            })?;
        let version = body.get("version").and_then(Value::as_str).ok_or_else(|| {
            ServerError::NotSubsonic {
                host: self.host(),
                reason: "its answer gives no API version".into(),
            }
        })?;
        Ok(ServerInfo {
            version: version.to_string(),
            kind: body.get("type").and_then(Value::as_str).map(str::to_string),
            open_subsonic: body.get("openSubsonic").and_then(Value::as_bool) == Some(true),
        })
    }

    /// Checks the credentials (`ping`).
    pub fn ping(&self) -> Result<(), ServerError> {
        self.call("ping", &[]).map(|_| ())
    }

    /// The OpenSubsonic extensions the server offers (none for a plain Subsonic server).
    pub fn extensions(&self) -> Vec<String> {
        let Ok(body) = self.call("getOpenSubsonicExtensions", &[]) else {
            return Vec::new();
        };
        super::catalogue::list(body.get("openSubsonicExtensions"))
            .iter()
            .filter_map(|e| e.get("name").and_then(Value::as_str))
            .map(str::to_string)
            .collect()
    }

    /// Opens the bytes of `method` (a stream, a cover) from byte `from` on:
    /// the reader, the status (206 when the range was honoured) and the
    /// length of the whole, when the server says.
    pub fn open_bytes(
        &self,
        method: &str,
        params: &[(&str, &str)],
        from: u64,
    ) -> Result<Bytes, ServerError> {
        let mut request = self.request(method, params);
        if from > 0 {
            request = request.header("Range", format!("bytes={from}-"));
        }
        let response = request.call().map_err(|e| self.network_error(&e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type").unwrap_or_default();
        let length = header("content-length").and_then(|l| l.parse::<u64>().ok());
        let total = header("content-range")
            .and_then(|r| r.rsplit('/').next().and_then(|t| t.parse::<u64>().ok()));
        // Errors come back as JSON (or XML) with status 200.
        if content_type.contains("json") || content_type.contains("xml") || status >= 400 {
            let mut body = response.into_body();
            let text = body
                .with_config()
                .limit(MAX_JSON)
                .read_to_string()
                .unwrap_or_default();
            return match self.parse(status, &text) {
                Err(e) => Err(e),
                Ok(_) => Err(ServerError::NotSubsonic {
                    host: self.host(),
                    reason: format!("{method} gave no data (HTTP status {status})"),
                }),
            };
        }
        let ranged = status == 206;
        let total = if ranged { total } else { length };
        Ok(Bytes {
            reader: Box::new(response.into_body().into_reader()),
            ranged,
            total,
            content_type,
        })
    }

    /// A network error in words, naming the host but never the address (its
    /// query holds the credentials).
    /// A JSON answer's status and text, read to at most [`MAX_JSON`] bytes.
    fn json_text(
        &self,
        mut response: ureq::http::Response<ureq::Body>,
    ) -> Result<(u16, String), ServerError> {
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_JSON)
            .read_to_string()
            .map_err(|e| self.network_error(&e))?;
        Ok((status, text))
    }

    fn network_error(&self, error: &ureq::Error) -> ServerError {
        network_error(&self.address, error)
    }
}

/// The bytes of an answer, read as they arrive.
pub struct Bytes {
    /// The body.
    pub reader: Box<dyn Read + Send>,
    /// Whether the server sent the range asked for (206).
    pub ranged: bool,
    /// The length of the whole resource, when known.
    pub total: Option<u64>,
    /// Its MIME type.
    pub content_type: String,
}

/// Sorts a ureq error into what the user can act on.
pub fn network_error(address: &Address, error: &ureq::Error) -> ServerError {
    let host = address.host_port();
    let tls = |reason: String| ServerError::Tls {
        host: host.clone(),
        reason,
    };
    let unreachable = |reason: String| ServerError::Unreachable {
        host: host.clone(),
        reason,
    };
    match error {
        ureq::Error::Rustls(e) => tls(e.to_string()),
        ureq::Error::Tls(e) => tls((*e).to_string()),
        ureq::Error::Io(e) => {
            // rustls reports a failed handshake as an I/O error carrying its own.
            let inner = e.get_ref().map(ToString::to_string).unwrap_or_default();
            if address.is_https()
                && (e.kind() == std::io::ErrorKind::InvalidData
                    || inner.contains("certificate")
                    || inner.contains("peer")
                    || inner.contains("message"))
            {
                tls(if inner.is_empty() {
                    e.to_string()
                } else {
                    inner
                })
            } else {
                unreachable(match e.kind() {
                    std::io::ErrorKind::ConnectionRefused => {
                        "the connection was refused (nothing listens on that port)".into()
                    }
                    std::io::ErrorKind::TimedOut => "no answer in time".into(),
                    _ => e.to_string(),
                })
            }
        }
        ureq::Error::HostNotFound => unreachable("the host name is not known".into()),
        // Over https, silence may also be a server that speaks plain HTTP on
        // that port and waits for a request it can read (the TLS handshake
        // is part of connecting): say so.
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::PerRead)
            if address.is_https() =>
        {
            unreachable(
                "no answer in time (if the server speaks plain HTTP on this port, use http://)"
                    .into(),
            )
        }
        ureq::Error::Timeout(_) => unreachable("no answer in time".into()),
        ureq::Error::ConnectionFailed => unreachable("the connection failed".into()),
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            unreachable("it redirects in circles or to nowhere".into())
        }
        // Other errors may print the address with its query: say only what kind it is.
        ureq::Error::BadUri(_) => ServerError::NotSubsonic {
            host: host.clone(),
            reason: "the address is not one HTTP can use".into(),
        },
        other => ServerError::NotSubsonic {
            host: host.clone(),
            reason: super::address::scrub(&other.to_string()),
        },
    }
}
