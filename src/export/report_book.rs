//! 进展汇总's own workbook: the report's content (title, summary paragraph, reported tasks under
//! their group rows, the unreported tasks last), not the 督办台账.

use super::xlsx::{write_workbook, Cell, Sheet, SheetRow, Style};
use super::{safe_file_name, text, ReportError};
use crate::ledger::{ReportField, Status};
use crate::overview::{ProgressReport, ReportTask};

const COLUMNS: [(&str, f64); 11] = [
    ("序号", 6.0),
    ("任务", 40.0),
    ("牵头单位", 14.0),
    ("参与单位", 14.0),
    ("完成情况", 10.0),
    ("进度", 7.0),
    ("序时", 18.0),
    ("目标及完成", 28.0),
    ("工作进展", 36.0),
    ("存在问题", 24.0),
    ("下步计划", 24.0),
];

/// The report as an .xlsx file of one sheet, 进展汇总.
pub fn report_xlsx(report: &ProgressReport) -> Result<Vec<u8>, ReportError> {
    let last = COLUMNS.len() - 1;
    let mut sheet = Sheet {
        name: text::REPORT_SHEET_NAME.to_string(),
        widths: COLUMNS.iter().map(|(_, w)| *w).collect(),
        title_rows: 4,
        frozen_columns: 0,
        filter_row: Some(3),
        ..Sheet::default()
    };
    let spread = |sheet: &mut Sheet, value: String, style: Style, height: f64| {
        let r = sheet.rows.len();
        let mut cells = vec![Cell::text(value, style)];
        cells.extend((0..last).map(|_| Cell::empty(style)));
        sheet.rows.push(SheetRow {
            cells,
            height: Some(height),
        });
        sheet.merges.push((r, 0, r, last));
    };
    spread(&mut sheet, report.title.clone(), Style::Title, 32.0);
    let mut note =
        crate::overview::text::as_of_line(report.as_of.year, report.as_of.month, report.as_of.day);
    if !report.subtitle.is_empty() {
        note = format!("{}　{note}", report.subtitle);
    }
    spread(&mut sheet, note, Style::Note, 18.0);
    spread(
        &mut sheet,
        report.summary.paragraph(&report.period.label()),
        Style::Note,
        48.0,
    );
    sheet.rows.push(SheetRow {
        cells: COLUMNS
            .iter()
            .map(|(h, _)| Cell::text(*h, Style::Header))
            .collect(),
        height: Some(20.0),
    });
    for section in &report.sections {
        if !section.heading.is_empty() {
            spread(&mut sheet, section.heading.clone(), Style::Section, 20.0);
        }
        for task in &section.tasks {
            sheet.rows.push(task_row(task, true));
        }
    }
    if !report.unreported.is_empty() {
        let numeral = crate::overview::chinese_numeral(
            u32::try_from(report.sections.len() + 1).unwrap_or(u32::MAX),
        );
        spread(
            &mut sheet,
            crate::overview::text::unreported_heading(&numeral, report.unreported.len()),
            Style::Section,
            20.0,
        );
        for task in &report.unreported {
            sheet.rows.push(task_row(task, false));
        }
    }
    write_workbook(&[sheet])
}

fn task_row(task: &ReportTask, reported: bool) -> SheetRow {
    let status = Status::from_label(&task.status);
    let mut cells = vec![
        Cell::number(f64::from(task.number), Style::Center),
        Cell::text(task.title.clone(), Style::Body),
        Cell::text(task.lead_units.join("、"), Style::Center),
        Cell::text(task.participating_units.join("、"), Style::Center),
        Cell::text(task.status.clone(), Style::of_status(&status)),
        Cell::number(f64::from(task.progress) / 100.0, Style::Percent),
        Cell::text(
            format!("{}%（{}）", task.expected_text(), task.gap_text),
            Style::Center,
        ),
        Cell::text(task.target_lines().join("\n"), Style::Body),
    ];
    for field in ReportField::ALL {
        let value = if reported {
            task.report.get(field).trim().to_string()
        } else {
            String::new()
        };
        cells.push(Cell::text(value, Style::Body));
    }
    SheetRow {
        cells,
        height: None,
    }
}

/// `城阳区2023年重点工作任务第二季度进展情况（区科技局牵头任务）.xlsx`.
pub fn report_file_name(report: &ProgressReport, extension: &str) -> String {
    let mut name = report.title.clone();
    if !report.subtitle.is_empty() {
        name = format!("{name}（{}）", report.subtitle);
    }
    safe_file_name(&format!("{name}.{extension}"))
}
