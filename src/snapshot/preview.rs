//! What importing snapshots would change, and doing it: per task and field, a side that changed a
//! field since the two copies diverged wins; both sides changing it is a conflict the person
//! resolves. "Changed since divergence" is read from history: my latest change to a field that
//! the other side's history does not contain.

use super::{text, ImportWarning, Incoming};
use crate::document::TaskNumber;
use crate::ledger::merge::{
    from_fields as rebuild, latest_change, latest_order, latest_timestamp, union_history,
    unseen_by, version,
};
use crate::ledger::text as ledger_text;
use crate::ledger::{display_value, Annotation, Change, Ledger, Who};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One imported file, for listing "from whom" in the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub file_name: String,
    pub exported_by: Who,
    pub exported_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PreviewKind {
    /// The task has no annotation here yet.
    New,
    /// Fields would change, none in conflict.
    Updated,
    /// At least one field was changed on both sides since they diverged.
    Conflicting,
}

impl PreviewKind {
    /// 新增 / 更新 / 冲突.
    pub fn label(self) -> &'static str {
        match self {
            PreviewKind::New => text::KIND_NEW,
            PreviewKind::Updated => text::KIND_UPDATED,
            PreviewKind::Conflicting => text::KIND_CONFLICTING,
        }
    }
}

/// One field the import would change (or that needs a decision, when `conflict`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Field path (see `Annotation::fields`); `label` is its Chinese name, e.g. `状态`.
    pub field: String,
    pub label: String,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    /// Both values as people read them.
    pub mine_text: String,
    pub theirs_text: String,
    pub conflict: bool,
    /// Who made the incoming value (from its history entry) and when.
    pub reported_by: Who,
    pub reported_at: String,
    /// Index into [`Preview::sources`] of the file the incoming value came from.
    pub source: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskPreview {
    pub task: TaskNumber,
    pub kind: PreviewKind,
    /// In field-path order.
    pub changes: Vec<FieldChange>,
}

/// What [`apply`] would do. `incoming` holds the snapshots' annotations combined (newest change
/// per field wins between files), so `apply` needs nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// Only tasks whose content would change or that need a decision, in number order.
    pub tasks: Vec<TaskPreview>,
    pub sources: Vec<Source>,
    /// Every import warning of every file.
    pub warnings: Vec<ImportWarning>,
    pub incoming: BTreeMap<TaskNumber, Annotation>,
    /// For each incoming task and field, the index of the source its value came from.
    pub incoming_sources: BTreeMap<TaskNumber, BTreeMap<String, usize>>,
}

impl Preview {
    /// Nothing would change (history may still gain entries).
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    pub fn count(&self, kind: PreviewKind) -> usize {
        self.tasks.iter().filter(|t| t.kind == kind).count()
    }

    /// Every conflicting field, for the resolution dialog.
    pub fn conflicts(&self) -> impl Iterator<Item = (TaskNumber, &FieldChange)> {
        self.tasks.iter().flat_map(|t| {
            t.changes
                .iter()
                .filter(|c| c.conflict)
                .map(move |c| (t.task, c))
        })
    }

    pub fn task(&self, task: TaskNumber) -> Option<&TaskPreview> {
        self.tasks.iter().find(|t| t.task == task)
    }
}

/// How to settle one conflicting field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    #[default]
    KeepMine,
    TakeTheirs,
}

/// Decisions per (task, field); a conflict without one keeps mine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolutions(pub BTreeMap<TaskNumber, BTreeMap<String, Resolution>>);

impl Resolutions {
    pub fn new() -> Resolutions {
        Resolutions::default()
    }

    pub fn set(&mut self, task: TaskNumber, field: &str, resolution: Resolution) -> &mut Self {
        self.0
            .entry(task)
            .or_default()
            .insert(field.to_string(), resolution);
        self
    }

    pub fn get(&self, task: TaskNumber, field: &str) -> Resolution {
        self.0
            .get(&task)
            .and_then(|fields| fields.get(field))
            .copied()
            .unwrap_or_default()
    }

    /// The same resolution for every conflict in `preview` (the "take all theirs" button).
    pub fn all(preview: &Preview, resolution: Resolution) -> Resolutions {
        let mut resolutions = Resolutions::new();
        for (task, change) in preview.conflicts() {
            resolutions.set(task, &change.field, resolution);
        }
        resolutions
    }
}

/// Which unit reported a field's current value: the latest history entry for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub field: String,
    pub label: String,
    pub who: Who,
    pub at: String,
}

/// For each field the annotation holds, who set its value (from history). After an import the
/// entries carry the reporting units' names, so this is the "who reported what" of a merged ledger.
pub fn provenance(annotation: &Annotation) -> Vec<Provenance> {
    annotation
        .fields()
        .into_keys()
        .filter_map(|field| {
            let change = latest_change(&annotation.history, &field)?;
            Some(Provenance {
                label: ledger_text::field_label(&field),
                who: change.who.clone(),
                at: change.at.clone(),
                field,
            })
        })
        .collect()
}

/// Compare the accepted snapshots with the current ledger. Files are first combined with one
/// another (newest change per field wins), so their order does not matter.
pub fn preview(current: &Ledger, incoming: &[Incoming]) -> Preview {
    let sources: Vec<Source> = incoming
        .iter()
        .map(|i| Source {
            file_name: i.file_name.clone(),
            exported_by: i.snapshot.exported_by.clone(),
            exported_at: i.snapshot.exported_at.clone(),
        })
        .collect();
    let warnings = incoming.iter().flat_map(|i| i.warnings.clone()).collect();
    let (combined, incoming_sources) = combine(incoming);
    let empty = Annotation::default();
    let mut tasks = Vec::new();
    for (number, theirs) in &combined {
        let mine = current.tasks.get(number).unwrap_or(&empty);
        let field_sources = incoming_sources.get(number);
        let mut changes = Vec::new();
        for (field, decision) in decide(mine, theirs) {
            let conflict = match decision {
                Decision::KeepMine => continue,
                Decision::TakeTheirs => false,
                Decision::Conflict => true,
            };
            let (m, t) = (mine.field(&field), theirs.field(&field));
            let reported = latest_change(&theirs.history, &field);
            changes.push(FieldChange {
                label: ledger_text::field_label(&field),
                mine_text: display_value(&field, m.as_ref()),
                theirs_text: display_value(&field, t.as_ref()),
                mine: m,
                theirs: t,
                conflict,
                reported_by: reported.map(|c| c.who.clone()).unwrap_or_default(),
                reported_at: reported.map(|c| c.at.clone()).unwrap_or_default(),
                source: field_sources
                    .and_then(|s| s.get(&field))
                    .copied()
                    .unwrap_or(0),
                field,
            });
        }
        if changes.is_empty() {
            continue;
        }
        let kind = if *mine == empty {
            PreviewKind::New
        } else if changes.iter().any(|c| c.conflict) {
            PreviewKind::Conflicting
        } else {
            PreviewKind::Updated
        };
        tasks.push(TaskPreview {
            task: *number,
            kind,
            changes,
        });
    }
    Preview {
        tasks,
        sources,
        warnings,
        incoming: combined,
        incoming_sources,
    }
}

/// Merge the previewed snapshots into `current`: per field, the side that changed it since the
/// copies diverged wins; conflicts follow `resolutions` (mine when unset). Histories are united,
/// so every imported value keeps the name and unit of whoever entered it. Decisions are taken
/// again against `current`, so edits made after the preview are not lost.
///
/// Each resolved conflict is recorded as a change by `current.user` at `now` (ISO 8601): the
/// decision is itself an edit newer than both sides, so it wins when this ledger is exported and
/// merged elsewhere instead of reopening the same conflict.
pub fn apply(current: &Ledger, preview: &Preview, resolutions: &Resolutions, now: &str) -> Ledger {
    let mut merged = current.clone();
    let empty = Annotation::default();
    for (number, theirs) in &preview.incoming {
        let mine = current.tasks.get(number).unwrap_or(&empty);
        let mut fields = mine.fields();
        let mut resolved = Vec::new();
        for (field, decision) in decide(mine, theirs) {
            let take = match decision {
                Decision::KeepMine => false,
                Decision::TakeTheirs => true,
                Decision::Conflict => {
                    let take = resolutions.get(*number, &field) == Resolution::TakeTheirs;
                    let (m, t) = (mine.field(&field), theirs.field(&field));
                    let (old, new) = if take { (m, t) } else { (t, m) };
                    resolved.push(Change {
                        who: current.user.clone(),
                        at: now.to_string(),
                        old: display_value(&field, old.as_ref()),
                        new: display_value(&field, new.as_ref()),
                        field: field.clone(),
                    });
                    take
                }
            };
            if take {
                match theirs.field(&field) {
                    Some(value) => fields.insert(field, value),
                    None => fields.remove(&field),
                };
            }
        }
        let mut annotation = rebuild(&fields);
        annotation.history = union_history(&mine.history, &theirs.history);
        let updated_at = latest_timestamp(mine.updated_at.as_deref(), theirs.updated_at.as_deref());
        annotation.updated_at = if resolved.is_empty() {
            updated_at
        } else {
            latest_timestamp(updated_at.as_deref(), Some(now))
        };
        annotation.history.extend(resolved);
        if annotation == empty {
            merged.tasks.remove(number);
        } else {
            merged.tasks.insert(*number, annotation);
        }
    }
    merged
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    KeepMine,
    TakeTheirs,
    Conflict,
}

/// The decision for every field whose value differs between the two annotations.
fn decide(mine: &Annotation, theirs: &Annotation) -> Vec<(String, Decision)> {
    let (mine_fields, theirs_fields) = (mine.fields(), theirs.fields());
    let paths: BTreeSet<&String> = mine_fields.keys().chain(theirs_fields.keys()).collect();
    let mut decisions = Vec::new();
    for path in paths {
        let (m, t) = (mine_fields.get(path), theirs_fields.get(path));
        if m == t {
            continue;
        }
        // A value with no history at all (data from before history was kept) counts as changed:
        // nothing shows the other side has seen it.
        let mine_changed =
            unseen_by(latest_change(&mine.history, path), &theirs.history).unwrap_or(m.is_some());
        let theirs_changed =
            unseen_by(latest_change(&theirs.history, path), &mine.history).unwrap_or(t.is_some());
        let decision = match (mine_changed, theirs_changed) {
            (true, true) => Decision::Conflict,
            (true, false) => Decision::KeepMine,
            (false, true) => Decision::TakeTheirs,
            // Each side has seen the other's latest change yet the values differ (an edit that
            // bypassed history): the newer change wins.
            (false, false) => {
                if latest_order(&mine.history, path) >= latest_order(&theirs.history, path) {
                    Decision::KeepMine
                } else {
                    Decision::TakeTheirs
                }
            }
        };
        decisions.push((path.clone(), decision));
    }
    decisions
}

type Combined = (
    BTreeMap<TaskNumber, Annotation>,
    BTreeMap<TaskNumber, BTreeMap<String, usize>>,
);

/// Combine the files' annotations per task: per field, the value whose latest change is newest
/// (ties: the larger value, then the lower file index), histories united.
fn combine(incoming: &[Incoming]) -> Combined {
    let mut by_task: BTreeMap<TaskNumber, Vec<(usize, Annotation)>> = BTreeMap::new();
    for (index, file) in incoming.iter().enumerate() {
        for (number, annotation) in file.snapshot.annotations() {
            let completed = with_complete_history(
                annotation,
                &file.snapshot.exported_by,
                &file.snapshot.exported_at,
            );
            by_task.entry(number).or_default().push((index, completed));
        }
    }
    let mut annotations = BTreeMap::new();
    let mut sources = BTreeMap::new();
    for (number, sides) in by_task {
        let mut fields = BTreeMap::new();
        let mut field_sources = BTreeMap::new();
        let paths: BTreeSet<String> = sides
            .iter()
            .flat_map(|(_, a)| a.fields().into_keys())
            .collect();
        // Deletions count too: a side that cleared a field has a change for it and no value.
        let paths: BTreeSet<String> = paths
            .into_iter()
            .chain(
                sides
                    .iter()
                    .flat_map(|(_, a)| a.history.iter().map(|c| c.field.clone())),
            )
            .collect();
        for path in paths {
            // The newest register version wins (ties: the lower file index).
            let best = sides
                .iter()
                .filter_map(|(index, annotation)| {
                    latest_change(&annotation.history, &path)?;
                    let value = annotation.field(&path);
                    let version = version(&annotation.history, &path, value.as_ref());
                    Some((version, std::cmp::Reverse(*index), value))
                })
                .max_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            if let Some((_, std::cmp::Reverse(index), value)) = best {
                if let Some(value) = value {
                    fields.insert(path.clone(), value);
                }
                field_sources.insert(path, index);
            }
        }
        let mut annotation = rebuild(&fields);
        let mut history: Vec<Change> = Vec::new();
        let mut updated_at: Option<String> = None;
        for (_, side) in &sides {
            history = union_history(&history, &side.history);
            updated_at = latest_timestamp(updated_at.as_deref(), side.updated_at.as_deref());
        }
        annotation.history = history;
        annotation.updated_at = updated_at;
        annotations.insert(number, annotation);
        sources.insert(number, field_sources);
    }
    (annotations, sources)
}

/// A file may hold values without history (written by hand or by an older tool): give each such
/// field an entry in the exporter's name at the export time, so it can be merged and attributed.
fn with_complete_history(annotation: &Annotation, who: &Who, at: &str) -> Annotation {
    let mut completed = annotation.clone();
    for (field, value) in annotation.fields() {
        if latest_change(&annotation.history, &field).is_none() {
            completed.history.push(Change {
                who: who.clone(),
                at: at.to_string(),
                old: display_value(&field, None),
                new: display_value(&field, Some(&value)),
                field,
            });
        }
    }
    completed
}
