//! Import validation: every file in the malformed corpus is refused with the expected kind and a
//! Chinese message naming the file, and nothing reaches the ledger; valid oddities import.

use super::common as snapshot_common;

use luoshi::snapshot::{
    apply, export, import, preview, ImportErrorKind, ImportWarning, Resolutions, Scope,
    MAX_FILE_BYTES,
};
use snapshot_common::*;
use std::path::{Path, PathBuf};

const NOW: &str = "2023-07-02T08:00:00+08:00";

fn corpus(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/snapshot")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn kind_key(kind: &ImportErrorKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn every_malformed_file_is_refused_with_its_own_reason() {
    let doc = seed();
    let before = annotated_ledger(&doc);
    let files = corpus("bad");
    assert!(files.len() >= 30, "corpus has only {} files", files.len());
    let mut kinds = std::collections::BTreeSet::new();
    for path in files {
        let name = file_name(&path);
        let expected = name.split("--").next().unwrap_or_default().to_string();
        let error = match import(&name, &read(&path), &doc) {
            Ok(_) => panic!("{name} was accepted"),
            Err(error) => error,
        };
        assert_eq!(kind_key(&error.kind), expected, "{name}: {:?}", error.kind);
        let message = error.message();
        assert!(
            message.starts_with(&format!("「{name}」无法导入：")),
            "{name}: message does not name the file: {message}"
        );
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: message is not Chinese: {message}"
        );
        kinds.insert(expected);
        // Nothing was accepted, so the import flow has nothing to apply: the ledger is unchanged.
        let after = apply(&before, &preview(&before, &[]), &Resolutions::new(), NOW);
        assert_eq!(after, before);
    }
    assert!(
        kinds.len() >= 12,
        "only {} kinds covered: {kinds:?}",
        kinds.len()
    );
}

#[test]
fn specific_messages() {
    let doc = seed();
    let good = export(&doc, &annotated_ledger(&doc), Scope::All, NOW).to_json();
    let future = good.replacen("\"version\": 1", "\"version\": 3", 1);
    let error = import("来自新版.json", future.as_bytes(), &doc).err();
    assert_eq!(
        error.map(|e| e.message()),
        Some("「来自新版.json」无法导入：此文件由更新版本的落实导出（版本 3），请先升级".into())
    );
    let mut end = good.len() / 3;
    while !good.is_char_boundary(end) {
        end -= 1;
    }
    let cut = good[..end].trim_end();
    match import("半截.json", cut.as_bytes(), &doc).map_err(|e| e.kind) {
        Err(ImportErrorKind::Truncated { line, column }) => {
            let lines: Vec<&str> = cut.lines().collect();
            assert_eq!(line, lines.len());
            assert!(column > 0);
        }
        other => panic!("expected Truncated, got {other:?}"),
    }
    match import("坏.json", b"{\n  \"format\": luoshi\n}", &doc).map_err(|e| e.kind) {
        Err(ImportErrorKind::Syntax { line: 2, column }) => assert!(column >= 13),
        other => panic!("expected a syntax error on line 2, got {other:?}"),
    }
    match import(
        "gbk.json",
        "{\"任务\": 1}"
            .as_bytes()
            .iter()
            .map(|b| b ^ 0x80)
            .collect::<Vec<_>>()
            .as_slice(),
        &doc,
    ) {
        Err(error) => assert!(matches!(
            error.kind,
            ImportErrorKind::NotUtf8 {
                offset: 0,
                utf16: false
            }
        )),
        Ok(_) => panic!("garbage accepted"),
    }
}

#[test]
fn huge_file_is_refused_before_parsing() {
    let doc = seed();
    let mut huge = export(&doc, &annotated_ledger(&doc), Scope::All, NOW)
        .to_json()
        .into_bytes();
    // Valid JSON all the way, padded with whitespace past the limit.
    huge.extend(std::iter::repeat_n(b' ', MAX_FILE_BYTES + 1 - huge.len()));
    assert_eq!(huge.len(), MAX_FILE_BYTES + 1);
    let error = import("大文件.json", &huge, &doc).err();
    assert_eq!(
        error.as_ref().map(|e| &e.kind),
        Some(&ImportErrorKind::TooLarge {
            bytes: MAX_FILE_BYTES + 1
        })
    );
    assert!(error.is_some_and(|e| e.message().contains("20 MB")));
    // Exactly at the limit is fine.
    huge.pop();
    assert!(import("刚好.json", &huge, &doc).is_ok());
}

#[test]
fn serde_recursion_limit_is_mapped_too() {
    // Under our own depth check but deep enough to trip nothing: a normal file parses; the
    // pre-check catches anything deeper than MAX_DEPTH before serde_json's limit of 128.
    let doc = seed();
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    let kind = import("深.json", deep.as_bytes(), &doc)
        .map_err(|e| e.kind)
        .err();
    assert_eq!(kind, Some(ImportErrorKind::TooDeep));
}

#[test]
fn script_tags_are_text_and_survive_verbatim() {
    let doc = seed();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/snapshot/good/script-tags-in-text.json");
    let incoming = import("script.json", &read(&path), &doc).unwrap_or_else(|e| panic!("{e}"));
    let task = &incoming.snapshot.tasks[0];
    assert!(task.text.starts_with("<script>document.cookie</script>"));
    let report = task
        .annotation
        .report(Q2)
        .map(|r| r.progress_text.clone())
        .unwrap_or_default();
    assert_eq!(
        report,
        "<script>alert(\"导入\")</script><img src=x onerror=alert(1)>&amp;"
    );
    let ledger = ledger_for(&doc, who("王五", "区政府办公室"));
    let merged = apply(
        &ledger,
        &preview(&ledger, &[incoming]),
        &Resolutions::new(),
        NOW,
    );
    let annotation = merged
        .annotation(1)
        .unwrap_or_else(|| panic!("task 1 missing"));
    assert_eq!(annotation.notes, "</textarea><b>粗体</b>");
    assert_eq!(
        annotation.report(Q2).map(|r| r.progress_text.as_str()),
        Some(report.as_str())
    );
}

#[test]
fn bom_is_stripped() {
    let doc = seed();
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot/good/utf8-bom.json");
    let incoming = import("bom.json", &read(&path), &doc).unwrap_or_else(|e| panic!("{e}"));
    assert!(incoming.warnings.is_empty());
    assert_eq!(incoming.snapshot.tasks.len(), 3);
}

#[test]
fn retyped_copy_is_accepted_with_a_warning_and_matched_by_number() {
    let doc = seed();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/snapshot/good/retyped-copy-of-document.json");
    let incoming = import("副本.json", &read(&path), &doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        incoming.warnings,
        vec![ImportWarning::FingerprintDiffers {
            file_name: "副本.json".into()
        }]
    );
    assert!(incoming.warnings[0].message().contains("按任务序号"));
    let empty = ledger_for(&doc, who("王五", "区政府办公室"));
    let merged = apply(
        &empty,
        &preview(&empty, &[incoming]),
        &Resolutions::new(),
        NOW,
    );
    let original = annotated_ledger(&doc);
    for number in [1, 2, 5] {
        assert_eq!(
            merged.annotation(number),
            original.annotation(number),
            "task {number}"
        );
    }
}

#[test]
fn tasks_missing_from_the_document_are_skipped_with_a_warning() {
    let doc = seed();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/snapshot/good/task-not-in-document.json");
    let incoming = import("多了.json", &read(&path), &doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        incoming.warnings,
        vec![ImportWarning::UnknownTasks {
            file_name: "多了.json".into(),
            numbers: vec![99]
        }]
    );
    assert!(incoming.snapshot.tasks.iter().all(|t| t.number != 99));
    assert_eq!(
        incoming.warnings[0].message(),
        "「多了.json」中的任务 99 在当前文件中不存在，已跳过"
    );
}

#[test]
fn other_document_message_names_it() {
    let doc = seed();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/snapshot/bad/other_document--different-document.json");
    let error = import("别的.json", &read(&path), &doc).err();
    assert_eq!(
        error.map(|e| e.message()),
        Some("「别的.json」无法导入：它属于《某市2024年民生实事》（某政发〔2024〕1号），与当前文件不同".into())
    );
}

#[test]
fn wrong_types_are_explained_in_chinese() {
    let doc = seed();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot/bad");
    let message = |file: &str| {
        import(file, &read(&dir.join(file)), &doc)
            .err()
            .map(|e| e.message())
            .unwrap_or_default()
    };
    assert_eq!(
        message("wrong_type--progress-text.json"),
        "「wrong_type--progress-text.json」无法导入：任务 1 的内容格式不对：类型不对（string \"45\"）"
    );
    assert_eq!(
        message("wrong_type--status-unknown.json"),
        "「wrong_type--status-unknown.json」无法导入：任务 1 的内容格式不对：无法识别的取值 finished"
    );
    assert_eq!(
        message("wrong_type--missing-exported-by.json"),
        "「wrong_type--missing-exported-by.json」无法导入：文件头 的内容格式不对：缺少字段 exported_by"
    );
    assert_eq!(
        message("wrong_type--impossible-due-date.json"),
        "「wrong_type--impossible-due-date.json」无法导入：任务 1 的内容格式不对：日期无效（2023-02-30）"
    );
}

#[test]
fn to_json_is_serde_pretty_json() {
    let doc = seed();
    let snapshot = export(&doc, &annotated_ledger(&doc), Scope::All, NOW);
    let pretty = serde_json::to_string_pretty(&snapshot).unwrap_or_default();
    assert_eq!(snapshot.to_json(), pretty);
}
