//! Many units, one task (issue 14): each responsible unit keeps its own entry per task, and the
//! task's own fields are the *compiled* entry.
//!
//! **The model.** In 督办 practice every responsible unit reports its own part to the lead unit,
//! and the lead (the first listed) compiles the task's report for the coordinator. So:
//! - the annotation's own fields (`status`, `progress`, `report.<period>.<field>`, `actual.<i>`,
//!   `due`) are the task's **compiled entry**, written by the first lead unit or by the coordinator;
//! - every other responsible unit (co-leads after the first, 参与单位) writes **its own entry**,
//!   held in `Annotation::units` and addressed by field paths `unit.<unit>.<field path>` (the unit
//!   name escaped by [`escape`]), so two units never write the same register and never conflict;
//! - where the compiled entry has no status and no progress yet, the task's standing is **derived**
//!   from the unit entries by one stated rule ([`Standing`]): the least advanced entry.
//!
//! Migration ([`migrate`]): a compiled value whose latest history entry was made by a responsible
//! unit other than the first lead moves to that unit's entry (two changes, at that entry's instant,
//! by that person), so a ledger or file from before per-unit entries loses nothing and migrating
//! twice, or on two machines, gives the same result.

use super::{value_from_display, Annotation, Ledger, Status};
use crate::document::{Document, Task, TaskNumber};
use crate::ledger::merge::latest_change;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Field paths a unit's own entry may hold (the rest of a task's fields are the task's own).
pub fn is_unit_field(path: &str) -> bool {
    let parts: Vec<&str> = path.split('.').collect();
    matches!(
        parts.as_slice(),
        ["status"] | ["progress"] | ["due"] | ["report", _, _] | ["actual", _]
    )
}

/// Whose entry an edit goes to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "unit")]
pub enum Entry {
    /// The task's compiled entry (the first lead's, or the coordinator's).
    Compiled,
    /// A responsible unit's own entry.
    Unit(String),
}

impl Entry {
    /// The entry a reader of `unit` edits on `task`: their own when their unit is a responsible
    /// unit other than the first lead; otherwise the compiled entry (the first lead compiles, and
    /// a coordinator or a reader without a unit annotates the task itself).
    pub fn for_reader(task: &Task, unit: Option<&str>) -> Entry {
        let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty()) else {
            return Entry::Compiled;
        };
        let first_lead = task.lead_units.first().map(|u| u.trim());
        if first_lead == Some(unit) {
            return Entry::Compiled;
        }
        let responsible = task
            .lead_units
            .iter()
            .chain(&task.participating_units)
            .any(|u| u.trim() == unit);
        if responsible {
            Entry::Unit(unit.to_string())
        } else {
            Entry::Compiled
        }
    }

    /// The field path of `path` in this entry.
    pub fn path(&self, path: &str) -> String {
        match self {
            Entry::Compiled => path.to_string(),
            Entry::Unit(unit) => unit_path(unit, path),
        }
    }
}

/// `.` separates path parts, so a unit name escapes `%` and `.`.
pub fn escape(unit: &str) -> String {
    unit.replace('%', "%25").replace('.', "%2E")
}

pub fn unescape(escaped: &str) -> String {
    escaped.replace("%2E", ".").replace("%25", "%")
}

/// `unit.<escaped unit>.<path>`.
pub fn unit_path(unit: &str, path: &str) -> String {
    format!("unit.{}.{path}", escape(unit))
}

/// The unit and the entry's own path of a `unit.<unit>.<path>` field path.
pub fn split_unit_path(path: &str) -> Option<(String, &str)> {
    let rest = path.strip_prefix("unit.")?;
    let (unit, field) = rest.split_once('.')?;
    Some((unescape(unit), field))
}

/// One unit's own entry on a task: what it reports for its part.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitEntry {
    #[serde(skip_serializing_if = "is_not_started")]
    pub status: Status,
    #[serde(skip_serializing_if = "is_zero")]
    pub progress: u8,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub reports: BTreeMap<String, super::PeriodReport>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub actuals: BTreeMap<usize, f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<crate::period::Date>,
}

fn is_not_started(status: &Status) -> bool {
    *status == Status::NotStarted
}

fn is_zero(progress: &u8) -> bool {
    *progress == 0
}

impl UnitEntry {
    /// The entry seen as an annotation (no history), to reuse its readers (reports in order,
    /// targets, lights).
    pub fn as_annotation(&self) -> Annotation {
        Annotation {
            status: self.status.clone(),
            progress: self.progress,
            reports: self.reports.clone(),
            actuals: self.actuals.clone(),
            due: self.due,
            ..Annotation::default()
        }
    }

    fn from_annotation(annotation: Annotation) -> UnitEntry {
        UnitEntry {
            status: annotation.status,
            progress: annotation.progress,
            reports: annotation.reports,
            actuals: annotation.actuals,
            due: annotation.due,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == UnitEntry::default()
    }

    /// The entry's fields by path (as `Annotation::fields`).
    pub fn fields(&self) -> BTreeMap<String, Value> {
        self.as_annotation().fields()
    }

    /// Set one of the entry's fields ([`is_unit_field`] paths only), validated as the task's own.
    pub fn set_field(
        &mut self,
        path: &str,
        value: Option<Value>,
    ) -> Result<(), super::LedgerError> {
        if !is_unit_field(path) {
            return Err(super::LedgerError::UnknownField);
        }
        let mut annotation = self.as_annotation();
        annotation.set_field(path, value)?;
        *self = UnitEntry::from_annotation(annotation);
        Ok(())
    }

    /// Whether this entry has any report text for the period.
    pub fn reported(&self, period: &str) -> bool {
        self.reports.get(period).is_some_and(|r| !r.is_empty())
    }
}

/// A task's status and progress as shown: the compiled entry's, or derived from the units'.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub status: Status,
    pub progress: u8,
    /// Derived from unit entries, because the compiled entry has neither status nor progress.
    /// Names the unit whose entry gave it.
    pub derived_from: Option<String>,
}

impl Annotation {
    /// The unit's own entry, if it wrote one.
    pub fn unit_entry(&self, unit: &str) -> Option<&UnitEntry> {
        self.units.get(unit.trim())
    }

    /// The task as a sheet made for `unit` shows it, and as its import compares cells with. Where
    /// the unit reports in its own entry ([`Entry::for_reader`]): that entry's status, progress,
    /// reports, actuals and 完成时限, with their history under the plain paths (so a period's value
    /// at its end reads as for the task), beside the task's own 责任人, 电话, 备注 and targets, and
    /// no other unit's words. Otherwise the task itself (the compiled entry, with every unit's
    /// words beside it in [`Annotation::report_with_units`]).
    pub fn seen_by(&self, task: &Task, unit: Option<&str>) -> std::borrow::Cow<'_, Annotation> {
        let Entry::Unit(unit) = Entry::for_reader(task, unit) else {
            return std::borrow::Cow::Borrowed(self);
        };
        let own = self.unit_entry(&unit).cloned().unwrap_or_default();
        let prefix = unit_path(&unit, "");
        let history = self
            .history
            .iter()
            .filter_map(|change| {
                let field = change.field.strip_prefix(prefix.as_str())?;
                Some(super::Change {
                    field: field.to_string(),
                    ..change.clone()
                })
            })
            .collect();
        std::borrow::Cow::Owned(Annotation {
            status: own.status,
            progress: own.progress,
            reports: own.reports,
            actuals: own.actuals,
            due: own.due,
            history,
            units: BTreeMap::new(),
            ..self.clone_without_entries()
        })
    }

    /// The task-level fields (责任人, 电话, 备注, targets, marks, update time) without the entries'
    /// values, history or units.
    fn clone_without_entries(&self) -> Annotation {
        Annotation {
            added_targets: self.added_targets.clone(),
            hidden_targets: self.hidden_targets.clone(),
            owner: self.owner.clone(),
            phone: self.phone.clone(),
            notes: self.notes.clone(),
            key: self.key,
            supervised: self.supervised,
            updated_at: self.updated_at.clone(),
            ..Annotation::default()
        }
    }

    /// The task's standing. **The rule:** the compiled entry's status and progress when it has
    /// either; otherwise, if some unit's entry has a status or progress, the least advanced such
    /// entry (lowest progress; ties: the status earlier in 未启动 … 已完成, then the unit name), shown
    /// as derived; otherwise 未启动 at 0.
    pub fn standing(&self) -> Standing {
        if self.status != Status::NotStarted || self.progress != 0 {
            return Standing {
                status: self.status.clone(),
                progress: self.progress,
                derived_from: None,
            };
        }
        let rank = |status: &Status| {
            Status::choices()
                .iter()
                .position(|s| s.key() == status.key())
                .unwrap_or(0)
        };
        self.units
            .iter()
            .filter(|(_, e)| e.status != Status::NotStarted || e.progress != 0)
            .min_by(|(a_unit, a), (b_unit, b)| {
                (a.progress, rank(&a.status), a_unit).cmp(&(b.progress, rank(&b.status), b_unit))
            })
            .map(|(unit, entry)| Standing {
                status: entry.status.clone(),
                progress: entry.progress,
                derived_from: Some(unit.clone()),
            })
            .unwrap_or(Standing {
                status: Status::NotStarted,
                progress: 0,
                derived_from: None,
            })
    }
}

impl Annotation {
    /// The period's report as the files and reports show it: the compiled entry's text, then each
    /// unit's own text under its name ([`quoted`]), in unit order, unless the compiled text already
    /// holds exactly that quotation (the lead pulled it in with 引用到汇总). A unit's text that merely
    /// occurs inside the compiled one (its 无 in a compiled 暂无问题) is still printed: no unit's words
    /// are dropped from a file. `None` when nobody wrote anything.
    pub fn report_with_units(&self, period: crate::period::Period) -> Option<super::PeriodReport> {
        let id = period.id();
        let mut report = self.reports.get(&id).cloned().unwrap_or_default();
        for (unit, entry) in &self.units {
            let Some(own) = entry.reports.get(&id) else {
                continue;
            };
            for field in super::ReportField::ALL {
                let text = own.get(field).trim();
                let quotation = quoted(unit, text);
                if text.is_empty() || report.get(field).contains(&quotation) {
                    continue;
                }
                let slot = report.slot_mut(field);
                if !slot.is_empty() {
                    slot.push('\n');
                }
                slot.push_str(&quotation);
            }
        }
        (!report.is_empty()).then_some(report)
    }
}

/// A unit's text under its name, `【区财政局】资金已拨付`: how the compiled entry quotes it
/// (引用到汇总) and how files and reports print it.
pub fn quoted(unit: &str, text: &str) -> String {
    format!("【{unit}】{}", text.trim())
}

/// One value [`migrate`] moved from a task's compiled entry to a unit's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub task: TaskNumber,
    pub field: String,
    pub unit: String,
}

/// A reader just signed as `who`: the unsigned edits on `task` made since `since_millis` (this
/// page's start, so never another person's unsigned edits brought in earlier by a file) become
/// theirs, and where `who`'s unit reports in its own entry those values move there
/// ([`migrate_annotation`]): a co-lead's clerk whose first edit went to the compiled entry before
/// they signed does not leave it over the lead's words. `None` when there was nothing to claim
/// (the annotation is unchanged); else the values moved, if any.
pub fn claim_unsigned(
    task: &Task,
    annotation: &mut Annotation,
    who: &super::Who,
    since_millis: i64,
) -> Option<Vec<Moved>> {
    let unsigned = |c: &super::Change| c.who.name.trim().is_empty() && c.who.unit.trim().is_empty();
    let mut claimed = false;
    for change in &mut annotation.history {
        let recent = crate::period::instant_millis(&change.at).is_some_and(|at| at >= since_millis);
        if unsigned(change) && recent {
            change.who = who.clone();
            claimed = true;
        }
    }
    claimed.then(|| migrate_annotation(task, annotation))
}

/// Move every compiled value whose latest change was made by a responsible unit other than the
/// task's first lead to that unit's entry: that unit's changes to the field are relabelled as
/// changes to its own entry (which is what they were), and the compiled field goes back to the
/// value of its latest remaining change (the lead's or coordinator's own words), or to empty.
/// Deterministic and idempotent, so copies migrated apart still merge (see the module docs).
pub fn migrate_annotation(task: &Task, annotation: &mut Annotation) -> Vec<Moved> {
    let mut moved = Vec::new();
    let paths: std::collections::BTreeSet<String> = crate::sorting::set_of(
        annotation
            .history
            .iter()
            .map(|c| c.field.clone())
            .filter(|p| is_unit_field(p)),
    );
    for path in paths {
        // Each pass moves one unit's changes; a field can have been overwritten by several.
        for _ in 0..annotation.history.len() {
            let Some(latest) = latest_change(&annotation.history, &path).cloned() else {
                break;
            };
            let Entry::Unit(unit) = Entry::for_reader(task, Some(&latest.who.unit)) else {
                break;
            };
            let target = unit_path(&unit, &path);
            let mut trial = annotation.clone();
            for change in &mut trial.history {
                if change.field == path && change.who.unit.trim() == unit {
                    change.field = target.clone();
                }
            }
            let remaining = latest_change(&trial.history, &path).map(|c| c.new.clone());
            let unit_value = latest_change(&trial.history, &target).map(|c| c.new.clone());
            let values = (
                remaining.map_or(Some(None), |t| value_from_display(&path, &t)),
                unit_value.and_then(|t| value_from_display(&path, &t)),
            );
            let (Some(compiled), Some(own)) = values else {
                break;
            };
            if trial.set_field(&path, compiled).is_err() || trial.set_field(&target, own).is_err() {
                break;
            }
            *annotation = trial;
            moved.push(Moved {
                task: task.number,
                field: path.clone(),
                unit,
            });
        }
    }
    moved
}

/// [`migrate_annotation`] for every task of the document.
pub fn migrate(document: &Document, ledger: &mut Ledger) -> Vec<Moved> {
    let mut moved = Vec::new();
    for task in &document.tasks {
        if let Some(annotation) = ledger.tasks.get_mut(&task.number) {
            moved.extend(migrate_annotation(task, annotation));
        }
    }
    moved
}
