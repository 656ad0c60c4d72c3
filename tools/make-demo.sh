#!/usr/bin/env bash
# Synthesises the bundled demo library in assets/demo/ from nothing but tones.
#
# Every sound here is made by sox from sine, triangle and pluck waves; nothing is
# recorded. The encoders (flac, oggenc, lame) write the tags, following the album
# title and tag conventions that Leitmotif understands (see docs/ and README).
#
# Needs: sox flac vorbis-tools lame   (Debian: apt-get install sox flac vorbis-tools lame)
# Usage: tools/make-demo.sh [OUT_DIR]   (default: assets/demo)
set -euo pipefail

out=${1:-"$(cd "$(dirname "$0")/.." && pwd)/assets/demo"}
for tool in sox flac oggenc lame; do
  command -v "$tool" >/dev/null || { echo "make-demo: '$tool' is missing; install: sox flac vorbis-tools lame" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

RATE=44100

# note NAME SECONDS WAVE -> a WAV file of one note with a soft attack and release.
note() { # out freq-or-name seconds wave gain
  sox -q -n -r "$RATE" -c 1 -b 16 "$1" synth "$3" "$4" "$2" fade q 0.02 "$3" 0.12 gain "$5"
}

# melody OUT SECONDS_PER_NOTE WAVE GAIN NOTE... : notes played one after another.
melody() {
  local out=$1 len=$2 wave=$3 gain=$4; shift 4
  local parts=() i=0
  for n in "$@"; do
    if [ "$n" = "-" ]; then
      sox -q -n -r "$RATE" -c 1 -b 16 "$work/n$i.wav" trim 0 "$len"
    else
      note "$work/n$i.wav" "$n" "$len" "$wave" "$gain"
    fi
    parts+=("$work/n$i.wav"); i=$((i + 1))
  done
  sox -q "${parts[@]}" "$out"
}

# drone OUT SECONDS FREQ... : a held chord under a melody.
drone() {
  local out=$1 len=$2; shift 2
  local args=()
  for f in "$@"; do args+=(sine "$f"); done
  sox -q -n -r "$RATE" -c 1 -b 16 "$out" synth "$len" "${args[@]}" fade q 0.5 "$len" 1 gain -18
}

# stereo OUT IN... : mixes mono parts and widens them to stereo.
stereo() {
  local out=$1; shift
  if [ $# -gt 1 ]; then sox -q -m "$@" "$work/mix.wav"; else cp "$1" "$work/mix.wav"; fi
  sox -q "$work/mix.wav" -c 2 "$out" remix 1v0.9 1v0.8 norm -3
}

# encode WAV DEST key=value... : writes DEST in the format of its extension, with tags.
encode() {
  local wav=$1 dest=$2; shift 2
  mkdir -p "$(dirname "$dest")"
  case "$dest" in
    *.flac)
      local args=()
      for kv in "$@"; do args+=("--tag=$kv"); done
      flac -s -f -8 "${args[@]}" -o "$dest" "$wav" ;;
    *.ogg)
      local args=()
      for kv in "$@"; do args+=(-c "$kv"); done
      oggenc -Q -q 2 "${args[@]}" -o "$dest" "$wav" ;;
    *.mp3)
      local args=(--id3v2-only --tv "TSSE=")
      for kv in "$@"; do
        local k=${kv%%=*} v=${kv#*=}
        case "$k" in
          TITLE) args+=(--tt "$v") ;;
          ARTIST) args+=(--ta "$v") ;;
          ALBUM) args+=(--tl "$v") ;;
          DATE) args+=(--ty "$v") ;;
          TRACKNUMBER) args+=(--tn "$v") ;;
          GENRE) args+=(--tg "$v") ;;
          COMMENT) args+=(--tc "$v") ;;
          ALBUMARTIST) args+=(--tv "TPE2=$v") ;;
          COMPOSER) args+=(--tv "TCOM=$v") ;;
          LYRICIST) args+=(--tv "TEXT=$v") ;;
          LANGUAGE) args+=(--tv "TLAN=$v") ;;
          GROUPING) args+=(--tv "TIT1=$v") ;;
          DISCNUMBER) args+=(--tv "TPOS=$v") ;;
          RELEASETYPE) args+=(--tv "TXXX=MusicBrainz Album Type=$v") ;;
          DESCRIPTION) args+=(--tv "TXXX=DESCRIPTION=$v") ;;
          LYRICS) args+=(--tv "TXXX=LYRICS=$v") ;;
          *) args+=(--tv "TXXX=$k=$v") ;;
        esac
      done
      lame --quiet -b 96 -m j "${args[@]}" "$wav" "$dest" ;;
  esac
}

rm -rf "$out"
mkdir -p "$out"

film="$out/Arrival Point (2024)"
score="$film/Arrival Point (Original Motion Picture Score)"
songs="$film/Arrival Point (Original Motion Picture Soundtrack)"
game="$out/Lanternfall OST"

SCORE_TAGS=(ALBUM="Arrival Point (Original Motion Picture Score)" ARTIST="Mara Lindqvist"
  ALBUMARTIST="Mara Lindqvist" COMPOSER="Mara Lindqvist" GENRE="Soundtrack" DATE=2024
  RELEASETYPE="album; soundtrack" LANGUAGE=zxx)

# 1M1 Landing: a steady 440 Hz tone with a slow swell. The playback tests listen for 440 Hz.
sox -q -n -r "$RATE" -c 1 -b 16 "$work/landing.wav" synth 6 sine 440 tremolo 0.5 20 fade q 0.3 6 0.6 gain -4
stereo "$work/a.wav" "$work/landing.wav"
encode "$work/a.wav" "$score/01 1M1 Landing.flac" "${SCORE_TAGS[@]}" TITLE="1M1 Landing" TRACKNUMBER=1 \
  DESCRIPTION="Opening titles: the survey ship sets down in the salt desert at dawn."

melody "$work/m.wav" 0.5 pluck -6 A3 C4 E4 A4 G4 E4 C4 D4 E4 - A3 -
drone "$work/d.wav" 6 110 165
stereo "$work/b.wav" "$work/m.wav" "$work/d.wav"
encode "$work/b.wav" "$score/02 2M3 The Signal.ogg" "${SCORE_TAGS[@]}" TITLE="2M3 The Signal" TRACKNUMBER=2 \
  DESCRIPTION="Reel 2: the radio picks up a pattern that no one on board sent."

melody "$work/m.wav" 0.6 triangle -8 E4 D4 C4 B3 A3 - E4 D4 C4 - 
drone "$work/d.wav" 6 110 130.81
stereo "$work/c.wav" "$work/m.wav" "$work/d.wav"
encode "$work/c.wav" "$score/03 5M2 Departure.mp3" "${SCORE_TAGS[@]}" TITLE="5M2 Departure" TRACKNUMBER=3 \
  DESCRIPTION="End credits: the ship lifts off and the desert falls away."

SONG_TAGS=(ALBUM="Arrival Point (Original Motion Picture Soundtrack)" ALBUMARTIST="Various Artists"
  GENRE="Pop" DATE=2024 RELEASETYPE="album; soundtrack; compilation" LANGUAGE=eng)

melody "$work/m.wav" 0.25 pluck -4 C5 E5 G5 E5 C5 E5 G5 C6 B4 D5 G5 D5 B4 D5 G5 B5 A4 C5 E5 C5 A4 C5 E5 A5
stereo "$work/e.wav" "$work/m.wav"
encode "$work/e.wav" "$songs/01 Neon Highway.mp3" "${SONG_TAGS[@]}" TITLE="Neon Highway" ARTIST="The Night Ferries" \
  COMPOSER="Jonah Reyes" LYRICIST="Jonah Reyes" TRACKNUMBER=1 \
  LYRICS="Headlights on the salt road, we drive until it's light" \
  DESCRIPTION="Source music: plays on the truck radio on the way to the site."

melody "$work/m.wav" 0.45 sine -6 G4 A4 B4 D5 B4 A4 G4 - E4 G4 A4 -
drone "$work/d.wav" 5.4 98 147
stereo "$work/f.wav" "$work/m.wav" "$work/d.wav"
encode "$work/f.wav" "$songs/02 Slow Dust (feat. Ilse Moreau).ogg" "${SONG_TAGS[@]}" TITLE="Slow Dust (feat. Ilse Moreau)" \
  ARTIST="Harbour Lights feat. Ilse Moreau" COMPOSER="Ilse Moreau" LYRICIST="Ilse Moreau" TRACKNUMBER=2 \
  LYRICS="Slow dust on the window, slow light on the floor"

GAME_TAGS=(ALBUM="Lanternfall (Original Game Soundtrack)" ARTIST="Kenji Arata" ALBUMARTIST="Kenji Arata"
  COMPOSER="Kenji Arata" GENRE="Game" DATE=2023 RELEASETYPE="album; soundtrack")

melody "$work/m.wav" 0.4 triangle -6 D4 F4 A4 D5 - A4 F4 D4 E4 G4 A4 -
drone "$work/d.wav" 4.8 73.4 110
stereo "$work/g.wav" "$work/m.wav" "$work/d.wav"
encode "$work/g.wav" "$game/01 Title Screen.ogg" "${GAME_TAGS[@]}" TITLE="Title Screen" TRACKNUMBER=1 \
  GROUPING="Menu" DESCRIPTION="Menu music: loops under the title screen."

melody "$work/m.wav" 0.3 pluck -5 E4 G4 B4 E5 D5 B4 G4 A4 C5 E5 D5 B4 G4 E4 - - E4 B4 E5 -
stereo "$work/h.wav" "$work/m.wav"
encode "$work/h.wav" "$game/02 Forest of Echoes.flac" "${GAME_TAGS[@]}" TITLE="Forest of Echoes" TRACKNUMBER=2 \
  GROUPING="Area 1: Whispering Wood" DESCRIPTION="Gameplay music for the first area, the Whispering Wood."

melody "$work/m.wav" 0.2 square -14 A3 A3 C4 A3 D4 A3 E4 D4 A3 A3 C4 A3 G4 F4 E4 D4 A3 A3 C4 A3 D4 A3 E4 - 
drone "$work/d.wav" 4.8 55 82.4
stereo "$work/i.wav" "$work/m.wav" "$work/d.wav"
encode "$work/i.wav" "$game/03 Boss - The Hollow King.mp3" "${GAME_TAGS[@]}" TITLE="Boss: The Hollow King" TRACKNUMBER=3 \
  GROUPING="Boss battle" DESCRIPTION="Boss battle at the end of the Whispering Wood."

# The film's cue sidecar (docs/cues.md): where each cue plays in the film.
cat > "$film/cues.toml" <<'TOML'
# Where each cue of Arrival Point plays in the film. Format: docs/cues.md.
[production]
title = "Arrival Point"
medium = "film"
runtime = "01:52:00"

[[cue]]
file = "Arrival Point (Original Motion Picture Score)/01 1M1 Landing.flac"
code = "1M1"
start = "00:01:05"
duration = "00:02:10"
scene = "Opening titles: the survey ship sets down in the salt desert at dawn."
use = "theme"
vocal = "instrumental"

[[cue]]
file = "Arrival Point (Original Motion Picture Soundtrack)/01 Neon Highway.mp3"
start = "00:14:40"
duration = "00:01:50"
scene = "Mara and Teo drive the salt road to the site; the song plays on the truck radio."
use = "source"
vocal = "vocal"

[[cue]]
file = "Arrival Point (Original Motion Picture Score)/02 2M3 The Signal.ogg"
code = "2M3"
start = "00:31:20"
duration = "PT3M45S"
scene = "Night in the listening tent: the radio picks up a pattern that no one on board sent."
use = "background"
vocal = "instrumental"

[[cue]]
file = "Arrival Point (Original Motion Picture Soundtrack)/02 Slow Dust (feat. Ilse Moreau).ogg"
start = "01:20:10"
duration = "00:03:30"
scene = "Montage: the crew waits out the dust storm in the mess hall."
use = "featured"
vocal = "vocal"

[[cue]]
file = "Arrival Point (Original Motion Picture Score)/03 5M2 Departure.mp3"
code = "5M2"
start = "01:47:30"
duration = "00:04:30"
scene = "End credits: the ship lifts off and the desert falls away."
use = "theme"
vocal = "instrumental"
TOML

du -sh "$out"
