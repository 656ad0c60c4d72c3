//! Subsonic servers (Navidrome, gonic, Airsonic, Ampache, LMS, supysonic;
//! OpenSubsonic's extensions where offered): a server's albums read into the
//! library store beside local files, so they join the same productions, and
//! its songs streamed to the player with seeking.
//!
//! - [`address`]: where a server is, and the paths its tracks are known by;
//! - [`auth`]: the secret and how it is sent (token, hex, API key);
//! - [`client`]: HTTP (ureq, rustls) and the errors a user can act on;
//! - [`secrets`]: the keyring, else a file only its owner reads;
//! - [`catalogue`]: albums and songs into the store, only what changed;
//! - [`stream`]: a song as a seekable source, by HTTP range requests;
//! - [`cover`]: `getCoverArt`, cached;
//! - [`locate`]: the servers as the player and front ends meet them;
//! - [`add`]: checking and keeping a new server.
//!
//! The server part uses the library and the player; neither knows of it.

pub mod add;
pub mod address;
pub mod auth;
pub mod catalogue;
pub mod client;
pub mod cover;
pub mod locate;
pub mod secrets;
pub mod stream;

pub use address::{Address, is_server_path};
pub use client::{Client, ServerError};
pub use locate::Registry;
pub use secrets::{Place, Secrets};
