//! Whether a task's status agrees with its progress and its 序时 light, and the edits that keep
//! them in step (已完成 brings progress to 100%). Pure; the list rows and the task page show the
//! finding in plain Chinese.

use super::progress::{light, LightColour};
use super::{text, Action, Annotation, Status};
use crate::document::TaskNumber;
use crate::period::Date;

/// A status that the task's own figures contradict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Inconsistency {
    /// 已完成 with progress below 100%.
    DoneBelowFull { progress: u8 },
    /// 未启动 with some progress entered.
    NotStartedWithProgress { progress: u8 },
    /// 序时推进 or 超序时 while the light is yellow or red: `gap` points behind 序时进度.
    ClaimsOnTrackButBehind {
        ahead: bool,
        gap: f64,
        colour: LightColour,
    },
    /// 滞后 while progress is at or past 序时进度 (`expected`, in percent).
    BehindButOnTrack { expected: f64 },
}

impl Inconsistency {
    /// e.g. `状态为序时推进，但进度落后序时 40 个百分点（红灯）`.
    pub fn message(&self) -> String {
        match *self {
            Inconsistency::DoneBelowFull { progress } => text::inconsistent_done(progress),
            Inconsistency::NotStartedWithProgress { progress } => {
                text::inconsistent_not_started(progress)
            }
            Inconsistency::ClaimsOnTrackButBehind { ahead, gap, colour } => {
                let status = if ahead {
                    text::STATUS_AHEAD
                } else {
                    text::STATUS_ON_SCHEDULE
                };
                text::inconsistent_claims_on_track(
                    status,
                    &super::progress::format_points(gap),
                    colour.label(),
                )
            }
            Inconsistency::BehindButOnTrack { expected } => {
                text::inconsistent_behind(&super::progress::format_points(expected))
            }
        }
    }
}

/// The one rule: what, if anything, the task's status contradicts at `as_of`. An untouched task
/// (未填报) and 其他 (a stated reason) contradict nothing.
pub fn inconsistency(annotation: &Annotation, as_of: Date) -> Option<Inconsistency> {
    let progress = annotation.progress;
    match &annotation.status {
        Status::Done if progress < 100 => Some(Inconsistency::DoneBelowFull { progress }),
        Status::NotStarted if progress > 0 => {
            Some(Inconsistency::NotStartedWithProgress { progress })
        }
        status @ (Status::OnSchedule | Status::AheadOfSchedule) => {
            let light = light(annotation, as_of);
            (light.colour != LightColour::Green).then_some(Inconsistency::ClaimsOnTrackButBehind {
                ahead: *status == Status::AheadOfSchedule,
                gap: light.gap,
                colour: light.colour,
            })
        }
        Status::Behind => {
            let light = light(annotation, as_of);
            // At or past 序时进度 the figures say the opposite of 滞后 (within the green band but
            // still behind, 滞后 is a fair word).
            (light.gap <= 0.0).then_some(Inconsistency::BehindButOnTrack {
                expected: light.expected,
            })
        }
        _ => None,
    }
}

/// The edits for choosing `status` on `task`: the status itself, and for 已完成 below 100% the
/// progress brought to 100% too (a separate edit, so Undo can take it back alone).
pub fn status_edits(task: TaskNumber, status: Status, current: &Annotation) -> Vec<Action> {
    let complete = status == Status::Done && current.progress < 100;
    let mut edits = vec![Action::SetStatus { task, status }];
    if complete {
        edits.push(Action::SetProgress {
            task,
            progress: 100,
        });
    }
    edits
}
