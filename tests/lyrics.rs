//! Lyrics as another program writes them: mutagen (Picard's library, not
//! lofty) tags copies of the demo files with SYLT and USLT frames, a FLAC
//! LYRICS comment in LRC and an Ogg UNSYNCEDLYRICS; an `.lrc` sits beside
//! one of them. `lyrics::for_track` must find each, synced where it is.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use leitmotif::lyrics::{Lyrics, for_track};

/// Debian's python3 (with python3-mutagen) when there is one, else the first on PATH.
fn python() -> &'static str {
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

const TAG: &str = r#"
import sys
from mutagen.id3 import ID3, SYLT, USLT, Encoding
from mutagen.flac import FLAC
from mutagen.oggvorbis import OggVorbis
mp3, flac, ogg, plain_mp3 = sys.argv[1:5]
tags = ID3(mp3)
tags.add(SYLT(encoding=Encoding.UTF8, lang="eng", format=2, type=1, desc="",
              text=[("Neon highway", 500), ("Lights go by", 2000), ("", 4000)]))
tags.add(USLT(encoding=Encoding.UTF8, lang="eng", desc="", text="Neon highway\nLights go by"))
tags.save(mp3)
tags = ID3(plain_mp3)
tags.add(USLT(encoding=Encoding.UTF16, lang="eng", desc="", text="Plain words\r\nSecond line"))
tags.save(plain_mp3)
f = FLAC(flac)
f["LYRICS"] = "[ar:Someone]\n[00:01.00]Echoes\n[00:03.50]In the forest"
f.save()
o = OggVorbis(ogg)
o["UNSYNCEDLYRICS"] = "Slow dust\non the window"
o.save()
"#;

fn copy(dir: &support::TempDir, demo: &str, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(support::demo().join(demo), &to).expect("copy a demo file");
    to
}

#[test]
fn lyrics_written_by_mutagen_and_an_lrc_beside_are_found() {
    support::require_tools(&[python()]);
    let dir = support::TempDir::new("lyrics");
    let songs = "Arrival Point (2024)/Arrival Point (Original Motion Picture Soundtrack)";
    let mp3 = copy(&dir, &format!("{songs}/01 Neon Highway.mp3"), "synced.mp3");
    let plain_mp3 = copy(&dir, &format!("{songs}/01 Neon Highway.mp3"), "plain.mp3");
    let flac = copy(
        &dir,
        "Lanternfall OST/02 Forest of Echoes.flac",
        "lrc-tag.flac",
    );
    let ogg = copy(&dir, "Lanternfall OST/01 Title Screen.ogg", "u.ogg");
    let beside = copy(&dir, "Lanternfall OST/01 Title Screen.ogg", "beside.ogg");
    std::fs::write(dir.join("beside.lrc"), "[00:02.00]From the file\n").expect("lrc");
    let out = Command::new(python())
        .args(["-c", TAG])
        .args([&mp3, &flac, &ogg, &plain_mp3])
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "mutagen failed (is python3-mutagen installed?): {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // SYLT wins over USLT, and the blank entry ends the last line.
    let Some(Lyrics::Synced(lines)) = for_track(&mp3) else {
        panic!("synced lyrics from SYLT: {:?}", for_track(&mp3));
    };
    let got: Vec<(Duration, &str)> = lines.iter().map(|l| (l.start, l.text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (Duration::from_millis(500), "Neon highway"),
            (Duration::from_millis(2000), "Lights go by"),
            (Duration::from_millis(4000), ""),
        ]
    );
    let lyrics = Lyrics::Synced(lines);
    assert_eq!(lyrics.line_at(Duration::from_millis(100)), None);
    assert_eq!(lyrics.line_at(Duration::from_millis(2500)), Some(1));

    assert_eq!(
        for_track(&plain_mp3),
        Some(Lyrics::Plain("Plain words\nSecond line".into()))
    );
    let Some(Lyrics::Synced(lines)) = for_track(&flac) else {
        panic!("synced lyrics from LYRICS in LRC");
    };
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1].start, Duration::from_millis(3500));
    assert_eq!(
        for_track(&ogg),
        Some(Lyrics::Plain("Slow dust\non the window".into()))
    );
    let Some(Lyrics::Synced(lines)) = for_track(&beside) else {
        panic!("the .lrc beside");
    };
    assert_eq!(lines[0].text, "From the file");
    // The demo file as it is has none.
    assert_eq!(
        for_track(&support::demo().join("Lanternfall OST/03 Boss - The Hollow King.mp3")),
        None
    );
}

/// An MP3's USLT frame (mutagen writes it as Picard does) is a sign of a
/// song: lofty does not carry USLT into the generic tag's Lyrics, so the
/// tag reader must find the frame itself. Before the fix only the LYRICS
/// key counted and MP3 lyrics never did.
#[test]
fn an_mp3_with_uslt_counts_as_having_lyrics() {
    support::require_tools(&[python()]);
    let dir = support::TempDir::new("lyrics-sign");
    // A demo MP3 with no lyrics of any kind (Neon Highway has a TXXX:LYRICS).
    let plain = "Lanternfall OST/03 Boss - The Hollow King.mp3";
    let mp3 = copy(&dir, plain, "words.mp3");
    let bare = copy(&dir, plain, "bare.mp3");
    let before = leitmotif::library::tags::read(&mp3).expect("read the copy");
    assert!(!before.has_lyrics, "the demo file carries no lyrics");
    let out = Command::new(python())
        .args([
            "-c",
            "import sys\nfrom mutagen.id3 import ID3, USLT, Encoding\n\
             t = ID3(sys.argv[1])\n\
             t.add(USLT(encoding=Encoding.UTF8, lang='eng', desc='', text='Neon highway'))\n\
             t.save(sys.argv[1])",
        ])
        .arg(&mp3)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "mutagen failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = leitmotif::library::tags::read(&mp3).expect("read the tagged copy");
    assert!(after.has_lyrics, "USLT must count as lyrics");
    assert!(
        !leitmotif::library::tags::read(&bare)
            .expect("read")
            .has_lyrics
    );
}
