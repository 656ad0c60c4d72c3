//! The Servers page: the library's Subsonic servers, each with its address,
//! user, tracks and whether its albums were last read; a form to add one
//! (the password field shows dots); Refresh and Remove beside each.

use iced::widget::{Column, button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Theme};

use crate::gui::message::ServersMessage;
use crate::gui::state::servers::Said;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::server::add::Listed;

/// The address field's id.
pub const URL: &str = "server-url";

fn servers(m: ServersMessage) -> Message {
    Message::Servers(m)
}

/// The Servers page's body.
pub fn view<'a>(ctx: &Ctx<'a>, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let state = ctx.servers;
    let idle = state.busy().is_none();
    let list: Element<'a, Message> = if state.listed().is_empty() {
        text("No server yet. Add one below: its albums join your productions.")
            .size(13)
            .color(muted)
            .into()
    } else {
        Column::with_children(
            state
                .listed()
                .iter()
                .map(|l| server_row(ctx, l, idle, theme)),
        )
        .spacing(6)
        .into()
    };
    let add = |ready: bool| ready.then_some(servers(ServersMessage::Add));
    let form =
        column![
            text("Add a server").size(16),
            row![
                text_input("https://music.example.org", state.url())
                    .id(URL)
                    .on_input(|v| servers(ServersMessage::Url(v)))
                    .on_submit_maybe(add(idle))
                    .padding([6, 10])
                    .width(Length::Fixed(240.0)),
                text_input("User name", state.user())
                    .on_input(|v| servers(ServersMessage::User(v)))
                    .on_submit_maybe(add(idle))
                    .padding([6, 10])
                    .width(Length::Fixed(160.0)),
                text_input("Password", state.password())
                    .secure(true)
                    .on_input(|v| servers(ServersMessage::Password(
                        crate::server::auth::Secret::new(v)
                    )))
                    .on_submit_maybe(add(idle))
                    .padding([6, 10])
                    .width(Length::Fixed(160.0)),
                button(text("Add server").size(13))
                    .padding([6, 12])
                    .style(style::chip(true))
                    .on_press_maybe(add(idle)),
            ]
            .spacing(10)
            .align_y(Alignment::Center)
            // A narrow window puts the password and the button on a second line.
            .wrap()
            .vertical_spacing(8),
            text(
                "The password is checked with the server, then kept in your keyring (or a file \
             only you can read); never in the library."
            )
            .size(12)
            .color(muted),
        ]
        .spacing(8);
    let mut page = column![
        text("Servers").size(20),
        text("Subsonic servers: Navidrome, gonic, Airsonic, Ampache, LMS, supysonic…")
            .size(12)
            .color(muted),
        list,
        form,
    ]
    .spacing(12);
    if let Some(busy) = state.busy() {
        page = page.push(text(busy.to_string()).size(13).color(muted));
    }
    match state.said() {
        Some(Said::Done(what)) => page = page.push(text(what.clone()).size(13)),
        Some(Said::Failed(why)) => {
            page = page.push(
                container(text(why.clone()).size(14))
                    .padding([10, 14])
                    .style(style::notice),
            );
        }
        None => {}
    }
    scrollable(page.padding([16, 24]).width(Length::Fill))
        .height(Length::Fill)
        .into()
}

/// One server: where, who, how much, when last read; Refresh and Remove.
fn server_row<'a>(
    ctx: &Ctx<'a>,
    listed: &'a Listed,
    idle: bool,
    theme: &Theme,
) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let server = &listed.server;
    let state = ctx.servers;
    let read = match (state.failed(&server.key), server.refreshed) {
        (Some(why), Some(t)) => format!(
            "the last refresh failed: {why}; as read {}",
            crate::library::remote::ago(t)
        ),
        (Some(why), None) => format!("the last refresh failed: {why}"),
        (None, Some(t)) => format!("read {}", crate::library::remote::ago(t)),
        (None, None) => "never read".to_string(),
    };
    let kept = if listed.kept.is_some() {
        ""
    } else {
        " · no password kept"
    };
    let detail = format!(
        "as {} · {} tracks · {read}{kept}",
        server.user, listed.tracks
    );
    let actions: Element<'a, Message> = if state.removing() == Some(server.key.as_str()) {
        row![
            text(format!("Remove it and its {} tracks?", listed.tracks)).size(13),
            button(text("Remove").size(13))
                .padding([4, 12])
                .style(style::chip(true))
                .on_press_maybe(
                    idle.then(|| servers(ServersMessage::ConfirmRemove(server.key.clone())))
                ),
            button(text("Keep").size(13))
                .padding([4, 12])
                .style(style::chip(false))
                .on_press(servers(ServersMessage::KeepIt)),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into()
    } else {
        row![
            button(text("Refresh").size(13))
                .padding([4, 12])
                .style(style::chip(false))
                .on_press_maybe(idle.then(|| servers(ServersMessage::Refresh(server.key.clone())))),
            button(text("Remove…").size(13))
                .padding([4, 12])
                .style(style::chip(false))
                .on_press_maybe(idle.then(|| servers(ServersMessage::Remove(server.key.clone())))),
        ]
        .spacing(8)
        .into()
    };
    container(
        row![
            column![
                text(server.url.clone()).size(15),
                text(detail).size(12).color(muted)
            ]
            .spacing(2)
            .width(Length::Fill),
            actions,
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .padding([8, 12])
    .style(style::card)
    .into()
}
