//! The queue: what plays now and what comes next, to remove and reorder.

use iced::widget::{Column, button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length, Theme};

use crate::gui::message::TransportMessage;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};

/// The queue page's body.
pub fn view<'a>(ctx: &Ctx<'a>, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    if ctx.transport.queue().is_empty() {
        return container(
            text("The queue is empty: play a production, a section or a track.").color(muted),
        )
        .center(Length::Fill)
        .into();
    }
    let library = ctx.library();
    let current = ctx.transport.queue_position();
    let last = ctx.transport.queue().len() - 1;
    let rows = ctx.transport.queue().iter().enumerate().map(|(i, path)| {
        let track = library.and_then(|l| {
            let id = ctx.track_of(path)?;
            Some((l, id))
        });
        let (title, detail) = match track {
            Some((l, id)) => {
                let t = &l.tracks[id];
                let production = l.production_of(id).map_or("", |p| p.title.as_str());
                (
                    t.title.clone(),
                    format!("{production} · {}", t.category.label()),
                )
            }
            None => (
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path.parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            ),
        };
        let here = current == Some(i);
        let small = |label: &'static str, message: Option<Message>| {
            button(text(label).size(12))
                .padding([3, 10])
                .style(style::chip(false))
                .on_press_maybe(message)
        };
        let row = row![
            text(if here {
                "▶".to_string()
            } else {
                format!("{}", i + 1)
            })
            .size(13)
            .width(Length::Fixed(36.0))
            .color(muted),
            column![text(title).size(15), text(detail).size(12).color(muted)]
                .spacing(2)
                .width(Length::Fill),
            small(
                "Up",
                (i > 0).then(|| Message::Transport(TransportMessage::QueueMove {
                    from: i,
                    to: i - 1
                }))
            ),
            small(
                "Down",
                (i < last).then(|| Message::Transport(TransportMessage::QueueMove {
                    from: i,
                    to: i + 1
                }))
            ),
            small(
                "Remove",
                Some(Message::Transport(TransportMessage::QueueRemove(i)))
            ),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        container(row)
            .padding([6, 10])
            .style(move |t: &Theme| {
                if here {
                    style::card(t)
                } else {
                    container::Style::default()
                }
            })
            .into()
    });
    let upcoming = current.map_or(ctx.transport.queue().len(), |p| last - p.min(last));
    scrollable(
        column![
            text(format!("Queue · {upcoming} to come")).size(20),
            space().height(8),
            Column::with_children(rows).spacing(4),
        ]
        .padding([16, 24]),
    )
    .height(Length::Fill)
    .into()
}
