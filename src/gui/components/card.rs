//! A card's panel (its fill and its rounded border) drawn so that a card cut
//! by the edge of a scrolled list costs no more than one in full view.
//!
//! iced's tiny-skia renderer draws a quad that reaches out of the part of the
//! window being drawn through a clip mask, pixel by pixel, reading back what
//! is under it; a quad inside is filled as plain runs of one colour. A list
//! scrolled by the wheel has a card cut at its top and one at its bottom,
//! and their quads, as tall as the cards, were most of a drawn frame (`perf`
//! on `measure frame`: the masked pipeline, 40 % of a 4K frame). A cut card
//! is drawn instead as quads inside the part that shows: the end still in
//! view with its rounded corners, the straight middle, and the two sides of
//! the border. Where a cut falls within a rounded corner the card is one quad,
//! as before, so the corners look the same.

use iced::advanced::renderer::Quad;
use iced::widget::container;
use iced::{Background, Border, Color, Rectangle};

/// The part of the window a card at `bounds` draws in, in a list showing
/// `viewport`: what shows of it, and the pixel around it where its edges
/// blend (clipped at the card's own edge, a card half out of view lost the
/// blended row of the end still in view).
pub fn clip(bounds: Rectangle, viewport: &Rectangle) -> Option<Rectangle> {
    bounds.expand(1.0).intersection(viewport)
}

/// The quads that draw the panel of `style` over a card at `bounds`, of
/// which `visible` is in view (the card's part inside the list).
pub fn pieces(
    style: &container::Style,
    bounds: Rectangle,
    visible: Rectangle,
) -> Vec<(Quad, Background)> {
    let fill = style
        .background
        .unwrap_or(Background::Color(Color::TRANSPARENT));
    let whole = vec![(
        Quad {
            bounds,
            border: style.border,
            shadow: style.shadow,
            snap: style.snap,
        },
        fill,
    )];
    let (Background::Color(fill_color), true) = (fill, style.shadow.color.a == 0.0) else {
        return whole;
    };
    let border = style.border;
    let width = border.width;
    let radius = <[f32; 4]>::from(border.radius)
        .into_iter()
        .fold(0.0, f32::max);
    let bottom = bounds.y + bounds.height;
    let seen_bottom = visible.y + visible.height;
    let top_cut = visible.y > bounds.y;
    let bottom_cut = seen_bottom < bottom;
    if radius == 0.0 && width > 0.0 && !(top_cut || bottom_cut) {
        return framed(bounds, width, fill, Background::Color(border.color));
    }
    // Cut across (or not at all), within a corner, or by a border of a
    // fraction of a pixel: one quad, as the container draws it.
    if !(top_cut || bottom_cut)
        || visible.x > bounds.x
        || visible.width < bounds.width
        || (top_cut && visible.y < bounds.y + radius + width)
        || (bottom_cut && seen_bottom > bottom - radius - width)
        || width.fract() != 0.0
    {
        return whole;
    }
    let quad = |x: f32, y: f32, w: f32, h: f32, border: Border| Quad {
        bounds: Rectangle::new(iced::Point::new(x, y), iced::Size::new(w, h)),
        border,
        shadow: style.shadow,
        snap: style.snap,
    };
    let mut out = Vec::with_capacity(5);
    // An end is more than twice its corners' radius tall (the renderer
    // makes a corner no larger than half the quad). The middle starts and
    // ends a pixel inside an end's plain fill, so that it covers the border
    // the end draws across itself whatever the scale.
    let mut top = visible.y;
    if !top_cut {
        let end = (bounds.y + 2.0 * (radius + width + 1.0)).ceil();
        if end > seen_bottom {
            return whole;
        }
        let corners = border.radius.bottom_left(0.0).bottom_right(0.0);
        out.push((
            quad(
                bounds.x,
                bounds.y,
                bounds.width,
                end - bounds.y,
                border.rounded(corners),
            ),
            fill,
        ));
        top = end - width - 1.0;
    }
    let mut low = seen_bottom;
    if !bottom_cut {
        let start = (bottom - 2.0 * (radius + width + 1.0)).floor();
        if start < visible.y {
            return whole;
        }
        let corners = border.radius.top_left(0.0).top_right(0.0);
        out.push((
            quad(
                bounds.x,
                start,
                bounds.width,
                bottom - start,
                border.rounded(corners),
            ),
            fill,
        ));
        low = start + width + 1.0;
    }
    let plain = Border::default();
    let fill = Background::Color(fill_color);
    // Where the view cuts the card, the middle stops at a whole pixel and a
    // strip two pixels tall reaches past the cut: the renderer clips that
    // strip, as it clipped the whole card, to the rows the list shows (a
    // pixel that the cut halves is either the list's or not, never a blend).
    // The strips and the sides are thin, so their clipping costs little.
    let (mut side_top, mut side_low) = (top, low);
    if top_cut {
        let edge = visible.y.floor();
        out.push((quad(bounds.x, edge, bounds.width, 2.0, plain), fill));
        top = edge + 1.0;
        side_top = edge;
    }
    if bottom_cut {
        let edge = seen_bottom.ceil();
        out.push((quad(bounds.x, edge - 2.0, bounds.width, 2.0, plain), fill));
        low = edge - 1.0;
        side_low = edge;
    }
    out.push((quad(bounds.x, top, bounds.width, low - top, plain), fill));
    if width > 0.0 {
        let side = Background::Color(border.color);
        let length = side_low - side_top;
        out.push((quad(bounds.x, side_top, width, length, plain), side));
        out.push((
            quad(
                bounds.x + bounds.width - width,
                side_top,
                width,
                length,
                plain,
            ),
            side,
        ));
    }
    out
}

/// A square panel in full view, drawn so that a damaged rectangle that only
/// touches its edge clips a few pixels, not the whole panel: iced's
/// scrollbars repaint a layer two pixels larger than their list, which
/// reaches into the now-playing panel beside the list and the bar under it
/// whenever a card comes into view. Strips of the fill along the edges (as
/// the quad fills them), the middle inside them, then the border's sides.
fn framed(
    bounds: Rectangle,
    width: f32,
    fill: Background,
    line: Background,
) -> Vec<(Quad, Background)> {
    /// The strips along the edges, and how far the middle starts inside
    /// them (past the two pixels the scrollbars' layer reaches, with the
    /// middle's edge on their full fill whatever the scale).
    const STRIP: f32 = 6.0;
    const INSET: f32 = 3.0;
    let quad = |x: f32, y: f32, w: f32, h: f32| Quad {
        bounds: Rectangle::new(iced::Point::new(x, y), iced::Size::new(w, h)),
        ..Quad::default()
    };
    let Rectangle {
        x,
        y,
        width: w,
        height: h,
    } = bounds;
    if w < 4.0 * STRIP || h < 4.0 * STRIP {
        let border = Border {
            width,
            color: match line {
                Background::Color(color) => color,
                Background::Gradient(_) => Color::TRANSPARENT,
            },
            ..Border::default()
        };
        return vec![(
            Quad {
                bounds,
                border,
                ..Quad::default()
            },
            fill,
        )];
    }
    let (right, bottom) = (x + w, y + h);
    let inner = w - 2.0 * width;
    vec![
        (quad(x, y, w, STRIP), fill),
        (quad(x, bottom - STRIP, w, STRIP), fill),
        (quad(x, y + INSET, STRIP, h - 2.0 * INSET), fill),
        (quad(right - STRIP, y + INSET, STRIP, h - 2.0 * INSET), fill),
        (
            quad(x + INSET, y + INSET, w - 2.0 * INSET, h - 2.0 * INSET),
            fill,
        ),
        (quad(x, y, width, h), line),
        (quad(right - width, y, width, h), line),
        (quad(x + width, y, inner, width), line),
        (quad(x + width, bottom - width, inner, width), line),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> container::Style {
        container::Style {
            background: Some(Background::Color(Color::from_rgb(0.1, 0.1, 0.2))),
            border: Border {
                radius: 10.0.into(),
                width: 1.0,
                color: Color::from_rgb(0.3, 0.3, 0.4),
            },
            ..container::Style::default()
        }
    }

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rectangle {
        Rectangle::new(iced::Point::new(x, y), iced::Size::new(w, h))
    }

    /// Every piece is inside what shows, but for strips and sides at most
    /// two pixels thin, which the renderer clips at little cost.
    fn drawn_inside(pieces: &[(Quad, Background)], visible: Rectangle) {
        for (quad, _) in pieces {
            let b = quad.bounds;
            assert!(
                b.is_within(&visible) || b.width.min(b.height) <= 2.0,
                "{b:?} reaches out of {visible:?}"
            );
        }
    }

    /// The pieces cover each row of `visible` (sampled at pixel centres)
    /// across the card's width.
    fn covers_the_view(pieces: &[(Quad, Background)], card: Rectangle, visible: Rectangle) {
        let mut y = visible.y.floor() + 0.5;
        while y < visible.y + visible.height {
            if y > visible.y {
                let x = card.x + card.width / 2.0;
                assert!(
                    pieces
                        .iter()
                        .any(|(q, _)| q.bounds.contains(iced::Point::new(x, y))),
                    "row {y} is not drawn"
                );
            }
            y += 1.0;
        }
    }

    #[test]
    fn a_card_in_full_view_is_one_quad_with_its_border() {
        let card = rect(24.0, 100.5, 800.0, 300.0);
        let pieces = pieces(&style(), card, card);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].0.bounds, card);
        assert!((pieces[0].0.border.width - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn a_card_cut_at_the_top_is_drawn_inside_what_shows() {
        let card = rect(24.0, -430.3, 800.0, 828.0);
        let visible = rect(24.0, 93.7, 800.0, 828.0 - 430.3 - 93.7);
        let pieces = pieces(&style(), card, visible);
        // The bottom end with its corners, the strip at the cut, the
        // middle, two sides.
        assert_eq!(pieces.len(), 5);
        drawn_inside(&pieces, visible);
        covers_the_view(&pieces, card, visible);
        let end = &pieces[0].0;
        assert!((end.bounds.y + end.bounds.height - (card.y + card.height)).abs() < 1e-3);
        assert_eq!(end.border.radius.top_left, 0.0);
        assert_eq!(end.border.radius.bottom_left, 10.0);
        // The middle runs from a whole pixel to a pixel inside the end's
        // fill, past the border the end draws across its top.
        let middle = &pieces[2].0;
        assert_eq!(middle.bounds.y, 94.0);
        assert!(middle.bounds.y + middle.bounds.height > end.bounds.y + 1.0);
        assert!(middle.bounds.y + middle.bounds.height < card.y + card.height - 10.0);
        assert_eq!(middle.border.width, 0.0);
        // The border's sides run from the cut to the end.
        for side in &pieces[3..] {
            assert!((side.0.bounds.width - 1.0).abs() < f32::EPSILON);
            assert_eq!(side.0.bounds.y, 93.0);
        }
    }

    #[test]
    fn a_card_cut_at_the_bottom_keeps_its_top_end() {
        let card = rect(24.0, 757.7, 800.0, 528.0);
        let visible = rect(24.0, 757.7, 800.0, 989.4 - 757.7);
        let pieces = pieces(&style(), card, visible);
        assert_eq!(pieces.len(), 5);
        drawn_inside(&pieces, visible);
        covers_the_view(&pieces, card, visible);
        assert_eq!(pieces[0].0.bounds.y, card.y);
        assert_eq!(pieces[0].0.border.radius.top_right, 10.0);
        assert_eq!(pieces[0].0.border.radius.bottom_right, 0.0);
    }

    #[test]
    fn a_card_taller_than_the_view_is_its_middle_and_sides() {
        let card = rect(24.0, -2000.0, 800.0, 5000.0);
        let visible = rect(24.0, 93.7, 800.0, 895.7);
        let pieces = pieces(&style(), card, visible);
        // Two strips, the middle, two sides.
        assert_eq!(pieces.len(), 5);
        drawn_inside(&pieces, visible);
        covers_the_view(&pieces, card, visible);
    }

    #[test]
    fn a_cut_through_a_corner_keeps_the_one_quad() {
        // Five pixels of the card above the view: the corners' curves show.
        let card = rect(24.0, 88.7, 800.0, 300.0);
        let visible = rect(24.0, 93.7, 800.0, 295.0);
        let pieces = pieces(&style(), card, visible);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].0.bounds, card);
        // And so near the other end that no middle fits.
        let card = rect(24.0, 900.0, 800.0, 300.0);
        let visible = rect(24.0, 900.0, 800.0, 15.0);
        assert_eq!(super::pieces(&style(), card, visible).len(), 1);
    }
}
