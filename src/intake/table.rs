//! The structure shared by the .docx and HTML readers: paragraphs and (possibly nested) tables
//! with merged cells, written out as the canonical text.

use super::push_table;

/// A line break inside a cell (a paragraph end or `<br>`), kept apart from the source's own
/// white space, which is collapsed like any other.
const BREAK: char = '\u{1e}';

/// Spans are clamped: a cell claiming 10 000 columns would otherwise make a huge grid.
const MAX_SPAN: usize = 64;

/// A vertically merged cell's text is repeated in the rows it covers only when it is this short:
/// a unit, leader, date, number or category is; a long passage (a page's layout table with a
/// sidebar spanning rows) would only be copied into rows it does not belong to.
pub const MAX_REPEATED_CHARS: usize = 60;

/// The text a cell covered by a vertical merge gets: the merged text when short, else nothing.
pub fn repeated(text: &str) -> String {
    if text.chars().nth(MAX_REPEATED_CHARS).is_none() {
        text.to_string()
    } else {
        String::new()
    }
}

#[derive(Debug, Default)]
struct Cell {
    text: String,
    colspan: usize,
    rowspan: usize,
    /// A docx vMerge continuation: the cell of the merge above continues here.
    continues: bool,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    cell: Option<Cell>,
}

/// Collects text into lines and tables; `finish` gives the canonical text.
#[derive(Debug, Default)]
pub struct TextBuilder {
    out: String,
    line: String,
    tables: Vec<Table>,
}

impl TextBuilder {
    pub fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// Where text goes now: the open cell of the innermost table, nowhere between cells, or the
    /// current line.
    fn target(&mut self) -> Option<&mut String> {
        match self.tables.last_mut() {
            Some(table) => table.cell.as_mut().map(|cell| &mut cell.text),
            None => Some(&mut self.line),
        }
    }

    pub fn text(&mut self, text: &str) {
        if let Some(target) = self.target() {
            target.push_str(text);
        }
    }

    /// End a paragraph (or a `<br>`): a new line, inside a cell too.
    pub fn line_break(&mut self) {
        if self.tables.is_empty() {
            let line = normalize_line(&self.line);
            if !line.is_empty() {
                self.out.push_str(&line);
                self.out.push('\n');
            }
            self.line.clear();
        } else if let Some(target) = self.target() {
            if !target.is_empty() && !target.ends_with(BREAK) {
                target.push(BREAK);
            }
        }
    }

    pub fn start_table(&mut self) {
        if self.tables.is_empty() {
            self.line_break();
        }
        self.tables.push(Table::default());
    }

    pub fn start_row(&mut self) {
        self.end_row();
        if let Some(table) = self.tables.last_mut() {
            table.row = Some(Vec::new());
        }
    }

    pub fn end_row(&mut self) {
        self.end_cell();
        if let Some(table) = self.tables.last_mut() {
            if let Some(row) = table.row.take() {
                table.rows.push(row);
            }
        }
    }

    /// A cell continuing the vertical merge of the cell above it (docx `w:vMerge` without
    /// `restart`): it takes the merged text, as a rowspan's covered cells do.
    pub fn continue_cell(&mut self, colspan: usize) {
        self.start_cell(colspan, 1);
        if let Some(cell) = self.tables.last_mut().and_then(|table| table.cell.as_mut()) {
            cell.continues = true;
        }
        self.end_cell();
    }

    pub fn start_cell(&mut self, colspan: usize, rowspan: usize) {
        self.end_cell();
        if let Some(table) = self.tables.last_mut() {
            if table.row.is_none() {
                table.row = Some(Vec::new());
            }
            table.cell = Some(Cell {
                text: String::new(),
                colspan: colspan.clamp(1, MAX_SPAN),
                rowspan: rowspan.max(1),
                continues: false,
            });
        }
    }

    pub fn end_cell(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            if let Some(cell) = table.cell.take() {
                table.row.get_or_insert_with(Vec::new).push(cell);
            }
        }
    }

    pub fn end_table(&mut self) {
        self.end_row();
        let Some(table) = self.tables.pop() else {
            return;
        };
        let grid = resolve(table.rows);
        if self.tables.is_empty() {
            push_table(&mut self.out, &grid);
        } else {
            // A table inside a cell: its rows become lines of the outer cell.
            let text: Vec<String> = grid
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|cell| cell.trim())
                        .filter(|cell| !cell.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|line| !line.is_empty())
                .collect();
            self.line_break();
            self.text(&text.join(&BREAK.to_string()));
            self.line_break();
        }
    }

    pub fn in_table(&self) -> bool {
        !self.tables.is_empty()
    }

    pub fn finish(mut self) -> String {
        while !self.tables.is_empty() {
            self.end_table();
        }
        self.line_break();
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }
}

/// Rows of spanning cells → a grid: each cell's text in its top-left slot and in the slots below it
/// that a vertical merge covers (so every row a merged 牵头单位 spans names it); the other slots it
/// covers (to the right) empty. Row spans reach at most to the table's last row.
fn resolve(rows: Vec<Vec<Cell>>) -> Vec<Vec<String>> {
    let count = rows.len();
    let mut grid: Vec<Vec<Option<String>>> = (0..count).map(|_| Vec::new()).collect();
    for (r, row) in rows.into_iter().enumerate() {
        let mut column = 0;
        for cell in row {
            while grid[r].get(column).is_some_and(Option::is_some) {
                column += 1;
            }
            let last_row = (r + cell.rowspan).min(count);
            let text = if cell.continues {
                // The merged text of the cell above in the same column.
                r.checked_sub(1)
                    .and_then(|above| grid[above].get(column).cloned().flatten())
                    .map(|text| repeated(&text))
                    .unwrap_or_default()
            } else {
                normalize_cell(&cell.text)
            };
            for (grid_index, grid_row) in grid[r..last_row].iter_mut().enumerate() {
                if grid_row.len() < column + cell.colspan {
                    grid_row.resize(column + cell.colspan, None);
                }
                for dc in 0..cell.colspan {
                    let slot = &mut grid_row[column + dc];
                    if slot.is_none() {
                        *slot = Some(match (grid_index, dc) {
                            (0, 0) => text.clone(),
                            (_, 0) => repeated(&text),
                            _ => String::new(),
                        });
                    }
                }
            }
            column += cell.colspan;
        }
    }
    grid.into_iter()
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect()
}

fn normalize_cell(text: &str) -> String {
    text.split(BREAK)
        .map(normalize_line)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Collapse runs of white space to one space (as a browser renders them), drop a run that was a
/// source line break between two Chinese characters, and trim.
pub fn normalize_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            let between_cjk = run.contains(['\n', '\r'])
                && out.chars().next_back().is_some_and(is_cjk)
                && is_cjk(c);
            if !out.is_empty() && !between_cjk {
                out.push(' ');
            }
            run.clear();
        }
        out.push(c);
    }
    out.trim_matches('\u{3000}').to_string()
}
