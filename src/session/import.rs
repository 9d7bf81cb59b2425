//! The import flow of snapshot files and share links: which files are refused and why, the preview
//! waiting for 确认导入 with the choices made so far, applying it with the backup for 撤销导入, and
//! undoing. Pure: the shell reads the files, stores the backup and reports back whether it was kept.

use std::rc::Rc;

use crate::document::{Document, TaskNumber};
use crate::ledger::Ledger;
use crate::snapshot::{self, Incoming, Preview, Resolution, Resolutions};
use crate::store::ImportBackup;

/// Why a file could not even be read (the browser's file reader failed).
pub const READ_FAILED: &str = "无法读取该文件。";

/// A file's name and its bytes (`None`: the browser could not read it).
pub type ReadFile = (String, Option<Vec<u8>>);

/// A short outcome to show after an import step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportNotice {
    Imported,
    /// Imported, but the backup for 撤销导入 could not be stored: the undo is lost on reload.
    ImportedBackupNotKept,
    Undone,
    /// The ledger is read-only: nothing was imported.
    ReadOnly,
}

/// Where an import stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportFlow {
    /// "file: message" for each refused file (the ledger was not touched).
    pub refused: Vec<String>,
    /// "file：cell（task, column）“value”：reason" for each cell of a filled-in Excel sheet that
    /// could not be read (that cell changes nothing; the rest of the sheet is in the preview).
    pub cell_errors: Vec<String>,
    /// The preview waiting for 确认导入, with the choices made so far.
    pub pending: Option<(Rc<Preview>, Resolutions)>,
    /// The ledger before the last applied import, for 撤销导入 (also in storage, so a reload keeps it).
    pub backup: Option<Rc<ImportBackup>>,
    pub notice: Option<ImportNotice>,
}

/// What happened to the import flow.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportMsg {
    /// Files were checked (see [`ImportFlow::check`]) or a link was opened for merging.
    Checked(ImportFlow),
    Resolve(TaskNumber, String, Resolution),
    All(Resolution),
    /// The preview was applied; the way back, and whether it was kept in storage.
    Applied {
        backup: Rc<ImportBackup>,
        kept: bool,
    },
    Undone,
    Cancel,
    Notice(ImportNotice),
}

impl ImportFlow {
    /// The flow at page start: the stored backup of the last import, if it can be read.
    pub fn resume(stored_backup: Option<&str>) -> ImportFlow {
        ImportFlow {
            backup: stored_backup.and_then(ImportBackup::decode).map(Rc::new),
            ..ImportFlow::default()
        }
    }

    /// Check read files: refusals by file, and the preview of the accepted ones against `ledger`.
    /// Stamps later than `now` (the import time) are set to it, and the preview says so. Filled-in
    /// Excel sheets (`crate::export::import_sheet`) are read as unit files whose values are edits by
    /// the sheet's unit at `now` (ISO 8601); every other file as a snapshot. The two halves are
    /// [`read_file`] (the reading, which the web app runs in its lazily loaded module) and
    /// [`ImportFlow::of_reads`].
    pub fn check(
        files: &[ReadFile],
        document: &Document,
        ledger: &Ledger,
        now: &str,
    ) -> ImportFlow {
        let reads: Vec<FileRead> = files
            .iter()
            .map(|(name, bytes)| read_file(name, bytes.as_deref(), document, ledger, now))
            .collect();
        ImportFlow::of_reads(&reads, ledger)
    }

    /// The flow of files already read ([`read_file`]), in their order: refusals, cell errors and
    /// the preview of the accepted ones against `ledger`.
    pub fn of_reads(reads: &[FileRead], ledger: &Ledger) -> ImportFlow {
        let mut flow = ImportFlow::default();
        let mut accepted: Vec<Incoming> = Vec::new();
        for read in reads {
            flow.refused.extend(read.refused.iter().cloned());
            flow.cell_errors.extend(read.cell_errors.iter().cloned());
            if let Some(incoming) = &read.incoming {
                accepted.push(incoming.clone());
            }
        }
        if !accepted.is_empty() {
            flow.pending = Some(pending(ledger, &accepted));
        }
        flow
    }

    /// The preview of a share link's contents, to merge like an imported file (future stamps
    /// clamped to `now` as for files).
    pub fn of_link(incoming: &Incoming, ledger: &Ledger, now: &str) -> ImportFlow {
        let incoming = incoming.clone().clamped_to(now);
        ImportFlow {
            pending: Some(pending(ledger, std::slice::from_ref(&incoming))),
            ..ImportFlow::default()
        }
    }

    /// The next state. The undo backup survives everything but applying another import or undoing.
    pub fn step(&self, msg: ImportMsg) -> ImportFlow {
        let backup = self.backup.clone();
        match msg {
            ImportMsg::Checked(checked) => ImportFlow { backup, ..checked },
            ImportMsg::Resolve(task, field, resolution) => {
                let mut next = self.clone();
                if let Some((_, resolutions)) = &mut next.pending {
                    resolutions.set(task, &field, resolution);
                }
                next
            }
            ImportMsg::All(resolution) => {
                let mut next = self.clone();
                if let Some((preview, resolutions)) = &mut next.pending {
                    *resolutions = Resolutions::all(preview, resolution);
                }
                next
            }
            ImportMsg::Applied { backup, kept } => ImportFlow {
                backup: Some(backup),
                notice: Some(if kept {
                    ImportNotice::Imported
                } else {
                    ImportNotice::ImportedBackupNotKept
                }),
                ..ImportFlow::default()
            },
            ImportMsg::Undone => ImportFlow {
                notice: Some(ImportNotice::Undone),
                ..ImportFlow::default()
            },
            ImportMsg::Cancel => ImportFlow {
                backup,
                ..ImportFlow::default()
            },
            ImportMsg::Notice(notice) => ImportFlow {
                backup,
                notice: Some(notice),
                ..ImportFlow::default()
            },
        }
    }

    /// Apply the pending preview to `current` at `now`: the merged ledger and the way back.
    /// `None` when nothing is pending.
    pub fn apply(&self, current: &Ledger, now: &str) -> Option<(Ledger, ImportBackup)> {
        let (preview, resolutions) = self.pending.as_ref()?;
        let merged = snapshot::apply(current, preview, resolutions, now);
        let backup = ImportBackup::new(current, &merged);
        Some((merged, backup))
    }

    /// The ledger before the last import, when `current` is still what that import made (undoing
    /// after later edits would throw those edits away).
    pub fn undo(&self, current: &Ledger) -> Option<Ledger> {
        self.backup.as_ref()?.restore(current)
    }

    /// Whether 撤销导入 is offered: nothing pending and `undoable` (see [`ImportBackup::undoable`],
    /// computed once per ledger change by the caller: it hashes the whole ledger).
    pub fn offers_undo(&self, undoable: bool) -> bool {
        self.pending.is_none() && self.backup.is_some() && undoable
    }
}

/// One imported file, read: what it contributes to [`ImportFlow::of_reads`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileRead {
    /// "file：message" when the file is refused as a whole (the ledger is not touched).
    pub refused: Option<String>,
    /// "file：cell（task, column）“value”：reason" for each unreadable cell of an Excel sheet.
    pub cell_errors: Vec<String>,
    /// What the file brings to the preview, future stamps already clamped to the import time.
    pub incoming: Option<Incoming>,
}

/// Read one file for import at `now`: a filled-in Excel sheet (`crate::export::import_sheet`) as
/// the sheet's unit's edits, anything else as a snapshot ([`read_snapshot`]); `None` bytes: the
/// browser could not read it.
pub fn read_file(
    name: &str,
    bytes: Option<&[u8]>,
    document: &Document,
    ledger: &Ledger,
    now: &str,
) -> FileRead {
    match bytes {
        Some(bytes) if crate::export::is_xlsx(name, bytes) => {
            match crate::export::import_sheet(name, bytes, document, ledger, now) {
                Ok(read) => {
                    let cell_errors: Vec<String> = read
                        .cell_errors
                        .iter()
                        .map(|e| format!("{name}：{}", e.message()))
                        .collect();
                    let unchanged = read.incoming.is_none() && cell_errors.is_empty();
                    FileRead {
                        refused: unchanged
                            .then(|| format!("{name}：{}", crate::export::text::SHEET_UNCHANGED)),
                        cell_errors,
                        incoming: read.incoming,
                    }
                }
                Err(error) => refused(error.message()),
            }
        }
        _ => read_snapshot(name, bytes, document, now),
    }
}

/// Read one file for import as a snapshot (or a full backup), future stamps clamped to `now`.
/// Without the Excel reader, so the web app reads snapshots itself and leaves only sheets to its
/// lazily loaded module.
pub fn read_snapshot(name: &str, bytes: Option<&[u8]>, document: &Document, now: &str) -> FileRead {
    let Some(bytes) = bytes else {
        return unreadable(name);
    };
    match snapshot::import(name, bytes, document) {
        Ok(incoming) => FileRead {
            incoming: Some(incoming.clamped_to(now)),
            ..FileRead::default()
        },
        Err(error) => refused(format!("{name}：{}", error.message())),
    }
}

/// A file the browser could not read.
pub fn unreadable(name: &str) -> FileRead {
    refused(format!("{name}：{READ_FAILED}"))
}

fn refused(message: String) -> FileRead {
    FileRead {
        refused: Some(message),
        ..FileRead::default()
    }
}

fn pending(ledger: &Ledger, accepted: &[Incoming]) -> (Rc<Preview>, Resolutions) {
    let preview = snapshot::preview(ledger, accepted);
    let resolutions = Resolutions::new();
    (Rc::new(preview), resolutions)
}
