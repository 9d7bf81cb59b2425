//! Profiling aid (perf): the coordinator's import of every unit's four quarters, in a loop.
//! `cargo build --release --example prof_units && perf record -g target/release/examples/prof_units [rounds] [preview]`
#[path = "../tests/it/snapshot/common.rs"]
mod common;

use luoshi::snapshot::{export, import, preview, Coverage, Incoming};
use std::hint::black_box;

const NOW: &str = "2023-07-05T08:00:00+08:00";

fn main() {
    let doc = common::seed();
    let office = common::ledger_for(&doc, common::who("王五", "区政府办公室"));
    let files: Vec<(String, Vec<u8>)> = common::units_four_quarters(&doc)
        .iter()
        .enumerate()
        .map(|(i, ledger)| {
            let json = export(&doc, ledger, Coverage::All, NOW).to_json();
            (format!("单位{i:02}.json"), json.into_bytes())
        })
        .collect();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let only_preview = std::env::args().nth(2).is_some_and(|a| a == "preview");
    let incoming: Vec<Incoming> = files
        .iter()
        .filter_map(|(name, bytes)| import(name, bytes, &doc).ok())
        .collect();
    for _ in 0..rounds {
        if !only_preview {
            black_box(
                files
                    .iter()
                    .filter_map(|(name, bytes)| import(name, bytes, &doc).ok())
                    .count(),
            );
        }
        black_box(preview(&office, &incoming));
    }
}
