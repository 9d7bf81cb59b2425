//! The ledger: what staff record against each task (status, progress, reports, actuals, history).
//! One reducer (`Ledger::apply`) changes it; every real change is appended to the task's history.
//!
//! Each annotation can be seen as a flat map of *field paths* (`status`, `progress`,
//! `report.2023Q2.progress_text`, `actual.0`, `added.<id>.actual` …) to JSON values; see
//! [`Annotation::fields`]. History entries, undo entries and merges all speak in these paths, which is
//! what lets two tabs merge per field without knowing what each field means.

mod annotation;
pub mod consistency;
pub mod merge;
pub mod progress;
pub mod text;
pub mod units;

use crate::document::TaskNumber;
use crate::period::{instant_millis, Cadence, Date, Period};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub use annotation::*;
use annotation::{checked_phone, checked_progress, number_value};
pub use consistency::{inconsistency, status_edits, Inconsistency};
pub use merge::{merge, merge_latest, Conflict, Merged};
pub use progress::{
    completion, expected_progress, is_met, is_unreported, light, Light, LightColour, TargetView,
    ABOUT_TOLERANCE,
};
pub use units::{Entry, Standing, UnitEntry};

/// How many edits Undo can walk back. Older ones stay in history but can no longer be undone.
pub const UNDO_LIMIT: usize = 50;

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
    /// Settle an open conflict ([`merge::open_conflicts`]): the field takes `value` (one of the
    /// heads' values, or both texts joined) and every head with another value is superseded by a
    /// change of this reader's, so the conflict is closed wherever this ledger goes.
    Settle {
        task: TaskNumber,
        field: String,
        value: Option<Value>,
    },
    /// An edit (status, progress, report, actual of a parsed target, 完成时限) to `unit`'s own
    /// entry instead of the task's compiled entry (see [`units`]).
    AsUnit {
        unit: String,
        edit: Box<Action>,
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

    /// The task's annotation, or the empty one (borrowed: no copy of history per row).
    pub fn annotation_or_empty(&self, task: TaskNumber) -> &Annotation {
        self.tasks
            .get(&task)
            .unwrap_or(&annotation::EMPTY_ANNOTATION)
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
        crate::sorting::sort_by(&mut changes, |a, b| {
            (instant_millis(&b.1.at), b.1).cmp(&(instant_millis(&a.1.at), a.1))
        });
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
            Action::Settle { task, field, value } => {
                let mut annotation = self.tasks.get(&task).cloned().unwrap_or_default();
                let before = annotation.field(&field);
                let open = merge::open_conflicts(task, &annotation)
                    .iter()
                    .any(|c| c.field == field);
                merge::resolve(&mut annotation, &field, value, &self.user, now)?;
                let after = annotation.field(&field);
                if !open && before == after {
                    return Ok(Applied::NoChange);
                }
                self.tasks.insert(task, annotation);
                self.undo.push(Edit {
                    task,
                    field: field.clone(),
                    before,
                    after,
                });
                if self.undo.len() > UNDO_LIMIT {
                    self.undo.remove(0);
                }
                self.redo.clear();
                Ok(Applied::Changed {
                    task: Some(task),
                    field,
                })
            }
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
            Action::AsUnit { unit, edit } => {
                let unit = unit.trim().to_string();
                if unit.is_empty() || matches!(*edit, Action::AsUnit { .. }) {
                    return Err(LedgerError::UnknownField);
                }
                let (task, field, value) = self.edit_for(*edit, now)?;
                if !units::is_unit_field(&field) {
                    return Err(LedgerError::UnknownField);
                }
                (task, units::unit_path(&unit, &field), value)
            }
            Action::SetUser { .. }
            | Action::Settle { .. }
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
    if let Some((_, field)) = units::split_unit_path(path) {
        return display_value(field, value);
    }
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

/// The value a history text stands for: the inverse of [`display_value`] for the fields a history
/// entry can be read back from (texts, status, progress, numbers, dates, flags). `None` when the
/// text cannot be read back (a hand-added target's description); `Some(None)` for the default.
pub fn value_from_display(path: &str, text: &str) -> Option<Option<Value>> {
    if let Some((_, field)) = units::split_unit_path(path) {
        return value_from_display(field, text);
    }
    let parts: Vec<&str> = path.split('.').collect();
    let is_flag = matches!(parts.as_slice(), ["key"] | ["supervised"] | ["hidden", _])
        || path.ends_with(".hidden");
    let value = match parts.as_slice() {
        _ if is_flag => match text {
            t if t == text::YES => Some(Value::Bool(true)),
            t if t == text::NO || t.is_empty() => None,
            _ => return None,
        },
        ["status"] => {
            let status = Status::from_label(text);
            match status {
                Status::NotStarted => None,
                _ if text.trim().is_empty() => None,
                status => Some(serde_json::to_value(&status).ok()?),
            }
        }
        ["progress"] => {
            let progress: u8 = text.trim().parse().ok()?;
            (progress != 0).then(|| Value::from(progress))
        }
        ["actual", _] | ["added", _, "actual"] => match text.trim() {
            "" => None,
            t => Some(number_value(
                t.parse::<f64>().ok().filter(|n| n.is_finite())?,
            )),
        },
        ["added", _] => return None,
        _ => (!text.is_empty()).then(|| Value::from(text)),
    };
    Some(value)
}
