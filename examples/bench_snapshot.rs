//! Time for the import flow with many files: 50 units each export the whole seed (71 tasks, their
//! own tasks annotated, some overlaps); the coordinating office imports all 50 at once
//! (import = validate + parse each file, preview, apply). Also times export and the writers.
//! Run: `cargo run --release --example bench_snapshot`

#[path = "../tests/it/snapshot/common.rs"]
mod common;

use luoshi::export::{to_csv, to_xlsx, ReportSheet};
use luoshi::share::{decode_link, share_link};
use luoshi::snapshot::{apply, export, import, preview, Coverage, Incoming, Resolutions};
use std::hint::black_box;
use std::time::{Duration, Instant};

const NOW: &str = "2023-07-05T08:00:00+08:00";

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    for _ in 0..runs {
        let start = Instant::now();
        black_box(f());
        let elapsed = start.elapsed();
        best = best.min(elapsed);
        total += elapsed;
    }
    (total / runs, best)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let doc = common::seed();
    let units = common::fifty_units(&doc);
    let files: Vec<(String, Vec<u8>)> = units
        .iter()
        .enumerate()
        .map(|(i, ledger)| {
            let json = export(&doc, ledger, Coverage::All, NOW).to_json();
            (format!("单位{i:02}.json"), json.into_bytes())
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let office = common::ledger_for(&doc, common::who("王五", "区政府办公室"));

    let (mean, best) = time(20, || {
        let incoming: Vec<Incoming> = files
            .iter()
            .filter_map(|(name, bytes)| import(name, bytes, &doc).ok())
            .collect();
        let p = preview(&office, &incoming);
        apply(&office, &p, &Resolutions::new(), NOW)
    });
    println!(
        "import + preview + apply, 50 files ({:.1} MB): mean {}, best {}",
        bytes as f64 / 1e6,
        ms(mean),
        ms(best)
    );
    let (mean, best) = time(20, || {
        files
            .iter()
            .filter_map(|(name, bytes)| import(name, bytes, &doc).ok())
            .count()
    });
    println!(
        "  of which import (validate + parse) alone: mean {}, best {}",
        ms(mean),
        ms(best)
    );
    let incoming: Vec<Incoming> = files
        .iter()
        .filter_map(|(name, bytes)| import(name, bytes, &doc).ok())
        .collect();
    let (mean, best) = time(20, || preview(&office, &incoming));
    println!("  of which preview: mean {}, best {}", ms(mean), ms(best));

    let merged = {
        let p = preview(&office, &incoming);
        apply(&office, &p, &Resolutions::new(), NOW)
    };
    let (mean, best) = time(50, || export(&doc, &merged, Coverage::All, NOW).to_json());
    println!(
        "export + to_json of the merged ledger: mean {}, best {}",
        ms(mean),
        ms(best)
    );

    let tasks: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    let sheet = ReportSheet::new(&doc, &merged, &tasks, common::date("2023-06-30"));
    let (mean, best) = time(50, || to_csv(&sheet));
    println!("CSV, 71 rows: mean {}, best {}", ms(mean), ms(best));
    let (mean, best) = time(50, || to_xlsx(&sheet));
    let size = to_xlsx(&sheet).map(|b| b.len()).unwrap_or(0);
    println!(
        "XLSX, 71 rows ({size} bytes): mean {}, best {}",
        ms(mean),
        ms(best)
    );

    let seed_ledger = common::annotated_ledger(&doc);
    let view = export(&doc, &seed_ledger, Coverage::All, NOW).for_link();
    let link = share_link("https://example.gov.cn/tools/luoshi/", &view);
    let (mean, best) = time(50, || {
        share_link("https://example.gov.cn/tools/luoshi/", &view)
    });
    println!(
        "share link of the scripted ledger (3 tasks, {} chars, QR {}): mean {}, best {}",
        link.length,
        if link.qr_svg.is_some() { "yes" } else { "no" },
        ms(mean),
        ms(best)
    );
    let (mean, best) = time(50, || decode_link(&link.url, &doc).is_ok());
    println!("decode that link: mean {}, best {}", ms(mean), ms(best));
}
