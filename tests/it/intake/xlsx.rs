use luoshi::intake::xlsx::{cell_reference, read_workbook, CellRange, XlsxError};
use luoshi::intake::{sheet_text, zip::ZipError};

use super::fixture;

fn check_task_sheet(name: &str) {
    let book = read_workbook(&fixture(name)).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["说明", "任务分解表"], "{name}");
    let sheet = &book.sheets[1];
    assert_eq!(sheet.cell(0, 0), "2024年重点工作任务分解表");
    assert_eq!(
        sheet.rows[1],
        [
            "分类",
            "序号",
            "重点工作任务",
            "牵头单位",
            "责任单位",
            "完成时限"
        ]
    );
    assert_eq!(sheet.cell(2, 0), "一、城市建设");
    assert_eq!(sheet.cell(2, 1), "1");
    assert_eq!(sheet.cell(3, 0), "", "covered by the A3:A5 merge");
    assert_eq!(sheet.cell(3, 4), "区财政局、各街道");
    assert_eq!(sheet.cell(4, 2), "实施道路“微循环”工程\n打通断头路3条");
    // Row 6 is missing: an empty row; row 7 has a gap at D7.
    assert!(sheet.rows[5].is_empty());
    assert_eq!(sheet.cell(6, 3), "");
    assert_eq!(sheet.cell(6, 4), "区大数据中心");
    assert_eq!(
        sheet.cell(6, 5),
        "2024年6月30日",
        "a date-formatted number reads as a date"
    );
    assert_eq!(sheet.cell(6, 6), "TRUE");
    assert_eq!(sheet.cell(6, 7), "0.75");
    assert!(sheet.merges.contains(&CellRange {
        first_row: 2,
        first_column: 0,
        last_row: 4,
        last_column: 0
    }));
    assert!(sheet.merges.contains(&CellRange {
        first_row: 0,
        first_column: 0,
        last_row: 0,
        last_column: 4
    }));
}

#[test]
fn openpyxl_workbook_inline_strings_dates_merges() {
    check_task_sheet("tasks.xlsx");
}

#[test]
fn libreoffice_workbook_shared_strings_with_rich_text_runs() {
    check_task_sheet("tasks-libreoffice.xlsx");
}

#[test]
fn hand_written_workbook_stored_entries_absolute_targets_entities() {
    let book = read_workbook(&fixture("inline.xlsx")).unwrap();
    assert_eq!(book.sheets.len(), 1);
    let sheet = &book.sheets[0];
    assert_eq!(sheet.name, "清单 & 进度");
    assert_eq!(sheet.rows[0], ["序号", "任务"]);
    assert_eq!(sheet.rows[1], ["1", "A<B & 中中"]);
    assert_eq!(sheet.cell(4, 2), "1x", "a formula's cached string result");
}

#[test]
fn sheet_text_is_the_canonical_table() {
    let book = read_workbook(&fixture("tasks.xlsx")).unwrap();
    let text = sheet_text(&book.sheets[1]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "2024年重点工作任务分解表");
    assert_eq!(
        lines[1],
        "分类\t序号\t重点工作任务\t牵头单位\t责任单位\t完成时限"
    );
    assert_eq!(
        lines[2],
        "一、城市建设\t1\t推进老旧小区改造，完成改造项目12个\t区住建局\t各街道\t2024年12月底"
    );
    // The category merged over A3:A5: its text down the rows it spans.
    assert_eq!(
        lines[3],
        "一、城市建设\t2\t新建城市书房5处\t区文旅局\t区财政局、各街道\t2024年10月"
    );
    // A cell with a newline is quoted, as Excel's clipboard text is; the empty row 6 is left out.
    assert_eq!(lines[4], "一、城市建设\t3\t\"实施道路“微循环”工程");
    assert_eq!(
        lines[5],
        "打通断头路3条\"\t区交通运输局\t区城管局\t2024年12月"
    );
    assert_eq!(
        lines[6],
        "\t4\t建成智慧停车平台\t\t区大数据中心\t2024年6月30日\tTRUE\t0.75"
    );
    assert_eq!(lines.len(), 8);
    assert_eq!(lines[7], "");
    assert!(text.ends_with("\n\n"));
}

#[test]
fn cell_references() {
    assert_eq!(cell_reference("A1"), Some((0, 0)));
    assert_eq!(cell_reference("AB12"), Some((11, 27)));
    assert_eq!(cell_reference("XFD1048576"), Some((1_048_575, 16_383)));
    assert_eq!(cell_reference("A0"), None);
    assert_eq!(cell_reference("1A"), None);
    assert_eq!(cell_reference("ABCD1"), None);
}

#[test]
fn a_docx_is_not_a_workbook_and_text_is_not_a_zip() {
    assert_eq!(
        read_workbook(&fixture("tasks.docx")),
        Err(XlsxError::NotWorkbook)
    );
    assert_eq!(
        read_workbook("序号\t任务".as_bytes()),
        Err(XlsxError::Zip(ZipError::NotZip))
    );
    assert!(!XlsxError::NotWorkbook.message().is_empty());
}

#[test]
fn a_cell_far_out_is_refused_not_expanded() {
    // A sheet whose only cell sits at row 1 048 576 would need a million rows in memory.
    let sheet = r#"<worksheet><sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>"#;
    let bytes = super::zip::make_zip(&[
        (
            "xl/workbook.xml",
            r#"<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#.as_bytes(),
        ),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    assert_eq!(read_workbook(&bytes), Err(XlsxError::TooLarge));
}
