//! What the user made: category overrides, production titles and media, scene
//! notes. Kept in a JSON file of its own, apart from the scanned data, so that
//! a rescan, or a damaged store, never loses it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::category::Category;
use super::medium::Medium;

/// The version of the file format this build writes.
pub const VERSION: u32 = 1;

/// The user's own changes to what Leitmotif worked out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserData {
    /// Format version of the file.
    #[serde(default)]
    pub version: u32,
    /// Per track, by its path.
    #[serde(default)]
    pub tracks: BTreeMap<String, TrackEdit>,
    /// Per production, by the title Leitmotif derived for it.
    #[serde(default)]
    pub productions: BTreeMap<String, ProductionEdit>,
    /// The folders (and files) added to the library, also kept here so that a
    /// lost or damaged store can be rebuilt from them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folders: Vec<String>,
    /// The servers added (where, who, how; never a secret), kept here too so
    /// that a library rebuilt after a damaged store still has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<ServerRecord>,
}

/// A server of the library as the user's data remembers it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerRecord {
    /// Its key: `subsonic://user@host:port/base`.
    pub key: String,
    /// Its address.
    pub url: String,
    /// Who logs in.
    pub user: String,
    /// How the secret is sent.
    pub auth: String,
    /// Its API version.
    pub version: String,
}

/// The user's changes to one track.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrackEdit {
    /// Score, song or unknown, as the user says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The scene the cue plays under, in the user's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scene: Option<String>,
    /// Where the cue starts in the production, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
}

/// The user's changes to one production.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductionEdit {
    /// The title to show instead of the derived one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The medium, as the user says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<Medium>,
}

impl UserData {
    /// Reads the file at `path`; a missing file is an empty set of changes.
    pub fn load(path: &Path) -> Result<UserData, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            // No file, or no folder for it: nothing edited yet.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(UserData::default());
            }
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let data: UserData = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} is damaged ({e}); it was left as it is: fix it or move it away",
                path.display()
            )
        })?;
        if data.version > VERSION {
            return Err(format!(
                "{} was written by a newer Leitmotif (format {}); this one reads format {VERSION}",
                path.display(),
                data.version
            ));
        }
        Ok(data)
    }

    /// Writes the file so that a crash at any moment leaves either the old or
    /// the new version whole: a temporary file, flushed to disk, then renamed
    /// over the old one. Returns once the change is on disk.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let mut data = self.clone();
        data.version = VERSION;
        let text = serde_json::to_string_pretty(&data).map_err(|e| e.to_string())?;
        crate::files::write_atomically(path, text.as_bytes())
            .map_err(|e| format!("cannot save {}: {e}", path.display()))
    }

    /// Notes folders added to the library; true when any was new.
    pub fn remember_folders(&mut self, roots: &[PathBuf]) -> bool {
        let mut changed = false;
        for root in roots {
            let root = std::path::absolute(root).unwrap_or_else(|_| root.clone());
            let key = Self::track_key(&root);
            if !self.folders.contains(&key) {
                self.folders.push(key);
                changed = true;
            }
        }
        changed
    }

    /// Notes a server added (or how it is reached now); true when it changed.
    pub fn remember_server(&mut self, server: ServerRecord) -> bool {
        match self.servers.iter_mut().find(|s| s.key == server.key) {
            Some(known) if *known == server => false,
            Some(known) => {
                *known = server;
                true
            }
            None => {
                self.servers.push(server);
                true
            }
        }
    }

    /// Forgets a server; true when it was there.
    pub fn forget_server(&mut self, key: &str) -> bool {
        let before = self.servers.len();
        self.servers.retain(|s| s.key != key);
        self.servers.len() != before
    }

    /// The key for a track: its path as text.
    pub fn track_key(path: &Path) -> String {
        path.to_string_lossy().into_owned()
    }

    /// The user's changes to the track at `path`, if any.
    pub fn track(&self, path: &Path) -> Option<&TrackEdit> {
        if self.tracks.is_empty() {
            return None;
        }
        // Borrowed when the path is UTF-8: no copy per track at load.
        self.tracks.get(path.to_string_lossy().as_ref())
    }

    /// A file (or a folder of them) moved from `from` to `to`: the user's
    /// changes go with it, since tracks are known by their path. An edit
    /// already kept for the new path wins. True when any moved.
    pub fn move_tracks(&mut self, from: &Path, to: &Path) -> bool {
        let moving: Vec<String> = self
            .tracks
            .keys()
            .filter(|k| Path::new(k.as_str()).starts_with(from))
            .cloned()
            .collect();
        let mut moved = false;
        for key in moving {
            let Ok(rest) = Path::new(&key).strip_prefix(from) else {
                continue;
            };
            let new = if rest.as_os_str().is_empty() {
                Self::track_key(to)
            } else {
                Self::track_key(&to.join(rest))
            };
            if self.tracks.contains_key(&new) {
                continue;
            }
            if let Some(edit) = self.tracks.remove(&key) {
                let _ = self.tracks.insert(new, edit);
                moved = true;
            }
        }
        moved
    }

    /// Changes (or creates) the entry for the track at `path`.
    pub fn track_mut(&mut self, path: &Path) -> &mut TrackEdit {
        self.tracks.entry(Self::track_key(path)).or_default()
    }

    /// The user's changes to a production, by its derived title.
    pub fn production(&self, derived_title: &str) -> Option<&ProductionEdit> {
        self.productions
            .get(&super::production::grouping_key(derived_title))
    }

    /// Changes (or creates) the entry for a production, by its derived title.
    pub fn production_mut(&mut self, derived_title: &str) -> &mut ProductionEdit {
        self.productions
            .entry(super::production::grouping_key(derived_title))
            .or_default()
    }
}

/// Where the user's data sits beside a store file: `library.sqlite3` keeps
/// its edits in `library.user.json`.
pub fn path_beside(store: &Path) -> PathBuf {
    let stem = store
        .file_stem()
        .map_or_else(|| "library".into(), |s| s.to_string_lossy().into_owned());
    store.with_file_name(format!("{stem}.user.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_follow_a_file_or_a_folder_that_moved() {
        let mut data = UserData::default();
        data.track_mut(Path::new("/m/A/01.flac")).scene = Some("Opening".into());
        data.track_mut(Path::new("/m/A/02.flac")).category = Some(Category::Song);
        data.track_mut(Path::new("/m/B/01.flac")).scene = Some("Other".into());
        assert!(data.move_tracks(Path::new("/m/A/01.flac"), Path::new("/m/A/1 Opening.flac")));
        assert_eq!(
            data.track(Path::new("/m/A/1 Opening.flac"))
                .and_then(|e| e.scene.as_deref()),
            Some("Opening")
        );
        assert!(data.track(Path::new("/m/A/01.flac")).is_none());
        // A folder renamed: every edit under it goes along; /m/AB is not under /m/A.
        data.track_mut(Path::new("/m/AB/x.flac")).scene = Some("Kept".into());
        assert!(data.move_tracks(Path::new("/m/A"), Path::new("/m/Album")));
        assert!(data.track(Path::new("/m/Album/02.flac")).is_some());
        assert!(data.track(Path::new("/m/AB/x.flac")).is_some());
        // What is kept for the new path already wins.
        assert!(!data.move_tracks(Path::new("/m/B/01.flac"), Path::new("/m/Album/02.flac")));
        assert_eq!(
            data.track(Path::new("/m/Album/02.flac"))
                .and_then(|e| e.category),
            Some(Category::Song)
        );
        assert!(!data.move_tracks(Path::new("/nowhere"), Path::new("/else")));
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = std::env::temp_dir().join(format!("leitmotif-user-{}", std::process::id()));
        let path = dir.join("library.user.json");
        let mut data = UserData::default();
        data.track_mut(Path::new("/m/a.flac")).category = Some(Category::Song);
        data.production_mut("Arrival Point").medium = Some(Medium::Tv);
        data.save(&path).expect("save");
        let back = UserData::load(&path).expect("load");
        assert_eq!(
            back.track(Path::new("/m/a.flac")).and_then(|t| t.category),
            Some(Category::Song)
        );
        assert_eq!(
            back.production("arrival point").and_then(|p| p.medium),
            Some(Medium::Tv)
        );
        let files = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert_eq!(files, 1, "no temporary file left beside it");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn damaged_or_newer_files_are_refused_not_overwritten() {
        let dir = std::env::temp_dir().join(format!("leitmotif-user-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("x.user.json");
        std::fs::write(&path, "{ not json").expect("write");
        assert!(
            UserData::load(&path)
                .err()
                .is_some_and(|e| e.contains("damaged"))
        );
        std::fs::write(&path, r#"{"version": 99}"#).expect("write");
        assert!(
            UserData::load(&path)
                .err()
                .is_some_and(|e| e.contains("newer"))
        );
        assert_eq!(
            path_beside(Path::new("/d/library.sqlite3")),
            PathBuf::from("/d/library.user.json")
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
