//! `set-category` and `set-production`: the user's corrections, saved apart
//! from the scanned data so that rescans keep them.

use std::process::ExitCode;

use crate::library::user_data::path_beside;
use crate::library::{Category, Library, Medium};

const CATEGORY_USAGE: &str = "leitmotif set-category FILE score|song|unknown [--store FILE]";
const PRODUCTION_USAGE: &str = "leitmotif set-production TITLE [--title NEW] [--medium film|tv|game|stage|other|unknown] [--store FILE]";

fn parse_category(value: &str) -> Option<Category> {
    match value.to_lowercase().as_str() {
        "score" => Some(Category::Score),
        "song" | "songs" => Some(Category::Song),
        "unknown" => Some(Category::Unknown),
        _ => None,
    }
}

fn parse_medium(value: &str) -> Option<Medium> {
    Medium::ALL
        .into_iter()
        .find(|m| m.as_str() == value.to_lowercase())
}

/// Sets a track's category.
pub fn set_category(args: &[String]) -> ExitCode {
    let (store_path, rest) = match super::take_option(args, "--store") {
        Ok(split) => split,
        Err(e) => return super::usage_error("set-category", &e, CATEGORY_USAGE),
    };
    let [file, value] = rest.as_slice() else {
        return super::usage_error(
            "set-category",
            "expected a FILE and a category",
            CATEGORY_USAGE,
        );
    };
    let Some(category) = parse_category(value) else {
        return super::usage_error(
            "set-category",
            &format!("unknown category {value:?}"),
            CATEGORY_USAGE,
        );
    };
    let (store, mut user, path) = match open_track("set-category", store_path.as_deref(), file) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    user.track_mut(&path).category = Some(category);
    match user.save(&path_beside(store.path())) {
        Ok(()) => {
            println!("{}: {}", path.display(), category.as_str());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("leitmotif set-category: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the library and checks that `file` is in it; on failure, says why
/// (as command `cmd`) and gives the exit code.
fn open_track(
    cmd: &str,
    store_path: Option<&str>,
    file: &str,
) -> Result<
    (
        crate::library::Store,
        crate::library::UserData,
        std::path::PathBuf,
    ),
    ExitCode,
> {
    let (store, user) = super::open_store(store_path).map_err(|e| {
        eprintln!("leitmotif {cmd}: {e}");
        ExitCode::FAILURE
    })?;
    let path = super::path_from_arg(file);
    let path = std::path::absolute(&path).unwrap_or(path);
    match store.contains(&path) {
        Ok(true) => Ok((store, user, path)),
        Ok(false) => {
            eprintln!(
                "leitmotif {cmd}: {} is not in the library; add its folder first with: leitmotif scan FOLDER",
                path.display()
            );
            Err(ExitCode::FAILURE)
        }
        Err(e) => {
            eprintln!("leitmotif {cmd}: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

const SCENE_USAGE: &str = "leitmotif set-scene FILE [TEXT] [--start 01:12:30] [--store FILE]   (TEXT \"\" clears the note)";

/// Writes a track's scene note and start time in the production, as the
/// now-playing panel does.
pub fn set_scene(args: &[String]) -> ExitCode {
    let (store_path, rest) = match super::take_option(args, "--store") {
        Ok(split) => split,
        Err(e) => return super::usage_error("set-scene", &e, SCENE_USAGE),
    };
    let (start, rest) = match super::take_option(&rest, "--start") {
        Ok(split) => split,
        Err(e) => return super::usage_error("set-scene", &e, SCENE_USAGE),
    };
    let (file, text) = match rest.as_slice() {
        [file] => (file, None),
        [file, text] => (file, Some(text.clone())),
        _ => {
            return super::usage_error(
                "set-scene",
                "expected a FILE and the scene TEXT",
                SCENE_USAGE,
            );
        }
    };
    let start = match start.as_deref().map(crate::cue::time::parse) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => return super::usage_error("set-scene", &e, SCENE_USAGE),
    };
    if text.is_none() && start.is_none() {
        return super::usage_error(
            "set-scene",
            "nothing to change: give TEXT or --start",
            SCENE_USAGE,
        );
    }
    let (store, mut user, path) = match open_track("set-scene", store_path.as_deref(), file) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let note = user.track_mut(&path);
    if let Some(text) = text {
        note.scene = Some(text.trim().to_string());
    }
    if let Some(start) = start {
        note.start_ms = Some(start.as_millis() as u64);
    }
    match user.save(&path_beside(store.path())) {
        Ok(()) => {
            println!("{}: scene note saved", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("leitmotif set-scene: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Renames a production or sets its medium.
pub fn set_production(args: &[String]) -> ExitCode {
    let (store_path, rest) = match super::take_option(args, "--store") {
        Ok(split) => split,
        Err(e) => return super::usage_error("set-production", &e, PRODUCTION_USAGE),
    };
    let (title, rest) = match super::take_option(&rest, "--title") {
        Ok(split) => split,
        Err(e) => return super::usage_error("set-production", &e, PRODUCTION_USAGE),
    };
    let (medium, rest) = match super::take_option(&rest, "--medium") {
        Ok(split) => split,
        Err(e) => return super::usage_error("set-production", &e, PRODUCTION_USAGE),
    };
    let [name] = rest.as_slice() else {
        return super::usage_error(
            "set-production",
            "expected one production TITLE",
            PRODUCTION_USAGE,
        );
    };
    let medium = match medium.as_deref().map(|m| (m, parse_medium(m))) {
        None => None,
        Some((_, Some(m))) => Some(m),
        Some((m, None)) => {
            return super::usage_error(
                "set-production",
                &format!("unknown medium {m:?}"),
                PRODUCTION_USAGE,
            );
        }
    };
    if title.is_none() && medium.is_none() {
        return super::usage_error(
            "set-production",
            "nothing to change: give --title or --medium",
            PRODUCTION_USAGE,
        );
    }
    let (store, mut user) = match super::open_store(store_path.as_deref()) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("leitmotif set-production: {e}");
            return ExitCode::FAILURE;
        }
    };
    let library = match Library::from_store(&store, &user) {
        Ok(library) => library,
        Err(e) => {
            eprintln!("leitmotif set-production: {e}");
            return ExitCode::FAILURE;
        }
    };
    let key = crate::library::production::grouping_key(name);
    let Some(production) = library.productions.iter().find(|p| {
        crate::library::production::grouping_key(&p.title) == key
            || crate::library::production::grouping_key(&p.derived_title) == key
    }) else {
        eprintln!(
            "leitmotif set-production: no production called {name:?}; `leitmotif scan` lists them"
        );
        return ExitCode::FAILURE;
    };
    let edit = user
        .productions
        .entry(production.key.as_str().to_string())
        .or_default();
    if let Some(title) = title {
        edit.title = Some(title);
    }
    if let Some(medium) = medium {
        edit.medium = Some(medium);
    }
    match user.save(&path_beside(store.path())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("leitmotif set-production: {e}");
            ExitCode::FAILURE
        }
    }
}
