//! The waveform seek bar: the playing track's loudness along its length (from
//! the loudness analysis), the part heard in the accent colour. Clicking or
//! dragging seeks, as the plain slider does when no envelope is known yet.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Tree, tree};
use iced::advanced::{Clipboard, Renderer as _, Shell, Widget, renderer};
use iced::{
    Background, Color, Element, Event, Length, Point, Rectangle, Renderer, Size, Theme, mouse,
};

use crate::gui::message::TransportMessage;
use crate::gui::state::loudness::Shape;
use crate::gui::{Message, style};

/// A track's envelope with the playhead at `at` of `total` seconds.
pub struct Waveform {
    /// The envelope, 0 to 1.
    pub shape: Shape,
    /// Where the playhead is, in seconds.
    pub at: f32,
    /// The track's length, in seconds.
    pub total: f32,
    /// A seek is being dragged (perhaps begun on the slider this bar
    /// replaced when the envelope arrived): a release ends it here too.
    pub seeking: bool,
}

/// The pixels each bar takes (with its gap).
const BAR: f32 = 3.0;
/// The bar's height.
pub const HEIGHT: f32 = 26.0;

impl Waveform {
    /// The bars for a width of `width` pixels: each the loudest point of
    /// its stretch of the envelope, 0 to 1.
    pub fn bars(&self, width: f32) -> Vec<f32> {
        let n = self.shape.len();
        if n == 0 || width < 1.0 {
            return Vec::new();
        }
        let count = ((width / BAR) as usize).clamp(1, n);
        (0..count)
            .map(|i| {
                let (from, to) = (i * n / count, ((i + 1) * n / count).max(i * n / count + 1));
                self.shape[from..to.min(n)]
                    .iter()
                    .copied()
                    .fold(0.0, f32::max)
            })
            .collect()
    }

    fn seconds_at(&self, x: f32, width: f32) -> f32 {
        (x / width.max(1.0)).clamp(0.0, 1.0) * self.total
    }
}

/// What a mouse event does to the bar: a click seeks and starts a drag, a
/// move while dragging seeks, a release ends the seek. Returns the message
/// to publish (the event is then captured).
fn on_mouse(
    wave: &Waveform,
    dragging: &mut bool,
    event: &Event,
    bounds: Rectangle,
    cursor: mouse::Cursor,
) -> Option<Message> {
    let seek = |x: f32| Message::Transport(TransportMessage::SeekDrag(x));
    match event {
        Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
            let p = cursor.position_in(bounds)?;
            *dragging = true;
            Some(seek(wave.seconds_at(p.x, bounds.width)))
        }
        Event::Mouse(mouse::Event::CursorMoved { position }) if *dragging => {
            Some(seek(wave.seconds_at(position.x - bounds.x, bounds.width)))
        }
        Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left))
            if *dragging || wave.seeking =>
        {
            *dragging = false;
            Some(Message::Transport(TransportMessage::SeekRelease))
        }
        _ => None,
    }
}

/// The bar as a widget of plain rectangles (quads), not a canvas: the
/// window's compositor compares quads one by one with the frame before, so
/// as the playhead moves only the playhead and a bar that changed colour
/// are painted again. A canvas is one live geometry, painted whole at every
/// position report (with anti-aliased paths under a clip mask).
impl From<Waveform> for Element<'_, Message> {
    fn from(wave: Waveform) -> Self {
        Element::new(wave)
    }
}

impl Widget<Message, Theme, Renderer> for Waveform {
    fn size(&self) -> Size<Length> {
        Size::new(Length::Fill, Length::Fixed(HEIGHT))
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<bool>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(false)
    }

    fn layout(
        &mut self,
        _tree: &mut Tree,
        _renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        layout::Node::new(limits.resolve(Length::Fill, Length::Fixed(HEIGHT), Size::ZERO))
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _renderer: &Renderer,
        _clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        _viewport: &Rectangle,
    ) {
        let dragging = tree.state.downcast_mut::<bool>();
        if let Some(message) = on_mouse(self, dragging, event, layout.bounds(), cursor) {
            shell.publish(message);
            shell.capture_event();
        }
    }

    fn draw(
        &self,
        _tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        _style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
        let bounds = layout.bounds();
        let (w, h) = (bounds.width, bounds.height);
        if w < 2.0 {
            return;
        }
        let bars = self.bars(w);
        let step = w / bars.len().max(1) as f32;
        let heard = (self.at / self.total.max(0.001)).clamp(0.0, 1.0) * w;
        let palette = theme.extended_palette();
        let (played, unplayed) = (
            palette.primary.base.color,
            style::muted(theme).scale_alpha(0.55),
        );
        // On whole pixels of the window (the row around the bar may place it
        // between two), so that tiny-skia's anti-aliasing keeps the edges sharp.
        let quad = |renderer: &mut Renderer, x: f32, y: f32, size: Size, colour: Color| {
            let at = Point::new((bounds.x + x).round(), (bounds.y + y).round());
            renderer.fill_quad(
                renderer::Quad {
                    bounds: Rectangle::new(at, size),
                    ..renderer::Quad::default()
                },
                Background::Color(colour),
            );
        };
        for (i, &v) in bars.iter().enumerate() {
            let height = (v * h).max(2.0).round();
            let x = (i as f32 * step).floor();
            let colour = if i as f32 * step + step / 2.0 <= heard {
                played
            } else {
                unplayed
            };
            let size = Size::new((step.floor() - 1.0).max(1.0), height);
            quad(renderer, x, ((h - height) / 2.0).round(), size, colour);
        }
        // The playhead, 2 pixels wide.
        let x = (heard.round() - 1.0).clamp(0.0, (w - 2.0).max(0.0));
        quad(
            renderer,
            x,
            0.0,
            Size::new(2.0, h),
            palette.background.base.text,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _viewport: &Rectangle,
        _renderer: &Renderer,
    ) -> mouse::Interaction {
        if *tree.state.downcast_ref::<bool>() {
            mouse::Interaction::Grabbing
        } else if cursor.is_over(layout.bounds()) {
            mouse::Interaction::Pointer
        } else {
            mouse::Interaction::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_keep_the_loudest_point_of_their_stretch() {
        let mut values = vec![0.1_f32; 300];
        values[150] = 0.9;
        let wave = Waveform {
            shape: Shape::from(values),
            at: 0.0,
            total: 60.0,
            seeking: false,
        };
        let bars = wave.bars(300.0);
        assert_eq!(bars.len(), 100, "one bar per 3 pixels");
        assert!(
            (bars[50] - 0.9).abs() < 1e-6,
            "the peak is not averaged away"
        );
        assert!(bars.iter().filter(|&&v| v > 0.5).count() == 1);
        // Wider than the envelope: one bar per point, no more.
        assert_eq!(wave.bars(3000.0).len(), 300);
        assert!(wave.bars(0.0).is_empty());
    }

    #[test]
    fn a_click_seeks_to_its_fraction_of_the_track() {
        let wave = Waveform {
            shape: Shape::from(vec![0.5_f32; 10]),
            at: 0.0,
            total: 200.0,
            seeking: false,
        };
        assert!((wave.seconds_at(50.0, 200.0) - 50.0).abs() < 1e-4);
        assert!(
            (wave.seconds_at(-5.0, 200.0)).abs() < 1e-4,
            "clamped at the start"
        );
        assert!(
            (wave.seconds_at(500.0, 200.0) - 200.0).abs() < 1e-4,
            "and the end"
        );
    }

    #[test]
    fn a_seek_begun_on_the_slider_ends_on_the_waveform_that_replaced_it() {
        let bounds = Rectangle::new(Point::ORIGIN, Size::new(200.0, 26.0));
        let release = Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left));
        let outside = mouse::Cursor::Available(Point::new(500.0, 500.0));
        let wave = |seeking| Waveform {
            shape: Shape::from(vec![0.5_f32; 10]),
            at: 0.0,
            total: 200.0,
            seeking,
        };
        // Nothing being dragged: a release elsewhere is none of its business.
        assert!(on_mouse(&wave(false), &mut false, &release, bounds, outside).is_none());
        // The slider's drag, the slider gone: the release still ends the seek.
        assert!(on_mouse(&wave(true), &mut false, &release, bounds, outside).is_some());
        // Its own drag, released outside the bar.
        let mut dragging = true;
        assert!(on_mouse(&wave(false), &mut dragging, &release, bounds, outside).is_some());
        assert!(!dragging);
    }
}
