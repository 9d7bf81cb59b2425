//! Overview and reports: the progress dashboard, unit scorecards, targets summary, watch list,
//! period-over-period changes and the 进展情况汇总 report, computed from a document and its ledger.
//! Framework-free: the app renders these values with thin components (bars, tables, links).
//!
//! Definitions, in one place:
//! - A task without an annotation counts as 未启动 at 0% (the ledger's default).
//! - Light buckets: green/yellow/red as [`Ledger::light`] says, except **unlit** (key `none`,
//!   未填报): a task whose status is 未启动 and progress 0. The ledger cannot tell "set back to
//!   未启动 at 0%" from "never touched", and a light computed from no data would turn every
//!   untouched task red by mid-year, drowning the reds someone actually reported.
//! - "Reported this period": a non-empty report (any of 工作进展/存在问题/下步计划) keyed to the
//!   ledger's current period ([`Ledger::current_period`]). A *unit* has reported a task only when it
//!   wrote that report itself, by the unit recorded in history ([`unit_reported`], the one rule the
//!   scorecard, the collection round and the spreadsheets share).
//! - Targets count when visible (not hidden): the parser's and the hand-added ones.
//! - Bars link to the Find view through a [`Query`] (status, light, "reported in period X",
//!   narrowed by section), evaluated against [`LedgerFacts`]. Target bars count targets, which no
//!   task filter expresses, so they carry `query: None` and their task list ([`Bar::tasks`]).
//!
//! ```
//! use luoshi::ledger::{Action, Ledger, Status};
//! use luoshi::overview::{
//!     Overview, ProgressReport, Scope, Scorecard, ScorecardSort, SortDirection, TaskDelta, WatchItem,
//! };
//! use luoshi::period::{Date, Period};
//!
//! let document = luoshi::seed_document();
//! let mut ledger = Ledger::new(document.fingerprint.clone());
//! ledger
//!     .apply(Action::SetStatus { task: 1, status: Status::Done }, "2023-06-01T09:00:00+08:00")
//!     .expect("a valid edit");
//! let today = Date::new(2023, 6, 30).expect("a real date");
//!
//! let overview = Overview::compute(&document, &ledger, today);
//! for bar in &overview.whole.by_status.bars {
//!     let _ = (&bar.label, bar.count, bar.share, bar.css_class, bar.href()); // href: Some("?status=done")
//! }
//! assert!(overview.whole.by_status.text().contains("已完成 1 项(1.4%)"));
//!
//! let mut scorecard = Scorecard::compute(&document, &ledger, today);
//! scorecard.sort(ScorecardSort::Done, SortDirection::Descending);
//! assert_eq!(scorecard.rows[0].unit, "区科技局");
//!
//! let q2 = Period::Quarter { year: 2023, quarter: 2 };
//! let report = ProgressReport::build(&document, &ledger, q2, &Scope::All);
//! assert_eq!(report.title, "城阳区2023年重点工作任务第二季度进展情况");
//! let _paste = report.to_plain_text();
//! let _cells: Vec<Vec<String>> = report.rows(); // headers: ProgressReport::headers()
//!
//! let since_q1 = TaskDelta::between(&document, &ledger, 1, q2);
//! assert_eq!(since_q1.lines(), ["状态：未启动 → 已完成"]);
//! let _red: &[WatchItem] = &overview.watch.red;
//! ```
//!
//! The report's and period-over-period's own rules are in [`ProgressReport`] and [`TaskDelta`]'s
//! module docs (values are current; 序时 is judged at the period's end; "before" comes from history).

mod collection;
mod delta;
mod report;
mod scorecard;
mod targets;
pub mod text;
mod watch;

pub use collection::{
    unit_report_time, unit_reported, unit_reported_task, CollectionRound, UnitRound,
};
pub use delta::{value_at_end, FieldDelta, TaskDelta, UnitDelta};
pub use report::{
    chinese_numeral, report_title, Grouping, Paragraph, ParagraphKind, ProgressReport,
    ReportSection, ReportSummary, ReportTarget, ReportTask, Scope, Standing,
};
pub use scorecard::{Scorecard, ScorecardRow, ScorecardSort, SortDirection};
pub use targets::{MissedTarget, TargetsSummary};
pub use watch::{RecentChange, WatchItem, WatchList};

use crate::document::{Document, Task, TaskNumber};
use crate::ledger::Ledger;
use crate::period::{Date, Period};
pub use crate::query::LightBucket;
pub use crate::query::{reported_in, LedgerFacts};
use crate::query::{Query, StatusKind};

/// How a ledger decides a task's [`LightBucket`] (the type lives with the query's filters).
impl LightBucket {
    /// The bucket of one task at `today` (the ledger's as-of date wins when set).
    pub fn of(ledger: &Ledger, task: TaskNumber, today: Date) -> LightBucket {
        LightBucket::of_light(&ledger.light(task, today))
    }
}

/// One bar (or pie slice) of a chart: everything the app needs to draw, label and link it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Stable key (`done`, `red`, `met` …).
    pub key: &'static str,
    pub label: String,
    pub count: usize,
    /// `count / total` in 0–1 (0 when the chart is empty).
    pub share: f64,
    pub css_class: &'static str,
    /// The tasks behind the bar, in document order (a task appears once even if several of its
    /// targets fall in the bar).
    pub tasks: Vec<TaskNumber>,
    /// The Find view that lists exactly `tasks`, when the query core can express it.
    pub query: Option<Query>,
}

impl Bar {
    /// `?section=1&status=done`, to link the bar to the Find view; `None` without a query.
    pub fn href(&self) -> Option<String> {
        self.query
            .as_ref()
            .map(|query| format!("?{}", query.to_query_string()))
    }

    /// 已完成 12 项(16.9%).
    pub fn text(&self, noun: &str) -> String {
        text::bar_text(&self.label, self.count, noun, self.share)
    }
}

/// Chart-ready data with a text equivalent (for screen readers and print).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// 按状态 / 按序时进度 / 量化目标.
    pub title: String,
    /// What is counted: 项 (tasks) or 个 (targets).
    pub noun: &'static str,
    pub total: usize,
    pub bars: Vec<Bar>,
}

impl Chart {
    fn new(title: &str, noun: &'static str, total: usize, mut bars: Vec<Bar>) -> Chart {
        for bar in &mut bars {
            bar.share = share(bar.count, total);
        }
        Chart {
            title: title.to_string(),
            noun,
            total,
            bars,
        }
    }

    /// `按状态：未启动 59 项(83.1%)，…；共 71 项`. Every bar is listed, zero ones too, so the text
    /// says what the picture shows.
    pub fn text(&self) -> String {
        let bars: Vec<String> = self.bars.iter().map(|bar| bar.text(self.noun)).collect();
        text::chart_text(&self.title, &bars, self.total, self.noun)
    }

    /// For a stacked bar or a pie: each bar with the share of everything before it, so a segment
    /// spans `start .. start + share` of the whole (0–1).
    pub fn segments(&self) -> Vec<(f64, &Bar)> {
        let mut start = 0.0;
        self.bars
            .iter()
            .map(|bar| {
                let segment = (start, bar);
                start += bar.share;
                segment
            })
            .collect()
    }

    pub fn bar(&self, key: &str) -> Option<&Bar> {
        self.bars.iter().find(|bar| bar.key == key)
    }

    /// The count of one bar (0 if there is no such bar).
    pub fn count(&self, key: &str) -> usize {
        self.bar(key).map_or(0, |bar| bar.count)
    }
}

/// `count / total`, 0 for an empty total.
pub fn share(count: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

/// Totals by status and by light over a set of tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub total: usize,
    /// One bar per [`StatusKind`], in the ledger's order (未启动 … 已完成, 其他).
    pub by_status: Chart,
    /// One bar per [`LightBucket`]: green, yellow, red, none.
    pub by_light: Chart,
    /// Reported this period (`reported`) or not (`unreported`).
    pub by_report: Chart,
}

impl Breakdown {
    /// `base` narrows the status bars' queries (e.g. to one section).
    fn compute(tasks: &[&Task], ledger: &Ledger, today: Date, base: &Query) -> Breakdown {
        let period = ledger.current_period(today);
        let status_bars = StatusKind::ALL
            .into_iter()
            .map(|kind| {
                let numbers = numbers_where(tasks, |t| status_kind(ledger, t.number) == kind);
                let mut query = base.clone();
                query.statuses.insert(kind);
                Bar {
                    key: kind.as_param(),
                    label: kind.label().to_string(),
                    count: numbers.len(),
                    share: 0.0,
                    css_class: kind.representative().css_class(),
                    tasks: numbers,
                    query: Some(query),
                }
            })
            .collect();
        let light_bars = LightBucket::ALL
            .into_iter()
            .map(|bucket| {
                let numbers = numbers_where(tasks, |t| {
                    LightBucket::of(ledger, t.number, today) == bucket
                });
                let mut query = base.clone();
                query.lights.insert(bucket);
                Bar {
                    key: bucket.key(),
                    label: bucket.label().to_string(),
                    count: numbers.len(),
                    share: 0.0,
                    css_class: bucket.css_class(),
                    tasks: numbers,
                    query: Some(query),
                }
            })
            .collect();
        // Naming the period makes the link mean "reported in this period" whatever the list's
        // own 有进展报告 facet defaults to.
        let report_bars = [
            (true, "reported", text::REPORTED),
            (false, "unreported", text::UNREPORTED),
        ]
        .into_iter()
        .map(|(reported, key, label)| {
            let numbers =
                numbers_where(tasks, |t| reported_in(ledger, t.number, period) == reported);
            let mut query = base.clone();
            query.has_report = Some(reported);
            query.report_period = Some(period);
            Bar {
                key,
                label: label.to_string(),
                count: numbers.len(),
                share: 0.0,
                css_class: if reported { "report-yes" } else { "report-no" },
                tasks: numbers,
                query: Some(query),
            }
        })
        .collect();
        let total = tasks.len();
        Breakdown {
            total,
            by_status: Chart::new(text::CHART_BY_STATUS, text::NOUN_TASKS, total, status_bars),
            by_light: Chart::new(text::CHART_BY_LIGHT, text::NOUN_TASKS, total, light_bars),
            by_report: Chart::new(text::CHART_BY_REPORT, text::NOUN_TASKS, total, report_bars),
        }
    }
}

/// One section's breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionBreakdown {
    pub number: u32,
    /// 一、实施创新驱动发展战略
    pub label: String,
    pub breakdown: Breakdown,
}

/// The progress dashboard: the whole document and each section, by status and by light.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// The date lights are judged at (the ledger's as-of date, else today).
    pub as_of: Date,
    /// The ledger's current reporting period.
    pub period: Period,
    pub whole: Breakdown,
    /// Sections in document order (tasks outside any section are only in `whole`).
    pub sections: Vec<SectionBreakdown>,
    pub targets: TargetsSummary,
    pub watch: WatchList,
}

/// How many recent changes the dashboard's watch list shows.
pub const RECENT_CHANGES: usize = 10;

impl Overview {
    pub fn compute(document: &Document, ledger: &Ledger, today: Date) -> Overview {
        let all: Vec<&Task> = document.tasks.iter().collect();
        let whole = Breakdown::compute(&all, ledger, today, &Query::default());
        let sections = document
            .sections
            .iter()
            .map(|section| {
                let tasks: Vec<&Task> = document
                    .tasks
                    .iter()
                    .filter(|t| t.section == section.number)
                    .collect();
                let mut base = Query::default();
                base.sections.insert(section.number);
                SectionBreakdown {
                    number: section.number,
                    label: format!("{}、{}", section.numeral, section.title),
                    breakdown: Breakdown::compute(&tasks, ledger, today, &base),
                }
            })
            .collect();
        Overview {
            as_of: ledger.as_of_date(today),
            period: ledger.current_period(today),
            whole,
            sections,
            targets: TargetsSummary::compute(document, ledger),
            watch: WatchList::compute(document, ledger, today, RECENT_CHANGES),
        }
    }
}

fn status_kind(ledger: &Ledger, task: TaskNumber) -> StatusKind {
    ledger.annotation(task).map_or(StatusKind::NotStarted, |a| {
        StatusKind::of(&a.standing().status)
    })
}

fn numbers_where(tasks: &[&Task], keep: impl Fn(&Task) -> bool) -> Vec<TaskNumber> {
    tasks.iter().filter(|t| keep(t)).map(|t| t.number).collect()
}
