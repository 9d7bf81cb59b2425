//! Import validation: every file in the malformed corpus is refused with the expected kind and a
//! Chinese message naming the file, and nothing reaches the ledger; valid oddities import.

use super::common as snapshot_common;

use luoshi::snapshot::{
    apply, export, preview, Coverage, ImportErrorKind, ImportWarning, Resolutions, MAX_FILE_BYTES,
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
    let good = export(&doc, &annotated_ledger(&doc), Coverage::All, NOW).to_json();
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
    let mut huge = export(&doc, &annotated_ledger(&doc), Coverage::All, NOW)
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
    let merged = import_all(&ledger, &[incoming], NOW);
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
    // A file from before per-unit entries (snapshot v1 as first shipped): 区科技局's status and
    // progress on task 5, which it co-leads after 区委组织部, move to its own entry, and it says so.
    assert_eq!(
        incoming.warnings,
        vec![ImportWarning::MovedToUnitEntries {
            file_name: "bom.json".into(),
            tasks: vec![5]
        }]
    );
    assert!(incoming.warnings[0].message().contains("第5项"));
    let task5 = incoming
        .snapshot
        .tasks
        .iter()
        .find(|t| t.number == 5)
        .map(|t| &t.annotation);
    assert_eq!(
        task5
            .and_then(|a| a.unit_entry("区科技局"))
            .map(|e| e.progress),
        Some(10)
    );
    assert_eq!(task5.map(|a| a.progress), Some(0));
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
        vec![
            ImportWarning::FingerprintDiffers {
                file_name: "副本.json".into()
            },
            ImportWarning::MovedToUnitEntries {
                file_name: "副本.json".into(),
                tasks: vec![5]
            }
        ]
    );
    assert!(incoming.warnings[0].message().contains("按任务序号"));
    let empty = ledger_for(&doc, who("王五", "区政府办公室"));
    let merged = import_all(&empty, &[incoming], NOW);
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
        incoming.warnings[0],
        ImportWarning::UnknownTasks {
            file_name: "多了.json".into(),
            numbers: vec![99]
        }
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
    let cases = [
        ("wrong_type--progress-text.json", "任务 1 的进度是文字“45”，应为 0–100 的整数"),
        ("wrong_type--status-unknown.json", "任务 1 的状态是一组字段，应为未启动、序时推进、超序时、滞后、已完成或其他（附原因）之一"),
        ("wrong_type--missing-exported-by.json", "文件的导出人缺失，应为一组字段"),
        ("wrong_type--impossible-due-date.json", "任务 1 的完成时限是文字“2023-02-30”，应为真实存在的日期，写作 2023-12-31 这样或留空"),
        ("wrong_type--tasks-object.json", "文件的任务列表是一组字段，应为任务的列表"),
        ("invalid_value--progress-150.json", "任务 1 的进度是 150，应为 0–100 的整数"),
    ];
    for (file, reason) in cases {
        assert_eq!(message(file), format!("「{file}」无法导入：{reason}"));
    }
}

/// The example: a negative progress names the task, the field, the value and the range.
#[test]
fn negative_progress_says_task_field_value_and_range() {
    let doc = seed();
    let mut value: serde_json::Value =
        serde_json::from_str(&export(&doc, &annotated_ledger(&doc), Coverage::All, NOW).to_json())
            .unwrap_or_default();
    value["tasks"][1]["annotation"]["progress"] = serde_json::json!(-5);
    let error = import("报送.json", value.to_string().as_bytes(), &doc).err();
    assert_eq!(
        error.map(|e| e.message()),
        Some("「报送.json」无法导入：任务 2 的进度是 -5，应为 0–100 的整数".to_string())
    );
    value["tasks"][1]["annotation"]["progress"] = serde_json::json!(33.333333333);
    let error = import("报送.json", value.to_string().as_bytes(), &doc).err();
    assert_eq!(
        error.map(|e| e.message()),
        Some("「报送.json」无法导入：任务 2 的进度是 33.333333333，应为 0–100 的整数".to_string())
    );
}

/// Where a mutation goes: a path of object keys and array indices.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn every_position(value: &serde_json::Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        serde_json::Value::Object(object) => {
            out.push(at.clone());
            for (key, member) in object {
                at.push(Step::Key(key.clone()));
                every_position(member, at, out);
                at.pop();
            }
        }
        serde_json::Value::Array(items) => {
            out.push(at.clone());
            // The first two elements stand for the rest (they share one shape).
            for (i, item) in items.iter().enumerate().take(2) {
                at.push(Step::Index(i));
                every_position(item, at, out);
                at.pop();
            }
        }
        _ => out.push(at.clone()),
    }
}

fn at_mut<'a>(
    value: &'a mut serde_json::Value,
    path: &[Step],
) -> Option<&'a mut serde_json::Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

/// Text outside the quoted parts (file names 「…」 and found values “…”), where programmer words
/// could hide.
fn outside_quotes(message: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in message.chars() {
        match c {
            '「' | '“' => depth += 1,
            '」' | '”' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every field of a snapshot that uses every kind of field, given every kind of wrong value (and
/// removed, and given an extra key): whatever serde would say (invalid type, invalid value, missing
/// field, unknown variant, a custom date error, a map key that is not a number), the message names
/// the place and field in Chinese and carries no English word or Rust type name.
#[test]
fn every_refusal_of_every_field_is_plain_chinese() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let scope = Coverage::View {
        query: "?q=科技".into(),
        tasks: vec![1, 2, 5],
    };
    let base: serde_json::Value =
        serde_json::from_str(&export(&doc, &ledger, scope, NOW).to_json()).unwrap_or_default();
    let mut positions = Vec::new();
    every_position(&base, &mut Vec::new(), &mut positions);
    assert!(positions.len() > 150, "only {} positions", positions.len());
    let replacements = [
        serde_json::json!(null),
        serde_json::json!(true),
        serde_json::json!(-5),
        serde_json::json!(33.333333333),
        serde_json::json!(300),
        serde_json::json!(5_000_000_000u64),
        serde_json::json!("文字"),
        serde_json::json!("finished"),
        serde_json::json!("2023-02-30"),
        serde_json::json!([]),
        serde_json::json!([1, "x"]),
        serde_json::json!({}),
        serde_json::json!({"kind": "finished"}),
        serde_json::json!({"kind": "other"}),
        serde_json::json!({"kind": "done", "reason": "x"}),
    ];
    let mut serde_classes = std::collections::BTreeSet::new();
    let mut refused = 0;
    let mut check = |file: serde_json::Value, what: &str| {
        // What serde itself says of this file, to show every class of its errors is fed here.
        if let Err(e) = serde_json::from_value::<luoshi::snapshot::Snapshot>(file.clone()) {
            let text = e.to_string();
            let class: String = text
                .split([':', '`'])
                .next()
                .unwrap_or_default()
                .to_string();
            serde_classes.insert(class);
        }
        let Err(error) = import("报送.json", file.to_string().as_bytes(), &doc) else {
            return;
        };
        refused += 1;
        let message = error.message();
        let plain = outside_quotes(&message);
        let letters = plain
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| w.len() >= 2);
        assert!(letters.is_none(), "{what}: English in {message}");
        assert!(
            !message.contains("无法读取"),
            "{what}: the shape check missed what serde refused: {message}"
        );
        match &error.kind {
            ImportErrorKind::WrongType { allowed, .. } => {
                assert!(!allowed.is_empty(), "{what}: {message}");
                assert!(message.contains("应为"), "{what}: {message}");
            }
            ImportErrorKind::InvalidValue { .. } => {}
            ImportErrorKind::WrongFormat { .. }
            | ImportErrorKind::BadVersion
            | ImportErrorKind::TooNew { .. }
            | ImportErrorKind::DuplicateTask { .. }
            | ImportErrorKind::OtherDocument { .. } => {}
            other => panic!("{what}: unexpected {other:?}"),
        }
    };
    for path in &positions {
        for replacement in &replacements {
            let mut file = base.clone();
            if let Some(slot) = at_mut(&mut file, path) {
                *slot = replacement.clone();
            }
            check(file, &format!("{path:?} = {replacement}"));
        }
        if let Some((Step::Key(key), parent)) = path.split_last() {
            let mut file = base.clone();
            if let Some(object) = at_mut(&mut file, parent).and_then(|v| v.as_object_mut()) {
                object.remove(key);
            }
            check(file, &format!("{path:?} removed"));
        }
        let mut file = base.clone();
        if let Some(object) = at_mut(&mut file, path).and_then(|v| v.as_object_mut()) {
            if let Some(first) = object.values().next().cloned() {
                object.insert("abc".into(), first);
            }
            check(file, &format!("{path:?} + key abc"));
        }
    }
    assert!(refused > 1000, "only {refused} refusals");
    for class in [
        "invalid type",
        "invalid value",
        "missing field",
        "unknown variant",
        "not a YYYY-MM-DD date",
    ] {
        assert!(
            serde_classes.iter().any(|c| c.starts_with(class)),
            "serde class {class} never fed: {serde_classes:?}"
        );
    }
}

#[test]
fn to_json_is_serde_pretty_json() {
    let doc = seed();
    let snapshot = export(&doc, &annotated_ledger(&doc), Coverage::All, NOW);
    let pretty = serde_json::to_string_pretty(&snapshot).unwrap_or_default();
    assert_eq!(snapshot.to_json(), pretty);
}

/// A file stamped in the future (a wrong clock, or a forged 2099) must not become "the newest"
/// forever: its stamps are set to the import time and the preview says so.
#[test]
fn future_timestamps_are_clamped_to_the_import_time_and_reported() {
    let doc = seed();
    let theirs = annotated_ledger(&doc);
    let json = export(&doc, &theirs, Coverage::All, "2099-01-01T09:00:00+08:00")
        .to_json()
        .replace("2023-06-20T", "2099-06-20T");
    assert!(json.contains("2099-06-20T09:01"));
    let incoming = import("未来.json", json.as_bytes(), &doc)
        .unwrap_or_else(|e| panic!("{}", e.message()))
        .clamped_to(NOW);
    let mine = luoshi::ledger::Ledger::new(doc.fingerprint.clone());
    let preview = preview(&mine, &[incoming]);
    let warning = preview
        .warnings
        .iter()
        .find(|w| matches!(w, ImportWarning::FutureTimestamps { .. }))
        .map(|w| w.message())
        .unwrap_or_default();
    assert!(
        warning
            .starts_with("「未来.json」中任务 1、2、5 的填报时间晚于现在（最晚为 2099-06-20 09:"),
        "{warning}"
    );
    assert!(
        warning.ends_with("已按导入时间 2023-07-02 08:00 记录"),
        "{warning}"
    );
    assert_eq!(preview.sources[0].exported_at, NOW);
    let merged = apply(&mine, &preview, &Resolutions::new(), NOW);
    let stored = luoshi::store::encode(&merged);
    assert!(!stored.contains("2099"), "a 2099 stamp reached the ledger");
    assert_eq!(
        merged.annotation(1).and_then(|a| a.updated_at.as_deref()),
        Some(NOW)
    );
    // Stamps up to now stay as they were.
    let honest = export(&doc, &theirs, Coverage::All, NOW).to_json();
    let incoming =
        import("现在.json", honest.as_bytes(), &doc).unwrap_or_else(|e| panic!("{}", e.message()));
    assert_eq!(incoming.clone().clamped_to(NOW), incoming);
}

/// The full backup (the stored ledger, as 下载完整备份 writes it) reads back through the same
/// import: into a cleared ledger it restores every task exactly; another document's backup and a
/// damaged one are refused in Chinese.
#[test]
fn full_backup_restores_the_whole_ledger() {
    let doc = seed();
    let original = annotated_ledger(&doc);
    let backup = luoshi::store::encode(&original);
    let incoming = import("完整备份.json", backup.as_bytes(), &doc)
        .unwrap_or_else(|e| panic!("{}", e.message()));
    assert!(
        incoming
            .warnings
            .iter()
            .any(|w| matches!(w, ImportWarning::FullBackup { .. })
                && w.message().contains("完整备份"))
    );
    let cleared = luoshi::ledger::Ledger::new(doc.fingerprint.clone());
    let preview = preview(&cleared, &[incoming]);
    assert_eq!(preview.tasks.len(), original.tasks.len());
    let restored = apply(&cleared, &preview, &Resolutions::new(), NOW);
    assert_eq!(restored.tasks, original.tasks);
    // Restoring over the same ledger changes nothing.
    let again = import("完整备份.json", backup.as_bytes(), &doc)
        .unwrap_or_else(|e| panic!("{}", e.message()));
    assert!(luoshi::snapshot::preview(&original, &[again]).is_empty());

    let other = luoshi::ledger::Ledger::new("0".repeat(64));
    let error = import("别的.json", luoshi::store::encode(&other).as_bytes(), &doc).err();
    assert_eq!(
        error.map(|e| e.message()),
        Some(
            "「别的.json」无法导入：这是另一份文件的台账备份，请先打开它所属的文件再恢复"
                .to_string()
        )
    );
}

/// A file with per-unit entries (co-lead 区科技局 and 区人力资源社会保障局 on task 5): read in one pass,
/// every unit's entry kept, and the field-checked reader gives the same.
#[test]
fn unit_entries_read_in_one_pass_and_checked_alike() {
    let doc = seed();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/snapshot/good/unit-entries.json");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let incoming =
        luoshi::snapshot::import_str("units.json", &text, &doc).unwrap_or_else(|e| panic!("{e}"));
    let checked = luoshi::snapshot::import_str_checked("units.json", &text, &doc)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(incoming, checked);
    let task = incoming
        .snapshot
        .tasks
        .iter()
        .find(|t| t.number == 5)
        .unwrap_or_else(|| panic!("task 5 missing"));
    let units = &task.annotation.units;
    assert_eq!(units.len(), 2);
    assert_eq!(units["区科技局"].progress, 60);
    assert_eq!(
        units["区科技局"].reports["2023Q2"].progress_text,
        "区科技局：引进青年人才 6000 人"
    );
    assert_eq!(units["区人力资源社会保障局"].progress, 30);
    // A record written as a list is refused by both readers alike, naming the place.
    let listed = text.replacen(
        "\"区人力资源社会保障局\": {",
        "\"区人力资源社会保障局\": [], \"x\": {",
        1,
    );
    let fast = luoshi::snapshot::import_str("units.json", &listed, &doc).map_err(|e| e.message());
    let slow =
        luoshi::snapshot::import_str_checked("units.json", &listed, &doc).map_err(|e| e.message());
    assert_eq!(fast, slow);
    assert!(
        fast.is_err(),
        "a list where a unit's entry belongs was accepted"
    );
}

/// A whole export carries the tasks with something recorded (a value or only a change), not the
/// document's words for every other task; a view's export keeps every task of the view.
#[test]
fn a_whole_export_carries_only_tasks_with_something_recorded() {
    use luoshi::snapshot::{export, Coverage};
    let doc = seed();
    let mut ledger = ledger_for(&doc, who("张三", "区科技局"));
    act(
        &mut ledger,
        luoshi::ledger::Action::SetProgress {
            task: 2,
            progress: 40,
        },
        "2023-07-01T09:00:00+08:00",
    );
    // Task 9: set, then cleared: no value left, but the change is recorded.
    act(
        &mut ledger,
        luoshi::ledger::Action::SetNotes {
            task: 9,
            notes: "暂记".into(),
        },
        "2023-07-01T09:01:00+08:00",
    );
    act(
        &mut ledger,
        luoshi::ledger::Action::SetNotes {
            task: 9,
            notes: String::new(),
        },
        "2023-07-01T09:02:00+08:00",
    );
    let whole = export(&doc, &ledger, Coverage::All, NOW);
    let numbers: Vec<u32> = whole.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, vec![2, 9]);
    let view = export(
        &doc,
        &ledger,
        Coverage::View {
            query: "section=1".into(),
            tasks: vec![1, 2, 3],
        },
        NOW,
    );
    let numbers: Vec<u32> = view.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, vec![1, 2, 3]);
    // Read back, the whole export merges into an empty ledger as the ledger itself.
    let incoming =
        import("all.json", whole.to_json().as_bytes(), &doc).unwrap_or_else(|e| panic!("{e}"));
    let empty = ledger_for(&doc, who("王五", "区政府办公室"));
    let merged = import_all(&empty, &[incoming], NOW);
    assert_eq!(merged.annotation(2).map(|a| a.progress), Some(40));
    assert!(merged
        .annotation(9)
        .is_some_and(|a| a.notes.is_empty() && !a.history.is_empty()));
}
