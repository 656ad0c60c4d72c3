//! One measurement per run, for `make bench` (bench/run.py calls it):
//! `cargo bench --bench measure -- <name> <args>`. Prints one JSON object on
//! its last line; on failure, exits non-zero with the reason on stderr.
//!
//! Names: scan-store LIB, read-tags LIB, rescan LIB, load LIB,
//! view LIB [--search Q], frame LIB [--page P] [--size WxH] [--scale S] [--frames N] [--png FILE],
//! wheel LIB [--size WxH], memory LIB | --empty, start LIB | --empty,
//! decode FILE, seek FILE, gapless, idle [--paused], loudness FILE... [--threads N],
//! loudness-decode FILE. For profiling (not in the table):
//! load-parts STORE times the load of an existing store and its parts.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use leitmotif::gui::App;
use leitmotif::gui::message::BrowseMessage;
use leitmotif::library::{Library, ScanProgress, Store, UserData, scan};
use leitmotif::playback::output::OutputKind;
use leitmotif::playback::{Command as Play, Event, PlayerService};
use rodio::Source;
use serde_json::json;

mod drawn;

type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    // As the app starts (src/main.rs).
    leitmotif::memory::no_huge_pages();
    // cargo adds `--bench` to the arguments; it means nothing here.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.is_empty() {
        // `cargo test --all-targets` runs benches with no arguments: nothing to measure.
        println!("measure: give a measurement (see bench/run.py)");
        return ExitCode::SUCCESS;
    }
    let result = match args.first().map(String::as_str) {
        Some("scan-store") => lib_arg(&args).and_then(scan_store),
        Some("read-tags") => lib_arg(&args).and_then(read_tags),
        Some("rescan") => lib_arg(&args).and_then(rescan),
        Some("load") => lib_arg(&args).and_then(load),
        Some("view") => lib_arg(&args).and_then(|lib| view(lib, option(&args, "--search"))),
        Some("frame") => lib_arg(&args).and_then(|lib| frame(lib, &args)),
        Some("wheel") => lib_arg(&args).and_then(|lib| wheel(lib, &args)),
        Some("memory") => memory(lib_or_empty(&args)),
        Some("memory-load") => lib_arg(&args).and_then(memory_load),
        Some("load-store") => lib_arg(&args).and_then(load_store),
        Some("load-parts") => lib_arg(&args).and_then(load_parts),
        Some("start") => start(lib_or_empty(&args)),
        Some("decode") => lib_arg(&args).and_then(decode),
        Some("seek") => lib_arg(&args).and_then(seek),
        Some("gapless") => gapless(),
        Some("idle") => idle(match option(args.as_slice(), "--playing") {
            Some(file) => Window::Playing(PathBuf::from(file)),
            None if args.iter().any(|a| a == "--paused") => Window::Paused,
            None => Window::NeverPlayed,
        }),
        Some("loudness") => loudness(&args),
        Some("loudness-decode") => lib_arg(&args).and_then(loudness_decode),
        _ => Err(
            "usage: measure scan-store|read-tags|rescan|load|view|memory|start LIB, \
                  frame LIB [--page library|grid|production|playing] [--size WxH] [--scale S] [--frames N] [--png FILE], \
                  wheel LIB [--size WxH], \
                  decode|seek FILE, gapless, idle [--paused], loudness FILE... [--threads N], \
                  loudness-decode FILE"
                .into(),
        ),
    };
    match result {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn lib_arg(args: &[String]) -> Result<PathBuf> {
    args.get(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .ok_or_else(|| format!("{}: give a folder or file", args[0]))
}

fn lib_or_empty(args: &[String]) -> Option<PathBuf> {
    lib_arg(args).ok()
}

fn option(args: &[String], name: &str) -> Option<String> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1).cloned()
}

/// `--size WIDTHxHEIGHT` (1920x1080 when not given): as given, and its numbers.
fn size_arg(args: &[String]) -> Result<(String, u32, u32)> {
    let size = option(args, "--size").unwrap_or_else(|| "1920x1080".into());
    let (width, height) = size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
        .ok_or_else(|| format!("--size {size}: give WIDTHxHEIGHT, as 1920x1080"))?;
    Ok((size, width, height))
}

/// A folder removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str) -> Result<Scratch> {
        let dir =
            std::env::temp_dir().join(format!("leitmotif-measure-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn quiet(_: ScanProgress) {}

fn scan_into(store_path: &Path, lib: &Path) -> Result<(usize, Duration)> {
    let mut store = Store::open(store_path)?;
    let started = Instant::now();
    let report = store.scan(&[lib.to_path_buf()], &quiet)?;
    Ok((report.parsed + report.unchanged, started.elapsed()))
}

fn scan_store(lib: PathBuf) -> Result<serde_json::Value> {
    let scratch = Scratch::new("scan")?;
    let (files, took) = scan_into(&scratch.0.join("library.sqlite3"), &lib)?;
    let seconds = took.as_secs_f64();
    Ok(
        json!({"what": "scan-store", "files": files, "seconds": seconds,
              "value": files as f64 / seconds, "unit": "files/s"}),
    )
}

fn read_tags(lib: PathBuf) -> Result<serde_json::Value> {
    let started = Instant::now();
    let mut counts = ScanProgress::default();
    let walk = scan::walk(&[lib], &mut counts, &quiet);
    let paths: Vec<PathBuf> = walk.files.into_iter().map(|f| f.path).collect();
    let results = scan::read_all(&paths, &mut counts, &quiet);
    let seconds = started.elapsed().as_secs_f64();
    let read = results.iter().filter(|r| r.is_ok()).count();
    Ok(
        json!({"what": "read-tags", "files": read, "seconds": seconds,
              "value": read as f64 / seconds, "unit": "files/s"}),
    )
}

fn rescan(lib: PathBuf) -> Result<serde_json::Value> {
    let scratch = Scratch::new("rescan")?;
    let path = scratch.0.join("library.sqlite3");
    let (files, _) = scan_into(&path, &lib)?;
    let (_, took) = scan_into(&path, &lib)?;
    Ok(json!({"what": "rescan", "files": files, "value": ms(took), "unit": "ms"}))
}

fn load(lib: PathBuf) -> Result<serde_json::Value> {
    let scratch = Scratch::new("load")?;
    let path = scratch.0.join("library.sqlite3");
    let (files, _) = scan_into(&path, &lib)?;
    let started = Instant::now();
    let store = Store::open(&path)?;
    let library = Library::from_store(&store, &UserData::default())?;
    let took = started.elapsed();
    Ok(
        json!({"what": "load", "files": files, "tracks": library.tracks.len(),
              "value": ms(took), "unit": "ms"}),
    )
}

/// For profiling: only the load of an existing store (as the window and
/// `leitmotif scan` do it), 10 times; the median.
fn load_store(path: PathBuf) -> Result<serde_json::Value> {
    let mut took = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        let store = Store::open(&path)?;
        let library = Library::from_store(&store, &UserData::default())?;
        took.push(ms(started.elapsed()));
        drop(library);
    }
    took.sort_by(f64::total_cmp);
    Ok(json!({"what": "load-store", "value": took[took.len() / 2], "unit": "ms"}))
}

/// For profiling: the load of an existing store, its parts timed, 5 times.
fn load_parts(path: PathBuf) -> Result<serde_json::Value> {
    let mut runs = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let store = Store::open(&path)?;
        let library = Library::from_store(&store, &UserData::default())?;
        let loaded = started.elapsed();
        drop(library);
        drop(store);
        let started = Instant::now();
        let store = Store::open(&path)?;
        let (files, problems) = store.load()?;
        let read = started.elapsed();
        let library = Library::build(files, problems, &[], &UserData::default());
        let built = started.elapsed();
        drop(library);
        let dropped = started.elapsed() - built;
        // Only SQLite's rows copied out, on this thread.
        let started = Instant::now();
        let mut rows = 0;
        store.load_each(2048, &mut |chunk| rows += chunk.rows())?;
        let raw = started.elapsed();
        runs.push(json!({"from_store_ms": ms(loaded), "read_ms": ms(read),
                         "build_ms": ms(built - read), "drop_ms": ms(dropped),
                         "rows_ms": ms(raw), "rows": rows}));
    }
    Ok(json!({"what": "load-parts", "runs": runs}))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// One frame's view and layout of the library page (or its search results):
/// the median of 20 frames after a warm-up.
fn view(lib: PathBuf, search: Option<String>) -> Result<serde_json::Value> {
    let library = Library::scan(&[lib], &quiet);
    let tracks = library.tracks.len();
    let mut app = App::with_library(library);
    if let Some(query) = &search {
        let _ = app.update(leitmotif::gui::Message::Browse(BrowseMessage::Search(
            query.clone(),
        )));
    }
    use iced_runtime::core::renderer::Headless;
    let mut renderer = async_io::block_on(<iced::Renderer as Headless>::new(
        iced::Font::DEFAULT,
        iced::Pixels(16.0),
        Some("tiny-skia"),
    ))
    .ok_or("no headless renderer")?;
    let mut frame = |app: &App| {
        let started = Instant::now();
        let ui = iced_runtime::UserInterface::build(
            app.view(),
            iced::Size::new(1100.0, 760.0),
            iced_runtime::user_interface::Cache::default(),
            &mut renderer,
        );
        let took = started.elapsed();
        drop(ui);
        took
    };
    let _ = frame(&app);
    let times: Vec<f64> = (0..20).map(|_| ms(frame(&app))).collect();
    Ok(
        json!({"what": if search.is_some() { "view-search" } else { "view" },
              "tracks": tracks, "listed": app.browse().shelf().tracks(),
              "value": median(times), "unit": "ms"}),
    )
}

/// Drawn frames (see `drawn`): the library list, the grid or the production
/// page scrolled by one wheel step (down, and back up from the end), or the
/// player's position moving on (the seek bar and the timeline strip) while a
/// cue plays; the median of 40 frames after 10 to warm up.
fn frame(lib: PathBuf, args: &[String]) -> Result<serde_json::Value> {
    use iced::mouse::{self, ScrollDelta};
    use leitmotif::gui::Message;
    use leitmotif::gui::message::{PlayMessage, TransportMessage};
    let page = option(args, "--page").unwrap_or_else(|| "library".into());
    let (size, width, height) = size_arg(args)?;
    let scale: f32 = option(args, "--scale")
        .map(|s| {
            s.parse()
                .map_err(|_| format!("--scale {s}: give a number, as 2"))
        })
        .transpose()?
        .unwrap_or(1.0);
    let library = Library::scan(&[lib], &quiet);
    let tracks = library.tracks.len();
    // The production with the most tracks: the longest page, the busiest strip.
    let biggest = library
        .productions
        .iter()
        .max_by_key(|p| p.tracks.len())
        .ok_or("the library has no productions")?;
    let (key, first) = (biggest.key.clone(), biggest.timeline.first().copied());
    let first = first.map(|id| library.tracks[id].key());
    // The covers, as the window's covers thread finds and scales them after a load.
    let scratch = Scratch::new("frame")?;
    let covers = leitmotif::gui::state::covers::for_window(
        leitmotif::gui::state::covers::lookup(
            &leitmotif::gui::state::covers::first_files(&library),
            None,
        ),
        // `--unscaled-covers` draws the files as found, as the window did before.
        (!args.iter().any(|a| a == "--unscaled-covers")).then_some(scratch.0.as_path()),
    );
    let mut app = App::with_library(library);
    let _ = app.update(Message::Library(
        leitmotif::gui::message::LibraryMessage::CoversFound(app.library_generation(), covers),
    ));
    match page.as_str() {
        "library" | "playing" => {}
        "grid" => {
            let _ = app.update(Message::Browse(BrowseMessage::SetGrid(true)));
        }
        "production" => {
            let _ = app.update(Message::Browse(BrowseMessage::OpenProduction(key)));
        }
        other => {
            return Err(format!(
                "--page {other}: library, grid, production or playing"
            ));
        }
    }
    if page == "playing" {
        let first = first.ok_or("the biggest production has no tracks")?;
        let _ = app.update(Message::Play(PlayMessage::Track(first)));
    }
    let mut window = drawn::Window::new(width, height, scale)?;
    let logical = window.logical();
    // Over the list, left of the now-playing panel.
    window.point(iced::Point::new(
        logical.width * 0.35,
        logical.height * 0.55,
    ));
    let wheel = |y: f32| {
        [iced::Event::Mouse(mouse::Event::WheelScrolled {
            delta: ScrollDelta::Lines { x: 0.0, y },
        })]
    };
    let mut at = Duration::ZERO;
    // Down the list; at its end (a step that paints nothing), back up.
    let mut down = true;
    let mut step = |window: &mut drawn::Window, app: &mut App| {
        if page == "playing" {
            // The player reports its position four times a second.
            at += Duration::from_millis(250);
            let tick = Message::Transport(TransportMessage::Player(
                leitmotif::playback::Event::Position(at),
            ));
            return window.frame(app, &[], vec![tick]);
        }
        let frame = window.frame(app, &wheel(if down { -1.0 } else { 1.0 }), Vec::new());
        if !frame.rectangles.is_empty() {
            return frame;
        }
        down = !down;
        window.frame(app, &wheel(if down { -1.0 } else { 1.0 }), Vec::new())
    };
    let _ = window.frame(&mut app, &[], Vec::new());
    for _ in 0..10 {
        let _ = step(&mut window, &mut app);
    }
    let count: usize = option(args, "--frames")
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let frames: Vec<drawn::Frame> = (0..count).map(|_| step(&mut window, &mut app)).collect();
    // `--png FILE`: the window as the last frame left it, to look at.
    if let Some(png) = option(args, "--png") {
        image::save_buffer(
            &png,
            window.pixels(),
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| format!("--png {png}: {e}"))?;
    }
    let painted = median(frames.iter().map(|f| f64::from(f.painted)).collect());
    let rectangles = median(frames.iter().map(|f| f.rectangles.len() as f64).collect());
    let layers = median(frames.iter().map(|f| f.layers as f64).collect());
    let masked = median(frames.iter().map(|f| f64::from(f.masked)).collect());
    let times = frames.iter().map(|f| ms(f.took)).collect();
    Ok(
        json!({"what": "frame", "page": page, "size": size, "scale": scale, "tracks": tracks,
              "painted": painted, "rectangles": rectangles, "layers": layers, "masked": masked, "value": median(times), "unit": "ms"}),
    )
}

/// Peak memory of a process that loads the library as the app holds it.
/// The scan is done first by this process; a fresh one loads and measures.
fn memory(lib: Option<PathBuf>) -> Result<serde_json::Value> {
    let scratch = Scratch::new("memory")?;
    let path = scratch.0.join("library.sqlite3");
    match &lib {
        Some(lib) => {
            let _ = scan_into(&path, lib)?;
        }
        None => {
            let _ = Store::open(&path)?;
        }
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .arg("memory-load")
        .arg(&path)
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut value: serde_json::Value = text
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .ok_or_else(|| format!("memory-load said: {}", String::from_utf8_lossy(&out.stderr)))?;
    value["what"] = json!(if lib.is_some() {
        "memory"
    } else {
        "memory-empty"
    });
    Ok(value)
}

fn memory_load(store: PathBuf) -> Result<serde_json::Value> {
    let store = Store::open(&store)?;
    let library = Library::from_store(&store, &UserData::default())?;
    let tracks = library.tracks.len();
    let app = App::with_library(library);
    drop(app.view());
    let status = std::fs::read_to_string("/proc/self/status").map_err(|e| e.to_string())?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or("no VmHWM in /proc/self/status")?;
    Ok(json!({"what": "memory", "tracks": tracks, "value": kb / 1024.0, "unit": "MB"}))
}

/// Process start to the first frame that shows the library, in a real window
/// under a private Xvfb (the view is built; drawing follows within a frame).
fn start(lib: Option<PathBuf>) -> Result<serde_json::Value> {
    let scratch = Scratch::new("start")?;
    let data = scratch.0.join("data");
    let store = data.join("leitmotif/library.sqlite3");
    std::fs::create_dir_all(store.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
    let tracks = match &lib {
        Some(lib) => scan_into(&store, lib)?.0,
        None => {
            // An empty library of the user's: a store with one empty folder.
            let empty = scratch.0.join("empty");
            std::fs::create_dir_all(&empty).map_err(|e| e.to_string())?;
            scan_into(&store, &empty)?.0
        }
    };
    let (mut xvfb, display) = xvfb()?;
    let mut app = window_app(&scratch.0, &display);
    let started = Instant::now();
    let out = app
        .env("LEITMOTIF_BENCH_FIRST_FRAME", "1")
        .stdout(Stdio::null())
        .output();
    let took = started.elapsed();
    let _ = xvfb.kill();
    let _ = xvfb.wait();
    let out = out.map_err(|e| e.to_string())?;
    let said = String::from_utf8_lossy(&out.stderr);
    if !said.contains("first frame with the library") {
        return Err(format!(
            "the app never showed its library (is it built with --features bench-hooks?): {said}"
        ));
    }
    Ok(
        json!({"what": if lib.is_some() { "start" } else { "start-empty" },
              "tracks": tracks, "value": ms(took), "unit": "ms"}),
    )
}

/// A private X server; its display name (":N").
fn xvfb() -> Result<(std::process::Child, String)> {
    xvfb_sized("1280x800")
}

/// A private Xvfb with one screen of `size` (as 1920x1080).
fn xvfb_sized(size: &str) -> Result<(std::process::Child, String)> {
    let screen = format!("{size}x24");
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            &screen,
            "-nolisten",
            "tcp",
            "-noreset",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start Xvfb (apt install xvfb): {e}"))?;
    let mut number = String::new();
    if let Some(out) = xvfb.stdout.take() {
        use std::io::BufRead;
        let _ = std::io::BufReader::new(out).read_line(&mut number);
    }
    Ok((xvfb, format!(":{}", number.trim())))
}

/// The app for a real window on `display`, its data, settings, state and
/// runtime folders all under `scratch` (created), rendering with tiny-skia.
fn window_app(scratch: &Path, display: &str) -> Command {
    let runtime = scratch.join("runtime");
    let _ = std::fs::create_dir_all(&runtime);
    let mut app = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    app.env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("HOME", scratch)
        .env("XDG_DATA_HOME", scratch.join("data"))
        .env("XDG_CONFIG_HOME", scratch.join("config"))
        .env("XDG_STATE_HOME", scratch.join("state"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("ICED_BACKEND", "tiny-skia");
    app
}

/// A private PulseAudio with a null sink; its socket.
fn pulse(dir: &Path) -> Result<(std::process::Child, PathBuf)> {
    let runtime = dir.join("pulse");
    std::fs::create_dir_all(&runtime).map_err(|e| e.to_string())?;
    let socket = runtime.join("native");
    let script = dir.join("bench.pa");
    std::fs::write(
        &script,
        format!(
            "load-module module-null-sink sink_name=out\n\
             load-module module-native-protocol-unix socket={} auth-anonymous=1\n\
             set-default-sink out\n",
            socket.display()
        ),
    )
    .map_err(|e| e.to_string())?;
    let child = Command::new("pulseaudio")
        .args(["-n", "-F"])
        .arg(&script)
        .args(["--daemonize=no", "--exit-idle-time=-1", "--disallow-exit"])
        .env("HOME", dir)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("PULSE_RUNTIME_PATH", &runtime)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start pulseaudio (apt install pulseaudio): {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !socket.exists() {
        if Instant::now() > deadline {
            return Err("pulseaudio never made its socket".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((child, socket))
}

/// CPU time a process has used, all threads, in clock ticks (1/100 s).
fn cpu_ticks(pid: u32) -> Result<u64> {
    stat_ticks(&format!("/proc/{pid}/stat"))
}

/// The CPU ticks of a process's main thread: for the app, its window's thread.
fn thread_ticks(pid: u32) -> Result<u64> {
    stat_ticks(&format!("/proc/{pid}/task/{pid}/stat"))
}

/// User and system ticks from a /proc `stat` file.
fn stat_ticks(path: &str) -> Result<u64> {
    let stat = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    // Fields after the command (which may hold spaces) from its closing paren.
    let rest = stat.rsplit_once(')').ok_or("odd /proc stat")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    // utime and stime are fields 14 and 15; field 3 is fields[0] here.
    Ok(field(11).ok_or("no utime")? + field(12).ok_or("no stime")?)
}

/// What the idle window measures.
enum Window {
    NeverPlayed,
    /// Played with Space, then paused.
    Paused,
    /// Playing this file, opened on the command line.
    Playing(PathBuf),
}

/// What an idle window costs: the real app on the demo in a window, with
/// sound through a private PulseAudio, its CPU ticks over 20 s once it has
/// settled, never played (`idle`) or after playing and pausing
/// (`idle --paused`, Space pressed with xdotool); or the window open while
/// a file plays (`idle --playing FILE`, a file of more than 30 s).
fn idle(window: Window) -> Result<serde_json::Value> {
    let paused = matches!(window, Window::Paused);
    let scratch = Scratch::new("idle")?;
    let (mut x, display) = xvfb()?;
    let (mut pa, socket) = match pulse(&scratch.0) {
        Ok(p) => p,
        Err(e) => {
            let _ = x.kill();
            return Err(e);
        }
    };
    let alsa = scratch.0.join("config/alsa");
    std::fs::create_dir_all(&alsa).map_err(|e| e.to_string())?;
    std::fs::write(
        alsa.join("asoundrc"),
        "pcm.!default { type pulse }\nctl.!default { type pulse }\n",
    )
    .map_err(|e| e.to_string())?;
    let opened = match &window {
        Window::Playing(file) => file.clone(),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo"),
    };
    let app = window_app(&scratch.0, &display)
        .arg(&opened)
        .env("PULSE_SERVER", format!("unix:{}", socket.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let result = app.map_err(|e| e.to_string()).and_then(|mut app| {
        let measured = (|| {
            std::thread::sleep(Duration::from_secs(4));
            if paused {
                let key = |k: &str| {
                    Command::new("xdotool")
                        .args([
                            "search",
                            "--name",
                            "Leitmotif",
                            "windowfocus",
                            "--sync",
                            "key",
                            k,
                        ])
                        .env("DISPLAY", &display)
                        .status()
                        .map_err(|e| format!("cannot run xdotool (apt install xdotool): {e}"))
                };
                key("space")?;
                std::thread::sleep(Duration::from_secs(2));
                key("space")?;
                std::thread::sleep(Duration::from_millis(500));
                // The player saves its place on pause: proof it played.
                let saved = scratch.0.join("state/leitmotif/playback.json");
                let state = leitmotif::playback::Resume::load(&saved)
                    .ok_or("Space never played and paused the demo (no saved state)")?;
                if state.position_ms < 1_000 {
                    return Err(format!("it played only {} ms", state.position_ms));
                }
            }
            if matches!(window, Window::Playing(_)) {
                // Started, and the file's loudness measured (a second at most).
                std::thread::sleep(Duration::from_secs(2));
                let before = cpu_ticks(app.id())?;
                std::thread::sleep(Duration::from_secs(20));
                let ticks = cpu_ticks(app.id())? - before;
                // Still playing: a stream into the private PulseAudio.
                let streams = Command::new("pactl")
                    .args(["list", "short", "sink-inputs"])
                    .env("PULSE_SERVER", format!("unix:{}", socket.display()))
                    .output()
                    .map_err(|e| format!("cannot run pactl (apt install pulseaudio-utils): {e}"))?;
                if streams.stdout.is_empty() {
                    return Err("the file was not playing at the end of the 20 s".into());
                }
                return Ok(ticks);
            }
            // Past the release of the idle audio output.
            std::thread::sleep(
                leitmotif::playback::service::RELEASE_IDLE_OUTPUT + Duration::from_secs(2),
            );
            let before = cpu_ticks(app.id())?;
            std::thread::sleep(Duration::from_secs(20));
            Ok::<u64, String>(cpu_ticks(app.id())? - before)
        })();
        let _ = app.kill();
        let _ = app.wait();
        measured
    });
    let _ = x.kill();
    let _ = x.wait();
    let _ = pa.kill();
    let _ = pa.wait();
    let ticks = result?;
    let what = match window {
        Window::NeverPlayed => "idle",
        Window::Paused => "idle-paused",
        Window::Playing(_) => "idle-playing",
    };
    Ok(json!({"what": what,
              "value": ticks, "unit": "ticks/20 s"}))
}

/// What a wheel step costs in the real window: the app on the library, in a
/// private Xvfb of `--size` (1920x1080), its window that size, the pointer
/// over the list; 30 wheel steps 250 ms apart. The value is the CPU time of
/// the window's thread (the one that updates, lays out and draws) per step,
/// less what the same thread spent in as long a time without scrolling
/// (the loudness analysis reports its progress to it meanwhile).
fn wheel(lib: PathBuf, args: &[String]) -> Result<serde_json::Value> {
    const STEPS: u64 = 30;
    const APART: Duration = Duration::from_millis(250);
    let (size, width, height) = size_arg(args)?;
    let scratch = Scratch::new("wheel")?;
    let data = scratch.0.join("data");
    let store = data.join("leitmotif/library.sqlite3");
    std::fs::create_dir_all(store.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
    let tracks = scan_into(&store, &lib)?.0;
    let (mut xvfb, display) = xvfb_sized(&size)?;
    let app = window_app(&scratch.0, &display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let result = app.map_err(|e| e.to_string()).and_then(|mut app| {
        let measured = (|| {
            let x = |args: &[&str]| -> Result<String> {
                let out = Command::new("xdotool")
                    .args(args)
                    .env("DISPLAY", &display)
                    .output()
                    .map_err(|e| format!("cannot run xdotool (apt install xdotool): {e}"))?;
                if !out.status.success() {
                    return Err(format!("xdotool {} failed", args.join(" ")));
                }
                Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
            };
            let shot = || -> Result<Vec<u8>> {
                let out = Command::new("import")
                    .args(["-window", "root", "rgb:-"])
                    .env("DISPLAY", &display)
                    .output()
                    .map_err(|e| format!("cannot run import (apt install imagemagick): {e}"))?;
                Ok(out.stdout)
            };
            let window = x(&["search", "--sync", "--name", "Leitmotif"])?;
            let window = window.lines().next().unwrap_or_default().to_string();
            let (w, h) = (width.to_string(), height.to_string());
            x(&["windowsize", &window, &w, &h])?;
            x(&["windowmove", &window, "0", "0"])?;
            let (px, py) = (
                (width * 35 / 100).to_string(),
                (height * 55 / 100).to_string(),
            );
            x(&["mousemove", &px, &py])?;
            // Settled: the library loaded and drawn, the window's thread quiet.
            let thread = app.id();
            let mut quiet = 0;
            for _ in 0..60 {
                let before = thread_ticks(thread)?;
                std::thread::sleep(Duration::from_millis(500));
                quiet = if thread_ticks(thread)? - before <= 2 {
                    quiet + 1
                } else {
                    0
                };
                if quiet == 3 {
                    break;
                }
            }
            let still = shot()?;
            let before = thread_ticks(thread)?;
            std::thread::sleep(APART * STEPS as u32);
            let idle = thread_ticks(thread)? - before;
            let before = thread_ticks(thread)?;
            for _ in 0..STEPS {
                x(&["click", "5"])?;
                std::thread::sleep(APART);
            }
            let scrolling = thread_ticks(thread)? - before;
            if shot()? == still {
                return Err("the window did not change as the wheel turned".into());
            }
            Ok::<(u64, u64), String>((scrolling, idle))
        })();
        let _ = app.kill();
        let _ = app.wait();
        measured
    });
    let _ = xvfb.kill();
    let _ = xvfb.wait();
    let (scrolling, idle) = result?;
    let tick = 1000.0 / clock_ticks_per_second();
    let per_step = scrolling.saturating_sub(idle) as f64 * tick / STEPS as f64;
    Ok(
        json!({"what": "wheel", "size": size, "tracks": tracks, "steps": STEPS,
              "ticks": scrolling, "idle_ticks": idle, "value": per_step, "unit": "ms"}),
    )
}

/// Clock ticks a second (`getconf CLK_TCK`; 100 on Linux).
fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// A player on no device, at `rate`, and its output to pull from.
fn detached(rate: u32) -> Result<(PlayerService, rodio::mixer::MixerSource)> {
    let (tx, rx) = mpsc::channel();
    let player = PlayerService::start(OutputKind::Detached { rate, handout: tx });
    let output = rx
        .recv_timeout(Duration::from_secs(5))
        .map_err(|_| "no mixer output")?;
    Ok((player, output))
}

fn wait_started(player: &PlayerService) -> Result<()> {
    while let Some(event) = player.next_event(Duration::from_secs(5)) {
        match event {
            Event::TrackStarted { .. } => return Ok(()),
            Event::Error { reason, .. } => return Err(reason),
            _ => {}
        }
    }
    Err("the track never started".into())
}

/// The playback pipeline (decoder, gain, mixer) pulled as fast as it goes.
fn decode(file: PathBuf) -> Result<serde_json::Value> {
    let probe = leitmotif::playback::decode::open(&file)?;
    let (rate, channels) = (probe.sample_rate().get(), probe.channels().get());
    let audio = probe
        .total_duration()
        .ok_or("the file does not say how long it is")?;
    drop(probe);
    let (player, mut output) = detached(rate)?;
    player.send(Play::PlayList {
        items: vec![file],
        start: 0,
    });
    let expected = (audio.as_secs_f64() * f64::from(rate) * 2.0) as usize;
    let started = Instant::now();
    let mut pulled = 0usize;
    let mut ended = false;
    while !ended {
        for _ in 0..8192 {
            if output.next().is_some() {
                pulled += 1;
            }
        }
        while let Some(event) = player.try_event() {
            ended |= matches!(event, Event::QueueEnded | Event::Error { .. });
        }
        if started.elapsed() > Duration::from_secs(120) {
            return Err("decoding took over two minutes".into());
        }
    }
    let wall = started.elapsed().as_secs_f64();
    Ok(
        json!({"what": "decode", "channels": channels, "samples": pulled,
              "expected_samples": expected, "audio_seconds": audio.as_secs_f64(),
              "value": audio.as_secs_f64() / wall, "unit": "x real time"}),
    )
}

/// From a seek command to the first sample of the new position at the output.
fn seek(file: PathBuf) -> Result<serde_json::Value> {
    let reference: Vec<f32> = leitmotif::playback::decode::open(&file)?.collect();
    let probe = leitmotif::playback::decode::open(&file)?;
    let (rate, channels) = (
        probe.sample_rate().get(),
        usize::from(probe.channels().get()),
    );
    drop(probe);
    let (player, mut output) = detached(rate)?;
    player.send(Play::PlayList {
        items: vec![file],
        start: 0,
    });
    wait_started(&player)?;
    // The mixer may hand out silence before the track's first sample.
    let waited = Instant::now();
    while output.next().unwrap_or(0.0) == 0.0 {
        if waited.elapsed() > Duration::from_secs(2) {
            return Err("the track never made a sound".into());
        }
    }
    let mut times = Vec::new();
    let frames = reference.len() / channels;
    // Noise-like music (the bench's test files) makes 64 samples unique in the file.
    let locate = |window: &[f32]| reference.windows(window.len()).position(|w| w == window);
    for i in 0..21u64 {
        // Positions spread over the file, never near its end.
        let frame = (frames as u64 * (i * 37 % 80 + 5) / 100) as usize;
        let at = Duration::from_secs_f64(frame as f64 / f64::from(rate));
        let recent: Vec<f32> = (0..4410).map(|_| output.next().unwrap_or(0.0)).collect();

        // Where the output is now in the file; after the seek, the first sample
        // that is not the continuation from there is the new position's.
        let Some(here) = locate(&recent[recent.len() - 64..]) else {
            let near = reference
                .iter()
                .position(|r| (r - recent[recent.len() - 64]).abs() < 1e-6);
            return Err(format!(
                "the output is not the file's samples: {:?} vs reference {:?} (nearest {near:?})",
                &recent[recent.len() - 4..],
                &reference[..4]
            ));
        };
        let mut next = here + 64;
        let started = Instant::now();
        player.send(Play::SeekTo(at));
        loop {
            let sample = output.next().unwrap_or(0.0);
            if reference.get(next) == Some(&sample) {
                next += 1; // still the old position
            } else if sample != 0.0 {
                break; // the first sample of the new position
            } else {
                // Silence while the player opens the file again: keep waiting.
                next = usize::MAX;
            }
            if started.elapsed() > Duration::from_secs(2) {
                return Err(format!("the output never moved to {at:?} after a seek"));
            }
        }
        if i > 0 {
            times.push(ms(started.elapsed()));
        }
    }
    Ok(
        json!({"what": "seek", "seeks": times.len(), "value": median(times.clone()),
              "max": times.iter().copied().fold(0.0, f64::max), "unit": "ms"}),
    )
}

/// Samples added or lost where tracks join: FLAC, MP3 and Ogg pairs from the demo.
fn gapless() -> Result<serde_json::Value> {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let score = demo.join("Arrival Point (2024)/Arrival Point (Original Motion Picture Score)");
    let pairs = [
        (
            score.join("01 1M1 Landing.flac"),
            demo.join("Lanternfall OST/02 Forest of Echoes.flac"),
        ),
        (
            score.join("03 5M2 Departure.mp3"),
            demo.join("Lanternfall OST/03 Boss - The Hollow King.mp3"),
        ),
        (
            score.join("02 2M3 The Signal.ogg"),
            demo.join("Lanternfall OST/01 Title Screen.ogg"),
        ),
    ];
    let mut wrong = 0usize;
    for (a, b) in pairs {
        let mut expected: Vec<f32> = leitmotif::playback::decode::open(&a)?.collect();
        expected.extend(leitmotif::playback::decode::open(&b)?);
        let rate = leitmotif::playback::decode::open(&a)?.sample_rate().get();
        let (player, mut output) = detached(rate)?;
        player.send(Play::PlayList {
            items: vec![a, b],
            start: 0,
        });
        wait_started(&player)?;
        // An empty mixer gives nothing; a sound card would play silence.
        let got: Vec<f32> = (0..expected.len() + rate as usize * 2)
            .map(|_| output.next().unwrap_or(0.0))
            .collect();
        let start = got
            .windows(512)
            .position(|w| w == &expected[..512])
            .ok_or("the first track's opening never came")?;
        let played = &got[start..(start + expected.len()).min(got.len())];
        wrong += expected.len() - played.len();
        wrong += played.iter().zip(&expected).filter(|(g, e)| g != e).count();
        wrong += got[start + played.len()..]
            .iter()
            .filter(|s| **s != 0.0)
            .count();
    }
    Ok(json!({"what": "gapless", "joins": 3, "value": wrong, "unit": "samples"}))
}

/// `leitmotif loudness`'s work on FILES as one album: each measured on its
/// own thread (all cores, or `--threads N`), then the album gated; the wall
/// time from the first file opened to the album's value.
fn loudness(args: &[String]) -> Result<serde_json::Value> {
    use leitmotif::loudness::pool::{self, Controls, Event};
    use leitmotif::loudness::{Source, album_loudness, analyse};
    let threads = option(args, "--threads")
        .map(|n| n.parse::<usize>().map_err(|e| format!("--threads: {e}")))
        .transpose()?
        .unwrap_or_else(pool::cores);
    let mut files: Vec<PathBuf> = Vec::new();
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg == "--threads" {
            let _ = rest.next();
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    if files.is_empty() {
        return Err("loudness: give the files to measure".into());
    }
    let sources: Vec<Source> = files.iter().map(|f| Source::file(f)).collect();
    let started = Instant::now();
    let mut results: Vec<Option<std::result::Result<_, String>>> = vec![None; sources.len()];
    pool::run(
        &sources,
        threads,
        false,
        &Controls::default(),
        analyse,
        |e| {
            if let Event::Finished(i, r) = e {
                results[i] = Some(r);
            }
        },
    );
    let measured = results
        .into_iter()
        .zip(&files)
        .map(|(r, f)| {
            r.unwrap_or_else(|| Err("not measured".into()))
                .map_err(|e| format!("{}: {e}", f.display()))
        })
        .collect::<Result<Vec<_>>>()?;
    let album = album_loudness(&measured).ok_or("no album")?;
    let took = started.elapsed().as_secs_f64();
    let audio: f64 = measured.iter().map(|m| m.duration.as_secs_f64()).sum();
    let tracks: Vec<serde_json::Value> = files
        .iter()
        .zip(&measured)
        .map(|(f, m)| {
            json!({"file": f, "integrated_lufs": m.integrated_lufs,
                   "true_peak_dbtp": m.true_peak_dbtp(), "loudness_range_lu": m.range_lu})
        })
        .collect();
    Ok(
        json!({"what": "loudness", "files": files.len(), "threads": threads,
              "audio_seconds": audio, "x_real_time": audio / took,
              "album_lufs": album.integrated_lufs, "tracks": tracks,
              "value": took, "unit": "s"}),
    )
}

/// Decoding for analysis alone (symphonia to planes, nothing measured), on
/// this one thread.
fn loudness_decode(file: PathBuf) -> Result<serde_json::Value> {
    let started = Instant::now();
    let mut opened = leitmotif::loudness::decode::open(&file)?;
    let rate = opened.rate;
    let mut frames = 0u64;
    let decoded = opened.run(0, None, &mut |planes| {
        frames += planes.frames() as u64;
        Ok(())
    })?;
    let took = started.elapsed().as_secs_f64();
    let audio = decoded.frames as f64 / f64::from(rate);
    Ok(
        json!({"what": "loudness-decode", "frames": frames, "audio_seconds": audio,
              "seconds": took, "value": audio / took, "unit": "x real time"}),
    )
}
