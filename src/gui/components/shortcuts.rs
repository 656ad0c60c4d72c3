//! The `?` overlay: every keyboard shortcut, over a dimmed window.

use iced::widget::{Column, button, column, container, mouse_area, row, text};
use iced::{Background, Color, Element, Length};

use crate::gui::{App, Message, style};

/// Every shortcut and what it does, in the order the README lists them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("Right / Left", "seek 5 s forwards / backwards"),
    ("Shift + Right / Left", "seek 30 s"),
    ("N", "next track"),
    ("P", "previous track (restarts after 3 s)"),
    ("Up / Down", "volume up / down"),
    ("M", "mute / unmute"),
    ("S", "shuffle on / off"),
    ("R", "repeat: off, all, one"),
    ("/ or Ctrl+F", "search"),
    ("Enter", "in the search: play the first match"),
    ("Ctrl+O", "add a folder to the library"),
    ("Esc", "clear the search, close this list"),
    ("?", "show or hide this list"),
];

/// The overlay; a click anywhere closes it.
pub fn overlay(app: &App) -> Element<'_, Message> {
    let theme = app.theme();
    let muted = style::muted(&theme);
    let rows = SHORTCUTS.iter().map(|(keys, what)| {
        row![
            text(*keys).size(15).width(Length::Fixed(190.0)),
            text(*what).size(15).color(muted),
        ]
        .into()
    });
    let card = container(
        column![
            text("Keyboard shortcuts").size(22),
            Column::with_children(rows).spacing(8),
            button(text("Close (Esc)").size(13)).on_press(Message::ToggleHelp),
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
    .on_press(Message::ToggleHelp)
    .into()
}
