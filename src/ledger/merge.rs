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

use super::{display_value, text, Annotation, Change, Ledger, Who};
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
    /// Who wrote each value and when (empty when not known from history).
    #[serde(default)]
    pub mine_by: (Who, String),
    #[serde(default)]
    pub theirs_by: (Who, String),
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
            mine_by: Default::default(),
            theirs_by: Default::default(),
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

/// Two-way merge for tabs without a common base: the CRDT join ([`join`]) of every task, so the
/// result does not depend on which side is "mine". Registers both sides changed without seeing
/// the other's edit stay open conflicts ([`open_conflicts`]) and are reported. Settings, `user` and
/// undo stacks stay this tab's (`mine`).
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
        let sides: Vec<&Annotation> = [mine.tasks.get(&task), theirs.tasks.get(&task)]
            .into_iter()
            .flatten()
            .collect();
        let (annotation, _) = join(&sides);
        let already: BTreeSet<String> = mine
            .tasks
            .get(&task)
            .map(|a| {
                open_conflicts(task, a)
                    .into_iter()
                    .map(|c| c.field)
                    .collect()
            })
            .unwrap_or_default();
        conflicts.extend(
            open_conflicts(task, &annotation)
                .into_iter()
                .filter(|c| !already.contains(&c.field)),
        );
        if annotation != Annotation::default() {
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

/// **The join** of copies of one task's annotation: a state-based CRDT. Each register (a field
/// path: task field, or a unit's own field `unit.<unit>.<field>`) is a last-writer-wins register
/// whose version is its latest history entry ([`version`]; ties: the larger value), histories are
/// a grow-only set (united), and `updated_at` is the latest. So joining is commutative,
/// associative and idempotent, and no value is lost: a value that does not stand is in history.
/// Also returns, per field, the index of the side whose value stands.
pub fn join(sides: &[&Annotation]) -> (Annotation, BTreeMap<String, usize>) {
    let side_fields: Vec<BTreeMap<String, Value>> = sides.iter().map(|a| a.fields()).collect();
    let mut paths: BTreeSet<String> = BTreeSet::new();
    for (side, fields) in sides.iter().zip(&side_fields) {
        paths.extend(fields.keys().cloned());
        // Deletions count too: a side that cleared a field has a change for it and no value.
        paths.extend(side.history.iter().map(|c| c.field.clone()));
    }
    // Each side's latest change per register, in one pass over its history (not one per path).
    let side_latest: Vec<BTreeMap<&str, (Option<i64>, &Change)>> = sides
        .iter()
        .map(|side| {
            let mut latest: BTreeMap<&str, (Option<i64>, &Change)> = BTreeMap::new();
            for change in &side.history {
                let order = change_order(change);
                let slot = latest.entry(change.field.as_str()).or_insert(order);
                *slot = (*slot).max(order);
            }
            latest
        })
        .collect();
    let mut fields = BTreeMap::new();
    let mut winners = BTreeMap::new();
    for path in paths {
        // The register's version: its latest change, then its value's JSON text (worked out only
        // for a tie). A total order, so "the newer wins" does not depend on which side is mine
        // (ties go to the larger value); the first side among equals.
        let mut best: Option<(usize, Option<ChangeOrder<'_>>, Option<&Value>)> = None;
        for index in 0..sides.len() {
            let value = side_fields[index].get(&path);
            let latest = side_latest[index].get(path.as_str()).copied();
            if latest.is_none() && value.is_none() {
                continue;
            }
            let newer = match &best {
                None => true,
                Some((_, best_latest, best_value)) => match latest.cmp(best_latest) {
                    std::cmp::Ordering::Greater => true,
                    std::cmp::Ordering::Less => false,
                    std::cmp::Ordering::Equal => {
                        value.map(Value::to_string) > best_value.map(Value::to_string)
                    }
                },
            };
            if newer {
                best = Some((index, latest, value));
            }
        }
        if let Some((index, _, value)) = best {
            if let Some(value) = value {
                fields.insert(path.clone(), value.clone());
            }
            winners.insert(path, index);
        }
    }
    let mut annotation = from_fields(&fields);
    let histories: Vec<&[Change]> = sides.iter().map(|side| side.history.as_slice()).collect();
    let mut updated_at: Option<String> = None;
    for side in sides {
        updated_at = latest_timestamp(updated_at.as_deref(), side.updated_at.as_deref());
    }
    annotation.history = union_histories(&histories);
    annotation.updated_at = updated_at;
    (annotation, winners)
}

/// A register's *heads*: its changes that no later change supersedes. A change `d` supersedes `c`
/// when `d` is later and either `d.old` is `c.new` (whoever made `d` had seen `c`'s value) or the
/// same (named) person made both (their later word replaces their earlier one). Two heads with different
/// values are edits made without seeing each other: a conflict. Computed from the history set
/// alone, so it does not depend on how copies were merged. Oldest first.
pub fn heads<'a>(history: &'a [Change], field: &str) -> Vec<&'a Change> {
    let changes: Vec<&Change> = history.iter().filter(|c| c.field == field).collect();
    let mut latest_from: BTreeMap<&str, (Option<i64>, &Change)> = BTreeMap::new();
    let mut latest_by: BTreeMap<&Who, (Option<i64>, &Change)> = BTreeMap::new();
    for change in &changes {
        let order = change_order(change);
        let from = latest_from.entry(change.old.as_str()).or_insert(order);
        *from = (*from).max(order);
        // Unsigned edits are nobody's in particular: they never replace one another this way.
        if !change.who.name.trim().is_empty() {
            let by = latest_by.entry(&change.who).or_insert(order);
            *by = (*by).max(order);
        }
    }
    let mut heads: Vec<&Change> = changes
        .into_iter()
        .filter(|c| {
            let order = change_order(c);
            let seen = latest_from
                .get(c.new.as_str())
                .is_some_and(|later| *later > order);
            let replaced = latest_by.get(&c.who).is_some_and(|later| *later > order);
            !seen && !replaced
        })
        .collect();
    heads.sort_by(|a, b| change_order(a).cmp(&change_order(b)));
    heads.dedup();
    heads
}

/// The registers of one task with heads of different values, as conflicts to resolve: `mine` is
/// the value that stands now (the newest head, [`join`]'s choice) and `theirs` the newest head
/// with another value; both with who wrote them and when.
pub fn open_conflicts(task: TaskNumber, annotation: &Annotation) -> Vec<Conflict> {
    let fields: BTreeSet<&str> = annotation
        .history
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    let mut conflicts = Vec::new();
    for field in fields {
        let heads = heads(&annotation.history, field);
        let Some(standing) = heads.last() else {
            continue;
        };
        let Some(other) = heads.iter().rev().find(|c| c.new != standing.new) else {
            continue;
        };
        let current = annotation.field(field);
        let theirs = super::value_from_display(field, &other.new).flatten();
        let mut conflict = Conflict::new(task, field, current.as_ref(), theirs.as_ref());
        conflict.theirs_text = other.new.clone();
        conflict.mine_by = (standing.who.clone(), standing.at.clone());
        conflict.theirs_by = (other.who.clone(), other.at.clone());
        conflicts.push(conflict);
    }
    conflicts
}

/// Settle a register: set it to `value` and record, as `who` at `now`, one change from every head
/// whose value differs, so the register has no open conflict and the decision wins wherever this
/// copy is merged. Nothing is removed: the values not chosen stay in history.
pub fn resolve(
    annotation: &mut Annotation,
    field: &str,
    value: Option<Value>,
    who: &super::Who,
    now: &str,
) -> Result<(), super::LedgerError> {
    annotation.set_field(field, value)?;
    let new = display_value(field, annotation.field(field).as_ref());
    let superseded: Vec<String> = heads(&annotation.history, field)
        .into_iter()
        .filter(|h| h.new != new)
        .map(|h| h.new.clone())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    for old in superseded {
        annotation.history.push(Change {
            who: who.clone(),
            at: now.to_string(),
            field: field.to_string(),
            old,
            new: new.clone(),
        });
    }
    annotation.updated_at = latest_timestamp(annotation.updated_at.as_deref(), Some(now));
    Ok(())
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
/// A change's place in time: its instant (`None`: unreadable, before every readable one), then
/// the change itself.
pub(crate) type ChangeOrder<'a> = (Option<i64>, &'a Change);

pub(crate) fn change_order(change: &Change) -> ChangeOrder<'_> {
    (instant_millis(&change.at), change)
}

/// The latest change of a register (`field`) in `history`, by [`change_order`].
pub fn latest_change<'a>(history: &'a [Change], field: &str) -> Option<&'a Change> {
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
    let histories: Vec<&[Change]> = sides
        .iter()
        .flatten()
        .map(|side| side.history.as_slice())
        .collect();
    annotation.history = union_histories(&histories);
    annotation.updated_at = sides
        .iter()
        .flatten()
        .filter_map(|a| a.updated_at.as_deref())
        .fold(None, |latest, at| {
            latest_timestamp(latest.as_deref(), Some(at))
        });
    (annotation != Annotation::default()).then_some(annotation)
}

/// The union of histories. When one already holds every entry of the others it is kept as it is
/// (so importing your own export changes nothing, even the order of same-instant entries; two such
/// copies in different orders are not "as is" and get sorted); otherwise the union is sorted by
/// time then content. Neither depends on the order of `sides`.
pub(crate) fn union_histories(sides: &[&[Change]]) -> Vec<Change> {
    let all: BTreeSet<&Change> = sides.iter().flat_map(|side| side.iter()).collect();
    let complete: Vec<&[Change]> = sides
        .iter()
        .copied()
        .filter(|side| {
            side.len() >= all.len() && side.iter().collect::<BTreeSet<_>>().len() == all.len()
        })
        .collect();
    if let Some(first) = complete.first() {
        if complete.iter().all(|side| side == first) {
            return first.to_vec();
        }
    }
    // Sorted by change order: the instant (parsed once per entry), then the entry itself, which
    // is the set's own order, so a stable sort by instant alone gives it.
    let mut history: Vec<(Option<i64>, Change)> = all
        .into_iter()
        .map(|change| (instant_millis(&change.at), change.clone()))
        .collect();
    history.sort_by_key(|(at, _)| *at);
    history.into_iter().map(|(_, change)| change).collect()
}

/// The later of two timestamps (by instant, then text).
pub(crate) fn latest_timestamp(a: Option<&str>, b: Option<&str>) -> Option<String> {
    let key = |t: Option<&str>| t.map(|t| (instant_millis(t), t.to_string()));
    key(a).max(key(b)).map(|(_, t)| t)
}
