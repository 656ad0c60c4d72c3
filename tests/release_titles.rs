//! The release grammar against real, published album titles (from MusicBrainz,
//! VGMdb, Spotify and store listings, looked up for this table): each with the
//! production, medium and album kind a collector would expect, and real albums
//! that are not soundtracks, which must stay plain.

// A test says what it expected with expect and panic, and compares exact samples;
// the app's lint set (Cargo.toml) is for the shipped code.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::pedantic
)]

use leitmotif::library::Medium;
use leitmotif::library::album_title::{AlbumKind, Marked, parse};
use leitmotif::library::production::grouping_key;

fn rows(file: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn medium(name: &str) -> Option<Medium> {
    match name {
        "film" | "anime_film" => Some(Medium::Film),
        "tv" | "anime_tv" => Some(Medium::Tv),
        "game" => Some(Medium::Game),
        "stage" => Some(Medium::Stage),
        _ => None,
    }
}

#[test]
fn real_soundtrack_titles_name_their_production() {
    let rows = rows("soundtrack_titles.tsv");
    assert!(rows.len() >= 300, "{} titles", rows.len());
    let mut wrong = Vec::new();
    let mut medium_named = 0;
    let mut unmarked = 0;
    for row in &rows {
        let [title, production, want_medium, kind, number, _edition, ..] = row.as_slice() else {
            panic!("a short row: {row:?}");
        };
        let t = parse(title);
        let got = t
            .companion_of
            .clone()
            .unwrap_or_else(|| t.production.clone());
        let mut errors = Vec::new();
        if grouping_key(&got) != grouping_key(production) {
            errors.push(format!("production {got:?}, want {production:?}"));
        }
        match (t.medium, medium(want_medium)) {
            (Some(m), Some(w)) if m != w => errors.push(format!("medium {m:?}, want {w:?}")),
            (Some(_), _) => medium_named += 1,
            _ => {}
        }
        let want_kind = match kind.as_str() {
            "score" => Some(AlbumKind::Score),
            "songs" => Some(AlbumKind::Songs),
            _ => None,
        };
        if t.kind != want_kind {
            errors.push(format!("kind {:?}, want {want_kind:?}", t.kind));
        }
        let want_number: Option<u32> = number.parse().ok();
        if want_number.is_some() && t.part.or(t.season) != want_number {
            errors.push(format!(
                "part {:?} season {:?}, want {want_number:?}",
                t.part, t.season
            ));
        }
        // "Wicked", "Amores Perros": nothing in the title says soundtrack;
        // the tags (genre, release type) must. Their production is the title.
        if t.marked == Marked::No && !t.compilation {
            unmarked += 1;
        }
        if !errors.is_empty() {
            wrong.push(format!("{title}: {}", errors.join("; ")));
        }
    }
    let right = rows.len() - wrong.len();
    let rate = 100.0 * right as f64 / rows.len() as f64;
    println!(
        "soundtrack titles: {right} of {} right ({rate:.1} %); the title names the medium in \
         {medium_named}; {unmarked} carry no soundtrack sign at all",
        rows.len(),
    );
    for w in &wrong {
        println!("  {w}");
    }
    // A few titles are beyond what a title can tell (which franchise a song
    // single belongs to when nothing says so): at most 1 % may be wrong.
    assert!(rate >= 99.0, "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn real_albums_that_are_not_soundtracks_stay_plain() {
    let rows = rows("other_titles.tsv");
    assert!(rows.len() >= 50, "{} titles", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        let title = &row[0];
        let t = parse(title);
        if t.marked == Marked::Strong || t.medium.is_some() || t.compilation {
            wrong.push(format!("{title}: {t:?}"));
        }
    }
    println!(
        "other titles: {} of {} right",
        rows.len() - wrong.len(),
        rows.len()
    );
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
