//! The playlists page: the queue saved under a name, every playlist saved
//! or opened, and the one chosen in full: what it plays, and each entry
//! that names no file here with its line.

use iced::widget::{Column, button, column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length, Theme};

use crate::gui::message::PlaylistMessage;
use crate::gui::state::playlists::Known;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};

/// The name field's id.
pub const NAME: &str = "playlist-name";

/// The playlists page's body.
pub fn view<'a>(ctx: &Ctx<'a>, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let playlists = ctx.playlists;
    let queue = ctx.transport.queue().len();
    let save = row![
        text_input("Name, e.g. Road trip", playlists.name())
            .id(NAME)
            .on_input(|v| Message::Playlist(PlaylistMessage::Name(v)))
            .on_submit(Message::Playlist(PlaylistMessage::SaveQueue))
            .padding([6, 10])
            .width(Length::Fixed(260.0)),
        button(text(format!("Save the queue ({})", tracks(queue))).size(13))
            .padding([6, 12])
            .style(style::chip(true))
            .on_press_maybe((queue > 0).then_some(Message::Playlist(PlaylistMessage::SaveQueue))),
        button(text("Open…").size(13))
            .padding([6, 12])
            .style(style::chip(false))
            .on_press(Message::Playlist(PlaylistMessage::Pick)),
    ]
    .spacing(10)
    .align_y(Alignment::Center);
    let whereto = playlists.folder().map_or_else(
        || "Playlists cannot be saved: no home folder.".to_string(),
        |f| format!("Saved as M3U8 in {}", f.display()),
    );

    let selected = playlists.selected().map(|k| k.path.clone());
    let list = Column::with_children(playlists.known().iter().map(|known| {
        let on = selected.as_ref() == Some(&known.path);
        let detail = match &known.read {
            Ok(list) if list.problems.is_empty() => tracks(list.entries.len()),
            Ok(list) => format!(
                "{} · {} left out",
                tracks(list.entries.len()),
                list.problems.len()
            ),
            Err(_) => "cannot be read".to_string(),
        };
        button(
            column![
                text(known.name()).size(15),
                text(detail).size(12).color(muted)
            ]
            .spacing(2),
        )
        .width(Length::Fill)
        .padding([6, 10])
        .style(style::track_row(on))
        .on_press(Message::Playlist(PlaylistMessage::Select(
            known.path.clone(),
        )))
        .into()
    }))
    .spacing(4)
    .width(Length::Fixed(260.0));
    let list: Element<'_, Message> = if playlists.known().is_empty() {
        text("No playlists yet: save the queue, or open one (Ctrl+O, or drop it on the window).")
            .size(13)
            .color(muted)
            .width(Length::Fixed(260.0))
            .into()
    } else {
        scrollable(list).height(Length::Fill).into()
    };
    let detail = playlists.selected().map_or_else(
        || space().width(Length::Fill).into(),
        |known| entries(ctx, known, theme),
    );

    column![
        text("Playlists").size(20),
        save,
        text(whereto).size(12).color(muted),
        space().height(4),
        row![list, detail].spacing(20).height(Length::Fill),
    ]
    .spacing(10)
    .padding([16, 24])
    .width(Length::Fill)
    .into()
}

/// "1 track", "5 tracks".
fn tracks(n: usize) -> String {
    if n == 1 {
        "1 track".to_string()
    } else {
        format!("{n} tracks")
    }
}

/// One playlist in full: play it, what it plays, and what it left out.
fn entries<'a>(ctx: &Ctx<'a>, known: &'a Known, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let mut col: Column<'a, Message> = column![
        row![
            text(known.name()).size(18).width(Length::Fill),
            button(text("Play").size(13))
                .padding([4, 14])
                .style(style::chip(true))
                .on_press_maybe(
                    known
                        .read
                        .as_ref()
                        .is_ok_and(|l| !l.entries.is_empty())
                        .then(|| Message::Playlist(PlaylistMessage::Play(known.path.clone())))
                ),
        ]
        .align_y(Alignment::Center),
        text(known.path.display().to_string()).size(11).color(muted),
    ]
    .spacing(4);
    let list = match &known.read {
        Ok(list) => list,
        Err(e) => {
            return col
                .push(text(e.clone()).size(13))
                .push(
                    text("Check that the file is there and is a playlist, then open it again.")
                        .size(12)
                        .color(muted),
                )
                .width(Length::Fill)
                .into();
        }
    };
    let library = ctx.library();
    for (n, entry) in list.entries.iter().enumerate() {
        let track = library.and_then(|l| Some(&l.tracks[ctx.track_of(&entry.path)?]));
        let title = track
            .map(|t| t.title.clone())
            .or_else(|| entry.title.clone())
            .unwrap_or_else(|| {
                entry
                    .path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
        let playing = ctx.transport.now().path.as_ref() == Some(&entry.path);
        col = col.push(
            row![
                text(if playing {
                    "▶".to_string()
                } else {
                    format!("{}", n + 1)
                })
                .size(12)
                .width(Length::Fixed(30.0))
                .color(muted),
                text(title).size(14).width(Length::Fill),
                text(if track.is_some() {
                    ""
                } else {
                    "not in the library"
                })
                .size(11)
                .color(muted),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
    }
    if !list.problems.is_empty() {
        col = col.push(space().height(8)).push(
            text(format!(
                "Left out ({}): these entries name no file here",
                list.problems.len()
            ))
            .size(13)
            .color(style::category_color(crate::library::Category::Song)),
        );
        col = col.push(
            text(concat!(
                "The rest plays. To bring these back, put the files where the lines say ",
                "(paths are read from the playlist's folder), or play them and save the ",
                "queue as a new playlist.",
            ))
            .size(12)
            .color(muted),
        );
        for problem in &list.problems {
            col = col.push(
                container(
                    column![
                        text(format!("{}: {}", problem.place, problem.reason)).size(12),
                        text(problem.text.clone()).size(11).color(muted),
                    ]
                    .spacing(1),
                )
                .padding([2, 0]),
            );
        }
    }
    scrollable(col.width(Length::Fill))
        .height(Length::Fill)
        .width(Length::Fill)
        .into()
}
