//! The ledger reducer: every action, validation, history, undo/redo and the export reminder.

use luoshi::document::Comparator;
use luoshi::ledger::{
    parse_due, parse_number, parse_progress, Action, Applied, Change, Ledger, LedgerError,
    ReportField, Status, TargetRef, UserTarget, Who, UNDO_LIMIT,
};
use luoshi::period::{Cadence, Date, Period};
use serde_json::json;

const T1: &str = "2023-07-01T09:30:00+08:00";
const T2: &str = "2023-07-01T09:31:00+08:00";
const T3: &str = "2023-07-01T09:32:00+08:00";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("test date {text}"))
}

fn ledger() -> Ledger {
    let mut ledger = Ledger::new("abc123");
    ledger.user = Who {
        name: "张三".into(),
        unit: "区发展改革局".into(),
    };
    ledger
}

fn apply(ledger: &mut Ledger, action: Action, now: &str) -> Applied {
    ledger
        .apply(action, now)
        .unwrap_or_else(|e| panic!("apply failed: {e}"))
}

fn changed(task: u32, field: &str) -> Applied {
    Applied::Changed {
        task: Some(task),
        field: field.into(),
    }
}

fn q2() -> Period {
    Period::Quarter {
        year: 2023,
        quarter: 2,
    }
}

fn added_target() -> UserTarget {
    UserTarget {
        text: " 新增就业 ".into(),
        value: 3000.0,
        value_max: None,
        unit: Some("人".into()),
        comparator: Comparator::AtLeast,
    }
}

#[test]
fn status_labels_classes_and_parsing() {
    let labels: Vec<&str> = Status::choices().iter().map(Status::label).collect();
    assert_eq!(
        labels,
        ["未启动", "序时推进", "超序时", "滞后", "已完成", "其他"]
    );
    assert_eq!(Status::Behind.css_class(), "status-behind");
    assert_eq!(
        Status::Other("指标调整".into()).describe(),
        "其他：指标调整"
    );
    assert_eq!(Status::Done.describe(), "已完成");
    for status in Status::choices().into_iter().take(5) {
        assert_eq!(Status::from_label(status.label()), status);
        assert_eq!(Status::from_label(status.key()), status);
    }
    assert_eq!(
        Status::from_label("其他：指标调整"),
        Status::Other("指标调整".into())
    );
    assert_eq!(
        Status::from_label("其他:缓建"),
        Status::Other("缓建".into())
    );
    assert_eq!(Status::from_label("暂停"), Status::Other("暂停".into()));
    let json = serde_json::to_value(Status::Other("x".into())).unwrap_or_default();
    assert_eq!(json, json!({"kind": "other", "reason": "x"}));
}

#[test]
fn set_status_records_history_and_repeats_are_no_change() {
    let mut ledger = ledger();
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetStatus {
                task: 3,
                status: Status::OnSchedule
            },
            T1
        ),
        changed(3, "status")
    );
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetStatus {
                task: 3,
                status: Status::OnSchedule
            },
            T2
        ),
        Applied::NoChange
    );
    let annotation = ledger.annotation(3).cloned().unwrap_or_default();
    assert_eq!(annotation.status, Status::OnSchedule);
    assert_eq!(annotation.updated_at.as_deref(), Some(T1));
    assert_eq!(
        annotation.history,
        vec![Change {
            who: Who {
                name: "张三".into(),
                unit: "区发展改革局".into()
            },
            at: T1.into(),
            field: "status".into(),
            old: "未启动".into(),
            new: "序时推进".into(),
        }]
    );
    assert_eq!(annotation.history[0].describe(), "状态: 未启动 → 序时推进");
}

#[test]
fn no_op_on_an_untouched_task_creates_nothing() {
    let mut ledger = ledger();
    for action in [
        Action::SetStatus {
            task: 1,
            status: Status::NotStarted,
        },
        Action::SetProgress {
            task: 1,
            progress: 0,
        },
        Action::SetReport {
            task: 1,
            period: q2(),
            field: ReportField::Problems,
            text: String::new(),
        },
        Action::SetActual {
            task: 1,
            target: TargetRef::Parsed(0),
            value: None,
        },
        Action::UnhideTarget {
            task: 1,
            target: TargetRef::Parsed(0),
        },
        Action::SetOwner {
            task: 1,
            owner: "  ".into(),
        },
        Action::SetPhone {
            task: 1,
            phone: String::new(),
        },
        Action::SetDue { task: 1, due: None },
        Action::SetNotes {
            task: 1,
            notes: String::new(),
        },
        Action::SetKey {
            task: 1,
            key: false,
        },
        Action::SetSupervised {
            task: 1,
            supervised: false,
        },
        Action::SetCadence {
            cadence: Cadence::Quarterly,
        },
        Action::SetAsOf { as_of: None },
        Action::Undo,
        Action::Redo,
    ] {
        assert_eq!(
            apply(&mut ledger, action.clone(), T1),
            Applied::NoChange,
            "{action:?}"
        );
    }
    assert!(ledger.tasks.is_empty());
    assert!(!ledger.can_undo());
}

#[test]
fn other_status_needs_a_reason() {
    let mut ledger = ledger();
    let result = ledger.apply(
        Action::SetStatus {
            task: 1,
            status: Status::Other("  ".into()),
        },
        T1,
    );
    assert_eq!(result, Err(LedgerError::EmptyOtherReason));
    assert_eq!(
        LedgerError::EmptyOtherReason.to_string(),
        "选择“其他”时请填写原因"
    );
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetStatus {
                task: 1,
                status: Status::Other(" 指标调整 ".into())
            },
            T1
        ),
        changed(1, "status")
    );
    let annotation = ledger.annotation(1).cloned().unwrap_or_default();
    assert_eq!(annotation.status, Status::Other("指标调整".into()));
    assert_eq!(annotation.history[0].new, "其他：指标调整");
}

#[test]
fn progress_is_validated() {
    let mut ledger = ledger();
    for bad in [-1, 101, 1000, i64::MAX, i64::MIN] {
        assert_eq!(
            ledger.apply(
                Action::SetProgress {
                    task: 1,
                    progress: bad
                },
                T1
            ),
            Err(LedgerError::ProgressRange)
        );
    }
    assert!(
        ledger.tasks.is_empty(),
        "a rejected edit leaves nothing behind"
    );
    assert_eq!(
        LedgerError::ProgressRange.message(),
        "进度须为 0–100 之间的整数"
    );
    for good in [1, 50, 100] {
        assert_eq!(
            apply(
                &mut ledger,
                Action::SetProgress {
                    task: 1,
                    progress: good
                },
                T1
            ),
            changed(1, "progress")
        );
    }
    assert_eq!(ledger.annotation(1).map(|a| a.progress), Some(100));
    let history: Vec<(String, String)> = ledger
        .annotation(1)
        .map(|a| {
            a.history
                .iter()
                .map(|c| (c.old.clone(), c.new.clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        history,
        [
            ("0".into(), "1".into()),
            ("1".into(), "50".into()),
            ("50".into(), "100".into())
        ]
    );
}

#[test]
fn typed_input_parsers() {
    assert_eq!(parse_progress("40"), Ok(40));
    assert_eq!(parse_progress(" ４０％ "), Ok(40));
    assert_eq!(parse_progress("100"), Ok(100));
    assert_eq!(parse_progress("101"), Err(LedgerError::ProgressRange));
    assert_eq!(parse_progress("40.5"), Err(LedgerError::ProgressRange));
    assert_eq!(parse_progress("abc"), Err(LedgerError::ProgressRange));
    assert_eq!(parse_number(""), Ok(None));
    assert_eq!(parse_number("  "), Ok(None));
    assert_eq!(parse_number("1,200.5"), Ok(Some(1200.5)));
    assert_eq!(parse_number("１２"), Ok(Some(12.0)));
    assert_eq!(parse_number("-3"), Ok(Some(-3.0)));
    assert_eq!(parse_number("85%"), Ok(Some(85.0)));
    assert_eq!(parse_number("十二"), Err(LedgerError::NotANumber));
    assert_eq!(parse_number("inf"), Err(LedgerError::NotANumber));
    assert_eq!(parse_number("NaN"), Err(LedgerError::NotANumber));
    assert_eq!(LedgerError::NotANumber.message(), "请输入数字");
    assert_eq!(parse_due(""), Ok(None));
    assert_eq!(parse_due("2023-06-30"), Ok(Some(date("2023-06-30"))));
    assert_eq!(parse_due("2023/6/30"), Ok(Some(date("2023-06-30"))));
    assert_eq!(parse_due("2023-02-30"), Err(LedgerError::InvalidDate));
    assert_eq!(parse_due("6月底"), Err(LedgerError::InvalidDate));
    assert_eq!(parse_due("23-6-30"), Err(LedgerError::InvalidDate));
}

#[test]
fn reports_are_per_period_and_per_field() {
    let mut ledger = ledger();
    let q3 = q2().next();
    apply(
        &mut ledger,
        Action::SetReport {
            task: 2,
            period: q2(),
            field: ReportField::ProgressText,
            text: "已开工".into(),
        },
        T1,
    );
    apply(
        &mut ledger,
        Action::SetReport {
            task: 2,
            period: q3,
            field: ReportField::NextSteps,
            text: "加快推进".into(),
        },
        T2,
    );
    let annotation = ledger.annotation(2).cloned().unwrap_or_default();
    assert_eq!(
        annotation.report(q2()).map(|r| r.progress_text.as_str()),
        Some("已开工")
    );
    assert_eq!(
        annotation.report(q3).map(|r| r.next_steps.as_str()),
        Some("加快推进")
    );
    assert_eq!(annotation.history[0].field, "report.2023Q2.progress_text");
    assert_eq!(
        annotation.history[1].describe(),
        "2023年第三季度 下步计划:  → 加快推进"
    );
    // Clearing the only text removes the empty report.
    apply(
        &mut ledger,
        Action::SetReport {
            task: 2,
            period: q2(),
            field: ReportField::ProgressText,
            text: String::new(),
        },
        T3,
    );
    assert_eq!(ledger.annotation(2).and_then(|a| a.report(q2())), None);
    let monthly = Period::Month {
        year: 2023,
        month: 7,
    };
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetReport {
                task: 2,
                period: monthly,
                field: ReportField::Problems,
                text: "资金缺口".into()
            },
            T3
        ),
        changed(2, "report.2023-07.problems")
    );
}

#[test]
fn actuals_for_parsed_and_added_targets() {
    let mut ledger = ledger();
    apply(
        &mut ledger,
        Action::SetActual {
            task: 5,
            target: TargetRef::Parsed(0),
            value: Some(12.5),
        },
        T1,
    );
    assert_eq!(
        ledger
            .annotation(5)
            .and_then(|a| a.actual(TargetRef::Parsed(0))),
        Some(12.5)
    );
    assert_eq!(
        ledger.apply(
            Action::SetActual {
                task: 5,
                target: TargetRef::Parsed(1),
                value: Some(f64::NAN)
            },
            T1
        ),
        Err(LedgerError::NotANumber)
    );
    assert_eq!(
        ledger.apply(
            Action::SetActual {
                task: 5,
                target: TargetRef::Added(1),
                value: Some(1.0)
            },
            T1
        ),
        Err(LedgerError::UnknownTarget)
    );
    let applied = apply(
        &mut ledger,
        Action::AddTarget {
            task: 5,
            target: added_target(),
        },
        T2,
    );
    let id = ledger
        .annotation(5)
        .and_then(|a| a.added_targets.keys().next().copied())
        .unwrap_or_default();
    assert_eq!(applied, changed(5, &format!("added.{id}")));
    assert_eq!(
        Some(id),
        luoshi::period::instant_millis(T2),
        "ids are the creation instant"
    );
    let added = ledger
        .annotation(5)
        .and_then(|a| a.added_targets.get(&id))
        .cloned()
        .unwrap_or_default();
    assert_eq!(added.target.text, "新增就业", "text is trimmed");
    // The same instant again still gets a fresh id.
    apply(
        &mut ledger,
        Action::AddTarget {
            task: 5,
            target: added_target(),
        },
        T2,
    );
    assert_eq!(ledger.annotation(5).map(|a| a.added_targets.len()), Some(2));
    apply(
        &mut ledger,
        Action::SetActual {
            task: 5,
            target: TargetRef::Added(id),
            value: Some(3200.0),
        },
        T3,
    );
    assert_eq!(
        ledger
            .annotation(5)
            .and_then(|a| a.actual(TargetRef::Added(id))),
        Some(3200.0)
    );
    let last = ledger
        .annotation(5)
        .and_then(|a| a.history.last().cloned())
        .unwrap_or_default();
    assert_eq!(
        (last.field.as_str(), last.new.as_str()),
        (format!("added.{id}.actual").as_str(), "3200")
    );
    apply(
        &mut ledger,
        Action::SetActual {
            task: 5,
            target: TargetRef::Parsed(0),
            value: None,
        },
        T3,
    );
    assert_eq!(
        ledger
            .annotation(5)
            .and_then(|a| a.actual(TargetRef::Parsed(0))),
        None
    );
}

#[test]
fn added_targets_are_validated() {
    let mut ledger = ledger();
    let cases = [
        (
            UserTarget {
                text: " ".into(),
                ..added_target()
            },
            LedgerError::EmptyTargetText,
        ),
        (
            UserTarget {
                value: f64::INFINITY,
                ..added_target()
            },
            LedgerError::NotANumber,
        ),
        (
            UserTarget {
                value_max: Some(f64::NAN),
                ..added_target()
            },
            LedgerError::NotANumber,
        ),
        (
            UserTarget {
                value_max: Some(10.0),
                ..added_target()
            },
            LedgerError::TargetRange,
        ),
    ];
    for (target, error) in cases {
        assert_eq!(
            ledger.apply(Action::AddTarget { task: 1, target }, T1),
            Err(error)
        );
    }
    let ranged = UserTarget {
        text: "建设".into(),
        value: 3.0,
        value_max: Some(5.0),
        unit: Some(" ".into()),
        comparator: Comparator::Reach,
    };
    apply(
        &mut ledger,
        Action::AddTarget {
            task: 1,
            target: ranged,
        },
        T1,
    );
    let added = ledger
        .annotation(1)
        .and_then(|a| a.added_targets.values().next().cloned())
        .unwrap_or_default();
    assert_eq!(added.target.unit, None, "a blank unit is no unit");
    assert_eq!(added.target.describe(), "建设 3-5");
    let history = ledger
        .annotation(1)
        .map(|a| a.history[0].new.clone())
        .unwrap_or_default();
    assert_eq!(history, "建设 3-5");
}

#[test]
fn hiding_and_unhiding_targets() {
    let mut ledger = ledger();
    assert_eq!(
        apply(
            &mut ledger,
            Action::HideTarget {
                task: 1,
                target: TargetRef::Parsed(2)
            },
            T1
        ),
        changed(1, "hidden.2")
    );
    assert_eq!(
        apply(
            &mut ledger,
            Action::HideTarget {
                task: 1,
                target: TargetRef::Parsed(2)
            },
            T1
        ),
        Applied::NoChange
    );
    assert!(ledger
        .annotation(1)
        .is_some_and(|a| a.is_hidden(TargetRef::Parsed(2))));
    let change = ledger
        .annotation(1)
        .map(|a| a.history[0].clone())
        .unwrap_or_default();
    assert_eq!((change.old.as_str(), change.new.as_str()), ("否", "是"));
    assert_eq!(
        apply(
            &mut ledger,
            Action::UnhideTarget {
                task: 1,
                target: TargetRef::Parsed(2)
            },
            T2
        ),
        changed(1, "hidden.2")
    );
    assert!(ledger
        .annotation(1)
        .is_some_and(|a| a.hidden_targets.is_empty()));
    assert_eq!(
        ledger.apply(
            Action::HideTarget {
                task: 1,
                target: TargetRef::Added(7)
            },
            T2
        ),
        Err(LedgerError::UnknownTarget)
    );
    apply(
        &mut ledger,
        Action::AddTarget {
            task: 1,
            target: added_target(),
        },
        T3,
    );
    let id = ledger
        .annotation(1)
        .and_then(|a| a.added_targets.keys().next().copied())
        .unwrap_or_default();
    assert_eq!(
        apply(
            &mut ledger,
            Action::HideTarget {
                task: 1,
                target: TargetRef::Added(id)
            },
            T3
        ),
        changed(1, &format!("added.{id}.hidden"))
    );
    assert!(ledger
        .annotation(1)
        .is_some_and(|a| a.is_hidden(TargetRef::Added(id))));
}

#[test]
fn owner_phone_due_notes_and_flags() {
    let mut ledger = ledger();
    apply(
        &mut ledger,
        Action::SetOwner {
            task: 9,
            owner: " 李四 ".into(),
        },
        T1,
    );
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetOwner {
                task: 9,
                owner: "李四".into()
            },
            T1
        ),
        Applied::NoChange
    );
    apply(
        &mut ledger,
        Action::SetPhone {
            task: 9,
            phone: "0532-8765 4321".into(),
        },
        T1,
    );
    assert_eq!(
        ledger.apply(
            Action::SetPhone {
                task: 9,
                phone: "电话abc".into()
            },
            T1
        ),
        Err(LedgerError::InvalidPhone)
    );
    apply(
        &mut ledger,
        Action::SetPhone {
            task: 9,
            phone: "+86 (0532) 12345678转8".into(),
        },
        T1,
    );
    apply(
        &mut ledger,
        Action::SetDue {
            task: 9,
            due: Some(date("2023-06-30")),
        },
        T1,
    );
    apply(
        &mut ledger,
        Action::SetNotes {
            task: 9,
            notes: "需协调\n两处用地".into(),
        },
        T1,
    );
    apply(&mut ledger, Action::SetKey { task: 9, key: true }, T1);
    apply(
        &mut ledger,
        Action::SetSupervised {
            task: 9,
            supervised: true,
        },
        T1,
    );
    let a = ledger.annotation(9).cloned().unwrap_or_default();
    assert_eq!(a.owner, "李四");
    assert_eq!(a.phone, "+86 (0532) 12345678转8");
    assert_eq!(a.due, Some(date("2023-06-30")));
    assert_eq!(a.notes, "需协调\n两处用地");
    assert!(a.key && a.supervised);
    let described: Vec<String> = a.history.iter().map(Change::describe).collect();
    assert_eq!(
        described,
        [
            "责任人:  → 李四",
            "联系电话:  → 0532-8765 4321",
            "联系电话: 0532-8765 4321 → +86 (0532) 12345678转8",
            "完成时限:  → 2023-06-30",
            "备注:  → 需协调\n两处用地",
            "重点: 否 → 是",
            "挂牌督办: 否 → 是",
        ]
    );
}

#[test]
fn set_field_takes_any_path_with_the_same_validation() {
    let mut ledger = ledger();
    let set = |field: &str, value| Action::SetField {
        task: 4,
        field: field.into(),
        value,
    };
    assert_eq!(
        apply(&mut ledger, set("progress", Some(json!(60))), T1),
        changed(4, "progress")
    );
    assert_eq!(
        ledger.apply(set("progress", Some(json!(160))), T1),
        Err(LedgerError::ProgressRange)
    );
    assert_eq!(
        ledger.apply(set("progress", Some(json!("x"))), T1),
        Err(LedgerError::ProgressRange)
    );
    assert_eq!(
        ledger.apply(set("nonsense", Some(json!(1))), T1),
        Err(LedgerError::UnknownField)
    );
    assert_eq!(
        ledger.apply(set("report.2023Q9.problems", Some(json!("x"))), T1),
        Err(LedgerError::UnknownField)
    );
    assert_eq!(
        ledger.apply(set("actual.0", Some(json!("x"))), T1),
        Err(LedgerError::NotANumber)
    );
    assert_eq!(
        ledger.apply(set("due", Some(json!("2023-02-30"))), T1),
        Err(LedgerError::InvalidDate)
    );
    assert_eq!(
        ledger.apply(
            set("status", Some(json!({"kind": "other", "reason": ""}))),
            T1
        ),
        Err(LedgerError::EmptyOtherReason)
    );
    assert_eq!(
        apply(
            &mut ledger,
            set("status", Some(json!({"kind": "done"}))),
            T1
        ),
        changed(4, "status")
    );
    assert_eq!(
        apply(&mut ledger, set("progress", None), T2),
        changed(4, "progress")
    );
    assert_eq!(
        ledger.annotation(4).map(|a| (a.progress, a.status.clone())),
        Some((0, Status::Done))
    );
}

#[test]
fn fields_round_trip_through_from_fields() {
    let mut ledger = ledger();
    let actions = [
        Action::SetStatus {
            task: 1,
            status: Status::Other("缓建".into()),
        },
        Action::SetProgress {
            task: 1,
            progress: 35,
        },
        Action::SetReport {
            task: 1,
            period: q2(),
            field: ReportField::Problems,
            text: "资金".into(),
        },
        Action::SetActual {
            task: 1,
            target: TargetRef::Parsed(1),
            value: Some(0.5),
        },
        Action::HideTarget {
            task: 1,
            target: TargetRef::Parsed(0),
        },
        Action::AddTarget {
            task: 1,
            target: added_target(),
        },
        Action::SetOwner {
            task: 1,
            owner: "王五".into(),
        },
        Action::SetPhone {
            task: 1,
            phone: "123".into(),
        },
        Action::SetDue {
            task: 1,
            due: Some(date("2023-09-30")),
        },
        Action::SetNotes {
            task: 1,
            notes: "n".into(),
        },
        Action::SetKey { task: 1, key: true },
        Action::SetSupervised {
            task: 1,
            supervised: true,
        },
    ];
    for action in actions {
        apply(&mut ledger, action, T1);
    }
    let annotation = ledger.annotation(1).cloned().unwrap_or_default();
    let fields = annotation.fields();
    assert_eq!(fields.len(), 12);
    let rebuilt = luoshi::ledger::Annotation::from_fields(&fields).unwrap_or_default();
    assert!(rebuilt.content_eq(&annotation));
    assert_eq!(rebuilt.fields(), fields);
    // Every history entry names a field path that exists.
    for change in &annotation.history {
        assert!(fields.contains_key(&change.field), "{}", change.field);
    }
}

#[test]
fn undo_and_redo_walk_edits_and_append_history() {
    let mut ledger = ledger();
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 1,
            progress: 30,
        },
        T1,
    );
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 1,
            progress: 60,
        },
        T2,
    );
    assert!(ledger.can_undo() && !ledger.can_redo());
    assert_eq!(apply(&mut ledger, Action::Undo, T3), changed(1, "progress"));
    assert_eq!(ledger.annotation(1).map(|a| a.progress), Some(30));
    assert!(ledger.can_redo());
    assert_eq!(apply(&mut ledger, Action::Undo, T3), changed(1, "progress"));
    assert_eq!(ledger.annotation(1).map(|a| a.progress), Some(0));
    assert_eq!(apply(&mut ledger, Action::Undo, T3), Applied::NoChange);
    assert_eq!(apply(&mut ledger, Action::Redo, T3), changed(1, "progress"));
    assert_eq!(ledger.annotation(1).map(|a| a.progress), Some(30));
    let news: Vec<String> = ledger
        .annotation(1)
        .map(|a| a.history.iter().map(|c| c.new.clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        news,
        ["30", "60", "30", "0", "30"],
        "undo appends, never removes"
    );
    // A new edit drops the redo stack.
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 1,
            progress: 45,
        },
        T3,
    );
    assert!(!ledger.can_redo());
    assert_eq!(apply(&mut ledger, Action::Redo, T3), Applied::NoChange);
}

#[test]
fn undo_covers_every_kind_of_task_edit() {
    let mut ledger = ledger();
    let actions = [
        Action::SetStatus {
            task: 1,
            status: Status::Behind,
        },
        Action::SetReport {
            task: 1,
            period: q2(),
            field: ReportField::ProgressText,
            text: "x".into(),
        },
        Action::SetActual {
            task: 1,
            target: TargetRef::Parsed(0),
            value: Some(2.0),
        },
        Action::HideTarget {
            task: 1,
            target: TargetRef::Parsed(1),
        },
        Action::AddTarget {
            task: 1,
            target: added_target(),
        },
        Action::SetOwner {
            task: 1,
            owner: "o".into(),
        },
        Action::SetPhone {
            task: 1,
            phone: "1".into(),
        },
        Action::SetDue {
            task: 1,
            due: Some(date("2023-12-31")),
        },
        Action::SetNotes {
            task: 1,
            notes: "n".into(),
        },
        Action::SetKey { task: 1, key: true },
        Action::SetSupervised {
            task: 1,
            supervised: true,
        },
    ];
    let count = actions.len();
    let mut snapshots = vec![ledger.annotation(1).map(|a| a.fields()).unwrap_or_default()];
    for action in actions {
        apply(&mut ledger, action, T1);
        snapshots.push(ledger.annotation(1).map(|a| a.fields()).unwrap_or_default());
    }
    for step in (0..count).rev() {
        apply(&mut ledger, Action::Undo, T2);
        assert_eq!(
            ledger.annotation(1).map(|a| a.fields()).unwrap_or_default(),
            snapshots[step],
            "undo to step {step}"
        );
    }
    for (step, snapshot) in snapshots.iter().enumerate().skip(1) {
        apply(&mut ledger, Action::Redo, T3);
        assert_eq!(
            &ledger.annotation(1).map(|a| a.fields()).unwrap_or_default(),
            snapshot,
            "redo to step {step}"
        );
    }
    assert_eq!(
        ledger.annotation(1).map(|a| a.history.len()),
        Some(count * 3)
    );
}

#[test]
fn undo_stack_is_bounded() {
    let mut ledger = ledger();
    for progress in 1..=(UNDO_LIMIT as i64 + 20) {
        apply(&mut ledger, Action::SetProgress { task: 1, progress }, T1);
    }
    assert_eq!(ledger.undo.len(), UNDO_LIMIT);
    let mut undone = 0;
    while apply(&mut ledger, Action::Undo, T2) != Applied::NoChange {
        undone += 1;
    }
    assert_eq!(undone, UNDO_LIMIT);
    assert_eq!(ledger.annotation(1).map(|a| a.progress), Some(20));
}

#[test]
fn undo_after_another_tab_changed_the_field_still_sets_the_old_value() {
    let mut ledger = ledger();
    apply(
        &mut ledger,
        Action::SetNotes {
            task: 1,
            notes: "mine".into(),
        },
        T1,
    );
    // Simulate a merge bringing in the other tab's value without touching the undo stack.
    if let Some(annotation) = ledger.tasks.get_mut(&1) {
        annotation.notes = "theirs".into();
    }
    assert_eq!(apply(&mut ledger, Action::Undo, T2), changed(1, "notes"));
    let last = ledger
        .annotation(1)
        .and_then(|a| a.history.last().cloned())
        .unwrap_or_default();
    assert_eq!((last.old.as_str(), last.new.as_str()), ("theirs", ""));
}

#[test]
fn settings_change_without_task_history() {
    let mut ledger = ledger();
    let settings = |field: &str| Applied::Changed {
        task: None,
        field: field.into(),
    };
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetCadence {
                cadence: Cadence::Monthly
            },
            T1
        ),
        settings("cadence")
    );
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetAsOf {
                as_of: Some(date("2023-06-30"))
            },
            T1
        ),
        settings("as_of")
    );
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetUser {
                who: Who {
                    name: " 王五 ".into(),
                    unit: "区财政局".into()
                }
            },
            T1
        ),
        settings("user")
    );
    assert_eq!(
        apply(
            &mut ledger,
            Action::SetUser {
                who: Who {
                    name: "王五".into(),
                    unit: "区财政局".into()
                }
            },
            T1
        ),
        Applied::NoChange
    );
    assert_eq!(ledger.user.name, "王五");
    assert!(ledger.tasks.is_empty() && !ledger.can_undo());
    assert_eq!(ledger.current_period(date("2023-11-20")).id(), "2023-06");
    apply(&mut ledger, Action::SetAsOf { as_of: None }, T1);
    assert_eq!(ledger.current_period(date("2023-11-20")).id(), "2023-11");
    apply(
        &mut ledger,
        Action::SetCadence {
            cadence: Cadence::Quarterly,
        },
        T1,
    );
    assert_eq!(
        ledger.current_period(date("2023-11-20")).label(),
        "2023年第四季度"
    );
    // Edits are recorded as the current user.
    apply(&mut ledger, Action::SetKey { task: 2, key: true }, T2);
    assert_eq!(
        ledger.annotation(2).map(|a| a.history[0].who.name.clone()),
        Some("王五".into())
    );
}

#[test]
fn actions_serialise_with_stable_names() {
    let action = Action::SetActual {
        task: 3,
        target: TargetRef::Parsed(1),
        value: Some(2.5),
    };
    let json = serde_json::to_value(&action).unwrap_or_default();
    assert_eq!(
        json,
        json!({"action": "set_actual", "task": 3, "target": {"parsed": 1}, "value": 2.5})
    );
    assert_eq!(serde_json::from_value::<Action>(json).ok(), Some(action));
    let applied = serde_json::to_value(changed(3, "status")).unwrap_or_default();
    assert_eq!(
        applied,
        json!({"kind": "changed", "task": 3, "field": "status"})
    );
}

#[test]
fn export_status_and_reminder() {
    let mut ledger = ledger();
    let today = date("2023-07-20");
    assert_eq!(ledger.export_status(today), "尚未导出");
    assert_eq!(
        ledger.export_reminder(today),
        None,
        "nothing edited, nothing to remind"
    );
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 1,
            progress: 10,
        },
        "2023-07-01T09:00:00+08:00",
    );
    let never = luoshi::ledger::export_reminder(&ledger, today);
    assert_eq!(never.as_ref().map(|r| r.days_since_export), Some(None));
    assert_eq!(
        never.map(|r| r.message),
        Some("台账有修改但尚未导出，建议导出备份".into())
    );
    apply(
        &mut ledger,
        Action::MarkExported,
        "2023-07-13T18:00:00+08:00",
    );
    assert_eq!(ledger.export_status(date("2023-07-13")), "上次导出: 今天");
    assert_eq!(ledger.export_status(today), "上次导出: 7 天前");
    assert_eq!(
        ledger.export_reminder(today),
        None,
        "no edits since the export"
    );
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 1,
            progress: 20,
        },
        "2023-07-14T09:00:00+08:00",
    );
    assert_eq!(
        ledger.export_reminder(date("2023-07-19")),
        None,
        "6 days: not yet"
    );
    let due = ledger.export_reminder(today);
    assert_eq!(due.as_ref().and_then(|r| r.days_since_export), Some(7));
    assert_eq!(
        due.map(|r| r.message),
        Some("距上次导出已 7 天，期间有修改，建议导出备份".into())
    );
    // An export written at a different offset still compares by instant: 10:00Z is after 09:00+08:00.
    apply(&mut ledger, Action::MarkExported, "2023-07-14T10:00:00Z");
    assert!(!ledger.has_unexported_edits());
}

#[test]
fn reports_in_order_and_recent_changes() {
    let mut ledger = ledger();
    let july = Period::Month {
        year: 2023,
        month: 7,
    };
    let q1 = Period::Quarter {
        year: 2023,
        quarter: 1,
    };
    apply(
        &mut ledger,
        Action::SetReport {
            task: 1,
            period: july,
            field: ReportField::Problems,
            text: "a".into(),
        },
        T1,
    );
    apply(
        &mut ledger,
        Action::SetReport {
            task: 1,
            period: q2(),
            field: ReportField::Problems,
            text: "b".into(),
        },
        T2,
    );
    apply(
        &mut ledger,
        Action::SetReport {
            task: 1,
            period: q1,
            field: ReportField::Problems,
            text: "c".into(),
        },
        T3,
    );
    apply(
        &mut ledger,
        Action::SetKey { task: 2, key: true },
        "2023-07-01T01:31:30Z",
    );
    let order: Vec<String> = ledger
        .annotation(1)
        .map(|a| a.reports_in_order().iter().map(|(p, _)| p.id()).collect())
        .unwrap_or_default();
    assert_eq!(order, ["2023Q1", "2023Q2", "2023-07"]);
    let recent: Vec<(u32, &str)> = ledger
        .recent_changes(3)
        .iter()
        .map(|(n, c)| (*n, c.at.as_str()))
        .collect();
    assert_eq!(recent, [(1, T3), (2, "2023-07-01T01:31:30Z"), (1, T2)]);
}

#[test]
fn ledger_light_uses_the_as_of_date() {
    let mut ledger = ledger();
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 1,
            progress: 10,
        },
        T1,
    );
    apply(
        &mut ledger,
        Action::SetAsOf {
            as_of: Some(date("2023-01-31")),
        },
        T1,
    );
    let light = ledger.light(1, date("2023-12-31"));
    assert!((light.expected - 31.0 * 100.0 / 365.0).abs() < 1e-9);
    assert_eq!(light.colour, luoshi::ledger::LightColour::Green);
    assert_eq!(
        ledger.light(99, date("2023-12-31")).colour,
        luoshi::ledger::LightColour::Green,
        "8.5 behind"
    );
    apply(&mut ledger, Action::SetAsOf { as_of: None }, T1);
    assert_eq!(
        ledger.light(99, date("2023-12-31")).colour,
        luoshi::ledger::LightColour::Red
    );
    // Task 99 was never touched: its colour is kept for the figures, but it reads 未填报.
    assert!(ledger.light(99, date("2023-12-31")).unreported);
    assert_eq!(ledger.light(99, date("2023-12-31")).text(), "未填报");
}

#[test]
fn undo_passes_over_edits_another_tab_already_reverted() {
    let mut ledger = ledger();
    apply(
        &mut ledger,
        Action::SetNotes {
            task: 1,
            notes: "a".into(),
        },
        T1,
    );
    apply(&mut ledger, Action::SetKey { task: 1, key: true }, T2);
    // Another tab's merge already cleared the flag: undoing it would change nothing.
    if let Some(annotation) = ledger.tasks.get_mut(&1) {
        annotation.key = false;
    }
    assert_eq!(
        apply(&mut ledger, Action::Undo, T3),
        changed(1, "notes"),
        "one click still undoes something"
    );
    assert_eq!(
        ledger.annotation(1).map(|a| a.notes.clone()),
        Some(String::new())
    );
    assert!(!ledger.can_undo());
    assert_eq!(ledger.redo.len(), 2);
}

#[test]
fn an_edit_that_can_no_longer_apply_is_dropped_from_the_stack() {
    let mut ledger = ledger();
    apply(
        &mut ledger,
        Action::AddTarget {
            task: 1,
            target: added_target(),
        },
        T1,
    );
    let id = ledger
        .annotation(1)
        .and_then(|a| a.added_targets.keys().next().copied())
        .unwrap_or_default();
    apply(
        &mut ledger,
        Action::SetActual {
            task: 1,
            target: TargetRef::Added(id),
            value: Some(5.0),
        },
        T2,
    );
    // Another tab removed the target (e.g. undid adding it).
    if let Some(annotation) = ledger.tasks.get_mut(&1) {
        annotation.added_targets.clear();
    }
    assert_eq!(
        ledger.apply(Action::Undo, T3),
        Err(LedgerError::UnknownTarget)
    );
    assert_eq!(
        ledger.undo.len(),
        1,
        "the broken edit is gone, the one before remains"
    );
    assert_eq!(
        apply(&mut ledger, Action::Undo, T3),
        Applied::NoChange,
        "the target is already absent"
    );
    assert!(!ledger.can_undo());
}

#[test]
fn values_display_as_people_read_them() {
    use luoshi::ledger::{display_value, format_number};
    assert_eq!(format_number(3200.0), "3200");
    assert_eq!(format_number(0.1 + 0.2), "0.3");
    assert_eq!(format_number(-2.5), "-2.5");
    assert_eq!(format_number(1e-9), "0");
    assert_eq!(display_value("status", None), "未启动");
    assert_eq!(
        display_value("status", Some(&json!({"kind": "behind"}))),
        "滞后"
    );
    assert_eq!(display_value("progress", None), "0");
    assert_eq!(display_value("key", None), "否");
    assert_eq!(display_value("hidden.3", Some(&json!(true))), "是");
    assert_eq!(display_value("added.5.hidden", None), "否");
    assert_eq!(display_value("added.5.actual", Some(&json!(2.0))), "2");
    assert_eq!(display_value("notes", None), "");
    assert_eq!(
        display_value("due", Some(&json!("2023-06-30"))),
        "2023-06-30"
    );
    let labels = [
        "actual.0",
        "hidden.1",
        "added.5",
        "added.5.actual",
        "report.2023-07.problems",
        "report.x.y",
        "odd",
    ]
    .map(luoshi::ledger::text::field_label);
    assert_eq!(
        labels,
        [
            "指标1 实际值",
            "指标2 隐藏",
            "新增指标",
            "新增指标 实际值",
            "2023年7月 存在问题",
            "x y",
            "odd"
        ]
    );
}

#[test]
fn an_untouched_task_borrows_the_empty_annotation() {
    let ledger = luoshi::ledger::Ledger::new("fp");
    assert_eq!(
        ledger.annotation_or_empty(3),
        &luoshi::ledger::Annotation::default()
    );
    assert_eq!(
        luoshi::ledger::EMPTY_ANNOTATION,
        luoshi::ledger::Annotation::default()
    );
}
