//! The waveform seek bar: the playing track's loudness along its length (from
//! the loudness analysis), the part heard in the accent colour. Clicking or
//! dragging seeks, as the plain slider does when no envelope is known yet.

use iced::widget::canvas::{self, Frame, Path, Stroke};
use iced::{Point, Rectangle, Renderer, Size, Theme, mouse};

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

impl canvas::Program<Message> for Waveform {
    /// Whether the pointer is dragging the playhead.
    type State = bool;

    fn update(
        &self,
        dragging: &mut bool,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let seek = |x: f32| Message::Transport(TransportMessage::SeekDrag(x));
        match event {
            canvas::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                let p = cursor.position_in(bounds)?;
                *dragging = true;
                Some(
                    canvas::Action::publish(seek(self.seconds_at(p.x, bounds.width))).and_capture(),
                )
            }
            canvas::Event::Mouse(mouse::Event::CursorMoved { position }) if *dragging => {
                let x = position.x - bounds.x;
                Some(canvas::Action::publish(seek(self.seconds_at(x, bounds.width))).and_capture())
            }
            canvas::Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left))
                if *dragging || self.seeking =>
            {
                *dragging = false;
                Some(
                    canvas::Action::publish(Message::Transport(TransportMessage::SeekRelease))
                        .and_capture(),
                )
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        _dragging: &bool,
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let (w, h) = (bounds.width, bounds.height);
        let bars = self.bars(w);
        let step = w / bars.len().max(1) as f32;
        let heard = (self.at / self.total.max(0.001)).clamp(0.0, 1.0) * w;
        // Bars on whole pixels: fractional edges drew every other bar
        // fainter and a row of faint dots along their tops (seen under Xvfb).
        let column = |i: usize, v: f32| {
            let height = (v * h).max(2.0).round();
            (
                Point::new((i as f32 * step).floor(), ((h - height) / 2.0).round()),
                Size::new((step.floor() - 1.0).max(1.0), height),
            )
        };
        let part = |played: bool| {
            Path::new(|b| {
                for (i, &v) in bars.iter().enumerate() {
                    if (i as f32 * step + step / 2.0 <= heard) == played {
                        let (at, size) = column(i, v);
                        b.rectangle(at, size);
                    }
                }
            })
        };
        let palette = theme.extended_palette();
        frame.fill(&part(false), style::muted(theme).scale_alpha(0.55));
        frame.fill(&part(true), palette.primary.base.color);
        frame.stroke(
            &Path::line(Point::new(heard, 0.0), Point::new(heard, h)),
            Stroke::default()
                .with_color(palette.background.base.text)
                .with_width(1.5),
        );
        vec![frame.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        dragging: &bool,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        if *dragging {
            mouse::Interaction::Grabbing
        } else if cursor.is_over(bounds) {
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
        use iced::widget::canvas::Program;
        let bounds = Rectangle::new(Point::ORIGIN, Size::new(200.0, 26.0));
        let release = canvas::Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left));
        let outside = mouse::Cursor::Available(Point::new(500.0, 500.0));
        let wave = |seeking| Waveform {
            shape: Shape::from(vec![0.5_f32; 10]),
            at: 0.0,
            total: 200.0,
            seeking,
        };
        // Nothing being dragged: a release elsewhere is none of its business.
        assert!(
            wave(false)
                .update(&mut false, &release, bounds, outside)
                .is_none()
        );
        // The slider's drag, the slider gone: the release still ends the seek.
        assert!(
            wave(true)
                .update(&mut false, &release, bounds, outside)
                .is_some()
        );
        // Its own drag, released outside the bar.
        let mut dragging = true;
        assert!(
            wave(false)
                .update(&mut dragging, &release, bounds, outside)
                .is_some()
        );
        assert!(!dragging);
    }
}
