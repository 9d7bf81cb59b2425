//! `parse` never panics, whatever it is given, and what it returns is internally consistent.

use luoshi::parse::parse;
use luoshi::{Document, SEED_TEXT};
use proptest::prelude::*;

/// Invariants that hold for every parse, however odd the input.
fn check(text: &str, doc: &Document) {
    assert_eq!(doc.fingerprint, luoshi::fingerprint::fingerprint(text));
    let line_count = text.lines().count();
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
        }
    }
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

/// Pieces that make the parser take its less common paths.
const FRAGMENTS: [&str; 24] = [
    "1.",
    "12、",
    "一、",
    "二十、",
    "十十、",
    "(牵头单位:",
    "（责任单位：",
    ",参与单位:",
    "配合单位:",
    ")",
    "）",
    "、",
    "等各",
    "3-5个",
    "1.5万余个",
    "突破",
    "以上",
    "以内",
    "控制在",
    "“",
    "《",
    "〔",
    "0532-",
    "|",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

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
            "[一二十年月日家个项亿万元%以上内\n ]{1,4}",
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
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn truncated_seed(cut in 0usize..SEED_TEXT.len()) {
        // Cut anywhere, at a char boundary: every prefix of a real document still parses.
        let end = (0..=cut).rev().find(|&i| SEED_TEXT.is_char_boundary(i)).unwrap_or(0);
        let text = &SEED_TEXT[..end];
        let doc = parse(text);
        check(text, &doc);
    }
}
