//! The 序时 light bucket a task falls in, as a filter value (`light=red`). How a ledger decides a
//! task's bucket is the overview's business (`LightBucket::of` in `overview`).

use crate::ledger::{Light, LightColour};

/// A task's 序时 light bucket on the dashboard and in the `light` filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum LightBucket {
    Green,
    Yellow,
    Red,
    /// No light, shown as 未填报: nothing reported yet (still 未启动 at 0%).
    #[default]
    Unlit,
}

impl LightBucket {
    pub const ALL: [LightBucket; 4] = [
        LightBucket::Green,
        LightBucket::Yellow,
        LightBucket::Red,
        LightBucket::Unlit,
    ];

    /// Stable key, for URLs (`light=red,none`), CSS hooks and tests.
    pub fn key(self) -> &'static str {
        match self {
            LightBucket::Green => "green",
            LightBucket::Yellow => "yellow",
            LightBucket::Red => "red",
            LightBucket::Unlit => "none",
        }
    }

    pub fn from_param(value: &str) -> Option<LightBucket> {
        LightBucket::ALL
            .into_iter()
            .find(|light| light.key() == value)
    }

    /// 绿灯 / 黄灯 / 红灯 / 未填报.
    pub fn label(self) -> &'static str {
        match self {
            LightBucket::Green => LightColour::Green.label(),
            LightBucket::Yellow => LightColour::Yellow.label(),
            LightBucket::Red => LightColour::Red.label(),
            LightBucket::Unlit => crate::ledger::text::LIGHT_UNREPORTED,
        }
    }

    /// The bucket a task's light falls in: unlit while nothing is reported, else its colour.
    pub fn of_light(light: &Light) -> LightBucket {
        if light.unreported {
            return LightBucket::Unlit;
        }
        match light.colour {
            LightColour::Green => LightBucket::Green,
            LightColour::Yellow => LightBucket::Yellow,
            LightColour::Red => LightBucket::Red,
        }
    }

    pub fn css_class(self) -> &'static str {
        match self {
            LightBucket::Green => LightColour::Green.css_class(),
            LightBucket::Yellow => LightColour::Yellow.css_class(),
            LightBucket::Red => LightColour::Red.css_class(),
            LightBucket::Unlit => "light-none",
        }
    }
}
