//! Target extraction measured against a hand-labelled list of the seed's targets.

use luoshi::{seed_document, Comparator, Document};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Labels {
    tasks: Vec<LabelledTask>,
}

#[derive(Debug, Deserialize)]
struct LabelledTask {
    task: u32,
    targets: Vec<LabelledTarget>,
}

#[derive(Debug, Clone, Deserialize)]
struct LabelledTarget {
    value: f64,
    value_max: Option<f64>,
    unit: Option<String>,
    comparator: Comparator,
}

const SEED_LABELS: &str = include_str!("../../fixtures/parse/seed-targets-labelled.json");
const HELDOUT_TEXT: &str = include_str!("../../fixtures/parse/heldout-sample.txt");
const HELDOUT_LABELS: &str = include_str!("../../fixtures/parse/heldout-labelled.json");

fn same_figure(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn matches(found: &luoshi::Target, label: &LabelledTarget, with_comparator: bool) -> bool {
    same_figure(found.value, label.value)
        && match (found.value_max, label.value_max) {
            (Some(a), Some(b)) => same_figure(a, b),
            (None, None) => true,
            _ => false,
        }
        && found.unit == label.unit
        && (!with_comparator || found.comparator == label.comparator)
}

/// (true positives, found, labelled, differences), matching each label at most once per task.
fn score(
    doc: &Document,
    labels: &str,
    with_comparator: bool,
) -> (usize, usize, usize, Vec<String>) {
    let labels: Labels = serde_json::from_str(labels).expect("labelled fixture is valid JSON");
    assert_eq!(
        labels.tasks.len(),
        doc.tasks.len(),
        "every task is labelled (possibly with no targets)"
    );
    let (mut hits, mut found_total, mut labelled_total) = (0, 0, 0);
    let mut misses = Vec::new();
    for labelled in &labels.tasks {
        let task = doc.task(labelled.task).expect("labelled task exists");
        let mut open: Vec<&LabelledTarget> = labelled.targets.iter().collect();
        found_total += task.targets.len();
        labelled_total += labelled.targets.len();
        for found in &task.targets {
            match open
                .iter()
                .position(|label| matches(found, label, with_comparator))
            {
                Some(index) => {
                    open.remove(index);
                    hits += 1;
                }
                None => misses.push(format!("task {}: extra {:?}", task.number, found)),
            }
        }
        misses.extend(
            open.iter()
                .map(|label| format!("task {}: missed {:?}", task.number, label)),
        );
    }
    (hits, found_total, labelled_total, misses)
}

/// Print and check precision and recall, with and without the comparator.
fn assert_precision_recall(name: &str, doc: &Document, labels: &str) {
    for with_comparator in [false, true] {
        let (hits, found, labelled, misses) = score(doc, labels, with_comparator);
        let precision = hits as f64 / found.max(1) as f64;
        let recall = hits as f64 / labelled.max(1) as f64;
        let matched_on = if with_comparator {
            "value, range, unit and comparator"
        } else {
            "value, range and unit"
        };
        println!("{name} ({matched_on}): labelled {labelled}, found {found}, matched {hits}; precision {precision:.3}, recall {recall:.3}");
        for miss in &misses {
            println!("  {miss}");
        }
        assert!(precision >= 0.95, "{name}: precision {precision:.3} < 0.95");
        assert!(recall >= 0.95, "{name}: recall {recall:.3} < 0.95");
    }
}

#[test]
fn seed_precision_and_recall_against_hand_labels() {
    assert_precision_recall("seed", &seed_document(), SEED_LABELS);
}

/// A sample written and labelled before the parser ever saw it: guards against rules that only fit the seed.
#[test]
fn heldout_precision_and_recall_against_hand_labels() {
    let doc = luoshi::parse::parse(HELDOUT_TEXT);
    assert_eq!(doc.warnings, vec![]);
    assert_precision_recall("held-out sample", &doc, HELDOUT_LABELS);
}
