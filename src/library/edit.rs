//! One change the user makes, said once and applied in two places: to the
//! user's file (so it lasts) and to the library on screen (so it shows at
//! once), always by the track's path or the production's key, never by a
//! position that a reload can give to another track.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::production::ProductionKey;
use super::user_data::UserData;
use super::{Category, Library, Medium, placement};

/// A change the user makes to what Leitmotif worked out.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The track at `path` is score, song or unknown.
    Category {
        /// The track's file.
        path: PathBuf,
        /// What the user says it is.
        category: Category,
    },
    /// The scene note and start time of the track at `path`.
    Scene {
        /// The track's file.
        path: PathBuf,
        /// The note (an empty one clears what tags or a sidecar said).
        scene: String,
        /// Where the cue starts in the production; `None` clears the user's.
        start: Option<Duration>,
    },
    /// A production's title as the user wants it shown.
    Title {
        /// The production.
        production: ProductionKey,
        /// The new title.
        title: String,
    },
    /// A production's medium.
    Medium {
        /// The production.
        production: ProductionKey,
        /// Film, TV, game...
        medium: Medium,
    },
}

impl Edit {
    /// The track the edit is for, if it is for a track.
    pub fn track(&self) -> Option<&Path> {
        match self {
            Edit::Category { path, .. } | Edit::Scene { path, .. } => Some(path),
            Edit::Title { .. } | Edit::Medium { .. } => None,
        }
    }
}

impl UserData {
    /// Writes the edit into the user's data.
    pub fn record(&mut self, edit: &Edit) {
        match edit {
            Edit::Category { path, category } => self.track_mut(path).category = Some(*category),
            Edit::Scene { path, scene, start } => {
                let note = self.track_mut(path);
                note.scene = Some(scene.trim().to_string());
                note.start_ms = start.map(|s| u64::try_from(s.as_millis()).unwrap_or(u64::MAX));
            }
            Edit::Title { production, title } => {
                self.productions
                    .entry(production.as_str().to_string())
                    .or_default()
                    .title = Some(title.clone());
            }
            Edit::Medium { production, medium } => {
                self.productions
                    .entry(production.as_str().to_string())
                    .or_default()
                    .medium = Some(*medium);
            }
        }
    }

    /// Reads the user's file at `path`, records `edit` in it and writes it
    /// back, so that an edit made elsewhere meanwhile (`leitmotif set-scene`
    /// while the window is open) is kept, not overwritten. Gives what the
    /// file now holds.
    pub fn record_in_file(path: &Path, edit: &Edit) -> Result<UserData, String> {
        UserData::update_file(path, |data| data.record(edit))
    }

    /// Reads the user's file at `path`, changes it with `change` and writes
    /// it back (atomically); gives what the file now holds.
    pub fn update_file(
        path: &Path,
        change: impl FnOnce(&mut UserData),
    ) -> Result<UserData, String> {
        let mut data = UserData::load(path)?;
        change(&mut data);
        data.save(path)?;
        Ok(data)
    }
}

impl Library {
    /// Shows the edit in the library without building it again. Returns
    /// false when the track or production is not in this library.
    pub fn apply_edit(&mut self, edit: &Edit) -> bool {
        match edit {
            Edit::Category { path, category } => {
                let Some(track) = self.tracks.iter_mut().find(|t| t.path == *path) else {
                    return false;
                };
                track.category = *category;
                track.category_from_user = true;
            }
            Edit::Scene { path, scene, start } => {
                let Some(id) = self.tracks.iter().position(|t| t.path == *path) else {
                    return false;
                };
                let placement = &mut self.tracks[id].placement;
                let scene = scene.trim();
                placement.scene = (!scene.is_empty()).then(|| scene.to_string());
                placement.scene_from = Some(placement::Source::You);
                match start {
                    Some(start) => {
                        placement.start = Some(*start);
                        placement.start_from = Some(placement::Source::You);
                    }
                    // The user cleared the start time they had set; one from the
                    // tags or a sidecar comes back at the next load.
                    None if placement.start_from == Some(placement::Source::You) => {
                        placement.start = None;
                        placement.start_from = None;
                    }
                    None => {}
                }
                self.retime(id);
            }
            Edit::Title { production, title } => {
                let Some(index) = self.production_by_key(production) else {
                    return false;
                };
                self.productions[index].title.clone_from(title);
            }
            Edit::Medium { production, medium } => {
                let Some(index) = self.production_by_key(production) else {
                    return false;
                };
                self.productions[index].medium = *medium;
            }
        }
        true
    }

    /// Shows every edit in `user` that this library does not show yet: a
    /// library read while the user was editing was built from older data.
    pub fn apply_user(&mut self, user: &UserData) {
        if !user.tracks.is_empty() {
            let mut moved = Vec::new();
            for (id, track) in self.tracks.iter_mut().enumerate() {
                let Some(edit) = user.track(&track.path) else {
                    continue;
                };
                if let Some(category) = edit.category {
                    track.category = category;
                    track.category_from_user = true;
                }
                if edit.scene.is_some() || edit.start_ms.is_some() {
                    placement::apply_user(&mut track.placement, edit);
                    moved.push(id);
                }
            }
            for id in moved {
                self.retime(id);
            }
        }
        for (key, edit) in &user.productions {
            let production = ProductionKey::from_stored(key);
            if let Some(title) = &edit.title {
                let _ = self.apply_edit(&Edit::Title {
                    production: production.clone(),
                    title: title.clone(),
                });
            }
            if let Some(medium) = edit.medium {
                let _ = self.apply_edit(&Edit::Medium { production, medium });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{FileTags, StoredFile};

    fn library(paths: &[&str]) -> Library {
        let files = paths
            .iter()
            .map(|p| StoredFile {
                path: PathBuf::from(p),
                tags: Box::new(FileTags {
                    album: Some("Harbor (Original Score)".into()),
                    title: Some(format!("1M{} Cue", p.len() % 9)),
                    ..FileTags::default()
                }),
                added: 0,
                image: None,
            })
            .collect();
        Library::build(files, Vec::new(), &[], &UserData::default())
    }

    #[test]
    fn an_edit_lands_on_its_path_whatever_the_order() {
        let first = library(&["/m/b.flac", "/m/c.flac"]);
        let mut second = library(&["/m/a.flac", "/m/b.flac", "/m/c.flac"]);
        let edit = Edit::Category {
            path: "/m/c.flac".into(),
            category: Category::Song,
        };
        let mut shown = first.clone();
        assert!(shown.apply_edit(&edit));
        assert!(second.apply_edit(&edit));
        for lib in [&shown, &second] {
            for t in &lib.tracks {
                let want = if t.path.ends_with("c.flac") {
                    Category::Song
                } else {
                    Category::Score
                };
                assert_eq!(t.category, want, "{}", t.path.display());
            }
        }
        assert!(!second.apply_edit(&Edit::Category {
            path: "/m/gone.flac".into(),
            category: Category::Song
        }));
    }

    #[test]
    fn a_library_read_before_an_edit_is_brought_up_to_it() {
        let mut user = UserData::default();
        let key = ProductionKey::of_title("Harbor");
        user.record(&Edit::Scene {
            path: "/m/b.flac".into(),
            scene: "The pier at night".into(),
            start: Some(Duration::from_secs(75)),
        });
        user.record(&Edit::Title {
            production: key.clone(),
            title: "Harbor Lights".into(),
        });
        let mut lib = library(&["/m/a.flac", "/m/b.flac"]);
        lib.apply_user(&user);
        let built = Library::build(
            lib.tracks
                .iter()
                .map(|t| StoredFile {
                    path: t.path.clone(),
                    tags: t.tags.clone(),
                    added: 0,
                    image: None,
                })
                .collect(),
            Vec::new(),
            &[],
            &user,
        );
        assert_eq!(
            lib, built,
            "applying the edits after equals building with them"
        );
        let b = lib.tracks.iter().find(|t| t.path.ends_with("b.flac"));
        assert_eq!(
            b.and_then(|t| t.placement.scene.as_deref()),
            Some("The pier at night")
        );
        assert_eq!(lib.productions[0].title, "Harbor Lights");
        assert_eq!(lib.production_by_key(&key), Some(0));
    }

    #[test]
    fn recording_in_the_file_keeps_what_another_writer_saved() {
        let dir = std::env::temp_dir().join(format!("leitmotif-edit-{}", std::process::id()));
        let path = dir.join("library.user.json");
        let mut other = UserData::default();
        other.record(&Edit::Category {
            path: "/m/a.flac".into(),
            category: Category::Song,
        });
        other.save(&path).expect("save");
        let now = UserData::record_in_file(
            &path,
            &Edit::Category {
                path: "/m/b.flac".into(),
                category: Category::Score,
            },
        )
        .expect("record");
        for (p, c) in [
            ("/m/a.flac", Category::Song),
            ("/m/b.flac", Category::Score),
        ] {
            assert_eq!(now.track(Path::new(p)).and_then(|t| t.category), Some(c));
        }
        assert_eq!(UserData::load(&path).expect("load"), now);
        let _ = std::fs::remove_dir_all(dir);
    }
}
