//! Loudness (issue 18) on files made here with ffmpeg: tones at known
//! levels, music-like noise and chords in FLAC, MP3 and Ogg Vorbis, silence,
//! a cut file, a file too short to measure, garbage, and a CD image. Our
//! values are checked against loudgain's on the same files, `leitmotif
//! loudness` is run as a user would, tags it writes are read back with lofty,
//! and the background analysis is stopped half way and run again.

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
use std::process::{Command, Output};
use std::time::Duration;

use leitmotif::library::Store;
use leitmotif::loudness::service::{Analysis, Job};
use leitmotif::loudness::{Source, analyse};
use serde_json::Value;
use support::TempDir;

/// Makes an audio file with ffmpeg from a lavfi source and encoder options.
fn ffmpeg(dest: &Path, source: &str, options: &[&str]) {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).expect("folder");
    }
    let status = Command::new("ffmpeg")
        .args(["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", source])
        .args(options)
        .arg(dest)
        .status()
        .expect("run ffmpeg");
    assert!(status.success(), "ffmpeg made {}", dest.display());
}

/// A stereo sine of amplitude `a` at `hz`, `seconds` long, at 44.1 kHz.
fn sine(a: f64, hz: u32, seconds: f64) -> String {
    format!("aevalsrc={a}*sin(2*PI*{hz}*t)|{a}*sin(2*PI*{hz}*t):s=44100:d={seconds}")
}

fn album_tag(album: &str) -> Vec<String> {
    vec!["-metadata".into(), format!("album={album}")]
}

fn with<'a>(tags: &'a [String], more: &[&'a str]) -> Vec<&'a str> {
    more.iter()
        .copied()
        .chain(tags.iter().map(String::as_str))
        .collect()
}

/// The mixed set: an album of four tracks (FLAC, MP3, Ogg) and a single MP3
/// without an album, shaped like music (noise, a swelling chord, a quiet cue).
fn make_music(dir: &Path) -> (PathBuf, PathBuf) {
    let album = dir.join("Arrival Tones (Original Score)");
    let tags = album_tag("Arrival Tones (Original Score)");
    ffmpeg(
        &album.join("01 1M1 Tone.flac"),
        &sine(0.1, 1000, 12.0),
        &with(&tags, &[]),
    );
    ffmpeg(
        &album.join("02 1M2 Storm.mp3"),
        "anoisesrc=color=pink:amplitude=0.25:duration=12:sample_rate=44100:seed=7",
        &with(&tags, &["-ac", "2", "-c:a", "libmp3lame", "-b:a", "192k"]),
    );
    ffmpeg(
        &album.join("03 2M1 Swell.ogg"),
        "aevalsrc=0.4*sin(2*PI*220*t)*(0.55+0.45*sin(2*PI*0.1*t))+0.2*sin(2*PI*330*t)\
         |0.3*sin(2*PI*277*t)*(0.55-0.45*sin(2*PI*0.1*t)):s=44100:d=14",
        &with(&tags, &["-c:a", "libvorbis", "-q:a", "5"]),
    );
    ffmpeg(
        &album.join("04 2M2 Whisper.flac"),
        &sine(0.02, 220, 9.0),
        &with(&tags, &[]),
    );
    let single = dir.join("Singles/Main Theme.mp3");
    ffmpeg(
        &single,
        "aevalsrc=0.6*sin(2*PI*440*t)+0.05*sin(2*PI*3520*t)|0.5*sin(2*PI*554*t):s=44100:d=10",
        &["-c:a", "libmp3lame", "-b:a", "256k"],
    );
    (album, single)
}

/// Silence, a file too short to measure, a cut FLAC and garbage.
fn make_bad(dir: &Path) -> PathBuf {
    let bad = dir.join("Bad");
    ffmpeg(&bad.join("silent.flac"), "aevalsrc=0|0:s=44100:d=5", &[]);
    ffmpeg(&bad.join("short.flac"), &sine(0.3, 440, 0.2), &[]);
    let cut = bad.join("cut.flac");
    ffmpeg(&cut, &sine(0.3, 440, 20.0), &[]);
    let bytes = std::fs::read(&cut).expect("read");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 5]).expect("cut");
    let mut garbage = b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(bad.join("garbage.mp3"), garbage).expect("garbage");
    bad
}

/// A CD image: two tracks in one FLAC, at -20 and -30 LUFS, and its sheet.
fn make_image(dir: &Path) -> PathBuf {
    let folder = dir.join("Image");
    ffmpeg(
        &folder.join("Image.flac"),
        "aevalsrc='if(lt(t,6),0.1,0.0316228)*sin(2*PI*1000*t)|if(lt(t,6),0.1,0.0316228)*sin(2*PI*1000*t)':s=44100:d=12",
        &[],
    );
    std::fs::write(
        folder.join("Image.cue"),
        "PERFORMER \"Test Orchestra\"\nTITLE \"Image Suite\"\nFILE \"Image.flac\" WAVE\n  \
         TRACK 01 AUDIO\n    TITLE \"Loud\"\n    INDEX 01 00:00:00\n  \
         TRACK 02 AUDIO\n    TITLE \"Soft\"\n    INDEX 01 00:06:00\n",
    )
    .expect("sheet");
    folder
}

fn leitmotif(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(args)
        .output()
        .expect("run leitmotif")
}

fn json_of(output: &Output) -> Vec<Value> {
    let text = String::from_utf8_lossy(&output.stdout);
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(rows)) => rows,
        _ => panic!(
            "not a JSON list: {text}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

fn row<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} not in {rows:#?}"))
}

fn number(row: &Value, field: &str) -> f64 {
    row[field]
        .as_f64()
        .unwrap_or_else(|| panic!("{field} is not a number in {row}"))
}

/// What loudgain says of each file (and of "Album" with `-a`): loudness,
/// range, true peak (dBTP) and gain, from its tab-separated `-O` list.
fn loudgain(files: &[PathBuf], album: bool) -> Vec<(String, [f64; 4])> {
    let mut cmd = Command::new("loudgain");
    cmd.args(["-O", "-q"]);
    if album {
        cmd.arg("-a");
    }
    let out = cmd.args(files).output().expect("run loudgain");
    assert!(
        out.status.success(),
        "loudgain: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let value = |i: usize| -> f64 {
                cols[i]
                    .split_whitespace()
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| panic!("loudgain column {i} in {line}"))
            };
            (
                cols[0].to_string(),
                [value(1), value(2), value(4), value(8)],
            )
        })
        .collect()
}

fn close(ours: f64, theirs: f64, within: f64, what: &str) {
    eprintln!("{what}: {ours:.3} / {theirs:.3} ({:+.3})", ours - theirs);
    assert!(
        (ours - theirs).abs() <= within,
        "{what}: ours {ours:.3}, the reference's {theirs:.3} (more than {within} apart)"
    );
}

#[test]
fn every_file_of_a_mixed_set_agrees_with_loudgain() {
    support::require_tools(&["ffmpeg", "loudgain"]);
    let dir = TempDir::new("loudness-loudgain");
    let (album, single) = make_music(&dir.0);
    let out = leitmotif(&[
        "loudness",
        "--json",
        &album.to_string_lossy(),
        &single.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json_of(&out);
    assert_eq!(rows.len(), 5);
    let mut album_files: Vec<PathBuf> = std::fs::read_dir(&album)
        .expect("album")
        .map(|e| e.expect("entry").path())
        .collect();
    album_files.sort();
    let theirs = loudgain(&album_files, true);
    let theirs_single = loudgain(std::slice::from_ref(&single), false);
    assert_eq!(theirs.len(), 5, "four tracks and the album: {theirs:?}");
    for (file, [lufs, _range, peak, gain]) in theirs.iter().chain(&theirs_single) {
        if file == "Album" {
            for name in ["01 1M1 Tone.flac", "03 2M1 Swell.ogg"] {
                close(
                    number(row(&rows, name), "album_gain_db"),
                    *gain,
                    0.2,
                    "album gain",
                );
            }
            continue;
        }
        let name = Path::new(file).file_name().expect("name").to_string_lossy();
        let ours = row(&rows, &name);
        close(
            number(ours, "integrated_lufs"),
            *lufs,
            0.2,
            &format!("{name} loudness"),
        );
        close(
            number(ours, "true_peak_dbtp"),
            *peak,
            0.2,
            &format!("{name} true peak"),
        );
        close(
            number(ours, "track_gain_db"),
            *gain,
            0.2,
            &format!("{name} track gain"),
        );
    }
    // Known levels: a 1 kHz sine at 0.1 in both channels is -20 LUFS and -20 dBTP.
    let tone = row(&rows, "01 1M1 Tone.flac");
    close(
        number(tone, "integrated_lufs"),
        -20.0,
        0.05,
        "tone loudness",
    );
    close(number(tone, "true_peak_dbtp"), -20.0, 0.05, "tone peak");
    close(number(tone, "track_gain_db"), 2.0, 0.05, "tone gain");
    assert!(number(row(&rows, "03 2M1 Swell.ogg"), "loudness_range_lu") > 1.0);
    assert!(
        row(&rows, "Main Theme.mp3")["album_gain_db"].is_null(),
        "no album tag"
    );
}

#[test]
fn the_command_reports_bad_files_and_image_tracks_with_reasons() {
    support::require_tools(&["ffmpeg"]);
    let dir = TempDir::new("loudness-cli");
    let bad = make_bad(&dir.0);
    let image = make_image(&dir.0);
    let out = leitmotif(&[
        "loudness",
        "--json",
        &bad.to_string_lossy(),
        &image.to_string_lossy(),
    ]);
    assert!(!out.status.success(), "some files could not be measured");
    let rows = json_of(&out);
    let silent = row(&rows, "silent.flac");
    assert!(silent["integrated_lufs"].is_null() && silent["track_gain_db"].is_null());
    assert!(
        silent["note"]
            .as_str()
            .is_some_and(|n| n.contains("silent")),
        "{silent}"
    );
    let short = row(&rows, "short.flac");
    assert!(
        short["error"]
            .as_str()
            .is_some_and(|e| e.contains("too short")),
        "{short}"
    );
    let cut = row(&rows, "cut.flac");
    assert!(
        cut["warning"]
            .as_str()
            .is_some_and(|w| w.contains("truncated")),
        "{cut}"
    );
    // What is left of the cut file is measured: the same tone as a whole file.
    let whole = dir.join("whole.flac");
    ffmpeg(&whole, &sine(0.3, 440, 8.0), &[]);
    let reference = analyse(&Source::file(&whole)).expect("whole tone");
    close(
        number(cut, "integrated_lufs"),
        reference.integrated_lufs,
        0.05,
        "cut file",
    );
    let garbage = row(&rows, "garbage.mp3");
    assert!(
        garbage["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{garbage}"
    );
    // The image is its two tracks, each measured over its own range.
    let loud = row(&rows, "Image.cue/track01");
    let soft = row(&rows, "Image.cue/track02");
    close(number(loud, "integrated_lufs"), -20.0, 0.1, "image track 1");
    close(number(soft, "integrated_lufs"), -30.0, 0.1, "image track 2");
    assert!(number(loud, "album_gain_db") > number(loud, "track_gain_db") - 0.01);
    assert!(!rows.iter().any(|r| {
        r["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("Image.flac"))
    }));
    // One image track by its path, and the table a person reads.
    let track = dir.0.join("Image/Image.cue/track02");
    let out = leitmotif(&["loudness", &track.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.lines().next().is_some_and(|h| h.contains("LUFS")),
        "{table}"
    );
    let line = table
        .lines()
        .find(|l| l.contains("track02"))
        .unwrap_or_else(|| panic!("no track02 in {table}"));
    let values: Vec<f64> = line
        .split_whitespace()
        .take(4)
        .filter_map(|v| v.parse().ok())
        .collect();
    assert_eq!(values.len(), 4, "{line}");
    close(values[0], -30.0, 0.1, "the table's loudness");
    close(values[3], 12.0, 0.1, "the table's track gain");
}

#[test]
fn write_puts_replaygain_tags_that_read_back_as_loudgain_writes_them() {
    support::require_tools(&["ffmpeg", "loudgain"]);
    let dir = TempDir::new("loudness-write");
    let (album, _) = make_music(&dir.0);
    let image = make_image(&dir.0);
    let ours = leitmotif(&["loudness", "--json", "--write", &album.to_string_lossy()]);
    assert!(
        ours.status.success(),
        "{}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let rows = json_of(&ours);
    // loudgain on a copy, to compare what it writes.
    let copy = dir.0.join("copy");
    std::fs::create_dir_all(&copy).expect("copy");
    let mut copies = Vec::new();
    for name in ["01 1M1 Tone.flac", "02 1M2 Storm.mp3", "03 2M1 Swell.ogg"] {
        let to = copy.join(name);
        std::fs::copy(album.join(name), &to).expect("copy");
        copies.push(to);
    }
    let status = Command::new("loudgain")
        .args(["-a", "-s", "i", "-q"])
        .args(&copies)
        .output()
        .expect("loudgain")
        .status;
    assert!(status.success());
    for name in [
        "01 1M1 Tone.flac",
        "02 1M2 Storm.mp3",
        "03 2M1 Swell.ogg",
        "04 2M2 Whisper.flac",
    ] {
        let path = album.join(name);
        let read = leitmotif::library::tags::read(&path).expect("tags read back");
        let json = row(&rows, name);
        let gain = f64::from(read.replaygain_track_db.expect("track gain tag"));
        close(gain, number(json, "track_gain_db"), 0.006, name);
        let album_gain = f64::from(read.replaygain_album_db.expect("album gain tag"));
        close(album_gain, number(json, "album_gain_db"), 0.006, name);
        let peak = f64::from(read.replaygain_track_peak.expect("peak tag"));
        close(
            20.0 * peak.log10(),
            number(json, "true_peak_dbtp"),
            0.01,
            name,
        );
        assert_eq!(
            read.album.as_deref(),
            Some("Arrival Tones (Original Score)"),
            "tags kept"
        );
    }
    // The same keys and forms as loudgain's, in each format.
    let flac_keys = |path: &Path| -> Vec<(String, String)> {
        use lofty::file::AudioFile;
        let mut file = std::fs::File::open(path).expect("open");
        let flac = lofty::flac::FlacFile::read_from(&mut file, lofty::config::ParseOptions::new())
            .expect("flac");
        let mut items: Vec<(String, String)> = flac
            .vorbis_comments()
            .expect("comments")
            .items()
            .filter(|(k, _)| k.to_uppercase().starts_with("REPLAYGAIN"))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        items.sort();
        items
    };
    let ours_flac = flac_keys(&album.join("01 1M1 Tone.flac"));
    let theirs_flac = flac_keys(&copies[0]);
    let names =
        |items: &[(String, String)]| items.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ours_flac), names(&theirs_flac));
    for ((_, a), (_, b)) in ours_flac.iter().zip(&theirs_flac) {
        assert_eq!(a.ends_with(" dB"), b.ends_with(" dB"), "{a} / {b}");
        assert!(a.len().abs_diff(b.len()) <= 1, "{a} / {b}");
    }
    let txxx = |path: &Path, name: &str| -> Option<String> {
        use lofty::file::AudioFile;
        let mut file = std::fs::File::open(path).expect("open");
        let mp3 = lofty::mpeg::MpegFile::read_from(&mut file, lofty::config::ParseOptions::new())
            .expect("mp3");
        mp3.id3v2()?.get_user_text(name).map(str::to_string)
    };
    for name in [
        "REPLAYGAIN_TRACK_GAIN",
        "REPLAYGAIN_TRACK_PEAK",
        "REPLAYGAIN_ALBUM_GAIN",
    ] {
        let a = txxx(&album.join("02 1M2 Storm.mp3"), name).expect("ours");
        let b = txxx(&copies[1], name).expect("loudgain's");
        let (x, y): (f64, f64) = (
            a.split_whitespace()
                .next()
                .and_then(|v| v.parse().ok())
                .expect("number"),
            b.split_whitespace()
                .next()
                .and_then(|v| v.parse().ok())
                .expect("number"),
        );
        let within = if name.ends_with("PEAK") { 0.03 } else { 0.2 };
        close(x, y, within, name);
    }
    // Image tracks are measured but not written, and say so.
    let out = leitmotif(&["loudness", "--write", &image.to_string_lossy()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not written") && err.contains("CD image"),
        "{err}"
    );
    let image_tags = leitmotif::library::tags::read(&image.join("Image.flac")).expect("tags");
    assert_eq!(image_tags.replaygain_track_db, None);
}

/// Tracks for the background analysis: FLAC tones a few seconds long.
fn tones(dir: &Path, n: usize) -> Vec<Job> {
    (0..n)
        .map(|i| {
            let path = dir.join(format!("tone {i:02}.flac"));
            ffmpeg(&path, &sine(0.05 + 0.02 * i as f64, 440, 8.0), &[]);
            Job {
                key: path.clone(),
                source: Source::file(&path),
            }
        })
        .collect()
}

#[test]
fn a_stopped_analysis_keeps_what_it_stored_and_the_next_run_measures_only_the_rest() {
    support::require_tools(&["ffmpeg"]);
    let dir = TempDir::new("loudness-service");
    let jobs = tones(&dir.0, 12);
    let store_path = dir.join("library.sqlite3");
    let analysis = Analysis::start(Store::open(&store_path).expect("store"), jobs.clone(), 1);
    let mut stopped_at = 0;
    while let Ok(p) = analysis.progress().recv_timeout(Duration::from_secs(60)) {
        if p.done >= 3 && stopped_at == 0 {
            analysis.stop();
            stopped_at = p.done;
        }
        if p.finished {
            break;
        }
    }
    let first = analysis.wait();
    assert!(first.finished && first.error.is_none(), "{first:?}");
    let kept = Store::open(&store_path)
        .expect("reopen")
        .all_loudness()
        .expect("read");
    assert!(
        kept.len() >= 3 && kept.len() < jobs.len(),
        "kept {} of 12",
        kept.len()
    );
    assert!(kept.values().all(Result::is_ok));
    let one = &kept[&jobs[0].key].as_ref().expect("measured");
    let direct = analyse(&jobs[0].source).expect("direct");
    assert!((one.integrated_lufs - direct.integrated_lufs).abs() < 1e-9);
    assert_eq!(one.envelope.0.len(), direct.envelope.0.len());

    // The next run measures only what the first did not, while paused and resumed.
    let analysis = Analysis::start(Store::open(&store_path).expect("store"), jobs.clone(), 2);
    analysis.pause();
    std::thread::sleep(Duration::from_millis(300));
    assert!(analysis.is_paused());
    analysis.resume();
    let second = analysis.wait();
    assert_eq!(second.unchanged, kept.len());
    assert_eq!(second.analysed, jobs.len() - kept.len());
    assert_eq!(second.done, jobs.len());

    // And a third finds nothing to do.
    let third = Analysis::start(Store::open(&store_path).expect("store"), jobs.clone(), 2).wait();
    assert_eq!((third.analysed, third.unchanged), (0, jobs.len()));
}

#[test]
fn opus_and_mp4_files_get_the_tags_loudgain_gives_them() {
    use leitmotif::loudness::write::{Gains, write_tags};
    use lofty::file::AudioFile;
    support::require_tools(&["ffmpeg", "loudgain"]);
    let dir = TempDir::new("loudness-formats");
    let opus = dir.join("cue.opus");
    ffmpeg(
        &opus,
        &sine(0.2, 440, 2.0),
        &["-c:a", "libopus", "-b:a", "96k"],
    );
    let m4a = dir.join("cue.m4a");
    ffmpeg(&m4a, &sine(0.2, 440, 2.0), &["-c:a", "aac", "-b:a", "128k"]);
    let gains = Gains {
        track_gain_db: -7.52,
        track_peak: 0.988_525,
        album: Some((-6.5, 0.99)),
    };
    write_tags(&opus, &gains).expect("opus tags");
    let mut file = std::fs::File::open(&opus).expect("open");
    let read = lofty::ogg::OpusFile::read_from(&mut file, lofty::config::ParseOptions::new())
        .expect("opus");
    let comments = read.vorbis_comments();
    // RFC 7845: the gain to -23 LUFS in 256ths of a dB, and no REPLAYGAIN_* tags.
    assert_eq!(comments.get("R128_TRACK_GAIN"), Some("-3205"));
    assert_eq!(comments.get("R128_ALBUM_GAIN"), Some("-2944"));
    assert_eq!(comments.get("REPLAYGAIN_TRACK_GAIN"), None);

    // MP4: measured, written, and read back by the library's own tag reader.
    let out = leitmotif(&["loudness", "--json", "--write", &m4a.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json_of(&out);
    let gain = number(row(&rows, "cue.m4a"), "track_gain_db");
    let tags = leitmotif::library::tags::read(&m4a).expect("m4a tags");
    close(
        f64::from(tags.replaygain_track_db.expect("gain")),
        gain,
        0.006,
        "m4a gain",
    );
    assert!(tags.replaygain_track_peak.is_some());
    assert_eq!(
        tags.replaygain_album_db, None,
        "no album tag, no album gain"
    );
    // Our AAC figure beside loudgain's.
    let theirs = loudgain(std::slice::from_ref(&m4a), false);
    close(gain, theirs[0].1[3], 0.2, "m4a gain beside loudgain's");
}

/// Issue 18, part 3: a file whose tags carry no ReplayGain plays at the gain
/// of Leitmotif's own analysis kept in the store; its tags win once they have
/// one, and a measurement of a file that changed since is not used.
#[test]
fn untagged_files_play_at_the_analysed_gain_and_tags_still_win() {
    use leitmotif::loudness::service::Stamp;
    let dir = TempDir::new("loudness-locate");
    let song = dir.join("music/quiet.flac");
    ffmpeg(&song, &sine(0.05, 440, 3.0), &[]);
    let store_path = dir.join("data/library.sqlite3");
    let store = Store::open(&store_path).expect("store");
    let source = Source::file(&song);
    let measured = analyse(&source).expect("measured");
    let stamp = Stamp::of(&source).expect("stamp");
    store
        .put_loudness(&song, &stamp, &Ok(measured.clone()))
        .expect("stored");
    drop(store);
    let want = measured.track_gain_db().expect("a gain") as f32;
    assert!(want > 5.0, "a quiet sine needs a lift: {want}");

    let locate = leitmotif::library::images::locator_with_analysis(store_path.clone());
    let located = locate(&song).expect("located");
    let (gain, peak) = located.track_gain.expect("the analysed gain");
    assert!((gain - want).abs() < 0.01, "{gain} against {want}");
    assert!((peak.expect("a peak") - measured.true_peak as f32).abs() < 1e-4);
    // Without the store, the tags say nothing: no gain.
    let plain = leitmotif::library::images::locator()(&song).expect("located");
    assert_eq!(plain.track_gain, None);

    // Tags win: the file gets a ReplayGain tag of its own (-3 dB).
    leitmotif::loudness::write::write_tags(
        &song,
        &leitmotif::loudness::write::Gains {
            track_gain_db: -3.0,
            track_peak: 0.5,
            album: None,
        },
    )
    .expect("tagged");
    let locate = leitmotif::library::images::locator_with_analysis(store_path.clone());
    let (gain, _) = locate(&song)
        .expect("located")
        .track_gain
        .expect("the tag's gain");
    assert!((gain + 3.0).abs() < 0.01, "the tag's -3 dB, not {gain}");

    // A file changed since it was measured (here: a new one in its place,
    // untagged) is not given the old measurement.
    ffmpeg(&song, &sine(0.5, 440, 2.0), &[]);
    let locate = leitmotif::library::images::locator_with_analysis(store_path);
    assert_eq!(locate(&song).expect("located").track_gain, None);
}

/// `leitmotif loudness` keeps what it measured in the library's store (when
/// the user has one), so the player can use it as ReplayGain; tags untouched.
#[test]
fn the_command_keeps_its_measurements_for_playback() {
    use leitmotif::loudness::service::Stamp;
    let dir = TempDir::new("loudness-keep");
    let song = dir.join("music/quiet.flac");
    ffmpeg(&song, &sine(0.05, 440, 3.0), &[]);
    let before = std::fs::read(&song).expect("read");
    let store_path = dir.join("data/leitmotif/library.sqlite3");
    drop(Store::open(&store_path).expect("the user's store"));
    let out = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(["loudness", "--json"])
        .arg(&song)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("run leitmotif");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gain = json_of(&out)[0]["track_gain_db"].as_f64().expect("a gain");
    let store = Store::open(&store_path).expect("store");
    let kept = store
        .current_loudness(&song, &Stamp::of(&Source::file(&song)).expect("stamp"))
        .expect("read")
        .expect("kept for playback");
    let kept_gain = kept.track_gain_db().expect("a gain");
    assert!(
        (kept_gain - gain).abs() < 0.01,
        "{kept_gain} against {gain}"
    );
    assert_eq!(
        std::fs::read(&song).expect("read"),
        before,
        "no tag written"
    );
}

/// Issue 18, part 3, for albums: an album whose files carry no ReplayGain
/// plays at the album gain of Leitmotif's analysis (its folder's files with
/// its album tag, as `leitmotif loudness` counts an album), and only once
/// every one of its files was measured.
#[test]
fn untagged_albums_play_at_the_analysed_album_gain_once_all_are_measured() {
    use leitmotif::loudness::service::Stamp;
    let dir = TempDir::new("loudness-album-locate");
    let music = dir.join("music/Night Album");
    let tag = album_tag("Night Album");
    let (quiet, loud) = (music.join("01 quiet.flac"), music.join("02 loud.flac"));
    ffmpeg(&quiet, &sine(0.05, 440, 3.0), &with(&tag, &[]));
    ffmpeg(&loud, &sine(0.4, 440, 3.0), &with(&tag, &[]));
    // Another album in the same folder is not part of it.
    ffmpeg(
        &music.join("03 other.flac"),
        &sine(0.9, 440, 3.0),
        &with(&album_tag("Other Album"), &[]),
    );
    let store_path = dir.join("data/library.sqlite3");
    let mut store = Store::open(&store_path).expect("store");
    let _ = store
        .scan(std::slice::from_ref(&music), &|_| {})
        .expect("scanned");
    let measure = |store: &Store, file: &Path| {
        let source = Source::file(file);
        let measured = analyse(&source).expect("measured");
        store
            .put_loudness(
                file,
                &Stamp::of(&source).expect("stamp"),
                &Ok(measured.clone()),
            )
            .expect("stored");
        measured
    };
    let first = measure(&store, &quiet);
    let locate = leitmotif::library::images::locator_with_analysis(store_path.clone());
    assert_eq!(
        locate(&quiet).expect("located").album_gain,
        None,
        "half an album measured is no album gain"
    );
    let second = measure(&store, &loud);
    drop(store);
    let want = leitmotif::loudness::album_loudness([&first, &second]).expect("album");
    let locate = leitmotif::library::images::locator_with_analysis(store_path);
    for file in [&quiet, &loud] {
        let (gain, peak) = locate(file)
            .expect("located")
            .album_gain
            .expect("album gain");
        let expected = want.gain_db().expect("a gain") as f32;
        assert!((gain - expected).abs() < 0.01, "{gain} against {expected}");
        assert!((peak.expect("peak") - want.true_peak as f32).abs() < 1e-4);
    }
    // Louder than the quiet track's own gain says, quieter than the loud one's.
    let own = first.track_gain_db().expect("gain") as f32;
    let album = want.gain_db().expect("gain") as f32;
    assert!(
        album < own - 1.0,
        "the album gain {album} is not the quiet track's {own}"
    );
}
