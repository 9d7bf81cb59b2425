//! The stored form of a ledger (what goes into one localStorage value), and migration from every
//! earlier version. Pure: the app's storage module does the reading and writing.
//!
//! Key: `luoshi.ledger.<fingerprint>`, one per document. The format version lives inside the value,
//! not in the key, so a migration never has to find data under an old key.
//! Value: `{ "format": "luoshi.ledger", "version": 2, "fingerprint": …, "cadence": …, "as_of": …,
//! "tasks": { "<number>": Annotation }, "user": …, "last_export": …, "undo": […], "redo": […] }`.
//!
//! Version history:
//! - 1: status as a Chinese label string (`"其他：原因"` for other), user as a bare name, reports as
//!   `{progress, problems, plans}`, history `who` as a bare name; no cadence, as-of date, undo,
//!   added or hidden targets.
//! - 2: the current [`Ledger`] shape.

use crate::document::TaskNumber;
use crate::ledger::{Annotation, Change, Ledger, PeriodReport, Status, Who};
use crate::period::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

pub const FORMAT: &str = "luoshi.ledger";
pub const VERSION: u32 = 2;
pub use keys::{BACKUP_PREFIX, LEDGER_PREFIX as KEY_PREFIX};

/// Every localStorage key the app uses, in one place (API Boundary: `src/app/storage.rs` reads and
/// writes values only under these keys; `assets/first-view.js` only looks for the `luoshi.` prefix).
pub mod keys {
    /// What every key of ours starts with.
    pub const PREFIX: &str = "luoshi.";
    pub const LEDGER_PREFIX: &str = "luoshi.ledger.";
    pub const BACKUP_PREFIX: &str = "luoshi.backup.";
    /// The list of documents loaded besides the seed (JSON array of entries).
    pub const DOCUMENTS: &str = "luoshi.documents";
    /// Where an unreadable documents list is moved before the list is written again.
    pub const DOCUMENTS_UNREADABLE: &str = "luoshi.documents.unreadable";
    /// The reader's preferences (their unit).
    pub const PREFS: &str = "luoshi.prefs";

    /// A document's ledger.
    pub fn ledger(fingerprint: &str) -> String {
        format!("{LEDGER_PREFIX}{fingerprint}")
    }

    /// Where to move a value that could not be read, before starting afresh: it is never
    /// overwritten. `timestamp` is the caller's `now` (ISO 8601), which keeps several backups apart.
    pub fn backup(fingerprint: &str, timestamp: &str) -> String {
        format!("{BACKUP_PREFIX}{fingerprint}.{timestamp}")
    }

    /// The ledger as it was before the last import (for 撤销导入 after a reload too).
    pub fn import_backup(fingerprint: &str) -> String {
        format!("luoshi.before-import.{fingerprint}")
    }

    /// A loaded document's source text.
    pub fn document(fingerprint: &str) -> String {
        format!("luoshi.document.{fingerprint}")
    }
}

/// The localStorage key of a document's ledger ([`keys::ledger`]).
pub fn storage_key(fingerprint: &str) -> String {
    keys::ledger(fingerprint)
}

/// [`keys::backup`].
pub fn backup_key(fingerprint: &str, timestamp: &str) -> String {
    keys::backup(fingerprint, timestamp)
}

/// Why a stored value could not be used. Every variant has a Chinese `message()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StoreError {
    /// Not JSON at all (truncated write, another program's data).
    NotJson { detail: String },
    /// JSON, but not a luoshi ledger (missing or wrong `format`, or no usable `version`).
    NotLedger,
    /// Written by a newer luoshi. Must not be overwritten; the app should stay read-only.
    TooNew { version: u64 },
    /// A ledger of a known version whose content does not fit that version.
    Invalid { version: u64, detail: String },
    /// A ledger for another document (fingerprint mismatch).
    OtherDocument { fingerprint: String },
}

impl StoreError {
    pub fn message(&self) -> String {
        match self {
            StoreError::NotJson { .. } => text::STORE_NOT_JSON.into(),
            StoreError::NotLedger => text::STORE_NOT_LEDGER.into(),
            StoreError::TooNew { version } => text::store_too_new(*version),
            StoreError::Invalid { version, .. } => text::store_invalid(*version),
            StoreError::OtherDocument { .. } => text::STORE_OTHER_DOCUMENT.into(),
        }
    }

    /// Whether the app must leave the stored value alone and not save over it (as opposed to moving
    /// it to a backup key and starting afresh).
    pub fn blocks_saving(&self) -> bool {
        matches!(self, StoreError::TooNew { .. })
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for StoreError {}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    ledger: &'a Ledger,
}

/// The stored value for a ledger (current version).
pub fn encode(ledger: &Ledger) -> String {
    // Serialising these plain types cannot fail; fall back to an empty object rather than panic.
    serde_json::to_string(&Envelope {
        format: FORMAT,
        version: VERSION,
        ledger,
    })
    .unwrap_or_else(|_| "{}".into())
}

/// Read a stored value of any known version.
pub fn decode(raw: &str) -> Result<Ledger, StoreError> {
    decode_versioned(raw).map(|(ledger, _)| ledger)
}

/// Read a stored value, also returning the version it was written in (less than [`VERSION`] when
/// it was migrated, so the app can save the upgraded form).
pub fn decode_versioned(raw: &str) -> Result<(Ledger, u64), StoreError> {
    let value: Value = serde_json::from_str(raw).map_err(|e| StoreError::NotJson {
        detail: e.to_string(),
    })?;
    let Value::Object(object) = value else {
        return Err(StoreError::NotLedger);
    };
    if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(StoreError::NotLedger);
    }
    let version = object
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(StoreError::NotLedger)?;
    let invalid = |e: serde_json::Error| StoreError::Invalid {
        version,
        detail: e.to_string(),
    };
    // Read from the text (`format` and `version` are fields the types ignore), as snapshots are:
    // one `Deserialize` tree per type in the wasm, not a second one for `Value`.
    let ledger = match version {
        1 => serde_json::from_str::<V1Ledger>(raw)
            .map_err(invalid)?
            .migrate(),
        2 => serde_json::from_str::<Ledger>(raw).map_err(invalid)?,
        v if v > u64::from(VERSION) => return Err(StoreError::TooNew { version: v }),
        _ => return Err(StoreError::NotLedger),
    };
    // Types alone admit progress up to 255; the reducer never writes more than 100.
    if let Some((task, _)) = ledger.tasks.iter().find(|(_, a)| a.progress > 100) {
        return Err(StoreError::Invalid {
            version,
            detail: format!("task {task}: progress above 100"),
        });
    }
    Ok((ledger, version))
}

/// What the app found under a document's key.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Nothing stored yet: a new, empty ledger.
    Fresh(Ledger),
    /// Read; `migrated_from` is set when it was an older version (save it back to upgrade).
    Stored {
        ledger: Ledger,
        migrated_from: Option<u64>,
    },
    /// Unreadable: move the raw value to `backup_key`, tell the person, and start with `ledger`.
    Unreadable {
        error: StoreError,
        backup_key: String,
        ledger: Ledger,
    },
    /// From a newer version: leave it alone and do not save (`error.blocks_saving()`).
    Blocked { error: StoreError },
}

/// Interpret the raw stored value (if any) for the document with `fingerprint`; `now` names the
/// backup key should one be needed.
pub fn load(raw: Option<&str>, fingerprint: &str, now: &str) -> Load {
    let Some(raw) = raw else {
        return Load::Fresh(Ledger::new(fingerprint));
    };
    let result = decode_versioned(raw).and_then(|(ledger, version)| {
        if ledger.fingerprint == fingerprint {
            Ok((ledger, version))
        } else {
            Err(StoreError::OtherDocument {
                fingerprint: ledger.fingerprint,
            })
        }
    });
    match result {
        Ok((ledger, version)) => Load::Stored {
            ledger,
            migrated_from: (version < u64::from(VERSION)).then_some(version),
        },
        Err(error) if error.blocks_saving() => Load::Blocked { error },
        Err(error) => Load::Unreadable {
            error,
            backup_key: backup_key(fingerprint, now),
            ledger: Ledger::new(fingerprint),
        },
    }
}

// ---- Version 1 ----

#[derive(Deserialize)]
struct V1Ledger {
    fingerprint: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    last_export: Option<String>,
    #[serde(default)]
    tasks: BTreeMap<TaskNumber, V1Annotation>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct V1Annotation {
    status: String,
    progress: u8,
    reports: BTreeMap<String, V1Report>,
    actuals: BTreeMap<usize, f64>,
    owner: String,
    phone: String,
    due: Option<Date>,
    notes: String,
    key: bool,
    supervised: bool,
    updated_at: Option<String>,
    history: Vec<V1Change>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct V1Report {
    progress: String,
    problems: String,
    plans: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct V1Change {
    who: String,
    at: String,
    field: String,
    old: String,
    new: String,
}

impl V1Ledger {
    fn migrate(self) -> Ledger {
        Ledger {
            fingerprint: self.fingerprint,
            user: Who {
                name: self.user,
                unit: String::new(),
            },
            last_export: self.last_export,
            tasks: self
                .tasks
                .into_iter()
                .map(|(number, a)| (number, a.migrate()))
                .collect(),
            ..Ledger::default()
        }
    }
}

impl V1Annotation {
    fn migrate(self) -> Annotation {
        let status = if self.status.trim().is_empty() {
            Status::NotStarted
        } else {
            Status::from_label(&self.status)
        };
        let reports = self
            .reports
            .into_iter()
            .map(|(period, r)| {
                (
                    period,
                    PeriodReport {
                        progress_text: r.progress,
                        problems: r.problems,
                        next_steps: r.plans,
                    },
                )
            })
            .filter(|(_, r)| !r.is_empty())
            .collect();
        let history = self
            .history
            .into_iter()
            .map(|c| Change {
                who: Who {
                    name: c.who,
                    unit: String::new(),
                },
                at: c.at,
                field: migrate_field_path(&c.field),
                old: c.old,
                new: c.new,
            })
            .collect();
        Annotation {
            status,
            progress: self.progress.min(100),
            reports,
            actuals: self
                .actuals
                .into_iter()
                .filter(|(_, v)| v.is_finite())
                .collect(),
            owner: self.owner,
            phone: self.phone,
            due: self.due,
            notes: self.notes,
            key: self.key,
            supervised: self.supervised,
            updated_at: self.updated_at,
            history,
            ..Annotation::default()
        }
    }
}

/// Version 1 named report fields `progress` and `plans` in history paths too.
fn migrate_field_path(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["report", period, "progress"] => format!("report.{period}.progress_text"),
        ["report", period, "plans"] => format!("report.{period}.next_steps"),
        _ => path.to_string(),
    }
}

/// What 撤销导入 needs, kept in storage so it survives a reload: the ledger as it was before the
/// last import, and a digest of the ledger the import produced. The import can be undone only while
/// the ledger is still exactly what the import made: undoing after later edits would silently throw
/// those edits away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportBackup {
    /// [`encode`]d ledger before the import.
    pub before: String,
    /// [`crate::fingerprint::fingerprint`] of the [`encode`]d ledger right after the import.
    pub after_digest: String,
}

const IMPORT_BACKUP_HEADER: &str = "luoshi.before-import v1";

impl ImportBackup {
    pub fn new(before: &Ledger, after: &Ledger) -> ImportBackup {
        ImportBackup {
            before: encode(before),
            after_digest: crate::fingerprint::fingerprint(&encode(after)),
        }
    }

    /// The stored form: a header line, the digest line, then the encoded ledger.
    pub fn encode(&self) -> String {
        format!(
            "{IMPORT_BACKUP_HEADER}\n{}\n{}",
            self.after_digest, self.before
        )
    }

    /// `None` for anything not written by [`ImportBackup::encode`] (older builds stored the bare
    /// ledger, which cannot tell whether edits came after the import).
    pub fn decode(raw: &str) -> Option<ImportBackup> {
        let rest = raw.strip_prefix(IMPORT_BACKUP_HEADER)?.strip_prefix('\n')?;
        let (digest, before) = rest.split_once('\n')?;
        (digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit())).then(|| {
            ImportBackup {
                before: before.to_string(),
                after_digest: digest.to_string(),
            }
        })
    }

    /// Whether `current` is still exactly the ledger the import produced.
    pub fn undoable(&self, current: &Ledger) -> bool {
        crate::fingerprint::fingerprint(&encode(current)) == self.after_digest
    }

    /// The ledger before the import, when `current` is still what the import made.
    pub fn restore(&self, current: &Ledger) -> Option<Ledger> {
        if !self.undoable(current) {
            return None;
        }
        decode(&self.before).ok()
    }
}

/// The store's messages: why a stored ledger could not be read.
mod text {
    pub const STORE_NOT_JSON: &str = "保存的台账数据已损坏，无法读取";
    pub const STORE_NOT_LEDGER: &str = "保存的数据不是落实台账";
    pub const STORE_OTHER_DOCUMENT: &str = "保存的台账属于另一份文件";

    pub fn store_too_new(version: u64) -> String {
        format!("保存的台账来自更新版本的落实（格式版本 {version}），请使用新版本打开；为免覆盖，本页不会保存修改")
    }

    pub fn store_invalid(version: u64) -> String {
        format!("保存的台账（格式版本 {version}）内容有误，无法读取")
    }
}
