//! What importing files would change, and doing it. The ledger and every file are joined by the
//! one merge engine (`ledger::merge::join`, a state-based CRDT), so the result does not depend on
//! the order of the files or on whether they come together or one by one. Different units write
//! different registers (their own entries) and never conflict. A conflict is a register whose
//! history has two heads with different values (`ledger::merge::heads`): the same unit's same field
//! edited twice without one seeing the other. It is shown the same way whichever way the files
//! come, and settled with 保留这个 / 保留那个 / 两者都保留; the value not chosen stays in history.

use super::{text, ImportWarning, Incoming};
use crate::document::TaskNumber;
use crate::ledger::merge::{join, latest_change, open_conflicts, resolve};
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

/// One field the import would change (or that needs a decision, when `conflict`). Without a
/// conflict, `mine` is this ledger's value and `theirs` the value after the import. In a conflict,
/// `mine` is the value that stands until someone chooses (the newer edit: 这个) and `theirs` the
/// other edit's value (那个), each with who wrote it and when.
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
    /// Who wrote `mine` and when, in a conflict.
    #[serde(default)]
    pub mine_by: Who,
    #[serde(default)]
    pub mine_at: String,
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

/// A preview listing more field changes than this shows each task folded to one line (what
/// changes, from whom) until it is opened; tasks with a conflict stay open.
pub const FOLD_OVER_CHANGES: usize = 60;

impl TaskPreview {
    /// The labels of the changed fields, each once, in field order (`状态、进度、…`).
    pub fn labels(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.changes
            .iter()
            .map(|c| c.label.as_str())
            .filter(|label| seen.insert(*label))
            .collect()
    }

    /// Who reported the changes, each once, in field order.
    pub fn reporters(&self) -> Vec<&Who> {
        let mut seen = BTreeSet::new();
        self.changes
            .iter()
            .map(|c| &c.reported_by)
            .filter(|who| seen.insert(*who))
            .collect()
    }

    /// Whether the task is shown open with every field change in a preview that folds (see
    /// [`Preview::folds`]): only when a conflict waits for a decision.
    pub fn opens_folded(&self) -> bool {
        self.changes.iter().any(|c| c.conflict)
    }
}

impl Preview {
    /// Nothing would change (history may still gain entries).
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// Whether the preview is too long to read field by field: more than [`FOLD_OVER_CHANGES`]
    /// field changes in all (a coordinator's 50 units' files bring hundreds).
    pub fn folds(&self) -> bool {
        self.tasks.iter().map(|t| t.changes.len()).sum::<usize>() > FOLD_OVER_CHANGES
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
    /// 保留这个: the value that stands (the newer edit).
    #[default]
    KeepThis,
    /// 保留那个: the other edit's value.
    KeepThat,
    /// 两者都保留: both texts joined, each attributed (text fields only; otherwise as `KeepThis`).
    KeepBoth,
}

impl Resolution {
    pub const ALL: [Resolution; 3] = [
        Resolution::KeepThis,
        Resolution::KeepThat,
        Resolution::KeepBoth,
    ];
}

/// Whether both values of a conflict on `field` can be kept together (free text fields).
pub fn can_keep_both(field: &str) -> bool {
    let field = crate::ledger::units::split_unit_path(field).map_or(field, |(_, f)| f);
    field.starts_with("report.") || matches!(field, "notes" | "owner")
}

/// Decisions per (task, field). A conflict without one stays open: the value that stands (the
/// newer edit) holds until someone chooses, here or later on the task page, so importing files
/// one by one without choosing ends where importing them together does.
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

    pub fn get(&self, task: TaskNumber, field: &str) -> Option<Resolution> {
        self.0
            .get(&task)
            .and_then(|fields| fields.get(field))
            .copied()
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

/// Compare the accepted files with the current ledger: join them all (order does not matter) and
/// list what would change and which registers would be left with two different heads.
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
        let original = current.tasks.get(number).unwrap_or(&empty);
        let mine = with_complete_history(
            original,
            &current.user,
            original.updated_at.as_deref().unwrap_or(""),
        );
        let (merged, _) = join(&[&mine, theirs]);
        let field_sources = incoming_sources.get(number);
        let before: BTreeMap<String, _> = open_conflicts(*number, &mine)
            .into_iter()
            .map(|c| (c.field.clone(), c))
            .collect();
        let conflicts: BTreeMap<String, _> = open_conflicts(*number, &merged)
            .into_iter()
            .filter(|c| before.get(&c.field) != Some(c))
            .map(|c| (c.field.clone(), c))
            .collect();
        let (mine_fields, merged_fields) = (original.fields(), merged.fields());
        let mut paths: Vec<&String> = mine_fields.keys().chain(merged_fields.keys()).collect();
        paths.extend(conflicts.keys());
        paths.sort();
        paths.dedup();
        let mut changes = Vec::new();
        for field in paths {
            let source = field_sources
                .and_then(|s| s.get(field))
                .copied()
                .unwrap_or(0);
            let change = match conflicts.get(field) {
                Some(conflict) => {
                    let (theirs_by, theirs_at) = conflict.theirs_by.clone();
                    let (mine_by, mine_at) = conflict.mine_by.clone();
                    FieldChange {
                        field: field.clone(),
                        label: conflict.label.clone(),
                        mine: conflict.mine.clone(),
                        theirs: conflict.theirs.clone(),
                        mine_text: conflict.mine_text.clone(),
                        theirs_text: conflict.theirs_text.clone(),
                        mine_by,
                        mine_at,
                        conflict: true,
                        reported_by: theirs_by,
                        reported_at: theirs_at,
                        source,
                    }
                }
                None => {
                    let (m, t) = (mine_fields.get(field), merged_fields.get(field));
                    if m == t {
                        continue;
                    }
                    let reported = latest_change(&merged.history, field);
                    FieldChange {
                        field: field.clone(),
                        label: ledger_text::field_label(field),
                        mine_text: display_value(field, m),
                        theirs_text: display_value(field, t),
                        mine: m.cloned(),
                        theirs: t.cloned(),
                        mine_by: Who::default(),
                        mine_at: String::new(),
                        conflict: false,
                        reported_by: reported.map(|c| c.who.clone()).unwrap_or_default(),
                        reported_at: reported.map(|c| c.at.clone()).unwrap_or_default(),
                        source,
                    }
                }
            };
            changes.push(change);
        }
        if changes.is_empty() {
            continue;
        }
        let kind = if *original == empty {
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

/// Merge the previewed files into `current` (joined again, so edits made after the preview are
/// kept) and settle each conflict the preview listed for which `resolutions` holds a choice (the
/// others stay open, see [`Resolutions`]). Every settlement is recorded as changes by `current.user` at `now`, newer than both
/// edits, so it wins wherever this ledger is merged next instead of reopening the conflict.
pub fn apply(current: &Ledger, preview: &Preview, resolutions: &Resolutions, now: &str) -> Ledger {
    let mut merged = current.clone();
    let empty = Annotation::default();
    for (number, theirs) in &preview.incoming {
        let original = current.tasks.get(number).unwrap_or(&empty);
        let mine = with_complete_history(
            original,
            &current.user,
            original.updated_at.as_deref().unwrap_or(""),
        );
        let (mut annotation, _) = join(&[&mine, theirs]);
        if let Some(task) = preview.task(*number) {
            for change in task.changes.iter().filter(|c| c.conflict) {
                let Some(resolution) = resolutions.get(*number, &change.field) else {
                    continue;
                };
                let value = match resolution {
                    Resolution::KeepThis => change.mine.clone(),
                    Resolution::KeepThat => change.theirs.clone(),
                    Resolution::KeepBoth if can_keep_both(&change.field) => {
                        Some(Value::from(text::both_kept(change)))
                    }
                    Resolution::KeepBoth => change.mine.clone(),
                };
                // A value the field cannot take (it changed shape since the preview) leaves the
                // register as the join left it.
                let _ = resolve(&mut annotation, &change.field, value, &current.user, now);
            }
        }
        if annotation == empty {
            merged.tasks.remove(number);
        } else {
            merged.tasks.insert(*number, annotation);
        }
    }
    merged
}

type Combined = (
    BTreeMap<TaskNumber, Annotation>,
    BTreeMap<TaskNumber, BTreeMap<String, usize>>,
);

/// Join the files' annotations per task, keeping for each field the index of the file whose value
/// stands.
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
        let refs: Vec<&Annotation> = sides.iter().map(|(_, a)| a).collect();
        let (annotation, winners) = join(&refs);
        let field_sources = winners
            .into_iter()
            .map(|(field, side)| (field, sides[side].0))
            .collect();
        annotations.insert(number, annotation);
        sources.insert(number, field_sources);
    }
    (annotations, sources)
}

/// A file may hold values without history (written by hand or by an older tool): give each such
/// field an entry in the exporter's name at the export time, so it can be merged and attributed.
fn with_complete_history(annotation: &Annotation, who: &Who, at: &str) -> Annotation {
    let mut completed = annotation.clone();
    let recorded: BTreeSet<&str> = annotation
        .history
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    for (field, value) in annotation.fields() {
        if !recorded.contains(field.as_str()) {
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
