//! Many units, one task (issue 14): each unit's own entry, the order-free join (a state-based
//! CRDT), conflicts only within one unit's field, the three ways to settle one, and migration.

use luoshi::document::Document;
use luoshi::ledger::merge::{heads, join, open_conflicts};
use luoshi::ledger::units::{migrate, split_unit_path, unit_path, Entry};
use luoshi::ledger::{Action, Annotation, Change, Ledger, ReportField, Status, Who};
use luoshi::period::Period;
use luoshi::snapshot::{self, Coverage, Incoming, Resolution, Resolutions};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const Q4: Period = Period::Quarter {
    year: 2023,
    quarter: 4,
};
const NOW: &str = "2023-12-20T09:00:00+08:00";

fn who(name: &str, unit: &str) -> Who {
    Who {
        name: name.into(),
        unit: unit.into(),
    }
}

fn doc() -> Document {
    luoshi::seed_document()
}

fn ledger(doc: &Document, who: Who) -> Ledger {
    let mut ledger = Ledger::new(doc.fingerprint.clone());
    ledger.user = who;
    ledger
}

fn act(ledger: &mut Ledger, action: Action, at: &str) {
    if let Err(error) = ledger.apply(action, at) {
        panic!("scripted action failed: {error}");
    }
}

/// The edit a reader of `unit` makes on `task`: to their own entry or the compiled one.
fn as_reader(doc: &Document, unit: &str, edit: Action) -> Action {
    let number = match &edit {
        Action::SetReport { task, .. }
        | Action::SetStatus { task, .. }
        | Action::SetProgress { task, .. } => *task,
        _ => panic!("not a per-unit edit"),
    };
    let task = doc
        .tasks
        .iter()
        .find(|t| t.number == number)
        .unwrap_or_else(|| panic!("task {number}"));
    match Entry::for_reader(task, Some(unit)) {
        Entry::Compiled => edit,
        Entry::Unit(unit) => Action::AsUnit {
            unit,
            edit: Box::new(edit),
        },
    }
}

fn report(task: u32, text: &str) -> Action {
    Action::SetReport {
        task,
        period: Q4,
        field: ReportField::ProgressText,
        text: text.into(),
    }
}

fn file(doc: &Document, ledger: &Ledger, name: &str) -> Incoming {
    let json = snapshot::export(doc, ledger, Coverage::All, NOW).to_json();
    snapshot::import(name, json.as_bytes(), doc).unwrap_or_else(|e| panic!("{e}"))
}

fn import(current: &Ledger, files: &[Incoming], resolutions: Option<Resolution>) -> Ledger {
    let preview = snapshot::preview(current, files);
    let chosen = resolutions.map_or_else(Resolutions::new, |r| Resolutions::all(&preview, r));
    snapshot::apply(current, &preview, &chosen, NOW)
}

fn contents(ledger: &Ledger) -> BTreeMap<u32, BTreeMap<String, serde_json::Value>> {
    ledger.tasks.iter().map(|(n, a)| (*n, a.fields())).collect()
}

#[test]
fn the_first_lead_compiles_and_every_other_responsible_unit_has_its_own_entry() {
    let doc = doc();
    let task = |n: u32| {
        doc.tasks
            .iter()
            .find(|t| t.number == n)
            .unwrap_or_else(|| panic!("task {n}"))
    };
    // Task 5: 区委组织部 (first lead), 区科技局, 区人力资源社会保障局.
    assert_eq!(
        Entry::for_reader(task(5), Some("区委组织部")),
        Entry::Compiled
    );
    assert_eq!(
        Entry::for_reader(task(5), Some("区科技局")),
        Entry::Unit("区科技局".into())
    );
    // Task 11: a 参与单位 writes its own entry too.
    assert_eq!(
        Entry::for_reader(task(11), Some("区地方金融监管局")),
        Entry::Unit("区地方金融监管局".into())
    );
    // The coordinator (not responsible) and a reader without a unit annotate the task itself.
    assert_eq!(
        Entry::for_reader(task(5), Some("区发展改革局")),
        Entry::Compiled
    );
    assert_eq!(Entry::for_reader(task(5), None), Entry::Compiled);
    assert_eq!(Entry::for_reader(task(5), Some("  ")), Entry::Compiled);
}

#[test]
fn a_unit_edit_goes_to_its_own_entry_with_its_own_history_and_label() {
    let doc = doc();
    let mut science = ledger(&doc, who("张三", "区科技局"));
    act(
        &mut science,
        as_reader(&doc, "区科技局", report(5, "已完成人才认定")),
        NOW,
    );
    act(
        &mut science,
        as_reader(
            &doc,
            "区科技局",
            Action::SetProgress {
                task: 5,
                progress: 40,
            },
        ),
        NOW,
    );
    let annotation = science.annotation_or_empty(5);
    assert_eq!(
        annotation.reports.len(),
        0,
        "the compiled entry is untouched"
    );
    let entry = annotation
        .unit_entry("区科技局")
        .unwrap_or_else(|| panic!("entry"));
    assert_eq!(
        entry
            .reports
            .get("2023Q4")
            .map(|r| r.progress_text.as_str()),
        Some("已完成人才认定")
    );
    assert_eq!(entry.progress, 40);
    let path = unit_path("区科技局", "report.2023Q4.progress_text");
    assert_eq!(annotation.history[0].field, path);
    assert_eq!(
        luoshi::ledger::text::field_label(&path),
        "区科技局 2023年第四季度 工作进展"
    );
    // The task's standing is derived from the entries while the compiled entry has none.
    let standing = annotation.standing();
    assert_eq!(
        (standing.progress, standing.derived_from.as_deref()),
        (40, Some("区科技局"))
    );
    // Undo walks the unit's edit back like any other.
    act(&mut science, Action::Undo, NOW);
    let entry = science
        .annotation_or_empty(5)
        .unit_entry("区科技局")
        .cloned();
    assert_eq!(entry.map(|e| (e.progress, e.reports.len())), Some((0, 1)));
    assert_eq!(science.annotation_or_empty(5).standing().progress, 0);
    // Only the fields a unit reports can be written per unit; a unit name with a dot survives.
    let refused = science.apply(
        Action::AsUnit {
            unit: "区科技局".into(),
            edit: Box::new(Action::SetNotes {
                task: 5,
                notes: "x".into(),
            }),
        },
        NOW,
    );
    assert!(refused.is_err());
    let dotted = unit_path("A.B%局", "progress");
    assert_eq!(
        split_unit_path(&dotted),
        Some(("A.B%局".to_string(), "progress"))
    );
}

#[test]
fn the_standing_rule_is_the_least_advanced_entry_unless_compiled() {
    let mut annotation = Annotation::default();
    let set = |a: &mut Annotation, path: &str, value: serde_json::Value| {
        a.set_field(path, Some(value))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    set(&mut annotation, &unit_path("甲", "progress"), 80.into());
    set(&mut annotation, &unit_path("乙", "progress"), 30.into());
    set(
        &mut annotation,
        &unit_path("乙", "status"),
        serde_json::to_value(Status::Behind).unwrap_or_default(),
    );
    let standing = annotation.standing();
    assert_eq!(
        (standing.status, standing.progress, standing.derived_from),
        (Status::Behind, 30, Some("乙".to_string()))
    );
    set(&mut annotation, "progress", 50.into());
    let standing = annotation.standing();
    assert_eq!((standing.progress, standing.derived_from), (50, None));
}

/// The issue's own journey: 区科技局 and 区人力资源社会保障局 (co-leads of task 5) both write 工作进展.
#[test]
fn two_units_texts_never_conflict_and_both_survive_in_any_order() {
    let doc = doc();
    let mut science = ledger(&doc, who("张三", "区科技局"));
    act(
        &mut science,
        as_reader(&doc, "区科技局", report(5, "科技局：认定高层次人才 12 名")),
        "2023-12-10T09:00:00+08:00",
    );
    let mut labour = ledger(&doc, who("李四", "区人力资源社会保障局"));
    act(
        &mut labour,
        as_reader(
            &doc,
            "区人力资源社会保障局",
            report(5, "人社局：发放补贴 300 万元"),
        ),
        "2023-12-11T09:00:00+08:00",
    );
    let files = [
        file(&doc, &science, "科技局.json"),
        file(&doc, &labour, "人社局.json"),
    ];
    let office = ledger(&doc, who("王五", "区发展改革局"));

    let together = import(&office, &files, None);
    let reversed = import(&office, &[files[1].clone(), files[0].clone()], None);
    let one_by_one = import(&import(&office, &files[..1], None), &files[1..], None);
    let other_way = import(&import(&office, &files[1..], None), &files[..1], None);
    assert_eq!(snapshot::preview(&office, &files).conflicts().count(), 0);
    for merged in [&reversed, &one_by_one, &other_way] {
        assert_eq!(contents(merged), contents(&together));
    }
    let a = together.annotation_or_empty(5);
    let text = |unit: &str| {
        a.unit_entry(unit)
            .and_then(|e| e.reports.get("2023Q4"))
            .map(|r| r.progress_text.clone())
    };
    assert_eq!(
        text("区科技局").as_deref(),
        Some("科技局：认定高层次人才 12 名")
    );
    assert_eq!(
        text("区人力资源社会保障局").as_deref(),
        Some("人社局：发放补贴 300 万元")
    );
}

/// Two clerks of one unit write the same field without seeing each other: a conflict, whether the
/// files come together or one by one, in either order; each way of settling it works.
#[test]
fn the_same_units_field_twice_is_a_conflict_shown_every_way_and_settled_each_way() {
    let doc = doc();
    let mut first = ledger(&doc, who("张三", "区科技局"));
    act(
        &mut first,
        as_reader(&doc, "区科技局", report(5, "甲稿")),
        "2023-12-10T09:00:00+08:00",
    );
    let mut second = ledger(&doc, who("赵六", "区科技局"));
    act(
        &mut second,
        as_reader(&doc, "区科技局", report(5, "乙稿")),
        "2023-12-11T09:00:00+08:00",
    );
    let files = [
        file(&doc, &first, "甲.json"),
        file(&doc, &second, "乙.json"),
    ];
    let office = ledger(&doc, who("王五", "区发展改革局"));
    let path = unit_path("区科技局", "report.2023Q4.progress_text");

    let shown = |p: &luoshi::snapshot::Preview| -> Vec<(u32, String, String, String)> {
        p.conflicts()
            .map(|(t, c)| {
                (
                    t,
                    c.field.clone(),
                    c.mine_text.clone(),
                    c.theirs_text.clone(),
                )
            })
            .collect()
    };
    let expected = vec![(5, path.clone(), "乙稿".to_string(), "甲稿".to_string())];
    assert_eq!(shown(&snapshot::preview(&office, &files)), expected);
    assert_eq!(
        shown(&snapshot::preview(
            &office,
            &[files[1].clone(), files[0].clone()]
        )),
        expected
    );
    let after_first = import(&office, &files[..1], None);
    assert_eq!(
        shown(&snapshot::preview(&after_first, &files[1..])),
        expected
    );
    let after_second = import(&office, &files[1..], None);
    assert_eq!(
        shown(&snapshot::preview(&after_second, &files[..1])),
        expected
    );

    let value = |l: &Ledger| {
        l.annotation_or_empty(5)
            .field(&path)
            .and_then(|v| v.as_str().map(String::from))
    };
    let this = import(&office, &files, Some(Resolution::KeepThis));
    assert_eq!(value(&this).as_deref(), Some("乙稿"));
    let that = import(&office, &files, Some(Resolution::KeepThat));
    assert_eq!(value(&that).as_deref(), Some("甲稿"));
    let both = import(&office, &files, Some(Resolution::KeepBoth));
    let joined = value(&both).unwrap_or_default();
    assert!(
        joined.contains("【区科技局 赵六，2023-12-11】乙稿"),
        "{joined}"
    );
    assert!(
        joined.contains("【区科技局 张三，2023-12-10】甲稿"),
        "{joined}"
    );
    for settled in [&this, &that, &both] {
        let a = settled.annotation_or_empty(5);
        assert!(open_conflicts(5, a).is_empty());
        // The value not chosen is still in history, restorable.
        let texts: BTreeSet<&str> = a.history.iter().map(|c| c.new.as_str()).collect();
        assert!(texts.contains("甲稿") && texts.contains("乙稿"));
        // Settled here, the decision wins where this ledger goes next: no conflict reopens.
        let back = file(&doc, settled, "回传.json");
        assert_eq!(snapshot::preview(&first, &[back]).conflicts().count(), 0);
    }
}

#[test]
fn migration_moves_a_co_leads_compiled_text_to_its_entry_once_and_anywhere() {
    let doc = doc();
    // Written before per-unit entries: 区科技局 (second lead of task 5) typed into the task itself,
    // on top of the first lead's text; the coordinator wrote task 9's.
    let mut old = ledger(&doc, who("钱七", "区委组织部"));
    act(
        &mut old,
        report(5, "组织部汇总稿"),
        "2023-12-01T09:00:00+08:00",
    );
    old.user = who("张三", "区科技局");
    act(
        &mut old,
        report(5, "科技局写在任务上的稿"),
        "2023-12-02T09:00:00+08:00",
    );
    old.user = who("王五", "区发展改革局");
    act(
        &mut old,
        report(9, "协调办代填"),
        "2023-12-03T09:00:00+08:00",
    );

    let mut migrated = old.clone();
    let moved = migrate(&doc, &mut migrated);
    assert_eq!(moved.len(), 1);
    assert_eq!((moved[0].task, moved[0].unit.as_str()), (5, "区科技局"));
    let a = migrated.annotation_or_empty(5);
    assert_eq!(
        a.report(Q4).map(|r| r.progress_text.as_str()),
        Some("组织部汇总稿"),
        "the first lead's words are back in the compiled entry"
    );
    assert_eq!(
        a.unit_entry("区科技局")
            .and_then(|e| e.reports.get("2023Q4"))
            .map(|r| r.progress_text.as_str()),
        Some("科技局写在任务上的稿")
    );
    assert_eq!(
        migrated
            .annotation_or_empty(9)
            .report(Q4)
            .map(|r| r.progress_text.as_str()),
        Some("协调办代填")
    );
    // Idempotent, and nothing in history is lost (entries are relabelled, not dropped).
    let mut again = migrated.clone();
    assert!(migrate(&doc, &mut again).is_empty());
    assert_eq!(again, migrated);
    assert_eq!(a.history.len(), old.annotation_or_empty(5).history.len());
    // Two copies migrated apart join to the same as one migrated copy.
    let (joined, _) = join(&[a, migrated.annotation_or_empty(5)]);
    assert_eq!(joined.fields(), a.fields());
}

// ---- Property tests: random unit files -------------------------------------------------------

/// The units writing on task 5 (its three leads) and task 11 (two leads and a 参与单位), each with
/// two possible clerks, so the same unit's field can be written twice without either seeing it.
const WRITERS: [(&str, &str); 6] = [
    ("区科技局", "张三"),
    ("区科技局", "赵六"),
    ("区人力资源社会保障局", "李四"),
    ("区委组织部", "钱七"),
    ("区地方金融监管局", "孙八"),
    ("区海洋发展局", "周九"),
];

/// One random unit file: a writer and its edits (task, field, value, minute).
fn unit_file_strategy() -> impl Strategy<Value = (usize, Vec<(bool, u8, u8, u32)>)> {
    (
        0..WRITERS.len(),
        proptest::collection::vec((any::<bool>(), 0..3u8, 0..4u8, 0..600u32), 1..6),
    )
}

fn build_file(doc: &Document, (writer, edits): &(usize, Vec<(bool, u8, u8, u32)>)) -> Ledger {
    let (unit, name) = WRITERS[*writer];
    let mut ledger = ledger(doc, who(name, unit));
    let mut edits = edits.clone();
    edits.sort_by_key(|e| e.3);
    for (task5, field, value, minute) in edits {
        let task = if task5 { 5 } else { 11 };
        let edit = match field {
            0 => report(task, &format!("{unit}{name}稿{value}")),
            1 => Action::SetProgress {
                task,
                progress: i64::from(value) * 25,
            },
            _ => Action::SetReport {
                task,
                period: Q4,
                field: ReportField::Problems,
                text: format!("问题{value}"),
            },
        };
        let at = format!(
            "2023-12-{:02}T{:02}:{:02}:00+08:00",
            1 + minute / 60 % 28,
            8 + minute % 10,
            minute % 60
        );
        let _ = ledger.apply(as_reader(doc, unit, edit), &at);
    }
    ledger
}

/// What must not depend on order: every task's fields, its history as a set, its open conflicts.
type Picture = BTreeMap<
    u32,
    (
        BTreeMap<String, serde_json::Value>,
        BTreeSet<Change>,
        Vec<String>,
    ),
>;

fn picture(annotations: &BTreeMap<u32, Annotation>) -> Picture {
    annotations
        .iter()
        .map(|(n, a)| {
            let conflicts = open_conflicts(*n, a).into_iter().map(|c| c.field).collect();
            (
                *n,
                (a.fields(), a.history.iter().cloned().collect(), conflicts),
            )
        })
        .collect()
}

fn join_ledgers(ledgers: &[&Ledger]) -> BTreeMap<u32, Annotation> {
    let numbers: BTreeSet<u32> = ledgers
        .iter()
        .flat_map(|l| l.tasks.keys().copied())
        .collect();
    numbers
        .into_iter()
        .map(|n| {
            let sides: Vec<&Annotation> = ledgers.iter().filter_map(|l| l.tasks.get(&n)).collect();
            (n, join(&sides).0)
        })
        .collect()
}

fn as_ledger(doc: &Document, tasks: BTreeMap<u32, Annotation>) -> Ledger {
    let mut ledger = Ledger::new(doc.fingerprint.clone());
    ledger.tasks = tasks;
    ledger
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The join is commutative, associative and idempotent over random unit files, and every
    /// text any file held is in the result's fields or history.
    #[test]
    fn the_join_is_a_crdt(files in proptest::collection::vec(unit_file_strategy(), 2..6), rotate in 0..6usize, split in 1..5usize) {
        let doc = doc();
        let ledgers: Vec<Ledger> = files.iter().map(|f| build_file(&doc, f)).collect();
        let refs: Vec<&Ledger> = ledgers.iter().collect();
        let all = picture(&join_ledgers(&refs));

        // Commutative: any rotation and the reverse.
        let mut rotated = refs.clone();
        rotated.rotate_left(rotate % refs.len());
        prop_assert_eq!(&picture(&join_ledgers(&rotated)), &all);
        rotated.reverse();
        prop_assert_eq!(&picture(&join_ledgers(&rotated)), &all);
        // Associative: join two groups, then join the results.
        let split = split.min(refs.len() - 1);
        let left = as_ledger(&doc, join_ledgers(&refs[..split]));
        let right = as_ledger(&doc, join_ledgers(&refs[split..]));
        prop_assert_eq!(&picture(&join_ledgers(&[&right, &left])), &all);
        // Idempotent: joining the result with any of its inputs changes nothing.
        let whole = as_ledger(&doc, join_ledgers(&refs));
        prop_assert_eq!(&picture(&join_ledgers(&[&whole, refs[0]])), &all);
        prop_assert_eq!(&picture(&join_ledgers(&[&whole, &whole])), &all);

        // No text lost: every value and history entry of every file is in the result.
        for ledger in &ledgers {
            for (n, a) in &ledger.tasks {
                let (fields, history, _) = &all[n];
                for change in &a.history {
                    prop_assert!(history.contains(change));
                }
                for (path, value) in a.fields() {
                    let text = luoshi::ledger::display_value(&path, Some(&value));
                    prop_assert!(fields.get(&path) == Some(&value) || history.iter().any(|c| c.field == path && c.new == text));
                }
            }
        }
        // Different units' entries never conflict: every change to a unit's entry, so every
        // head of an open conflict there, was made by that unit.
        for (n, (_, history, conflicts)) in &all {
            for field in conflicts {
                if let Some((unit, _)) = split_unit_path(field) {
                    prop_assert!(history.iter().filter(|c| &c.field == field).all(|c| c.who.unit == unit), "{} {}", n, field);
                }
            }
        }
    }

    /// Through the import preview: the files together in any order, or one by one, without anyone
    /// choosing, give the same ledger and leave the same conflicts open; settling them all by
    /// keeping the value that stands then gives the same as settling them at a together import.
    #[test]
    fn imports_do_not_depend_on_order(files in proptest::collection::vec(unit_file_strategy(), 2..5), rotate in 0..5usize) {
        let doc = doc();
        let incoming: Vec<Incoming> = files
            .iter()
            .enumerate()
            .map(|(i, f)| file(&doc, &build_file(&doc, f), &format!("{i}.json")))
            .collect();
        let office = ledger(&doc, who("王五", "区发展改革局"));
        let mut rotated = incoming.clone();
        rotated.rotate_left(rotate % incoming.len());
        let conflicts = |p: &luoshi::snapshot::Preview| -> BTreeSet<(u32, String, String, String)> {
            p.conflicts().map(|(t, c)| (t, c.field.clone(), c.mine_text.clone(), c.theirs_text.clone())).collect()
        };
        let together = snapshot::preview(&office, &incoming);
        prop_assert_eq!(conflicts(&together), conflicts(&snapshot::preview(&office, &rotated)));
        let a = import(&office, &incoming, None);
        let b = import(&office, &rotated, None);
        prop_assert_eq!(contents(&a), contents(&b));
        let mut one_by_one = office.clone();
        for file in &rotated {
            one_by_one = import(&one_by_one, std::slice::from_ref(file), None);
        }
        prop_assert_eq!(contents(&one_by_one), contents(&a));
        let open = |l: &Ledger| -> BTreeSet<(u32, String, String)> {
            l.tasks.iter().flat_map(|(n, a)| open_conflicts(*n, a).into_iter().map(|c| (*n, c.field, c.mine_text))).collect()
        };
        prop_assert_eq!(open(&one_by_one), open(&a));
        let settled = import(&office, &incoming, Some(Resolution::KeepThis));
        let mut later = one_by_one.clone();
        for (n, field, _) in open(&one_by_one) {
            let value = later.annotation_or_empty(n).field(&field);
            later.apply(Action::Settle { task: n, field, value }, NOW).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert_eq!(contents(&later), contents(&settled));
        prop_assert!(open(&later).is_empty() && open(&settled).is_empty());
        // Settled conflicts stay settled: importing every file again reopens nothing.
        prop_assert!(snapshot::preview(&settled, &incoming).conflicts().next().is_none());
    }

    /// A register's heads are a function of the history set: order does not matter.
    #[test]
    fn heads_ignore_history_order(files in proptest::collection::vec(unit_file_strategy(), 2..5)) {
        let doc = doc();
        let ledgers: Vec<Ledger> = files.iter().map(|f| build_file(&doc, f)).collect();
        let refs: Vec<&Ledger> = ledgers.iter().collect();
        for (n, a) in join_ledgers(&refs) {
            let mut shuffled = a.clone();
            shuffled.history.reverse();
            for field in a.history.iter().map(|c| c.field.clone()).collect::<BTreeSet<_>>() {
                prop_assert_eq!(heads(&a.history, &field), heads(&shuffled.history, &field), "task {}", n);
            }
        }
    }
}

/// Every unit of the seed reports its part for four quarters; the coordinator imports all the
/// files at once: no conflict (different units never write the same register), every unit's text
/// is in the ledger, and the collection round counts each unit's own entries.
#[test]
fn every_unit_reporting_four_quarters_merges_without_conflict() {
    use crate::snapshot::common::units_four_quarters;
    let doc = doc();
    let ledgers = units_four_quarters(&doc);
    assert!(ledgers.len() >= 40, "{} units", ledgers.len());
    let files: Vec<Incoming> = ledgers
        .iter()
        .enumerate()
        .map(|(i, l)| file(&doc, l, &format!("{i}.json")))
        .collect();
    let office = ledger(&doc, who("王五", "区发展改革局"));
    let preview = snapshot::preview(&office, &files);
    assert_eq!(preview.conflicts().count(), 0);
    // Hundreds of field changes: the preview folds each task to one line, none needs opening.
    assert!(preview.folds());
    assert!(preview.tasks.iter().all(|t| !t.opens_folded()));
    let task5 = preview
        .task(5)
        .unwrap_or_else(|| panic!("task 5 previewed"));
    let reporters: Vec<&str> = task5.reporters().iter().map(|w| w.unit.as_str()).collect();
    for unit in ["区委组织部", "区科技局", "区人力资源社会保障局"] {
        assert!(reporters.contains(&unit), "{unit} among {reporters:?}");
    }
    assert_eq!(
        reporters.len(),
        reporters
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        "each reporter once"
    );
    let merged = snapshot::apply(&office, &preview, &Resolutions::new(), NOW);
    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(
        contents(&import(&office, &reversed, None)),
        contents(&merged)
    );
    // Task 5: the first lead's compiled text and each co-lead's own, all four quarters.
    let a = merged.annotation_or_empty(5);
    for quarter in 1..=4u8 {
        let period = Period::Quarter {
            year: 2023,
            quarter,
        };
        let compiled = a.report(period).map(|r| r.progress_text.clone());
        assert_eq!(
            compiled.as_deref(),
            Some(format!("区委组织部第5项{quarter}季度本季度推进情况").as_str())
        );
        let joined = a
            .report_with_units(period)
            .unwrap_or_default()
            .progress_text;
        assert!(joined.contains(&format!(
            "【区科技局】区科技局第5项{quarter}季度本季度推进情况"
        )));
    }
    let round = luoshi::overview::CollectionRound::for_period(&doc, &merged, Q4);
    assert!(
        round.pending().is_empty(),
        "every lead unit reported all its tasks"
    );
}

/// A named person's later word replaces their own earlier one (on another machine, without having
/// seen it): no conflict with themselves. Unsigned edits are nobody's, so they still conflict.
#[test]
fn a_persons_later_edit_replaces_their_own_earlier_one() {
    let doc = doc();
    let mut pc1 = ledger(&doc, who("张三", "区科技局"));
    act(
        &mut pc1,
        as_reader(&doc, "区科技局", report(5, "办公室写的")),
        "2023-12-10T09:00:00+08:00",
    );
    let mut pc2 = ledger(&doc, who("张三", "区科技局"));
    act(
        &mut pc2,
        as_reader(&doc, "区科技局", report(5, "家里写的")),
        "2023-12-11T09:00:00+08:00",
    );
    let (joined, _) = join(&[pc1.annotation_or_empty(5), pc2.annotation_or_empty(5)]);
    assert!(open_conflicts(5, &joined).is_empty());
    let path = unit_path("区科技局", "report.2023Q4.progress_text");
    assert_eq!(joined.field(&path), Some("家里写的".into()));

    let mut a = ledger(&doc, Who::default());
    act(&mut a, report(9, "甲"), "2023-12-10T09:00:00+08:00");
    let mut b = ledger(&doc, Who::default());
    act(&mut b, report(9, "乙"), "2023-12-11T09:00:00+08:00");
    let (joined, _) = join(&[a.annotation_or_empty(9), b.annotation_or_empty(9)]);
    assert_eq!(open_conflicts(9, &joined).len(), 1);
}

/// Stored ledgers of every earlier version (the v1 and v2 fixtures) open unchanged where nothing
/// was written by a co-lead; a v2 ledger in which a co-lead typed into the task itself has those
/// values moved to its own entry, with nothing lost from history.
#[test]
fn stored_ledgers_of_earlier_versions_migrate_without_loss() {
    let doc = doc();
    for raw in [
        include_str!("../../fixtures/ledger/v1.json"),
        include_str!("../../fixtures/ledger/v2.json"),
    ] {
        let decoded = luoshi::store::decode(raw).unwrap_or_else(|e| panic!("{e:?}"));
        let mut migrated = decoded.clone();
        assert!(migrate(&doc, &mut migrated).is_empty());
        assert_eq!(migrated, decoded);
    }
    // The v2 fixture as if 区工业和信息化局 (second lead of task 1) had made its edits.
    let raw = include_str!("../../fixtures/ledger/v2.json").replace(
        r#""who": { "name": "张三", "unit": "区科技局" }"#,
        r#""who": { "name": "赵六", "unit": "区工业和信息化局" }"#,
    );
    let decoded = luoshi::store::decode(&raw).unwrap_or_else(|e| panic!("{e:?}"));
    let mut migrated = decoded.clone();
    let moved = migrate(&doc, &mut migrated);
    let fields: BTreeSet<&str> = moved.iter().map(|m| m.field.as_str()).collect();
    assert_eq!(fields, BTreeSet::from(["progress", "status"]));
    let before = decoded.annotation_or_empty(1);
    let after = migrated.annotation_or_empty(1);
    let entry = after
        .unit_entry("区工业和信息化局")
        .unwrap_or_else(|| panic!("its own entry"));
    assert_eq!(
        (entry.status.clone(), entry.progress),
        (Status::OnSchedule, 45)
    );
    assert_eq!(after.history.len(), before.history.len());
    // Everything else the task held is where it was.
    assert_eq!(after.owner, before.owner);
    assert_eq!(after.reports, before.reports);
}

/// Files print every unit's own words: a short text that merely occurs inside the compiled one is
/// not dropped; only the exact quotation 引用到汇总 wrote is not printed twice.
#[test]
fn files_print_each_units_text_unless_the_compiled_entry_quotes_it() {
    let mut annotation = Annotation::default();
    let set = |a: &mut Annotation, path: &str, text: &str| {
        a.set_field(path, Some(text.into()))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    set(&mut annotation, "report.2023Q4.problems", "暂无问题");
    set(
        &mut annotation,
        &unit_path("区财政局", "report.2023Q4.problems"),
        "无",
    );
    set(
        &mut annotation,
        &unit_path("区科技局", "report.2023Q4.problems"),
        "用地紧张",
    );
    set(
        &mut annotation,
        "report.2023Q4.progress_text",
        &luoshi::ledger::units::quoted("区科技局", "已完成"),
    );
    set(
        &mut annotation,
        &unit_path("区科技局", "report.2023Q4.progress_text"),
        "已完成",
    );
    let printed = annotation.report_with_units(Q4).unwrap_or_default();
    // Units in the order of their names (as stored).
    assert_eq!(
        printed.problems,
        "暂无问题\n【区科技局】用地紧张\n【区财政局】无"
    );
    assert_eq!(printed.progress_text, "【区科技局】已完成");
}

/// A co-lead's clerk edits task 5 before signing (the edit goes to the compiled entry, over the
/// lead's words), then signs as 区科技局: that edit becomes theirs and moves to 区科技局's own
/// entry, the lead's compiled text stands again, and an unsigned edit older than the page (another
/// person's, from a file) stays as it was. The first lead's clerk signing keeps the compiled entry.
#[test]
fn signing_claims_this_pages_unsigned_edits_for_the_signers_own_entry() {
    use luoshi::ledger::units::claim_unsigned;
    let doc = doc();
    let task = doc.task(5).unwrap_or_else(|| panic!("task 5")).clone();
    let report = |text: &str| Action::SetReport {
        task: 5,
        period: Q4,
        field: ReportField::ProgressText,
        text: text.into(),
    };
    let mut clerk = ledger(&doc, who("", ""));
    // The lead's compiled words (from the lead's file, signed), and an old unsigned note.
    clerk.user = who("李四", "区委组织部");
    act(
        &mut clerk,
        report("组织部汇总"),
        "2023-12-01T09:00:00+08:00",
    );
    clerk.user = who("", "");
    act(
        &mut clerk,
        Action::SetNotes {
            task: 5,
            notes: "旧的未署名备注".into(),
        },
        "2023-12-02T09:00:00+08:00",
    );
    // This page starts; the clerk edits before signing.
    let page_start = luoshi::period::instant_millis("2023-12-20T08:00:00+08:00").unwrap_or(0);
    act(&mut clerk, report("科技局自报"), NOW);
    let mut annotation = clerk.annotation_or_empty(5).clone();
    let moved = claim_unsigned(&task, &mut annotation, &who("张三", "区科技局"), page_start);
    assert_eq!(moved.map(|m| m.len()), Some(1));
    assert_eq!(
        annotation.report(Q4).map(|r| r.progress_text.as_str()),
        Some("组织部汇总")
    );
    assert_eq!(
        annotation.units["区科技局"].reports["2023Q4"].progress_text,
        "科技局自报"
    );
    let old_note = annotation
        .history
        .iter()
        .find(|c| c.field == "notes")
        .unwrap_or_else(|| panic!("the old note"));
    assert!(
        old_note.who.unit.is_empty(),
        "another person's unsigned edit was claimed"
    );
    assert_eq!(annotation.notes, "旧的未署名备注");
    // Nothing is dropped: every text is in the entries or the history.
    assert!(annotation.history.iter().any(|c| c.new == "科技局自报"));

    // The first lead's clerk: the edit becomes theirs and stays in the compiled entry.
    let mut lead = clerk.annotation_or_empty(5).clone();
    let moved = claim_unsigned(&task, &mut lead, &who("赵六", "区委组织部"), page_start);
    assert_eq!(moved, Some(Vec::new()), "claimed, nothing moved");
    // Signing again claims nothing more.
    assert_eq!(
        claim_unsigned(&task, &mut lead, &who("赵六", "区委组织部"), page_start),
        None
    );
    assert_eq!(
        lead.report(Q4).map(|r| r.progress_text.as_str()),
        Some("科技局自报")
    );
    assert!(lead
        .history
        .iter()
        .any(|c| c.new == "科技局自报" && c.who.unit == "区委组织部"));
}
