//! Snapshots: a ledger's annotations exported as a self-describing JSON file (format name + version),
//! imported back with validation, previewed against the current ledger and merged per field.
//!
//! Flow for the app: [`export`] → [`Snapshot::to_json`] (download); on import, [`import`] each file,
//! [`preview`] the accepted ones against the ledger, let the person resolve conflicts, then
//! [`apply`]. Keep `store::encode(&before)` to undo an import.
//!
//! ```
//! use luoshi::ledger::{Action, Ledger, Status, Who};
//! use luoshi::snapshot::{apply, export, import, preview, Coverage, Resolution, Resolutions};
//!
//! let doc = luoshi::seed_document();
//! let mut theirs = Ledger::new(doc.fingerprint.clone());
//! theirs.user = Who { name: "张三".into(), unit: "区科技局".into() };
//! theirs.apply(Action::SetStatus { task: 1, status: Status::OnSchedule }, "2023-07-01T09:00:00+08:00")?;
//! // Their side: download the file.
//! let json = export(&doc, &theirs, Coverage::All, "2023-07-01T10:00:00+08:00").to_json();
//!
//! // Our side: check the file, show the preview, resolve conflicts, merge.
//! let mine = Ledger::new(doc.fingerprint.clone());
//! let backup = luoshi::store::encode(&mine); // for "undo import"
//! let incoming = match import("科技局.json", json.as_bytes(), &doc) {
//!     Ok(incoming) => incoming,
//!     Err(error) => panic!("{}", error.message()), // show it; nothing was changed
//! };
//! let preview = preview(&mine, &[incoming]);
//! assert_eq!(preview.tasks[0].changes[0].label, "状态");
//! let resolutions = Resolutions::all(&preview, Resolution::KeepThis);
//! let merged = apply(&mine, &preview, &resolutions, "2023-07-02T08:00:00+08:00");
//! assert_eq!(merged.annotation(1).map(|a| &a.status), Some(&Status::OnSchedule));
//! assert_eq!(luoshi::store::decode(&backup).ok(), Some(mine));
//! # Ok::<(), luoshi::ledger::LedgerError>(())
//! ```

mod import;
mod preview;
mod shape;
pub mod text;

pub use import::{
    checked_read, import, import_one_pass, import_str, import_str_checked, read_checked_text,
    CheckedText, ImportError, ImportErrorKind, ImportWarning, Incoming,
};
pub use import::{MAX_DEPTH, MAX_FILE_BYTES};
pub use preview::{
    apply, can_keep_both, preview, provenance, FieldChange, Preview, PreviewKind, Provenance,
    Resolution, Resolutions, Source, TaskPreview, FOLD_OVER_CHANGES,
};

use crate::document::{Document, Target, TaskNumber};
use crate::ledger::{Annotation, Ledger, Who};
use crate::period::{Cadence, Date};
use serde::{Deserialize, Serialize};

/// The `format` every snapshot carries.
pub const FORMAT: &str = "luoshi.snapshot";
/// The snapshot version this build writes (and the newest it reads).
pub const VERSION: u32 = 1;

/// An exported ledger, or the part of it in one view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] when written by this build.
    pub version: u32,
    pub document: SnapshotDocument,
    /// ISO 8601 timestamp supplied by the caller.
    pub exported_at: String,
    /// Who exported it: the ledger's user (name and unit).
    pub exported_by: Who,
    pub scope: Coverage,
    pub tasks: Vec<SnapshotTask>,
    pub cadence: Cadence,
    /// The as-of date the exporter judged progress at (`None`: the export day).
    pub as_of: Option<Date>,
}

/// Which document a snapshot belongs to. The fingerprint decides; title and 发文字号 let a
/// snapshot of a re-typed copy of the same document still be matched by task number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotDocument {
    pub title: String,
    /// 发文字号
    pub doc_number: String,
    pub fingerprint: String,
}

impl SnapshotDocument {
    pub fn of(doc: &Document) -> SnapshotDocument {
        SnapshotDocument {
            title: doc.title.clone(),
            doc_number: doc.meta.doc_number.clone(),
            fingerprint: doc.fingerprint.clone(),
        }
    }
}

/// What was exported: everything, or the tasks of one view (its query string and the numbers it
/// listed when exported).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Coverage {
    #[default]
    All,
    View {
        query: String,
        tasks: Vec<TaskNumber>,
    },
}

/// One task as exported: the document's words (so the file reads on its own) and the annotation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapshotTask {
    pub number: TaskNumber,
    pub section: u32,
    pub title: String,
    pub text: String,
    pub lead_units: Vec<String>,
    pub participating_units: Vec<String>,
    pub targets: Vec<Target>,
    /// The ledger annotation, history included (default when the task was never annotated).
    pub annotation: Annotation,
}

/// Export the ledger's annotations for `scope` as a snapshot. Tasks come in document order; a
/// `View` scope exports the listed numbers that exist in the document; `All` exports every task
/// that has anything recorded (a value or a change): a unit's file carries the tasks it reported
/// on, not the whole document's words for the 60 it did not touch (a task with nothing recorded
/// adds nothing to a merge). `now` is an ISO 8601 timestamp.
pub fn export(doc: &Document, ledger: &Ledger, scope: Coverage, now: &str) -> Snapshot {
    let recorded = |number: TaskNumber| {
        ledger
            .annotation(number)
            .is_some_and(|a| *a != Annotation::default())
    };
    let wanted = |number: TaskNumber| match &scope {
        Coverage::All => recorded(number),
        Coverage::View { tasks, .. } => tasks.contains(&number),
    };
    let tasks = doc
        .tasks
        .iter()
        .filter(|task| wanted(task.number))
        .map(|task| SnapshotTask {
            number: task.number,
            section: task.section,
            title: task.title.clone(),
            text: task.text.clone(),
            lead_units: task.lead_units.clone(),
            participating_units: task.participating_units.clone(),
            targets: task.targets.clone(),
            annotation: ledger.annotation(task.number).cloned().unwrap_or_default(),
        })
        .collect();
    Snapshot {
        format: FORMAT.to_string(),
        version: VERSION,
        document: SnapshotDocument::of(doc),
        exported_at: now.to_string(),
        exported_by: ledger.user.clone(),
        scope,
        tasks,
        cadence: ledger.cadence,
        as_of: ledger.as_of,
    }
}

impl Snapshot {
    /// Pretty JSON (two-space indent, as `serde_json::to_string_pretty`), as downloaded.
    pub fn to_json(&self) -> String {
        // Indenting the compact text instead of serialising again with serde_json's pretty
        // formatter keeps a second copy of every Serialize impl out of the wasm.
        indent_json(&self.to_compact_json())
    }

    /// Compact JSON, for share links.
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// The snapshot for a share link: only annotated tasks, without the document's own words
    /// (title, text, units, targets), which the receiver's copy of the document already has.
    pub fn for_link(&self) -> Snapshot {
        let mut snapshot = self.clone();
        snapshot
            .tasks
            .retain(|t| t.annotation != Annotation::default());
        for task in &mut snapshot.tasks {
            task.title.clear();
            task.text.clear();
            task.lead_units.clear();
            task.participating_units.clear();
            task.targets.clear();
        }
        snapshot
    }

    /// The annotations in this snapshot that say or record anything, by task number.
    pub fn annotations(&self) -> impl Iterator<Item = (TaskNumber, &Annotation)> {
        self.tasks
            .iter()
            .filter(|t| t.annotation != Annotation::default())
            .map(|t| (t.number, &t.annotation))
    }

    /// A file name for the download: `<short title>-<unit>-<date>.luoshi.json`.
    pub fn file_name(&self, doc: &Document) -> String {
        let date = self.exported_at.get(0..10).unwrap_or("");
        let unit = Some(self.exported_by.unit.as_str()).filter(|u| !u.trim().is_empty());
        let mut name = crate::export::short_title(doc);
        if let Some(unit) = unit {
            name.push('-');
            name.push_str(unit.trim());
        }
        if !date.is_empty() {
            name.push('-');
            name.push_str(date);
        }
        crate::export::safe_file_name(&format!("{name}.luoshi.json"))
    }
}

/// Re-indent compact JSON the way `serde_json::to_string_pretty` writes it.
fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    if let Some(close) = chars.next() {
                        out.push(close);
                    }
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::indent_json;

    #[test]
    fn indents_like_serde_json() {
        let value = serde_json::json!({
            "a": [1, 2, {"b": "x,y:{z}[\"q\"]\\", "c": []}],
            "d": {},
            "e": {"f": null, "g": [true, false, -1.5e-7]},
            "h": "中文\n\t"
        });
        let compact = serde_json::to_string(&value).unwrap_or_default();
        let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
        assert_eq!(indent_json(&compact), pretty);
    }
}
