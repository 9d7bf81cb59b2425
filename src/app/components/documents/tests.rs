//! Component tests: a pasted text goes through the paste dialog into the load summary.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{LoadSummary, PasteDialog};
use crate::app::documents::{parse_text, LoadReport};
use crate::app::harness_test::{click, mount};

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
            outcome.set(Some(parse_text(&source).map(|d| LoadReport::of(&d))))
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
