#!/usr/bin/env python3
"""Times the peers that `make bench` compares Leitmotif with.

    peers.py mutagen-walk LIB [--repeat N]   a Python walk reading tags with mutagen
    peers.py beets LIB --state DIR [--no-update]
                                             `beet import -A -q` into a fresh library,
                                             then `beet update` on it
    peers.py ffmpeg-decode FILE              `ffmpeg -threads 1 -i FILE -f null -`
    peers.py loudgain FILE...                `loudgain -a -O -q FILE...` (one album)
    peers.py ffmpeg-ebur128 FILE...          `ffmpeg -i FILE -af ebur128=peak=true -f null -`,
                                             one file after the other

Each command prints one JSON object on its last line of output, the same
contract as the Rust measurements (`what`, `value`, `unit` and details), so the
driver reads both the same way. The functions can also be imported.

mutagen-walk needs mutagen, so run it with the bench's virtual environment
(target/bench-venv/bin/python). beets needs `beet`: the one next to this
Python's executable is used (the venv's), else the one on PATH. Nothing here
touches the user's own beets configuration or library: BEETSDIR points at DIR.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

# What the Leitmotif scanner takes as audio by extension (src/library/scan.rs).
AUDIO_EXTENSIONS = {
    ".mp3", ".flac", ".ogg", ".oga", ".wav", ".wave", ".aif", ".aiff", ".aifc", ".m4a", ".m4b",
    ".mp4", ".aac", ".alac", ".opus", ".spx", ".wma", ".ape", ".wv", ".mpc",
}


def emit(result):
    """Prints RESULT as the one JSON line the driver reads."""
    print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------
# (a) A Python walk reading the same tags with mutagen.
# --------------------------------------------------------------------------


def audio_files(root):
    """The audio files under ROOT, hidden folders and files skipped as Leitmotif does."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in AUDIO_EXTENSIONS:
                yield os.path.join(folder, name)


def mutagen_walk_once(root):
    """Walks ROOT and reads title, album, artist, composer and length of every file.

    Returns (files, errors, seconds). The walk is part of the time, as the
    scanner's walk is part of its time.
    """
    import io

    import mutagen

    # mutagen.File imports its format modules on first use: do that untimed.
    try:
        mutagen.File(io.BytesIO(b""))
    except Exception:  # noqa: BLE001
        pass

    started = time.perf_counter()
    files = errors = 0
    for path in audio_files(root):
        files += 1
        try:
            audio = mutagen.File(path, easy=True)
            if audio is None:
                errors += 1
                continue
            tags = audio.tags or {}
            # Touch every value, as a reader filling a track would.
            for key in ("title", "album", "artist", "composer"):
                tags.get(key)
            audio.info.length
        except Exception:  # noqa: BLE001 - any unreadable file counts as an error.
            errors += 1
    return files, errors, time.perf_counter() - started


def mutagen_walk(root, repeat=2):
    """Runs the walk REPEAT times in one process: the first pass and the passes again.

    Both passes read from a warm OS page cache when the library was just made or
    read; nothing here drops the cache (that needs root), so "first" is the
    interpreter's first pass, not a cold disk.
    """
    passes = [mutagen_walk_once(root) for _ in range(repeat)]
    files, errors, first = passes[0]
    result = {
        "what": "mutagen-walk",
        "files": files,
        "errors": errors,
        "seconds": round(first, 4),
        "value": round(files / first, 1),
        "unit": "files/s",
        "mutagen": _version("mutagen"),
    }
    if repeat > 1:
        again = [p[2] for p in passes[1:]]
        result["again_seconds"] = round(min(again), 4)
        result["again_ms"] = round(min(again) * 1000, 1)
    return result


def _version(module):
    try:
        return __import__(module).version_string
    except (ImportError, AttributeError):
        try:
            from importlib import metadata

            return metadata.version(module)
        except Exception:  # noqa: BLE001
            return None


# --------------------------------------------------------------------------
# (b) beets: import as-is into a fresh library, then update it.
# --------------------------------------------------------------------------


def beet_command():
    """The `beet` of this Python's environment when there is one, else PATH's."""
    here = os.path.join(os.path.dirname(sys.executable), "beet")
    if os.access(here, os.X_OK):
        return here
    found = shutil.which("beet")
    if not found:
        raise RuntimeError("beet not found: pip install beets (make bench does, in its venv)")
    return found


def write_beets_config(state, library):
    """A config in STATE that imports LIBRARY in place: no copy, move, tag writes,
    autotagging or plugins (the default musicbrainz plugin would go online)."""
    os.makedirs(state, exist_ok=True)
    config = f"""\
# Written by bench/peers.py for `make bench`: import files where they are, as tagged.
directory: {json.dumps(os.path.abspath(library))}
library: {json.dumps(os.path.join(os.path.abspath(state), "library.db"))}
statefile: {json.dumps(os.path.join(os.path.abspath(state), "state.pickle"))}
plugins: []
create_backup_before_migrations: no
import:
    copy: no
    move: no
    link: no
    hardlink: no
    reflink: no
    write: no
    autotag: no
    quiet: yes
    quiet_fallback: asis
    resume: no
    incremental: no
    duplicate_action: keep
    log: {json.dumps(os.path.join(os.path.abspath(state), "import.log"))}
"""
    path = os.path.join(state, "config.yaml")
    with open(path, "w") as f:
        f.write(config)
    return path


def _beet(state, *args, log):
    """Runs `beet ARGS` with BEETSDIR=STATE; returns its wall time in seconds."""
    env = dict(os.environ, BEETSDIR=os.path.abspath(state))
    started = time.perf_counter()
    with open(log, "ab") as out:
        done = subprocess.run([beet_command(), *args], env=env, stdin=subprocess.DEVNULL,
                              stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        with open(log, "rb") as f:
            tail = f.read().decode(errors="replace").strip().splitlines()[-1:]
        raise RuntimeError(f"beet {args[0]} failed ({done.returncode}): {' '.join(tail)}")
    return seconds


def beets(library, state, update=True):
    """Imports LIBRARY into a fresh beets library in STATE (emptied first), then
    times `beet update` over the unchanged files.

    Times are the commands' wall clock, their Python start-up included; that
    start-up is measured alone (`beet version`) and reported so it can be set
    aside.
    """
    if os.path.isdir(state):
        shutil.rmtree(state)
    write_beets_config(state, library)
    log = os.path.join(state, "beet-output.log")
    files = sum(1 for _ in audio_files(library))

    startup = _beet(state, "version", log=log)
    import_seconds = _beet(state, "import", "-A", "-q", os.path.abspath(library), log=log)
    with sqlite3.connect(os.path.join(state, "library.db")) as db:
        imported = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        albums = db.execute("SELECT COUNT(*) FROM albums").fetchone()[0]
    result = {
        "what": "beets",
        "files": files,
        "imported": imported,
        "albums": albums,
        "seconds": round(import_seconds, 3),
        "value": round(imported / import_seconds, 1),
        "unit": "files/s",
        "startup_seconds": round(startup, 3),
        "beets": _beets_version(),
    }
    if update:
        result["update_seconds"] = round(_beet(state, "update", log=log), 3)
        result["update_ms"] = round(result["update_seconds"] * 1000, 1)
    return result


def _beets_version():
    try:
        from importlib import metadata

        return metadata.version("beets")
    except Exception:  # noqa: BLE001
        return None


# --------------------------------------------------------------------------
# (c) ffmpeg decoding the same file on one thread.
# --------------------------------------------------------------------------


def duration_seconds(path):
    """The file's duration as ffprobe reads it."""
    done = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
        capture_output=True, text=True,
    )
    try:
        return float(done.stdout.strip())
    except ValueError:
        tail = done.stderr.strip().splitlines()[-1:] or ["no duration"]
        raise RuntimeError(f"ffprobe {path}: {tail[0]}") from None


def ffmpeg_decode(path):
    """Decodes PATH with `ffmpeg -threads 1 ... -f null -`.

    `value` uses ffmpeg's own -benchmark real time, which covers the decoding
    and not the process start-up (about as long as decoding a minute of FLAC);
    the process's wall clock is reported next to it as `wall_seconds`.
    """
    duration = duration_seconds(path)
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-benchmark", "-threads", "1",
           "-i", path, "-f", "null", "-"]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"ffmpeg failed ({done.returncode}): {tail[0]}")
    match = re.search(r"bench: utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s", done.stderr)
    seconds = float(match.group(3)) if match else wall
    return {
        "what": "ffmpeg-decode",
        "file": path,
        "audio_seconds": round(duration, 3),
        "seconds": round(seconds, 4),
        "wall_seconds": round(wall, 4),
        "value": round(duration / seconds, 1),
        "unit": "x real time",
    }


# --------------------------------------------------------------------------
# (d) Loudness: loudgain and ffmpeg's ebur128 filter on the same files.
# --------------------------------------------------------------------------


def loudgain(paths):
    """`loudgain -a -O -q PATHS` (track and album gain, tags left alone): its wall
    clock, start-up included, and what it measured of each file."""
    cmd = ["loudgain", "-a", "-O", "-q", *paths]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"loudgain failed ({done.returncode}): {tail[0]}")
    tracks = []
    album = None
    for line in done.stdout.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 9:
            continue
        number = lambda text: float(text.split()[0])  # noqa: E731 - "-19.99 LUFS"
        row = {"file": cols[0], "integrated_lufs": number(cols[1]),
               "true_peak_dbtp": number(cols[4]), "gain_db": number(cols[8])}
        if cols[0] == "Album":
            album = row["integrated_lufs"]
        else:
            tracks.append(row)
    version = subprocess.run(["loudgain", "--version"], capture_output=True, text=True)
    return {
        "what": "loudgain",
        "files": len(tracks),
        "tracks": tracks,
        "album_lufs": album,
        "seconds": round(wall, 4),
        "value": round(wall, 4),
        "unit": "s",
        "loudgain": (version.stdout.strip().splitlines() or ["?"])[0].split(" - ")[0],
    }


def ffmpeg_ebur128(paths):
    """ffmpeg's ebur128 filter (integrated, range, true peak) over each of PATHS in
    turn, as a script would run it: the wall clock of all the processes."""
    tracks = []
    started = time.perf_counter()
    for path in paths:
        cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-i", path,
               "-af", "ebur128=peak=true", "-f", "null", "-"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(f"ffmpeg ebur128 failed ({done.returncode}): {tail[0]}")
        summary = done.stderr[done.stderr.rfind("Summary:"):]
        found = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
        peak = re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
        tracks.append({"file": path,
                       "integrated_lufs": float(found.group(1)) if found else None,
                       "true_peak_dbtp": float(peak.group(1)) if peak else None})
    wall = time.perf_counter() - started
    return {
        "what": "ffmpeg-ebur128",
        "files": len(tracks),
        "tracks": tracks,
        "seconds": round(wall, 4),
        "value": round(wall, 4),
        "unit": "s",
    }


# --------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    walk = sub.add_parser("mutagen-walk", help="walk LIB reading tags with mutagen")
    walk.add_argument("library")
    walk.add_argument("--repeat", type=int, default=2, help="passes in one process (default 2)")
    bee = sub.add_parser("beets", help="beet import -A -q, then beet update")
    bee.add_argument("library")
    bee.add_argument("--state", required=True, help="beets folder (config, db); emptied first")
    bee.add_argument("--no-update", action="store_true", help="skip the timed beet update")
    ff = sub.add_parser("ffmpeg-decode", help="ffmpeg -threads 1 -i FILE -f null -")
    ff.add_argument("file")
    lg = sub.add_parser("loudgain", help="loudgain -a -O -q FILE... (one album)")
    lg.add_argument("files", nargs="+")
    eb = sub.add_parser("ffmpeg-ebur128", help="ffmpeg's ebur128 filter on each FILE")
    eb.add_argument("files", nargs="+")
    args = parser.parse_args()

    try:
        if args.command == "mutagen-walk":
            emit(mutagen_walk(args.library, max(1, args.repeat)))
        elif args.command == "beets":
            emit(beets(args.library, args.state, update=not args.no_update))
        elif args.command == "loudgain":
            emit(loudgain(args.files))
        elif args.command == "ffmpeg-ebur128":
            emit(ffmpeg_ebur128(args.files))
        else:
            emit(ffmpeg_decode(args.file))
    except (RuntimeError, OSError, subprocess.CalledProcessError, sqlite3.Error) as e:
        print(f"peers {args.command}: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
