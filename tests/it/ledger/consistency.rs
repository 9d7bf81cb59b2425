//! The consistency rule: a status the task's progress or 序时 light contradicts is named, in plain
//! Chinese; 已完成 brings progress to 100%.

use luoshi::ledger::{
    inconsistency, status_edits, Action, Annotation, Inconsistency, Ledger, Status,
};
use luoshi::period::Date;
use proptest::prelude::*;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("bad date {text}"))
}

fn task(status: Status, progress: u8) -> Annotation {
    Annotation {
        status,
        progress,
        ..Annotation::default()
    }
}

/// 2 July: 序时进度 is 50.1% (183/365) without a due date.
const MID_YEAR: &str = "2023-07-02";

fn finding(status: Status, progress: u8) -> Option<String> {
    inconsistency(&task(status, progress), date(MID_YEAR)).map(|i| i.message())
}

#[test]
fn the_issues_contradictions_are_named() {
    assert_eq!(
        finding(Status::Done, 0).as_deref(),
        Some("状态为已完成，但进度只有 0%")
    );
    assert_eq!(
        finding(Status::OnSchedule, 10).as_deref(),
        Some("状态为序时推进，但进度落后序时 40.1 个百分点（红灯）")
    );
    assert_eq!(
        finding(Status::AheadOfSchedule, 30).as_deref(),
        Some("状态为超序时，但进度落后序时 20.1 个百分点（黄灯）")
    );
    assert_eq!(
        finding(Status::NotStarted, 30).as_deref(),
        Some("状态为未启动，但进度已填 30%")
    );
    assert_eq!(
        finding(Status::Behind, 60).as_deref(),
        Some("状态为滞后，但进度已达到序时进度 50.1%")
    );
}

#[test]
fn agreeing_statuses_and_untouched_tasks_are_not_flagged() {
    for (status, progress) in [
        (Status::NotStarted, 0),
        (Status::Done, 100),
        (Status::OnSchedule, 45),
        (Status::AheadOfSchedule, 70),
        (Status::Behind, 20),
        (Status::Behind, 45),
        (Status::Other("指标调整".into()), 0),
    ] {
        assert_eq!(
            finding(status.clone(), progress),
            None,
            "{status:?} at {progress}%"
        );
    }
}

#[test]
fn a_due_date_moves_the_light_and_so_the_finding() {
    let mut annotation = task(Status::OnSchedule, 40);
    annotation.due = Some(date("2023-07-31"));
    let found = inconsistency(&annotation, date(MID_YEAR));
    assert!(
        matches!(
            found,
            Some(Inconsistency::ClaimsOnTrackButBehind {
                colour: luoshi::ledger::LightColour::Red,
                ..
            })
        ),
        "{found:?}"
    );
}

#[test]
fn choosing_done_also_brings_progress_to_100() {
    let doc = luoshi::seed_document();
    let mut ledger = Ledger::new(doc.fingerprint.clone());
    let now = "2023-07-02T09:00:00+08:00";
    let _ = ledger.apply(
        Action::SetProgress {
            task: 3,
            progress: 40,
        },
        now,
    );
    let current = ledger.annotation(3).cloned().unwrap_or_default();
    for edit in status_edits(3, Status::Done, &current) {
        let _ = ledger.apply(edit, now);
    }
    let after = ledger.annotation(3).cloned().unwrap_or_default();
    assert_eq!((after.status.clone(), after.progress), (Status::Done, 100));
    assert_eq!(inconsistency(&after, date(MID_YEAR)), None);
    // Undo takes back the progress first, then the status.
    let _ = ledger.apply(Action::Undo, now);
    assert_eq!(ledger.annotation(3).map(|a| a.progress), Some(40));
    // Other statuses touch nothing else.
    assert_eq!(
        status_edits(3, Status::Behind, &after),
        vec![Action::SetStatus {
            task: 3,
            status: Status::Behind
        }]
    );
    assert_eq!(status_edits(3, Status::Done, &after).len(), 1);
}

proptest! {
    /// Over every status, progress and date: a finding exactly when the status contradicts the
    /// figures, and its message is Chinese with the figures in it.
    #[test]
    fn the_rule_matches_its_definition(
        kind in 0usize..6,
        progress in 0u8..=100,
        day in 0i64..365,
    ) {
        let status = Status::choices()[kind].clone();
        let status = if let Status::Other(_) = status { Status::Other("原因".into()) } else { status };
        let as_of = Date::first_of_year(2023).add_days(day);
        let annotation = task(status.clone(), progress);
        let light = luoshi::ledger::light(&annotation, as_of);
        let expected = match status {
            Status::Done => progress < 100,
            Status::NotStarted => progress > 0,
            Status::OnSchedule | Status::AheadOfSchedule => light.colour != luoshi::ledger::LightColour::Green,
            Status::Behind => light.gap <= 0.0,
            Status::Other(_) => false,
        };
        let found = inconsistency(&annotation, as_of);
        prop_assert_eq!(found.is_some(), expected, "{:?} {} {:?}", status, progress, found);
        if let Some(found) = found {
            let message = found.message();
            prop_assert!(message.starts_with("状态为"), "{}", message);
            prop_assert!(!message.chars().any(|c| c.is_ascii_alphabetic()), "{}", message);
        }
    }
}
