//! Pastes of every layout at 2 MB, and inputs shaped to make a careless parser quadratic, parse
//! without panicking in a bounded time. The bounds are generous: a debug build runs this code
//! 30–80× slower than release, on a machine shared with other builds; a quadratic step would take
//! minutes even on the smaller pathological inputs. The release figures are in BENCHMARKS.md
//! (`cargo run --release --example bench_parse`).

use std::path::Path;
use std::time::{Duration, Instant};

use luoshi::parse::parse;
use luoshi::Document;

const SIZE: usize = 2 * 1024 * 1024;
/// Pathological inputs are smaller: a quadratic step shows at any size, and the suite stays quick.
const PATHOLOGICAL_SIZE: usize = 256 * 1024;

fn bound(size: usize) -> Duration {
    let per_megabyte = if cfg!(debug_assertions) { 15.0 } else { 1.0 };
    Duration::from_secs_f64(per_megabyte * (size as f64 / 1_048_576.0).max(0.5))
}

fn timed(name: &str, text: &str) -> Document {
    let start = Instant::now();
    let doc = parse(text);
    let elapsed = start.elapsed();
    println!("{name}: {} bytes in {elapsed:?}", text.len());
    let bound = bound(text.len());
    assert!(
        elapsed < bound,
        "{name}: {elapsed:?} for {} bytes (bound {bound:?})",
        text.len()
    );
    doc
}

fn repeat_to(piece: &str, size: usize) -> String {
    piece.repeat(size / piece.len().max(1) + 1)
}

/// Every layout sample, one after another, until the text is 2 MB.
fn layouts_pasted() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parse/layouts");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("layouts directory")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    names.sort();
    let samples: String = names
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("sample"))
        .collect();
    repeat_to(&samples, SIZE)
}

#[test]
fn every_layout_pasted_at_two_megabytes() {
    let text = layouts_pasted();
    let doc = timed("layouts", &text);
    assert!(doc.tasks.len() > 5_000, "{} tasks", doc.tasks.len());
    assert!(doc.tasks.iter().all(|task| !task.label.is_empty()));
    let led = doc
        .tasks
        .iter()
        .filter(|t| !t.lead_units.is_empty())
        .count();
    assert!(
        led * 10 > doc.tasks.len() * 9,
        "{led} of {} led",
        doc.tasks.len()
    );
}

#[test]
fn pathological_inputs_stay_linear() {
    let cases: Vec<(&str, String)> = vec![
        ("one line of 日", repeat_to("日", PATHOLOGICAL_SIZE)),
        (
            "月底 without 前",
            repeat_to("2023年12月", PATHOLOGICAL_SIZE),
        ),
        (
            "open brackets",
            format!("1.做事{}", repeat_to("(", PATHOLOGICAL_SIZE)),
        ),
        ("open brackets then closers", {
            let mut text = format!("1.做事{}", repeat_to("(", PATHOLOGICAL_SIZE / 2));
            text.push_str(&repeat_to(")\n", PATHOLOGICAL_SIZE / 2));
            text
        }),
        (
            "closing lines",
            format!("1.做事\n{}", repeat_to("说明)\n", PATHOLOGICAL_SIZE)),
        ),
        (
            "label lines",
            format!(
                "1.做事\n{}",
                repeat_to("责任单位:区、\n", PATHOLOGICAL_SIZE)
            ),
        ),
        (
            "labels in one note",
            format!(
                "1.做事。({})",
                repeat_to("牵头单位:区商务局;", PATHOLOGICAL_SIZE)
            ),
        ),
        (
            "names in one note",
            format!(
                "1.做事。(牵头单位:{})",
                repeat_to("区、", PATHOLOGICAL_SIZE)
            ),
        ),
        (
            "roles after names",
            format!(
                "1.做事。({}各部门负责)",
                repeat_to("甲局牵头,", PATHOLOGICAL_SIZE)
            ),
        ),
        (
            "manner words",
            format!("1.做事。(A{}负责)", repeat_to("分别", PATHOLOGICAL_SIZE)),
        ),
        (
            "headings",
            repeat_to("(一)标题\n一、标题\n", PATHOLOGICAL_SIZE),
        ),
        (
            "restarting numbering",
            repeat_to(
                "一、标题\n1.做事。\n二、标题\n1.做事。\n",
                PATHOLOGICAL_SIZE,
            ),
        ),
        ("many sections, one task each", {
            let mut text = repeat_to("一、标题\n1.做事。\n", PATHOLOGICAL_SIZE / 2);
            text.push_str(&repeat_to("二、标题\n", PATHOLOGICAL_SIZE / 2));
            text
        }),
        (
            "first-listed statements",
            repeat_to("排在第一位的为牵头单位,", PATHOLOGICAL_SIZE),
        ),
        (
            "sub-items",
            format!("1.做事:\n{}", repeat_to("(1)一项;\n", PATHOLOGICAL_SIZE)),
        ),
        ("stars and digits", repeat_to("★1.★", PATHOLOGICAL_SIZE)),
    ];
    for (name, text) in &cases {
        timed(name, text);
    }
}
