//! The one merge engine: per-task, per-field merging of copies of a ledger. Two tabs use
//! [`merge_latest`], the three-way [`merge`] is the reference, and snapshot import
//! (`crate::snapshot::preview`) composes the engine's parts below (registers, versions, history
//! union, rebuilding an annotation from fields) instead of its own copies.
//! Fields are compared through `Annotation::fields`, so every kind of edit merges the same way.
//!
//! A *register* is one field value and the history entries that wrote it. Today a register is
//! keyed by task number and field path (the path carries the period: `report.2023Q2.problems`);
//! the engine's functions take a history and a field path and never assume what else the key
//! holds, so registers keyed by task, period, unit and field (issue 14) can reuse them.

use super::{display_value, text, Annotation, Change, Ledger};
use crate::document::TaskNumber;
use crate::period::instant_millis;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Both sides changed the same field to different values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub task: TaskNumber,
    /// Field path (see `Annotation::fields`); `label` is its readable name.
    pub field: String,
    pub label: String,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    /// The two values as people read them.
    pub mine_text: String,
    pub theirs_text: String,
}

impl Conflict {
    fn new(
        task: TaskNumber,
        field: &str,
        mine: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Conflict {
        Conflict {
            task,
            field: field.to_string(),
            label: text::field_label(field),
            mine: mine.cloned(),
            theirs: theirs.cloned(),
            mine_text: display_value(field, mine),
            theirs_text: display_value(field, theirs),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merged {
    pub ledger: Ledger,
    pub conflicts: Vec<Conflict>,
}

/// Three-way merge against a common `base`: a field changed on one side only takes that side's
/// value; changed on both sides to different values it keeps `mine` and is reported as a
/// [`Conflict`] (take theirs with `Action::SetField`). Histories are united; settings (cadence,
/// as-of date) merge the same way; `user` and the undo stacks stay this tab's (`mine`).
pub fn merge(base: &Ledger, mine: &Ledger, theirs: &Ledger) -> Merged {
    let mut conflicts = Vec::new();
    let mut tasks = BTreeMap::new();
    let numbers: BTreeSet<TaskNumber> = base
        .tasks
        .keys()
        .chain(mine.tasks.keys())
        .chain(theirs.tasks.keys())
        .copied()
        .collect();
    for task in numbers {
        let sides = [base, mine, theirs].map(|ledger| ledger.tasks.get(&task));
        let [base_fields, mine_fields, theirs_fields] =
            sides.map(|a| a.map(Annotation::fields).unwrap_or_default());
        let mut fields = BTreeMap::new();
        for path in union_keys(&[&base_fields, &mine_fields, &theirs_fields]) {
            let (b, m, t) = (
                base_fields.get(&path),
                mine_fields.get(&path),
                theirs_fields.get(&path),
            );
            let chosen = if m == t || t == b {
                m
            } else if m == b {
                t
            } else {
                conflicts.push(Conflict::new(task, &path, m, t));
                m
            };
            if let Some(value) = chosen {
                fields.insert(path, value.clone());
            }
        }
        if let Some(annotation) = rebuild(&fields, &sides) {
            tasks.insert(task, annotation);
        }
    }
    let ledger = Ledger {
        fingerprint: mine.fingerprint.clone(),
        cadence: pick(base.cadence, mine.cadence, theirs.cadence),
        as_of: pick(base.as_of, mine.as_of, theirs.as_of),
        tasks,
        user: mine.user.clone(),
        last_export: latest_timestamp(mine.last_export.as_deref(), theirs.last_export.as_deref()),
        undo: mine.undo.clone(),
        redo: mine.redo.clone(),
    };
    Merged { ledger, conflicts }
}

/// Two-way merge for tabs without a common base: per field, the side whose history has the newer
/// change for that field wins (ties go to the larger value, so the result does not depend on which
/// side is "mine"). Histories are united, deduplicated and sorted by time, so the losing edit is
/// still in history. Fields both sides changed without seeing the other's edit are reported as
/// conflicts for information. Settings, `user` and undo stacks stay this tab's (`mine`).
pub fn merge_latest(mine: &Ledger, theirs: &Ledger) -> Merged {
    let mut conflicts = Vec::new();
    let mut tasks = BTreeMap::new();
    let numbers: BTreeSet<TaskNumber> = mine
        .tasks
        .keys()
        .chain(theirs.tasks.keys())
        .copied()
        .collect();
    for task in numbers {
        let (mine_annotation, theirs_annotation) = (mine.tasks.get(&task), theirs.tasks.get(&task));
        let mine_fields = mine_annotation.map(Annotation::fields).unwrap_or_default();
        let theirs_fields = theirs_annotation
            .map(Annotation::fields)
            .unwrap_or_default();
        let no_history = Vec::new();
        let mine_history = mine_annotation.map_or(&no_history, |a| &a.history);
        let theirs_history = theirs_annotation.map_or(&no_history, |a| &a.history);
        let mut fields = BTreeMap::new();
        for path in union_keys(&[&mine_fields, &theirs_fields]) {
            let (m, t) = (mine_fields.get(&path), theirs_fields.get(&path));
            let chosen = if m == t {
                m
            } else {
                // Values without history are not reported: nothing says both sides edited them.
                let concurrent = unseen_by(latest_change(mine_history, &path), theirs_history)
                    .unwrap_or(false)
                    && unseen_by(latest_change(theirs_history, &path), mine_history)
                        .unwrap_or(false);
                if concurrent {
                    conflicts.push(Conflict::new(task, &path, m, t));
                }
                if version(mine_history, &path, m) >= version(theirs_history, &path, t) {
                    m
                } else {
                    t
                }
            };
            if let Some(value) = chosen {
                fields.insert(path, value.clone());
            }
        }
        if let Some(annotation) = rebuild(&fields, &[mine_annotation, theirs_annotation]) {
            tasks.insert(task, annotation);
        }
    }
    let ledger = Ledger {
        tasks,
        last_export: latest_timestamp(mine.last_export.as_deref(), theirs.last_export.as_deref()),
        ..mine.clone()
    };
    Merged { ledger, conflicts }
}

/// Three-way choice for a setting: this side's change wins; otherwise take theirs.
fn pick<T: PartialEq>(base: T, mine: T, theirs: T) -> T {
    if mine == base {
        theirs
    } else {
        mine
    }
}

fn union_keys(maps: &[&BTreeMap<String, Value>]) -> BTreeSet<String> {
    maps.iter().flat_map(|m| m.keys().cloned()).collect()
}

/// Order changes by instant first (offsets differ between writers), then by content for a total order.
pub(crate) fn change_order(change: &Change) -> (Option<i64>, &Change) {
    (instant_millis(&change.at), change)
}

/// The latest change of a register (`field`) in `history`, by [`change_order`].
pub(crate) fn latest_change<'a>(history: &'a [Change], field: &str) -> Option<&'a Change> {
    latest_order(history, field).map(|(_, change)| change)
}

/// The [`change_order`] of the register's latest change.
pub(crate) fn latest_order<'a>(
    history: &'a [Change],
    field: &str,
) -> Option<(Option<i64>, &'a Change)> {
    history
        .iter()
        .filter(|c| c.field == field)
        .map(change_order)
        .max()
}

/// A register's version: its latest change, then its value's JSON text. A total order, so "the
/// newer wins" does not depend on which side is mine (ties go to the larger value).
pub(crate) type Version<'a> = (Option<(Option<i64>, &'a Change)>, Option<String>);

pub(crate) fn version<'a>(
    history: &'a [Change],
    field: &str,
    value: Option<&Value>,
) -> Version<'a> {
    (latest_order(history, field), value.map(Value::to_string))
}

/// Whether a side's latest change to a register is missing from the other side's history (the
/// side changed it since the copies diverged). `None` when the side has no change for it; callers
/// decide what a value without history means.
pub(crate) fn unseen_by(latest: Option<&Change>, other: &[Change]) -> Option<bool> {
    latest.map(|change| !other.contains(change))
}

/// An annotation holding exactly `fields` (no history).
pub(crate) fn from_fields(fields: &BTreeMap<String, Value>) -> Annotation {
    let mut annotation = Annotation::default();
    for (path, value) in fields {
        // A field one side cannot take (e.g. the actual of a target the other side never had)
        // stays in history rather than failing the whole merge.
        let _ = annotation.set_field(path, Some(value.clone()));
    }
    annotation
}

/// The annotation for merged fields, with all sides' histories united. `None` when there is
/// nothing to keep (no content and no history).
fn rebuild(fields: &BTreeMap<String, Value>, sides: &[Option<&Annotation>]) -> Option<Annotation> {
    let mut annotation = from_fields(fields);
    let mut history: Vec<Change> = Vec::new();
    for side in sides.iter().flatten() {
        history = union_history(&history, &side.history);
    }
    annotation.history = history;
    annotation.updated_at = sides
        .iter()
        .flatten()
        .filter_map(|a| a.updated_at.as_deref())
        .fold(None, |latest, at| {
            latest_timestamp(latest.as_deref(), Some(at))
        });
    (annotation != Annotation::default()).then_some(annotation)
}

/// The union of two histories. When one already holds every entry of the other it is kept as it
/// is (so importing your own export changes nothing, even the order of same-instant entries);
/// otherwise the union is sorted by time then content, which does not depend on argument order.
pub(crate) fn union_history(a: &[Change], b: &[Change]) -> Vec<Change> {
    if a == b {
        return a.to_vec();
    }
    let set_a: BTreeSet<&Change> = a.iter().collect();
    let set_b: BTreeSet<&Change> = b.iter().collect();
    match (set_b.is_subset(&set_a), set_a.is_subset(&set_b)) {
        (true, false) => return a.to_vec(),
        (false, true) => return b.to_vec(),
        _ => {}
    }
    let mut history: Vec<Change> = set_a.union(&set_b).map(|c| (*c).clone()).collect();
    history.sort_by(|x, y| change_order(x).cmp(&change_order(y)));
    history
}

/// The later of two timestamps (by instant, then text).
pub(crate) fn latest_timestamp(a: Option<&str>, b: Option<&str>) -> Option<String> {
    let key = |t: Option<&str>| t.map(|t| (instant_millis(t), t.to_string()));
    key(a).max(key(b)).map(|(_, t)| t)
}
