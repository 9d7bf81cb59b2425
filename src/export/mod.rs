//! Files we write: 督办台账 reports — the tasks of the current view with their ledger entries as rows, written as
//! CSV ([`to_csv`]) or XLSX ([`to_xlsx`]). Both writers share [`ReportSheet::rows`].
//!
//! ```
//! use luoshi::ledger::Ledger;
//! use luoshi::period::Date;
//! use luoshi::export::{file_name, to_csv, to_xlsx, ReportSheet};
//!
//! let doc = luoshi::seed_document();
//! let ledger = Ledger::new(doc.fingerprint.clone());
//! let view: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect(); // the current view's tasks
//! let today = Date::parse("2023-06-30").unwrap_or(Date::first_of_year(2023));
//! let sheet = ReportSheet::new(&doc, &ledger, &view, today);
//! let csv: Vec<u8> = to_csv(&sheet);
//! let xlsx: Vec<u8> = to_xlsx(&sheet).map_err(|e| e.message()).unwrap_or_default();
//! let name = file_name(&doc, Some("区科技局"), sheet.period);
//! assert_eq!(name, "城阳区2023重点任务-区科技局-2023Q2.xlsx");
//! assert!(csv.starts_with(b"\xEF\xBB\xBF") && xlsx.starts_with(b"PK"));
//! ```

mod book;
mod csv;
mod docx;
mod report_book;
mod sheet_import;
mod target_sheet;
pub mod text;
mod xlsx;
mod zip;

pub use book::{
    identification, ledger_file_name, LedgerOptions, HEADER_ROWS, LEFT_COLUMNS, PERIOD_COLUMNS,
    RIGHT_COLUMNS,
};
pub use csv::{cell as csv_cell, to_csv, FORMULA_STARTS};
pub use docx::{to_docx, word_file_name};
pub use report_book::{report_file_name, report_xlsx};
pub use sheet_import::{import_sheet, is_xlsx, CellError, SheetImport, SheetImportError};
pub use target_sheet::{listed_targets, ACTUAL_COLUMN, TARGET_COLUMNS, TARGET_HEADER_ROW};
pub use xlsx::{to_xlsx, to_xlsx_with, LEDGER_SHEET, STATUS_FILLS};

use crate::document::{Document, Task, TaskNumber};
use crate::ledger::{format_number, Annotation, Ledger, Status};
use crate::period::{Date, Period};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The column headings, in order, of a document that names no leaders; see [`ReportSheet::columns`].
pub const COLUMNS: [&str; 13] = [
    "序号",
    "任务",
    "牵头单位",
    "参与单位",
    "目标及完成",
    "状态",
    "进度",
    "序时",
    "本期工作进展",
    "存在问题",
    "下步计划",
    "责任人",
    "更新时间",
];

/// The 责任领导 column, after 任务, in sheets of documents that name leaders.
pub const LEADER_COLUMN: &str = "责任领导";
const LEADER_AT: usize = 2;

/// Everything a report needs: the document, the ledger, which tasks (the current view, in its
/// order), the as-of date the 序时 column is judged at, and the period whose report is shown.
#[derive(Debug, Clone, Copy)]
pub struct ReportSheet<'a> {
    pub doc: &'a Document,
    pub ledger: &'a Ledger,
    pub tasks: &'a [TaskNumber],
    pub as_of: Date,
    pub period: Period,
}

/// One row, one cell per [`ReportSheet::columns`] entry, plus the status for colouring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub cells: Vec<String>,
    pub status: Status,
}

impl<'a> ReportSheet<'a> {
    /// A sheet of the tasks listed, judged at the ledger's as-of date (or `today`) and its current
    /// period.
    pub fn new(
        doc: &'a Document,
        ledger: &'a Ledger,
        tasks: &'a [TaskNumber],
        today: Date,
    ) -> Self {
        ReportSheet {
            doc,
            ledger,
            tasks,
            as_of: ledger.as_of_date(today),
            period: ledger.current_period(today),
        }
    }

    /// Whether any listed task names 责任领导: then the sheet has a [`LEADER_COLUMN`].
    pub fn with_leaders(&self) -> bool {
        self.tasks
            .iter()
            .filter_map(|number| self.doc.task(*number))
            .any(|task| !task.leaders.is_empty())
    }

    /// The column headings: [`COLUMNS`], with [`LEADER_COLUMN`] after 任务 when
    /// [`Self::with_leaders`].
    pub fn columns(&self) -> Vec<&'static str> {
        let mut columns = COLUMNS.to_vec();
        if self.with_leaders() {
            columns.insert(LEADER_AT, LEADER_COLUMN);
        }
        columns
    }

    /// Rows for the listed tasks that exist in the document, in the listed order.
    pub fn rows(&self) -> Vec<Row> {
        let with_leaders = self.with_leaders();
        let empty = Annotation::default();
        self.tasks
            .iter()
            .filter_map(|number| self.doc.task(*number))
            .map(|task| {
                let annotation = self.ledger.annotation(task.number).unwrap_or(&empty);
                let mut row = self.row(task, annotation);
                if with_leaders {
                    row.cells.insert(LEADER_AT, task.leaders.join("、"));
                }
                row
            })
            .collect()
    }

    fn row(&self, task: &Task, annotation: &Annotation) -> Row {
        let report = annotation.report_with_units(self.period);
        let report_text = |get: fn(&crate::ledger::PeriodReport) -> &str| {
            report.as_ref().map(get).unwrap_or("").to_string()
        };
        let standing = annotation.standing();
        let light = crate::ledger::light(annotation, self.as_of);
        let owner = match (annotation.owner.trim(), annotation.phone.trim()) {
            (owner, "") => owner.to_string(),
            ("", phone) => phone.to_string(),
            (owner, phone) => format!("{owner}（{phone}）"),
        };
        Row {
            cells: vec![
                task.number.to_string(),
                task_body(task),
                task.lead_units.join("、"),
                task.participating_units.join("、"),
                targets_text(task, annotation),
                standing.status.describe(),
                format!("{}%", standing.progress),
                format!(
                    "{}%（{}）",
                    format_number((light.expected * 10.0).round() / 10.0),
                    light.text()
                ),
                report_text(|r| &r.progress_text),
                report_text(|r| &r.problems),
                report_text(|r| &r.next_steps),
                owner,
                annotation
                    .updated_at
                    .as_deref()
                    .map(readable_timestamp)
                    .unwrap_or_default(),
            ],
            status: standing.status,
        }
    }

    /// `截至 2023-06-30（2023年第二季度）`.
    pub fn as_of_text(&self) -> String {
        text::as_of(self.as_of, self.period)
    }
}

/// The task text without its trailing （牵头单位：…） note: the units have their own columns.
pub(crate) fn task_body(task: &Task) -> String {
    let text = task.text.trim_end();
    if !text.ends_with([')', '）']) {
        return text.to_string();
    }
    match text.rfind(['(', '（']) {
        Some(start) if text[start..].contains("单位") => text[..start].trim_end().to_string(),
        _ => text.to_string(),
    }
}

/// One line per visible target: `新增2家市级以上重点实验室：完成 3家（已达成）`.
pub(crate) fn targets_text(task: &Task, annotation: &Annotation) -> String {
    annotation
        .target_views(&task.targets)
        .iter()
        .filter(|view| !view.hidden)
        .map(|view| {
            let unit = view.unit.as_deref().unwrap_or("");
            match (view.actual, view.met) {
                (Some(actual), Some(met)) => format!(
                    "{}：完成 {}{unit}（{}）",
                    view.text,
                    format_number(actual),
                    if met { text::MET } else { text::NOT_MET }
                ),
                _ => format!("{}：{}", view.text, text::NO_ACTUAL),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `2023-07-01T09:30:00+08:00` → `2023-07-01 09:30` (the writer's own clock, as entered).
pub(crate) fn readable_timestamp(timestamp: &str) -> String {
    match (timestamp.get(0..10), timestamp.get(11..16)) {
        (Some(date), Some(time)) if timestamp.as_bytes().get(10) == Some(&b'T') => {
            format!("{date} {time}")
        }
        _ => timestamp.to_string(),
    }
}

/// Why a report could not be written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReportError {
    /// More rows or a longer cell than a spreadsheet holds.
    TooLarge { detail: String },
}

impl ReportError {
    pub fn message(&self) -> String {
        match self {
            ReportError::TooLarge { detail } => text::too_large(detail),
        }
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ReportError {}

/// A short name for the document, for file names: the issuing place (up to its 区/县/市) and the
/// year plus 重点任务 when the title has them (`城阳区2023重点任务`), else the title cut to 20
/// characters.
pub fn short_title(doc: &Document) -> String {
    let title = doc.title.trim();
    let title = if title.is_empty() {
        doc.notice.title.trim()
    } else {
        title
    };
    let place = place_name(title);
    let year = title.char_indices().find_map(|(i, _)| {
        let four = title.get(i..i + 4)?;
        (four.bytes().all(|b| b.is_ascii_digit()) && four.starts_with("20")).then_some(four)
    });
    let kind = ["重点工作任务", "重点任务", "工作要点", "任务清单"]
        .iter()
        .find(|k| title.contains(*k))
        .map(|k| {
            if *k == "重点工作任务" {
                "重点任务"
            } else {
                k
            }
        });
    match (place, year, kind) {
        (Some(place), Some(year), Some(kind)) => format!("{place}{year}{kind}"),
        (None, Some(year), Some(kind)) => format!("{year}{kind}"),
        _ if title.is_empty() => text::UNTITLED.to_string(),
        _ => title.chars().take(20).collect(),
    }
}

/// The most local place in a title such as 青岛市城阳区…: the last 省/市/区/县 name that ends
/// within the first few characters (城阳区).
fn place_name(title: &str) -> Option<String> {
    let head: String = title.chars().take(12).collect();
    let mut start = 0;
    let mut place = None;
    for (i, c) in head.char_indices() {
        if matches!(c, '省' | '市' | '区' | '县' | '州' | '旗') {
            let end = i + c.len_utf8();
            let name = &head[start..end];
            if name.chars().count() >= 2 {
                place = Some(name.to_string());
            }
            start = end;
        }
    }
    place
}

/// `城阳区2023重点任务-区科技局-2023Q2.xlsx`; without a unit, `城阳区2023重点任务-2023Q2.xlsx`.
pub fn file_name(doc: &Document, unit: Option<&str>, period: Period) -> String {
    let mut name = short_title(doc);
    if let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty()) {
        name.push('-');
        name.push_str(unit);
    }
    name.push('-');
    name.push_str(&period.id());
    safe_file_name(&format!("{name}.xlsx"))
}

/// Replace characters Windows and macOS refuse in file names.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}
