//! Every format the scanner must understand, made here from generated audio and
//! tagged with lofty: WAV, AIFF, Opus (listed but not playable yet), content
//! that does not match its extension, and broken files.

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

use leitmotif::library::{Category, Library, Medium};
use lofty::config::WriteOptions;
use lofty::file::{AudioFile, TaggedFileExt};
use lofty::tag::{ItemKey, Tag};
use support::TempDir;

/// Writes `tags` (key, value) into the file's main tag, creating it if needed.
fn tag_file(path: &Path, tags: &[(ItemKey, &str)]) {
    let mut file = lofty::read_from_path(path).expect("read for tagging");
    if file.primary_tag().is_none() {
        let kind = file.primary_tag_type();
        let _ = file.insert_tag(Tag::new(kind));
    }
    let tag = file.primary_tag_mut().expect("a tag");
    for (key, value) in tags {
        let _ = tag.insert_text(*key, (*value).to_string());
    }
    file.save_to_path(path, WriteOptions::default())
        .expect("write tags");
}

/// Minimal 16-bit stereo AIFF.
fn write_aiff(path: &Path, rate: u16, samples: &[i16]) {
    let frames = (samples.len() / 2) as u32;
    let data_len = (samples.len() * 2) as u32;
    let mut b = Vec::new();
    b.extend_from_slice(b"FORM");
    b.extend_from_slice(&(4 + 26 + 16 + data_len).to_be_bytes());
    b.extend_from_slice(b"AIFFCOMM");
    b.extend_from_slice(&18u32.to_be_bytes());
    b.extend_from_slice(&2u16.to_be_bytes());
    b.extend_from_slice(&frames.to_be_bytes());
    b.extend_from_slice(&16u16.to_be_bytes());
    // The sample rate as an 80-bit float: exponent, then the mantissa.
    let exponent = 16383 + 15 - (rate.leading_zeros() as u16);
    let mantissa = (rate as u64) << (63 - (15 - rate.leading_zeros() as u64));
    b.extend_from_slice(&exponent.to_be_bytes());
    b.extend_from_slice(&mantissa.to_be_bytes());
    b.extend_from_slice(b"SSND");
    b.extend_from_slice(&(8 + data_len).to_be_bytes());
    b.extend_from_slice(&[0; 8]);
    for s in samples {
        b.extend_from_slice(&s.to_be_bytes());
    }
    std::fs::write(path, b).expect("write aiff");
}

fn find<'a>(library: &'a Library, name: &str) -> &'a leitmotif::library::Track {
    library
        .tracks
        .iter()
        .find(|t| t.path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| {
            panic!(
                "{name} not in the library; problems: {:?}",
                library.problems
            )
        })
}

#[test]
fn wav_and_aiff_are_read_and_playable() {
    let dir = TempDir::new("formats-pcm");
    let tone = support::tone(440.0, 44_100, 44_100);
    let wav = dir.join("Night Shift/01 Cold Open.wav");
    std::fs::create_dir_all(wav.parent().expect("parent")).expect("dir");
    support::write_wav(&wav, 44_100, &tone);
    tag_file(
        &wav,
        &[
            (ItemKey::TrackTitle, "1M1 Cold Open"),
            (
                ItemKey::AlbumTitle,
                "Night Shift: Season 2 (Music from the Netflix Series)",
            ),
            (ItemKey::TrackArtist, "Ada Brenner"),
            (ItemKey::Composer, "Ada Brenner"),
        ],
    );
    let aiff = dir.join("Night Shift/02 S02E03 Pursuit.aiff");
    write_aiff(&aiff, 44_100, &tone);
    tag_file(
        &aiff,
        &[
            (ItemKey::TrackTitle, "S02E03 Pursuit"),
            (
                ItemKey::AlbumTitle,
                "Night Shift: Season 2 (Music from the Netflix Series)",
            ),
            (ItemKey::TrackArtist, "Ada Brenner"),
            (ItemKey::Composer, "Ada Brenner"),
        ],
    );
    let library = Library::scan(std::slice::from_ref(&dir.0), &|_| {});
    let wav_track = find(&library, "01 Cold Open.wav");
    assert_eq!(wav_track.tags.format, "WAV");
    assert!(wav_track.tags.playable);
    assert_eq!(wav_track.duration().as_millis(), 1000);
    assert_eq!(wav_track.category, Category::Score);
    let aiff_track = find(&library, "02 S02E03 Pursuit.aiff");
    assert_eq!(aiff_track.tags.format, "AIFF");
    assert!(aiff_track.tags.playable);
    assert_eq!(library.productions.len(), 1);
    let show = &library.productions[0];
    assert_eq!(
        (show.title.as_str(), show.medium),
        ("Night Shift", Medium::Tv)
    );
    let decoded: Vec<f32> = leitmotif::playback::decode::open(&wav_track.path)
        .expect("decodes")
        .collect();
    assert_eq!(decoded.len(), tone.len());
    // symphonia 0.5 takes the SSND chunk's size as the sound data's, so it reads
    // 8 bytes (2 frames) past the end; the music itself is all there, in order.
    let decoded: Vec<f32> = leitmotif::playback::decode::open(&aiff_track.path)
        .expect("decodes")
        .collect();
    assert!(
        decoded.len() >= tone.len() && decoded.len() <= tone.len() + 4,
        "{}",
        decoded.len()
    );
    let expected: Vec<f32> = tone.iter().map(|s| *s as f32 / 32768.0).collect();
    assert!(
        decoded
            .iter()
            .zip(&expected)
            .all(|(a, b)| (a - b).abs() < 1e-4),
        "the AIFF samples are the tone"
    );
}

#[test]
fn opus_is_listed_but_not_playable_yet() {
    support::require_tools(&["opusenc"]);
    let dir = TempDir::new("formats-opus");
    let wav = dir.join("source.wav");
    support::write_wav(&wav, 48_000, &support::tone(440.0, 48_000, 48_000));
    let opus = dir.join("music/Theme.opus");
    std::fs::create_dir_all(opus.parent().expect("parent")).expect("dir");
    let status = std::process::Command::new("opusenc")
        .args([
            "--quiet",
            "--title",
            "Main Theme",
            "--album",
            "Lanternfall (Original Game Soundtrack)",
        ])
        .arg(&wav)
        .arg(&opus)
        .status()
        .expect("run opusenc");
    assert!(status.success());
    let library = Library::scan(&[dir.join("music")], &|_| {});
    let track = find(&library, "Theme.opus");
    assert_eq!(track.tags.format, "Opus");
    assert!(
        !track.tags.playable,
        "the decoder has no Opus: listed as can't play yet"
    );
    assert_eq!(library.productions[0].title, "Lanternfall");
    assert_eq!(library.productions[0].medium, Medium::Game);
}

#[test]
fn content_decides_not_the_extension_and_broken_files_are_problems() {
    let dir = TempDir::new("formats-odd");
    let music = dir.join("Game Title OST/Disc 1");
    std::fs::create_dir_all(&music).expect("dir");
    // A FLAC file named .mp3, and an untagged WAV without any extension.
    let _ = std::fs::copy(support::demo_tone(), music.join("01 Misnamed.mp3")).expect("copy");
    support::write_wav(
        &music.join("03 Boss"),
        44_100,
        &support::tone(220.0, 44_100, 4_410),
    );
    // Broken: empty, random bytes, truncated.
    std::fs::write(music.join("empty.flac"), b"").expect("write");
    std::fs::write(
        music.join("noise.ogg"),
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    )
    .expect("write");
    let full = std::fs::read(support::demo_tone()).expect("read");
    std::fs::write(music.join("cut.flac"), &full[..100]).expect("write");
    std::fs::write(music.join("cover.jpg"), b"\xff\xd8\xff not really").expect("write");

    let library = Library::scan(std::slice::from_ref(&dir.0), &|_| {});
    let misnamed = find(&library, "01 Misnamed.mp3");
    assert_eq!(misnamed.tags.format, "FLAC", "the content is FLAC");
    assert!(
        leitmotif::playback::decode::open(&misnamed.path).is_ok(),
        "and it plays"
    );
    let untagged = find(&library, "03 Boss");
    assert_eq!(untagged.tags.format, "WAV");
    // Untagged: the file's name gives the track number and the title.
    assert_eq!(untagged.title, "Boss");
    assert_eq!(untagged.tags.track_number, Some(3));
    let production = library
        .production_of(
            library
                .tracks
                .iter()
                .position(|t| t.path == untagged.path)
                .expect("id"),
        )
        .expect("production");
    // Its tags name no album: it joins what its folder-mate's tags say.
    assert_eq!(production.title, "Arrival Point");
    assert!(
        untagged
            .evidence()
            .iter()
            .any(|e| e.contains("other files in its folder")),
        "{:?}",
        untagged.evidence()
    );

    let problems: Vec<PathBuf> = library.problems.iter().map(|p| p.path.clone()).collect();
    for name in ["empty.flac", "noise.ogg", "cut.flac"] {
        let problem = library.problems.iter().find(|p| p.path.ends_with(name));
        let problem =
            problem.unwrap_or_else(|| panic!("{name} should be a problem; problems: {problems:?}"));
        assert!(!problem.error.is_empty());
    }
    assert!(
        !problems.iter().any(|p| p.ends_with("cover.jpg")),
        "pictures are ignored silently"
    );
    assert_eq!(library.tracks.len() + library.problems.len(), 5);
}

#[test]
fn symlink_loops_hidden_and_system_folders_and_progress() {
    let dir = TempDir::new("walk");
    let album = dir.join("Film/Score");
    std::fs::create_dir_all(&album).expect("dir");
    let tone = support::tone(330.0, 44_100, 4_410);
    support::write_wav(&album.join("01.wav"), 44_100, &tone);
    // A link back up the tree, a link to the album from elsewhere, hidden and system folders.
    std::os::unix::fs::symlink(dir.join("Film"), album.join("loop")).expect("symlink");
    std::os::unix::fs::symlink(&album, dir.join("Shortcut to score")).expect("symlink");
    for hidden in [".Trash-1000", "lost+found", "@eaDir"] {
        std::fs::create_dir_all(dir.join(hidden)).expect("dir");
        support::write_wav(&dir.0.join(hidden).join("x.wav"), 44_100, &tone);
    }
    support::write_wav(&album.join(".hidden.wav"), 44_100, &tone);

    let seen = std::sync::Mutex::new(Vec::new());
    let library = Library::scan(std::slice::from_ref(&dir.0), &|p| {
        seen.lock().expect("lock").push(p);
    });
    assert_eq!(
        library.tracks.len(),
        1,
        "{:?}",
        library.tracks.iter().map(|t| &t.path).collect::<Vec<_>>()
    );
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let seen = seen.into_inner().expect("lock");
    let last = seen.last().copied().expect("progress was reported");
    assert_eq!((last.files_seen, last.read, last.failed), (1, 1, 0));
    assert!(last.folders_seen >= 3);
}

#[test]
fn m4a_with_aac_and_alac_are_read_and_playable() {
    support::require_tools(&["ffmpeg"]);
    let dir = TempDir::new("formats-m4a");
    let wav = dir.join("source.wav");
    let tone = support::tone(440.0, 44_100, 44_100);
    support::write_wav(&wav, 44_100, &tone);
    let music = dir.join("music");
    std::fs::create_dir_all(&music).expect("dir");
    for (codec, name) in [("aac", "01 AAC.m4a"), ("alac", "02 ALAC.m4a")] {
        let status = std::process::Command::new("ffmpeg")
            .args(["-loglevel", "error", "-y", "-i"])
            .arg(&wav)
            .args(["-c:a", codec])
            .args(["-metadata", &format!("title=3M1 The {codec} cue")])
            .args([
                "-metadata",
                "album=Arrival Point (Original Motion Picture Score)",
            ])
            .args([
                "-metadata",
                "artist=Mara Lindqvist",
                "-metadata",
                "composer=Mara Lindqvist",
            ])
            .arg(music.join(name))
            .status()
            .expect("run ffmpeg");
        assert!(status.success(), "ffmpeg {codec}");
    }
    let library = Library::scan(std::slice::from_ref(&music), &|_| {});
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    for name in ["01 AAC.m4a", "02 ALAC.m4a"] {
        let track = find(&library, name);
        assert_eq!(track.tags.format, "MP4/M4A", "{name}");
        assert!(track.tags.playable, "{name}");
        assert_eq!(
            track.category,
            Category::Score,
            "{name}: {:?}",
            track.evidence()
        );
        assert_eq!(track.cue.map(|c| c.to_string()).as_deref(), Some("3M1"));
        let decoded: Vec<f32> = leitmotif::playback::decode::open(&track.path)
            .expect("decodes")
            .collect();
        let frames = decoded.len() / 2;
        // AAC adds about 1,000 frames of encoder priming; ALAC is exact.
        assert!(frames.abs_diff(44_100) <= 2_048, "{name}: {frames} frames");
    }
    let alac: Vec<f32> = leitmotif::playback::decode::open(&find(&library, "02 ALAC.m4a").path)
        .expect("decodes")
        .collect();
    assert_eq!(alac.len(), tone.len(), "ALAC is lossless and exact");
    assert_eq!(library.productions[0].title, "Arrival Point");
}
