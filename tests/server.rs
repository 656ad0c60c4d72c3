//! A real Subsonic server: supysonic (Debian's, API 1.10.2), started on
//! loopback by `tests/support/supysonic.sh` over a copy of the demo's score
//! album, while the demo's songs album stays on disk. `make test` installs
//! supysonic; when it cannot start, the tests fail and say why.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::io::{Read, Seek, SeekFrom, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use leitmotif::playback::output::OutputKind;
use leitmotif::playback::{Command as Play, Event, PlayerService};
use leitmotif::server::Registry;
use support::TempDir;

const USER: &str = "alice";
/// With a space and a non-ASCII letter: sent as hex to an API-1.10 server.
const PASSWORD: &str = "open sesame é";
/// The password as `p=enc:` would carry it: it must not be kept either.
fn password_hex() -> String {
    PASSWORD.bytes().map(|b| format!("{b:02x}")).collect()
}

/// A supysonic server run for one test, stopped when dropped.
struct Supysonic {
    child: Option<Child>,
    port: u16,
}

impl Supysonic {
    /// Serves `music` for [`USER`] with [`PASSWORD`]; panics with the reason
    /// when the server does not come up.
    fn start(dir: &Path, music: &Path) -> Supysonic {
        support::require_tools(&["supysonic-server", "supysonic-cli"]);
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/supysonic.sh");
        let mut child = Command::new("sh")
            .arg(&script)
            .arg(dir)
            .arg(music)
            .arg(port.to_string())
            .arg(USER)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run tests/support/supysonic.sh");
        if let Some(mut stdin) = child.stdin.take() {
            writeln!(stdin, "{PASSWORD}").expect("hand the password over");
        }
        // Up once the port takes connections; a script that ends has failed.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                panic!("supysonic did not start ({status}): {err}");
            }
            assert!(
                Instant::now() < deadline,
                "supysonic did not open port {port} within 60 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Supysonic {
            child: Some(child),
            port,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops the server and waits until it is gone.
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        // waitress was exec'd by the script: the child is the server.
        assert!(
            TcpStream::connect(("127.0.0.1", self.port)).is_err(),
            "the server still answers"
        );
    }
}

impl Drop for Supysonic {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A test's folders: the server's music, the local music, the config and data.
struct World {
    dir: TempDir,
}

impl World {
    fn new(label: &str) -> World {
        let dir = TempDir::new(label);
        let demo = support::demo().join("Arrival Point (2024)");
        support::copy_tree(
            &demo.join("Arrival Point (Original Motion Picture Score)"),
            &dir.join("server-music/Arrival Point (Original Motion Picture Score)"),
        );
        support::copy_tree(
            &demo.join("Arrival Point (Original Motion Picture Soundtrack)"),
            &dir.join("local/Arrival Point (Original Motion Picture Soundtrack)"),
        );
        support::copy_tree(
            &support::demo().join("Lanternfall OST"),
            &dir.join("local/Lanternfall OST"),
        );
        // A second FLAC on the server (also on disk), for a server-to-server join.
        std::fs::create_dir_all(dir.join("server-music/Lanternfall OST")).expect("folder");
        std::fs::copy(
            support::demo().join("Lanternfall OST/02 Forest of Echoes.flac"),
            dir.join("server-music/Lanternfall OST/02 Forest of Echoes.flac"),
        )
        .expect("copy");
        // The album's cover, for getCoverArt.
        std::fs::copy(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/icons/leitmotif-16.png"),
            dir.join("server-music/Arrival Point (Original Motion Picture Score)/cover.png"),
        )
        .expect("a cover");
        // Two minutes of tone, 21 MB: a seek to its end needs a range request
        // even when the fetch has run its full 4 MB (plus the 2 MB a read
        // waits for) past `seek_in_stream`'s earlier seek (at most 5.5 MB).
        // With 10 MB a busy machine let the fetch get near enough that no
        // request was needed.
        std::fs::create_dir_all(dir.join("server-music/Long")).expect("folder");
        support::write_wav(
            &dir.join("server-music/Long/long.wav"),
            44_100,
            &support::tone(440.0, 44_100, 44_100 * 120),
        );
        World { dir }
    }

    fn store(&self) -> PathBuf {
        self.dir.join("data/library.sqlite3")
    }

    fn secrets_file(&self) -> PathBuf {
        self.dir.join("config/leitmotif/servers.secrets")
    }

    /// Runs leitmotif with `args` and `stdin`, its folders in the test's, and
    /// no session bus (so the password goes to the 0600 file).
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
            .args(args)
            .args(["--store", &self.store().display().to_string()])
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env("XDG_CACHE_HOME", self.dir.join("cache"))
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
            .env_remove("PULSE_SERVER")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run leitmotif");
        if let Some(mut input) = child.stdin.take() {
            let _ = input.write_all(stdin.as_bytes());
        }
        child.wait_with_output().expect("leitmotif ends")
    }

    fn secrets(&self) -> leitmotif::server::Secrets {
        leitmotif::server::Secrets::file_only(self.secrets_file())
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "scan --json printed no JSON ({e}): {}{}",
            text(&output.stdout),
            text(&output.stderr)
        )
    })
}

/// Every track path of the production titled `title`.
fn production_paths(library: &serde_json::Value, title: &str) -> Vec<String> {
    let production = library["productions"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["title"] == title))
        .unwrap_or_else(|| panic!("no production {title:?} in {library}"));
    production["tracks"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .filter_map(|t| t["path"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_wrong_password_an_unreachable_host_and_a_tls_error_are_refused_and_nothing_is_kept() {
    let world = World::new("server-refused");
    let server = Supysonic::start(
        &world.dir.join("supysonic"),
        &world.dir.join("server-music"),
    );
    let add = |url: &str, password: &str| {
        world.run(
            &["server", "add", url, "--user", USER],
            &format!("{password}\n"),
        )
    };

    let wrong = add(&server.url(), "not the password");
    assert!(!wrong.status.success());
    let said = text(&wrong.stderr);
    assert!(said.contains("refused the login"), "{said}");
    assert!(said.contains("nothing was stored"), "{said}");

    // Nothing listens on a port just freed.
    let closed = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let unreachable = add(&format!("http://127.0.0.1:{closed}"), PASSWORD);
    assert!(!unreachable.status.success());
    let said = text(&unreachable.stderr);
    assert!(said.contains("cannot reach 127.0.0.1"), "{said}");
    assert!(said.contains("refused"), "{said}");

    // HTTPS to something that answers in plain HTTP: the handshake fails.
    let plain = TcpListener::bind("127.0.0.1:0").expect("a listener");
    let plain_port = plain.local_addr().expect("its port").port();
    let answering = std::thread::spawn(move || {
        if let Ok((mut conn, _)) = plain.accept() {
            let _ = conn.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let tls = add(&format!("https://127.0.0.1:{plain_port}"), PASSWORD);
    let _ = answering.join();
    assert!(!tls.status.success());
    let said = text(&tls.stderr);
    assert!(said.contains("secure connection"), "{said}");

    // An API key for a server that has none (supysonic is not OpenSubsonic).
    let key = world.run(
        &["server", "add", &server.url(), "--user", USER, "--api-key"],
        "some-key\n",
    );
    assert!(!key.status.success());
    assert!(
        text(&key.stderr).contains("does not offer OpenSubsonic API keys"),
        "{}",
        text(&key.stderr)
    );

    let not_a_url = add("127.0.0.1", PASSWORD);
    assert!(text(&not_a_url.stderr).contains("https://host"));

    let list = world.run(&["server", "list"], "");
    assert!(list.status.success());
    assert!(
        text(&list.stderr).contains("no server"),
        "{}",
        text(&list.stderr)
    );
    assert!(
        !world.secrets_file().exists(),
        "no password kept for a refused server"
    );
}

#[test]
fn a_server_joins_the_library_plays_and_stays_listed_when_it_is_down() {
    let world = World::new("server-flow");
    let mut server = Supysonic::start(
        &world.dir.join("supysonic"),
        &world.dir.join("server-music"),
    );

    // Add: checked, kept in the 0600 file (no keyring on this bus), albums read.
    let added = world.run(
        &["server", "add", &server.url(), "--user", USER],
        &format!("{PASSWORD}\n"),
    );
    let said = text(&added.stderr);
    assert!(added.status.success(), "{said}");
    assert!(said.contains("API 1.10.2"), "{said}");
    assert!(said.contains("hex-encoded password"), "{said}");
    assert!(said.contains("servers.secrets"), "{said}");
    assert!(said.contains("read 3 albums, 5 tracks"), "{said}");
    let mode = std::fs::metadata(world.secrets_file())
        .expect("the secrets file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the secrets file is its owner's only");

    let list = world.run(&["server", "list"], "");
    let listed = text(&list.stdout);
    assert!(
        listed.contains(&format!("subsonic://{USER}@127.0.0.1:{}", server.port)),
        "{listed}"
    );
    assert!(listed.contains("5 tracks"), "{listed}");
    assert!(listed.contains("hex login"), "{listed}");

    // A damaged store is rebuilt with its servers (remembered with the
    // user's data); the next scan reads their albums again.
    for side in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", world.store().display()));
    }
    std::fs::write(world.store(), b"not a database at all").expect("damage the store");
    let list = world.run(&["server", "list"], "");
    let listed = text(&list.stdout);
    assert!(
        text(&list.stderr).contains("could not be used"),
        "{}",
        text(&list.stderr)
    );
    assert!(
        listed.contains(&format!("subsonic://{USER}@127.0.0.1:{}", server.port)),
        "the server survives a damaged store: {listed}"
    );
    assert!(listed.contains("never read"), "{listed}");
    let refreshed = world.run(&["scan"], "");
    let said = text(&refreshed.stderr);
    assert!(refreshed.status.success(), "{said}");
    assert!(
        said.contains("3 albums (3 read again, 0 gone), 5 tracks"),
        "{said}"
    );

    // The score on the server and the songs on disk are one production.
    let scanned = world.run(
        &[
            "scan",
            &world.dir.join("local").display().to_string(),
            "--json",
        ],
        "",
    );
    assert!(scanned.status.success(), "{}", text(&scanned.stderr));
    let library = json(&scanned);
    let paths = production_paths(&library, "Arrival Point");
    let remote: Vec<&String> = paths
        .iter()
        .filter(|p| p.starts_with("subsonic://"))
        .collect();
    assert_eq!(remote.len(), 3, "{paths:?}");
    assert_eq!(
        paths.len(),
        5,
        "3 score cues from the server, 2 songs from disk: {paths:?}"
    );
    let production = library["productions"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["title"] == "Arrival Point"))
        .cloned()
        .unwrap_or_default();
    let categories: Vec<(String, String)> = production["tracks"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .map(|t| {
                    (
                        t["title"].as_str().unwrap_or_default().to_string(),
                        t["category"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        categories.contains(&("2M3 The Signal".into(), "score".into())),
        "a server cue is score: {categories:?}"
    );

    // No secret in the JSON, the store or the process's arguments.
    let everything = [
        scanned.stdout.clone(),
        std::fs::read(world.store()).expect("store"),
        std::fs::read(world.dir.join("data/library.user.json")).expect("the user's data"),
    ];
    for bytes in &everything {
        assert!(!contains(bytes, PASSWORD.as_bytes()));
        assert!(!contains(bytes, password_hex().as_bytes()));
    }
    for wal in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{wal}", world.store().display()));
        if let Ok(bytes) = std::fs::read(&side) {
            assert!(!contains(&bytes, PASSWORD.as_bytes()), "{}", side.display());
            assert!(!contains(&bytes, password_hex().as_bytes()));
        }
    }

    // A server track plays to a captured output, and joins a local one
    // without a gap: the output is the two files' samples back to back.
    let server_track = |title: &str| {
        library["productions"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|p| p["tracks"].as_array().into_iter().flatten())
            .find(|t| {
                t["title"]
                    .as_str()
                    .is_some_and(|t| t.to_lowercase().contains(title))
                    && t["path"]
                        .as_str()
                        .is_some_and(|p| p.starts_with("subsonic://"))
            })
            .and_then(|t| t["path"].as_str())
            .map(PathBuf::from)
            .unwrap_or_else(|| panic!("{title} from the server in {library}"))
    };
    let cue = server_track("1m1 landing");
    let registry = Registry::new(&world.store(), Some(world.secrets()));
    let local_flac = world
        .dir
        .join("local/Lanternfall OST/02 Forest of Echoes.flac");
    let server_flac = world
        .dir
        .join("server-music/Arrival Point (Original Motion Picture Score)/01 1M1 Landing.flac");
    let forest = server_track("forest of echoes");
    played_gapless(
        &registry,
        &[
            (cue.clone(), server_flac.clone()),
            (forest, local_flac.clone()),
            (local_flac.clone(), local_flac.clone()),
        ],
    );

    // Seeking: a stream read at byte N gives the file's bytes at N, by a new
    // range request when N has not arrived.
    let long = server_track("long");
    seek_in_stream(
        &registry,
        &long,
        &world.dir.join("server-music/Long/long.wav"),
    );

    // The play is reported (supysonic passes it on to Last.fm when set up,
    // so only its answer can be checked): a known song is taken, an unknown refused.
    registry.scrobble_now(&cue, false).expect("now playing");
    registry.scrobble_now(&cue, true).expect("scrobble");
    let key = format!("subsonic://{USER}@127.0.0.1:{}", server.port);
    let unknown = leitmotif::server::address::track_path(
        &key,
        "00000000-0000-0000-0000-000000000000",
        "00000000-0000-0000-0000-000000000000",
    );
    let refused = registry.scrobble_now(&unknown, true);
    assert!(refused.is_err(), "an unknown song is refused: {refused:?}");

    // The cover comes through getCoverArt into the cache, once.
    let cache = world.dir.join("cache/covers");
    let cover = registry.cover(&cue, &cache).expect("the album's cover");
    assert!(cover.starts_with(&cache));
    assert_eq!(
        std::fs::read(&cover).expect("cached cover"),
        std::fs::read(
            world
                .dir
                .join("server-music/Arrival Point (Original Motion Picture Score)/cover.png")
        )
        .expect("the cover")
    );

    // `leitmotif play` takes the path the JSON shows, and plays it to a
    // device: an ALSA file PCM that writes a WAV (as tests/play_device.rs).
    let captured = world.dir.join("played.wav");
    std::fs::create_dir_all(world.dir.join("config/alsa")).expect("alsa folder");
    std::fs::write(
        world.dir.join("config/alsa/asoundrc"),
        format!(
            "pcm.!default {{ type plug slave {{ pcm \"cap\" format S16_LE rate 48000 channels 2 }} }}\n\
             pcm.cap {{ type file slave.pcm \"null\" file \"{}\" format \"wav\" }}\n",
            captured.display()
        ),
    )
    .expect("asoundrc");
    let play = world.run(&["play", &cue.display().to_string()], "");
    let said = text(&play.stderr);
    assert!(play.status.success(), "{said}");
    assert!(
        said.contains(&format!("playing {}", cue.display())),
        "{said}"
    );
    assert!(
        !said.contains("not reported"),
        "the plays were scrobbled: {said}"
    );
    let wav = support::read_wav(&captured);
    let left = wav.left();
    let sound = support::audible(&left, 0.01);
    let seconds = sound.len() as f32 / wav.rate as f32;
    assert!(
        (5.0..6.5).contains(&seconds),
        "about 6 s of tone, got {seconds:.2} s"
    );
    let middle = &sound[sound.len() / 4..sound.len() * 3 / 4];
    let pitch = support::frequency(middle, wav.rate);
    assert!(
        (pitch - 440.0).abs() < 9.0,
        "440 Hz from the server, heard {pitch:.1} Hz"
    );

    // The server goes away: `scan` says so, and the library still lists it.
    server.stop();
    let offline = world.run(&["scan", "--json"], "");
    let said = text(&offline.stderr);
    assert!(offline.status.success(), "{said}");
    assert!(said.contains("notice"), "{said}");
    assert!(said.contains("cannot reach 127.0.0.1"), "{said}");
    assert!(said.contains("5 tracks stay listed"), "{said}");
    let paths = production_paths(&json(&offline), "Arrival Point");
    assert_eq!(
        paths
            .iter()
            .filter(|p| p.starts_with("subsonic://"))
            .count(),
        3,
        "{paths:?}"
    );

    // The cover stays, from the cache.
    assert_eq!(registry.cover(&cue, &cache), Some(cover));

    // Removed: its tracks and its password go.
    let removed = world.run(
        &[
            "server",
            "remove",
            &format!("http://127.0.0.1:{}", server.port),
        ],
        "",
    );
    assert!(removed.status.success(), "{}", text(&removed.stderr));
    let after = std::fs::read_to_string(world.secrets_file()).unwrap_or_default();
    assert!(
        !after.contains(PASSWORD),
        "the password is gone with the server"
    );
    let rescanned = world.run(&["scan", "--json"], "");
    let paths = production_paths(&json(&rescanned), "Arrival Point");
    assert!(
        paths.iter().all(|p| !p.starts_with("subsonic://")),
        "{paths:?}"
    );
}

fn decode_all(path: &Path) -> Vec<f32> {
    leitmotif::playback::decode::open(path)
        .expect("decode")
        .collect()
}

/// Plays `items` (what to play, and the file it is) on a device-less player
/// and compares what comes out with the files decoded back to back: server
/// to server and server to local joins add and lose nothing.
fn played_gapless(registry: &Arc<Registry>, items: &[(PathBuf, PathBuf)]) {
    let cue = items[0].0.as_path();
    let mut expected = Vec::new();
    for (_, file) in items {
        expected.extend(decode_all(file));
    }
    let (tx, rx) = mpsc::channel();
    let player = PlayerService::start_with(
        OutputKind::Detached {
            rate: 44_100,
            handout: tx,
        },
        None,
        leitmotif::server::locate::locator(
            Arc::clone(registry),
            leitmotif::library::images::locator(),
        ),
    );
    let mut output = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("the mixer output");
    player.send(Play::PlayList {
        items: items.iter().map(|(play, _)| play.clone()).collect(),
        start: 0,
    });
    loop {
        match player.next_event(Duration::from_secs(10)) {
            Some(Event::TrackStarted { path, .. }) => {
                assert_eq!(path, cue);
                break;
            }
            Some(Event::Error { reason, .. }) => panic!("the server track did not play: {reason}"),
            Some(_) => {}
            None => panic!("the server track did not start"),
        }
    }
    let got: Vec<f32> = output.by_ref().take(expected.len() + 44_100 * 2).collect();
    let probe = &expected[..512];
    let start = got
        .windows(probe.len())
        .position(|w| w == probe)
        .expect("the server track's opening samples in the output");
    assert!(start < 44_100, "{start} samples of silence first");
    let played = &got[start..start + expected.len()];
    if let Some(i) = played.iter().zip(&expected).position(|(g, e)| g != e) {
        panic!("the output differs at sample {i} of {}", expected.len());
    }
    // The tone is the demo's 440 Hz.
    let left: Vec<f32> = played.iter().step_by(2).take(44_100).copied().collect();
    let pitch = support::frequency(&left, 44_100);
    assert!((pitch - 440.0).abs() < 5.0, "pitch {pitch}");
    player.send(Play::Shutdown);
}

fn seek_in_stream(registry: &Arc<Registry>, cue: &Path, same_file: &Path) {
    let file = std::fs::read(same_file).expect("the served file");
    let (client, _, song) = registry.client_for(cue).expect("client");
    let mut stream = leitmotif::server::stream::open(&client, &song).expect("stream");
    assert_eq!(stream.len(), Some(file.len() as u64));
    let mut head = vec![0_u8; 4096];
    stream.read_exact(&mut head).expect("read");
    assert_eq!(head, file[..4096]);
    // The fetch runs 4 MB ahead of the reader, then pauses; a seek just past
    // where it paused goes on in the same request, at once.
    let deadline = Instant::now() + Duration::from_secs(20);
    while stream.arrived_to() < 4 * 1024 * 1024 {
        assert!(Instant::now() < deadline, "the stream did not read ahead");
        std::thread::sleep(Duration::from_millis(10));
    }
    let paused = stream.arrived_to();
    assert!(
        paused < 5 * 1024 * 1024,
        "it paused ({paused} bytes read ahead)"
    );
    let near = paused + 512 * 1024;
    let asked = Instant::now();
    let _ = stream.seek(SeekFrom::Start(near)).expect("seek");
    let mut middle = vec![0_u8; 1000];
    stream.read_exact(&mut middle).expect("read past the pause");
    let at = usize::try_from(near).expect("small");
    assert_eq!(middle, file[at..at + 1000]);
    assert!(asked.elapsed() < Duration::from_secs(10), "no stall");
    assert_eq!(
        stream.requests(),
        1,
        "no new request for bytes on their way"
    );
    let far = file.len() as u64 - 1000;
    let _ = stream.seek(SeekFrom::Start(far)).expect("seek");
    let mut tail = Vec::new();
    let _ = stream.read_to_end(&mut tail).expect("read the end");
    assert_eq!(tail, file[file.len() - 1000..]);
    assert_eq!(
        stream.requests(),
        2,
        "a seek far away made one range request"
    );
    let _ = stream.seek(SeekFrom::Start(10)).expect("seek back");
    let mut again = vec![0_u8; 100];
    stream.read_exact(&mut again).expect("read again");
    assert_eq!(again, file[10..110]);
    assert_eq!(stream.requests(), 3, "and back again another");

    // Through the decoder: a seek lands, and sound follows.
    let locate = leitmotif::server::locate::locator(
        Arc::clone(registry),
        leitmotif::playback::whole_files(),
    );
    let located = locate(cue).expect("located");
    let mut decoder = leitmotif::playback::decode::open_located(&located).expect("decoder");
    use rodio::Source;
    decoder
        .try_seek(Duration::from_secs(3))
        .expect("seek in the server stream");
    let after: Vec<f32> = decoder.by_ref().take(44_100).collect();
    assert!(support::rms(&after) > 0.01, "sound after the seek");
}

#[test]
fn the_password_goes_to_the_keyring_when_one_answers_on_the_session_bus() {
    support::require_tools(&["dbus-run-session", "gnome-keyring-daemon", "secret-tool"]);
    let world = World::new("server-keyring");
    let server = Supysonic::start(
        &world.dir.join("supysonic"),
        &world.dir.join("server-music"),
    );
    let runtime = world.dir.join("runtime");
    std::fs::create_dir_all(&runtime).expect("runtime folder");
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    // A private session bus with a keyring unlocked on it, as a desktop login leaves it.
    let script = format!(
        r#"set -e
printf 'keyring password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf '%s\n' "$PASSWORD" | "$LEITMOTIF" server add "$URL" --user {USER} --store "$STORE"
echo "lookup: $(secret-tool lookup application io.github.leitmotif_player.leitmotif server "$KEY")"
"$LEITMOTIF" server list --store "$STORE"
"$LEITMOTIF" server remove "$URL" --store "$STORE"
echo "after: $(secret-tool lookup application io.github.leitmotif_player.leitmotif server "$KEY" || true)"
"#
    );
    let key = format!("subsonic://{USER}@127.0.0.1:{}", server.port);
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &script])
        .env("LEITMOTIF", env!("CARGO_BIN_EXE_leitmotif"))
        .env("PASSWORD", PASSWORD)
        .env("URL", server.url())
        .env("KEY", &key)
        .env("STORE", world.store())
        .env("HOME", world.dir.join("home"))
        .env("XDG_DATA_HOME", world.dir.join("data"))
        .env("XDG_CONFIG_HOME", world.dir.join("config"))
        .env("XDG_CACHE_HOME", world.dir.join("cache"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .expect("run dbus-run-session");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stderr.contains("kept in your keyring"), "{stderr}");
    assert!(
        stdout.contains(&format!("lookup: {PASSWORD}")),
        "the keyring holds it: {stdout}"
    );
    assert!(stdout.contains("password in your keyring"), "{stdout}");
    assert!(
        stdout.contains("after: \n") || stdout.ends_with("after: \n"),
        "removed: {stdout}"
    );
    assert!(
        !world.secrets_file().exists(),
        "no file when the keyring took it"
    );
}

/// Runs a window's task as iced would (its threads included), handing each
/// message it gives back to the app; what the servers part asks next runs
/// too. Other parts' follow-ups (covers, live folders) are left out: they
/// would look in the user's own folders.
fn settle(app: &mut leitmotif::gui::App, task: iced::Task<leitmotif::gui::Message>) {
    use iced::futures::StreamExt;
    use leitmotif::gui::Message;
    let mut pending = vec![task];
    while let Some(task) = pending.pop() {
        let Some(stream) = iced_runtime::task::into_stream(task) else {
            continue;
        };
        for action in async_io::block_on(stream.collect::<Vec<_>>()) {
            if let iced_runtime::Action::Output(message) = action {
                let follow = matches!(message, Message::Servers(_));
                let next = app.update(message);
                if follow {
                    pending.push(next);
                }
            }
        }
    }
}

#[test]
fn the_window_adds_a_server_refusing_a_wrong_password_and_shows_its_productions() {
    use iced_test::simulator;
    use leitmotif::gui::message::{BrowseMessage, Message, ServersMessage};
    use leitmotif::gui::state::browse::Page;
    use leitmotif::gui::state::servers::Said;
    use leitmotif::server::auth::Secret;

    let world = World::new("server-window");
    let mut server = Supysonic::start(
        &world.dir.join("supysonic"),
        &world.dir.join("server-music"),
    );
    // The local folders in the store, as a library the window shows.
    let library = {
        let mut store = leitmotif::library::Store::open(&world.store()).expect("store");
        store
            .scan(&[world.dir.join("local")], &|_| {})
            .expect("scan");
        leitmotif::library::Library::from_store(&store, &Default::default()).expect("library")
    };
    let mut app = leitmotif::gui::App::with_library(library);
    app.keep_servers_in(world.store(), world.secrets());
    let from_server = |app: &leitmotif::gui::App| {
        app.library()
            .expect("library")
            .tracks
            .iter()
            .filter(|t| leitmotif::server::is_server_path(&t.path))
            .count()
    };
    assert_eq!(from_server(&app), 0);

    // The Servers chip opens the page, which lists none.
    let mut ui = simulator(app.view());
    let _ = ui.click("Servers").expect("the Servers chip");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Browse(BrowseMessage::ShowPage(Page::Servers))]
        ),
        "{messages:?}"
    );
    for m in messages {
        let task = app.update(m);
        settle(&mut app, task);
    }
    assert!(app.servers().listed().is_empty());
    let mut ui = simulator(app.view());
    assert!(ui.find("Add a server").is_ok());
    drop(ui);

    let type_in = |app: &mut leitmotif::gui::App, password: &str| {
        for m in [
            ServersMessage::Url(server.url()),
            ServersMessage::User(USER.into()),
            ServersMessage::Password(Secret::new(password)),
        ] {
            let _ = app.update(Message::Servers(m));
        }
    };
    // The message carrying the password never shows it.
    let typed = Message::Servers(ServersMessage::Password(Secret::new(PASSWORD)));
    assert!(!format!("{typed:?}").contains(PASSWORD));

    // A wrong password: refused with the CLI's words, the field emptied, nothing kept.
    type_in(&mut app, "not the password");
    assert_eq!(app.servers().password(), "not the password");
    let mut ui = simulator(app.view());
    let _ = ui.click("Add server").expect("the Add button");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(messages.as_slice(), [Message::Servers(ServersMessage::Add)]),
        "{messages:?}"
    );
    let task = app.update(Message::Servers(ServersMessage::Add));
    assert_eq!(
        app.servers().password(),
        "",
        "the password leaves the state at once"
    );
    assert!(app.servers().busy().is_some(), "checked on a thread");
    settle(&mut app, task);
    match app.servers().said() {
        Some(Said::Failed(why)) => {
            assert!(why.contains("refused the login"), "{why}");
            assert!(why.contains("nothing was stored"), "{why}");
        }
        other => panic!("not refused: {other:?}"),
    }
    assert!(app.servers().busy().is_none());
    assert!(app.servers().listed().is_empty());
    assert!(!world.secrets_file().exists(), "no password kept");
    assert_eq!(from_server(&app), 0);

    // Unreachable: said so, nothing kept.
    let closed = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    for m in [
        ServersMessage::Url(format!("http://127.0.0.1:{closed}")),
        ServersMessage::Password(Secret::new(PASSWORD)),
    ] {
        let _ = app.update(Message::Servers(m));
    }
    let task = app.update(Message::Servers(ServersMessage::Add));
    settle(&mut app, task);
    assert!(
        matches!(app.servers().said(), Some(Said::Failed(why)) if why.contains("cannot reach 127.0.0.1")),
        "{:?}",
        app.servers().said()
    );
    assert!(!world.secrets_file().exists(), "no password kept");

    // The right one: kept in the 0600 file, the albums read, the library
    // reloaded with the server's score beside the local songs.
    type_in(&mut app, PASSWORD);
    let task = app.update(Message::Servers(ServersMessage::Add));
    assert_eq!(app.servers().password(), "");
    settle(&mut app, task);
    match app.servers().said() {
        Some(Said::Done(what)) => {
            assert!(what.contains("API 1.10.2"), "{what}");
            assert!(what.contains("servers.secrets"), "{what}");
            assert!(what.contains("read 3 albums, 5 tracks"), "{what}");
            assert!(!what.contains(PASSWORD), "{what}");
        }
        other => panic!("not added: {other:?}"),
    }
    assert_eq!(app.servers().password(), "");
    let listed = app.servers().listed();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].server.url, server.url());
    assert_eq!(listed[0].tracks, 5);
    assert!(listed[0].server.refreshed.is_some());
    let mode = std::fs::metadata(world.secrets_file())
        .expect("the secrets file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(
        from_server(&app),
        5,
        "the server's tracks are in the library shown"
    );
    let library = app.library().expect("library");
    let arrival = library
        .productions
        .iter()
        .find(|p| p.title == "Arrival Point")
        .expect("the film");
    let (remote, local): (Vec<_>, Vec<_>) = arrival
        .tracks
        .iter()
        .map(|&t| &library.tracks[t].path)
        .partition(|p| leitmotif::server::is_server_path(p));
    assert!(
        !remote.is_empty() && !local.is_empty(),
        "the server's score and the local songs are one production"
    );
    let mut ui = simulator(app.view());
    assert!(
        ui.find(server.url().as_str()).is_ok(),
        "the server is listed"
    );
    drop(ui);
    // Remembered with the user's data (as `server add` does), and no
    // password in it or in the store.
    let user_data = world.dir.join("data/library.user.json");
    let remembered = std::fs::read_to_string(&user_data).expect("the user's data");
    assert!(remembered.contains(&listed[0].server.key), "{remembered}");
    for file in [world.store(), user_data] {
        let bytes = std::fs::read(&file).expect("written");
        assert!(!contains(&bytes, PASSWORD.as_bytes()), "{}", file.display());
        assert!(
            !contains(&bytes, password_hex().as_bytes()),
            "{}",
            file.display()
        );
    }

    // Refreshed with the server down: said on the page and on its line,
    // and its tracks stay listed.
    let key = listed[0].server.key.clone();
    let url = server.url();
    server.stop();
    let task = app.update(Message::Servers(ServersMessage::Refresh(key.clone())));
    settle(&mut app, task);
    assert!(
        matches!(app.servers().said(), Some(Said::Failed(why)) if why.contains("cannot reach 127.0.0.1")),
        "{:?}",
        app.servers().said()
    );
    assert!(app.servers().failed(&key).is_some());
    assert_eq!(from_server(&app), 5, "its tracks stay listed");
    let mut ui = simulator(app.view());
    assert!(ui.find(url.as_str()).is_ok(), "still listed");
    drop(ui);

    // Removed (after a second click): its tracks leave the library, its password the file.
    let _ = app.update(Message::Servers(ServersMessage::Remove(key.clone())));
    assert_eq!(app.servers().removing(), Some(key.as_str()));
    let task = app.update(Message::Servers(ServersMessage::ConfirmRemove(key.clone())));
    settle(&mut app, task);
    assert!(
        matches!(app.servers().said(), Some(Said::Done(what)) if what.contains("removed") && what.contains("5 tracks")),
        "{:?}",
        app.servers().said()
    );
    assert!(app.servers().listed().is_empty());
    assert_eq!(from_server(&app), 0);
    let kept = std::fs::read_to_string(world.secrets_file()).unwrap_or_default();
    assert!(!kept.contains(&key), "the password went with the server");
    let remembered =
        std::fs::read_to_string(world.dir.join("data/library.user.json")).expect("user data");
    assert!(!remembered.contains(&key), "forgotten: {remembered}");
}

#[test]
fn the_window_reports_a_server_track_started_and_ended_with_scrobble() {
    use leitmotif::gui::message::{Message, TransportMessage};
    use leitmotif::library::remote::RemoteServer;

    // A stand-in server that answers every call with "ok" and says what was asked.
    let listener = TcpListener::bind("127.0.0.1:0").expect("a listener");
    let port = listener.local_addr().expect("its port").port();
    let (asked, heard) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let mut conn = conn;
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !contains(&request, b"\r\n\r\n") {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let line = text(&request)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            let body = r#"{"subsonic-response":{"status":"ok","version":"1.10.2"}}"#;
            let _ = write!(
                conn,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = asked.send(line);
        }
    });

    let dir = TempDir::new("server-scrobble");
    let store_path = dir.join("data/library.sqlite3");
    let key = format!("subsonic://{USER}@127.0.0.1:{port}");
    let mut store = leitmotif::library::Store::open(&store_path).expect("store");
    store
        .put_server(&RemoteServer {
            key: key.clone(),
            url: format!("http://127.0.0.1:{port}"),
            user: USER.into(),
            auth: "hex".into(),
            version: "1.10.2".into(),
            added: 0,
            refreshed: None,
        })
        .expect("a server");
    drop(store);
    let secrets = leitmotif::server::Secrets::file_only(dir.join("config/servers.secrets"));
    let _ = secrets
        .store(&key, &leitmotif::server::auth::Secret::new(PASSWORD))
        .expect("kept");

    let mut app = leitmotif::gui::App::with_library(leitmotif::library::Library::default());
    app.keep_servers_in(store_path, secrets);
    let song = leitmotif::server::address::track_path(&key, "al-1", "tr-7");
    let player = |app: &mut leitmotif::gui::App, event: Event| {
        let _ = app.update(Message::Transport(TransportMessage::Player(event)));
    };
    let next_call = || heard.recv_timeout(Duration::from_secs(10)).expect("a call");

    // A local file is nobody's to report.
    player(
        &mut app,
        Event::TrackStarted {
            position: 0,
            path: dir.join("local.flac"),
            duration: None,
        },
    );
    player(
        &mut app,
        Event::TrackStarted {
            position: 1,
            path: song.clone(),
            duration: Some(Duration::from_secs(6)),
        },
    );
    let now_playing = next_call();
    assert!(now_playing.contains("/rest/scrobble"), "{now_playing}");
    assert!(now_playing.contains("id=tr-7"), "{now_playing}");
    assert!(now_playing.contains("submission=false"), "{now_playing}");
    player(&mut app, Event::TrackEnded(song));
    let played = next_call();
    assert!(played.contains("/rest/scrobble"), "{played}");
    assert!(played.contains("submission=true"), "{played}");
    assert!(
        heard.recv_timeout(Duration::from_millis(500)).is_err(),
        "nothing else was reported (the local file was not)"
    );
}
