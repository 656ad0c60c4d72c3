//! The timeline strip: the production's cues along its runtime (or in cue
//! order when no times are known), score and songs told apart, the playing
//! cue highlighted with a moving playhead. Clicking a cue plays it. Cues
//! whose loudness was measured are drawn as their envelope, so the strip is
//! the production's arc: where the music swells and where it falls quiet.
//! The production page shows the same strip large.

use std::time::Duration;

use iced::widget::canvas::{self, Frame, Path, Stroke, Text};
use iced::widget::{canvas as canvas_widget, column, container, row, text};
use iced::{Color, Element, Length, Point, Rectangle, Renderer, Size, Theme, mouse};

use crate::cue::time;
use crate::gui::message::PlayMessage;
use crate::gui::state::loudness::Shape;
use crate::gui::view::Ctx;
use crate::gui::{Message, style};
use crate::library::{Category, Library, Medium, Production, TrackId, TrackKey};

/// One cue on the strip, placed between two fractions of its width.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The track.
    pub id: TrackId,
    /// The same track as a click names it (a reload may move `id`).
    pub key: TrackKey,
    /// Left edge, 0 to 1.
    pub from: f32,
    /// Right edge, 0 to 1.
    pub to: f32,
    /// Score, song or unknown: its colour.
    pub category: Category,
    /// Shown when the pointer is over it: "2M3 The Signal · 0:31:20".
    pub label: String,
    /// Its loudness along its length, once measured.
    pub shape: Option<Shape>,
}

/// A labelled run of cues: an episode, a game area, or the unplaced cues.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Left edge, 0 to 1.
    pub from: f32,
    /// Right edge, 0 to 1.
    pub to: f32,
    /// "S01E03", "Area 1", "not placed".
    pub label: String,
}

/// The whole strip, worked out from the library (no drawing here).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Strip {
    /// The cues, in timeline order.
    pub segments: Vec<Segment>,
    /// Episode or area labels; empty for a film placed by time.
    pub groups: Vec<Group>,
    /// The playing cue.
    pub current: Option<TrackId>,
    /// Where the playhead is, 0 to 1.
    pub playhead: Option<f32>,
    /// Whether cues sit at their times in the runtime (else in order).
    pub timed: bool,
}

const GAP: f32 = 0.004;

impl Strip {
    /// Lays out `production`'s timeline with `current` playing at `position`,
    /// each cue drawn as its envelope where `shape` knows it.
    pub fn new(
        library: &Library,
        production: &Production,
        current: Option<TrackId>,
        position: Duration,
        shape: &dyn Fn(TrackId) -> Option<Shape>,
    ) -> Strip {
        let tracks = &library.tracks;
        let order = &production.timeline;
        let label = |id: TrackId| {
            let t = &tracks[id];
            let title = t.title_without_cue();
            let mut label = match t.cue {
                Some(code) => format!("{code} {title}"),
                None => title.to_string(),
            };
            if let Some(start) = t.placement.start {
                label.push_str(&format!(" · {}", time::format(start)));
            }
            label
        };
        let segment = |id: TrackId, from: f32, to: f32| Segment {
            id,
            key: tracks[id].key(),
            from,
            to,
            category: tracks[id].category,
            label: label(id),
            shape: shape(id),
        };
        let mut strip = Strip {
            current,
            ..Strip::default()
        };
        // Groups: episodes for TV, the game's areas, else none.
        let key = |id: TrackId| -> Option<String> {
            let p = &tracks[id].placement;
            match (p.episode, production.medium) {
                (Some(e), _) => Some(e.to_string()),
                (None, Medium::Game) => p.context.clone(),
                _ => None,
            }
        };
        let grouped = order.iter().any(|&id| key(id).is_some());
        let timed: Vec<TrackId> = order
            .iter()
            .copied()
            .filter(|&id| tracks[id].placement.start.is_some())
            .collect();
        let end_of = |id: TrackId| {
            let t = &tracks[id];
            t.placement.start.unwrap_or_default() + t.placement.length.unwrap_or(t.duration())
        };
        let runtime = production
            .runtime
            .or_else(|| timed.iter().map(|&id| end_of(id)).max())
            .filter(|r| !r.is_zero());
        if !grouped && let (Some(runtime), false) = (runtime, timed.is_empty()) {
            strip.timed = true;
            let untimed: Vec<TrackId> = order
                .iter()
                .copied()
                .filter(|id| !timed.contains(id))
                .collect();
            let span = if untimed.is_empty() { 1.0 } else { 0.8 };
            let total = runtime.as_secs_f32();
            for &id in &timed {
                let t = &tracks[id];
                let start = t.placement.start.unwrap_or_default().as_secs_f32();
                let from = (start / total).clamp(0.0, 1.0) * span;
                let to = (end_of(id).as_secs_f32() / total).clamp(0.0, 1.0) * span;
                strip.segments.push(segment(id, from, to.max(from + 0.006)));
            }
            if !untimed.is_empty() {
                let from = 0.82;
                strip.groups.push(Group {
                    from,
                    to: 1.0,
                    label: "not placed".into(),
                });
                strip.slots(&untimed, from, 1.0, &segment);
            }
        } else {
            // Runs of the same group, each as wide as its share of the cues.
            let mut runs: Vec<(Option<String>, Vec<TrackId>)> = Vec::new();
            for &id in order {
                let k = key(id);
                match runs.last_mut() {
                    Some((last, ids)) if *last == k => ids.push(id),
                    _ => runs.push((k, vec![id])),
                }
            }
            let count = order.len().max(1) as f32;
            let gaps = runs.len().saturating_sub(1) as f32 * 0.01;
            let mut x = 0.0;
            for (k, ids) in &runs {
                let width = (1.0 - gaps) * ids.len() as f32 / count;
                if let Some(label) = k {
                    strip.groups.push(Group {
                        from: x,
                        to: x + width,
                        label: label.clone(),
                    });
                }
                strip.slots(ids, x, x + width, &segment);
                x += width + 0.01;
            }
        }
        strip.playhead = current.and_then(|id| {
            let s = strip.segments.iter().find(|s| s.id == id)?;
            let t = &tracks[id];
            let fraction = if strip.timed && t.placement.start.is_some() {
                let heard = t.placement.length.unwrap_or(t.duration()).as_secs_f32();
                position.as_secs_f32() / heard.max(0.001)
            } else {
                position.as_secs_f32() / t.duration().as_secs_f32().max(0.001)
            };
            Some(s.from + (s.to - s.from) * fraction.clamp(0.0, 1.0))
        });
        strip
    }

    fn slots(
        &mut self,
        ids: &[TrackId],
        from: f32,
        to: f32,
        segment: &dyn Fn(TrackId, f32, f32) -> Segment,
    ) {
        let width = (to - from) / ids.len().max(1) as f32;
        for (i, &id) in ids.iter().enumerate() {
            let left = from + width * i as f32;
            self.segments
                .push(segment(id, left, (left + width - GAP).max(left + 0.002)));
        }
    }

    /// The cue at a fraction of the width, if any.
    pub fn hit(&self, x: f32) -> Option<usize> {
        self.segments
            .iter()
            .position(|s| x >= s.from - GAP && x <= s.to + GAP)
    }
}

/// The strip with its caption, for the playing track's production.
pub fn view<'a>(ctx: &Ctx<'a>) -> Option<Element<'a, Message>> {
    let library = ctx.library()?;
    let id = ctx.playing()?;
    let production = library.production_of(id)?;
    if production.timeline.len() < 2 {
        return None;
    }
    let theme = ctx.theme();
    let muted = style::muted(&theme);
    let strip = Strip::new(
        library,
        production,
        Some(id),
        ctx.transport.now().position,
        &|t| ctx.loudness.shape_of(library, t).cloned(),
    );
    let caption = match (strip.timed, production.runtime) {
        (true, Some(runtime)) => format!("{} · runs {}", production.title, time::format(runtime)),
        (true, None) => production.title.clone(),
        (false, _) => format!("{} · in cue order", production.title),
    };
    let legend = row![
        text("■ score")
            .size(11)
            .color(style::category_color(Category::Score)),
        text("■ song")
            .size(11)
            .color(style::category_color(Category::Song)),
    ]
    .spacing(8);
    Some(
        container(
            row![
                column![
                    text("Timeline").size(12).color(muted),
                    text(caption).size(13),
                    legend
                ]
                .spacing(2)
                .width(Length::Fixed(220.0)),
                canvas_widget(strip)
                    .width(Length::Fill)
                    .height(Length::Fixed(54.0)),
            ]
            .spacing(16)
            .align_y(iced::Alignment::Center),
        )
        .padding([8, 24])
        .style(style::bar)
        .into(),
    )
}

/// The production page's strip, large: the whole production's arc, with the
/// playhead when one of its tracks plays.
pub fn large<'a>(
    ctx: &Ctx<'a>,
    library: &'a Library,
    production: usize,
) -> Option<Element<'a, Message>> {
    let p = library.productions.get(production)?;
    if p.timeline.len() < 2 {
        return None;
    }
    let current = ctx
        .playing()
        .filter(|&id| library.production_index_of(id) == Some(production));
    let strip = Strip::new(library, p, current, ctx.transport.now().position, &|t| {
        ctx.loudness.shape_of(library, t).cloned()
    });
    Some(
        canvas_widget(strip)
            .width(Length::Fill)
            .height(Length::Fixed(96.0))
            .into(),
    )
}

/// What the strip keeps between frames: the hovered cue, and everything but
/// the playhead drawn once. The window's compositor paints again only what
/// changed, and a canvas's live geometry always counts as changed: drawn
/// live, the whole strip was painted at every position report; now only
/// the playhead is, unless a cue, the hover or the theme changed.
#[derive(Default)]
pub struct Kept {
    hovered: Option<usize>,
    still: canvas::Cache,
    /// What `still` was drawn from (the strip without its playhead).
    drawn: std::cell::RefCell<Option<(Strip, Option<usize>, Theme)>>,
}

impl canvas::Program<Message> for Strip {
    type State = Kept;

    fn update(
        &self,
        kept: &mut Kept,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let at = cursor
            .position_in(bounds)
            .and_then(|p| self.hit(p.x / bounds.width.max(1.0)));
        match event {
            canvas::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                let segment = self.segments.get(at?)?;
                Some(
                    canvas::Action::publish(Message::Play(PlayMessage::Timeline(
                        segment.key.clone(),
                    )))
                    .and_capture(),
                )
            }
            canvas::Event::Mouse(mouse::Event::CursorMoved { .. } | mouse::Event::CursorLeft) => {
                if kept.hovered != at {
                    kept.hovered = at;
                    return Some(canvas::Action::request_redraw());
                }
                None
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        kept: &Kept,
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let key = (
            Strip {
                playhead: None,
                ..self.clone()
            },
            kept.hovered,
            theme.clone(),
        );
        if kept.drawn.borrow().as_ref() != Some(&key) {
            kept.still.clear();
            *kept.drawn.borrow_mut() = Some(key);
        }
        let still = kept.still.draw(renderer, bounds.size(), |frame| {
            self.draw_still(frame, kept.hovered, theme, bounds);
        });
        let mut live = Frame::new(renderer, bounds.size());
        if let Some(x) = self.playhead {
            let (top, bar) = bar_of(bounds);
            // A filled box on whole pixels of the window, not a stroked line:
            // the compositor repaints a shape within its path's bounds, and
            // a vertical line's are 0 wide, so its old place was never
            // painted over (a trail of playheads).
            let left = (bounds.x + x * bounds.width).round() - 1.0 - bounds.x;
            live.fill_rectangle(
                Point::new(left, top - 3.0),
                Size::new(2.0, bar + 6.0),
                Color::WHITE,
            );
        }
        vec![still, live.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        _kept: &Kept,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        match cursor
            .position_in(bounds)
            .and_then(|p| self.hit(p.x / bounds.width.max(1.0)))
        {
            Some(_) => mouse::Interaction::Pointer,
            None => mouse::Interaction::default(),
        }
    }
}

impl Strip {
    /// Everything but the playhead: the bar, the groups, the cues and the
    /// name above.
    fn draw_still(
        &self,
        frame: &mut Frame,
        hovered: Option<usize>,
        theme: &Theme,
        bounds: Rectangle,
    ) {
        let w = bounds.width;
        let palette = theme.extended_palette();
        let (top, bar) = bar_of(bounds);
        frame.fill(
            &Path::rounded_rectangle(Point::new(0.0, top), Size::new(w, bar), 4.0.into()),
            palette.background.strong.color.scale_alpha(0.35),
        );
        for group in &self.groups {
            frame.fill_text(Text {
                content: group.label.clone(),
                position: Point::new(group.from * w + 2.0, 0.0),
                color: style::muted(theme),
                size: 11.0.into(),
                ..Text::default()
            });
            frame.stroke(
                &Path::line(
                    Point::new(group.from * w, top - 2.0),
                    Point::new(group.from * w, top + bar + 2.0),
                ),
                Stroke::default()
                    .with_color(style::muted(theme).scale_alpha(0.5))
                    .with_width(1.0),
            );
        }
        for (index, s) in self.segments.iter().enumerate() {
            let playing = self.current == Some(s.id);
            let colour = style::category_color(s.category);
            let alpha = if playing || hovered == Some(index) {
                1.0
            } else {
                0.55
            };
            let (x, width) = (s.from * w, ((s.to - s.from) * w).max(2.0));
            let shape = Path::rounded_rectangle(
                Point::new(x, top + 3.0),
                Size::new(width, bar - 6.0),
                2.0.into(),
            );
            match &s.shape {
                // The cue's envelope from its box's floor.
                Some(values) => {
                    frame.fill(&shape, colour.scale_alpha(alpha * 0.2));
                    frame.fill(
                        &envelope(values, x, width, top + 3.0, bar - 6.0),
                        colour.scale_alpha((alpha + 0.35).min(1.0)),
                    );
                }
                None => frame.fill(&shape, colour.scale_alpha(alpha)),
            }
            if playing {
                frame.stroke(
                    &shape,
                    Stroke::default()
                        .with_color(palette.background.base.text)
                        .with_width(1.5),
                );
            }
        }
        // The hovered cue's name, else the playing one's, above the bar.
        let named = hovered
            .and_then(|i| self.segments.get(i))
            .or_else(|| self.segments.iter().find(|s| Some(s.id) == self.current));
        if let Some(s) = named
            && self.groups.is_empty()
        {
            let x = (s.from * w).min(w - 200.0).max(0.0);
            frame.fill_text(Text {
                content: s.label.clone(),
                position: Point::new(x, 0.0),
                color: palette.background.base.text,
                size: 11.0.into(),
                ..Text::default()
            });
        }
    }
}

/// Where the bar sits in the strip's bounds: its top and its height.
fn bar_of(bounds: Rectangle) -> (f32, f32) {
    let top = 16.0;
    (top, (bounds.height - top - 8.0).max(10.0))
}

/// An envelope as a filled shape over a box at `x`, `top`: a point per two
/// pixels at most, each the loudest of its stretch.
fn envelope(values: &[f32], x: f32, width: f32, top: f32, height: f32) -> Path {
    let n = values.len();
    let points = ((width / 2.0) as usize).clamp(2, n.max(2));
    let floor = top + height;
    Path::new(|b| {
        b.move_to(Point::new(x, floor));
        for i in 0..points {
            let (from, to) = (
                i * n / points,
                ((i + 1) * n / points).max(i * n / points + 1),
            );
            let v = values
                .get(from..to.min(n))
                .map_or(0.0, |s| s.iter().copied().fold(0.0, f32::max));
            let at = x + width * i as f32 / (points - 1) as f32;
            b.line_to(Point::new(at, floor - v.clamp(0.0, 1.0) * height));
        }
        b.line_to(Point::new(x + width, floor));
        b.close();
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{StoredFile, UserData, tags::FileTags};
    use std::path::PathBuf;

    fn file(path: &str, title: &str, album: &str, secs: u64) -> StoredFile {
        StoredFile {
            path: PathBuf::from(path),
            tags: Box::new(FileTags {
                title: Some(title.into()),
                album: Some(album.into()),
                composers: vec!["C".into()],
                artists: vec!["C".into()],
                duration: Duration::from_secs(secs),
                ..FileTags::default()
            }),
            added: 0,
            image: None,
        }
    }

    fn film(sidecar: &str) -> Library {
        let files = vec![
            file("/m/F/1.flac", "1M1 Landing", "F (Original Score)", 100),
            file("/m/F/2.flac", "2M3 The Signal", "F (Original Score)", 100),
            file("/m/F/3.flac", "5M2 Departure", "F (Original Score)", 100),
        ];
        let sidecars = vec![crate::library::sidecar::parse(
            std::path::Path::new("/m/F/cues.toml"),
            sidecar,
        )];
        Library::build(files, Vec::new(), &sidecars, &UserData::default())
    }

    #[test]
    fn cues_sit_at_their_times_and_the_playhead_moves() {
        let library = film(
            "[production]\nruntime = \"00:10:00\"\n[[cue]]\ncode = \"1M1\"\nstart = \"00:00:00\"\nduration = \"00:01:00\"\n[[cue]]\ncode = \"2M3\"\nstart = \"00:05:00\"\nduration = \"00:01:00\"\n",
        );
        let production = &library.productions[0];
        let second = production.timeline[1];
        let strip = Strip::new(
            &library,
            production,
            Some(second),
            Duration::from_secs(30),
            &|_| None,
        );
        assert!(strip.timed);
        // Two timed cues in the first 80 %, 5M2 unplaced at the end.
        assert_eq!(strip.segments.len(), 3);
        assert!(
            (strip.segments[1].from - 0.4).abs() < 0.001,
            "{:?}",
            strip.segments[1]
        );
        assert!((strip.segments[1].to - 0.48).abs() < 0.001);
        assert_eq!(strip.groups.len(), 1);
        assert_eq!(strip.groups[0].label, "not placed");
        // 30 s into a cue heard for 60 s: half way across its segment.
        assert!((strip.playhead.unwrap_or(0.0) - 0.44).abs() < 0.001);
        assert_eq!(strip.hit(0.41), Some(1));
        assert_eq!(strip.hit(0.2), None);
        assert_eq!(strip.segments[1].label, "2M3 The Signal · 5:00");
    }

    #[test]
    fn measured_cues_carry_their_envelope_and_draw_it_within_their_box() {
        let library = film(
            "[production]\nruntime = \"00:10:00\"\n[[cue]]\ncode = \"1M1\"\nstart = \"00:00:00\"\nduration = \"00:01:00\"\n",
        );
        let production = &library.productions[0];
        let measured = production.timeline[0];
        let loud: Shape = Shape::from(vec![0.2_f32, 0.9, 0.4]);
        let strip = Strip::new(&library, production, None, Duration::ZERO, &|t| {
            (t == measured).then(|| loud.clone())
        });
        let with: Vec<_> = strip
            .segments
            .iter()
            .filter(|s| s.shape.is_some())
            .collect();
        assert_eq!(with.len(), 1, "only the measured cue has an envelope");
        assert_eq!(with[0].id, measured);
        // The shape stays inside the cue's box (x 10..60, y 5..25).
        let path = envelope(&loud, 10.0, 50.0, 5.0, 20.0);
        let bounds = path.raw().clone();
        let mut xs = Vec::new();
        for event in bounds.iter() {
            if let iced::widget::canvas::path::lyon_path::Event::Line { to, .. } = event {
                xs.push((to.x, to.y));
            }
        }
        assert!(!xs.is_empty());
        assert!(
            xs.iter()
                .all(|&(x, y)| (10.0..=60.0).contains(&x) && (5.0..=25.0).contains(&y)),
            "{xs:?}"
        );
        // The loudest point (0.9) reaches 90 % of the box's height.
        let top = xs.iter().map(|&(_, y)| y).fold(f32::MAX, f32::min);
        assert!((top - (25.0 - 0.9 * 20.0)).abs() < 0.01, "{top}");
    }

    #[test]
    fn without_times_cues_share_the_strip_in_order() {
        let library = film("");
        let production = &library.productions[0];
        let strip = Strip::new(&library, production, None, Duration::ZERO, &|_| None);
        assert!(!strip.timed);
        assert_eq!(strip.segments.len(), 3);
        assert!(strip.segments[0].from.abs() < 0.001);
        assert!((strip.segments[2].to - 1.0).abs() < 0.01);
        assert_eq!(strip.playhead, None);
    }

    #[test]
    fn tv_cues_are_grouped_by_episode() {
        let files = vec![
            file("/t/1.flac", "101 Cold Open", "Show S01E01", 60),
            file("/t/2.flac", "102 Chase", "Show S01E01", 60),
            file("/t/3.flac", "201 Cold Open", "Show S01E02", 60),
        ];
        let library = Library::build(files, Vec::new(), &[], &UserData::default());
        let production = &library.productions[0];
        assert_eq!(production.medium, Medium::Tv);
        let strip = Strip::new(&library, production, None, Duration::ZERO, &|_| None);
        let labels: Vec<&str> = strip.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["S01E01", "S01E02"]);
        assert_eq!(strip.segments[0].label, "101 Cold Open");
        assert!(strip.groups[1].from > strip.groups[0].to);
    }
}
