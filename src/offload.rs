//! Work the web app leaves to its second, lazily loaded wasm module (`src/bin/luoshi-lazy.rs`,
//! started as a Web Worker on the first click that needs it): reading an opened or pasted file
//! into the canonical text (`crate::intake`), writing the 台账 (XLSX/CSV) and 进展汇总 (XLSX/Word)
//! files (`crate::export`), and reading filled-in Excel sheets for import (the Excel round trip's
//! `export::import_sheet`; snapshot files the app reads itself). None of it is needed to show and
//! edit a ledger, so the first visit does not download it (issue 19).
//!
//! Pure: the messages are plain data (serde JSON); file bytes travel beside them. [`handle`] is
//! the worker's whole job; the web app links only the message types, never the readers and
//! writers behind them (checked by `e2e/bench/wasm-crates.mjs` and `scripts/size.sh`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{Document, TaskNumber};
use crate::export::{self, LedgerOptions, ReportSheet};
use crate::intake::{self, IntakeError, Opened};
use crate::ledger::Ledger;
use crate::overview::Scope;
use crate::overview::{Grouping, ProgressReport};
use crate::period::{Date, Period};
use crate::session::import::{read_file, FileRead};
use crate::share::{share_link, ShareLink};
use crate::snapshot::{self, ImportWarning, Incoming};

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// A text the browser could not decode in any encoding luoshi reads.
pub const NOT_DECODED: &str =
    "文件不是 UTF-8、UTF-16 或 GBK/GB18030 编码的文本，无法读取。请在 WPS/记事本中另存为 UTF-8 后再打开。";
/// A text in which the parser found no task (worded with the decision, `session::documents`).
pub use crate::session::documents::NO_TASKS;

/// What the app asks of the worker. Bytes (an opened file, imported files) are sent beside the
/// message, in order; `buffers` of [`handle`].
/// Externally tagged (serde's default): an internally tagged enum buffers its content, and then
/// cannot read the ledger's task-number map keys back (tests/it/offload.rs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// An opened document file (bytes: buffer 0) → [`Response::Opened`].
    OpenFile { name: String },
    /// The clipboard's text/html flavour → [`Response::Pasted`].
    PastedHtml { html: String },
    /// The ledger sheet of `tasks` → [`Response::Written`] with the file's bytes.
    LedgerSheet(Box<SheetRequest>),
    /// 进展汇总 as a workbook or Word file → [`Response::Written`].
    Report(Box<ReportRequest>),
    /// Excel sheets picked or dropped for import (bytes: one buffer each) → [`Response::Sheets`].
    ReadSheets(Box<SheetsRequest>),
    /// A share link (`crate::share::share_link`: compaction, deflate, QR code) of a snapshot, given
    /// as its `Snapshot::to_json` text → [`Response::Shared`].
    ShareLink { base: String, snapshot: String },
    /// Snapshot files (or an opened link's snapshot) that the app's one-pass reader
    /// (`snapshot::import_one_pass`) did not accept, one buffer each, for the field-checked reader
    /// → [`Response::Checked`].
    CheckSnapshots(Box<CheckRequest>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// Each file's name, in the order of the buffers.
    pub names: Vec<String>,
    pub document: Document,
}

/// A snapshot file read by the field-checked reader (`snapshot::checked_read`): the refusal
/// (`ImportError::message`, without the file name in front) or the checked snapshot as text.
/// The app reads it back with `snapshot::read_checked_text` ([`CheckedRead::into_import`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedRead {
    pub refused: Option<String>,
    pub snapshot: Option<String>,
    pub full_backup: bool,
}

impl CheckedRead {
    pub fn of(name: &str, bytes: &[u8], document: &Document) -> CheckedRead {
        match snapshot::checked_read(name, bytes, document) {
            Ok(checked) => CheckedRead {
                refused: None,
                snapshot: Some(checked.snapshot),
                full_backup: checked.full_backup,
            },
            Err(error) => CheckedRead {
                refused: Some(error.message()),
                ..CheckedRead::default()
            },
        }
    }

    /// What `snapshot::import` gives for the file: the [`Incoming`] or the refusal message
    /// (without the file name in front).
    pub fn into_import(self, name: &str, document: &Document) -> Result<Incoming, String> {
        if let Some(message) = self.refused {
            return Err(message);
        }
        let checked = snapshot::CheckedText {
            snapshot: self.snapshot.unwrap_or_default(),
            full_backup: self.full_backup,
        };
        snapshot::read_checked_text(name, &checked, document).ok_or_else(|| MISMATCH.to_string())
    }
}

/// An answer the app cannot read back (the app and the worker were built apart).
pub const MISMATCH: &str =
    "文件处理模块与页面版本不一致，无法处理这个文件。请刷新页面后重试；已有的台账数据不受影响。";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRequest {
    pub document: Document,
    pub ledger: Ledger,
    pub tasks: Vec<TaskNumber>,
    pub today: Date,
    /// Whose ledger it is, in the file name.
    pub unit: Option<String>,
    /// The unit the sheet is for (its filled-in copy comes back attributed to it).
    pub for_unit: Option<String>,
    /// Every period of the year side by side.
    pub whole_year: bool,
    pub exported_at: String,
    /// XLSX, else CSV.
    pub xlsx: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRequest {
    pub document: Document,
    pub ledger: Ledger,
    /// `Period::id`.
    pub period: String,
    pub scope: ReportScope,
    /// `Grouping::key`.
    pub grouping: String,
    /// Word, else XLSX.
    pub word: bool,
}

/// [`Scope`] as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportScope {
    All,
    Section(u32),
    Unit(String),
}

impl From<&Scope> for ReportScope {
    fn from(scope: &Scope) -> ReportScope {
        match scope {
            Scope::All => ReportScope::All,
            Scope::Section(n) => ReportScope::Section(*n),
            Scope::Unit(unit) => ReportScope::Unit(unit.clone()),
        }
    }
}

impl From<ReportScope> for Scope {
    fn from(scope: ReportScope) -> Scope {
        match scope {
            ReportScope::All => Scope::All,
            ReportScope::Section(n) => Scope::Section(n),
            ReportScope::Unit(unit) => Scope::Unit(unit),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetsRequest {
    /// Each sheet file's name, in the order of the buffers.
    pub names: Vec<String>,
    pub document: Document,
    pub ledger: Ledger,
    /// The import time (ISO 8601).
    pub now: String,
}

/// What a document file gave: one text, or a workbook's sheets (name, text) with the one to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileText {
    Text(String),
    Sheets(Vec<(String, String)>, usize),
}

/// The worker's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The canonical text of an opened file, or why it is refused (Chinese, for the person).
    Opened(Result<FileText, String>),
    /// The pasted HTML's canonical text; `None` when it holds no text.
    Pasted(Option<String>),
    /// A written file (its bytes beside the message), to offer as a download.
    Written {
        name: String,
        mime: String,
    },
    /// The file could not be written: why (Chinese).
    Failed(String),
    Sheets(Vec<SheetRead>),
    Shared(ShareLink),
    Checked(Vec<CheckedRead>),
}

impl Response {
    /// The worker's answer read back from its JSON (serde's externally tagged form, as
    /// `serde_json::to_string` writes it). Read by hand from a `serde_json::Value`, which the app
    /// links anyway for the stored ledger: the derived `Deserialize` of these types cost the first
    /// visit 12 KiB of wasm (issue 19). `None` for anything else (a worker of another build).
    /// Gives what the derived reader gives for every answer (tests/it/offload.rs).
    pub fn from_json(json: &str) -> Option<Response> {
        let (tag, body) = tagged(serde_json::from_str(json).ok()?)?;
        Some(match tag.as_str() {
            "Opened" => Response::Opened(match tagged(body)? {
                (ok, text) if ok == "Ok" => Ok(match tagged(text)? {
                    (kind, text) if kind == "Text" => FileText::Text(string(text)?),
                    (kind, Value::Array(pair)) if kind == "Sheets" && pair.len() == 2 => {
                        let mut pair = pair.into_iter();
                        let sheets = list(pair.next()?, |sheet| match sheet {
                            Value::Array(named) if named.len() == 2 => {
                                let mut named = named.into_iter();
                                Some((string(named.next()?)?, string(named.next()?)?))
                            }
                            _ => None,
                        })?;
                        let best = usize::try_from(pair.next()?.as_u64()?).ok()?;
                        FileText::Sheets(sheets, best)
                    }
                    _ => return None,
                }),
                (err, message) if err == "Err" => Err(string(message)?),
                _ => return None,
            }),
            "Pasted" => Response::Pasted(optional(body, string)?),
            "Written" => {
                let mut fields = object(body)?;
                Response::Written {
                    name: string(fields.remove("name")?)?,
                    mime: string(fields.remove("mime")?)?,
                }
            }
            "Failed" => Response::Failed(string(body)?),
            "Sheets" => Response::Sheets(list(body, |read| {
                let mut fields = object(read)?;
                Some(SheetRead {
                    refused: optional(fields.remove("refused")?, string)?,
                    cell_errors: list(fields.remove("cell_errors")?, string)?,
                    snapshot: optional(fields.remove("snapshot")?, string)?,
                    fingerprint_differs: fields.remove("fingerprint_differs")?.as_bool()?,
                })
            })?),
            "Shared" => {
                let mut fields = object(body)?;
                Response::Shared(ShareLink {
                    url: string(fields.remove("url")?)?,
                    fragment: string(fields.remove("fragment")?)?,
                    length: usize::try_from(fields.remove("length")?.as_u64()?).ok()?,
                    too_long_for_chat: fields.remove("too_long_for_chat")?.as_bool()?,
                    qr_svg: optional(fields.remove("qr_svg")?, string)?,
                })
            }
            "Checked" => Response::Checked(list(body, |read| {
                let mut fields = object(read)?;
                Some(CheckedRead {
                    refused: optional(fields.remove("refused")?, string)?,
                    snapshot: optional(fields.remove("snapshot")?, string)?,
                    full_backup: fields.remove("full_backup")?.as_bool()?,
                })
            })?),
            _ => return None,
        })
    }
}

/// `{"Tag": body}`: the tag and the body.
fn tagged(value: Value) -> Option<(String, Value)> {
    let fields = object(value)?;
    if fields.len() != 1 {
        return None;
    }
    fields.into_iter().next()
}

fn object(value: Value) -> Option<serde_json::Map<String, Value>> {
    match value {
        Value::Object(fields) => Some(fields),
        _ => None,
    }
}

fn string(value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        _ => None,
    }
}

/// `null` or a value: `Some(None)` / `Some(Some(..))`; `None` when the value does not read.
fn optional<T>(value: Value, read: impl Fn(Value) -> Option<T>) -> Option<Option<T>> {
    match value {
        Value::Null => Some(None),
        value => read(value).map(Some),
    }
}

fn list<T>(value: Value, read: impl Fn(Value) -> Option<T>) -> Option<Vec<T>> {
    match value {
        Value::Array(items) => items.into_iter().map(read).collect(),
        _ => None,
    }
}

/// A filled-in Excel sheet, read for import: [`read_sheet`] in the worker, [`SheetRead::into_read`]
/// in the app. The changes cross as a snapshot file (the export format), which the app reads with
/// the snapshot reader it has anyway: only strings cross, so the app needs no deserializer for
/// the snapshot types (issue 19: that alone would cost the first visit more than the reader).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRead {
    pub refused: Option<String>,
    pub cell_errors: Vec<String>,
    /// The changes as a `luoshi.snapshot` file; `None` when no cell changes anything.
    pub snapshot: Option<String>,
    /// The sheet names this document by its title but another text (`ImportWarning::FingerprintDiffers`).
    pub fingerprint_differs: bool,
}

/// Read a filled-in sheet for import at `now` (see [`read_file`]).
pub fn read_sheet(
    name: &str,
    bytes: &[u8],
    document: &Document,
    ledger: &Ledger,
    now: &str,
) -> SheetRead {
    let read = read_file(name, Some(bytes), document, ledger, now);
    let fingerprint_differs = read.incoming.as_ref().is_some_and(|incoming| {
        incoming
            .warnings
            .iter()
            .any(|w| matches!(w, ImportWarning::FingerprintDiffers { .. }))
    });
    SheetRead {
        refused: read.refused,
        cell_errors: read.cell_errors,
        snapshot: read.incoming.map(|incoming| incoming.snapshot.to_json()),
        fingerprint_differs,
    }
}

impl SheetRead {
    /// What the sheet contributes to the import, as [`read_file`] would have read it.
    pub fn into_read(self, name: &str, document: &Document) -> FileRead {
        let incoming = match self.snapshot {
            None => None,
            // The worker wrote this text from a snapshot it read itself: the app's one-pass
            // reader takes it (the field-checked reader is not in the app, issue 19).
            Some(json) => match snapshot::import_one_pass(name, json.as_bytes(), document) {
                Some(mut incoming) => {
                    if self.fingerprint_differs {
                        incoming.warnings.insert(
                            0,
                            ImportWarning::FingerprintDiffers {
                                file_name: name.to_string(),
                            },
                        );
                    }
                    Some(incoming)
                }
                None => {
                    return FileRead {
                        refused: Some(format!("{name}：{MISMATCH}")),
                        ..FileRead::default()
                    }
                }
            },
        };
        FileRead {
            refused: self.refused,
            cell_errors: self.cell_errors,
            incoming,
        }
    }
}

/// Do what `request` asks. `buffers` are the bytes sent with it; `decode_gb18030` is the
/// browser's `TextDecoder("gb18030")` (no decoding tables in the wasm). Returns the answer and,
/// for a written file, its bytes.
pub fn handle(
    request: Request,
    buffers: &[Vec<u8>],
    decode_gb18030: &dyn Fn(&[u8]) -> Option<String>,
) -> (Response, Option<Vec<u8>>) {
    match request {
        Request::OpenFile { name } => {
            let bytes = buffers.first().map(Vec::as_slice).unwrap_or_default();
            (
                Response::Opened(file_text(&name, bytes, decode_gb18030)),
                None,
            )
        }
        Request::PastedHtml { html } => (Response::Pasted(pasted_html_text(&html)), None),
        Request::LedgerSheet(request) => written(ledger_sheet(&request)),
        Request::Report(request) => written(report_file(*request)),
        Request::ShareLink { base, snapshot } => {
            match serde_json::from_str::<crate::snapshot::Snapshot>(&snapshot) {
                Ok(snapshot) => (Response::Shared(share_link(&base, &snapshot)), None),
                Err(_) => (Response::Failed(NO_SNAPSHOT.to_string()), None),
            }
        }
        Request::CheckSnapshots(request) => {
            let reads = request
                .names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let bytes = buffers.get(i).map(Vec::as_slice).unwrap_or_default();
                    CheckedRead::of(name, bytes, &request.document)
                })
                .collect();
            (Response::Checked(reads), None)
        }
        Request::ReadSheets(request) => {
            let reads = request
                .names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let bytes = buffers.get(i).map(Vec::as_slice).unwrap_or_default();
                    read_sheet(
                        name,
                        bytes,
                        &request.document,
                        &request.ledger,
                        &request.now,
                    )
                })
                .collect();
            (Response::Sheets(reads), None)
        }
    }
}

fn written(result: Result<(String, &'static str, Vec<u8>), String>) -> (Response, Option<Vec<u8>>) {
    match result {
        Ok((name, mime, bytes)) => (
            Response::Written {
                name,
                mime: mime.to_string(),
            },
            Some(bytes),
        ),
        Err(message) => (Response::Failed(message), None),
    }
}

/// Bytes of a file → its canonical text (or sheets), refusing with the reason what luoshi cannot
/// read. A workbook's sheet is the one whose parse gives the most tasks.
pub fn file_text(
    name: &str,
    bytes: &[u8],
    decode_gb18030: &dyn Fn(&[u8]) -> Option<String>,
) -> Result<FileText, String> {
    match intake::open(name, bytes).map_err(|error| error.message())? {
        Opened::Text(text) => Ok(FileText::Text(text)),
        Opened::Sheets(sheets) => {
            let Some(best) = intake::best_sheet(&sheets, |text| {
                // Too large a sheet counts as none rather than freezing the choice.
                match intake::check_size(text) {
                    Ok(()) => crate::parse::parse(text).tasks.len(),
                    Err(_) => 0,
                }
            }) else {
                return Err(NO_TASKS.to_string());
            };
            Ok(FileText::Sheets(sheets, best))
        }
        Opened::NeedsGb18030(kind) => {
            let decoded = decode_gb18030(bytes).ok_or_else(|| NOT_DECODED.to_string())?;
            if intake::looks_binary(&decoded) {
                return Err(IntakeError::WrongContent.message());
            }
            Ok(FileText::Text(intake::from_text(kind, &decoded)))
        }
    }
}

/// The clipboard's text/html flavour as canonical text (tables as rows of cells), or `None` when
/// it holds no text (then the plain flavour is used).
pub fn pasted_html_text(html: &str) -> Option<String> {
    let text = intake::from_text(intake::TextKind::Html, html);
    (!text.trim().is_empty()).then_some(text)
}

/// The ledger sheet as XLSX (or CSV): file name, MIME type, bytes.
fn ledger_sheet(request: &SheetRequest) -> Result<(String, &'static str, Vec<u8>), String> {
    let sheet = ReportSheet::new(
        &request.document,
        &request.ledger,
        &request.tasks,
        request.today,
    );
    if !request.xlsx {
        // The CSV holds the current period only.
        let name = export::file_name(&request.document, request.unit.as_deref(), sheet.period);
        let name = name.trim_end_matches(".xlsx").to_string() + ".csv";
        return Ok((name, CSV_MIME, export::to_csv(&sheet)));
    }
    let periods = if request.whole_year {
        Period::of_year(sheet.period.last_day().year, sheet.period.cadence())
    } else {
        vec![sheet.period]
    };
    // Named after the periods it holds (a whole year: `…-2023全年.xlsx`).
    let name = export::ledger_file_name(&request.document, request.unit.as_deref(), &periods);
    let options = LedgerOptions {
        periods,
        unit: request.for_unit.clone(),
        exported_at: Some(request.exported_at.clone()),
    };
    let bytes = export::to_xlsx_with(&sheet, &options).map_err(|error| error.message())?;
    Ok((name, XLSX_MIME, bytes))
}

/// 进展汇总 as its own workbook or as a Word file in 公文 layout.
fn report_file(request: ReportRequest) -> Result<(String, &'static str, Vec<u8>), String> {
    let period = Period::parse(&request.period).ok_or_else(|| NO_PERIOD.to_string())?;
    let grouping = Grouping::from_key(&request.grouping).unwrap_or_default();
    let report = ProgressReport::build_grouped(
        &request.document,
        &request.ledger,
        period,
        &request.scope.into(),
        grouping,
    );
    if request.word {
        let bytes = export::to_docx(&report).map_err(|error| error.message())?;
        Ok((export::word_file_name(&report), DOCX_MIME, bytes))
    } else {
        let bytes = export::report_xlsx(&report).map_err(|error| error.message())?;
        Ok((export::report_file_name(&report, "xlsx"), XLSX_MIME, bytes))
    }
}

/// A share-link request whose snapshot the worker cannot read (the app and the worker disagree).
const NO_SNAPSHOT: &str = "无法生成分享链接：台账数据无法读取。请刷新页面后重试。";

/// A report request whose period the worker cannot read (the app and the worker disagree).
const NO_PERIOD: &str = "无法生成文件：汇总的报送期次无效。";
