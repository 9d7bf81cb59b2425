//! Shared by the snapshot tests and `examples/export_snapshot.rs`: the seed document and ledgers
//! annotated through the real reducer, as the app would.
#![allow(dead_code)]

use luoshi::document::Document;
use luoshi::ledger::{Action, Ledger, ReportField, Status, TargetRef, UserTarget, Who};
use luoshi::period::{Date, Period};

pub const Q2: Period = Period::Quarter {
    year: 2023,
    quarter: 2,
};

pub fn seed() -> Document {
    luoshi::seed_document()
}

pub fn who(name: &str, unit: &str) -> Who {
    Who {
        name: name.into(),
        unit: unit.into(),
    }
}

pub fn ledger_for(doc: &Document, who: Who) -> Ledger {
    let mut ledger = Ledger::new(doc.fingerprint.clone());
    ledger.user = who;
    ledger
}

/// Import `files` into `current` taking every accepted change, as "导入" with no conflict choices.
pub fn import_all(current: &Ledger, files: &[luoshi::snapshot::Incoming], now: &str) -> Ledger {
    use luoshi::snapshot::{apply, preview, Resolutions};
    apply(current, &preview(current, files), &Resolutions::new(), now)
}

pub fn act(ledger: &mut Ledger, action: Action, now: &str) {
    if let Err(error) = ledger.apply(action, now) {
        panic!("scripted action failed: {error}");
    }
}

pub fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

/// Text that must survive every round trip verbatim: markup, quotes, commas, line breaks.
pub const TRICKY_TEXT: &str =
    "已完成<script>alert(\"x\")</script>调研,召开座谈会 3 次;\n下一步: \"加快\" 推进 & 验收";

/// 张三 of 区科技局 records tasks 1 and 2 in detail (every kind of field), and task 5 briefly.
pub fn annotated_ledger(doc: &Document) -> Ledger {
    let mut ledger = ledger_for(doc, who("张三", "区科技局"));
    let t = |minute: u32| format!("2023-06-20T09:{minute:02}:00+08:00");
    let script = vec![
        Action::SetStatus {
            task: 1,
            status: Status::OnSchedule,
        },
        Action::SetProgress {
            task: 1,
            progress: 45,
        },
        Action::SetReport {
            task: 1,
            period: Q2,
            field: ReportField::ProgressText,
            text: TRICKY_TEXT.into(),
        },
        Action::SetReport {
            task: 1,
            period: Q2,
            field: ReportField::Problems,
            text: "资金到位偏慢".into(),
        },
        Action::SetReport {
            task: 1,
            period: Q2,
            field: ReportField::NextSteps,
            text: "三季度完成验收".into(),
        },
        Action::SetActual {
            task: 1,
            target: TargetRef::Parsed(0),
            value: Some(1.0),
        },
        Action::SetOwner {
            task: 1,
            owner: "李四".into(),
        },
        Action::SetPhone {
            task: 1,
            phone: "0532-87868535".into(),
        },
        Action::SetDue {
            task: 1,
            due: Some(date("2023-12-31")),
        },
        Action::SetKey { task: 1, key: true },
        Action::SetSupervised {
            task: 1,
            supervised: true,
        },
        Action::SetStatus {
            task: 2,
            status: Status::Other("指标调整".into()),
        },
        Action::SetProgress {
            task: 2,
            progress: 20,
        },
        Action::HideTarget {
            task: 2,
            target: TargetRef::Parsed(0),
        },
        Action::AddTarget {
            task: 2,
            target: UserTarget {
                text: "新建联合实验室".into(),
                value: 3.0,
                value_max: None,
                unit: Some("个".into()),
                comparator: luoshi::Comparator::AtLeast,
            },
        },
        Action::SetNotes {
            task: 2,
            notes: "备注：含“引号”".into(),
        },
        // Task 5 is led first by 区委组织部: 区科技局, a co-lead, writes its own entry.
        Action::AsUnit {
            unit: "区科技局".into(),
            edit: Box::new(Action::SetStatus {
                task: 5,
                status: Status::Behind,
            }),
        },
        Action::AsUnit {
            unit: "区科技局".into(),
            edit: Box::new(Action::SetProgress {
                task: 5,
                progress: 10,
            }),
        },
    ];
    for (minute, action) in script.into_iter().enumerate() {
        act(&mut ledger, action, &t(minute as u32));
    }
    // The added target's id is the instant it was added; give it an actual.
    let added = ledger
        .annotation(2)
        .and_then(|a| a.added_targets.keys().next().copied())
        .unwrap_or_else(|| panic!("added target missing"));
    act(
        &mut ledger,
        Action::SetActual {
            task: 2,
            target: TargetRef::Added(added),
            value: Some(2.0),
        },
        &t(40),
    );
    act(
        &mut ledger,
        Action::SetAsOf {
            as_of: Some(date("2023-06-30")),
        },
        &t(41),
    );
    ledger
}

/// 50 units: unit i annotates task i + 1 on its own; units 0–9 also report on task 60 (each a
/// different report field or period, so nothing conflicts), and units 10 and 11 both set task
/// 61's progress, unit 11 later.
pub fn fifty_units(doc: &Document) -> Vec<Ledger> {
    (0..50u32)
        .map(|i| {
            let mut ledger = ledger_for(doc, who(&format!("联络员{i}"), &format!("单位{i:02}")));
            let at = |minute: u32| {
                format!(
                    "2023-07-01T{:02}:{:02}:00+08:00",
                    8 + i / 10,
                    (i % 10) * 5 + minute
                )
            };
            act(
                &mut ledger,
                Action::SetStatus {
                    task: i + 1,
                    status: Status::OnSchedule,
                },
                &at(0),
            );
            act(
                &mut ledger,
                Action::SetProgress {
                    task: i + 1,
                    progress: i64::from(i) + 1,
                },
                &at(1),
            );
            act(
                &mut ledger,
                Action::SetReport {
                    task: i + 1,
                    period: Q2,
                    field: ReportField::ProgressText,
                    text: format!("单位{i:02}本季度进展"),
                },
                &at(2),
            );
            if i < 10 {
                let period = luoshi::period::Period::Month {
                    year: 2023,
                    month: i as u8 + 1,
                };
                act(
                    &mut ledger,
                    Action::SetReport {
                        task: 60,
                        period,
                        field: ReportField::ProgressText,
                        text: format!("单位{i:02}的{}月情况", i + 1),
                    },
                    &at(3),
                );
            }
            if i == 10 || i == 11 {
                act(
                    &mut ledger,
                    Action::SetProgress {
                        task: 61,
                        progress: i64::from(i) * 5,
                    },
                    &at(4),
                );
            }
            ledger
        })
        .collect()
}

/// `edit` as a reader of `unit` makes it on `task`: to the unit's own entry, or to the compiled
/// entry where the unit leads first (see `luoshi::ledger::units::Entry`).
pub fn as_reader(task: &luoshi::document::Task, unit: &str, edit: Action) -> Action {
    match luoshi::ledger::Entry::for_reader(task, Some(unit)) {
        luoshi::ledger::Entry::Compiled => edit,
        luoshi::ledger::Entry::Unit(unit) => Action::AsUnit {
            unit,
            edit: Box::new(edit),
        },
    }
}

/// Every unit the seed names reporting its own part of each task it is responsible for, for all
/// four quarters of 2023 (工作进展 / 存在问题 / 下步计划 and progress), as its clerk would in the app:
/// one ledger per unit, for the coordinator's collection benchmark.
pub fn units_four_quarters(doc: &Document) -> Vec<Ledger> {
    doc.units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let mut ledger = ledger_for(doc, who(&format!("联络员{i}"), &unit.name));
            for task in doc.tasks.iter().filter(|t| {
                t.lead_units
                    .iter()
                    .chain(&t.participating_units)
                    .any(|u| *u == unit.name)
            }) {
                for quarter in 1..=4u8 {
                    let period = Period::Quarter {
                        year: 2023,
                        quarter,
                    };
                    let at = format!(
                        "2023-{:02}-25T{:02}:{:02}:00+08:00",
                        quarter * 3,
                        8 + i % 10,
                        task.number % 60
                    );
                    for (field, text) in [
                        (ReportField::ProgressText, "本季度推进情况"),
                        (ReportField::Problems, "存在的困难"),
                        (ReportField::NextSteps, "下一步打算"),
                    ] {
                        act(
                            &mut ledger,
                            as_reader(
                                task,
                                &unit.name,
                                Action::SetReport {
                                    task: task.number,
                                    period,
                                    field,
                                    text: format!(
                                        "{}第{}项{}季度{text}",
                                        unit.name, task.number, quarter
                                    ),
                                },
                            ),
                            &at,
                        );
                    }
                    act(
                        &mut ledger,
                        as_reader(
                            task,
                            &unit.name,
                            Action::SetProgress {
                                task: task.number,
                                progress: i64::from(quarter) * 25,
                            },
                        ),
                        &at,
                    );
                }
            }
            ledger
        })
        .collect()
}

/// The web app's import as it runs split (issue 19): the one-pass reader in the app
/// (`import_one_pass`), else the worker's field-checked read (`checked_read`, its refusal or the
/// checked snapshot as text, through JSON as between worker and app) read back in the app
/// (`read_checked_text`). Must be `import`'s result exactly.
pub fn import_as_the_app_does(
    file_name: &str,
    bytes: &[u8],
    doc: &luoshi::Document,
) -> Result<luoshi::snapshot::Incoming, String> {
    if let Some(incoming) = luoshi::snapshot::import_one_pass(file_name, bytes, doc) {
        return Ok(incoming);
    }
    let checked = luoshi::snapshot::checked_read(file_name, bytes, doc).map_err(|e| e.message())?;
    luoshi::snapshot::read_checked_text(file_name, &checked, doc)
        .ok_or_else(|| "the checked text did not read back".to_string())
}

/// `luoshi::snapshot::import`, asserting the app's split import gives the same.
pub fn import(
    file_name: &str,
    bytes: &[u8],
    doc: &luoshi::Document,
) -> Result<luoshi::snapshot::Incoming, luoshi::snapshot::ImportError> {
    let whole = luoshi::snapshot::import(file_name, bytes, doc);
    assert_eq!(
        import_as_the_app_does(file_name, bytes, doc),
        whole.clone().map_err(|e| e.message()),
        "the app's split import differs on {file_name}"
    );
    whole
}

/// `luoshi::share::decode_link`, asserting the web app's split (the one-pass reader in the app,
/// else the worker's `offload::CheckedRead`) gives the same.
pub fn decode_link(
    link: &str,
    doc: &luoshi::Document,
) -> Result<luoshi::snapshot::Incoming, luoshi::share::ShareError> {
    let whole = luoshi::share::decode_link(link, doc);
    let split = match luoshi::share::decode_link_one_pass(link, doc) {
        Ok(Ok(incoming)) => Ok(incoming),
        Ok(Err(json)) => {
            let name = luoshi::share::LINK_NAME;
            let read = luoshi::offload::CheckedRead::of(name, &json, doc);
            // Through JSON, as the answer crosses from the worker.
            let answer = luoshi::offload::Response::Checked(vec![read]);
            match luoshi::offload::Response::from_json(
                &serde_json::to_string(&answer).unwrap_or_default(),
            ) {
                Some(luoshi::offload::Response::Checked(mut reads)) if reads.len() == 1 => {
                    reads.remove(0).into_import(name, doc)
                }
                _ => Err("the answer did not read back".to_string()),
            }
        }
        Err(error) => Err(error.message()),
    };
    assert_eq!(
        split,
        whole.clone().map_err(|e| e.message()),
        "the app's split link reading differs"
    );
    whole
}
