//! The responsibility note that closes a task: `(牵头单位:A、B,参与单位:C)`, in full- or half-width
//! punctuation, with the label variants documents use.

/// Labels and the role they give; 责任单位 depends on whether 牵头单位 is also present.
const LABELS: &[(&str, Role)] = &[
    ("牵头单位", Role::Lead),
    ("牵头责任单位", Role::Lead),
    ("主要责任单位", Role::Responsible),
    ("主要责任部门", Role::Responsible),
    ("协同配合单位", Role::Participant),
    ("协同单位", Role::Participant),
    ("协同责任单位", Role::Participant),
    ("协同责任部门", Role::Participant),
    ("牵头部门", Role::Lead),
    ("主办单位", Role::Lead),
    ("主责单位", Role::Lead),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("参与单位", Role::Participant),
    ("参与部门", Role::Participant),
    ("参加单位", Role::Participant),
    ("配合单位", Role::Participant),
    ("配合部门", Role::Participant),
    ("协办单位", Role::Participant),
    ("协办部门", Role::Participant),
    ("部门分工", Role::Division),
    ("责任分工", Role::Division),
    ("任务分工", Role::Division),
    ("分工", Role::Division),
    ("分管省领导", Role::Leader),
    ("分管市领导", Role::Leader),
    ("分管区领导", Role::Leader),
    ("分管县领导", Role::Leader),
    ("责任领导", Role::Leader),
    ("牵头领导", Role::Leader),
    ("分管领导", Role::Leader),
    ("联系领导", Role::Leader),
    ("牵头区领导", Role::Leader),
    ("牵头市领导", Role::Leader),
    ("牵头县领导", Role::Leader),
    ("牵头负责领导", Role::Leader),
    ("牵头责任领导", Role::Leader),
    ("完成时限", Role::Due),
    ("完成时间", Role::Due),
    ("完成期限", Role::Due),
    ("时间节点", Role::Due),
    ("时间要求", Role::Due),
    ("时限要求", Role::Due),
    ("时限", Role::Due),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Responsible,
    Participant,
    Leader,
    /// 完成时限: not units, the task's deadline.
    Due,
    /// 部门分工: a value that names each unit's role itself (`A牵头,B配合`).
    Division,
}

/// Brackets a note may sit in: (…), （…）, […], 【…】.
pub(crate) fn is_open(c: char) -> bool {
    matches!(c, '(' | '\u{ff08}' | '[' | '【')
}

pub(crate) fn is_close(c: char) -> bool {
    matches!(c, ')' | '\u{ff09}' | ']' | '】')
}

/// Byte offset of the bracket that opens the group `text` ends with (`…(A(B)C)`), nesting counted.
pub(crate) fn open_of_last_group(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices().rev() {
        if is_close(c) {
            depth += 1;
        } else if is_open(c) {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(at);
            }
        }
    }
    None
}

/// True when the text says the first unit listed leads (各项任务中排在第一位的为牵头单位).
pub(crate) fn states_first_listed_leads(text: &str) -> bool {
    text.match_indices("牵头").any(|(at, _)| {
        let before = text.get(..at).unwrap_or_default();
        // The ordinal must be in the same phrase, a few chars before 牵头.
        let phrase_start = before
            .char_indices()
            .rev()
            .take(12)
            .take_while(|&(_, c)| {
                !matches!(
                    c,
                    '(' | '\u{ff08}'
                        | '。'
                        | ','
                        | '\u{ff0c}'
                        | ';'
                        | '\u{ff1b}'
                        | ':'
                        | '\u{ff1a}'
                        | '\n'
                )
            })
            .last()
            .map_or(at, |(start, _)| start);
        let phrase = before.get(phrase_start..).unwrap_or_default();
        ["第一", "首位", "第1位", "最前"]
            .iter()
            .any(|word| phrase.contains(word))
    })
}

/// A parsed responsibility note.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Note {
    /// Byte offset in the task text where the note begins (its opening parenthesis or label).
    pub start: usize,
    /// False when the closing parenthesis is missing.
    pub closed: bool,
    pub leads: Vec<String>,
    pub participants: Vec<String>,
    pub leaders: Vec<String>,
    /// The 完成时限 field, as written.
    pub due: Option<String>,
}

/// A unit name that stands for a group of units (各街道, 相关部门 …).
pub(crate) fn is_group(name: &str) -> bool {
    ["各", "相关", "有关"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
}

/// The responsibility note of a task, in any of the forms documents use:
/// `(牵头单位:A、B,参与单位:C)` (also in […] or 【…】), bare `责任单位:A` lines after the text, or
/// `(A牵头,B配合)`. With `first_listed_leads`, a note with only 责任单位 makes its first unit the lead.
pub(crate) fn find_note(text: &str, first_listed_leads: bool) -> Option<Note> {
    // Every form names a role; most wrapped lines name none, and a substring search is cheap.
    const ROLE_WORDS: [&str; 10] = [
        "单位", "部门", "领导", "牵头", "负责", "配合", "参与", "协办", "主办", "时限",
    ];
    if !ROLE_WORDS.iter().any(|word| text.contains(word)) {
        return None;
    }
    labelled_in_parentheses(text, first_listed_leads)
        .or_else(|| labelled_without_parentheses(text, first_listed_leads))
        .or_else(|| roles_after_names(text))
}

/// Whether a bracketed group (opening bracket included) is a complete responsibility note: the
/// cheap test run on every line that ends with a bracket, before the note is read in full.
pub(crate) fn is_note_group(group: &str) -> bool {
    let Some(open) = group.chars().next().filter(|&c| is_open(c)) else {
        return false;
    };
    let inner = group.get(open.len_utf8()..).unwrap_or_default();
    if starts_with_label(inner) {
        return true;
    }
    const ROLE_WORDS: [&str; 9] = [
        "牵头", "负责", "配合", "参与", "协办", "主办", "主责", "协助", "参加",
    ];
    ROLE_WORDS.iter().any(|word| inner.contains(word)) && roles_after_names(group).is_some()
}

/// True when a line is a bare responsibility note (`责任单位:区民政局`, `完成时限:6月底前`).
pub(crate) fn starts_note(line: &str) -> bool {
    starts_with_label(line)
}

/// The last bracketed group of the text that starts with a responsibility label.
fn labelled_in_parentheses(text: &str, first_listed_leads: bool) -> Option<Note> {
    let (start, open) = text.char_indices().rev().find(|&(at, c)| {
        is_open(c) && starts_with_label(text.get(at + c.len_utf8()..).unwrap_or_default())
    })?;
    let after = text.get(start + open.len_utf8()..)?;
    let (inner, closed) = match after.rfind(is_close) {
        Some(close) => (after.get(..close)?, true),
        None => (after, false),
    };
    Some(labelled_note(start, closed, inner, first_listed_leads))
}

/// A label that starts a line or follows a sentence, with no brackets: the note runs to the end.
fn labelled_without_parentheses(text: &str, first_listed_leads: bool) -> Option<Note> {
    let start = text
        .char_indices()
        .filter(|&(_, c)| c == '\n' || c == '。' || c == ';' || c == '\u{ff1b}')
        .find_map(|(at, c)| {
            let rest = text.get(at + c.len_utf8()..)?;
            let label = rest.trim_start();
            label_at(label).map(|_| text.len() - label.len())
        })?;
    let inner = text
        .get(start..)?
        .trim_end_matches(|c: char| c == '。' || is_close(c));
    Some(labelled_note(start, true, inner, first_listed_leads))
}

fn labelled_note(start: usize, closed: bool, inner: &str, first_listed_leads: bool) -> Note {
    let mut note = Note {
        start,
        closed,
        ..Note::default()
    };
    // `责任单位:A、B(列第一位者为牵头单位)`: the bracket is an instruction, not part of a name.
    let (inner, says_first_leads) = without_instruction(inner);
    let first_listed_leads = first_listed_leads || says_first_leads;
    let segments = segments(&inner);
    let has_lead_label = segments.iter().any(|(role, _)| *role == Role::Lead);
    let mut first_responsible = first_listed_leads && !has_lead_label;
    for (role, value) in segments {
        if role == Role::Due {
            let due = value.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '。' | ',' | '\u{ff0c}' | ';' | '\u{ff1b}')
            });
            if note.due.is_none() && !due.is_empty() {
                note.due = Some(due.to_string());
            }
            continue;
        }
        if role == Role::Division {
            // `部门分工:A牵头,B、C配合。`; a value naming no role is a list of responsible units.
            let value = value.trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '。' | ',' | '\u{ff0c}' | ';' | '\u{ff1b}')
            });
            match read_roles(value) {
                Some(roles) => {
                    for name in roles.leads {
                        push_new(&mut note.leads, name);
                    }
                    for name in roles.participants {
                        push_new(&mut note.participants, name);
                    }
                }
                None => {
                    for name in names(value) {
                        push_new(&mut note.leads, name);
                    }
                }
            }
            continue;
        }
        // `责任单位:A、B分别牵头`: the list says itself that every unit in it leads.
        let trimmed = value.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '。' | ',' | '\u{ff0c}' | ';' | '\u{ff1b}')
        });
        if let Some(listed) = ["分别牵头", "共同牵头", "牵头负责", "牵头"]
            .iter()
            .find_map(|word| trimmed.strip_suffix(word))
            .filter(|_| role != Role::Leader)
        {
            for name in names(listed) {
                push_new(&mut note.leads, name);
            }
            continue;
        }
        let mut names = names(value).into_iter();
        if role == Role::Responsible && first_responsible {
            // 排在第一位的为牵头单位: the first name leads, the rest take part.
            if let Some(first) = names.next() {
                first_responsible = false;
                push_new(&mut note.leads, first);
            }
            for name in names {
                push_new(&mut note.participants, name);
            }
            continue;
        }
        let target = match role {
            Role::Lead => &mut note.leads,
            Role::Responsible if !has_lead_label && !first_listed_leads => &mut note.leads,
            Role::Responsible | Role::Participant => &mut note.participants,
            Role::Leader | Role::Due | Role::Division => &mut note.leaders,
        };
        for name in names {
            push_new(target, name);
        }
    }
    // A 责任单位 list repeating the lead: the lead is not also one of the others.
    finish(&mut note);
    note
}

/// The note text without a bracketed instruction such as (列第一位者为牵头单位), and whether it had one.
fn without_instruction(inner: &str) -> (std::borrow::Cow<'_, str>, bool) {
    // An instruction group states it of itself, so the whole note does too: most notes (牵头单位:…)
    // are returned as they are, without a copy.
    if !inner.contains("牵头") || !states_first_listed_leads(inner) {
        return (std::borrow::Cow::Borrowed(inner), false);
    }
    let mut kept = String::with_capacity(inner.len());
    let mut found = false;
    let mut rest = inner;
    while let Some(open) = rest.find(is_open) {
        let open_len = rest[open..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[open + open_len..];
        let Some(close) = after.find(is_close) else {
            // `…(列第一位者为牵头单位` whose bracket was trimmed with the note's end.
            if states_first_listed_leads(after) {
                kept.push_str(&rest[..open]);
                rest = "";
                found = true;
            }
            break;
        };
        let group = &after[..close];
        let close_len = after[close..].chars().next().map_or(1, char::len_utf8);
        kept.push_str(&rest[..open]);
        if group.contains("牵头") && states_first_listed_leads(group) {
            found = true;
        } else {
            kept.push_str(&rest[open..open + open_len + close + close_len]);
        }
        rest = &after[close + close_len..];
    }
    kept.push_str(rest);
    if found {
        (std::borrow::Cow::Owned(kept), true)
    } else {
        (std::borrow::Cow::Borrowed(inner), false)
    }
}

/// Add a name; duplicates are removed once the note is complete (`finish`), in linear time.
fn push_new(list: &mut Vec<String>, name: String) {
    list.push(name);
}

/// Keep the first of each name, and drop from the others any name that leads: hash sets keep a
/// note of thousands of names linear.
fn finish(note: &mut Note) {
    // Most notes name a handful of units: compare them directly, without hashing copies.
    if note.leads.len() + note.participants.len() + note.leaders.len() <= 16 {
        dedup_small(&mut note.leads);
        let leads = &note.leads;
        let mut kept: Vec<String> = Vec::with_capacity(note.participants.len());
        for name in note.participants.drain(..) {
            if !leads.contains(&name) && !kept.contains(&name) {
                kept.push(name);
            }
        }
        note.participants = kept;
        dedup_small(&mut note.leaders);
        return;
    }
    let mut seen = std::collections::HashSet::new();
    note.leads.retain(|name| seen.insert(name.clone()));
    let leads = seen;
    let mut seen = std::collections::HashSet::new();
    note.participants
        .retain(|name| !leads.contains(name) && seen.insert(name.clone()));
    let mut seen = std::collections::HashSet::new();
    note.leaders.retain(|name| seen.insert(name.clone()));
}

/// Keep the first of each name of a short list.
fn dedup_small(list: &mut Vec<String>) {
    let mut kept: Vec<String> = Vec::with_capacity(list.len());
    for name in list.drain(..) {
        if !kept.contains(&name) {
            kept.push(name);
        }
    }
    *list = kept;
}

/// `(区发展改革局牵头,区财政局、区商务局配合)` or `(A、B主办,C协办)` closing the text: every part must
/// end with a role word, so an ordinary parenthesis such as `(二期)` is never read as units.
/// 负责 alone leads; after a 牵头 part (`A牵头,各有关部门按职责分工负责`) it takes part.
fn roles_after_names(text: &str) -> Option<Note> {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '。');
    let start = open_of_last_group(trimmed)?;
    let open_len = trimmed.get(start..)?.chars().next()?.len_utf8();
    let close_len = trimmed.chars().next_back()?.len_utf8();
    let inner = trimmed.get(start + open_len..trimmed.len() - close_len)?;
    let mut note = read_roles(inner)?;
    note.start = start;
    Some(note)
}

/// `A牵头,B、C配合` (no brackets): units followed by the role they take.
fn read_roles(inner: &str) -> Option<Note> {
    const LEAD_WORDS: [&str; 3] = ["牵头", "主办", "主责"];
    const RESPONSIBLE_WORDS: [&str; 1] = ["负责"];
    const JOIN_WORDS: [&str; 5] = ["配合", "参与", "协办", "协助", "参加"];
    let mut parts: Vec<(Role, &str)> = Vec::new();
    // Names without a role word wait for the next piece that has one: `A、B牵头、C配合`.
    let mut pending: Vec<&str> = Vec::new();
    let pieces = split_top_level(inner, |c| matches!(c, ',' | '\u{ff0c}' | ';' | '\u{ff1b}'))
        .into_iter()
        .flat_map(|part| {
            // Within a part, names before a role word wait for it; a part must end with one.
            let mut pieces = split_top_level(part, |c| c == '、');
            if let Some(last) = pieces.last_mut() {
                *last = last.trim_end();
            }
            pieces
                .into_iter()
                .map(|piece| (piece, false))
                .chain([("", true)])
        });
    for (part, part_end) in pieces {
        if part_end {
            // A part without a role word is read only when it lists units (`A牵头,B、C等部门,
            // D、E配合`): its names take the role of the next part that names one.
            if !pending.iter().all(|piece| looks_like_unit(piece)) {
                return None;
            }
            continue;
        }
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let role_of = |part: &'_ str| -> Option<(Role, usize)> {
            let strip = |words: &[&str]| words.iter().find_map(|word| part.strip_suffix(word));
            strip(&LEAD_WORDS)
                .map(|names| (Role::Lead, names.len()))
                .or_else(|| strip(&RESPONSIBLE_WORDS).map(|names| (Role::Responsible, names.len())))
                .or_else(|| strip(&JOIN_WORDS).map(|names| (Role::Participant, names.len())))
        };
        // `牵头落实` / `牵头负责` / `配合落实`: the role word before the verb.
        let found = role_of(part).or_else(|| {
            ["落实", "实施", "办理", "推进", "负责"]
                .iter()
                .find_map(|verb| part.strip_suffix(verb))
                .and_then(|shorter| role_of(shorter).filter(|(role, _)| *role != Role::Responsible))
        });
        match found {
            Some((role, names_len)) => {
                let names_text = &part[..names_len];
                let first = pending.first().copied().unwrap_or(names_text);
                parts.push((role, span(inner, first, names_text)));
                pending.clear();
            }
            None => pending.push(part),
        }
    }
    if !pending.is_empty() {
        return None;
    }
    let has_lead = parts.iter().any(|(role, _)| *role == Role::Lead);
    let mut note = Note {
        closed: true,
        ..Note::default()
    };
    for (role, names_text) in parts {
        let target = match role {
            Role::Responsible if !has_lead => &mut note.leads,
            Role::Lead => &mut note.leads,
            _ => &mut note.participants,
        };
        for name in names(names_text) {
            push_new(target, name);
        }
    }
    finish(&mut note);
    (!note.leads.is_empty() || !note.participants.is_empty()).then_some(note)
}

/// A name that ends like a unit's (局, 委, 办, 政府, 公司, 等部门 …): an unlabelled list of such
/// names may wait across a comma for its role word, where other text (a date, a place) may not.
fn looks_like_unit(piece: &str) -> bool {
    let piece = piece.trim();
    let piece = ["等部门", "等单位"]
        .iter()
        .find_map(|suffix| piece.strip_suffix(suffix))
        .unwrap_or(piece);
    piece.chars().count() >= 2
        && piece
            .chars()
            .next_back()
            .is_some_and(|c| "局委办厅部门位司府心处室院会所站队行署社团馆".contains(c))
}

/// The first chars of `LABELS` (a test keeps the two in step).
fn starts_a_label(c: char) -> bool {
    matches!(
        c,
        '牵' | '主' | '责' | '参' | '配' | '协' | '分' | '联' | '完' | '时' | '部' | '任'
    )
}

fn starts_with_label(text: &str) -> bool {
    label_at(text.trim_start()).is_some()
}

/// The label at the start of `text` followed by a colon: (role, bytes through the colon).
fn label_at(text: &str) -> Option<(Role, usize)> {
    if !text.starts_with(starts_a_label) {
        return None;
    }
    // The first char (3 bytes) decides most labels without comparing the rest.
    let head = text.as_bytes().get(..3)?;
    LABELS.iter().find_map(|&(label, role)| {
        if label.as_bytes().get(..3) != Some(head) {
            return None;
        }
        let rest = text.strip_prefix(label)?;
        let trimmed = rest.trim_start();
        let colon = trimmed
            .chars()
            .next()
            .filter(|c| *c == ':' || *c == '\u{ff1a}')?;
        Some((role, text.len() - trimmed.len() + colon.len_utf8()))
    })
}

/// Split the note into (role, value) at every label.
fn segments(inner: &str) -> Vec<(Role, &str)> {
    let mut found: Vec<(usize, Role, usize)> = Vec::new();
    // Only chars that can start a label are tried: notes are read for every task.
    for (at, _) in inner.char_indices().filter(|&(_, c)| starts_a_label(c)) {
        if let Some((role, len)) = inner.get(at..).and_then(label_at) {
            if found.last().is_none_or(|&(_, _, end)| at >= end) {
                found.push((at, role, at + len));
            }
        }
    }
    found
        .iter()
        .enumerate()
        .map(|(index, &(_, role, value_start))| {
            let value_end = found
                .get(index + 1)
                .map_or(inner.len(), |&(next, _, _)| next);
            (role, inner.get(value_start..value_end).unwrap_or_default())
        })
        .collect()
}

/// Split on `separator` outside brackets: 各街办(新区、开发区) stays one piece.
fn split_top_level(text: &str, separator: impl Fn(char) -> bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut piece_start = 0;
    for (at, c) in text.char_indices() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && separator(c) {
            pieces.push(text.get(piece_start..at).unwrap_or_default());
            piece_start = at + c.len_utf8();
        }
    }
    pieces.push(text.get(piece_start..).unwrap_or_default());
    pieces
}

/// Words after the names that say how they work, not who they are (A按职责分工负责).
const MANNER_SUFFIXES: [&str; 7] = [
    "按照职责分工",
    "按职责分工",
    "按照各自职责",
    "按各自职责",
    "按职责",
    "分别",
    "共同",
];

/// Unit names of one label's value: split on 、,; and spaces outside brackets; `A等各B` becomes A
/// plus the group 各B. A one-char piece is part of its neighbour (区、县(市) is one name), and names
/// are kept as written: a prefix shared by a list (市发改委、国土房管局) is not filled in.
fn names(value: &str) -> Vec<String> {
    let is_space = |c: char| c.is_whitespace() || c == '\u{3000}';
    // Names never contain spaces, so a space separates names too (区科技局 区财政局).
    let pieces: Vec<&str> = split_top_level(value, |c| {
        matches!(c, '、' | ',' | '\u{ff0c}' | ';' | '\u{ff1b}' | '。') || is_space(c)
    })
    .into_iter()
    .map(|piece| piece.trim_matches(is_space))
    .filter(|piece| !piece.is_empty())
    .collect();
    let mut merged: Vec<&str> = Vec::new();
    let mut index = 0;
    while index < pieces.len() {
        let piece = pieces[index];
        let single = piece.chars().count() == 1;
        // 各区、县级市 / 各县、市、区政府: a bare administrative level after a 各… group of that
        // kind is part of the group (each district and each county-level city), not a unit.
        if is_bare_level(piece) && merged.last().is_some_and(|p| is_level_group(p)) {
            if let Some(previous) = merged.pop() {
                merged.push(span(value, previous, piece));
            }
            index += 1;
            continue;
        }
        match (single, pieces.get(index + 1)) {
            // Join the single char to the next piece, through the separator as written.
            (true, Some(next)) => {
                merged.push(span(value, piece, next));
                index += 2;
            }
            (true, None) => {
                match merged.pop() {
                    Some(previous) => merged.push(span(value, previous, piece)),
                    None => merged.push(piece),
                }
                index += 1;
            }
            (false, _) => {
                merged.push(piece);
                index += 1;
            }
        }
    }
    let mut names: Vec<String> = Vec::new();
    // Short lists (almost every note) are compared directly; long ones hashed, to stay linear.
    let small = merged.len() <= 16;
    let mut seen: Option<std::collections::HashSet<&str>> =
        (!small).then(std::collections::HashSet::new);
    for part in merged {
        let mut part = part;
        // Every manner suffix ends in one of these chars; most names end in none.
        while part.ends_with(['工', '责', '别', '同']) {
            match MANNER_SUFFIXES
                .iter()
                .find_map(|suffix| part.strip_suffix(suffix))
            {
                Some(stripped) => part = stripped,
                None => break,
            }
        }
        // `A等部门` / `A等单位`: "and other departments", no unit of its own.
        let part = ["等部门", "等单位"]
            .iter()
            .find_map(|suffix| part.strip_suffix(suffix))
            .unwrap_or(part);
        let (unit, group) = split_group(part);
        for name in [unit, group].into_iter().flatten() {
            let name = name.trim_end_matches('等').trim();
            let new = match &mut seen {
                None => !names.iter().any(|known| known == name),
                Some(seen) => seen.insert(name),
            };
            if !name.is_empty() && new {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// An administrative level named without a place (县级市, 县(市), 县区): it addresses every unit
/// of that level and only ever follows a 各… group (`人民政府`/`政府` may follow the level).
fn is_bare_level(piece: &str) -> bool {
    const LEVELS: [&str; 16] = [
        "县级市",
        "县(市)",
        "县（市）",
        "县市",
        "县区",
        "市区",
        "区县",
        "市县",
        "县市区",
        "旗县",
        "市",
        "县",
        "区",
        "旗",
        "乡",
        "镇",
    ];
    let level = piece
        .strip_suffix("人民政府")
        .or_else(|| piece.strip_suffix("政府"))
        .unwrap_or(piece);
    LEVELS.contains(&level)
}

/// A 各… group of administrative levels (各区, 各有关区, 各县、市), which a further bare level joins.
fn is_level_group(group: &str) -> bool {
    let last = group
        .rsplit(['、', ',', '\u{ff0c}'])
        .next()
        .unwrap_or(group);
    let last = last.strip_prefix('各').unwrap_or(last);
    let last = last.strip_prefix("有关").unwrap_or(last);
    group.starts_with('各') && is_bare_level(last)
}

/// The slice of `whole` from the start of `first` to the end of `last` (both slices of `whole`).
fn span<'a>(whole: &'a str, first: &'a str, last: &'a str) -> &'a str {
    let base = whole.as_ptr() as usize;
    let from = first.as_ptr() as usize - base;
    let to = last.as_ptr() as usize - base + last.len();
    whole.get(from..to).unwrap_or(first)
}

fn split_group(part: &str) -> (Option<&str>, Option<&str>) {
    for (at, _) in part.match_indices('等') {
        let after = part.get(at + '等'.len_utf8()..).unwrap_or_default();
        if is_group(after) {
            return (part.get(..at), Some(after));
        }
    }
    (Some(part), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note_of(text: &str) -> Option<Note> {
        find_note(text, false)
    }

    #[test]
    fn lead_and_participants() {
        let note =
            note_of("做事。(牵头单位:区发展改革局,参与单位:区住房城市建设管理局、区交通运输局)")
                .unwrap_or_default();
        assert_eq!(note.leads, ["区发展改革局"]);
        assert_eq!(note.participants, ["区住房城市建设管理局", "区交通运输局"]);
        assert!(note.closed);
    }

    #[test]
    fn label_first_chars_are_known() {
        for (label, _) in LABELS.iter() {
            assert!(label.chars().next().is_some_and(starts_a_label), "{label}");
        }
    }

    #[test]
    fn group_after_deng() {
        assert_eq!(
            names("区农业农村局等各产业主管部门"),
            ["区农业农村局", "各产业主管部门"]
        );
        assert_eq!(names("各有关街道"), ["各有关街道"]);
    }

    #[test]
    fn bare_label_line() {
        let note = note_of("做事。\n责任单位:区民政局;配合单位:区财政局").unwrap_or_default();
        assert_eq!(note.leads, ["区民政局"]);
        assert_eq!(note.participants, ["区财政局"]);
        assert_eq!(note.start, "做事。\n".len());
    }

    #[test]
    fn roles_written_after_names() {
        let note = note_of("做事。(区发展改革局牵头,区财政局、区商务局配合)").unwrap_or_default();
        assert_eq!(note.leads, ["区发展改革局"]);
        assert_eq!(note.participants, ["区财政局", "区商务局"]);
        assert_eq!(note_of("建设项目(二期)"), None);
        assert_eq!(note_of("建设项目(二期,区财政局配合)"), None);
    }

    #[test]
    fn roles_with_a_verb_and_names_joined_by_dun() {
        let note = note_of("做事。(市经信委牵头落实)").unwrap_or_default();
        assert_eq!(note.leads, ["市经信委"]);
        let note = note_of("做事。(市发展改革委、市财政局牵头落实)").unwrap_or_default();
        assert_eq!(note.leads, ["市发展改革委", "市财政局"]);
        let note = note_of("做事。(甲局牵头、乙局配合)").unwrap_or_default();
        assert_eq!(note.leads, ["甲局"]);
        assert_eq!(note.participants, ["乙局"]);
        let note = note_of("做事。(甲局牵头,甲局、乙局负责)").unwrap_or_default();
        assert_eq!(note.participants, ["乙局"], "the lead is not repeated");
    }

    #[test]
    fn a_list_that_says_it_leads() {
        let note = note_of("做事。\n责任单位:甲局、乙局分别牵头").unwrap_or_default();
        assert_eq!(note.leads, ["甲局", "乙局"]);
        assert!(note.participants.is_empty());
    }

    #[test]
    fn first_listed_instruction_is_not_a_name() {
        let note =
            note_of("做事。\n责任单位:市交通局、各区县(列第一位者为牵头单位)").unwrap_or_default();
        assert_eq!(note.leads, ["市交通局"]);
        assert_eq!(note.participants, ["各区县"]);
    }

    #[test]
    fn first_listed_statement() {
        assert!(states_first_listed_leads(
            "说明:责任单位中排在第一位的为牵头单位。"
        ));
        assert!(states_first_listed_leads("首位为牵头单位"));
        assert!(!states_first_listed_leads(
            "打造全省第一。(牵头单位:区商务局)"
        ));
        assert!(!states_first_listed_leads("(牵头单位:区商务局)"));
    }

    #[test]
    fn names_keep_brackets_and_one_char_pieces_whole() {
        assert_eq!(
            names("各街办(新区)、区财政局"),
            ["各街办(新区)", "区财政局"]
        );
        assert_eq!(
            names("区、县(市)商务部门,区财政局"),
            ["区、县(市)商务部门", "区财政局"]
        );
        assert_eq!(names("各区、市"), ["各区、市"]);
        assert_eq!(
            names("市委组织部,各区、县级市"),
            ["市委组织部", "各区、县级市"]
        );
        assert_eq!(
            names("市科协,各有关区、县（市）"),
            ["市科协", "各有关区、县（市）"]
        );
        assert_eq!(names("区财政局、县级市"), ["区财政局", "县级市"]);
        assert_eq!(
            names("滁州海关、市人行等,各县、市、区政府"),
            ["滁州海关", "市人行", "各县、市、区政府"]
        );
        assert_eq!(names("各街道、区政府"), ["各街道", "区政府"]);
        assert_eq!(names("各区(市、县)"), ["各区(市、县)"]);
        assert_eq!(names("市发改委、国土房管局"), ["市发改委", "国土房管局"]);
        assert_eq!(names("各有关部门按职责分工"), ["各有关部门"]);
    }

    #[test]
    fn square_brackets_and_due_field() {
        let note = note_of("做事。【牵头单位:区商务局;配合单位:区财政局;完成时限:2025年6月底】")
            .unwrap_or_default();
        assert_eq!(note.leads, ["区商务局"]);
        assert_eq!(note.participants, ["区财政局"]);
        assert_eq!(note.due.as_deref(), Some("2025年6月底"));
    }

    #[test]
    fn responsible_after_lead_takes_part() {
        let note = note_of("做事。(区商务局主办,区财政局协办)").unwrap_or_default();
        assert_eq!(
            (note.leads, note.participants),
            (vec!["区商务局".to_string()], vec!["区财政局".to_string()])
        );
        let note = note_of("做事。(甲局、乙局牵头,各有关部门按职责分工负责)").unwrap_or_default();
        assert_eq!(note.leads, ["甲局", "乙局"]);
        assert_eq!(note.participants, ["各有关部门"]);
        let note = note_of("做事。(甲局负责)").unwrap_or_default();
        assert_eq!(note.leads, ["甲局"]);
        let first = find_note("做事。(责任单位:甲局、乙局、丙局)", true).unwrap_or_default();
        assert_eq!(first.leads, ["甲局"]);
        assert_eq!(first.participants, ["乙局", "丙局"]);
    }

    #[test]
    fn no_note_in_plain_parentheses() {
        assert_eq!(
            note_of("城阳区环卫设施建设运营一体化项目(二期)等6个市政设施项目。"),
            None
        );
    }

    #[test]
    fn a_unit_list_waits_across_a_comma_for_its_role() {
        let note =
            note_of("做事。(区发改局牵头,区财政局、区水务局等部门,区国投公司、各街道办事处配合)")
                .unwrap_or_default();
        assert_eq!(note.leads, ["区发改局"]);
        assert_eq!(
            note.participants,
            ["区财政局", "区水务局", "区国投公司", "各街道办事处"]
        );
        // Text that names no unit does not wait: (2023年底前完成,市发改委牵头) is no note of units.
        assert_eq!(note_of("做事。(2023年底前完成,市发改委牵头)"), None);
    }

    #[test]
    fn a_division_label_names_roles_after_the_units() {
        let note = note_of("地区生产总值增长6%以上。\n分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。")
            .unwrap_or_default();
        assert_eq!(note.leads, ["省发展改革委"]);
        assert_eq!(note.participants, ["各地", "各部门"]);
        assert_eq!(note.leaders, ["林克庆"]);
    }
}
