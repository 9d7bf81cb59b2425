//! 督办台账 reports: CSV bytes (BOM, RFC 4180, CRLF), the XLSX package, and file names.

use super::common as snapshot_common;

use crate::intake::zip::crc32;
use luoshi::export::{self, file_name, short_title, ReportSheet, COLUMNS};
use luoshi::period::Period;
use snapshot_common::*;

/// A strict RFC 4180 reader (test-only), to check the writer against.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            '"' => panic!("bare quote inside an unquoted field: {field}"),
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            '\n' => panic!("bare LF ends a record"),
            c => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "last record not terminated by CRLF"
    );
    records
}

#[test]
fn csv_has_bom_header_crlf_and_round_trips_every_cell() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let tasks: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    let sheet = ReportSheet::new(&doc, &ledger, &tasks, date("2023-06-30"));
    let bytes = export::to_csv(&sheet);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap_or_else(|e| panic!("{e}"));
    let records = parse_csv(&text);
    assert_eq!(records.len(), 72);
    assert_eq!(records[0], COLUMNS.map(String::from).to_vec());
    let rows = sheet.rows();
    for (record, row) in records[1..].iter().zip(&rows) {
        assert_eq!(record, &row.cells);
    }
    let first = &records[1];
    assert_eq!(first[0], "1");
    assert_eq!(first[2], "区科技局、区工业和信息化局");
    assert!(
        first[1].ends_with("全年滚动实施重点技改项目200个以上。"),
        "unit note stripped: {}",
        first[1]
    );
    assert!(first[4].starts_with("年内新增2家市级以上重点实验室：完成 1家（未达成）\n"));
    assert_eq!(&first[5..8], ["序时推进", "45%", "49.6%（符合序时）"]);
    assert_eq!(first[8], TRICKY_TEXT);
    assert_eq!(
        &first[9..],
        [
            "资金到位偏慢",
            "三季度完成验收",
            "李四（0532-87868535）",
            "2023-06-20 09:10"
        ]
    );
    // The tricky report is quoted with doubled quotes in the raw text.
    assert!(text.contains("\"已完成<script>alert(\"\"x\"\")</script>调研,召开座谈会 3 次;\n下一步: \"\"加快\"\" 推进 & 验收\""));
    let second = &records[2];
    assert_eq!(second[5], "其他：指标调整");
    assert_eq!(
        second[4],
        "新增市级以上科技创新平台20家以上：未填报完成值\n新建联合实验室：完成 2个（未达成）"
    );
    let untouched = &records[71];
    assert_eq!(&untouched[5..8], ["未启动", "0%", "49.6%（未填报）"]);
    assert_eq!(untouched[11], "");
}

#[test]
fn rows_follow_the_view_and_the_period() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let view = [5, 1, 999];
    let mut sheet = ReportSheet::new(&doc, &ledger, &view, date("2023-06-30"));
    let numbers: Vec<String> = sheet.rows().iter().map(|r| r.cells[0].clone()).collect();
    assert_eq!(numbers, ["5", "1"]);
    assert_eq!(sheet.as_of_text(), "截至 2023-06-30（2023年第二季度）");
    sheet.period = Period::Quarter {
        year: 2023,
        quarter: 3,
    };
    assert!(sheet.rows()[1].cells[8..11].iter().all(String::is_empty));
}

#[test]
fn csv_of_an_empty_view_is_just_the_header() {
    let doc = seed();
    let ledger = ledger_for(&doc, who("", ""));
    let sheet = ReportSheet::new(&doc, &ledger, &[], date("2023-06-30"));
    let bytes = export::to_csv(&sheet);
    let expected = format!("\u{FEFF}{}\r\n", COLUMNS.join(","));
    assert_eq!(bytes, expected.into_bytes());
}

/// The entries of a zip written by the XLSX writer (test-only reader: central directory, deflate).
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let u32_at = |at: usize| {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
    };
    let end = bytes.len() - 22;
    assert_eq!(u32_at(end), 0x0605_4b50, "end of central directory");
    let count = u16_at(end + 10);
    let mut at = u32_at(end + 16);
    let mut entries = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50);
        let (method, crc, size) = (u16_at(at + 10), u32_at(at + 16), u32_at(at + 24));
        let compressed_size = u32_at(at + 20);
        let name_len = u16_at(at + 28);
        let offset = u32_at(at + 42);
        let name =
            String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap_or_default();
        let data_at = offset + 30 + u16_at(offset + 26) + u16_at(offset + 28);
        assert_eq!(method, 8);
        let data =
            miniz_oxide::inflate::decompress_to_vec(&bytes[data_at..data_at + compressed_size])
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(data.len(), size);
        assert_eq!(crc32(&data) as usize, crc, "{name}: crc");
        entries.push((name, data));
        at += 46 + name_len + u16_at(at + 30) + u16_at(at + 32);
    }
    entries
}

#[test]
fn xlsx_package_has_the_parts_title_frozen_header_and_escaped_text() {
    let doc = seed();
    let ledger = annotated_ledger(&doc);
    let tasks: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    let sheet = ReportSheet::new(&doc, &ledger, &tasks, date("2023-06-30"));
    let bytes = export::to_xlsx(&sheet).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        export::to_xlsx(&sheet).ok(),
        Some(bytes.clone()),
        "deterministic"
    );
    let entries = unzip(&bytes);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml"
        ]
    );
    let sheet_xml = String::from_utf8(entries[5].1.clone()).unwrap_or_default();
    assert!(sheet_xml.contains(
        r#"<pane xSplit="2" ySplit="5" topLeftCell="C6" activePane="bottomRight" state="frozen"/>"#
    ));
    assert!(sheet_xml.contains("督办台账</t>"));
    assert!(sheet_xml.contains("截至 2023-06-30（2023年第二季度）"));
    assert!(sheet_xml.contains("已完成&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;调研"));
    assert!(!sheet_xml.contains("<script>"));
    // 15 columns (A–O); header rows 4–5; 71 tasks + 11 section rows below them.
    assert!(sheet_xml.contains(r#"<mergeCell ref="A1:O1"/>"#));
    assert!(sheet_xml.contains(r#"<autoFilter ref="A5:O87"/>"#));
}

#[test]
fn xlsx_drops_characters_xml_cannot_hold() {
    let doc = seed();
    let mut ledger = ledger_for(&doc, who("张三", "区科技局"));
    act(
        &mut ledger,
        luoshi::ledger::Action::SetNotes {
            task: 1,
            notes: "x".into(),
        },
        "2023-06-01T08:00:00+08:00",
    );
    act(
        &mut ledger,
        luoshi::ledger::Action::SetOwner {
            task: 1,
            owner: "李\u{0}四\u{1b}".into(),
        },
        "2023-06-01T08:00:00+08:00",
    );
    let sheet = ReportSheet::new(&doc, &ledger, &[1], date("2023-06-30"));
    let bytes = export::to_xlsx(&sheet).unwrap_or_else(|e| panic!("{e}"));
    let sheet_xml = String::from_utf8(unzip(&bytes)[5].1.clone()).unwrap_or_default();
    assert!(sheet_xml.contains(">李四<"));
}

#[test]
fn file_names() {
    let doc = seed();
    let q2 = Period::Quarter {
        year: 2023,
        quarter: 2,
    };
    assert_eq!(short_title(&doc), "城阳区2023重点任务");
    assert_eq!(
        file_name(&doc, Some("区科技局"), q2),
        "城阳区2023重点任务-区科技局-2023Q2.xlsx"
    );
    assert_eq!(file_name(&doc, None, q2), "城阳区2023重点任务-2023Q2.xlsx");
    assert_eq!(
        file_name(&doc, Some("  "), q2),
        "城阳区2023重点任务-2023Q2.xlsx"
    );
    let july = Period::Month {
        year: 2023,
        month: 7,
    };
    assert_eq!(
        file_name(&doc, Some("财政/审计"), july),
        "城阳区2023重点任务-财政_审计-2023-07.xlsx"
    );

    let mut other = doc.clone();
    other.title = "济南市2024年工作要点".into();
    assert_eq!(short_title(&other), "济南市2024工作要点");
    other.title = "关于进一步优化营商环境激发市场主体活力的若干措施".into();
    assert_eq!(
        short_title(&other),
        "关于进一步优化营商环境激发市场主体活力的"
    );
    other.title = String::new();
    other.notice.title = String::new();
    assert_eq!(short_title(&other), "落实台账");
    other.title = "山东省青岛市黄岛区2025年重点工作任务".into();
    assert_eq!(short_title(&other), "黄岛区2025重点任务");

    let snapshot = luoshi::snapshot::export(
        &doc,
        &annotated_ledger(&doc),
        luoshi::snapshot::Coverage::All,
        "2023-07-01T10:00:00+08:00",
    );
    assert_eq!(
        snapshot.file_name(&doc),
        "城阳区2023重点任务-区科技局-2023-07-01.luoshi.json"
    );
}

#[test]
fn sheets_of_documents_that_name_leaders_have_a_leader_column() {
    let text =
        std::fs::read_to_string("tests/fixtures/parse/layouts/02-leader-and-several-roles.txt")
            .unwrap_or_default();
    let doc = luoshi::parse::parse(&text);
    let with = doc
        .tasks
        .iter()
        .find(|t| !t.leaders.is_empty())
        .unwrap_or_else(|| panic!("the fixture names leaders"));
    let ledger = luoshi::ledger::Ledger::new(doc.fingerprint.clone());
    let tasks: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    let sheet = ReportSheet::new(&doc, &ledger, &tasks, date("2023-06-30"));
    let columns = sheet.columns();
    assert_eq!(columns.len(), COLUMNS.len() + 1);
    assert_eq!(&columns[..3], ["序号", "任务", "责任领导"]);
    let rows = sheet.rows();
    let row = rows
        .iter()
        .find(|r| r.cells[0] == with.number.to_string())
        .unwrap_or_else(|| panic!("row of task {}", with.number));
    assert_eq!(row.cells.len(), columns.len());
    assert_eq!(row.cells[2], with.leaders.join("、"));
    assert_eq!(
        row.cells[3],
        with.lead_units.join("、"),
        "牵头单位 moves one right"
    );
    // CSV header and XLSX both carry the column; the title spans all 16 columns.
    let csv = String::from_utf8(export::to_csv(&sheet)).unwrap_or_default();
    assert!(
        csv.starts_with("\u{FEFF}序号,任务,责任领导,牵头单位,"),
        "{csv}"
    );
    let bytes = export::to_xlsx(&sheet).unwrap_or_else(|e| panic!("{e}"));
    let sheet_xml = String::from_utf8(unzip(&bytes)[5].1.clone()).unwrap_or_default();
    assert!(sheet_xml.contains(r#"<mergeCell ref="A1:P1"/>"#));
    assert!(sheet_xml.contains("<t xml:space=\"preserve\">责任领导</t>"));
    // A view of only leaderless tasks (the seed) keeps the 13 usual columns.
    let seed = seed();
    let seed_ledger = luoshi::ledger::Ledger::new(seed.fingerprint.clone());
    let seed_sheet = ReportSheet::new(&seed, &seed_ledger, &[1, 2], date("2023-06-30"));
    assert_eq!(seed_sheet.columns(), COLUMNS.to_vec());
    assert!(seed_sheet
        .rows()
        .iter()
        .all(|r| r.cells.len() == COLUMNS.len()));
}

/// Cells drawn from what makes CSV dangerous or hard: formula starts (ASCII and full-width), tab,
/// CR, LF, NUL and other C0 controls, quotes, commas, digits, signs, spaces and Chinese.
fn hostile_cell() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("=".to_string()),
        Just("+".to_string()),
        Just("-".to_string()),
        Just("@".to_string()),
        Just("＝".to_string()),
        Just("＋".to_string()),
        Just("－".to_string()),
        Just("＠".to_string()),
        Just("\t".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("\0".to_string()),
        Just("\"".to_string()),
        Just(",".to_string()),
        Just(" ".to_string()),
        Just("'".to_string()),
        Just(".".to_string()),
        Just("%".to_string()),
        (0u32..10).prop_map(|d| d.to_string()),
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('\0').to_string()),
        Just("cmd|' /C calc'!A0".to_string()),
        Just("推进".to_string()),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

/// What a spreadsheet sees in a cell must not run: it starts with no formula character unless it
/// is a plain number, or it starts with the protective apostrophe followed by the text as typed
/// (minus control characters).
fn assert_cell_is_safe(original: &str, read: &str) {
    let cleaned: String = original
        .chars()
        .filter(|c| !c.is_ascii_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    assert!(
        !read
            .chars()
            .any(|c| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')),
        "control character kept in {read:?}"
    );
    if read.starts_with(export::FORMULA_STARTS) {
        let number = {
            let body = read.trim_start_matches(['+', '-']).trim_end_matches('%');
            !body.is_empty()
                && body.split('.').count() <= 2
                && body
                    .split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && read.chars().filter(|c| matches!(c, '+' | '-')).count() <= 1
        };
        assert!(
            number,
            "formula start left unguarded: {read:?} (from {original:?})"
        );
        assert_eq!(read, cleaned);
    } else if cleaned.starts_with(export::FORMULA_STARTS) {
        assert_eq!(read, format!("'{cleaned}"), "from {original:?}");
    } else {
        assert_eq!(read, cleaned, "from {original:?}");
    }
}

proptest::proptest! {
    #[test]
    fn every_csv_cell_is_neutralised_and_round_trips(cells in proptest::collection::vec(hostile_cell(), 1..6)) {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&export::csv_cell(cell));
        }
        text.push_str("\r\n");
        let records = parse_csv(&text);
        proptest::prop_assert_eq!(records.len(), 1);
        proptest::prop_assert_eq!(records[0].len(), cells.len());
        for (original, read) in cells.iter().zip(&records[0]) {
            assert_cell_is_safe(original, read);
        }
    }

    /// The same rule through the whole writer: random report text in the ledger, written as the
    /// 督办台账 CSV and read back.
    #[test]
    fn csv_of_a_ledger_with_hostile_reports_has_no_formula(problems in hostile_cell(), owner in hostile_cell()) {
        use luoshi::ledger::{Action, ReportField};
        let doc = seed();
        let mut ledger = annotated_ledger(&doc);
        let now = "2023-06-21T09:00:00+08:00";
        let _ = ledger.apply(Action::SetReport { task: 1, period: Q2, field: ReportField::Problems, text: problems.clone() }, now);
        let _ = ledger.apply(Action::SetOwner { task: 1, owner: owner.clone() }, now);
        let sheet = ReportSheet::new(&doc, &ledger, &[1], date("2023-06-30"));
        let bytes = export::to_csv(&sheet);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap_or_default();
        let records = parse_csv(&text);
        let row = &sheet.rows()[0];
        for (cell, read) in row.cells.iter().zip(&records[1]) {
            assert_cell_is_safe(cell, read);
        }
    }
}
