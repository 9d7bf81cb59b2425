//! Tables in the text: TSV rows (the canonical form the file readers write, and what Excel/WPS put
//! on the clipboard as text/plain) and flattened tables (one cell per line, with or without blank
//! lines between cells, as copied from a web page, Word or a PDF viewer).
//!
//! A table is found by its header row (序号 / 工作任务 / 牵头单位 / 责任单位 / 完成时限 …, see
//! `header_role`). Each row becomes source lines the line reader already understands: a task line
//! (its number given, not re-read from the text) carrying a labelled note `(牵头单位:…;责任单位:…)`,
//! and a section heading when the category column (or a merged row) changes. So numbering,
//! sections, unit lists and warnings work the same for tables and running text.
//!
//! Flattened rows are delimited by their 序号 cell (a line holding only a number); the lines between
//! are aligned to the columns by a small dynamic programme over what each line looks like (a date,
//! a list of units, a numbered progress item, prose), so a cell spanning several lines (units one
//! per line, a progress column's own "1." "2." lines) lands in its column. Every step is linear in
//! the number of lines (the alignment is O(lines × columns²) per row, columns ≤ a header's length).

use std::borrow::Cow;

use super::header::{chosen_roles, header_role, header_roles};
use crate::document::{ColumnRole, TableReading, TaskNumber, Warning};

/// How a source line is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Ordinary text: headings and task numbers are read from it.
    Text,
    /// Text that is neither a heading nor a task (a notice's attachment list).
    Plain,
    /// A task whose number is known (a table row, a `(一)` item with its own note).
    Task(TaskNumber),
}

/// A source line (1-based physical line number) after tables were turned into task lines.
#[derive(Debug, Clone)]
pub(super) struct Source<'a> {
    pub number: usize,
    pub text: Cow<'a, str>,
    pub kind: Kind,
}

/// Physical lines: `\n`, `\r\n` and a lone `\r` all end a line. (1-based number, byte start, text).
pub(super) fn physical_lines(text: &str) -> Vec<(usize, usize, &str)> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => {
                lines.push((lines.len() + 1, start, &text[start..at]));
                start = at + 1;
            }
            b'\r' => {
                lines.push((lines.len() + 1, start, &text[start..at]));
                if bytes.get(at + 1) == Some(&b'\n') {
                    at += 1;
                }
                start = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    if start < bytes.len() {
        lines.push((lines.len() + 1, start, &text[start..]));
    }
    lines
}

/// Turn every table found in `text` into source lines; the first table's reading is returned.
pub(super) fn expand<'a>(
    text: &'a str,
    mapping: Option<&[ColumnRole]>,
    warnings: &mut Vec<Warning>,
) -> (Vec<Source<'a>>, Option<TableReading>) {
    let lines = physical_lines(text);
    let mut out: Vec<Source<'a>> = Vec::with_capacity(lines.len());
    let mut reading: Option<TableReading> = None;
    let mut index = 0;
    while index < lines.len() {
        let (number, start, line) = lines[index];
        let trimmed = line.trim();
        if trimmed.contains('\t') {
            let cells: Vec<&str> = trimmed.split('\t').map(str::trim).collect();
            if let Some(auto) = header_roles(&cells) {
                let (roles, overridden) = chosen_roles(auto, mapping, reading.is_none());
                let mut table = Table::new(roles.clone(), number);
                let consumed = read_tsv(text, start, &lines[index..], &mut table);
                let rows = table.rows;
                table.finish(&mut out, warnings);
                if reading.is_none() {
                    reading = Some(TableReading {
                        line: number,
                        headers: cells.iter().map(|cell| cell.to_string()).collect(),
                        roles,
                        overridden,
                        flattened: false,
                        rows,
                    });
                }
                index += consumed.max(1);
                continue;
            }
            if let Some(form) = form_row(&cells) {
                for text in form {
                    out.push(Source {
                        number,
                        text: Cow::Owned(text),
                        kind: Kind::Text,
                    });
                }
                index += 1;
                continue;
            }
        } else if header_role(trimmed).is_some() {
            if let Some((consumed, headers, auto)) = flattened_header(&lines[index..]) {
                let (roles, overridden) = chosen_roles(auto, mapping, reading.is_none());
                let mut table = Table::new(roles.clone(), number);
                let body = read_flattened(&lines[index + consumed..], &mut table);
                let rows = table.rows;
                table.finish(&mut out, warnings);
                if reading.is_none() {
                    reading = Some(TableReading {
                        line: number,
                        headers: headers.iter().map(|cell| cell.to_string()).collect(),
                        roles,
                        overridden,
                        flattened: true,
                        rows,
                    });
                }
                index += consumed + body;
                continue;
            }
        }
        out.push(Source {
            number,
            text: Cow::Borrowed(line),
            kind: Kind::Text,
        });
        index += 1;
    }
    (out, reading)
}

/// A row of a form (督办单) copied from a web page: label and value cells side by side
/// (`重点工作:\t135.…`, `牵头单位:\t市…\t配合单位:\t市…`). Each pair becomes a line as the text
/// layouts write it: a task label's value on its own (so its printed number starts a task), a unit,
/// leader or deadline label as `牵头单位:…`, anything else as `label:value`. None when a label
/// cell names no column we know (then the row is left as it is).
fn form_row(cells: &[&str]) -> Option<Vec<String>> {
    let cells: Vec<&str> = cells.iter().copied().filter(|c| !c.is_empty()).collect();
    if cells.len() < 2 || cells.len() % 2 != 0 {
        return None;
    }
    let mut lines = Vec::with_capacity(cells.len() / 2);
    for pair in cells.chunks(2) {
        // A form's label ends with a colon; a data row's first cell does not.
        let label = pair[0]
            .trim_end()
            .strip_suffix([':', '\u{ff1a}'])?
            .trim_end();
        let role = header_role(label)?;
        let value = one_line(pair[1]);
        lines.push(match role {
            ColumnRole::Task if super::task_start(&value).is_some() => value,
            _ => format!("{label}:{value}"),
        });
    }
    Some(lines)
}

#[derive(Debug, Default)]
struct Above {
    task: String,
    number: String,
}

/// The unit, leader and deadline cells of the last task row, as the row gave them to its task.
#[derive(Debug, Default)]
struct Carried {
    lead: String,
    responsible: String,
    cooperating: String,
    leaders: String,
    due: String,
}

/// A table being read: its roles and the source lines its rows became.
struct Table<'a> {
    roles: Vec<ColumnRole>,
    out: Vec<Source<'a>>,
    warnings: Vec<Warning>,
    last_number: TaskNumber,
    category: String,
    /// The last task row's units, leaders and deadline: a cell a vertical merge covers is empty in
    /// the canonical text (docx vMerge, HTML rowspan, xlsx mergeCells, a browser copy), and the
    /// merged value belongs to every row it spans.
    carried: Carried,
    /// The task and 序号 cells of the row above, to tell a merge's repeated text.
    above: Above,
    sections: u32,
    rows: usize,
    header_line: usize,
}

impl<'a> Table<'a> {
    fn new(roles: Vec<ColumnRole>, header_line: usize) -> Table<'a> {
        Table {
            roles,
            out: Vec::new(),
            warnings: Vec::new(),
            last_number: 0,
            category: String::new(),
            carried: Carried::default(),
            above: Above::default(),
            sections: 0,
            rows: 0,
            header_line,
        }
    }

    fn finish(self, out: &mut Vec<Source<'a>>, warnings: &mut Vec<Warning>) {
        out.extend(self.out);
        warnings.extend(self.warnings);
    }

    /// A section heading row (a merged category row, a `一、…` line inside the table).
    fn section(&mut self, line: usize, title: &str) {
        let title = title.trim();
        if title.is_empty() || title == self.category {
            return;
        }
        self.category = title.to_string();
        // A new section starts new merged cells.
        self.carried = Carried::default();
        let text = match super::heading(title) {
            Some(heading) if !heading.bracketed => {
                self.sections = heading.number;
                title.to_string()
            }
            _ => {
                self.sections += 1;
                format!("{}、{}", super::numeral_of(self.sections), title)
            }
        };
        self.out.push(Source {
            number: line,
            text: Cow::Owned(text),
            kind: Kind::Text,
        });
    }

    /// Fill the cells of a task row that a vertical merge covers from the row above. A task row
    /// whose lead and responsible cells are both empty names no unit to answer for it, so they were
    /// merged with the row above and are carried; the 配合单位 cell is carried with them when empty
    /// (a row with its own lead and an empty 配合单位 cell has no other units). Leader and deadline
    /// cells carry on their own (merged over the rows of one leader or one date). A section (a new
    /// category, a heading row) ends every merge.
    fn carry_down(
        &mut self,
        lead: &mut String,
        responsible: &mut String,
        cooperating: &mut String,
        leaders: &mut String,
        due: &mut String,
    ) {
        let carried = &mut self.carried;
        // A row naming its own 责任单位 under an empty 牵头单位 cell is read as that unit leading
        // (无牵头单位的,责任单位即为牵头单位), so only a row with neither is a covered one.
        let names_none = lead.is_empty() && responsible.is_empty();
        let above_names = !carried.lead.is_empty() || !carried.responsible.is_empty();
        if names_none && above_names {
            for (cell, above) in [
                (&mut *lead, &carried.lead),
                (&mut *responsible, &carried.responsible),
                (&mut *cooperating, &carried.cooperating),
            ] {
                if cell.is_empty() {
                    cell.clone_from(above);
                }
            }
        }
        for (cell, above) in [(&mut *leaders, &carried.leaders), (&mut *due, &carried.due)] {
            if cell.is_empty() {
                cell.clone_from(above);
            }
        }
        *carried = Carried {
            lead: lead.clone(),
            responsible: responsible.clone(),
            cooperating: cooperating.clone(),
            leaders: leaders.clone(),
            due: due.clone(),
        };
    }

    /// One data row: cells by column.
    fn row(&mut self, line: usize, row_index: usize, cells: &[String]) {
        let roles = std::mem::take(&mut self.roles);
        self.row_with(&roles, line, row_index, cells);
        self.roles = roles;
    }

    fn row_with(&mut self, roles: &[ColumnRole], line: usize, row_index: usize, cells: &[String]) {
        // The non-empty cells with their roles, trimmed once.
        let picked: Vec<(ColumnRole, &str)> = roles
            .iter()
            .zip(cells)
            .map(|(role, cell)| (*role, cell.trim()))
            .filter(|(_, cell)| !cell.is_empty())
            .collect();
        let cell = |role: ColumnRole| {
            picked
                .iter()
                .filter(move |(r, _)| *r == role)
                .map(|(_, cell)| *cell)
        };
        // The cells of one role, each made one line by `each`, joined by `separator`.
        let joined = |role: ColumnRole, each: fn(&str) -> String, separator: &str| {
            let mut text = String::new();
            for (index, piece) in cell(role).map(each).enumerate() {
                if index > 0 {
                    text.push_str(separator);
                }
                text.push_str(&piece);
            }
            text
        };
        if let Some(category) = cell(ColumnRole::Category).next() {
            let category = category.to_string();
            self.section(line, &category);
        }
        let mut task = joined(ColumnRole::Task, one_line, " ");
        // The readers repeat a vertical merge's text in every row it spans; a task or 序号 cell
        // merged over several rows is one task, so a repeat of the row above is a covered cell.
        let number_cell = cell(ColumnRole::Number).next().unwrap_or("");
        let repeated_number = !number_cell.is_empty() && number_cell == self.above.number;
        self.above.number.clear();
        self.above.number.push_str(number_cell);
        // A row with a new printed number is a new task, even with the same words.
        let new_number = !number_cell.is_empty() && !repeated_number;
        if !task.is_empty() && task == self.above.task && !new_number {
            task.clear();
        } else {
            self.above.task.clone_from(&task);
        }
        let mut lead = joined(ColumnRole::Lead, unit_list, "、");
        let mut responsible = joined(ColumnRole::Responsible, unit_list, "、");
        let mut cooperating = joined(ColumnRole::Cooperating, unit_list, "、");
        let mut leaders = joined(ColumnRole::Leader, unit_list, "、");
        let mut due = joined(ColumnRole::Deadline, one_line, " ");
        if !task.is_empty() {
            self.carry_down(
                &mut lead,
                &mut responsible,
                &mut cooperating,
                &mut leaders,
                &mut due,
            );
        }
        if task.is_empty() {
            let content = [&lead, &responsible, &cooperating, &leaders, &due]
                .iter()
                .any(|text| !text.is_empty());
            if content {
                self.warnings.push(Warning {
                    line,
                    text: cells.join(" | "),
                    message: format!(
                        "表格(表头在第{}行)第{row_index}行没有任务内容,未作为任务读取",
                        self.header_line
                    ),
                });
            }
            return;
        }
        // No 序号 cell: a number printed at the start of the task cell (14.改扩建…) is the label.
        let printed = cell(ColumnRole::Number)
            .next()
            .filter(|_| !repeated_number)
            .and_then(number_in);
        let (number, task) = match printed {
            Some(number) => (number, task),
            None => match super::task_start(&task) {
                Some((number, rest)) => (number, rest.trim_start().to_string()),
                None => (self.last_number + 1, task),
            },
        };
        self.last_number = number;
        let mut text = task;
        let mut fields = 0;
        for (label, value) in [
            ("牵头单位", &lead),
            ("责任单位", &responsible),
            ("配合单位", &cooperating),
            ("责任领导", &leaders),
            ("完成时限", &due),
        ] {
            if !value.is_empty() {
                text.push(if fields == 0 { '(' } else { ';' });
                text.push_str(label);
                text.push(':');
                text.push_str(value);
                fields += 1;
            }
        }
        if fields > 0 {
            text.push(')');
        }
        self.rows += 1;
        self.out.push(Source {
            number: line,
            text: Cow::Owned(text),
            kind: Kind::Task(number),
        });
    }
}

/// A cell's lines as one line of text.
fn one_line(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for piece in text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(piece);
    }
    joined
}

/// Units written one per line become one 、-separated list; brackets that would close the note
/// early are made full-width.
fn unit_list(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for piece in text
        .split(['\n', '\r'])
        .map(|p| {
            p.trim()
                .trim_end_matches(['、', ',', '\u{ff0c}', ';', '\u{ff1b}', '。'])
        })
        .filter(|p| !p.is_empty())
    {
        if !joined.is_empty() {
            joined.push('、');
        }
        joined.push_str(piece);
    }
    joined
}

/// The number of a 序号 cell: `12`, `１２`, `12.`, `(12)`.
fn number_in(text: &str) -> Option<TaskNumber> {
    let digits = text.trim_matches(|c: char| {
        matches!(c, '(' | ')' | '\u{ff08}' | '\u{ff09}' | '.' | '、' | '．') || c.is_whitespace()
    });
    // Read in place (no copy): every line of a flattened table is tried as a 序号 cell.
    let mut number: TaskNumber = 0;
    let mut count = 0;
    for c in digits.chars() {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        count += 1;
        if count > 6 {
            return None;
        }
        number = number * 10 + digit as TaskNumber;
    }
    (number > 0).then_some(number)
}

/// Read TSV records from the header line on. Returns how many physical lines the table used.
fn read_tsv(text: &str, start: usize, lines: &[(usize, usize, &str)], table: &mut Table) -> usize {
    let width = table.roles.len();
    // The header line itself.
    let mut at = start + lines.first().map_or(0, |l| l.2.len());
    at = skip_newline(text, at);
    let last_quote = text.rfind('"');
    let mut row_index = 0;
    let mut line_cursor = 1;
    while at < text.len() {
        let record_start = at;
        let (cells, end) = read_record(text, at, last_quote);
        at = skip_newline(text, end);
        // Which physical line this record started on (records only move forward).
        while line_cursor < lines.len() && lines[line_cursor].1 < record_start {
            line_cursor += 1;
        }
        let line_number = lines
            .get(line_cursor)
            .map_or_else(|| lines.last().map_or(0, |l| l.0), |l| l.0);
        let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
        if filled == 0 {
            // A blank line ends the table.
            return count_lines(lines, at);
        }
        row_index += 1;
        if cells.len() == 1
            || filled == 1
                && cells.first().is_some_and(|c| !c.trim().is_empty())
                && table.roles.first() != Some(&ColumnRole::Task)
                && cells.len() < width.min(3)
        {
            let only = cells[0].trim();
            let heading_like = super::heading(only).is_some() || only.chars().count() <= 30;
            if !heading_like {
                // Prose after the table without a blank line: the table ended before it.
                return count_lines(lines, record_start);
            }
            table.section(line_number, only);
            continue;
        }
        let padded = place_short_row(cells, &table.roles);
        table.row(line_number, row_index, &padded);
    }
    lines.len()
}

/// Cost of a cell's text in a column of `role` (an empty cell fits anywhere).
fn cell_cost(role: ColumnRole, text: &str) -> f32 {
    let text = text.trim();
    if text.is_empty() {
        return 0.0;
    }
    match (role, is_number_cell(text)) {
        (ColumnRole::Number, true) => 0.0,
        (ColumnRole::Number, false) => 5.0,
        (_, true) => 4.0,
        _ => cost(role, shape(text), text.chars().count()),
    }
}

/// A row with fewer cells than the header, padded to its width. A table copied from a web page as
/// plain text leaves out the cells a merged (rowspan) cell covers, so the row's cells sit left of
/// their columns: when another placement of the cells, in order, fits the columns clearly better,
/// the cells move there (the covered columns stay empty, carried down like any merged cell).
/// Otherwise the missing cells are trailing empty cells, as readers may drop them.
fn place_short_row(mut cells: Vec<String>, roles: &[ColumnRole]) -> Vec<String> {
    let (n, w) = (cells.len(), roles.len());
    if n >= w || n == 0 {
        cells.resize(w.max(n), String::new());
        return cells;
    }
    let as_is: f32 = cells
        .iter()
        .zip(roles)
        .map(|(cell, role)| cell_cost(*role, cell))
        .sum();
    // best[i][j]: least cost with cells[..=i] placed and cell i in column j (columns increase).
    let mut best = vec![vec![f32::INFINITY; w]; n];
    let mut from = vec![vec![0usize; w]; n];
    for j in 0..w {
        best[0][j] = cell_cost(roles[j], &cells[0]);
    }
    for i in 1..n {
        let mut prefix = (f32::INFINITY, 0usize);
        for j in 1..w {
            if best[i - 1][j - 1] < prefix.0 {
                prefix = (best[i - 1][j - 1], j - 1);
            }
            best[i][j] = prefix.0 + cell_cost(roles[j], &cells[i]);
            from[i][j] = prefix.1;
        }
    }
    let Some((mut column, total)) = best[n - 1]
        .iter()
        .copied()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
    else {
        return cells;
    };
    if total + 2.0 >= as_is {
        cells.resize(w, String::new());
        return cells;
    }
    let mut placed = vec![String::new(); w];
    let mut moved = cells.clone();
    for i in (0..n).rev() {
        placed[column] = std::mem::take(&mut moved[i]);
        column = from[i][column];
    }
    // A task row keeps its task: a placement that leaves the task column empty is no better.
    let has_task = |row: &[String]| {
        roles
            .iter()
            .zip(row)
            .any(|(role, cell)| *role == ColumnRole::Task && !cell.trim().is_empty())
    };
    if has_task(&cells) && !has_task(&placed) {
        cells.resize(w, String::new());
        return cells;
    }
    placed
}

fn count_lines(lines: &[(usize, usize, &str)], byte: usize) -> usize {
    lines.partition_point(|line| line.1 < byte).max(1)
}

fn skip_newline(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(at) {
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => at + 2,
        Some(b'\r') | Some(b'\n') => at + 1,
        _ => at,
    }
}

/// One TSV record from `at`: its cells and the byte where it ends (at the newline or the end).
/// A cell starting with `"` is quoted (inner `""` is a quote, newlines and tabs are kept) when a
/// closing quote follows; `last_quote` makes the check O(1) so the whole read stays linear.
fn read_record(text: &str, mut at: usize, last_quote: Option<usize>) -> (Vec<String>, usize) {
    let bytes = text.as_bytes();
    let mut cells = Vec::new();
    loop {
        if bytes.get(at) == Some(&b'"') && last_quote.is_some_and(|q| q > at) {
            let mut cell = String::new();
            let mut cursor = at + 1;
            loop {
                match text[cursor..].find('"') {
                    Some(offset) => {
                        cell.push_str(&text[cursor..cursor + offset]);
                        cursor += offset + 1;
                        if bytes.get(cursor) == Some(&b'"') {
                            cell.push('"');
                            cursor += 1;
                        } else {
                            break;
                        }
                    }
                    None => {
                        cell.push_str(&text[cursor..]);
                        cursor = text.len();
                        break;
                    }
                }
            }
            // Anything between the closing quote and the separator belongs to the cell.
            let rest_end = text[cursor..]
                .find(['\t', '\n', '\r'])
                .map_or(text.len(), |offset| cursor + offset);
            cell.push_str(&text[cursor..rest_end]);
            cells.push(cell);
            at = rest_end;
        } else {
            let end = text[at..]
                .find(['\t', '\n', '\r'])
                .map_or(text.len(), |offset| at + offset);
            cells.push(text[at..end].to_string());
            at = end;
        }
        match bytes.get(at) {
            Some(b'\t') => at += 1,
            _ => return (cells, at),
        }
    }
}

/// A flattened header: consecutive non-empty lines (blank lines between allowed), each a header
/// cell. Returns (physical lines used, header cells, roles).
fn flattened_header<'a>(
    lines: &[(usize, usize, &'a str)],
) -> Option<(usize, Vec<&'a str>, Vec<ColumnRole>)> {
    let mut cells = Vec::new();
    let mut used = 0;
    for (index, (_, _, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if header_role(trimmed).is_none() || cells.len() >= 12 {
            break;
        }
        cells.push(trimmed);
        used = index + 1;
    }
    if cells.len() < 2 {
        return None;
    }
    let mut roles = header_roles(&cells)?;
    // Header cells we cannot name (达标与否, 牵头处室 …) between the last named one and the first
    // row's 序号: short labels, read as nothing, so the first row starts at its number.
    if roles.first() == Some(&ColumnRole::Number) {
        let mut extra = Vec::new();
        let mut at = used;
        while let Some((index, text)) = next_cell(lines, at) {
            if is_number_cell(text) {
                if !extra.is_empty() && extra.len() <= 3 {
                    used = extra.last().map_or(used, |&(index, _)| index + 1);
                    for (_, text) in extra {
                        cells.push(text);
                        roles.push(ColumnRole::Ignore);
                    }
                }
                break;
            }
            let short = text.chars().count() <= 8 && shape(text) == Shape::Short;
            if !short || extra.len() >= 3 {
                break;
            }
            extra.push((index, text));
            at = index + 1;
        }
    }
    // A header names each role once (a prose list of 任务 / 目标 lines is not a header).
    let tasks = roles.iter().filter(|r| **r == ColumnRole::Task).count();
    (tasks <= 2).then_some((used, cells, roles))
}

/// What a line of a flattened row looks like, for aligning lines to columns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Date,
    Units,
    Numbered,
    Prose,
    Short,
}

fn shape(line: &str) -> Shape {
    shape_and_chars(line).0
}

/// The line's shape and its length in chars, from one pass over its chars (every line of a
/// flattened table is shaped: a search of the line per word was most of the alignment's time).
fn shape_and_chars(line: &str) -> (Shape, usize) {
    let mut chars = 0;
    let (mut sentence, mut period, mut dun, mut date_char, mut word_char) =
        (false, false, false, false, false);
    for c in line.chars() {
        chars += 1;
        match c {
            '。' => {
                sentence = true;
                period = true;
            }
            ',' | '\u{ff0c}' | ';' | '\u{ff1b}' => sentence = true,
            '、' => dun = true,
            '年' | '月' | '日' | '前' => date_char = true,
            '季' | '长' | '持' | '常' => word_char = true,
            _ => {}
        }
    }
    let numbered = super::task_start(line).is_some()
        || super::is_sub_item(line)
        || line.starts_with(|c: char| ('①'..='⑳').contains(&c));
    if numbered {
        return (Shape::Numbered, chars);
    }
    // 年 / 月 / 日 / 前 (年底, 年内, 全年 among them) or 季度 / 长期 / 持续 / 常态.
    let date_word = || {
        date_char
            || word_char
                && ["季度", "长期", "持续", "常态"]
                    .iter()
                    .any(|w| line.contains(w))
    };
    if chars <= 24 && !sentence && date_word() {
        return (Shape::Date, chars);
    }
    const UNIT_ENDS: [&str; 24] = [
        "局", "委", "办", "部", "中心", "政府", "街道", "乡镇", "镇", "公司", "集团", "院", "所",
        "队", "会", "室", "处", "厅", "站", "馆", "分局", "单位", "部门", "园区",
    ];
    if chars <= 60
        && !period
        && (dun || {
            let trimmed = line.trim_end_matches(['、', ',', '\u{ff0c}']);
            let last = trimmed.chars().next_back();
            UNIT_ENDS
                .iter()
                .any(|end| end.chars().next_back() == last && trimmed.ends_with(end))
        })
    {
        return (Shape::Units, chars);
    }
    if chars > 20 || sentence {
        (Shape::Prose, chars)
    } else {
        (Shape::Short, chars)
    }
}

/// Cost of putting a line of `shape` into a column of `role` (lower fits better).
fn cost(role: ColumnRole, shape: Shape, chars: usize) -> f32 {
    use ColumnRole::*;
    use Shape::*;
    match (role, shape) {
        (Task, Prose) => 0.0,
        (Task, Short) => 1.0,
        (Task, Numbered) => 1.0,
        (Task, Units) => 3.0,
        (Task, Date) => 3.0,
        (Lead | Responsible | Cooperating, Units) => 0.0,
        (Lead | Responsible | Cooperating, Short) => 0.5,
        (Lead | Responsible | Cooperating, Date) => 3.0,
        (Lead | Responsible | Cooperating, _) => 4.0,
        (Leader, Short) if chars <= 8 => 0.0,
        (Leader, Short | Units) => 1.5,
        (Leader, _) => 4.0,
        (Deadline, Date) => 0.0,
        (Deadline, Short) => 1.5,
        (Deadline, _) => 4.0,
        (Category, Short) => 0.5,
        (Category, _) => 2.5,
        (Ignore, Numbered) => 0.0,
        (Ignore, Prose) => 1.0,
        (Ignore, Date) => 2.0,
        (Ignore, _) => 2.5,
        (Number, _) => 5.0,
    }
}

/// Extra cost of a further line in a column that already has one.
fn continuation(role: ColumnRole) -> f32 {
    match role {
        ColumnRole::Task => 0.5,
        ColumnRole::Lead | ColumnRole::Responsible | ColumnRole::Cooperating => 0.2,
        ColumnRole::Ignore => 0.0,
        ColumnRole::Leader => 0.8,
        _ => 2.0,
    }
}

const EMPTY: f32 = 2.5;

/// Align `lines` to `roles` (each column a contiguous, possibly empty run of lines, in order).
/// Returns, per line, its column index.
fn align(lines: &[&str], roles: &[ColumnRole]) -> Vec<usize> {
    let (m, c) = (lines.len(), roles.len());
    if m == 0 || c == 0 {
        return Vec::new();
    }
    let shapes: Vec<(Shape, usize)> = lines.iter().map(|line| shape_and_chars(line)).collect();
    // best[i * c + j]: least cost with lines[..=i] placed and line i in column j; from: previous
    // column. One flat table each: this runs for every row of a flattened table.
    let mut best = vec![f32::INFINITY; m * c];
    let mut from = vec![0usize; m * c];
    for j in 0..c {
        best[j] = EMPTY * j as f32 + cost(roles[j], shapes[0].0, shapes[0].1);
    }
    for i in 1..m {
        let (done, rest) = best.split_at_mut(i * c);
        let above = &done[(i - 1) * c..];
        for j in 0..c {
            let here = cost(roles[j], shapes[i].0, shapes[i].1);
            let mut choice = (above[j] + continuation(roles[j]), j);
            for (k, previous) in above.iter().enumerate().take(j) {
                let moved = previous + EMPTY * (j - k - 1) as f32;
                if moved < choice.0 {
                    choice = (moved, k);
                }
            }
            rest[j] = choice.0 + here;
            from[i * c + j] = choice.1;
        }
    }
    let last = &best[(m - 1) * c..];
    let mut column = (0..c)
        .min_by(|&a, &b| {
            let total = |j: usize| last[j] + EMPTY * (c - 1 - j) as f32;
            total(a).total_cmp(&total(b))
        })
        .unwrap_or(0);
    let mut columns = vec![0; m];
    for i in (0..m).rev() {
        columns[i] = column;
        column = from[i * c + column];
    }
    columns
}

/// A row of a flattened table is never longer than this many lines: a longer run is the document
/// going on after the table, and the bound keeps every table's scan proportional to its own size.
const MAX_ROW_LINES: usize = 200;

/// The next non-empty line at or after `from`: (index, trimmed text).
fn next_cell<'a>(lines: &[(usize, usize, &'a str)], from: usize) -> Option<(usize, &'a str)> {
    lines
        .get(from..)?
        .iter()
        .enumerate()
        .map(|(offset, line)| (from + offset, line.2.trim()))
        .find(|(_, text)| !text.is_empty())
}

/// A `序号` cell: only a number.
fn is_number_cell(text: &str) -> bool {
    text.chars().count() <= 6 && !text.contains(['.', '、', '．']) && number_in(text).is_some()
}

/// A category cell (经济发展, 民生保障): a short label, not a sentence, unit list, date or number.
fn is_category_cell(text: &str) -> bool {
    text.chars().count() <= 15 && shape(text) == Shape::Short && !is_number_cell(text)
}

/// Rows of a flattened table after its header. Returns how many physical lines the table used.
fn read_flattened(lines: &[(usize, usize, &str)], table: &mut Table) -> usize {
    let roles = table.roles.clone();
    let starts_table = |at: usize| {
        header_role(lines[at].2.trim()).is_some() && flattened_header(&lines[at..]).is_some()
    };
    let mut used_until = 0; // index into `lines` after the last line the table used
    let mut row_index = 0;
    // 类别 / 序号 / …: a merged category cell comes before the 序号 cell of its group's first row,
    // so it closes the previous row's lines; it is carried down as sections as in a TSV table.
    let category_first =
        roles.len() > 2 && roles[0] == ColumnRole::Category && roles[1] == ColumnRole::Number;
    if roles.first() == Some(&ColumnRole::Number) || category_first {
        let number_col = usize::from(category_first);
        let rest = &roles[number_col + 1..];
        let mut current = next_cell(lines, 0).filter(|(_, text)| is_number_cell(text));
        let mut pending_category: Option<&str> = None;
        if category_first && current.is_none() {
            if let Some((at, text)) = next_cell(lines, 0).filter(|(_, text)| is_category_cell(text))
            {
                current = next_cell(lines, at + 1).filter(|(_, text)| is_number_cell(text));
                pending_category = current.map(|_| text);
            }
        }
        while let Some((number_at, number_text)) = current {
            let mut row_lines: Vec<(usize, &str)> = Vec::new();
            let mut next_row = None;
            let mut cursor = number_at + 1;
            while let Some((at, text)) = next_cell(lines, cursor) {
                if is_number_cell(text) {
                    next_row = Some((at, text));
                    break;
                }
                if row_lines.len() >= MAX_ROW_LINES || starts_table(at) {
                    break;
                }
                row_lines.push((at, text));
                cursor = at + 1;
            }
            if next_row.is_none() {
                // The last row takes one line per column at most: what follows is the document.
                row_lines.truncate(rest.len());
            }
            let mut next_category = None;
            if category_first && next_row.is_some() && row_lines.len() >= 2 {
                let last_role = rest.last().copied().unwrap_or(ColumnRole::Ignore);
                let closes_row = row_lines.last().is_some_and(|&(_, text)| {
                    is_category_cell(text)
                        && (last_role != ColumnRole::Leader || row_lines.len() > rest.len())
                });
                if closes_row {
                    next_category = row_lines.pop().map(|(_, text)| text);
                }
            }
            // Heading lines closing the row are a section row of the table (a merged row).
            let mut body_end = row_lines.len();
            while body_end > 1
                && super::heading(row_lines[body_end - 1].1).is_some_and(|h| !h.bracketed)
            {
                body_end -= 1;
            }
            row_index += 1;
            let texts: Vec<&str> = row_lines[..body_end].iter().map(|c| c.1).collect();
            let mut row: Vec<String> = vec![String::new(); roles.len()];
            row[number_col] = number_text.to_string();
            if let Some(category) = pending_category.take() {
                row[0] = category.to_string();
            }
            for (text, column) in texts.iter().zip(align(&texts, rest)) {
                if let Some(cell) = row.get_mut(column + number_col + 1) {
                    if !cell.is_empty() {
                        cell.push('\n');
                    }
                    cell.push_str(text);
                }
            }
            table.row(lines[number_at].0, row_index, &row);
            for heading in &row_lines[body_end..] {
                table.section(lines[heading.0].0, heading.1);
            }
            used_until = row_lines.last().map_or(number_at, |c| c.0) + 1;
            pending_category = next_category;
            current = next_row;
        }
    } else {
        // No number column first: one line per cell, rows of the header's width, while the
        // lines look like their columns.
        let width = roles.len();
        let mut cursor = 0;
        'rows: loop {
            let mut row: Vec<(usize, &str)> = Vec::with_capacity(width);
            let mut at = cursor;
            while row.len() < width {
                let Some((index, text)) = next_cell(lines, at) else {
                    break 'rows;
                };
                if starts_table(index) {
                    break 'rows;
                }
                row.push((index, text));
                at = index + 1;
            }
            let fits = row
                .iter()
                .zip(&roles)
                .all(|((_, text), role)| cost(*role, shape(text), text.chars().count()) < 3.0);
            if !fits {
                break;
            }
            row_index += 1;
            let cells: Vec<String> = row.iter().map(|c| c.1.to_string()).collect();
            table.row(lines[row[0].0].0, row_index, &cells);
            used_until = at;
            cursor = at;
        }
    }
    used_until
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_cr_lf_and_lone_cr() {
        let lines: Vec<&str> = physical_lines("a\rb\r\nc\nd").iter().map(|l| l.2).collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
    }

    #[test]
    fn quoted_cells_keep_newlines() {
        let text = "1\t\"做事\n2.再做\"\t\"甲局\n乙局\"\n";
        let (cells, end) = read_record(text, 0, text.rfind('"'));
        assert_eq!(cells, ["1", "做事\n2.再做", "甲局\n乙局"]);
        assert_eq!(&text[end..], "\n");
    }

    #[test]
    fn alignment_puts_units_and_progress_in_their_columns() {
        use ColumnRole::*;
        let roles = [Task, Lead, Responsible, Deadline, Ignore];
        let lines = [
            "推进重点项目建设,全年完成投资10亿元。",
            "区发改局",
            "区财政局",
            "区住建局",
            "2023年12月底",
            "1.已完成立项。",
            "2.正在施工。",
        ];
        assert_eq!(align(&lines, &roles), [0, 1, 2, 2, 3, 4, 4]);
    }

    #[test]
    fn unknown_header_cells_before_the_first_number_are_absorbed() {
        let text = "序号\n工作任务\n牵头单位\n达标与否\n1\n做事。\n区财政局\n是";
        let lines = physical_lines(text);
        let (used, cells, roles) = flattened_header(&lines).unwrap_or_default();
        assert_eq!(used, 4);
        assert_eq!(cells.len(), 4);
        assert_eq!(roles[3], ColumnRole::Ignore);
    }

    #[test]
    fn a_short_row_moves_right_of_a_merged_cell_it_lost() {
        use ColumnRole::*;
        let roles = [Category, Task, Responsible, Leader, Ignore];
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        // The category cell covers this row: the cells start one column right.
        assert_eq!(
            place_short_row(
                row(&["15.推进学校建设", "区教育局", "张三", "已开工。"]),
                &roles
            ),
            row(&["", "15.推进学校建设", "区教育局", "张三", "已开工。"])
        );
        // Trailing empty cells dropped: the row stays as it is.
        assert_eq!(
            place_short_row(
                row(&["民生", "推进学校建设工作,年内完成。", "区教育局"]),
                &roles
            ),
            row(&["民生", "推进学校建设工作,年内完成。", "区教育局", "", ""])
        );
    }

    #[test]
    fn form_rows_become_label_lines() {
        assert_eq!(
            form_row(&["重点工作:", "135.统筹治理。"]),
            Some(vec!["135.统筹治理。".to_string()])
        );
        assert_eq!(
            form_row(&["牵头单位:", "市城管局", "配合单位:", "市住建局、市规划局"]),
            Some(vec![
                "牵头单位:市城管局".to_string(),
                "配合单位:市住建局、市规划局".to_string()
            ])
        );
        // A data row (no colon after its first cell) is not a form row.
        assert_eq!(form_row(&["工作任务", "市城管局"]), None);
        assert_eq!(form_row(&["发布单位:", "省政府", "文号"]), None);
    }
}
