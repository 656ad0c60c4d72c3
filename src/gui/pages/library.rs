//! The library page: every production, its score and its songs.

use iced::widget::{
    Column, button, column, container, progress_bar, row, scrollable, space, text, text_input,
};
use iced::{Alignment, Element, Length, Theme};

use crate::clock;
use crate::gui::components::{now_playing, transport};
use crate::gui::pages::Page;
use crate::gui::shelf::{Card, Sort, size};
use crate::gui::{App, Message, style};
use crate::library::{Category, Library, Medium, ScanProgress, TrackId};

/// The whole window while the library page shows.
pub fn view(app: &App) -> Element<'_, Message> {
    let theme = app.theme();
    let body: Element<'_, Message> = match &app.library {
        None => container(
            text("Reading your music…")
                .size(18)
                .color(style::muted(&theme)),
        )
        .center(Length::Fill)
        .into(),
        Some(library) if library.productions.is_empty() => container(
            column![
                text("No music found").size(22),
                text("Start Leitmotif with a folder: leitmotif ~/Music")
                    .color(style::muted(&theme)),
            ]
            .spacing(8)
            .align_x(Alignment::Center),
        )
        .center(Length::Fill)
        .into(),
        Some(library) if app.show_problems => problems_list(library, &theme),
        Some(library) if app.page != Page::Library => match &app.page {
            Page::Production(key) => super::production::view(app, library, key, &theme),
            Page::Composers => super::composers::view(app, library, &theme),
            _ => super::queue::view(app, &theme),
        },
        Some(library) => {
            if app.shelf.cards.is_empty() {
                container(
                    text(
                        if app.search.trim().is_empty() && app.filter == Some(Medium::Other) {
                            "No other music: albums that are not soundtracks show here".to_string()
                        } else if app.search.trim().is_empty() {
                            "No productions of this medium yet".to_string()
                        } else {
                            format!("Nothing matches “{}”", app.search.trim())
                        },
                    )
                    .color(style::muted(&theme)),
                )
                .center(Length::Fill)
                .into()
            } else if app.grid {
                super::grid::view(app, library, &theme)
            } else {
                shelf_view(app, library, &theme)
            }
        }
    };

    let mut page = Column::new().push(header(app, &theme)).push(filters(app));
    if let Some(notice) = &app.notice {
        page = page.push(
            container(
                container(text(notice.clone()).size(14))
                    .padding([10, 14])
                    .style(style::notice),
            )
            .padding([8, 24]),
        );
    }
    if let Some(counts) = app.scanning {
        page = page.push(scan_progress(counts, &theme));
    }
    if let Some(error) = &app.last_error {
        page = page.push(
            container(text(error.clone()).size(13).color(style::muted(&theme))).padding([0, 24]),
        );
    }
    page = page.push(row![body, now_playing::panel(app)].height(Length::Fill));
    if let Some(strip) = crate::gui::components::timeline::view(app) {
        page = page.push(strip);
    }
    page.push(transport::view(app)).into()
}

fn header<'a>(app: &'a App, theme: &Theme) -> Element<'a, Message> {
    let counts = app.library.as_ref().map_or(String::new(), |l| {
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
    container(
        row![
            text("Leitmotif")
                .size(26)
                .color(theme.extended_palette().primary.base.color),
            space().width(Length::Fixed(24.0)),
            text_input("Search: title, composer, cue, scene  ( / )", &app.search)
                .id(SEARCH)
                .on_input(Message::Search)
                .on_submit(Message::PlayFirstMatch)
                .padding([8, 12])
                .width(Length::Fixed(420.0)),
            button(text("Add folder…").size(13))
                .padding([6, 12])
                .style(style::chip(false))
                .on_press(Message::AddFolder),
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
fn filters(app: &App) -> Element<'_, Message> {
    let chip = |label: &'static str, value: Option<Medium>| {
        let on = app.filter == value && !app.show_problems && app.page == Page::Library;
        button(text(label).size(13))
            .padding([4, 14])
            .style(style::chip(on))
            .on_press(Message::Filter(value))
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
    for (label, page) in [("Composers", Page::Composers), ("Queue", Page::Queue)] {
        bar = bar.push(
            button(text(label).size(13))
                .padding([4, 14])
                .style(style::chip(app.page == page))
                .on_press(Message::ShowPage(if app.page == page {
                    Page::Library
                } else {
                    page
                })),
        );
    }
    bar = bar.push(space().width(Length::Fixed(16.0)));
    for (label, grid) in [("Grid", true), ("List", false)] {
        bar = bar.push(
            button(text(label).size(13))
                .padding([4, 12])
                .style(style::chip(app.grid == grid))
                .on_press(Message::SetGrid(grid)),
        );
    }
    bar = bar
        .push(space().width(Length::Fixed(16.0)))
        .push(text("Sort").size(13).color(style::muted(&app.theme())));
    for sort in Sort::ALL {
        bar = bar.push(
            button(text(sort.label()).size(13))
                .padding([4, 12])
                .style(style::chip(app.sort == sort))
                .on_press(Message::Sort(sort)),
        );
    }
    let problems = app.library.as_ref().map_or(0, |l| l.problems.len());
    if problems > 0 {
        bar = bar.push(space().width(Length::Fixed(16.0))).push(
            button(text(format!("{problems} files could not be read")).size(13))
                .padding([4, 14])
                .style(style::chip(app.show_problems))
                .on_press(Message::ShowProblems(!app.show_problems)),
        );
    }
    // A narrow window puts what does not fit on a second line.
    container(bar.wrap().vertical_spacing(8))
        .padding([0, 24])
        .into()
}

/// Files that could not be read, and why.
fn problems_list<'a>(library: &'a Library, theme: &Theme) -> Element<'a, Message> {
    let muted = style::muted(theme);
    let rows = library.problems.iter().map(|p| {
        column![
            text(p.path.display().to_string()).size(14),
            text(p.error.clone()).size(13).color(muted),
        ]
        .spacing(2)
        .into()
    });
    scrollable(Column::with_children(rows).spacing(12).padding([16, 24]))
        .height(Length::Fill)
        .into()
}

/// The search field's id, for the `/` key to focus it.
pub const SEARCH: &str = "search";

/// Only the cards in view are built; spacers stand for the others, so the
/// scroll bar and positions stay true.
fn shelf_view<'a>(app: &'a App, library: &'a Library, theme: &Theme) -> Element<'a, Message> {
    let shelf = &app.shelf;
    let (top, height) = app.scroll;
    let range = shelf.visible(top, height);
    let above = shelf.tops.get(range.start).copied().unwrap_or(0.0);
    let below = shelf.height() - shelf.tops.get(range.end).copied().unwrap_or(shelf.height());
    let mut list = Column::new().push(space().height(above));
    for card in &shelf.cards[range] {
        list = list
            .push(production_card(app, library, card, theme))
            .push(space().height(size::BETWEEN));
    }
    list = list.push(space().height(below.max(0.0)));
    scrollable(container(list).padding([16, 24]))
        .id(LIST)
        .on_scroll(|viewport| Message::Scrolled {
            top: viewport.absolute_offset().y - 16.0,
            height: viewport.bounds().height,
            width: viewport.bounds().width,
        })
        .height(Length::Fill)
        .into()
}

/// The library list's id.
pub const LIST: &str = "library-list";

fn production_card<'a>(
    app: &'a App,
    library: &'a Library,
    card: &'a Card,
    theme: &Theme,
) -> Element<'a, Message> {
    let index = card.production;
    let production = &library.productions[index];
    let meta: Vec<String> = [
        Some(production.medium.label().to_string()),
        production.year.map(|y| y.to_string()),
        (!production.composers.is_empty()).then(|| production.composers.join(", ")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let play = |label: &'static str, only: Option<Category>| {
        button(text(label).size(13))
            .padding([4, 12])
            .style(style::chip(false))
            .on_press(Message::PlayProduction(production.key.clone(), only))
    };
    let mut title_row = row![
        button(text(&production.title).size(22))
            .padding(0)
            .style(style::link)
            .on_press(Message::OpenProduction(production.key.clone())),
        space().width(Length::Fill),
        play("Play all", None),
    ];
    if !card.other {
        title_row = title_row
            .push(play("Play score", Some(Category::Score)))
            .push(play("Play songs", Some(Category::Song)));
    }
    let mut column = column![
        title_row
            .spacing(8)
            .height(Length::Fixed(size::HEADER))
            .align_y(Alignment::Center),
        text(meta.join(" · "))
            .size(14)
            .height(Length::Fixed(size::META))
            .color(style::muted(theme)),
    ];
    for (category, ids) in &card.sections {
        let heading = match category {
            _ if card.other => "Tracks",
            Category::Score => "Score",
            Category::Song => "Songs",
            Category::Unknown => "Unknown",
        };
        column = column.push(space().height(size::GAP)).push(
            text(format!("{heading} · {}", ids.len()))
                .size(13)
                .height(Length::Fixed(size::LABEL))
                .color(style::category_color(*category)),
        );
        for &id in ids {
            column = column.push(track_row(app, library, id, theme));
        }
    }
    container(column.padding(size::PAD))
        .width(Length::Fill)
        .height(Length::Fixed(card.height()))
        .style(style::card)
        .into()
}

/// One track: cue code, title, performer, category badge, length; a click plays it.
pub fn track_row<'a>(
    app: &'a App,
    library: &'a Library,
    id: TrackId,
    theme: &Theme,
) -> Element<'a, Message> {
    let track = &library.tracks[id];
    let cue = track.cue.map(|c| c.to_string()).unwrap_or_default();
    let current = app.now.path.as_ref() == Some(&track.path);
    let muted = style::muted(theme);
    button(
        row![
            text(cue)
                .size(13)
                .width(Length::Fixed(52.0))
                .color(style::category_color(track.category)),
            text(track.title_without_cue()).size(15).width(Length::Fill),
            text(track.artist().unwrap_or_default())
                .size(13)
                .width(Length::Fixed(240.0))
                .color(muted),
            container(text(track.category.label()).size(11))
                .padding([1, 0])
                .width(Length::Fixed(64.0))
                .center_x(Length::Fixed(64.0))
                .style(style::badge(track.category)),
            text(clock::format(track.duration()))
                .size(13)
                .width(Length::Fixed(48.0))
                .color(muted),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .width(Length::Fill)
    .height(Length::Fixed(size::ROW))
    .padding([6, 10])
    .style(style::track_row(current))
    .on_press(Message::PlayTrack(track.key()))
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
