//! Unit scorecards: one row per unit, sortable by every column.
//!
//! A unit answers for the tasks it leads (牵头), so every count except `joined` is over led tasks.
//! 本期已报送 counts the led tasks the unit reported itself ([`super::unit_reported`]: by the unit
//! recorded in history, never because it is a co-lead of a task someone else reported).

use super::collection::{unit_names, unit_reported};
use super::{text, LightBucket};
use crate::document::{Document, TaskNumber};
use crate::ledger::{Annotation, Ledger, Status};
use crate::period::{Date, Period};
use crate::query::{Query, Role};

/// One unit's row.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorecardRow {
    pub unit: String,
    /// A group such as 各街道.
    pub group: bool,
    /// Position in the document's unit list: the tie-breaker for every sort.
    pub order: usize,
    pub led: usize,
    pub joined: usize,
    /// Led tasks at 已完成.
    pub done: usize,
    /// Led tasks at 滞后.
    pub behind: usize,
    /// Led tasks with a red light.
    pub red: usize,
    /// Led tasks this unit itself reported for the current period ([`super::unit_reported`]).
    pub reported_tasks: usize,
    /// Whether it reported any led task for the current period (false for a unit that leads
    /// nothing).
    pub reported: bool,
    /// Visible targets of led tasks that are met.
    pub targets_met: usize,
    /// Visible targets of led tasks that have an actual value.
    pub targets_with_actual: usize,
    /// Visible targets of led tasks.
    pub targets: usize,
}

impl ScorecardRow {
    /// The Find view of the tasks this unit leads.
    pub fn led_query(&self) -> Query {
        let mut query = Query::default();
        query.units.insert(self.unit.clone());
        query.role = Role::Lead;
        query
    }

    /// The Find view of the tasks this unit joins.
    pub fn joined_query(&self) -> Query {
        Query {
            role: Role::Participate,
            ..self.led_query()
        }
    }
}

/// A scorecard column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ScorecardSort {
    /// The document's unit order.
    #[default]
    Unit,
    Led,
    Joined,
    Done,
    Behind,
    Red,
    /// Led tasks reported this period by the unit itself (shown as `x/y`).
    Reported,
    TargetsMet,
    TargetsWithActual,
    Targets,
}

impl ScorecardSort {
    pub const ALL: [ScorecardSort; 10] = [
        ScorecardSort::Unit,
        ScorecardSort::Led,
        ScorecardSort::Joined,
        ScorecardSort::Done,
        ScorecardSort::Behind,
        ScorecardSort::Red,
        ScorecardSort::Reported,
        ScorecardSort::TargetsMet,
        ScorecardSort::TargetsWithActual,
        ScorecardSort::Targets,
    ];

    /// Stable URL value.
    pub fn as_param(self) -> &'static str {
        match self {
            ScorecardSort::Unit => "unit",
            ScorecardSort::Led => "led",
            ScorecardSort::Joined => "joined",
            ScorecardSort::Done => "done",
            ScorecardSort::Behind => "behind",
            ScorecardSort::Red => "red",
            ScorecardSort::Reported => "reported",
            ScorecardSort::TargetsMet => "targets_met",
            ScorecardSort::TargetsWithActual => "targets_actual",
            ScorecardSort::Targets => "targets",
        }
    }

    pub fn from_param(value: &str) -> Option<ScorecardSort> {
        ScorecardSort::ALL
            .into_iter()
            .find(|sort| sort.as_param() == value)
    }

    /// Column heading.
    pub fn label(self) -> &'static str {
        match self {
            ScorecardSort::Unit => text::COLUMN_UNIT,
            ScorecardSort::Led => text::COLUMN_LED,
            ScorecardSort::Joined => text::COLUMN_JOINED,
            ScorecardSort::Done => text::COLUMN_DONE,
            ScorecardSort::Behind => text::COLUMN_BEHIND,
            ScorecardSort::Red => text::COLUMN_RED,
            ScorecardSort::Reported => text::COLUMN_REPORTED,
            ScorecardSort::TargetsMet => text::COLUMN_TARGETS_MET,
            ScorecardSort::TargetsWithActual => text::COLUMN_TARGETS_ACTUAL,
            ScorecardSort::Targets => text::COLUMN_TARGETS_TOTAL,
        }
    }

    fn key(self, row: &ScorecardRow) -> usize {
        match self {
            ScorecardSort::Unit => row.order,
            ScorecardSort::Led => row.led,
            ScorecardSort::Joined => row.joined,
            ScorecardSort::Done => row.done,
            ScorecardSort::Behind => row.behind,
            ScorecardSort::Red => row.red,
            ScorecardSort::Reported => row.reported_tasks,
            ScorecardSort::TargetsMet => row.targets_met,
            ScorecardSort::TargetsWithActual => row.targets_with_actual,
            ScorecardSort::Targets => row.targets,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortDirection {
    #[default]
    Ascending,
    Descending,
}

impl SortDirection {
    pub fn as_param(self) -> &'static str {
        match self {
            SortDirection::Ascending => "asc",
            SortDirection::Descending => "desc",
        }
    }

    pub fn from_param(value: &str) -> Option<SortDirection> {
        match value {
            "asc" => Some(SortDirection::Ascending),
            "desc" => Some(SortDirection::Descending),
            _ => None,
        }
    }

    pub fn flipped(self) -> SortDirection {
        match self {
            SortDirection::Ascending => SortDirection::Descending,
            SortDirection::Descending => SortDirection::Ascending,
        }
    }
}

/// Every unit's row, for the period containing the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub period: Period,
    pub rows: Vec<ScorecardRow>,
    pub sort: ScorecardSort,
    pub direction: SortDirection,
}

impl Scorecard {
    /// Rows in the document's unit order (units a task names but the unit list missed come last).
    pub fn compute(document: &Document, ledger: &Ledger, today: Date) -> Scorecard {
        let period = ledger.current_period(today);
        let rows = unit_names(document)
            .into_iter()
            .enumerate()
            .map(|(order, (unit, group))| row(document, ledger, today, period, order, unit, group))
            .collect();
        Scorecard {
            period,
            rows,
            sort: ScorecardSort::Unit,
            direction: SortDirection::Ascending,
        }
    }

    /// Sort by a column. Ties keep the document's unit order in both directions, so a person
    /// flipping the direction sees the same units grouped in the same order.
    pub fn sort(&mut self, sort: ScorecardSort, direction: SortDirection) {
        crate::sorting::sort_by(&mut self.rows, |a, b| {
            let by_key = sort.key(a).cmp(&sort.key(b));
            let by_key = match direction {
                SortDirection::Ascending => by_key,
                SortDirection::Descending => by_key.reverse(),
            };
            by_key.then(a.order.cmp(&b.order))
        });
        self.sort = sort;
        self.direction = direction;
    }

    /// Clicking a column heading: the same column flips direction; a new one starts descending
    /// (most first) for counts and ascending for the unit column.
    pub fn click(&mut self, sort: ScorecardSort) {
        let direction = if sort == self.sort {
            self.direction.flipped()
        } else if sort == ScorecardSort::Unit {
            SortDirection::Ascending
        } else {
            SortDirection::Descending
        };
        self.sort(sort, direction);
    }

    /// Column headings, in [`ScorecardSort::ALL`] order, for a spreadsheet or printed table.
    pub fn headers() -> Vec<String> {
        ScorecardSort::ALL
            .into_iter()
            .map(|sort| sort.label().to_string())
            .collect()
    }

    /// The rows as cells in the current order, matching [`Scorecard::headers`]; 本期已报送 reads
    /// `reported/led` (`3/9`).
    pub fn cells(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|row| {
                ScorecardSort::ALL
                    .into_iter()
                    .map(|sort| match sort {
                        ScorecardSort::Unit => row.unit.clone(),
                        ScorecardSort::Reported => format!("{}/{}", row.reported_tasks, row.led),
                        column => column.key(row).to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    pub fn row(&self, unit: &str) -> Option<&ScorecardRow> {
        self.rows.iter().find(|r| r.unit == unit)
    }
}

fn row(
    document: &Document,
    ledger: &Ledger,
    today: Date,
    period: Period,
    order: usize,
    unit: String,
    group: bool,
) -> ScorecardRow {
    let default = Annotation::default();
    let led: Vec<TaskNumber> = document
        .tasks
        .iter()
        .filter(|t| t.lead_units.contains(&unit))
        .map(|t| t.number)
        .collect();
    let joined = document
        .tasks
        .iter()
        .filter(|t| t.participating_units.contains(&unit))
        .count();
    let mut row = ScorecardRow {
        unit,
        group,
        order,
        led: led.len(),
        joined,
        done: 0,
        behind: 0,
        red: 0,
        reported_tasks: 0,
        reported: false,
        targets_met: 0,
        targets_with_actual: 0,
        targets: 0,
    };
    for number in led {
        let annotation = ledger.annotation(number).unwrap_or(&default);
        let standing = annotation.standing().status;
        row.done += usize::from(standing == Status::Done);
        row.behind += usize::from(standing == Status::Behind);
        row.red += usize::from(LightBucket::of(ledger, number, today) == LightBucket::Red);
        row.reported_tasks += usize::from(unit_reported(annotation, period, &row.unit));
        let parsed = document
            .task(number)
            .map(|t| t.targets.as_slice())
            .unwrap_or_default();
        for view in annotation.target_views(parsed).iter().filter(|v| !v.hidden) {
            row.targets += 1;
            row.targets_with_actual += usize::from(view.actual.is_some());
            row.targets_met += usize::from(view.met == Some(true));
        }
    }
    row.reported = row.reported_tasks > 0;
    row
}
