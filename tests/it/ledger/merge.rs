//! Merging two copies of a ledger: three-way against a base, and two-way by history timestamps.

use luoshi::ledger::{
    merge, merge_latest, Action, Annotation, Applied, Ledger, ReportField, Status, TargetRef,
    UserTarget, Who,
};
use luoshi::period::{Cadence, Date, Period};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn tab(name: &str) -> Ledger {
    let mut ledger = Ledger::new("fp");
    ledger.user = Who {
        name: name.into(),
        unit: "区发展改革局".into(),
    };
    ledger
}

fn apply(ledger: &mut Ledger, action: Action, now: &str) {
    if let Err(error) = ledger.apply(action, now) {
        panic!("apply failed: {error}");
    }
}

fn as_user(ledger: &Ledger, name: &str) -> Ledger {
    let mut copy = ledger.clone();
    copy.user.name = name.into();
    copy
}

/// Task contents (fields only), the thing a person sees.
fn contents(ledger: &Ledger) -> BTreeMap<u32, BTreeMap<String, serde_json::Value>> {
    ledger.tasks.iter().map(|(n, a)| (*n, a.fields())).collect()
}

fn base() -> Ledger {
    let mut base = tab("张三");
    apply(
        &mut base,
        Action::SetStatus {
            task: 1,
            status: Status::OnSchedule,
        },
        "2023-07-01T08:00:00+08:00",
    );
    apply(
        &mut base,
        Action::SetNotes {
            task: 2,
            notes: "原备注".into(),
        },
        "2023-07-01T08:01:00+08:00",
    );
    base
}

#[test]
fn edits_to_different_tasks_and_fields_both_survive() {
    let base = base();
    let mut mine = as_user(&base, "甲");
    let mut theirs = as_user(&base, "乙");
    apply(
        &mut mine,
        Action::SetProgress {
            task: 1,
            progress: 40,
        },
        "2023-07-01T09:00:00+08:00",
    );
    apply(
        &mut mine,
        Action::SetOwner {
            task: 3,
            owner: "李四".into(),
        },
        "2023-07-01T09:01:00+08:00",
    );
    apply(
        &mut theirs,
        Action::SetNotes {
            task: 1,
            notes: "已开工".into(),
        },
        "2023-07-01T09:02:00+08:00",
    );
    apply(
        &mut theirs,
        Action::SetKey { task: 4, key: true },
        "2023-07-01T09:03:00+08:00",
    );
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    let task1 = merged.ledger.annotation(1).cloned().unwrap_or_default();
    assert_eq!(
        (task1.status, task1.progress, task1.notes.as_str()),
        (Status::OnSchedule, 40, "已开工")
    );
    assert_eq!(
        merged.ledger.annotation(3).map(|a| a.owner.clone()),
        Some("李四".into())
    );
    assert_eq!(merged.ledger.annotation(4).map(|a| a.key), Some(true));
    let who: Vec<&str> = task1.history.iter().map(|c| c.who.name.as_str()).collect();
    assert_eq!(
        who,
        ["张三", "甲", "乙"],
        "histories united in time order, base once"
    );
    assert_eq!(
        task1.updated_at.as_deref(),
        Some("2023-07-01T09:02:00+08:00")
    );
    assert_eq!(merged.ledger.user.name, "甲");
    assert_eq!(
        contents(&merge(&base, &theirs, &mine).ledger),
        contents(&merged.ledger)
    );
    assert_eq!(
        contents(&merge_latest(&mine, &theirs).ledger),
        contents(&merged.ledger)
    );
}

#[test]
fn the_same_field_changed_on_both_sides_is_a_conflict() {
    let base = base();
    let mut mine = as_user(&base, "甲");
    let mut theirs = as_user(&base, "乙");
    apply(
        &mut mine,
        Action::SetNotes {
            task: 2,
            notes: "甲的备注".into(),
        },
        "2023-07-01T09:00:00+08:00",
    );
    apply(
        &mut theirs,
        Action::SetNotes {
            task: 2,
            notes: "乙的备注".into(),
        },
        "2023-07-01T09:05:00+08:00",
    );
    apply(
        &mut theirs,
        Action::SetStatus {
            task: 1,
            status: Status::Behind,
        },
        "2023-07-01T09:06:00+08:00",
    );
    apply(
        &mut mine,
        Action::SetStatus {
            task: 1,
            status: Status::Behind,
        },
        "2023-07-01T09:07:00+08:00",
    );
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(
        merged.conflicts.len(),
        1,
        "the same new status on both sides agrees"
    );
    let conflict = &merged.conflicts[0];
    assert_eq!(
        (
            conflict.task,
            conflict.field.as_str(),
            conflict.label.as_str()
        ),
        (2, "notes", "备注")
    );
    assert_eq!(
        (conflict.mine_text.as_str(), conflict.theirs_text.as_str()),
        ("甲的备注", "乙的备注")
    );
    assert_eq!(
        merged.ledger.annotation(2).map(|a| a.notes.clone()),
        Some("甲的备注".into()),
        "mine kept"
    );
    // Taking theirs is one ordinary action, recorded in history.
    let mut resolved = merged.ledger.clone();
    let take = Action::SetField {
        task: 2,
        field: conflict.field.clone(),
        value: conflict.theirs.clone(),
    };
    apply(&mut resolved, take, "2023-07-01T09:10:00+08:00");
    assert_eq!(
        resolved.annotation(2).map(|a| a.notes.clone()),
        Some("乙的备注".into())
    );
    // Both edits are in history either way.
    let notes: Vec<String> = merged
        .ledger
        .annotation(2)
        .map(|a| a.history.iter().map(|c| c.new.clone()).collect())
        .unwrap_or_default();
    assert_eq!(notes, ["原备注", "甲的备注", "乙的备注"]);
}

#[test]
fn a_change_on_one_side_only_wins_even_back_to_default() {
    let base = base();
    let mine = as_user(&base, "甲");
    let mut theirs = as_user(&base, "乙");
    apply(
        &mut theirs,
        Action::SetNotes {
            task: 2,
            notes: String::new(),
        },
        "2023-07-01T09:00:00+08:00",
    );
    apply(
        &mut theirs,
        Action::SetStatus {
            task: 1,
            status: Status::NotStarted,
        },
        "2023-07-01T09:01:00+08:00",
    );
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(contents(&merged.ledger), contents(&theirs));
    assert_eq!(
        contents(&merge(&base, &theirs, &mine).ledger),
        contents(&theirs)
    );
}

#[test]
fn settings_merge_three_way_and_the_newest_export_is_kept() {
    let base = base();
    let mut mine = as_user(&base, "甲");
    let mut theirs = as_user(&base, "乙");
    apply(
        &mut theirs,
        Action::SetCadence {
            cadence: Cadence::Monthly,
        },
        "2023-07-01T09:00:00+08:00",
    );
    apply(
        &mut mine,
        Action::SetAsOf {
            as_of: Date::parse("2023-06-30"),
        },
        "2023-07-01T09:00:00+08:00",
    );
    apply(&mut mine, Action::MarkExported, "2023-07-01T09:00:00+08:00");
    apply(&mut theirs, Action::MarkExported, "2023-07-01T02:00:00Z");
    let merged = merge(&base, &mine, &theirs).ledger;
    assert_eq!(
        (merged.cadence, merged.as_of),
        (Cadence::Monthly, Date::parse("2023-06-30"))
    );
    assert_eq!(merged.last_export.as_deref(), Some("2023-07-01T02:00:00Z"));
    let latest = merge_latest(&mine, &theirs).ledger;
    assert_eq!(latest.last_export.as_deref(), Some("2023-07-01T02:00:00Z"));
    assert_eq!(
        latest.cadence,
        Cadence::Quarterly,
        "two-way keeps this tab's settings"
    );
}

#[test]
fn merge_latest_takes_the_newer_edit_per_field_whatever_the_offset() {
    let base = base();
    let mut mine = as_user(&base, "甲");
    let mut theirs = as_user(&base, "乙");
    // 09:30 in Beijing is 01:30Z; theirs at 01:45Z is newer though its clock text reads earlier.
    apply(
        &mut mine,
        Action::SetProgress {
            task: 1,
            progress: 50,
        },
        "2023-07-01T09:30:00+08:00",
    );
    apply(
        &mut theirs,
        Action::SetProgress {
            task: 1,
            progress: 60,
        },
        "2023-07-01T01:45:00Z",
    );
    apply(
        &mut mine,
        Action::SetNotes {
            task: 1,
            notes: "甲".into(),
        },
        "2023-07-01T09:50:00+08:00",
    );
    apply(
        &mut theirs,
        Action::SetNotes {
            task: 1,
            notes: "乙".into(),
        },
        "2023-07-01T01:40:00Z",
    );
    for (a, b) in [(&mine, &theirs), (&theirs, &mine)] {
        let merged = merge_latest(a, b);
        let task1 = merged.ledger.annotation(1).cloned().unwrap_or_default();
        assert_eq!((task1.progress, task1.notes.as_str()), (60, "甲"));
        assert_eq!(merged.conflicts.len(), 2, "both were concurrent edits");
        let times: Vec<&str> = task1.history.iter().map(|c| c.at.as_str()).collect();
        assert_eq!(
            times,
            [
                "2023-07-01T08:00:00+08:00",
                "2023-07-01T09:30:00+08:00",
                "2023-07-01T01:40:00Z",
                "2023-07-01T01:45:00Z",
                "2023-07-01T09:50:00+08:00"
            ]
        );
    }
}

#[test]
fn merge_latest_after_sync_reports_no_conflict() {
    let mut mine = base();
    apply(
        &mut mine,
        Action::SetProgress {
            task: 1,
            progress: 50,
        },
        "2023-07-01T09:30:00+08:00",
    );
    let mut theirs = merge_latest(&as_user(&base(), "乙"), &mine).ledger;
    apply(
        &mut theirs,
        Action::SetProgress {
            task: 1,
            progress: 70,
        },
        "2023-07-01T09:40:00+08:00",
    );
    let merged = merge_latest(&mine, &theirs);
    assert!(merged.conflicts.is_empty(), "theirs had seen mine's edit");
    assert_eq!(merged.ledger.annotation(1).map(|a| a.progress), Some(70));
}

#[test]
fn merge_with_itself_changes_nothing() {
    let mut ledger = base();
    let target = UserTarget {
        text: "新增指标".into(),
        value: 5.0,
        ..UserTarget::default()
    };
    apply(
        &mut ledger,
        Action::AddTarget { task: 1, target },
        "2023-07-01T09:00:00+08:00",
    );
    let merged = merge_latest(&ledger, &ledger);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.ledger, ledger);
    assert_eq!(merge(&ledger, &ledger, &ledger).ledger, ledger);
}

/// A small edit vocabulary covering every kind of field, including undo.
fn action(task: u32, kind: u8, n: u8) -> Action {
    let q2 = Period::Quarter {
        year: 2023,
        quarter: 2,
    };
    match kind % 9 {
        0 => Action::SetStatus {
            task,
            status: Status::choices()[usize::from(n % 5)].clone(),
        },
        1 => Action::SetProgress {
            task,
            progress: i64::from(n % 101),
        },
        2 => Action::SetReport {
            task,
            period: q2,
            field: ReportField::ALL[usize::from(n % 3)],
            text: if n % 4 == 0 {
                String::new()
            } else {
                format!("进展{}", n % 3)
            },
        },
        3 => Action::SetActual {
            task,
            target: TargetRef::Parsed(usize::from(n % 2)),
            value: (n % 5 != 0).then(|| f64::from(n) / 2.0),
        },
        4 => Action::SetNotes {
            task,
            notes: format!("备注{}", n % 3),
        },
        5 => Action::SetKey {
            task,
            key: n % 2 == 0,
        },
        6 if n % 2 == 0 => Action::HideTarget {
            task,
            target: TargetRef::Parsed(usize::from(n % 3)),
        },
        6 => Action::UnhideTarget {
            task,
            target: TargetRef::Parsed(usize::from(n % 3)),
        },
        7 => Action::SetDue {
            task,
            due: Date::new(2023, 1 + n % 12, 1 + n % 28),
        },
        _ => Action::Undo,
    }
}

/// Distinct instants for the two tabs: mine on even seconds (Beijing time), theirs on odd (UTC).
fn timestamp(side: u8, step: usize) -> String {
    let second = 2 * step + usize::from(side);
    let (minute, second) = (second / 60, second % 60);
    match side {
        0 => format!("2023-07-01T10:{minute:02}:{second:02}+08:00"),
        _ => format!("2023-07-01T02:{minute:02}:{second:02}Z"),
    }
}

fn run(mut ledger: Ledger, side: u8, edits: &[(u32, u8, u8)]) -> Ledger {
    for (step, (task, kind, n)) in edits.iter().enumerate() {
        // The vocabulary only makes valid edits (undo with nothing to undo is a no-op), so none may fail.
        if let Err(error) = ledger.apply(action(*task, *kind, *n), &timestamp(side, step)) {
            panic!("edit {kind} refused: {error}");
        }
    }
    ledger
}

fn edits(tasks: std::ops::RangeInclusive<u32>) -> impl Strategy<Value = Vec<(u32, u8, u8)>> {
    prop::collection::vec((tasks, 0u8..9, any::<u8>()), 0..12)
}

fn base_from(edits: &[(u32, u8, u8)]) -> Ledger {
    let mut ledger = tab("基");
    for (step, (task, kind, n)) in edits.iter().enumerate() {
        let now = format!("2023-06-01T{:02}:00:00+08:00", step % 24);
        if let Err(error) = ledger.apply(action(*task, *kind, *n), &now) {
            panic!("base edit refused: {error}");
        }
    }
    ledger.undo.clear();
    ledger.redo.clear();
    ledger
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn disjoint_edits_merge_without_conflict_in_any_order(
        base_edits in edits(1..=4),
        mine_edits in edits(1..=2),
        theirs_edits in edits(3..=4),
    ) {
        let base = base_from(&base_edits);
        let mine = run(as_user(&base, "甲"), 0, &mine_edits);
        let theirs = run(as_user(&base, "乙"), 1, &theirs_edits);
        let merged = merge(&base, &mine, &theirs);
        prop_assert!(merged.conflicts.is_empty());
        let swapped = merge(&base, &theirs, &mine);
        prop_assert_eq!(&merged.ledger.tasks, &swapped.ledger.tasks);
        // Each side's tasks come through exactly as that side left them.
        for task in 1..=4u32 {
            let source = if task <= 2 { &mine } else { &theirs };
            let expected = source.annotation(task).map(Annotation::fields).unwrap_or_default();
            let got = merged.ledger.annotation(task).map(Annotation::fields).unwrap_or_default();
            prop_assert_eq!(got, expected, "task {}", task);
        }
        // The two-way merge agrees when the edits are disjoint.
        let latest = merge_latest(&mine, &theirs);
        prop_assert_eq!(contents(&latest.ledger), contents(&merged.ledger));
        prop_assert!(latest.conflicts.is_empty());
        // Merging again changes nothing.
        prop_assert_eq!(&merge(&base, &merged.ledger, &theirs).ledger.tasks, &merged.ledger.tasks);
    }

    #[test]
    fn merge_latest_is_symmetric_and_idempotent(
        base_edits in edits(1..=3),
        mine_edits in edits(1..=3),
        theirs_edits in edits(1..=3),
    ) {
        let base = base_from(&base_edits);
        let mine = run(as_user(&base, "甲"), 0, &mine_edits);
        let theirs = run(as_user(&base, "乙"), 1, &theirs_edits);
        let ab = merge_latest(&mine, &theirs);
        let ba = merge_latest(&theirs, &mine);
        prop_assert_eq!(&ab.ledger.tasks, &ba.ledger.tasks);
        prop_assert_eq!(ab.conflicts.len(), ba.conflicts.len());
        prop_assert_eq!(&merge_latest(&ab.ledger, &theirs).ledger.tasks, &ab.ledger.tasks);
        prop_assert_eq!(&merge_latest(&ab.ledger, &ab.ledger).ledger.tasks, &ab.ledger.tasks);
        // Nothing is ever lost from history, and it stays in time order without duplicates.
        for (task, annotation) in &ab.ledger.tasks {
            for side in [&mine, &theirs] {
                for change in side.annotation(*task).map(|a| a.history.clone()).unwrap_or_default() {
                    prop_assert!(annotation.history.contains(&change));
                }
            }
            let instants: Vec<i64> = annotation.history.iter().filter_map(|c| luoshi::period::instant_millis(&c.at)).collect();
            prop_assert!(instants.windows(2).all(|w| w[0] <= w[1]));
            let mut unique = annotation.history.clone();
            unique.dedup();
            prop_assert_eq!(unique.len(), annotation.history.len());
        }
        // Every field's value is the one set by its newest change on either side.
        for (task, annotation) in &ab.ledger.tasks {
            let fields = annotation.fields();
            for (path, value) in &fields {
                let newest = annotation.history.iter().rev().find(|c| &c.field == path);
                if let Some(change) = newest {
                    prop_assert_eq!(&change.new, &luoshi::ledger::display_value(path, Some(value)), "task {} {}", task, path);
                }
            }
        }
    }

    #[test]
    fn three_way_with_an_untouched_side_is_the_other_side(
        base_edits in edits(1..=3),
        mine_edits in edits(1..=3),
    ) {
        let base = base_from(&base_edits);
        let mine = run(as_user(&base, "甲"), 0, &mine_edits);
        let merged = merge(&base, &mine, &base);
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(contents(&merged.ledger), contents(&mine));
        prop_assert_eq!(contents(&merge(&base, &base, &mine).ledger), contents(&mine));
    }

    #[test]
    fn every_change_is_recorded_once_and_undo_walks_back_to_empty(
        all_edits in prop::collection::vec((1u32..=3, 0u8..9, any::<u8>()), 0..40),
    ) {
        let mut ledger = tab("甲");
        let mut changes = 0;
        for (step, (task, kind, n)) in all_edits.iter().enumerate() {
            let before = ledger.clone();
            let applied = ledger.apply(action(*task, *kind, *n), &timestamp(0, step));
            prop_assert!(applied.is_ok());
            if applied == Ok(Applied::NoChange) {
                prop_assert_eq!(&ledger.tasks, &before.tasks, "NoChange changes nothing");
            } else {
                changes += 1;
            }
        }
        let recorded: usize = ledger.tasks.values().map(|a| a.history.len()).sum();
        prop_assert_eq!(recorded, changes);
        // The stored form keeps everything, undo stack included.
        prop_assert_eq!(&luoshi::store::decode(&luoshi::store::encode(&ledger)).ok(), &Some(ledger.clone()));
        // Fewer than UNDO_LIMIT edits here, so undoing everything returns every field to default.
        let mut step = all_edits.len();
        while ledger.apply(Action::Undo, &timestamp(0, step)) != Ok(Applied::NoChange) {
            step += 1;
        }
        prop_assert!(ledger.tasks.values().all(|a| a.fields().is_empty()));
    }
}

/// `ledger` under the seed document's fingerprint, exported and read back as an imported file.
fn as_file(
    doc: &luoshi::Document,
    ledger: &Ledger,
    name: &str,
) -> Result<luoshi::snapshot::Incoming, String> {
    let snap = luoshi::snapshot::export(
        doc,
        ledger,
        luoshi::snapshot::Coverage::All,
        "2023-07-02T00:00:00+08:00",
    );
    luoshi::snapshot::import(name, snap.to_json().as_bytes(), doc).map_err(|e| e.message())
}

fn on_seed(doc: &luoshi::Document, ledger: Ledger) -> Ledger {
    Ledger {
        fingerprint: doc.fingerprint.clone(),
        ..ledger
    }
}

// Laws of the one merge engine as snapshot import composes it (`luoshi::snapshot::{preview, apply}`).
proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn importing_your_own_export_changes_nothing(edits in edits(1..=3)) {
        let doc = luoshi::seed_document();
        let mine = on_seed(&doc, run(tab("甲"), 0, &edits));
        let file = as_file(&doc, &mine, "mine.json");
        prop_assert!(file.is_ok(), "{:?}", file);
        let Ok(file) = file else { return Ok(()) };
        let preview = luoshi::snapshot::preview(&mine, &[file]);
        prop_assert!(preview.is_empty());
        let applied = luoshi::snapshot::apply(&mine, &preview, &Default::default(), "2023-07-03T00:00:00+08:00");
        prop_assert_eq!(&applied.tasks, &mine.tasks);
    }

    #[test]
    fn the_order_of_imported_files_does_not_matter(
        base_edits in edits(1..=3),
        a_edits in edits(1..=3),
        b_edits in edits(1..=3),
    ) {
        let doc = luoshi::seed_document();
        let base = on_seed(&doc, base_from(&base_edits));
        let a = run(as_user(&base, "甲"), 0, &a_edits);
        let b = run(as_user(&base, "乙"), 1, &b_edits);
        let (Ok(fa), Ok(fb)) = (as_file(&doc, &a, "a.json"), as_file(&doc, &b, "b.json")) else {
            return Err(TestCaseError::fail("own exports import"));
        };
        let ab = luoshi::snapshot::preview(&base, &[fa.clone(), fb.clone()]);
        let ba = luoshi::snapshot::preview(&base, &[fb, fa]);
        prop_assert_eq!(&ab.incoming, &ba.incoming);
        prop_assert_eq!(ab.tasks.len(), ba.tasks.len());
    }

    #[test]
    fn an_untouched_ledger_takes_an_import_of_its_descendant_whole(
        base_edits in edits(1..=3),
        theirs_edits in edits(1..=3),
    ) {
        let doc = luoshi::seed_document();
        let base = on_seed(&doc, base_from(&base_edits));
        let theirs = run(as_user(&base, "乙"), 1, &theirs_edits);
        let Ok(file) = as_file(&doc, &theirs, "theirs.json") else {
            return Err(TestCaseError::fail("own export imports"));
        };
        let preview = luoshi::snapshot::preview(&base, &[file]);
        prop_assert_eq!(preview.conflicts().count(), 0);
        let applied = luoshi::snapshot::apply(&base, &preview, &Default::default(), "2023-07-03T00:00:00+08:00");
        prop_assert_eq!(contents(&applied), contents(&theirs));
        // The same result as the two-tab merge of the two copies.
        prop_assert_eq!(contents(&merge_latest(&base, &theirs).ledger), contents(&theirs));
    }
}
