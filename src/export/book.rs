//! The 督办台账 workbook's content: the ledger sheet (section rows, one column group per period,
//! the identification line the Excel round trip reads back) and the 报送情况 sheet.

use super::xlsx::{Cell, Sheet, SheetRow, Style};
use super::{targets_text, task_body, text, ReportSheet};
use crate::document::{Document, Task};
use crate::ledger::{format_number, light, Annotation, ReportField, Status};
use crate::overview::{unit_report_time, unit_reported, value_at_end};
use crate::period::{Date, Period};

/// What the ledger workbook holds beyond the [`ReportSheet`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LedgerOptions {
    /// One column group per period, side by side, in this order; empty: the sheet's period.
    pub periods: Vec<Period>,
    /// The unit the sheet is for (a unit's sheet sent out for filling in): named in the title and
    /// the identification line.
    pub unit: Option<String>,
    /// When the file is written (ISO 8601), recorded in the identification line: on the way back,
    /// ledger edits made after it and also changed in the sheet are conflicts.
    pub exported_at: Option<String>,
}

/// The columns of one period group, in order.
pub const PERIOD_COLUMNS: [&str; 6] = [
    "完成情况",
    "进度",
    "序时",
    "工作进展",
    "存在问题",
    "下步计划",
];

/// Columns before the period groups (责任领导 only when the tasks name leaders).
pub const LEFT_COLUMNS: [&str; 7] = [
    "序号",
    "任务",
    "牵头单位",
    "责任单位（参与）",
    "责任领导",
    "完成时限",
    "目标及完成",
];

/// Columns after the period groups.
pub const RIGHT_COLUMNS: [&str; 3] = ["责任人", "联系电话", "备注"];

/// Rows above the first task: title, as-of line, identification line, two header rows.
pub const HEADER_ROWS: usize = 5;

/// Column widths in characters. A one-period sheet is about 220 wide, so fitted to the width of
/// A4 landscape it prints at about two thirds (11-point text at 7 points), as WPS templates do.
fn width(column: &str) -> f64 {
    match column {
        "序号" => 5.0,
        "任务" => 36.0,
        "牵头单位" => 11.0,
        // The heading on one line: “责任单位（参与” over “）” looked broken.
        "责任单位（参与）" => 16.0,
        "责任领导" => 9.0,
        "完成时限" => 10.0,
        "目标及完成" => 22.0,
        "完成情况" => 9.0,
        "进度" => 6.0,
        "序时" => 11.0,
        "工作进展" => 30.0,
        "存在问题" | "下步计划" => 18.0,
        "责任人" => 8.0,
        "联系电话" => 13.0,
        "备注" => 11.0,
        _ => 12.0,
    }
}

impl LedgerOptions {
    fn periods(&self, sheet: &ReportSheet<'_>) -> Vec<Period> {
        if self.periods.is_empty() {
            vec![sheet.period]
        } else {
            self.periods.clone()
        }
    }
}

/// The identification line: `导入标识：文档 {fingerprint}；单位 区科技局；报告期 2023Q2`. The
/// round trip reads it back; people see what the file is for.
pub fn identification(
    fingerprint: &str,
    unit: Option<&str>,
    periods: &[Period],
    exported_at: Option<&str>,
) -> String {
    let ids: Vec<String> = periods.iter().map(|p| p.id()).collect();
    text::identification(
        fingerprint,
        unit.unwrap_or(""),
        &ids.join("、"),
        exported_at.unwrap_or(""),
    )
}

pub(crate) fn ledger_book(sheet: &ReportSheet<'_>, options: &LedgerOptions) -> Vec<Sheet> {
    let unit = options
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    vec![
        ledger_sheet(sheet, options),
        super::target_sheet::targets_sheet(sheet, unit),
        units_sheet(sheet, &options.periods(sheet)),
    ]
}

/// The periods of a several-period workbook as its title says them: [`text::periods_label`],
/// without the year where the document's title already names it (`全年`, not `2023年全年`
/// after 城阳区2023年重点工作任务).
fn periods_in_title(title: &str, periods: &[Period]) -> String {
    let label = text::periods_label(periods);
    let years: Vec<i32> = periods.iter().map(|p| p.last_day().year).collect();
    match years.first() {
        Some(year) if years.iter().all(|y| y == year) && title.contains(&format!("{year}年")) => {
            label.replace(&format!("{year}年"), "")
        }
        _ => label,
    }
}

/// The file name of a 督办台账 workbook holding `periods` ([`super::file_name`] for one period):
/// `城阳区2023重点任务-区科技局-2023全年.xlsx` for the whole year, `…-2023Q1至2023Q3.xlsx` for
/// consecutive periods, never the current period's alone.
pub fn ledger_file_name(doc: &Document, unit: Option<&str>, periods: &[Period]) -> String {
    let held = match periods {
        [] => None,
        [one] => Some(one.id()),
        [first, .., last] => Some(held_periods(periods, *first, *last)),
    };
    let mut name = super::short_title(doc);
    for part in [
        unit.map(str::trim).filter(|u| !u.is_empty()),
        held.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        name.push('-');
        name.push_str(part);
    }
    super::safe_file_name(&format!("{name}.xlsx"))
}

fn held_periods(periods: &[Period], first: Period, last: Period) -> String {
    let year = first.last_day().year;
    if periods == Period::of_year(year, first.cadence()) {
        format!("{year}全年")
    } else if periods.windows(2).all(|w| w[0].next() == w[1]) {
        format!("{}至{}", first.id(), last.id())
    } else {
        periods
            .iter()
            .map(|p| p.id())
            .collect::<Vec<_>>()
            .join("、")
    }
}

fn ledger_sheet(sheet: &ReportSheet<'_>, options: &LedgerOptions) -> Sheet {
    let periods = options.periods(sheet);
    let with_leaders = sheet.with_leaders();
    let left: Vec<&str> = LEFT_COLUMNS
        .into_iter()
        .filter(|c| with_leaders || *c != "责任领导")
        .collect();
    let group_start = left.len();
    let width_count = left.len() + periods.len() * PERIOD_COLUMNS.len() + RIGHT_COLUMNS.len();
    let last = width_count - 1;
    let mut widths: Vec<f64> = left.iter().map(|c| width(c)).collect();
    for _ in &periods {
        widths.extend(PERIOD_COLUMNS.iter().map(|c| width(c)));
    }
    widths.extend(RIGHT_COLUMNS.iter().map(|c| width(c)));

    let mut out = Sheet {
        name: text::SHEET_NAME.to_string(),
        widths,
        title_rows: HEADER_ROWS,
        frozen_columns: 2,
        filter_row: Some(HEADER_ROWS - 1),
        ..Sheet::default()
    };
    let unit = options
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let title = text::ledger_title(
        sheet.doc.title.trim(),
        unit,
        (periods.len() > 1)
            .then(|| periods_in_title(sheet.doc.title.trim(), &periods))
            .as_deref(),
    );
    let spread = |text: String, style: Style| -> Vec<Cell> {
        let mut cells = vec![Cell::text(text, style)];
        cells.extend((1..width_count).map(|_| Cell::empty(style)));
        cells
    };
    out.rows.push(SheetRow {
        cells: spread(title, Style::Title),
        height: Some(32.0),
    });
    out.rows.push(SheetRow {
        cells: spread(sheet.as_of_text(), Style::Note),
        height: Some(18.0),
    });
    out.rows.push(SheetRow {
        cells: spread(
            identification(
                &sheet.doc.fingerprint,
                unit,
                &periods,
                options.exported_at.as_deref(),
            ),
            Style::Note,
        ),
        height: Some(18.0),
    });
    for r in 0..3 {
        out.merges.push((r, 0, r, last));
    }
    // Two header rows: the left and right columns span both; each period's label spans its group.
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    for (c, heading) in left.iter().enumerate() {
        top.push(Cell::text(*heading, Style::Header));
        bottom.push(Cell::empty(Style::Header));
        out.merges.push((3, c, 4, c));
    }
    for (g, period) in periods.iter().enumerate() {
        let start = group_start + g * PERIOD_COLUMNS.len();
        for (i, heading) in PERIOD_COLUMNS.iter().enumerate() {
            top.push(if i == 0 {
                Cell::text(period.label(), Style::Header)
            } else {
                Cell::empty(Style::Header)
            });
            bottom.push(Cell::text(*heading, Style::Header));
        }
        out.merges
            .push((3, start, 3, start + PERIOD_COLUMNS.len() - 1));
    }
    let right_start = group_start + periods.len() * PERIOD_COLUMNS.len();
    for (i, heading) in RIGHT_COLUMNS.iter().enumerate() {
        top.push(Cell::text(*heading, Style::Header));
        bottom.push(Cell::empty(Style::Header));
        out.merges.push((3, right_start + i, 4, right_start + i));
    }
    out.rows.push(SheetRow {
        cells: top,
        height: Some(20.0),
    });
    out.rows.push(SheetRow {
        cells: bottom,
        height: Some(20.0),
    });

    let empty = Annotation::default();
    let mut section: Option<u32> = None;
    for task in sheet.tasks.iter().filter_map(|n| sheet.doc.task(*n)) {
        if section != Some(task.section) {
            section = Some(task.section);
            if let Some(s) = sheet.doc.section(task.section) {
                let r = out.rows.len();
                out.rows.push(SheetRow {
                    cells: spread(format!("{}、{}", s.numeral, s.title), Style::Section),
                    height: Some(20.0),
                });
                out.merges.push((r, 0, r, last));
            }
        }
        // A unit's sheet shows its own entry where it reports in one (and reads it back so).
        let annotation = sheet
            .ledger
            .annotation(task.number)
            .unwrap_or(&empty)
            .seen_by(task, unit);
        out.rows.push(SheetRow {
            cells: task_cells(sheet, task, &annotation, &left, &periods),
            height: None,
        });
    }
    out
}

fn task_cells(
    sheet: &ReportSheet<'_>,
    task: &Task,
    annotation: &Annotation,
    left: &[&str],
    periods: &[Period],
) -> Vec<Cell> {
    let mut cells = Vec::new();
    for column in left {
        cells.push(match *column {
            "序号" => Cell::number(f64::from(task.number), Style::Center),
            "任务" => Cell::text(task_body(task), Style::Body),
            "牵头单位" => Cell::text(task.lead_units.join("、"), Style::Center),
            "责任单位（参与）" => {
                Cell::text(task.participating_units.join("、"), Style::Center)
            }
            "责任领导" => Cell::text(task.leaders.join("、"), Style::Center),
            "完成时限" => Cell::text(
                annotation.due.map(|d| d.to_string()).unwrap_or_default(),
                Style::Center,
            ),
            _ => Cell::text(targets_text(task, annotation), Style::Body),
        });
    }
    for period in periods {
        let (status, progress) = if *period == sheet.period {
            (annotation.status.clone(), annotation.progress)
        } else {
            (
                Status::from_label(&value_at_end(annotation, "status", *period)),
                value_at_end(annotation, "progress", *period)
                    .trim()
                    .parse::<u8>()
                    .unwrap_or(0)
                    .min(100),
            )
        };
        let judged_at: Date = if period.last_day() < sheet.as_of {
            period.last_day()
        } else {
            sheet.as_of
        };
        let mut then = annotation.clone();
        then.status = status.clone();
        then.progress = progress;
        let light = light(&then, judged_at);
        let report = annotation.report_with_units(*period);
        let text_of = |field: ReportField| {
            report
                .as_ref()
                .map(|r| r.get(field).to_string())
                .unwrap_or_default()
        };
        cells.push(Cell::text(status.describe(), Style::of_status(&status)));
        cells.push(Cell::number(f64::from(progress) / 100.0, Style::Percent));
        cells.push(Cell::text(
            format!(
                "{}%（{}）",
                format_number((light.expected * 10.0).round() / 10.0),
                light.text()
            ),
            Style::Center,
        ));
        cells.push(Cell::text(text_of(ReportField::ProgressText), Style::Body));
        cells.push(Cell::text(text_of(ReportField::Problems), Style::Body));
        cells.push(Cell::text(text_of(ReportField::NextSteps), Style::Body));
    }
    cells.push(Cell::text(annotation.owner.trim(), Style::Center));
    cells.push(Cell::text(annotation.phone.trim(), Style::Center));
    cells.push(Cell::text(annotation.notes.trim(), Style::Body));
    cells
}

/// The 报送情况 sheet: per unit of the listed tasks, how many of its tasks (led or joined) have a
/// report it wrote for each period (attributed by the unit recorded in the ledger history, the
/// collection round's rule), its led tasks done and behind, and when it last reported.
fn units_sheet(sheet: &ReportSheet<'_>, periods: &[Period]) -> Sheet {
    let tasks: Vec<&Task> = sheet
        .tasks
        .iter()
        .filter_map(|n| sheet.doc.task(*n))
        .collect();
    let mut units: Vec<String> = Vec::new();
    for task in &tasks {
        for unit in task.lead_units.iter().chain(&task.participating_units) {
            if !units.contains(unit) {
                units.push(unit.clone());
            }
        }
    }
    let order = |unit: &String| {
        sheet
            .doc
            .units
            .iter()
            .position(|u| &u.name == unit)
            .unwrap_or(usize::MAX)
    };
    units.sort_by_key(order);
    let mut headings: Vec<String> = ["单位", "牵头任务", "参与任务"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for period in periods {
        headings.push(text::reported_heading(&period.label()));
    }
    headings.extend(["已完成（牵头）", "滞后（牵头）", "最近报送时间"].map(String::from));
    let mut out = Sheet {
        name: text::UNITS_SHEET_NAME.to_string(),
        widths: headings
            .iter()
            .enumerate()
            .map(|(i, _)| if i == 0 { 24.0 } else { 14.0 })
            .collect(),
        title_rows: 2,
        frozen_columns: 1,
        filter_row: Some(1),
        ..Sheet::default()
    };
    let last = headings.len() - 1;
    let mut title = vec![Cell::text(
        text::units_title(&sheet.as_of_text()),
        Style::Title,
    )];
    title.extend((0..last).map(|_| Cell::empty(Style::Title)));
    out.rows.push(SheetRow {
        cells: title,
        height: Some(28.0),
    });
    out.merges.push((0, 0, 0, last));
    out.rows.push(SheetRow {
        cells: headings
            .iter()
            .map(|h| Cell::text(h.clone(), Style::Header))
            .collect(),
        height: Some(30.0),
    });
    let empty = Annotation::default();
    for unit in &units {
        let led: Vec<&&Task> = tasks
            .iter()
            .filter(|t| t.lead_units.contains(unit))
            .collect();
        let joined = tasks
            .iter()
            .filter(|t| t.participating_units.contains(unit))
            .count();
        let mut cells = vec![
            Cell::text(unit.clone(), Style::Body),
            Cell::number(led.len() as f64, Style::Center),
            Cell::number(joined as f64, Style::Center),
        ];
        let mine: Vec<&&Task> = tasks
            .iter()
            .filter(|t| t.lead_units.contains(unit) || t.participating_units.contains(unit))
            .collect();
        let mut last_time: Option<String> = None;
        for period in periods {
            let reported = mine
                .iter()
                .filter(|t| {
                    let annotation = sheet.ledger.annotation(t.number).unwrap_or(&empty);
                    unit_reported(annotation, *period, unit)
                })
                .count();
            cells.push(Cell::text(
                format!("{reported}/{}", mine.len()),
                Style::Center,
            ));
            for task in &mine {
                let annotation = sheet.ledger.annotation(task.number).unwrap_or(&empty);
                if let Some(at) = unit_report_time(annotation, *period, unit) {
                    if last_time.as_deref().is_none_or(|t| at > t) {
                        last_time = Some(at.to_string());
                    }
                }
            }
        }
        let count = |status: Status| {
            led.iter()
                .filter(|t| {
                    sheet
                        .ledger
                        .annotation(t.number)
                        .is_some_and(|a| a.status == status)
                })
                .count() as f64
        };
        cells.push(Cell::number(count(Status::Done), Style::Center));
        cells.push(Cell::number(count(Status::Behind), Style::Center));
        cells.push(Cell::text(
            last_time
                .as_deref()
                .map(super::readable_timestamp)
                .unwrap_or_default(),
            Style::Center,
        ));
        out.rows.push(SheetRow {
            cells,
            height: None,
        });
    }
    out
}
