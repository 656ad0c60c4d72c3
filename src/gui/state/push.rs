//! Pushing into the window: what the player, MPRIS and later launches send
//! on their channels reaches the window as messages the moment it is sent,
//! so nothing polls on a timer and an idle window sleeps.

use iced::futures::Stream;

use crate::playback::Event;

/// What `receiver` receives, as a stream for `Task::run`: a thread waits on
/// the channel and hands each item over; it ends when the channel closes.
pub fn forward<T: Send + 'static>(
    receiver: std::sync::mpsc::Receiver<T>,
    name: &str,
) -> impl Stream<Item = T> + use<T> {
    forward_kept(receiver, name, |_| true)
}

/// The player's events, with its position reports thinned by [`Thin`].
pub fn player(receiver: std::sync::mpsc::Receiver<Event>) -> impl Stream<Item = Event> {
    let mut thin = Thin::default();
    forward_kept(receiver, "player events", move |event| thin.keep(event))
}

/// Thins the player's position reports (ten a second) to the first of each
/// quarter second of the track. Every message rebuilds and redraws the
/// window; the clock (whole seconds, which start a quarter) and the seek bar
/// need no more, so a playing window draws 4 frames a second, not 10. Any
/// other event (a new track, a pause, a seek's end) lets the next report
/// through at once.
#[derive(Default)]
pub struct Thin {
    shown: Option<u128>,
}

impl Thin {
    /// Whether `event` goes on to the window.
    pub fn keep(&mut self, event: &Event) -> bool {
        if let Event::Position(at) = event {
            let quarter = at.as_millis() / 250;
            let new = self.shown != Some(quarter);
            self.shown = Some(quarter);
            new
        } else {
            self.shown = None;
            true
        }
    }
}

fn forward_kept<T: Send + 'static, K: FnMut(&T) -> bool + Send + 'static>(
    receiver: std::sync::mpsc::Receiver<T>,
    name: &str,
    mut keep: K,
) -> impl Stream<Item = T> + use<T, K> {
    let (tx, rx) = iced::futures::channel::mpsc::unbounded();
    let spawned = std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            for item in receiver {
                if keep(&item) && tx.unbounded_send(item).is_err() {
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        log::error!("cannot start the {name} thread: {e}");
    }
    rx
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn positions_are_thinned_to_one_a_quarter_second_and_a_seek_goes_through() {
        let mut thin = Thin::default();
        let at = |ms: u64| Event::Position(Duration::from_millis(ms));
        let kept: Vec<u64> = (0..20u64)
            .map(|i| i * 100)
            .filter(|&ms| thin.keep(&at(ms)))
            .collect();
        // Ten reports a second, one kept in each quarter, each second's first among them.
        assert_eq!(kept, vec![0, 300, 500, 800, 1000, 1300, 1500, 1800]);
        // A seek back, and forward within the same quarter after a pause.
        assert!(thin.keep(&at(400)));
        assert!(thin.keep(&Event::Paused(true)));
        assert!(
            thin.keep(&at(410)),
            "after another event the next report is shown"
        );
        assert!(!thin.keep(&at(420)));
    }
}
