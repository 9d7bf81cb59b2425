//! Reading a snapshot file someone hands us: every way it can be unusable is a value with a Chinese
//! message naming the file, and nothing here touches a ledger.

use super::{shape, text, Snapshot, SnapshotDocument, SnapshotTask, FORMAT, VERSION};
use crate::document::{Document, TaskNumber};
use crate::ledger::{Annotation, Who};
use crate::period::instant_millis;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// Files above this are refused before parsing (a whole ledger of 71 tasks is ~200 KB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Deepest array/object nesting accepted. A real snapshot nests 7 deep; serde_json itself stops
/// at 128, and checking first gives a clear message without relying on its error text.
pub const MAX_DEPTH: usize = 64;

/// A snapshot that passed every check, ready for [`super::preview`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incoming {
    pub file_name: String,
    /// Only tasks that exist in the current document; the rest are in `warnings`.
    pub snapshot: Snapshot,
    pub warnings: Vec<ImportWarning>,
}

impl Incoming {
    pub fn exported_by(&self) -> &Who {
        &self.snapshot.exported_by
    }

    /// Timestamps later than `now` (the import time, ISO 8601) are clock errors or forgeries:
    /// a file stamped 2099 would otherwise make its entries look like the newest forever and win
    /// every later merge. Each such stamp (the export time, a task's update time, a history entry)
    /// becomes `now`, and a warning for the preview says which tasks and what was found.
    pub fn clamped_to(mut self, now: &str) -> Incoming {
        let Some(limit) = instant_millis(now) else {
            return self;
        };
        let mut latest: Option<(i64, String)> = None;
        let mut clamp = |stamp: &mut String| {
            let Some(at) = instant_millis(stamp).filter(|at| *at > limit) else {
                return false;
            };
            if latest.as_ref().is_none_or(|(l, _)| at > *l) {
                latest = Some((at, stamp.clone()));
            }
            *stamp = now.to_string();
            true
        };
        let envelope = clamp(&mut self.snapshot.exported_at);
        let mut tasks = Vec::new();
        for task in &mut self.snapshot.tasks {
            let annotation = &mut task.annotation;
            let mut changed = annotation.updated_at.as_mut().is_some_and(&mut clamp);
            for change in &mut annotation.history {
                changed |= clamp(&mut change.at);
            }
            if changed {
                tasks.push(task.number);
            }
        }
        if let Some((_, found)) = latest.filter(|_| envelope || !tasks.is_empty()) {
            self.warnings.push(ImportWarning::FutureTimestamps {
                file_name: self.file_name.clone(),
                tasks,
                found,
                now: now.to_string(),
            });
        }
        self
    }
}

/// Accepted, but a person should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ImportWarning {
    /// Same title and 发文字号 but another text (a re-typed or corrected copy): matched by number.
    FingerprintDiffers { file_name: String },
    /// Stamped later than the import (`found`, the latest such stamp): set to `now`. `tasks` lists
    /// the tasks whose update time or history was affected (empty: only the export time).
    FutureTimestamps {
        file_name: String,
        tasks: Vec<TaskNumber>,
        found: String,
        now: String,
    },
    /// A full backup of the ledger rather than a unit's file: every task of it is previewed.
    FullBackup { file_name: String },
    /// Tasks the current document does not have; skipped.
    UnknownTasks {
        file_name: String,
        numbers: Vec<TaskNumber>,
    },
    /// Written before per-unit entries: values a responsible unit other than the first lead had
    /// typed into the task itself were moved to that unit's own entry (`ledger::units::migrate`).
    MovedToUnitEntries {
        file_name: String,
        tasks: Vec<TaskNumber>,
    },
}

impl ImportWarning {
    pub fn message(&self) -> String {
        match self {
            ImportWarning::FingerprintDiffers { file_name } => {
                text::warn_fingerprint_differs(file_name)
            }
            ImportWarning::FutureTimestamps {
                file_name,
                tasks,
                found,
                now,
            } => text::warn_future_timestamps(file_name, tasks, found, now),
            ImportWarning::FullBackup { file_name } => text::warn_full_backup(file_name),
            ImportWarning::UnknownTasks { file_name, numbers } => {
                text::warn_unknown_tasks(file_name, numbers)
            }
            ImportWarning::MovedToUnitEntries { file_name, tasks } => {
                text::warn_moved_to_unit_entries(file_name, tasks)
            }
        }
    }
}

/// Why a file was refused. `message()` is the Chinese sentence to show, naming the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    pub file_name: String,
    pub kind: ImportErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ImportErrorKind {
    TooLarge {
        bytes: usize,
    },
    Empty,
    /// Not UTF-8 text; `offset` is the first bad byte. `utf16` when it starts with a UTF-16 BOM.
    NotUtf8 {
        offset: usize,
        utf16: bool,
    },
    /// Nested deeper than [`MAX_DEPTH`] (or serde_json's own limit).
    TooDeep,
    /// The text ends in the middle of the JSON (an interrupted download or copy).
    Truncated {
        line: usize,
        column: usize,
    },
    /// Not valid JSON at this 1-based line and column.
    Syntax {
        line: usize,
        column: usize,
    },
    /// JSON, but not a snapshot (no `format`, or another one, e.g. a stored ledger).
    WrongFormat {
        found: Option<String>,
    },
    /// Written by a newer luoshi.
    TooNew {
        version: u64,
    },
    /// `version` missing, not a whole number, or 0.
    BadVersion,
    /// A field has the wrong type or shape: `location` says where (`任务 12 `, `文件`), `field`
    /// which field in Chinese (empty when no single field could be named), `found` what is there
    /// (`None`: missing) and `allowed` what may be.
    WrongType {
        location: String,
        field: String,
        found: Option<String>,
        allowed: String,
    },
    /// A value that fits the type but not the ledger's rules (progress 150, empty 其他 reason …);
    /// `detail` follows `任务 N 的` in the message.
    InvalidValue {
        task: TaskNumber,
        detail: String,
    },
    /// The same task number twice.
    DuplicateTask {
        task: TaskNumber,
    },
    /// A full backup (stored ledger) that could not be read; `detail` is the store's Chinese reason.
    DamagedBackup {
        detail: String,
    },
    /// A full backup of another document's ledger.
    BackupOfOtherDocument,
    /// A snapshot of another document.
    OtherDocument {
        title: String,
        doc_number: String,
    },
}

impl ImportError {
    fn new(file_name: &str, kind: ImportErrorKind) -> ImportError {
        ImportError {
            file_name: file_name.to_string(),
            kind,
        }
    }

    pub fn message(&self) -> String {
        text::import_error(&self.file_name, &self.kind)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ImportError {}

/// Check a file's bytes and read it as a snapshot of `current_doc`. A UTF-8 BOM is accepted and
/// stripped. Text in tasks and reports stays verbatim (it is data, never markup).
pub fn import(
    file_name: &str,
    bytes: &[u8],
    current_doc: &Document,
) -> Result<Incoming, ImportError> {
    let text = decode(bytes).map_err(|kind| ImportError::new(file_name, kind))?;
    import_str(file_name, text, current_doc)
}

/// The file's bytes as text: size, UTF-16 and UTF-8 checks.
fn decode(bytes: &[u8]) -> Result<&str, ImportErrorKind> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportErrorKind::TooLarge { bytes: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ImportErrorKind::NotUtf8 {
            offset: 0,
            utf16: true,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| ImportErrorKind::NotUtf8 {
        offset: e.valid_up_to(),
        utf16: false,
    })
}

/// [`import`] through the one-pass reader alone: `Some` exactly when `import` accepts the file
/// there (then the same [`Incoming`]), `None` for everything else. The web app links only this
/// and leaves the rest, the field-checked reader with its refusals, to its lazily loaded module
/// ([`checked_read`], then [`read_checked_text`]): issue 19, the checked reader is ~7 KiB
/// brotli of the first visit.
pub fn import_one_pass(file_name: &str, bytes: &[u8], current_doc: &Document) -> Option<Incoming> {
    let text = decode(bytes).ok()?;
    if text.len() > MAX_FILE_BYTES {
        return None;
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let scan = scan(text);
    if text.trim().is_empty() || scan.depth > MAX_DEPTH || !scan.lists_in_place {
        return None;
    }
    let mut incoming = accept(file_name, read_typed(text)?, current_doc).ok()?;
    migrate(file_name, &mut incoming, current_doc);
    Some(incoming)
}

/// What the field-checked reader made of a file: the snapshot before it is matched to the
/// document, as its compact JSON text (what crosses from the worker to the app), and whether the
/// file was a full backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedText {
    pub snapshot: String,
    pub full_backup: bool,
}

/// The worker's part of an import that [`import_one_pass`] did not accept: the refusal
/// ([`import`]'s error), or the checked snapshot as text for [`read_checked_text`].
pub fn checked_read(
    file_name: &str,
    bytes: &[u8],
    current_doc: &Document,
) -> Result<CheckedText, ImportError> {
    // The whole import decides (and words) any refusal, so it is exactly `import`'s.
    import(file_name, bytes, current_doc)?;
    let fail = |kind| ImportError::new(file_name, kind);
    let text = decode(bytes).map_err(fail)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let one_read = scan(text)
        .lists_in_place
        .then(|| read_typed(text))
        .flatten();
    let (snapshot, full_backup) = match one_read {
        Some(snapshot) => (snapshot, false),
        None => read_checked_snapshot(file_name, text, current_doc)?,
    };
    Ok(CheckedText {
        snapshot: snapshot.to_compact_json(),
        full_backup,
    })
}

/// The app's part: the worker's [`CheckedText`] read with the one-pass reader, matched to the
/// document and migrated as [`import`] does. Gives `import`'s [`Incoming`] (`None` only when the
/// text is not what [`checked_read`] writes: a worker of another build).
pub fn read_checked_text(
    file_name: &str,
    checked: &CheckedText,
    current_doc: &Document,
) -> Option<Incoming> {
    let snapshot = read_typed(&checked.snapshot)?;
    let mut incoming = accept(file_name, snapshot, current_doc).ok()?;
    if checked.full_backup {
        incoming.warnings.push(ImportWarning::FullBackup {
            file_name: file_name.to_string(),
        });
    }
    migrate(file_name, &mut incoming, current_doc);
    Some(incoming)
}

/// [`import`] for text already decoded (a share link's payload). Applies the same size limit.
/// Files from before per-unit entries are migrated (and a warning says so).
pub fn import_str(
    file_name: &str,
    text: &str,
    current_doc: &Document,
) -> Result<Incoming, ImportError> {
    read_str(file_name, text, current_doc, true)
}

/// Values a co-lead or 参与单位 typed into the task itself move to its own entry, with a warning.
fn migrate(file_name: &str, incoming: &mut Incoming, current_doc: &Document) {
    let mut moved: Vec<TaskNumber> = Vec::new();
    for task in &mut incoming.snapshot.tasks {
        if let Some(doc_task) = current_doc.task(task.number) {
            if !crate::ledger::units::migrate_annotation(doc_task, &mut task.annotation).is_empty()
            {
                moved.push(task.number);
            }
        }
    }
    if !moved.is_empty() {
        incoming.warnings.push(ImportWarning::MovedToUnitEntries {
            file_name: file_name.to_string(),
            tasks: moved,
        });
    }
}

fn read_str(
    file_name: &str,
    text: &str,
    current_doc: &Document,
    one_pass: bool,
) -> Result<Incoming, ImportError> {
    let fail = |kind| ImportError::new(file_name, kind);
    if text.len() > MAX_FILE_BYTES {
        return Err(fail(ImportErrorKind::TooLarge { bytes: text.len() }));
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(fail(ImportErrorKind::Empty));
    }
    let scan = scan(text);
    if scan.depth > MAX_DEPTH {
        return Err(fail(ImportErrorKind::TooDeep));
    }
    // A well-formed file is read once, straight into its types. Anything that does not pass every
    // check there is read again field by field, so a refusal names its place exactly as before.
    let one_read = (one_pass && scan.lists_in_place).then(|| read_typed(text));
    let mut incoming = match one_read.flatten() {
        Some(snapshot) => accept(file_name, snapshot, current_doc)?,
        None => read_checked(file_name, text, current_doc)?,
    };
    migrate(file_name, &mut incoming, current_doc);
    Ok(incoming)
}

/// The snapshot reader that checks every field's shape before serde reads it: the refusal names
/// the task, the field, what was found and what is allowed. [`import_str`] gives the same result on
/// every input (it first tries the one-pass reader); public so the fuzz tests can hold them equal.
pub fn import_str_checked(
    file_name: &str,
    text: &str,
    current_doc: &Document,
) -> Result<Incoming, ImportError> {
    read_str(file_name, text, current_doc, false)
}

/// The whole snapshot file in one typed pass (no `Value` tree): `None` unless it is a snapshot of
/// this format and version whose every task passes the ledger's rules and appears once.
fn read_typed(text: &str) -> Option<Snapshot> {
    let file: WholeFile = serde_json::from_str(text).ok()?;
    if file.format != FORMAT || file.version == 0 || file.version > u64::from(VERSION) {
        return None;
    }
    let mut seen = BTreeSet::new();
    // The checked reader's limits that the types do not carry: positions fit 32 bits.
    let position = |at: usize| u32::try_from(at).is_ok();
    for task in &file.tasks {
        if !task
            .targets
            .iter()
            .all(|t| position(t.start) && position(t.end))
            || !task
                .annotation
                .hidden_targets
                .iter()
                .all(|at| position(*at))
        {
            return None;
        }
        check_annotation(task.number, &task.annotation).ok()?;
        if !seen.insert(task.number) {
            return None;
        }
    }
    Some(Snapshot {
        format: file.format,
        version: u32::try_from(file.version).ok()?,
        document: file.document,
        exported_at: file.exported_at,
        exported_by: file.exported_by,
        scope: file.scope,
        tasks: file.tasks,
        cadence: file.cadence,
        as_of: file.as_of,
    })
}

fn read_checked(
    file_name: &str,
    text: &str,
    current_doc: &Document,
) -> Result<Incoming, ImportError> {
    let (snapshot, full_backup) = read_checked_snapshot(file_name, text, current_doc)?;
    let mut incoming = accept(file_name, snapshot, current_doc)?;
    if full_backup {
        incoming.warnings.push(ImportWarning::FullBackup {
            file_name: file_name.to_string(),
        });
    }
    Ok(incoming)
}

/// The field-checked reading before the snapshot is matched to the document: the snapshot, and
/// whether the file was a full backup (read as the snapshot of every task of its ledger).
fn read_checked_snapshot(
    file_name: &str,
    text: &str,
    current_doc: &Document,
) -> Result<(Snapshot, bool), ImportError> {
    let fail = |kind| ImportError::new(file_name, kind);
    let value: Value = serde_json::from_str(text).map_err(|e| fail(json_error_kind(&e)))?;
    if value.get("format").and_then(Value::as_str) == Some(crate::store::FORMAT) {
        return read_backup(file_name, text, current_doc).map(|snapshot| (snapshot, true));
    }
    read_snapshot(value)
        .map(|snapshot| (snapshot, false))
        .map_err(fail)
}

fn json_error_kind(error: &serde_json::Error) -> ImportErrorKind {
    let (line, column) = (error.line(), error.column());
    if error.to_string().contains("recursion limit exceeded") {
        ImportErrorKind::TooDeep
    } else if error.is_eof() {
        ImportErrorKind::Truncated { line, column }
    } else {
        ImportErrorKind::Syntax { line, column }
    }
}

/// What one cheap pass over the text finds before serde reads it.
struct Scan {
    /// The deepest `[`/`{` nesting outside strings (serde_json recurses that deep).
    depth: usize,
    /// Every list stands where the format has a list. serde reads a list into a struct by
    /// position, which the checked reader refuses; a file with a list elsewhere takes that reader.
    lists_in_place: bool,
}

/// Keys whose value is a list in the snapshot format (outside the maps keyed by free text).
const LIST_KEYS: &[&str] = &[
    "tasks",
    "lead_units",
    "participating_units",
    "targets",
    "hidden_targets",
    "history",
];
/// Maps whose keys are free text (periods, target ids, unit names): a list under them is misplaced.
const FREE_KEY_MAPS: &[&str] = &["reports", "actuals", "added_targets", "units"];

fn scan(text: &str) -> Scan {
    // Per open container: whether it is a list, and the key it stands under in its parent object.
    let mut open: Vec<(bool, Option<&str>)> = Vec::new();
    let (mut deepest, mut lists_in_place) = (0usize, true);
    // The last string closed in an object, and whether a `:` followed it (it is then the key).
    let (mut last_string, mut key): (Option<&str>, Option<&str>) = (None, None);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let start = at + 1;
                at = start;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                last_string = text.get(start..at.min(bytes.len()));
            }
            b':' => key = last_string.take(),
            b',' => {
                key = None;
                last_string = None;
            }
            byte @ (b'[' | b'{') => {
                let is_list = byte == b'[';
                if is_list {
                    let in_place = match open.last() {
                        // The file itself, or a list inside a list: never in this format.
                        None | Some((true, _)) => false,
                        Some((false, parent_key)) => {
                            key.is_some_and(|k| LIST_KEYS.contains(&k))
                                && !parent_key.is_some_and(|p| FREE_KEY_MAPS.contains(&p))
                        }
                    };
                    lists_in_place &= in_place;
                }
                let under = if matches!(open.last(), Some((false, _))) {
                    key
                } else {
                    None
                };
                open.push((is_list, under));
                deepest = deepest.max(open.len());
                key = None;
                last_string = None;
            }
            b']' | b'}' => {
                open.pop();
                key = None;
                last_string = None;
            }
            _ => {}
        }
        at += 1;
    }
    Scan {
        depth: deepest,
        lists_in_place,
    }
}

/// The envelope minus tasks, read first so the format and version are checked before the shape.
/// A snapshot file read in one pass; the same fields as [`Envelope`] plus what `read_snapshot`
/// checks by hand.
#[derive(Deserialize)]
struct WholeFile {
    format: String,
    version: u64,
    document: SnapshotDocument,
    exported_at: String,
    exported_by: Who,
    #[serde(default)]
    scope: super::Coverage,
    #[serde(default)]
    cadence: crate::period::Cadence,
    #[serde(default)]
    as_of: Option<crate::period::Date>,
    tasks: Vec<SnapshotTask>,
}

#[derive(Deserialize)]
struct Envelope {
    document: SnapshotDocument,
    exported_at: String,
    exported_by: Who,
    #[serde(default)]
    scope: super::Coverage,
    #[serde(default)]
    cadence: crate::period::Cadence,
    #[serde(default)]
    as_of: Option<crate::period::Date>,
}

/// A checked value read into its type through its JSON text (the same reader as [`read_typed`]'s,
/// so the wasm carries one `Deserialize` tree per type, not a second one for `Value`).
fn typed<T: serde::de::DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_str(&value.to_string()).ok()
}

fn read_snapshot(value: Value) -> Result<Snapshot, ImportErrorKind> {
    let Value::Object(mut object) = value else {
        return Err(ImportErrorKind::WrongFormat { found: None });
    };
    let format = object.get("format").and_then(Value::as_str);
    if format != Some(FORMAT) {
        return Err(ImportErrorKind::WrongFormat {
            found: format.map(str::to_string),
        });
    }
    let version = match object.get("version").and_then(Value::as_u64) {
        Some(0) | None => return Err(ImportErrorKind::BadVersion),
        Some(v) if v > u64::from(VERSION) => return Err(ImportErrorKind::TooNew { version: v }),
        Some(v) => v,
    };
    let tasks = match object.remove("tasks") {
        Some(Value::Array(tasks)) => tasks,
        other => {
            return Err(problem_kind(
                text::LOCATION_ENVELOPE,
                None,
                shape::tasks_not_a_list(other.as_ref()),
            ))
        }
    };
    let envelope = Value::Object(object);
    shape::check_envelope(&envelope).map_err(|p| problem_kind(text::LOCATION_ENVELOPE, None, p))?;
    // The shape check above is meant to admit exactly what serde reads; should they ever differ,
    // the refusal still names the place and never shows serde's English.
    // Read from text (`typed`), as the one-pass reader reads: one `Deserialize` tree in the wasm.
    let envelope: Envelope = typed(&envelope).ok_or_else(|| unreadable(text::LOCATION_ENVELOPE))?;
    let mut seen = BTreeSet::new();
    let mut read = Vec::with_capacity(tasks.len());
    for (index, task) in tasks.into_iter().enumerate() {
        let number = task
            .get("number")
            .and_then(Value::as_u64)
            .and_then(|n| TaskNumber::try_from(n).ok());
        let location = match number {
            Some(n) => text::location_task(u64::from(n)),
            None => text::location_task_index(index + 1),
        };
        shape::check_task(&task).map_err(|p| problem_kind(&location, number, p))?;
        let task: SnapshotTask = typed(&task).ok_or_else(|| unreadable(&location))?;
        check_annotation(task.number, &task.annotation)?;
        if !seen.insert(task.number) {
            return Err(ImportErrorKind::DuplicateTask { task: task.number });
        }
        read.push(task);
    }
    Ok(Snapshot {
        format: FORMAT.to_string(),
        version: u32::try_from(version).unwrap_or(VERSION),
        document: envelope.document,
        exported_at: envelope.exported_at,
        exported_by: envelope.exported_by,
        scope: envelope.scope,
        tasks: read,
        cadence: envelope.cadence,
        as_of: envelope.as_of,
    })
}

/// A field problem as the error to show: out of range within a task is an invalid value of that
/// task, everything else a wrong type at `location`.
fn problem_kind(
    location: &str,
    task: Option<TaskNumber>,
    problem: shape::Problem,
) -> ImportErrorKind {
    match task {
        Some(task) if problem.out_of_range => ImportErrorKind::InvalidValue {
            task,
            detail: text::field_problem(&problem.field, problem.found.as_deref(), &problem.allowed),
        },
        _ => ImportErrorKind::WrongType {
            location: location.to_string(),
            field: problem.field,
            found: problem.found,
            allowed: problem.allowed,
        },
    }
}

fn unreadable(location: &str) -> ImportErrorKind {
    ImportErrorKind::WrongType {
        location: location.to_string(),
        field: String::new(),
        found: None,
        allowed: String::new(),
    }
}

/// Types admit what the reducer never writes (progress 255, a blank 其他 reason, a bad phone):
/// rebuild the annotation field by field through the ledger's own validation.
fn check_annotation(task: TaskNumber, annotation: &Annotation) -> Result<(), ImportErrorKind> {
    Annotation::from_fields(&annotation.fields())
        .map(|_| ())
        .map_err(|e| ImportErrorKind::InvalidValue {
            task,
            detail: text::rule_broken(annotation, e),
        })
}

/// A full backup (the stored ledger, as 下载完整备份 writes it) goes through the same preview,
/// merge and undo as a snapshot: it is read as the snapshot of every task of its ledger.
fn read_backup(file_name: &str, text: &str, doc: &Document) -> Result<Snapshot, ImportError> {
    let fail = |kind| ImportError::new(file_name, kind);
    let ledger = crate::store::decode(text).map_err(|error| {
        fail(match error {
            crate::store::StoreError::TooNew { version } => ImportErrorKind::TooNew { version },
            error => ImportErrorKind::DamagedBackup {
                detail: error.message(),
            },
        })
    })?;
    if ledger.fingerprint != doc.fingerprint {
        return Err(fail(ImportErrorKind::BackupOfOtherDocument));
    }
    for (task, annotation) in &ledger.tasks {
        check_annotation(*task, annotation).map_err(fail)?;
    }
    // The backup's own time: its newest recorded change.
    let newest = ledger
        .tasks
        .values()
        .flat_map(|a| a.history.iter().map(|c| c.at.as_str()))
        .max_by_key(|at| (instant_millis(at), *at))
        .unwrap_or_default()
        .to_string();
    Ok(super::export(doc, &ledger, super::Coverage::All, &newest))
}

/// Match the snapshot to the current document and drop tasks it does not have.
fn accept(
    file_name: &str,
    mut snapshot: Snapshot,
    doc: &Document,
) -> Result<Incoming, ImportError> {
    let mut warnings = Vec::new();
    if snapshot.document.fingerprint != doc.fingerprint {
        let same_document = snapshot.document.title.trim() == doc.title.trim()
            && snapshot.document.doc_number.trim() == doc.meta.doc_number.trim();
        if !same_document {
            return Err(ImportError::new(
                file_name,
                ImportErrorKind::OtherDocument {
                    title: snapshot.document.title.clone(),
                    doc_number: snapshot.document.doc_number.clone(),
                },
            ));
        }
        warnings.push(ImportWarning::FingerprintDiffers {
            file_name: file_name.to_string(),
        });
    }
    let known: BTreeSet<TaskNumber> = doc.tasks.iter().map(|t| t.number).collect();
    let unknown: Vec<TaskNumber> = snapshot
        .tasks
        .iter()
        .map(|t| t.number)
        .filter(|n| !known.contains(n))
        .collect();
    if !unknown.is_empty() {
        snapshot.tasks.retain(|t| known.contains(&t.number));
        warnings.push(ImportWarning::UnknownTasks {
            file_name: file_name.to_string(),
            numbers: unknown,
        });
    }
    Ok(Incoming {
        file_name: file_name.to_string(),
        snapshot,
        warnings,
    })
}
