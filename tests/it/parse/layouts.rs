//! Every layout of responsibility note, heading and numbering the parser reads, one handwritten
//! sample each: `tests/fixtures/parse/layouts/NAME.txt` with its expected reading in `NAME.json`.

use std::path::{Path, PathBuf};

use luoshi::parse::parse;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    layout: String,
    title: String,
    sections: Vec<String>,
    /// (section, number, title)
    #[serde(default)]
    subsections: Vec<(u32, u32, String)>,
    tasks: Vec<ExpectedTask>,
    warnings: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedTask {
    number: u32,
    label: String,
    section: u32,
    #[serde(default)]
    subsection: u32,
    title: String,
    lead_units: Vec<String>,
    participating_units: Vec<String>,
    leaders: Vec<String>,
    due: Option<String>,
    key: bool,
    #[serde(default)]
    text_contains: Vec<String>,
}

fn layouts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parse/layouts")
}

/// Fixture names (without extension), sorted.
fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(layouts_dir())
        .expect("layouts directory")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "txt").then(|| path.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    names
}

fn check(name: &str) -> Vec<String> {
    let dir = layouts_dir();
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("sample text");
    let json = std::fs::read_to_string(dir.join(format!("{name}.json")))
        .unwrap_or_else(|_| panic!("{name}.json: every sample has its expected reading"));
    let expected: Expected =
        serde_json::from_str(&json).unwrap_or_else(|error| panic!("{name}.json: {error}"));
    assert!(!expected.layout.is_empty());
    let doc = parse(&text);
    let mut differences = Vec::new();
    let mut differ = |what: String, found: String, wanted: String| {
        if found != wanted {
            differences.push(format!("{name}: {what}: found {found}, expected {wanted}"));
        }
    };
    differ("title".into(), doc.title.clone(), expected.title.clone());
    differ(
        "sections".into(),
        format!(
            "{:?}",
            doc.sections.iter().map(|s| &s.title).collect::<Vec<_>>()
        ),
        format!("{:?}", expected.sections),
    );
    differ(
        "subsections".into(),
        format!(
            "{:?}",
            doc.subsections
                .iter()
                .map(|s| (s.section, s.number, s.title.clone()))
                .collect::<Vec<_>>()
        ),
        format!("{:?}", expected.subsections),
    );
    differ(
        "warnings".into(),
        format!(
            "{:?}",
            doc.warnings.iter().map(|w| &w.message).collect::<Vec<_>>()
        ),
        format!("{:?}", expected.warnings),
    );
    differ(
        "task count".into(),
        doc.tasks.len().to_string(),
        expected.tasks.len().to_string(),
    );
    for (task, wanted) in doc.tasks.iter().zip(&expected.tasks) {
        let at = format!("task {}", wanted.label);
        let mut field = |field: &str, found: String, expected: String| {
            differ(format!("{at} {field}"), found, expected)
        };
        field("number", task.number.to_string(), wanted.number.to_string());
        field("label", task.label.clone(), wanted.label.clone());
        field(
            "section",
            task.section.to_string(),
            wanted.section.to_string(),
        );
        field(
            "subsection",
            task.subsection.to_string(),
            wanted.subsection.to_string(),
        );
        field("title", task.title.clone(), wanted.title.clone());
        field(
            "lead_units",
            format!("{:?}", task.lead_units),
            format!("{:?}", wanted.lead_units),
        );
        field(
            "participating_units",
            format!("{:?}", task.participating_units),
            format!("{:?}", wanted.participating_units),
        );
        field(
            "leaders",
            format!("{:?}", task.leaders),
            format!("{:?}", wanted.leaders),
        );
        field(
            "due",
            format!("{:?}", task.due),
            format!("{:?}", wanted.due),
        );
        field("key", task.key.to_string(), wanted.key.to_string());
        for piece in &wanted.text_contains {
            if !task.text.contains(piece.as_str()) {
                field(
                    "text",
                    task.text.clone(),
                    format!("a text containing {piece}"),
                );
            }
        }
    }
    // Every task number is unique: the ledger keys annotations by it.
    let mut numbers: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    numbers.dedup();
    differ(
        "unique numbers".into(),
        numbers.len().to_string(),
        doc.tasks.len().to_string(),
    );
    differences
}

#[test]
fn every_layout_sample_reads_as_labelled() {
    let names = fixture_names();
    assert!(names.len() >= 11, "layout samples: {names:?}");
    let differences: Vec<String> = names.iter().flat_map(|name| check(name)).collect();
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
