//! Live folders in the window: once a library of the user's own is shown,
//! its folders are followed (`library::watch`); each pass that changed the
//! store reloads the library, and what cannot be followed is said.

use iced::Task;

use super::App;
use super::message::{LibraryMessage, Message};
use super::state::{loading, push};
use crate::library::watch::{Change, Follow};

impl App {
    /// Follows `folders` of the store, unless they are followed already.
    pub(super) fn follow_folders(&mut self, folders: &[std::path::PathBuf]) -> Task<Message> {
        if folders.is_empty() || self.follow.as_ref().is_some_and(|f| f.roots() == folders) {
            return Task::none();
        }
        // The old watches go before the new ones are made.
        self.follow = None;
        let Some(store) = crate::library::Store::default_path() else {
            return Task::none();
        };
        match Follow::start(store, folders.to_vec()) {
            Ok((follow, changes)) => {
                // Said on stderr: tests (and people) can tell when changes are seen.
                eprintln!(
                    "leitmotif: following {} library folder(s) for changes",
                    folders.len()
                );
                self.follow = Some(follow);
                Task::run(push::forward(changes, "live folder changes"), |c| {
                    Message::Library(LibraryMessage::Followed(c))
                })
            }
            Err(e) => {
                self.notice = Some(e);
                Task::none()
            }
        }
    }

    /// A pass over the folders reached the store: the library is read again.
    pub(super) fn folders_changed(&mut self, change: Change) -> Task<Message> {
        match change {
            Change::Stored {
                roots,
                report,
                moved,
                ..
            } => {
                // Files renamed or moved keep what the user said of them.
                if let Some(e) = self.edits.moved(&moved) {
                    self.notice = Some(e);
                }
                eprintln!(
                    "leitmotif: live folders: {} read, {} removed under {}",
                    report.parsed,
                    report.removed,
                    roots
                        .iter()
                        .map(|r| r.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                match crate::library::Store::default_path() {
                    Some(path) => loading::reload(path),
                    None => Task::none(),
                }
            }
            Change::Notice(text) => {
                self.notice = Some(text);
                Task::none()
            }
        }
    }
}

/// What to tell the user of folders that are not there: their tracks are kept.
pub fn offline_notice(offline: &[std::path::PathBuf]) -> Option<String> {
    let names: Vec<String> = offline.iter().map(|p| p.display().to_string()).collect();
    match names.len() {
        0 => None,
        1 => Some(format!(
            "{} is not there (an unplugged disk?): its tracks are kept, and play again when it is back.",
            names[0]
        )),
        _ => Some(format!(
            "{} folders are not there (unplugged disks?): {}. Their tracks are kept, and play again when they are back.",
            names.len(),
            names.join(", ")
        )),
    }
}
