//! The responsibility note that closes a task: `(牵头单位:A、B,参与单位:C)`, in full- or half-width
//! punctuation, with the label variants documents use.

/// Labels and the role they give; 责任单位 depends on whether 牵头单位 is also present.
const LABELS: [(&str, Role); 15] = [
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("主办单位", Role::Lead),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("参与单位", Role::Participant),
    ("参与部门", Role::Participant),
    ("配合单位", Role::Participant),
    ("配合部门", Role::Participant),
    ("协办单位", Role::Participant),
    ("协办部门", Role::Participant),
    ("责任领导", Role::Leader),
    ("牵头领导", Role::Leader),
    ("分管领导", Role::Leader),
    ("牵头区领导", Role::Leader),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Responsible,
    Participant,
    Leader,
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
}

/// A unit name that stands for a group of units (各街道, 相关部门 …).
pub(crate) fn is_group(name: &str) -> bool {
    ["各", "相关", "有关"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
}

/// The responsibility note of a task, in any of the forms documents use:
/// `(牵头单位:A、B,参与单位:C)`, a bare `责任单位:A` line after the text, or `(A牵头,B配合)`.
pub(crate) fn find_note(text: &str) -> Option<Note> {
    // Every form names a role; most wrapped lines name none, and a substring search is cheap.
    const ROLE_WORDS: [&str; 8] = [
        "单位", "部门", "领导", "牵头", "负责", "配合", "参与", "协办",
    ];
    if !ROLE_WORDS.iter().any(|word| text.contains(word)) {
        return None;
    }
    labelled_in_parentheses(text)
        .or_else(|| labelled_without_parentheses(text))
        .or_else(|| roles_after_names(text))
}

/// True when a line is a bare responsibility note (`责任单位:区民政局`).
pub(crate) fn starts_note(line: &str) -> bool {
    starts_with_label(line)
}

/// The last parenthesised group of the text that starts with a responsibility label.
fn labelled_in_parentheses(text: &str) -> Option<Note> {
    let (start, open) = text.char_indices().rev().find(|&(at, c)| {
        (c == '(' || c == '\u{ff08}')
            && starts_with_label(text.get(at + c.len_utf8()..).unwrap_or_default())
    })?;
    let after = text.get(start + open.len_utf8()..)?;
    let (inner, closed) = match after.rfind([')', '\u{ff09}']) {
        Some(close) => (after.get(..close)?, true),
        None => (after, false),
    };
    Some(labelled_note(start, closed, inner))
}

/// A label that starts a line or follows a sentence, with no parentheses: the note runs to the end.
fn labelled_without_parentheses(text: &str) -> Option<Note> {
    let start = text
        .char_indices()
        .filter(|&(_, c)| c == '\n' || c == '。' || c == ';' || c == '\u{ff1b}')
        .find_map(|(at, c)| {
            let rest = text.get(at + c.len_utf8()..)?;
            let label = rest.trim_start();
            label_at(label).map(|_| text.len() - label.len())
        })?;
    let inner = text.get(start..)?.trim_end_matches(['。', ')', '\u{ff09}']);
    Some(labelled_note(start, true, inner))
}

fn labelled_note(start: usize, closed: bool, inner: &str) -> Note {
    let mut note = Note {
        start,
        closed,
        ..Note::default()
    };
    let segments = segments(inner);
    let has_lead_label = segments.iter().any(|(role, _)| *role == Role::Lead);
    for (role, value) in segments {
        let target = match role {
            Role::Lead => &mut note.leads,
            Role::Responsible if !has_lead_label => &mut note.leads,
            Role::Responsible | Role::Participant => &mut note.participants,
            Role::Leader => &mut note.leaders,
        };
        for name in names(value) {
            if !target.contains(&name) {
                target.push(name);
            }
        }
    }
    note
}

/// `(区发展改革局牵头,区财政局、区商务局配合)` closing the text: every part must end with a role word,
/// so an ordinary parenthesis such as `(二期)` is never read as units.
fn roles_after_names(text: &str) -> Option<Note> {
    const LEAD_WORDS: [&str; 2] = ["牵头", "负责"];
    const JOIN_WORDS: [&str; 3] = ["配合", "参与", "协办"];
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '。');
    let without_close = trimmed
        .strip_suffix(')')
        .or_else(|| trimmed.strip_suffix('\u{ff09}'))?;
    let (start, open) = without_close
        .char_indices()
        .rev()
        .find(|&(_, c)| c == '(' || c == '\u{ff08}')?;
    let inner = without_close.get(start + open.len_utf8()..)?;
    let mut note = Note {
        start,
        closed: true,
        ..Note::default()
    };
    for part in inner
        .split([',', '\u{ff0c}', ';', '\u{ff1b}'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
    {
        let lead = LEAD_WORDS.iter().find_map(|word| part.strip_suffix(word));
        let join = JOIN_WORDS.iter().find_map(|word| part.strip_suffix(word));
        let (target, names_text) = match (lead, join) {
            (Some(names), _) => (&mut note.leads, names),
            (None, Some(names)) => (&mut note.participants, names),
            (None, None) => return None,
        };
        for name in names(names_text) {
            if !target.contains(&name) {
                target.push(name);
            }
        }
    }
    (!note.leads.is_empty() || !note.participants.is_empty()).then_some(note)
}

/// The first chars of `LABELS` (a test keeps the two in step).
fn starts_a_label(c: char) -> bool {
    matches!(c, '牵' | '主' | '责' | '参' | '配' | '协' | '分')
}

fn starts_with_label(text: &str) -> bool {
    label_at(text.trim_start()).is_some()
}

/// The label at the start of `text` followed by a colon: (role, bytes through the colon).
fn label_at(text: &str) -> Option<(Role, usize)> {
    LABELS.iter().find_map(|&(label, role)| {
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

/// Unit names of one label's value: split on 、,;, and `A等各B` becomes A plus the group 各B.
fn names(value: &str) -> Vec<String> {
    let mut names = Vec::new();
    // Names never contain spaces, so a space separates names too (区科技局 区财政局).
    let separators = |c: char| {
        matches!(c, '、' | ',' | '\u{ff0c}' | ';' | '\u{ff1b}' | '。')
            || c.is_whitespace()
            || c == '\u{3000}'
    };
    for part in value.split(separators) {
        let part = part.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        let (unit, group) = split_group(part);
        for name in [unit, group].into_iter().flatten() {
            let name = name.trim_end_matches('等').trim();
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
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

    #[test]
    fn lead_and_participants() {
        let note =
            find_note("做事。(牵头单位:区发展改革局,参与单位:区住房城市建设管理局、区交通运输局)")
                .unwrap_or_default();
        assert_eq!(note.leads, ["区发展改革局"]);
        assert_eq!(note.participants, ["区住房城市建设管理局", "区交通运输局"]);
        assert!(note.closed);
    }

    #[test]
    fn label_first_chars_are_known() {
        for (label, _) in LABELS {
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
        let note = find_note("做事。\n责任单位:区民政局;配合单位:区财政局").unwrap_or_default();
        assert_eq!(note.leads, ["区民政局"]);
        assert_eq!(note.participants, ["区财政局"]);
        assert_eq!(note.start, "做事。\n".len());
    }

    #[test]
    fn roles_written_after_names() {
        let note = find_note("做事。(区发展改革局牵头,区财政局、区商务局配合)").unwrap_or_default();
        assert_eq!(note.leads, ["区发展改革局"]);
        assert_eq!(note.participants, ["区财政局", "区商务局"]);
        assert_eq!(find_note("建设项目(二期)"), None);
        assert_eq!(find_note("建设项目(二期,区财政局配合)"), None);
    }

    #[test]
    fn no_note_in_plain_parentheses() {
        assert_eq!(
            find_note("城阳区环卫设施建设运营一体化项目(二期)等6个市政设施项目。"),
            None
        );
    }
}
