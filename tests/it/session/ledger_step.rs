//! The ledger session's state machine (`luoshi::session::ledger::Session::step`): every message the
//! app's `LedgerProvider` dispatches, with what it does to the session and whether a save follows.
//! The provider only opens the session from storage and wires timers and listeners to it.

use std::rc::Rc;

use luoshi::ledger::{Action, Ledger, Status, Who};
use luoshi::session::ledger::{Effect, Msg, ReadOnly, SavePlan, SaveState, Session, Unreadable};

/// The caller's storage error (the app's is `StorageError`).
#[derive(Debug, Clone, PartialEq)]
enum Failure {
    Quota,
}

type S = Session<Failure>;

const NOW: &str = "2023-07-01T10:00:00+08:00";

fn edit(task: u32, status: Status) -> Msg<Failure> {
    Msg::Apply {
        action: Action::SetStatus { task, status },
        now: NOW.into(),
    }
}

fn ledger_with(task: u32, status: Status, who: &str) -> Ledger {
    let mut ledger = Ledger::new("fp");
    ledger.user = Who {
        name: who.into(),
        unit: "区科技局".into(),
    };
    if let Err(error) = ledger.apply(Action::SetStatus { task, status }, NOW) {
        panic!("scripted action failed: {error}");
    }
    ledger
}

fn unreadable(backup_key: Option<&str>) -> Unreadable {
    Unreadable {
        message: "无法读取".into(),
        raw: Rc::from("{broken"),
        backup_key: backup_key.map(String::from),
    }
}

#[test]
fn an_edit_changes_the_ledger_and_asks_for_a_save() {
    let mut session = S::new("fp");
    assert!(!session.has_unsaved());
    assert_eq!(session.step(edit(1, Status::Done)), Effect::SaveSoon);
    assert_eq!(session.revision, 1);
    assert!(session.has_unsaved());
    assert_eq!(session.save, SaveState::Pending);
    assert!(session.ledger.annotation(1).is_some());
    // The same edit again changes nothing: no new revision, no save.
    assert_eq!(session.step(edit(1, Status::Done)), Effect::Unchanged);
    assert_eq!(session.revision, 1);
    // A refused edit (no such period field, undo with nothing to undo twice…) changes nothing.
    assert_eq!(
        session.step(Msg::Apply {
            action: Action::Redo,
            now: NOW.into()
        }),
        Effect::Unchanged
    );
    // Undo is an edit like any other.
    assert_eq!(
        session.step(Msg::Apply {
            action: Action::Undo,
            now: NOW.into()
        }),
        Effect::SaveSoon
    );
    assert_eq!(session.revision, 2);
}

#[test]
fn a_save_done_marks_its_revision_saved_and_a_newer_edit_keeps_it_pending() {
    let mut session = S::new("fp");
    session.step(edit(1, Status::Done));
    assert_eq!(session.save_plan(None, None), SavePlan::Write);
    // The write of revision 1 finishes after a further edit (revision 2): still pending.
    session.step(edit(2, Status::Behind));
    assert_eq!(
        session.step(Msg::Saved {
            revision: 1,
            at: "10:00:01".into()
        }),
        Effect::Changed
    );
    assert_eq!(session.saved_revision, 1);
    assert_eq!(session.save, SaveState::Pending);
    assert!(session.has_unsaved());
    session.step(Msg::Saved {
        revision: 2,
        at: "10:00:02".into(),
    });
    assert_eq!(
        session.save,
        SaveState::Saved {
            at: "10:00:02".into()
        }
    );
    assert!(!session.has_unsaved());
    assert_eq!(session.save_plan(Some("x"), Some("x")), SavePlan::Nothing);
    // A late report of an older write never lowers what is saved.
    session.step(Msg::Saved {
        revision: 1,
        at: "10:00:03".into(),
    });
    assert_eq!(session.saved_revision, 2);
}

#[test]
fn a_failed_save_stays_shown_until_a_write_succeeds() {
    let mut session = S::new("fp");
    session.step(edit(1, Status::Done));
    assert_eq!(
        session.step(Msg::SaveFailed(Failure::Quota)),
        Effect::Changed
    );
    assert_eq!(session.save, SaveState::Failed(Failure::Quota));
    // A further edit is still to be written, but the failure stays on screen, not "保存中".
    assert_eq!(session.step(edit(2, Status::Done)), Effect::SaveSoon);
    assert_eq!(session.save, SaveState::Failed(Failure::Quota));
    session.step(Msg::Saved {
        revision: 2,
        at: "10:01:00".into(),
    });
    assert_eq!(
        session.save,
        SaveState::Saved {
            at: "10:01:00".into()
        }
    );
}

#[test]
fn another_tabs_write_is_adopted_merged_and_saved_or_ignored() {
    let mut session = S::new("fp");
    // Their write, nothing of ours waiting: adopted as it is, nothing to write.
    let theirs = ledger_with(1, Status::Done, "乙");
    assert_eq!(
        session.step(Msg::Theirs(Some(theirs.clone()))),
        Effect::Changed
    );
    // Their tasks and settings (their undo stack stays theirs).
    assert_eq!(session.ledger.tasks, theirs.tasks);
    assert_eq!(session.ledger.user, theirs.user);
    assert_eq!(session.revision, 0);
    // The same write again: nothing.
    assert_eq!(
        session.step(Msg::Theirs(Some(theirs.clone()))),
        Effect::Unchanged
    );
    // An edit of ours waits, then their write lacking it comes: merged, and saved.
    session.step(edit(2, Status::Behind));
    let revision = session.revision;
    assert_eq!(session.step(Msg::Theirs(Some(theirs))), Effect::SaveSoon);
    assert_eq!(session.revision, revision + 1);
    assert!(session.ledger.annotation(1).is_some() && session.ledger.annotation(2).is_some());
    // A write for another document changes nothing.
    let mut other = ledger_with(3, Status::Done, "丙");
    other.fingerprint = "other".into();
    assert_eq!(session.step(Msg::Theirs(Some(other))), Effect::Unchanged);
    // Another tab removed our key: ours is written back.
    let revision = session.revision;
    assert_eq!(session.step(Msg::Theirs(None)), Effect::SaveSoon);
    assert_eq!(session.revision, revision + 1);
    assert!(session.ledger.annotation(2).is_some());
}

#[test]
fn an_unreadable_stored_value_moved_aside_lets_saving_go_on() {
    let mut session = S::unreadable("fp", unreadable(Some("luoshi.ledger.fp.unreadable")));
    assert!(!session.saving_off && session.may_save());
    assert!(session.unreadable.is_some());
    session.step(edit(1, Status::Done));
    assert_eq!(session.save_plan(None, None), SavePlan::Write);
    // The person dismisses the notice.
    assert_eq!(session.step(Msg::DismissUnreadable), Effect::Changed);
    assert_eq!(session.unreadable, None);
    assert_eq!(session.step(Msg::DismissUnreadable), Effect::Unchanged);
}

#[test]
fn an_unreadable_value_kept_in_place_turns_saving_off_for_good() {
    // Found while saving: the value could not be moved aside, so writing would destroy it.
    let mut session = S::new("fp");
    session.step(edit(1, Status::Done));
    assert_eq!(session.save, SaveState::Pending);
    assert_eq!(
        session.step(Msg::FoundUnreadable(unreadable(None))),
        Effect::Changed
    );
    assert!(session.saving_off && !session.may_save());
    assert_eq!(session.save, SaveState::Idle);
    // Edits go on in the page but are never written, and the notice cannot be dismissed.
    assert_eq!(session.step(edit(2, Status::Done)), Effect::SaveSoon);
    assert_eq!(session.save, SaveState::Idle);
    assert_eq!(session.save_plan(Some("{broken"), None), SavePlan::Nothing);
    assert_eq!(session.step(Msg::DismissUnreadable), Effect::Unchanged);
    assert!(session.unreadable.is_some());
    // A later value moved aside does not turn saving back on.
    session.step(Msg::FoundUnreadable(unreadable(Some("backup"))));
    assert!(session.saving_off);
    // Opened that way, the same.
    let opened = S::unreadable("fp", unreadable(None));
    assert!(opened.saving_off);
}

#[test]
fn a_newer_stored_ledger_makes_the_page_read_only() {
    let mut session = S::blocked("fp", "由更新版本保存".into());
    assert_eq!(
        session.read_only,
        Some(ReadOnly::Blocked {
            message: "由更新版本保存".into()
        })
    );
    assert!(!session.may_save());
    assert_eq!(session.step(edit(1, Status::Done)), Effect::Unchanged);
    assert_eq!(
        session.step(Msg::Replace(ledger_with(1, Status::Done, "甲"))),
        Effect::Unchanged
    );
    assert_eq!(session.revision, 0);
    // Found while saving: the page turns read-only from then on.
    let mut session = S::new("fp");
    session.step(edit(1, Status::Done));
    assert_eq!(
        session.step(Msg::Blocked {
            message: "新版本".into()
        }),
        Effect::Changed
    );
    assert_eq!(session.step(edit(2, Status::Done)), Effect::Unchanged);
    assert_eq!(session.save_plan(Some("newer"), None), SavePlan::Nothing);
}

#[test]
fn replace_after_an_import_and_its_undo_from_the_backup_are_saved() {
    let mut session = S::new("fp");
    session.step(edit(1, Status::Behind));
    session.step(Msg::Saved {
        revision: 1,
        at: "10:00:00".into(),
    });
    // The import's undo backup is the ledger before it.
    let backup = (*session.ledger).clone();
    let imported = ledger_with(5, Status::Done, "乙");
    assert_eq!(
        session.step(Msg::Replace(imported.clone())),
        Effect::SaveSoon
    );
    assert_eq!(*session.ledger, imported);
    assert_eq!(session.save, SaveState::Pending);
    // 撤销导入: the backup comes back as a change to write.
    assert_eq!(session.step(Msg::Replace(backup.clone())), Effect::SaveSoon);
    assert_eq!(*session.ledger, backup);
    assert_eq!(session.revision, 3);
    // Replacing with the ledger already shown changes nothing.
    assert_eq!(session.step(Msg::Replace(backup)), Effect::Unchanged);
}

#[test]
fn opening_a_stored_ledger_writes_back_only_an_upgraded_one() {
    let stored = ledger_with(1, Status::Done, "甲");
    let session = S::stored(stored.clone(), false, Vec::new());
    assert_eq!(*session.ledger, stored);
    assert!(!session.has_unsaved());
    // An older format, or values moved to units' entries: written back in the new form.
    let upgraded = S::stored(stored.clone(), true, Vec::new());
    assert!(upgraded.has_unsaved());
    let moved = S::stored(stored, false, vec![1, 4]);
    assert!(moved.has_unsaved());
    assert_eq!(moved.moved_to_units, [1, 4]);
    // Storage unusable: edits stay in the page.
    let mut unavailable = S::unavailable("fp");
    assert!(unavailable.unavailable);
    assert_eq!(unavailable.step(edit(1, Status::Done)), Effect::SaveSoon);
}

/// A page that hydrates the prerendered first view starts from the nothing-stored session and
/// opens the stored one after its first render (`Msg::Opened`, the app's `LedgerProvider`).
#[test]
fn a_session_opened_after_the_first_render_is_taken_whole_and_never_saved_over() {
    let stored = ledger_with(1, Status::Done, "甲");
    // The usual case: nothing happened in the page yet. The stored ledger is shown and nothing
    // is written: the nothing-stored ledger never reaches storage.
    let mut session = S::new("fp");
    let opened = S::stored(stored.clone(), false, Vec::new());
    assert_eq!(
        session.step(Msg::Opened(Box::new(opened.clone()))),
        Effect::Changed
    );
    assert_eq!(session, opened);
    assert!(!session.has_unsaved());
    assert_eq!(session.save_plan(None, None), SavePlan::Nothing);
    // Opening it again (or a first-time visitor's empty storage) changes nothing: no re-render.
    assert_eq!(
        session.step(Msg::Opened(Box::new(opened))),
        Effect::Unchanged
    );
    let mut first_visit = S::new("fp");
    assert_eq!(
        first_visit.step(Msg::Opened(Box::new(S::new("fp")))),
        Effect::Unchanged
    );
    // An upgraded ledger is written back, as when opened at once.
    let mut session = S::new("fp");
    let upgraded = S::stored(stored.clone(), true, Vec::new());
    assert_eq!(
        session.step(Msg::Opened(Box::new(upgraded))),
        Effect::SaveSoon
    );
    assert!(session.has_unsaved());
    assert_eq!(*session.ledger, stored);
    // Another document's session is not ours.
    let mut session = S::new("fp");
    let other = S::stored(
        Ledger {
            fingerprint: "other".into(),
            ..stored.clone()
        },
        false,
        Vec::new(),
    );
    assert_eq!(
        session.step(Msg::Opened(Box::new(other))),
        Effect::Unchanged
    );
}

#[test]
fn a_change_made_before_the_stored_session_opened_is_merged_over_it_and_saved() {
    let stored = ledger_with(1, Status::Done, "甲");
    // Another tab's write arrived before the stored session was opened: it is on screen (adopted,
    // nothing to write), and opening the same stored ledger keeps it.
    let mut session = S::new("fp");
    let theirs = ledger_with(2, Status::Behind, "乙");
    assert_eq!(
        session.step(Msg::Theirs(Some(theirs.clone()))),
        Effect::Changed
    );
    assert_eq!(session.revision, 0);
    assert_eq!(
        session.step(Msg::Opened(Box::new(S::stored(
            theirs.clone(),
            false,
            Vec::new()
        )))),
        Effect::Changed
    );
    assert_eq!(*session.ledger, theirs);
    assert!(!session.has_unsaved());
    // An edit made before opening: both the stored task and the edit are kept, and saved.
    let mut session = S::new("fp");
    session.step(edit(5, Status::Behind));
    let effect = session.step(Msg::Opened(Box::new(S::stored(
        stored.clone(),
        false,
        Vec::new(),
    ))));
    assert_eq!(effect, Effect::SaveSoon);
    assert!(
        session.ledger.annotation(1).is_some(),
        "the stored task stays"
    );
    assert!(
        session.ledger.annotation(5).is_some(),
        "the page's edit stays"
    );
    assert!(session.has_unsaved());
    assert_eq!(session.revision, 2);
    // Stored by a newer version: read-only, nothing of ours written.
    let mut session = S::new("fp");
    session.step(edit(5, Status::Behind));
    let blocked = S::blocked("fp", "新版本".into());
    session.step(Msg::Opened(Box::new(blocked)));
    assert!(matches!(session.read_only, Some(ReadOnly::Blocked { .. })));
    assert!(!session.may_save());
    assert_eq!(session.save_plan(None, None), SavePlan::Nothing);
    // Unreadable and not moved aside: saving stays off.
    let mut session = S::new("fp");
    session.step(edit(5, Status::Behind));
    session.step(Msg::Opened(Box::new(S::unreadable("fp", unreadable(None)))));
    assert!(session.saving_off);
    assert_eq!(session.save_plan(Some("{broken"), None), SavePlan::Nothing);
}
