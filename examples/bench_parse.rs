//! Parse timings: the seed, the same Document read back from JSON (the "parse at build time"
//! alternative), and a synthetic ~2 MB document. Run with
//! `cargo run --release --example bench_parse`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use luoshi::{parse::parse, Document, SEED_TEXT};

/// Mean wall time of `runs` calls of `f`, after one warm-up call.
fn mean<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    black_box(f());
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    start.elapsed() / runs
}

/// The seed's front matter followed by its task lines repeated and renumbered until `size` bytes.
fn synthetic(size: usize) -> String {
    let task_lines: Vec<&str> = SEED_TEXT
        .lines()
        .filter(|line| {
            line.split_once('.').is_some_and(|(number, _)| {
                !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
            })
        })
        .collect();
    let front_end = SEED_TEXT.find("\n一、").map_or(0, |at| at + 1);
    let mut text = String::with_capacity(size + 4096);
    text.push_str(&SEED_TEXT[..front_end]);
    let mut number = 0;
    let mut section = 0;
    while text.len() < size {
        section += 1;
        text.push_str(&format!("{}、第{section}部分\n", numeral(section)));
        for line in &task_lines {
            number += 1;
            let body = line.split_once('.').map_or(*line, |(_, body)| body);
            text.push_str(&format!("{number}.{body}\n"));
        }
    }
    text
}

/// Section numerals repeat 一…二十 so every heading is one the parser accepts.
fn numeral(section: usize) -> &'static str {
    const NUMERALS: [&str; 20] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
        "十五", "十六", "十七", "十八", "十九", "二十",
    ];
    NUMERALS[(section - 1) % NUMERALS.len()]
}

fn main() -> Result<(), serde_json::Error> {
    let document = parse(SEED_TEXT);
    let json = serde_json::to_string(&document)?;
    let parse_seed = mean(500, || parse(SEED_TEXT));
    let from_json = mean(500, || serde_json::from_str::<Document>(&json));

    let big = synthetic(2 * 1024 * 1024);
    let big_doc = parse(&big);
    let parse_big = mean(5, || parse(&big));

    println!(
        "seed: {} bytes, {} tasks, {} targets",
        SEED_TEXT.len(),
        document.tasks.len(),
        document
            .tasks
            .iter()
            .map(|t| t.targets.len())
            .sum::<usize>()
    );
    println!(
        "  parse(seed)                 {:>10.3} ms (mean of 500)",
        parse_seed.as_secs_f64() * 1e3
    );
    println!(
        "  serde_json::from_str(JSON)  {:>10.3} ms (mean of 500; JSON is {} bytes)",
        from_json.as_secs_f64() * 1e3,
        json.len()
    );
    println!(
        "synthetic: {} bytes, {} tasks, {} warnings",
        big.len(),
        big_doc.tasks.len(),
        big_doc.warnings.len()
    );
    println!(
        "  parse(synthetic)            {:>10.3} ms (mean of 5)",
        parse_big.as_secs_f64() * 1e3
    );
    Ok(())
}
