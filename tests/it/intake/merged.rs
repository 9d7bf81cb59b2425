//! A lead cell merged over several task rows — a .docx `w:vMerge`, an HTML `rowspan` and an .xlsx
//! `mergeCell` — gives every row it spans the merged lead, and the three files read the same.

use luoshi::intake::{from_text, open, Opened, TextKind};
use luoshi::parse::parse;

use super::zip::make_zip;

/// What every file below holds: a task table whose 牵头单位 cell of tasks 1-3 is merged, whose
/// 配合单位 cells are each row's own (task 3 has none), and whose 序号 and task cells are not.
const EXPECTED: [(&str, &[&str], &[&str]); 4] = [
    ("1", &["区住建局"], &["区财政局"]),
    ("2", &["区住建局"], &["各街道"]),
    ("3", &["区住建局"], &[]),
    ("4", &["区文旅局"], &["区城管局"]),
];

const ROWS: [[&str; 4]; 4] = [
    [
        "1",
        "推进老旧小区改造，完成改造项目12个",
        "区住建局",
        "区财政局",
    ],
    ["2", "新建城市书房5处", "", "各街道"],
    ["3", "实施道路“微循环”工程", "", ""],
    ["4", "建成智慧停车平台", "区文旅局", "区城管局"],
];

fn check(name: &str, text: &str) {
    let doc = parse(text);
    let got: Vec<(String, Vec<String>, Vec<String>)> = doc
        .tasks
        .iter()
        .map(|t| {
            (
                t.label.clone(),
                t.lead_units.clone(),
                t.participating_units.clone(),
            )
        })
        .collect();
    let want: Vec<(String, Vec<String>, Vec<String>)> = EXPECTED
        .iter()
        .map(|(label, lead, others)| {
            (
                label.to_string(),
                lead.iter().map(|s| s.to_string()).collect(),
                others.iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}:\n{text}");
}

fn opened(name: &str, bytes: &[u8]) -> String {
    match open(name, bytes) {
        Ok(Opened::Text(text)) => text,
        Ok(Opened::Sheets(sheets)) => sheets
            .into_iter()
            .next()
            .map(|(_, text)| text)
            .unwrap_or_default(),
        other => panic!("{name}: {other:?}"),
    }
}

fn docx_cell(text: &str, merge: Option<&str>) -> String {
    let merge = match merge {
        Some("restart") => r#"<w:vMerge w:val="restart"/>"#,
        Some(_) => "<w:vMerge/>",
        None => "",
    };
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>{merge}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
    )
}

/// A docx as Word writes one: a continuation cell has `<w:vMerge/>` and an empty paragraph.
fn docx() -> Vec<u8> {
    let mut rows = String::new();
    let header = ["序号", "重点工作任务", "牵头单位", "配合单位"];
    rows.push_str("<w:tr>");
    for cell in header {
        rows.push_str(&docx_cell(cell, None));
    }
    rows.push_str("</w:tr>");
    for (index, row) in ROWS.iter().enumerate() {
        rows.push_str("<w:tr>");
        for (column, cell) in row.iter().enumerate() {
            let merge = match (column, index) {
                (2, 0) => Some("restart"),
                (2, 1 | 2) => Some("continue"),
                _ => None,
            };
            rows.push_str(&docx_cell(cell, merge));
        }
        rows.push_str("</w:tr>");
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>2024年重点工作任务分解表</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>{rows}</w:tbl>
<w:sectPr/></w:body></w:document>"#
    );
    make_zip(&[
        ("[Content_Types].xml", CONTENT_TYPES_DOCX.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

const CONTENT_TYPES_DOCX: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn html() -> String {
    let mut html = String::from(
        "<html><body><p>2024年重点工作任务分解表</p><table>\
         <tr><td>序号</td><td>重点工作任务</td><td>牵头单位</td><td>配合单位</td></tr>",
    );
    for (index, row) in ROWS.iter().enumerate() {
        html.push_str("<tr>");
        for (column, cell) in row.iter().enumerate() {
            match (column, index) {
                (2, 0) => html.push_str(&format!("<td rowspan=\"3\">{cell}</td>")),
                (2, 1 | 2) => {}
                _ => html.push_str(&format!("<td>{cell}</td>")),
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</table></body></html>");
    html
}

/// An .xlsx with inline strings and the lead cells C2:C4 merged (Excel keeps C3, C4 empty).
fn xlsx() -> Vec<u8> {
    let column = ["A", "B", "C", "D"];
    let mut sheet_rows = String::new();
    let header = ["序号", "重点工作任务", "牵头单位", "配合单位"];
    let all: Vec<[&str; 4]> = std::iter::once(header).chain(ROWS).collect();
    for (r, row) in all.iter().enumerate() {
        sheet_rows.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet_rows.push_str(&format!(
                    "<c r=\"{}{}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>",
                    column[c],
                    r + 1
                ));
            }
        }
        sheet_rows.push_str("</row>");
    }
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_rows}</sheetData><mergeCells count="1"><mergeCell ref="C2:C4"/></mergeCells></worksheet>"#
    );
    let workbook = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="任务" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    make_zip(&[
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

#[test]
fn a_merged_lead_cell_leads_every_row_it_spans_in_docx_html_and_xlsx() {
    let docx_text = opened("分解表.docx", &docx());
    let html_text = from_text(TextKind::Html, &html());
    let xlsx_text = opened("分解表.xlsx", &xlsx());
    check("docx", &docx_text);
    check("html", &html_text);
    check("xlsx", &xlsx_text);
    // The same table, the same canonical rows from each reader.
    let table = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|line| line.contains('\t'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(table(&docx_text), table(&html_text));
    assert_eq!(table(&docx_text), table(&xlsx_text));
    assert_eq!(table(&docx_text)[2], "2\t新建城市书房5处\t区住建局\t各街道");
}

#[test]
fn a_merged_task_or_number_cell_is_one_task_not_a_copy() {
    // 序号 and task merged over two rows whose 配合单位 differ: one task, the second row reported.
    let html = "<table><tr><td>序号</td><td>重点工作任务</td><td>牵头单位</td><td>配合单位</td></tr>\
        <tr><td rowspan=2>1</td><td rowspan=2>推进老旧小区改造</td><td>区住建局</td><td>区财政局</td></tr>\
        <tr><td>区城管局</td><td>各街道</td></tr>\
        <tr><td>2</td><td>新建城市书房5处</td><td>区文旅局</td><td></td></tr></table>";
    let doc = parse(&from_text(TextKind::Html, html));
    let labels: Vec<&str> = doc.tasks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["1", "2"]);
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.message.contains("没有任务内容")));
}

#[test]
fn pasted_rows_with_empty_covered_cells_carry_the_lead_down() {
    // Excel's own text/plain clipboard leaves merged cells' covered cells empty: a task row that
    // names neither a lead nor a responsible unit takes them from the row above; the 配合单位
    // only with them; a row naming its own 责任单位 under an empty 牵头单位 keeps that unit leading.
    let text = "序号\t重点工作任务\t牵头单位\t责任单位\t配合单位\t完成时限\n\
        1\t推进老旧小区改造\t区住建局\t\t区财政局\t2024年12月\n\
        2\t新建城市书房5处\t\t\t\t\n\
        3\t实施道路微循环工程\t\t区城管局\t\t2024年6月\n";
    let doc = parse(text);
    let units: Vec<(Vec<String>, Vec<String>, Option<String>)> = doc
        .tasks
        .iter()
        .map(|t| {
            (
                t.lead_units.clone(),
                t.participating_units.clone(),
                t.due.clone(),
            )
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        units,
        [
            (
                s(&["区住建局"]),
                s(&["区财政局"]),
                Some("2024年12月".into())
            ),
            (
                s(&["区住建局"]),
                s(&["区财政局"]),
                Some("2024年12月".into())
            ),
            (s(&["区城管局"]), s(&[]), Some("2024年6月".into())),
        ]
    );
}

#[test]
fn a_long_merged_passage_is_not_copied_into_the_rows_it_spans() {
    // A page laid out with a table: a sidebar cell spanning two rows is prose, not a unit.
    let long = "本栏目".repeat(25);
    let html = format!(
        "<table><tr><td rowspan=2>{long}</td><td>区住建局</td></tr><tr><td>区财政局</td></tr></table>"
    );
    let text = from_text(TextKind::Html, &html);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("{long}\t区住建局"));
    assert_eq!(lines[1], "\t区财政局");
}
