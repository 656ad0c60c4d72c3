//! The window's state, split by who owns it: the library shown, the
//! transport, browsing, the user's edits, the desktop around the window, and
//! how libraries arrive, the library's servers. Each part changes only through its own messages and
//! tells the window what the others must hear as an event.

pub mod browse;
pub mod covers;
pub mod desktop;
pub mod edits;
pub mod loading;
pub mod loudness;
pub mod lyrics;
pub mod playlists;
pub mod push;
pub mod remember;
pub mod servers;
pub mod shelf;
pub mod shown;
pub mod transport;

/// Runs `work` on a thread of its own, named `name`, and waits for it
/// without blocking the window (`None`: the thread could not run it).
pub async fn on_thread<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (tx, rx) = iced::futures::channel::oneshot::channel();
    let _ = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let _ = tx.send(work());
        });
    rx.await.ok()
}
