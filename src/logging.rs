//! What Leitmotif says about itself as it runs (a reload, MPRIS off, a
//! setting that could not be saved) goes through the `log` facade, so a
//! person can ask for more or less with `RUST_LOG` (`RUST_LOG=debug`,
//! `RUST_LOG=leitmotif=warn`). Without it, Leitmotif's own notes (info and
//! up) and other crates' errors are shown (their warnings, such as
//! winit's about Xvfb's screen size, only with RUST_LOG=warn).
//!
//! A command's answer and its errors (`leitmotif scan` cannot read a folder)
//! are not log lines: they are the command's output and always shown.

use std::io::Write;

/// What is shown when `RUST_LOG` is not set.
pub const DEFAULT_FILTER: &str = "error,leitmotif=info";

/// Starts the logger once; a second call does nothing.
pub fn init() {
    let env = env_logger::Env::default().default_filter_or(DEFAULT_FILTER);
    let _ = env_logger::Builder::from_env(env)
        .format(|out, record| match record.level() {
            // At trace level the HTTP client writes each request's address, and
            // a Subsonic address carries the login (token, hex password or key):
            // those lines are never written, whatever RUST_LOG asks.
            log::Level::Trace if record.target().starts_with("ureq") => Ok(()),
            log::Level::Info => writeln!(out, "leitmotif: {}", record.args()),
            log::Level::Warn | log::Level::Error if record.target().starts_with("leitmotif") => {
                writeln!(out, "leitmotif: {}", record.args())
            }
            level => writeln!(
                out,
                "leitmotif: {} {}: {}",
                level.as_str().to_lowercase(),
                record.target(),
                record.args()
            ),
        })
        .try_init();
}
