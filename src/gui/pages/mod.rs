//! One module per page of the window; each draws from a [`Ctx`](super::view::Ctx)
//! and imports components, never another page.

use iced::widget::{column, container, text};
use iced::{Alignment, Element, Length, Theme};

use super::state::browse::Page;
use super::view::Ctx;
use super::{Message, style};
use crate::library::{Library, Medium};

pub mod composers;
pub mod grid;
pub mod library;
pub mod playlists;
pub mod problems;
pub mod production;
pub mod queue;
pub mod servers;

/// The id of the scrolling list of productions (as rows or a grid), so its
/// scroll position is one whichever way it is shown.
pub const LIST: &str = "library-list";

/// The page the user is on, over a loaded library.
pub fn view<'a>(ctx: &Ctx<'a>, library: &'a Library, theme: &Theme) -> Element<'a, Message> {
    // Playlists and the queue do not need a library: a playlist opened
    // from a file manager plays files wherever they are; nor do servers.
    match ctx.browse.page() {
        Page::Playlists => return playlists::view(ctx, theme),
        Page::Queue => return queue::view(ctx, theme),
        Page::Servers => return servers::view(ctx, theme),
        _ => {}
    }
    if library.productions.is_empty() {
        return centred(
            column![
                text("No music found").size(22),
                text("Start Leitmotif with a folder: leitmotif ~/Music").color(style::muted(theme)),
            ]
            .spacing(8)
            .align_x(Alignment::Center)
            .into(),
        );
    }
    if ctx.browse.problems_shown() {
        return problems::view(library, theme);
    }
    match ctx.browse.page() {
        Page::Production(key) => production::view(ctx, library, key, theme),
        Page::Composers => composers::view(ctx, library, theme),
        Page::Queue => queue::view(ctx, theme),
        Page::Playlists => playlists::view(ctx, theme),
        Page::Servers => servers::view(ctx, theme),
        Page::Library if ctx.browse.shelf().cards.is_empty() => {
            let search = ctx.browse.search().trim();
            let why = if !search.is_empty() {
                format!("Nothing matches “{search}”")
            } else if ctx.browse.filter() == Some(Medium::Other) {
                "No other music: albums that are not soundtracks show here".to_string()
            } else {
                "No productions of this medium yet".to_string()
            };
            centred(text(why).color(style::muted(theme)).into())
        }
        Page::Library if ctx.browse.grid() => grid::view(ctx, library, theme),
        Page::Library => library::view(ctx, library, theme),
    }
}

fn centred(content: Element<'_, Message>) -> Element<'_, Message> {
    container(content).center(Length::Fill).into()
}
