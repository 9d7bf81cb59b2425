//! The .docx reader: `word/document.xml` → paragraphs (one per line) and tables (merged cells by
//! `w:gridSpan`, `w:vMerge` — a vertical merge's text repeated in every row it spans —,
//! `w:gridBefore`). Deleted revisions, field codes and the fallback copy
//! of alternate content are not text.

use super::table::TextBuilder;
use super::xml::{local_name, Token, Tokenizer};
use super::zip::{ZipArchive, ZipError};
use super::IntakeError;

pub fn read_docx(bytes: &[u8]) -> Result<String, IntakeError> {
    let zip = ZipArchive::new(bytes).map_err(IntakeError::Zip)?;
    let xml = match zip.read_text("word/document.xml") {
        Ok(xml) => xml,
        Err(ZipError::Missing(_)) => return Err(IntakeError::WrongContent),
        Err(error) => return Err(IntakeError::Zip(error)),
    };
    Ok(document_text(&xml))
}

/// The canonical text of a WordprocessingML body.
pub fn document_text(xml: &str) -> String {
    let mut out = TextBuilder::new();
    let mut in_text = false;
    let mut run_depth = 0usize;
    // Inside mc:Fallback, w:del, w:txbxContent (text boxes float outside the flow): no text.
    let mut skip_depth = 0usize;
    // The cell whose properties are being read: (grid span, is a vMerge continuation).
    let mut cell_props: Option<(usize, bool)> = None;
    let mut grid_before = 0usize;
    for token in Tokenizer::new(xml) {
        match token {
            Token::Start(tag) => {
                let name = tag.local();
                if skip_depth > 0 {
                    if !tag.empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                if matches!(
                    name,
                    "Fallback"
                        | "del"
                        | "txbxContent"
                        | "instrText"
                        | "delText"
                        | "drawing"
                        | "pict"
                        | "object"
                ) && !tag.empty
                {
                    skip_depth = 1;
                    continue;
                }
                // The first content of a cell ends its properties.
                if cell_props.is_some() && matches!(name, "p" | "tbl" | "sdt" | "customXml") {
                    open_cell(&mut out, &mut cell_props);
                }
                match name {
                    "tbl" if !tag.empty => out.start_table(),
                    "tr" if !tag.empty => {
                        out.start_row();
                        grid_before = 0;
                    }
                    "gridBefore" => {
                        grid_before = tag
                            .attr("val")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(0)
                            .min(64);
                    }
                    "tc" if !tag.empty => {
                        for _ in 0..std::mem::take(&mut grid_before) {
                            out.start_cell(1, 1);
                            out.end_cell();
                        }
                        cell_props = Some((1, false));
                    }
                    "gridSpan" => {
                        if let Some(props) = cell_props.as_mut() {
                            props.0 = tag
                                .attr("val")
                                .and_then(|v| v.parse::<usize>().ok())
                                .unwrap_or(1);
                        }
                    }
                    "vMerge" | "hMerge" => {
                        let restart = tag.attr("val").is_some_and(|v| v == "restart");
                        if let Some(props) = cell_props.as_mut() {
                            if name == "vMerge" {
                                props.1 = !restart;
                            } else if !restart {
                                // Old-style horizontal merge continuation: no cell of its own.
                                props.0 = 0;
                            }
                        }
                    }
                    "r" if !tag.empty => run_depth += 1,
                    "t" if run_depth > 0 => in_text = !tag.empty,
                    "tab" | "ptab" if run_depth > 0 => out.text(" "),
                    "br" | "cr" if run_depth > 0 => out.line_break(),
                    "noBreakHyphen" => out.text("-"),
                    _ => {}
                }
            }
            Token::End(name) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match local_name(name) {
                    "t" => in_text = false,
                    "r" => run_depth = run_depth.saturating_sub(1),
                    "p" => out.line_break(),
                    "tc" => {
                        open_cell(&mut out, &mut cell_props);
                        out.end_cell();
                    }
                    "tr" => out.end_row(),
                    "tbl" => out.end_table(),
                    _ => {}
                }
            }
            Token::Text(text) => {
                if in_text && skip_depth == 0 {
                    out.text(&text);
                }
            }
        }
    }
    out.finish()
}

/// Open the cell whose properties were just read. A vMerge continuation takes the merged text of
/// the cell above (its own text, if any, dropped); an hMerge continuation is no cell.
fn open_cell(out: &mut TextBuilder, props: &mut Option<(usize, bool)>) {
    if let Some((span, continuation)) = props.take() {
        if span == 0 {
            return;
        }
        if continuation {
            // Closed at once: text written into a continuation cell has no target.
            out.continue_cell(span);
        } else {
            out.start_cell(span, 1);
        }
    }
}
