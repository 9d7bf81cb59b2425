//! `parse` never panics, whatever it is given, and what it returns is internally consistent.

use luoshi::parse::parse;
use luoshi::{Document, SEED_TEXT};
use proptest::prelude::*;

/// Cases per property: `default` in the everyday suite; a long fuzzing run sets
/// `LUOSHI_FUZZ_CASES`, e.g. `LUOSHI_FUZZ_CASES=20000 cargo test --release --test parse_proptest`.
fn cases(default: u32) -> u32 {
    std::env::var("LUOSHI_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// Invariants that hold for every parse, however odd the input.
fn check(text: &str, doc: &Document) {
    assert_eq!(doc.fingerprint, luoshi::fingerprint::fingerprint(text));
    // Lines end at \n, \r\n or a lone \r.
    let line_count = text.replace("\r\n", "\n").split(['\n', '\r']).count();
    for warning in &doc.warnings {
        assert!(
            warning.line >= 1 && warning.line <= line_count.max(1),
            "warning line {} of {line_count}",
            warning.line
        );
        assert!(!warning.message.is_empty());
    }
    for task in &doc.tasks {
        for target in &task.targets {
            assert!(target.start <= target.end, "target range reversed");
            assert!(
                task.text.get(target.start..target.end).is_some(),
                "target range off char boundary"
            );
            assert!(target.value.is_finite());
        }
        for name in task.all_units() {
            assert!(doc.unit(name).is_some(), "unit {name} missing from list");
            assert!(!name.is_empty(), "empty unit name");
        }
        assert!(!task.label.is_empty(), "task {} has no label", task.number);
        assert!(task.leaders.iter().all(|leader| !leader.is_empty()));
        assert!(task.due.as_deref().is_none_or(|due| !due.is_empty()));
    }
    // When numbering restarts per section, labels carry the section and numbers run 1…n.
    if doc.tasks.iter().any(|task| task.label.contains('-')) {
        let numbers: Vec<u32> = doc.tasks.iter().map(|task| task.number).collect();
        let expected: Vec<u32> = (1..=doc.tasks.len() as u32).collect();
        assert_eq!(numbers, expected, "renumbered tasks run 1…n");
    }
    for subsection in &doc.subsections {
        assert!(subsection.section == 0 || doc.section(subsection.section).is_some());
    }
    let mut lines: Vec<usize> = doc.warnings.iter().map(|warning| warning.line).collect();
    let sorted = {
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        sorted
    };
    assert_eq!(std::mem::take(&mut lines), sorted, "warnings in line order");
    // The JSON the CLI and the app exchange always round-trips.
    let json = serde_json::to_string(doc).expect("serialize");
    let back: Document = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back.tasks.len(), doc.tasks.len());
}

fn seed_lines() -> Vec<String> {
    SEED_TEXT.lines().map(String::from).collect()
}

fn seed_chars() -> Vec<char> {
    let mut chars: Vec<char> = SEED_TEXT.chars().collect();
    chars.sort_unstable();
    chars.dedup();
    // Variants and troublemakers the seed does not contain.
    chars.extend("（）：，；％０９．～－★☆\r\u{3000}\u{feff}〔〕《》“”‘’\"".chars());
    chars
}

/// Lines of every layout sample (tests/fixtures/parse/layouts).
fn layout_lines() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parse/layouts");
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(dir).expect("layouts directory").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "txt") {
            let text = std::fs::read_to_string(&path).expect("sample");
            lines.extend(text.lines().map(String::from));
        }
    }
    lines.sort();
    lines
}

/// Pieces that make the parser take its less common paths.
const FRAGMENTS: [&str; 48] = [
    "1.",
    "12、",
    "一、",
    "二十、",
    "十十、",
    "(一)",
    "（二）",
    "(十一",
    "(牵头单位:",
    "（责任单位：",
    ",参与单位:",
    "配合单位:",
    "[牵头单位:",
    "【责任单位：",
    "]",
    "】",
    "责任领导:",
    "\n牵头领导:",
    "\n牵头单位:",
    "\n责任单位:",
    "完成时限:",
    "牵头,",
    "负责)",
    "按职责分工负责",
    "主办,",
    "协办）",
    "排在第一位的为牵头单位",
    "(1)",
    "★",
    "6月底前",
    "2023年12月底",
    "区、县(市)",
    "各街办(新区)",
    ")",
    "）",
    "(",
    "、",
    "等各",
    "3-5个",
    "1.5万余个",
    "市级以上",
    "突破",
    "以上",
    "以内",
    "控制在",
    "“",
    "0532-",
    "|",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        let doc = parse(&text);
        check(&text, &doc);
    }

    #[test]
    fn shuffled_seed_lines(lines in proptest::collection::vec(proptest::sample::select(seed_lines()), 0..40)) {
        let text = lines.join("\n");
        let doc = parse(&text);
        check(&text, &doc);
    }

    #[test]
    fn shuffled_layout_lines(lines in proptest::collection::vec(proptest::sample::select(layout_lines()), 0..60)) {
        let text = lines.join("\n");
        let doc = parse(&text);
        check(&text, &doc);
    }

    #[test]
    fn seed_characters(chars in proptest::collection::vec(proptest::sample::select(seed_chars()), 0..400)) {
        let text: String = chars.into_iter().collect();
        let doc = parse(&text);
        check(&text, &doc);
    }

    #[test]
    fn fragments_and_digits(parts in proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(FRAGMENTS.to_vec()).prop_map(String::from),
            "[0-9０-９.．]{1,6}",
            "[一二十年月日底前家个项亿万元%以上内牵头负责()（）\\[\\]【】:：、,\n ]{1,4}",
        ],
        0..60,
    )) {
        let text = parts.concat();
        let doc = parse(&text);
        check(&text, &doc);
    }

}

proptest! {
    // Each case parses most of the seed: fewer cases keep the debug test run short.
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    #[test]
    fn truncated_seed(cut in 0usize..SEED_TEXT.len()) {
        // Cut anywhere, at a char boundary: every prefix of a real document still parses.
        let end = (0..=cut).rev().find(|&i| SEED_TEXT.is_char_boundary(i)).unwrap_or(0);
        let text = &SEED_TEXT[..end];
        let doc = parse(text);
        check(text, &doc);
    }
}
