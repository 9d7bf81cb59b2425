//! The .xlsx reader: workbook → sheets (with their names) → rows of cell strings. Shared strings,
//! inline strings, numbers (dates in a date format shown as dates), booleans and formula results;
//! gaps between cell references are empty strings; merged ranges are listed, the text staying in
//! the top-left cell as Excel keeps it.

use super::xml::{Token, Tokenizer};
use super::zip::{ZipArchive, ZipError};

/// A sheet far beyond any task list is refused rather than expanded in memory.
pub const MAX_ROWS: usize = 100_000;
pub const MAX_COLUMNS: usize = 1_000;
/// Cells a sheet may hold including the empty ones that fill gaps.
pub const MAX_CELLS: usize = 4_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    /// `rows[r][c]` is the cell at row r+1, column c+1 (A = 0). Rows and cells up to the last
    /// non-empty one of each row; missing rows are empty vectors.
    pub rows: Vec<Vec<String>>,
    /// Merged ranges, zero-based and inclusive.
    pub merges: Vec<CellRange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRange {
    pub first_row: usize,
    pub first_column: usize,
    pub last_row: usize,
    pub last_column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxError {
    Zip(ZipError),
    /// A zip, but not a workbook (e.g. a .docx renamed).
    NotWorkbook,
    TooLarge,
}

impl XlsxError {
    pub fn message(&self) -> String {
        match self {
            XlsxError::Zip(error) => error.message(),
            XlsxError::NotWorkbook => {
                "这不是 Excel 工作簿（.xlsx）：文件内容与扩展名不符。".to_string()
            }
            XlsxError::TooLarge => format!(
                "工作表过大（超过 {MAX_ROWS} 行或 {MAX_COLUMNS} 列），不像是一份任务清单，未打开。"
            ),
        }
    }
}

impl From<ZipError> for XlsxError {
    fn from(error: ZipError) -> XlsxError {
        XlsxError::Zip(error)
    }
}

impl Sheet {
    /// The cell at zero-based row and column, "" when absent.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|cells| cells.get(column))
            .map_or("", String::as_str)
    }
}

/// Read every sheet of an .xlsx file, in workbook order.
pub fn read_workbook(bytes: &[u8]) -> Result<Workbook, XlsxError> {
    let zip = ZipArchive::new(bytes)?;
    let workbook_xml = match zip.read_text("xl/workbook.xml") {
        Ok(text) => text,
        Err(ZipError::Missing(_)) => return Err(XlsxError::NotWorkbook),
        Err(error) => return Err(error.into()),
    };
    let relations = match zip.read_text("xl/_rels/workbook.xml.rels") {
        Ok(text) => relationships(&text),
        Err(ZipError::Missing(_)) => Vec::new(),
        Err(error) => return Err(error.into()),
    };
    let shared = match zip.read_text("xl/sharedStrings.xml") {
        Ok(text) => shared_strings(&text),
        Err(ZipError::Missing(_)) => Vec::new(),
        Err(error) => return Err(error.into()),
    };
    let date_styles = match zip.read_text("xl/styles.xml") {
        Ok(text) => date_styles(&text),
        Err(_) => Vec::new(),
    };
    let mut sheets = Vec::new();
    for (index, (name, relation)) in sheet_entries(&workbook_xml).into_iter().enumerate() {
        let target = relations
            .iter()
            .find(|(id, _)| *id == relation)
            .map(|(_, target)| part_path(target))
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", index + 1));
        let xml = match zip.read_text(&target) {
            Ok(xml) => xml,
            // A chart sheet or a missing part: no cells.
            Err(ZipError::Missing(_)) => continue,
            Err(error) => return Err(error.into()),
        };
        let (rows, merges) = sheet_cells(&xml, &shared, &date_styles)?;
        sheets.push(Sheet { name, rows, merges });
    }
    Ok(Workbook { sheets })
}

/// A relationship target is relative to `xl/`, or package-absolute when it begins with '/'.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{}", target.trim_start_matches("./")),
    }
}

fn relationships(xml: &str) -> Vec<(String, String)> {
    Tokenizer::new(xml)
        .filter_map(|token| match token {
            Token::Start(tag) if tag.is("Relationship") => Some((
                tag.attr("Id")?.into_owned(),
                tag.attr("Target")?.into_owned(),
            )),
            _ => None,
        })
        .collect()
}

/// (sheet name, relationship id) in workbook order.
fn sheet_entries(xml: &str) -> Vec<(String, String)> {
    Tokenizer::new(xml)
        .filter_map(|token| match token {
            Token::Start(tag) if tag.is("sheet") => Some((
                tag.attr("name").map(|n| n.into_owned()).unwrap_or_default(),
                tag.attr("r:id").or_else(|| tag.attr("id"))?.into_owned(),
            )),
            _ => None,
        })
        .collect()
}

/// The text of each `<si>`: its `<t>` runs, without phonetic (`<rPh>`) text.
fn shared_strings(xml: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    let mut phonetic = 0usize;
    for token in Tokenizer::new(xml) {
        match token {
            Token::Start(tag) if tag.is("si") => {
                if tag.empty {
                    strings.push(String::new());
                } else {
                    current = Some(String::new());
                }
            }
            Token::End(name) if super::xml::local_name(name) == "si" => {
                strings.push(current.take().unwrap_or_default());
            }
            Token::Start(tag) if tag.is("rPh") && !tag.empty => phonetic += 1,
            Token::End(name) if super::xml::local_name(name) == "rPh" => {
                phonetic = phonetic.saturating_sub(1)
            }
            Token::Start(tag) if tag.is("t") => in_text = !tag.empty,
            Token::End(name) if super::xml::local_name(name) == "t" => in_text = false,
            Token::Text(text) if in_text && phonetic == 0 => {
                if let Some(current) = current.as_mut() {
                    current.push_str(&text);
                }
            }
            _ => {}
        }
    }
    strings
}

/// Per cell style index (`s`), whether its number format shows a date.
fn date_styles(xml: &str) -> Vec<bool> {
    let mut custom_dates: Vec<u32> = Vec::new();
    let mut styles = Vec::new();
    let mut in_cell_xfs = false;
    for token in Tokenizer::new(xml) {
        match token {
            Token::Start(tag) if tag.is("numFmt") => {
                let id = tag.attr("numFmtId").and_then(|id| id.parse::<u32>().ok());
                let code = tag.attr("formatCode").unwrap_or_default();
                if let Some(id) = id {
                    if is_date_code(&code) {
                        custom_dates.push(id);
                    }
                }
            }
            Token::Start(tag) if tag.is("cellXfs") => in_cell_xfs = !tag.empty,
            Token::End(name) if super::xml::local_name(name) == "cellXfs" => in_cell_xfs = false,
            Token::Start(tag) if in_cell_xfs && tag.is("xf") => {
                let id = tag
                    .attr("numFmtId")
                    .and_then(|id| id.parse::<u32>().ok())
                    .unwrap_or(0);
                // Built-in date formats: 14–22, 45–47 and the CJK ones 27–36, 50–58.
                let builtin = matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58);
                styles.push(builtin || custom_dates.contains(&id));
            }
            _ => {}
        }
    }
    styles
}

/// A format code shows a date when it has y, m or d outside quotes and brackets (colours,
/// conditions) and is not only a time.
fn is_date_code(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    for c in code.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'y' | 'Y' | 'd' | 'D' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// Parse "B12" into zero-based (row, column).
pub fn cell_reference(reference: &str) -> Option<(usize, usize)> {
    let letters = reference
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut column = 0usize;
    for b in reference[..letters].bytes() {
        column = column * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    let digits = reference[letters..].trim_start_matches('$');
    let row: usize = digits.parse().ok()?;
    if row == 0 {
        return None;
    }
    Some((row - 1, column - 1))
}

fn cell_range(reference: &str) -> Option<CellRange> {
    let (first, last) = reference.split_once(':').unwrap_or((reference, reference));
    let clean = |s: &str| s.replace('$', "");
    let (first_row, first_column) = cell_reference(&clean(first))?;
    let (last_row, last_column) = cell_reference(&clean(last))?;
    Some(CellRange {
        first_row: first_row.min(last_row),
        first_column: first_column.min(last_column),
        last_row: first_row.max(last_row),
        last_column: first_column.max(last_column),
    })
}

/// Excel's serial day number (1900 system, with its phantom 29 Feb 1900) as 2024年1月5日.
fn serial_date(value: &str) -> Option<String> {
    let serial: f64 = value.trim().parse().ok()?;
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    if days >= 60 {
        days -= 1; // Excel counts 1900-02-29, which never was.
    }
    // Days since 1899-12-31 → civil date (Howard Hinnant's algorithm, from 1970-01-01).
    let z = days - 25_568 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!("{year}年{month}月{day}日"))
}

type Cells = (Vec<Vec<String>>, Vec<CellRange>);

fn sheet_cells(xml: &str, shared: &[String], date_styles: &[bool]) -> Result<Cells, XlsxError> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut merges = Vec::new();
    let mut cells_held = 0usize;
    // The current row and cell position (for cells and rows without a reference).
    let mut row_index = 0usize;
    let mut next_row = 0usize;
    let mut next_column = 0usize;
    // The cell being read.
    let mut cell: Option<(usize, String, bool)> = None; // column, type, date style
    let mut value = String::new();
    let mut inline = String::new();
    let mut in_value = false;
    let mut in_inline_text = false;
    let mut phonetic = false;
    for token in Tokenizer::new(xml) {
        match token {
            Token::Start(tag) if tag.is("row") => {
                row_index = tag
                    .attr("r")
                    .and_then(|r| r.parse::<usize>().ok())
                    .filter(|&r| r > 0)
                    .map_or(next_row, |r| r - 1);
                next_row = row_index + 1;
                next_column = 0;
                if row_index >= MAX_ROWS {
                    return Err(XlsxError::TooLarge);
                }
            }
            Token::Start(tag) if tag.is("c") => {
                let (row, column) = tag
                    .attr("r")
                    .and_then(|r| cell_reference(&r))
                    .unwrap_or((row_index, next_column));
                if row >= MAX_ROWS || column >= MAX_COLUMNS {
                    return Err(XlsxError::TooLarge);
                }
                row_index = row;
                next_column = column + 1;
                let kind = tag.attr("t").map(|t| t.into_owned()).unwrap_or_default();
                let date = tag
                    .attr("s")
                    .and_then(|s| s.parse::<usize>().ok())
                    .and_then(|s| date_styles.get(s).copied())
                    .unwrap_or(false);
                value.clear();
                inline.clear();
                if tag.empty {
                    cell = None;
                } else {
                    cell = Some((column, kind, date));
                }
            }
            Token::Start(tag) if tag.is("v") => in_value = !tag.empty,
            Token::End(name) if super::xml::local_name(name) == "v" => in_value = false,
            Token::Start(tag) if tag.is("rPh") => phonetic = !tag.empty,
            Token::End(name) if super::xml::local_name(name) == "rPh" => phonetic = false,
            Token::Start(tag) if tag.is("t") && cell.is_some() => in_inline_text = !tag.empty,
            Token::End(name) if super::xml::local_name(name) == "t" => in_inline_text = false,
            Token::Text(text) if in_value => value.push_str(&text),
            Token::Text(text) if in_inline_text && !phonetic => inline.push_str(&text),
            Token::End(name) if super::xml::local_name(name) == "c" => {
                let Some((column, kind, date)) = cell.take() else {
                    continue;
                };
                let text = match kind.as_str() {
                    "s" => value
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| shared.get(i))
                        .cloned()
                        .unwrap_or_default(),
                    "inlineStr" => std::mem::take(&mut inline),
                    "b" => match value.trim() {
                        "1" => "TRUE".to_string(),
                        "0" => "FALSE".to_string(),
                        other => other.to_string(),
                    },
                    "str" | "e" => std::mem::take(&mut value),
                    _ if date => serial_date(&value).unwrap_or_else(|| value.clone()),
                    _ => value.trim().to_string(),
                };
                if text.is_empty() {
                    continue;
                }
                if rows.len() <= row_index {
                    rows.resize_with(row_index + 1, Vec::new);
                }
                let row = &mut rows[row_index];
                if row.len() <= column {
                    cells_held += column + 1 - row.len();
                    if cells_held > MAX_CELLS {
                        return Err(XlsxError::TooLarge);
                    }
                    row.resize(column + 1, String::new());
                }
                row[column] = text;
            }
            Token::Start(tag) if tag.is("mergeCell") => {
                if let Some(range) = tag.attr("ref").and_then(|r| cell_range(&r)) {
                    merges.push(range);
                }
            }
            _ => {}
        }
    }
    Ok((rows, merges))
}

/// The rows of a sheet with every merged range read as the other readers read merges: the text of
/// its top-left cell repeated down its first column (every row a merged 牵头单位 spans names it),
/// its other covered cells empty — Excel stores covered cells empty; stray values are cleared.
pub fn rows_with_merges(sheet: &Sheet) -> Vec<Vec<String>> {
    let mut rows = sheet.rows.clone();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for range in &sheet.merges {
        let top = rows
            .get(range.first_row)
            .and_then(|row| row.get(range.first_column))
            .cloned()
            .unwrap_or_default();
        for (r, row) in rows
            .iter_mut()
            .enumerate()
            .take(range.last_row + 1)
            .skip(range.first_row)
        {
            // A covered row may stop before the merge (its cells are empty): it still gets the
            // text, within the sheet's width (a merge far out does not widen every row).
            if r > range.first_row && row.len() <= range.first_column && range.first_column < width
            {
                row.resize(range.first_column + 1, String::new());
            }
            for (c, cell) in row
                .iter_mut()
                .enumerate()
                .take(range.last_column + 1)
                .skip(range.first_column)
            {
                if c == range.first_column {
                    if r != range.first_row {
                        *cell = super::table::repeated(&top);
                    }
                } else {
                    cell.clear();
                }
            }
        }
    }
    rows
}
