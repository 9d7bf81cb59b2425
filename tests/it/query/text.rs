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
