#!/usr/bin/env python3
"""Generates a synthetic soundtrack library for `make bench`.

    gen_library.py DIR COUNT [--workers N]

Makes COUNT small tagged audio files under DIR/Soundtracks, shaped like a real
soundtrack collection:

    Films/<Film> (<Year>)/<Film> (Original Motion Picture Score)/Disc 1/03 1M3 <Title>.flac
    Films/<Film> (<Year>)/<Film> (Original Motion Picture Soundtrack)/04 <Song>.mp3
    TV/<Show>/<Show>: Season 2 (Music from the Series)/05 103 <Title>.ogg
    Games/<Game> OST/06 <Title>.ogg

About half the files are FLAC (film scores), a third MP3 (film songs) and a
fifth Ogg Vorbis (TV and games). Albums hold about 12 tracks; composers are
reused across productions. Everything is drawn from a seeded random generator,
so the same COUNT always gives the same paths and tags; a smaller library is a
prefix of a larger one.

Audio: one tiny template per format (0.3 s of a tone) is encoded once; every
file is that template's bytes with its own tags written by mutagen, in memory,
then written to disk in one go. Two worker processes share the writing.

DIR is reused when DIR/.leitmotif-bench records the same COUNT, seed and
generator version and says the generation completed. A DIR that exists, is not
empty and has no such marker is refused, so the generator never deletes
something it did not make.

Needs mutagen (the bench's virtual environment has it) and sox, flac, lame and
oggenc, or ffmpeg for whichever of those is missing.
"""

import argparse
import importlib.util
import io
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

# Bump when the plan, the tags or the templates change: libraries made by an
# older generator are then made again rather than reused.
GENERATOR_VERSION = 1
SEED = 8  # Issue 8 asked for this bench.
MARKER = ".leitmotif-bench"
ROOT = "Soundtracks"  # The one folder the generator owns inside DIR.
TEMPLATE_SECONDS = 0.3

# --------------------------------------------------------------------------
# Word lists. Invented names only; any likeness to a real production is chance.
# --------------------------------------------------------------------------

ADJECTIVES = """Silent Broken Hollow Crimson Distant Last Burning Frozen Golden Hidden
Iron Lost Midnight Northern Pale Quiet Restless Scarlet Shattered Sunken Velvet
Wandering Winter Amber Bitter Bright Cold Dark Deep Endless Fading Falling Glass
Grey Lonely Long Lunar Narrow Open Red Salt Second Shadow Stone Still Strange
Thin Wild Young""".split()

NOUNS = """Signal Harbor Horizon Meridian Lantern Orbit Tide River Crown Garden
Archive Frontier Kingdom Engine Mirror Voyage Compass Beacon Summit Empire Cipher
Ember Echo Fortress Glacier Island Labyrinth Lighthouse Machine Monument Oracle
Passage Pilgrim Reckoning Relic Rift Sanctuary Sentinel Spire Storm Tower Vessel
Witness Current Covenant Parallax Threshold Dominion Atlas""".split()

PLACES = """Arden Valen Morrow Caldera Ostrava Halden Ithaca Kestrel Lyonesse Marrow
Nereid Orla Pelham Quill Rookwood Sable Tamsin Umber Veyra Wexford Yarrow Zephyr
Ashgrove Blackmere Coldharbour Dunmore Elmstead Farrow Greyhaven""".split()

CUE_WORDS = """Arrival Departure Chase Escape Discovery Farewell Reunion Ambush Vigil
Awakening Descent Ascent Crossing Signal Storm Aftermath Pursuit Revelation Return
Betrayal Nightfall Dawn Requiem Lullaby Prelude Finale Suite Theme Procession
March Memory Promise Silence Hunt Flight Sacrifice Oath Launch Landing Breach""".split()

CUE_TEMPLATES = [
    "{w}", "The {w}", "{w} at {p}", "{a} {w}", "{w} and {w2}", "{w} ({a} Version)",
    "{p} {w}", "Main Title", "End Credits", "{w} Theme", "{a} {n}",
]

SONG_WORDS = """Love Heart Night Summer Fire Light Dance Dream Rain Road Home City
Stars Radio Highway Money Angel Ghost Diamond Honey Gold Moon Ocean Sky Tears""".split()

SONG_TEMPLATES = [
    "{w}", "{w} {w2}", "Hold On to the {w}", "Every {w}", "{a} {w}", "Take Me {h}",
    "{w} Tonight", "Don't Stop the {w}", "Your {w}", "Where the {w} Goes",
]

HOMES = ["Home", "Higher", "Away", "Back", "Under", "With You"]

FIRST_NAMES = """Ada Alan Anna Bruno Carla Daniel Elena Felix Greta Hugo Ines Jonas
Karin Lars Maya Nikolai Olga Pavel Rosa Stefan Tomas Ulla Viktor Wren Yuki Zoe
Amir Bea Cyril Dora Emil Freya Gideon Hana Ivo Jana Kenji Lena Milo Nora""".split()

LAST_NAMES = """Abernathy Bellweather Castellan Drummond Eastwick Fairbanks Gallo Hartmann
Ionescu Jarvik Kessler Lindqvist Marchetti Nakamura Okafor Petrakis Quinlan Ravel
Sorensen Thibault Ulrich Varga Whitcombe Yamada Zeller Albrecht Brandt Corvino
Delacroix Engel""".split()

BAND_FIRST = """The Velvet Paper Neon Silver Hollow Electric Midnight Golden Glass Lucky
Wild Young Northern Broken Little""".split()

BAND_SECOND = """Hours Lanterns Foxes Tides Saints Radios Harbors Engines Echoes Pilots
Sparrows Strangers Satellites Orchards Wolves""".split()

SCENES = [
    "Plays as {c} first sees the {n}.",
    "Over the opening titles.",
    "The chase across {p}; cut for the trailer.",
    "{c} returns to {p} after the storm.",
    "Source music in the bar scene, heard from a radio.",
    "Plays over the credits.",
    "The long silence before the {n} opens.",
    "Unused in the final cut; restored for the album.",
    "Night exterior, {p} harbour.",
    "The funeral; strings only.",
]

COMMENTS = [
    "Recorded at Abbey Road, Studio One.",
    "Album version, longer than the film edit.",
    "Previously unreleased.",
    "Performed by the {p} Symphony Orchestra.",
    "Remastered from the original session tapes.",
]

LYRIC_LINES = [
    "I saw the {w} light up the road tonight",
    "and every {w} we ever had is calling",
    "hold on, hold on, the {w} is coming home",
    "we were young and the {w} was ours",
    "don't let the {w} go out",
    "sing it once more for the {w}",
]

GAME_AREAS = """Caverns Citadel Docks Forest Harbor Marsh Ruins Summit Tundra Village
Wastes Workshop Observatory Catacombs Bazaar""".split()

# Per production: film (score always, songs album often), TV season, game. The
# weights give about 50% FLAC, 30% MP3 and 20% Ogg by file count.
PRODUCTION_WEIGHTS = [("film", 0.8), ("tv", 0.06), ("game", 0.14)]
SONGS_ALBUM_CHANCE = 0.6


# --------------------------------------------------------------------------
# The plan: every file's relative path, format and tags, from the seed alone.
# --------------------------------------------------------------------------


class Names:
    """Draws unique production names and a fixed pool of people."""

    def __init__(self, rng):
        self.rng = rng
        # The bundled demo's productions are left out, so the two never merge.
        self.used = {"Arrival Point", "Lanternfall"}
        composers = {f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(400)}
        self.composers = sorted(composers)[:120]
        rng.shuffle(self.composers)
        self.composer_weights = [(rank + 1) ** -0.5 for rank in range(len(self.composers))]
        bands = {f"{rng.choice(BAND_FIRST)} {rng.choice(BAND_SECOND)}" for _ in range(300)}
        self.bands = sorted(bands)
        singers = {f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(300)}
        self.singers = sorted(singers)
        self.characters = FIRST_NAMES

    def production(self):
        rng = self.rng
        patterns = [
            lambda: f"The {rng.choice(NOUNS)} of {rng.choice(PLACES)}",
            lambda: f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
            lambda: f"{rng.choice(PLACES)}",
            lambda: f"{rng.choice(NOUNS)}fall",
            lambda: f"{rng.choice(ADJECTIVES)} {rng.choice(PLACES)}",
            lambda: f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        ]
        for _ in range(50):
            name = rng.choice(patterns)()
            if name not in self.used:
                self.used.add(name)
                return name
        # Every short name is taken: a sequel, as the industry would do.
        base = rng.choice(sorted(self.used))
        for numeral in ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"):
            name = f"{base} {numeral}"
            if name not in self.used:
                self.used.add(name)
                return name
        name = f"{base} {len(self.used)}"
        self.used.add(name)
        return name

    def composer(self):
        # Some composers write much more than others: weights fall with rank.
        return self.rng.choices(self.composers, self.composer_weights)[0]


def cue_title(rng):
    return rng.choice(CUE_TEMPLATES).format(
        w=rng.choice(CUE_WORDS),
        w2=rng.choice(CUE_WORDS),
        a=rng.choice(ADJECTIVES),
        n=rng.choice(NOUNS),
        p=rng.choice(PLACES),
    )


def song_title(rng):
    return rng.choice(SONG_TEMPLATES).format(
        w=rng.choice(SONG_WORDS),
        w2=rng.choice(SONG_WORDS),
        a=rng.choice(ADJECTIVES),
        h=rng.choice(HOMES),
    )


def scene(rng, names):
    return rng.choice(SCENES).format(
        c=rng.choice(names.characters), n=rng.choice(NOUNS).lower(), p=rng.choice(PLACES)
    )


def lyrics(rng):
    lines = [rng.choice(LYRIC_LINES).format(w=rng.choice(SONG_WORDS).lower()) for _ in range(8)]
    return "\n".join(lines[:4]) + "\n\n" + "\n".join(lines[4:])


def date(rng, year):
    # Most tags carry a year; some carry the full release date.
    if rng.random() < 0.3:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return str(year)


def track_number(rng, n, total):
    return f"{n}/{total}" if rng.random() < 0.5 else str(n)


def album_size(rng):
    return max(4, min(24, int(rng.gauss(12, 3))))


def cue_codes(rng, count, tv_episode=None):
    """Cue codes in film order: 1M1 1M2 2M1...; or TV-style 101 102 for an episode."""
    codes, reel, cue = [], 1, 0
    for _ in range(count):
        if tv_episode is None and cue and rng.random() < 0.3:
            reel, cue = reel + 1, 0
        cue += 1
        if tv_episode is not None:
            codes.append(f"{tv_episode}{cue:02d}")
        else:
            insert = "b" if rng.random() < 0.04 else ""
            codes.append(f"{reel}M{cue}{insert}")
    return codes


def film(rng, names):
    """A film: its score album (FLAC, sometimes two discs), maybe its songs album (MP3)."""
    title, year = names.production(), rng.randint(1962, 2025)
    folder = f"Films/{title} ({year})"
    composer = names.composer()
    albums = []

    score_album = f"{title} (Original Motion Picture Score)"
    total = album_size(rng)
    discs = 2 if total >= 14 and rng.random() < 0.3 else 1
    per_disc = -(-total // discs)
    codes = cue_codes(rng, total)
    files = []
    for i, code in enumerate(codes):
        disc, n = i // per_disc + 1, i % per_disc + 1
        name = cue_title(rng)
        tags = {
            "title": f"{code} {name}",
            "album": score_album,
            "artist": composer,
            "albumartist": composer,
            "composer": composer,
            "genre": "Soundtrack",
            "date": date(rng, year),
            "tracknumber": track_number(rng, n, min(per_disc, total - (disc - 1) * per_disc)),
            "discnumber": f"{disc}/{discs}",
        }
        if rng.random() < 0.35:
            tags["description"] = scene(rng, names)
        if rng.random() < 0.1:
            tags["comment"] = rng.choice(COMMENTS).format(p=rng.choice(PLACES))
        if rng.random() < 0.2:
            tags["language"] = "zxx"  # No linguistic content: instrumental.
        path = f"{folder}/{score_album}/Disc {disc}/{n:02d} {code} {name}.flac"
        files.append((path, "flac", tags))
    albums.append(files)

    if rng.random() < SONGS_ALBUM_CHANCE:
        songs_album = f"{title} (Original Motion Picture Soundtrack)"
        total = album_size(rng)
        files = []
        for n in range(1, total + 1):
            name = song_title(rng)
            performer = rng.choice(names.bands + names.singers)
            tags = {
                "title": name,
                "album": songs_album,
                "artist": performer,
                "albumartist": "Various Artists",
                "composer": " / ".join(rng.sample(names.singers, rng.randint(1, 2))),
                "genre": "Pop",
                "date": date(rng, year),
                "tracknumber": track_number(rng, n, total),
                "discnumber": "1",
                "lyrics": lyrics(rng),
                "language": rng.choice(["eng"] * 8 + ["fra", "spa"]),
            }
            if rng.random() < 0.2:
                tags["description"] = scene(rng, names)
            path = f"{folder}/{songs_album}/{n:02d} {name}.mp3"
            files.append((path, "mp3", tags))
        albums.append(files)
    return albums


def tv_show(rng, names):
    """A series: one or more season albums (Ogg Vorbis), cues numbered per episode."""
    show, first_year = names.production(), rng.randint(1995, 2022)
    composer = names.composer()
    albums = []
    for season in range(1, rng.randint(1, 4) + 1):
        album = f"{show}: Season {season} (Music from the Series)"
        total = album_size(rng)
        codes, episode = [], 1
        while len(codes) < total:
            codes += cue_codes(rng, rng.randint(1, 4), tv_episode=episode)
            episode += 1
        files = []
        for n, code in enumerate(codes[:total], start=1):
            name = cue_title(rng)
            tags = {
                "title": f"{code} {name}",
                "album": album,
                "artist": composer,
                "albumartist": composer,
                "composer": composer,
                "genre": "Soundtrack",
                "date": date(rng, first_year + season - 1),
                "tracknumber": track_number(rng, n, total),
                "discnumber": "1",
            }
            if rng.random() < 0.3:
                ep = int(code[:-2])
                tags["description"] = f"S{season:02d}E{ep:02d} " + scene(rng, names)
            path = f"TV/{show}/{album}/{n:02d} {code} {name}.ogg"
            files.append((path, "ogg", tags))
        albums.append(files)
    return albums


def game(rng, names):
    """A game soundtrack (Ogg Vorbis): area themes and set pieces."""
    title, year = names.production(), rng.randint(1990, 2025)
    composer = names.composer()
    album = f"{title} OST"
    total = album_size(rng)
    files = []
    for n in range(1, total + 1):
        if rng.random() < 0.5:
            name = f"{rng.choice(PLACES)} {rng.choice(GAME_AREAS)}"
        else:
            name = cue_title(rng)
        tags = {
            "title": name,
            "album": album,
            "artist": composer,
            "albumartist": composer,
            "composer": composer,
            "genre": "Game",
            "date": date(rng, year),
            "tracknumber": track_number(rng, n, total),
            "discnumber": "1",
        }
        if rng.random() < 0.1:
            tags["comment"] = rng.choice(COMMENTS).format(p=rng.choice(PLACES))
        files.append((f"Games/{album}/{n:02d} {name}.ogg", "ogg", tags))
    return [files]


def production_kinds():
    """Film, TV, game, then each kind as often as its weight says, well interleaved.

    A weighted round robin rather than random draws, so that even a small
    library (the 100-file one) holds every kind and the format mix is steady.
    """
    seen = {kind: 0 for kind, _ in PRODUCTION_WEIGHTS}
    for kind in ("film", "tv", "game"):
        seen[kind] += 1
        yield kind
    while True:
        total = sum(seen.values()) + 1
        kind = max(PRODUCTION_WEIGHTS, key=lambda kw: kw[1] * total - seen[kw[0]])[0]
        seen[kind] += 1
        yield kind


def plan(count):
    """The first COUNT files of the library: (relative path, format, tags) each."""
    rng = random.Random(SEED)
    names = Names(rng)
    makers = {"film": film, "tv": tv_show, "game": game}
    files = []
    for kind in production_kinds():
        if len(files) >= count:
            break
        for album in makers[kind](rng, names):
            files.extend(album)
    return [(f"{ROOT}/{path}", fmt, tags) for path, fmt, tags in files[:count]]


# --------------------------------------------------------------------------
# Templates: one tiny encoded file per format.
# --------------------------------------------------------------------------


def run(cmd):
    subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


# Per format: the dedicated encoder, its command, and ffmpeg's arguments instead.
# A fixed Ogg stream serial (oggenc picks a random one) keeps the bytes repeatable.
ENCODERS = {
    "flac": ("flac", lambda wav, out: ["flac", "-s", "-f", "-5", "-o", out, wav],
             ["-c:a", "flac"]),
    "mp3": ("lame", lambda wav, out: ["lame", "--quiet", "-b", "128", wav, out],
            ["-c:a", "libmp3lame", "-b:a", "128k"]),
    "ogg": ("oggenc",
            lambda wav, out: ["oggenc", "-Q", "-q", "2", "-s", str(SEED), "-o", out, wav],
            ["-c:a", "libvorbis", "-q:a", "2"]),
}


def encode(wav, dest):
    """Encodes WAV into DEST, in the format of DEST's extension, without tags.

    Uses flac, lame or oggenc when installed, else ffmpeg.
    """
    fmt = os.path.splitext(dest)[1].lstrip(".").lower()
    tool, command, ffmpeg_args = ENCODERS[fmt]
    if shutil.which(tool):
        run(command(wav, dest))
    elif shutil.which("ffmpeg"):
        # -map_metadata -1 and bitexact keep ffmpeg's own encoder tag out.
        run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", wav, "-map_metadata", "-1",
             "-fflags", "+bitexact", *ffmpeg_args, dest])
    else:
        sys.exit(f"gen_library: needs {tool} or ffmpeg to encode {fmt}")


def tone_wav(dest, seconds, noise=False):
    """A stereo 44.1 kHz 16-bit WAV: a two-note chord, with soft pink noise if NOISE
    (so that a long test file gives the codecs some detail to code).

    Repeatable: sox -R fixes its dither and noise seeds, as seed= does ffmpeg's.
    """
    if shutil.which("sox"):
        sox = ["sox", "-R", "-q", "-n", "-r", "44100", "-c", "2", "-b", "16"]
        fade = ["fade", "q", "0.02", str(seconds), "0.05"]
        if not noise:
            run([*sox, dest, "synth", str(seconds), "sine", "440", "sine", "554", *fade,
                 "gain", "-6"])
            return
        chord, hiss = dest + ".chord.wav", dest + ".noise.wav"
        run([*sox, chord, "synth", str(seconds), "sine", "220", "sine", "277", *fade])
        run([*sox, hiss, "synth", str(seconds), "pinknoise"])
        run(["sox", "-R", "-q", "-m", "-v", "0.4", chord, "-v", "0.03", hiss, dest])
        os.remove(chord)
        os.remove(hiss)
    elif shutil.which("ffmpeg"):
        source = f"sine=frequency=440:duration={seconds}:sample_rate=44100"
        if noise:
            source = (f"{source}[a];anoisesrc=color=pink:amplitude=0.03:duration={seconds}"
                      f":sample_rate=44100:seed={SEED}[b];[a][b]amix=inputs=2[out0]")
        run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source,
             "-ac", "2", "-c:a", "pcm_s16le", dest])
    else:
        sys.exit("gen_library: needs sox or ffmpeg to make a test tone")


def make_templates(work):
    """Encodes the three templates in WORK; returns {format: bytes}."""
    wav = os.path.join(work, "tone.wav")
    tone_wav(wav, TEMPLATE_SECONDS)
    out = {fmt: os.path.join(work, f"template.{fmt}") for fmt in ENCODERS}
    for path in out.values():
        encode(wav, path)

    import mutagen

    templates = {}
    for fmt, path in out.items():
        audio = mutagen.File(path)
        if audio is None or not audio.info.length > 0:
            sys.exit(f"gen_library: the {fmt} template {path} is not readable audio")
        with open(path, "rb") as f:
            templates[fmt] = f.read()
    return templates


# --------------------------------------------------------------------------
# Writing: template bytes + tags, in memory, then one write per file.
# --------------------------------------------------------------------------

VORBIS_KEYS = {
    "title": "TITLE", "album": "ALBUM", "artist": "ARTIST", "albumartist": "ALBUMARTIST",
    "composer": "COMPOSER", "genre": "GENRE", "date": "DATE", "tracknumber": "TRACKNUMBER",
    "discnumber": "DISCNUMBER", "description": "DESCRIPTION", "comment": "COMMENT",
    "lyrics": "LYRICS", "language": "LANGUAGE",
}

_templates = {}


def _init_worker(templates):
    _templates.update(templates)


def tag_vorbis(audio, tags):
    """FLAC and Ogg Vorbis: Vorbis comments, one field per tag."""
    if audio.tags is None:
        audio.add_tags()
    for key, value in tags.items():
        audio.tags[VORBIS_KEYS[key]] = [value]


def tag_id3(audio, tags):
    """MP3: ID3v2.4 frames as taggers write them (TXXX:DESCRIPTION, COMM, USLT, TLAN)."""
    from mutagen import id3

    if audio.tags is None:
        audio.add_tags()
    t = audio.tags
    text_frames = {
        "title": id3.TIT2, "album": id3.TALB, "artist": id3.TPE1, "albumartist": id3.TPE2,
        "composer": id3.TCOM, "genre": id3.TCON, "date": id3.TDRC, "tracknumber": id3.TRCK,
        "discnumber": id3.TPOS, "language": id3.TLAN,
    }
    for key, value in tags.items():
        if key in text_frames:
            t.add(text_frames[key](encoding=3, text=[value]))
    language = tags.get("language", "eng")
    if "description" in tags:
        t.add(id3.TXXX(encoding=3, desc="DESCRIPTION", text=[tags["description"]]))
    if "comment" in tags:
        t.add(id3.COMM(encoding=3, lang="eng", desc="", text=[tags["comment"]]))
    if "lyrics" in tags:
        t.add(id3.USLT(encoding=3, lang=language, desc="", text=tags["lyrics"]))


def write_files(batch):
    """Writes one batch of planned files under the library folder; returns how many."""
    import mutagen

    root, items = batch
    made_dirs = set()
    for rel, fmt, tags in items:
        buf = io.BytesIO(_templates[fmt])
        audio = mutagen.File(buf)
        (tag_id3 if fmt == "mp3" else tag_vorbis)(audio, tags)
        buf.seek(0)
        audio.save(buf)
        path = os.path.join(root, rel)
        folder = os.path.dirname(path)
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        with open(path, "wb") as f:
            f.write(buf.getvalue())
    return len(items)


# --------------------------------------------------------------------------
# Reuse, generation and the command line.
# --------------------------------------------------------------------------


def read_marker(folder):
    try:
        with open(os.path.join(folder, MARKER)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def write_marker(folder, **fields):
    tmp = os.path.join(folder, MARKER + ".tmp")
    with open(tmp, "w") as f:
        json.dump(fields, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, os.path.join(folder, MARKER))


def reusable(folder, count, files):
    marker = read_marker(folder)
    return (
        marker is not None
        and marker.get("complete") is True
        and marker.get("count") == count
        and marker.get("seed") == SEED
        and marker.get("generator") == GENERATOR_VERSION
        # A cheap check that nobody emptied the folder under the marker.
        and os.path.isfile(os.path.join(folder, files[0][0]))
        and os.path.isfile(os.path.join(folder, files[-1][0]))
    )


def generate(folder, count, workers=2):
    """Makes (or reuses) the library; returns the marker's fields."""
    if importlib.util.find_spec("mutagen") is None:  # The workers need it: check first.
        sys.exit("gen_library: needs mutagen (pip install mutagen; make bench has it in "
                 "target/bench-venv)")
    folder = os.path.abspath(folder)
    files = plan(count)
    if os.path.isdir(folder):
        if reusable(folder, count, files):
            print(f"gen_library: reusing {folder} ({count} files, generator v{GENERATOR_VERSION})")
            return read_marker(folder)
        if read_marker(folder) is None and os.listdir(folder):
            sys.exit(f"gen_library: {folder} is not empty and was not made by this generator; "
                     "pick another folder")
        # Ours but different (other count, older generator, interrupted): start again.
        shutil.rmtree(os.path.join(folder, ROOT), ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    write_marker(folder, complete=False, count=count, seed=SEED, generator=GENERATOR_VERSION)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="leitmotif-templates-") as work:
        templates = make_templates(work)

    batch_size = 250
    batches = [(folder, files[i:i + batch_size]) for i in range(0, len(files), batch_size)]
    done, reported = 0, 0
    print(f"gen_library: writing {count} files under {folder} with {workers} workers", flush=True)
    with multiprocessing.Pool(workers, initializer=_init_worker, initargs=(templates,)) as pool:
        for n in pool.imap_unordered(write_files, batches):
            done += n
            if done // 1000 > reported or done == count:
                reported = done // 1000
                print(f"  {done}/{count} files ({time.perf_counter() - started:.1f} s)", flush=True)
    seconds = time.perf_counter() - started

    formats = {fmt: sum(1 for _, f, _ in files if f == fmt) for fmt in templates}
    size = sum(len(templates[fmt]) for _, fmt, _ in files)  # Before tags: a floor.
    fields = dict(complete=True, count=count, seed=SEED, generator=GENERATOR_VERSION,
                  formats=formats, albums=len({os.path.dirname(p) for p, _, _ in files}),
                  seconds=round(seconds, 2))
    write_marker(folder, **fields)
    print(f"gen_library: {count} files in {seconds:.1f} s "
          f"({', '.join(f'{n} {fmt}' for fmt, n in formats.items())}; over {size / 1e6:.0f} MB)")
    return fields


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", help="folder to fill (created; reused when it matches)")
    parser.add_argument("count", type=int, help="how many audio files")
    parser.add_argument("--workers", type=int, default=2, help="writer processes (default 2)")
    parser.add_argument("--print-plan", action="store_true",
                        help="print the planned paths and tags as JSON lines, write nothing")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("COUNT must be at least 1")
    if args.print_plan:
        for path, fmt, tags in plan(args.count):
            print(json.dumps({"path": path, "format": fmt, "tags": tags}, ensure_ascii=False))
        return
    generate(args.dir, args.count, args.workers)


if __name__ == "__main__":
    main()
