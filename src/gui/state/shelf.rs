//! What the library page lists, worked out when the library, the search, the
//! filter or the sort change, never while drawing: the productions to show,
//! their tracks by section, and each card's height, so that only the cards in
//! view are built (50,000 tracks scroll as smoothly as 100).

use std::ops::Range;

use super::browse::Sort;
use crate::library::{Category, Library, Medium, TrackId};

/// One production's card.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// Index in [`Library::productions`].
    pub production: usize,
    /// Its sections (score, songs, unknown) with the tracks that match.
    pub sections: Vec<(Category, Vec<TrackId>)>,
    /// Music that is not a soundtrack: one section of tracks, no score or songs.
    pub other: bool,
}

/// Heights in logical pixels; the card's widgets are given exactly these.
pub mod size {
    /// Padding inside a card.
    pub const PAD: f32 = 18.0;
    /// The title row.
    pub const HEADER: f32 = 36.0;
    /// The line under the title.
    pub const META: f32 = 20.0;
    /// Space above a section's label.
    pub const GAP: f32 = 8.0;
    /// A section's label.
    pub const LABEL: f32 = 20.0;
    /// A track row.
    pub const ROW: f32 = 34.0;
    /// Space between cards.
    pub const BETWEEN: f32 = 18.0;
}

impl Card {
    /// The card's height, as drawn.
    pub fn height(&self) -> f32 {
        let sections: f32 = self
            .sections
            .iter()
            .map(|(_, ids)| size::GAP + size::LABEL + ids.len() as f32 * size::ROW)
            .sum();
        size::PAD * 2.0 + size::HEADER + size::META + sections
    }
}

/// The page's list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shelf {
    /// The cards, in order.
    pub cards: Vec<Card>,
    /// Where each card starts, from the top of the list; one more entry for the end.
    pub tops: Vec<f32>,
}

/// A track's text as search sees it, lower-cased once per library.
pub fn haystacks(library: &Library) -> Vec<String> {
    library.tracks.iter().map(haystack).collect()
}

/// One track's text as search sees it.
pub fn haystack(t: &crate::library::Track) -> String {
    let mut s = String::with_capacity(128);
    for part in [Some(t.title.as_str()), t.placement.scene.as_deref()]
        .into_iter()
        .flatten()
        .chain(t.tags.composers.iter().map(String::as_str))
        .chain(t.tags.artists.iter().map(String::as_str))
        .chain(t.tags.description.as_deref())
        .chain(t.tags.comment.as_deref())
    {
        s.push_str(&part.to_lowercase());
        s.push('\n');
    }
    if let Some(code) = t.cue {
        s.push_str(&code.to_string().to_lowercase());
    }
    s
}

impl Shelf {
    /// The cards for `filter` and the (lower-case) `query`, in `sort` order.
    /// A production whose title matches shows all its tracks. Music that is
    /// not a soundtrack has a shelf of its own (`Medium::Other`): "All" lists
    /// the soundtracks, a search finds both.
    pub fn build(
        library: &Library,
        haystacks: &[String],
        filter: Option<Medium>,
        query: &str,
        sort: Sort,
    ) -> Shelf {
        let mut order: Vec<usize> = (0..library.productions.len())
            .filter(|&i| {
                let medium = library.productions[i].medium;
                match filter {
                    Some(m) => medium == m,
                    None => medium != Medium::Other || !query.is_empty(),
                }
            })
            .collect();
        match sort {
            Sort::Title => {}
            Sort::Year => order.sort_by_key(|&i| std::cmp::Reverse(library.productions[i].year)),
            Sort::Added => order.sort_by_key(|&i| {
                let p = &library.productions[i];
                std::cmp::Reverse(p.tracks.iter().map(|&t| library.tracks[t].added).max())
            }),
        }
        let mut shelf = Shelf::default();
        let mut top = 0.0;
        for index in order {
            let production = &library.productions[index];
            let whole = query.is_empty() || production.title.to_lowercase().contains(query);
            let other = production.medium == Medium::Other;
            let mut sections = Vec::new();
            for category in [Category::Score, Category::Song, Category::Unknown] {
                let ids: Vec<TrackId> = production
                    .tracks
                    .iter()
                    .copied()
                    .filter(|&t| other || library.tracks[t].category == category)
                    .filter(|&t| whole || haystacks.get(t).is_some_and(|h| h.contains(query)))
                    .collect();
                if !ids.is_empty() {
                    sections.push((category, ids));
                }
                if other {
                    break;
                }
            }
            if sections.is_empty() {
                continue;
            }
            let card = Card {
                production: index,
                sections,
                other,
            };
            shelf.tops.push(top);
            top += card.height() + size::BETWEEN;
            shelf.cards.push(card);
        }
        shelf.tops.push(top);
        shelf
    }

    /// The list's full height.
    pub fn height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The cards that show in a viewport from `top`, `height` tall (with one
    /// card either side, so that scrolling never shows a gap).
    pub fn visible(&self, top: f32, height: f32) -> Range<usize> {
        if self.cards.is_empty() {
            return 0..0;
        }
        let first = self.tops.partition_point(|&t| t <= top).saturating_sub(2);
        let last = self.tops.partition_point(|&t| t < top + height) + 1;
        first..last.min(self.cards.len())
    }

    /// How many tracks are listed.
    pub fn tracks(&self) -> usize {
        self.cards
            .iter()
            .flat_map(|c| c.sections.iter())
            .map(|(_, ids)| ids.len())
            .sum()
    }

    /// The first track listed (Enter in the search field plays it).
    pub fn first_track(&self) -> Option<TrackId> {
        self.cards
            .first()
            .and_then(|c| c.sections.first())
            .and_then(|(_, ids)| ids.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Library {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        Library::scan(&[dir], &|_| {})
    }

    #[test]
    fn only_the_cards_in_view_are_listed() {
        let library = demo();
        let hay = haystacks(&library);
        let shelf = Shelf::build(&library, &hay, None, "", Sort::Title);
        assert_eq!(shelf.cards.len(), 2);
        assert_eq!(shelf.tracks(), 8);
        let first = shelf.cards[0].height();
        // Film: 3 score + 2 songs; the game: 3 score.
        assert_eq!(first, 36.0 + 36.0 + 20.0 + 2.0 * 28.0 + 5.0 * 34.0);
        assert_eq!(shelf.tops[1], first + size::BETWEEN);
        assert_eq!(shelf.visible(0.0, 100.0), 0..2);
        let far = Shelf {
            cards: vec![shelf.cards[0].clone(); 1000],
            tops: (0..=1000).map(|i| i as f32 * 100.0).collect(),
        };
        let seen = far.visible(50_000.0, 700.0);
        assert!(seen.start >= 497 && seen.end <= 509, "{seen:?}");
        assert!(seen.contains(&500) && seen.contains(&506));
    }

    #[test]
    fn search_filter_and_sort() {
        let library = demo();
        let hay = haystacks(&library);
        let shelf = Shelf::build(&library, &hay, None, "salt desert", Sort::Title);
        assert_eq!(shelf.tracks(), 1, "one scene mentions the salt desert");
        let shelf = Shelf::build(&library, &hay, None, "lanternfall", Sort::Title);
        assert_eq!(
            shelf.tracks(),
            3,
            "a production's title shows all its tracks"
        );
        let shelf = Shelf::build(&library, &hay, Some(Medium::Game), "", Sort::Title);
        assert_eq!(shelf.cards.len(), 1);
        let by_year = Shelf::build(&library, &hay, None, "", Sort::Year);
        assert_eq!(
            library.productions[by_year.cards[0].production].title, "Arrival Point",
            "2024 before 2023"
        );
        let shelf = Shelf::build(&library, &hay, None, "2m3", Sort::Title);
        assert_eq!(
            shelf
                .first_track()
                .map(|t| library.tracks[t].title.as_str()),
            Some("2M3 The Signal")
        );
    }
}
