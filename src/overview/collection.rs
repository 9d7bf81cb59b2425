//! The collection round (报送催办): for one period, which units have reported which of their tasks,
//! when each last reported, and a 催办 notice for the ones that have not.
//!
//! **The one rule** ([`unit_reported`]): a unit has reported a task for a period only when that unit
//! wrote the task's report for that period itself — by the unit recorded in history (`Change::who`),
//! not because it is one of the task's lead units. For each report field of the period
//! (工作进展 / 存在问题 / 下步计划) the unit's latest change counts; the task is reported when any of
//! those leaves text. So a unit that wrote and then cleared its text has not reported. The scorecard's
//! 本期已报送, this round and the spreadsheets all count with this rule. A unit's own entry
//! (`ledger::units`) counts the same way: its latest change to each report field of its entry.
//!
//! A unit's tasks are the tasks it leads (牵头): the lead unit answers to the coordinator.

use super::text;
use crate::document::{Document, TaskNumber};
use crate::ledger::units::unit_path;
use crate::ledger::{Annotation, Change, Ledger, ReportField};
use crate::period::{instant_millis, Date, Period};

/// The changes `unit` made to `period`'s report fields, the latest per field and per entry: the
/// task's compiled entry (which the first lead writes) and the unit's own entry (history order
/// breaks ties between equal instants, as the ledger appends in order).
fn latest_report_changes<'a>(
    annotation: &'a Annotation,
    period: Period,
    unit: &str,
) -> impl Iterator<Item = &'a Change> + 'a {
    let prefix = format!("report.{}.", period.id());
    let unit = unit.trim().to_string();
    ReportField::ALL.into_iter().flat_map(move |field| {
        let path = format!("{prefix}{}", field.key());
        let own = unit_path(&unit, &path);
        let unit = unit.clone();
        let latest = move |wanted: &str, by_unit: bool| {
            annotation
                .history
                .iter()
                .enumerate()
                .filter(|(_, change)| {
                    change.field == wanted && (!by_unit || change.who.unit.trim() == unit)
                })
                .max_by_key(|(index, change)| (instant_millis(&change.at), *index))
                .map(|(_, change)| change)
        };
        [latest(&path, true), latest(&own, false)]
            .into_iter()
            .flatten()
    })
}

/// Whether `unit` itself reported this task for `period`: its latest change to some report field of
/// the period left text. An empty unit name never reports.
pub fn unit_reported(annotation: &Annotation, period: Period, unit: &str) -> bool {
    !unit.trim().is_empty()
        && latest_report_changes(annotation, period, unit).any(|change| !change.new.is_empty())
}

/// When `unit` last wrote report text for this task and period (ISO 8601 as recorded), if it has
/// reported by [`unit_reported`].
pub fn unit_report_time<'a>(
    annotation: &'a Annotation,
    period: Period,
    unit: &str,
) -> Option<&'a str> {
    if unit.trim().is_empty() {
        return None;
    }
    latest_report_changes(annotation, period, unit)
        .filter(|change| !change.new.is_empty())
        .max_by_key(|change| instant_millis(&change.at))
        .map(|change| change.at.as_str())
}

/// [`unit_reported`] for a task of a ledger (an unannotated task was reported by no one).
pub fn unit_reported_task(ledger: &Ledger, task: TaskNumber, period: Period, unit: &str) -> bool {
    ledger
        .annotation(task)
        .is_some_and(|annotation| unit_reported(annotation, period, unit))
}

/// One unit in the round.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRound {
    pub unit: String,
    /// A group such as 各街道.
    pub group: bool,
    /// Position in the document's unit list.
    pub order: usize,
    /// The tasks it leads, in document order.
    pub tasks: Vec<TaskNumber>,
    /// Those it reported for the period (by [`unit_reported`]), in document order.
    pub reported: Vec<TaskNumber>,
    /// When it last wrote report text for the period (ISO 8601), if ever.
    pub last_reported: Option<String>,
}

impl UnitRound {
    /// Its tasks not yet reported, in document order.
    pub fn unreported(&self) -> Vec<TaskNumber> {
        self.tasks
            .iter()
            .copied()
            .filter(|task| !self.reported.contains(task))
            .collect()
    }

    /// Every task reported (true for a unit that leads nothing).
    pub fn complete(&self) -> bool {
        self.reported.len() == self.tasks.len()
    }

    /// `3/9`.
    pub fn fraction(&self) -> String {
        format!("{}/{}", self.reported.len(), self.tasks.len())
    }
}

/// The collection round for one period: every unit that leads a task, in the document's unit order.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionRound {
    pub period: Period,
    pub rows: Vec<UnitRound>,
}

impl CollectionRound {
    /// The round for the ledger's current period at `today`.
    pub fn compute(document: &Document, ledger: &Ledger, today: Date) -> CollectionRound {
        CollectionRound::for_period(document, ledger, ledger.current_period(today))
    }

    pub fn for_period(document: &Document, ledger: &Ledger, period: Period) -> CollectionRound {
        let rows = unit_names(document)
            .into_iter()
            .enumerate()
            .filter_map(|(order, (unit, group))| {
                let tasks: Vec<TaskNumber> = document
                    .tasks
                    .iter()
                    .filter(|t| t.lead_units.contains(&unit))
                    .map(|t| t.number)
                    .collect();
                if tasks.is_empty() {
                    return None;
                }
                let reported: Vec<TaskNumber> = tasks
                    .iter()
                    .copied()
                    .filter(|task| unit_reported_task(ledger, *task, period, &unit))
                    .collect();
                let last_reported = reported
                    .iter()
                    .filter_map(|task| ledger.annotation(*task))
                    .filter_map(|a| unit_report_time(a, period, &unit))
                    .max_by_key(|at| instant_millis(at))
                    .map(str::to_string);
                Some(UnitRound {
                    unit,
                    group,
                    order,
                    tasks,
                    reported,
                    last_reported,
                })
            })
            .collect();
        CollectionRound { period, rows }
    }

    pub fn row(&self, unit: &str) -> Option<&UnitRound> {
        self.rows.iter().find(|row| row.unit == unit)
    }

    /// Units with at least one task not reported, in unit order: whom to chase.
    pub fn pending(&self) -> Vec<&UnitRound> {
        self.rows.iter().filter(|row| !row.complete()).collect()
    }

    /// Units that reported every task they lead.
    pub fn complete_count(&self) -> usize {
        self.rows.iter().filter(|row| row.complete()).count()
    }

    /// The 催办 notice for the pending units: addressees, each unit's unreported tasks (number and
    /// short title), and the deadline the coordinator set. `from` signs it (the coordinator's unit);
    /// `as_of` is the date the notice speaks of (截至…). `None` when nobody is pending.
    pub fn reminder(
        &self,
        document: &Document,
        as_of: Date,
        deadline: Date,
        from: &str,
    ) -> Option<String> {
        let pending = self.pending();
        if pending.is_empty() {
            return None;
        }
        let addressees: Vec<&str> = pending.iter().map(|row| row.unit.as_str()).collect();
        let lines: Vec<String> = pending
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let tasks: Vec<String> = row
                    .unreported()
                    .into_iter()
                    .map(|number| {
                        let title = document
                            .task(number)
                            .map(|t| t.title.as_str())
                            .unwrap_or_default();
                        text::reminder_task(number, title)
                    })
                    .collect();
                text::reminder_unit_line(index + 1, &row.unit, tasks.len(), &tasks)
            })
            .collect();
        Some(text::reminder(
            &document.title,
            self.period,
            &addressees,
            &lines,
            as_of,
            deadline,
            from.trim(),
        ))
    }
}

/// Every unit name with its group flag, in the document's unit order; units a task names but the
/// unit list missed come last.
pub(super) fn unit_names(document: &Document) -> Vec<(String, bool)> {
    let mut names: Vec<(String, bool)> = document
        .units
        .iter()
        .map(|u| (u.name.clone(), u.group))
        .collect();
    for task in &document.tasks {
        for name in task.all_units() {
            if !names.iter().any(|(n, _)| n == name) {
                names.push((name.clone(), crate::query::looks_like_group(name)));
            }
        }
    }
    names
}
