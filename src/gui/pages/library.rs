//! The library page: every production as a card with its score and its
//! songs (only the cards in view are built).

use iced::widget::{Column, button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length, Theme};

use super::LIST;
use crate::gui::components::layer::{self, blocks};
use crate::gui::components::track_row;
use crate::gui::message::{BrowseMessage, PlayMessage};
use crate::gui::state::shelf::{Card, size};
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::library::{Category, Library};

/// Only the cards in view are built; spacers stand for the others, so the
/// scroll bar and positions stay true.
pub fn view<'a>(ctx: &Ctx<'a>, library: &'a Library, theme: &Theme) -> Element<'a, Message> {
    let shelf = ctx.browse.shelf();
    let (top, height) = ctx.browse.scroll();
    let range = shelf.visible(top, height);
    let above = shelf.tops.get(range.start).copied().unwrap_or(0.0);
    let below = shelf.height() - shelf.tops.get(range.end).copied().unwrap_or(shelf.height());
    let mut list = Column::new().push(space().height(above));
    for card in &shelf.cards[range] {
        list = list
            .push(production_card(ctx, library, card, theme))
            .push(space().height(size::BETWEEN));
    }
    list = list.push(space().height(below.max(0.0)));
    scrollable(container(list).padding([16, 24]))
        .id(LIST)
        .on_scroll(|viewport| {
            Message::Browse(BrowseMessage::Scrolled {
                top: viewport.absolute_offset().y - 16.0,
                height: viewport.bounds().height,
                width: viewport.bounds().width,
            })
        })
        .height(Length::Fill)
        .into()
}

/// The composers on a card's one line of facts (its height is fixed, so a
/// game's dozen composers must not wrap over the tracks): the first three
/// and how many more; the production page lists them all.
fn composers_line(composers: &[String]) -> String {
    const SHOWN: usize = 3;
    match composers.len() {
        n if n <= SHOWN + 1 => composers.join(", "),
        n => format!("{} and {} others", composers[..SHOWN].join(", "), n - SHOWN),
    }
}

fn production_card<'a>(
    ctx: &Ctx<'a>,
    library: &'a Library,
    card: &'a Card,
    theme: &Theme,
) -> Element<'a, Message> {
    let index = card.production;
    let production = &library.productions[index];
    let meta: Vec<String> = [
        Some(production.medium.label().to_string()),
        production.year.map(|y| y.to_string()),
        (!production.composers.is_empty()).then(|| composers_line(&production.composers)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let play = |label: &'static str, only: Option<Category>| {
        button(text(label).size(13))
            .padding([4, 12])
            .style(style::chip(false))
            .on_press(Message::Play(PlayMessage::Production(
                production.key.clone(),
                only,
            )))
    };
    let mut title_row = row![
        button(text(&production.title).size(22))
            .padding(0)
            .style(style::link)
            .on_press(Message::Browse(BrowseMessage::OpenProduction(
                production.key.clone()
            ))),
        space().width(Length::Fill),
        play("Play all", None),
    ];
    if !card.other {
        title_row = title_row
            .push(play("Play score", Some(Category::Score)))
            .push(play("Play songs", Some(Category::Song)));
    }
    let mut column = column![
        title_row
            .spacing(8)
            .height(Length::Fixed(size::HEADER))
            .align_y(Alignment::Center),
        text(meta.join(" · "))
            .size(14)
            .height(Length::Fixed(size::META))
            .color(style::muted(theme)),
    ];
    for (category, ids) in &card.sections {
        let heading = match category {
            _ if card.other => "Tracks",
            Category::Score => "Score",
            Category::Song => "Songs",
            Category::Unknown => "Unknown",
        };
        column = column.push(space().height(size::GAP)).push(
            text(format!("{heading} · {}", ids.len()))
                .size(13)
                .height(Length::Fixed(size::LABEL))
                .color(style::category_color(*category)),
        );
        let rows = ids
            .iter()
            .map(|&id| track_row::view(ctx, library, id, theme));
        // A card taller than the view would span it and never move as a
        // layer: its rows go in blocks. Others stay one layer (each layer
        // costs a clip mask the size of the window to draw).
        if card.height() > ctx.browse.scroll().1 {
            column = column.extend(blocks(rows, 0.0));
        } else {
            column = column.extend(rows);
        }
    }
    layer::card(
        container(column.padding(size::PAD))
            .width(Length::Fill)
            .height(Length::Fixed(card.height())),
        style::card,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_composers_are_shortened_to_one_line() {
        let names = |n: usize| (1..=n).map(|i| format!("C{i}")).collect::<Vec<_>>();
        assert_eq!(composers_line(&names(1)), "C1");
        assert_eq!(composers_line(&names(4)), "C1, C2, C3, C4");
        assert_eq!(composers_line(&names(12)), "C1, C2, C3 and 9 others");
    }
}
