//! A part of the view drawn in a layer of its own, so that it is repainted
//! as one piece.
//!
//! iced's tiny-skia window compositor repaints only what changed since the
//! frame before. Inside one layer it compares quad by quad and text by text,
//! so a scrolled list, where everything moved, gave some 45 rectangles a
//! frame, and each was painted again with every card under it: a wheel step
//! cost about 100 ms at 1920x1080 (`make bench`, "drawn frame"). A layer
//! whose bounds moved is repainted as its old and its new rectangle, which
//! the compositor merges: a card in a layer of its own scrolls as one piece.
//! Layers are not free either (each clears a clip mask the size of the
//! window), so this is for a few large, moving parts, not for every row.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree, tree};
use iced::advanced::{Clipboard, Renderer as _, Shell, Widget, overlay, renderer};
use iced::widget::{Column, container};
use iced::{Element, Event, Length, Rectangle, Renderer, Size, Theme, Vector, mouse};

/// Rows a block holds: 8 of 34 px is 272 px, which no wheel step (60 px)
/// divides, so a block never lands where the one before it was (the same
/// bounds would make the compositor compare the rows one by one again).
const BLOCK: usize = 8;

/// `rows` in blocks of a few, each a layer of its own, for a column whose
/// children are `spacing` apart (the blocks keep it between their rows): a
/// tall list, whose one layer would span the whole view and never move,
/// scrolls as a few moving blocks.
pub fn blocks<'a, Message: 'a>(
    rows: impl IntoIterator<Item = Element<'a, Message>>,
    spacing: f32,
) -> Vec<Element<'a, Message>> {
    let mut blocks = Vec::new();
    let mut block = Vec::with_capacity(BLOCK);
    let mut close = |block: Vec<Element<'a, Message>>| {
        blocks.push(layer(Column::with_children(block).spacing(spacing)));
    };
    for row in rows {
        block.push(row);
        if block.len() == BLOCK {
            close(std::mem::take(&mut block));
        }
    }
    if !block.is_empty() {
        close(block);
    }
    blocks
}

/// `content`, drawn in a layer of its own (see the module's note).
pub fn layer<'a, Message: 'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    Element::new(Layer {
        content: content.into(),
        panel: None,
        apart: true,
    })
}

/// `content` on a card's panel of `style`, in a layer of its own; the panel
/// is drawn as `card::pieces` gives it, so that a card the list cuts costs
/// no more to draw than one in full view.
pub fn card<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    style: fn(&Theme) -> container::Style,
) -> Element<'a, Message> {
    Element::new(Layer {
        content: content.into(),
        panel: Some(style),
        apart: true,
    })
}

/// `content` on a panel of `style` (as a container with that style would
/// draw it, by `card::pieces`), in the layer it is in.
pub fn panel<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    style: fn(&Theme) -> container::Style,
) -> Element<'a, Message> {
    Element::new(Layer {
        content: content.into(),
        panel: Some(style),
        apart: false,
    })
}

struct Layer<'a, Message> {
    content: Element<'a, Message>,
    /// The card's panel, drawn under `content`.
    panel: Option<fn(&Theme) -> container::Style>,
    /// Drawn in a layer of its own (else in the one it is in).
    apart: bool,
}

impl<Message> Widget<Message, Theme, Renderer> for Layer<'_, Message> {
    fn tag(&self) -> tree::Tag {
        self.content.as_widget().tag()
    }

    fn state(&self) -> tree::State {
        self.content.as_widget().state()
    }

    fn children(&self) -> Vec<Tree> {
        self.content.as_widget().children()
    }

    fn diff(&self, tree: &mut Tree) {
        self.content.as_widget().diff(tree);
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content.as_widget_mut().layout(tree, renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(tree, layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        self.content.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, shell, viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content
            .as_widget()
            .mouse_interaction(tree, layout, cursor, viewport, renderer)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        // The visible part only: a card half out of view must not make a
        // layer (and a damaged rectangle) over what the list clips away.
        let Some(visible) = layout.bounds().intersection(viewport) else {
            return;
        };
        let draw = |renderer: &mut Renderer| {
            if let Some(panel) = self.panel {
                for (quad, background) in
                    super::card::pieces(&panel(theme), layout.bounds(), visible)
                {
                    renderer.fill_quad(quad, background);
                }
            }
            self.content
                .as_widget()
                .draw(tree, renderer, theme, style, layout, cursor, viewport);
        };
        if !self.apart {
            draw(renderer);
            return;
        }
        let clip = if self.panel.is_some() {
            super::card::clip(layout.bounds(), viewport).unwrap_or(visible)
        } else {
            visible
        };
        renderer.with_layer(clip, draw);
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        self.content
            .as_widget_mut()
            .overlay(tree, layout, renderer, viewport, translation)
    }
}
