//! The now-playing panel: what plays, where it sits in its production, and why
//! Leitmotif calls it score or song.

use iced::widget::{Column, column, container, row, space, text};
use iced::{Alignment, Background, Border, Color, Element, Length, Theme};

use crate::gui::{App, Message, style};
use crate::library::{Library, TrackId};

/// A square drawn from the production's title: its initials on a colour of its own.
pub fn placeholder_cover<'a>(title: &str, size: f32) -> Element<'a, Message> {
    let initials: String = title
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .collect::<String>()
        .to_uppercase();
    let hash = title.bytes().fold(2_166_136_261u32, |h, b| {
        (h ^ b as u32).wrapping_mul(16_777_619)
    });
    let hue = (hash % 360) as f32;
    let colour = hsl(hue, 0.35, 0.32);
    container(
        text(initials)
            .size(size * 0.36)
            .color(Color::from_rgb(0.95, 0.93, 0.9)),
    )
    .width(Length::Fixed(size))
    .height(Length::Fixed(size))
    .center_x(Length::Fixed(size))
    .center_y(Length::Fixed(size))
    .style(move |_theme: &Theme| container::Style {
        background: Some(Background::Color(colour)),
        border: Border {
            radius: 8.0.into(),
            ..Border::default()
        },
        ..container::Style::default()
    })
    .into()
}

fn hsl(h: f32, s: f32, l: f32) -> Color {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match h as u32 {
        0..60 => (c, x, 0.0),
        60..120 => (x, c, 0.0),
        120..180 => (0.0, c, x),
        180..240 => (0.0, x, c),
        240..300 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    Color::from_rgb(r + m, g + m, b + m)
}

/// The panel beside the library.
pub fn panel(app: &App) -> Element<'_, Message> {
    let theme = app.theme();
    let muted = style::muted(&theme);
    let content: Element<'_, Message> = match (app.now.track, app.library.as_deref()) {
        (Some(id), Some(library)) => playing(library, id, &theme),
        _ => column![
            placeholder_cover("Leitmotif", 240.0),
            text("Nothing playing").size(18),
            text("Pick a cue to see where it sits in its film, series or game.")
                .size(13)
                .color(muted),
        ]
        .spacing(12)
        .into(),
    };
    container(iced::widget::scrollable(container(content).padding(20)))
        .width(Length::Fixed(290.0))
        .height(Length::Fill)
        .style(style::side_panel)
        .into()
}

fn playing<'a>(library: &'a Library, id: TrackId, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let Some(track) = library.tracks.get(id) else {
        return space().into();
    };
    let production = library.production_of(id);
    let production_title = production.map_or("", |p| p.title.as_str());
    let mut col: Column<'a, Message> = column![
        placeholder_cover(production_title, 240.0),
        text(track.title_without_cue()).size(20),
        text(production_title).size(14).color(muted),
    ]
    .spacing(6);
    let people = match (track.tags.composers.first(), track.artist()) {
        (Some(c), Some(a)) if c != a => format!("{a} · composed by {c}"),
        (Some(c), _) => format!("Composed by {c}"),
        (None, Some(a)) => a.to_string(),
        (None, None) => String::new(),
    };
    if !people.is_empty() {
        col = col.push(text(people).size(13).color(muted));
    }
    col = col.push(
        row![
            container(text(track.category.label()).size(11))
                .padding([1, 10])
                .style(style::badge(track.category)),
            text(production.map_or(String::new(), |p| p.medium.label().to_string()))
                .size(12)
                .color(muted),
        ]
        .spacing(8)
        .align_y(Alignment::Center),
    );
    col = col.push(space().height(10)).push(
        text("Scene")
            .size(12)
            .color(style::category_color(track.category)),
    );
    if let Some(cue) = track.cue {
        col = col.push(text(cue.describe()).size(15));
    }
    let context = track
        .tags
        .description
        .as_deref()
        .or(track.tags.comment.as_deref())
        .or(track.tags.grouping.as_deref());
    col = col.push(
        text(context.unwrap_or("No scene notes for this track yet."))
            .size(13)
            .color(if context.is_some() {
                theme.palette().text
            } else {
                muted
            }),
    );
    let mark = |label: &'static str, category: crate::library::Category| {
        iced::widget::button(text(label).size(12))
            .padding([3, 10])
            .style(style::chip(track.category == category))
            .on_press(Message::SetCategory(id, category))
    };
    col = col.push(space().height(6)).push(
        row![
            mark("Mark as score", crate::library::Category::Score),
            mark("Mark as song", crate::library::Category::Song),
            mark("Unsure", crate::library::Category::Unknown),
        ]
        .spacing(6)
        .wrap(),
    );
    if !track.evidence.is_empty() {
        col = col
            .push(space().height(10))
            .push(text("Why").size(12).color(muted));
        for reason in track.evidence.iter().take(4) {
            col = col.push(text(reason.clone()).size(12).color(muted));
        }
    }
    col.into()
}
