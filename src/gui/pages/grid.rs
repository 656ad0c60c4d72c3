//! The library as a grid of covers (or a placeholder drawn from the title):
//! only the rows in view are built.

use iced::widget::{Column, Row, button, column, container, scrollable, space, text};
use iced::{Element, Length, Theme};

use crate::gui::components::layer::layer;
use crate::gui::components::now_playing::cover;
use crate::gui::message::BrowseMessage;
use crate::gui::state::shelf::Shelf;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::library::Library;

/// A tile's size, cover included.
pub const TILE_W: f32 = 184.0;
/// A tile's height: cover, title, line under it, spacing.
pub const TILE_H: f32 = 248.0;
const COVER: f32 = 168.0;
const PAD: f32 = 24.0;

/// How many tiles fit across `width`.
pub fn columns(width: f32) -> usize {
    (((width - 2.0 * PAD) / TILE_W).floor() as usize).max(1)
}

/// The rows that show between `top` and `top + height`, with one row either side.
pub fn visible_rows(shelf: &Shelf, width: f32, top: f32, height: f32) -> std::ops::Range<usize> {
    let rows = shelf.cards.len().div_ceil(columns(width));
    let first = ((top - PAD) / TILE_H).floor().max(0.0) as usize;
    let last = ((top + height) / TILE_H).ceil() as usize + 1;
    first.saturating_sub(1).min(rows)..last.min(rows)
}

/// The grid page's body.
pub fn view<'a>(ctx: &Ctx<'a>, library: &'a Library, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let (top, height) = ctx.browse.scroll();
    let width = ctx.browse.list_width();
    let per_row = columns(width);
    let rows = ctx.browse.shelf().cards.len().div_ceil(per_row);
    let range = visible_rows(ctx.browse.shelf(), width, top, height);
    let mut list = Column::new().push(space().height(range.start as f32 * TILE_H));
    for r in range.clone() {
        let mut row = Row::new().spacing(0);
        for card in ctx
            .browse
            .shelf()
            .cards
            .iter()
            .skip(r * per_row)
            .take(per_row)
        {
            let index = card.production;
            let p = &library.productions[index];
            let line = [
                Some(p.medium.label().to_string()),
                p.year.map(|y| y.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            let tile = button(
                column![
                    cover(ctx, index, &p.title, COVER),
                    text(&p.title).size(14).height(Length::Fixed(36.0)),
                    text(line).size(12).color(muted),
                ]
                .spacing(4),
            )
            .padding(6)
            .width(Length::Fixed(TILE_W))
            .height(Length::Fixed(TILE_H))
            .style(style::track_row(false))
            .on_press(Message::Browse(BrowseMessage::OpenProduction(
                p.key.clone(),
            )));
            row = row.push(tile);
        }
        // A row of tiles moves as one piece (see components::layer).
        list = list.push(layer(row));
    }
    list = list.push(space().height(rows.saturating_sub(range.end) as f32 * TILE_H));
    scrollable(container(list).padding(PAD).width(Length::Fill))
        .width(Length::Fill)
        .id(super::LIST)
        .on_scroll(|viewport| {
            Message::Browse(BrowseMessage::Scrolled {
                top: viewport.absolute_offset().y,
                height: viewport.bounds().height,
                width: viewport.bounds().width,
            })
        })
        .height(Length::Fill)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::state::shelf::Card;

    #[test]
    fn only_rows_in_view() {
        let shelf = Shelf {
            cards: vec![
                Card {
                    production: 0,
                    sections: Vec::new(),
                    other: false,
                };
                5_000
            ],
            tops: Vec::new(),
        };
        assert_eq!(columns(800.0), 4);
        let rows = visible_rows(&shelf, 800.0, 100_000.0, 700.0);
        assert!(rows.len() <= 6, "{rows:?}");
        assert!(rows.contains(&(100_000 / 248)));
        assert_eq!(visible_rows(&shelf, 800.0, 0.0, 700.0).start, 0);
    }
}
