//! Line classifiers: what a line's start or form says it is — a task number (`1.`, `1、`,
//! `11.121…` after task 10), a heading (`一、` / `(一)`), a sub-item (`(1)`, `①`), a `一是/二是`
//! item, a notice's own numbered requirement (a paragraph, not a heading), an attachment list's
//! titles, a `(一)` item carrying its own responsibility note, a wrapped unit list, and the
//! covering notice's signature, date and trailer lines. `classify` marks the lines whose form
//! misleads before the body is read.

use super::table::Kind;
use super::{numeral_of, units, Line};
use crate::document::TaskNumber;

/// Lines whose form misleads: a notice's own numbered requirements (`一、各单位要…。`, a paragraph,
/// not a heading), its attachment list (`附件:1.…` ↵ `2.…表`, titles, not tasks), and `(一)` items
/// that carry their own responsibility note (tasks, not headings).
pub(super) fn classify(lines: &mut [Line]) {
    let mut in_attachments = false;
    let mut last_task: Option<TaskNumber> = None;
    // 一是/二是 items: tasks when they are the list's own items (lines of their own after a heading,
    // outside a numbered task), never inside a numbered task's text.
    let (mut seen_heading, mut numbered_open, mut last_item) = (false, false, None);
    for index in 0..lines.len() {
        let line = lines[index];
        if line.kind == Kind::Text {
            if heading(line.text).is_some() {
                (seen_heading, numbered_open, last_item) = (true, false, None);
            } else if let Some((number, text)) = ordinal_item(line.text) {
                let next_marker = format!("{}是", numeral_of(number + 1));
                let list_item = seen_heading
                    && !numbered_open
                    && !text.contains(&next_marker)
                    && if number == 1 {
                        // The list goes on: 二是 starts a later line before the next heading.
                        lines[index + 1..]
                            .iter()
                            .take(40)
                            .take_while(|next| heading(next.text).is_none())
                            .any(|next| next.text.starts_with(&next_marker))
                    } else {
                        last_item == Some(number - 1)
                    };
                if list_item {
                    lines[index].kind = Kind::Task(number);
                    lines[index].text = text;
                    last_item = Some(number);
                    continue;
                }
            }
        }
        if let Some((number, _)) = line.task_start() {
            last_task = Some(number);
            numbered_open = true;
        } else if let Some((number, text)) = decimal_task_start(line.text) {
            // 11.121人才梯队项目 right after task 10: task 11 whose text starts with a figure, not
            // the decimal 11.121 (a wrapped figure at a line start does not continue the numbering).
            if line.kind == Kind::Text && number > 1 && last_task == Some(number - 1) {
                lines[index].kind = Kind::Task(number);
                lines[index].text = text;
                last_task = Some(number);
                continue;
            }
        }
        if line.kind != Kind::Text {
            in_attachments = false;
            continue;
        }
        if line.text.starts_with("附件") {
            in_attachments = true;
            continue;
        }
        if in_attachments {
            let title = task_start(line.text).is_some_and(|(_, text)| {
                text.chars().count() <= 60
                    && !text.contains(['。', ';', '\u{ff1b}'])
                    && units::find_note(text, false).is_none()
            });
            if title {
                lines[index].kind = Kind::Plain;
                continue;
            }
            in_attachments = false;
        }
        let Some(found) = heading(line.text) else {
            continue;
        };
        if !found.bracketed {
            if is_paragraph(found.title) {
                lines[index].kind = Kind::Plain;
            }
            continue;
        }
        let note_follows = lines
            .get(index + 1)
            .is_some_and(|next| next.kind == Kind::Text && units::starts_note(next.text));
        let own_note = units::open_of_last_group(found.title.trim_end_matches('。'))
            .and_then(|open| found.title.get(open..))
            .is_some_and(|group| units::is_note_group(group.trim_end_matches('。')));
        if note_follows || own_note {
            lines[index].kind = Kind::Task(found.number);
            lines[index].text = found.title;
        }
    }
}

/// A heading's title that is a paragraph of prose (a notice's requirement), not a heading.
fn is_paragraph(title: &str) -> bool {
    let body = title.trim_end_matches('。');
    body.contains('。')
        || title.ends_with('。')
            && (title.chars().count() > 20 || title.contains([',', '\u{ff0c}', ';', '\u{ff1b}']))
}

/// The rest of a unit list wrapped onto its own line: short, no sentence, no label, each name short.
pub(super) fn wraps_names(line: &str) -> bool {
    line.chars().count() <= 30
        && !line.ends_with(['。', ':', '\u{ff1a}', ',', '\u{ff0c}', ';', '\u{ff1b}'])
        && !line.contains('。')
        && !units::starts_note(line)
        && heading(line).is_none()
        && task_start(line).is_none()
        && line
            .split(['、', ',', '\u{ff0c}'])
            .all(|name| !name.is_empty() && name.chars().count() <= 15)
}

pub(super) fn ends_with_any(text: &str, endings: &[&str]) -> bool {
    endings.iter().any(|ending| text.ends_with(ending))
}

pub(super) fn ends_with_notice(text: &str) -> bool {
    text.trim_end_matches(['。', '.']).ends_with("通知")
}

/// `(此件公开发布)` or `附件:…`: printed after a notice's signature.
pub(super) fn is_notice_trailer(text: &str) -> bool {
    let parenthesised = text.starts_with(['(', '\u{ff08}']) && text.ends_with([')', '\u{ff09}']);
    parenthesised || text.starts_with("附件")
}

/// A signature line: short, and not a sentence or an addressee list.
pub(super) fn looks_like_signature(text: &str) -> bool {
    text.chars().count() <= 40 && !ends_with_any(text, &["。", ":", "\u{ff1a}", ",", "\u{ff0c}"])
}

/// A line that is only a date such as 2023年4月27日 or 二〇二三年四月二十七日.
pub(super) fn is_date_line(text: &str) -> bool {
    let chinese_digits = "〇零一二三四五六七八九十";
    text.chars().count() <= 16
        && text.ends_with('日')
        && text.contains('年')
        && text.contains('月')
        && text.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || chinese_digits.contains(c)
                || "年月日 ".contains(c)
        })
}

/// A heading: `一、title` … `二十、title`, or `(一)title` / `（一）title`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Heading<'a> {
    /// Written `(一)`: a section or a subsection depending on the document.
    pub(super) bracketed: bool,
    pub(super) number: u32,
    pub(super) numeral: &'a str,
    pub(super) title: &'a str,
}

pub(super) fn heading(line: &str) -> Option<Heading<'_>> {
    let is_numeral = |c: char| "一二三四五六七八九十".contains(c);
    let (bracketed, rest) = match line.strip_prefix(['(', '\u{ff08}']) {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let numeral_len: usize = rest
        .chars()
        .take_while(|c| is_numeral(*c))
        .map(char::len_utf8)
        .sum();
    let numeral = rest.get(..numeral_len)?;
    let after = rest.get(numeral_len..)?;
    let title = if bracketed {
        after.strip_prefix([')', '\u{ff09}'])?
    } else {
        after
            .strip_prefix('、')
            .or_else(|| after.strip_prefix('.'))
            .or_else(|| after.strip_prefix('．'))?
    }
    .trim();
    let number = chinese_numeral(numeral)?;
    (!title.is_empty()).then_some(Heading {
        bracketed,
        number,
        numeral,
        title,
    })
}

/// A numbered sub-item inside a task: `(1)`, `（2）`, `①`.
pub(super) fn is_sub_item(line: &str) -> bool {
    if line.starts_with(|c: char| ('①'..='⑳').contains(&c)) {
        return true;
    }
    line.strip_prefix(['(', '\u{ff08}'])
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .is_some_and(|rest| rest.len() < line.len() - 1 && rest.starts_with([')', '\u{ff09}']))
}

/// Value of a Chinese numeral from 一 to 九十九.
pub(super) fn chinese_numeral(numeral: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|byte| byte as u32 / 3 + 1);
    let chars: Vec<char> = numeral.chars().collect();
    match chars.as_slice() {
        [one] if *one == '十' => Some(10),
        [one] => digit(*one),
        ['十', ones] => Some(10 + digit(*ones)?),
        [tens, '十'] => Some(digit(*tens)? * 10),
        [tens, '十', ones] => Some(digit(*tens)? * 10 + digit(*ones)?),
        _ => None,
    }
}

/// Strip a key-task mark (★) written before the number or the text.
pub(super) fn key_mark(text: &str) -> (bool, &str) {
    match text.strip_prefix('★') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    }
}

/// A task line `12.text` (also `12．`, `12、`, and with a leading ★): (number, text).
pub(super) fn task_start(line: &str) -> Option<(TaskNumber, &str)> {
    let line = line.trim_start_matches('★').trim_start();
    let digits_len: usize = line
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .map(char::len_utf8)
        .sum();
    if digits_len == 0 || digits_len > 9 {
        return None;
    }
    let digits = line.get(..digits_len)?;
    let rest = line.get(digits_len..)?;
    let text = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix('．'))
        .or_else(|| rest.strip_prefix('、'))?;
    // 1.5万人… is a number at the start of a wrapped line, not task 1.
    if text.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    let number = digits
        .chars()
        .filter_map(|c| {
            c.to_digit(10)
                .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
        })
        .try_fold(0u32, |acc, d| acc.checked_mul(10)?.checked_add(d))?;
    let text = text.trim();
    (number > 0 && !text.is_empty()).then_some((number, text))
}

/// `一是…` / `十二是…` at the start of a line: the ordinal and the text after it.
pub(super) fn ordinal_item(line: &str) -> Option<(TaskNumber, &str)> {
    let numeral_len: usize = line
        .chars()
        .take(3)
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .map(char::len_utf8)
        .sum();
    let number = chinese_numeral(line.get(..numeral_len)?)?;
    let text = line.get(numeral_len..)?.strip_prefix('是')?;
    let text = text
        .trim_start_matches([',', '\u{ff0c}', ':', '\u{ff1a}', '、'])
        .trim();
    (!text.is_empty()).then_some((number, text))
}

/// `11.121…`: a number, a dot and text starting with digits, which `task_start` refuses as a
/// decimal; the number and the text after the dot.
pub(super) fn decimal_task_start(line: &str) -> Option<(TaskNumber, &str)> {
    let line = line.trim_start_matches('★').trim_start();
    let digits_len = line.find(|c: char| !c.is_ascii_digit())?;
    if digits_len == 0 || digits_len > 4 {
        return None;
    }
    let number: TaskNumber = line.get(..digits_len)?.parse().ok()?;
    let text = line
        .get(digits_len..)?
        .strip_prefix('.')
        .or_else(|| line.get(digits_len..)?.strip_prefix('．'))?;
    text.starts_with(|c: char| c.is_ascii_digit())
        .then(|| text.trim())
        .filter(|text| {
            text.chars()
                .any(|c| !c.is_ascii_digit() && c != '.' && c != '%')
        })
        .map(|text| (number, text))
}
