//! XLSX files written directly as plain SpreadsheetML parts in a zip (no shared strings, no
//! themes, nothing WPS or LibreOffice could read differently): a small sheet model ([`Sheet`]) and
//! its writer, used by the 督办台账 ([`to_xlsx`], [`to_xlsx_with`]) and the 进展汇总 workbook
//! ([`super::report_xlsx`]). rust_xlsxwriter would add ~260 KB brotli to the wasm (see
//! BENCHMARKS.md); this needs ~10 KB.

use super::zip::ZipWriter;
use super::{text, ReportError, ReportSheet};
use crate::ledger::Status;
use std::fmt::Write;

/// Excel's limits.
const MAX_CELL_CHARS: usize = 32_767;
const MAX_ROWS: usize = 1_048_576;

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

/// A cell's look; the index into styles.xml's cellXfs is [`Style::index`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// 宋体 bold 16, centred, no border (the title row).
    Title,
    /// 仿宋 11, left, no border (the line under the title).
    Note,
    /// 宋体 bold 11, grey fill, border, centred and wrapped.
    Header,
    /// 仿宋 11, border, top-left, wrapped.
    Body,
    /// 仿宋 11, border, centred, wrapped.
    Center,
    /// 黑体 11, pale fill, border, left: a section row.
    Section,
    /// 仿宋 11, border, centred, number format `0%`.
    Percent,
    /// The fill of [`STATUS_FILLS`]`[i]`.
    Status(usize),
    /// 仿宋 11, pale yellow fill, border, centred: a cell the recipient fills in.
    Input,
}

impl Style {
    fn index(self) -> usize {
        match self {
            Style::Title => 1,
            Style::Note => 2,
            Style::Header => 3,
            Style::Body => 4,
            Style::Center => 5,
            Style::Section => 6,
            Style::Percent => 7,
            Style::Status(i) => 8 + i.min(STATUS_FILLS.len() - 1),
            Style::Input => 8 + STATUS_FILLS.len(),
        }
    }

    pub(crate) fn of_status(status: &Status) -> Style {
        STATUS_FILLS
            .iter()
            .position(|(key, _)| *key == status.key())
            .map_or(Style::Center, Style::Status)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Number(f64),
    /// A formula (without `=`) and the result it has when written, so readers that do not
    /// calculate (openpyxl, our own reader, a PDF from the stored values) show it; `None`: the
    /// empty text. Excel and WPS calculate again on opening (`fullCalcOnLoad`).
    Formula(String, Option<f64>),
    /// A bordered empty cell (in a merged range or left blank).
    Empty,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub value: Value,
    pub style: Style,
}

impl Cell {
    pub fn text(value: impl Into<String>, style: Style) -> Cell {
        Cell {
            value: Value::Text(value.into()),
            style,
        }
    }

    pub fn number(value: f64, style: Style) -> Cell {
        Cell {
            value: Value::Number(value),
            style,
        }
    }

    pub fn formula(formula: String, result: Option<f64>, style: Style) -> Cell {
        Cell {
            value: Value::Formula(formula, result),
            style,
        }
    }

    pub fn empty(style: Style) -> Cell {
        Cell {
            value: Value::Empty,
            style,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SheetRow {
    pub cells: Vec<Cell>,
    /// Points; `None` lets the application size it.
    pub height: Option<f64>,
}

/// One worksheet: rows top to bottom, merged ranges, and the print/view setup.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Sheet {
    pub name: String,
    /// Column widths in characters (a CJK character counts about 2).
    pub widths: Vec<f64>,
    pub rows: Vec<SheetRow>,
    /// (first row, first column, last row, last column), 0-based.
    pub merges: Vec<(usize, usize, usize, usize)>,
    /// Rows 1..=this stay in view while scrolling and are printed on every page (0: none).
    pub title_rows: usize,
    /// Columns frozen at the left.
    pub frozen_columns: usize,
    /// The 0-based row whose cells head an autofilter down to the last row.
    pub filter_row: Option<usize>,
    /// Ranges (as merges) where Excel and WPS accept only a number, with this prompt and error
    /// text: the cells a recipient fills in with figures.
    pub number_inputs: Vec<(usize, usize, usize, usize)>,
    pub number_prompt: String,
}

/// A 0-based column as letters: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// `A1`-style reference for a 0-based column and 0-based row.
pub(crate) fn cell_ref(column: usize, row: usize) -> String {
    format!("{}{}", column_letters(column), row + 1)
}

/// The sheets as an .xlsx file.
pub(crate) fn write_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, ReportError> {
    for sheet in sheets {
        if sheet.rows.len() > MAX_ROWS {
            return Err(ReportError::TooLarge {
                detail: format!("{} 行", sheet.rows.len()),
            });
        }
        let long = sheet
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .find_map(|c| match &c.value {
                Value::Text(t) if t.chars().count() > MAX_CELL_CHARS => Some(t.chars().count()),
                _ => None,
            });
        if let Some(chars) = long {
            return Err(ReportError::TooLarge {
                detail: format!("单元格 {chars} 字"),
            });
        }
    }
    let mut zip = ZipWriter::new();
    let mut content_types = String::from(CONTENT_TYPES_HEAD);
    let mut workbook = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
    ));
    let mut names = String::new();
    let mut rels = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    ));
    let mut parts: Vec<(String, String)> = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        let name = escaped(&sheet.name);
        let _ = write!(
            workbook,
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        );
        let _ = write!(
            rels,
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
        let _ = write!(
            content_types,
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
        let last_column = column_letters(sheet.widths.len().max(1) - 1);
        if let Some(filter) = sheet.filter_row {
            let _ = write!(
                names,
                r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{name}'!$A${}:${last_column}${}</definedName>"#,
                filter + 1,
                sheet.rows.len().max(filter + 1)
            );
        }
        if sheet.title_rows > 0 {
            let _ = write!(
                names,
                r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'{name}'!$1:${}</definedName>"#,
                sheet.title_rows
            );
        }
        parts.push((format!("xl/worksheets/sheet{n}.xml"), worksheet(sheet)));
    }
    workbook.push_str("</sheets>");
    if !names.is_empty() {
        let _ = write!(workbook, "<definedNames>{names}</definedNames>");
    }
    // Formula cells carry the result they had when written; Excel and WPS work them out again.
    workbook.push_str(r#"<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#);
    let styles_n = sheets.len() + 1;
    let _ = write!(
        rels,
        r#"<Relationship Id="rId{styles_n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    );
    content_types.push_str("</Types>");
    let fixed: [(&str, &str); 5] = [
        ("[Content_Types].xml", &content_types),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", &workbook),
        ("xl/_rels/workbook.xml.rels", &rels),
        ("xl/styles.xml", &styles()),
    ];
    for (name, content) in fixed {
        zip.add(name, content.as_bytes()).ok_or_else(too_large)?;
    }
    for (name, content) in &parts {
        zip.add(name, content.as_bytes()).ok_or_else(too_large)?;
    }
    zip.finish().ok_or_else(too_large)
}

fn worksheet(sheet: &Sheet) -> String {
    let mut xml = String::with_capacity(4096 + sheet.rows.len() * 1024);
    xml.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#,
    ));
    let (rows, columns) = (sheet.title_rows, sheet.frozen_columns);
    if rows > 0 || columns > 0 {
        let top_left = cell_ref(columns, rows);
        let pane = match (rows > 0, columns > 0) {
            (true, true) => "bottomRight",
            (true, false) => "bottomLeft",
            _ => "topRight",
        };
        let _ = write!(
            xml,
            r#"<sheetViews><sheetView workbookViewId="0"><pane{x}{y} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/><selection pane="{pane}" activeCell="{top_left}" sqref="{top_left}"/></sheetView></sheetViews>"#,
            x = if columns > 0 {
                format!(r#" xSplit="{columns}""#)
            } else {
                String::new()
            },
            y = if rows > 0 {
                format!(r#" ySplit="{rows}""#)
            } else {
                String::new()
            },
        );
    }
    xml.push_str(r#"<sheetFormatPr defaultRowHeight="15"/><cols>"#);
    for (i, width) in sheet.widths.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#,
            n = i + 1
        );
    }
    xml.push_str("</cols><sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        match row.height {
            Some(height) => {
                let _ = write!(xml, r#"<row r="{}" ht="{height}" customHeight="1">"#, r + 1);
            }
            None => {
                // LibreOffice does not size rows to their wrapped text on opening, so each row
                // gets the height its text needs (not marked custom: Excel and WPS still refit
                // it when a cell is edited).
                let merged: Vec<usize> = sheet
                    .merges
                    .iter()
                    .filter(|(r1, c1, r2, c2)| (*r1..=*r2).contains(&r) && (r1 != r2 || c1 != c2))
                    .flat_map(|(_, c1, _, c2)| *c1..=*c2)
                    .collect();
                let height = fitted_height(row, &sheet.widths, &merged);
                let _ = write!(xml, r#"<row r="{}" ht="{height}">"#, r + 1);
            }
        }
        for (c, cell) in row.cells.iter().enumerate() {
            let reference = cell_ref(c, r);
            let style = cell.style.index();
            match &cell.value {
                Value::Text(value) => {
                    let _ = write!(
                        xml,
                        r#"<c r="{reference}" s="{style}" t="inlineStr"><is><t xml:space="preserve">"#
                    );
                    push_escaped(&mut xml, value, true);
                    xml.push_str("</t></is></c>");
                }
                Value::Number(value) if value.is_finite() => {
                    let _ = write!(xml, r#"<c r="{reference}" s="{style}"><v>{value}</v></c>"#);
                }
                Value::Formula(formula, result) => {
                    let kind = if result.is_some() { "" } else { r#" t="str""# };
                    let _ = write!(xml, r#"<c r="{reference}" s="{style}"{kind}><f>"#);
                    push_escaped(&mut xml, formula, false);
                    match result {
                        Some(value) if value.is_finite() => {
                            let _ = write!(xml, "</f><v>{value}</v></c>");
                        }
                        _ => xml.push_str("</f><v></v></c>"),
                    }
                }
                _ => {
                    let _ = write!(xml, r#"<c r="{reference}" s="{style}"/>"#);
                }
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData>");
    if let Some(filter) = sheet.filter_row {
        let _ = write!(
            xml,
            r#"<autoFilter ref="A{}:{}"/>"#,
            filter + 1,
            cell_ref(
                sheet.widths.len().max(1) - 1,
                sheet.rows.len().max(filter + 1) - 1
            )
        );
    }
    if !sheet.merges.is_empty() {
        let _ = write!(xml, r#"<mergeCells count="{}">"#, sheet.merges.len());
        for (r1, c1, r2, c2) in &sheet.merges {
            let _ = write!(
                xml,
                r#"<mergeCell ref="{}:{}"/>"#,
                cell_ref(*c1, *r1),
                cell_ref(*c2, *r2)
            );
        }
        xml.push_str("</mergeCells>");
    }
    if !sheet.number_inputs.is_empty() {
        let ranges: Vec<String> = sheet
            .number_inputs
            .iter()
            .map(|(r1, c1, r2, c2)| format!("{}:{}", cell_ref(*c1, *r1), cell_ref(*c2, *r2)))
            .collect();
        let _ = write!(
            xml,
            r#"<dataValidations count="1"><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showInputMessage="1" showErrorMessage="1" prompt=""#
        );
        push_escaped(&mut xml, &sheet.number_prompt, false);
        xml.push_str(r#"" error=""#);
        push_escaped(&mut xml, &sheet.number_prompt, false);
        let _ = write!(
            xml,
            r#"" sqref="{}"><formula1>-1E+307</formula1></dataValidation></dataValidations>"#,
            ranges.join(" ")
        );
    }
    xml.push_str(concat!(
        r#"<printOptions horizontalCentered="1"/>"#,
        r#"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>"#,
        r#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#,
        r#"<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"#,
        "</worksheet>"
    ));
    xml
}

/// Points per line of 11-point 宋体/仿宋 text, and the room above and below.
const LINE_HEIGHT: f64 = 14.5;
const ROW_PADDING: f64 = 4.0;

/// How many lines a text takes in a column `width` characters wide: a CJK or full-width character
/// counts two, anything else one; every line break starts a line.
pub(crate) fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if u32::from(c) >= 0x2E80 { 2.0 } else { 1.0 })
                .sum();
            ((units / room).ceil() as usize).max(1)
        })
        .sum::<usize>()
        .max(1)
}

/// The height, in points, of a row whose texts wrap in their columns (cells in `merged` columns
/// left out: a merged cell's text spreads over several columns).
fn fitted_height(row: &SheetRow, widths: &[f64], merged: &[usize]) -> f64 {
    let lines = row
        .cells
        .iter()
        .enumerate()
        .filter(|(c, _)| !merged.contains(c))
        .map(|(c, cell)| match &cell.value {
            Value::Text(text) => wrapped_lines(text, widths.get(c).copied().unwrap_or(8.43)),
            _ => 1,
        })
        .max()
        .unwrap_or(1);
    // Excel's tallest row.
    (lines as f64 * LINE_HEIGHT + ROW_PADDING).min(409.0)
}

fn too_large() -> ReportError {
    ReportError::TooLarge {
        detail: "超过 4 GB".to_string(),
    }
}

fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_escaped(&mut out, value, true);
    out
}

/// XML-escape, dropping the control characters XML 1.0 cannot carry at all; line breaks (`\n`,
/// `\r`) are kept with `keep_breaks`, dropped without (a docx run breaks lines with `<w:br/>`).
pub(super) fn push_escaped(xml: &mut String, value: &str, keep_breaks: bool) {
    for c in value.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\t' => xml.push(c),
            '\n' | '\r' if keep_breaks => xml.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => xml.push(c),
        }
    }
}

fn styles() -> String {
    let mut fills = String::from(concat!(
        r#"<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
        r#"<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>"#,
        r#"<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill>"#,
    ));
    for (_, colour) in STATUS_FILLS {
        let _ = write!(
            fills,
            r#"<fill><patternFill patternType="solid"><fgColor rgb="{colour}"/><bgColor indexed="64"/></patternFill></fill>"#
        );
    }
    fills.push_str(r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill>"#);
    let mut status_xfs = String::new();
    for i in 0..STATUS_FILLS.len() {
        let _ = write!(
            status_xfs,
            r#"<xf numFmtId="0" fontId="3" fillId="{}" borderId="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            i + 4
        );
    }
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<fonts count="5"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>"#,
            r#"<font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>"#,
            r#"<font><b/><sz val="16"/><name val="宋体"/><family val="2"/><charset val="134"/></font>"#,
            r#"<font><sz val="11"/><name val="仿宋"/><family val="3"/><charset val="134"/></font>"#,
            r#"<font><sz val="11"/><name val="黑体"/><family val="3"/><charset val="134"/></font></fonts>"#,
            r#"<fills count="{fill_count}">{fills}</fills>"#,
            r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#,
            r#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#,
            r#"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#,
            r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
            r#"<cellXfs count="{xf_count}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
            // 1 title
            r#"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            // 2 note
            r#"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" applyFont="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf>"#,
            // 3 header
            r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            // 4 body
            r#"<xf numFmtId="0" fontId="3" fillId="0" borderId="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
            // 5 centre
            r#"<xf numFmtId="0" fontId="3" fillId="0" borderId="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            // 6 section
            r#"<xf numFmtId="0" fontId="4" fillId="3" borderId="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf>"#,
            // 7 percent
            r#"<xf numFmtId="9" fontId="3" fillId="0" borderId="1" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>"#,
            "{status_xfs}",
            // input: the fill after the status fills
            r#"<xf numFmtId="0" fontId="3" fillId="{input_fill}" borderId="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            "</cellXfs>",
            r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
            "</styleSheet>"
        ),
        fill_count = 5 + STATUS_FILLS.len(),
        fills = fills,
        xf_count = 9 + STATUS_FILLS.len(),
        status_xfs = status_xfs,
        input_fill = 4 + STATUS_FILLS.len(),
    )
}

const CONTENT_TYPES_HEAD: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    "</Relationships>"
);

/// The 督办台账 of the sheet's current period, for everyone: see [`to_xlsx_with`].
pub fn to_xlsx(sheet: &ReportSheet<'_>) -> Result<Vec<u8>, ReportError> {
    to_xlsx_with(sheet, &super::LedgerOptions::default())
}

/// The 督办台账: the ledger sheet (one column group per period) and the 报送情况 sheet.
pub fn to_xlsx_with(
    sheet: &ReportSheet<'_>,
    options: &super::LedgerOptions,
) -> Result<Vec<u8>, ReportError> {
    let book = super::book::ledger_book(sheet, options);
    write_workbook(&book)
}

/// The sheet name of the ledger sheet.
pub const LEDGER_SHEET: &str = text::SHEET_NAME;
