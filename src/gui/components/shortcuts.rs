//! The `?` overlay: every keyboard shortcut (from [`SHORTCUTS`]), over a
//! dimmed window.

use iced::widget::{Column, button, column, container, mouse_area, row, text};
use iced::{Background, Color, Element, Length};

use crate::gui::keys::SHORTCUTS;
use crate::gui::message::BrowseMessage;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};

/// The overlay; a click anywhere closes it.
pub fn overlay<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let theme = ctx.theme();
    let muted = style::muted(&theme);
    let rows = SHORTCUTS.iter().map(|s| {
        row![
            text(s.keys).size(15).width(Length::Fixed(190.0)),
            text(s.what).size(15).color(muted),
        ]
        .into()
    });
    let card = container(
        column![
            text("Keyboard shortcuts").size(22),
            Column::with_children(rows).spacing(8),
            button(text("Close (Esc)").size(13))
                .on_press(Message::Browse(BrowseMessage::ToggleHelp)),
        ]
        .spacing(16),
    )
    .padding(28)
    .style(style::card_solid);
    mouse_area(
        container(card)
            .center(Length::Fill)
            .style(|_theme| container::Style {
                background: Some(Background::Color(Color::from_rgba(0.0, 0.0, 0.0, 0.6))),
                ..container::Style::default()
            }),
    )
    .on_press(Message::Browse(BrowseMessage::ToggleHelp))
    .into()
}
