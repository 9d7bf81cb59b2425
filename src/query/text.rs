//! Text search: splitting what the user typed into terms, folding case and width, and
//! cutting a text into highlighted segments (search hits and marked targets).

use std::ops::Range;

use crate::document::{Target, TaskNumber};

/// Fold one character for matching: full-width ASCII (ＡＢＣ１２３＃) to half-width, then
/// lower case. Always one char for one char, so a match in the folded text is a match in the
/// original at the same char positions; CJK characters are unchanged.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // CJK radicals, punctuation, kana and ideographs have no case: skip the table lookup,
    // which dominates index building for Chinese text.
    if ('\u{2E80}'..='\u{9FFF}').contains(&c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        // Multi-char lower cases (e.g. İ) would break the one-to-one mapping; keep the char.
        _ => c,
    }
}

/// Fold a whole string with [`fold_char`].
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// What the search box holds, split into terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText {
    /// Terms as typed (original case), in order, without duplicates. All must match.
    pub terms: Vec<String>,
    /// Folded terms, parallel to `terms`, used for matching.
    pub folded: Vec<String>,
    /// The text was a lone task number (`14`, `#14`, `＃14`, `１４`).
    pub number: Option<TaskNumber>,
}

impl SearchText {
    /// Split on any whitespace, ASCII or full-width (U+3000). Control characters are dropped
    /// so a term can never match across the field separators of the search index.
    pub fn parse(text: &str) -> SearchText {
        let mut terms: Vec<String> = Vec::new();
        let mut folded: Vec<String> = Vec::new();
        for raw in text.split(char::is_whitespace) {
            let term: String = raw.chars().filter(|c| !c.is_control()).collect();
            if term.is_empty() {
                continue;
            }
            let folded_term = fold(&term);
            if folded.contains(&folded_term) {
                continue;
            }
            terms.push(term);
            folded.push(folded_term);
        }
        let number = match folded.as_slice() {
            [only] => parse_task_number(only),
            _ => None,
        };
        SearchText {
            terms,
            folded,
            number,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// `14` or `#14` (already folded, so `＃１４` arrives as `#14`).
fn parse_task_number(folded_term: &str) -> Option<TaskNumber> {
    let digits = folded_term.strip_prefix('#').unwrap_or(folded_term);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A piece of a text for display: plain, a search hit, a marked target, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    /// Part of a search-term match.
    pub matched: bool,
    /// Index (into the task's `targets`) of the target this piece belongs to.
    pub target: Option<usize>,
}

/// Byte ranges of `text` matched by any of `terms`, case- and width-insensitive, merged
/// where they overlap or touch, in order. Always on char boundaries. Empty terms match nothing.
pub fn match_ranges<S: AsRef<str>>(text: &str, terms: &[S]) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, fold_char(c)))
        .collect();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in terms {
        let needle: Vec<char> = term.as_ref().chars().map(fold_char).collect();
        if needle.is_empty() || needle.len() > chars.len() {
            continue;
        }
        for start in 0..=(chars.len() - needle.len()) {
            if chars[start..start + needle.len()]
                .iter()
                .map(|&(_, c)| c)
                .eq(needle.iter().copied())
            {
                let end_char = start + needle.len();
                let end = chars.get(end_char).map_or(text.len(), |&(i, _)| i);
                ranges.push(chars[start].0..end);
            }
        }
    }
    merge_ranges(ranges)
}

fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Cut `text` into plain and matched segments. Concatenating the segments gives `text` back.
pub fn highlight<'a, S: AsRef<str>>(text: &'a str, terms: &[S]) -> Vec<Segment<'a>> {
    mark(text, &[], terms)
}

/// Cut `text` into segments carrying both search hits and target marks (`Target::start..end`,
/// byte ranges into `text`). Target ranges that are empty, out of bounds, not on char
/// boundaries or overlapping an earlier target are ignored rather than trusted.
/// Neighbouring pieces with the same marks are merged; concatenation gives `text` back.
pub fn mark<'a, S: AsRef<str>>(text: &'a str, targets: &[Target], terms: &[S]) -> Vec<Segment<'a>> {
    let hits = match_ranges(text, terms);
    let mut target_ranges: Vec<(Range<usize>, usize)> = Vec::new();
    for (index, target) in targets.iter().enumerate() {
        let (start, end) = (target.start, target.end);
        let valid = start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if valid
            && !target_ranges
                .iter()
                .any(|(r, _)| start < r.end && r.start < end)
        {
            target_ranges.push((start..end, index));
        }
    }
    target_ranges.sort_by_key(|(r, _)| r.start);

    let mut cuts: Vec<usize> = vec![0, text.len()];
    for range in hits.iter().chain(target_ranges.iter().map(|(r, _)| r)) {
        cuts.push(range.start);
        cuts.push(range.end);
    }
    cuts.sort_unstable();
    cuts.dedup();

    // (start, end, matched, target) pieces, merged with their neighbour when marks agree.
    let mut pieces: Vec<(usize, usize, bool, Option<usize>)> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start == end {
            continue;
        }
        let matched = hits.iter().any(|r| r.start <= start && end <= r.end);
        let target = target_ranges
            .iter()
            .find(|(r, _)| r.start <= start && end <= r.end)
            .map(|&(_, index)| index);
        match pieces.last_mut() {
            Some(last) if last.2 == matched && last.3 == target => last.1 = end,
            _ => pieces.push((start, end, matched, target)),
        }
    }
    pieces
        .into_iter()
        .map(|(start, end, matched, target)| Segment {
            text: &text[start..end],
            matched,
            target,
        })
        .collect()
}
