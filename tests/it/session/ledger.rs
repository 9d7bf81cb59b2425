//! The ledger session's storage decisions (`luoshi::session::ledger`): the two-tab merge and the
//! save plan, which the app's `ledger_state` only wires to storage events and timers.

use luoshi::ledger::{Action, Ledger, Status, Who};
use luoshi::period::Cadence;
use luoshi::session::ledger::{save_plan, theirs, SavePlan, Theirs};

fn tab(name: &str) -> Ledger {
    let mut ledger = Ledger::new("fp");
    ledger.user = Who {
        name: name.into(),
        unit: "区科技局".into(),
    };
    ledger
}

fn set(ledger: &mut Ledger, task: u32, status: Status, now: &str) {
    if let Err(error) = ledger.apply(Action::SetStatus { task, status }, now) {
        panic!("scripted action failed: {error}");
    }
}

#[test]
fn a_write_for_another_document_changes_nothing() {
    let mine = tab("甲");
    let mut other = tab("乙");
    other.fingerprint = "other".into();
    set(&mut other, 1, Status::Done, "2023-07-01T10:00:00+08:00");
    assert_eq!(theirs(&mine, &other, true), Theirs::Unchanged);
}

#[test]
fn their_newer_write_is_adopted_with_their_settings_when_nothing_of_ours_waits() {
    let mine = tab("甲");
    let mut other = tab("乙");
    other.cadence = Cadence::Monthly;
    set(&mut other, 1, Status::Done, "2023-07-01T10:00:00+08:00");
    match theirs(&mine, &other, false) {
        Theirs::Adopt(merged) => {
            assert_eq!(merged.tasks, other.tasks);
            assert_eq!(merged.user, other.user);
            assert_eq!(merged.cadence, Cadence::Monthly);
        }
        outcome => panic!("expected Adopt, got {outcome:?}"),
    }
    // The same write again adds nothing.
    assert_eq!(theirs(&other, &other, false), Theirs::Unchanged);
}

#[test]
fn a_write_lacking_our_edits_is_merged_and_saved() {
    let mut mine = tab("甲");
    set(&mut mine, 2, Status::Behind, "2023-07-01T09:00:00+08:00");
    let mut other = tab("乙");
    set(&mut other, 1, Status::Done, "2023-07-01T10:00:00+08:00");
    match theirs(&mine, &other, false) {
        Theirs::Save(merged) => {
            assert!(merged.annotation(1).is_some() && merged.annotation(2).is_some());
        }
        outcome => panic!("expected Save, got {outcome:?}"),
    }
}

#[test]
fn a_waiting_save_of_ours_keeps_our_settings_and_still_saves() {
    let mut mine = tab("甲");
    set(&mut mine, 2, Status::Behind, "2023-07-01T09:00:00+08:00");
    let mut other = mine.clone();
    other.user.name = "乙".into();
    other.cadence = Cadence::Monthly;
    // Their write holds everything of ours, but our save stopped to merge it: it must still run.
    match theirs(&mine, &other, true) {
        Theirs::Save(merged) => {
            assert_eq!(merged.user, mine.user);
            assert_eq!(merged.cadence, mine.cadence);
        }
        outcome => panic!("expected Save, got {outcome:?}"),
    }
}

#[test]
fn the_save_plan_merges_another_tabs_write_first() {
    // Nothing to do while read-only / saving off, or with nothing unsaved.
    assert_eq!(
        save_plan(false, true, Some("a"), Some("b")),
        SavePlan::Nothing
    );
    assert_eq!(
        save_plan(true, false, Some("a"), Some("b")),
        SavePlan::Nothing
    );
    // Storage holds what we last knew, or nothing: write.
    assert_eq!(save_plan(true, true, Some("a"), Some("a")), SavePlan::Write);
    assert_eq!(save_plan(true, true, None, Some("a")), SavePlan::Write);
    assert_eq!(save_plan(true, true, None, None), SavePlan::Write);
    // Someone wrote since we looked (or before we ever looked): merge theirs first.
    assert_eq!(
        save_plan(true, true, Some("b"), Some("a")),
        SavePlan::MergeFirst
    );
    assert_eq!(save_plan(true, true, Some("b"), None), SavePlan::MergeFirst);
}
