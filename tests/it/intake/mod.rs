//! The file readers of src/intake, on real files (tests/fixtures/intake, made by
//! make_fixtures.py with openpyxl / python-docx and by LibreOffice).

mod merged;
mod numbering;
mod readers;
mod xlsx;
mod xml;
pub mod zip;

use std::path::PathBuf;

pub fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/intake")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
