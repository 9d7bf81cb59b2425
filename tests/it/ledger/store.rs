//! The stored format: keys, encode/decode, migration from version 1, and unreadable data.

use luoshi::document::Comparator;
use luoshi::ledger::{Action, Ledger, ReportField, Status, TargetRef, UserTarget, Who};
use luoshi::period::{Cadence, Date, Period};
use luoshi::store::{self, Load, StoreError};

const FINGERPRINT: &str = "c9d552659cfe4372ba422d95bd2a3cd93c10bffea274b70de8f8c86108b8e3b6";
const V1: &str = include_str!("../../fixtures/ledger/v1.json");
const V2: &str = include_str!("../../fixtures/ledger/v2.json");
const NOW: &str = "2023-07-01T09:30:00+08:00";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("test date {text}"))
}

fn decoded(raw: &str) -> Ledger {
    store::decode(raw).unwrap_or_else(|e| panic!("decode failed: {e:?}"))
}

#[test]
fn keys_are_namespaced_per_document() {
    assert_eq!(store::storage_key("abc"), "luoshi.ledger.abc");
    assert_eq!(
        store::backup_key("abc", NOW),
        "luoshi.backup.abc.2023-07-01T09:30:00+08:00"
    );
    assert_ne!(store::storage_key("abc"), store::storage_key("abd"));
}

#[test]
fn the_seed_fingerprint_matches_the_fixtures() {
    assert_eq!(
        luoshi::fingerprint::fingerprint(luoshi::SEED_TEXT),
        FINGERPRINT
    );
}

#[test]
fn version_1_fixture_migrates() {
    let (ledger, version) = store::decode_versioned(V1).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(version, 1);
    assert_eq!(ledger.fingerprint, FINGERPRINT);
    assert_eq!(
        ledger.cadence,
        Cadence::Quarterly,
        "v1 had no cadence: quarterly"
    );
    assert_eq!(ledger.as_of, None);
    assert_eq!(
        ledger.user,
        Who {
            name: "张三".into(),
            unit: String::new()
        }
    );
    assert_eq!(
        ledger.last_export.as_deref(),
        Some("2023-06-20T17:45:00+08:00")
    );
    assert!(ledger.undo.is_empty() && ledger.redo.is_empty());

    let task1 = ledger.annotation(1).cloned().unwrap_or_default();
    assert_eq!(task1.status, Status::OnSchedule);
    assert_eq!(task1.progress, 45);
    let q2 = task1
        .report(Period::Quarter {
            year: 2023,
            quarter: 2,
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(q2.progress_text, "已推荐12家企业承担省级科技计划");
    assert_eq!(q2.problems, "部分企业研发投入不足");
    assert_eq!(q2.next_steps, "三季度开展创新能力画像");
    assert_eq!(task1.reports.len(), 1, "the empty 2023Q1 report is dropped");
    assert_eq!(task1.actual(TargetRef::Parsed(0)), Some(12.0));
    assert_eq!(
        (task1.owner.as_str(), task1.phone.as_str()),
        ("李四", "0532-87868535")
    );
    assert_eq!(task1.due, Some(date("2023-12-31")));
    assert!(task1.key && !task1.supervised);
    let paths: Vec<&str> = task1.history.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        paths,
        [
            "status",
            "report.2023Q2.progress_text",
            "report.2023Q2.next_steps",
            "progress"
        ]
    );
    assert_eq!(
        task1.history[0].who,
        Who {
            name: "张三".into(),
            unit: String::new()
        }
    );

    assert_eq!(
        ledger.annotation(7).map(|a| a.status.clone()),
        Some(Status::Other("指标调整".into()))
    );
    assert_eq!(ledger.annotation(7).map(|a| a.supervised), Some(true));
    assert_eq!(
        ledger
            .annotation(69)
            .map(|a| (a.status.clone(), a.progress)),
        Some((Status::Done, 100))
    );
    assert_eq!(
        ledger
            .annotation(70)
            .map(|a| (a.status.clone(), a.notes.clone())),
        Some((Status::NotStarted, "待明确牵头单位".into()))
    );
}

#[test]
fn version_2_fixture_reads() {
    let (ledger, version) = store::decode_versioned(V2).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(version, 2);
    assert_eq!(ledger.cadence, Cadence::Monthly);
    assert_eq!(ledger.as_of, Some(date("2023-06-30")));
    assert_eq!(ledger.user.unit, "区科技局");
    let task1 = ledger.annotation(1).cloned().unwrap_or_default();
    assert_eq!(
        task1
            .report(Period::Month {
                year: 2023,
                month: 6
            })
            .map(|r| r.next_steps.as_str()),
        Some("三季度开展创新能力画像")
    );
    let added = task1
        .added_targets
        .get(&1_688_000_000_000)
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (added.target.comparator, added.actual),
        (Comparator::AtLeast, Some(30.0))
    );
    assert!(task1.is_hidden(TargetRef::Parsed(2)));
    assert_eq!(
        ledger.annotation(7).map(|a| a.status.clone()),
        Some(Status::Other("指标调整".into()))
    );
    // The stored undo stack still works after a reload.
    let mut ledger = ledger;
    assert!(ledger.apply(Action::Undo, NOW).is_ok());
    assert_eq!(ledger.annotation(1).map(|a| a.progress), Some(30));
}

#[test]
fn encode_then_decode_is_identity() {
    for raw in [V1, V2] {
        let ledger = decoded(raw);
        let encoded = store::encode(&ledger);
        assert_eq!(decoded(&encoded), ledger);
        let value: serde_json::Value = serde_json::from_str(&encoded).unwrap_or_default();
        assert_eq!(value["format"], "luoshi.ledger");
        assert_eq!(value["version"], 2);
    }
}

#[test]
fn a_ledger_built_by_actions_survives_storage() {
    let mut ledger = Ledger::new(FINGERPRINT);
    ledger.user = Who {
        name: "王五".into(),
        unit: "区财政局".into(),
    };
    let q3 = Period::Quarter {
        year: 2023,
        quarter: 3,
    };
    let target = UserTarget {
        text: "投资".into(),
        value: 0.1,
        value_max: Some(0.3),
        unit: Some("亿元".into()),
        comparator: Comparator::About,
    };
    let actions = [
        Action::SetCadence {
            cadence: Cadence::Monthly,
        },
        Action::SetStatus {
            task: 12,
            status: Status::Other("资金未到位".into()),
        },
        Action::SetProgress {
            task: 12,
            progress: 33,
        },
        Action::SetReport {
            task: 12,
            period: q3,
            field: ReportField::Problems,
            text: "“引号”\n换行\t制表".into(),
        },
        Action::SetActual {
            task: 12,
            target: TargetRef::Parsed(3),
            value: Some(0.1 + 0.2),
        },
        Action::AddTarget { task: 12, target },
        Action::HideTarget {
            task: 12,
            target: TargetRef::Parsed(1),
        },
        Action::SetDue {
            task: 12,
            due: Some(date("2024-02-29")),
        },
        Action::SetProgress {
            task: 40,
            progress: 100,
        },
        Action::Undo,
        Action::MarkExported,
    ];
    for action in actions {
        assert!(ledger.apply(action, NOW).is_ok());
    }
    assert_eq!(decoded(&store::encode(&ledger)), ledger);
}

#[test]
fn unreadable_values_are_errors_with_chinese_messages() {
    type Expect = fn(&StoreError) -> bool;
    let cases: [(&str, Expect); 9] = [
        ("", |e| matches!(e, StoreError::NotJson { .. })),
        ("{\"format\": \"luoshi.ledger\", \"version\": 2, \"tasks\": {", |e| matches!(e, StoreError::NotJson { .. })),
        ("[1, 2]", |e| *e == StoreError::NotLedger),
        ("{\"version\": 2, \"fingerprint\": \"x\"}", |e| *e == StoreError::NotLedger),
        ("{\"format\": \"luoshi.snapshot\", \"version\": 2}", |e| *e == StoreError::NotLedger),
        ("{\"format\": \"luoshi.ledger\", \"version\": \"2\"}", |e| *e == StoreError::NotLedger),
        ("{\"format\": \"luoshi.ledger\", \"version\": 0, \"fingerprint\": \"x\"}", |e| *e == StoreError::NotLedger),
        ("{\"format\": \"luoshi.ledger\", \"version\": 2, \"fingerprint\": \"x\", \"tasks\": {\"1\": {\"progress\": \"x\"}}}", |e| matches!(e, StoreError::Invalid { version: 2, .. })),
        ("{\"format\": \"luoshi.ledger\", \"version\": 2, \"fingerprint\": \"x\", \"tasks\": {\"1\": {\"progress\": 150}}}", |e| matches!(e, StoreError::Invalid { version: 2, .. })),
    ];
    for (raw, expected) in cases {
        let error = store::decode(raw).err();
        assert!(
            error.as_ref().is_some_and(expected),
            "{raw:?} gave {error:?}"
        );
        let message = error.map(|e| e.message()).unwrap_or_default();
        assert!(message.contains("台账"), "{message}");
    }
    let bad_v1 = V1.replace("\"2023-12-31\"", "\"2023-13-01\"");
    assert!(matches!(
        store::decode(&bad_v1),
        Err(StoreError::Invalid { version: 1, .. })
    ));
    assert_eq!(
        StoreError::Invalid {
            version: 1,
            detail: String::new()
        }
        .to_string(),
        "保存的台账（格式版本 1）内容有误，无法读取"
    );
}

#[test]
fn newer_versions_are_refused_and_never_overwritten() {
    let newer = V2.replace("\"version\": 2", "\"version\": 3");
    let error = store::decode(&newer).err();
    assert_eq!(error, Some(StoreError::TooNew { version: 3 }));
    assert!(error.as_ref().is_some_and(StoreError::blocks_saving));
    assert!(error.is_some_and(|e| e.message().contains("格式版本 3")));
    assert!(matches!(
        store::load(Some(&newer), FINGERPRINT, NOW),
        Load::Blocked { .. }
    ));
    assert!(!StoreError::NotLedger.blocks_saving());
}

#[test]
fn load_tells_the_app_what_to_do() {
    assert_eq!(
        store::load(None, FINGERPRINT, NOW),
        Load::Fresh(Ledger::new(FINGERPRINT))
    );
    assert!(matches!(
        store::load(Some(V1), FINGERPRINT, NOW),
        Load::Stored {
            migrated_from: Some(1),
            ..
        }
    ));
    assert!(matches!(
        store::load(Some(V2), FINGERPRINT, NOW),
        Load::Stored {
            migrated_from: None,
            ..
        }
    ));
    match store::load(Some("garbage"), FINGERPRINT, NOW) {
        Load::Unreadable {
            error,
            backup_key,
            ledger,
        } => {
            assert!(matches!(error, StoreError::NotJson { .. }));
            assert_eq!(backup_key, store::backup_key(FINGERPRINT, NOW));
            assert_eq!(ledger, Ledger::new(FINGERPRINT));
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    match store::load(Some(V2), "another", NOW) {
        Load::Unreadable { error, .. } => {
            assert_eq!(
                error,
                StoreError::OtherDocument {
                    fingerprint: FINGERPRINT.into()
                }
            );
            assert_eq!(error.message(), "保存的台账属于另一份文件");
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

#[test]
fn store_errors_serialise_with_stable_names() {
    let json = serde_json::to_value(StoreError::TooNew { version: 3 }).unwrap_or_default();
    assert_eq!(json, serde_json::json!({"kind": "too_new", "version": 3}));
}

#[test]
fn an_import_backup_restores_only_while_the_ledger_is_what_the_import_made() {
    use luoshi::store::ImportBackup;
    let before = Ledger::new(FINGERPRINT);
    let mut after = before.clone();
    let _ = after.apply(
        Action::SetStatus {
            task: 5,
            status: Status::Done,
        },
        "2023-06-01T09:00:00+08:00",
    );
    let backup = ImportBackup::new(&before, &after);
    // The stored form round-trips; anything else (an older build's bare ledger, junk) is refused.
    let raw = backup.encode();
    assert_eq!(ImportBackup::decode(&raw), Some(backup.clone()));
    assert_eq!(ImportBackup::decode(&store::encode(&before)), None);
    assert_eq!(ImportBackup::decode(""), None);
    assert_eq!(
        ImportBackup::decode("luoshi.before-import v1\nnot-a-digest\n{}"),
        None
    );
    // Right after the import (also after a reload: the stored ledger decodes to the same one).
    assert!(backup.undoable(&after));
    let reloaded = decoded(&store::encode(&after));
    assert_eq!(backup.restore(&reloaded), Some(before.clone()));
    // After another edit the way back is gone: it would silently undo the edit too.
    let mut edited = after.clone();
    let _ = edited.apply(
        Action::SetProgress {
            task: 7,
            progress: 20,
        },
        "2023-06-02T09:00:00+08:00",
    );
    assert!(!backup.undoable(&edited));
    assert_eq!(backup.restore(&edited), None);
}

#[test]
fn every_storage_key_comes_from_store_keys() {
    use luoshi::store::keys;
    let fp = "ab12";
    for key in [
        keys::ledger(fp),
        keys::backup(fp, "2023-07-01T10:00:00+08:00"),
        keys::import_backup(fp),
        keys::document(fp),
        keys::DOCUMENTS.to_string(),
        keys::DOCUMENTS_UNREADABLE.to_string(),
        keys::PREFS.to_string(),
    ] {
        // assets/first-view.js decides "has this visitor data?" by this prefix alone.
        assert!(key.starts_with(keys::PREFIX), "{key}");
    }
    // The stored format's names are stable: changing one would lose every stored ledger.
    assert_eq!(keys::ledger(fp), "luoshi.ledger.ab12");
    assert_eq!(luoshi::store::storage_key(fp), keys::ledger(fp));
    assert_eq!(keys::import_backup(fp), "luoshi.before-import.ab12");
    assert_eq!(keys::document(fp), "luoshi.document.ab12");
}
