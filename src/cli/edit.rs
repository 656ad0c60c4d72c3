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
    let (store, mut user) = match super::open_store(store_path.as_deref()) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("leitmotif set-category: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = super::path_from_arg(file);
    let path = std::path::absolute(&path).unwrap_or(path);
    match store.contains(&path) {
        Ok(true) => {}
        Ok(false) => {
            eprintln!(
                "leitmotif set-category: {} is not in the library; add its folder first with: leitmotif scan FOLDER",
                path.display()
            );
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("leitmotif set-category: {e}");
            return ExitCode::FAILURE;
        }
    }
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
    let edit = user.production_mut(&production.derived_title);
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
