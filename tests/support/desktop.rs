//! A private desktop for tests of the real app: Xvfb for the display, a
//! private PulseAudio with a null sink for the sound, optionally a private
//! session bus (what `dbus-run-session` gives), and helpers to start the app
//! and wait for its window.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::TempDir;

/// Kills its processes when the test ends, however it ends.
pub struct Processes(pub Vec<Child>);

impl Drop for Processes {
    /// Asks each process to end (so Xvfb removes its lock files), then kills
    /// what is still there after two seconds.
    fn drop(&mut self) {
        for child in self.0.iter_mut().rev() {
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(2) {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub fn spawn(command: &mut Command, what: &str) -> Child {
    command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"))
}

pub fn wait_until(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    wait_for(
        what,
        timeout,
        || if ready() { Ok(()) } else { Err(String::new()) },
        String::new,
    );
}

/// Waits until `ready` gives Ok; on a time-out the panic says what its last
/// Err said (what was seen instead), then what `explain` gives (asked only
/// then: an app's whole log, say).
pub fn wait_for(
    what: &str,
    timeout: Duration,
    mut ready: impl FnMut() -> Result<(), String>,
    explain: impl FnOnce() -> String,
) {
    let start = Instant::now();
    loop {
        match ready() {
            Ok(()) => return,
            Err(seen) if start.elapsed() >= timeout => {
                panic!("timed out waiting for {what}: {seen}\n{}", explain())
            }
            Err(_) => {}
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A private desktop: display, sound server, and the environment the app needs.
pub struct Desktop {
    /// The test's private folder: HOME, XDG folders, sockets, logs.
    pub dir: TempDir,
    /// The X display, `:N`.
    pub display: String,
    /// The sound server's socket.
    pub socket: PathBuf,
    /// The session bus address, when one was started.
    pub bus: Option<String>,
    _procs: Processes,
}

impl Desktop {
    pub fn start(label: &str) -> Desktop {
        super::require_tools(&[
            "Xvfb",
            "xdotool",
            "import",
            "identify",
            "pulseaudio",
            "parec",
        ]);
        let dir = TempDir::new(label);
        let mut procs = Processes(Vec::new());
        // Xvfb picks a free display itself and writes its number on stdout, so
        // parallel tests (and stale locks of killed servers) never collide.
        let mut xvfb = spawn(
            Command::new("Xvfb")
                .args([
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    "1280x800x24",
                    "-nolisten",
                    "tcp",
                    // Without it the server resets when its last client leaves
                    // (the readiness probe), and a window opening then fails.
                    "-noreset",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
            "Xvfb",
        );
        let mut number = String::new();
        if let Some(out) = xvfb.stdout.take() {
            use std::io::BufRead;
            let _ = std::io::BufReader::new(out).read_line(&mut number);
        }
        procs.0.push(xvfb);
        let number = number.trim();
        assert!(!number.is_empty(), "Xvfb did not say which display it took");
        let display = format!(":{number}");
        let socket = dir.join("pulse.sock");
        let script = dir.join("test.pa");
        std::fs::write(
            &script,
            format!(
                "load-module module-null-sink sink_name=leitmotif_test\n\
                 load-module module-native-protocol-unix socket={} auth-anonymous=1\n\
                 set-default-sink leitmotif_test\n",
                socket.display()
            ),
        )
        .expect("write the PulseAudio script");
        let alsa = dir.join("config/alsa");
        std::fs::create_dir_all(&alsa).expect("alsa folder");
        std::fs::write(
            alsa.join("asoundrc"),
            "pcm.!default { type pulse }\nctl.!default { type pulse }\n",
        )
        .expect("write asoundrc");
        std::fs::create_dir_all(dir.join("runtime")).expect("runtime folder");
        procs.0.push(start_pulse(&dir, &script));
        let x_ready = || {
            Command::new("xdotool")
                .arg("getmouselocation")
                .env("DISPLAY", &display)
                .stderr(Stdio::null())
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        wait_until("Xvfb", Duration::from_secs(60), x_ready);
        wait_until("PulseAudio", Duration::from_secs(60), || socket.exists());
        Desktop {
            dir,
            display,
            socket,
            bus: None,
            _procs: procs,
        }
    }

    pub fn env(&self, command: &mut Command) {
        match &self.bus {
            Some(bus) => command.env("DBUS_SESSION_BUS_ADDRESS", bus),
            None => command.env_remove("DBUS_SESSION_BUS_ADDRESS"),
        };
        command
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY")
            .env("PULSE_SERVER", format!("unix:{}", self.socket.display()))
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env("XDG_STATE_HOME", self.dir.join("state"))
            .env("XDG_RUNTIME_DIR", self.dir.join("runtime"))
            .env("HOME", &self.dir.0)
            .env("ICED_BACKEND", "tiny-skia");
    }

    pub fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .expect("run xdotool");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn screenshot(&self, path: &Path) {
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(path)
            .env("DISPLAY", &self.display)
            .status()
            .expect("run import");
        assert!(status.success(), "screenshot failed");
    }
}

/// A PulseAudio server with a null sink, private to the test.
fn start_pulse(dir: &TempDir, script: &Path) -> Child {
    spawn(
        Command::new("pulseaudio")
            .args(["-n", "-F"])
            .arg(script)
            .args([
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--disallow-exit",
                "--log-target=stderr",
            ])
            .env("HOME", &dir.0)
            .env("XDG_RUNTIME_DIR", dir.join("runtime"))
            .env("PULSE_RUNTIME_PATH", dir.join("runtime"))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        "pulseaudio",
    )
}

impl Desktop {
    /// Records what reaches the null sink (44.1 kHz, stereo, 16-bit raw) into `path`.
    pub fn record(&self, path: &Path) -> Child {
        let mut parec = Command::new("parec");
        parec
            .args([
                "-d",
                "leitmotif_test.monitor",
                "--raw",
                "--format=s16le",
                "--rate=44100",
                "--channels=2",
            ])
            .stdout(std::fs::File::create(path).expect("recording file"))
            .stderr(Stdio::null());
        self.env(&mut parec);
        spawn(&mut parec, "parec")
    }

    /// Kills the sound server (the output device goes away), waits, starts it again.
    pub fn restart_pulse(&mut self, away: Duration) {
        self.stop_pulse();
        std::thread::sleep(away);
        self.start_pulse_again();
    }

    /// Kills the sound server (an unplugged headset).
    pub fn stop_pulse(&mut self) {
        let pulse = &mut self._procs.0[1];
        let _ = pulse.kill();
        let _ = pulse.wait();
        let _ = std::fs::remove_file(&self.socket);
    }

    /// Starts the sound server killed by [`Desktop::stop_pulse`] again.
    pub fn start_pulse_again(&mut self) {
        self._procs.0[1] = start_pulse(&self.dir, &self.dir.join("test.pa"));
        wait_until("PulseAudio again", Duration::from_secs(60), || {
            self.socket.exists()
        });
    }
}

impl Desktop {
    /// Starts a private session bus; the app and clients started through
    /// [`Desktop::env`] use it.
    pub fn start_bus(&mut self) {
        super::require_tools(&["dbus-daemon"]);
        let mut daemon = spawn(
            Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address=1"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
            "dbus-daemon",
        );
        let mut address = String::new();
        if let Some(out) = daemon.stdout.take() {
            use std::io::BufRead;
            let _ = std::io::BufReader::new(out).read_line(&mut address);
        }
        self._procs.0.push(daemon);
        let address = address.trim().to_string();
        assert!(!address.is_empty(), "dbus-daemon did not say its address");
        self.bus = Some(address);
    }

    /// Starts Leitmotif with `args`, its output in `<dir>/<log>`.
    pub fn launch(&self, args: &[&std::ffi::OsStr], log: &str) -> Child {
        let mut app = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
        self.env(&mut app);
        // The app's debug notes (requests, player events) for a failing test to show.
        app.env("RUST_LOG", "error,leitmotif=debug");
        let file = std::fs::File::create(self.dir.join(log)).expect("log file");
        app.args(args).stdout(Stdio::null()).stderr(file);
        spawn(&mut app, "leitmotif")
    }

    /// Waits (up to 60 s, for a loaded machine) for a window named Leitmotif;
    /// returns its id. Shows the app's log if it never comes.
    pub fn wait_for_window(&self, log: &str) -> String {
        let start = Instant::now();
        loop {
            let found = self.xdotool(&["search", "--name", "Leitmotif"]);
            if let Some(first) = found.lines().next() {
                return first.to_string();
            }
            let said = std::fs::read_to_string(self.dir.join(log)).unwrap_or_default();
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "no window after 60 s; the app said:\n{said}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The app's log so far.
    pub fn log(&self, log: &str) -> String {
        std::fs::read_to_string(self.dir.join(log)).unwrap_or_default()
    }
}
