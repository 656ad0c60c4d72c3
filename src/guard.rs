//! One bad file must never cost a user their library: every call into a
//! parser (lofty, symphonia, the CUE and sidecar readers) runs inside
//! [`isolate`], so a panic in it becomes that file's problem with a reason a
//! person can read, and the scan, the load or the player goes on.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// Set while an isolated call runs on this thread.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work`; a panic inside it is caught and its message given back, for
/// the caller to say what crashed on what. Nothing is printed for such a
/// panic: it is reported where the file is.
pub fn isolate<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    quiet_hook();
    let before = ISOLATED.with(|f| f.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    ISOLATED.with(|f| f.set(before));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no reason given".into())
    })
}

/// Installs, once, a panic hook that stays quiet for isolated calls and
/// leaves every other panic to the hook that was there.
fn quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !ISOLATED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_reason_and_the_thread_goes_on() {
        let out = isolate(|| -> u32 { panic!("Channel count is valid") });
        let reason = out.expect_err("caught");
        assert_eq!(reason, "Channel count is valid");
        assert_eq!(isolate(|| 7), Ok(7));
        // Nested calls keep the outer one isolated.
        let outer = isolate(|| {
            let inner = isolate(|| -> () { panic!("inner") });
            assert!(inner.is_err());
            ISOLATED.with(Cell::get)
        });
        assert_eq!(outer, Ok(true));
        assert!(!ISOLATED.with(Cell::get));
    }
}
