//! The now-playing panel: what plays, where it sits in its production, and why
//! Leitmotif calls it score or song.

use iced::widget::{Column, button, column, container, row, space, text, text_input};
use iced::{Alignment, Background, Border, Color, Element, Length, Theme};

use crate::cue::time;
use crate::gui::components::layer;
use crate::gui::message::{EditMessage, PlayMessage};
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::library::{Library, Medium, TrackId};

/// The scene note's text field, focused when the editor opens.
pub const SCENE_INPUT: &str = "scene-note";

/// A production's cover: its picture when one was found, else the placeholder.
pub fn cover<'a>(ctx: &Ctx<'_>, production: usize, title: &str, size: f32) -> Element<'a, Message> {
    match ctx.cover(production).cloned() {
        Some(handle) => iced::widget::image(handle)
            .width(Length::Fixed(size))
            .height(Length::Fixed(size))
            .content_fit(iced::ContentFit::Cover)
            .into(),
        None => placeholder_cover(title, size),
    }
}

/// A square drawn from the production's title: its initials on a colour of its own.
pub fn placeholder_cover<'a>(title: &str, size: f32) -> Element<'a, Message> {
    let initials: String = title
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .collect::<String>()
        .to_uppercase();
    let hash = title.bytes().fold(2_166_136_261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16_777_619)
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

// The formula names its terms as the textbooks do (h, s, l, c, x, m).
#[allow(clippy::many_single_char_names)]
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
pub fn panel<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let theme = ctx.theme();
    let muted = style::muted(&theme);
    let content: Element<'_, Message> = match (ctx.playing(), ctx.library()) {
        (Some(id), Some(library)) => playing(ctx, library, id, &theme),
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
    // Drawn as a fill and four sides (see `card::pieces`): the list's
    // scroller beside it repaints a rectangle that touches its edge.
    layer::panel(
        container(iced::widget::scrollable(container(content).padding(20)))
            .width(Length::Fixed(320.0))
            .height(Length::Fill),
        style::side_panel,
    )
}

fn playing<'a>(
    ctx: &Ctx<'a>,
    library: &'a Library,
    id: TrackId,
    theme: &Theme,
) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let Some(track) = library.tracks.get(id) else {
        return space().into();
    };
    let production = library.production_of(id);
    let production_title = production.map_or("", |p| p.title.as_str());
    // A song's words come first, under a smaller cover, so that they show
    // without scrolling; a score track shows its scene as always.
    let lyrics = (track.category != crate::library::Category::Score)
        .then(|| super::lyrics::view(ctx, theme))
        .flatten();
    let cover_size = if lyrics.is_some() { 96.0 } else { 180.0 };
    let mut col: Column<'a, Message> = column![
        match library.production_index_of(id) {
            Some(index) => cover(ctx, index, production_title, cover_size),
            None => placeholder_cover(production_title, cover_size),
        },
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
    if let Some(lyrics) = lyrics {
        col = col.push(space().height(6)).push(lyrics);
    }
    let mark = |label: &'static str, category: crate::library::Category| {
        iced::widget::button(text(label).size(12))
            .padding([3, 10])
            .style(style::chip(track.category == category))
            .on_press(Message::Edit(EditMessage::SetCategory(
                track.key(),
                category,
            )))
    };
    col = col.push(space().height(2)).push(
        row![
            mark("Mark as score", crate::library::Category::Score),
            mark("Mark as song", crate::library::Category::Song),
            mark("Unsure", crate::library::Category::Unknown),
        ]
        .spacing(6)
        .wrap(),
    );
    col = col
        .push(space().height(10))
        .push(context(ctx, library, id, theme));
    let evidence = track.evidence();
    if !evidence.is_empty() {
        col = col
            .push(space().height(10))
            .push(text("Why").size(12).color(muted));
        for reason in evidence.into_iter().take(4) {
            col = col.push(text(reason).size(12).color(muted));
        }
    }
    col.into()
}

/// What "film", "episode"... to say a time is into.
fn into_what(medium: Medium) -> &'static str {
    match medium {
        Medium::Film => "into the film",
        Medium::Tv => "into the episode",
        Medium::Game => "into the game",
        Medium::Stage => "into the show",
        _ => "in",
    }
}

/// The scene and timeline context: the cue decoded, the scene and where it
/// came from, where it plays, its neighbours, and the note editor.
fn context<'a>(
    ctx: &Ctx<'a>,
    library: &'a Library,
    id: TrackId,
    theme: &Theme,
) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let track = &library.tracks[id];
    let p = &track.placement;
    let production = library.production_of(id);
    let mut col: Column<'a, Message> = column![
        text("Scene")
            .size(12)
            .color(style::category_color(track.category))
    ]
    .spacing(6);
    let mut headline = Vec::new();
    if let Some(cue) = track.cue {
        headline.push(cue.describe());
    }
    if let Some(episode) = p.episode {
        headline.push(format!("Episode {episode}"));
    }
    if !headline.is_empty() {
        col = col.push(text(headline.join(" · ")).size(15));
    }
    if let Some(context) = &p.context {
        col = col.push(text(context.clone()).size(13).color(muted));
    }
    if let Some(edit) = ctx.edits.scene().filter(|e| e.track == track.path) {
        col = col.push(
            text_input("What happens on screen", &edit.scene)
                .id(SCENE_INPUT)
                .on_input(|v| Message::Edit(EditMessage::SceneText(v)))
                .on_submit(Message::Edit(EditMessage::SaveScene))
                .size(13),
        );
        col = col.push(
            row![
                text("Starts at").size(12).color(muted),
                text_input("1:12:30", &edit.start)
                    .on_input(|v| Message::Edit(EditMessage::SceneStart(v)))
                    .on_submit(Message::Edit(EditMessage::SaveScene))
                    .size(13)
                    .width(Length::Fixed(100.0)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        if let Some(error) = &edit.error {
            col = col.push(
                text(error.clone())
                    .size(12)
                    .color(style::category_color(crate::library::Category::Song)),
            );
        }
        col = col.push(
            row![
                button(text("Save").size(12))
                    .padding([3, 12])
                    .style(style::chip(true))
                    .on_press(Message::Edit(EditMessage::SaveScene)),
                button(text("Cancel").size(12))
                    .padding([3, 12])
                    .style(style::chip(false))
                    .on_press(Message::Edit(EditMessage::CancelScene)),
            ]
            .spacing(6),
        );
    } else {
        col = col.push(
            text(
                p.scene
                    .clone()
                    .unwrap_or_else(|| "No scene notes for this track yet.".into()),
            )
            .size(13)
            .color(if p.scene.is_some() {
                theme.palette().text
            } else {
                muted
            }),
        );
        let from = p.scene_from.as_ref().map(|s| format!("from {}", s.label()));
        col = col.push(
            row![
                text(from.unwrap_or_default())
                    .size(11)
                    .color(muted)
                    .width(Length::Fill),
                button(
                    text(if p.scene.is_some() {
                        "Edit"
                    } else {
                        "Add a note"
                    })
                    .size(11)
                )
                .padding([2, 10])
                .style(style::chip(false))
                .on_press(Message::Edit(EditMessage::EditScene)),
            ]
            .align_y(Alignment::Center),
        );
    }
    let medium = production.map_or(Medium::Unknown, |p| p.medium);
    let mut when = Vec::new();
    if let Some(start) = p.start {
        when.push(format!("{} {}", time::format(start), into_what(medium)));
    }
    if let Some(length) = p.length {
        when.push(format!("{} long", time::format(length)));
    }
    if let Some(cue_use) = p.cue_use {
        when.push(cue_use.as_str().to_string());
    }
    if let Some(vocal) = p.vocal {
        when.push(vocal.as_str().to_string());
    }
    if !when.is_empty() {
        col = col.push(text(when.join(" · ")).size(13));
    }
    if let Some(production) = production {
        let order = &production.timeline;
        if let Some(at) = order.iter().position(|&t| t == id) {
            let neighbour = |label: &'static str, other: Option<&TrackId>| {
                other.map(|&other| {
                    let t = &library.tracks[other];
                    let name = match t.cue {
                        Some(code) => format!("{code} {}", t.title_without_cue()),
                        None => t.title_without_cue().to_string(),
                    };
                    let scene = t.placement.scene.clone().unwrap_or_default();
                    button(
                        column![
                            text(format!("{label}: {name}")).size(12),
                            text(scene).size(11).color(muted),
                        ]
                        .spacing(1),
                    )
                    .width(Length::Fill)
                    .padding([4, 6])
                    .style(style::track_row(false))
                    .on_press(Message::Play(PlayMessage::Timeline(t.key())))
                })
            };
            col = col.push(space().height(4));
            if let Some(before) = neighbour("Before", at.checked_sub(1).and_then(|i| order.get(i)))
            {
                col = col.push(before);
            }
            if let Some(after) = neighbour("After", order.get(at + 1)) {
                col = col.push(after);
            }
        }
        let export = button(text("Export cues").size(11))
            .padding([2, 10])
            .style(style::chip(false));
        col = col.push(if ctx.demo() {
            export.into()
        } else {
            Element::from(export.on_press(Message::Edit(EditMessage::ExportCues(
                production.key.clone(),
            ))))
        });
    }
    col.into()
}
