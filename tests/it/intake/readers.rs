//! The readers into the canonical text, on real files.

use luoshi::intake::text::{csv_rows, decode, Decoded};
use luoshi::intake::{self, best_sheet, from_text, open, IntakeError, Opened, TextKind};

use super::fixture;

fn opened_text(name: &str) -> String {
    match open(name, &fixture(name)) {
        Ok(Opened::Text(text)) => text,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn docx_paragraphs_and_table_with_grid_span_and_vmerge() {
    let text = opened_text("tasks.docx");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "关于印发2024年重点工作任务分解的通知",
            "各街道、区直各部门： 现将任务分解如下。",
            "",
            "序号\t重点工作任务\t牵头单位\t责任单位\t完成时限",
            "一、城市建设",
            "1\t推进老旧小区改造，完成改造项目12个\t区住建局\t各街道\t2024年12月底",
            "2\t新建城市书房5处\t区文旅局\t区财政局、各街道\t2024年10月",
            "3\t\"实施道路“微循环”工程",
            // The lead cell merged over rows 2 and 3 (vMerge): its text in both rows.
            "打通断头路3条\"\t区文旅局\t区城管局\t2024年12月",
            "",
            "附件：任务分解表",
        ]
    );
}

#[test]
fn html_blocks_tables_rowspan_colspan_entities_no_script() {
    let text = opened_text("tasks.html");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "关于印发2024年重点工作任务分解方案的通知",
            "各街道 、区直各部门：",
            "",
            "序号\t重点工作任务\t牵头单位\t责任单位",
            "一、城市建设",
            "1\t\"推进老旧小区改造",
            "完成改造项目12个\"\t区住建局\t各街道",
            // rowspan=2 over rows 1 and 2: the merged text in both rows.
            "2\t新建“城市书房”5处。\t区住建局\t区财政局",
            "3\t建成智慧停车平台\t区大数据中心\t\"区交通运输局",
            "区公安分局\"",
            "",
            "附件：1. 任务分解表",
        ]
    );
    assert!(!text.contains("不应出现"));
}

#[test]
fn clipboard_html_from_word_keeps_list_numbers_and_drops_conditional_markup() {
    let html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style><!-- p {} --></style></head>\
        <body><!--StartFragment--><p class=MsoListParagraph><![if !supportLists]><span>1.<span>&nbsp;&nbsp; </span></span><![endif]>推进改造<o:p></o:p></p>\
        <p>2.新建书房</p><!--EndFragment--></body></html>";
    assert_eq!(from_text(TextKind::Html, html), "1. 推进改造\n2.新建书房\n");
}

#[test]
fn csv_is_read_as_a_table_with_quotes_and_gb18030() {
    let bytes = fixture("tasks.csv");
    assert_eq!(
        open("tasks.csv", &bytes),
        Ok(Opened::NeedsGb18030(TextKind::Csv))
    );
    let rows = csv_rows("a,\"b,c\",\"d\"\"e\"\r\n\"x\ny\",,z\n\nlast");
    assert_eq!(
        rows,
        [
            vec!["a", "b,c", "d\"e"],
            vec!["x\ny", "", "z"],
            vec![""],
            vec!["last"]
        ]
    );
    let text = from_text(TextKind::Csv, "序号,任务\n1,\"改造,12个\"\n");
    assert_eq!(text, "序号\t任务\n1\t改造,12个\n\n");
}

#[test]
fn text_encodings_utf8_bom_utf16_with_and_without_bom_and_gb18030_detected() {
    let expected = "2024年重点工作任务\n一、城市建设\n";
    for name in [
        "tasks-utf8-bom.txt",
        "tasks-utf16le-bom.txt",
        "tasks-utf16be.txt",
    ] {
        let text = opened_text(name);
        assert!(text.starts_with(expected), "{name}: {text:?}");
        assert!(
            text.contains("（牵头单位：区文旅局；配合单位：区财政局）"),
            "{name}"
        );
    }
    assert_eq!(decode(&fixture("tasks-gb18030.txt")), Decoded::Gb18030);
    assert_eq!(
        open("任务.txt", &fixture("tasks-gb18030.txt")),
        Ok(Opened::NeedsGb18030(TextKind::Plain))
    );
    // Plain ASCII and UTF-8 stay UTF-8.
    assert_eq!(decode(b"1. abc"), Decoded::Text("1. abc".into()));
    assert_eq!(decode("任务".as_bytes()), Decoded::Text("任务".into()));
    // UTF-16 LE of ASCII without BOM (valid UTF-8 full of NULs).
    let utf16: Vec<u8> = "1.task\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(decode(&utf16), Decoded::Text("1.task\n".into()));
}

#[test]
fn workbooks_give_every_sheet_and_the_best_is_the_one_with_most_tasks() {
    let Ok(Opened::Sheets(sheets)) = open("分解表.xlsx", &fixture("tasks.xlsx")) else {
        panic!("not sheets");
    };
    let names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["说明", "任务分解表"]);
    let count = |text: &str| text.matches("区").count();
    assert_eq!(best_sheet(&sheets, count), Some(1));
    assert_eq!(best_sheet(&sheets, |_| 0), Some(0), "the first of equals");
    assert_eq!(best_sheet(&[], count), None);
}

#[test]
fn content_decides_over_the_name() {
    // A .docx renamed .txt still opens as a .docx; an .xlsx named .docx as a workbook.
    assert!(opened_text_as("任务.txt", "tasks.docx").contains("序号\t重点工作任务"));
    assert!(matches!(
        open("x.docx", &fixture("tasks.xlsx")),
        Ok(Opened::Sheets(_))
    ));
    // An HTML page saved without an extension.
    assert!(
        matches!(open("page", b"<!DOCTYPE html><p>1.a</p>"), Ok(Opened::Text(t)) if t == "1.a\n")
    );
}

fn opened_text_as(name: &str, fixture_name: &str) -> String {
    match open(name, &fixture(fixture_name)) {
        Ok(Opened::Text(text)) => text,
        other => panic!("{other:?}"),
    }
}

#[test]
fn unreadable_types_are_refused_with_a_way_out_never_parsed() {
    let ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
    assert_eq!(open("通知.doc", &ole), Err(IntakeError::WordBinary));
    assert_eq!(open("通知.wps", &ole), Err(IntakeError::WordBinary));
    assert_eq!(open("清单.et", &ole), Err(IntakeError::SheetBinary));
    assert_eq!(open("清单.xls", &ole), Err(IntakeError::SheetBinary));
    assert_eq!(open("通知.pdf", b"%PDF-1.7\n..."), Err(IntakeError::Pdf));
    assert_eq!(
        open("扫描.png", &[0x89, b'P', b'N', b'G', 13, 10]),
        Err(IntakeError::Image)
    );
    assert_eq!(
        open("扫描.jpg", &[0xff, 0xd8, 0xff, 0xe0]),
        Err(IntakeError::Image)
    );
    // By name alone when the content is not recognised.
    assert_eq!(open("通知.doc", b"plain"), Err(IntakeError::WordBinary));
    assert_eq!(open("通知.ofd", b"PK"), Err(IntakeError::Pdf));
    // A zip that is neither.
    let zip = super::zip::make_zip(&[("ppt/presentation.xml", b"<p/>")]);
    assert_eq!(open("a.pptx", &zip), Err(IntakeError::Unsupported));
    // Binary bytes named .txt.
    assert_eq!(
        open("a.txt", &[0u8, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 9]),
        Err(IntakeError::WrongContent)
    );
    for error in [
        IntakeError::WordBinary,
        IntakeError::SheetBinary,
        IntakeError::Pdf,
        IntakeError::Image,
        IntakeError::Unsupported,
        IntakeError::WrongContent,
    ] {
        let message = error.message();
        assert!(message.contains("粘贴"), "{message}");
        assert!(!message.is_ascii());
    }
    assert!(IntakeError::WordBinary.message().contains("另存为” .docx"));
    assert!(IntakeError::SheetBinary.message().contains("另存为” .xlsx"));
}

#[test]
fn canonical_cells_are_quoted_like_excel_clipboard_text() {
    let mut out = String::new();
    intake::push_table(
        &mut out,
        &[vec![
            "a\tb".into(),
            "\"q\" x".into(),
            "line1\nline2".into(),
            "".into(),
        ]],
    );
    assert_eq!(out, "\"a\tb\"\t\"\"\"q\"\" x\"\t\"line1\nline2\"\n\n");
}

#[test]
fn too_large_texts_are_refused_before_parsing() {
    use luoshi::intake::{check_size, MAX_LINE_CHARS, MAX_TEXT_BYTES};
    // The adversarial case of issue 20: one very long task line with ASCII commas.
    let long_line = format!(
        "1.推进重点工作任务{}(牵头单位:区发改局)",
        ",推进工作".repeat(56_000)
    );
    let started = std::time::Instant::now();
    assert_eq!(
        check_size(&format!("标题\n{long_line}\n")),
        Err(IntakeError::LineTooLong(2, long_line.chars().count()))
    );
    assert!(started.elapsed().as_millis() < 1000);
    assert!(
        check_size(&"一".repeat(MAX_LINE_CHARS)).is_ok(),
        "at the limit"
    );
    let many_lines = "1.任务(牵头单位:区发改局)\n".repeat(MAX_TEXT_BYTES / 20);
    assert!(matches!(
        check_size(&many_lines),
        Err(IntakeError::TextTooLarge(_))
    ));
    assert!(check_size(luoshi::SEED_TEXT).is_ok());
    for error in [
        IntakeError::LineTooLong(2, 280_000),
        IntakeError::TextTooLarge(4 << 20),
        IntakeError::FileTooLarge(30 << 20),
    ] {
        assert!(error.message().contains("未打开"), "{}", error.message());
    }
    assert_eq!(
        open("big.txt", &vec![b'a'; intake::MAX_FILE_BYTES + 1]),
        Err(IntakeError::FileTooLarge(intake::MAX_FILE_BYTES + 1))
    );
}

#[test]
fn dropped_files_go_to_the_import_or_open_as_documents() {
    use luoshi::intake::{drop_kind, DropKind};
    let snapshot = r#"{"format": "luoshi.snapshot", "version": 1}"#;
    assert_eq!(
        drop_kind("进展.txt", snapshot.as_bytes()),
        DropKind::Snapshot,
        "a snapshot saved as .txt"
    );
    assert_eq!(
        drop_kind("x.json", b"[]"),
        DropKind::Snapshot,
        ".json goes to the import, which explains"
    );
    let ledger = "\u{feff}{\n  \"format\":\"luoshi.ledger\"}";
    assert_eq!(drop_kind("台账", ledger.as_bytes()), DropKind::Snapshot);
    assert_eq!(
        drop_kind("任务.txt", "1.任务".as_bytes()),
        DropKind::Document
    );
    assert_eq!(
        drop_kind("任务.docx", &fixture("tasks.docx")),
        DropKind::Document
    );
    assert_eq!(
        drop_kind("照片.png", &[0x89, b'P']),
        DropKind::Document,
        "refused by open, with the reason"
    );
}
