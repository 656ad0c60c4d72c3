//! The cue sidecar: a small TOML file (`cues.toml`) beside an album or in a
//! production's folder that says where each cue plays. Its fields follow the
//! DDEX cue sheet (start time and duration in the production, use, vocal).
//! The format is documented in `docs/cues.md`.
//!
//! Reading never fails as a whole: a bad value is reported with the file and
//! line and the rest is used. Writing edits the existing file in place, so
//! comments and fields Leitmotif does not know are kept.

use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::Medium;
use crate::cue::{CueCode, CueUse, Episode, Vocal, time};

/// The file name Leitmotif looks for in every folder it scans.
pub const FILE_NAME: &str = "cues.toml";
/// Larger sidecars are refused: a cue sheet of thousands of cues is far smaller.
pub const MAX_BYTES: u64 = 1_000_000;
/// Cues read from one sidecar at most.
pub const MAX_CUES: usize = 10_000;
/// Characters kept of one text field (a scene description is a few sentences).
pub const MAX_TEXT: usize = 4_000;

/// A sidecar file found by a scan, with its text or why it could not be read.
pub type Found = (PathBuf, Result<String, String>);

/// What a sidecar says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sidecar {
    /// The sidecar file itself.
    pub path: PathBuf,
    /// `[production] title`.
    pub title: Option<String>,
    /// `[production] medium`.
    pub medium: Option<Medium>,
    /// `[production] runtime`: how long the film (or the episode) runs.
    pub runtime: Option<Duration>,
    /// The `[[cue]]` entries, in file order.
    pub cues: Vec<SidecarCue>,
    /// Values that could not be used, as "line N: what is wrong and what to write".
    pub warnings: Vec<String>,
}

/// One `[[cue]]` entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SidecarCue {
    /// The line of its `[[cue]]` header.
    pub line: usize,
    /// `file`, resolved against the sidecar's folder (never outside it).
    pub file: Option<PathBuf>,
    /// `title`, to find the track when there is no `file`.
    pub title: Option<String>,
    /// `code`: `1M1`, `6m02`, `1M3b` or TV-style `101`.
    pub code: Option<CueCode>,
    /// `start`: where the cue starts in the production.
    pub start: Option<Duration>,
    /// `duration`: how long it is heard in the production.
    pub length: Option<Duration>,
    /// `scene`: what happens on screen.
    pub scene: Option<String>,
    /// `use`: background, featured, theme or source.
    pub cue_use: Option<CueUse>,
    /// `vocal`: instrumental or vocal.
    pub vocal: Option<Vocal>,
    /// `episode`: `S01E03` or `1x03`, for TV.
    pub episode: Option<Episode>,
    /// `context`: for games, the area, level or menu where it plays.
    pub context: Option<String>,
}

/// Reads a sidecar's text, refusing files too large to be a cue sheet.
pub fn read_text(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot open: {e}"))?
        .len();
    if size > MAX_BYTES {
        return Err(format!(
            "{size} bytes is too large for a cue sidecar (at most {MAX_BYTES}); it was not read"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|_| "is not UTF-8 text; save it as UTF-8".to_string())
}

/// The line (from 1) at a byte offset of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses the sidecar at `path` whose content is `text`.
pub fn parse(path: &Path, text: &str) -> Sidecar {
    let mut sidecar = Sidecar {
        path: path.to_path_buf(),
        ..Sidecar::default()
    };
    let doc = match toml_edit::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_at(text, s.start));
            sidecar.warnings.push(format!(
                "line {line}: {}; nothing in this file was used",
                e.message().trim_end()
            ));
            return sidecar;
        }
    };
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut reader = Reader {
        text,
        warnings: &mut sidecar.warnings,
    };
    if let Some(item) = doc.get("production") {
        match item.as_table_like() {
            Some(table) => {
                sidecar.title = reader.text_field(table.get("title"), "title");
                sidecar.medium = reader.medium(table.get("medium"));
                sidecar.runtime = reader.time(table.get("runtime"), "runtime");
            }
            None => reader.warn(
                item,
                "[production] should be a table of title, medium and runtime",
            ),
        }
    }
    match doc.get("cue") {
        None => {}
        Some(item) => match item.as_array_of_tables() {
            Some(cues) => {
                for table in cues.iter().take(MAX_CUES) {
                    let cue = reader.cue(table, folder);
                    sidecar.cues.push(cue);
                }
                if cues.len() > MAX_CUES {
                    reader.warn(item, &format!("only the first {MAX_CUES} cues were read"));
                }
            }
            None => reader.warn(item, "cues are written as [[cue]] tables, one per cue"),
        },
    }
    sidecar
}

struct Reader<'a> {
    text: &'a str,
    warnings: &'a mut Vec<String>,
}

impl Reader<'_> {
    fn line(&self, span: Option<std::ops::Range<usize>>) -> usize {
        span.map_or(1, |s| line_at(self.text, s.start))
    }

    fn warn(&mut self, item: &Item, message: &str) {
        let line = self.line(item.span());
        self.warnings.push(format!("line {line}: {message}"));
    }

    fn string(&mut self, item: Option<&Item>, key: &str) -> Option<String> {
        let item = item?;
        if let Some(s) = item.as_str() {
            Some(s.to_string())
        } else {
            self.warn(item, &format!("{key} should be text in quotes"));
            None
        }
    }

    fn text_field(&mut self, item: Option<&Item>, key: &str) -> Option<String> {
        let text = self.string(item, key)?;
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.chars().count() > MAX_TEXT {
            if let Some(item) = item {
                self.warn(
                    item,
                    &format!("{key} was cut to its first {MAX_TEXT} characters"),
                );
            }
            return Some(text.chars().take(MAX_TEXT).collect());
        }
        Some(text.to_string())
    }

    fn time(&mut self, item: Option<&Item>, key: &str) -> Option<Duration> {
        let text = self.string(item, key)?;
        match time::parse(&text) {
            Ok(t) => Some(t),
            Err(e) => {
                if let Some(item) = item {
                    self.warn(item, &format!("{key}: {e}"));
                }
                None
            }
        }
    }

    fn medium(&mut self, item: Option<&Item>) -> Option<Medium> {
        let text = self.string(item, "medium")?;
        let found = Medium::ALL
            .into_iter()
            .find(|m| m.as_str() == text.trim().to_ascii_lowercase());
        if found.is_none()
            && let Some(item) = item
        {
            self.warn(
                item,
                &format!("medium \"{text}\" is not one of film, tv, game, stage, other"),
            );
        }
        found
    }

    fn cue(&mut self, table: &Table, folder: &Path) -> SidecarCue {
        let line = self.line(table.span());
        let mut cue = SidecarCue {
            line,
            ..SidecarCue::default()
        };
        if let Some(item) = table.get("file")
            && let Some(file) = self.string(Some(item), "file")
        {
            match inside(folder, &file) {
                Some(path) => cue.file = Some(path),
                None => self.warn(
                    item,
                    &format!(
                        "file \"{file}\" points outside this folder; write a path relative to the folder of {FILE_NAME}"
                    ),
                ),
            }
        }
        cue.title = self.text_field(table.get("title"), "title");
        if let Some(item) = table.get("code")
            && let Some(code) = self.string(Some(item), "code")
        {
            cue.code = CueCode::parse_any(&code);
            if cue.code.is_none() {
                self.warn(
                    item,
                    &format!("code \"{code}\" is not a cue code: write 1M1, 6M2, 1M3b or 101"),
                );
            }
        }
        cue.start = self.time(table.get("start"), "start");
        cue.length = self.time(table.get("duration"), "duration");
        cue.scene = self.text_field(table.get("scene"), "scene");
        cue.context = self.text_field(table.get("context"), "context");
        if let Some(item) = table.get("use")
            && let Some(text) = self.string(Some(item), "use")
        {
            cue.cue_use = CueUse::parse(&text);
            if cue.cue_use.is_none() {
                self.warn(
                    item,
                    &format!("use \"{text}\" is not one of background, featured, theme, source"),
                );
            }
        }
        if let Some(item) = table.get("vocal")
            && let Some(text) = self.string(Some(item), "vocal")
        {
            cue.vocal = Vocal::parse(&text);
            if cue.vocal.is_none() {
                self.warn(
                    item,
                    &format!("vocal \"{text}\" is not instrumental or vocal"),
                );
            }
        }
        if let Some(item) = table.get("episode")
            && let Some(text) = self.string(Some(item), "episode")
        {
            cue.episode = Episode::parse(text.trim());
            if cue.episode.is_none() {
                self.warn(
                    item,
                    &format!("episode \"{text}\" is not an episode code: write S01E03 or 1x03"),
                );
            }
        }
        if cue.file.is_none() && cue.code.is_none() && cue.title.is_none() {
            self.warnings.push(format!(
                "line {line}: this cue names no track: give it a file, a code or a title"
            ));
        }
        cue
    }
}

/// `relative` joined to `folder`, or `None` when it is absolute or climbs out
/// of the folder with `..`. Nothing outside the production's folder is read.
pub fn inside(folder: &Path, relative: &str) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in Path::new(relative.trim()).components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut path = folder.to_path_buf();
    path.extend(parts);
    Some(path)
}

/// What "Export cues" writes for one track.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportCue {
    /// The file, relative to the sidecar's folder.
    pub file: String,
    /// The track's title.
    pub title: Option<String>,
    /// Its cue code.
    pub code: Option<CueCode>,
    /// Start in the production.
    pub start: Option<Duration>,
    /// Duration in the production.
    pub length: Option<Duration>,
    /// The scene.
    pub scene: Option<String>,
    /// Use in the scene.
    pub cue_use: Option<CueUse>,
    /// Instrumental or vocal.
    pub vocal: Option<Vocal>,
    /// Episode, for TV.
    pub episode: Option<Episode>,
}

/// The sidecar text for `cues`, made by editing `existing` (when there is one)
/// so that its comments, unknown fields and cues for other files stay as they were.
pub fn export_text(
    existing: Option<&str>,
    title: &str,
    medium: Medium,
    runtime: Option<Duration>,
    cues: &[ExportCue],
) -> Result<String, String> {
    let mut doc: DocumentMut = match existing {
        Some(text) => text.parse().map_err(|e: toml_edit::TomlError| {
            format!(
                "the {FILE_NAME} there cannot be read ({}); fix it or move it away, then export again",
                e.message().trim_end()
            )
        })?,
        None => DocumentMut::new(),
    };
    if existing.is_none() {
        doc.decor_mut().set_prefix(
            "# Where each cue plays in its production. Format: docs/cues.md of Leitmotif.\n",
        );
    }
    let production = doc
        .entry("production")
        .or_insert(Item::Table(Table::new()))
        .as_table_mut()
        .ok_or_else(|| format!("[production] in {FILE_NAME} is not a table; fix it first"))?;
    production["title"] = value(title);
    if medium != Medium::Unknown {
        production["medium"] = value(medium.as_str());
    }
    if let Some(runtime) = runtime {
        production["runtime"] = value(time::format_exact(runtime));
    }
    let entries = doc
        .entry("cue")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or_else(|| {
            format!("cue in {FILE_NAME} is not a list of [[cue]] tables; fix it first")
        })?;
    for cue in cues {
        let found = entries.iter_mut().find(|t| {
            t.get("file").and_then(Item::as_str) == Some(cue.file.as_str())
                || (t.get("file").is_none()
                    && cue.code.is_some()
                    && t.get("code")
                        .and_then(Item::as_str)
                        .and_then(CueCode::parse_any)
                        == cue.code)
        });
        let table = if let Some(table) = found {
            table
        } else {
            entries.push(Table::new());
            let last = entries.len() - 1;
            entries
                .get_mut(last)
                .ok_or_else(|| "the new cue could not be added".to_string())?
        };
        table["file"] = value(cue.file.as_str());
        let mut set = |key: &str, text: Option<String>| {
            if let Some(text) = text {
                table[key] = value(text);
            }
        };
        set("title", cue.title.clone());
        set("code", cue.code.map(|c| c.to_string()));
        set("start", cue.start.map(time::format_exact));
        set("duration", cue.length.map(time::format_exact));
        set("scene", cue.scene.clone());
        set("use", cue.cue_use.map(|u| u.as_str().to_string()));
        set("vocal", cue.vocal.map(|v| v.as_str().to_string()));
        set("episode", cue.episode.map(|e| e.to_string()));
    }
    Ok(doc.to_string())
}

/// Writes `text` to `path`, first keeping any file already there as
/// `cues.toml.1.bak` (or the next free number), then replacing it atomically.
/// Returns the backup's path when one was made.
pub fn write_with_backup(path: &Path, text: &str) -> Result<Option<PathBuf>, String> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(
        || FILE_NAME.to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut backup = None;
    if path.exists() {
        let free = (1..1000)
            .map(|n| folder.join(format!("{name}.{n}.bak")))
            .find(|p| !p.exists())
            .ok_or_else(|| format!("{} has 999 backups already; remove some", path.display()))?;
        std::fs::copy(path, &free)
            .map_err(|e| format!("cannot keep a backup of {}: {e}", path.display()))?;
        backup = Some(free);
    }
    crate::files::write_atomically(path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(backup)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"# Written by hand
[production]
title = "Arrival Point"
medium = "film"
runtime = "01:52:00"
studio = "Kept Pictures"   # not a Leitmotif field

[[cue]]
file = "Score/01 1M1 Landing.flac"
code = "1M1"
start = "00:02:10"
duration = "PT2M5S"
scene = "The ship breaks through the clouds."
use = "background"
vocal = "instrumental"
mood = "awe"

[[cue]]
code = "6m02"
start = "1:12:30"
episode = "S01E03"
"#;

    #[test]
    fn reads_every_field() {
        let s = parse(Path::new("/m/Arrival/cues.toml"), EXAMPLE);
        assert_eq!(s.warnings, Vec::<String>::new());
        assert_eq!(s.title.as_deref(), Some("Arrival Point"));
        assert_eq!(s.medium, Some(Medium::Film));
        assert_eq!(s.runtime, Some(Duration::from_secs(6720)));
        assert_eq!(s.cues.len(), 2);
        let first = &s.cues[0];
        assert_eq!(first.line, 8);
        assert_eq!(
            first.file.as_deref(),
            Some(Path::new("/m/Arrival/Score/01 1M1 Landing.flac"))
        );
        assert_eq!(first.code.map(|c| c.to_string()), Some("1M1".into()));
        assert_eq!(first.start, Some(Duration::from_secs(130)));
        assert_eq!(first.length, Some(Duration::from_secs(125)));
        assert_eq!(first.cue_use, Some(CueUse::Background));
        assert_eq!(first.vocal, Some(Vocal::Instrumental));
        assert_eq!(
            s.cues[1].code.map(|c| c.describe()),
            Some("Reel 6, cue 2".into())
        );
        assert_eq!(
            s.cues[1].episode.map(|e| e.to_string()),
            Some("S01E03".into())
        );
    }

    #[test]
    fn bad_values_name_their_line_and_the_rest_is_used() {
        let text =
            "[[cue]]\ncode = \"1M1\"\nstart = \"1:2x\"\nuse = \"loud\"\n\n[[cue]]\nscene = 5\n";
        let s = parse(Path::new("/m/cues.toml"), text);
        assert_eq!(s.cues.len(), 2);
        assert_eq!(s.cues[0].code.map(|c| c.reel), Some(1));
        assert_eq!(s.cues[0].start, None);
        let all = s.warnings.join("\n");
        assert!(
            all.contains("line 3: start: \"1:2x\" is not a time"),
            "{all}"
        );
        assert!(all.contains("line 4: use \"loud\""), "{all}");
        assert!(all.contains("line 7: scene should be text"), "{all}");
        assert!(all.contains("line 6: this cue names no track"), "{all}");
    }

    #[test]
    fn broken_toml_is_reported_not_fatal() {
        let s = parse(
            Path::new("/m/cues.toml"),
            "[production]\ntitle = \"x\n[[cue]]\n",
        );
        assert!(s.cues.is_empty());
        assert!(s.warnings[0].starts_with("line 2:"), "{:?}", s.warnings);
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let folder = Path::new("/m/Film");
        assert_eq!(
            inside(folder, "a/b.flac"),
            Some(PathBuf::from("/m/Film/a/b.flac"))
        );
        assert_eq!(
            inside(folder, "./a/../b.flac"),
            Some(PathBuf::from("/m/Film/b.flac"))
        );
        for bad in ["../other/x.flac", "/etc/passwd", "a/../../x.flac", "", "."] {
            assert_eq!(inside(folder, bad), None, "{bad}");
        }
        let s = parse(
            folder.join(FILE_NAME).as_path(),
            "[[cue]]\nfile = \"../../x.flac\"\n",
        );
        assert_eq!(s.cues[0].file, None);
        assert!(
            s.warnings[0].contains("line 2: file \"../../x.flac\" points outside"),
            "{:?}",
            s.warnings
        );
    }

    #[test]
    fn export_round_trips_and_keeps_what_it_does_not_know() {
        let cue = ExportCue {
            file: "Score/01 1M1 Landing.flac".into(),
            title: Some("Landing".into()),
            code: CueCode::parse("1M1"),
            start: Some(Duration::from_millis(131_500)),
            scene: Some("Touchdown, \"at last\".".into()),
            cue_use: Some(CueUse::Featured),
            ..ExportCue::default()
        };
        let new_cue = ExportCue {
            file: "Score/02 1M2 Signal.flac".into(),
            code: CueCode::parse("1M2"),
            episode: Episode::parse("1x03"),
            ..ExportCue::default()
        };
        let text = export_text(
            Some(EXAMPLE),
            "Arrival Point",
            Medium::Film,
            None,
            &[cue.clone(), new_cue],
        )
        .expect("export");
        // What it did not know stays, comments included.
        assert!(text.contains("# Written by hand"), "{text}");
        assert!(text.contains("studio = \"Kept Pictures\""), "{text}");
        assert!(text.contains("mood = \"awe\""), "{text}");
        assert!(text.contains("episode = \"S01E03\""), "{text}");
        let back = parse(Path::new("/m/Arrival/cues.toml"), &text);
        assert_eq!(back.warnings, Vec::<String>::new());
        assert_eq!(back.cues.len(), 3, "{text}");
        let first = &back.cues[0];
        assert_eq!(first.start, cue.start);
        assert_eq!(first.scene, cue.scene);
        assert_eq!(first.cue_use, Some(CueUse::Featured));
        assert_eq!(
            first.length,
            Some(Duration::from_secs(125)),
            "kept from the file"
        );
        assert_eq!(
            back.cues[2].file.as_deref(),
            Some(Path::new("/m/Arrival/Score/02 1M2 Signal.flac"))
        );
        assert_eq!(back.runtime, Some(Duration::from_secs(6720)));

        let fresh = export_text(None, "Lanternfall", Medium::Game, None, &[cue]).expect("fresh");
        let back = parse(Path::new("/g/cues.toml"), &fresh);
        assert_eq!(back.title.as_deref(), Some("Lanternfall"));
        assert_eq!(back.medium, Some(Medium::Game));
        assert_eq!(back.cues.len(), 1);
        assert!(export_text(Some("cue = 3"), "x", Medium::Film, None, &[]).is_err());
    }

    #[test]
    fn writing_keeps_a_backup_of_what_it_replaces() {
        let dir = std::env::temp_dir().join(format!("leitmotif-sidecar-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join(FILE_NAME);
        assert_eq!(write_with_backup(&path, "one").expect("first"), None);
        let backup = write_with_backup(&path, "two").expect("second");
        assert_eq!(
            backup.as_deref(),
            Some(dir.join("cues.toml.1.bak").as_path())
        );
        let backup = write_with_backup(&path, "three").expect("third");
        assert_eq!(
            backup.as_deref(),
            Some(dir.join("cues.toml.2.bak").as_path())
        );
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("three")
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("cues.toml.1.bak"))
                .ok()
                .as_deref(),
            Some("one")
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("cues.toml.2.bak"))
                .ok()
                .as_deref(),
            Some("two")
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn oversized_files_are_not_read() {
        let dir =
            std::env::temp_dir().join(format!("leitmotif-sidecar-big-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, vec![b'#'; MAX_BYTES as usize + 1]).expect("write");
        assert!(
            read_text(&path)
                .err()
                .is_some_and(|e| e.contains("too large"))
        );
        std::fs::write(&path, [0xff, 0xfe, 0x00]).expect("write");
        assert!(read_text(&path).err().is_some_and(|e| e.contains("UTF-8")));
        let _ = std::fs::remove_dir_all(dir);
    }
}
