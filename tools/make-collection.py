#!/usr/bin/env python3
"""Builds a music collection shaped as real ones are, for Leitmotif's collection test.

Usage: python3 tools/make-collection.py OUT_DIR

The audio is the demo library's (FLAC, Ogg Vorbis, MP3, and M4A made from them with ffmpeg);
the tags are written with mutagen the way real taggers and stores write them: MusicBrainz
Picard (multi-valued, "album; soundtrack", ID3v2.3 with "/" joins), iTunes and Amazon purchases,
Bandcamp and Steam downloads, VGMdb-style rips in Japanese, K-drama singles in parts, untagged
rips named by their folders, an ID3v1-only rip, a FLAC image with its CUE sheet, and albums that
are not soundtracks at all. Every production and title is invented.

OUT_DIR/expect.json lists the checks: for a track (by path relative to OUT_DIR) the production
it must be in, the medium of that production, its category, and where given its title, disc,
track number, episode or scene. tests/collections.rs scans OUT_DIR and scores the checks.

Needs mutagen (Debian: python3-mutagen) and ffmpeg.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from mutagen.flac import FLAC
from mutagen.id3 import (COMM, ID3, TALB, TCOM, TCON, TDRC, TEXT, TIT1, TIT2, TLAN, TPE1, TPE2, TPOS,
                         TRCK, TSST, TXXX, TYER, USLT)
from mutagen.mp4 import MP4
from mutagen.oggvorbis import OggVorbis

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "assets" / "demo"
SEEDS = {
    "flac": DEMO / "Arrival Point (2024)/Arrival Point (Original Motion Picture Score)/01 1M1 Landing.flac",
    "ogg": DEMO / "Lanternfall OST/01 Title Screen.ogg",
    "mp3": DEMO / "Arrival Point (2024)/Arrival Point (Original Motion Picture Soundtrack)/01 Neon Highway.mp3",
}

checks: list[dict] = []


def seed(fmt: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "m4a":
        m4a = OUT / ".seed.m4a"
        if not m4a.exists():
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(SEEDS["flac"]), "-c:a", "aac",
                            "-map_metadata", "-1", str(m4a)], check=True)
        shutil.copyfile(m4a, out)
        return
    shutil.copyfile(SEEDS[fmt], out)
    if fmt == "mp3":
        ID3().save(out)  # an empty tag in place of the demo's
        from mutagen.id3 import delete
        delete(out)
    elif fmt == "flac":
        f = FLAC(out)
        f.delete()
        f.save()
    elif fmt == "ogg":
        f = OggVorbis(out)
        f.delete()
        f.save()


def vorbis(path: Path, tags: dict) -> None:
    f = FLAC(path) if path.suffix == ".flac" else OggVorbis(path)
    for k, v in tags.items():
        f[k] = v if isinstance(v, list) else [str(v)]
    f.save()


def id3(path: Path, tags: dict, version: int = 4) -> None:
    t = ID3()
    frame = {"title": TIT2, "artist": TPE1, "album": TALB, "albumartist": TPE2, "composer": TCOM,
             "genre": TCON, "track": TRCK, "disc": TPOS, "lyricist": TEXT, "language": TLAN,
             "grouping": TIT1, "discsubtitle": TSST}
    for k, v in tags.items():
        values = v if isinstance(v, list) else [str(v)]
        if k in frame:
            t.add(frame[k](encoding=3 if version == 4 else 1, text=values))
        elif k == "date":
            t.add((TDRC if version == 4 else TYER)(encoding=1, text=values))
        elif k == "comment":
            t.add(COMM(encoding=1, lang="eng", desc="", text=values))
        elif k == "itunnorm":
            t.add(COMM(encoding=1, lang="eng", desc="iTunNORM", text=values))
        elif k == "lyrics":
            t.add(USLT(encoding=1, lang="eng", desc="", text=values[0]))
        else:
            t.add(TXXX(encoding=1, desc=k, text=values))
    t.save(path, v2_version=version, v23_sep="/")


def id3v1_only(path: Path, tags: dict) -> None:
    from mutagen.id3 import ID3v1SaveOptions, delete
    t = ID3()
    t.add(TIT2(encoding=0, text=[tags["title"][:30]]))
    t.add(TPE1(encoding=0, text=[tags["artist"][:30]]))
    t.add(TALB(encoding=0, text=[tags["album"][:30]]))
    t.add(TRCK(encoding=0, text=[str(tags["track"])]))
    t.save(path, v1=ID3v1SaveOptions.CREATE, v2_version=3)
    delete(path, delete_v1=False, delete_v2=True)


def mp4(path: Path, tags: dict) -> None:
    f = MP4(path)
    key = {"title": "\xa9nam", "artist": "\xa9ART", "album": "\xa9alb", "albumartist": "aART",
           "composer": "\xa9wrt", "genre": "\xa9gen", "date": "\xa9day", "comment": "\xa9cmt",
           "grouping": "\xa9grp", "lyrics": "\xa9lyr"}
    for k, v in tags.items():
        if k == "track":
            f["trkn"] = [(int(v), 0)]
        elif k == "disc":
            f["disk"] = [(int(v), 0)]
        elif k in key:
            f[key[k]] = v if isinstance(v, list) else [str(v)]
    f.save()


def track(rel: str, fmt: str, tags: dict | None, expect: dict, writer: str = "native") -> None:
    """One file at OUT/rel, tagged, with what a scan must make of it."""
    path = OUT / rel
    seed(fmt, path)
    if tags is not None:
        if fmt in ("flac", "ogg"):
            vorbis(path, {k.upper(): v for k, v in tags.items()})
        elif fmt == "mp3":
            if writer == "id3v1":
                id3v1_only(path, tags)
            else:
                id3(path, tags, version=3 if writer == "id3v23" else 4)
        elif fmt == "m4a":
            mp4(path, tags)
    checks.append({"path": rel, **expect})


def expect(production: str, medium: str, category: str | None = None, **more) -> dict:
    e = {"production": production, "medium": medium}
    if category:
        e["category"] = category
    e.update(more)
    return e


# ---------------------------------------------------------------------------------------------

def picard_film() -> None:
    """A film's score and songs albums as Picard tags them (FLAC, multi-valued)."""
    base = "Films/Quiet Harbour (2019)"
    score = "Quiet Harbour (Original Motion Picture Score)"
    for n, title in enumerate(["Main Title", "1M2 The Lighthouse", "2M1 Storm Warning", "3M4 Homecoming"], 1):
        track(f"{base}/{score}/{n:02} {title}.flac", "flac", {
            "title": title, "artist": "Elin Sjöberg", "albumartist": "Elin Sjöberg", "album": score,
            "composer": "Elin Sjöberg", "tracknumber": n, "discnumber": 1, "date": "2019-03-01",
            "releasetype": ["album", "soundtrack"], "language": "zxx", "musicbrainz_albumid": "00000000-1"},
            expect("Quiet Harbour", "film", "score"))
    songs = "Quiet Harbour (Original Motion Picture Soundtrack)"
    for n, (title, artist, composer) in enumerate([("Salt in the Air", "The Tidewaters", "Maya Holt"),
                                                   ("Paper Boats", "Juno Vale", "Juno Vale; Ray Ortiz"),
                                                   ("Harbour Lights Reprise", "Elin Sjöberg", "Elin Sjöberg")], 1):
        cat = "score" if artist == "Elin Sjöberg" else "song"
        tags = {"title": title, "artist": artist, "albumartist": "Various Artists", "album": songs,
                "composer": composer.split("; "), "tracknumber": n, "date": "2019",
                "releasetype": "album; soundtrack; compilation"}
        if cat == "song":
            tags.update({"language": "eng", "lyricist": composer.split("; ")[0]})
        track(f"{base}/{songs}/{n:02} {title}.flac", "flac", tags, expect("Quiet Harbour", "film", cat))


def itunes_film() -> None:
    """An iTunes purchase: M4A, composer in ©wrt, genre Soundtrack on every track."""
    album = "Glass Orchard (Original Motion Picture Soundtrack)"
    rows = [("Orchard Theme", "Tomas Weller", "Tomas Weller", "score"),
            ("The First Frost", "London Session Orchestra", "Tomas Weller", "score"),
            ("Run to the River", "Cassie Moon", "Cassie Moon & Dev Patel", "song"),
            ("Glass Orchard Suite", "Tomas Weller", "Tomas Weller", "score"),
            ("Stay (feat. Lio)", "Northbound", "Alan Grey", "song")]
    for n, (title, artist, composer, cat) in enumerate(rows, 1):
        track(f"iTunes/Tomas Weller/{album}/{n:02} {title}.m4a", "m4a", {
            "title": title, "artist": artist, "albumartist": "Tomas Weller", "album": album,
            "composer": composer, "genre": "Soundtrack", "date": "2021-05-14T07:00:00Z", "track": n},
            expect("Glass Orchard", "film", cat))


def amazon_tv() -> None:
    """Amazon MP3 (ID3v2.3): a series' season album of score and songs, store stamps in COMM."""
    album = "Ninefold: Season 2 (Music from the Netflix Series)"
    rows = [("Ninefold Main Title", "Priya Raman", "Priya Raman", "score", None),
            ("Harbor Lights Theme", "Priya Raman", "Priya Raman", "score", None),
            ("Neon Nights", "The Velvet Pilots", "K. Ames/J. Ruiz", "song", None),
            ("Closing Credits", "Priya Raman", "Priya Raman", "score", "S02E04 closing credits"),
            ("Fade Into You Again", "Mira Lane", "Mira Lane", "song", None)]
    for n, (title, artist, composer, cat, desc) in enumerate(rows, 1):
        tags = {"title": title, "artist": artist, "albumartist": "Various Artists", "album": album,
                "composer": composer, "genre": "Soundtrack", "track": f"{n}/5", "date": "2022",
                "comment": "Amazon.com Song ID: 23311" + str(n)}
        more = {}
        if desc:
            tags["DESCRIPTION"] = desc
            more["episode"] = "S02E04"
        track(f"Amazon MP3/Ninefold/{n:02} - {title}.mp3", "mp3", tags,
              expect("Ninefold", "tv", cat, **more), writer="id3v23")
    # The same show's season 3 score.
    album = "Ninefold 3 (Original Score from the Netflix Original Series)"
    for n, title in enumerate(["The Ninth Door", "Low Tide"], 1):
        track(f"Amazon MP3/Ninefold 3/{n:02} - {title}.mp3", "mp3", {
            "title": title, "artist": "Priya Raman", "album": album, "composer": "Priya Raman",
            "genre": "Soundtrack", "track": n}, expect("Ninefold", "tv", "score"), writer="id3v23")


def bandcamp_and_steam() -> None:
    """Bandcamp: no genre, the artist page as album artist, a URL in the comment. Steam: no composer."""
    for n, title in enumerate(["Skyforge", "Cloud Forge", "Ember Wind"], 1):
        track(f"Bandcamp/Skyforge Original Soundtrack/{n:02} {title}.flac", "flac", {
            "title": title, "artist": "Noor Haddad", "albumartist": "Noor Haddad",
            "album": "Skyforge Original Soundtrack", "tracknumber": n,
            "comment": "Visit https://noorhaddad.bandcamp.com"}, expect("Skyforge", "game", "score"))
    for n, title in enumerate(["Sky Harbour", "Last Ascent"], 1):
        track(f"Bandcamp/Skyforge Original Soundtrack Vol. 2/{n:02} {title}.flac", "flac", {
            "title": title, "artist": "Noor Haddad", "albumartist": "Noor Haddad",
            "album": "Skyforge Original Soundtrack Vol. 2", "tracknumber": n,
            "genre": "Video Game Music"}, expect("Skyforge", "game", "score"))
    for n, title in enumerate(["Menu", "Caverns", "The Long Fall", "Credits"], 1):
        track(f"Steam/Lumen Drift/Soundtrack/{n:02}. {title}.mp3", "mp3", {
            "title": title, "artist": "Kai Moreno", "album": "Lumen Drift Original Soundtrack",
            "track": n, "date": "2020"}, expect("Lumen Drift", "game", "score"))


def vgmdb_rip() -> None:
    """A VGMdb-style rip: Japanese album, two discs, the composer tagged."""
    album = "星の航路 オリジナル・サウンドトラック"
    rows = [(1, 1, "序曲", "score"), (1, 2, "星の海", "score"), (2, 1, "決戦", "score"),
            (2, 2, "いつか星の下で", "song")]
    for disc, n, title, cat in rows:
        tags = {"title": title, "artist": "久我山 彩" if cat == "score" else "月野ひかり", "album": album,
                "albumartist": "久我山 彩", "composer": "久我山 彩", "discnumber": disc, "tracknumber": n,
                "genre": "Game", "date": "2018-07-25"}
        if cat == "song":
            tags.update({"lyricist": "森 詩織", "language": "jpn"})
        track(f"VGM/[2018] 星の航路 OST/Disc {disc}/{n:02} {title}.flac", "flac", tags,
              expect("星の航路", "game", cat))


def kdrama_parts() -> None:
    """A K-drama's songs, released as singles in parts, each a vocal song and its instrumental."""
    parts = [("Moonlit Garden OST Part.1", "Only You", "Haneul"),
             ("Moonlit Garden OST Part.2", "Blue Night", "Seo Jiwoo"),
             ("Moonlit Garden (Original Television Soundtrack), Pt. 3", "Falling Slowly", "Lee Dahye"),
             ("Moonlit Garden OST Pt. 4", "Letters", "Band Nine")]
    for album, song, singer in parts:
        for n, (title, cat) in enumerate([(song, "song"), (f"{song} (Inst.)", "song")], 1):
            tags = {"title": title, "artist": singer, "album": album, "albumartist": singer,
                    "composer": "Park Minho", "track": n, "genre": "Drama", "date": "2023"}
            if n == 1:
                tags.update({"lyricist": "Kim Soyeon", "language": "kor"})
            track(f"K-Drama/Moonlit Garden/{album}/{n:02} {title}.mp3", "mp3", tags,
                  expect("Moonlit Garden", "tv", cat))
    # The same drama's score album.
    for n, title in enumerate(["Moonlit Garden Main Theme", "Garden at Dawn"], 1):
        track(f"K-Drama/Moonlit Garden/Moonlit Garden OST (Score)/{n:02} {title}.mp3", "mp3", {
            "title": title, "artist": "Park Minho", "album": "Moonlit Garden Original Score",
            "composer": "Park Minho", "track": n}, expect("Moonlit Garden", "tv", "score"))


def anime() -> None:
    """An anime's OST 1 and 2: BGM by the composer, OP and ED theme songs by bands."""
    for vol, album in [(1, "蒼穹のアルカ オリジナル・サウンドトラック"), (2, "蒼穹のアルカ オリジナル・サウンドトラック 2")]:
        rows = [("蒼穹", "score"), ("出撃", "score")]
        if vol == 1:
            rows += [("空の約束 (TVサイズ)", "song")]
        else:
            rows += [("星降る夜 -ED Ver.-", "song")]
        for n, (title, cat) in enumerate(rows, 1):
            artist = "藤原 圭" if cat == "score" else ("スカイライン" if vol == 1 else "ミナミ")
            tags = {"title": title, "artist": artist, "album": album, "albumartist": "藤原 圭",
                    "composer": "藤原 圭" if cat == "score" else "高橋 翔", "tracknumber": n, "genre": "Anime"}
            if cat == "song":
                tags.update({"language": "jpn"})
            track(f"Anime/蒼穹のアルカ/OST {vol}/{n:02} {title}.flac", "flac", tags,
                  expect("蒼穹のアルカ", "tv", cat))


def compilation() -> None:
    """A compilation of film music: each track the theme of another film, by an orchestra."""
    album = "Music from the Films of Anna Lindqvist"
    rows = [('Theme (From "Quiet Harbour")', "Quiet Harbour"), ('Suite (From "Northern Line")', "Northern Line"),
            ('Love Theme (From "Paper Moon River")', "Paper Moon River")]
    for n, (title, film) in enumerate(rows, 1):
        track(f"Compilations/{album}/{n:02} {title.split(' (')[0]}.ogg", "ogg", {
            "title": title, "artist": "City of Prague Philharmonic Orchestra", "album": album,
            "albumartist": "City of Prague Philharmonic Orchestra", "composer": "Anna Lindqvist",
            "tracknumber": n, "genre": "Soundtrack"}, expect(album, "film", "score"))


def not_soundtracks() -> None:
    """A rock album, a jazz quartet, a symphony and a pop album: none is a production."""
    for n, title in enumerate(["Engines", "Midnight Radio", "Hollow Town"], 1):
        track(f"Rock/The Copper Wires/Static Bloom (2016)/{n:02} {title}.mp3", "mp3", {
            "title": title, "artist": "The Copper Wires", "albumartist": "The Copper Wires",
            "album": "Static Bloom", "composer": "The Copper Wires", "genre": "Alternative Rock",
            "track": n, "date": "2016"}, expect("Static Bloom", "other", "song"))
    for n, title in enumerate(["Blue Hour", "Steps in Rain"], 1):
        track(f"Jazz/Ira Kessler Quartet/Night Studies/{n:02} {title}.flac", "flac", {
            "title": title, "artist": "Ira Kessler Quartet", "album": "Night Studies",
            "composer": "Ira Kessler", "genre": "Jazz", "tracknumber": n}, expect("Night Studies", "other"))
    for n, title in enumerate(["Symphony No. 7 in A major, Op. 92: I. Poco sostenuto – Vivace",
                               "Symphony No. 7 in A major, Op. 92: II. Allegretto"], 1):
        track(f"Classical/Beethoven/Symphony No. 7 - Wiener Philharmoniker/{n:02}.flac", "flac", {
            "title": title, "artist": "Wiener Philharmoniker; Carlos Kleiber",
            "albumartist": "Wiener Philharmoniker", "album": "Beethoven: Symphony No. 7",
            "composer": "Ludwig van Beethoven", "genre": "Classical", "tracknumber": n,
            "work": "Symphony No. 7 in A major, Op. 92"}, expect("Beethoven: Symphony No. 7", "other"))
    for n, title in enumerate(["Golden Hour", "Sleepless"], 1):
        track(f"Pop/Lena Frost/Golden Hour (Deluxe Edition)/{n:02} {title}.m4a", "m4a", {
            "title": title, "artist": "Lena Frost", "albumartist": "Lena Frost",
            "album": "Golden Hour (Deluxe Edition)", "composer": "Lena Frost, Sam Reed", "genre": "Pop",
            "track": n, "lyrics": "la la la"}, expect("Golden Hour", "other", "song"))


def untagged_rips() -> None:
    """Rips with no tags: everything comes from the folders and the file names."""
    for n, title in enumerate(["Opening", "The Marsh", "Finale"], 1):
        track(f"Rips/Hannah Cole - Fenwater (2010)/{n:02} - {title}.flac", "flac", None,
              expect("Fenwater", "unknown", title=title, track=n))
    for disc, n in [(1, 1), (1, 2), (2, 1)]:
        track(f"Rips/[2011] Harrowgate OST (FLAC)/CD{disc}/{n:02}.flac", "flac", None,
              expect("Harrowgate", "unknown", disc=disc, track=n))
    for n, (artist, title) in enumerate([("The Reeds", "Drive All Night"), ("Mona Ash", "Slow Burn")], 1):
        track(f"Rips/Crosstown - Music From The Motion Picture (2012) [320kbps]/{n:02}. {artist} - {title}.mp3",
              "mp3", None, expect("Crosstown", "film", title=title, track=n))
    for disc, n, title in [(1, 1, "Night Ferry"), (1, 2, "Crossing"), (2, 1, "Harbour at Dawn")]:
        track(f"Rips/Night Ferry (2019) [FLAC]/{disc}-{n:02} {title}.flac", "flac", None,
              expect("Night Ferry", "unknown", title=title, disc=disc, track=n))
    # ID3v1 cut the album at 30 characters; the folder has it whole.
    full = "The Cartographer's Daughter (Original Score)"
    track(f"Rips/{full}/01 Maps.mp3", "mp3", {"title": "Maps", "artist": "Ruth Ebbe", "album": full,
          "track": 1}, expect("The Cartographer's Daughter", "unknown", "score"), writer="id3v1")


def folder_mates() -> None:
    """A game's music folder where two files carry no album: they join what their folder-mates say."""
    for name in ["main_menu", "battle", "journey"]:
        track(f"Games/wyrmvale/music/{name}.ogg", "ogg", {
            "title": name.replace("_", " ").title(), "artist": "Sam Okafor", "composer": "Sam Okafor",
            "album": "Wyrmvale OST", "genre": "Game"}, expect("Wyrmvale", "game", "score"))
    track("Games/wyrmvale/music/return_home.ogg", "ogg", {"title": "Return Home", "artist": "Sam Okafor"},
          expect("Wyrmvale", "game", "score"))
    track("Games/wyrmvale/music/silence.ogg", "ogg", None, expect("Wyrmvale", "game"))


def editions_and_companions() -> None:
    """An edition and a companion songs album join the film; a single joins it too."""
    for n, title in enumerate(["Overture", "The Comet"], 1):
        track(f"Films/Starfall/Starfall (Original Motion Picture Score)/{n:02} {title}.flac", "flac", {
            "title": title, "artist": "Ines Carvalho", "composer": "Ines Carvalho",
            "album": "Starfall (Original Motion Picture Score)", "tracknumber": n, "genre": "Soundtrack"},
            expect("Starfall", "film", "score"))
    for n, title in enumerate(["Overture (Extended)", "Comet Tail (Bonus)"], 1):
        track(f"Films/Starfall/Starfall (Deluxe Edition)/{n:02} {title}.flac", "flac", {
            "title": title, "artist": "Ines Carvalho", "composer": "Ines Carvalho",
            "album": "Starfall (Original Motion Picture Score) [Deluxe Edition]", "tracknumber": n,
            "genre": "Soundtrack"}, expect("Starfall", "film", "score"))
    for n, (title, artist) in enumerate([("Hooked on You", "Bluebird Five"), ("Cherry Wine", "The Marlowes")], 1):
        track(f"Films/Starfall/Starfall Awesome Mix/{n:02} {title}.mp3", "mp3", {
            "title": title, "artist": artist, "album": "Starfall: Awesome Mix Vol. 1 (Original Motion Picture Soundtrack)",
            "albumartist": "Various Artists", "composer": "Various", "genre": "Soundtrack", "track": n,
            "language": "eng"}, expect("Starfall", "film", "song"))
    track("Films/Starfall/Single/01 Falling Star.mp3", "mp3", {
        "title": 'Falling Star (From "Starfall")', "artist": "Ada Wren", "album": 'Falling Star (From "Starfall") - Single',
        "composer": "Ada Wren", "genre": "Pop", "track": 1}, expect("Starfall", "film", "song"))


def scenes_and_episodes() -> None:
    """Scenes in an ID3v2.3 COMM frame (with an iTunes data frame before it) and episodes in a
    DESCRIPTION."""
    album = "Lantern Street (Original Television Soundtrack)"
    rows = [("101 Opening", "Title sequence over the rooftops", None),
            ("102 The Market", "S01E02: the chase through the night market", "S01E02")]
    for n, (title, scene, episode) in enumerate(rows, 1):
        more = {"scene": scene}
        if episode:
            more["episode"] = episode
        track(f"TV/Lantern Street/{n:02} {title}.mp3", "mp3", {
            "title": title, "artist": "Oren Blum", "composer": "Oren Blum", "album": album, "track": n,
            "itunnorm": " 00000A2B 00000B1C 00004E3F", "comment": scene},
            expect("Lantern Street", "tv", "score", **more), writer="id3v23")


def cd_image() -> None:
    """A FLAC image of a whole disc with its EAC sheet (CP1252, FILE names the .wav it was)."""
    folder = OUT / "Images/Ada Quill - Harrowmere (2008)"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEEDS["flac"], folder / "Ada Quill - Harrowmere.flac")
    f = FLAC(folder / "Ada Quill - Harrowmere.flac")
    f.delete()
    f["GENRE"] = ["Soundtrack"]
    f.save()
    sheet = ('REM GENRE Soundtrack\r\nREM DATE 2008\r\nREM COMMENT "ExactAudioCopy v1.6"\r\n'
             'PERFORMER "Ada Quill"\r\nTITLE "Harrowmere (Original Score)"\r\n'
             'FILE "Ada Quill - Harrowmere.wav" WAVE\r\n'
             '  TRACK 01 AUDIO\r\n    TITLE "1M1 Arrivée"\r\n    PERFORMER "Ada Quill"\r\n'
             '    SONGWRITER "Ada Quill"\r\n    INDEX 01 00:00:00\r\n'
             '  TRACK 02 AUDIO\r\n    TITLE "1M2 The Moor"\r\n    PERFORMER "Ada Quill"\r\n'
             '    INDEX 00 00:01:60\r\n    INDEX 01 00:02:00\r\n'
             '  TRACK 03 AUDIO\r\n    TITLE "2M1 Fog"\r\n    PERFORMER "Ada Quill"\r\n'
             '    INDEX 01 00:04:00\r\n')
    (folder / "Ada Quill - Harrowmere.cue").write_bytes(sheet.encode("cp1252"))
    base = "Images/Ada Quill - Harrowmere (2008)/Ada Quill - Harrowmere.cue"
    for n, title in enumerate(["1M1 Arrivée", "1M2 The Moor", "2M1 Fog"], 1):
        checks.append({"path": f"{base}/track{n:02}", **expect("Harrowmere", "unknown", "score", title=title,
                                                                track=n)})


def embedded_images() -> None:
    """Images whose sheet is inside the FLAC: a CUESHEET comment (foobar2000, CUETools), and the
    FLAC CUESHEET metadata block (metaflac --import-cuesheet-from)."""
    from mutagen.flac import CueSheet, CueSheetTrack, CueSheetTrackIndex
    rel = "Images/Wren Park - Lowmoor (2015)/Wren Park - Lowmoor.flac"
    seed("flac", OUT / rel)
    sheet = ('PERFORMER "Wren Park"\nTITLE "Lowmoor (Original Motion Picture Score)"\n'
             'FILE "Wren Park - Lowmoor.wav" WAVE\n'
             '  TRACK 01 AUDIO\n    TITLE "Mist"\n    INDEX 01 00:00:00\n'
             '  TRACK 02 AUDIO\n    TITLE "The Fen Road"\n    INDEX 01 00:03:00\n')
    vorbis(OUT / rel, {"ALBUM": "Lowmoor (Original Motion Picture Score)", "ARTIST": "Wren Park",
                       "COMPOSER": "Wren Park", "CUESHEET": sheet})
    for n, title in enumerate(["Mist", "The Fen Road"], 1):
        checks.append({"path": f"{rel}/track{n:02}", **expect("Lowmoor", "film", "score", title=title, track=n)})
    rel = "Images/Kestrel Lane - Saltgrass/Saltgrass.flac"
    seed("flac", OUT / rel)
    f = FLAC(OUT / rel)
    f["ALBUM"] = ["Saltgrass (Original Score)"]
    f["ARTIST"] = ["Kestrel Lane"]
    f["COMPOSER"] = ["Kestrel Lane"]
    rate = f.info.sample_rate
    cue = CueSheet(None)
    cue.media_catalog_number = b""
    cue.lead_in_samples = 0
    cue.compact_disc = False
    cue.tracks = []
    for number, second in ((1, 0), (2, 2), (3, 4)):
        t = CueSheetTrack(number, second * rate, isrc=b"")
        t.indexes = [CueSheetTrackIndex(1, 0)]
        cue.tracks.append(t)
    lead_out = CueSheetTrack(170, f.info.total_samples, isrc=b"")
    cue.tracks.append(lead_out)
    f.metadata_blocks.append(cue)
    f.save()
    for n in (1, 2, 3):
        checks.append({"path": f"{rel}/track{n:02}", **expect("Saltgrass", "unknown", "score", track=n)})


def main() -> None:
    global OUT
    if len(sys.argv) != 2:
        sys.exit("usage: python3 tools/make-collection.py OUT_DIR")
    OUT = Path(sys.argv[1]).resolve()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for part in (picard_film, itunes_film, amazon_tv, bandcamp_and_steam, vgmdb_rip, kdrama_parts, anime,
                 compilation, not_soundtracks, untagged_rips, folder_mates, editions_and_companions,
                 scenes_and_episodes, cd_image, embedded_images):
        part()
    (OUT / ".seed.m4a").unlink(missing_ok=True)
    (OUT / "expect.json").write_text(json.dumps(checks, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(checks)} files with checks in {OUT}")


if __name__ == "__main__":
    main()
