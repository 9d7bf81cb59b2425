//! The watch list: what needs a person's attention now.

use super::{reported_in, text, LightBucket};
use crate::document::{Document, Task, TaskNumber};
use crate::ledger::{Annotation, Change, Ledger, Light};
use crate::period::{Date, Period};
use crate::query::Query;

/// One task on a watch list, with what a row shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchItem {
    pub task: TaskNumber,
    pub title: String,
    pub lead_units: Vec<String>,
    /// 滞后, 其他：指标调整 …
    pub status: String,
    pub progress: u8,
    pub light: LightBucket,
    /// 符合序时 / 落后序时 22 个百分点 / 已完成.
    pub gap_text: String,
    pub supervised: bool,
}

/// One recent edit, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentChange {
    pub task: TaskNumber,
    pub title: String,
    pub at: String,
    /// Who made it: `张三（区发展改革局）`, or empty when no name was set.
    pub who: String,
    /// `状态: 未启动 → 序时推进`.
    pub description: String,
}

/// Tasks to watch, each list in document order except `recent` (newest first).
#[derive(Debug, Clone, PartialEq)]
pub struct WatchList {
    /// Red light.
    pub red: Vec<WatchItem>,
    /// 挂牌督办.
    pub supervised: Vec<WatchItem>,
    /// No non-empty report for the current period (every task, including ones without units).
    pub unreported: Vec<WatchItem>,
    /// The newest edits, newest first (a task may appear several times).
    pub recent: Vec<RecentChange>,
    /// Recently changed tasks: each task once, by its newest edit, newest first.
    pub recent_tasks: Vec<RecentChange>,
}

impl WatchList {
    pub fn compute(
        document: &Document,
        ledger: &Ledger,
        today: Date,
        recent_limit: usize,
    ) -> WatchList {
        let period = ledger.current_period(today);
        let default = Annotation::default();
        let mut list = WatchList {
            red: Vec::new(),
            supervised: Vec::new(),
            unreported: Vec::new(),
            recent: Vec::new(),
            recent_tasks: Vec::new(),
        };
        for task in &document.tasks {
            let annotation = ledger.annotation(task.number).unwrap_or(&default);
            let item = || {
                item(
                    task,
                    annotation,
                    ledger.light(task.number, today),
                    ledger,
                    today,
                )
            };
            if LightBucket::of(ledger, task.number, today) == LightBucket::Red {
                list.red.push(item());
            }
            if annotation.supervised {
                list.supervised.push(item());
            }
            if !reported_in(ledger, task.number, period) {
                list.unreported.push(item());
            }
        }
        let recent = |(number, change): (TaskNumber, &Change)| RecentChange {
            task: number,
            title: document
                .task(number)
                .map(|t| t.title.clone())
                .unwrap_or_default(),
            at: change.at.clone(),
            who: text::who(&change.who.name, &change.who.unit),
            description: change.describe(),
        };
        list.recent = ledger
            .recent_changes(recent_limit)
            .into_iter()
            .map(recent)
            .collect();
        let mut seen: Vec<TaskNumber> = Vec::new();
        list.recent_tasks = ledger
            .recent_changes(usize::MAX)
            .into_iter()
            .filter(|(number, _)| {
                let first = !seen.contains(number);
                seen.push(*number);
                first
            })
            .take(recent_limit)
            .map(recent)
            .collect();
        list
    }
}

impl WatchList {
    /// The Find view of the red-light tasks (`?light=red`).
    pub fn red_query() -> Query {
        let mut query = Query::default();
        query.lights.insert(LightBucket::Red);
        query
    }

    /// The Find view of the 挂牌督办 tasks (`?supervised=1`).
    pub fn supervised_query() -> Query {
        Query {
            supervised: Some(true),
            ..Query::default()
        }
    }

    /// The Find view of the tasks without a report for `period` (`?report=0&report_period=…`).
    pub fn unreported_query(period: Period) -> Query {
        Query {
            has_report: Some(false),
            report_period: Some(period),
            ..Query::default()
        }
    }
}

fn item(
    task: &Task,
    annotation: &Annotation,
    light: Light,
    ledger: &Ledger,
    today: Date,
) -> WatchItem {
    let standing = annotation.standing();
    WatchItem {
        task: task.number,
        title: task.title.clone(),
        lead_units: task.lead_units.clone(),
        status: standing.status.describe(),
        progress: standing.progress,
        light: LightBucket::of(ledger, task.number, today),
        gap_text: light.text(),
        supervised: annotation.supervised,
    }
}
