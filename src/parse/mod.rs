//! Parser: document text → `Document` plus warnings. Never panics: every slice is taken on char
//! boundaries found by `char_indices`, and anything it cannot place becomes a `Warning`.
//!
//! The notice title is the full wrapped title joined without separators
//! (青岛市城阳区人民政府办公室关于印发《…》的通知): the issuing office is part of how such notices are
//! cited, and the 关于… part can be recovered by the reader, not the other way round.
//!
//! Structure. `一、` headings are sections. `(一)` headings are sections too when the document has
//! no `一、` heading, and subsections of the current section when it has: a 任务分解方案 uses either
//! one level or both, and a reader names the coarsest level its chapters. Tasks start `1.`, `1．` or
//! `1、` (★ before or after the number marks a key task); `(1)` sub-items stay in the task's text.
//! When numbering restarts at 1 after a heading, tasks are renumbered 1…n across the document so
//! each keeps its own ledger key, and `Task::label` keeps the printed number (`二-3`, `二(一)-3`).
//!
//! Unplaced text. Lines before the first heading or task are front matter (notice, title,
//! preamble) and never warn. After that, a run of consecutive lines that fit nowhere (a prose
//! section such as 总体要求 or 保障措施, a remark after a closed task) is one warning at its first
//! line, saying where it sits and how many lines it spans: a clerk checks blocks, not lines, and
//! a task with unrecognised numbering still cannot vanish silently.
//!
//! Responsibility notes, see `units`: labelled groups in (), （）, [] or 【】; label lines after the
//! task (a `牵头领导:` line, `牵头单位:`, `责任单位:`, `完成时限:`), which continue a task even after
//! one has closed it; unlabelled `(A、B牵头,C配合)` / `(A主办,B协办)` / `(A负责)`. When the document
//! says the first unit listed leads (排在第一位的为牵头单位), a note with only 责任单位 reads that way.

mod header;
mod lines;
mod meta;
mod normalize;
mod table;
mod targets;
mod units;

#[cfg(test)]
use lines::{chinese_numeral, decimal_task_start, ordinal_item};
use lines::{
    classify, ends_with_any, ends_with_notice, heading, is_date_line, is_notice_trailer,
    is_sub_item, key_mark, looks_like_signature, task_start, wraps_names, Heading,
};
use table::Kind;

use std::collections::HashSet;

pub use crate::document::{ColumnMapping, ColumnRole, TableReading};
use crate::document::{Document, Notice, Section, Subsection, Task, TaskNumber, Unit, Warning};

/// How to read a document: `Default` reads everything automatically.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// The role of each column of the (first) task table; `None` maps columns by their headers.
    pub columns: Option<ColumnMapping>,
}

/// A non-empty, trimmed source line with its 1-based line number.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number: usize,
    text: &'a str,
    kind: Kind,
}

impl<'a> Line<'a> {
    fn heading(&self) -> Option<Heading<'a>> {
        match self.kind {
            Kind::Text => heading(self.text),
            _ => None,
        }
    }

    fn task_start(&self) -> Option<(TaskNumber, &'a str)> {
        match self.kind {
            Kind::Text => task_start(self.text),
            Kind::Plain => None,
            Kind::Task(number) => Some((number, self.text)),
        }
    }
}

/// Parse a key-task document. Lines that fit nowhere are reported in `warnings`.
pub fn parse(text: &str) -> Document {
    parse_with(text, &ParseOptions::default())
}

/// Parse with options (a user's column mapping for the task table).
pub fn parse_with(text: &str, options: &ParseOptions) -> Document {
    let mut doc = Document {
        fingerprint: crate::fingerprint::fingerprint(text),
        ..Document::default()
    };
    let mapping = options.columns.as_ref().map(|m| m.roles.as_slice());
    let (sources, table) = table::expand(
        text.trim_start_matches('\u{feff}'),
        mapping,
        &mut doc.warnings,
    );
    doc.table = table;
    let mut lines: Vec<Line> = sources
        .iter()
        .map(|source| Line {
            number: source.number,
            text: trim(&source.text),
            kind: source.kind,
        })
        .filter(|line| !line.text.is_empty())
        .collect();
    classify(&mut lines);

    let header_len = lines
        .iter()
        .take_while(|line| meta::is_header_row(line.text))
        .count();
    for line in &lines[..header_len] {
        meta::read_row(&mut doc.meta, line.text, line.number, &mut doc.warnings);
    }

    let body = &lines[header_len..];
    let front_len = body
        .iter()
        .position(|line| line.heading().is_some() || line.task_start().is_some())
        .unwrap_or(body.len());
    read_front_matter(&mut doc, &body[..front_len]);
    let first_listed_leads = body
        .iter()
        .any(|line| units::states_first_listed_leads(line.text));
    read_body(&mut doc, &body[front_len..], first_listed_leads);
    match body.first() {
        Some(first) if doc.tasks.is_empty() => doc.warnings.push(warning(
            first,
            "未找到任何任务:任务应以“1.”这样的编号开头".to_string(),
        )),
        Some(first) if front_len > 0 && doc.title.is_empty() && doc.notice == Notice::default() => {
            doc.warnings
                .push(warning(first, "未找到任务清单标题".to_string()))
        }
        _ => {}
    }
    doc.units = unit_list(&doc.tasks);
    // Warnings found while reading and those found once tasks are complete, in reading order.
    doc.warnings.sort_by_key(|warning| warning.line);
    doc
}

/// Trim ASCII and ideographic whitespace (full-width space is common in pasted documents).
fn trim(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// Front matter: the covering notice (if any), then the task-list title and the preamble.
fn read_front_matter(doc: &mut Document, front: &[Line]) {
    let mut rest = front;
    // The notice title wraps over several lines and ends with 通知; look for it near the top only,
    // so a preamble mentioning 通知 is not mistaken for it.
    if let Some(title_end) = front
        .iter()
        .take(8)
        .position(|line| ends_with_notice(line.text))
    {
        doc.notice.title = join(&front[..=title_end], "");
        rest = &front[title_end + 1..];
        match rest.iter().position(|line| is_date_line(line.text)) {
            Some(date_at) => {
                doc.notice.date = rest[date_at].text.to_string();
                let mut body_end = date_at;
                if date_at > 0 && looks_like_signature(rest[date_at - 1].text) {
                    doc.notice.issuer = rest[date_at - 1].text.to_string();
                    body_end = date_at - 1;
                }
                // (此件公开发布) and 附件: lines after the signature still belong to the notice.
                let trailer = rest[date_at + 1..]
                    .iter()
                    .take_while(|line| is_notice_trailer(line.text))
                    .count();
                let mut body: Vec<Line> = rest[..body_end].to_vec();
                body.extend_from_slice(&rest[date_at + 1..date_at + 1 + trailer]);
                doc.notice.body = join(&body, "\n");
                rest = &rest[date_at + 1 + trailer..];
            }
            None => {
                // Without a signature date, the body is the addressee line and the sentences after it.
                let body_len = rest
                    .iter()
                    .take_while(|line| ends_with_any(line.text, &["。", ":", "\u{ff1a}"]))
                    .count();
                doc.notice.body = join(&rest[..body_len], "\n");
                rest = &rest[body_len..];
            }
        }
    }
    let title_len = rest
        .iter()
        .take_while(|line| {
            !ends_with_any(
                line.text,
                &["。", ";", "\u{ff1b}", ":", "\u{ff1a}", "!", "\u{ff01}"],
            )
        })
        .count();
    doc.title = join(&rest[..title_len], "");
    doc.preamble = join(&rest[title_len..], "\n");
}

/// Which heading came between a task and the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Subsection,
    Section,
}

/// A task as printed, before numbering is settled.
struct Printed {
    number: TaskNumber,
    line: usize,
    text: String,
    /// The coarsest heading between this task and the previous one.
    after_heading: Option<Level>,
    /// The numeral of its section as written (empty before the first section).
    section_numeral: String,
}

/// Sections and tasks. A line that is neither continues the open task, if that task has not yet
/// closed with its responsibility note; label lines (牵头单位:…, 完成时限:…) continue it even then.
///
/// `(一)` headings are sections when the document has no `一、` headings, and subsections of the
/// current section otherwise.
fn read_body(doc: &mut Document, body: &[Line], first_listed_leads: bool) {
    let plain_sections = body
        .iter()
        .any(|line| line.heading().is_some_and(|heading| !heading.bracketed));
    let mut section = 0;
    let mut section_numeral = "";
    let mut subsection = 0;
    // The task that later lines may continue: its index, and whether its note has closed it.
    let mut open_task: Option<(usize, bool)> = None;
    // Byte offsets of the open task's unclosed brackets, kept as lines are added.
    let mut brackets: Vec<usize> = Vec::new();
    let mut printed: Vec<Printed> = Vec::new();
    let mut after_heading: Option<Level> = None;
    // The heading line the reader is under, to say where an unplaced block sits.
    let mut under_heading = "";
    let mut unplaced: Option<Unplaced> = None;
    // Whether the last line added to the open task was a label line (`协办单位:A、B`).
    let mut after_label = false;
    for line in body {
        // A label line wrapped mid-list, as a PDF viewer copies it (`…、园区党工` ↵ `委、各街道党工委`).
        let wrapped_names = after_label
            && open_task.is_some_and(|(_, closed)| closed)
            && line.kind == Kind::Text
            && wraps_names(line.text);
        // Every kind of line but an unplaced one (and the 排在第一位 note) ends an unplaced block.
        let placed = wrapped_names
            || line.heading().is_some()
            || line.task_start().is_some()
            || open_task.is_some_and(|(_, closed)| !closed)
            || units::starts_note(line.text) && open_task.is_some();
        if placed {
            if let Some(block) = unplaced.take() {
                doc.warnings.push(block.warning());
            }
        }
        if let Some(heading) = line.heading() {
            under_heading = line.text;
            let level = if heading.bracketed && plain_sections {
                Level::Subsection
            } else {
                Level::Section
            };
            match level {
                Level::Section => {
                    if heading.number != section + 1 {
                        doc.warnings.push(warning(
                            line,
                            format!(
                                "章节编号不连续:上一章为第{section}章,此处为第{}章",
                                heading.number
                            ),
                        ));
                    }
                    section = heading.number;
                    section_numeral = heading.numeral;
                    subsection = 0;
                    doc.sections.push(Section {
                        number: heading.number,
                        numeral: heading.numeral.to_string(),
                        title: heading.title.to_string(),
                    });
                }
                Level::Subsection => {
                    if heading.number != subsection + 1 {
                        doc.warnings.push(warning(
                            line,
                            format!(
                                "小节编号不连续:上一节为({}),此处为({})",
                                numeral_of(subsection),
                                heading.numeral
                            ),
                        ));
                    }
                    subsection = heading.number;
                    doc.subsections.push(Subsection {
                        section,
                        number: heading.number,
                        numeral: heading.numeral.to_string(),
                        title: heading.title.to_string(),
                    });
                }
            }
            after_heading = after_heading.max(Some(level));
            open_task = None;
            after_label = false;
        } else if let Some((number, text)) = line.task_start() {
            let (starred, text) = key_mark(text);
            let key = starred || line.text.starts_with('★');
            doc.tasks.push(Task {
                number,
                section,
                subsection,
                text: text.to_string(),
                key,
                ..Task::default()
            });
            printed.push(Printed {
                number,
                line: line.number,
                text: line.text.to_string(),
                after_heading: after_heading.take(),
                section_numeral: section_numeral.to_string(),
            });
            brackets.clear();
            after_label = false;
            open_task = Some((doc.tasks.len() - 1, closes_task(text, text, &mut brackets)));
        } else {
            let open = open_task
                .and_then(|(index, closed)| Some((index, closed, doc.tasks.get_mut(index)?)));
            let label_line = units::starts_note(line.text);
            match open {
                Some((_, _, task)) if wrapped_names => {
                    task.text.push_str(line.text);
                }
                Some((index, closed, task)) if !closed || label_line => {
                    after_label = label_line;
                    // A 责任单位: line and a sub-item (1)… are their own paragraphs; other
                    // lines are wrapped text.
                    if label_line || is_sub_item(line.text) {
                        task.text.push('\n');
                    }
                    task.text.push_str(line.text);
                    // A label line ending in 、 reopens the task for its wrapped list.
                    open_task = Some((index, closes_task(&task.text, line.text, &mut brackets)));
                }
                // The line that says how to read the units was read and used.
                _ if units::states_first_listed_leads(line.text) => {}
                _ if unplaced.is_some() => {
                    if let Some(block) = &mut unplaced {
                        block.add(line);
                    }
                }
                Some((_, _, task)) => {
                    unplaced = Some(Unplaced::new(
                        line,
                        format!("无法归入任务:第{}项已以责任单位结束", task.number),
                    ));
                }
                None => {
                    let reason = if under_heading.is_empty() {
                        "无法归入任何任务或章节".to_string()
                    } else {
                        format!("不属于任何编号任务:“{}”下的文字", short(under_heading))
                    };
                    unplaced = Some(Unplaced::new(line, reason));
                }
            }
        }
    }
    if let Some(block) = unplaced {
        doc.warnings.push(block.warning());
    }
    number_tasks(doc, &printed);
    let lines: Vec<usize> = printed.iter().map(|task| task.line).collect();
    for (task, line) in doc.tasks.iter_mut().zip(lines) {
        finish_task(task, line, first_listed_leads, &mut doc.warnings);
    }
}

/// A run of consecutive lines that fit nowhere: a clerk gets one warning for it, not one per line
/// (a prose section such as 总体要求 between headings, a closing remark after the last task).
struct Unplaced<'a> {
    first: Line<'a>,
    last: usize,
    lines: usize,
    reason: String,
}

impl<'a> Unplaced<'a> {
    fn new(first: &Line<'a>, reason: String) -> Unplaced<'a> {
        Unplaced {
            first: *first,
            last: first.number,
            lines: 1,
            reason,
        }
    }

    fn add(&mut self, line: &Line) {
        self.last = line.number;
        self.lines += 1;
    }

    /// At the block's first line, with that line (… when more follow) as the text.
    fn warning(self) -> Warning {
        if self.lines == 1 {
            return warning(&self.first, self.reason);
        }
        Warning {
            line: self.first.number,
            text: format!("{}…", self.first.text),
            message: format!("{}(共{}行,至第{}行)", self.reason, self.lines, self.last),
        }
    }
}

/// A heading short enough to quote in a warning.
fn short(text: &str) -> String {
    const MAX_CHARS: usize = 20;
    if text.chars().count() <= MAX_CHARS {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(MAX_CHARS).collect();
        cut.push('…');
        cut
    }
}

/// Settle task numbers. When numbering restarts at 1 after a heading, the document numbers its
/// tasks per section (or per subsection): tasks are then numbered 1, 2, 3 … across the document
/// so each has its own number, and keep the printed number in `label`, qualified by the heading
/// (`二-3`, `二(一)-3`). Otherwise the printed number is the number. Gaps and repeats warn.
fn number_tasks(doc: &mut Document, printed: &[Printed]) {
    let restart_level = printed
        .windows(2)
        .filter(|pair| pair[1].number == 1 && pair[0].number >= 1)
        .filter_map(|pair| pair[1].after_heading)
        .min();
    match restart_level {
        None => {
            let mut seen: HashSet<TaskNumber> = HashSet::new();
            let mut previous = 0;
            for (task, printed) in doc.tasks.iter_mut().zip(printed) {
                let line = Line {
                    number: printed.line,
                    text: &printed.text,
                    kind: Kind::Text,
                };
                if printed.number != previous + 1 {
                    doc.warnings.push(warning(
                        &line,
                        format!("任务编号不连续:上一项为{previous},此处为{}", printed.number),
                    ));
                }
                if !seen.insert(printed.number) {
                    doc.warnings
                        .push(warning(&line, format!("任务编号{}重复", printed.number)));
                }
                previous = printed.number;
                task.label = printed.number.to_string();
            }
        }
        Some(level) => {
            let mut previous = 0;
            let mut group = (u32::MAX, u32::MAX);
            for (index, (task, printed)) in doc.tasks.iter_mut().zip(printed).enumerate() {
                let task_group = match level {
                    Level::Section => (task.section, 0),
                    Level::Subsection => (task.section, task.subsection),
                };
                if task_group != group {
                    group = task_group;
                    previous = 0;
                }
                let prefix = group_label(&printed.section_numeral, task_group, level);
                if printed.number != previous + 1 {
                    let line = Line {
                        number: printed.line,
                        text: &printed.text,
                        kind: Kind::Text,
                    };
                    doc.warnings.push(warning(
                        &line,
                        format!(
                            "任务编号不连续:{prefix}上一项为{previous},此处为{}",
                            printed.number
                        ),
                    ));
                }
                previous = printed.number;
                task.number = index as TaskNumber + 1;
                task.label = if prefix.is_empty() {
                    printed.number.to_string()
                } else {
                    format!("{prefix}-{}", printed.number)
                };
            }
        }
    }
}

/// `二` for section 2, `二(一)` for its first subsection; empty outside any section.
fn group_label(section_numeral: &str, (_, subsection): (u32, u32), level: Level) -> String {
    match level {
        Level::Subsection if subsection > 0 => {
            format!("{section_numeral}({})", numeral_of(subsection))
        }
        _ => section_numeral.to_string(),
    }
}

/// The Chinese numeral for 1 … 99 (0 for none).
fn numeral_of(number: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |n: u32| DIGITS.get(n as usize).copied().unwrap_or_default();
    match number {
        0..=9 => digit(number).to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", digit(number - 10)),
        _ if number % 10 == 0 && number < 100 => format!("{}十", digit(number / 10)),
        _ if number < 100 => format!("{}十{}", digit(number / 10), digit(number % 10)),
        _ => number.to_string(),
    }
}

/// Whether `line`, just added at the end of a task's `text`, completes its responsibility note.
/// `brackets` holds the offsets of the task's unclosed brackets and is updated from `line` only, so
/// each line costs its own length plus the note it closes (at most `TAIL` bytes): a long run of
/// wrapped lines stays linear.
fn closes_task(text: &str, line: &str, brackets: &mut Vec<usize>) -> bool {
    const TAIL: usize = 2000;
    let from = text.len().saturating_sub(line.len());
    // The opening bracket of the group the line ends with, if it ends with one (a trailing 。 aside).
    let mut last_group: Option<usize> = None;
    for (at, c) in text.get(from..).unwrap_or_default().char_indices() {
        if units::is_open(c) {
            brackets.push(from + at);
            last_group = None;
        } else if units::is_close(c) {
            last_group = brackets.pop();
        } else if c != '。' && !c.is_whitespace() {
            last_group = None;
        }
    }
    if units::starts_note(line) {
        // 责任单位:A、 wraps onto the next line.
        return !line.ends_with(['、', ',', '\u{ff0c}']);
    }
    // The note is the last bracketed group, nesting counted (…各街办(新区))); (A牵头,B配合) has
    // no label but is one group too.
    last_group
        .filter(|&open| text.len() - open <= TAIL)
        .and_then(|open| text.get(open..))
        .is_some_and(units::is_note_group)
}

/// Title, units, leaders, deadline and targets of a task whose text is complete.
fn finish_task(
    task: &mut Task,
    line: usize,
    first_listed_leads: bool,
    warnings: &mut Vec<Warning>,
) {
    let note = units::find_note(&task.text, first_listed_leads);
    let body_end = note.as_ref().map_or(task.text.len(), |note| note.start);
    let before_note = task.text.get(..body_end).unwrap_or_default();
    task.title = before_note
        .split('。')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    task.due = deadline(before_note);
    task.targets = targets::extract(before_note);
    if let Some(note) = note {
        if !note.closed {
            warnings.push(Warning {
                line,
                text: task.text.get(note.start..).unwrap_or_default().to_string(),
                message: format!("第{}项的责任单位括号未闭合", task.label),
            });
        }
        task.lead_units = note.leads;
        task.participating_units = note.participants;
        task.leaders = note.leaders;
        for name in task
            .lead_units
            .iter_mut()
            .chain(task.participating_units.iter_mut())
            .chain(task.leaders.iter_mut())
        {
            if let Some(normal) = normalize::name(name) {
                warnings.push(Warning {
                    line,
                    text: name.clone(),
                    message: format!(
                        "第{}项的单位名称含不可见字符或全角字母数字,已规范为“{normal}”",
                        task.label
                    ),
                });
                *name = normal;
            }
        }
        if task.lead_units.len() <= 16 {
            // A handful of leads: compared directly, no hashed copies.
            let leads = &task.lead_units;
            task.participating_units
                .retain(|name| !name.is_empty() && !leads.contains(name));
        } else {
            let leads: HashSet<String> = task.lead_units.iter().cloned().collect();
            task.participating_units
                .retain(|name| !name.is_empty() && !leads.contains(name));
        }
        task.lead_units.retain(|name| !name.is_empty());
        // The note's own 完成时限 field, else one on a line after the note
        // (`(牵头单位:A)` ↵ `完成时限:9月底`), else what the task text says.
        let after_note = task.text.get(note.start..).unwrap_or_default();
        if let Some(due) = note.due.or_else(|| due_field(after_note)) {
            task.due = Some(due);
        }
    }
}

/// Every unit named on a task, in order of first appearance, with the tasks it leads and joins.
fn unit_list(tasks: &[Task]) -> Vec<Unit> {
    // Hash lookups keep this linear: a unit may lead thousands of tasks of a long table.
    let mut list: Vec<Unit> = Vec::new();
    let mut index_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // (unit, leads, task number) already listed. While task numbers rise (almost every document)
    // a repeat can only be the last number listed, so no set is kept until a number does not rise.
    let mut listed: Option<HashSet<(usize, bool, TaskNumber)>> = None;
    let mut last_number: Option<TaskNumber> = None;
    for task in tasks {
        if listed.is_none() && last_number.is_some_and(|last| task.number <= last) {
            let mut set = HashSet::new();
            for (index, unit) in list.iter().enumerate() {
                set.extend(unit.leads.iter().map(|&number| (index, true, number)));
                set.extend(unit.joins.iter().map(|&number| (index, false, number)));
            }
            listed = Some(set);
        }
        last_number = Some(task.number);
        let roles = task
            .lead_units
            .iter()
            .map(|name| (name, true))
            .chain(task.participating_units.iter().map(|name| (name, false)));
        for (name, leads) in roles {
            let index = *index_of.entry(name.as_str()).or_insert_with(|| {
                list.push(Unit {
                    name: name.clone(),
                    group: units::is_group(name),
                    ..Unit::default()
                });
                list.len() - 1
            });
            let numbers: &mut Vec<TaskNumber> = if leads {
                &mut list[index].leads
            } else {
                &mut list[index].joins
            };
            let new = match &mut listed {
                Some(set) => set.insert((index, leads, task.number)),
                None => numbers.last() != Some(&task.number),
            };
            if new {
                numbers.push(task.number);
            }
        }
    }
    list
}

/// A deadline written in the task: a `完成时限:…` field, or the first `6月底前` / `9月30日前` /
/// `年底前`, or a dated month end such as `2023年12月底`.
fn deadline(text: &str) -> Option<String> {
    if let Some(due) = due_field(text) {
        return Some(due);
    }
    date_in(text)
}

/// A labelled deadline field: `完成时限:2023年12月底` (also 完成时间 / 完成期限 / 时间节点 / 时限要求).
fn due_field(text: &str) -> Option<String> {
    for label in ["完成时限", "完成时间", "完成期限", "时间节点", "时限要求"] {
        for (at, _) in text.match_indices(label) {
            // Only a field (label and colon): 完成时间节点 in a sentence is not one.
            let Some(rest) = text
                .get(at + label.len()..)
                .and_then(|rest| rest.trim_start().strip_prefix([':', '\u{ff1a}']))
            else {
                continue;
            };
            let rest = rest.trim_start();
            let end = rest
                .find([
                    '。', ';', '\u{ff1b}', ',', '\u{ff0c}', ')', '\u{ff09}', '\n',
                ])
                .unwrap_or(rest.len());
            let due = rest.get(..end).unwrap_or_default().trim();
            if !due.is_empty() {
                return Some(due.to_string());
            }
        }
    }
    None
}

/// The first deadline phrase in running text: `6月底前`, `9月30日前`, `年底前`, `2023年12月底`.
fn date_in(text: &str) -> Option<String> {
    const DATE_CHARS: &str =
        "0123456789０１２３４５６７８９〇零一二三四五六七八九十年月日底末上中下旬";
    text.char_indices()
        .filter(|&(_, c)| matches!(c, '底' | '日' | '末'))
        .find_map(|(byte, c)| {
            let end = byte + c.len_utf8();
            let before_deadline = text.get(end..).is_some_and(|rest| rest.starts_with('前'));
            // A date is short: bounding the walk back keeps 日日日… linear.
            let start = text
                .get(..end)?
                .char_indices()
                .rev()
                .take(24)
                .take_while(|&(_, c)| DATE_CHARS.contains(c))
                .last()?
                .0;
            let phrase_end = end + if before_deadline { '前'.len_utf8() } else { 0 };
            let phrase = text.get(start..phrase_end)?;
            let month = phrase.contains('月');
            let year_end = phrase.contains("年底") || phrase.contains("年末");
            let accepted = if before_deadline {
                month || year_end
            } else {
                // Without 前 only a dated month end is a deadline (2023年12月底); 4月27日 is a date.
                c != '日' && month && phrase.contains('年')
            };
            accepted.then(|| phrase.to_string())
        })
}

fn warning(line: &Line, message: String) -> Warning {
    Warning {
        line: line.number,
        text: line.text.to_string(),
        message,
    }
}

fn join(lines: &[Line], separator: &str) -> String {
    lines
        .iter()
        .map(|line| line.text)
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_up_to_twenty() {
        let expected = [
            "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
            "十四", "十五", "十六", "十七", "十八", "十九", "二十",
        ];
        for (index, numeral) in expected.iter().enumerate() {
            assert_eq!(
                chinese_numeral(numeral),
                Some(index as u32 + 1),
                "{numeral}"
            );
        }
        assert_eq!(chinese_numeral("二十一"), Some(21));
        assert_eq!(chinese_numeral("十十"), None);
        assert_eq!(chinese_numeral(""), None);
    }

    #[test]
    fn task_start_rejects_decimals() {
        assert_eq!(task_start("1.提升能力。"), Some((1, "提升能力。")));
        assert_eq!(task_start("12、任务"), Some((12, "任务")));
        assert_eq!(task_start("1.5万人以上"), None);
        assert_eq!(task_start("2023年"), None);
    }

    #[test]
    fn a_task_text_starting_with_a_figure_continues_the_numbering() {
        let doc =
            parse("一、标题\n1.做事。(牵头单位:区甲局)\n2.121人才梯队项目。(牵头单位:区乙局)\n");
        let labels: Vec<&str> = doc.tasks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["1", "2"]);
        assert_eq!(doc.tasks[1].lead_units, ["区乙局"]);
        assert!(doc.tasks[1].text.starts_with("121人才"));
        // Not the next number: a wrapped figure stays in the task's text.
        let doc = parse("一、标题\n1.做事,新增\n5.5万人以上。(牵头单位:区甲局)\n");
        assert_eq!(doc.tasks.len(), 1);
        assert_eq!(decimal_task_start("1.5万人"), Some((1, "5万人")));
        assert_eq!(decimal_task_start("1.5"), None);
    }

    #[test]
    fn ordinal_items_are_tasks_only_as_the_lists_own_items() {
        let doc = parse(
            "一、稳增长\n一是扩大有效投资,新开工项目50个。(牵头单位:区发改局)\n\
二是提振消费。(牵头单位:区商务局;责任单位:各街道)\n三是稳定外贸。\n责任单位:区商务局\n",
        );
        let leads: Vec<_> = doc.tasks.iter().map(|t| t.lead_units.clone()).collect();
        assert_eq!(
            leads,
            [vec!["区发改局"], vec!["区商务局"], vec!["区商务局"]]
        );
        assert_eq!(doc.tasks[1].participating_units, ["各街道"]);
        assert!(doc.tasks[0].text.starts_with("扩大有效投资"));
        // Inside a numbered task, 一是/二是 lines are that task's text.
        let doc = parse("一、稳增长\n1.扩大投资:\n一是新开工项目50个;\n二是续建项目30个。\n(牵头单位:区发改局)\n");
        assert_eq!(doc.tasks.len(), 1);
        assert!(doc.tasks[0].text.contains("二是续建"));
        // One paragraph of 一是…二是… sentences is not a list.
        let doc = parse("一、稳增长\n一是扩大投资;二是提振消费。\n1.做事。(牵头单位:区甲局)\n");
        assert_eq!(doc.tasks.len(), 1);
        assert_eq!(ordinal_item("十二是做事"), Some((12, "做事")));
        assert_eq!(ordinal_item("一是"), None);
        assert_eq!(ordinal_item("一级标题"), None);
    }

    #[test]
    fn deadlines() {
        assert_eq!(deadline("力争6月底前完成。"), Some("6月底前".into()));
        assert_eq!(
            deadline("于2023年9月30日前建成"),
            Some("2023年9月30日前".into())
        );
        assert_eq!(deadline("年底前投入使用"), Some("年底前".into()));
        assert_eq!(
            deadline("做事。完成时限:2023年12月底"),
            Some("2023年12月底".into())
        );
        assert_eq!(deadline("年内新增2家,保持领先。"), None);
        assert_eq!(deadline("日前"), None);
        assert_eq!(deadline("于2023年12月底建成"), Some("2023年12月底".into()));
        assert_eq!(deadline("4月27日召开"), None);
        assert_eq!(deadline("完成时间节点安排"), None);
        assert_eq!(deadline("时间节点:9月"), Some("9月".into()));
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("2023年4月27日"));
        assert!(is_date_line("二〇二三年四月二十七日"));
        assert!(!is_date_line("2023年重点工作任务"));
    }
}
