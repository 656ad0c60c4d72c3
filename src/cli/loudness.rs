//! `leitmotif loudness PATH... [--json] [--write]`: measures files, folders
//! and tracks of CD images as loudgain and foobar2000 do (EBU R128 loudness,
//! range and true peak; ReplayGain 2.0 gains to -18 LUFS), on every core.
//! Tracks that share an album tag in one folder also get an album gain.
//! Tags are written only with `--write`, as loudgain writes them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::library::images;
use crate::library::scan;
use crate::library::store::StoredFile;
use crate::loudness::album::album_key;
use crate::loudness::pool::{self, Controls, Event};
use crate::loudness::write::{Gains, write_tags};
use crate::loudness::{AlbumLoudness, Source, TrackLoudness, album_loudness, analyse};

/// What `leitmotif loudness` takes.
#[derive(Debug, clap::Args)]
pub struct LoudnessArgs {
    /// Files, folders (measured with everything under them) and tracks of CD
    /// images (…/Album.cue/track03).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,
    /// Print the results as JSON: a list with, for each track, path,
    /// integrated_lufs, loudness_range_lu, true_peak_dbtp, track_gain_db and
    /// album_gain_db (null where there is none, with an error or a note).
    #[arg(long)]
    json: bool,
    /// Write ReplayGain 2.0 tags into the files (FLAC, Ogg, Opus, MP3, MP4).
    #[arg(long)]
    write: bool,
    /// Threads to measure on (default: one a core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// One track to measure.
struct Item {
    /// What it is known by: its file, or `…/Album.cue/track03`.
    path: PathBuf,
    source: Source,
    /// The album it is of: its folder and album tag.
    album: Option<(PathBuf, String)>,
    /// Why it cannot be measured, found before measuring (tags unreadable, a bad sheet).
    problem: Option<String>,
}

/// One line of `--json`.
#[derive(Serialize)]
struct JsonTrack {
    path: String,
    integrated_lufs: Option<f64>,
    loudness_range_lu: Option<f64>,
    true_peak_dbtp: Option<f64>,
    track_gain_db: Option<f64>,
    album_gain_db: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    /// Why a measured track has no gain (silence).
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// Measures and prints; with `--write`, tags.
pub fn run(args: &LoudnessArgs) -> ExitCode {
    let items = gather(&super::to_paths(&args.paths));
    if items.is_empty() {
        eprintln!("leitmotif loudness: no audio found in the paths given");
        return ExitCode::FAILURE;
    }
    let threads = args.threads.unwrap_or_else(pool::cores).max(1);
    let results = measure(&items, threads);
    let albums = albums(&items, &results);
    let album_of = |i: usize| items[i].album.as_ref().and_then(|key| albums.get(key));
    let mut failed = results.iter().filter(|r| r.is_err()).count();
    if args.json {
        let rows: Vec<JsonTrack> = (0..items.len())
            .map(|i| json_row(&items[i], &results[i], album_of(i)))
            .collect();
        match serde_json::to_string_pretty(&rows) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("leitmotif loudness: cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print_table(&items, &results, &albums);
    }
    keep_for_playback(&items, &results);
    if args.write {
        failed += write_all(&items, &results, &album_of);
    }
    if failed > 0 {
        eprintln!(
            "leitmotif loudness: {failed} of {} track(s) could not be measured or tagged",
            items.len()
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Keeps the measurements in the library's store, when there is one, so the
/// player uses them as the ReplayGain of tracks whose tags carry none (the
/// tags are untouched without `--write`). A store that cannot be written to
/// only costs that.
fn keep_for_playback(items: &[Item], results: &[Result<TrackLoudness, String>]) {
    let Some(path) = crate::library::Store::default_path().filter(|p| p.exists()) else {
        return;
    };
    let store = match crate::library::Store::open(&path) {
        Ok(store) => store,
        Err(e) => {
            log::warn!("the measurements were not kept for playback: {e}");
            return;
        }
    };
    let mut kept = 0;
    for (item, result) in items.iter().zip(results) {
        if item.problem.is_some() {
            continue;
        }
        let Ok(stamp) = crate::loudness::service::Stamp::of(&item.source) else {
            continue;
        };
        match store.put_loudness(&item.path, &stamp, result) {
            Ok(()) => kept += 1,
            Err(e) => {
                log::warn!("the measurements were not kept for playback: {e}");
                return;
            }
        }
    }
    log::info!(
        "kept {kept} measurement(s) in {} for playback",
        path.display()
    );
}

/// The tracks under `paths`: files as they are, CD images as their tracks,
/// `…/Album.cue/track03` paths as that track.
fn gather(paths: &[PathBuf]) -> Vec<Item> {
    let mut items = Vec::new();
    let mut roots = Vec::new();
    for path in paths {
        match images::locate(path) {
            Some(Ok((image, tags))) => items.push(Item {
                path: path.clone(),
                album: album_key(&image.file, tags.album.as_deref()),
                source: Source::image(&image),
                problem: None,
            }),
            Some(Err(e)) => items.push(problem(path.clone(), e)),
            None => roots.push(path.clone()),
        }
    }
    let output = scan::scan(&roots, &|_| {});
    let expander = images::Expander::new(output.cue_sheets);
    let mut problems = output.problems;
    problems.extend(expander.problems.iter().cloned());
    let files = output
        .files
        .into_iter()
        .map(|(path, tags)| StoredFile::unstored(path, tags))
        .collect();
    for file in expander.expand(files, &mut problems) {
        let source = file
            .image
            .as_ref()
            .map_or_else(|| Source::file(&file.path), Source::image);
        items.push(Item {
            album: album_key(&source.file, file.tags.album.as_deref()),
            path: file.path,
            source,
            problem: None,
        });
    }
    // A file whose tags cannot be read is reported with the scanner's reason.
    items.extend(problems.into_iter().map(|p| problem(p.path, p.error)));
    items.sort_by(|a, b| a.path.cmp(&b.path));
    items
}

fn problem(path: PathBuf, error: String) -> Item {
    Item {
        source: Source::file(&path),
        path,
        album: None,
        problem: Some(error),
    }
}

/// Measures every item on `threads` threads; results in the items' order.
fn measure(items: &[Item], threads: usize) -> Vec<Result<TrackLoudness, String>> {
    let mut results: Vec<Result<TrackLoudness, String>> = (0..items.len())
        .map(|_| Err("not measured: no thread could be started".into()))
        .collect();
    pool::run(
        items,
        threads,
        false,
        &Controls::default(),
        |item| match &item.problem {
            Some(problem) => Err(problem.clone()),
            None => analyse(&item.source),
        },
        |event| {
            if let Event::Finished(index, result) = event
                && let Some(slot) = results.get_mut(index)
            {
                *slot = result;
            }
        },
    );
    results
}

/// Each album's loudness, from its measured tracks.
fn albums(
    items: &[Item],
    results: &[Result<TrackLoudness, String>],
) -> HashMap<(PathBuf, String), AlbumLoudness> {
    let mut tracks: HashMap<&(PathBuf, String), Vec<&TrackLoudness>> = HashMap::new();
    for (item, result) in items.iter().zip(results) {
        if let (Some(key), Ok(track)) = (&item.album, result) {
            tracks.entry(key).or_default().push(track);
        }
    }
    tracks
        .into_iter()
        .filter_map(|(key, tracks)| Some((key.clone(), album_loudness(tracks)?)))
        .collect()
}

/// Two decimals, as the tools print them; `None` for infinities.
fn round(value: f64) -> Option<f64> {
    value.is_finite().then(|| (value * 100.0).round() / 100.0)
}

fn json_row(
    item: &Item,
    result: &Result<TrackLoudness, String>,
    album: Option<&AlbumLoudness>,
) -> JsonTrack {
    let path = item.path.to_string_lossy().into_owned();
    match result {
        Err(e) => JsonTrack {
            path,
            integrated_lufs: None,
            loudness_range_lu: None,
            true_peak_dbtp: None,
            track_gain_db: None,
            album_gain_db: None,
            error: Some(e.clone()),
            warning: None,
            note: None,
        },
        Ok(t) => JsonTrack {
            path,
            integrated_lufs: round(t.integrated_lufs),
            loudness_range_lu: round(t.range_lu),
            true_peak_dbtp: round(t.true_peak_dbtp()),
            track_gain_db: t.track_gain_db().ok().and_then(round),
            album_gain_db: album.and_then(|a| a.gain_db().ok()).and_then(round),
            error: None,
            warning: t.warning.clone(),
            note: t.track_gain_db().err(),
        },
    }
}

/// A number for the table: signed where it is a gain, a dash for none.
fn cell(value: Option<f64>, signed: bool) -> String {
    match value.and_then(round) {
        Some(v) if signed => format!("{v:+7.2}"),
        Some(v) => format!("{v:7.2}"),
        None => format!("{:>7}", "-"),
    }
}

fn print_table(
    items: &[Item],
    results: &[Result<TrackLoudness, String>],
    albums: &HashMap<(PathBuf, String), AlbumLoudness>,
) {
    println!(
        "{:>7} {:>7} {:>7} {:>7} {:>7}  path",
        "LUFS", "LRA", "dBTP", "track", "album"
    );
    for (item, result) in items.iter().zip(results) {
        let album = item.album.as_ref().and_then(|k| albums.get(k));
        match result {
            Ok(t) => {
                let mut line = format!(
                    "{} {} {} {} {}  {}",
                    cell(Some(t.integrated_lufs), false),
                    cell(Some(t.range_lu), false),
                    cell(Some(t.true_peak_dbtp()), false),
                    cell(t.track_gain_db().ok(), true),
                    cell(album.and_then(|a| a.gain_db().ok()), true),
                    item.path.display()
                );
                for note in t.warning.iter().chain(t.track_gain_db().err().as_ref()) {
                    line.push_str(&format!(" ({note})"));
                }
                println!("{line}");
            }
            Err(e) => println!(
                "{} {} {} {} {}  {}: {e}",
                cell(None, false),
                cell(None, false),
                cell(None, false),
                cell(None, true),
                cell(None, true),
                item.path.display()
            ),
        }
    }
    let mut keys: Vec<&(PathBuf, String)> = albums.keys().collect();
    keys.sort();
    for key in keys {
        let a = &albums[key];
        println!(
            "album \"{}\" in {}: {} LUFS, true peak {} dBTP, gain {} dB ({} tracks)",
            key.1,
            key.0.display(),
            cell(Some(a.integrated_lufs), false).trim(),
            cell(Some(a.true_peak_dbtp()), false).trim(),
            cell(a.gain_db().ok(), true).trim(),
            a.tracks
        );
    }
}

/// Writes the tags of every measured track; returns how many failed.
fn write_all<'a>(
    items: &[Item],
    results: &[Result<TrackLoudness, String>],
    album_of: &dyn Fn(usize) -> Option<&'a AlbumLoudness>,
) -> usize {
    let (mut written, mut failed) = (0, 0);
    for (i, (item, result)) in items.iter().zip(results).enumerate() {
        let Ok(track) = result else { continue };
        if item.source.is_range() || item.path != item.source.file {
            eprintln!(
                "loudness: not written: {} is a track of a CD image ({}); its tags are the \
                 whole image's",
                item.path.display(),
                item.source.file.display()
            );
            continue;
        }
        let Ok(track_gain_db) = track.track_gain_db() else {
            eprintln!(
                "loudness: not written: {} is silent, so it has no gain",
                item.path.display()
            );
            continue;
        };
        let gains = Gains {
            track_gain_db,
            track_peak: track.true_peak,
            album: album_of(i).and_then(|a| Some((a.gain_db().ok()?, a.true_peak))),
        };
        match write_tags(&item.path, &gains) {
            Ok(()) => written += 1,
            Err(e) => {
                failed += 1;
                eprintln!("loudness: {}: {e}", item.path.display());
            }
        }
    }
    eprintln!("loudness: wrote ReplayGain tags to {written} file(s)");
    failed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_and_infinities_are_none() {
        assert_eq!(round(-7.524_9), Some(-7.52));
        assert_eq!(round(f64::NEG_INFINITY), None);
        assert_eq!(cell(Some(2.0), true), "  +2.00");
        assert_eq!(cell(Some(-19.994), false), " -19.99");
        assert_eq!(cell(None, true), "      -");
    }
}
