//! The problems page: files that could not be read, and why.

use iced::widget::{Column, column, scrollable, text};
use iced::{Element, Length, Theme};

use crate::gui::{Message, style};
use crate::library::Library;

/// Files that could not be read, and why.
pub fn view<'a>(library: &'a Library, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let rows = library.problems.iter().map(|p| {
        column![
            text(p.path.display().to_string()).size(14),
            text(p.error.clone()).size(13).color(muted),
        ]
        .spacing(2)
        .into()
    });
    scrollable(Column::with_children(rows).spacing(12).padding([16, 24]))
        .height(Length::Fill)
        .into()
}
