//! `leitmotif server add URL --user NAME`, `server list`, `server remove URL`:
//! the Subsonic servers of the library. The password is read from standard
//! input (typed without echo at a terminal), never from the command line,
//! where any user's `ps` would show it.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::server::Secrets;
use crate::server::add::{self, AddError};
use crate::server::auth::Secret;

/// What `leitmotif server` takes.
#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    #[command(subcommand)]
    command: ServerCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ServerCommand {
    /// Add a Subsonic server (Navidrome, gonic, Airsonic, supysonic...): the
    /// password is read from standard input, checked with the server, kept in
    /// your keyring (or a file only you can read), and its albums are read.
    Add {
        /// The server's address: https://host[:port][/path].
        url: String,
        /// Your user name on the server.
        #[arg(long, value_name = "NAME")]
        user: String,
        /// Standard input holds an OpenSubsonic API key, not a password.
        #[arg(long)]
        api_key: bool,
        /// The library file to use instead of the one in your data folder.
        #[arg(long, value_name = "FILE")]
        store: Option<PathBuf>,
    },
    /// List the servers of the library.
    List {
        /// The library file to use instead of the one in your data folder.
        #[arg(long, value_name = "FILE")]
        store: Option<PathBuf>,
    },
    /// Remove a server, its albums and its kept password from the library.
    Remove {
        /// The server's address (or its key, as `server list` shows it).
        url: String,
        /// The user, when the library has the server for several.
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// The library file to use instead of the one in your data folder.
        #[arg(long, value_name = "FILE")]
        store: Option<PathBuf>,
    },
}

/// Runs a `server` command.
pub fn run(args: &ServerArgs) -> ExitCode {
    let result = match &args.command {
        ServerCommand::Add {
            url,
            user,
            api_key,
            store,
        } => add_server(url, user, *api_key, store.as_deref()),
        ServerCommand::List { store } => list(store.as_deref()),
        ServerCommand::Remove { url, user, store } => {
            remove(url, user.as_deref(), store.as_deref())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("leitmotif server: {e}");
            ExitCode::FAILURE
        }
    }
}

fn secrets() -> Result<Secrets, String> {
    Secrets::from_env()
        .ok_or_else(|| "cannot find your config folder to keep the password in".to_string())
}

/// The password (or key) from standard input: typed without echo at a
/// terminal, else the first line of what is piped in.
fn read_secret(prompt: &str) -> Result<Secret, String> {
    let stdin = std::io::stdin();
    let mut line = String::new();
    if stdin.is_terminal() {
        eprint!("{prompt}: ");
        let _ = std::io::stderr().flush();
        let echo_off = hide_echo(&stdin);
        let read = stdin.lock().read_line(&mut line);
        if let Some(saved) = echo_off {
            let _ =
                rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &saved);
            eprintln!();
        }
        read.map_err(|e| format!("cannot read the password: {e}"))?;
    } else {
        // At most a line of 64 KiB: a password, not a file.
        let mut limited = stdin.lock().take(64 * 1024);
        let _ = limited
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    }
    let secret = line.strip_suffix('\n').unwrap_or(&line);
    let secret = secret.strip_suffix('\r').unwrap_or(secret);
    Ok(Secret::new(secret))
}

/// Turns the terminal's echo off; gives back the settings to restore.
fn hide_echo(stdin: &std::io::Stdin) -> Option<rustix::termios::Termios> {
    let saved = rustix::termios::tcgetattr(stdin).ok()?;
    let mut quiet = saved.clone();
    quiet.local_modes.remove(rustix::termios::LocalModes::ECHO);
    rustix::termios::tcsetattr(stdin, rustix::termios::OptionalActions::Now, &quiet).ok()?;
    Some(saved)
}

fn add_server(
    url: &str,
    user: &str,
    api_key: bool,
    store: Option<&std::path::Path>,
) -> Result<(), String> {
    let secrets = secrets()?;
    let (mut store, _) = super::open_store(store)?;
    let what = if api_key { "API key" } else { "password" };
    let secret = read_secret(&format!("{what} for {user} at {url}"))?;
    let added = match add::add(&mut store, &secrets, url, user, secret, api_key) {
        Ok(added) => added,
        Err(AddError::Empty) => {
            return Err(format!(
                "no {what} was given on standard input; type it when asked, or pipe it in: \
                 leitmotif server add {url} --user {user} < file"
            ));
        }
        Err(e) => return Err(format!("{e}; nothing was stored")),
    };
    eprintln!("{}", added.summary(what));
    // Remembered with the user's data too: a library rebuilt after damage keeps it.
    if let Err(e) = add::remember(&store, &added.server) {
        eprintln!("leitmotif server: {e}");
    }
    // The albums now, so the next look at the library has them.
    match add::read_albums(&mut store, &added.server, Some(&secrets)) {
        Ok(r) => eprintln!(
            "read {} albums, {} tracks; `leitmotif scan` shows them with your folders",
            r.albums, r.tracks
        ),
        Err(e) => eprintln!(
            "leitmotif server: the server was added, but its albums could not be read yet ({e}); \
             `leitmotif scan` tries again"
        ),
    }
    Ok(())
}

fn list(store: Option<&std::path::Path>) -> Result<(), String> {
    let (store, _) = super::open_store(store)?;
    let servers = add::list(&store, Secrets::from_env().as_ref())?;
    if servers.is_empty() {
        eprintln!("the library has no server; add one: leitmotif server add URL --user NAME");
        return Ok(());
    }
    for add::Listed {
        server,
        tracks,
        kept,
    } in servers
    {
        let kept = kept.map_or_else(
            || "no password kept".to_string(),
            |p| format!("password in {p}"),
        );
        println!(
            "{}  {} as {}, API {}, {} login; {tracks} tracks, {}; {kept}",
            server.key,
            server.url,
            server.user,
            server.version,
            server.auth,
            server.refreshed.map_or_else(
                || "never read".to_string(),
                |t| format!("read {}", crate::library::remote::ago(t))
            )
        );
    }
    Ok(())
}

fn remove(url: &str, user: Option<&str>, store: Option<&std::path::Path>) -> Result<(), String> {
    let (mut store, _) = super::open_store(store)?;
    let servers = store.servers()?;
    let server = add::find(&servers, url, user)?.clone();
    let removed = add::remove(&mut store, Secrets::from_env().as_ref(), &server)?;
    for warning in &removed.warnings {
        eprintln!("leitmotif server: {warning}");
    }
    eprintln!("removed {} and its {} tracks", server.key, removed.tracks);
    Ok(())
}
