//! The transport icons, drawn from SVG so they look the same on every system.

use iced::widget::{Svg, svg};
use iced::{Color, Length, Theme};

/// The icons Leitmotif draws.
#[derive(Debug, Clone, Copy)]
pub enum Icon {
    /// ▶
    Play,
    /// ❚❚
    Pause,
    /// ⏮
    Previous,
    /// ⏭
    Next,
    /// Shuffle.
    Shuffle,
    /// Repeat all.
    Repeat,
    /// Repeat one.
    RepeatOne,
    /// Volume.
    Volume,
    /// Muted.
    Mute,
}

impl Icon {
    fn bytes(self) -> &'static [u8] {
        match self {
            Icon::Play => include_bytes!("../../../assets/icons/play.svg"),
            Icon::Pause => include_bytes!("../../../assets/icons/pause.svg"),
            Icon::Previous => include_bytes!("../../../assets/icons/previous.svg"),
            Icon::Next => include_bytes!("../../../assets/icons/next.svg"),
            Icon::Shuffle => include_bytes!("../../../assets/icons/shuffle.svg"),
            Icon::Repeat => include_bytes!("../../../assets/icons/repeat.svg"),
            Icon::RepeatOne => include_bytes!("../../../assets/icons/repeat-one.svg"),
            Icon::Volume => include_bytes!("../../../assets/icons/volume.svg"),
            Icon::Mute => include_bytes!("../../../assets/icons/mute.svg"),
        }
    }
}

/// The icon at `size` pixels, tinted with `color`.
pub fn icon<'a>(icon: Icon, size: f32, color: Color) -> Svg<'a, Theme> {
    svg(svg::Handle::from_memory(icon.bytes()))
        .width(Length::Fixed(size))
        .height(Length::Fixed(size))
        .style(move |_theme, _status| svg::Style { color: Some(color) })
}
