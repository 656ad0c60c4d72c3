//! The transport bar: previous, play or pause, next, what plays, and the seek bar.

use iced::widget::{button, column, container, row, slider, text};
use iced::{Alignment, Element, Length};

use super::icon::{Icon, icon};
use crate::cue::time;
use crate::gui::components::layer;
use crate::gui::message::TransportMessage;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};

/// The bar along the bottom of the window.
pub fn view<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let theme = ctx.theme();
    let palette = theme.extended_palette();
    let fg = palette.background.base.text;
    let playing = ctx.transport.now().path.is_some() && !ctx.transport.now().paused;

    let small = |i: Icon, message: Message| {
        button(icon(i, 18.0, fg))
            .padding(10)
            .style(style::transport_button)
            .on_press(message)
    };
    let play = button(icon(
        if playing { Icon::Pause } else { Icon::Play },
        24.0,
        palette.primary.base.text,
    ))
    .padding(12)
    .style(style::play_button)
    .on_press(Message::Transport(TransportMessage::TogglePlayback));
    let controls = row![
        small(
            Icon::Previous,
            Message::Transport(TransportMessage::Previous)
        ),
        play,
        small(Icon::Next, Message::Transport(TransportMessage::Next))
    ]
    .spacing(10)
    .align_y(Alignment::Center);

    let track = ctx
        .playing()
        .and_then(|id| Some((id, ctx.library()?)))
        .and_then(|(id, library)| Some((library.tracks.get(id)?, library.production_of(id))));
    let (title, subtitle) = match track {
        Some((t, production)) => (
            t.title.clone(),
            [
                production.map(|p| p.title.clone()),
                t.artist().map(str::to_string),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
        ),
        // A file that plays but is not in the library (from a playlist)
        // is named by its file and folder.
        None => match ctx.transport.now().path.as_deref() {
            Some(path) => (
                crate::gui::state::desktop::file_title(path).unwrap_or_default(),
                path.parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            ),
            None => (
                "Nothing playing".to_string(),
                "Click a track, or press Space to play".to_string(),
            ),
        },
    };

    let total = ctx
        .transport
        .now()
        .duration
        .map_or(0.0, |d| d.as_secs_f32())
        .max(0.001);
    let at = ctx
        .transport
        .now()
        .dragging
        .unwrap_or(ctx.transport.now().position.as_secs_f32())
        .min(total);
    // The playing track's loudness once it was measured, else a plain slider.
    let shape = ctx
        .transport
        .now()
        .path
        .as_deref()
        .and_then(|p| ctx.loudness.shape(p));
    let seek: Element<'a, Message> = match shape {
        Some(shape) => super::waveform::Waveform {
            shape: shape.clone(),
            at,
            total,
            seeking: ctx.transport.now().dragging.is_some(),
        }
        .into(),
        None => slider(0.0..=total, at, |v| {
            Message::Transport(TransportMessage::SeekDrag(v))
        })
        .step(0.1)
        .on_release(Message::Transport(TransportMessage::SeekRelease))
        .width(Length::Fill)
        .into(),
    };
    let times = text(format!(
        "{} / {}",
        time::format(std::time::Duration::from_secs_f32(at)),
        ctx.transport
            .now()
            .duration
            .map_or_else(|| "–:––".into(), time::format)
    ))
    .size(13)
    .color(style::muted(&theme));

    let info = column![
        text(title).size(16),
        text(subtitle).size(13).color(style::muted(&theme)),
        row![seek, times].spacing(12).align_y(Alignment::Center),
    ]
    .spacing(4)
    .width(Length::Fill);

    let accent = palette.primary.base.color;
    let dim = style::muted(&theme);
    let toggle = |i: Icon, on: bool, message: Message| {
        button(icon(i, 18.0, if on { accent } else { dim }))
            .padding(8)
            .style(iced::widget::button::text)
            .on_press(message)
    };
    let repeat_icon = match ctx.transport.repeat() {
        crate::playback::Repeat::One => Icon::RepeatOne,
        _ => Icon::Repeat,
    };
    let level = if ctx.transport.muted() {
        0.0
    } else {
        ctx.transport.volume()
    };
    let sound = row![
        toggle(
            Icon::Shuffle,
            ctx.transport.shuffle(),
            Message::Transport(TransportMessage::ToggleShuffle)
        ),
        toggle(
            repeat_icon,
            ctx.transport.repeat() != crate::playback::Repeat::Off,
            Message::Transport(TransportMessage::CycleRepeat)
        ),
        toggle(
            if ctx.transport.muted() {
                Icon::Mute
            } else {
                Icon::Volume
            },
            false,
            Message::Transport(TransportMessage::ToggleMute)
        ),
        slider(0.0..=1.0, level, |v| Message::Transport(
            TransportMessage::SetVolume(v)
        ))
        .step(0.01)
        .width(Length::Fixed(110.0)),
    ]
    .spacing(4)
    .align_y(Alignment::Center);

    // Drawn as strips, a middle and four sides (see `card::pieces`): the
    // list's scrollbars repaint a layer that reaches into its top edge.
    layer::panel(
        container(
            row![controls, info, sound]
                .spacing(24)
                .align_y(Alignment::Center),
        )
        .padding([14, 20])
        .width(Length::Fill),
        style::bar,
    )
}
