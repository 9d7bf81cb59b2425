//! The 指标完成 sheet of the 督办台账: one row per target (the parser's and hand-added ones,
//! hidden ones left out) with a cell for its actual, so a unit can report figures back in Excel or
//! WPS (`super::sheet_import` reads them). 完成率 is a formula with the ledger's completion rule.

use super::xlsx::{cell_ref, Cell, Sheet, SheetRow, Style};
use super::{task_body, text, ReportSheet};
use crate::document::{Comparator, Task};
use crate::ledger::{completion, Annotation, Entry, TargetRef, TargetView};

/// The headings, in order (row [`TARGET_HEADER_ROW`]).
pub const TARGET_COLUMNS: [&str; 8] = [
    "序号",
    "指标序号",
    "任务",
    "指标（原文）",
    "目标值",
    "单位",
    "实际完成值",
    "完成率",
];

/// The 0-based row of [`TARGET_COLUMNS`]: under the title and the how-to line.
pub const TARGET_HEADER_ROW: usize = 2;

/// The 0-based column of 实际完成值, the one a unit fills in.
pub const ACTUAL_COLUMN: usize = 6;

const WIDTHS: [f64; 8] = [6.0, 9.0, 30.0, 40.0, 10.0, 8.0, 12.0, 9.0];

/// The targets a sheet lists for one task: the visible ones, each with its 1-based place among all
/// the task's targets (parser's first, then hand-added in creation order; hidden ones counted), the
/// number the sheet writes in 指标序号 and the import reads back.
pub fn listed_targets(views: &[TargetView]) -> Vec<(usize, &TargetView)> {
    views
        .iter()
        .enumerate()
        .filter(|(_, view)| !view.hidden)
        .map(|(i, view)| (i + 1, view))
        .collect()
}

/// The actual a sheet for `unit` shows for a target, and the one its import compares with: the
/// unit's own entry's where the unit reports in its own entry on this task and has one there (a
/// parsed target), else the task's.
pub(crate) fn shown_actual(
    annotation: &Annotation,
    task: &Task,
    unit: Option<&str>,
    view: &TargetView,
) -> Option<f64> {
    let own = match (Entry::for_reader(task, unit), view.target) {
        (Entry::Unit(unit), TargetRef::Parsed(index)) => annotation
            .unit_entry(&unit)
            .and_then(|entry| entry.actuals.get(&index).copied()),
        _ => None,
    };
    own.or(view.actual)
}

/// The task's text up to [`TASK_CHARS`] characters, `…` after a cut.
fn short_task(text: &str) -> String {
    if text.chars().count() <= TASK_CHARS {
        return text.to_string();
    }
    let mut short: String = text.chars().take(TASK_CHARS).collect();
    short.push('…');
    short
}

const TASK_CHARS: usize = 40;

/// `完成率` as a formula over the target value in `value` and the actual in `actual` (cell
/// references), the same rule as `ledger::completion`: 1 when met, else the share reached capped
/// just under 1; empty text while no actual is filled in.
fn completion_formula(comparator: Comparator, value: &str, cell: &str, percent: bool) -> String {
    // 85% typed into a cell is stored as 0.85: for a percentage target, a share is read as
    // percent, as the import does.
    let actual = if percent {
        format!("IF(AND({cell}>0,{cell}<=1),{cell}*100,{cell})")
    } else {
        cell.to_string()
    };
    let actual = actual.as_str();
    let towards = format!("IF({value}>0,MAX(0,MIN(0.99,{actual}/{value})),0)");
    let back = format!("IF({actual}>0,MAX(0,MIN(0.99,{value}/{actual})),0)");
    let rate = match comparator {
        Comparator::AtLeast | Comparator::Reach => format!("IF({actual}>={value},1,{towards})"),
        Comparator::Exceed | Comparator::MoreThan => format!("IF({actual}>{value},1,{towards})"),
        Comparator::AtMost => format!("IF({actual}<={value},1,{back})"),
        Comparator::About => format!(
            "IF(ABS({actual}-{value})<={tolerance}*ABS({value}),1,IF({actual}>{value},{back},{towards}))",
            tolerance = crate::ledger::ABOUT_TOLERANCE
        ),
    };
    format!("IF(ISNUMBER({cell}),{rate},\"\")")
}

/// The 指标完成 sheet of the listed tasks.
pub(crate) fn targets_sheet(sheet: &ReportSheet<'_>, unit: Option<&str>) -> Sheet {
    let last = TARGET_COLUMNS.len() - 1;
    let mut out = Sheet {
        name: text::TARGETS_SHEET_NAME.to_string(),
        widths: WIDTHS.to_vec(),
        title_rows: TARGET_HEADER_ROW + 1,
        frozen_columns: 0,
        filter_row: Some(TARGET_HEADER_ROW),
        number_prompt: text::ACTUAL_PROMPT.to_string(),
        ..Sheet::default()
    };
    let spread = |value: String, style: Style| -> Vec<Cell> {
        let mut cells = vec![Cell::text(value, style)];
        cells.extend((0..last).map(|_| Cell::empty(style)));
        cells
    };
    out.rows.push(SheetRow {
        cells: spread(
            text::targets_title(sheet.doc.title.trim(), unit),
            Style::Title,
        ),
        height: Some(30.0),
    });
    out.rows.push(SheetRow {
        cells: spread(text::TARGETS_HOW_TO.to_string(), Style::Note),
        height: Some(18.0),
    });
    out.merges.push((0, 0, 0, last));
    out.merges.push((1, 0, 1, last));
    out.rows.push(SheetRow {
        cells: TARGET_COLUMNS
            .iter()
            .map(|h| Cell::text(*h, Style::Header))
            .collect(),
        height: Some(20.0),
    });
    let empty = Annotation::default();
    for task in sheet.tasks.iter().filter_map(|n| sheet.doc.task(*n)) {
        let annotation = sheet.ledger.annotation(task.number).unwrap_or(&empty);
        let views = annotation.target_views(&task.targets);
        let listed = listed_targets(&views);
        for (i, (place, view)) in listed.iter().enumerate() {
            let r = out.rows.len();
            let actual = shown_actual(annotation, task, unit, view);
            let value_ref = cell_ref(4, r);
            let actual_ref = cell_ref(ACTUAL_COLUMN, r);
            out.rows.push(SheetRow {
                cells: vec![
                    Cell::number(f64::from(task.number), Style::Center),
                    Cell::number(*place as f64, Style::Center),
                    // The task once, shortened (the 督办台账 sheet has it in full): a merged cell
                    // would not grow with its text, and 序号 on every row keeps sorting safe.
                    Cell::text(
                        if i == 0 {
                            short_task(&task_body(task))
                        } else {
                            String::new()
                        },
                        Style::Body,
                    ),
                    Cell::text(view.text.clone(), Style::Body),
                    Cell::number(view.value, Style::Center),
                    Cell::text(view.unit.clone().unwrap_or_default(), Style::Center),
                    match actual {
                        Some(actual) => Cell::number(actual, Style::Input),
                        None => Cell::empty(Style::Input),
                    },
                    Cell::formula(
                        completion_formula(
                            view.comparator,
                            &value_ref,
                            &actual_ref,
                            view.unit.as_deref() == Some("%") && view.value > 1.0,
                        ),
                        actual.map(|a| completion(view.comparator, view.value, a)),
                        Style::Percent,
                    ),
                ],
                height: None,
            });
        }
    }
    if out.rows.len() > TARGET_HEADER_ROW + 1 {
        out.number_inputs.push((
            TARGET_HEADER_ROW + 1,
            ACTUAL_COLUMN,
            out.rows.len() - 1,
            ACTUAL_COLUMN,
        ));
    } else {
        out.rows.push(SheetRow {
            cells: spread(text::NO_TARGETS.to_string(), Style::Body),
            height: None,
        });
        let r = out.rows.len() - 1;
        out.merges.push((r, 0, r, last));
    }
    out
}
