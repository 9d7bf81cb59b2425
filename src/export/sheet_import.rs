//! The Excel round trip's way back: a 督办台账 we exported for one unit, filled in by that unit in
//! Excel or WPS, read back (with `crate::intake::xlsx`) into an [`Incoming`] for the ordinary
//! import preview and merge, so the same conflict rules apply and every imported value is
//! attributed to the unit.
//!
//! - The file is matched by its identification line (document fingerprint, unit, periods, export
//!   time), written by [`super::to_xlsx_with`]; a fingerprint that differs is accepted when the
//!   title row names the same document (a warning, as for unit files), refused otherwise.
//! - Rows are matched by the task 序号 in column A; section rows and blank rows are skipped.
//! - Read per row: each period group's 工作进展 / 存在问题 / 下步计划; the latest period group's
//!   完成情况 (status) and 进度 (the ledger keeps one status and progress); 完成时限, 责任人,
//!   联系电话, 备注; and, on the 指标完成 sheet, each target's 实际完成值 (the target found by 序号
//!   and 指标序号, checked against its text). An empty cell changes nothing (a clerk who clears a cell is not taken to
//!   delete the ledger's text). Values equal to the ledger's change nothing.
//! - A cell that cannot be read (a status word we do not know, "六成" as progress, a date that is
//!   no date, "约300" as an actual) becomes a [`CellError`] naming the cell and the reason; that cell changes nothing,
//!   the other cells are read as usual.
//! - The unit's values are recorded as edits by `Who { name: "", unit }` at the import time. The
//!   incoming copy's history is the ledger's up to the export time, so a field changed here after
//!   the export and also in the sheet is a conflict the person resolves, as with unit files.

use super::book::{LEFT_COLUMNS, PERIOD_COLUMNS, RIGHT_COLUMNS};
use super::target_sheet::{ACTUAL_COLUMN, TARGET_COLUMNS};
use super::text;
use crate::document::{Document, TaskNumber};
use crate::intake::xlsx::{read_workbook, Sheet};
use crate::ledger::{
    parse_due, parse_number, parse_progress, Action, Ledger, ReportField, Status, Who,
};
use crate::period::{instant_millis, Period};
use crate::snapshot::{self, Coverage, ImportWarning, Incoming};

/// A cell that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// `H7`.
    pub cell: String,
    pub task: Option<TaskNumber>,
    /// The column heading, with the period for a period column: `2023年第二季度 进度`.
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl CellError {
    /// `H7（第1项，2023年第二季度 进度）“六成”：进度应为 0–100 的数字或百分比`.
    pub fn message(&self) -> String {
        text::cell_error(
            &self.cell,
            self.task,
            &self.column,
            &self.value,
            &self.reason,
        )
    }
}

/// A filled-in sheet, read.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetImport {
    /// The unit the sheet was sent to, whose values these are.
    pub unit: String,
    pub periods: Vec<Period>,
    /// The changes as a unit file for [`snapshot::preview`]; `None` when no cell changes anything.
    pub incoming: Option<Incoming>,
    pub cell_errors: Vec<CellError>,
}

/// Why a file was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetImportError {
    pub file_name: String,
    pub reason: String,
}

impl SheetImportError {
    pub fn message(&self) -> String {
        format!("{}：{}", self.file_name, self.reason)
    }
}

/// Whether bytes look like an .xlsx (a zip) rather than a JSON unit file.
pub fn is_xlsx(file_name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || file_name.to_lowercase().ends_with(".xlsx")
}

/// The identification line, parsed.
struct Identification {
    fingerprint: String,
    unit: String,
    periods: Vec<Period>,
    exported_at: Option<String>,
}

fn identification(sheet: &Sheet) -> Option<Identification> {
    let line = (0..8)
        .map(|r| sheet.cell(r, 0))
        .find(|c| c.starts_with(text::IDENTIFICATION_PREFIX))?;
    let rest = line.strip_prefix(text::IDENTIFICATION_PREFIX)?;
    let mut id = Identification {
        fingerprint: String::new(),
        unit: String::new(),
        periods: Vec::new(),
        exported_at: None,
    };
    for part in rest.split('；') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("文档 ") {
            id.fingerprint = v.trim().to_string();
        } else if let Some(v) = part.strip_prefix("单位 ") {
            id.unit = v.trim().to_string();
        } else if let Some(v) = part.strip_prefix("报告期 ") {
            id.periods = v
                .split('、')
                .filter_map(|p| Period::parse(p.trim()))
                .collect();
        } else if let Some(v) = part.strip_prefix("导出时间 ") {
            id.exported_at = Some(v.trim().to_string());
        }
    }
    Some(id)
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Number,
    Due,
    Owner,
    Phone,
    Notes,
    Status(usize),
    Progress(usize),
    Text(usize, ReportField),
    Other,
}

/// Read a filled-in unit sheet against the current document and ledger. `now` (ISO 8601) is when
/// the import happens: the time of the unit's edits.
pub fn import_sheet(
    file_name: &str,
    bytes: &[u8],
    doc: &Document,
    ledger: &Ledger,
    now: &str,
) -> Result<SheetImport, SheetImportError> {
    let fail = |reason: String| SheetImportError {
        file_name: file_name.to_string(),
        reason,
    };
    let book = read_workbook(bytes).map_err(|e| fail(e.message()))?;
    let sheet = book
        .sheets
        .iter()
        .find(|s| s.name == text::SHEET_NAME)
        .or_else(|| book.sheets.first())
        .ok_or_else(|| fail(text::NO_LEDGER_SHEET.to_string()))?;
    let id = identification(sheet).ok_or_else(|| fail(text::NO_IDENTIFICATION.to_string()))?;
    let mut warnings = Vec::new();
    if id.fingerprint != doc.fingerprint {
        let title = sheet.cell(0, 0);
        if !doc.title.trim().is_empty() && title.starts_with(doc.title.trim()) {
            warnings.push(ImportWarning::FingerprintDiffers {
                file_name: file_name.to_string(),
            });
        } else {
            return Err(fail(text::OTHER_DOCUMENT.to_string()));
        }
    }
    if id.unit.is_empty() {
        return Err(fail(text::NO_UNIT.to_string()));
    }
    if id.periods.is_empty() {
        return Err(fail(text::NO_PERIODS.to_string()));
    }
    let header = (0..sheet.rows.len().min(12))
        .find(|r| sheet.cell(*r, 0) == LEFT_COLUMNS[0])
        .ok_or_else(|| fail(text::NO_HEADER.to_string()))?;
    let columns = columns(sheet, header, &id.periods);
    let latest = id
        .periods
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| p.last_day())
        .map_or(0, |(i, _)| i);

    let who = Who {
        name: String::new(),
        unit: id.unit.clone(),
    };
    let mut theirs = Ledger::new(ledger.fingerprint.clone());
    theirs.cadence = ledger.cadence;
    theirs.as_of = ledger.as_of;
    theirs.user = who.clone();
    let cutoff = id.exported_at.as_deref().map(instant_millis);
    let mut errors = Vec::new();
    let mut pending: Vec<(TaskNumber, Pending)> = Vec::new();
    read_ledger_rows(
        sheet,
        header,
        &columns,
        &id.periods,
        latest,
        doc,
        ledger,
        &id.unit,
        &mut pending,
        &mut errors,
    );
    if let Some(targets) = book
        .sheets
        .iter()
        .find(|s| s.name == text::TARGETS_SHEET_NAME)
    {
        read_target_rows(targets, doc, ledger, &id.unit, &mut pending, &mut errors);
    }
    let mut changed: Vec<TaskNumber> = Vec::new();
    for (number, item) in pending {
        theirs
            .tasks
            .entry(number)
            .or_insert_with(|| as_of_export(ledger.annotation_or_empty(number), cutoff.flatten()));
        // The sheet's unit speaks for itself: where it is a responsible unit other than the first
        // lead, what it reports goes to its own entry, never over the lead's compiled words.
        let entry = doc
            .task(number)
            .map_or(crate::ledger::Entry::Compiled, |task| {
                crate::ledger::Entry::for_reader(task, Some(&theirs.user.unit))
            });
        let action = match entry {
            crate::ledger::Entry::Unit(unit) if takes_unit_entry(&item.action) => Action::AsUnit {
                unit,
                edit: Box::new(item.action),
            },
            _ => item.action,
        };
        // The ledger's own validation has the last word (a phone it refuses, progress out of
        // range); the cell is listed and nothing of it is taken.
        if let Err(e) = theirs.apply(action, now) {
            errors.push(CellError {
                cell: item.cell,
                task: Some(number),
                column: item.column,
                value: item.value,
                reason: e.message().to_string(),
            });
        } else if !changed.contains(&number) {
            changed.push(number);
        }
    }
    let incoming = if changed.is_empty() {
        None
    } else {
        let mut snap = snapshot::export(
            doc,
            &theirs,
            Coverage::View {
                query: String::new(),
                tasks: changed.clone(),
            },
            now,
        );
        snap.exported_by = who;
        Some(Incoming {
            file_name: file_name.to_string(),
            snapshot: snap,
            warnings,
        })
    };
    Ok(SheetImport {
        unit: id.unit,
        periods: id.periods,
        incoming,
        cell_errors: errors,
    })
}

/// A value read from a cell, applied with the others of its task once every sheet is read.
struct Pending {
    cell: String,
    column: String,
    value: String,
    action: Action,
}

/// The 督办台账 sheet's task rows: the values that differ from the ledger, and the cells that
/// cannot be read.
#[allow(clippy::too_many_arguments)]
fn read_ledger_rows(
    sheet: &Sheet,
    header: usize,
    columns: &[Column],
    periods: &[Period],
    latest: usize,
    doc: &Document,
    ledger: &Ledger,
    unit: &str,
    pending: &mut Vec<(TaskNumber, Pending)>,
    errors: &mut Vec<CellError>,
) {
    for row in header + 2..sheet.rows.len() {
        let first = sheet.cell(row, 0).trim();
        let Some(number) = task_number(first) else {
            continue;
        };
        let column_name = |c: usize| column_label(sheet, header, c);
        let mut error = |c: usize, value: &str, reason: String| {
            errors.push(CellError {
                cell: super::xlsx::cell_ref(c, row),
                task: Some(number),
                column: column_name(c),
                value: value.to_string(),
                reason,
            })
        };
        let Some(task) = doc.task(number) else {
            error(0, first, text::unknown_task(number));
            continue;
        };
        // Cells are compared with what the unit's sheet showed (its own entry where it reports
        // in one), so a cell left as it was is no edit.
        let current = ledger.annotation_or_empty(number).seen_by(task, Some(unit));
        let mut take = |c: usize, value: &str, action: Action| {
            pending.push((
                number,
                Pending {
                    cell: super::xlsx::cell_ref(c, row),
                    column: column_name(c),
                    value: value.to_string(),
                    action,
                },
            ))
        };
        for (c, column) in columns.iter().enumerate() {
            let value = sheet.cell(row, c).trim();
            if value.is_empty() {
                continue;
            }
            let task = number;
            match *column {
                Column::Text(group, field) => {
                    let period = periods[group];
                    let shown = current.report_with_units(period);
                    let now_text = shown.as_ref().map_or("", |r| r.get(field));
                    if now_text.trim() != value {
                        take(
                            c,
                            value,
                            Action::SetReport {
                                task,
                                period,
                                field,
                                text: value.to_string(),
                            },
                        );
                    }
                }
                Column::Status(group) if group == latest => match read_status(value) {
                    Ok(status) if status != current.status => {
                        take(c, value, Action::SetStatus { task, status })
                    }
                    Ok(_) => {}
                    Err(reason) => error(c, value, reason),
                },
                Column::Progress(group) if group == latest => match read_progress(value) {
                    Ok(progress) if progress != current.progress => take(
                        c,
                        value,
                        Action::SetProgress {
                            task,
                            progress: i64::from(progress),
                        },
                    ),
                    Ok(_) => {}
                    Err(reason) => error(c, value, reason),
                },
                Column::Due => match parse_due(&excel_date(value)) {
                    Ok(due) if due != current.due => take(c, value, Action::SetDue { task, due }),
                    Ok(_) => {}
                    Err(_) => error(c, value, text::BAD_DUE.to_string()),
                },
                Column::Owner if value != current.owner.trim() => take(
                    c,
                    value,
                    Action::SetOwner {
                        task,
                        owner: value.to_string(),
                    },
                ),
                Column::Phone if value != current.phone.trim() => take(
                    c,
                    value,
                    Action::SetPhone {
                        task,
                        phone: value.to_string(),
                    },
                ),
                Column::Notes if value != current.notes.trim() => take(
                    c,
                    value,
                    Action::SetNotes {
                        task,
                        notes: value.to_string(),
                    },
                ),
                _ => {}
            }
        }
    }
}

/// The 指标完成 sheet: each filled 实际完成值 that differs from the ledger's actual of its target
/// (found by 序号 and 指标序号, checked against the target's text, or by the text alone when rows
/// were moved; compared with what the sheet showed the unit, `target_sheet::shown_actual`), and
/// the cells that cannot be read. Cells are named with the sheet (`指标完成!G5`).
fn read_target_rows(
    sheet: &Sheet,
    doc: &Document,
    ledger: &Ledger,
    unit: &str,
    pending: &mut Vec<(TaskNumber, Pending)>,
    errors: &mut Vec<CellError>,
) {
    let heading = |r: usize, name: &str| {
        (0..sheet.rows.get(r).map_or(0, Vec::len)).find(|c| sheet.cell(r, *c).trim() == name)
    };
    let Some((header, place_column, text_column, actual_column)) = (0..sheet.rows.len().min(12))
        .filter(|r| sheet.cell(*r, 0).trim() == TARGET_COLUMNS[0])
        .find_map(|r| {
            Some((
                r,
                heading(r, TARGET_COLUMNS[1])?,
                heading(r, TARGET_COLUMNS[3])?,
                heading(r, TARGET_COLUMNS[ACTUAL_COLUMN])?,
            ))
        })
    else {
        return;
    };
    let at = |c: usize, r: usize| {
        format!(
            "{}!{}",
            text::TARGETS_SHEET_NAME,
            super::xlsx::cell_ref(c, r)
        )
    };
    for row in header + 1..sheet.rows.len() {
        let first = sheet.cell(row, 0).trim();
        let Some(number) = task_number(first) else {
            continue;
        };
        let value = sheet.cell(row, actual_column).trim();
        if value.is_empty() {
            continue;
        }
        let target_text = sheet.cell(row, text_column).trim();
        let mut error = |c: usize, value: &str, reason: String| {
            errors.push(CellError {
                cell: at(c, row),
                task: Some(number),
                column: text::actual_column(target_text),
                value: value.to_string(),
                reason,
            })
        };
        let Some(task) = doc.task(number) else {
            error(0, first, text::unknown_task(number));
            continue;
        };
        let current = ledger.annotation_or_empty(number);
        let views = current.target_views(&task.targets);
        let place = task_number(sheet.cell(row, place_column).trim()).map(|p| p as usize);
        let by_place = place
            .and_then(|p| views.get(p.wrapping_sub(1)))
            .filter(|v| v.text.trim() == target_text);
        let Some(view) = by_place.or_else(|| views.iter().find(|v| v.text.trim() == target_text))
        else {
            error(actual_column, value, text::UNKNOWN_TARGET.to_string());
            continue;
        };
        let before = super::target_sheet::shown_actual(current, task, Some(unit), view);
        match read_actual(value, view) {
            Some(actual) if Some(actual) != before => pending.push((
                number,
                Pending {
                    cell: at(actual_column, row),
                    column: text::actual_column(target_text),
                    value: value.to_string(),
                    action: Action::SetActual {
                        task: number,
                        target: view.target,
                        value: Some(actual),
                    },
                },
            )),
            Some(_) => {}
            None => error(actual_column, value, text::BAD_ACTUAL.to_string()),
        }
    }
}

/// An actual as typed: a number (`1,500`, full-width digits, `85%` for a percentage target).
/// Excel stores `85%` typed into a cell as 0.85 (formatted as a percentage, which our reader does
/// not see), so for a percentage target above 1 a plain number up to 1 is read as that share.
fn read_actual(value: &str, target: &crate::ledger::TargetView) -> Option<f64> {
    let number = parse_number(value).ok()??;
    let percent_target = target.unit.as_deref() == Some("%") && target.value > 1.0;
    let share = value.trim().parse::<f64>().is_ok() && number > 0.0 && number <= 1.0;
    Some(if percent_target && share {
        (number * 100.0 * 1e6).round() / 1e6
    } else {
        number
    })
}

fn task_number(cell: &str) -> Option<TaskNumber> {
    let cell = cell.strip_suffix(".0").unwrap_or(cell);
    cell.parse::<TaskNumber>().ok().filter(|n| *n > 0)
}

fn columns(sheet: &Sheet, header: usize, periods: &[Period]) -> Vec<Column> {
    let width = sheet
        .rows
        .get(header)
        .map_or(0, Vec::len)
        .max(sheet.rows.get(header + 1).map_or(0, Vec::len));
    let mut out = vec![Column::Other; width];
    let mut group: Option<usize> = None;
    for (c, slot) in out.iter_mut().enumerate() {
        let top = sheet.cell(header, c).trim();
        let sub = sheet.cell(header + 1, c).trim();
        if let Some(g) = periods.iter().position(|p| p.label() == top) {
            group = Some(g);
        } else if !top.is_empty() {
            group = None;
        }
        *slot = match (group, sub) {
            (Some(g), "完成情况") => Column::Status(g),
            (Some(g), "进度") => Column::Progress(g),
            (Some(g), "工作进展") => Column::Text(g, ReportField::ProgressText),
            (Some(g), "存在问题") => Column::Text(g, ReportField::Problems),
            (Some(g), "下步计划") => Column::Text(g, ReportField::NextSteps),
            (Some(_), _) => Column::Other,
            (None, _) => match top {
                "序号" => Column::Number,
                "完成时限" => Column::Due,
                "责任人" => Column::Owner,
                "联系电话" => Column::Phone,
                "备注" => Column::Notes,
                _ => Column::Other,
            },
        };
    }
    debug_assert!(PERIOD_COLUMNS.len() == 6 && RIGHT_COLUMNS.len() == 3);
    out
}

fn column_label(sheet: &Sheet, header: usize, column: usize) -> String {
    let sub = sheet.cell(header + 1, column).trim();
    if sub.is_empty() {
        return sheet.cell(header, column).trim().to_string();
    }
    let mut c = column;
    loop {
        let top = sheet.cell(header, c).trim();
        if !top.is_empty() || c == 0 {
            return format!("{top} {sub}");
        }
        c -= 1;
    }
}

/// A status as people write it: one of the labels (or its key), or 其他 with a reason.
fn read_status(value: &str) -> Result<Status, String> {
    let value = value.trim();
    let known = Status::choices()
        .into_iter()
        .any(|s| s.label() == value || s.key() == value);
    if known || value.starts_with(crate::ledger::text::STATUS_OTHER) {
        Ok(Status::from_label(value))
    } else {
        Err(text::BAD_STATUS.to_string())
    }
}

/// A progress cell is formatted `0%`, so Excel stores 60% as 0.6: a number up to 1 is a share
/// (the sheet writes 100% as 1). A number above 1 up to 100 is taken as percent (`60` typed by a
/// program that ignored the format); text such as `60%` or `６０` reads as the ledger reads it.
fn read_progress(value: &str) -> Result<u8, String> {
    let trimmed = value.trim();
    if let Ok(number) = trimmed.parse::<f64>() {
        if number.is_finite() && (0.0..=1.0).contains(&number) {
            return Ok((number * 100.0).round() as u8);
        }
        if number.is_finite() && number > 1.0 && number <= 100.0 {
            return Ok(number.round() as u8);
        }
        return Err(text::BAD_PROGRESS.to_string());
    }
    parse_progress(trimmed).map_err(|_| text::BAD_PROGRESS.to_string())
}

/// A date cell: the reader shows dates as `2023-12-31`; a bare serial number (a date typed into a
/// General cell) is converted from Excel's 1900 date system.
fn excel_date(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(serial) if (1.0..200_000.0).contains(&serial) => {
            // 1899-12-30 is day 0 (Excel's 1900 leap-year bug included).
            let days = serial.floor() as i64;
            let date = crate::period::Date::new(1899, 12, 30).map(|d| d.add_days(days));
            date.map_or_else(|| value.to_string(), |d| d.to_string())
        }
        _ => value.to_string(),
    }
}

/// Whether an edit read from a sheet is one a unit reports in its own entry (see
/// `ledger::units::is_unit_field`): status, progress, reports, a parsed target's actual, 完成时限.
fn takes_unit_entry(action: &Action) -> bool {
    matches!(
        action,
        Action::SetStatus { .. }
            | Action::SetProgress { .. }
            | Action::SetReport { .. }
            | Action::SetDue { .. }
            | Action::SetActual {
                target: crate::ledger::TargetRef::Parsed(_),
                ..
            }
    )
}

/// The task as the unit's sheet saw it: history up to the export time, and every field changed
/// here since then set back to its value at that time (the `old` of its first later change), so
/// an edit made here after the export and one made in the sheet are two heads, a conflict.
fn as_of_export(
    current: &crate::ledger::Annotation,
    cutoff: Option<i64>,
) -> crate::ledger::Annotation {
    let mut base = current.clone();
    let Some(cutoff) = cutoff else {
        return base;
    };
    let mut later: Vec<&crate::ledger::Change> = current
        .history
        .iter()
        .filter(|c| instant_millis(&c.at).is_some_and(|at| at > cutoff))
        .collect();
    later.sort_by_key(|c| instant_millis(&c.at));
    let mut reverted = std::collections::BTreeSet::new();
    for change in later {
        if reverted.insert(change.field.clone()) {
            if let Some(value) = crate::ledger::value_from_display(&change.field, &change.old) {
                let _ = base.set_field(&change.field, value);
            }
        }
    }
    base.history
        .retain(|c| instant_millis(&c.at).is_none_or(|at| at <= cutoff));
    base
}

#[cfg(test)]
mod tests {
    use super::super::xlsx::{write_workbook, Cell, Sheet, SheetRow, Style};
    use super::*;
    use crate::export::{to_xlsx_with, LedgerOptions, ReportSheet};
    use crate::ledger::Annotation;
    use crate::snapshot::{apply, preview, Resolutions};

    const Q2: Period = Period::Quarter {
        year: 2023,
        quarter: 2,
    };

    fn ledger(doc: &Document) -> Ledger {
        let mut ledger = Ledger::new(doc.fingerprint.clone());
        ledger.user = Who {
            name: "王五".into(),
            unit: "区发展改革局".into(),
        };
        for action in [
            Action::SetStatus {
                task: 1,
                status: Status::OnSchedule,
            },
            Action::SetProgress {
                task: 1,
                progress: 40,
            },
            Action::SetReport {
                task: 3,
                period: Q2,
                field: ReportField::Problems,
                text: "旧问题".into(),
            },
        ] {
            assert!(ledger.apply(action, "2023-06-20T09:00:00+08:00").is_ok());
        }
        ledger
    }

    /// The exported unit sheet, read back, with `edit` applied to its cells, written again.
    fn filled(doc: &Document, ledger: &Ledger, edit: impl Fn(&mut Vec<Vec<String>>)) -> Vec<u8> {
        let tasks: Vec<u32> = doc
            .tasks
            .iter()
            .filter(|t| t.lead_units.iter().any(|u| u == "区科技局"))
            .map(|t| t.number)
            .collect();
        let today = crate::period::Date::new(2023, 6, 30)
            .unwrap_or(crate::period::Date::first_of_year(2023));
        let sheet = ReportSheet::new(doc, ledger, &tasks, today);
        let options = LedgerOptions {
            periods: vec![Q2],
            unit: Some("区科技局".into()),
            exported_at: Some("2023-06-25T10:00:00+08:00".into()),
        };
        let bytes = to_xlsx_with(&sheet, &options).unwrap_or_default();
        let book = read_workbook(&bytes).unwrap_or_else(|e| panic!("{}", e.message()));
        let mut rows = book.sheets[0].rows.clone();
        edit(&mut rows);
        let sheet = Sheet {
            name: book.sheets[0].name.clone(),
            widths: vec![10.0; 15],
            rows: rows
                .into_iter()
                .map(|r| SheetRow {
                    cells: r.into_iter().map(|c| Cell::text(c, Style::Body)).collect(),
                    height: None,
                })
                .collect(),
            ..Sheet::default()
        };
        write_workbook(&[sheet]).unwrap_or_default()
    }

    fn row_of(rows: &[Vec<String>], task: u32) -> usize {
        rows.iter()
            .position(|r| r.first().map(String::as_str) == Some(task.to_string().as_str()))
            .unwrap_or_else(|| panic!("row of {task}"))
    }

    /// The filled unit sheet, imported as the office would on 2 July.
    fn import_filled(bytes: &[u8], doc: &Document, ledger: &Ledger) -> SheetImport {
        import_sheet(
            "区科技局.xlsx",
            bytes,
            doc,
            ledger,
            "2023-07-02T09:00:00+08:00",
        )
        .unwrap_or_else(|e| panic!("{}", e.message()))
    }

    fn set(rows: &mut [Vec<String>], task: u32, column: usize, value: &str) {
        let r = row_of(rows, task);
        if rows[r].len() <= column {
            rows[r].resize(column + 1, String::new());
        }
        rows[r][column] = value.to_string();
    }

    #[test]
    fn a_filled_unit_sheet_comes_back_attributed_with_bad_cells_listed() {
        let doc = crate::seed_document();
        let ledger = ledger(&doc);
        // Columns: 序号 任务 牵头 参与 完成时限 目标 | 完成情况 进度 序时 工作进展 存在问题 下步计划 | 责任人 …
        let bytes = filled(&doc, &ledger, |rows| {
            set(rows, 1, 6, "已完成");
            set(rows, 1, 7, "1");
            set(rows, 1, 9, "新增市级重点实验室2家");
            set(rows, 1, 12, "赵六");
            set(rows, 2, 6, "差不多");
            set(rows, 2, 7, "六成");
            set(rows, 3, 7, "0.6");
            set(rows, 4, 4, "明年");
        });
        let read = import_filled(&bytes, &doc, &ledger);
        assert_eq!(read.unit, "区科技局");
        assert_eq!(read.periods, [Q2]);
        let errors: Vec<(&str, Option<u32>, &str)> = read
            .cell_errors
            .iter()
            .map(|e| (e.cell.as_str(), e.task, e.value.as_str()))
            .collect();
        assert_eq!(
            errors,
            [
                ("G8", Some(2), "差不多"),
                ("H8", Some(2), "六成"),
                ("E10", Some(4), "明年")
            ]
        );
        assert_eq!(
            read.cell_errors[1].message(),
            "H8（第2项，2023年第二季度 进度）“六成”：进度应为 0–100 的数字或百分比（如 60 或 60%）"
        );
        let incoming = read.incoming.unwrap_or_else(|| panic!("changes"));
        let numbers: Vec<u32> = incoming.snapshot.tasks.iter().map(|t| t.number).collect();
        assert_eq!(
            numbers,
            [1, 3],
            "task 2 had only bad cells; task 4 only a bad date"
        );

        let preview = preview(&ledger, std::slice::from_ref(&incoming));
        let fields: Vec<(u32, &str, &str, bool)> = preview
            .tasks
            .iter()
            .flat_map(|t| {
                t.changes.iter().map(move |c| {
                    (
                        t.task,
                        c.field.as_str(),
                        c.reported_by.unit.as_str(),
                        c.conflict,
                    )
                })
            })
            .collect();
        assert_eq!(
            fields,
            [
                (1, "owner", "区科技局", false),
                (1, "progress", "区科技局", false),
                (1, "report.2023Q2.progress_text", "区科技局", false),
                (1, "status", "区科技局", false),
                (3, "progress", "区科技局", false),
            ]
        );
        let merged = apply(
            &ledger,
            &preview,
            &Resolutions::new(),
            "2023-07-02T09:05:00+08:00",
        );
        let one = merged.annotation(1).unwrap_or_else(|| panic!("task 1"));
        assert_eq!((one.status.clone(), one.progress), (Status::Done, 100));
        assert_eq!(one.owner, "赵六");
        // Nothing else changed: task 2 and 4 as before, other tasks untouched.
        assert_eq!(merged.annotation(2), ledger.annotation(2));
        assert_eq!(merged.annotation(4), ledger.annotation(4));
        assert_eq!(merged.annotation(3).map(|a| a.progress), Some(60));
        assert_eq!(
            merged
                .annotation(3)
                .and_then(|a| a.report(Q2))
                .map(|r| r.problems.as_str()),
            Some("旧问题")
        );
    }

    #[test]
    fn a_field_changed_here_after_the_export_and_in_the_sheet_is_a_conflict() {
        let doc = crate::seed_document();
        let mut ledger = ledger(&doc);
        let bytes = filled(&doc, &ledger, |rows| set(rows, 3, 10, "单位填写的问题"));
        assert!(ledger
            .apply(
                Action::SetReport {
                    task: 3,
                    period: Q2,
                    field: ReportField::Problems,
                    text: "督查室改写的问题".into(),
                },
                "2023-06-28T09:00:00+08:00",
            )
            .is_ok());
        let read = import_filled(&bytes, &doc, &ledger);
        let incoming = read.incoming.unwrap_or_else(|| panic!("changes"));
        let preview = preview(&ledger, &[incoming]);
        // Both texts are offered: the sheet's (read at import, the newer) and the one written here.
        let conflicts: Vec<(u32, &str, &str)> = preview
            .conflicts()
            .map(|(task, c)| (task, c.mine_text.as_str(), c.theirs_text.as_str()))
            .collect();
        assert_eq!(conflicts, [(3, "单位填写的问题", "督查室改写的问题")]);
    }

    #[test]
    fn files_that_are_not_our_unit_sheet_are_refused_with_a_reason() {
        let doc = crate::seed_document();
        let ledger = ledger(&doc);
        let refuse = |bytes: &[u8]| {
            import_sheet("x.xlsx", bytes, &doc, &ledger, "2023-07-02T09:00:00+08:00")
                .err()
                .map(|e| e.message())
                .unwrap_or_default()
        };
        assert!(refuse(b"not a zip").starts_with("x.xlsx："));
        let no_id = filled(&doc, &ledger, |rows| rows[2] = vec!["随便写的".into()]);
        assert!(refuse(&no_id).contains("导入标识"));
        let other = filled(&doc, &ledger, |rows| {
            rows[0] = vec!["另一份文件督办台账".into()];
            rows[2] = vec![rows[2][0].replace(&doc.fingerprint, "abc")];
        });
        assert!(refuse(&other).contains("另一份任务文件"));
    }

    #[test]
    fn actuals_read_numbers_and_a_percentage_typed_into_excel() {
        let doc = crate::seed_document();
        let views = Annotation::default().target_views(&doc.tasks[1].targets);
        let (coverage, platforms) = (&views[0], &views[1]);
        assert_eq!(coverage.unit.as_deref(), Some("%"), "覆盖率达到85%以上");
        assert_eq!(read_actual("0.86", coverage), Some(86.0), "Excel's 86%");
        assert_eq!(read_actual("86%", coverage), Some(86.0));
        assert_eq!(read_actual("86", coverage), Some(86.0));
        assert_eq!(read_actual("0.5", platforms), Some(0.5), "家: as typed");
        assert_eq!(read_actual("1,500", platforms), Some(1500.0));
        assert_eq!(read_actual("２０", platforms), Some(20.0));
        assert_eq!(read_actual("约300", platforms), None);
        assert_eq!(read_actual("六成", coverage), None);
        assert_eq!(read_actual("%", coverage), None);
    }

    #[test]
    fn progress_cells_read_shares_percent_and_text() {
        assert_eq!(read_progress("0.45"), Ok(45));
        assert_eq!(read_progress("1"), Ok(100));
        assert_eq!(read_progress("0"), Ok(0));
        assert_eq!(read_progress("60"), Ok(60));
        assert_eq!(read_progress("60%"), Ok(60));
        assert!(read_progress("六成").is_err());
        assert!(read_progress("150").is_err());
        assert_eq!(excel_date("45291"), "2023-12-31");
        assert_eq!(excel_date("2023-12-31"), "2023-12-31");
    }
}
