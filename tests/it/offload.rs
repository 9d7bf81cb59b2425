//! `luoshi::offload`: the work the web app leaves to its lazily loaded module. Every request goes
//! through JSON both ways, as between the app and the worker, and gives what the app gave when it
//! called the readers and writers itself.

use luoshi::export::{to_xlsx_with, LedgerOptions, ReportSheet};
use luoshi::ledger::{Action, Ledger, ReportField, Status, Who};
use luoshi::offload::{
    handle, FileText, ReportRequest, ReportScope, Request, Response, SheetRead, SheetRequest,
    SheetsRequest, NOT_DECODED,
};
use luoshi::period::{Date, Period};
use luoshi::session::import::{read_file, ImportFlow};
use luoshi::share::ShareLink;
use luoshi::Document;

const NOW: &str = "2023-07-02T09:00:00+08:00";
const Q2: Period = Period::Quarter {
    year: 2023,
    quarter: 2,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/intake/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The request and the answer through JSON, as they cross between the app and the worker.
fn ask(request: Request, buffers: &[Vec<u8>]) -> (Response, Option<Vec<u8>>) {
    let json = serde_json::to_string(&request).unwrap_or_else(|e| panic!("request: {e}"));
    let request: Request = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let (response, bytes) = handle(request, buffers, &|_| None);
    let json = serde_json::to_string(&response).unwrap_or_else(|e| panic!("response: {e}"));
    let response = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    // The app reads answers by hand (`Response::from_json`): the same as serde's derived reader.
    assert_eq!(
        Response::from_json(&json).as_ref(),
        Some(&response),
        "{json}"
    );
    (response, bytes)
}

#[test]
fn the_app_reads_every_kind_of_answer_as_serde_does() {
    let answers = [
        Response::Opened(Ok(FileText::Text("一、总体要求\n1. 任务".into()))),
        Response::Opened(Ok(FileText::Sheets(
            vec![("表1".into(), "a\tb".into()), ("表2".into(), String::new())],
            1,
        ))),
        Response::Opened(Ok(FileText::Sheets(Vec::new(), 0))),
        Response::Opened(Err("无法读取".into())),
        Response::Pasted(Some("文本 \"引号\"".into())),
        Response::Pasted(None),
        Response::Written {
            name: "台账.xlsx".into(),
            mime: luoshi::offload::XLSX_MIME.into(),
        },
        Response::Failed("无法生成文件".into()),
        Response::Sheets(Vec::new()),
        Response::Sheets(vec![
            SheetRead::default(),
            SheetRead {
                refused: Some("不是台账".into()),
                cell_errors: vec!["B3：进度应为 0-100".into(), "C4".into()],
                snapshot: Some("{\"format\":\"luoshi.snapshot\"}".into()),
                fingerprint_differs: true,
            },
        ]),
        Response::Shared(ShareLink {
            url: "http://x/#s=abc".into(),
            fragment: "#s=abc".into(),
            length: 15,
            too_long_for_chat: false,
            qr_svg: Some("<svg/>".into()),
        }),
        Response::Shared(ShareLink {
            url: String::new(),
            fragment: String::new(),
            length: 0,
            too_long_for_chat: true,
            qr_svg: None,
        }),
    ];
    for answer in answers {
        let json = serde_json::to_string(&answer).unwrap_or_default();
        let by_serde: Response =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!(by_serde, answer);
        assert_eq!(Response::from_json(&json), Some(answer), "{json}");
    }
    // Anything else is no answer (the app then says the module is unavailable).
    for json in [
        "",
        "null",
        "[]",
        "{}",
        r#"{"Failed":"a","Pasted":null}"#,
        r#"{"Failed":1}"#,
        r#"{"Unknown":"a"}"#,
        r#"{"Opened":{"Ok":{"Sheets":[[["a"]],0]}}}"#,
        r#"{"Opened":{"Ok":{"Sheets":[[],-1]}}}"#,
        r#"{"Written":{"name":"a"}}"#,
        r#"{"Sheets":[{"refused":null,"cell_errors":[],"snapshot":null}]}"#,
        r#"{"Shared":{"url":"","fragment":"","length":1.5,"too_long_for_chat":false,"qr_svg":null}}"#,
    ] {
        assert_eq!(Response::from_json(json), None, "{json}");
    }
}

fn edited(doc: &Document) -> Ledger {
    let mut ledger = Ledger::new(doc.fingerprint.clone());
    ledger.user = Who {
        name: "王五".into(),
        unit: "区科技局".into(),
    };
    let task = doc
        .tasks
        .iter()
        .find(|t| t.lead_units.iter().any(|u| u == "区科技局"))
        .map_or(1, |t| t.number);
    for action in [
        Action::SetStatus {
            task,
            status: Status::OnSchedule,
        },
        Action::SetProgress { task, progress: 40 },
        Action::SetReport {
            task,
            period: Q2,
            field: ReportField::ProgressText,
            text: "完成年度任务的四成".into(),
        },
    ] {
        assert!(ledger.apply(action, "2023-06-20T09:00:00+08:00").is_ok());
    }
    ledger
}

fn today() -> Date {
    Date::new(2023, 6, 30).unwrap_or(Date::first_of_year(2023))
}

#[test]
fn an_opened_file_is_read_into_its_canonical_text() {
    let (response, bytes) = ask(
        Request::OpenFile {
            name: "任务.docx".into(),
        },
        &[fixture("tasks.docx")],
    );
    assert!(bytes.is_none());
    let Response::Opened(Ok(FileText::Text(text))) = response else {
        panic!("{response:?}");
    };
    assert!(text.contains('\t'), "a table as TAB-separated rows: {text}");
    // A workbook: its sheets, the one with the most tasks chosen.
    let (response, _) = ask(
        Request::OpenFile {
            name: "任务.xlsx".into(),
        },
        &[fixture("tasks.xlsx")],
    );
    let Response::Opened(Ok(FileText::Sheets(sheets, best))) = response else {
        panic!("{response:?}");
    };
    assert!(best < sheets.len());
    // GB18030 is the browser's to decode: without a decoder, the reason to show.
    let (response, _) = ask(
        Request::OpenFile {
            name: "任务.txt".into(),
        },
        &[fixture("tasks-gb18030.txt")],
    );
    assert_eq!(response, Response::Opened(Err(NOT_DECODED.to_string())));
    // A refused type says how to get one that is read.
    let (response, _) = ask(
        Request::OpenFile {
            name: "通知.pdf".into(),
        },
        &[b"%PDF-1.4".to_vec()],
    );
    let Response::Opened(Err(message)) = response else {
        panic!("{response:?}");
    };
    assert!(message.contains("docx"), "{message}");
}

#[test]
fn pasted_html_keeps_rows_and_cells() {
    let html = "<table><tr><td>序号</td><td>重点工作任务</td></tr><tr><td>1</td><td>推进改造</td></tr></table>";
    let (response, _) = ask(Request::PastedHtml { html: html.into() }, &[]);
    let Response::Pasted(Some(text)) = response else {
        panic!("{response:?}");
    };
    assert!(
        text.starts_with("序号\t重点工作任务\n1\t推进改造\n"),
        "{text}"
    );
    let (response, _) = ask(
        Request::PastedHtml {
            html: "<p> </p>".into(),
        },
        &[],
    );
    assert_eq!(response, Response::Pasted(None));
}

#[test]
fn the_ledger_sheet_is_the_file_the_app_wrote_itself() {
    let doc = luoshi::seed_document();
    let ledger = edited(&doc);
    let tasks: Vec<u32> = doc.tasks.iter().map(|t| t.number).collect();
    let request = |xlsx: bool| {
        Request::LedgerSheet(Box::new(SheetRequest {
            document: doc.clone(),
            ledger: ledger.clone(),
            tasks: tasks.clone(),
            today: today(),
            unit: None,
            for_unit: None,
            whole_year: false,
            exported_at: NOW.into(),
            xlsx,
        }))
    };
    let sheet = ReportSheet::new(&doc, &ledger, &tasks, today());
    let (response, bytes) = ask(request(true), &[]);
    let Response::Written { name, mime } = response else {
        panic!("{response:?}");
    };
    assert!(
        name.ends_with(".xlsx") && mime.contains("spreadsheetml"),
        "{name} {mime}"
    );
    let options = LedgerOptions {
        periods: vec![sheet.period],
        unit: None,
        exported_at: Some(NOW.into()),
    };
    assert_eq!(bytes, to_xlsx_with(&sheet, &options).ok());
    let (response, bytes) = ask(request(false), &[]);
    let Response::Written { name, .. } = response else {
        panic!("{response:?}");
    };
    assert!(name.ends_with(".csv"), "{name}");
    assert_eq!(bytes, Some(luoshi::export::to_csv(&sheet)));
}

#[test]
fn the_report_is_written_as_word_or_workbook() {
    let doc = luoshi::seed_document();
    let ledger = edited(&doc);
    for word in [true, false] {
        let (response, bytes) = ask(
            Request::Report(Box::new(ReportRequest {
                document: doc.clone(),
                ledger: ledger.clone(),
                period: Q2.id(),
                scope: ReportScope::All,
                grouping: "status".into(),
                word,
            })),
            &[],
        );
        let Response::Written { name, .. } = response else {
            panic!("{response:?}");
        };
        assert!(
            name.ends_with(if word { ".docx" } else { ".xlsx" }),
            "{name}"
        );
        assert!(bytes.is_some_and(|b| b.starts_with(b"PK\x03\x04")));
    }
}

#[test]
fn a_sheet_read_in_the_worker_imports_as_the_app_read_it_itself() {
    let doc = luoshi::seed_document();
    let filled = edited(&doc);
    let tasks: Vec<u32> = doc
        .tasks
        .iter()
        .filter(|t| t.lead_units.iter().any(|u| u == "区科技局"))
        .map(|t| t.number)
        .collect();
    let options = LedgerOptions {
        periods: vec![Q2],
        unit: Some("区科技局".into()),
        exported_at: Some("2023-06-25T10:00:00+08:00".into()),
    };
    let bytes = to_xlsx_with(&ReportSheet::new(&doc, &filled, &tasks, today()), &options)
        .unwrap_or_default();
    // Read against a ledger without those values: the sheet brings them.
    let mine = Ledger::new(doc.fingerprint.clone());
    let name = "区科技局.xlsx";
    let direct = read_file(name, Some(&bytes), &doc, &mine, NOW);
    let (response, _) = ask(
        Request::ReadSheets(Box::new(SheetsRequest {
            names: vec![name.into()],
            document: doc.clone(),
            ledger: mine.clone(),
            now: NOW.into(),
        })),
        std::slice::from_ref(&bytes),
    );
    let Response::Sheets(sheets) = response else {
        panic!("{response:?}");
    };
    let via: Vec<_> = sheets
        .into_iter()
        .map(|sheet| sheet.into_read(name, &doc))
        .collect();
    assert_eq!(via, vec![direct.clone()]);
    assert!(direct.incoming.is_some(), "{direct:?}");
    assert_eq!(
        ImportFlow::of_reads(&via, &mine),
        ImportFlow::check(&[(name.into(), Some(bytes))], &doc, &mine, NOW)
    );
}

#[test]
fn a_share_link_is_the_one_the_app_made_itself() {
    let doc = luoshi::seed_document();
    let ledger = edited(&doc);
    let snap = luoshi::snapshot::export(
        &doc,
        &ledger,
        luoshi::snapshot::Coverage::All,
        "2023-06-25T10:00:00+08:00",
    );
    let base = "https://example.org/tools/luoshi/?doc=c9d552659cfe";
    let (response, _) = ask(
        Request::ShareLink {
            base: base.into(),
            snapshot: snap.to_json(),
        },
        &[],
    );
    let made = luoshi::share::share_link(base, &snap);
    assert!(made.qr_svg.is_some());
    assert_eq!(response, Response::Shared(made));
}
