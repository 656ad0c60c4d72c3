//! The play queue: what plays now, what comes next, shuffle and repeat.
//! Pure logic, no audio: the player service drives it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// How the queue repeats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repeat {
    /// Stop after the last track.
    #[default]
    Off,
    /// Start again from the first track.
    All,
    /// Play the current track again and again.
    One,
}

impl Repeat {
    /// The next mode in the cycle Off, All, One.
    #[must_use]
    pub fn cycle(self) -> Repeat {
        match self {
            Repeat::Off => Repeat::All,
            Repeat::All => Repeat::One,
            Repeat::One => Repeat::Off,
        }
    }
}

/// The list of files to play and where playback is in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    items: Vec<PathBuf>,
    /// Play order as indices into `items`: identity, or shuffled.
    order: Vec<usize>,
    /// Position in `order` of the current track.
    position: Option<usize>,
    repeat: Repeat,
    shuffle: bool,
    seed: u64,
}

impl Queue {
    /// A queue of `items` positioned on `start`.
    pub fn new(items: Vec<PathBuf>, start: usize) -> Queue {
        let mut q = Queue {
            order: (0..items.len()).collect(),
            position: (start < items.len()).then_some(start),
            items,
            seed: 0x9e37_79b9_7f4a_7c15,
            ..Queue::default()
        };
        q.seed ^= std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        q
    }

    /// Replaces the items, keeping the shuffle and repeat settings.
    pub fn replace(&mut self, items: Vec<PathBuf>, start: usize) {
        let (repeat, shuffle) = (self.repeat, self.shuffle);
        let seed = self.seed;
        *self = Queue::new(items, start);
        self.seed = seed;
        self.repeat = repeat;
        if shuffle {
            self.set_shuffle(true);
        }
    }

    /// Every item in play order.
    pub fn items(&self) -> impl Iterator<Item = &PathBuf> {
        self.order.iter().filter_map(|&i| self.items.get(i))
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is nothing to play.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The position of the current item in play order.
    pub fn position(&self) -> Option<usize> {
        self.position
    }

    /// The current item.
    pub fn current(&self) -> Option<&PathBuf> {
        self.position.and_then(|p| self.at(p))
    }

    fn at(&self, position: usize) -> Option<&PathBuf> {
        self.order.get(position).and_then(|&i| self.items.get(i))
    }

    /// The repeat mode.
    pub fn repeat(&self) -> Repeat {
        self.repeat
    }

    /// Sets the repeat mode.
    pub fn set_repeat(&mut self, repeat: Repeat) {
        self.repeat = repeat;
    }

    /// Whether shuffle is on.
    pub fn shuffle(&self) -> bool {
        self.shuffle
    }

    /// Turns shuffle on (the current item stays current, the rest is mixed, each
    /// played once before any repeats) or off (back to list order).
    pub fn set_shuffle(&mut self, on: bool) {
        let current = self.position.and_then(|p| self.order.get(p).copied());
        self.shuffle = on;
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        if on {
            if let Some(c) = current {
                order.retain(|&i| i != c);
                self.mix(&mut order);
                order.insert(0, c);
            } else {
                self.mix(&mut order);
            }
        }
        self.order = order;
        self.position = current.and_then(|c| self.order.iter().position(|&i| i == c));
    }

    /// Restores the shuffle flag without mixing: the items are already in the
    /// order they were played in.
    pub fn mark_shuffled(&mut self, on: bool) {
        self.shuffle = on;
    }

    /// Fisher-Yates with a small xorshift generator: no need for a crate.
    fn mix(&mut self, order: &mut [usize]) {
        for i in (1..order.len()).rev() {
            self.seed ^= self.seed << 13;
            self.seed ^= self.seed >> 7;
            self.seed ^= self.seed << 17;
            let j = (self.seed % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
    }

    /// The position that follows when the current track ends by itself.
    pub fn after_end(&self) -> Option<usize> {
        self.following(self.position?, true)
    }

    /// The position that Next goes to (Repeat One does not hold Next back).
    pub fn after_skip(&self) -> Option<usize> {
        self.following(self.position?, false)
    }

    /// The position after `position`: when a track ends `by_itself`, Repeat One
    /// plays it again; otherwise the list moves on, wrapping under Repeat All.
    pub fn following(&self, position: usize, by_itself: bool) -> Option<usize> {
        if by_itself && self.repeat == Repeat::One {
            Some(position)
        } else if position + 1 < self.order.len() {
            Some(position + 1)
        } else if self.repeat != Repeat::Off && !self.order.is_empty() {
            Some(0)
        } else {
            None
        }
    }

    /// The position that Previous goes to.
    pub fn before(&self) -> Option<usize> {
        let p = self.position?;
        if p > 0 {
            Some(p - 1)
        } else if self.repeat == Repeat::All && !self.order.is_empty() {
            Some(self.order.len() - 1)
        } else {
            None
        }
    }

    /// Moves to `position` and returns the item there.
    pub fn go_to(&mut self, position: usize) -> Option<&PathBuf> {
        if position < self.order.len() {
            self.position = Some(position);
            self.at(position)
        } else {
            None
        }
    }

    /// The item at a play-order position.
    pub fn item_at(&self, position: usize) -> Option<&PathBuf> {
        self.at(position)
    }

    /// Adds an item at the end.
    pub fn push(&mut self, item: PathBuf) {
        self.items.push(item);
        self.order.push(self.items.len() - 1);
    }

    /// Adds an item right after the current one.
    pub fn insert_next(&mut self, item: PathBuf) {
        self.items.push(item);
        let at = self.position.map_or(0, |p| p + 1).min(self.order.len());
        self.order.insert(at, self.items.len() - 1);
    }

    /// Removes the item at a play-order position. Returns whether it was the
    /// current one; then the item after it (if any) becomes current.
    pub fn remove(&mut self, position: usize) -> bool {
        let Some(&item) = self.order.get(position) else {
            return false;
        };
        let _ = self.order.remove(position);
        let _ = self.items.remove(item);
        for i in &mut self.order {
            if *i > item {
                *i -= 1;
            }
        }
        let was_current = self.position == Some(position);
        self.position = match self.position {
            Some(p) if p > position => Some(p - 1),
            Some(p) if p == position => (p < self.order.len()).then_some(p),
            other => other,
        };
        was_current
    }

    /// Moves an item from one play-order position to another.
    pub fn move_item(&mut self, from: usize, to: usize) {
        if from >= self.order.len() || to >= self.order.len() || from == to {
            return;
        }
        let current = self.position.and_then(|p| self.order.get(p).copied());
        let item = self.order.remove(from);
        self.order.insert(to, item);
        self.position = current.and_then(|c| self.order.iter().position(|&i| i == c));
    }

    /// Forgets where playback is (after the last track, or on Stop).
    pub fn clear_position(&mut self) {
        self.position = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: usize, start: usize) -> Queue {
        Queue::new(
            (0..n).map(|i| PathBuf::from(format!("{i}.flac"))).collect(),
            start,
        )
    }

    fn name(p: Option<&PathBuf>) -> String {
        p.map(|p| p.display().to_string()).unwrap_or_default()
    }

    #[test]
    fn next_and_previous_walk_the_list() {
        let mut q = q(3, 0);
        assert_eq!(q.after_end(), Some(1));
        let _ = q.go_to(2);
        assert_eq!(q.after_end(), None, "repeat off stops after the last");
        assert_eq!(q.before(), Some(1));
        let _ = q.go_to(0);
        assert_eq!(q.before(), None);
    }

    #[test]
    fn repeat_modes() {
        let mut q = q(3, 2);
        q.set_repeat(Repeat::All);
        assert_eq!(q.after_end(), Some(0));
        q.set_repeat(Repeat::One);
        assert_eq!(q.after_end(), Some(2), "repeat one replays");
        assert_eq!(q.after_skip(), Some(0), "next still moves on");
        assert_eq!(Repeat::Off.cycle().cycle().cycle(), Repeat::Off);
    }

    #[test]
    fn shuffle_plays_each_once_and_keeps_the_current() {
        let mut q = q(20, 5);
        q.set_shuffle(true);
        assert_eq!(name(q.current()), "5.flac");
        assert_eq!(q.position(), Some(0));
        let mut seen = vec![name(q.current())];
        while let Some(p) = q.after_end() {
            seen.push(name(q.go_to(p)));
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 20, "every track once before the end");
        let list_order: Vec<_> = q.items().cloned().collect();
        assert_ne!(
            list_order,
            (0..20)
                .map(|i| PathBuf::from(format!("{i}.flac")))
                .collect::<Vec<_>>()
        );
        q.set_shuffle(false);
        assert_eq!(name(q.item_at(0)), "0.flac");
    }

    #[test]
    fn removing_the_current_track_moves_to_the_next() {
        let mut q = q(3, 1);
        assert!(q.remove(1));
        assert_eq!(name(q.current()), "2.flac");
        assert!(!q.remove(0));
        assert_eq!(name(q.current()), "2.flac");
        assert_eq!(q.position(), Some(0));
        assert!(q.remove(0));
        assert_eq!(q.current(), None);
        assert!(q.is_empty());
    }

    #[test]
    fn play_next_and_reorder() {
        let mut q = q(3, 0);
        q.insert_next(PathBuf::from("x.flac"));
        assert_eq!(name(q.item_at(1)), "x.flac");
        q.move_item(1, 3);
        assert_eq!(name(q.item_at(3)), "x.flac");
        assert_eq!(name(q.current()), "0.flac");
    }
}
