//! A song's lyrics in now playing: synced lines with the one being sung
//! highlighted (the list scrolls to it as the track plays), or plain text.

use iced::widget::{Column, column, container, scrollable, text};
use iced::{Element, Length, Theme};

use crate::gui::state::lyrics::LINES;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::lyrics::Lyrics;

/// How tall the lines' box is: a few lines either side of the current one.
const HEIGHT: f32 = 260.0;

/// The lyrics section, when the playing track has lyrics.
pub fn view<'a>(ctx: &Ctx<'a>, theme: &Theme) -> Option<Element<'a, Message>> {
    let lyrics = ctx.lyrics.lyrics()?;
    let muted = style::muted(theme);
    let accent = theme.extended_palette().primary.base.color;
    let body: Element<'a, Message> = match lyrics {
        Lyrics::Synced(lines) => {
            let current = ctx.lyrics.line();
            let rows = lines.iter().enumerate().map(|(i, line)| {
                let words = if line.text.is_empty() {
                    "♪"
                } else {
                    line.text.as_str()
                };
                let here = current == Some(i);
                let shown = text(words.to_string()).size(if here { 16 } else { 14 });
                let shown = if here {
                    shown.color(accent)
                } else if current.is_some_and(|c| i < c) {
                    shown.color(muted)
                } else {
                    shown
                };
                container(shown).padding([3, 0]).into()
            });
            // Room above and below, so that the first and last lines can
            // come to the middle; room on the right for the scrollbar.
            let room = HEIGHT / 2.0 - 20.0;
            let padding = iced::Padding {
                top: room,
                bottom: room,
                left: 0.0,
                right: 14.0,
            };
            scrollable(Column::with_children(rows).padding(padding))
                .id(LINES)
                .height(Length::Fixed(HEIGHT))
                .into()
        }
        Lyrics::Plain(words) => scrollable(container(text(words.clone()).size(13)).padding(
            iced::Padding {
                right: 14.0,
                ..iced::Padding::ZERO
            },
        ))
        .height(Length::Fixed(HEIGHT))
        .into(),
    };
    let label = match lyrics {
        Lyrics::Synced(_) => "Lyrics · in time",
        Lyrics::Plain(_) => "Lyrics",
    };
    Some(
        column![text(label).size(12).color(muted), body]
            .spacing(6)
            .into(),
    )
}
