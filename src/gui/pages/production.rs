//! One production: cover, title, medium, year, composers; its score, songs and
//! unknown tracks; playing all or one section; renaming it and setting its medium.

use iced::widget::{Column, button, column, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length, Theme};

use crate::gui::components::layer::blocks;
use crate::gui::components::now_playing::cover;
use crate::gui::components::track_row;
use crate::gui::message::{EditMessage, PlayMessage};
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::library::{Category, Library, Medium, ProductionKey};

/// The production page's body.
pub fn view<'a>(
    ctx: &Ctx<'a>,
    library: &'a Library,
    key: &ProductionKey,
    theme: &Theme,
) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let Some((index, production)) = library
        .production_by_key(key)
        .and_then(|index| Some((index, library.productions.get(index)?)))
    else {
        return text("This production is no longer in the library.").into();
    };
    let play = |label: &'static str, only: Option<Category>| {
        button(text(label).size(13))
            .padding([4, 12])
            .style(style::chip(false))
            .on_press(Message::Play(PlayMessage::Production(
                production.key.clone(),
                only,
            )))
    };
    let medium_chip = |medium: Medium| {
        button(text(medium.label()).size(12))
            .padding([3, 10])
            .style(style::chip(production.medium == medium))
            .on_press(Message::Edit(EditMessage::SetMedium(
                production.key.clone(),
                medium,
            )))
    };
    let title_editor: Element<'a, Message> = match ctx.edits.renaming() {
        Some((renamed, draft)) if renamed == key => row![
            text_input("Title", draft)
                .on_input(|v| Message::Edit(EditMessage::RenameDraft(v)))
                .on_submit(Message::Edit(EditMessage::RenameSave))
                .size(18)
                .width(Length::Fixed(360.0)),
            button(text("Save").size(12))
                .padding([3, 12])
                .style(style::chip(true))
                .on_press(Message::Edit(EditMessage::RenameSave)),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into(),
        _ => row![
            text(&production.title).size(28),
            button(text("Rename").size(11))
                .padding([2, 10])
                .style(style::chip(false))
                .on_press(Message::Edit(EditMessage::RenameStart(
                    production.key.clone()
                ))),
        ]
        .spacing(12)
        .align_y(Alignment::Center)
        .into(),
    };
    let facts: Vec<String> = [
        production.year.map(|y| y.to_string()),
        (!production.composers.is_empty())
            .then(|| format!("Music by {}", production.composers.join(", "))),
        (!production.albums.is_empty()).then(|| production.albums.join(" · ")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let header = row![
        cover(ctx, index, &production.title, 150.0),
        column![
            title_editor,
            row(facts
                .into_iter()
                .map(|f| text(f).size(13).color(muted).into()))
            .spacing(16)
            .wrap(),
            row(Medium::ALL
                .into_iter()
                .filter(|m| *m != Medium::Unknown)
                .map(|m| medium_chip(m).into()))
            .spacing(6),
            if production.medium == Medium::Other {
                row![play("Play all", None)]
            } else {
                row![
                    play("Play all", None),
                    play("Play score only", Some(Category::Score)),
                    play("Play songs only", Some(Category::Song)),
                ]
            }
            .spacing(8),
        ]
        .spacing(10),
    ]
    .spacing(20);
    const SPACING: f32 = 6.0;
    let mut body = Column::new().push(header).spacing(SPACING);
    // The production's arc: its cues along its runtime, each as loud as it is.
    if let Some(strip) = crate::gui::components::timeline::large(ctx, library, index) {
        let caption = if library.productions[index]
            .timeline
            .iter()
            .any(|&t| ctx.loudness.shape_of(library, t).is_some())
        {
            "The production's arc: each cue's loudness along the timeline"
        } else {
            "Timeline (the arc of loudness appears as the tracks are measured)"
        };
        body = body
            .push(space().height(8))
            .push(text(caption).size(12).color(muted))
            .push(strip);
    }
    let other = production.medium == Medium::Other;
    let sections: &[(Category, &str)] = if other {
        &[(Category::Unknown, "Tracks")]
    } else {
        &[
            (Category::Score, "Score"),
            (Category::Song, "Songs"),
            (Category::Unknown, "Unknown"),
        ]
    };
    for &(category, heading) in sections {
        let ids: Vec<usize> = production
            .tracks
            .iter()
            .copied()
            .filter(|&t| other || library.tracks[t].category == category)
            .collect();
        if ids.is_empty() {
            continue;
        }
        body = body.push(space().height(10)).push(
            text(format!("{heading} · {}", ids.len()))
                .size(14)
                .color(style::category_color(category)),
        );
        body = body.extend(blocks(
            ids.into_iter()
                .map(|id| track_row::view(ctx, library, id, theme)),
            SPACING,
        ));
    }
    // Its themes on compilations of film music, found here too.
    if !production.also.is_empty() {
        body = body.push(space().height(10)).push(
            text(format!("Also on compilations · {}", production.also.len()))
                .size(14)
                .color(muted),
        );
        body = body.extend(blocks(
            production
                .also
                .iter()
                .map(|&id| track_row::view(ctx, library, id, theme)),
            SPACING,
        ));
    }
    scrollable(body.padding([16, 24]))
        .height(Length::Fill)
        .into()
}
