//! The ledger: what staff record against each task (status, progress, reports, actuals, history).
//! One reducer (`Ledger::apply`) changes it; every real change is appended to the task's history.
//!
//! Each annotation can be seen as a flat map of *field paths* (`status`, `progress`,
//! `report.2023Q2.progress_text`, `actual.0`, `added.<id>.actual` …) to JSON values; see
//! [`Annotation::fields`]. History entries, undo entries and merges all speak in these paths, which is
//! what lets two tabs merge per field without knowing what each field means.

pub mod merge;
pub mod progress;
pub mod text;

use crate::document::{Comparator, TaskNumber};
use crate::period::{instant_millis, Cadence, Date, Period};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub use merge::{merge, merge_latest, Conflict, Merged};
pub use progress::{completion, expected_progress, is_met, light, Light, LightColour, TargetView};

/// How many edits Undo can walk back. Older ones stay in history but can no longer be undone.
pub const UNDO_LIMIT: usize = 50;

/// A task's reported status. Shown as text and colour, never colour alone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "reason")]
pub enum Status {
    /// 未启动
    #[default]
    NotStarted,
    /// 序时推进
    OnSchedule,
    /// 超序时
    AheadOfSchedule,
    /// 滞后
    Behind,
    /// 已完成
    Done,
    /// 其他, with a reason (e.g. 指标调整)
    Other(String),
}

impl Status {
    /// The choices offered in a status picker, in display order (`Other` with an empty reason).
    pub fn choices() -> [Status; 6] {
        [
            Status::NotStarted,
            Status::OnSchedule,
            Status::AheadOfSchedule,
            Status::Behind,
            Status::Done,
            Status::Other(String::new()),
        ]
    }

    /// 未启动 / 序时推进 / 超序时 / 滞后 / 已完成 / 其他.
    pub fn label(&self) -> &'static str {
        match self {
            Status::NotStarted => text::STATUS_NOT_STARTED,
            Status::OnSchedule => text::STATUS_ON_SCHEDULE,
            Status::AheadOfSchedule => text::STATUS_AHEAD,
            Status::Behind => text::STATUS_BEHIND,
            Status::Done => text::STATUS_DONE,
            Status::Other(_) => text::STATUS_OTHER,
        }
    }

    /// The label with the reason for `Other`: 其他：指标调整.
    pub fn describe(&self) -> String {
        match self {
            Status::Other(reason) if !reason.is_empty() => text::status_other(reason),
            _ => self.label().to_string(),
        }
    }

    /// A stable key (`not_started` …), also used in URLs and filters.
    pub fn key(&self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnSchedule => "on_schedule",
            Status::AheadOfSchedule => "ahead_of_schedule",
            Status::Behind => "behind",
            Status::Done => "done",
            Status::Other(_) => "other",
        }
    }

    /// The CSS class that colours this status, e.g. `status-behind`.
    pub fn css_class(&self) -> &'static str {
        match self {
            Status::NotStarted => "status-not-started",
            Status::OnSchedule => "status-on-schedule",
            Status::AheadOfSchedule => "status-ahead",
            Status::Behind => "status-behind",
            Status::Done => "status-done",
            Status::Other(_) => "status-other",
        }
    }

    /// Read a status label as written by people or by format version 1 (其他：原因 keeps the reason).
    pub fn from_label(label: &str) -> Status {
        let label = label.trim();
        let simple = Status::choices()
            .into_iter()
            .find(|s| s.label() == label || s.key() == label);
        match simple {
            Some(Status::Other(_)) => Status::Other(String::new()),
            Some(status) => status,
            None => {
                let reason = [text::STATUS_OTHER, "other"]
                    .iter()
                    .find_map(|prefix| label.strip_prefix(prefix))
                    .map(|rest| rest.trim_start_matches([':', '：', ' ']))
                    .unwrap_or(label);
                Status::Other(reason.to_string())
            }
        }
    }
}

/// Who made an edit: the name and unit the user typed into the app (there are no accounts).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Who {
    pub name: String,
    pub unit: String,
}

/// One recorded edit. History is append-only: undo appends a change back rather than deleting.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Change {
    pub who: Who,
    /// ISO 8601 timestamp supplied by the caller.
    pub at: String,
    /// A field path, see [`Annotation::fields`].
    pub field: String,
    /// The old and new values as people read them (labels, not keys).
    pub old: String,
    pub new: String,
}

impl Change {
    /// e.g. `状态: 未启动 → 序时推进`.
    pub fn describe(&self) -> String {
        format!(
            "{}: {} → {}",
            text::field_label(&self.field),
            self.old,
            self.new
        )
    }
}

/// A progress report for one period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Report {
    /// 工作进展
    pub progress_text: String,
    /// 存在问题
    pub problems: String,
    /// 下步计划
    pub next_steps: String,
}

impl Report {
    pub fn get(&self, field: ReportField) -> &str {
        match field {
            ReportField::ProgressText => &self.progress_text,
            ReportField::Problems => &self.problems,
            ReportField::NextSteps => &self.next_steps,
        }
    }

    fn slot(&mut self, field: ReportField) -> &mut String {
        match field {
            ReportField::ProgressText => &mut self.progress_text,
            ReportField::Problems => &mut self.problems,
            ReportField::NextSteps => &mut self.next_steps,
        }
    }

    pub fn is_empty(&self) -> bool {
        ReportField::ALL.iter().all(|f| self.get(*f).is_empty())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportField {
    ProgressText,
    Problems,
    NextSteps,
}

impl ReportField {
    pub const ALL: [ReportField; 3] = [
        ReportField::ProgressText,
        ReportField::Problems,
        ReportField::NextSteps,
    ];

    /// The key used in field paths and JSON.
    pub fn key(self) -> &'static str {
        match self {
            ReportField::ProgressText => "progress_text",
            ReportField::Problems => "problems",
            ReportField::NextSteps => "next_steps",
        }
    }

    pub fn from_key(key: &str) -> Option<ReportField> {
        ReportField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// 工作进展 / 存在问题 / 下步计划.
    pub fn label(self) -> &'static str {
        text::report_field(self)
    }
}

/// A target the parser missed, added by hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserTarget {
    pub text: String,
    pub value: f64,
    #[serde(default)]
    pub value_max: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub comparator: Comparator,
}

impl UserTarget {
    /// e.g. `新增就业 3000 人`.
    pub fn describe(&self) -> String {
        let mut figure = format_number(self.value);
        if let Some(max) = self.value_max {
            figure = format!("{figure}-{}", format_number(max));
        }
        format!(
            "{} {}{}",
            self.text,
            figure,
            self.unit.as_deref().unwrap_or("")
        )
    }

    fn validated(mut self) -> Result<UserTarget, LedgerError> {
        self.text = self.text.trim().to_string();
        self.unit = self
            .unit
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        if self.text.is_empty() {
            return Err(LedgerError::EmptyTargetText);
        }
        if !self.value.is_finite() || self.value_max.is_some_and(|m| !m.is_finite()) {
            return Err(LedgerError::NotANumber);
        }
        if self.value_max.is_some_and(|m| m < self.value) {
            return Err(LedgerError::TargetRange);
        }
        Ok(self)
    }
}

/// A hand-added target with its own actual value and visibility.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddedTarget {
    pub target: UserTarget,
    #[serde(default)]
    pub actual: Option<f64>,
    #[serde(default)]
    pub hidden: bool,
}

/// Which target an action is about: the parser's (by index in `Task::targets`) or a hand-added one
/// (by id, the creation instant in milliseconds, so two tabs adding targets do not collide).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetRef {
    Parsed(usize),
    Added(i64),
}

/// Everything recorded against one task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotation {
    pub status: Status,
    /// 0–100.
    pub progress: u8,
    /// Keyed by period id (`2023Q2`, `2023-07`).
    pub reports: BTreeMap<String, Report>,
    /// Actual values of the parser's targets, keyed by target index.
    pub actuals: BTreeMap<usize, f64>,
    /// Targets the parser missed, keyed by [`TargetRef::Added`] id.
    pub added_targets: BTreeMap<i64, AddedTarget>,
    /// Parser targets a person marked as not real targets.
    pub hidden_targets: BTreeSet<usize>,
    /// 责任人
    pub owner: String,
    /// 联系电话
    pub phone: String,
    /// 完成时限
    pub due: Option<Date>,
    pub notes: String,
    /// ★重点
    pub key: bool,
    /// 挂牌督办
    pub supervised: bool,
    pub updated_at: Option<String>,
    pub history: Vec<Change>,
}

impl Annotation {
    pub fn report(&self, period: Period) -> Option<&Report> {
        self.reports.get(&period.id())
    }

    pub fn actual(&self, target: TargetRef) -> Option<f64> {
        match target {
            TargetRef::Parsed(index) => self.actuals.get(&index).copied(),
            TargetRef::Added(id) => self.added_targets.get(&id).and_then(|t| t.actual),
        }
    }

    pub fn is_hidden(&self, target: TargetRef) -> bool {
        match target {
            TargetRef::Parsed(index) => self.hidden_targets.contains(&index),
            TargetRef::Added(id) => self.added_targets.get(&id).is_some_and(|t| t.hidden),
        }
    }

    /// The annotation as a flat map from field path to value, leaving out history, `updated_at` and
    /// every field at its default (so an absent path means "default"). Paths:
    /// `status`, `progress`, `report.<period>.<progress_text|problems|next_steps>`, `actual.<index>`,
    /// `hidden.<index>`, `added.<id>`, `added.<id>.actual`, `added.<id>.hidden`, `owner`, `phone`,
    /// `due`, `notes`, `key`, `supervised`. History entries use the same paths.
    pub fn fields(&self) -> BTreeMap<String, Value> {
        let mut fields = BTreeMap::new();
        let mut put = |path: String, value: Value| {
            fields.insert(path, value);
        };
        if self.status != Status::NotStarted {
            put(
                "status".into(),
                serde_json::to_value(&self.status).unwrap_or(Value::Null),
            );
        }
        if self.progress != 0 {
            put("progress".into(), Value::from(self.progress));
        }
        for (period, report) in &self.reports {
            for field in ReportField::ALL {
                let text = report.get(field);
                if !text.is_empty() {
                    put(
                        format!("report.{period}.{}", field.key()),
                        Value::from(text),
                    );
                }
            }
        }
        for (index, actual) in &self.actuals {
            put(format!("actual.{index}"), number_value(*actual));
        }
        for index in &self.hidden_targets {
            put(format!("hidden.{index}"), Value::Bool(true));
        }
        for (id, added) in &self.added_targets {
            put(
                format!("added.{id}"),
                serde_json::to_value(&added.target).unwrap_or(Value::Null),
            );
            if let Some(actual) = added.actual {
                put(format!("added.{id}.actual"), number_value(actual));
            }
            if added.hidden {
                put(format!("added.{id}.hidden"), Value::Bool(true));
            }
        }
        for (path, text) in [
            ("owner", &self.owner),
            ("phone", &self.phone),
            ("notes", &self.notes),
        ] {
            if !text.is_empty() {
                put(path.into(), Value::from(text.as_str()));
            }
        }
        if let Some(due) = self.due {
            put("due".into(), Value::from(due.to_string()));
        }
        if self.key {
            put("key".into(), Value::Bool(true));
        }
        if self.supervised {
            put("supervised".into(), Value::Bool(true));
        }
        fields
    }

    /// One field's value (`None` when at its default).
    pub fn field(&self, path: &str) -> Option<Value> {
        self.fields().remove(path)
    }

    /// Build an annotation (without history) from a field map, as made by [`Annotation::fields`].
    /// Paths are applied in sorted order, so `added.<id>` comes before `added.<id>.actual`.
    pub fn from_fields(fields: &BTreeMap<String, Value>) -> Result<Annotation, LedgerError> {
        let mut annotation = Annotation::default();
        for (path, value) in fields {
            annotation.set_field(path, Some(value.clone()))?;
        }
        Ok(annotation)
    }

    /// Set one field by path; `None` resets it to its default. The value is checked before anything
    /// changes, so an error leaves the annotation as it was.
    pub fn set_field(&mut self, path: &str, value: Option<Value>) -> Result<(), LedgerError> {
        let parts: Vec<&str> = path.split('.').collect();
        match parts.as_slice() {
            ["status"] => {
                let status: Status = decode_or_default(value, LedgerError::UnknownField)?;
                if matches!(&status, Status::Other(reason) if reason.trim().is_empty()) {
                    return Err(LedgerError::EmptyOtherReason);
                }
                self.status = status;
            }
            ["progress"] => {
                let progress: i64 = decode_or_default(value, LedgerError::ProgressRange)?;
                self.progress = checked_progress(progress)?;
            }
            ["report", period, field] => {
                let period = Period::parse(period).ok_or(LedgerError::UnknownField)?.id();
                let field = ReportField::from_key(field).ok_or(LedgerError::UnknownField)?;
                let text: String = decode_or_default(value, LedgerError::UnknownField)?;
                let report = self.reports.entry(period.clone()).or_default();
                *report.slot(field) = text;
                if report.is_empty() {
                    self.reports.remove(&period);
                }
            }
            ["actual", index] => {
                let index: usize = index.parse().map_err(|_| LedgerError::UnknownField)?;
                match decode_number(value)? {
                    Some(actual) => self.actuals.insert(index, actual),
                    None => self.actuals.remove(&index),
                };
            }
            ["hidden", index] => {
                let index: usize = index.parse().map_err(|_| LedgerError::UnknownField)?;
                if decode_or_default::<bool>(value, LedgerError::UnknownField)? {
                    self.hidden_targets.insert(index);
                } else {
                    self.hidden_targets.remove(&index);
                }
            }
            ["added", id] => {
                let id: i64 = id.parse().map_err(|_| LedgerError::UnknownField)?;
                match value {
                    Some(value) => {
                        let target: UserTarget =
                            serde_json::from_value(value).map_err(|_| LedgerError::UnknownField)?;
                        let target = target.validated()?;
                        self.added_targets.entry(id).or_default().target = target;
                    }
                    None => {
                        self.added_targets.remove(&id);
                    }
                }
            }
            ["added", id, "actual"] => {
                let actual = decode_number(value)?;
                self.added_target_mut(id)?.actual = actual;
            }
            ["added", id, "hidden"] => {
                let hidden: bool = decode_or_default(value, LedgerError::UnknownField)?;
                self.added_target_mut(id)?.hidden = hidden;
            }
            ["owner"] => self.owner = decode_or_default(value, LedgerError::UnknownField)?,
            ["phone"] => {
                let phone: String = decode_or_default(value, LedgerError::UnknownField)?;
                self.phone = checked_phone(&phone)?;
            }
            ["notes"] => self.notes = decode_or_default(value, LedgerError::UnknownField)?,
            ["due"] => self.due = decode_or_default(value, LedgerError::InvalidDate)?,
            ["key"] => self.key = decode_or_default(value, LedgerError::UnknownField)?,
            ["supervised"] => {
                self.supervised = decode_or_default(value, LedgerError::UnknownField)?
            }
            _ => return Err(LedgerError::UnknownField),
        }
        Ok(())
    }

    fn added_target_mut(&mut self, id: &str) -> Result<&mut AddedTarget, LedgerError> {
        let id: i64 = id.parse().map_err(|_| LedgerError::UnknownField)?;
        self.added_targets
            .get_mut(&id)
            .ok_or(LedgerError::UnknownTarget)
    }

    /// Reports in period order (oldest first), skipping any key that is not a period id.
    pub fn reports_in_order(&self) -> Vec<(Period, &Report)> {
        let mut reports: Vec<(Period, &Report)> = self
            .reports
            .iter()
            .filter_map(|(id, r)| Some((Period::parse(id)?, r)))
            .collect();
        reports.sort_by_key(|(period, _)| (period.first_day(), period.last_day()));
        reports
    }

    /// Whether two annotations say the same thing, ignoring history and `updated_at`.
    pub fn content_eq(&self, other: &Annotation) -> bool {
        self.fields() == other.fields()
    }
}

fn number_value(number: f64) -> Value {
    serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number)
}

fn decode_or_default<T: Default + serde::de::DeserializeOwned>(
    value: Option<Value>,
    error: LedgerError,
) -> Result<T, LedgerError> {
    match value {
        None => Ok(T::default()),
        Some(value) => serde_json::from_value(value).map_err(|_| error),
    }
}

fn decode_number(value: Option<Value>) -> Result<Option<f64>, LedgerError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|n| n.is_finite())
            .map(Some)
            .ok_or(LedgerError::NotANumber),
        Some(_) => Err(LedgerError::NotANumber),
    }
}

fn checked_progress(progress: i64) -> Result<u8, LedgerError> {
    u8::try_from(progress)
        .ok()
        .filter(|p| *p <= 100)
        .ok_or(LedgerError::ProgressRange)
}

fn checked_phone(phone: &str) -> Result<String, LedgerError> {
    let phone = phone.trim();
    let allowed = |c: char| c.is_ascii_digit() || text::PHONE_PUNCTUATION.contains(c);
    if phone.chars().all(allowed) {
        Ok(phone.to_string())
    } else {
        Err(LedgerError::InvalidPhone)
    }
}

/// Format a number for people: no trailing `.0`, no float noise (0.1 + 0.2 shows as 0.3).
pub fn format_number(number: f64) -> String {
    if number.is_finite() && number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{number:.0}")
    } else {
        let text = format!("{number:.6}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Parse a progress typed by a person: `40`, ` 40 `, `40%`, full-width `４０`.
pub fn parse_progress(input: &str) -> Result<u8, LedgerError> {
    let cleaned = normalise_number_text(input);
    let cleaned = cleaned.strip_suffix('%').unwrap_or(&cleaned);
    let progress: i64 = cleaned
        .trim()
        .parse()
        .map_err(|_| LedgerError::ProgressRange)?;
    checked_progress(progress)
}

/// Parse an actual value typed by a person; empty input clears it. Accepts `1,200`, `3.5`,
/// full-width digits and a trailing `%`.
pub fn parse_number(input: &str) -> Result<Option<f64>, LedgerError> {
    let cleaned = normalise_number_text(input);
    let cleaned = cleaned.strip_suffix('%').unwrap_or(&cleaned).trim();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let number: f64 = cleaned.parse().map_err(|_| LedgerError::NotANumber)?;
    if number.is_finite() {
        Ok(Some(number))
    } else {
        Err(LedgerError::NotANumber)
    }
}

/// Parse a 完成时限 typed by a person; empty input clears it. Accepts 2023-06-30 and 2023/6/30.
pub fn parse_due(input: &str) -> Result<Option<Date>, LedgerError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = input.split(['-', '/', '.']).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match numbers.as_deref() {
        Some([year, month, day]) => {
            let date = Date::new(
                i32::try_from(*year).map_err(|_| LedgerError::InvalidDate)?,
                u8::try_from(*month).map_err(|_| LedgerError::InvalidDate)?,
                u8::try_from(*day).map_err(|_| LedgerError::InvalidDate)?,
            );
            date.filter(|d| d.year >= 1000)
                .map(Some)
                .ok_or(LedgerError::InvalidDate)
        }
        _ => Err(LedgerError::InvalidDate),
    }
}

fn normalise_number_text(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            '－' => '-',
            _ => c,
        })
        .collect()
}

/// A validation or lookup failure, with a message a person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerError {
    ProgressRange,
    NotANumber,
    EmptyOtherReason,
    EmptyTargetText,
    TargetRange,
    InvalidPhone,
    InvalidDate,
    UnknownTarget,
    UnknownField,
}

impl LedgerError {
    pub fn message(self) -> &'static str {
        match self {
            LedgerError::ProgressRange => text::ERR_PROGRESS_RANGE,
            LedgerError::NotANumber => text::ERR_NOT_A_NUMBER,
            LedgerError::EmptyOtherReason => text::ERR_OTHER_REASON,
            LedgerError::EmptyTargetText => text::ERR_TARGET_TEXT,
            LedgerError::TargetRange => text::ERR_TARGET_RANGE,
            LedgerError::InvalidPhone => text::ERR_PHONE,
            LedgerError::InvalidDate => text::ERR_DATE,
            LedgerError::UnknownTarget => text::ERR_UNKNOWN_TARGET,
            LedgerError::UnknownField => text::ERR_UNKNOWN_FIELD,
        }
    }
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for LedgerError {}

/// Everything a person can do to the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    SetStatus {
        task: TaskNumber,
        status: Status,
    },
    /// Use [`parse_progress`] on typed text first.
    SetProgress {
        task: TaskNumber,
        progress: i64,
    },
    SetReport {
        task: TaskNumber,
        period: Period,
        field: ReportField,
        text: String,
    },
    /// `None` clears the actual. Use [`parse_number`] on typed text first.
    SetActual {
        task: TaskNumber,
        target: TargetRef,
        value: Option<f64>,
    },
    /// Its id is the instant of `now` in milliseconds (bumped past any id already used).
    AddTarget {
        task: TaskNumber,
        target: UserTarget,
    },
    HideTarget {
        task: TaskNumber,
        target: TargetRef,
    },
    UnhideTarget {
        task: TaskNumber,
        target: TargetRef,
    },
    SetOwner {
        task: TaskNumber,
        owner: String,
    },
    SetPhone {
        task: TaskNumber,
        phone: String,
    },
    SetDue {
        task: TaskNumber,
        due: Option<Date>,
    },
    SetNotes {
        task: TaskNumber,
        notes: String,
    },
    SetKey {
        task: TaskNumber,
        key: bool,
    },
    SetSupervised {
        task: TaskNumber,
        supervised: bool,
    },
    /// Set any field by path, e.g. to take "theirs" from a merge [`Conflict`]. Validated like the rest.
    SetField {
        task: TaskNumber,
        field: String,
        value: Option<Value>,
    },
    SetUser {
        who: Who,
    },
    SetCadence {
        cadence: Cadence,
    },
    /// `None` goes back to "today".
    SetAsOf {
        as_of: Option<Date>,
    },
    MarkExported,
    Undo,
    Redo,
}

/// What `apply` did, so the UI can skip re-rendering on `NoChange`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Applied {
    NoChange,
    /// A task field changed (`task` is `None` for ledger settings such as cadence or user).
    Changed {
        task: Option<TaskNumber>,
        field: String,
    },
}

/// One undoable edit: enough to set the field back (`before`) or forward again (`after`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub task: TaskNumber,
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// A reminder to export (download) a backup of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Days since the last export, `None` if never exported.
    pub days_since_export: Option<i64>,
    pub message: String,
}

/// Remind after this many days without an export, when there were edits since.
pub const EXPORT_REMINDER_DAYS: i64 = 7;

/// All annotations for one document, plus this browser's settings for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    /// The document's fingerprint: annotations belong to exactly one text.
    pub fingerprint: String,
    #[serde(default)]
    pub cadence: Cadence,
    /// The date progress is judged at; `None` means today.
    #[serde(default)]
    pub as_of: Option<Date>,
    #[serde(default)]
    pub tasks: BTreeMap<TaskNumber, Annotation>,
    /// Who this browser records edits as.
    #[serde(default)]
    pub user: Who,
    /// ISO timestamp of the last export.
    #[serde(default)]
    pub last_export: Option<String>,
    #[serde(default)]
    pub undo: Vec<Edit>,
    #[serde(default)]
    pub redo: Vec<Edit>,
}

impl Ledger {
    pub fn new(fingerprint: impl Into<String>) -> Ledger {
        Ledger {
            fingerprint: fingerprint.into(),
            ..Ledger::default()
        }
    }

    pub fn annotation(&self, task: TaskNumber) -> Option<&Annotation> {
        self.tasks.get(&task)
    }

    /// The date to judge progress at: `as_of` if set, else `today`.
    pub fn as_of_date(&self, today: Date) -> Date {
        self.as_of.unwrap_or(today)
    }

    /// The reporting period containing the as-of date.
    pub fn current_period(&self, today: Date) -> Period {
        Period::containing(self.as_of_date(today), self.cadence)
    }

    /// The 序时进度 light of a task at the as-of date (an unannotated task counts as not started).
    pub fn light(&self, task: TaskNumber, today: Date) -> Light {
        let as_of = self.as_of_date(today);
        match self.tasks.get(&task) {
            Some(annotation) => light(annotation, as_of),
            None => light(&Annotation::default(), as_of),
        }
    }

    /// The newest changes across all tasks, newest first.
    pub fn recent_changes(&self, limit: usize) -> Vec<(TaskNumber, &Change)> {
        let mut changes: Vec<(TaskNumber, &Change)> = self
            .tasks
            .iter()
            .flat_map(|(n, a)| a.history.iter().map(move |c| (*n, c)))
            .collect();
        changes.sort_by(|a, b| (instant_millis(&b.1.at), b.1).cmp(&(instant_millis(&a.1.at), a.1)));
        changes.truncate(limit);
        changes
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The one reducer. Edits are recorded as `self.user` at `now` (an ISO 8601 timestamp from the
    /// caller). A change that leaves everything as it was returns `NoChange` and records nothing.
    pub fn apply(&mut self, action: Action, now: &str) -> Result<Applied, LedgerError> {
        match action {
            Action::SetUser { who } => {
                let who = Who {
                    name: who.name.trim().to_string(),
                    unit: who.unit.trim().to_string(),
                };
                Ok(replace_setting(&mut self.user, who, "user"))
            }
            Action::SetCadence { cadence } => {
                Ok(replace_setting(&mut self.cadence, cadence, "cadence"))
            }
            Action::SetAsOf { as_of } => Ok(replace_setting(&mut self.as_of, as_of, "as_of")),
            Action::MarkExported => Ok(replace_setting(
                &mut self.last_export,
                Some(now.to_string()),
                "last_export",
            )),
            Action::Undo => self.step(true, now),
            Action::Redo => self.step(false, now),
            edit => {
                let (task, field, value) = self.edit_for(edit, now)?;
                let applied = self.set(task, &field, value.clone(), now)?;
                if let Some(before) = applied {
                    self.undo.push(Edit {
                        task,
                        field: field.clone(),
                        before,
                        after: value,
                    });
                    if self.undo.len() > UNDO_LIMIT {
                        self.undo.remove(0);
                    }
                    self.redo.clear();
                    Ok(Applied::Changed {
                        task: Some(task),
                        field,
                    })
                } else {
                    Ok(Applied::NoChange)
                }
            }
        }
    }

    /// Translate a task action into the field it sets and the new value, validating it.
    fn edit_for(
        &self,
        action: Action,
        now: &str,
    ) -> Result<(TaskNumber, String, Option<Value>), LedgerError> {
        let text_value = |text: String| (!text.is_empty()).then(|| Value::from(text));
        let flag = |on: bool| on.then_some(Value::Bool(true));
        let edit = match action {
            Action::SetStatus { task, status } => {
                let status = match status {
                    Status::Other(reason) if reason.trim().is_empty() => {
                        return Err(LedgerError::EmptyOtherReason)
                    }
                    Status::Other(reason) => Status::Other(reason.trim().to_string()),
                    status => status,
                };
                let value = (status != Status::NotStarted)
                    .then(|| serde_json::to_value(&status).unwrap_or(Value::Null));
                (task, "status".to_string(), value)
            }
            Action::SetProgress { task, progress } => {
                let progress = checked_progress(progress)?;
                (
                    task,
                    "progress".to_string(),
                    (progress != 0).then(|| Value::from(progress)),
                )
            }
            Action::SetReport {
                task,
                period,
                field,
                text,
            } => (
                task,
                format!("report.{}.{}", period.id(), field.key()),
                text_value(text),
            ),
            Action::SetActual {
                task,
                target,
                value,
            } => {
                if value.is_some_and(|v| !v.is_finite()) {
                    return Err(LedgerError::NotANumber);
                }
                let path = match target {
                    TargetRef::Parsed(index) => format!("actual.{index}"),
                    TargetRef::Added(id) => {
                        self.require_added(task, id)?;
                        format!("added.{id}.actual")
                    }
                };
                (task, path, value.map(number_value))
            }
            Action::AddTarget { task, target } => {
                let target = target.validated()?;
                let existing = self.tasks.get(&task).map(|a| &a.added_targets);
                let mut id = instant_millis(now).unwrap_or(0);
                while existing.is_some_and(|targets| targets.contains_key(&id)) {
                    id += 1;
                }
                (
                    task,
                    format!("added.{id}"),
                    serde_json::to_value(&target).ok(),
                )
            }
            Action::HideTarget { task, target } => (
                task,
                self.hidden_path(task, target)?,
                Some(Value::Bool(true)),
            ),
            Action::UnhideTarget { task, target } => (task, self.hidden_path(task, target)?, None),
            Action::SetOwner { task, owner } => (
                task,
                "owner".to_string(),
                text_value(owner.trim().to_string()),
            ),
            Action::SetPhone { task, phone } => (
                task,
                "phone".to_string(),
                text_value(checked_phone(&phone)?),
            ),
            Action::SetDue { task, due } => (
                task,
                "due".to_string(),
                due.map(|d| Value::from(d.to_string())),
            ),
            Action::SetNotes { task, notes } => (task, "notes".to_string(), text_value(notes)),
            Action::SetKey { task, key } => (task, "key".to_string(), flag(key)),
            Action::SetSupervised { task, supervised } => {
                (task, "supervised".to_string(), flag(supervised))
            }
            Action::SetField { task, field, value } => (task, field, value),
            Action::SetUser { .. }
            | Action::SetCadence { .. }
            | Action::SetAsOf { .. }
            | Action::MarkExported
            | Action::Undo
            | Action::Redo => return Err(LedgerError::UnknownField),
        };
        Ok(edit)
    }

    fn hidden_path(&self, task: TaskNumber, target: TargetRef) -> Result<String, LedgerError> {
        match target {
            TargetRef::Parsed(index) => Ok(format!("hidden.{index}")),
            TargetRef::Added(id) => {
                self.require_added(task, id)?;
                Ok(format!("added.{id}.hidden"))
            }
        }
    }

    fn require_added(&self, task: TaskNumber, id: i64) -> Result<(), LedgerError> {
        let exists = self
            .tasks
            .get(&task)
            .is_some_and(|a| a.added_targets.contains_key(&id));
        if exists {
            Ok(())
        } else {
            Err(LedgerError::UnknownTarget)
        }
    }

    /// Set one field, recording history. Returns the old value if anything changed.
    fn set(
        &mut self,
        task: TaskNumber,
        field: &str,
        value: Option<Value>,
        now: &str,
    ) -> Result<Option<Option<Value>>, LedgerError> {
        let mut annotation = self.tasks.get(&task).cloned().unwrap_or_default();
        let before = annotation.field(field);
        annotation.set_field(field, value)?;
        let after = annotation.field(field);
        if before == after {
            return Ok(None);
        }
        annotation.history.push(Change {
            who: self.user.clone(),
            at: now.to_string(),
            field: field.to_string(),
            old: display_value(field, before.as_ref()),
            new: display_value(field, after.as_ref()),
        });
        annotation.updated_at = Some(now.to_string());
        self.tasks.insert(task, annotation);
        Ok(Some(before))
    }

    /// Walk one edit back (undo) or forward (redo). An edit whose field already holds the value
    /// (another tab made the same change) is passed over, so each Undo changes something while
    /// anything is left to undo. An edit that can no longer be applied (its added target is gone)
    /// is dropped, so it cannot block the stack.
    fn step(&mut self, back: bool, now: &str) -> Result<Applied, LedgerError> {
        loop {
            let popped = if back {
                self.undo.pop()
            } else {
                self.redo.pop()
            };
            let Some(edit) = popped else {
                return Ok(Applied::NoChange);
            };
            let value = if back {
                edit.before.clone()
            } else {
                edit.after.clone()
            };
            let changed = self.set(edit.task, &edit.field, value, now)?;
            let applied = Applied::Changed {
                task: Some(edit.task),
                field: edit.field.clone(),
            };
            if back {
                self.redo.push(edit);
            } else {
                self.undo.push(edit);
            }
            if changed.is_some() {
                return Ok(applied);
            }
        }
    }

    /// The newest history timestamp across all tasks.
    pub fn last_edit(&self) -> Option<&str> {
        self.tasks
            .values()
            .flat_map(|a| a.history.iter())
            .max_by_key(|c| (instant_millis(&c.at), c.at.clone()))
            .map(|c| c.at.as_str())
    }

    /// Whole days from the last export's (local) date to `today`; `None` if never exported.
    pub fn days_since_export(&self, today: Date) -> Option<i64> {
        let exported = Date::of_timestamp(self.last_export.as_deref()?)?;
        Some(exported.days_until(today))
    }

    /// 上次导出: N 天前 / 上次导出: 今天 / 尚未导出.
    pub fn export_status(&self, today: Date) -> String {
        match self.days_since_export(today) {
            Some(days) => text::exported_days_ago(days),
            None => text::EXPORT_NEVER.to_string(),
        }
    }

    /// Whether anything was edited after the last export (or at all, if never exported).
    pub fn has_unexported_edits(&self) -> bool {
        let Some(last_edit) = self.last_edit() else {
            return false;
        };
        match self.last_export.as_deref().and_then(instant_millis) {
            Some(exported) => instant_millis(last_edit).is_some_and(|edited| edited > exported),
            None => true,
        }
    }

    /// See [`export_reminder`].
    pub fn export_reminder(&self, today: Date) -> Option<Reminder> {
        if !self.has_unexported_edits() {
            return None;
        }
        match self.days_since_export(today) {
            None => Some(Reminder {
                days_since_export: None,
                message: text::export_reminder_never(),
            }),
            Some(days) if days >= EXPORT_REMINDER_DAYS => Some(Reminder {
                days_since_export: Some(days),
                message: text::export_reminder_days(days),
            }),
            Some(_) => None,
        }
    }
}

/// Remind to export when there are edits since the last export and it was never exported, or
/// [`EXPORT_REMINDER_DAYS`] or more days ago.
pub fn export_reminder(ledger: &Ledger, today: Date) -> Option<Reminder> {
    ledger.export_reminder(today)
}

fn replace_setting<T: PartialEq>(slot: &mut T, value: T, field: &str) -> Applied {
    if *slot == value {
        Applied::NoChange
    } else {
        *slot = value;
        Applied::Changed {
            task: None,
            field: field.to_string(),
        }
    }
}

/// A field value as people read it, for history: labels for statuses, 是/否 for flags.
pub fn display_value(path: &str, value: Option<&Value>) -> String {
    let is_flag = matches!(path, "key" | "supervised")
        || path.starts_with("hidden.")
        || path.ends_with(".hidden");
    match value {
        None if is_flag => text::NO.to_string(),
        None if path == "status" => Status::NotStarted.describe(),
        None if path == "progress" => "0".to_string(),
        None => String::new(),
        Some(value) if path == "status" => serde_json::from_value::<Status>(value.clone())
            .map_or_else(|_| value.to_string(), |s| s.describe()),
        Some(value) if path.starts_with("added.") && !path.ends_with(".actual") && !is_flag => {
            serde_json::from_value::<UserTarget>(value.clone())
                .map_or_else(|_| value.to_string(), |t| t.describe())
        }
        Some(Value::Bool(true)) => text::YES.to_string(),
        Some(Value::Bool(false)) => text::NO.to_string(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => number
            .as_f64()
            .map_or_else(|| number.to_string(), format_number),
        Some(other) => other.to_string(),
    }
}
