#!/usr/bin/env python3
"""Builds a corpus of odd, broken and hostile files for Leitmotif's reliability tests.

Usage: python3 tools/make-bad-corpus.py OUT_DIR

The seeds are the real FLAC, Ogg Vorbis and MP3 files of the demo library (assets/demo/); they
are only read. OUT_DIR is created; a non-empty OUT_DIR is refused unless it holds a previous
corpus (marked by the file `.bad-corpus`), which is then emptied and built again.

OUT_DIR/manifest.json lists every entry: {"path" (or "path_hex" for a name that is not UTF-8),
"kind", "expect", "size", optional "note" and "expect_as_root"}. "expect" is what a scan must do
with it:
  library  listed as a track
  problem  listed in the problems
  either   one of the two, but accounted for (a tolerant reader may list what a strict one refuses)
  skip     not to be seen: not audio, a link loop, a FIFO, a cue sidecar, a hidden file...
The labels say what a correct scanner must do, not what the current one happens to do.

Standard library only (Python 3.11). Deterministic: every family draws from its own seeded RNG,
so adding a family does not change the bytes of the others.
"""

from __future__ import annotations

import collections
import json
import os
import random
import re
import stat
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "assets" / "demo"
MARKER = b".bad-corpus"
AUDIO_EXTS = ["mp3", "flac", "ogg", "wav", "m4a", "opus", "aiff"]
KB = 1024
MB = 1024 * 1024
# A FLAC metadata block length is 24 bits: no block can be larger than this.
FLAC_MAX_BLOCK = 0xFFFFFF


# --------------------------------------------------------------------------------------------
# The corpus: where files go and what the manifest says about them
# --------------------------------------------------------------------------------------------


@dataclass
class Corpus:
    root: bytes
    entries: list[dict] = field(default_factory=list)

    def abs(self, rel: str | bytes) -> bytes:
        return os.path.join(self.root, os.fsencode(rel))

    def write(self, rel, data: bytes, kind: str, expect: str, note: str | None = None, **extra):
        """Writes `data` at `rel` (parent folders made) and records it in the manifest."""
        path = self.abs(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.record(rel, kind, expect, note, **extra)

    def record(self, rel, kind: str, expect: str, note: str | None = None, **extra):
        assert expect in ("library", "problem", "either", "skip"), expect
        rel = os.fsencode(rel)
        entry: dict = {}
        try:
            entry["path"] = rel.decode("utf-8")
        except UnicodeDecodeError:
            # JSON cannot carry these bytes faithfully: give them in hex.
            entry["path_hex"] = rel.hex()
        entry["kind"] = kind
        entry["expect"] = expect
        if note:
            entry["note"] = note
        entry.update(extra)
        try:
            st = os.lstat(self.abs(rel))
            if stat.S_ISREG(st.st_mode):
                entry["size"] = st.st_size
        except (NotADirectoryError, FileNotFoundError):
            pass  # a track of a CD image: named, not a file of its own
        self.entries.append(entry)


def prepare_out_dir(root: bytes) -> None:
    """Creates OUT_DIR, or empties it when it holds a previous corpus; refuses anything else."""
    real = Path(os.fsdecode(os.path.realpath(root)))
    if real == DEMO.resolve() or DEMO.resolve() in real.parents:
        sys.exit(f"make-bad-corpus: refusing to write inside the demo library: {real}")
    if os.path.lexists(root) and not os.path.isdir(root):
        sys.exit(f"make-bad-corpus: {os.fsdecode(root)} exists and is not a folder")
    os.makedirs(root, exist_ok=True)
    names = os.listdir(root)
    if names:
        marker = os.path.join(root, MARKER)
        if not (os.path.lexists(marker) and stat.S_ISREG(os.lstat(marker).st_mode)):
            sys.exit(
                f"make-bad-corpus: {os.fsdecode(root)} is not empty and is not a previous corpus "
                f"(no {MARKER.decode()} file); refusing to write there"
            )
        for name in names:
            remove_tree(os.path.join(root, name))
    with open(os.path.join(root, MARKER), "wb") as f:
        f.write(b"Made by tools/make-bad-corpus.py; this folder is emptied on the next run.\n")


def remove_tree(path: bytes) -> None:
    """Removes a file or folder without ever following a symlink (the corpus links to /usr/share/doc
    and /dev/zero) and giving locked folders their permissions back first (for non-root runs)."""
    st = os.lstat(path)
    if stat.S_ISDIR(st.st_mode):
        os.chmod(path, 0o700)
        with os.scandir(path) as it:
            children = [e.path for e in it]
        for child in children:
            remove_tree(child)
        os.rmdir(path)
    else:
        os.unlink(path)


# --------------------------------------------------------------------------------------------
# Seeds and small format helpers
# --------------------------------------------------------------------------------------------


@dataclass
class Seed:
    path: Path
    data: bytes

    @property
    def ext(self) -> str:
        return self.path.suffix[1:].lower()


def load_seeds() -> dict[str, list[Seed]]:
    seeds: dict[str, list[Seed]] = {"flac": [], "ogg": [], "mp3": []}
    for p in sorted(DEMO.rglob("*")):
        ext = p.suffix[1:].lower()
        if p.is_file() and ext in seeds:
            seeds[ext].append(Seed(p, p.read_bytes()))
    for ext, found in seeds.items():
        if not found:
            sys.exit(f"make-bad-corpus: no .{ext} seed under {DEMO}")
    return seeds


def smallest(seeds: dict[str, list[Seed]]) -> Seed:
    return min((s for group in seeds.values() for s in group), key=lambda s: len(s.data))


def has_mpeg_sync(data: bytes) -> bool:
    """True when the bytes hold an MPEG frame sync (0xFF then 3 set bits). A tolerant MP3 reader
    that hunts for frames can then 'find' audio in garbage, so such garbage is 'either'."""
    return re.search(rb"\xff[\xe0-\xff]", data) is not None


def garbage_expect(data: bytes) -> str:
    return "either" if has_mpeg_sync(data) else "problem"


# ---- ID3v2 ----


def syncsafe(n: int) -> bytes:
    assert 0 <= n < 1 << 28, n
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def unsyncsafe(b: bytes) -> int:
    return (b[0] & 0x7F) << 21 | (b[1] & 0x7F) << 14 | (b[2] & 0x7F) << 7 | (b[3] & 0x7F)


def id3_split(data: bytes) -> tuple[bytes, bytes]:
    """Splits an MP3 into (its leading ID3v2 tag, the rest: MPEG frames and any trailing tag)."""
    if data[:3] != b"ID3":
        return b"", data
    end = 10 + unsyncsafe(data[6:10]) + (10 if data[5] & 0x10 else 0)
    return data[:end], data[end:]


def id3v23_frames(tag: bytes) -> list[tuple[bytes, bytes]]:
    """The (id, body) frames of an ID3v2.3 tag, stopping at the padding."""
    assert tag[3] == 3 and tag[5] == 0, "the demo MP3s carry plain ID3v2.3 tags"
    body, pos, frames = tag[10:], 0, []
    while pos + 10 <= len(body) and body[pos] != 0:
        fid, size = body[pos : pos + 4], int.from_bytes(body[pos + 4 : pos + 8], "big")
        frames.append((fid, body[pos + 10 : pos + 10 + size]))
        pos += 10 + size
    return frames


def id3_frame(fid: bytes, body: bytes, version: int = 3, size: int | None = None) -> bytes:
    """One frame; `size` overrides the declared size (a lie). v2.4 sizes are syncsafe."""
    n = len(body) if size is None else size
    size_bytes = syncsafe(n) if version == 4 and size is None else (n & 0xFFFFFFFF).to_bytes(4, "big")
    return fid + size_bytes + b"\x00\x00" + body


def id3_text(text: str, encoding: int = 1) -> bytes:
    """A text frame body: 0 Latin-1, 1 UTF-16 with BOM, 3 UTF-8 (v2.4)."""
    if encoding == 0:
        return b"\x00" + text.encode("latin-1") + b"\x00"
    if encoding == 1:
        return b"\x01\xff\xfe" + text.encode("utf-16-le") + b"\x00\x00"
    return b"\x03" + text.encode("utf-8") + b"\x00"


def id3_tag(frames: bytes, version: int = 3, flags: int = 0, size_field: bytes | None = None) -> bytes:
    """An ID3v2 tag around `frames`; `size_field` replaces the 4 size bytes (to lie)."""
    size = syncsafe(len(frames)) if size_field is None else size_field
    return b"ID3" + bytes([version, 0, flags]) + size + frames


def id3v1(title: bytes, artist: bytes, album: bytes, year: bytes = b"2024", genre: int = 24) -> bytes:
    """A 128-byte ID3v1.1 tag (genre 24 is 'Soundtrack')."""
    def pad(b: bytes, n: int) -> bytes:
        return b[:n].ljust(n, b"\x00")
    return (b"TAG" + pad(title, 30) + pad(artist, 30) + pad(album, 30) + pad(year, 4)
            + pad(b"", 28) + b"\x00\x01" + bytes([genre]))  # comment, zero byte, track 1, genre


def mpeg_frame_len(h: bytes) -> int:
    """Length of an MPEG-1 Layer III frame from its 4-byte header (enough for the demo seeds)."""
    bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0]
    rates = [44100, 48000, 32000, 0]
    br, sr, pad = bitrates[h[2] >> 4], rates[(h[2] >> 2) & 3], (h[2] >> 1) & 1
    return 144000 * br // sr + pad if br and sr else 417


# ---- FLAC ----


def flac_parse(data: bytes) -> tuple[list[list], bytes]:
    """The metadata blocks ([type, body]) and the audio frames of a FLAC file."""
    assert data[:4] == b"fLaC"
    pos, blocks = 4, []
    while True:
        hdr, size = data[pos], int.from_bytes(data[pos + 1 : pos + 4], "big")
        blocks.append([hdr & 0x7F, data[pos + 4 : pos + 4 + size]])
        pos += 4 + size
        if hdr & 0x80:
            return blocks, data[pos:]


def flac_build(blocks: list[list], audio: bytes, mark_last: bool = True, lengths: dict | None = None) -> bytes:
    """A FLAC file from blocks, setting the last-block flag on the final one; `lengths` maps a
    block index to a declared length that lies about its body."""
    out = [b"fLaC"]
    for i, (ty, body) in enumerate(blocks):
        last = 0x80 if mark_last and i == len(blocks) - 1 else 0
        n = (lengths or {}).get(i, len(body))
        assert len(body) <= FLAC_MAX_BLOCK and n <= FLAC_MAX_BLOCK
        out.append(bytes([ty | last]) + n.to_bytes(3, "big") + body)
    out.append(audio)
    return b"".join(out)


def vorbis_comment_parse(body: bytes) -> tuple[bytes, list[bytes]]:
    n = int.from_bytes(body[:4], "little")
    vendor, pos = body[4 : 4 + n], 4 + n
    count, pos = int.from_bytes(body[pos : pos + 4], "little"), pos + 4
    comments = []
    for _ in range(count):
        ln = int.from_bytes(body[pos : pos + 4], "little")
        comments.append(body[pos + 4 : pos + 4 + ln])
        pos += 4 + ln
    return vendor, comments


def vorbis_comment(vendor: bytes, comments: list[bytes], vendor_len: int | None = None, count: int | None = None,
                   first_len: int | None = None) -> bytes:
    """A VORBIS_COMMENT body; `vendor_len`, `count` and `first_len` (the first comment's length)
    override the declared numbers (lies)."""
    out = [(len(vendor) if vendor_len is None else vendor_len).to_bytes(4, "little"), vendor]
    out.append((len(comments) if count is None else count).to_bytes(4, "little"))
    for i, c in enumerate(comments):
        n = first_len if i == 0 and first_len is not None else len(c)
        out.append(n.to_bytes(4, "little") + c)
    return b"".join(out)


def flac_picture(data: bytes, mime: bytes = b"image/jpeg", ptype: int = 3) -> bytes:
    """A PICTURE block body: type, mime, description, width, height, depth, colours, data."""
    return (
        ptype.to_bytes(4, "big") + len(mime).to_bytes(4, "big") + mime
        + (0).to_bytes(4, "big")  # empty description
        + (600).to_bytes(4, "big") + (600).to_bytes(4, "big") + (24).to_bytes(4, "big") + (0).to_bytes(4, "big")
        + len(data).to_bytes(4, "big") + data
    )


FLAC_PICTURE_OVERHEAD = len(flac_picture(b""))


def flac_with_comments(seed: Seed, edit) -> bytes:
    """The seed FLAC with its VORBIS_COMMENT body replaced by edit(vendor, comments)."""
    blocks, audio = flac_parse(seed.data)
    for b in blocks:
        if b[0] == 4:
            b[1] = edit(*vorbis_comment_parse(b[1]))
    return flac_build(blocks, audio)


# ---- Ogg ----


def ogg_pages(data: bytes) -> list[tuple[int, int, bytes]]:
    """(start, end, lacing values) of each page, as far as the bytes go."""
    pos, pages = 0, []
    while pos + 27 <= len(data) and data[pos : pos + 4] == b"OggS":
        nseg = data[pos + 26]
        lacing = data[pos + 27 : pos + 27 + nseg]
        end = pos + 27 + nseg + sum(lacing)
        pages.append((pos, end, lacing))
        pos = end
    return pages


def ogg_headers_end(data: bytes) -> int:
    """Where the page that completes the third Vorbis header packet (setup) ends."""
    packets = 0
    for _, end, lacing in ogg_pages(data):
        packets += sum(1 for v in lacing if v < 255)
        if packets >= 3:
            return end
    return len(data)


def _ogg_crc_table() -> list[int]:
    table = []
    for i in range(256):
        r = i << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) if r & 0x80000000 else (r << 1)
        table.append(r & 0xFFFFFFFF)
    return table


OGG_CRC = _ogg_crc_table()


def ogg_fix_crc(page: bytearray) -> None:
    """Recomputes the CRC of one Ogg page in place (CRC field zeroed while summing)."""
    page[22:26] = b"\x00\x00\x00\x00"
    crc = 0
    for b in page:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ OGG_CRC[((crc >> 24) & 0xFF) ^ b]
    page[22:26] = crc.to_bytes(4, "little")


# --------------------------------------------------------------------------------------------
# Families
# --------------------------------------------------------------------------------------------


def family_good(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """The seeds, byte for byte, in their album folders: the test checks good files still show up
    among all the bad ones."""
    for group in seeds.values():
        for s in group:
            rel = Path("good") / s.path.parent.name / s.path.name
            c.write(str(rel), s.data, "good", "library")


def truncation_expect(fmt: str, data: bytes, cut: int) -> tuple[str, str]:
    """Whether a file cut at `cut` still has the format's headers: before them nothing can be
    played ('problem'); after them the tags read but the audio ends early ('either')."""
    if fmt == "flac":
        _, audio = flac_parse(data)
        meta_end = len(data) - len(audio)
        if cut < meta_end:
            return "problem", f"cut inside the metadata blocks (they end at {meta_end}): no audio frame"
        return "either", f"metadata complete (ends at {meta_end}); audio frames cut"
    if fmt == "ogg":
        end = ogg_headers_end(data)
        if cut < end:
            return "problem", f"cut before the three Vorbis headers are complete (at {end})"
        return "either", f"Vorbis headers complete (at {end}); audio pages cut"
    tag, rest = id3_split(data)
    m = re.search(rb"\xff[\xe0-\xff]", rest)
    first = len(tag) + (m.start() if m else 0)
    if cut < first + 4:
        return "problem", f"cut before the first MPEG frame header is complete (at {first + 4})"
    return "either", f"ID3v2 tag complete, first frame at {first}; frames cut"


def truncation_offsets(fmt: str, data: bytes) -> dict[int, str]:
    """Cut points: fixed small offsets, fractions, the end, and each format's own boundaries."""
    n = len(data)
    cuts = {0: "0", 1: "1", 2: "2", 4: "4", 10: "10", 44: "44", 100: "100", 512: "512", 1024: "1024",
            4096: "4096", 8192: "8192", 16384: "16384", n // 4: "25%", n // 2: "50%", 3 * n // 4: "75%",
            n - 4096: "end-4096", n - 100: "end-100", n - 1: "last byte missing"}
    if fmt == "flac":
        _, audio = flac_parse(data)
        meta_end = n - len(audio)
        cuts.update({8: "block header", 42: "after STREAMINFO", meta_end - 1: "metadata end-1",
                     meta_end: "metadata end (no frames)", meta_end + 1: "metadata end+1",
                     meta_end + 100: "inside first frame"})
    elif fmt == "ogg":
        pages = ogg_pages(data)
        end = ogg_headers_end(data)
        cuts.update({27: "page header", pages[0][1] - 1: "first page-1", pages[0][1]: "first page end",
                     end - 1: "headers end-1", end: "headers end", end + 1: "headers end+1"})
    else:
        tag, rest = id3_split(data)
        t = len(tag)
        cuts.update({3: "ID3", 9: "ID3 header-1", t - 1: "tag end-1", t: "tag end (no frame)",
                     t + 2: "half frame header", t + 4: "frame header only",
                     t + mpeg_frame_len(rest[:4]): "one frame", n - 128: "end-128 (where an ID3v1 tag would start)"})
    return {k: v for k, v in sorted(cuts.items()) if 0 <= k < n}


def family_truncated(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """Downloads and copies that stopped early: every boundary of the first seed of each format,
    and the fractions of the others."""
    for fmt, group in seeds.items():
        for i, s in enumerate(group):
            offsets = truncation_offsets(fmt, s.data)
            if i > 0:
                n = len(s.data)
                offsets = {k: v for k, v in offsets.items() if k in (n // 4, n // 2, 3 * n // 4, n - 1)}
            for cut, label in offsets.items():
                expect, why = truncation_expect(fmt, s.data, cut)
                rel = f"truncated/{fmt}/seed{i + 1}-cut-{cut:07d}-of-{len(s.data):07d}.{fmt}"
                c.write(rel, s.data[:cut], f"truncated-{fmt}", expect, f"{label}: {why}", seed=s.path.name)


def family_empty(c: Corpus) -> None:
    """Zero bytes: an audio extension promises audio, so each is a problem; without one it is
    nothing at all."""
    for ext in AUDIO_EXTS:
        c.write(f"empty/empty.{ext}", b"", "empty", "problem")
    c.write("empty/EMPTY.FLAC", b"", "empty", "problem", "upper-case extension")
    c.write("empty/empty-no-extension", b"", "empty", "skip", "no extension and no content: not audio")
    c.write("empty/empty.txt", b"", "empty", "skip", "not an audio extension")


def family_random(c: Corpus) -> None:
    """Seeded noise with audio extensions, 1 byte to 1 MB. MP3 readers hunt for frame syncs, so
    noise holding one may pass as (garbage) MPEG: 'either'; noise without one is a problem."""
    rng = random.Random("random-bytes")
    sizes = [1, 2, 3, 4, 7, 10, 16, 35, 36, 64, 100, 255, 512, 1000, 1024, 4096, 10_000, 65_536,
             262_144, MB]
    for i, size in enumerate(sizes):
        ext = AUDIO_EXTS[i % len(AUDIO_EXTS)]
        data = rng.randbytes(size)
        c.write(f"random/random-{size:07d}.{ext}", data, "random", garbage_expect(data),
                "has an MPEG frame sync" if has_mpeg_sync(data) else "no MPEG frame sync")
    for ext in AUDIO_EXTS:
        if ext == AUDIO_EXTS[(len(sizes) - 1) % len(AUDIO_EXTS)]:
            continue  # already has its 1 MB file
        data = rng.randbytes(MB)
        c.write(f"random/random-1mb.{ext}", data, "random", garbage_expect(data))
    # Noise with no 0xFF byte at all: nothing for a frame hunter to grab, so surely a problem.
    data = bytes(b for b in rng.randbytes(70_000) if b != 0xFF)[:65_536]
    c.write("random/random-no-ff.mp3", data, "random", "problem", "no 0xFF byte: no frame sync")


def family_wrong_extension(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """Real audio under the wrong name: Leitmotif recognises formats by content, so these are
    tracks. Names it never opens (.jpg, .txt) are skipped by design."""
    f, o, m = seeds["flac"][0].data, seeds["ogg"][0].data, seeds["mp3"][0].data
    pairs = [("flac", f, "mp3"), ("flac", f, "ogg"), ("flac", f, "wav"), ("flac", f, "m4a"),
             ("ogg", o, "flac"), ("ogg", o, "mp3"), ("ogg", o, "opus"), ("ogg", o, "wav"),
             ("mp3", m, "wav"), ("mp3", m, "flac"), ("mp3", m, "ogg"), ("mp3", m, "aiff")]
    for real, data, ext in pairs:
        c.write(f"wrong-ext/{real}-named.{ext}", data, "wrong-ext", "library")
    c.write("wrong-ext/upper-case.FLAC", f, "wrong-ext", "library", "upper-case extension")
    c.write("wrong-ext/mixed-case.Mp3", m, "wrong-ext", "library", "mixed-case extension")
    c.write("wrong-ext/flac-named.dat", f, "wrong-ext", "library", "unknown extension: found by content")
    c.write("wrong-ext/flac-no-extension", f, "no-ext", "library", "starts with fLaC")
    c.write("wrong-ext/ogg-no-extension", o, "no-ext", "library", "starts with OggS + vorbis")
    _, frames = id3_split(m)
    c.write("wrong-ext/mp3-bare-no-extension", frames, "no-ext", "library",
            "MPEG frames with no ID3 tag: starts with a frame sync")
    c.write("wrong-ext/mp3-id3-no-extension", m, "no-ext", "library",
            "starts with an ID3v2 tag: a sniffer that reads only the first bytes sees 'ID3' and no "
            "format; it must look past the tag to find the MPEG frames")
    c.write("wrong-ext/flac-named-cover.jpg", f, "wrong-ext", "skip", ".jpg is never opened")
    c.write("wrong-ext/mp3-named-notes.txt", m, "wrong-ext", "skip", ".txt is never opened")


def family_header_garbage(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """A format's magic followed by junk: the reader must say 'damaged', not crash or hang. A magic
    alone is a problem; real headers followed by junk may still give tags ('either')."""
    rng = random.Random("header-garbage")
    flac, ogg = seeds["flac"][0].data, seeds["ogg"][0].data

    def junk(n: int) -> bytes:
        return rng.randbytes(n)

    def put(name: str, data: bytes, expect: str, note: str) -> None:
        c.write(f"header-garbage/{name}", data, "header-garbage", expect, note)

    # fLaC then noise: the first noise byte is the block header; type 0 would read as STREAMINFO.
    d = b"fLaC" + junk(4096)
    put("flac-magic-random.flac", d, "problem" if d[4] & 0x7F else "either", "fLaC + 4 KB noise")
    put("flac-magic-only.flac", b"fLaC", "problem", "nothing after the magic")
    streaminfo = flac[4:42]
    put("flac-streaminfo-random-frames.flac", b"fLaC" + bytes([0x80]) + streaminfo[1:] + junk(65536), "either",
        "valid STREAMINFO (last block) then 64 KB noise instead of frames")
    put("flac-magic-named.mp3", b"fLaC" + bytes([0x7F]) + junk(4096), "problem", "fLaC + noise, named .mp3")
    put("ogg-magic-random.ogg", (d := b"OggS" + junk(4096)), garbage_expect(d), "OggS + noise")
    first_page = ogg[: ogg_pages(ogg)[0][1]]
    put("ogg-first-page-random.ogg", first_page + junk(16384), "problem",
        "the Vorbis identification page, then noise: no comment or setup header")
    opus_page = bytearray(b"OggS\x00\x02" + bytes(8) + b"\x01\x00\x00\x00" + bytes(4) + bytes(4) + b"\x01\x13"
                          + b"OpusHead\x01\x02\x38\x01\x80\xbb\x00\x00\x00\x00\x00")
    ogg_fix_crc(opus_page)
    put("opus-head-random.opus", bytes(opus_page) + junk(8192), "problem", "a valid OpusHead page, then noise")
    put("id3-magic-random.mp3", (d := b"ID3" + junk(4096)), garbage_expect(d), "ID3 + noise (random version and size)")
    put("id3-header-random.mp3", (d := id3_tag(b"") + junk(8192)), garbage_expect(d), "empty ID3v2.3 tag + noise")
    put("mpeg-frame-header-random.mp3", (d := b"\xff\xfb\x90\x64" + junk(8192)), "either",
        "one MPEG-1 Layer III frame header, then noise")
    put("riff-wave-random.wav", b"RIFF" + (8192 + 4).to_bytes(4, "little") + b"WAVE" + junk(8192), "problem",
        "RIFF....WAVE + noise: no fmt chunk")
    put("riff-only.wav", b"RIFF", "problem", "4 bytes")
    put("form-aiff-random.aiff", b"FORM" + (8192 + 4).to_bytes(4, "big") + b"AIFF" + junk(8192), "problem",
        "FORM....AIFF + noise")
    put("ftyp-m4a-random.m4a", (24).to_bytes(4, "big") + b"ftypM4A \x00\x00\x00\x00M4A mp42" + junk(8192), "problem",
        "an MP4 ftyp box + noise: no moov")
    put("html-error-page.flac", b"<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
        b"<body><h1>Not Found</h1></body></html>\n", "problem", "what a failed download saves")
    put("playlist-text.mp3", b"#EXTM3U\n#EXTINF:123,Artist - Title\n/music/track.mp3\n", "problem",
        "a playlist saved as .mp3")
    # A real WAV of seeded noise: valid PCM, so a track (the demo has no WAV seed).
    pcm = junk(16000)
    # PCM, mono, 8000 Hz, 16000 bytes/s, 2-byte frames, 16 bits.
    fmt_chunk = b"fmt " + (16).to_bytes(4, "little") + b"\x01\x00\x01\x00" + (8000).to_bytes(4, "little") \
        + (16000).to_bytes(4, "little") + b"\x02\x00\x10\x00"
    wav = b"WAVE" + fmt_chunk + b"data" + len(pcm).to_bytes(4, "little") + pcm
    c.write("header-garbage/valid-noise.wav", b"RIFF" + len(wav).to_bytes(4, "little") + wav, "synth-wav", "library",
            "a valid 1 s 8 kHz mono WAV of noise")
    wav_lie = b"WAVE" + fmt_chunk + b"data" + (0xFFFFFFF0).to_bytes(4, "little") + pcm
    c.write("header-garbage/wav-data-size-4gb.wav", b"RIFF" + (0xFFFFFFF8).to_bytes(4, "little") + wav_lie,
            "header-garbage", "either", "data chunk claims 4 GB, holds 16 KB")


def family_bad_tags(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """Tags crafted by hand to lie. The audio behind them is intact, so a tolerant reader lists the
    track (without the bad tag) and a strict one reports it: 'either', unless the tag is valid."""
    mp3, flac, ogg = seeds["mp3"][0], seeds["flac"][0], seeds["ogg"][0]
    tag, frames = id3_split(mp3.data)
    real_frames = id3v23_frames(tag)
    body = tag[10:]
    tit2 = id3_frame(b"TIT2", id3_text("Odd Title"))
    tpe1 = id3_frame(b"TPE1", id3_text("Bad Corpus"))

    def mp3_put(name: str, data: bytes, expect: str, note: str, kind: str = "bad-id3") -> None:
        c.write(f"tags/{name}", data, kind, expect, note)

    # Sizes that lie. Syncsafe bytes must keep their high bit clear; a reader that trusts the tag
    # size skips into nowhere.
    mp3_put("id3-size-past-eof.mp3", id3_tag(body, size_field=syncsafe(len(mp3.data) * 2)) + frames, "either",
            "tag size twice the file")
    mp3_put("id3-size-256mb.mp3", id3_tag(body, size_field=b"\x7f\x7f\x7f\x7f") + frames, "either",
            "tag size the largest syncsafe value (256 MB)")
    mp3_put("id3-syncsafe-high-bits.mp3", id3_tag(body, size_field=b"\xff\xff\xff\xff") + frames, "either",
            "size bytes 0xFF: not syncsafe")
    mp3_put("id3-syncsafe-high-bit-small.mp3", id3_tag(body, size_field=b"\x80\x80\x88\x80") + frames, "either",
            "high bits set on a small size")
    mp3_put("id3-size-zero.mp3", id3_tag(body, size_field=b"\x00\x00\x00\x00") + frames, "either",
            "size 0 but frames follow: they read as junk before the first MPEG frame")
    mp3_put("id3-size-too-small.mp3", id3_tag(body, size_field=syncsafe(20)) + frames, "either",
            "size ends in the middle of a frame")
    huge = id3_frame(b"TIT2", id3_text("Huge"), size=0x7FFFFFF0)
    mp3_put("id3-frame-size-2gb.mp3", id3_tag(huge + tpe1 + bytes(64)) + frames, "either",
            "TIT2 frame declares 2 GB inside a small tag")
    huge = id3_frame(b"APIC", b"\x00image/jpeg\x00\x03\x00", size=0xFFFFFFFF)
    mp3_put("id3-apic-size-4gb.mp3", id3_tag(tit2 + huge + bytes(64)) + frames, "either",
            "APIC frame declares 4 GB")
    v24 = id3_frame(b"TIT2", id3_text("x" * 300, 3), version=4, size=len(id3_text("x" * 300, 3)))
    mp3_put("id3v24-frame-size-not-syncsafe.mp3", id3_tag(v24 + tpe1, version=4) + frames, "either",
            "v2.4 frame size written as a plain integer (an old iTunes bug)")
    mp3_put("id3-version-9.mp3", b"ID3\x09\x00\x00" + syncsafe(len(body)) + body + frames, "either",
            "ID3v2.9 does not exist")
    mp3_put("id3-footer-flag-no-footer.mp3", id3_tag(body, flags=0x10) + frames, "either",
            "footer flag set, no footer")
    mp3_put("id3-extended-header-flag-garbage.mp3", id3_tag(body, flags=0x40) + frames, "either",
            "extended header flag set; the 'extended header' is the first frame")
    mp3_put("id3-unsync-flag.mp3", id3_tag(body, flags=0x80) + frames, "either",
            "unsynchronisation flag set on a tag that is not unsynchronised")
    mp3_put("id3-two-tags.mp3", id3_tag(tit2 + tpe1) + tag + frames, "library",
            "two ID3v2 tags in a row (seen in the wild)")
    mp3_put("id3-empty-text-frame.mp3", id3_tag(id3_frame(b"TIT2", b"") + tpe1) + frames, "either",
            "TIT2 with no body at all (not even the encoding byte)")
    mp3_put("id3-encoding-byte-9.mp3", id3_tag(id3_frame(b"TIT2", b"\x09Title\x00") + tpe1) + frames, "either",
            "text encoding 9 does not exist")
    # Text that is not what its encoding byte says.
    mp3_put("id3-invalid-utf8.mp3",
            id3_tag(id3_frame(b"TIT2", b"\x03Bad \xff\xfe \xc3\x28 \xed\xa0\x80 \xc0\xaf\x00", version=4) + tpe1,
                    version=4) + frames, "either", "UTF-8 frame with invalid sequences", "bad-text")
    mp3_put("id3-utf16-no-bom.mp3", id3_tag(id3_frame(b"TIT2", b"\x01" + "No BOM".encode("utf-16-le") + b"\x00\x00") + tpe1)
            + frames, "either", "UTF-16 text without a byte order mark", "bad-text")
    mp3_put("id3-utf16-odd-length.mp3", id3_tag(id3_frame(b"TIT2", b"\x01\xff\xfeO\x00d\x00d") + tpe1) + frames,
            "either", "UTF-16 text of an odd number of bytes", "bad-text")
    mp3_put("id3-utf16-lone-surrogate.mp3",
            id3_tag(id3_frame(b"TIT2", b"\x01\xff\xfe" + "A".encode("utf-16-le") + b"\x00\xd8" + b"\x00\x00") + tpe1)
            + frames, "either", "UTF-16 with an unpaired surrogate", "bad-text")
    # Valid but unusual.
    v1 = id3v1(b"ID3v1 Only Title", b"Bad Corpus", b"Corpus Album")
    mp3_put("id3v1-only.mp3", frames + v1, "library", "no ID3v2 tag; an ID3v1.1 tag at the end", "id3v1")
    mp3_put("id3v1-latin1.mp3", frames + id3v1(b"Caf\xe9 Th\xe8me \xa9", b"\xc9quipe", b"\xff\xfe"), "library",
            "ID3v1 with Latin-1 bytes (not UTF-8)", "id3v1")
    mp3_put("id3v1-garbage-after-tag.mp3", frames + v1 + b"TAG" + bytes(20), "either", "a stray TAG after the tag", "id3v1")
    big_title = ("A very long title \u00e9 " * 60000)[: MB]
    big = b"".join(id3_frame(fid, b) for fid, b in real_frames if fid != b"TIT2")
    mp3_put("id3-title-1mb.mp3", id3_tag(id3_frame(b"TIT2", b"\x00" + big_title.encode("latin-1") + b"\x00") + big)
            + frames, "library", "TIT2 of 1 MB (Latin-1)", "huge-title")

    # FLAC: the VORBIS_COMMENT block holds 32-bit lengths inside a 24-bit block.
    def fput(name: str, data: bytes, expect: str, note: str, kind: str = "bad-flac-tag") -> None:
        c.write(f"tags/{name}", data, kind, expect, note)

    fput("flac-vendor-length-4gb.flac", flac_with_comments(flac, lambda v, cs: vorbis_comment(v, cs, vendor_len=0xFFFFFFFF)),
         "either", "VORBIS_COMMENT vendor string claims 4 GB")
    fput("flac-comment-length-4gb.flac", flac_with_comments(flac, lambda v, cs: vorbis_comment(v, cs, first_len=0xFFFFFFFF)),
         "either", "the first comment claims 4 GB")
    fput("flac-comment-count-2pow31.flac", flac_with_comments(flac, lambda v, cs: vorbis_comment(v, cs, count=2 ** 31)),
         "either", "VORBIS_COMMENT item count 2^31")
    blocks, audio = flac_parse(flac.data)
    vc = next(i for i, b in enumerate(blocks) if b[0] == 4)
    fput("flac-comment-block-16mb.flac", flac_build(blocks, audio, lengths={vc: FLAC_MAX_BLOCK}), "either",
         "VORBIS_COMMENT block header claims 16 MB (the 24-bit maximum: a 4 GB block cannot be written)")
    fput("flac-no-last-block-flag.flac", flac_build(blocks, audio, mark_last=False), "either",
         "no block has the last flag: the audio frames read as metadata")
    fput("flac-two-vorbis-comments.flac", flac_build(blocks[: vc + 1] + [blocks[vc]] + blocks[vc + 1:], audio), "either",
         "two VORBIS_COMMENT blocks (the spec allows one)")
    si = bytearray(blocks[0][1])
    # Bytes 10, 11 and the high nibble of 12 are the 20-bit sample rate; channels and bits follow.
    si[10], si[11], si[12] = 0, 0, si[12] & 0x0F
    fput("flac-sample-rate-zero.flac", flac_build([[0, bytes(si)]] + blocks[1:], audio), "either",
         "STREAMINFO says 0 Hz")
    fput("flac-streaminfo-short.flac", flac_build([[0, blocks[0][1][:10]]] + blocks[1:], audio), "either",
         "STREAMINFO of 10 bytes instead of 34")
    fput("flac-id3-in-front.flac", id3_tag(tit2 + tpe1) + flac.data, "either",
         "an ID3v2 tag before fLaC (some taggers do this)")
    fput("flac-invalid-utf8.flac", flac_with_comments(
        flac, lambda v, cs: vorbis_comment(v, [x for x in cs if not x.upper().startswith(b"TITLE=")]
                                           + [b"TITLE=Bad \xff\xfe \xc3\x28 \xed\xa0\x80"])),
         "either", "TITLE with invalid UTF-8", "bad-text")
    fput("flac-vendor-invalid-utf8.flac", flac_with_comments(flac, lambda v, cs: vorbis_comment(b"\xff\xfe\xfd", cs)),
         "either", "vendor string not UTF-8", "bad-text")
    fput("flac-comment-no-equals.flac",
         flac_with_comments(flac, lambda v, cs: vorbis_comment(v, cs + [b"NOEQUALSSIGN", b"=", b""])),
         "either", "comments without KEY=")
    flac_title = ("Un titre tr\u00e8s long \u266b " * 50000).encode("utf-8")[:MB].decode("utf-8", "ignore").encode()
    fput("flac-title-1mb.flac", flac_with_comments(
        flac, lambda v, cs: vorbis_comment(v, [x for x in cs if not x.upper().startswith(b"TITLE=")]
                                           + [b"TITLE=" + flac_title])),
         "library", "TITLE of 1 MB (UTF-8)", "huge-title")

    # Ogg: change bytes of the comment header in place (same length) and fix or break the CRC.
    o = bytearray(ogg.data)
    pages = ogg_pages(ogg.data)
    start, end, _ = pages[1]  # the page carrying the comment header
    at = ogg.data.index(b"ALBUM=", start, end) + len(b"ALBUM")  # the '=' of a long value
    bad = bytearray(o)
    bad[at + 1 : at + 5] = b"\xff\xfe\xc3\x28"
    page = bad[start:end]
    ogg_fix_crc(page)
    bad[start:end] = page
    c.write("tags/ogg-invalid-utf8-comment.ogg", bytes(bad), "bad-text", "either",
            "a comment value with invalid UTF-8 (page CRC fixed)")
    o[at + 1] ^= 0x20
    c.write("tags/ogg-bad-crc.ogg", bytes(o), "bad-ogg", "either", "one comment byte changed, page CRC left wrong")


def family_big_pictures(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """Valid files carrying huge cover pictures: a scanner that reads whole tags into memory (or
    caps one item at 16 MB) must still list them. These are the slow part of the build."""
    rng = random.Random("big-pictures")
    mp3, flac = seeds["mp3"][0], seeds["flac"][0]
    tag, frames = id3_split(mp3.data)
    kept = b"".join(id3_frame(fid, b) for fid, b in id3v23_frames(tag))
    for mb in (20, 60):
        # APIC (ID3v2.3): encoding, mime "image/jpeg\0", picture type 3 (front cover), empty
        # description "\0", then the data. v2.3 frame sizes are plain 32-bit integers.
        apic = id3_frame(b"APIC", b"\x00image/jpeg\x00\x03\x00" + rng.randbytes(mb * MB))
        c.write(f"big/id3-apic-{mb}mb.mp3", id3_tag(kept + apic) + frames, "big-picture", "library",
                f"ID3v2.3 APIC of {mb} MB of noise in front of a real MP3")
    # A FLAC block length is 24 bits, so one PICTURE block holds at most 16 MB - 1: the largest
    # legal block, then 30 MB of pictures as two blocks.
    blocks, audio = flac_parse(flac.data)
    at = next(i for i, b in enumerate(blocks) if b[0] == 4) + 1

    def with_pictures(*sizes: int) -> bytes:
        pics = [[6, flac_picture(rng.randbytes(n - FLAC_PICTURE_OVERHEAD))] for n in sizes]
        return flac_build(blocks[:at] + pics + blocks[at:], audio)

    c.write("big/flac-picture-16mb.flac", with_pictures(FLAC_MAX_BLOCK), "big-picture", "library",
            "one PICTURE block of 16,777,215 bytes, the most a FLAC block can hold")
    c.write("big/flac-picture-30mb.flac", with_pictures(15 * MB, 15 * MB), "big-picture", "library",
            "30 MB of pictures as two 15 MB PICTURE blocks (one block cannot exceed 16 MB)")
    c.write("big/flac-picture-last.flac", flac_build(blocks + [[6, flac_picture(rng.randbytes(1 * MB))]], audio),
            "big-picture", "library", "a 1 MB PICTURE as the last block (after PADDING): last flag moved")


def family_names(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """Real audio under file names that break naive code: bytes that are not UTF-8, the longest
    name, control characters, leading dashes, blanks, emoji, both Unicode normalisations."""
    s = smallest(seeds)
    data, ext = s.data, s.ext.encode()
    names: list[tuple[bytes, str, str]] = [
        (b"latin1-caf\xe9." + ext, "library", "Latin-1 byte 0xE9: not UTF-8"),
        (b"\xff\xfe-not-utf8." + ext, "library", "starts with 0xFF 0xFE"),
        (b"overlong-\xc0\xaf." + ext, "library", "an overlong UTF-8 sequence"),
        (b"surrogate-\xed\xa0\x80." + ext, "library", "an encoded UTF-16 surrogate"),
        (b"a" * (255 - 1 - len(ext)) + b"." + ext, "library", "a name of 255 bytes (NAME_MAX)"),
        (("\u00e9" * ((254 - len(ext)) // 2)).encode().ljust(254 - len(ext), b"x") + b"." + ext, "library",
         "255 bytes, mostly two-byte characters"),
        (b"line\nbreak." + ext, "library", "a newline"),
        (b"\n." + ext, "library", "only a newline before the extension"),
        (b"tab\tand\rreturn." + ext, "library", "a tab and a carriage return"),
        (b"-rf." + ext, "library", "leading dash"),
        (b"--help." + ext, "library", "leading double dash"),
        (b"-", "library", "a single dash, no extension: found by content"),
        (b"   ", "library", "spaces only, no extension: found by content"),
        (b"   ." + ext, "library", "spaces before the extension"),
        (b"trailing-space." + ext + b" ", "library", "a space after the extension: found by content"),
        ("\U0001f3b5\U0001f3ac Main Theme \U0001f680.".encode() + ext, "library", "emoji"),
        ("\u202egpj.".encode() + ext, "library", "right-to-left override"),
        (unicodedata.normalize("NFC", "Caf\u00e9 Th\u00e8me.").encode() + ext, "library", "NFC"),
        (unicodedata.normalize("NFD", "Caf\u00e9 Th\u00e8me.").encode() + ext, "library",
         "NFD: same text as the NFC one, other bytes: a second file"),
        (b"quote\"s 'and' back\\slash." + ext, "library", "quotes and a backslash"),
        (b"shell $(rm -rf x) `id` ;|&*?[a]." + ext, "library", "shell metacharacters and glob patterns"),
        (b"percent %s %n %x {0}." + ext, "library", "format strings"),
        (b"file:%2F%2Fencoded." + ext, "library", "URI-looking name"),
        (b".hidden." + ext, "skip", "hidden file: skipped like every dot file"),
    ]
    for name, expect, note in names:
        kind = "name-nfc" if note == "NFC" else "name-nfd" if note.startswith("NFD") else "odd-name"
        c.write(b"names/" + name, data, kind, expect, note)
    c.write(b"names/dir-\xff\xfe-not-utf8/track." + ext, data, "odd-name", "library", "a folder name that is not UTF-8")
    c.write(b"names/dir\nwith newline/track." + ext, data, "odd-name", "library", "a folder name with a newline")


def family_deep(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """A 60-level chain (recursion limits) and a path over 1,000 bytes (fixed-size path buffers)."""
    s = smallest(seeds)
    chain = "/".join(f"d{i:02d}" for i in range(1, 61))
    c.write(f"deep/{chain}/bottom.{s.ext}", s.data, "deep", "library", "60 folders down")
    long_dirs = "/".join(f"{i}-" + "long-folder-name-" * 11 for i in range(6))
    rel = f"deep/{long_dirs}/track-at-the-end-of-a-long-path.{s.ext}"
    assert len(rel.encode()) > 1000
    c.write(rel, s.data, "deep", "library", f"a path of {len(rel.encode())} bytes")


def family_links(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """Links and special files: loops must end, dangling links and devices must be ignored, a FIFO
    must never be opened (a read would block forever)."""
    s = smallest(seeds)
    os.makedirs(c.abs("links/loop"), exist_ok=True)
    # b -> ../ points at links/, still inside the corpus (at the top it would escape into /tmp).
    for name, target, note in [("loop/a", ".", "links to its own folder"), ("loop/b", "../", "links to the parent"),
                               ("x.flac", "does-not-exist.flac", "dangling"),
                               ("self.mp3", "self.mp3", "links to itself (ELOOP)"),
                               ("zero.mp3", "/dev/zero", "a device: endless zeros"),
                               ("outside-doc", "/usr/share/doc", "a folder outside the corpus; a scan follows "
                                "it, and whatever it finds there is not in this manifest")]:
        os.symlink(target, c.abs(f"links/{name}"))
        c.record(f"links/{name}", "symlink", "skip", note, target=target)
    c.write(f"links/real-track.{s.ext}", s.data, "symlink", "library", "the target of good-link")
    os.symlink(f"real-track.{s.ext}", c.abs(f"links/good-link.{s.ext}"))
    c.record(f"links/good-link.{s.ext}", "symlink", "library", "a link to a real track: followed",
             target=f"real-track.{s.ext}")
    try:
        os.mkfifo(c.abs("links/fifo.mp3"))
        c.record("links/fifo.mp3", "fifo", "skip", "a FIFO: opening it for reading blocks until a writer comes")
    except OSError as e:  # some filesystems have no FIFOs
        print(f"make-bad-corpus: no FIFO ({e})", file=sys.stderr)


def family_unreadable(c: Corpus, seeds: dict[str, list[Seed]]) -> list[tuple[bytes, int]]:
    """Files and folders without permission. Root reads them anyway (hence expect_as_root).
    The modes are applied at the very end, once nothing more is written inside."""
    s = seeds["flac"][0]
    root_note = "running as root, permissions do not stop reads: expect_as_root applies"
    c.write("unreadable/locked.flac", s.data, "unreadable", "problem", f"mode 000; {root_note}", expect_as_root="library")
    c.write("unreadable/write-only.flac", s.data, "unreadable", "problem", f"mode 200; {root_note}",
            expect_as_root="library")
    c.write("unreadable/locked-dir/inside.flac", s.data, "unreadable", "skip",
            f"inside a mode-000 folder: the folder is the problem, this file cannot be seen; {root_note}",
            expect_as_root="library")
    c.record("unreadable/locked-dir", "unreadable-dir", "problem", f"folder of mode 000; {root_note}",
             expect_as_root="skip")
    c.write("unreadable/no-search-dir/listed-not-openable.flac", s.data, "unreadable", "problem",
            "inside a folder of mode 644 (readable, not searchable): its name can be listed but the "
            f"file cannot be opened or even stat'ed; it must be reported, not dropped; {root_note}",
            expect_as_root="library")
    return [(c.abs("unreadable/locked.flac"), 0o000), (c.abs("unreadable/write-only.flac"), 0o200),
            (c.abs("unreadable/locked-dir"), 0o000), (c.abs("unreadable/no-search-dir"), 0o644)]


def family_cues(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """Cue sidecars that are garbage, too big, or aim outside their folder. Each sits next to a real
    track, which must still be listed; the sidecar itself shows as a sidecar problem."""
    rng = random.Random("cues")
    s = smallest(seeds)
    track = f"track.{s.ext}"
    for folder in ("garbage-binary", "garbage-text", "huge", "escape"):
        c.write(f"cues/{folder}/{track}", s.data, "cue-neighbour", "library", "a real track next to a bad cues.toml")
    c.write("cues/garbage-binary/cues.toml", rng.randbytes(4096), "cues", "skip", "4 KB of noise: not UTF-8")
    c.write("cues/garbage-text/cues.toml",
            b"[production\ntitle = = \"unterminated\n[[cue]]]\nfile = 'track.ogg\nstart = 99:99:99:99\n"
            b"code = { nested = [1, 2,\n\x00\x01\x02 NUL bytes\n[[cue]]\nstart = \"\xe2\x80\x8b\"\n",
            "cues", "skip", "broken TOML, NUL bytes")
    lines = ["# 2 MB of valid TOML: larger than the 1 MB a sidecar may be\n", "[production]\ntitle = \"Huge\"\n"]
    i, size = 0, sum(len(x) for x in lines)
    while size < 2 * MB:
        line = f'\n[[cue]]\ncode = "{i % 9 + 1}M{i % 97 + 1}"\nscene = "{"padding " * 20}"\n'
        lines.append(line)
        size += len(line)
        i += 1
    c.write("cues/huge/cues.toml", "".join(lines).encode(), "cues", "skip", f"{size} bytes of valid TOML")
    c.write("cues/escape/cues.toml",
            f'[production]\ntitle = "Escape"\nmedium = "film"\n\n'
            f'[[cue]]\nfile = "../../etc/passwd"\ncode = "1M1"\nstart = "00:01:00"\n\n'
            f'[[cue]]\nfile = "/etc/passwd"\ncode = "1M2"\nstart = "00:02:00"\n\n'
            f'[[cue]]\nfile = "../garbage-text/{track}"\ncode = "1M3"\nstart = "00:03:00"\n\n'
            f'[[cue]]\nfile = "{track}"\ncode = "1M4"\nstart = "00:04:00"\nscene = "The one cue that is fine."\n'.encode(),
            "cues", "skip", "valid TOML whose files leave the folder (refused), and one good cue")


def ogg_page(payload: bytes, serial: int, seq: int, granule: int, flags: int) -> bytes:
    """One Ogg page holding one packet (under 255 * 255 bytes), its CRC right."""
    lacing = bytes([255] * (len(payload) // 255) + [len(payload) % 255])
    page = bytearray(b"OggS\x00" + bytes([flags]) + granule.to_bytes(8, "little")
                     + serial.to_bytes(4, "little") + seq.to_bytes(4, "little") + bytes(4)
                     + bytes([len(lacing)]) + lacing + payload)
    ogg_fix_crc(page)
    return bytes(page)


def opus_file(channels: int, family: int = 0, rate: int = 48000) -> bytes:
    """A small Ogg Opus stream (OpusHead, OpusTags, one silent packet) with the header saying
    `channels` channels and mapping `family`."""
    head = b"OpusHead\x01" + bytes([channels]) + (312).to_bytes(2, "little") + rate.to_bytes(4, "little") \
        + bytes(2) + bytes([family])
    if family != 0:
        head += bytes([0, 0]) + bytes(channels)  # stream count, coupled count, mapping table
    tags = b"OpusTags" + (8).to_bytes(4, "little") + b"leitmotif" [:8] + (0).to_bytes(4, "little")
    return (ogg_page(head, 7, 0, 0, 0x02) + ogg_page(tags, 7, 1, 0, 0x00)
            + ogg_page(b"\xf8\xff\xfe", 7, 2, 48000, 0x04))


def family_crashers(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """Headers that made a parser panic or divide by zero (lofty 0.25.5 panics on an Opus header
    with zero channels; symphonia divides by a channel count or block size of zero): each must
    be a problem (or, read tolerantly, a track), never the end of the scan or of the player."""
    def put(name: str, data: bytes, expect: str, note: str) -> None:
        c.write(f"crashers/{name}", data, "crasher", expect, note)

    put("opus-zero-channels.opus", opus_file(0), "problem", "OpusHead says 0 channels (lofty panicked)")
    put("opus-zero-channels-family1.opus", opus_file(0, family=1), "problem",
        "mapping family 1 with 0 channels and 0 streams")
    put("opus-255-channels.opus", opus_file(255, family=255), "either", "255 channels, family 255")
    put("opus-zero-rate.opus", opus_file(2, rate=0), "either", "input sample rate 0")
    ogg = bytearray(seeds["ogg"][0].data)
    at = ogg.find(b"\x01vorbis")
    if at > 0:
        zero = bytearray(ogg)
        zero[at + 11] = 0  # audio_channels
        start, end, _ = ogg_pages(bytes(zero))[0]
        page = bytearray(zero[start:end])
        ogg_fix_crc(page)
        zero[start:end] = page
        put("vorbis-zero-channels.ogg", bytes(zero), "either", "Vorbis identification header: 0 channels")
    flac = bytearray(seeds["flac"][0].data)
    zero_rate = bytearray(flac)
    # STREAMINFO: 20 bits of sample rate at byte 18 of the stream (4 magic + 4 header + 10).
    zero_rate[18] = 0
    zero_rate[19] = 0
    zero_rate[20] &= 0x0F
    put("flac-zero-rate.flac", bytes(zero_rate), "either", "STREAMINFO sample rate 0")
    pcm = bytes(4000)
    for name, channels, align in (("wav-zero-channels.wav", 0, 4), ("wav-zero-block-align.wav", 2, 0)):
        fmt_chunk = b"fmt " + (16).to_bytes(4, "little") + b"\x01\x00" + channels.to_bytes(2, "little") \
            + (8000).to_bytes(4, "little") + (32000).to_bytes(4, "little") + align.to_bytes(2, "little") \
            + b"\x10\x00"
        wav = b"WAVE" + fmt_chunk + b"data" + len(pcm).to_bytes(4, "little") + pcm
        put(name, b"RIFF" + len(wav).to_bytes(4, "little") + wav, "either", f"fmt: {channels} channels, "
            f"block align {align}")


def family_images(c: Corpus, seeds: dict[str, list[Seed]]) -> None:
    """CD images with CUE sheets, good and broken. A good sheet makes its tracks (the image itself is
    no track); a broken one is a problem with its line, and the audio file stays one track."""
    flac = seeds["flac"][0].data  # 1M1 Landing, about 6.7 s
    good = ('REM GENRE Soundtrack\nPERFORMER "Ensemble"\nTITLE "Images (Original Score)"\n'
            'FILE "image.wav" WAVE\n  TRACK 01 AUDIO\n    TITLE "{a}"\n    INDEX 01 00:00:00\n'
            '  TRACK 02 AUDIO\n    TITLE "{b}"\n    INDEX 00 00:02:50\n    INDEX 01 00:03:00\n')
    c.write("images/utf8/image.flac", flac, "image", "skip", "an image: its tracks are listed, not it")
    c.write("images/utf8/image.cue", good.format(a="1M1 Première", b="1M2 Fin").encode(), "image", "skip",
            "UTF-8 sheet, FILE names a .wav that was renamed to .flac")
    for n in (1, 2):
        c.record(f"images/utf8/image.cue/track{n:02}", "image-track", "library", "a track of the image")
    c.write("images/shift-jis/image.flac", flac, "image", "skip", "an image")
    c.write("images/shift-jis/image.cue", good.format(a="千と千尋", b="あの夏へ").encode("shift_jis"), "image",
            "skip", "Shift-JIS sheet")
    for n in (1, 2):
        c.record(f"images/shift-jis/image.cue/track{n:02}", "image-track", "library", "a track of the image")
    broken = {
        "missing-file": 'FILE "gone.wav" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 AUDIO\n'
                        'INDEX 01 00:03:00\n',
        "past-the-end": 'FILE "image.flac" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 AUDIO\n'
                        'INDEX 01 59:00:00\n',
        "no-index": 'FILE "image.flac" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 AUDIO\nTITLE "x"\n',
        "huge-numbers": 'FILE "image.flac" WAVE\nTRACK 99999999999 AUDIO\nINDEX 01 9999:59:74\n',
    }
    for name, sheet in broken.items():
        # Two sheets beside one file would be ambiguous: the bad one sits with its own copy.
        # (A sheet named as the file would find it whatever its FILE says: renamed images are.)
        sheet_name = "other.cue" if name == "missing-file" else "image.cue"
        c.write(f"images/{name}/image.flac", flac, "image", "library", "its sheet is broken: one track")
        c.write(f"images/{name}/{sheet_name}", sheet.encode(), "image", "problem", f"a broken sheet ({name})")
    c.write("images/garbage/image.flac", flac, "image", "library", "its sheet is noise: one track")
    c.write("images/garbage/image.cue", random.Random("images").randbytes(2048), "image", "problem",
            "2 KB of noise named .cue")


# --------------------------------------------------------------------------------------------


def summary(c: Corpus, seconds: float) -> int:
    by_kind = collections.Counter(e["kind"] for e in c.entries)
    by_expect = collections.Counter(e["expect"] for e in c.entries)
    counted = sum(n for k, n in by_expect.items() if k != "skip")
    total_bytes = sum(e.get("size", 0) for e in c.entries)
    print("by kind:")
    for kind, n in sorted(by_kind.items()):
        print(f"  {kind:<16} {n:4d}")
    print("by expect:")
    for exp in ("library", "problem", "either", "skip"):
        print(f"  {exp:<16} {by_expect.get(exp, 0):4d}")
    print(f"entries: {len(c.entries)} ({counted} not skip), {total_bytes / MB:.1f} MB, {seconds:.1f} s")
    if os.geteuid() == 0:
        print("note: running as root: the 'unreadable' entries are readable; see expect_as_root")
    return counted


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python3 tools/make-bad-corpus.py OUT_DIR")
    start = time.monotonic()
    root = os.fsencode(os.path.abspath(sys.argv[1]))
    prepare_out_dir(root)
    seeds = load_seeds()
    c = Corpus(root)
    family_good(c, seeds)
    family_truncated(c, seeds)
    family_empty(c)
    family_random(c)
    family_wrong_extension(c, seeds)
    family_header_garbage(c, seeds)
    family_bad_tags(c, seeds)
    family_big_pictures(c, seeds)
    family_names(c, seeds)
    family_deep(c, seeds)
    family_links(c, seeds)
    family_cues(c, seeds)
    family_crashers(c, seeds)
    family_images(c, seeds)
    locks = family_unreadable(c, seeds)
    c.entries.sort(key=lambda e: os.fsencode(e["path"]) if "path" in e else bytes.fromhex(e["path_hex"]))
    with open(os.path.join(root, b"manifest.json"), "w", encoding="utf-8") as f:
        json.dump(c.entries, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for path, mode in locks:  # last: nothing can be written inside a locked folder
        os.chmod(path, mode)
    counted = summary(c, time.monotonic() - start)
    if counted < 150:
        sys.exit(f"make-bad-corpus: only {counted} entries that a scan must account for (< 150)")


if __name__ == "__main__":
    main()
