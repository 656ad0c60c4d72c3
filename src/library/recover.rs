//! Opening the library so that a damaged store never stops Leitmotif: a
//! store that cannot be read (garbage, a newer version) is kept aside, a new
//! one is made and rebuilt from the folders recorded with the user's data; a
//! data folder that cannot be written gives a store in memory for the
//! session. The user's edits and notes live apart and are never touched here.

use std::path::{Path, PathBuf};

use super::store::Store;
use super::user_data::{self, UserData};

/// The library opened, and what the user should be told.
pub struct Opened {
    /// The store to use.
    pub store: Store,
    /// The user's edits and notes.
    pub user: UserData,
    /// What happened, when something went wrong on the way.
    pub notice: Option<String>,
    /// Folders to scan again because the store was made anew.
    pub rebuild: Vec<PathBuf>,
}

/// Opens the store at `path` and the user's data beside it, recovering from
/// a damaged or unwritable store. Fails only when the user's own data cannot
/// be read (it is never overwritten then).
pub fn open(path: &Path) -> Result<Opened, String> {
    let user = UserData::load(&user_data::path_beside(path))?;
    let folders: Vec<PathBuf> = user.folders.iter().map(PathBuf::from).collect();
    let failed = match Store::open(path).and_then(|s| s.check().map(|()| s)) {
        Ok(store) => {
            return Ok(Opened {
                store,
                user,
                notice: None,
                rebuild: Vec::new(),
            });
        }
        Err(e) => e,
    };
    // Busy or out of reach: the file may be a good library, so it stays
    // where it is and this session keeps its library in memory.
    if !failed.is_damaged() && path.exists() {
        let store = Store::in_memory(path)?;
        return Ok(Opened {
            store,
            user,
            notice: Some(format!(
                "Your library cannot be opened now ({failed}). It was left as it is; this \
                 session keeps a library in memory, rebuilt from your folders. Your edits and \
                 notes are kept."
            )),
            rebuild: folders,
        });
    }
    let exists = path.exists();
    let aside = (exists && failed.is_damaged()).then(|| keep_aside(path));
    let (store, notice) = match (aside, Store::open(path)) {
        (None | Some(Ok(_)), Ok(store)) => {
            let notice = match aside_name(path, exists) {
                Some(name) => format!(
                    "Your library file could not be used ({failed}). It was kept as {name}, and \
                     the library is being rebuilt from your folders; your edits and notes are kept."
                ),
                None => format!("A new library was started ({failed})."),
            };
            (store, notice)
        }
        (_, _) => (
            Store::in_memory(path)?,
            format!(
                "Your library cannot be saved in {} ({failed}); it is kept in memory for this \
                 session. Check that the folder can be written to. Your edits and notes are kept.",
                path.parent().unwrap_or(Path::new("/")).display()
            ),
        ),
    };
    let mut store = store;
    // The servers come back from the user's data; their albums on the next refresh.
    for server in &user.servers {
        let _ = store.put_server(&super::remote::RemoteServer {
            key: server.key.clone(),
            url: server.url.clone(),
            user: server.user.clone(),
            auth: server.auth.clone(),
            version: server.version.clone(),
            added: 0,
            refreshed: None,
        });
    }
    Ok(Opened {
        store,
        user,
        notice: Some(notice),
        rebuild: folders,
    })
}

/// The name the damaged file was kept under (found again after the move).
fn aside_name(path: &Path, existed: bool) -> Option<String> {
    if !existed {
        return None;
    }
    let dir = path.parent()?;
    let stem = path.file_name()?.to_string_lossy().into_owned();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with(&format!("{stem}.damaged-"))
                && !n.ends_with("-wal")
                && !n.ends_with("-shm")
        })
        .collect();
    names.sort();
    names.pop()
}

/// Moves the store and its WAL files to `<name>.damaged-<seconds>`.
fn keep_aside(path: &Path) -> Result<PathBuf, String> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let aside = PathBuf::from(format!("{}.damaged-{stamp}", path.display()));
    std::fs::rename(path, &aside)
        .map_err(|e| format!("cannot move {} aside: {e}", path.display()))?;
    for suffix in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        if from.exists() {
            let _ = std::fs::rename(&from, format!("{}{suffix}", aside.display()));
        }
    }
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Category;

    fn scratch(label: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("leitmotif-recover-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }

    #[test]
    fn a_store_locked_by_another_program_is_left_where_it_is() {
        let dir = scratch("locked");
        let path = dir.join("library.sqlite3");
        {
            let mut store = Store::open(&path).expect("store");
            let _ = store
                .scan(&[dir.join("music")], &|_| {})
                .expect("scan an empty folder");
        }
        // Another program holds the file with an exclusive lock.
        let other = rusqlite::Connection::open(&path).expect("other");
        other
            .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
            .expect("lock");
        let opened = open(&path).expect("opens anyway");
        let notice = opened.notice.expect("the user is told");
        assert!(notice.contains("locked by another program"), "{notice}");
        assert!(notice.contains("left as it is"), "{notice}");
        drop(other);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.contains("damaged")),
            "nothing kept aside: {names:?}"
        );
        // Once the other program is done, the library is the one it was.
        let again = open(&path).expect("reopen");
        assert!(again.notice.is_none());
        assert_eq!(again.store.roots().expect("roots"), vec![dir.join("music")]);
    }

    #[test]
    fn garbage_is_kept_aside_and_edits_stay() {
        let dir = scratch("garbage");
        let path = dir.join("library.sqlite3");
        let mut user = UserData::default();
        user.track_mut(Path::new("/m/a.flac")).category = Some(Category::Song);
        let _ = user.remember_folders(&[PathBuf::from("/m")]);
        user.save(&user_data::path_beside(&path)).expect("save");
        std::fs::write(&path, b"this is not a database, just 40 bytes...").expect("write");
        let opened = open(&path).expect("opens anyway");
        let notice = opened.notice.expect("the user is told");
        assert!(notice.contains("library.sqlite3.damaged-"), "{notice}");
        assert_eq!(opened.rebuild, vec![PathBuf::from("/m")]);
        assert_eq!(
            opened
                .user
                .track(Path::new("/m/a.flac"))
                .and_then(|t| t.category),
            Some(Category::Song)
        );
        let kept: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
            .collect();
        assert_eq!(kept.len(), 1, "the bad file is kept, not deleted");
        assert_eq!(
            std::fs::read(kept[0].path()).ok().as_deref(),
            Some(&b"this is not a database, just 40 bytes..."[..])
        );
        // The new store works.
        assert!(open(&path).expect("again").notice.is_none());
        let _ = std::fs::remove_dir_all(dir);
    }
}
