//! One track as a row of a list: cue code, title, performer, category
//! badge, length; a track whose folder is not there (an unplugged disk) is
//! dimmed and says "offline" in place of its length.

use iced::widget::{button, container, row, text};
use iced::{Alignment, Element, Length, Theme};

use crate::cue::time;
use crate::gui::message::PlayMessage;
use crate::gui::state::shelf::size;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::library::{Library, TrackId};

/// One track: cue code, title, performer, category badge, length; a click plays it.
pub fn view<'a>(
    ctx: &Ctx<'a>,
    library: &'a Library,
    id: TrackId,
    theme: &Theme,
) -> Element<'a, Message> {
    let track = &library.tracks[id];
    let cue = track.cue.map(|c| c.to_string()).unwrap_or_default();
    let current = ctx.transport.now().path.as_ref() == Some(&track.path);
    let muted = style::muted(theme);
    let offline = library.is_offline(id);
    let title = text(track.title_without_cue()).size(15).width(Length::Fill);
    let length = if offline {
        "offline".to_string()
    } else {
        time::format(track.duration())
    };
    button(
        row![
            text(cue)
                .size(13)
                .width(Length::Fixed(52.0))
                .color(style::category_color(track.category)),
            if offline { title.color(muted) } else { title },
            text(track.artist().unwrap_or_default())
                .size(13)
                .width(Length::Fixed(240.0))
                .color(muted),
            container(text(track.category.label()).size(11))
                .padding([1, 0])
                .width(Length::Fixed(64.0))
                .center_x(Length::Fixed(64.0))
                .style(style::badge(track.category)),
            text(length)
                .size(13)
                .width(Length::Fixed(if offline { 56.0 } else { 48.0 }))
                .color(muted),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .width(Length::Fill)
    .height(Length::Fixed(size::ROW))
    .padding([6, 10])
    .style(style::track_row(current))
    .on_press(Message::Play(PlayMessage::Track(track.key())))
    .into()
}
