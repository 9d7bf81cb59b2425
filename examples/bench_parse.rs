//! Parse timings: the seed, the same Document read back from JSON (the "parse at build time"
//! alternative), a synthetic ~2 MB document, every layout sample pasted up to ~2 MB, and ~2 MB of
//! real documents, a TSV table, a flattened table and one long ASCII-comma task line. Run with
//! `cargo run --release --example bench_parse`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use luoshi::{parse::parse, Document, SEED_TEXT};

/// CPU time this thread has run, from Linux's schedstat: on a machine shared with other builds,
/// wall time mostly measures the queue; CPU time measures the parser. None elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Mean (wall, CPU) time of `runs` calls of `f`, after one warm-up call.
fn mean<T>(runs: u32, mut f: impl FnMut() -> T) -> (Duration, Option<Duration>) {
    black_box(f());
    let start = Instant::now();
    let cpu_start = cpu_time();
    for _ in 0..runs {
        black_box(f());
    }
    let cpu = cpu_start
        .zip(cpu_time())
        .map(|(start, end)| end.saturating_sub(start) / runs);
    (start.elapsed() / runs, cpu)
}

/// `12.345 ms wall, 6.789 ms CPU`.
fn show((wall, cpu): (Duration, Option<Duration>)) -> String {
    let cpu = cpu.map_or_else(String::new, |cpu| {
        format!(", {:>8.3} ms CPU", cpu.as_secs_f64() * 1e3)
    });
    format!("{:>10.3} ms wall{cpu}", wall.as_secs_f64() * 1e3)
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

/// Every layout sample (tests/fixtures/parse/layouts) one after another until `size` bytes.
fn layouts_pasted(size: usize) -> std::io::Result<String> {
    pasted("tests/fixtures/parse/layouts", "", size)
}

/// Section numerals repeat 一…二十 so every heading is one the parser accepts.
fn numeral(section: usize) -> &'static str {
    const NUMERALS: [&str; 20] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
        "十五", "十六", "十七", "十八", "十九", "二十",
    ];
    NUMERALS[(section - 1) % NUMERALS.len()]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
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
        "  parse(seed)                 {} (mean of 500)",
        show(parse_seed)
    );
    println!(
        "  serde_json::from_str(JSON)  {} (mean of 500; JSON is {} bytes)",
        show(from_json),
        json.len()
    );
    println!(
        "synthetic: {} bytes, {} tasks, {} warnings",
        big.len(),
        big_doc.tasks.len(),
        big_doc.warnings.len()
    );
    println!(
        "  parse(synthetic)            {} (mean of 5)",
        show(parse_big)
    );
    let pasted = layouts_pasted(2 * 1024 * 1024)?;
    let pasted_doc = parse(&pasted);
    let parse_pasted = mean(5, || parse(&pasted));
    println!(
        "layouts pasted: {} bytes, {} tasks, {} warnings",
        pasted.len(),
        pasted_doc.tasks.len(),
        pasted_doc.warnings.len()
    );
    println!(
        "  parse(layouts pasted)       {} (mean of 5)",
        show(parse_pasted)
    );
    // Tables (issue 15) and the reported long line (issue 20), each at about 2 MB.
    let corpus = corpus_pasted(2 * 1024 * 1024)?;
    let cases = [
        ("real documents pasted", corpus),
        ("TSV table", tsv_table(2 * 1024 * 1024)),
        ("flattened table", flattened_table(2 * 1024 * 1024)),
        (
            "one ASCII-comma line",
            format!(
                "1.推进重点工作任务,{}(牵头单位:区发改局)\n",
                "推进工作,新增企业10家,增长5%以上,".repeat(2 * 1024 * 1024 / 48)
            ),
        ),
    ];
    for (name, text) in cases {
        let doc = parse(&text);
        let timing = mean(5, || parse(&text));
        println!(
            "{name}: {} bytes, {} tasks, {} warnings",
            text.len(),
            doc.tasks.len(),
            doc.warnings.len()
        );
        println!("  parse({name:<20})  {} (mean of 5)", show(timing));
    }
    Ok(())
}

/// The real documents of tests/fixtures/corpus one after another until `size` bytes.
fn corpus_pasted(size: usize) -> std::io::Result<String> {
    pasted("tests/fixtures/corpus", "\n", size)
}

/// The `.txt` files of `folder`, by name, each followed by `separator`, repeated past `size` bytes.
fn pasted(folder: &str, separator: &str, size: usize) -> std::io::Result<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    let mut samples = String::new();
    for path in paths {
        samples.push_str(&std::fs::read_to_string(path)?);
        samples.push_str(separator);
    }
    Ok(samples.repeat(size / samples.len().max(1) + 1))
}

/// A TSV task table (quoted multi-line cells, a progress column) of `size` bytes.
fn tsv_table(size: usize) -> String {
    let mut text = String::from("序号\t工作任务\t牵头单位\t责任单位\t完成时限\t进展情况\n");
    let mut number = 0;
    while text.len() < size {
        number += 1;
        text.push_str(&format!(
            "{number}\t\"推进重点项目建设,全年完成投资10亿元,\n新增企业20家。\"\t区发改局\t\"区发改局\n区财政局\"\t2024年12月底\t\"1.已立项。\n2.已开工。\"\n"
        ));
    }
    text
}

/// A flattened task table (one cell per line, blank lines between) of `size` bytes.
fn flattened_table(size: usize) -> String {
    let mut text = String::from("序号\n\n工作任务\n\n牵头单位\n\n配合单位\n\n完成时限\n\n");
    let mut number = 0;
    while text.len() < size {
        number += 1;
        text.push_str(&format!(
            "{number}\n\n推进重点项目建设,全年完成投资10亿元。\n\n区发改局\n\n区财政局\n区住建局\n\n2024年12月底\n\n"
        ));
    }
    text
}
