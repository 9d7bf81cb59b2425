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

/// Builds an input of about the given size.
type MakeText = Box<dyn Fn(usize) -> String>;

/// Parse time of `make(size)`: the least of three runs, so a busy machine does not fake a trend.
fn least_time(text: &str) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let doc = parse(text);
            let elapsed = start.elapsed();
            assert!(doc.warnings.len() <= text.len() + 1);
            elapsed
        })
        .min()
        .unwrap_or_default()
}

/// Issue 20: input classes whose cost could grow faster than their size (the reported one is a
/// single task line of ASCII-comma clauses; the others are the table readers' shapes). Each is
/// parsed at 1× and 4×; a linear parser takes about 4× as long, a quadratic one 16×. The bound
/// (10×) is generous for a loaded machine and still fails a quadratic path.
#[test]
fn four_times_the_input_takes_about_four_times_as_long() {
    let base = 24 * 1024;
    let cases: Vec<(&str, MakeText)> = vec![
        (
            "one line of ASCII-comma clauses",
            Box::new(|size| {
                format!(
                    "1.推进重点工作任务,{}(牵头单位:区发改局)\n",
                    repeat_to("推进工作,新增企业10家,增长5%以上,", size)
                )
            }),
        ),
        (
            "one line of 、-joined names",
            Box::new(|size| format!("1.做事。(牵头单位:{})\n", repeat_to("区甲局、", size))),
        ),
        (
            "one note of distinct names",
            Box::new(|size| {
                let names: Vec<String> = (0..size / 16).map(|i| format!("区第{i}局")).collect();
                format!("1.做事。(牵头单位:区甲局;责任单位:{})\n", names.join("、"))
            }),
        ),
        (
            "TSV rows",
            Box::new(|size| {
                format!(
                    "序号\t工作任务\t牵头单位\t责任单位\n{}",
                    repeat_to("1\t\"做事,\n再做。\"\t区甲局\t区甲局、区乙局\n", size)
                )
            }),
        ),
        (
            "TSV cells opening quotes never closed",
            Box::new(|size| {
                format!(
                    "序号\t工作任务\t牵头单位\n{}",
                    repeat_to("1\t\"做事\t区甲局\n", size)
                )
            }),
        ),
        (
            "flattened tables one after another",
            Box::new(|size| repeat_to("序号\n工作任务\n牵头单位\n1\n做事。\n区甲局\n\n", size)),
        ),
        (
            "a flattened row that never ends",
            Box::new(|size| {
                format!(
                    "序号\n工作任务\n牵头单位\n进展情况\n1\n{}",
                    repeat_to("1.已完成。\n", size)
                )
            }),
        ),
        (
            "header names separated by blank lines",
            Box::new(|size| repeat_to("序号\n\n工作任务\n\n", size)),
        ),
        (
            "flattened table without a number column",
            Box::new(|size| repeat_to("工作任务\n牵头单位\n做事。\n区甲局\n", size)),
        ),
    ];
    for (name, make) in cases {
        let small = least_time(&make(base));
        let large = least_time(&make(4 * base));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        println!("{name}: {small:?} → {large:?} (×{ratio:.1})");
        // Below 50 ms (debug build) noise dominates; a quadratic path at 96 KiB takes seconds.
        assert!(
            ratio < 10.0 || large < Duration::from_millis(50),
            "{name}: 4× the input took {ratio:.1}× as long ({small:?} → {large:?})"
        );
    }
}
