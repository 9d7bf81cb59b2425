//! The 督办台账 workbook and 进展汇总's own workbook, read back with `luoshi::intake::xlsx`.

use super::{part, sheet, task_row, workbook};
use crate::snapshot::common::{annotated_ledger, date, seed, Q2};
use luoshi::export::{self, LedgerOptions, ReportSheet};
use luoshi::overview::{ProgressReport, Scope};
use luoshi::period::Period;

fn quarter(quarter: u8) -> Period {
    Period::Quarter {
        year: 2023,
        quarter,
    }
}

#[test]
fn the_ledger_sheet_has_the_wps_template_columns_section_rows_and_print_setup() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let tasks: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    let sheet_in = ReportSheet::new(&doc, &ledger, &tasks, date("2023-06-30"));
    let bytes = export::to_xlsx(&sheet_in).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        export::to_xlsx(&sheet_in).ok(),
        Some(bytes.clone()),
        "deterministic"
    );
    let book = workbook(&bytes);
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["督办台账", "指标完成", "报送情况"]);
    let ledger_sheet = sheet(&book, "督办台账");
    assert_eq!(ledger_sheet.cell(0, 0), format!("{}督办台账", doc.title));
    assert_eq!(ledger_sheet.cell(1, 0), "截至 2023-06-30（2023年第二季度）");
    assert_eq!(
        ledger_sheet.cell(2, 0),
        format!("导入标识：文档 {}；报告期 2023Q2", doc.fingerprint)
    );
    let top: Vec<&str> = (0..15).map(|c| ledger_sheet.cell(3, c)).collect();
    assert_eq!(
        top,
        [
            "序号",
            "任务",
            "牵头单位",
            "责任单位（参与）",
            "完成时限",
            "目标及完成",
            "2023年第二季度",
            "",
            "",
            "",
            "",
            "",
            "责任人",
            "联系电话",
            "备注"
        ]
    );
    let sub: Vec<&str> = (6..12).map(|c| ledger_sheet.cell(4, c)).collect();
    assert_eq!(sub, export::PERIOD_COLUMNS);
    // Section rows: one per section, before its first task, merged across the sheet.
    assert_eq!(ledger_sheet.cell(5, 0), "一、实施创新驱动发展战略");
    assert_eq!(ledger_sheet.cell(6, 0), "1");
    let sections = ledger_sheet
        .rows
        .iter()
        .filter(|r| r.first().is_some_and(|c| c.contains('、')))
        .count();
    assert_eq!(sections, doc.sections.len());
    assert_eq!(ledger_sheet.rows.len(), 5 + sections + doc.tasks.len());
    assert!(ledger_sheet
        .merges
        .iter()
        .any(|m| m.first_row == 5 && m.first_column == 0 && m.last_column == 14));

    let one = task_row(ledger_sheet, 1);
    assert_eq!(one[4], "2023-12-31", "完成时限 has its own column");
    assert_eq!(one[6], "序时推进");
    assert_eq!(one[7], "0.45", "progress is a number (formatted 0%)");
    assert!(one[8].ends_with('）') && one[8].contains('%'), "{}", one[8]);
    assert_eq!(one[10], "资金到位偏慢");
    assert_eq!(one[11], "三季度完成验收");
    assert_eq!(one[12], "李四");
    assert_eq!(
        one[13], "0532-87868535",
        "联系电话 is not merged into 责任人"
    );
    assert_eq!(task_row(ledger_sheet, 2)[14], "备注：含“引号”");

    let sheet_xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains(r#"xSplit="2" ySplit="5" topLeftCell="C6""#));
    // Task 1's row is as tall as its wrapped text needs (LibreOffice does not fit rows itself):
    // the task in the 36-wide 任务 column takes several lines.
    let height = sheet_xml
        .split(r#"<row r="7" ht=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|h| h.parse::<f64>().ok())
        .unwrap_or(0.0);
    let units: f64 = task_row(ledger_sheet, 1)[1]
        .chars()
        .map(|c| if u32::from(c) >= 0x2E80 { 2.0 } else { 1.0 })
        .sum();
    let lines = (units / 35.0).ceil();
    assert!(lines >= 3.0, "a long task");
    assert!(
        height >= lines * 14.5,
        "row 7 is {height} pt for {lines} lines"
    );
    assert!(sheet_xml.contains(r#"<autoFilter ref="A5:O"#));
    assert!(sheet_xml.contains(r#"orientation="landscape" fitToWidth="1" fitToHeight="0""#));
    assert!(sheet_xml.contains(r#"paperSize="9""#), "A4");
    let workbook_xml = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook_xml.contains("'督办台账'!$1:$5"),
        "title rows repeat"
    );
    let styles = part(&bytes, "xl/styles.xml");
    for needle in [
        r#"<name val="宋体"/>"#,
        r#"<name val="仿宋"/>"#,
        r#"numFmtId="9""#,
        r#"wrapText="1""#,
        r#"<left style="thin">"#,
    ] {
        assert!(styles.contains(needle), "{needle}");
    }
}

#[test]
fn several_periods_sit_side_by_side_with_each_periods_values() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let tasks: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    let sheet_in = ReportSheet::new(&doc, &ledger, &tasks, date("2023-06-30"));
    let options = LedgerOptions {
        periods: (1..=4).map(quarter).collect(),
        unit: None,
        exported_at: None,
    };
    let bytes = export::to_xlsx_with(&sheet_in, &options).unwrap_or_else(|e| panic!("{e}"));
    let book = workbook(&bytes);
    let ledger_sheet = sheet(&book, "督办台账");
    // Named after the year it holds, not the current quarter (the title has the year already).
    assert_eq!(
        ledger_sheet.cell(0, 0),
        format!("{}督办台账（全年）", doc.title)
    );
    assert_eq!(
        export::ledger_file_name(&doc, None, &options.periods),
        "城阳区2023重点任务-2023全年.xlsx"
    );
    let labels: Vec<&str> = [6, 12, 18, 24]
        .iter()
        .map(|c| ledger_sheet.cell(3, *c))
        .collect();
    assert_eq!(
        labels,
        [
            "2023年第一季度",
            "2023年第二季度",
            "2023年第三季度",
            "2023年第四季度"
        ]
    );
    assert_eq!(ledger_sheet.cell(3, 30), "责任人");
    assert!(ledger_sheet
        .cell(2, 0)
        .ends_with("报告期 2023Q1、2023Q2、2023Q3、2023Q4"));
    let one = task_row(ledger_sheet, 1);
    // Status was set in June: at the end of Q1 the task was still 未启动 at 0%.
    assert_eq!((one[6].as_str(), one[7].as_str()), ("未启动", "0"));
    assert_eq!((one[12].as_str(), one[13].as_str()), ("序时推进", "0.45"));
    assert_eq!(one[16], "资金到位偏慢", "Q2 problems in the Q2 group");
    assert_eq!(one[10], "", "no Q1 text");
    // The column letters go past Z.
    let sheet_xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains(r#"<c r="AG"#), "33 columns reach AG");
}

#[test]
fn a_units_sheet_names_the_unit_and_the_units_sheet_counts_its_reports() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let tasks: Vec<u32> = doc
        .tasks
        .iter()
        .filter(|t| t.lead_units.iter().any(|u| u == "区科技局"))
        .map(|t| t.number)
        .collect();
    let sheet_in = ReportSheet::new(&doc, &ledger, &tasks, date("2023-06-30"));
    let options = LedgerOptions {
        periods: vec![Q2],
        unit: Some("区科技局".into()),
        exported_at: Some("2023-06-30T17:00:00+08:00".into()),
    };
    let bytes = export::to_xlsx_with(&sheet_in, &options).unwrap_or_else(|e| panic!("{e}"));
    let book = workbook(&bytes);
    let ledger_sheet = sheet(&book, "督办台账");
    assert!(ledger_sheet.cell(0, 0).ends_with("督办台账（区科技局）"));
    assert!(ledger_sheet
        .cell(2, 0)
        .contains("；单位 区科技局；报告期 2023Q2"));
    let numbers: Vec<u32> = ledger_sheet
        .rows
        .iter()
        .skip(5)
        .filter_map(|r| r.first().and_then(|c| c.parse().ok()))
        .collect();
    assert_eq!(numbers, tasks);

    let units = sheet(&book, "报送情况");
    assert_eq!(units.cell(1, 0), "单位");
    assert_eq!(units.cell(1, 3), "2023年第二季度已报送");
    let row = units
        .rows
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("区科技局"))
        .unwrap_or_else(|| panic!("区科技局 row"));
    // 区科技局 (the fixture's user) wrote task 1's Q2 report; it leads or joins all listed tasks.
    assert_eq!(row[3], format!("1/{}", tasks.len()));
    assert_eq!(row[6], "2023-06-20 09:04");
}

#[test]
fn the_reports_own_workbook_is_the_report() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let report = ProgressReport::build(&doc, &ledger, Q2, &Scope::All);
    let bytes = export::report_xlsx(&report).unwrap_or_else(|e| panic!("{e}"));
    let book = workbook(&bytes);
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["进展汇总"]);
    let s = &book.sheets[0];
    assert_eq!(s.cell(0, 0), report.title);
    assert_eq!(s.cell(2, 0), report.summary.paragraph(&Q2.label()));
    assert_eq!(s.cell(3, 0), "序号");
    // Reported tasks under their section, then the unreported ones under one heading.
    assert_eq!(s.cell(4, 0), "一、实施创新驱动发展战略");
    assert_eq!(s.cell(5, 0), "1");
    let heading = s
        .rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c.contains("未报送任务")))
        .unwrap_or_else(|| panic!("未报送任务 heading"));
    assert_eq!(s.rows.len() - heading - 1, report.unreported.len());
    assert_eq!(
        export::report_file_name(&report, "xlsx"),
        "城阳区2023年重点工作任务第二季度进展情况.xlsx"
    );
}

#[test]
fn a_workbook_of_several_periods_is_named_after_the_periods_it_holds() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let tasks: Vec<u32> = vec![1, 2];
    let sheet_in = ReportSheet::new(&doc, &ledger, &tasks, date("2023-06-30"));
    let title = |periods: Vec<Period>, unit: Option<&str>| {
        let options = LedgerOptions {
            periods,
            unit: unit.map(String::from),
            exported_at: None,
        };
        let bytes = export::to_xlsx_with(&sheet_in, &options).unwrap_or_else(|e| panic!("{e}"));
        sheet(&workbook(&bytes), "督办台账").cell(0, 0).to_string()
    };
    let year: Vec<Period> = (1..=4).map(quarter).collect();
    assert_eq!(
        title(year.clone(), Some("区科技局")),
        format!("{}督办台账（区科技局，全年）", doc.title)
    );
    assert_eq!(
        title(year[..3].to_vec(), None),
        format!("{}督办台账（第一季度至第三季度）", doc.title)
    );
    assert_eq!(title(vec![Q2], None), format!("{}督办台账", doc.title));
    let name = |periods: &[Period], unit| export::ledger_file_name(&doc, unit, periods);
    assert_eq!(
        name(&year, Some("区科技局")),
        "城阳区2023重点任务-区科技局-2023全年.xlsx"
    );
    assert_eq!(
        name(&year[..3], None),
        "城阳区2023重点任务-2023Q1至2023Q3.xlsx"
    );
    assert_eq!(
        name(&[quarter(1), quarter(3)], None),
        "城阳区2023重点任务-2023Q1、2023Q3.xlsx"
    );
    assert_eq!(
        name(&[Q2], Some("区科技局")),
        export::file_name(&doc, Some("区科技局"), Q2),
        "one period: as before"
    );
    let months: Vec<Period> = (1..=12)
        .map(|month| Period::Month { year: 2023, month })
        .collect();
    assert_eq!(name(&months, None), "城阳区2023重点任务-2023全年.xlsx");
    // A title without the year keeps it in the label.
    let mut other = doc.clone();
    other.title = "重点工作任务清单".into();
    let other_sheet = ReportSheet::new(&other, &ledger, &tasks, date("2023-06-30"));
    let options = LedgerOptions {
        periods: year,
        unit: None,
        exported_at: None,
    };
    let bytes = export::to_xlsx_with(&other_sheet, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        sheet(&workbook(&bytes), "督办台账").cell(0, 0),
        "重点工作任务清单督办台账（2023年全年）"
    );
}
