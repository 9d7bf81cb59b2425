//! Component tests: a pasted text goes through the paste dialog into the load summary; the
//! clipboard's HTML flavour becomes rows of cells; the summary's column mapping and sheet choice
//! reach their callbacks; a GB18030 file is decoded by the browser.

use std::cell::RefCell;
use std::rc::Rc;

use luoshi::parse::{ColumnMapping, ColumnRole, TableReading};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{LoadSummary, PasteDialog};
use crate::app::documents::{parse_text_with, LoadReport};
use crate::app::harness_test::{click, mount};
use luoshi::offload::{file_text, FileText};

/// A small plan of our own: 3 sections, 6 tasks, one line after a closed task, one task without units.
const PLAN: &str = include_str!("../../../../e2e/fixtures/sample-plan.txt");

/// The paste dialog wired to the parser and the summary, as the document bar does (minus storage
/// and the address bar, which the e2e test covers).
#[function_component(PasteAndSummary)]
fn paste_and_summary() -> Html {
    let outcome = use_state(|| None::<Result<LoadReport, String>>);
    let on_open = {
        let outcome = outcome.clone();
        Callback::from(move |source: String| {
            outcome.set(Some(
                parse_text_with(&source, None).map(|d| LoadReport::of(&d)),
            ))
        })
    };
    html! {
        <>
            <PasteDialog {on_open} on_cancel={Callback::noop()} />
            { match &*outcome {
                Some(Ok(report)) => html! { <LoadSummary report={report.clone()} on_close={Callback::noop()} /> },
                Some(Err(message)) => html! { <p class="refused">{ message.clone() }</p> },
                None => Html::default(),
            } }
        </>
    }
}

async fn paste(root: &web_sys::Element, source: &str) {
    let area: HtmlTextAreaElement = root
        .query_selector("textarea")
        .expect("valid selector")
        .expect("a textarea")
        .dyn_into()
        .expect("a textarea element");
    area.set_value(source);
    click(root, ".doc-dialog-actions button").await;
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .and_then(|element| element.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn pasted_plan_shows_counts_warnings_and_unitless_tasks() {
    let root = mount::<PasteAndSummary>(()).await;
    paste(&root, PLAN).await;
    assert_eq!(
        text_of(&root, ".doc-load-counts"),
        "任务 6 项，部分 3 个，责任单位 8 个，量化目标 5 个"
    );
    let warnings = text_of(&root, ".doc-load-warnings");
    assert!(warnings.contains("第 11 行"), "{warnings}");
    assert!(
        warnings.contains("各单位每月5日前报送进展情况"),
        "{warnings}"
    );
    assert_eq!(text_of(&root, ".doc-load-unitless"), "6　做好融资对接");
}

#[wasm_bindgen_test]
async fn text_without_tasks_is_refused() {
    let root = mount::<PasteAndSummary>(()).await;
    paste(&root, "这是一段普通的文字，\n没有任何编号的任务。").await;
    assert!(text_of(&root, ".refused").contains("未能从这段文本中识别出任何任务"));
    assert!(root
        .query_selector(".doc-load-summary")
        .expect("valid selector")
        .is_none());
}

fn textarea(root: &web_sys::Element) -> HtmlTextAreaElement {
    root.query_selector("textarea")
        .expect("valid selector")
        .expect("a textarea")
        .dyn_into()
        .expect("a textarea element")
}

/// Paste as a browser does: a `paste` event whose clipboard carries both flavours.
async fn paste_flavours(root: &web_sys::Element, html: &str, plain: &str) {
    let area = textarea(root);
    let data = web_sys::DataTransfer::new().expect("a DataTransfer");
    data.set_data("text/html", html).expect("set html");
    data.set_data("text/plain", plain).expect("set plain");
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let event =
        web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).expect("an event");
    area.dispatch_event(&event).expect("dispatched");
    yew::scheduler::flush().await;
}

/// The HTML flavour is read by the lazily loaded module (`crate::app::lazy`), which a component
/// test does not have: the paste falls back to the plain flavour, so nothing is lost (the HTML
/// table read into rows is e2e's `documents-files.mjs`, with the module).
#[wasm_bindgen_test]
async fn pasted_html_without_the_lazy_module_keeps_the_plain_text() {
    let root = mount::<PasteAndSummary>(()).await;
    let html = "<meta charset=utf-8><table><tr><td>序号</td><td>重点工作任务</td></tr></table>";
    paste_flavours(&root, html, "序号\n重点工作任务").await;
    assert_eq!(textarea(&root).value(), "序号\n重点工作任务");
}

#[wasm_bindgen_test]
async fn plain_text_paste_is_left_to_the_browser() {
    let root = mount::<PasteAndSummary>(()).await;
    // No HTML flavour: the handler does not cancel the paste (a synthetic event inserts nothing).
    paste_flavours(&root, "", "1.任务").await;
    assert_eq!(textarea(&root).value(), "");
}

fn table_report() -> LoadReport {
    LoadReport {
        title: "分解表".into(),
        tasks: 2,
        sections: 1,
        units: 3,
        targets: 0,
        warnings: Vec::new(),
        unitless: Vec::new(),
        not_kept: None,
        table: Some(TableReading {
            line: 3,
            headers: vec![
                "序号".into(),
                "重点工作任务".into(),
                "责任单位".into(),
                "备注".into(),
            ],
            roles: vec![
                ColumnRole::Number,
                ColumnRole::Task,
                ColumnRole::Responsible,
                ColumnRole::Ignore,
            ],
            overridden: false,
            flattened: false,
            rows: 2,
        }),
        sheets: vec!["说明".into(), "任务分解表".into()],
        sheet: 1,
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    reread: Callback<ColumnMapping>,
    sheet: Callback<usize>,
}

#[function_component(Summary)]
fn summary(props: &SummaryProps) -> Html {
    html! {
        <LoadSummary report={table_report()} on_close={Callback::noop()}
            on_reread={props.reread.clone()} on_sheet={props.sheet.clone()} />
    }
}

fn selects(root: &web_sys::Element) -> Vec<HtmlSelectElement> {
    let list = root.query_selector_all("select").expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|node| node.dyn_into().ok())
        .collect()
}

async fn choose(select: &HtmlSelectElement, value: &str) {
    select.set_value(value);
    let event = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .expect("an event");
    select.dispatch_event(&event).expect("dispatched");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn column_mapping_shows_what_was_read_and_rereads_with_the_change() {
    let mappings: Rc<RefCell<Vec<ColumnMapping>>> = Rc::default();
    let sheets: Rc<RefCell<Vec<usize>>> = Rc::default();
    let root = mount::<Summary>(SummaryProps {
        reread: {
            let mappings = mappings.clone();
            Callback::from(move |m| mappings.borrow_mut().push(m))
        },
        sheet: {
            let sheets = sheets.clone();
            Callback::from(move |i| sheets.borrow_mut().push(i))
        },
    })
    .await;
    assert!(text_of(&root, ".doc-table-line").contains("第 3 行"));
    let all = selects(&root);
    // The sheet select first, then one select per column, showing the role read.
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].value(), "1");
    let shown: Vec<String> = all[1..].iter().map(|s| s.value()).collect();
    assert_eq!(shown, ["序号", "任务", "责任单位", "不读取"]);
    // 责任单位 → 牵头单位, then read again.
    choose(&all[3], ColumnRole::Lead.label()).await;
    assert!(
        mappings.borrow().is_empty(),
        "nothing re-read before the button"
    );
    click(&root, ".doc-reread").await;
    assert_eq!(
        *mappings.borrow(),
        [ColumnMapping {
            roles: vec![
                ColumnRole::Number,
                ColumnRole::Task,
                ColumnRole::Lead,
                ColumnRole::Ignore
            ]
        }]
    );
    choose(&all[0], "0").await;
    assert_eq!(*sheets.borrow(), [0]);
}

#[wasm_bindgen_test]
async fn gb18030_text_is_decoded_by_the_browser() {
    let bytes = include_bytes!("../../../../tests/fixtures/intake/tasks-gb18030.txt");
    let decode = |bytes: &[u8]| {
        let decoder = web_sys::TextDecoder::new_with_label("gb18030").ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    };
    let Ok(FileText::Text(text)) = file_text("任务.txt", bytes, &decode) else {
        panic!("not decoded");
    };
    assert!(
        text.starts_with("2024年重点工作任务\n一、城市建设\n"),
        "{text}"
    );
    let csv = include_bytes!("../../../../tests/fixtures/intake/tasks.csv");
    let Ok(FileText::Text(text)) = file_text("任务.csv", csv, &decode) else {
        panic!("csv not decoded");
    };
    assert!(
        text.starts_with("序号\t重点工作任务\t牵头单位\t责任单位\n"),
        "{text}"
    );
    // A refused type gives its reason.
    let Err(message) = file_text("通知.pdf", b"%PDF-1.4", &decode) else {
        panic!("pdf accepted");
    };
    assert!(message.contains("另存为 .docx"), "{message}");
}
