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
///
/// Linear in the text and the terms (Knuth–Morris–Pratt per term, overlapping matches included,
/// then one sweep over a per-char coverage count), so a long pasted term or a text of repeated
/// characters cannot freeze the page.
pub fn match_ranges<S: AsRef<str>>(text: &str, terms: &[S]) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, fold_char(c)))
        .collect();
    // +1 where a match starts, -1 where it ends (by char index); covered where the sum is > 0.
    let mut coverage: Vec<i32> = Vec::new();
    for term in terms {
        let needle: Vec<char> = term.as_ref().chars().map(fold_char).collect();
        if needle.is_empty() || needle.len() > chars.len() {
            continue;
        }
        if coverage.is_empty() {
            coverage = vec![0; chars.len() + 1];
        }
        for end in kmp_match_ends(&chars, &needle) {
            coverage[end + 1 - needle.len()] += 1;
            coverage[end + 1] -= 1;
        }
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut depth = 0;
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    for (i, delta) in coverage.iter().enumerate() {
        let before = depth;
        depth += delta;
        if before == 0 && depth > 0 {
            match ranges.last_mut() {
                // Touching the previous range: extend it.
                Some(last) if last.end == byte_at(i) => {}
                _ => ranges.push(byte_at(i)..byte_at(i)),
            }
        }
        if before > 0 && depth == 0 {
            if let Some(last) = ranges.last_mut() {
                last.end = byte_at(i);
            }
        }
    }
    ranges
}

/// Char indices where `needle` ends in `haystack` (overlapping matches included), in order.
fn kmp_match_ends(haystack: &[(usize, char)], needle: &[char]) -> Vec<usize> {
    // failure[i]: length of the longest proper border of needle[..=i].
    let mut failure = vec![0usize; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = failure[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        failure[i] = k;
    }
    let mut ends = Vec::new();
    let mut k = 0;
    for (i, &(_, c)) in haystack.iter().enumerate() {
        while k > 0 && c != needle[k] {
            k = failure[k - 1];
        }
        if c == needle[k] {
            k += 1;
        }
        if k == needle.len() {
            ends.push(i);
            k = failure[k - 1];
        }
    }
    ends
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
    // Accepted targets by start: a new one is checked against its neighbours only (the accepted
    // ranges never overlap), so many targets cost n log n, not n².
    let mut accepted: std::collections::BTreeMap<usize, (usize, usize)> =
        std::collections::BTreeMap::new();
    for (index, target) in targets.iter().enumerate() {
        let (start, end) = (target.start, target.end);
        let valid = start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        let overlaps = accepted
            .range(..end)
            .next_back()
            .is_some_and(|(_, &(prior_end, _))| start < prior_end);
        if valid && !overlaps {
            accepted.insert(start, (end, index));
        }
    }
    let target_ranges: Vec<(Range<usize>, usize)> = accepted
        .into_iter()
        .map(|(start, (end, index))| (start..end, index))
        .collect();

    let mut cuts: Vec<usize> = vec![0, text.len()];
    for range in hits.iter().chain(target_ranges.iter().map(|(r, _)| r)) {
        cuts.push(range.start);
        cuts.push(range.end);
    }
    crate::sorting::sort(&mut cuts);
    cuts.dedup();

    // (start, end, matched, target) pieces, merged with their neighbour when marks agree. Hits
    // and targets are sorted and disjoint, so one pointer into each walks along with the cuts.
    let mut pieces: Vec<(usize, usize, bool, Option<usize>)> = Vec::new();
    let (mut next_hit, mut next_target) = (0, 0);
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start == end {
            continue;
        }
        while hits.get(next_hit).is_some_and(|r| r.end <= start) {
            next_hit += 1;
        }
        while target_ranges
            .get(next_target)
            .is_some_and(|(r, _)| r.end <= start)
        {
            next_target += 1;
        }
        let matched = hits
            .get(next_hit)
            .is_some_and(|r| r.start <= start && end <= r.end);
        let target = target_ranges
            .get(next_target)
            .filter(|(r, _)| r.start <= start && end <= r.end)
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
