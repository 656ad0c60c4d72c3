//! Pushing into the window: what the player, MPRIS and later launches send
//! on their channels reaches the window as messages the moment it is sent,
//! so nothing polls on a timer and an idle window sleeps.

use iced::futures::Stream;

/// What `receiver` receives, as a stream for `Task::run`: a thread waits on
/// the channel and hands each item over; it ends when the channel closes.
pub fn forward<T: Send + 'static>(
    receiver: std::sync::mpsc::Receiver<T>,
    name: &str,
) -> impl Stream<Item = T> + use<T> {
    let (tx, rx) = iced::futures::channel::mpsc::unbounded();
    let spawned = std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            for item in receiver {
                if tx.unbounded_send(item).is_err() {
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        log::error!("cannot start the {name} thread: {e}");
    }
    rx
}
