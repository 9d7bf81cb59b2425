//! Time per keystroke of the Find view: filter + facet counts + sort, while a Chinese query is
//! typed char by char with a unit and a section filter active.
//! Run: `cargo run --release --example bench_query`

use std::hint::black_box;
use std::time::{Duration, Instant};

use luoshi::document::Document;
use luoshi::ledger::Status;
use luoshi::query::{Fact, FactTable, Query, QueryIndex, Sort};
use luoshi::synthetic::synthetic_document;

/// What a clerk might type: two terms separated by a full-width space.
const TYPED: &str = "重点实验室　新增";
const ROUNDS: u32 = 50;

fn facts_for(document: &Document) -> FactTable {
    let mut table = FactTable::default();
    let statuses = [
        Status::NotStarted,
        Status::OnSchedule,
        Status::AheadOfSchedule,
        Status::Behind,
        Status::Done,
    ];
    for task in &document.tasks {
        let n = task.number as usize;
        table.set(
            task.number,
            Fact {
                status: Some(statuses[n % statuses.len()].clone()),
                has_report: n % 3 == 0,
                updated_at: (n % 4 != 0).then(|| format!("2026-11-{:02}T09:00:00Z", 1 + n % 28)),
                ..Fact::default()
            },
        );
    }
    table
}

fn bench(name: &str, document: &Document) {
    let started = Instant::now();
    let index = QueryIndex::new(document);
    let build = started.elapsed();
    let facts = facts_for(document);

    // A unit and the first two sections, as a clerk narrowing the list would: 区科技局 where
    // the document has it (the seed, synthetic ones), else the busiest unit.
    let unit = document
        .unit("区科技局")
        .or_else(|| {
            document
                .units
                .iter()
                .max_by_key(|u| u.leads.len() + u.joins.len())
        })
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let base = Query {
        sections: [1, 2].into(),
        units: [unit.clone()].into(),
        sort: Sort::Status,
        ..Query::default()
    };

    let prefixes: Vec<String> = TYPED
        .char_indices()
        .map(|(i, c)| TYPED[..i + c.len_utf8()].to_string())
        .collect();
    let mut worst = Duration::ZERO;
    let mut total = Duration::ZERO;
    let mut last_count = 0;
    for prefix in &prefixes {
        let query = Query {
            text: prefix.clone(),
            ..base.clone()
        };
        let started = Instant::now();
        for _ in 0..ROUNDS {
            let result = index.evaluate(black_box(&query), &facts, Some(&unit));
            last_count = black_box(result.tasks.len());
        }
        let per = started.elapsed() / ROUNDS;
        worst = worst.max(per);
        total += per;
    }
    // Also the unfiltered first keystroke: every task passes, every facet counts everything.
    let started = Instant::now();
    for _ in 0..ROUNDS {
        black_box(index.evaluate(black_box(&Query::default()), &facts, None));
    }
    let unfiltered = started.elapsed() / ROUNDS;
    // What the app does per keystroke: the ledger's facts are read into columns once per ledger
    // change, so a keystroke evaluates against the columns.
    let columns = index.fact_columns(&facts, None);
    let started = Instant::now();
    for _ in 0..ROUNDS {
        for prefix in &prefixes {
            let query = Query {
                text: prefix.clone(),
                ..base.clone()
            };
            black_box(index.evaluate_columns(black_box(&query), &columns, Some(&unit)));
        }
    }
    let with_columns = started.elapsed() / ROUNDS / prefixes.len() as u32;

    println!(
        "{name:<28} tasks {:>6}  units {:>3}  index build {:>9.3} ms  per keystroke mean {:>7.3} ms  worst {:>7.3} ms  unfiltered {:>7.3} ms  per keystroke on fact columns {:>7.3} ms  (final matches {last_count}, unit {unit})",
        document.tasks.len(),
        document.units.len(),
        build.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3 / prefixes.len() as f64,
        worst.as_secs_f64() * 1e3,
        unfiltered.as_secs_f64() * 1e3,
        with_columns.as_secs_f64() * 1e3,
    );
}

fn main() {
    let seed = luoshi::seed_document();
    if seed.tasks.is_empty() {
        println!("(seed parser not landed: using a synthetic 71-task document instead)");
        bench("synthetic 71", &synthetic_document(71, 1));
    } else {
        bench("seed (chengyang 2023)", &seed);
    }
    bench("synthetic 1,000", &synthetic_document(1_000, 1));
    bench("synthetic 10,000", &synthetic_document(10_000, 1));
    println!(
        "typed {TYPED:?} char by char ({} keystrokes), {ROUNDS} rounds each",
        TYPED.chars().count()
    );
}
