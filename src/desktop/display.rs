//! Whether the window can open at all, asked before iced is: iced_winit 0.14
//! panics ("Create event loop: ... XOpenDisplayFailed") when `DISPLAY` names
//! an X server that is not there, with a backtrace that tells a user nothing.
//!
//! The X server is asked directly (x11rb, already built for winit); a
//! Wayland session is left to winit, and any failure of its event loop is
//! caught by [`open_window`] and said in words.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// The window system winit will use, chosen as winit 0.30 chooses it:
/// Wayland first when `WAYLAND_DISPLAY` (or `WAYLAND_SOCKET`) is set, else X11.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// A Wayland compositor, named by the variable's value.
    Wayland(String),
    /// An X server, named by `DISPLAY`.
    X11(String),
    /// Neither variable is set.
    None,
}

impl Session {
    /// The session this process's environment points at.
    pub fn from_env() -> Session {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(wayland) = var("WAYLAND_DISPLAY").or_else(|| var("WAYLAND_SOCKET")) {
            Session::Wayland(wayland)
        } else if let Some(display) = var("DISPLAY") {
            Session::X11(display)
        } else {
            Session::None
        }
    }
}

/// What to try instead, said after every failure to open the window.
const INSTEAD: &str = "To play music without a window: leitmotif play PATH...";

/// Checks that the window has somewhere to open; the error says what is
/// wrong and what to do. An X display is opened and closed again (about a
/// millisecond); a Wayland one is left to winit.
pub fn check() -> Result<Session, String> {
    let session = Session::from_env();
    match &session {
        Session::None => Err(format!(
            "there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are \
             unset). Start Leitmotif from a desktop session, or under Xvfb. {INSTEAD}"
        )),
        Session::X11(display) => match x11rb::connect(None) {
            Ok(_connection) => Ok(session),
            Err(e) => Err(cannot_open_x(display, &e.to_string())),
        },
        Session::Wayland(_) => Ok(session),
    }
}

fn cannot_open_x(display: &str, reason: &str) -> String {
    format!(
        "cannot open the X display DISPLAY={display} ({reason}). Is the X server running, \
         and are you allowed to use it? From a terminal of your desktop session DISPLAY is \
         set for you; over SSH, connect with ssh -X; without a desktop, run it under \
         xvfb-run. {INSTEAD}"
    )
}

/// Runs `window` (iced's `run`), turning the panic iced_winit raises when
/// its event loop cannot be made into an error that says why. Every other
/// panic is printed as before and goes on unwinding.
pub fn open_window<T>(window: impl FnOnce() -> T) -> Result<T, String> {
    quiet_for_event_loop();
    match catch_unwind(AssertUnwindSafe(window)) {
        Ok(value) => Ok(value),
        Err(payload) => {
            let message = panic_message(payload.as_ref());
            if is_event_loop_failure(&message) {
                Err(explain_event_loop(&message, &Session::from_env()))
            } else {
                std::panic::resume_unwind(payload)
            }
        }
    }
}

/// iced_winit's words when winit refuses the event loop.
const EVENT_LOOP: &str = "Create event loop";

fn is_event_loop_failure(message: &str) -> bool {
    message.starts_with(EVENT_LOOP)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// A sentence for winit's error, which iced prints as a `Debug` dump.
fn explain_event_loop(message: &str, session: &Session) -> String {
    if message.contains("LibraryOpenError") || message.contains("NotFound") {
        return format!(
            "the window system's libraries could not be loaded ({}). On Debian or Ubuntu: \
             sudo apt-get install libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 \
             libxkbcommon-x11-0 libwayland-client0. {INSTEAD}",
            short(message)
        );
    }
    match session {
        Session::Wayland(name) => format!(
            "cannot reach the Wayland compositor WAYLAND_DISPLAY={name} ({}). Is your \
             desktop session running? To use X11 instead, start it with \
             WAYLAND_DISPLAY= (empty) and DISPLAY set. {INSTEAD}",
            short(message)
        ),
        Session::X11(display) => cannot_open_x(display, short(message)),
        Session::None => format!("cannot open the window ({}). {INSTEAD}", short(message)),
    }
}

/// The innermost part of winit's error (`XOpenDisplayFailed`,
/// `Connection(NoCompositor)`), without the source file and line.
fn short(message: &str) -> &str {
    let inner = message
        .rfind("error: ")
        .map_or(message, |i| &message[i + "error: ".len()..]);
    let inner = inner.trim_end();
    inner.strip_suffix("})").unwrap_or(inner).trim()
}

/// A panic hook, installed once, that stays quiet for the event loop's
/// failure (it is said in words by [`open_window`]) and leaves every other
/// panic to the hook that was there.
fn quiet_for_event_loop() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = panic_message(info.payload());
            let from_iced = info
                .location()
                .is_some_and(|l| l.file().contains("iced_winit"));
            if !(from_iced && is_event_loop_failure(&message)) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winit_errors_become_sentences() {
        let x = "Create event loop: Os(OsError { line: 787, file: \"src/platform_impl/linux/mod.rs\", \
                 error: XNotSupported(XOpenDisplayFailed) })";
        let said = explain_event_loop(x, &Session::X11(":9".into()));
        assert!(said.contains("DISPLAY=:9"), "{said}");
        assert!(
            said.contains("(XNotSupported(XOpenDisplayFailed))."),
            "{said}"
        );
        assert!(!said.contains("mod.rs"), "{said}");
        assert!(said.contains("leitmotif play"), "{said}");
        let wayland = "Create event loop: Os(OsError { line: 1, file: \"x\", \
                       error: WaylandError(Connection(NoCompositor)) })";
        let said = explain_event_loop(wayland, &Session::Wayland("wayland-7".into()));
        assert!(said.contains("WAYLAND_DISPLAY=wayland-7"), "{said}");
        assert!(said.contains("NoCompositor"), "{said}");
        let libs = "Create event loop: Os(OsError { error: XNotSupported(LibraryOpenError(..)) })";
        assert!(explain_event_loop(libs, &Session::X11(":0".into())).contains("apt-get install"));
    }

    #[test]
    fn only_the_event_loop_panic_is_turned_into_an_error() {
        let caught = open_window(|| -> u8 { std::panic::panic_any("Create event loop: Os(..)") });
        assert!(caught.is_err());
        assert_eq!(open_window(|| 3), Ok(3));
        let other = catch_unwind(|| open_window(|| -> u8 { panic!("something else") }));
        assert!(other.is_err(), "other panics go on unwinding");
    }
}
