//! Bounded fuzzing of everything that reads outside input: the parser (any text a user imports),
//! the ledger store decoder (whatever is in localStorage) and the snapshot importer (any file a user
//! picks). Inputs are random text plus mutations of real inputs (the seed, the stored-ledger and
//! snapshot fixtures), so most cases get deep into the code rather than failing on the first byte.
//! The property is robustness: no panic, and an accepted input round-trips.
//!
//! Plain `cargo test` runs a few cases per target. The `fuzz` stage of scripts/test.sh runs many:
//!   LUOSHI_FUZZ_CASES=20000 LUOSHI_FUZZ_SECONDS=20 cargo test --release --test it -- fuzz:: --nocapture
//! (cases per target, and a wall-clock cap per target after which the remaining cases are skipped).

use std::path::Path;
use std::time::{Duration, Instant};

use luoshi::Document;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Run `check` on inputs from `strategy` until the case count or the time cap; panics (failing the
/// test) with proptest's shrunk input on the first failure. Prints the figures for BENCHMARKS.md.
fn fuzz<S: Strategy>(name: &str, strategy: S, check: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug,
{
    let cases = env_number("LUOSHI_FUZZ_CASES", 48) as u32;
    let cap = Duration::from_secs(env_number("LUOSHI_FUZZ_SECONDS", 60));
    let started = Instant::now();
    let ran = std::cell::Cell::new(0u64);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        // At the time cap every case is rejected, and the first reject ends the run (an abort,
        // not a failure), so the cap also stops input generation.
        max_global_rejects: 0,
        ..Config::default()
    });
    let result = runner.run(&strategy, |input| {
        if started.elapsed() >= cap {
            return Err(TestCaseError::reject("time cap reached"));
        }
        ran.set(ran.get() + 1);
        check(input);
        Ok(())
    });
    match result {
        Ok(()) | Err(TestError::Abort(_)) => {}
        Err(error) => panic!("fuzz {name}: {error}"),
    }
    println!(
        "fuzz {name}: {} cases in {:.1} s, 0 failures",
        ran.get(),
        started.elapsed().as_secs_f64()
    );
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_default()
}

fn snapshot_fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot/good");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    texts.sort();
    texts
}

/// One edit to a text: delete a range, insert a string, or duplicate a range (at char boundaries).
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), 0usize..200).prop_map(|(at, len)| Edit::Delete(at, len)),
        (any::<usize>(), any::<String>()).prop_map(|(at, s)| Edit::Insert(at, s)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                "\"",
                ",",
                ":",
                "null",
                "-1",
                "1e999",
                "\\u0000",
                "（",
                "）",
                "、",
                "：",
                "\n",
                "一、",
                "1.",
                "牵头单位",
                "%",
                "亿元",
            ])
        )
            .prop_map(|(at, s)| Edit::Insert(at, s.to_string())),
        (any::<usize>(), 0usize..400).prop_map(|(at, len)| Edit::Duplicate(at, len)),
    ];
    prop::collection::vec(edit, 1..8)
}

fn boundary(text: &str, at: usize) -> usize {
    let at = at % (text.len() + 1);
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = text.to_string();
    for edit in edits {
        match edit {
            Edit::Delete(at, len) => {
                let start = boundary(&out, *at);
                let end = boundary(&out, start + len).max(start);
                out.replace_range(start..end, "");
            }
            Edit::Insert(at, s) => {
                let at = boundary(&out, *at);
                out.insert_str(at, s);
            }
            Edit::Duplicate(at, len) => {
                let start = boundary(&out, *at);
                let end = boundary(&out, start + len).max(start);
                let piece = out[start..end].to_string();
                out.insert_str(end, &piece);
            }
        }
    }
    out
}

fn parse_check(text: String) {
    let doc = luoshi::parse::parse(&text);
    // Whatever was parsed can be written and read back.
    let json = serde_json::to_string(&doc).unwrap_or_default();
    let back: Result<Document, _> = serde_json::from_str(&json);
    assert!(
        back.is_ok(),
        "parsed document does not round-trip through JSON"
    );
}

#[test]
fn parser_random_text() {
    fuzz("parser/random text", any::<String>(), parse_check);
}

#[test]
fn parser_mutated_seed() {
    fuzz("parser/mutated seed", edits(), |e| {
        parse_check(apply(luoshi::SEED_TEXT, &e))
    });
}

/// A cell of a task table: header words, unit names, numbers, dates, progress lines, quotes,
/// tabs, newlines and stray brackets, so the table readers meet every shape they branch on.
fn table_cell() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "序号",
        "工作任务",
        "牵头单位",
        "责任单位",
        "配合单位",
        "责任领导",
        "完成时限",
        "类别",
        "进展情况",
        "1",
        "12",
        "区发改局",
        "区财政局、各街道",
        "2024年12月底",
        "1.已完成。",
        "(列第一位者为牵头单位)",
        "一、产业",
        "(一)做事",
        "\"",
        "\t",
        "\n",
        "\r",
        "(",
        ")",
        "、",
        "推进重点项目建设,全年完成投资10亿元。",
        "",
    ]);
    prop::collection::vec(pieces, 0..4).prop_map(|parts| parts.concat())
}

fn table_rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(table_cell(), 0..7), 0..12)
}

/// A TSV table (as Excel puts on the clipboard, as the file readers write) with fuzzed rows,
/// after some text and before more.
#[test]
fn parser_tsv_tables() {
    fuzz("parser/tsv table", table_rows(), |rows| {
        let mut text = String::from(
            "某区2024年重点工作任务\n\n序号\t工作任务\t牵头单位\t责任单位\t完成时限\n",
        );
        for row in &rows {
            text.push_str(&row.join("\t"));
            text.push('\n');
        }
        text.push_str("\n1.做事。(牵头单位:区甲局)\n");
        parse_check(text);
    });
}

/// A flattened table (one cell per line, blank lines or not) with fuzzed cells.
#[test]
fn parser_flattened_tables() {
    fuzz(
        "parser/flattened table",
        (table_rows(), any::<bool>()),
        |(rows, blank)| {
            let separator = if blank { "\n\n" } else { "\n" };
            let mut cells = vec![
                "序号".to_string(),
                "工作任务".into(),
                "牵头单位".into(),
                "进展情况".into(),
            ];
            for row in rows {
                cells.extend(row);
            }
            parse_check(cells.join(separator));
        },
    );
}

fn store_check(raw: String) {
    if let Ok(ledger) = luoshi::store::decode(&raw) {
        let again = luoshi::store::decode(&luoshi::store::encode(&ledger));
        assert_eq!(
            again.ok(),
            Some(ledger),
            "an accepted ledger must round-trip"
        );
    }
}

#[test]
fn store_random_text() {
    fuzz("store decode/random text", any::<String>(), store_check);
}

#[test]
fn store_mutated_fixtures() {
    let fixtures = [
        fixture("tests/fixtures/ledger/v1.json"),
        fixture("tests/fixtures/ledger/v2.json"),
    ];
    fuzz(
        "store decode/mutated v1+v2",
        (prop::sample::select(fixtures.to_vec()), edits()),
        |(text, e)| store_check(apply(&text, &e)),
    );
}

#[test]
fn snapshot_random_bytes() {
    let doc = luoshi::seed_document();
    fuzz(
        "snapshot import/random bytes",
        prop::collection::vec(any::<u8>(), 0..2000),
        |bytes| {
            let _ = luoshi::snapshot::import("fuzz.json", &bytes, &doc);
        },
    );
}

#[test]
fn snapshot_mutated_fixtures() {
    let doc = luoshi::seed_document();
    let fixtures = snapshot_fixtures();
    assert!(
        !fixtures.is_empty(),
        "tests/fixtures/snapshot/good has fixtures"
    );
    fuzz(
        "snapshot import/mutated good fixtures",
        (prop::sample::select(fixtures), edits()),
        |(text, e)| {
            let text = apply(&text, &e);
            same_either_way(&text, &doc);
        },
    );
}

/// The one-pass snapshot reader (`import_str`) and the reader that checks each field's shape first
/// (`import_str_checked`) give the same result, accepted or refused, on the same text.
fn same_either_way(text: &str, doc: &luoshi::Document) {
    let fast = luoshi::snapshot::import_str("fuzz.json", text, doc);
    let checked = luoshi::snapshot::import_str_checked("fuzz.json", text, doc);
    if fast != checked {
        let outcome =
            |r: &Result<luoshi::snapshot::Incoming, luoshi::snapshot::ImportError>| match r {
                Ok(_) => "accepted".to_string(),
                Err(e) => e.message(),
            };
        panic!(
            "the two snapshot readers differ: one pass {}, checked {}; on a {}-byte text",
            outcome(&fast),
            outcome(&checked),
            text.len()
        );
    }
    // And the web app's split of the import (one pass in the app, the checked reader in the
    // worker, its answer read back as text) gives the same again.
    assert_eq!(
        crate::snapshot::common::import_as_the_app_does("fuzz.json", text.as_bytes(), doc),
        fast.map_err(|e| e.message()),
        "the app's split import differs on a {}-byte text",
        text.len()
    );
}

/// Replace a value anywhere in the tree with `leaf`: at path `at` (an index into a depth-first walk).
/// `leaf` `"<remove>"` removes the member or element there instead.
fn replace_leaf(value: &mut serde_json::Value, at: &mut usize, leaf: &serde_json::Value) -> bool {
    use serde_json::Value;
    if *at == 0 {
        *value = leaf.clone();
        return true;
    }
    *at -= 1;
    let remove = leaf.as_str() == Some("<remove>");
    match value {
        Value::Array(items) => {
            for index in 0..items.len() {
                if remove && *at == 0 {
                    items.remove(index);
                    return true;
                }
                if replace_leaf(&mut items[index], at, leaf) {
                    return true;
                }
            }
            false
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                if remove && *at == 0 {
                    map.remove(&key);
                    return true;
                }
                if let Some(v) = map.get_mut(&key) {
                    if replace_leaf(v, at, leaf) {
                        return true;
                    }
                }
            }
            false
        }
        _ => false,
    }
}

/// Well-formed JSON with one to three values anywhere swapped for another of any type or range (a
/// progress of 150, a status of `null`, a date of `"2023-13-01"`, a number where text belongs, a
/// list where a record belongs) or removed: both readers must agree on every one.
#[test]
fn snapshot_values_swapped() {
    use serde_json::{json, Value};
    let doc = luoshi::seed_document();
    let fixtures: Vec<Value> = snapshot_fixtures()
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect();
    assert!(!fixtures.is_empty());
    let leaves = vec![
        Value::Null,
        json!(true),
        json!(-1),
        json!(0),
        json!(1),
        json!(100),
        json!(101),
        json!(150),
        json!(256),
        json!(4294967296u64),
        json!(1.5),
        json!(-0.5),
        json!(""),
        json!("x"),
        json!("2023-13-01"),
        json!("2023-06-30"),
        json!("2023Q2"),
        json!("behind"),
        json!("luoshi.snapshot"),
        json!({ "kind": "other" }),
        json!({ "kind": "behind", "reason": "原因" }),
        json!({ "kind": "view", "query": "", "tasks": [1, 1] }),
        json!([]),
        json!([1, 2]),
        json!({}),
        json!({ "name": "张三", "unit": "区科技局" }),
        json!("<remove>"),
        json!("<remove>"),
        json!("<remove>"),
    ];
    fuzz(
        "snapshot import/values swapped, both readers agree",
        (
            prop::sample::select(fixtures),
            prop::collection::vec((any::<usize>(), prop::sample::select(leaves)), 1..4),
        ),
        |(mut value, swaps)| {
            for (at, leaf) in swaps {
                let mut count = 0usize;
                count_nodes(&value, &mut count);
                let mut at = at % count.max(1);
                replace_leaf(&mut value, &mut at, &leaf);
            }
            same_either_way(&value.to_string(), &doc);
        },
    );
}

fn count_nodes(value: &serde_json::Value, count: &mut usize) {
    *count += 1;
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| count_nodes(v, count)),
        serde_json::Value::Object(map) => map.values().for_each(|v| count_nodes(v, count)),
        _ => {}
    }
}

/// Found by `parser_mutated_seed`: a unit list whose last name is one character (区科技局、局) made
/// `parse::units::names` loop forever. Each input must parse (the test hangs if it regresses).
#[test]
fn parser_single_char_last_unit_terminates() {
    for note in [
        "(牵头单位:区科技局、局)",
        "(牵头单位:局)",
        "(牵头单位:区科技局、局,参与单位:A)",
    ] {
        let text = format!("一、实施创新驱动发展战略\n1.提升企业技术创新能力。开展工作。{note}\n");
        let doc = luoshi::parse::parse(&text);
        assert_eq!(doc.tasks.len(), 1, "{note}");
    }
}

// --- The file readers (src/intake): zips, XML, workbooks ---

fn intake_fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/intake")
            .join(name),
    )
    .unwrap_or_default()
}

/// Byte-level damage to a binary file: flipped bytes, then a cut (or none).
fn byte_edits() -> impl Strategy<Value = (Vec<(usize, u8)>, Option<usize>)> {
    (
        prop::collection::vec((any::<usize>(), any::<u8>()), 1..12),
        prop::option::of(any::<usize>()),
    )
}

fn damage(bytes: &[u8], (flips, cut): &(Vec<(usize, u8)>, Option<usize>)) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return out;
    }
    for &(at, value) in flips {
        let at = at % out.len();
        out[at] ^= value | 1;
    }
    if let Some(cut) = cut {
        out.truncate(cut % (out.len() + 1));
    }
    out
}

/// Every reader on the same bytes (by every name, so each text reader sees them): none may panic, and a workbook's cells obey its limits.
fn intake_check(bytes: &[u8]) {
    if let Ok(book) = luoshi::intake::xlsx::read_workbook(bytes) {
        for sheet in &book.sheets {
            assert!(sheet.rows.len() <= luoshi::intake::xlsx::MAX_ROWS);
            let _ = luoshi::intake::sheet_text(sheet);
        }
    }
    // A zip's content decides its reader, whatever the name; text goes by name.
    let names: &[&str] = if bytes.starts_with(b"PK") {
        &["a.docx"]
    } else {
        &["a.txt", "a.csv", "a.html"]
    };
    for name in names {
        if let Ok(luoshi::intake::Opened::Text(text)) = luoshi::intake::open(name, bytes) {
            // A reader's text is what the parser reads next.
            let _ = luoshi::parse::parse(&text);
        }
    }
    if let Ok(zip) = luoshi::intake::zip::ZipArchive::new(bytes) {
        let names: Vec<String> = zip.names().map(str::to_string).collect();
        for name in names {
            let _ = zip.read(&name);
        }
    }
}

#[test]
fn intake_random_bytes() {
    fuzz(
        "intake/random bytes",
        prop::collection::vec(any::<u8>(), 0..3000),
        |bytes| intake_check(&bytes),
    );
}

#[test]
fn intake_damaged_office_files() {
    let files: Vec<Vec<u8>> = [
        "tasks.xlsx",
        "tasks-libreoffice.xlsx",
        "inline.xlsx",
        "tasks.docx",
    ]
    .iter()
    .map(|name| intake_fixture(name))
    .collect();
    fuzz(
        "intake/damaged xlsx+docx",
        (prop::sample::select(files), byte_edits()),
        |(file, edits)| intake_check(&damage(&file, &edits)),
    );
}

/// Mutated XML inside an intact zip: the XML readers get deep, the zip layer passes.
#[test]
fn intake_mutated_sheet_xml() {
    let book = intake_fixture("tasks-libreoffice.xlsx");
    let parts: Vec<(String, String)> = luoshi::intake::zip::ZipArchive::new(&book)
        .map(|zip| {
            let names: Vec<String> = zip.names().map(str::to_string).collect();
            names
                .into_iter()
                .filter_map(|name| Some((name.clone(), zip.read_text(&name).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    assert!(parts.len() > 3, "fixture readable");
    let targets: Vec<usize> = (0..parts.len()).collect();
    fuzz(
        "intake/mutated workbook XML",
        (prop::sample::select(targets), edits()),
        |(target, edits)| {
            let entries: Vec<(String, Vec<u8>)> = parts
                .iter()
                .enumerate()
                .map(|(index, (name, text))| {
                    let text = if index == target {
                        apply(text, &edits)
                    } else {
                        text.clone()
                    };
                    (name.clone(), text.into_bytes())
                })
                .collect();
            let borrowed: Vec<(&str, &[u8])> = entries
                .iter()
                .map(|(name, data)| (name.as_str(), data.as_slice()))
                .collect();
            // Stored entries: the case is about the XML, and deflating each case is slow.
            intake_check(&crate::intake::zip::make_zip_with(&borrowed, |_, data| {
                (0, data.to_vec(), data.len() as u32)
            }));
        },
    );
}

/// Mutated numbering and numbered paragraphs of a .docx: labels are made for any definition
/// (levels out of range, unknown lists, huge starts, any format), never a panic.
#[test]
fn intake_mutated_docx_numbering() {
    use luoshi::intake::docx::{document_text_numbered, Numbering};
    let docx = intake_fixture("tasks.docx");
    let numbering = luoshi::intake::zip::ZipArchive::new(&docx)
        .ok()
        .and_then(|zip| zip.read_text("word/numbering.xml").ok())
        .unwrap_or_default();
    assert!(
        numbering.contains("abstractNum"),
        "fixture has a numbering part"
    );
    let body: String = (0..40)
        .map(|i| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr></w:pPr><w:r><w:t>任务{i}</w:t></w:r></w:p>"#,
                i % 11,
                i % 7
            )
        })
        .collect();
    let document = format!("<w:document><w:body>{body}</w:body></w:document>");
    fuzz(
        "intake/mutated docx numbering",
        (any::<bool>(), edits()),
        |(body_edited, edits)| {
            let (body, numbering) = if body_edited {
                (apply(&document, &edits), numbering.clone())
            } else {
                (document.clone(), apply(&numbering, &edits))
            };
            let text = document_text_numbered(&body, &Numbering::parse(&numbering));
            let _ = luoshi::parse::parse(&text);
        },
    );
}

/// Mutated paragraph styles (`word/styles.xml`: numbering set on a style, `w:basedOn` chains and
/// loops) and styled paragraphs: a style's numbering resolves for any input, never a panic.
#[test]
fn intake_mutated_docx_styles() {
    use luoshi::intake::docx::{document_text_numbered, Numbering};
    let docx = intake_fixture("tasks.docx");
    let numbering = luoshi::intake::zip::ZipArchive::new(&docx)
        .ok()
        .and_then(|zip| zip.read_text("word/numbering.xml").ok())
        .unwrap_or_default();
    let styles: String = (0..12)
        .map(|i| {
            format!(
                r#"<w:style w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{}"/><w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr></w:pPr></w:style>"#,
                (i + 5) % 12,
                i % 10,
                i % 4
            )
        })
        .collect();
    let styles = format!("<w:styles>{styles}</w:styles>");
    let body: String = (0..30)
        .map(|i| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="S{}"/></w:pPr><w:r><w:t>任务{i}</w:t></w:r></w:p>"#,
                i % 13
            )
        })
        .collect();
    let document = format!("<w:document><w:body>{body}</w:body></w:document>");
    fuzz(
        "intake/mutated docx styles",
        (any::<bool>(), edits()),
        |(body_edited, edits)| {
            let (body, styles) = if body_edited {
                (apply(&document, &edits), styles.clone())
            } else {
                (document.clone(), apply(&styles, &edits))
            };
            let numbering = Numbering::parse(&numbering).with_styles(&styles);
            let text = document_text_numbered(&body, &numbering);
            let _ = luoshi::parse::parse(&text);
        },
    );
}

#[test]
fn xml_tokenizer_random_text() {
    fuzz("intake/xml tokenizer", any::<String>(), |text| {
        for token in luoshi::intake::xml::Tokenizer::new(&text) {
            if let luoshi::intake::xml::Token::Start(tag) = token {
                let _ = tag.attr("r");
                let _ = tag.attr("x:val");
            }
        }
    });
}

#[test]
fn html_reader_mutated_page() {
    let page = fixture("tests/fixtures/intake/tasks.html");
    fuzz("intake/mutated html + csv", edits(), |edits| {
        let text = apply(&page, &edits);
        for kind in [
            luoshi::intake::TextKind::Html,
            luoshi::intake::TextKind::Csv,
        ] {
            let _ = luoshi::parse::parse(&luoshi::intake::from_text(kind, &text));
        }
    });
}

#[test]
fn text_decoding_random_bytes() {
    fuzz(
        "intake/text decoding",
        prop::collection::vec(any::<u8>(), 0..600),
        |bytes| {
            if let luoshi::intake::text::Decoded::Text(text) = luoshi::intake::text::decode(&bytes)
            {
                assert!(!text.starts_with('\u{feff}'));
            }
        },
    );
}
