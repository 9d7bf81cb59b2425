//! A unit's own 督办台账: where the unit reports in its own entry (a co-lead or 参与单位), its sheet
//! shows that entry alone, and what it types there comes back to that entry; the coordinator's
//! sheet shows the compiled text with every unit's words beside it, and an untouched sheet of
//! either kind comes back as no change at all.

use super::{sheet, task_row, workbook};
use crate::snapshot::common::{act, as_reader, date, ledger_for, who, Q2};
use luoshi::export::{self, LedgerOptions, ReportSheet};
use luoshi::ledger::{Action, Ledger, ReportField};
use luoshi::snapshot::preview;

const TASKS: [u32; 1] = [5];
const EXPORTED_AT: &str = "2023-06-30T17:00:00+08:00";
const IMPORTED_AT: &str = "2023-07-03T09:00:00+08:00";

/// Task 5 (leads 区委组织部, 区科技局, 区人力资源社会保障局): the first lead's compiled text and each
/// co-lead's own, merged into the coordinator's ledger.
fn ledger(doc: &luoshi::document::Document) -> Ledger {
    let task = doc.task(5).unwrap_or_else(|| panic!("task 5"));
    let mut ledger = ledger_for(doc, who("王五", "区发展改革局"));
    let report = |text: &str| Action::SetReport {
        task: 5,
        period: Q2,
        field: ReportField::ProgressText,
        text: text.into(),
    };
    act(
        &mut ledger,
        as_reader(task, "区委组织部", report("组织部汇总")),
        "2023-06-20T09:00:00+08:00",
    );
    act(
        &mut ledger,
        as_reader(task, "区科技局", report("科技局自报")),
        "2023-06-21T09:00:00+08:00",
    );
    act(
        &mut ledger,
        as_reader(
            task,
            "区科技局",
            Action::SetProgress {
                task: 5,
                progress: 60,
            },
        ),
        "2023-06-21T09:01:00+08:00",
    );
    act(
        &mut ledger,
        as_reader(task, "区人力资源社会保障局", report("人社局自报")),
        "2023-06-22T09:00:00+08:00",
    );
    ledger
}

fn book_for(doc: &luoshi::document::Document, ledger: &Ledger, unit: &str) -> Vec<u8> {
    let sheet_in = ReportSheet::new(doc, ledger, &TASKS, date("2023-06-30"));
    let options = LedgerOptions {
        periods: vec![Q2],
        unit: Some(unit.into()),
        exported_at: Some(EXPORTED_AT.into()),
    };
    export::to_xlsx_with(&sheet_in, &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The column of a heading on the ledger sheet's second header row.
fn column(book: &luoshi::intake::xlsx::Workbook, heading: &str) -> usize {
    let ledger = sheet(book, "督办台账");
    ledger
        .rows
        .iter()
        .find_map(|r| r.iter().position(|c| c == heading))
        .unwrap_or_else(|| panic!("column {heading}"))
}

#[test]
fn a_co_leads_sheet_shows_its_own_entry_and_the_coordinators_shows_every_unit() {
    let doc = luoshi::seed_document();
    let ledger = ledger(&doc);

    let bytes = book_for(&doc, &ledger, "区科技局");
    let book = workbook(&bytes);
    let row = task_row(sheet(&book, "督办台账"), 5);
    assert_eq!(row[column(&book, "工作进展")], "科技局自报");
    assert_eq!(row[column(&book, "进度")], "0.6");

    let bytes = book_for(&doc, &ledger, "区发展改革局");
    let book = workbook(&bytes);
    let row = task_row(sheet(&book, "督办台账"), 5);
    let text = &row[column(&book, "工作进展")];
    for words in [
        "组织部汇总",
        "【区科技局】科技局自报",
        "【区人力资源社会保障局】人社局自报",
    ] {
        assert!(text.contains(words), "{words} in {text}");
    }
}

#[test]
fn untouched_sheets_come_back_as_no_change() {
    let doc = luoshi::seed_document();
    let ledger = ledger(&doc);
    for unit in ["区科技局", "区委组织部", "区发展改革局"] {
        let bytes = book_for(&doc, &ledger, unit);
        let read = export::import_sheet("台账.xlsx", &bytes, &doc, &ledger, IMPORTED_AT)
            .unwrap_or_else(|e| panic!("{}", e.message()));
        assert!(
            read.cell_errors.is_empty(),
            "{unit}: {:?}",
            read.cell_errors
        );
        assert!(
            read.incoming.is_none(),
            "{unit}'s untouched sheet brought changes"
        );
    }
}

#[test]
fn what_a_co_lead_types_in_its_sheet_goes_to_its_own_entry_only() {
    let doc = luoshi::seed_document();
    let ledger = ledger(&doc);
    let bytes = book_for(&doc, &ledger, "区科技局");
    let book = workbook(&bytes);
    let rows = &sheet(&book, "督办台账").rows;
    let row = rows
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("5"))
        .unwrap_or_else(|| panic!("row of task 5"));
    let col = column(&book, "工作进展");
    let reference = format!("{}{}", (b'A' + col as u8) as char, row + 1);
    let filled = super::actuals::typed(
        &bytes,
        "xl/worksheets/sheet1.xml",
        &[(reference, "科技局自报，已完成签约")],
    );
    let read = export::import_sheet("区科技局.xlsx", &filled, &doc, &ledger, IMPORTED_AT)
        .unwrap_or_else(|e| panic!("{}", e.message()));
    let incoming = read.incoming.unwrap_or_else(|| panic!("the edit"));
    let preview = preview(&ledger, std::slice::from_ref(&incoming));
    let fields: Vec<(u32, &str, &str)> = preview
        .tasks
        .iter()
        .flat_map(|t| {
            t.changes
                .iter()
                .map(move |c| (t.task, c.field.as_str(), c.theirs_text.as_str()))
        })
        .collect();
    assert_eq!(
        fields,
        vec![(
            5,
            "unit.区科技局.report.2023Q2.progress_text",
            "科技局自报，已完成签约"
        )]
    );
}
