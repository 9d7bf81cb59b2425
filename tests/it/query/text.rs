//! Search-term parsing, folding and highlighting (plain, overlapping, multibyte, with targets).

use luoshi::document::Target;
use luoshi::query::{fold, highlight, mark, match_ranges, SearchText, Segment};

fn seg(text: &str, matched: bool) -> Segment<'_> {
    Segment {
        text,
        matched,
        target: None,
    }
}

fn joined(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text).collect()
}

fn target(start: usize, end: usize) -> Target {
    Target {
        start,
        end,
        ..Target::default()
    }
}

#[test]
fn terms_split_on_any_whitespace_and_drop_duplicates() {
    let search = SearchText::parse("　科技  实验室\t科技\u{3000}RISC risc ");
    assert_eq!(search.terms, vec!["科技", "实验室", "RISC"]);
    assert_eq!(search.folded, vec!["科技", "实验室", "risc"]);
    assert_eq!(search.number, None);
    assert!(SearchText::parse(" \u{3000} ").is_empty());
    assert!(SearchText::parse("").is_empty());
}

#[test]
fn lone_numbers_in_every_spelling() {
    assert_eq!(SearchText::parse("14").number, Some(14));
    assert_eq!(SearchText::parse("#14").number, Some(14));
    assert_eq!(SearchText::parse("＃14").number, Some(14));
    assert_eq!(SearchText::parse("＃１４").number, Some(14));
    assert_eq!(SearchText::parse("　14　").number, Some(14));
    assert_eq!(SearchText::parse("0").number, Some(0));
    assert_eq!(SearchText::parse("#").number, None);
    assert_eq!(SearchText::parse("14项").number, None);
    assert_eq!(SearchText::parse("14 15").number, None);
    assert_eq!(SearchText::parse("-14").number, None);
    assert_eq!(SearchText::parse("+14").number, None);
    assert_eq!(SearchText::parse("99999999999").number, None);
}

#[test]
fn control_characters_never_reach_a_term() {
    let search = SearchText::parse("科\u{1F}技 \u{7}");
    assert_eq!(search.terms, vec!["科技"]);
}

#[test]
fn fold_is_one_char_for_one_char() {
    assert_eq!(fold("RISC-Ｖ ＡＢＣ１２３＃"), "risc-v abc123#");
    assert_eq!(fold("城阳区"), "城阳区");
    // İ lower-cases to two chars; folding keeps it so offsets stay aligned.
    assert_eq!(fold("İ").chars().count(), 1);
    assert_eq!(fold("ÄÖ"), "äö");
}

#[test]
fn highlight_without_terms_is_one_plain_segment() {
    let none: [&str; 0] = [];
    assert_eq!(
        highlight("推进城市更新", &none),
        vec![seg("推进城市更新", false)]
    );
    assert_eq!(
        highlight("推进城市更新", &[""]),
        vec![seg("推进城市更新", false)]
    );
    assert!(highlight("", &["城市"]).is_empty());
}

#[test]
fn highlight_finds_every_occurrence() {
    assert_eq!(
        highlight("城市更新,城市品质", &["城市"]),
        vec![
            seg("城市", true),
            seg("更新,", false),
            seg("城市", true),
            seg("品质", false)
        ]
    );
}

#[test]
fn highlight_at_both_ends_and_whole_text() {
    assert_eq!(highlight("科技局", &["科技局"]), vec![seg("科技局", true)]);
    assert_eq!(
        highlight("区科技局", &["区"]),
        vec![seg("区", true), seg("科技局", false)]
    );
    assert_eq!(
        highlight("区科技局", &["局"]),
        vec![seg("区科技", false), seg("局", true)]
    );
    assert_eq!(highlight("区", &["区科技局"]), vec![seg("区", false)]);
}

#[test]
fn overlapping_and_adjacent_matches_merge() {
    // Overlapping terms.
    assert_eq!(
        highlight("区科技局牵头", &["区科技", "科技局"]),
        vec![seg("区科技局", true), seg("牵头", false)]
    );
    // Overlapping occurrences of one term.
    assert_eq!(
        highlight("aaa b", &["aa"]),
        vec![seg("aaa", true), seg(" b", false)]
    );
    // Adjacent terms.
    assert_eq!(
        highlight("新增实验室", &["新增", "实验室"]),
        vec![seg("新增实验室", true)]
    );
    // One term inside another.
    assert_eq!(
        highlight("重点实验室", &["实验", "重点实验室"]),
        vec![seg("重点实验室", true)]
    );
}

#[test]
fn highlight_ignores_case_and_width_and_keeps_the_original_text() {
    assert_eq!(
        highlight("支持RISC-V团队", &["risc-v"]),
        vec![seg("支持", false), seg("RISC-V", true), seg("团队", false)]
    );
    assert_eq!(
        highlight("ＲＩＳＣ架构", &["risc"]),
        vec![seg("ＲＩＳＣ", true), seg("架构", false)]
    );
    assert_eq!(
        highlight("Ä😀ä", &["ä"]),
        vec![seg("Ä", true), seg("😀", false), seg("ä", true)]
    );
}

#[test]
fn match_ranges_are_char_boundaries() {
    let text = "年内新增2家市级以上重点实验室";
    let ranges = match_ranges(text, &["2家", "实验室"]);
    assert_eq!(ranges.len(), 2);
    for range in &ranges {
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
    assert_eq!(&text[ranges[0].clone()], "2家");
    assert_eq!(&text[ranges[1].clone()], "实验室");
}

#[test]
fn mark_combines_targets_and_hits() {
    let text = "年内新增2家市级以上重点实验室";
    let start = text.find("2家").unwrap_or(0);
    let end = text.find("重点").unwrap_or(0);
    let targets = [target(start, end)];
    let segments = mark(text, &targets, &["市级", "实验室"]);
    assert_eq!(
        segments,
        vec![
            Segment {
                text: "年内新增",
                matched: false,
                target: None
            },
            Segment {
                text: "2家",
                matched: false,
                target: Some(0)
            },
            Segment {
                text: "市级",
                matched: true,
                target: Some(0)
            },
            Segment {
                text: "以上",
                matched: false,
                target: Some(0)
            },
            Segment {
                text: "重点",
                matched: false,
                target: None
            },
            Segment {
                text: "实验室",
                matched: true,
                target: None
            },
        ]
    );
    assert_eq!(joined(&segments), text);
}

#[test]
fn mark_keeps_target_indices_and_separates_adjacent_targets() {
    let text = "新增2家,达到85%";
    let a = text.find("2家").unwrap_or(0);
    let b = text.find("85%").unwrap_or(0);
    let none: [&str; 0] = [];
    let segments = mark(
        text,
        &[target(a, a + "2家".len()), target(b, text.len())],
        &none,
    );
    assert_eq!(
        segments,
        vec![
            Segment {
                text: "新增",
                matched: false,
                target: None
            },
            Segment {
                text: "2家",
                matched: false,
                target: Some(0)
            },
            Segment {
                text: ",达到",
                matched: false,
                target: None
            },
            Segment {
                text: "85%",
                matched: false,
                target: Some(1)
            },
        ]
    );
    // Two targets touching each other stay two segments.
    let touching = mark("12", &[target(0, 1), target(1, 2)], &none);
    assert_eq!(touching.len(), 2);
    assert_eq!(touching[1].target, Some(1));
}

#[test]
fn mark_ignores_bad_target_ranges() {
    let text = "城市更新";
    let none: [&str; 0] = [];
    for bad in [
        target(1, 3),
        target(0, 99),
        target(6, 3),
        target(3, 3),
        target(usize::MAX, usize::MAX),
    ] {
        assert_eq!(mark(text, &[bad], &none), vec![seg(text, false)]);
    }
    // An overlapping later target is dropped; the first one wins.
    let segments = mark(text, &[target(0, 6), target(3, 9)], &none);
    assert_eq!(
        segments[0],
        Segment {
            text: "城市",
            matched: false,
            target: Some(0)
        }
    );
    assert_eq!(segments[1], seg("更新", false));
}

/// The straightforward (quadratic) definitions, kept here as the reference the linear code must
/// agree with.
mod reference {
    use luoshi::document::Target;
    use luoshi::query::fold_char;
    use std::ops::Range;

    pub fn match_ranges(text: &str, terms: &[String]) -> Vec<Range<usize>> {
        let chars: Vec<(usize, char)> = text
            .char_indices()
            .map(|(i, c)| (i, fold_char(c)))
            .collect();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for term in terms {
            let needle: Vec<char> = term.chars().map(fold_char).collect();
            if needle.is_empty() || needle.len() > chars.len() {
                continue;
            }
            for start in 0..=(chars.len() - needle.len()) {
                if chars[start..start + needle.len()]
                    .iter()
                    .map(|&(_, c)| c)
                    .eq(needle.iter().copied())
                {
                    let end = chars
                        .get(start + needle.len())
                        .map_or(text.len(), |&(i, _)| i);
                    ranges.push(chars[start].0..end);
                }
            }
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// Which target index each byte belongs to, first-come in index order.
    pub fn target_of_bytes(text: &str, targets: &[Target]) -> Vec<Option<usize>> {
        let mut accepted: Vec<(Range<usize>, usize)> = Vec::new();
        for (index, t) in targets.iter().enumerate() {
            let valid = t.start < t.end
                && t.end <= text.len()
                && text.is_char_boundary(t.start)
                && text.is_char_boundary(t.end);
            if valid
                && !accepted
                    .iter()
                    .any(|(r, _)| t.start < r.end && r.start < t.end)
            {
                accepted.push((t.start..t.end, index));
            }
        }
        (0..text.len())
            .map(|b| {
                accepted
                    .iter()
                    .find(|(r, _)| r.contains(&b))
                    .map(|&(_, i)| i)
            })
            .collect()
    }
}

proptest::proptest! {
    /// The linear search and marking agree with the quadratic definitions on random texts over a
    /// small alphabet (many overlapping matches), mixed widths and cases, and random targets.
    #[test]
    fn linear_search_and_marking_agree_with_the_definition(
        text in "[aAａ推进b ]{0,40}",
        terms in proptest::collection::vec("[aAａ推b]{0,4}", 0..4),
        spans in proptest::collection::vec((0usize..60, 0usize..60), 0..6),
    ) {
        let expected = reference::match_ranges(&text, &terms);
        proptest::prop_assert_eq!(match_ranges(&text, &terms), expected.clone());
        let targets: Vec<Target> = spans.iter().map(|&(a, b)| target(a, b)).collect();
        let segments = mark(&text, &targets, &terms);
        proptest::prop_assert_eq!(joined(&segments), text.clone());
        let owners = reference::target_of_bytes(&text, &targets);
        let mut at = 0;
        for segment in &segments {
            for (byte, owner) in owners.iter().enumerate().skip(at).take(segment.text.len()) {
                proptest::prop_assert_eq!(segment.target, *owner);
                proptest::prop_assert_eq!(segment.matched, expected.iter().any(|r| r.contains(&byte)));
            }
            at += segment.text.len();
        }
    }
}

fn seconds(run: impl FnOnce()) -> f64 {
    let start = std::time::Instant::now();
    run();
    start.elapsed().as_secs_f64()
}

/// Work that is linear in the input takes about 4× as long on 4× the input; a quadratic path
/// takes 16×. The bound (10×) is generous for a machine shared with other builds, and the best
/// of five interleaved runs of each size keeps a burst of load from deciding.
fn assert_linear(name: &str, run: impl Fn(usize)) {
    let (mut small, mut large) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..5 {
        small = small.min(seconds(|| run(1)));
        large = large.min(seconds(|| run(4)));
    }
    let ratio = large / small.max(1e-6);
    eprintln!("{name}: 1× {small:.4}s, 4× {large:.4}s, ratio {ratio:.1}");
    assert!(
        ratio < 10.0,
        "{name} grows faster than linear: 1× {small:.4}s, 4× {large:.4}s"
    );
}

#[test]
fn search_and_highlighting_are_linear_in_the_text_and_the_term() {
    // A run of one character searched with a long run of it: every position matches, and the
    // naive scan compares the whole term at each.
    assert_linear("long term in repeated text", |scale| {
        let text = "推".repeat(100_000 * scale);
        let term = "推".repeat(10_000 * scale);
        let ranges = match_ranges(&text, &[term]);
        assert_eq!(ranges.len(), 1);
    });
    // Many short hits: every other character matches, so the pieces to mark grow with the text.
    assert_linear("many hits marked", |scale| {
        let text = "推进".repeat(20_000 * scale);
        let segments = highlight(&text, &["推"]);
        assert_eq!(segments.len(), 40_000 * scale);
    });
    // Many targets (a document whose one line holds thousands of figures).
    assert_linear("many targets marked", |scale| {
        let n = 5_000 * scale;
        let text = "新增2家，".repeat(n);
        let targets: Vec<Target> = (0..n)
            .map(|i| {
                let start = i * "新增2家，".len() + "新增".len();
                target(start, start + "2家".len())
            })
            .collect();
        let segments = mark(&text, &targets, &["新增"]);
        assert_eq!(segments.len(), 3 * n);
    });
}
