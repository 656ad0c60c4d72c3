#!/usr/bin/env python3
"""`make bench`: measures Leitmotif against its targets and its peers.

    python3 bench/run.py [--quick] [--runs N] [--no-beets]

1. Makes (or reuses) a virtual environment, target/bench-venv, with the peers'
   Python packages (beets, mutagen) at pinned versions.
2. Generates (or reuses) the test libraries under $LEITMOTIF_BENCH_DIR
   (default /tmp/leitmotif-bench): lib-100, lib-10k and lib-50k, plus 60 s test
   files in FLAC, MP3 and Ogg Vorbis for the playback measurements.
3. Builds the Rust measurements once (`cargo bench --no-run`), then runs each as
   its own process: the built `measure` executable with NAME ARGS... (what
   `cargo bench --locked --bench measure -- NAME ARGS...` runs), which prints one
   JSON object on its last line of output.
4. Times the peers (bench/peers.py): a mutagen walk, beets, ffmpeg.
5. Prints a table (median, min, max, ratio to the peer, pass or miss) and writes
   it to bench/results.md with the machine it came from.

A measurement that fails is recorded as "failed: <its last error line>" and
the rest go on. --quick measures on the 10,000-file library only (targets set
for 50,000 are then checked at 10,000, and marked so) with fewer runs.

Standard library only; the venv's Python runs the parts that need mutagen.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # No bench/__pycache__ in the work tree.
import gen_library  # noqa: E402 - next to this file; stdlib only at import time.

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, "bench")
VENV = os.path.join(REPO, "target", "bench-venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")
RESULTS = os.path.join(BENCH, "results.md")
RAW_RESULTS = os.path.join(REPO, "target", "bench-results.json")

# The peers' versions are pinned so that results from different days compare.
PEER_PACKAGES = {"beets": "2.14.1", "mutagen": "1.48.1"}

LIBRARIES = {"lib-100": 100, "lib-10k": 10_000, "lib-50k": 50_000}
TONE_SECONDS = 60
TONE_FORMATS = ("flac", "mp3", "ogg")
TONES_VERSION = 1
# The drawn-frame measurements: the page, and what its frame is.
FRAME_PAGES = {
    "library": "library list scrolled one wheel step",
    "grid": "grid scrolled one wheel step",
    "production": "production page scrolled one wheel step",
    "playing": "now playing, the playhead moving (seek bar, timeline strip)",
}
SEARCH_QUERY = "signal"
MEASURE_TIMEOUT = 1800  # Seconds for one measurement process; the build has none.


def say(message):
    print(message, flush=True)


# --------------------------------------------------------------------------
# Set-up: the venv, the libraries, the test tones.
# --------------------------------------------------------------------------


def venv_ready():
    """True when the venv exists and has the pinned peer packages."""
    if not os.access(VENV_PYTHON, os.X_OK):
        return False
    check = ("import sys\nfrom importlib import metadata\n"
             f"pins = {PEER_PACKAGES!r}\n"
             "sys.exit(any(metadata.version(p) != v for p, v in pins.items()))")
    try:
        return subprocess.run([VENV_PYTHON, "-c", check], capture_output=True).returncode == 0
    except OSError:
        return False


def ensure_venv():
    if venv_ready():
        say(f"venv: {os.path.relpath(VENV, REPO)} has "
            + ", ".join(f"{p} {v}" for p, v in PEER_PACKAGES.items()))
        return
    if not os.access(VENV_PYTHON, os.X_OK):
        say(f"venv: creating {os.path.relpath(VENV, REPO)}")
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    pins = [f"{p}=={v}" for p, v in PEER_PACKAGES.items()]
    say(f"venv: pip install {' '.join(pins)}")
    subprocess.run([VENV_PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *pins], check=True)


def generate_libraries(bench_dir, names):
    """Runs gen_library.py for each library (it reuses what is already there)."""
    paths = {}
    for name in names:
        path = os.path.join(bench_dir, name)
        say(f"library {name}: {LIBRARIES[name]:,} files in {path}")
        subprocess.run([VENV_PYTHON, os.path.join(BENCH, "gen_library.py"), path,
                        str(LIBRARIES[name])], check=True)
        paths[name] = path
    return paths


def make_tones(bench_dir):
    """Makes (or reuses) the 60 s test files for decode and seek; returns {format: path}."""
    folder = os.path.join(bench_dir, "tones")
    paths = {fmt: os.path.join(folder, f"tone-{TONE_SECONDS}s.{fmt}") for fmt in TONE_FORMATS}
    marker = os.path.join(folder, f".tones-v{TONES_VERSION}")
    if os.path.exists(marker) and all(os.path.isfile(p) for p in paths.values()):
        say(f"tones: reusing {folder}")
        return paths
    say(f"tones: making {TONE_SECONDS} s test files in {folder}")
    os.makedirs(folder, exist_ok=True)
    wav = os.path.join(folder, "tone.wav")
    gen_library.tone_wav(wav, TONE_SECONDS, noise=True)
    for path in paths.values():
        gen_library.encode(wav, path)
    os.remove(wav)
    open(marker, "w").close()
    return paths


# --------------------------------------------------------------------------
# Running measurements.
# --------------------------------------------------------------------------


class MeasureError(Exception):
    """A measurement that did not give a result; the message is its last error line."""


# Lines from cargo itself, not from the measurement: never the reason for a failure.
CARGO_NOISE = re.compile(
    r"^\s*(Compiling|Finished|Running|Blocking|Fresh|Updating|Downloading|Downloaded|Locking"
    r"|Adding|Executable)\b|^error: bench failed|^Caused by:|^\s*process didn't exit successfully"
)


def last_error_line(text, fallback):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line and not CARGO_NOISE.search(line):
            return line[:200]
    return fallback


def run_json(cmd, cwd=REPO, timeout=MEASURE_TIMEOUT):
    """Runs CMD; returns the JSON object on the last non-empty line of its output."""
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise MeasureError(f"timed out after {timeout} s") from None
    except OSError as e:
        raise MeasureError(f"cannot run {cmd[0]}: {e}") from None
    if done.returncode != 0:
        raise MeasureError(last_error_line(done.stderr, f"exit status {done.returncode}"))
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    try:
        result = json.loads(lines[-1])
        float(result["value"])
    except (IndexError, ValueError, KeyError, TypeError):
        tail = lines[-1][:120] if lines else "nothing"
        raise MeasureError(f"no JSON result on the last line (got: {tail})") from None
    return result


class Rust:
    """The Rust measurements, through cargo (or $CARGO, as in the Makefile)."""

    def __init__(self):
        self.cargo = os.environ.get("CARGO", "cargo")
        self.base = [self.cargo, "bench", "--locked", "--features", "bench-hooks", "--bench", "measure"]
        self.build_error = None
        self.exe = None

    def build(self):
        """Compiles the measurements once, showing cargo's progress; a failure here
        is recorded for every Rust measurement instead of compiling again for each."""
        say(f"rust: building the measurements ({shlex.join(self.base + ['--no-run'])}); "
            "the first build is a release build and can take minutes")
        try:
            proc = subprocess.Popen(self.base + ["--no-run"], cwd=REPO, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True)
        except OSError as e:
            self.build_error = f"cannot run {self.cargo}: {e}"
            say(f"rust: {self.build_error}")
            return
        lines = []
        for line in proc.stdout:
            sys.stdout.write("  " + line)
            sys.stdout.flush()
            lines.append(line)
        if proc.wait() != 0:
            self.build_error = "build failed: " + last_error_line(
                "".join(lines), f"exit status {proc.returncode}")
            say(f"rust: {self.build_error}")
            return
        # Run the executable itself from now on: going through cargo each time
        # would rebuild it if a source file were touched during the run.
        for line in lines:
            found = re.search(r"Executable .*measure\.rs \((.+)\)", line)
            if found:
                self.exe = os.path.join(REPO, found.group(1).strip())

    def measure(self, name, *args):
        if self.build_error:
            raise MeasureError(self.build_error)
        if self.exe:
            return run_json([self.exe, name, *args])
        return run_json(self.base + ["--", name, *args])


def peer(*args, python=VENV_PYTHON):
    return run_json([python, os.path.join(BENCH, "peers.py"), *args])


class Series:
    """The runs of one measurement: every JSON result, or the error that stopped it."""

    def __init__(self, key, label, command):
        self.key, self.label, self.command = key, label, command
        self.results = []
        self.error = None

    def values(self, field="value"):
        return [float(r[field]) for r in self.results if r.get(field) is not None]

    def median(self, field="value"):
        values = self.values(field)
        return statistics.median(values) if values else None

    @property
    def unit(self):
        return self.results[0].get("unit", "") if self.results else ""


class Bench:
    def __init__(self):
        self.series = {}

    def collect(self, key, label, command, run, runs):
        """Runs RUN() RUNS times into a series KEY; stops at the first failure."""
        s = Series(key, label, command)
        self.series[key] = s
        for i in range(runs):
            started = time.perf_counter()
            try:
                result = run()
            except MeasureError as e:
                s.error = str(e)
                say(f"  {label}: failed: {s.error}")
                return s
            s.results.append(result)
            say(f"  {label} [{i + 1}/{runs}]: {fmt(float(result['value']))} "
                f"{result.get('unit', '')} ({time.perf_counter() - started:.1f} s)")
        return s

    def derive(self, key, label, source, field, unit=""):
        """A series made from another's field (the mutagen walk's second pass, say)."""
        src = self.series[source]
        s = Series(key, label, src.command)
        s.error = src.error
        s.results = [{"value": float(r[field]), "unit": unit}
                     for r in src.results if r.get(field) is not None]
        if src.results and not s.results and not s.error:
            s.error = f"no {field} in the results"
        self.series[key] = s
        return s

    def get(self, key):
        return self.series.get(key)


def measure_all(args, libs, tones, bench_dir):
    bench = Bench()
    rust = Rust()
    runs, peer_runs = args.runs, args.mutagen_runs
    big = "lib-10k" if args.quick else "lib-50k"

    # --- Leitmotif -------------------------------------------------------
    rust.build()

    def r(key, label, name, *margs, n=runs):
        bench.collect(key, label, f"measure {name} {shlex.join(margs)}".strip(),
                      lambda: rust.measure(name, *margs), n)

    say("rust: scanning")
    r("scan-10k", "scan-store lib-10k", "scan-store", libs["lib-10k"])
    if not args.quick:
        r("scan-50k", "scan-store lib-50k", "scan-store", libs["lib-50k"])
    r("tags-10k", "read-tags lib-10k", "read-tags", libs["lib-10k"])
    r("rescan-10k", "rescan lib-10k", "rescan", libs["lib-10k"])
    say("rust: loading, drawing, memory")
    r("load-10k", "load lib-10k", "load", libs["lib-10k"])
    if not args.quick:
        r("load-50k", "load lib-50k", "load", libs["lib-50k"])
    r("start-big", f"start {big}", "start", libs[big])
    r("start-empty", "start --empty", "start", "--empty")
    r("view-big", f"view {big}", "view", libs[big])
    r("view-100", "view lib-100", "view", libs["lib-100"])
    r("search-big", f"view {big} --search", "view", libs[big], "--search", SEARCH_QUERY)
    r("search-100", "view lib-100 --search", "view", libs["lib-100"], "--search", SEARCH_QUERY)
    say("rust: drawn frames (tiny-skia, offscreen) and a wheel step in a real window")
    for page in FRAME_PAGES:
        r(f"frame-{page}", f"frame {big} {page} 1920x1080", "frame", libs[big],
          "--page", page)
        r(f"frame-{page}-4k", f"frame {big} {page} 3840x2160 (200 %)", "frame", libs[big],
          "--page", page, "--size", "3840x2160", "--scale", "2")
        r(f"frame-{page}-100", f"frame lib-100 {page} 1920x1080", "frame", libs["lib-100"],
          "--page", page)
    r("wheel", f"wheel {big} 1920x1080", "wheel", libs[big], n=min(runs, 3))
    r("memory-big", f"memory {big}", "memory", libs[big])
    r("memory-empty", "memory --empty", "memory", "--empty")
    say("rust: playback")
    for f, path in tones.items():
        r(f"decode-{f}", f"decode {f}", "decode", path)
    for f, path in tones.items():
        r(f"seek-{f}", f"seek {f}", "seek", path)
    r("gapless", "gapless", "gapless", n=1)
    say("rust: an idle window's CPU (about 40 s a run)")
    r("idle", "idle window, never played", "idle", n=min(runs, 3))
    r("idle-paused", "idle window, paused", "idle", "--paused", n=min(runs, 3))
    r("idle-playing", "window open, a 60 s FLAC playing", "idle", "--playing", tones["flac"],
      n=min(runs, 3))
    say("rust: loudness")
    tone_files = [tones[f] for f in TONE_FORMATS]
    r("loudness", "loudness of the tones, all cores", "loudness", *tone_files)
    r("loudness-1", "loudness of the tones, one core", "loudness", *tone_files,
      "--threads", "1")
    r("loudness-decode-flac", "decode for analysis flac", "loudness-decode", tones["flac"])

    # --- Peers -----------------------------------------------------------
    say(f"peers: mutagen walk over lib-10k, {peer_runs} process(es) of two passes each")
    bench.collect("mutagen", "mutagen walk lib-10k (first pass)", "peers.py mutagen-walk",
                  lambda: peer("mutagen-walk", libs["lib-10k"]), peer_runs)
    bench.derive("mutagen-again", "mutagen walk lib-10k (again)", "mutagen", "again_ms",
                 unit="ms")
    if args.no_beets:
        for key, label in (("beets", "beet import -A -q lib-10k"),
                           ("beets-update", "beet update lib-10k")):
            s = bench.series[key] = Series(key, label, "peers.py beets")
            s.error = "skipped (--no-beets)"
    else:
        say("peers: beets import of lib-10k into a fresh library, then beet update (1 run; "
            "beets imports about 70-150 files/s, so this takes a few minutes)")
        state = os.path.join(bench_dir, "beets-state")
        bench.collect("beets", "beet import -A -q lib-10k", "peers.py beets",
                      lambda: peer("beets", libs["lib-10k"], "--state", state), 1)
        bench.derive("beets-update", "beet update lib-10k", "beets", "update_ms", unit="ms")
    say("peers: ffmpeg decoding the test files on one thread")
    for f, path in tones.items():
        bench.collect(f"ffmpeg-{f}", f"ffmpeg decode {f}", "peers.py ffmpeg-decode",
                      lambda path=path: peer("ffmpeg-decode", path, python=sys.executable),
                      runs)
    say("peers: loudgain and ffmpeg's ebur128 filter on the tones")
    bench.collect("loudgain", "loudgain -a tones", "peers.py loudgain",
                  lambda: peer("loudgain", *tone_files, python=sys.executable), runs)
    bench.collect("ffmpeg-ebur128", "ffmpeg ebur128 tones", "peers.py ffmpeg-ebur128",
                  lambda: peer("ffmpeg-ebur128", *tone_files, python=sys.executable), runs)
    agreement(bench)
    return bench


def agreement(bench):
    """A series "loudness-agreement": the largest difference, in LU or dB, between
    Leitmotif's and loudgain's integrated loudness, true peak and album loudness
    on the same files (from their first runs)."""
    s = bench.series["loudness-agreement"] = Series(
        "loudness-agreement", "loudness beside loudgain's", "measure loudness / peers.py loudgain")
    ours, theirs = bench.get("loudness"), bench.get("loudgain")
    if not (ours and ours.results and theirs and theirs.results):
        s.error = "needs both the loudness and the loudgain runs"
        return
    mine = {os.path.abspath(t["file"]): t for t in ours.results[0]["tracks"]}
    worst = 0.0
    for t in theirs.results[0]["tracks"]:
        m = mine.get(os.path.abspath(t["file"]))
        if m is None:
            s.error = f"loudgain measured {t['file']}, Leitmotif did not"
            return
        for field in ("integrated_lufs", "true_peak_dbtp"):
            worst = max(worst, abs(float(m[field]) - float(t[field])))
    if theirs.results[0].get("album_lufs") is not None:
        worst = max(worst, abs(float(ours.results[0]["album_lufs"])
                               - float(theirs.results[0]["album_lufs"])))
    s.results = [{"value": round(worst, 3), "unit": "LU"}]


# --------------------------------------------------------------------------
# The report.
# --------------------------------------------------------------------------


def fmt(x):
    """A number with as many digits as it deserves."""
    if x is None:
        return "—"
    if x == 0:
        return "0"  # Gapless's samples, say: "0.00" would suggest a rounding.
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def problem(series):
    """Why SERIES has no value: "failed: ..." or "skipped (...)"."""
    if series is None:
        return "not measured"
    error = series.error or "no result"
    return error if error.startswith("skipped") else f"failed: {error}"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


class Row:
    """One line of the targets table.

    lm and peer are series keys. The peer's value is the median of its
    peer_field times peer_scale (the first scan's seconds in ms, say);
    ratio(lm, peer) gives the ratio of the two medians and words says what it
    means. ok(lm, ratio) decides pass or miss; a row that needs_ratio has no
    verdict without the peer.
    """

    def __init__(self, what, target, lm, ok, peer=None, peer_label="", ratio=None, words="",
                 peer_scale=1.0, peer_field="value", needs_ratio=False):
        self.what, self.target, self.lm, self.ok = what, target, lm, ok
        self.peer, self.peer_label, self.ratio, self.words = peer, peer_label, ratio, words
        self.peer_scale, self.peer_field = peer_scale, peer_field
        self.needs_ratio = needs_ratio


def faster_throughput(lm, p):
    return lm / p


def faster_time(lm, p):
    return p / lm


def times_baseline(lm, p):
    return lm / p


def target_rows(quick):
    big = "10,000" if quick else "50,000"
    q = " (--quick)" if quick else ""
    return [
        Row("first scan of 10,000 files into the store", ">= 20,000 files/s and >= 100x the peer",
            "scan-10k", lambda v, ratio: v >= 20_000 and ratio is not None and ratio >= 100,
            "beets", "`beet import -A -q`, fresh db (1 run)", faster_throughput, "x faster",
            needs_ratio=True),
        Row("first scan, tag reading alone (10,000)", ">= 6x the peer", "tags-10k",
            lambda v, ratio: ratio is not None and ratio >= 6,
            "mutagen", "mutagen walk, first pass", faster_throughput, "x faster",
            needs_ratio=True),
        Row("rescan of 10,000 unchanged files", "< 150 ms", "rescan-10k",
            lambda v, ratio: v < 150,
            "beets-update", "`beet update` (1 run)", faster_time, "x faster"),
        Row("rescan of 10,000 unchanged files", "< 150 ms", "rescan-10k",
            lambda v, ratio: v < 150,
            "mutagen-again", "mutagen walk again", faster_time, "x faster"),
        Row(f"library load at start-up, {big} tracks{q}", "< 150 ms",
            "load-10k" if quick else "load-50k", lambda v, ratio: v < 150,
            "scan-10k" if quick else "scan-50k", "the first scan's time", faster_time,
            "x faster than scanning", peer_field="seconds", peer_scale=1000),
        Row(f"process start to first drawn frame, {big} tracks{q}", "< 1 s (1,000 ms)",
            "start-big", lambda v, ratio: v < 1000,
            "start-empty", "same, empty library", times_baseline, "x the empty start"),
        Row(f"one frame's view and layout, library view, {big} tracks{q}", "< 8 ms",
            "view-big", lambda v, ratio: v < 8,
            "view-100", "same, 100 tracks", times_baseline, "x 100 tracks"),
        Row(f"one frame's view and layout, search view ('{SEARCH_QUERY}'), {big} tracks{q}",
            "< 8 ms", "search-big", lambda v, ratio: v < 8,
            "search-100", "same, 100 tracks", times_baseline, "x 100 tracks"),
        *[Row(f"drawn frame, {what}, 1920x1080, {big} tracks{q}", "<= 8 ms",
              f"frame-{page}", lambda v, ratio: v <= 8,
              f"frame-{page}-100", "same, 100 tracks", times_baseline, "x 100 tracks")
          for page, what in FRAME_PAGES.items()],
        *[Row(f"drawn frame, {what}, 3840x2160 at 200 %, {big} tracks{q}", "<= 16 ms",
              f"frame-{page}-4k", lambda v, ratio: v <= 16,
              f"frame-{page}", "same at 1920x1080", times_baseline, "x the 1920x1080 frame")
          for page, what in FRAME_PAGES.items()],
        Row(f"a wheel step in the real window, 1920x1080, {big} tracks{q}: CPU of the "
            "window's thread", "<= 16 ms", "wheel", lambda v, ratio: v <= 16,
            "frame-library", "the offscreen drawn frame", times_baseline,
            "x the offscreen frame"),
        Row(f"peak memory with {big} tracks loaded{q}", "< 200 MB", "memory-big",
            lambda v, ratio: v < 200,
            "memory-empty", "same, empty library", times_baseline, "x the empty library"),
        *[Row(f"decode throughput, {name}", ">= 150x real time, one core", f"decode-{f}",
              lambda v, ratio: v >= 150,
              f"ffmpeg-{f}", "`ffmpeg -threads 1 -i FILE -f null -`", faster_throughput,
              "x ffmpeg's speed")
          for f, name in (("flac", "FLAC"), ("mp3", "MP3"), ("ogg", "Ogg Vorbis"))],
        *[Row(f"seek, command to first new sample, {name}", "< 20 ms median", f"seek-{f}",
              lambda v, ratio: v < 20)
          for f, name in (("flac", "FLAC"), ("mp3", "MP3"), ("ogg", "Ogg Vorbis"))],
        Row("gapless joins", "0 samples added or lost", "gapless", lambda v, ratio: v == 0),
        Row("idle window, demo library, never played: CPU over 20 s", "<= 4 clock ticks",
            "idle", lambda v, ratio: v <= 4),
        Row("idle window, paused after playing: CPU over 20 s", "<= 4 clock ticks",
            "idle-paused", lambda v, ratio: v <= 4),
        Row("window open while a track plays: CPU over 20 s", "<= 40 clock ticks (2 % of a core)",
            "idle-playing", lambda v, ratio: v <= 40,
            "idle", "idle window, never played", times_baseline, "x the idle window"),
        Row("loudness (integrated, true peak, album) beside loudgain's", "within 0.2 LU",
            "loudness-agreement", lambda v, ratio: v <= 0.2),
        Row("loudness analysis of the tones (FLAC, MP3, Ogg), all cores",
            ">= 1.5x loudgain's speed", "loudness", lambda v, ratio: ratio is not None
            and ratio >= 1.5, "loudgain", "`loudgain -a -O -q FILES` (wall clock)",
            faster_time, "x faster", needs_ratio=True),
        Row("loudness analysis of the tones, all cores", "none (for reference)", "loudness",
            lambda v, ratio: True, "ffmpeg-ebur128", "ffmpeg `-af ebur128=peak=true`, per file",
            faster_time, "x faster"),
        Row("decoding for analysis, FLAC, one core", ">= ffmpeg's speed",
            "loudness-decode-flac", lambda v, ratio: ratio is not None and ratio >= 1,
            "ffmpeg-flac", "`ffmpeg -threads 1 -i FILE -f null -`", faster_throughput,
            "x ffmpeg's speed", needs_ratio=True),
    ]


def targets_table(bench, quick):
    head = ("| what | target | median | min | max | runs | peer | peer median | ratio | result |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for row in target_rows(quick):
        s = bench.get(row.lm)
        if s is None or not s.results:
            measured = [problem(s), "", "", "0"]
            value = None
        else:
            vals = s.values()
            value = statistics.median(vals)
            measured = [f"{fmt(value)} {s.unit}".strip(), fmt(min(vals)), fmt(max(vals)),
                        str(len(vals))]
        peer_text, ratio, ratio_text = "—", None, "—"
        if row.peer:
            p = bench.get(row.peer)
            if p is None or not p.results:
                peer_text = problem(p)
            elif p.median(row.peer_field) is None:
                peer_text = f"no {row.peer_field} in its results"
            else:
                pv = p.median(row.peer_field) * row.peer_scale
                unit = "ms" if row.peer_scale == 1000 else p.unit
                peer_text = f"{fmt(pv)} {unit}".strip()
                if value is not None and value > 0 and pv > 0:
                    ratio = row.ratio(value, pv)
                    ratio_text = f"{fmt(ratio)}{row.words}"
        if value is None:
            result = "n/a"
        elif row.needs_ratio and ratio is None:
            result = "n/a (no peer value)"
        else:
            passed = row.ok(value, ratio)
            result = ("pass" if passed else "**miss**") + ("*" if quick and "quick" in row.what
                                                           else "")
        lines.append("| " + " | ".join(cell(c) for c in [
            row.what, row.target, *measured, row.peer_label or "—", peer_text, ratio_text,
            result]) + " |")
    return "\n".join(lines)


def growth_table(bench, quick):
    """Per-file cost of scanning and loading at 10,000 and at 50,000 files."""
    if quick:
        return "Not measured with --quick (it uses the 10,000-file library only)."
    lines = ["| what | per file at 10,000 | per file at 50,000 | change | verdict |",
             "|---|---|---|---|---|"]
    for label, small, large, per_file in (
        ("first scan into the store", "scan-10k", "scan-50k", lambda s, n: 1e6 / s.median()),
        ("library load", "load-10k", "load-50k", lambda s, n: s.median() * 1000 / n),
    ):
        a, b = bench.get(small), bench.get(large)
        if not (a and a.results and b and b.results):
            why = next(problem(s) for s in (a, b) if s is None or not s.results)
            lines.append(f"| {label} | — | — | — | {cell(why)} |")
            continue
        pa, pb = per_file(a, 10_000), per_file(b, 50_000)
        change = round((pb / pa - 1) * 100) + 0  # + 0 turns -0 into 0.
        verdict = ("flat (within 15%)" if abs(change) <= 15
                   else "grows" if change > 0 else "falls")
        lines.append(f"| {label} | {fmt(pa)} µs | {fmt(pb)} µs | {change:+.0f}% | {verdict} |")
    return "\n".join(lines)


def all_table(bench):
    lines = ["| measurement | command | runs | median | min | max | unit |",
             "|---|---|---|---|---|---|---|"]
    for s in bench.series.values():
        if s.results:
            vals = s.values()
            cells = [str(len(vals)), fmt(statistics.median(vals)), fmt(min(vals)),
                     fmt(max(vals)), s.unit]
        else:
            cells = ["0", problem(s), "", "", ""]
        lines.append("| " + " | ".join(cell(c) for c in [s.label, s.command, *cells]) + " |")
    return "\n".join(lines)


def output(cmd, default="unknown"):
    try:
        text = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO,
                              timeout=30).stdout.strip()
        return text.splitlines()[0] if text else default
    except (OSError, subprocess.SubprocessError):
        return default


def machine(bench_dir):
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            models = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        info["CPU"] = models[0] if models else platform.processor() or "unknown"
    except OSError:
        info["CPU"] = platform.processor() or "unknown"
    info["cores (nproc)"] = output(["nproc"], str(os.cpu_count()))
    try:
        with open("/proc/meminfo") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("MemTotal"))
        info["RAM"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        info["RAM"] = "unknown"
    info["kernel"] = f"{platform.system()} {platform.release()}"
    info["rustc"] = output(["rustc", "--version"])
    info["python"] = platform.python_version()
    info["ffmpeg"] = output(["ffmpeg", "-version"])
    commit = output(["git", "rev-parse", "--short", "HEAD"])
    dirty = output(["git", "status", "--porcelain", "--untracked-files=no"], "")
    info["commit"] = commit + (" with uncommitted changes" if dirty else "")
    info["bench folder"] = f"{bench_dir} ({output(['stat', '-f', '-c', '%T', bench_dir])})"
    return info


def report(bench, args, bench_dir, started, finished):
    argv = shlex.join(["python3", os.path.relpath(os.path.abspath(sys.argv[0]), REPO),
                       *sys.argv[1:]])
    command = f"make bench ({argv})" if os.environ.get("MAKELEVEL") else argv
    info = machine(bench_dir)
    info["date"] = started.strftime("%Y-%m-%d %H:%M UTC")
    info["took"] = f"{(finished - started).total_seconds() / 60:.1f} min"
    info["command"] = f"`{command}`"

    beets = bench.get("beets")
    mutagen = bench.get("mutagen")
    versions = []
    if beets and beets.results:
        versions.append(f"beets {beets.results[0].get('beets')}")
    if mutagen and mutagen.results:
        versions.append(f"mutagen {mutagen.results[0].get('mutagen')}")
    if versions:
        info["peers"] = ", ".join(versions)
    startup = (f" beets' own start-up (`beet version`) took "
               f"{fmt(float(beets.results[0]['startup_seconds']) * 1000)} ms of that."
               if beets and beets.results and "startup_seconds" in beets.results[0] else "")

    footnote = ("\n`*` checked at 10,000 tracks (--quick); the target is for 50,000.\n"
                if args.quick else "")
    machine_lines = "\n".join(f"- {k}: {v}" for k, v in info.items())
    runs_text = (f"Leitmotif and ffmpeg: {args.runs} runs each (gapless: 1); mutagen walk: "
                 f"{args.mutagen_runs} process(es); beets: 1 run.")
    return f"""# Leitmotif benchmarks

Made by `make bench` ({'quick' if args.quick else 'full'}). Values are medians over the runs;
min and max are over the same runs. Peers were measured in the same invocation, on the same
files. The ratio column says how it reads: "x faster" is the peer's time over Leitmotif's (or
Leitmotif's throughput over the peer's), "x 100 tracks" and "x the empty" compare Leitmotif with
itself on a small or empty library.

## Targets

{targets_table(bench, args.quick)}
{footnote}
## Does the per-file cost grow?

{growth_table(bench, args.quick)}

## All measurements

{all_table(bench)}

## How it was measured

- Libraries: generated by `bench/gen_library.py` (seeded, so every machine gets the same
  files): about 50% FLAC, 30% MP3, 20% Ogg Vorbis, 0.3 s of audio each, film scores and
  song albums, TV seasons and game soundtracks, about 12 tracks an album, full tags.
- {runs_text}
- The OS page cache is warm for every measurement, first scans included: the files were just
  written or read, and the bench does not drop caches (that needs root). "First" means the
  first scan into a fresh store (or the first pass of a fresh process), not a cold disk.
- beets: `beet import -A -q` with copy, move, write, autotag and plugins off, into a fresh
  library db, then `beet update` on that library; wall clock of each command.{startup}
- ffmpeg: `ffmpeg -threads 1 -i FILE -f null -` on the same {TONE_SECONDS} s test files; the
  time is ffmpeg's own `-benchmark` real time (its decoding, without its process start-up).
- Loudness: `measure loudness` measures the three tones as one album on every core (what
  `leitmotif loudness` does, without the process start-up, a few ms); loudgain (`-a -O -q`,
  tags left alone) and ffmpeg's `ebur128=peak=true` filter (one process a file) are timed by
  their wall clock on the same files. `loudness-decode` decodes the FLAC tone for analysis on
  one thread, as `ffmpeg -threads 1 ... -f null -` does.
- The mutagen walk: `os.walk` plus `mutagen.File(path, easy=True)` reading title, album,
  artist, composer and length, in one Python process; its second pass is the "again" value.

## Machine

{machine_lines}
"""


# --------------------------------------------------------------------------


def shown(path):
    """PATH relative to the repository when it is inside it."""
    path = os.path.abspath(path)
    return os.path.relpath(path, REPO) if path.startswith(REPO + os.sep) else path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="the 10,000-file library only, fewer runs")
    parser.add_argument("--runs", type=int,
                        help="runs of each Leitmotif and ffmpeg measurement (default 5; 3 quick)")
    parser.add_argument("--mutagen-runs", type=int,
                        help="mutagen walk processes (default 3; 1 quick)")
    parser.add_argument("--no-beets", action="store_true",
                        help="skip beets (its import of 10,000 files takes minutes)")
    parser.add_argument("--output", default=RESULTS, help="where to write the markdown table")
    args = parser.parse_args()
    args.runs = max(1, args.runs or (3 if args.quick else 5))
    args.mutagen_runs = max(1, args.mutagen_runs or (1 if args.quick else 3))

    bench_dir = os.path.abspath(os.environ.get("LEITMOTIF_BENCH_DIR", "/tmp/leitmotif-bench"))
    os.makedirs(bench_dir, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)

    ensure_venv()
    names = ["lib-100", "lib-10k"] + ([] if args.quick else ["lib-50k"])
    libs = generate_libraries(bench_dir, names)
    tones = make_tones(bench_dir)
    bench = measure_all(args, libs, tones, bench_dir)
    finished = datetime.datetime.now(datetime.timezone.utc)

    text = report(bench, args, bench_dir, started, finished)
    print()
    print(text)
    tmp = args.output + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, args.output)
    os.makedirs(os.path.dirname(RAW_RESULTS), exist_ok=True)
    with open(RAW_RESULTS, "w") as f:
        json.dump({key: {"label": s.label, "command": s.command, "results": s.results,
                         "error": s.error} for key, s in bench.series.items()}, f, indent=1)
    say(f"wrote {shown(args.output)} (raw runs: {shown(RAW_RESULTS)})")


if __name__ == "__main__":
    main()
