//! The window's frame, the same on every page: the header with the search,
//! the filter chips, notices and scan progress, the page itself, the
//! now-playing panel, the timeline strip and the transport bar.

use iced::widget::{Column, button, column, container, progress_bar, row, space, text, text_input};
use iced::{Alignment, Element, Length, Theme};

use crate::gui::components::{now_playing, transport};
use crate::gui::message::{
    BrowseMessage, LibraryMessage, LoudnessMessage, PlayMessage, PlaylistMessage,
};
use crate::gui::state::browse::{Page, SEARCH, Sort};
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::library::{Medium, ScanProgress};

/// The whole window: header, filters, notices, the page, the now-playing
/// panel, the timeline strip and the transport bar.
pub fn view<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let theme = ctx.theme();
    let body: Element<'_, Message> = match ctx.library() {
        None => container(
            text("Reading your music…")
                .size(18)
                .color(style::muted(&theme)),
        )
        .center(Length::Fill)
        .into(),
        Some(library) => crate::gui::pages::view(ctx, library, &theme),
    };

    let mut page = Column::new().push(header(ctx, &theme)).push(filters(ctx));
    if let Some(notice) = ctx.notice {
        page = page.push(
            container(
                container(text(notice).size(14))
                    .padding([10, 14])
                    .style(style::notice),
            )
            .padding([8, 24]),
        );
    }
    if let Some(counts) = ctx.scanning {
        page = page.push(scan_progress(counts, &theme));
    }
    if let Some(line) = loudness_progress(ctx, &theme) {
        page = page.push(line);
    }
    if let Some(error) = ctx.transport.last_error() {
        page =
            page.push(container(text(error).size(13).color(style::muted(&theme))).padding([0, 24]));
    }
    page = page.push(row![body, now_playing::panel(ctx)].height(Length::Fill));
    if let Some(strip) = crate::gui::components::timeline::view(ctx) {
        page = page.push(strip);
    }
    page.push(transport::view(ctx)).into()
}

fn header<'a>(ctx: &Ctx<'a>, theme: &Theme) -> Element<'a, Message> {
    let counts = ctx.library().map_or(String::new(), |l| {
        let other = l
            .productions
            .iter()
            .filter(|p| p.medium == Medium::Other)
            .count();
        let soundtracks = l.productions.len() - other;
        if other == 0 {
            format!("{soundtracks} productions · {} tracks", l.tracks.len())
        } else {
            format!(
                "{soundtracks} productions · {other} other albums · {} tracks",
                l.tracks.len()
            )
        }
    });
    let servers = *ctx.browse.page() == Page::Servers;
    container(
        row![
            text("Leitmotif")
                .size(26)
                .color(theme.extended_palette().primary.base.color),
            space().width(Length::Fixed(24.0)),
            text_input(
                "Search: title, composer, cue, scene  ( / )",
                ctx.browse.search()
            )
            .id(SEARCH)
            .on_input(|v| Message::Browse(BrowseMessage::Search(v)))
            .on_submit(Message::Play(PlayMessage::FirstMatch))
            .padding([8, 12])
            .width(Length::Fixed(360.0)),
            button(text("Add folder…").size(13))
                .padding([6, 12])
                .style(style::chip(false))
                .on_press(Message::Library(LibraryMessage::AddFolder)),
            button(text("Open…").size(13))
                .padding([6, 12])
                .style(style::chip(false))
                .on_press(Message::Playlist(PlaylistMessage::Pick)),
            // Beside the other ways music comes in (the chips below are full
            // at the default width): a page, shown and left like theirs.
            button(text("Servers").size(13))
                .padding([6, 12])
                .style(style::chip(servers))
                .on_press(Message::Browse(BrowseMessage::ShowPage(if servers {
                    Page::Library
                } else {
                    Page::Servers
                }))),
            space().width(Length::Fill),
            text(counts).size(14).color(style::muted(theme)),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .padding([16, 24])
    .into()
}

/// The filter chips (All, Film, TV, Game) and the problems button.
fn filters<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let chip = |label: &'static str, value: Option<Medium>| {
        let on = ctx.browse.filter() == value
            && !ctx.browse.problems_shown()
            && *ctx.browse.page() == Page::Library;
        button(text(label).size(13))
            .padding([4, 14])
            .style(style::chip(on))
            .on_press(Message::Browse(BrowseMessage::Filter(value)))
    };
    let mut bar = row![
        chip("All", None),
        chip("Film", Some(Medium::Film)),
        chip("TV", Some(Medium::Tv)),
        chip("Game", Some(Medium::Game)),
        space().width(Length::Fixed(8.0)),
        chip("Other music", Some(Medium::Other)),
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    for (label, page) in [
        ("Composers", Page::Composers),
        ("Queue", Page::Queue),
        ("Playlists", Page::Playlists),
    ] {
        bar = bar.push(
            button(text(label).size(13))
                .padding([4, 14])
                .style(style::chip(*ctx.browse.page() == page))
                .on_press(Message::Browse(BrowseMessage::ShowPage(
                    if *ctx.browse.page() == page {
                        Page::Library
                    } else {
                        page
                    },
                ))),
        );
    }
    bar = bar.push(space().width(Length::Fixed(16.0)));
    for (label, grid) in [("Grid", true), ("List", false)] {
        bar = bar.push(
            button(text(label).size(13))
                .padding([4, 12])
                .style(style::chip(ctx.browse.grid() == grid))
                .on_press(Message::Browse(BrowseMessage::SetGrid(grid))),
        );
    }
    bar = bar
        .push(space().width(Length::Fixed(16.0)))
        .push(text("Sort").size(13).color(style::muted(&ctx.theme())));
    for sort in Sort::ALL {
        bar = bar.push(
            button(text(sort.label()).size(13))
                .padding([4, 12])
                .style(style::chip(ctx.browse.sort() == sort))
                .on_press(Message::Browse(BrowseMessage::Sort(sort))),
        );
    }
    let problems = ctx.library().map_or(0, |l| l.problems.len());
    if problems > 0 {
        bar = bar.push(space().width(Length::Fixed(16.0))).push(
            button(text(format!("{problems} files could not be read")).size(13))
                .padding([4, 14])
                .style(style::chip(ctx.browse.problems_shown()))
                .on_press(Message::Browse(BrowseMessage::ShowProblems(
                    !ctx.browse.problems_shown(),
                ))),
        );
    }
    // A narrow window puts what does not fit on a second line.
    container(bar.wrap().vertical_spacing(8))
        .padding([0, 24])
        .into()
}

/// The scan's counts, with a bar once the number of files is known.
fn scan_progress<'a>(counts: ScanProgress, theme: &Theme) -> Element<'a, Message> {
    let done = counts.read + counts.failed;
    let label = if counts.files_seen == 0 {
        format!("Looking for music… {} folders", counts.folders_seen)
    } else {
        format!(
            "Scanning: {done} of {} files read · {} folders{}",
            counts.files_seen,
            counts.folders_seen,
            if counts.failed > 0 {
                format!(" · {} could not be read", counts.failed)
            } else {
                String::new()
            }
        )
    };
    container(
        row![
            text(label).size(13).color(style::muted(theme)),
            progress_bar(0.0..=counts.files_seen.max(1) as f32, done as f32)
                .girth(6)
                .length(Length::Fixed(260.0)),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .padding([6, 24])
    .into()
}

/// The loudness analysis while it runs: how far, and a pause.
fn loudness_progress<'a>(ctx: &Ctx<'a>, theme: &Theme) -> Option<Element<'a, Message>> {
    let loudness = ctx.loudness;
    let progress = loudness.progress().filter(|p| !p.finished)?;
    if !loudness.running() {
        return None;
    }
    let label = format!(
        "{}: {} of {} tracks{}",
        if loudness.paused() {
            "Loudness analysis paused"
        } else {
            "Measuring loudness"
        },
        progress.done,
        progress.total,
        if progress.failed > 0 {
            format!(" · {} could not be measured", progress.failed)
        } else {
            String::new()
        }
    );
    let toggle = button(text(if loudness.paused() { "Resume" } else { "Pause" }).size(12))
        .padding([2, 10])
        .style(style::chip(false))
        .on_press(Message::Loudness(LoudnessMessage::TogglePause));
    Some(
        container(
            row![
                text(label).size(13).color(style::muted(theme)),
                progress_bar(0.0..=progress.total.max(1) as f32, progress.done as f32)
                    .girth(6)
                    .length(Length::Fixed(260.0)),
                toggle,
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        )
        .padding([6, 24])
        .into(),
    )
}

/// Shown over the window while files are dragged over it.
pub fn drop_overlay<'a>(theme: &Theme) -> Element<'a, Message> {
    let accent = theme.extended_palette().primary.base.color;
    container(
        container(
            column![
                text("Drop to add to your library").size(26),
                text("Folders are scanned for music; nothing is moved or changed.")
                    .size(14)
                    .color(style::muted(theme)),
            ]
            .spacing(8)
            .align_x(Alignment::Center),
        )
        .padding(40)
        .style(move |t: &Theme| container::Style {
            border: iced::Border {
                radius: 16.0.into(),
                width: 2.0,
                color: accent,
            },
            ..style::card_solid(t)
        }),
    )
    .center(Length::Fill)
    .style(|_t: &Theme| container::Style {
        background: Some(iced::Background::Color(iced::Color::from_rgba(
            0.0, 0.0, 0.0, 0.55,
        ))),
        ..container::Style::default()
    })
    .into()
}
