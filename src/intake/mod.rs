//! File intake: the bytes of a file a person opens (or the HTML of a paste) become ONE canonical
//! text — paragraphs one per line, tables as TAB-separated rows between blank lines (see
//! `/work/notes/INTERFACE-intake.md`, summarised in ARCHITECTURE.md) — which is what is
//! fingerprinted, stored and parsed. Pure: no browser, no clock; the readers never interpret cells.

pub mod xlsx;
pub mod xml;
pub mod zip;

/// Write one table cell as Excel/WPS's text/plain clipboard does: quoted (inner quotes doubled)
/// when it holds a newline, a TAB or begins with a quote.
pub fn push_cell(out: &mut String, cell: &str) {
    let cell =
        cell.trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{3000}' || c == '\r');
    if cell.contains(['\n', '\t']) || cell.starts_with('"') {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Append a table to the canonical text: a blank line before and after, one row per line, cells
/// TAB-separated, trailing empty cells dropped, rows with no text at all left out (a blank line
/// would end the table).
pub fn push_table(out: &mut String, rows: &[Vec<String>]) {
    let mut wrote_any = false;
    for row in rows {
        let used = row
            .iter()
            .rposition(|cell| !cell.trim().is_empty())
            .map_or(0, |last| last + 1);
        if used == 0 {
            continue;
        }
        if !wrote_any {
            end_paragraph(out);
            if !out.is_empty() {
                out.push('\n');
            }
            wrote_any = true;
        }
        for (index, cell) in row[..used].iter().enumerate() {
            if index > 0 {
                out.push('\t');
            }
            push_cell(out, cell);
        }
        out.push('\n');
    }
    if wrote_any {
        out.push('\n');
    }
}

/// Make sure the text ends at a line start.
fn end_paragraph(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// The canonical text of one sheet: its rows as one table.
pub fn sheet_text(sheet: &xlsx::Sheet) -> String {
    let mut out = String::new();
    push_table(&mut out, &xlsx::rows_with_merges(sheet));
    out
}
