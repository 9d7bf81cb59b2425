//! Real documents (`tests/fixtures/corpus`): every document's task count exact, and at least 95 %
//! of the hand-checked tasks with exactly the right lead and other units. Prints the figures per
//! document and per layout class (BENCHMARKS.md "Real documents").

use std::collections::BTreeMap;
use std::path::Path;

use luoshi::parse::parse;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    id: String,
    layout: String,
    task_count: usize,
    tasks: Vec<Checked>,
}

#[derive(Debug, Deserialize)]
struct Checked {
    label: String,
    lead: Vec<String>,
    others: Vec<String>,
}

#[test]
fn real_documents() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut wrong_counts = Vec::new();
    let (mut right, mut checked) = (0usize, 0usize);
    let mut layouts: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    println!("document | layout | tasks (expected) | units right / checked");
    for path in &names {
        let expected: Expected =
            serde_json::from_str(&std::fs::read_to_string(path).expect("json")).expect("expected");
        let text = std::fs::read_to_string(path.with_extension("txt")).expect("text");
        let doc = parse(&text);
        let mut doc_right = 0;
        for (index, want) in expected.tasks.iter().enumerate() {
            let got = doc.tasks.get(index);
            let ok = got.is_some_and(|task| {
                task.lead_units == want.lead && task.participating_units == want.others
            });
            if ok {
                doc_right += 1;
            } else {
                println!(
                    "  {} task {} ({}): expected {:?} / {:?}, got {:?}",
                    expected.id,
                    index + 1,
                    want.label,
                    want.lead,
                    want.others,
                    got.map(|task| (&task.lead_units, &task.participating_units))
                );
            }
        }
        println!(
            "{} | {} | {} ({}) | {}/{}",
            expected.id,
            expected.layout,
            doc.tasks.len(),
            expected.task_count,
            doc_right,
            expected.tasks.len()
        );
        if doc.tasks.len() != expected.task_count {
            wrong_counts.push(format!(
                "{}: {} tasks, expected {}",
                expected.id,
                doc.tasks.len(),
                expected.task_count
            ));
        }
        let entry = layouts.entry(expected.layout.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(doc.tasks.len() == expected.task_count);
        entry.2 += doc_right;
        entry.3 += expected.tasks.len();
        right += doc_right;
        checked += expected.tasks.len();
    }
    println!("layout | documents | task count right | units right / checked");
    for (layout, (docs, counts, ok, all)) in &layouts {
        println!("{layout} | {docs} | {counts} | {ok}/{all}");
    }
    println!(
        "all | {} | {} | {right}/{checked} ({:.1} %)",
        names.len(),
        names.len() - wrong_counts.len(),
        100.0 * right as f64 / checked.max(1) as f64
    );
    assert!(wrong_counts.is_empty(), "task counts: {wrong_counts:#?}");
    assert!(
        right * 100 >= checked * 95,
        "{right} of {checked} checked tasks have the right units"
    );
}
