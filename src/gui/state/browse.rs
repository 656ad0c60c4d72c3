//! Browsing: what the library page lists (search, medium filter, sort, list
//! or grid, where it is scrolled), which page shows, and the overlays.

use iced::Task;

use super::shelf::{self, Shelf};
use crate::gui::message::{BrowseMessage, Message};
use crate::library::{Library, Medium, ProductionKey};

/// The search field's id, for the `/` key to focus it.
pub const SEARCH: &str = "search";

/// How productions are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// A to Z.
    #[default]
    Title,
    /// Newest first.
    Year,
    /// Most recently added first.
    Added,
}

impl Sort {
    /// Every order, as the chips show them.
    pub const ALL: [Sort; 3] = [Sort::Title, Sort::Year, Sort::Added];

    /// The chip's label.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Title => "Title",
            Sort::Year => "Year",
            Sort::Added => "Recently added",
        }
    }
}

/// Which page the main area shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Page {
    /// Every production.
    #[default]
    Library,
    /// One production.
    Production(ProductionKey),
    /// Composers and their productions.
    Composers,
    /// What plays next.
    Queue,
    /// Playlists saved and opened.
    Playlists,
    /// The library's Subsonic servers.
    Servers,
}

/// What browsing tells the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowseEvent {
    /// The filter, sort, grid or problems view changed: remember it.
    ViewChanged,
    /// Esc left a page or an overlay: editors on it close.
    Left,
}

/// The browsing state.
#[derive(Debug, Default)]
pub struct Browse {
    search: String,
    filter: Option<Medium>,
    sort: Sort,
    shelf: Shelf,
    /// Each track's searchable text, lower-cased once per library.
    haystacks: Vec<String>,
    /// The library list's scroll position and height.
    scroll: (f32, f32),
    /// The library list's width (how many tiles fit a row of the grid).
    list_width: f32,
    grid: bool,
    page: Page,
    show_problems: bool,
    show_help: bool,
}

impl Browse {
    /// Browsing as it was left: filter, sort, grid or list, problems shown.
    pub fn new(filter: Option<Medium>, sort: Sort, grid: bool, problems: bool) -> Browse {
        Browse {
            filter,
            sort,
            grid,
            show_problems: problems,
            scroll: (0.0, 1200.0),
            list_width: 800.0,
            ..Browse::default()
        }
    }

    /// What the search field holds.
    pub fn search(&self) -> &str {
        &self.search
    }
    /// The medium the library is filtered to.
    pub fn filter(&self) -> Option<Medium> {
        self.filter
    }
    /// How productions are ordered.
    pub fn sort(&self) -> Sort {
        self.sort
    }
    /// What the library page lists.
    pub fn shelf(&self) -> &Shelf {
        &self.shelf
    }
    /// The list's scroll offset and height.
    pub fn scroll(&self) -> (f32, f32) {
        self.scroll
    }
    /// The list's width.
    pub fn list_width(&self) -> f32 {
        self.list_width
    }
    /// Productions as a grid of covers.
    pub fn grid(&self) -> bool {
        self.grid
    }
    /// The page the main area shows.
    pub fn page(&self) -> &Page {
        &self.page
    }
    /// Whether the problems list is showing.
    pub fn problems_shown(&self) -> bool {
        self.show_problems
    }
    /// Whether the keyboard shortcuts overlay is showing.
    pub fn help_shown(&self) -> bool {
        self.show_help
    }

    /// Shows `page` (a playlist opened shows the playlists).
    pub fn show(&mut self, page: Page) {
        self.page = page;
        self.show_problems = false;
    }

    /// A new library: search texts made again, the list worked out again, a
    /// production page that is gone left.
    pub fn set_library(&mut self, library: &Library) {
        if let Page::Production(key) = &self.page
            && library.production_by_key(key).is_none()
        {
            self.page = Page::Library;
        }
        self.haystacks = shelf::haystacks(library);
        self.refresh(Some(library));
    }

    /// One track's text changed (a scene note): its search text again.
    pub fn track_changed(&mut self, library: &Library, id: crate::library::TrackId) {
        if let (Some(hay), Some(track)) = (self.haystacks.get_mut(id), library.tracks.get(id)) {
            *hay = shelf::haystack(track);
        }
        self.refresh(Some(library));
    }

    /// Works out the library page's list again (search, filter, sort or data changed).
    pub fn refresh(&mut self, library: Option<&Library>) {
        let query = self.search.trim().to_lowercase();
        self.shelf = match library {
            Some(library) => Shelf::build(library, &self.haystacks, self.filter, &query, self.sort),
            None => Shelf::default(),
        };
    }

    /// Handles one message.
    pub fn update(
        &mut self,
        message: BrowseMessage,
        library: Option<&Library>,
    ) -> (Task<Message>, Option<BrowseEvent>) {
        let mut event = None;
        match message {
            BrowseMessage::ShowPage(page) => {
                self.page = page;
                self.show_problems = false;
            }
            BrowseMessage::OpenProduction(key) => {
                self.page = Page::Production(key);
                self.show_problems = false;
            }
            BrowseMessage::Search(text) => {
                self.search = text;
                self.refresh(library);
            }
            BrowseMessage::Sort(sort) => {
                self.sort = sort;
                self.refresh(library);
                event = Some(BrowseEvent::ViewChanged);
            }
            BrowseMessage::Scrolled { top, height, width } => {
                self.scroll = (top, height);
                self.list_width = width;
            }
            BrowseMessage::SetGrid(on) => {
                self.grid = on;
                self.scroll.0 = 0.0;
                event = Some(BrowseEvent::ViewChanged);
            }
            BrowseMessage::FocusSearch => {
                return (iced::widget::operation::focus(SEARCH), None);
            }
            BrowseMessage::Escape => event = Some(self.escape(library)),
            BrowseMessage::ToggleHelp => self.show_help = !self.show_help,
            BrowseMessage::Filter(medium) => {
                self.filter = medium;
                self.page = Page::Library;
                self.show_problems = false;
                self.refresh(library);
                event = Some(BrowseEvent::ViewChanged);
            }
            BrowseMessage::ShowProblems(show) => {
                self.show_problems = show;
                event = Some(BrowseEvent::ViewChanged);
            }
        }
        (Task::none(), event)
    }

    /// Esc: the overlay closes, else a page is left, else the search clears.
    fn escape(&mut self, library: Option<&Library>) -> BrowseEvent {
        if self.show_help {
            self.show_help = false;
        } else if self.page != Page::Library {
            self.page = Page::Library;
        } else {
            self.search.clear();
            self.show_problems = false;
            self.refresh(library);
        }
        BrowseEvent::Left
    }
}
