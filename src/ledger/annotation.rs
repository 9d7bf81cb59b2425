//! What one task carries (status, reports, actuals, flags, history) and how it reads as a flat map
//! of field paths; plus the input parsing and errors the editor shows. The reducer is in `super`.

use super::text;
use super::units::{split_unit_path, unit_path, UnitEntry};
use crate::document::Comparator;
use crate::period::{Date, Period};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

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
pub struct PeriodReport {
    /// 工作进展
    pub progress_text: String,
    /// 存在问题
    pub problems: String,
    /// 下步计划
    pub next_steps: String,
}

impl PeriodReport {
    pub fn get(&self, field: ReportField) -> &str {
        match field {
            ReportField::ProgressText => &self.progress_text,
            ReportField::Problems => &self.problems,
            ReportField::NextSteps => &self.next_steps,
        }
    }

    pub(super) fn slot_mut(&mut self, field: ReportField) -> &mut String {
        self.slot(field)
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

    pub(super) fn validated(mut self) -> Result<UserTarget, LedgerError> {
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
    pub reports: BTreeMap<String, PeriodReport>,
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
    /// Each responsible unit's own entry, by unit name (see `super::units`). The fields above are
    /// the task's compiled entry.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub units: BTreeMap<String, UnitEntry>,
}

/// The annotation of an untouched task, to borrow where a task has none yet.
pub static EMPTY_ANNOTATION: Annotation = Annotation {
    status: Status::NotStarted,
    progress: 0,
    reports: BTreeMap::new(),
    actuals: BTreeMap::new(),
    added_targets: BTreeMap::new(),
    hidden_targets: BTreeSet::new(),
    owner: String::new(),
    phone: String::new(),
    due: None,
    notes: String::new(),
    key: false,
    supervised: false,
    updated_at: None,
    history: Vec::new(),
    units: BTreeMap::new(),
};

impl Annotation {
    pub fn report(&self, period: Period) -> Option<&PeriodReport> {
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
        for (unit, entry) in &self.units {
            for (path, value) in entry.fields() {
                put(unit_path(unit, &path), value);
            }
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
            ["unit", ..] => {
                let (unit, field) = split_unit_path(path).ok_or(LedgerError::UnknownField)?;
                let unit = unit.trim().to_string();
                if unit.is_empty() {
                    return Err(LedgerError::UnknownField);
                }
                let mut entry = self.units.get(&unit).cloned().unwrap_or_default();
                entry.set_field(field, value)?;
                if entry.is_empty() {
                    self.units.remove(&unit);
                } else {
                    self.units.insert(unit, entry);
                }
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
    pub fn reports_in_order(&self) -> Vec<(Period, &PeriodReport)> {
        let mut reports: Vec<(Period, &PeriodReport)> = self
            .reports
            .iter()
            .filter_map(|(id, r)| Some((Period::parse(id)?, r)))
            .collect();
        crate::sorting::sort_by_key(&mut reports, |(period, _)| {
            (period.first_day(), period.last_day())
        });
        reports
    }

    /// Whether two annotations say the same thing, ignoring history and `updated_at`.
    pub fn content_eq(&self, other: &Annotation) -> bool {
        self.fields() == other.fields()
    }
}

pub(super) fn number_value(number: f64) -> Value {
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

pub(super) fn checked_progress(progress: i64) -> Result<u8, LedgerError> {
    u8::try_from(progress)
        .ok()
        .filter(|p| *p <= 100)
        .ok_or(LedgerError::ProgressRange)
}

pub(super) fn checked_phone(phone: &str) -> Result<String, LedgerError> {
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
