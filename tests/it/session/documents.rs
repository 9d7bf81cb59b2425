//! Document intake (`luoshi::session::documents`): refusals before anything is stored, the check
//! that marks a stored text damaged, and the rule that only the original text repairs it.

use luoshi::fingerprint::fingerprint;
use luoshi::intake::{check_size, MAX_LINE_CHARS};
use luoshi::session::documents::{is_intact, parse_text_with, repairs, NO_TASKS};

const SEED: &str = include_str!("../../../seeds/chengyang-2023-key-tasks.txt");

#[test]
fn a_text_with_tasks_becomes_its_document_and_a_bom_changes_nothing() {
    let document = parse_text_with(SEED, None).unwrap_or_else(|message| panic!("{message}"));
    assert_eq!(document.tasks.len(), 71);
    assert_eq!(document.fingerprint, fingerprint(SEED));
    let with_bom = parse_text_with(&format!("\u{feff}{SEED}"), None)
        .unwrap_or_else(|message| panic!("{message}"));
    assert_eq!(with_bom.fingerprint, document.fingerprint);
}

#[test]
fn a_text_without_tasks_or_too_large_is_refused_with_its_message() {
    assert_eq!(
        parse_text_with("会议纪要\n今天天气很好。", None)
            .err()
            .as_deref(),
        Some(NO_TASKS)
    );
    let long_line = format!("1. {}", "字".repeat(MAX_LINE_CHARS + 1));
    let expected = check_size(&long_line)
        .map_err(|error| error.message())
        .err();
    assert!(expected.is_some());
    assert_eq!(parse_text_with(&long_line, None).err(), expected);
}

#[test]
fn a_stored_text_is_intact_only_while_it_hashes_to_its_fingerprint() {
    let stored = fingerprint(SEED);
    assert!(is_intact(Some(SEED), &stored));
    assert!(!is_intact(Some(&SEED.replace("2023", "2024")), &stored));
    assert!(!is_intact(None, &stored), "a missing text is damaged");
}

#[test]
fn only_the_original_text_repairs_a_damaged_document() {
    let document = parse_text_with(SEED, None).unwrap_or_else(|message| panic!("{message}"));
    assert!(repairs(&fingerprint(SEED), &document));
    let other = parse_text_with(&SEED.replacen("2023", "2024", 1), None)
        .unwrap_or_else(|message| panic!("{message}"));
    assert!(!repairs(&fingerprint(SEED), &other));
}
