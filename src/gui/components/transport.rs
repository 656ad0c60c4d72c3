//! The transport bar: previous, play or pause, next, what plays, and the seek bar.

use iced::widget::{button, column, container, row, slider, text};
use iced::{Alignment, Element, Length};

use super::icon::{Icon, icon};
use crate::clock;
use crate::gui::{App, Message, style};

/// The bar along the bottom of the window.
pub fn view(app: &App) -> Element<'_, Message> {
    let theme = app.theme();
    let palette = theme.extended_palette();
    let fg = palette.background.base.text;
    let playing = app.now.path.is_some() && !app.now.paused;

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
    .on_press(Message::TogglePlayback);
    let controls = row![
        small(Icon::Previous, Message::Previous),
        play,
        small(Icon::Next, Message::Next)
    ]
    .spacing(10)
    .align_y(Alignment::Center);

    let track = app
        .playing()
        .and_then(|id| Some((id, app.library.as_ref()?)))
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
        None => (
            "Nothing playing".to_string(),
            "Click a track, or press Space to play".to_string(),
        ),
    };

    let total = app.now.duration.map_or(0.0, |d| d.as_secs_f32()).max(0.001);
    let at = app
        .now
        .dragging
        .unwrap_or(app.now.position.as_secs_f32())
        .min(total);
    let seek = slider(0.0..=total, at, Message::SeekDrag)
        .step(0.1)
        .on_release(Message::SeekRelease)
        .width(Length::Fill);
    let times = text(format!(
        "{} / {}",
        clock::format(std::time::Duration::from_secs_f32(at)),
        app.now
            .duration
            .map(clock::format)
            .unwrap_or_else(|| "–:––".into())
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
    let repeat_icon = match app.repeat {
        crate::playback::Repeat::One => Icon::RepeatOne,
        _ => Icon::Repeat,
    };
    let level = if app.muted { 0.0 } else { app.volume };
    let sound = row![
        toggle(Icon::Shuffle, app.shuffle, Message::ToggleShuffle),
        toggle(
            repeat_icon,
            app.repeat != crate::playback::Repeat::Off,
            Message::CycleRepeat
        ),
        toggle(
            if app.muted { Icon::Mute } else { Icon::Volume },
            false,
            Message::ToggleMute
        ),
        slider(0.0..=1.0, level, Message::SetVolume)
            .step(0.01)
            .width(Length::Fixed(110.0)),
    ]
    .spacing(4)
    .align_y(Alignment::Center);

    container(
        row![controls, info, sound]
            .spacing(24)
            .align_y(Alignment::Center),
    )
    .padding([14, 20])
    .width(Length::Fill)
    .style(style::bar)
    .into()
}
