//! XLSX 督办台账, written directly as SpreadsheetML parts in a zip: a title row, a frozen header
//! row, wrapped text, fixed widths and a fill per status (the status text is always in the cell).
//! rust_xlsxwriter would add ~260 KB brotli to the wasm (see BENCHMARKS.md); this needs ~10 KB.

use super::zip::ZipWriter;
use super::{text, ReportError, ReportSheet, LEADER_COLUMN};
use crate::ledger::Status;
use std::fmt::Write;

/// Excel's limits.
const MAX_CELL_CHARS: usize = 32_767;
const MAX_ROWS: usize = 1_048_576;

/// Column widths in characters (CJK characters count about 2), by heading.
fn width(column: &str) -> f64 {
    match column {
        "序号" => 6.0,
        "任务" => 48.0,
        "目标及完成" => 30.0,
        "状态" => 11.0,
        "进度" => 8.0,
        "序时" => 20.0,
        "本期工作进展" => 40.0,
        "存在问题" | "下步计划" => 26.0,
        "更新时间" => 17.0,
        LEADER_COLUMN => 12.0,
        _ => 16.0,
    }
}

/// Status fills (ARGB): 未启动 grey, 序时推进 green, 超序时 blue, 滞后 red, 已完成 dark green,
/// 其他 amber. Matches the app's status colours in spirit; the text says the status too.
pub const STATUS_FILLS: [(&str, &str); 6] = [
    ("not_started", "FFEDEDED"),
    ("on_schedule", "FFC6EFCE"),
    ("ahead_of_schedule", "FFDDEBF7"),
    ("behind", "FFFFC7CE"),
    ("done", "FFA9D08E"),
    ("other", "FFFFEB9C"),
];

// cellXfs indices in styles.xml.
const STYLE_TITLE: usize = 1;
const STYLE_HEADER: usize = 2;
const STYLE_BODY: usize = 3;
const STYLE_CENTER: usize = 4;
/// The first status style; status i (in STATUS_FILLS order) is STYLE_STATUS + i.
const STYLE_STATUS: usize = 5;

/// The sheet as an .xlsx file.
pub fn to_xlsx(sheet: &ReportSheet<'_>) -> Result<Vec<u8>, ReportError> {
    let rows = sheet.rows();
    if rows.len() + 2 > MAX_ROWS {
        return Err(ReportError::TooLarge {
            detail: format!("{} 行", rows.len()),
        });
    }
    if let Some(cell) = rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .find(|c| c.chars().count() > MAX_CELL_CHARS)
    {
        return Err(ReportError::TooLarge {
            detail: format!("单元格 {} 字", cell.chars().count()),
        });
    }
    let title = text::sheet_title(sheet.doc.title.trim(), &sheet.as_of_text());
    let mut xml = String::with_capacity(4096 + rows.len() * 1024);
    xml.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#,
        // Rows 1 (title) and 2 (header) stay in view while scrolling.
        r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#,
        r#"<selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews>"#,
        r#"<sheetFormatPr defaultRowHeight="15"/><cols>"#
    ));
    let columns = sheet.columns();
    for (i, column) in columns.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#,
            n = i + 1,
            width = width(column)
        );
    }
    xml.push_str("</cols><sheetData>");
    xml.push_str(r#"<row r="1" ht="28" customHeight="1">"#);
    push_text_cell(&mut xml, "A1", &title, STYLE_TITLE);
    xml.push_str("</row><row r=\"2\">");
    for (i, heading) in columns.iter().enumerate() {
        push_text_cell(&mut xml, &cell_ref(i, 2), heading, STYLE_HEADER);
    }
    xml.push_str("</row>");
    for (index, row) in rows.iter().enumerate() {
        let r = index + 3;
        let _ = write!(xml, r#"<row r="{r}">"#);
        for (i, (cell, column)) in row.cells.iter().zip(&columns).enumerate() {
            let reference = cell_ref(i, r);
            match *column {
                // 序号 as a number, so the sheet sorts and filters by it.
                "序号" if cell.parse::<u32>().is_ok() => {
                    let _ = write!(
                        xml,
                        r#"<c r="{reference}" s="{STYLE_CENTER}"><v>{cell}</v></c>"#
                    );
                }
                "状态" => push_text_cell(&mut xml, &reference, cell, status_style(&row.status)),
                "进度" => push_text_cell(&mut xml, &reference, cell, STYLE_CENTER),
                _ => push_text_cell(&mut xml, &reference, cell, STYLE_BODY),
            }
        }
        xml.push_str("</row>");
    }
    let last = cell_ref(columns.len() - 1, rows.len() + 2);
    let title_end = cell_ref(columns.len() - 1, 1);
    let _ = write!(
        xml,
        concat!(
            r#"</sheetData><autoFilter ref="A2:{last}"/><mergeCells count="1"><mergeCell ref="A1:{title_end}"/></mergeCells>"#,
            r#"<printOptions horizontalCentered="1"/>"#,
            r#"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>"#,
            r#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#,
            r#"<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"#,
            "</worksheet>"
        ),
        last = last,
        title_end = title_end
    );

    let workbook = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>"#,
            r#"<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'{name}'!$A$2:${last_abs}</definedName>"#,
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'{name}'!$1:$2</definedName></definedNames>"#,
            "</workbook>"
        ),
        name = text::SHEET_NAME,
        last_abs = absolute(&last),
    );

    let mut zip = ZipWriter::new();
    let parts: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", &workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", &styles()),
        ("xl/worksheets/sheet1.xml", &xml),
    ];
    for (name, content) in parts {
        zip.add(name, content.as_bytes()).ok_or_else(too_large)?;
    }
    zip.finish().ok_or_else(too_large)
}

fn too_large() -> ReportError {
    ReportError::TooLarge {
        detail: "超过 4 GB".to_string(),
    }
}

fn status_style(status: &Status) -> usize {
    STATUS_FILLS
        .iter()
        .position(|(key, _)| *key == status.key())
        .map_or(STYLE_BODY, |i| STYLE_STATUS + i)
}

/// `A1`-style reference for a 0-based column and 1-based row (at most 14 columns: one letter suffices).
fn cell_ref(column: usize, row: usize) -> String {
    let letter = char::from(b'A' + u8::try_from(column % 26).unwrap_or(0));
    format!("{letter}{row}")
}

/// `M73` → `$M$73`.
fn absolute(reference: &str) -> String {
    let split = reference
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(reference.len());
    format!("{}${}", &reference[..split], &reference[split..])
}

fn push_text_cell(xml: &mut String, reference: &str, value: &str, style: usize) {
    let _ = write!(
        xml,
        r#"<c r="{reference}" s="{style}" t="inlineStr"><is><t xml:space="preserve">"#
    );
    push_escaped(xml, value);
    xml.push_str("</t></is></c>");
}

/// XML-escape, dropping the control characters XML 1.0 cannot carry at all.
fn push_escaped(xml: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\t' | '\n' | '\r' => xml.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => xml.push(c),
        }
    }
}

fn styles() -> String {
    let mut fills = String::from(
        r#"<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>"#,
    );
    for (_, colour) in STATUS_FILLS {
        let _ = write!(
            fills,
            r#"<fill><patternFill patternType="solid"><fgColor rgb="{colour}"/><bgColor indexed="64"/></patternFill></fill>"#
        );
    }
    let mut status_xfs = String::new();
    for i in 0..STATUS_FILLS.len() {
        let _ = write!(
            status_xfs,
            r#"<xf numFmtId="0" fontId="0" fillId="{}" borderId="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            i + 3
        );
    }
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>"#,
            r#"<font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>"#,
            r#"<font><b/><sz val="14"/><name val="黑体"/><family val="2"/><charset val="134"/></font></fonts>"#,
            r#"<fills count="{fill_count}">{fills}</fills>"#,
            r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#,
            r#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#,
            r#"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#,
            r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
            r#"<cellXfs count="{xf_count}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
            r#"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" applyFont="1" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf>"#,
            r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
            r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            "{status_xfs}</cellXfs>",
            r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
            "</styleSheet>"
        ),
        fill_count = 3 + STATUS_FILLS.len(),
        fills = fills,
        xf_count = STYLE_STATUS + STATUS_FILLS.len(),
        status_xfs = status_xfs,
    )
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    "</Relationships>"
);

const WORKBOOK_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    "</Relationships>"
);
