//! Filters, facets, text search, sorting and shareable URLs over a document and per-task facts.
//! Framework-free: the app keeps a [`Query`] in its URL and asks a [`QueryIndex`] for results.
//!
//! Semantics, in one place:
//! - Several values of one facet OR (section 1 or 3); different facets AND (section 1 and 区科技局).
//! - The unit facet respects [`Role`]: lead (牵头), participate (参与) or any (任一).
//! - Responsible leaders (责任领导/牵头领导) are a facet of their own, like units but without a
//!   role; a document that names none has an empty leader facet.
//! - A group unit such as 各街道 is just a unit name here: a task led by 各街道 matches the unit
//!   filter 各街道, and a filter on 城阳街道 does not pull in 各街道 tasks. The unit page
//!   ([`UnitIndex`]) lists the tasks a unit reaches through a group separately.
//! - Text: whitespace-separated terms (ASCII or full-width space) must all match, as substrings of
//!   the task's number, title, full text, units and target phrases; Latin letters ignore case and
//!   full-width forms (ＡＢＣ, １４). A lone task number (`14`, `#14`, `＃14`) jumps to that task.
//! - A task without a recorded status counts as 未启动 (the ledger's default).
//!
//! ```
//! use luoshi::query::{highlight, NoFacts, Query, QueryIndex, Role};
//!
//! let document = luoshi::synthetic::synthetic_document(71, 1);
//! let index = QueryIndex::new(&document); // once per document
//!
//! // The URL is the state: read it, change it, write it back.
//! let mut query = Query::from_query_string("?section=1,2&unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80&role=lead");
//! query.text = "实验室　新增".into();
//! assert_eq!(query.role, Role::Lead);
//!
//! let result = index.evaluate(&query, &NoFacts, Some("区科技局"));
//! for facet in &result.facets.sections {
//!     let _ = (&facet.label, facet.count, facet.selected); // 0 → show disabled
//! }
//! for number in &result.tasks {
//!     let task = document.task(*number).expect("listed tasks exist");
//!     let title = highlight(&task.title, &result.terms);
//!     assert_eq!(title.iter().map(|s| s.text).collect::<String>(), task.title);
//! }
//! let link = query.to_query_string(); // replace the URL's query with this
//! assert_eq!(Query::from_query_string(&link), query);
//! ```

mod facts;
mod index;
mod light;
mod text;
mod units;
mod url;

pub use facts::{reported_in, LedgerFacts};
pub use index::{Evaluation, FacetValue, Facets, FactColumns, Jump, QueryIndex};
pub use light::LightBucket;
pub use text::{fold, fold_char, highlight, mark, match_ranges, SearchText, Segment};
pub use units::{group_covers, looks_like_group, GroupTasks, UnitIndex, UnitPage, UnitSummary};
pub(crate) use url::{decode, encode, pairs};

use std::collections::{BTreeMap, BTreeSet};

use crate::document::TaskNumber;
use crate::ledger::Status;
use crate::period::Period;

/// Which part a unit plays in a task, for the unit facet and the my-unit view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Role {
    /// 牵头单位
    Lead,
    /// 参与单位
    Participate,
    /// 牵头或参与
    #[default]
    Any,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Any, Role::Lead, Role::Participate];

    /// Stable URL value.
    pub fn as_param(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Participate => "participate",
            Role::Any => "any",
        }
    }

    pub fn from_param(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_param() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Participate => "参与",
            Role::Any => "任一",
        }
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Sort {
    /// Task number, as in the document.
    #[default]
    Number,
    /// Section, then task number.
    Section,
    /// Most urgent first (see [`StatusKind::urgency`]), then task number.
    Status,
    /// Last updated, newest first; never-updated tasks last; ties by task number.
    Updated,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Number, Sort::Section, Sort::Status, Sort::Updated];

    pub fn as_param(self) -> &'static str {
        match self {
            Sort::Number => "number",
            Sort::Section => "section",
            Sort::Status => "status",
            Sort::Updated => "updated",
        }
    }

    pub fn from_param(value: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.as_param() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Number => "按序号",
            Sort::Section => "按部分",
            Sort::Status => "按状态(紧急在前)",
            Sort::Updated => "按更新时间(最新在前)",
        }
    }
}

/// A status without its free-text reason: what the status facet filters on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKind {
    NotStarted,
    OnSchedule,
    AheadOfSchedule,
    Behind,
    Done,
    Other,
}

impl StatusKind {
    /// Facet order: the ledger's own order (未启动 … 已完成, 其他).
    pub const ALL: [StatusKind; 6] = [
        StatusKind::NotStarted,
        StatusKind::OnSchedule,
        StatusKind::AheadOfSchedule,
        StatusKind::Behind,
        StatusKind::Done,
        StatusKind::Other,
    ];

    pub fn of(status: &Status) -> StatusKind {
        match status {
            Status::NotStarted => StatusKind::NotStarted,
            Status::OnSchedule => StatusKind::OnSchedule,
            Status::AheadOfSchedule => StatusKind::AheadOfSchedule,
            Status::Behind => StatusKind::Behind,
            Status::Done => StatusKind::Done,
            Status::Other(_) => StatusKind::Other,
        }
    }

    /// Sort rank for [`Sort::Status`], lower first. A clerk chasing progress wants what needs
    /// action on top: 滞后, then 未启动, then 其他 (an exception whose reason needs reading),
    /// then the healthy ones 序时推进, 超序时, and 已完成 last.
    pub fn urgency(self) -> u8 {
        match self {
            StatusKind::Behind => 0,
            StatusKind::NotStarted => 1,
            StatusKind::Other => 2,
            StatusKind::OnSchedule => 3,
            StatusKind::AheadOfSchedule => 4,
            StatusKind::Done => 5,
        }
    }

    /// A status of this kind (其他 without a reason), to borrow the ledger's key and label.
    pub fn representative(self) -> Status {
        match self {
            StatusKind::NotStarted => Status::NotStarted,
            StatusKind::OnSchedule => Status::OnSchedule,
            StatusKind::AheadOfSchedule => Status::AheadOfSchedule,
            StatusKind::Behind => Status::Behind,
            StatusKind::Done => Status::Done,
            StatusKind::Other => Status::Other(String::new()),
        }
    }

    /// Stable URL value: the ledger's `Status::key` (not_started, behind, …).
    pub fn as_param(self) -> &'static str {
        self.representative().key()
    }

    pub fn from_param(value: &str) -> Option<StatusKind> {
        StatusKind::ALL
            .into_iter()
            .find(|kind| kind.as_param() == value)
    }

    /// 未启动 / 序时推进 / 超序时 / 滞后 / 已完成 / 其他 (the ledger's `Status::label`).
    pub fn label(self) -> &'static str {
        self.representative().label()
    }
}

/// Per-task facts the query needs from the ledger, so this module does not depend on its types.
pub trait TaskFacts {
    /// The recorded status; `None` counts as 未启动.
    fn status(&self, task: TaskNumber) -> Option<Status>;
    /// Whether a progress report has been recorded.
    fn has_report(&self, task: TaskNumber) -> bool;
    /// When the task was last updated, as a sortable timestamp (ISO 8601).
    fn updated_at(&self, task: TaskNumber) -> Option<&str>;
    /// The task's 序时 light bucket; facts that know no lights say unlit (nothing reported).
    fn light(&self, _task: TaskNumber) -> LightBucket {
        LightBucket::Unlit
    }
    /// Whether the task is 挂牌督办.
    fn supervised(&self, _task: TaskNumber) -> bool {
        false
    }
    /// Whether a non-empty progress report exists for `period` (for `report_period` queries).
    fn has_report_in(&self, _task: TaskNumber, _period: Period) -> bool {
        false
    }
}

/// No ledger yet: every task 未启动, no reports, never updated.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFacts;

impl TaskFacts for NoFacts {
    fn status(&self, _task: TaskNumber) -> Option<Status> {
        None
    }
    fn has_report(&self, _task: TaskNumber) -> bool {
        false
    }
    fn updated_at(&self, _task: TaskNumber) -> Option<&str> {
        None
    }
}

/// One task's facts, for [`FactTable`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fact {
    pub status: Option<Status>,
    pub has_report: bool,
    pub updated_at: Option<String>,
    pub light: LightBucket,
    pub supervised: bool,
    /// Periods with a non-empty report.
    pub reported_periods: BTreeSet<Period>,
}

/// A plain table of facts: handy for tests, benchmarks and adapters built from the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactTable(pub BTreeMap<TaskNumber, Fact>);

impl FactTable {
    pub fn set(&mut self, task: TaskNumber, fact: Fact) -> &mut Self {
        self.0.insert(task, fact);
        self
    }
}

impl TaskFacts for FactTable {
    fn status(&self, task: TaskNumber) -> Option<Status> {
        self.0.get(&task).and_then(|fact| fact.status.clone())
    }
    fn has_report(&self, task: TaskNumber) -> bool {
        self.0.get(&task).is_some_and(|fact| fact.has_report)
    }
    fn updated_at(&self, task: TaskNumber) -> Option<&str> {
        self.0
            .get(&task)
            .and_then(|fact| fact.updated_at.as_deref())
    }
    fn light(&self, task: TaskNumber) -> LightBucket {
        self.0
            .get(&task)
            .map_or(LightBucket::Unlit, |fact| fact.light)
    }
    fn supervised(&self, task: TaskNumber) -> bool {
        self.0.get(&task).is_some_and(|fact| fact.supervised)
    }
    fn has_report_in(&self, task: TaskNumber, period: Period) -> bool {
        self.0
            .get(&task)
            .is_some_and(|fact| fact.reported_periods.contains(&period))
    }
}

/// The filters, search and sort: which tasks a list shows, and in what order. Lives in the URL
/// ([`Query::to_query_string`]); the default query (everything shown, by number) is the empty
/// string. Which page is shown is not here but in [`crate::route::Page`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Section numbers (OR).
    pub sections: BTreeSet<u32>,
    /// Unit names (OR), matched in `role`.
    pub units: BTreeSet<String>,
    pub role: Role,
    /// Responsible leaders (OR), as the document names them.
    pub leaders: BTreeSet<String>,
    /// Statuses (OR).
    pub statuses: BTreeSet<StatusKind>,
    /// Some(true): only tasks with measurable targets; Some(false): only those without.
    pub has_targets: Option<bool>,
    /// Some(true): only tasks with a progress report; Some(false): only those without.
    pub has_report: Option<bool>,
    /// The period `has_report` asks about; `None`: whatever the facts' `has_report` means.
    pub report_period: Option<Period>,
    /// 序时 light buckets (OR).
    pub lights: BTreeSet<LightBucket>,
    /// Some(true): only 挂牌督办 tasks; Some(false): only the others.
    pub supervised: Option<bool>,
    /// The search box, as typed.
    pub text: String,
    pub sort: Sort,
    /// My-unit view (本单位的任务): only tasks of the caller's unit (in `role`), on top of the
    /// other filters. A filter, not a page: it narrows the matches, counts as an active filter
    /// and is cleared with them.
    pub mine: bool,
}

impl Query {
    pub fn new() -> Query {
        Query::default()
    }

    pub fn is_default(&self) -> bool {
        *self == Query::default()
    }

    /// How many filters narrow the list (for a "清除筛选 (3)" button); sort and selection don't count.
    pub fn active_filter_count(&self) -> usize {
        self.sections.len()
            + self.units.len()
            + self.leaders.len()
            + self.statuses.len()
            + usize::from(self.has_targets.is_some())
            + usize::from(self.has_report.is_some())
            + self.lights.len()
            + usize::from(self.supervised.is_some())
            + usize::from(!self.text.trim().is_empty())
            + usize::from(self.mine)
    }

    /// Drop every filter, keep the sort.
    pub fn clear_filters(&mut self) {
        *self = Query {
            sort: self.sort,
            ..Query::default()
        };
    }

    pub fn toggle_light(&mut self, light: LightBucket) {
        if !self.lights.remove(&light) {
            self.lights.insert(light);
        }
    }

    pub fn toggle_section(&mut self, section: u32) {
        if !self.sections.remove(&section) {
            self.sections.insert(section);
        }
    }

    pub fn toggle_unit(&mut self, unit: &str) {
        if !self.units.remove(unit) {
            self.units.insert(unit.to_string());
        }
    }

    pub fn toggle_leader(&mut self, leader: &str) {
        if !self.leaders.remove(leader) {
            self.leaders.insert(leader.to_string());
        }
    }

    pub fn toggle_status(&mut self, status: StatusKind) {
        if !self.statuses.remove(&status) {
            self.statuses.insert(status);
        }
    }

    /// Three-state toggle for the yes/no facets: clicking the active value clears it.
    pub fn toggle_flag(flag: &mut Option<bool>, value: bool) {
        *flag = if *flag == Some(value) {
            None
        } else {
            Some(value)
        };
    }

    pub fn search(&self) -> SearchText {
        SearchText::parse(&self.text)
    }
}
