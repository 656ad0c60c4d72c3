//! Colours and widget styles: a dark theme with a warm accent, like a cinema.

use iced::widget::{button, container};
use iced::{Background, Border, Color, Theme, color};

use crate::library::Category;

/// The theme for the system's preference: light when it asks for light, dark
/// otherwise (and when it says nothing).
pub fn for_mode(mode: iced::theme::Mode) -> Theme {
    match mode {
        iced::theme::Mode::Light => light(),
        _ => dark(),
    }
}

/// Leitmotif's light theme.
pub fn light() -> Theme {
    Theme::custom(
        "Leitmotif Light",
        iced::theme::Palette {
            background: color!(0xf6f4f0),
            text: color!(0x1d1f24),
            primary: color!(0xa35f16),
            success: color!(0x2f7a3b),
            warning: color!(0x8a6d00),
            danger: color!(0xb3261e),
        },
    )
}

/// Leitmotif's dark theme.
pub fn dark() -> Theme {
    Theme::custom(
        "Leitmotif Dark",
        iced::theme::Palette {
            background: color!(0x14161c),
            text: color!(0xe8e6e3),
            primary: color!(0xe0a458),
            success: color!(0x7fb685),
            warning: color!(0xe0c458),
            danger: color!(0xe06c5a),
        },
    )
}

/// Text that says less: metadata, durations.
pub fn muted(theme: &Theme) -> Color {
    let p = theme.extended_palette();
    p.background.base.text.scale_alpha(0.62)
}

/// A production's card.
pub fn card(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    // Cards lie on the window's plain background, so their translucent
    // colours are laid over it here, once: tiny-skia fills an opaque colour
    // without reading what is under it, a blend reads every pixel back.
    let fill = over(
        p.background.weak.color.scale_alpha(0.35),
        p.background.base.color,
    );
    container::Style {
        background: Some(Background::Color(fill)),
        border: Border {
            radius: 10.0.into(),
            width: 1.0,
            color: over(p.background.strong.color.scale_alpha(0.4), fill),
        },
        ..container::Style::default()
    }
}

/// `top` laid over the opaque `under`: the one colour the blend would give.
fn over(top: Color, under: Color) -> Color {
    let mix = |a: f32, b: f32| a * top.a + b * (1.0 - top.a);
    Color::from_rgb(
        mix(top.r, under.r),
        mix(top.g, under.g),
        mix(top.b, under.b),
    )
}

/// The transport bar along the bottom.
pub fn bar(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.background.weak.color)),
        border: Border {
            width: 1.0,
            color: p.background.strong.color.scale_alpha(0.5),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// The banner for problems the user should know about (no audio output).
pub fn notice(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.danger.weak.color.scale_alpha(0.25))),
        text_color: Some(p.background.base.text),
        border: Border {
            radius: 6.0.into(),
            width: 1.0,
            color: p.danger.base.color,
        },
        ..container::Style::default()
    }
}

/// A track row: flat, lit on hover, marked when it is the one playing.
pub fn track_row(current: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let background = match (current, status) {
            (true, _) => Some(Background::Color(p.primary.base.color.scale_alpha(0.18))),
            (false, button::Status::Hovered | button::Status::Pressed) => Some(Background::Color(
                p.background.strong.color.scale_alpha(0.35),
            )),
            _ => None,
        };
        button::Style {
            background,
            text_color: if current {
                p.primary.base.color
            } else {
                p.background.base.text
            },
            border: Border {
                radius: 6.0.into(),
                ..Border::default()
            },
            ..button::Style::default()
        }
    }
}

/// Round transport buttons.
pub fn transport_button(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.extended_palette();
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => p.background.strong.color,
        _ => p.background.weak.color,
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color: p.background.base.text,
        border: Border {
            radius: 20.0.into(),
            ..Border::default()
        },
        ..button::Style::default()
    }
}

/// The main play button stands out.
pub fn play_button(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.extended_palette();
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => p.primary.strong.color,
        _ => p.primary.base.color,
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color: p.primary.base.text,
        border: Border {
            radius: 24.0.into(),
            ..Border::default()
        },
        ..button::Style::default()
    }
}

/// The colour that tells score from songs, everywhere.
pub fn category_color(category: Category) -> Color {
    match category {
        Category::Score => color!(0x6fa8dc),
        Category::Song => color!(0xe0a458),
        Category::Unknown => color!(0x9a9a9a),
    }
}

/// A small pill naming a category.
pub fn badge(category: Category) -> impl Fn(&Theme) -> container::Style {
    move |_theme| {
        let c = category_color(category);
        container::Style {
            background: Some(Background::Color(c.scale_alpha(0.16))),
            text_color: Some(c),
            border: Border {
                radius: 8.0.into(),
                width: 1.0,
                color: c.scale_alpha(0.6),
            },
            ..container::Style::default()
        }
    }
}

/// The now-playing panel along the right.
pub fn side_panel(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    // On the window's background, laid over it once (see `card`).
    let fill = over(
        p.background.weak.color.scale_alpha(0.5),
        p.background.base.color,
    );
    container::Style {
        background: Some(Background::Color(fill)),
        border: Border {
            width: 1.0,
            color: over(p.background.strong.color.scale_alpha(0.4), fill),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// A filter chip: filled when on.
pub fn chip(on: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let (background, text_color) = if on {
            (p.primary.base.color, p.primary.base.text)
        } else if matches!(status, button::Status::Hovered | button::Status::Pressed) {
            (p.background.strong.color, p.background.base.text)
        } else {
            (p.background.weak.color, p.background.base.text)
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color,
            border: Border {
                radius: 14.0.into(),
                ..Border::default()
            },
            ..button::Style::default()
        }
    }
}

/// A card that hides what is under it (dialogs, overlays).
pub fn card_solid(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(p.background.weak.color)),
        border: Border {
            radius: 12.0.into(),
            width: 1.0,
            color: p.background.strong.color,
        },
        ..container::Style::default()
    }
}

/// A title that opens its page: plain text, underlined colour on hover.
pub fn link(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.extended_palette();
    button::Style {
        background: None,
        text_color: match status {
            button::Status::Hovered | button::Status::Pressed => p.primary.base.color,
            _ => p.background.base.text,
        },
        ..button::Style::default()
    }
}
