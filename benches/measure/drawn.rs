//! Drawn frames, offscreen: the window's interface built, updated and drawn
//! by iced's tiny-skia renderer the way its window compositor draws it. The
//! frame before is kept, the damage is the difference of the two frames'
//! layers, grouped as the compositor groups it, and only that is painted.
//! A frame's time runs from the input (a wheel step, a message from the
//! player) to the last pixel: the app's update, the view built again, its
//! layout, the draw calls and the rasterisation. What the window then hands
//! the display server (a copy of the buffer) is not in it.

use std::time::{Duration, Instant};

use iced::theme::Base;
use iced::{Event, Point, Size, mouse, window};
use iced_runtime::user_interface::{Cache, UserInterface};
use iced_tiny_skia::Layer;
use iced_tiny_skia::core::{Rectangle, clipboard, renderer};
use iced_tiny_skia::graphics::{Viewport, damage};
use leitmotif::gui::{App, Message};

/// A window of a fixed size that draws like iced's tiny-skia compositor.
pub struct Window {
    renderer: iced_tiny_skia::Renderer,
    cache: Option<Cache>,
    viewport: Viewport,
    pixels: Vec<u8>,
    mask: tiny_skia::Mask,
    last: Option<Vec<Layer>>,
    cursor: mouse::Cursor,
}

/// What one frame cost and how much of the window it painted.
pub struct Frame {
    pub took: Duration,
    /// The painted part of the window, 0 to 1 (rectangles may overlap).
    pub painted: f32,
    /// The rectangles painted, in the window's units.
    pub rectangles: Vec<Rectangle>,
    /// How many layers the frame has.
    pub layers: usize,
    /// The part of the window filled through the clip mask, 0 to 1 (see
    /// `masked`): the slow way tiny-skia fills a quad.
    pub masked: f32,
}

impl Window {
    /// A window of `width` x `height` physical pixels at `scale` (2 for a
    /// 4K screen at 200 %).
    pub fn new(width: u32, height: u32, scale: f32) -> Result<Window, String> {
        let mask = tiny_skia::Mask::new(width, height).ok_or("no clip mask of that size")?;
        let viewport = Viewport::with_physical_size(Size::new(width, height), scale);
        Ok(Window {
            renderer: iced_tiny_skia::Renderer::new(iced::Font::DEFAULT, iced::Pixels(16.0)),
            cache: None,
            viewport,
            pixels: vec![0; width as usize * height as usize * 4],
            mask,
            last: None,
            cursor: mouse::Cursor::Unavailable,
        })
    }

    /// The window's size in the interface's units.
    pub fn logical(&self) -> Size {
        self.viewport.logical_size()
    }

    /// The window's pixels as painted so far (RGBA premultiplied), for
    /// tests/drawn.rs to compare with a whole repaint.
    #[allow(dead_code)]
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// The pointer rests at `at` (no frame is drawn for it).
    pub fn point(&mut self, at: Point) {
        self.cursor = mouse::Cursor::Available(at);
    }

    /// One frame: `events` reach the interface (as the window hands them
    /// over), the app takes the messages they make and `messages` (what a
    /// subscription delivers), the view is built again and drawn.
    pub fn frame(&mut self, app: &mut App, events: &[Event], messages: Vec<Message>) -> Frame {
        let size = self.logical();
        // The interface the window holds between frames: built before the
        // clock starts, as the window built it after the frame before.
        let ui = UserInterface::build(
            app.view(),
            size,
            self.cache.take().unwrap_or_default(),
            &mut self.renderer,
        );
        let started = Instant::now();
        let mut ui = ui;
        let mut produced = Vec::new();
        let _ = ui.update(
            events,
            self.cursor,
            &mut self.renderer,
            &mut clipboard::Null,
            &mut produced,
        );
        produced.extend(messages);
        let mut ui = if produced.is_empty() {
            ui
        } else {
            let cache = ui.into_cache();
            for message in produced {
                let _ = app.update(message);
            }
            UserInterface::build(app.view(), size, cache, &mut self.renderer)
        };
        let redraw = [Event::Window(
            window::Event::RedrawRequested(Instant::now()),
        )];
        let _ = ui.update(
            &redraw,
            self.cursor,
            &mut self.renderer,
            &mut clipboard::Null,
            &mut Vec::new(),
        );
        let theme = app.theme();
        let base = theme.base();
        ui.draw(
            &mut self.renderer,
            &theme,
            &renderer::Style {
                text_color: base.text_color,
            },
            self.cursor,
        );
        self.cache = Some(ui.into_cache());
        let painted = self.paint(base.background_color);
        Frame {
            took: started.elapsed(),
            painted: painted.painted,
            rectangles: painted.rectangles,
            layers: painted.layers,
            masked: painted.masked,
        }
    }

    /// Paints what changed since the frame before, as the compositor does.
    fn paint(&mut self, background: iced::Color) -> Painted {
        let whole = Rectangle::with_size(self.logical());
        let layers = self.renderer.layers().to_vec();
        let changed = match &self.last {
            Some(last) => damage::diff(last, &layers, |layer| vec![layer.bounds], Layer::damage),
            None => vec![whole],
        };
        let changed = damage::group(changed, whole);
        let painted: f32 = changed.iter().map(Rectangle::area).sum::<f32>() / whole.area();
        let physical = self.viewport.physical_size();
        if !changed.is_empty()
            && let Some(mut pixels) =
                tiny_skia::PixmapMut::from_bytes(&mut self.pixels, physical.width, physical.height)
        {
            self.renderer.draw(
                &mut pixels,
                &mut self.mask,
                &self.viewport,
                &changed,
                background,
            );
        }
        let masked = masked(&layers, &changed) / whole.area();
        let count = layers.len();
        self.last = Some(layers);
        Painted {
            painted,
            rectangles: changed,
            layers: count,
            masked,
        }
    }
}

/// What `Window::paint` painted.
struct Painted {
    painted: f32,
    rectangles: Vec<Rectangle>,
    layers: usize,
    masked: f32,
}

/// The area of the quads the compositor fills through its clip mask (those
/// that reach out of the damaged part of their layer), pixel by pixel
/// reading back what is under them, where a quad inside is filled as runs.
fn masked(layers: &[Layer], damage: &[Rectangle]) -> f32 {
    let mut area = 0.0;
    for &rectangle in damage {
        for layer in layers {
            let Some(clip) = rectangle.intersection(&layer.bounds) else {
                continue;
            };
            for (quad, _) in &layer.quads {
                if quad.bounds.intersects(&clip) && !quad.bounds.is_within(&clip) {
                    area += quad
                        .bounds
                        .intersection(&layer.bounds)
                        .map_or(0.0, |b| b.area());
                }
            }
        }
    }
    area
}
