//! `set-category`, `set-scene` and `set-production`: the user's corrections,
//! saved apart from the scanned data so that rescans keep them. Each save
//! reads the user's file first, so an edit the window made meanwhile stays.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::library::user_data::path_beside;
use crate::library::{Category, Edit, Library, Medium, UserData};

/// A category as the command line spells it.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CategoryArg {
    /// Music composed for the production.
    Score,
    /// A song heard in it.
    #[value(alias = "songs")]
    Song,
    /// Not known.
    Unknown,
}

impl From<CategoryArg> for Category {
    fn from(c: CategoryArg) -> Category {
        match c {
            CategoryArg::Score => Category::Score,
            CategoryArg::Song => Category::Song,
            CategoryArg::Unknown => Category::Unknown,
        }
    }
}

/// A medium as the command line spells it.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MediumArg {
    /// A film.
    Film,
    /// A TV or streaming series.
    Tv,
    /// A video game.
    Game,
    /// A stage show.
    Stage,
    /// Something else.
    Other,
    /// Not known.
    Unknown,
}

impl From<MediumArg> for Medium {
    fn from(m: MediumArg) -> Medium {
        match m {
            MediumArg::Film => Medium::Film,
            MediumArg::Tv => Medium::Tv,
            MediumArg::Game => Medium::Game,
            MediumArg::Stage => Medium::Stage,
            MediumArg::Other => Medium::Other,
            MediumArg::Unknown => Medium::Unknown,
        }
    }
}

/// What `leitmotif set-category` takes.
#[derive(Debug, clap::Args)]
pub struct CategoryArgs {
    /// The track's file (or a CD image track's path, …/Album.cue/track03).
    file: String,
    /// What it is.
    #[arg(value_enum)]
    category: CategoryArg,
    /// The library file to use instead of the one in your data folder.
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
}

/// What `leitmotif set-scene` takes.
#[derive(Debug, clap::Args)]
pub struct SceneArgs {
    /// The track's file.
    file: String,
    /// What happens on screen while it plays ("" clears the note).
    text: Option<String>,
    /// Where the cue starts in the production: 01:12:30, 12:30 or PT1H12M30S.
    #[arg(long, value_name = "TIME")]
    start: Option<String>,
    /// The library file to use instead of the one in your data folder.
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
}

/// What `leitmotif set-production` takes.
#[derive(Debug, clap::Args)]
pub struct ProductionArgs {
    /// The production, as `leitmotif scan` lists it.
    title: String,
    /// Its new title.
    #[arg(long = "title", value_name = "NEW")]
    new_title: Option<String>,
    /// Its medium.
    #[arg(long, value_enum)]
    medium: Option<MediumArg>,
    /// The library file to use instead of the one in your data folder.
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
}

/// Records `edit` in the user's file beside the store, saying what was done.
fn save(cmd: &str, store: &crate::library::Store, edit: &Edit, done: &str) -> ExitCode {
    match UserData::record_in_file(&path_beside(store.path()), edit) {
        Ok(_) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("leitmotif {cmd}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Sets a track's category.
pub fn set_category(args: &CategoryArgs) -> ExitCode {
    let (store, path) = match open_track("set-category", args.store.as_deref(), &args.file) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let category = Category::from(args.category);
    let done = format!("{}: {}", path.display(), category.as_str());
    save(
        "set-category",
        &store,
        &Edit::Category { path, category },
        &done,
    )
}

/// Opens the library and checks that `file` is in it; on failure, says why
/// (as command `cmd`) and gives the exit code.
fn open_track(
    cmd: &str,
    store_path: Option<&std::path::Path>,
    file: &str,
) -> Result<(crate::library::Store, PathBuf), ExitCode> {
    let (store, user) = super::open_store(store_path).map_err(|e| {
        eprintln!("leitmotif {cmd}: {e}");
        ExitCode::FAILURE
    })?;
    let path = crate::paths::path_from_arg(file);
    // A server track's path is a name, not a place on disk.
    let path = if crate::server::is_server_path(&path) {
        path
    } else {
        std::path::absolute(&path).unwrap_or(path)
    };
    // A track of a CD image is not a file of the store: the library has it.
    let known = match store.contains(&path) {
        Ok(true) => Ok(true),
        Ok(false) => Library::from_store(&store, &user)
            .map(|library| library.tracks.iter().any(|t| t.path == path)),
        Err(e) => Err(e),
    };
    match known {
        Ok(true) => Ok((store, path)),
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

/// Writes a track's scene note and start time in the production, as the
/// now-playing panel does; what is not given stays as it was.
pub fn set_scene(args: &SceneArgs) -> ExitCode {
    let start = match args.start.as_deref().map(crate::cue::time::parse) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            eprintln!("leitmotif set-scene: {e}");
            return ExitCode::from(2);
        }
    };
    if args.text.is_none() && start.is_none() {
        eprintln!("leitmotif set-scene: nothing to change: give the scene TEXT or --start");
        return ExitCode::from(2);
    }
    let (store, path) = match open_track("set-scene", args.store.as_deref(), &args.file) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let user_file = path_beside(store.path());
    let saved = UserData::update_file(&user_file, |data| {
        let note = data.track_mut(&path);
        if let Some(text) = &args.text {
            note.scene = Some(text.trim().to_string());
        }
        if let Some(start) = start {
            note.start_ms = Some(u64::try_from(start.as_millis()).unwrap_or(u64::MAX));
        }
    });
    match saved {
        Ok(_) => {
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
pub fn set_production(args: &ProductionArgs) -> ExitCode {
    if args.new_title.is_none() && args.medium.is_none() {
        eprintln!("leitmotif set-production: nothing to change: give --title or --medium");
        return ExitCode::from(2);
    }
    let (store, user) = match super::open_store(args.store.as_deref()) {
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
    let key = crate::library::production::grouping_key(&args.title);
    let Some(production) = library.productions.iter().find(|p| {
        crate::library::production::grouping_key(&p.title) == key
            || crate::library::production::grouping_key(&p.derived_title) == key
    }) else {
        eprintln!(
            "leitmotif set-production: no production called {:?}; `leitmotif scan` lists them",
            args.title
        );
        return ExitCode::FAILURE;
    };
    let mut code = ExitCode::SUCCESS;
    if let Some(title) = &args.new_title {
        let edit = Edit::Title {
            production: production.key.clone(),
            title: title.clone(),
        };
        code = save(
            "set-production",
            &store,
            &edit,
            &format!("{}: now {title:?}", production.title),
        );
    }
    if let Some(medium) = args.medium {
        let medium = Medium::from(medium);
        let edit = Edit::Medium {
            production: production.key.clone(),
            medium,
        };
        let done = format!("{}: {}", production.title, medium.as_str());
        if save("set-production", &store, &edit, &done) != ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    code
}
