//! Target actuals round trip: the 指标完成 sheet of a unit's 督办台账 is filled in (as a clerk
//! types into the cells) and imported through the ordinary preview/merge.

use super::{part, sheet, workbook};
use crate::intake::zip::make_zip;
use crate::snapshot::common::{annotated_ledger, date, Q2};
use luoshi::export::{self, LedgerOptions, ReportSheet};
use luoshi::intake::xlsx::Sheet;
use luoshi::intake::zip::ZipArchive;
use luoshi::ledger::{Ledger, TargetRef};
use luoshi::snapshot::{apply, preview, Resolutions};

const TASKS: [u32; 3] = [1, 2, 3];
const EXPORTED_AT: &str = "2023-06-30T17:00:00+08:00";
const IMPORTED_AT: &str = "2023-07-03T09:00:00+08:00";

/// 区科技局's sheet of tasks 1–3 (task 1 has an actual, task 2 a hidden target and a hand-added
/// one).
fn unit_book(doc: &luoshi::document::Document, ledger: &Ledger) -> Vec<u8> {
    let sheet_in = ReportSheet::new(doc, ledger, &TASKS, date("2023-06-30"));
    let options = LedgerOptions {
        periods: vec![Q2],
        unit: Some("区科技局".into()),
        exported_at: Some(EXPORTED_AT.into()),
    };
    export::to_xlsx_with(&sheet_in, &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The 0-based row of a task's target (指标序号 `place`) on the 指标完成 sheet.
fn target_row(targets: &Sheet, task: u32, place: u32) -> usize {
    targets
        .rows
        .iter()
        .position(|r| {
            r.first().map(String::as_str) == Some(task.to_string().as_str())
                && r.get(1).map(String::as_str) == Some(place.to_string().as_str())
        })
        .unwrap_or_else(|| panic!("row of task {task} target {place}"))
}

/// The workbook with cells of one worksheet part replaced as typed in Excel: a number as a number,
/// anything else as text. Every other part is kept as it was.
pub(super) fn typed(bytes: &[u8], part_name: &str, cells: &[(String, &str)]) -> Vec<u8> {
    let archive = ZipArchive::new(bytes).unwrap_or_else(|e| panic!("{e:?}"));
    let names: Vec<String> = archive.names().map(String::from).collect();
    let mut xml = part(bytes, part_name);
    for (reference, value) in cells {
        let start = xml
            .find(&format!(r#"<c r="{reference}" "#))
            .unwrap_or_else(|| panic!("cell {reference}"));
        let open_end = start + xml[start..].find('>').unwrap_or(0);
        let end = if xml[..open_end].ends_with('/') {
            open_end + 1
        } else {
            open_end + xml[open_end..].find("</c>").unwrap_or(0) + 4
        };
        let style = xml[start..open_end]
            .split(r#" s=""#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("0")
            .to_string();
        let cell = if value.parse::<f64>().is_ok() {
            format!(r#"<c r="{reference}" s="{style}"><v>{value}</v></c>"#)
        } else {
            format!(r#"<c r="{reference}" s="{style}" t="inlineStr"><is><t>{value}</t></is></c>"#)
        };
        xml.replace_range(start..end, &cell);
    }
    let parts: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|name| {
            let data = if name == part_name {
                xml.as_bytes().to_vec()
            } else {
                archive.read(name).unwrap_or_else(|e| panic!("{e:?}"))
            };
            (name.clone(), data)
        })
        .collect();
    let entries: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    make_zip(&entries)
}

fn actual_ref(row: usize) -> String {
    format!("G{}", row + 1)
}

#[test]
fn the_targets_sheet_lists_every_visible_target_with_a_cell_for_its_actual() {
    let doc = luoshi::seed_document();
    let ledger = annotated_ledger(&doc);
    let bytes = unit_book(&doc, &ledger);
    let book = workbook(&bytes);
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["督办台账", "指标完成", "报送情况"]);
    let targets = sheet(&book, "指标完成");
    assert_eq!(
        targets.cell(0, 0),
        format!("{}指标完成情况（区科技局）", doc.title)
    );
    assert!(
        targets.cell(1, 0).contains("实际完成值"),
        "how to fill it in"
    );
    let header: Vec<&str> = (0..8).map(|c| targets.cell(2, c)).collect();
    assert_eq!(header, export::TARGET_COLUMNS);
    // Task 1: its four parsed targets, the first with its actual and its completion (1 of 2 家).
    let first = target_row(targets, 1, 1);
    assert_eq!(first, 3);
    assert_eq!(targets.cell(first, 3), "年内新增2家市级以上重点实验室");
    assert_eq!(
        (targets.cell(first, 4), targets.cell(first, 5)),
        ("2", "家")
    );
    assert_eq!(targets.cell(first, 6), "1");
    assert_eq!(targets.cell(first, 7), "0.5", "the formula's stored result");
    assert_eq!(
        targets.cell(target_row(targets, 1, 2), 6),
        "",
        "no actual yet"
    );
    // Task 2: the hidden parsed target is left out (指标序号 1), the hand-added one is listed.
    let places: Vec<&str> = targets
        .rows
        .iter()
        .filter(|r| r.first().map(String::as_str) == Some("2"))
        .map(|r| r[1].as_str())
        .collect();
    assert_eq!(places, ["2", "3"]);
    assert_eq!(targets.cell(target_row(targets, 2, 3), 3), "新建联合实验室");
    assert_eq!(targets.rows.len(), 3 + 4 + 2 + 4);

    let xml = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains(r#"<f>IF(ISNUMBER(G4),IF(G4&gt;=E4,1,IF(E4&gt;0,MAX(0,MIN(0.99,G4/E4)),0)),&quot;&quot;)</f><v>0.5</v>"#),
        "完成率 is a formula with its result"
    );
    assert!(
        xml.contains(r#"<dataValidation type="decimal""#) && xml.contains(r#"sqref="G4:G13""#),
        "Excel/WPS take only numbers in 实际完成值"
    );
    assert!(
        !xml.contains("<mergeCell ref=\"C4"),
        "no merged cell that would not grow"
    );
    assert!(
        targets.cell(first, 2).ends_with('…') && targets.cell(first, 2).chars().count() == 41,
        "the task, shortened: {}",
        targets.cell(first, 2)
    );
    assert_eq!(targets.cell(first + 1, 2), "", "the task once per task");
    // Rows are as tall as their wrapped text (LibreOffice does not fit them on opening).
    assert!(
        xml.contains(r#"<row r="4" ht="47.5">"#),
        "three lines of task text"
    );
    assert!(part(&bytes, "xl/workbook.xml").contains(r#"fullCalcOnLoad="1""#));
}

#[test]
fn filled_actuals_come_back_attributed_with_bad_cells_listed_and_nothing_else_changed() {
    let doc = luoshi::seed_document();
    let ledger = annotated_ledger(&doc);
    let bytes = unit_book(&doc, &ledger);
    let book = workbook(&bytes);
    let targets = sheet(&book, "指标完成");
    let added_id = *ledger
        .annotation(2)
        .and_then(|a| a.added_targets.keys().next())
        .unwrap_or_else(|| panic!("task 2's hand-added target"));
    let row = |task, place| target_row(targets, task, place);
    let ledger_row = |task: u32| {
        sheet(&book, "督办台账")
            .rows
            .iter()
            .position(|r| r.first().map(String::as_str) == Some(task.to_string().as_str()))
            .unwrap_or_else(|| panic!("ledger row of {task}"))
    };
    let filled = typed(
        &bytes,
        "xl/worksheets/sheet2.xml",
        &[
            (actual_ref(row(1, 1)), "2"),                // 1 → 2 家: met
            (actual_ref(row(1, 2)), "约300"),            // words: listed, not taken
            (actual_ref(row(1, 3)), "120"),              // a first actual
            (actual_ref(row(2, 3)), "4"),                // the hand-added target
            (actual_ref(row(3, 1)), "六成"),             // words: listed, not taken
            (actual_ref(row(3, 2)), "1,500"),            // typed as text with a separator
            (format!("D{}", row(3, 3) + 1), "别的指标"), // a row that no longer matches
            (actual_ref(row(3, 3)), "5"),
        ],
    );
    // The ledger sheet of the same file: a report text on task 3, combined with its actuals.
    let filled = typed(
        &filled,
        "xl/worksheets/sheet1.xml",
        &[(format!("J{}", ledger_row(3) + 1), "新增入库企业120家")],
    );
    let read = export::import_sheet("区科技局.xlsx", &filled, &doc, &ledger, IMPORTED_AT)
        .unwrap_or_else(|e| panic!("{}", e.message()));
    assert_eq!(read.unit, "区科技局");
    let errors: Vec<String> = read.cell_errors.iter().map(|e| e.message()).collect();
    assert_eq!(
        errors,
        [
            format!(
                "指标完成!G{}（第1项，指标“推动实施市级技术创新重点项目300个以上” 实际完成值）“约300”：实际完成值应为数字（如 300 或 12.5），不能含文字",
                row(1, 2) + 1
            ),
            format!(
                "指标完成!G{}（第3项，指标“力争国家级高新技术企业总量突破1700家” 实际完成值）“六成”：实际完成值应为数字（如 300 或 12.5），不能含文字",
                row(3, 1) + 1
            ),
            format!(
                "指标完成!G{}（第3项，指标“别的指标” 实际完成值）“5”：找不到这项指标：指标序号和指标原文与当前台账不符",
                row(3, 3) + 1
            ),
        ]
    );
    let incoming = read.incoming.unwrap_or_else(|| panic!("changes"));
    let preview = preview(&ledger, std::slice::from_ref(&incoming));
    let fields: Vec<(u32, String, &str, bool)> = preview
        .tasks
        .iter()
        .flat_map(|t| {
            t.changes.iter().map(move |c| {
                (
                    t.task,
                    c.field.clone(),
                    c.reported_by.unit.as_str(),
                    c.conflict,
                )
            })
        })
        .collect();
    let mut expected = vec![
        (1, "actual.0".to_string(), "区科技局", false),
        (1, "actual.2".to_string(), "区科技局", false),
        (2, format!("added.{added_id}.actual"), "区科技局", false),
        (3, "actual.1".to_string(), "区科技局", false),
        (
            3,
            "report.2023Q2.progress_text".to_string(),
            "区科技局",
            false,
        ),
    ];
    let mut got = fields.clone();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);

    let merged = apply(&ledger, &preview, &Resolutions::new(), IMPORTED_AT);
    let actual = |task, target| merged.annotation(task).and_then(|a| a.actual(target));
    assert_eq!(actual(1, TargetRef::Parsed(0)), Some(2.0));
    assert_eq!(actual(1, TargetRef::Parsed(1)), None, "约300 not taken");
    assert_eq!(actual(1, TargetRef::Parsed(2)), Some(120.0));
    assert_eq!(actual(2, TargetRef::Added(added_id)), Some(4.0));
    assert_eq!(actual(3, TargetRef::Parsed(0)), None, "六成 not taken");
    assert_eq!(actual(3, TargetRef::Parsed(1)), Some(1500.0));
    assert_eq!(actual(3, TargetRef::Parsed(2)), None);
    // Attributed to the unit in the history.
    let last_unit = |task: u32, field: &str| {
        merged
            .annotation(task)
            .and_then(|a| a.history.iter().rev().find(|c| c.field == field))
            .map(|c| c.who.unit.clone())
    };
    assert_eq!(last_unit(1, "actual.0").as_deref(), Some("区科技局"));
    assert_eq!(
        last_unit(2, &format!("added.{added_id}.actual")).as_deref(),
        Some("区科技局")
    );
    // Nothing else changed: other tasks as they were; in 1–3 only the fields listed above.
    for task in doc.tasks.iter().map(|t| t.number) {
        let before = ledger.annotation_or_empty(task).fields();
        let mut after = merged.annotation_or_empty(task).fields();
        for (t, field, _, _) in &expected {
            if *t == task {
                match before.get(field) {
                    Some(old) => after.insert(field.clone(), old.clone()),
                    None => after.remove(field),
                };
            }
        }
        assert_eq!(
            after, before,
            "task {task}: only the imported fields changed"
        );
    }
}

#[test]
fn an_unchanged_targets_sheet_changes_nothing() {
    let doc = luoshi::seed_document();
    let ledger = annotated_ledger(&doc);
    let bytes = unit_book(&doc, &ledger);
    let read = export::import_sheet("区科技局.xlsx", &bytes, &doc, &ledger, IMPORTED_AT)
        .unwrap_or_else(|e| panic!("{}", e.message()));
    assert!(read.cell_errors.is_empty(), "{:?}", read.cell_errors);
    assert!(
        read.incoming.is_none(),
        "the exported actual equals the ledger's"
    );
}

/// 区科技局 is a lead of task 7 but not the first: it reports in its own entry. Its sheet shows
/// its own actual, and what it types comes back to its own entry, never over the compiled one.
#[test]
fn a_unit_that_reports_in_its_own_entry_sees_and_fills_its_own_actuals() {
    let doc = luoshi::seed_document();
    let mut ledger = annotated_ledger(&doc);
    let task = doc.task(7).unwrap_or_else(|| panic!("task 7"));
    assert_ne!(
        task.lead_units.first().map(String::as_str),
        Some("区科技局")
    );
    let own = luoshi::ledger::Action::AsUnit {
        unit: "区科技局".into(),
        edit: Box::new(luoshi::ledger::Action::SetActual {
            task: 7,
            target: TargetRef::Parsed(0),
            value: Some(1.0),
        }),
    };
    if let Err(e) = ledger.apply(own, "2023-06-25T09:00:00+08:00") {
        panic!("{e}");
    }
    let export_for = |unit: Option<&str>| {
        let sheet_in = ReportSheet::new(&doc, &ledger, &[7], date("2023-06-30"));
        let options = LedgerOptions {
            periods: vec![Q2],
            unit: unit.map(String::from),
            exported_at: Some(EXPORTED_AT.into()),
        };
        export::to_xlsx_with(&sheet_in, &options).unwrap_or_else(|e| panic!("{e}"))
    };
    let unit_sheet = export_for(Some("区科技局"));
    let book = workbook(&unit_sheet);
    let targets = sheet(&book, "指标完成");
    let row = target_row(targets, 7, 1);
    assert_eq!(targets.cell(row, 6), "1", "its own actual");
    assert_eq!(targets.cell(row, 7), "0.5", "1 of 2 家");
    let everyone = export_for(None);
    assert_eq!(
        sheet(&workbook(&everyone), "指标完成").cell(row, 6),
        "",
        "the compiled entry has none"
    );
    // Sent back unchanged: nothing to import.
    let read = export::import_sheet("区科技局.xlsx", &unit_sheet, &doc, &ledger, IMPORTED_AT)
        .unwrap_or_else(|e| panic!("{}", e.message()));
    assert!(read.incoming.is_none() && read.cell_errors.is_empty());
    // Filled in: the unit's own entry changes, the compiled one does not.
    let filled = typed(
        &unit_sheet,
        "xl/worksheets/sheet2.xml",
        &[(actual_ref(row), "3")],
    );
    let read = export::import_sheet("区科技局.xlsx", &filled, &doc, &ledger, IMPORTED_AT)
        .unwrap_or_else(|e| panic!("{}", e.message()));
    let incoming = read.incoming.unwrap_or_else(|| panic!("changes"));
    let preview = preview(&ledger, std::slice::from_ref(&incoming));
    let fields: Vec<&str> = preview
        .tasks
        .iter()
        .flat_map(|t| t.changes.iter().map(|c| c.field.as_str()))
        .collect();
    assert_eq!(fields, ["unit.区科技局.actual.0"]);
    let merged = apply(&ledger, &preview, &Resolutions::new(), IMPORTED_AT);
    let seven = merged.annotation_or_empty(7);
    assert_eq!(
        seven
            .unit_entry("区科技局")
            .and_then(|e| e.actuals.get(&0).copied()),
        Some(3.0)
    );
    assert_eq!(seven.actual(TargetRef::Parsed(0)), None);
}
