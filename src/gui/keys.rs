//! The keyboard, from one table: what [`shortcut`] does with a key, what
//! the `?` overlay lists and what the README's keyboard table must say all
//! come from [`SHORTCUTS`], so they cannot drift apart.

use iced::keyboard::{self, Key, key};

use super::message::{BrowseMessage, LibraryMessage, Message, PlaylistMessage, TransportMessage};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// A character (read with Shift applied: Shift+/ is "?").
    Char(&'static str),
    /// A named key.
    Named(key::Named),
    /// A named key with Shift held.
    Shifted(key::Named),
    /// A character with Ctrl held (and not Shift).
    Ctrl(&'static str),
    /// A character with Ctrl and Shift held.
    CtrlShift(&'static str),
}

/// One shortcut: the keys as the overlay and the README write them, what it
/// does, the presses that trigger it and the message they send (none: the
/// key is handled by a widget, as Enter in the search field is).
pub struct Shortcut {
    /// "Shift + Right / Left".
    pub keys: &'static str,
    /// "seek 30 s".
    pub what: &'static str,
    /// The presses and the message each sends.
    pub presses: &'static [Binding],
}

/// A press and the message it sends.
pub type Binding = (Press, fn() -> Message);

fn transport(m: TransportMessage) -> Message {
    Message::Transport(m)
}

fn browse(m: BrowseMessage) -> Message {
    Message::Browse(m)
}

/// Every shortcut, in the order the overlay and the README list them.
pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut {
        keys: "Space",
        what: "play / pause (with nothing playing: the first production's score)",
        presses: &[(Press::Named(key::Named::Space), || {
            transport(TransportMessage::TogglePlayback)
        })],
    },
    Shortcut {
        keys: "Right / Left",
        what: "seek 5 s forwards / backwards",
        presses: &[
            (Press::Named(key::Named::ArrowRight), || {
                transport(TransportMessage::SeekBy(5))
            }),
            (Press::Named(key::Named::ArrowLeft), || {
                transport(TransportMessage::SeekBy(-5))
            }),
        ],
    },
    Shortcut {
        keys: "Shift + Right / Left",
        what: "seek 30 s",
        presses: &[
            (Press::Shifted(key::Named::ArrowRight), || {
                transport(TransportMessage::SeekBy(30))
            }),
            (Press::Shifted(key::Named::ArrowLeft), || {
                transport(TransportMessage::SeekBy(-30))
            }),
        ],
    },
    Shortcut {
        keys: "N",
        what: "next track",
        presses: &[(Press::Char("n"), || transport(TransportMessage::Next))],
    },
    Shortcut {
        keys: "P",
        what: "previous track (restarts the track after 3 s of it)",
        presses: &[(Press::Char("p"), || transport(TransportMessage::Previous))],
    },
    Shortcut {
        keys: "Up / Down",
        what: "volume up / down",
        presses: &[
            (Press::Named(key::Named::ArrowUp), || {
                transport(TransportMessage::VolumeStep(0.05))
            }),
            (Press::Named(key::Named::ArrowDown), || {
                transport(TransportMessage::VolumeStep(-0.05))
            }),
        ],
    },
    Shortcut {
        keys: "M",
        what: "mute / unmute",
        presses: &[(Press::Char("m"), || transport(TransportMessage::ToggleMute))],
    },
    Shortcut {
        keys: "S",
        what: "shuffle on / off",
        presses: &[(Press::Char("s"), || {
            transport(TransportMessage::ToggleShuffle)
        })],
    },
    Shortcut {
        keys: "R",
        what: "repeat: off, all, one",
        presses: &[(Press::Char("r"), || {
            transport(TransportMessage::CycleRepeat)
        })],
    },
    Shortcut {
        keys: "/ or Ctrl+F",
        what: "search",
        presses: &[
            (Press::Char("/"), || browse(BrowseMessage::FocusSearch)),
            (Press::Ctrl("f"), || browse(BrowseMessage::FocusSearch)),
        ],
    },
    Shortcut {
        keys: "Enter",
        what: "in the search field: play the first match",
        presses: &[],
    },
    Shortcut {
        keys: "Ctrl+O",
        what: "open a playlist (M3U, M3U8, PLS, XSPF) or music files",
        presses: &[(Press::Ctrl("o"), || {
            Message::Playlist(PlaylistMessage::Pick)
        })],
    },
    Shortcut {
        keys: "Ctrl+Shift+O",
        what: "add a folder to the library",
        presses: &[(Press::CtrlShift("o"), || {
            Message::Library(LibraryMessage::AddFolder)
        })],
    },
    Shortcut {
        keys: "Esc",
        what: "close the shortcuts list, go back to the library, clear the search",
        presses: &[(Press::Named(key::Named::Escape), || {
            browse(BrowseMessage::Escape)
        })],
    },
    Shortcut {
        keys: "?",
        what: "show or hide the list of shortcuts",
        presses: &[(Press::Char("?"), || browse(BrowseMessage::ToggleHelp))],
    },
];

/// The keyboard map: keys no widget used become messages.
pub fn shortcut(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed {
        key,
        modified_key,
        modifiers,
        ..
    } = event
    else {
        return None;
    };
    let pressed = |press: &Press| match press {
        Press::Ctrl(c) => {
            modifiers.control()
                && !modifiers.shift()
                && matches!(key.as_ref(), Key::Character(k) if k.eq_ignore_ascii_case(c))
        }
        Press::CtrlShift(c) => {
            modifiers.control()
                && modifiers.shift()
                && matches!(key.as_ref(), Key::Character(k) if k.eq_ignore_ascii_case(c))
        }
        _ if modifiers.control() => false,
        // Characters are read with Shift applied (Shift+/ is "?").
        Press::Char(c) => {
            matches!(modified_key.as_ref(), Key::Character(k) if k.to_lowercase() == *c)
        }
        Press::Named(n) => key.as_ref() == Key::Named(*n),
        Press::Shifted(n) => modifiers.shift() && key.as_ref() == Key::Named(*n),
    };
    // The presses with a modifier first: Shift+Right is not Right.
    let all = || SHORTCUTS.iter().flat_map(|s| s.presses.iter());
    let modified =
        |p: &Press| matches!(p, Press::Shifted(_) | Press::Ctrl(_) | Press::CtrlShift(_));
    all()
        .filter(|(p, _)| modified(p))
        .chain(all().filter(|(p, _)| !modified(p)))
        .find(|(press, _)| pressed(press))
        .map(|(_, message)| message())
}
