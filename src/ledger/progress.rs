//! Completion maths for targets (comparator-aware) and the 序时进度 traffic light.

use super::{text, Annotation, Status, TargetRef};
use crate::document::{Comparator, Target};
use crate::period::Date;
use serde::{Deserialize, Serialize};

/// `About` (左右) counts as met within this share of the target value either side.
pub const ABOUT_TOLERANCE: f64 = 0.05;

/// The completion ratio shown for an unmet target whose actual equals the value, e.g. 突破 100 at
/// exactly 100: the ratio is 1 only when the target is met, so "100%" never sits next to "not met".
pub const UNMET_AT_VALUE: f64 = 0.99;

/// Whether `actual` meets a target of `value` (for a range such as 3-5个, `value` is the lower bound:
/// reaching the range's start meets it).
/// - AtLeast (以上), Reach (达到): actual ≥ value
/// - AtMost (以内): actual ≤ value
/// - Exceed (突破), MoreThan (余): actual > value
/// - About (左右): |actual − value| ≤ 5% of |value|
pub fn is_met(comparator: Comparator, value: f64, actual: f64) -> bool {
    match comparator {
        Comparator::AtLeast | Comparator::Reach => actual >= value,
        Comparator::AtMost => actual <= value,
        Comparator::Exceed | Comparator::MoreThan => actual > value,
        Comparator::About => (actual - value).abs() <= ABOUT_TOLERANCE * value.abs(),
    }
}

/// How far `actual` is towards the target, in 0–1; exactly 1 when met.
/// - AtLeast, Reach, Exceed, MoreThan: actual / value (0 when value ≤ 0 and not met)
/// - AtMost: value / actual when over the limit
/// - About: the smaller of actual and value over the larger
pub fn completion(comparator: Comparator, value: f64, actual: f64) -> f64 {
    if is_met(comparator, value, actual) {
        return 1.0;
    }
    let ratio = match comparator {
        Comparator::AtMost => safe_ratio(value, actual),
        Comparator::About if actual > value => safe_ratio(value, actual),
        _ => safe_ratio(actual, value),
    };
    ratio.clamp(0.0, UNMET_AT_VALUE)
}

fn safe_ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 && numerator.is_finite() {
        numerator / denominator
    } else {
        0.0
    }
}

/// One target as the ledger view shows it: the parser's or a hand-added one, with its actual.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetView {
    pub target: TargetRef,
    pub text: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub comparator: Comparator,
    pub actual: Option<f64>,
    pub hidden: bool,
    /// `None` until an actual is entered.
    pub met: Option<bool>,
    pub completion: Option<f64>,
}

impl Annotation {
    /// The task's targets (parser's first, then hand-added in creation order), hidden ones included
    /// and flagged.
    pub fn target_views(&self, parsed: &[Target]) -> Vec<TargetView> {
        let view =
            |target: TargetRef, text: &str, value, value_max, unit: Option<String>, comparator| {
                let actual = self.actual(target);
                TargetView {
                    target,
                    text: text.to_string(),
                    value,
                    value_max,
                    unit,
                    comparator,
                    actual,
                    hidden: self.is_hidden(target),
                    met: actual.map(|a| is_met(comparator, value, a)),
                    completion: actual.map(|a| completion(comparator, value, a)),
                }
            };
        let parsed_views = parsed.iter().enumerate().map(|(index, t)| {
            view(
                TargetRef::Parsed(index),
                &t.text,
                t.value,
                t.value_max,
                t.unit.clone(),
                t.comparator,
            )
        });
        let added_views = self.added_targets.iter().map(|(id, added)| {
            let t = &added.target;
            view(
                TargetRef::Added(*id),
                &t.text,
                t.value,
                t.value_max,
                t.unit.clone(),
                t.comparator,
            )
        });
        parsed_views.chain(added_views).collect()
    }

    /// Mean completion of the visible targets that have an actual; `None` if there are none.
    pub fn target_completion(&self, parsed: &[Target]) -> Option<f64> {
        let ratios: Vec<f64> = self
            .target_views(parsed)
            .iter()
            .filter(|v| !v.hidden)
            .filter_map(|v| v.completion)
            .collect();
        (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64)
    }
}

/// Green while within this many points of 序时进度.
pub const GREEN_MAX_GAP: f64 = 10.0;
/// Yellow up to this many points behind; red beyond.
pub const YELLOW_MAX_GAP: f64 = 30.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LightColour {
    Green,
    Yellow,
    Red,
}

impl LightColour {
    /// Green at a gap ≤ 10 points, yellow at ≤ 30, red beyond (gap = expected − progress).
    pub fn for_gap(gap: f64) -> LightColour {
        if gap <= GREEN_MAX_GAP {
            LightColour::Green
        } else if gap <= YELLOW_MAX_GAP {
            LightColour::Yellow
        } else {
            LightColour::Red
        }
    }

    /// 绿灯 / 黄灯 / 红灯.
    pub fn label(self) -> &'static str {
        match self {
            LightColour::Green => text::LIGHT_GREEN,
            LightColour::Yellow => text::LIGHT_YELLOW,
            LightColour::Red => text::LIGHT_RED,
        }
    }

    pub fn css_class(self) -> &'static str {
        match self {
            LightColour::Green => "light-green",
            LightColour::Yellow => "light-yellow",
            LightColour::Red => "light-red",
        }
    }
}

/// A task's standing against 序时进度 (the progress expected by now).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Light {
    pub colour: LightColour,
    /// Expected progress in percent (0–100).
    pub expected: f64,
    /// Points behind the expected progress (negative when ahead).
    pub gap: f64,
    pub done: bool,
    /// Nothing reported yet (still 未启动 at 0%): shown as 未填报, not as a colour, in every view.
    #[serde(default)]
    pub unreported: bool,
}

impl Light {
    /// 序时进度 100%: what an untouched task's badge says beside 未填报.
    pub fn expected_text(&self) -> String {
        text::expected_progress(&format_points(self.expected))
    }

    /// 未填报 / 已完成 / 符合序时 / 落后序时 22 个百分点.
    pub fn text(&self) -> String {
        if self.unreported {
            text::LIGHT_UNREPORTED.to_string()
        } else if self.done {
            text::LIGHT_DONE.to_string()
        } else if self.colour == LightColour::Green {
            text::LIGHT_ON_TRACK.to_string()
        } else {
            text::behind_schedule(&format_points(self.gap))
        }
    }
}

/// Whole points when the gap is (nearly) whole, otherwise one decimal, so 10.4 never reads as "10".
pub(super) fn format_points(gap: f64) -> String {
    let rounded = gap.round();
    if (gap - rounded).abs() < 0.05 {
        format!("{rounded:.0}")
    } else {
        format!("{gap:.1}")
    }
}

/// 序时进度 at `as_of`, in percent. Without a due date: the share of the year elapsed
/// (day_of_year / days_in_year × 100, so 31 December is 100). With one: the share of the span from
/// 1 January of the as-of year to the due date, counting both ends, and 100 on or after it.
pub fn expected_progress(as_of: Date, due: Option<Date>) -> f64 {
    match due {
        None => f64::from(as_of.day_of_year()) * 100.0 / f64::from(as_of.days_in_year()),
        Some(due) if as_of >= due => 100.0,
        Some(due) => {
            let start = Date::first_of_year(as_of.year);
            let elapsed = start.days_until(as_of) + 1;
            let span = start.days_until(due) + 1;
            elapsed as f64 * 100.0 / span as f64
        }
    }
}

/// Whether a task has had nothing reported: still 未启动 at 0%. The one rule for "未填报" — the list
/// rows, the task page, the overview's charts and the reports all ask this, so a seed opened years
/// after its due dates shows grey 未填报 rows rather than a wall of red.
pub fn is_unreported(annotation: &Annotation) -> bool {
    let standing = annotation.standing();
    standing.status == Status::NotStarted && standing.progress == 0
}

/// The 序时进度 light for a task at `as_of`. Done tasks are always green; untouched tasks are
/// [`Light::unreported`] (their colour is what they would show, kept for the gap figures). Judged on
/// the task's standing: the compiled entry, or the units' entries by `Annotation::standing`'s rule.
pub fn light(annotation: &Annotation, as_of: Date) -> Light {
    let standing = annotation.standing();
    let expected = expected_progress(as_of, annotation.due);
    let gap = expected - f64::from(standing.progress);
    let done = standing.status == Status::Done;
    let colour = if done {
        LightColour::Green
    } else {
        LightColour::for_gap(gap)
    };
    Light {
        colour,
        expected,
        gap,
        done,
        unreported: is_unreported(annotation),
    }
}
