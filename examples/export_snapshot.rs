//! Write real exports of the seed with a scripted ledger, for the python checks
//! (tests/snapshot_schema.py, tests/xlsx_check.py) and for looking at by hand.
//! Run: `cargo run --example export_snapshot -- <out-dir>` (default `target/snapshot-export`).
//! Writes `export-all.json`, `export-view.json`, `share-link.txt`, the CSV and the XLSX 台账, and
//! `fifty/单位00.json` … `单位49.json`: the 50 units' whole-seed snapshots the coordinating office
//! imports at once (`common::fifty_units`; the browser benchmark e2e/bench/exchange-bench.mjs),
//! and `units/单位NN.json`: every unit of the seed reporting its part for four quarters.

#[path = "../tests/it/snapshot/common.rs"]
mod common;

use luoshi::export::{self, ReportSheet};
use luoshi::snapshot::{export, Coverage};
use std::path::PathBuf;
use std::process::ExitCode;

const NOW: &str = "2023-07-01T10:00:00+08:00";

fn main() -> ExitCode {
    match try_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("export_snapshot: {message}");
            ExitCode::FAILURE
        }
    }
}

fn try_main() -> Result<(), String> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/snapshot-export".into()),
    );
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let doc = common::seed();
    let ledger = common::annotated_ledger(&doc);
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("{}", path.display());
        Ok::<(), String>(())
    };

    let all = export(&doc, &ledger, Coverage::All, NOW);
    write("export-all.json", all.to_json().as_bytes())?;
    let view = export(
        &doc,
        &ledger,
        Coverage::View {
            query: "unit=区科技局&q=实验室".into(),
            tasks: vec![1, 2, 5],
        },
        NOW,
    );
    write("export-view.json", view.to_json().as_bytes())?;
    let link = luoshi::share::share_link("https://example.gov.cn/tools/luoshi/", &view.for_link());
    write("share-link.txt", link.url.as_bytes())?;
    // The densest QR code the app offers (luoshi::share::MAX_QR_VERSION), for tests/qr_decode.py.
    let longest = {
        let base = "https://example.gov.cn/tools/luoshi/#s=";
        let filler = "Ab0-_".repeat(luoshi::share::QR_MAX_BYTES);
        format!(
            "{base}{}",
            &filler[..luoshi::share::QR_MAX_BYTES - base.len()]
        )
    };
    let svg = luoshi::share::qr_svg(&longest).ok_or("the longest link got no QR code")?;
    write("share-qr-max.txt", longest.as_bytes())?;
    write("share-qr-max.svg", svg.as_bytes())?;

    let tasks: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    let sheet = ReportSheet::new(&doc, &ledger, &tasks, common::date("2023-06-30"));
    let name = export::file_name(&doc, Some(&ledger.user.unit), sheet.period);
    write(&name, &export::to_xlsx(&sheet).map_err(|e| e.message())?)?;
    write(
        "ledger.xlsx",
        &export::to_xlsx(&sheet).map_err(|e| e.message())?,
    )?;
    write("ledger.csv", &export::to_csv(&sheet))?;

    let fifty = dir.join("fifty");
    std::fs::create_dir_all(&fifty)
        .map_err(|e| format!("cannot create {}: {e}", fifty.display()))?;
    for (i, unit) in common::fifty_units(&doc).iter().enumerate() {
        let json = export(&doc, unit, Coverage::All, NOW).to_json();
        write(&format!("fifty/单位{i:02}.json"), json.as_bytes())?;
    }
    // Every unit of the seed reporting its own part of its tasks for four quarters (issue 14).
    let units = dir.join("units");
    std::fs::create_dir_all(&units)
        .map_err(|e| format!("cannot create {}: {e}", units.display()))?;
    for (i, unit) in common::units_four_quarters(&doc).iter().enumerate() {
        let json = export(&doc, unit, Coverage::All, "2023-12-28T10:00:00+08:00").to_json();
        write(&format!("units/单位{i:02}.json"), json.as_bytes())?;
    }
    Ok(())
}
