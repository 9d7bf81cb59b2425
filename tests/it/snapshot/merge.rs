//! Import preview and merge: round trips, New/Updated/Conflicting, resolutions, provenance,
//! idempotence and order independence, and a 50-file merge.

use super::common as snapshot_common;

use luoshi::document::Document;
use luoshi::ledger::{Action, Ledger, ReportField, Status};
use luoshi::snapshot::{
    apply, export, preview, provenance, Coverage, Incoming, PreviewKind, Resolution, Resolutions,
};
use luoshi::store;
use proptest::prelude::*;
use snapshot_common::*;
use std::collections::BTreeMap;

const NOW: &str = "2023-07-05T08:00:00+08:00";

/// Export `ledger` and read it back as the named file, as the app would.
fn incoming(doc: &Document, ledger: &Ledger, file: &str, at: &str) -> Incoming {
    let json = export(doc, ledger, Coverage::All, at).to_json();
    import(file, json.as_bytes(), doc).unwrap_or_else(|e| panic!("{e}"))
}

fn contents(ledger: &Ledger) -> BTreeMap<u32, BTreeMap<String, serde_json::Value>> {
    ledger.tasks.iter().map(|(n, a)| (*n, a.fields())).collect()
}

#[test]
fn round_trip_into_an_empty_ledger_is_the_identity() {
    let doc = seed();
    let original = annotated_ledger(&doc);
    let file = incoming(&doc, &original, "mine.json", NOW);
    let empty = ledger_for(&doc, who("王五", "区政府办公室"));
    let preview = preview(&empty, std::slice::from_ref(&file));
    assert_eq!(preview.count(PreviewKind::New), 3);
    assert_eq!(preview.conflicts().count(), 0);
    let imported = apply(&empty, &preview, &Resolutions::new(), NOW);
    assert_eq!(
        imported.tasks, original.tasks,
        "annotations incl. history and updated_at"
    );
}

#[test]
fn importing_your_own_export_changes_nothing() {
    let doc = seed();
    let original = annotated_ledger(&doc);
    let file = incoming(&doc, &original, "mine.json", NOW);
    let preview = preview(&original, &[file]);
    assert!(preview.is_empty(), "{:?}", preview.tasks);
    assert_eq!(
        apply(&original, &preview, &Resolutions::new(), NOW),
        original
    );
}

#[test]
fn backup_before_import_round_trips_exactly() {
    let doc = seed();
    let before = annotated_ledger(&doc);
    let decoded = store::decode(&store::encode(&before)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decoded, before);
}

/// A shared starting point both units have (both imported it), then each edits.
fn diverged(doc: &Document) -> (Ledger, Ledger) {
    let base = annotated_ledger(doc);
    let mut mine = base.clone();
    mine.user = who("张三", "区科技局");
    let mut theirs = base;
    // The coordinator's office: not a responsible unit of tasks 1, 2, 5, so it writes the tasks'
    // compiled entries, as 区科技局 (first lead of 1 and 2) does.
    theirs.user = who("赵六", "区政府办公室");
    (mine, theirs)
}

#[test]
fn preview_classifies_new_updated_and_conflicting() {
    let doc = seed();
    let (mut mine, mut theirs) = diverged(&doc);
    // Both change task 1's progress (conflict); only they change task 1's owner and task 2's
    // notes (updates); only I change task 5's status (kept, not listed); they start task 7 (new).
    act(
        &mut mine,
        Action::SetProgress {
            task: 1,
            progress: 60,
        },
        "2023-07-02T09:00:00+08:00",
    );
    act(
        &mut theirs,
        Action::SetProgress {
            task: 1,
            progress: 55,
        },
        "2023-07-02T10:00:00+08:00",
    );
    act(
        &mut theirs,
        Action::SetOwner {
            task: 1,
            owner: "赵六".into(),
        },
        "2023-07-02T10:01:00+08:00",
    );
    act(
        &mut theirs,
        Action::SetNotes {
            task: 2,
            notes: "已对接".into(),
        },
        "2023-07-02T10:02:00+08:00",
    );
    // 区科技局 co-leads task 5: its clerk's edit goes to its own entry, as the app routes it.
    act(
        &mut mine,
        Action::AsUnit {
            unit: "区科技局".into(),
            edit: Box::new(Action::SetStatus {
                task: 5,
                status: Status::OnSchedule,
            }),
        },
        "2023-07-02T09:05:00+08:00",
    );
    act(
        &mut theirs,
        Action::SetStatus {
            task: 7,
            status: Status::Done,
        },
        "2023-07-02T10:03:00+08:00",
    );
    let file = incoming(&doc, &theirs, "工信局.json", "2023-07-03T08:00:00+08:00");
    let preview = preview(&mine, &[file]);

    let kinds: Vec<(u32, PreviewKind)> = preview.tasks.iter().map(|t| (t.task, t.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (1, PreviewKind::Conflicting),
            (2, PreviewKind::Updated),
            (7, PreviewKind::New)
        ]
    );
    let task1 = preview.task(1).unwrap_or_else(|| panic!("task 1"));
    // A short preview is shown field by field; the conflicting task would open even if folded.
    assert!(!preview.folds());
    assert!(task1.opens_folded());
    assert!(!preview.task(2).is_some_and(|t| t.opens_folded()));
    assert_eq!(task1.labels(), vec!["责任人", "进度"]);
    let progress = &task1.changes[0];
    assert_eq!(
        (progress.field.as_str(), progress.label.as_str()),
        ("owner", "责任人")
    );
    let progress_change = task1
        .changes
        .iter()
        .find(|c| c.field == "progress")
        .unwrap_or_else(|| panic!("progress change"));
    assert!(progress_change.conflict);
    assert_eq!(progress_change.label, "进度");
    // 这个 is the value that stands (their 55, the newer edit), 那个 my 60.
    assert_eq!(
        (
            progress_change.mine_text.as_str(),
            progress_change.theirs_text.as_str()
        ),
        ("55", "60")
    );
    assert_eq!(progress_change.mine_by, who("赵六", "区政府办公室"));
    assert_eq!(progress_change.reported_by, who("张三", "区科技局"));
    assert_eq!(
        preview.sources[progress_change.source].file_name,
        "工信局.json"
    );
    let owner = task1.changes.iter().find(|c| c.field == "owner");
    assert!(owner.is_some_and(|c| !c.conflict && c.theirs_text == "赵六" && c.mine_text == "李四"));
    assert_eq!(PreviewKind::Conflicting.label(), "冲突");

    // Undecided, the newer 55 stands and the conflict stays open for the task page.
    let undecided = apply(&mine, &preview, &Resolutions::new(), NOW);
    let open = undecided
        .annotation(1)
        .map(|a| luoshi::ledger::merge::open_conflicts(1, a));
    assert_eq!(open.map(|c| c.len()), Some(1));
    // Keep "this": progress 55 (the newer), the owner and notes come in, task 5 stays.
    let merged = apply(
        &mine,
        &preview,
        &Resolutions::all(&preview, Resolution::KeepThis),
        NOW,
    );
    let a1 = merged.annotation(1).unwrap_or_else(|| panic!("task 1"));
    assert_eq!((a1.progress, a1.owner.as_str()), (55, "赵六"));
    assert_eq!(
        merged.annotation(2).map(|a| a.notes.as_str()),
        Some("已对接")
    );
    assert_eq!(
        merged
            .annotation(5)
            .and_then(|a| a.unit_entry("区科技局"))
            .map(|e| e.status.clone()),
        Some(Status::OnSchedule)
    );
    assert_eq!(
        merged.annotation(7).map(|a| a.status.clone()),
        Some(Status::Done)
    );
    // The decision is recorded as my edit from the value not chosen, so it wins when I send my
    // ledger back; my 60 stays in history.
    let last = a1.history.last().unwrap_or_else(|| panic!("history"));
    assert_eq!(
        (
            last.field.as_str(),
            last.old.as_str(),
            last.new.as_str(),
            last.at.as_str()
        ),
        ("progress", "60", "55", NOW)
    );
    assert_eq!(last.who, who("张三", "区科技局"));
    assert!(luoshi::ledger::merge::open_conflicts(1, a1).is_empty());

    // Keeping "that" (my 60) instead.
    let mut resolutions = Resolutions::new();
    resolutions.set(1, "progress", Resolution::KeepThat);
    let taken = apply(&mine, &preview, &resolutions, NOW);
    assert_eq!(taken.annotation(1).map(|a| a.progress), Some(60));
    assert_eq!(
        Resolutions::all(&preview, Resolution::KeepThat),
        resolutions
    );

    // The resolved ledger, exported and imported on their side, settles the field without
    // reopening the conflict: my decision is newer than both edits.
    let back = incoming(&doc, &merged, "科技局.json", NOW);
    let their_preview = luoshi::snapshot::preview(&theirs, std::slice::from_ref(&back));
    assert_eq!(
        their_preview.conflicts().count(),
        0,
        "{:?}",
        their_preview.tasks
    );
    let theirs_after = apply(&theirs, &their_preview, &Resolutions::new(), NOW);
    assert_eq!(contents(&theirs_after), contents(&merged));
}

#[test]
fn applying_the_same_import_twice_is_idempotent() {
    let doc = seed();
    let (mut mine, mut theirs) = diverged(&doc);
    act(
        &mut mine,
        Action::SetProgress {
            task: 1,
            progress: 60,
        },
        "2023-07-02T09:00:00+08:00",
    );
    act(
        &mut theirs,
        Action::SetProgress {
            task: 1,
            progress: 55,
        },
        "2023-07-02T10:00:00+08:00",
    );
    act(
        &mut theirs,
        Action::SetNotes {
            task: 3,
            notes: "新".into(),
        },
        "2023-07-02T10:00:00+08:00",
    );
    let file = incoming(&doc, &theirs, "t.json", NOW);
    for resolution in [Resolution::KeepThis, Resolution::KeepThat] {
        let p = preview(&mine, std::slice::from_ref(&file));
        let once = apply(&mine, &p, &Resolutions::all(&p, resolution), NOW);
        let p2 = preview(&once, std::slice::from_ref(&file));
        assert!(p2.is_empty(), "{resolution:?}: {:?}", p2.tasks);
        let twice = apply(&once, &p2, &Resolutions::all(&p2, resolution), NOW);
        assert_eq!(twice, once, "{resolution:?}");
    }
}

#[test]
fn provenance_names_the_reporting_unit() {
    let doc = seed();
    let mut science = ledger_for(&doc, who("张三", "区科技局"));
    let mut industry = ledger_for(&doc, who("赵六", "区工业和信息化局"));
    act(
        &mut science,
        Action::SetProgress {
            task: 1,
            progress: 30,
        },
        "2023-07-01T09:00:00+08:00",
    );
    // 区工业和信息化局 co-leads task 1 (区科技局 first): it writes its own entry.
    let task1 = doc.task(1).unwrap_or_else(|| panic!("task 1"));
    act(
        &mut industry,
        as_reader(
            task1,
            "区工业和信息化局",
            Action::SetReport {
                task: 1,
                period: Q2,
                field: ReportField::Problems,
                text: "用地指标紧张".into(),
            },
        ),
        "2023-07-01T10:00:00+08:00",
    );
    let files = [
        incoming(&doc, &science, "科技局.json", NOW),
        incoming(&doc, &industry, "工信局.json", NOW),
    ];
    let office = ledger_for(&doc, who("王五", "区政府办公室"));
    let merged = import_all(&office, &files, NOW);
    let annotation = merged.annotation(1).unwrap_or_else(|| panic!("task 1"));
    let by_field: BTreeMap<String, String> = provenance(annotation)
        .into_iter()
        .map(|p| (p.label, p.who.unit))
        .collect();
    assert_eq!(by_field.get("进度").map(String::as_str), Some("区科技局"));
    assert_eq!(
        by_field
            .get("区工业和信息化局 2023年第二季度 存在问题")
            .map(String::as_str),
        Some("区工业和信息化局")
    );
}

#[test]
fn values_without_history_are_attributed_to_the_exporter() {
    let doc = seed();
    let mut snapshot = export(&doc, &annotated_ledger(&doc), Coverage::All, NOW);
    snapshot.exported_by = who("手工", "区统计局");
    for task in &mut snapshot.tasks {
        task.annotation.history.clear();
    }
    let file =
        import("手工.json", snapshot.to_json().as_bytes(), &doc).unwrap_or_else(|e| panic!("{e}"));
    let empty = ledger_for(&doc, who("王五", "区政府办公室"));
    let merged = import_all(&empty, std::slice::from_ref(&file), NOW);
    let original = annotated_ledger(&doc);
    assert_eq!(contents(&merged), contents(&original));
    let annotation = merged.annotation(1).unwrap_or_else(|| panic!("task 1"));
    assert!(provenance(annotation)
        .iter()
        .all(|p| p.who.unit == "区统计局" && p.at == NOW));
    // And importing it again is a no-op.
    assert!(preview(&merged, &[file]).is_empty());
}

#[test]
fn fifty_files_merge_correctly_in_any_order() {
    let doc = seed();
    let files: Vec<Incoming> = fifty_units(&doc)
        .iter()
        .enumerate()
        .map(|(i, l)| incoming(&doc, l, &format!("单位{i:02}.json"), NOW))
        .collect();
    let office = ledger_for(&doc, who("王五", "区政府办公室"));
    let p = preview(&office, &files);
    assert_eq!(p.count(PreviewKind::New), 52);
    // Units 10 and 11 set task 61's progress without seeing each other: a conflict, shown
    // although the files come together.
    let conflicts: Vec<(u32, String)> = p.conflicts().map(|(t, c)| (t, c.field.clone())).collect();
    assert_eq!(conflicts, vec![(61, "progress".to_string())]);
    let merged = apply(&office, &p, &Resolutions::new(), NOW);
    for i in 0..50u32 {
        let a = merged
            .annotation(i + 1)
            .unwrap_or_else(|| panic!("task {}", i + 1));
        assert_eq!(a.progress, i as u8 + 1);
        assert_eq!(a.status, Status::OnSchedule);
        assert_eq!(
            a.report(Q2).map(|r| r.progress_text.clone()),
            Some(format!("单位{i:02}本季度进展"))
        );
        assert!(provenance(a)
            .iter()
            .all(|p| p.who.unit == format!("单位{i:02}")));
    }
    let task60 = merged.annotation(60).unwrap_or_else(|| panic!("task 60"));
    assert_eq!(task60.reports.len(), 10);
    assert_eq!(task60.history.len(), 10);
    // Newest change wins between files: unit 11 set task 61 after unit 10.
    assert_eq!(merged.annotation(61).map(|a| a.progress), Some(55));

    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(import_all(&office, &reversed, NOW), merged);
    // One file at a time, in a shuffled order: the same contents. Units 10 and 11 edited task
    // 61's progress concurrently; one by one, the conflict shows when the second arrives, and a
    // person settles it by keeping the newer value (the one that stands: "this").
    let mut one_by_one = office.clone();
    let mut conflicts = Vec::new();
    for index in (0..50).map(|k| (k * 17) % 50) {
        let p = preview(&one_by_one, std::slice::from_ref(&files[index]));
        let mut resolutions = Resolutions::new();
        for (task, change) in p.conflicts() {
            conflicts.push((task, change.field.clone()));
            assert_eq!(change.mine_by.unit, "单位11", "the newer value stands");
            resolutions.set(task, &change.field, Resolution::KeepThis);
        }
        one_by_one = apply(&one_by_one, &p, &resolutions, NOW);
    }
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(conflicts
        .iter()
        .all(|(task, field)| *task == 61 && field == "progress"));
    assert!(
        contents(&one_by_one) == contents(&merged),
        "contents differ"
    );
}

/// A small random edit: (unit, task, which field, value).
fn edit_strategy() -> impl Strategy<Value = (usize, u32, u8, u8)> {
    (0..4usize, 1..9u32, 0..4u8, 1..100u8)
}

fn edit_action(task: u32, field: u8, value: u8) -> Action {
    match field {
        0 => Action::SetProgress {
            task,
            progress: i64::from(value),
        },
        1 => Action::SetNotes {
            task,
            notes: format!("备注{value}"),
        },
        2 => Action::SetOwner {
            task,
            owner: format!("责任人{value}"),
        },
        _ => Action::SetReport {
            task,
            period: Q2,
            field: ReportField::Problems,
            text: format!("问题{value}"),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Four units edit disjoint (task, field) cells; whatever the import order or grouping, the
    /// result is the same, and importing again changes nothing.
    #[test]
    fn disjoint_edits_merge_order_independently(edits in proptest::collection::vec(edit_strategy(), 1..24), rotate in 0..4usize) {
        let doc = seed();
        let mut owners: BTreeMap<(u32, u8), usize> = BTreeMap::new();
        let mut units: Vec<Ledger> = (0..4).map(|u| ledger_for(&doc, who(&format!("人{u}"), &format!("单位{u}")))).collect();
        for (step, (unit, task, field, value)) in edits.iter().enumerate() {
            // Keep edits disjoint: a cell belongs to the first unit that touches it.
            let owner = *owners.entry((*task, *field)).or_insert(*unit);
            let at = format!("2023-07-01T09:{:02}:{:02}+08:00", step / 60, step % 60);
            let _ = units[owner].apply(edit_action(*task, *field, *value), &at);
        }
        let files: Vec<Incoming> = units.iter().enumerate().map(|(i, l)| incoming(&doc, l, &format!("{i}.json"), NOW)).collect();
        let office = ledger_for(&doc, who("王五", "区政府办公室"));
        let together = import_all(&office, &files, NOW);
        prop_assert_eq!(preview(&office, &files).conflicts().count(), 0);
        let mut rotated = files.clone();
        rotated.rotate_left(rotate);
        prop_assert_eq!(&import_all(&office, &rotated, NOW), &together);
        let mut sequential = office.clone();
        for file in rotated.iter().rev() {
            sequential = import_all(&sequential, std::slice::from_ref(file), NOW);
        }
        prop_assert_eq!(&sequential, &together);
        prop_assert_eq!(&import_all(&together, &files, NOW), &together);
        // Every unit's last value for its cells is in the result.
        for unit in &units {
            for (task, annotation) in &unit.tasks {
                for (field, value) in annotation.fields() {
                    let merged = together.annotation(*task).and_then(|a| a.field(&field));
                    prop_assert_eq!(merged.as_ref(), Some(&value));
                }
            }
        }
    }
}
