//! Files we write, read back: the 督办台账 workbook (through our own .xlsx reader), 进展汇总's
//! workbook and its Word file.

mod actuals;
mod docx;
mod units_sheet;
mod workbook;

use luoshi::intake::xlsx::{read_workbook, Sheet, Workbook};

pub fn workbook(bytes: &[u8]) -> Workbook {
    read_workbook(bytes).unwrap_or_else(|e| panic!("{}", e.message()))
}

pub fn sheet<'a>(book: &'a Workbook, name: &str) -> &'a Sheet {
    book.sheets
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("sheet {name}"))
}

/// The row whose first cell is the task number.
pub fn task_row(sheet: &Sheet, number: u32) -> &[String] {
    sheet
        .rows
        .iter()
        .find(|r| r.first().map(String::as_str) == Some(number.to_string().as_str()))
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("row of task {number}"))
}

/// Unzip one part (stored or deflated) of a package, for checking XML the reader does not expose.
pub fn part(bytes: &[u8], name: &str) -> String {
    let archive = luoshi::intake::zip::ZipArchive::new(bytes).unwrap_or_else(|e| panic!("{e:?}"));
    archive
        .read_text(name)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}
