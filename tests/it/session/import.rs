//! The import flow (`luoshi::session::import`): refusals by file, the preview and its choices,
//! applying with the undo backup, whether the backup was kept, and undoing.

use luoshi::ledger::{Action, Ledger, Status, Who};
use luoshi::session::import::{ImportFlow, ImportMsg, ImportNotice, READ_FAILED};
use luoshi::snapshot::{self, Coverage, Resolution};
use luoshi::store::ImportBackup;
use luoshi::Document;
use std::rc::Rc;

const NOW: &str = "2023-07-02T09:00:00+08:00";

fn set_status(ledger: &mut Ledger, task: u32, status: Status, now: &str) {
    if let Err(error) = ledger.apply(Action::SetStatus { task, status }, now) {
        panic!("scripted action failed: {error}");
    }
}

/// Mine set task 1 behind; theirs (张三) set it on schedule and task 2 done: one conflict, one new.
fn mine_and_file(doc: &Document) -> (Ledger, Vec<u8>) {
    let mut mine = Ledger::new(doc.fingerprint.clone());
    set_status(&mut mine, 1, Status::Behind, "2023-07-01T09:00:00+08:00");
    let mut theirs = Ledger::new(doc.fingerprint.clone());
    theirs.user = Who {
        name: "张三".into(),
        unit: "区科技局".into(),
    };
    set_status(
        &mut theirs,
        1,
        Status::OnSchedule,
        "2023-07-01T10:00:00+08:00",
    );
    set_status(&mut theirs, 2, Status::Done, "2023-07-01T10:05:00+08:00");
    let json = snapshot::export(doc, &theirs, Coverage::All, "2023-07-01T11:00:00+08:00").to_json();
    (mine, json.into_bytes())
}

#[test]
fn unreadable_and_invalid_files_are_refused_by_name_and_valid_ones_previewed() {
    let doc = luoshi::seed_document();
    let (mine, file) = mine_and_file(&doc);
    let files = vec![
        ("坏.json".to_string(), None),
        ("乱码.json".to_string(), Some(b"not json".to_vec())),
        ("科技局.json".to_string(), Some(file)),
    ];
    let flow = ImportFlow::check(&files, &doc, &mine, NOW);
    assert_eq!(flow.refused.len(), 2);
    assert_eq!(flow.refused[0], format!("坏.json：{READ_FAILED}"));
    assert!(
        flow.refused[1].starts_with("乱码.json："),
        "{:?}",
        flow.refused
    );
    let (preview, resolutions) = flow.pending.as_ref().expect("the valid file is previewed");
    assert_eq!(preview.sources.len(), 1);
    // Conflicts start undecided: the value that stands (the newer edit, theirs) holds meanwhile.
    assert_eq!(resolutions.get(1, "status"), None);
    // Nothing was applied by checking.
    assert!(flow.backup.is_none() && flow.notice.is_none());
}

#[test]
fn only_refusals_leave_nothing_pending() {
    let doc = luoshi::seed_document();
    let (mine, _) = mine_and_file(&doc);
    let flow = ImportFlow::check(&[("x.json".into(), Some(b"{}".to_vec()))], &doc, &mine, NOW);
    assert_eq!(flow.refused.len(), 1);
    assert!(flow.pending.is_none());
}

#[test]
fn choices_apply_and_the_backup_undoes_exactly_the_import() {
    let doc = luoshi::seed_document();
    let (mine, file) = mine_and_file(&doc);
    let flow = ImportFlow::check(&[("科技局.json".into(), Some(file))], &doc, &mine, NOW)
        .step(ImportMsg::All(Resolution::KeepThis));
    let (merged, backup) = flow.apply(&mine, NOW).expect("pending preview applies");
    let status = |l: &Ledger, task| l.annotation(task).map(|a| a.status.clone());
    assert_eq!(status(&merged, 1), Some(Status::OnSchedule));
    assert_eq!(status(&merged, 2), Some(Status::Done));

    let applied = flow.step(ImportMsg::Applied {
        backup: Rc::new(backup),
        kept: true,
    });
    assert_eq!(applied.notice, Some(ImportNotice::Imported));
    assert!(applied.pending.is_none());
    assert!(applied.offers_undo(true));
    assert!(!applied.offers_undo(false));
    assert_eq!(applied.undo(&merged).as_ref(), Some(&mine));

    // After a later edit the import can no longer be undone (the edit would be lost).
    let mut edited = merged.clone();
    set_status(&mut edited, 3, Status::Behind, "2023-07-02T10:00:00+08:00");
    assert_eq!(applied.undo(&edited), None);

    let undone = applied.step(ImportMsg::Undone);
    assert_eq!(undone.notice, Some(ImportNotice::Undone));
    assert!(undone.backup.is_none());
}

#[test]
fn each_conflict_is_settled_separately() {
    let doc = luoshi::seed_document();
    let (mine, file) = mine_and_file(&doc);
    // Keep "that" (my older 滞后) for task 1 after choosing "this" for all.
    let flow = ImportFlow::check(&[("科技局.json".into(), Some(file))], &doc, &mine, NOW)
        .step(ImportMsg::All(Resolution::KeepThis))
        .step(ImportMsg::Resolve(1, "status".into(), Resolution::KeepThat));
    let (merged, _) = flow.apply(&mine, NOW).expect("applies");
    assert_eq!(
        merged.annotation(1).map(|a| a.status.clone()),
        Some(Status::Behind)
    );
    assert_eq!(
        merged.annotation(2).map(|a| a.status.clone()),
        Some(Status::Done)
    );
}

#[test]
fn a_backup_that_could_not_be_stored_is_reported() {
    let doc = luoshi::seed_document();
    let (mine, file) = mine_and_file(&doc);
    let flow = ImportFlow::check(&[("科技局.json".into(), Some(file))], &doc, &mine, NOW);
    let (merged, backup) = flow.apply(&mine, NOW).expect("applies");
    let applied = flow.step(ImportMsg::Applied {
        backup: Rc::new(backup),
        kept: false,
    });
    assert_eq!(applied.notice, Some(ImportNotice::ImportedBackupNotKept));
    // The undo still works in this page.
    assert_eq!(applied.undo(&merged).as_ref(), Some(&mine));
}

#[test]
fn the_backup_survives_checking_cancelling_and_notices_and_resumes_from_storage() {
    let doc = luoshi::seed_document();
    let (mine, file) = mine_and_file(&doc);
    let flow = ImportFlow::check(
        &[("科技局.json".into(), Some(file.clone()))],
        &doc,
        &mine,
        NOW,
    );
    let (merged, backup) = flow.apply(&mine, NOW).expect("applies");
    let stored = backup.encode();
    let applied = flow.step(ImportMsg::Applied {
        backup: Rc::new(backup),
        kept: true,
    });
    let again = applied
        .step(ImportMsg::Checked(ImportFlow::check(
            &[("科技局.json".into(), Some(file))],
            &doc,
            &merged,
            NOW,
        )))
        .step(ImportMsg::Cancel)
        .step(ImportMsg::Notice(ImportNotice::ReadOnly));
    assert_eq!(again.backup, applied.backup);
    assert_eq!(again.notice, Some(ImportNotice::ReadOnly));
    // While a preview is pending, 撤销导入 is not offered.
    assert!(!ImportFlow::check(&[], &doc, &merged, NOW)
        .step(ImportMsg::Checked(ImportFlow::of_link(
            &snapshot::import(
                "l.json",
                snapshot::export(&doc, &merged, Coverage::All, NOW)
                    .to_json()
                    .as_bytes(),
                &doc
            )
            .expect("own export imports"),
            &merged,
            NOW
        )))
        .offers_undo(true));

    // A reload: the stored backup is read back; anything else is ignored.
    let resumed = ImportFlow::resume(Some(&stored));
    assert_eq!(resumed.undo(&merged).as_ref(), Some(&mine));
    assert!(ImportFlow::resume(Some("luoshi.before-import v0\n"))
        .backup
        .is_none());
    assert!(ImportFlow::resume(None).backup.is_none());
    assert_eq!(
        resumed.backup.as_deref(),
        ImportBackup::decode(&stored).as_ref()
    );
}
