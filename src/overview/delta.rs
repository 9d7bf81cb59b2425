//! Period-over-period: what changed for a task, or a unit's led tasks, since the previous period.
//!
//! Assumptions (the ledger keeps current values plus an append-only history of display strings):
//! - "Then" is the end of the previous period: a field's value then is the `new` of its last
//!   history entry dated on or before that period's last day; if every entry is later, the `old`
//!   of the first one; with no entries, the current value (it never changed).
//! - Entries are ordered by instant (their offsets respected) and dated by the writer's local date,
//!   the calendar the periods are written in. An unreadable timestamp counts as before every
//!   period, so old data never shows up as a fresh change.
//! - "Now" is the ledger's current value, whatever the date.
//! - Fields compared: status, progress and every target's actual. A "new report" is a non-empty
//!   report keyed to the period itself.

use super::text;
use crate::document::{Document, TaskNumber};
use crate::ledger::{display_value, text as ledger_text, Annotation, Change, Ledger, Status};
use crate::period::{instant_millis, Date, Period};

/// One field's value at the end of the previous period and now, as people read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDelta {
    /// Field path (`status`, `progress`, `actual.0`, `added.<id>.actual`).
    pub field: String,
    /// 状态 / 进度 / 指标1 实际值.
    pub label: String,
    pub before: String,
    pub after: String,
}

impl FieldDelta {
    /// `状态：序时推进 → 已完成`.
    pub fn describe(&self) -> String {
        text::delta_line(&self.label, &self.before, &self.after)
    }
}

/// What changed on one task between the end of `previous` and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDelta {
    pub task: TaskNumber,
    pub title: String,
    pub period: Period,
    pub previous: Period,
    /// Status, progress, then actuals in path order; only fields whose value differs.
    pub changes: Vec<FieldDelta>,
    /// Status at the end of the previous period (label) and now.
    pub status_before: String,
    pub status_after: String,
    /// A non-empty report exists for `period`.
    pub new_report: bool,
}

impl TaskDelta {
    pub fn between(
        document: &Document,
        ledger: &Ledger,
        task: TaskNumber,
        period: Period,
    ) -> TaskDelta {
        let default = Annotation::default();
        let annotation = ledger.annotation(task).unwrap_or(&default);
        let previous = period.previous();
        let cutoff = previous.last_day();
        let mut history: Vec<&Change> = annotation.history.iter().collect();
        // Stable: entries at the same instant keep their recorded order.
        crate::sorting::sort_by_key(&mut history, |c| instant_millis(&c.at));

        let mut paths: Vec<String> = vec!["status".into(), "progress".into()];
        let mut actuals: Vec<String> = annotation
            .fields()
            .into_keys()
            .chain(history.iter().map(|c| c.field.clone()))
            .filter(|path| is_actual(path))
            .collect();
        crate::sorting::sort(&mut actuals);
        actuals.dedup();
        paths.extend(actuals);

        let mut changes = Vec::new();
        let mut status_before = String::new();
        let mut status_after = String::new();
        for path in paths {
            let after = display_value(&path, annotation.field(&path).as_ref());
            let before = value_then(&history, &path, cutoff).unwrap_or_else(|| after.clone());
            if path == "status" {
                status_before.clone_from(&before);
                status_after.clone_from(&after);
            }
            if before != after {
                changes.push(FieldDelta {
                    label: ledger_text::field_label(&path),
                    field: path,
                    before,
                    after,
                });
            }
        }
        TaskDelta {
            task,
            title: document
                .task(task)
                .map(|t| t.title.clone())
                .unwrap_or_default(),
            period,
            previous,
            changes,
            status_before,
            status_after,
            new_report: annotation.report(period).is_some_and(|r| !r.is_empty()),
        }
    }

    /// Nothing changed and nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && !self.new_report
    }

    /// One line per change, then the new report: `状态：序时推进 → 已完成`, `新增2023年第二季度进展报告`.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.changes.iter().map(FieldDelta::describe).collect();
        if self.new_report {
            lines.push(text::new_report_line(&self.period.label()));
        }
        lines
    }

    fn done_before(&self) -> bool {
        self.status_before == Status::Done.describe()
    }

    fn done_after(&self) -> bool {
        self.status_after == Status::Done.describe()
    }
}

/// What changed across the tasks a unit leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDelta {
    pub unit: String,
    pub period: Period,
    pub previous: Period,
    /// Led tasks.
    pub led: usize,
    /// Led tasks at 已完成 at the end of the previous period, and now.
    pub done_before: usize,
    pub done_after: usize,
    /// Led tasks with a report for `period`.
    pub new_reports: usize,
    /// Led tasks where something changed or was reported, in document order.
    pub tasks: Vec<TaskDelta>,
}

impl UnitDelta {
    pub fn between(document: &Document, ledger: &Ledger, unit: &str, period: Period) -> UnitDelta {
        let deltas: Vec<TaskDelta> = document
            .tasks
            .iter()
            .filter(|t| t.lead_units.iter().any(|u| u == unit))
            .map(|t| TaskDelta::between(document, ledger, t.number, period))
            .collect();
        UnitDelta {
            unit: unit.to_string(),
            period,
            previous: period.previous(),
            led: deltas.len(),
            done_before: deltas.iter().filter(|d| d.done_before()).count(),
            done_after: deltas.iter().filter(|d| d.done_after()).count(),
            new_reports: deltas.iter().filter(|d| d.new_report).count(),
            tasks: deltas.into_iter().filter(|d| !d.is_empty()).collect(),
        }
    }
}

fn is_actual(path: &str) -> bool {
    let parts: Vec<&str> = path.split('.').collect();
    matches!(parts.as_slice(), ["actual", _] | ["added", _, "actual"])
}

/// A field's display value (`序时推进`, `40`) at the end of `period`, read back from history like
/// [`TaskDelta`]'s "before"; the current value when history has no entry for it.
pub fn value_at_end(annotation: &Annotation, path: &str, period: Period) -> String {
    let mut history: Vec<&Change> = annotation.history.iter().collect();
    crate::sorting::sort_by_key(&mut history, |c| instant_millis(&c.at));
    value_then(&history, path, period.last_day())
        .unwrap_or_else(|| display_value(path, annotation.field(path).as_ref()))
}

/// The field's display value at the end of `cutoff`, from history; `None` without entries.
fn value_then(history: &[&Change], path: &str, cutoff: Date) -> Option<String> {
    let entries: Vec<&&Change> = history.iter().filter(|c| c.field == path).collect();
    let on_or_before = |c: &Change| Date::of_timestamp(&c.at).is_none_or(|d| d <= cutoff);
    if let Some(last) = entries.iter().rev().find(|c| on_or_before(c)) {
        return Some(last.new.clone());
    }
    entries.first().map(|first| first.old.clone())
}
