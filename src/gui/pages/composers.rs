//! Composers: the people who wrote the scores, each with their productions.

use std::collections::BTreeMap;

use iced::widget::{Column, button, column, row, scrollable, text};
use iced::{Element, Length, Theme};

use crate::gui::message::BrowseMessage;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::library::Library;

/// Composers and the productions they wrote for, A to Z.
pub fn composers(library: &Library) -> BTreeMap<String, Vec<usize>> {
    let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, production) in library.productions.iter().enumerate() {
        for composer in &production.composers {
            let entry = by.entry(composer.clone()).or_default();
            if !entry.contains(&index) {
                entry.push(index);
            }
        }
    }
    by
}

/// The composers page's body.
pub fn view<'a>(ctx: &Ctx<'a>, library: &'a Library, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let query = ctx.browse.search().trim().to_lowercase();
    let rows = composers(library)
        .into_iter()
        .filter(|(name, _)| query.is_empty() || name.to_lowercase().contains(&query))
        .map(|(name, productions)| {
            let links = productions.into_iter().map(|index| {
                let p = &library.productions[index];
                let label = match p.year {
                    Some(year) => format!("{} ({year})", p.title),
                    None => p.title.clone(),
                };
                button(text(label).size(13))
                    .padding([3, 10])
                    .style(style::chip(false))
                    .on_press(Message::Browse(BrowseMessage::OpenProduction(
                        p.key.clone(),
                    )))
                    .into()
            });
            column![text(name).size(18), row(links).spacing(6).wrap(),]
                .spacing(6)
                .into()
        });
    let list = Column::with_children(rows).spacing(18).padding([16, 24]);
    scrollable(column![
        text("Composers of the scores, and the productions they wrote for")
            .size(13)
            .color(muted),
        list
    ])
    .height(Length::Fill)
    .into()
}
