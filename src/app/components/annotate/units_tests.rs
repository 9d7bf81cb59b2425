//! Component tests of many units on one task (headless Chromium): the task editor under a document
//! whose task has two leads and a 参与单位, with a stored ledger holding units' own entries and an
//! open conflict. Driven by clicks and typing, waited on with `yew::scheduler::flush()`.

use std::rc::Rc;

use luoshi::ledger::units::unit_path;
use luoshi::ledger::{Action, Ledger, ReportField, Who};
use luoshi::period::Period;
use luoshi::{store, Document, Task};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::TaskEditor;
use crate::app::ledger_state::LedgerProvider;

wasm_bindgen_test_configure!(run_in_browser);

const Q4: Period = Period::Quarter {
    year: 2023,
    quarter: 4,
};

fn task() -> Task {
    Task {
        number: 5,
        section: 1,
        title: "引进高层次人才".into(),
        text: "引进高层次人才。(牵头单位:区委组织部、区科技局,参与单位:区财政局)".into(),
        lead_units: vec!["区委组织部".into(), "区科技局".into()],
        participating_units: vec!["区财政局".into()],
        ..Task::default()
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    fingerprint: AttrValue,
}

#[function_component(Page)]
fn page(props: &PageProps) -> Html {
    let document = Rc::new(Document {
        fingerprint: props.fingerprint.to_string(),
        tasks: vec![task()],
        ..Document::default()
    });
    html! {
        <ContextProvider<Rc<Document>> context={document}>
            <LedgerProvider fingerprint={props.fingerprint.clone()}>
                <TaskEditor task={task()} />
            </LedgerProvider>
        </ContextProvider<Rc<Document>>>
    }
}

fn act(ledger: &mut Ledger, who: (&str, &str), action: Action, at: &str) {
    ledger.user = Who {
        name: who.0.into(),
        unit: who.1.into(),
    };
    ledger.apply(action, at).expect("scripted edit");
}

fn as_unit(unit: &str, text: &str) -> Action {
    Action::AsUnit {
        unit: unit.into(),
        edit: Box::new(Action::SetReport {
            task: 5,
            period: Q4,
            field: ReportField::ProgressText,
            text: text.into(),
        }),
    }
}

/// Store a ledger for `test` read as `reader` (name, unit): 区财政局 reported its part, and two
/// clerks of 区科技局 wrote its 工作进展 without seeing each other (an open conflict).
async fn mount(test: &str, reader: (&str, &str)) -> Element {
    let fingerprint = format!("test-units-{test}");
    let mut ledger = Ledger::new(fingerprint.clone());
    act(
        &mut ledger,
        ("李四", "区财政局"),
        as_unit("区财政局", "资金已拨付"),
        "2023-12-10T09:00:00+08:00",
    );
    let mut other = ledger.clone();
    act(
        &mut ledger,
        ("张三", "区科技局"),
        as_unit("区科技局", "甲稿"),
        "2023-12-11T09:00:00+08:00",
    );
    act(
        &mut other,
        ("赵六", "区科技局"),
        as_unit("区科技局", "乙稿"),
        "2023-12-12T09:00:00+08:00",
    );
    let mut ledger = luoshi::ledger::merge_latest(&ledger, &other).ledger;
    ledger.user = Who {
        name: reader.0.into(),
        unit: reader.1.into(),
    };
    ledger.as_of = luoshi::period::Date::new(2023, 12, 31);
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("storage");
    storage
        .set_item(&store::storage_key(&fingerprint), &store::encode(&ledger))
        .expect("store");
    // Each test is another reader: no identity stored by an earlier test (it would sign instead).
    storage
        .remove_item(store::keys::PREFS)
        .expect("clear prefs");
    let root = gloo::utils::document().create_element("div").expect("root");
    gloo::utils::document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("attach");
    yew::Renderer::<Page>::with_root_and_props(
        root.clone(),
        PageProps {
            fingerprint: fingerprint.into(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    // Opening stored this reader as the browser's identity; leave none behind for other tests.
    storage
        .remove_item(store::keys::PREFS)
        .expect("clear prefs");
    root
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(root: &Element, selector: &str, label: &str) {
    let nodes = root.query_selector_all(selector).expect("selector");
    for i in 0..nodes.length() {
        let Some(button) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if button.text_content().unwrap_or_default().trim() == label {
            button.click();
            return;
        }
    }
    panic!("no {label} in {selector}");
}

fn stored(test: &str) -> Ledger {
    let raw = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("storage")
        .get_item(&store::storage_key(&format!("test-units-{test}")))
        .expect("read")
        .expect("stored");
    store::decode(&raw).expect("decodes")
}

#[wasm_bindgen_test]
async fn the_compiling_lead_sees_each_units_entry_and_pulls_text_in_attributed() {
    let root = mount("pull", ("钱七", "区委组织部")).await;
    assert!(
        text(&root, ".entry-note").contains("您填写的是本任务的汇总情况（牵头单位：区委组织部）")
    );
    let finance = text(&root, ".unit-entry[data-unit='区财政局']");
    assert!(
        finance.contains("资金已拨付") && finance.contains("李四（区财政局）"),
        "{finance}"
    );
    click(
        &root,
        ".unit-entry[data-unit='区财政局'] button",
        "引用到汇总",
    );
    yew::scheduler::flush().await;
    let compiled: HtmlTextAreaElement = root
        .query_selector("#task-5-report-2023Q4-progress_text")
        .expect("selector")
        .expect("the compiled 工作进展")
        .dyn_into()
        .expect("textarea");
    assert_eq!(compiled.value(), "【区财政局】资金已拨付");
    assert!(text(&root, ".unit-entry[data-unit='区财政局']").contains("已引用"));
}

#[wasm_bindgen_test]
async fn an_open_conflict_is_settled_on_the_task_page_and_the_other_value_kept_in_history() {
    let root = mount("settle", ("钱七", "区委组织部")).await;
    let conflict = text(&root, ".open-conflict");
    assert!(
        conflict.contains("乙稿") && conflict.contains("甲稿"),
        "{conflict}"
    );
    click(&root, ".open-conflict button", "保留那个");
    yew::scheduler::flush().await;
    assert!(root
        .query_selector(".open-conflict")
        .expect("selector")
        .is_none());
    // The older 甲稿 now stands, settled by the reader; 乙稿 is still in history.
    assert!(text(&root, ".unit-entry[data-unit='区科技局']").contains("甲稿"));
    save_now().await;
    let ledger = stored("settle");
    let annotation = ledger.annotation_or_empty(5);
    let path = unit_path("区科技局", "report.2023Q4.progress_text");
    assert_eq!(
        annotation
            .field(&path)
            .and_then(|v| v.as_str().map(String::from)),
        Some("甲稿".to_string())
    );
    assert!(annotation.history.iter().any(|c| c.new == "乙稿"));
    assert!(luoshi::ledger::merge::open_conflicts(5, annotation).is_empty());
}

/// The page-hide flush commits typed text and writes the ledger at once.
async fn save_now() {
    gloo::utils::window()
        .dispatch_event(&Event::new("pagehide").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
}

/// Task 5's 工作进展 field for Q4.
const PROGRESS_TEXT: &str = "#task-5-report-2023Q4-progress_text";

/// Type `value` into the field at `selector` (a textarea or an input) as a person does: the value,
/// then a bubbling `input` event.
async fn type_into(root: &Element, selector: &str, value: &str) {
    let field = root
        .query_selector(selector)
        .expect("selector")
        .expect("the field");
    if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    }
    let init = EventInit::new();
    init.set_bubbles(true);
    field
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).expect("input"))
        .expect("dispatch");
    yew::scheduler::flush().await;
}

/// A unit's own Q4 工作进展 on the task.
fn own_text(annotation: &luoshi::ledger::Annotation, unit: &str) -> Option<String> {
    annotation
        .unit_entry(unit)
        .and_then(|e| e.reports.get("2023Q4"))
        .map(|r| r.progress_text.clone())
}

#[wasm_bindgen_test]
async fn a_co_leads_clerk_writes_its_own_entry_not_the_compiled_one() {
    let root = mount("own", ("张三", "区科技局")).await;
    assert!(text(&root, ".entry-note")
        .contains("您以区科技局身份填报本单位承担的部分，由牵头单位区委组织部汇总"));
    let field: HtmlTextAreaElement = root
        .query_selector(PROGRESS_TEXT)
        .expect("selector")
        .expect("the 工作进展 field")
        .dyn_into()
        .expect("textarea");
    // The field shows the unit's own entry (its newer clerk's 乙稿 stands).
    assert_eq!(field.value(), "乙稿");
    type_into(&root, PROGRESS_TEXT, "丙稿").await;
    save_now().await;
    let ledger = stored("own");
    let annotation = ledger.annotation_or_empty(5);
    assert_eq!(own_text(annotation, "区科技局").as_deref(), Some("丙稿"));
    // The compiled entry (区委组织部's) is untouched.
    assert!(annotation.report(Q4).is_none());
    // Written after seeing 乙稿, and replacing the clerk's own earlier 甲稿: no conflict is left.
    assert!(luoshi::ledger::merge::open_conflicts(5, annotation).is_empty());
}

/// A clerk who has not signed yet types into task 5 (it goes to the compiled entry), is asked to
/// sign in place and signs as 区科技局, a co-lead: the text moves to 区科技局's own entry and the
/// compiled entry is left as the lead had it.
#[wasm_bindgen_test]
async fn signing_after_an_unsigned_edit_moves_it_to_the_signers_own_entry() {
    let root = mount("claim", ("", "")).await;
    type_into(&root, PROGRESS_TEXT, "未署名时写的").await;
    save_now().await;
    assert_eq!(
        stored("claim")
            .annotation_or_empty(5)
            .report(Q4)
            .map(|r| r.progress_text.clone()),
        Some("未署名时写的".to_string())
    );
    // The prompt asks in place.
    assert!(text(&root, ".sign-prompt").contains("请署名"));
    type_into(&root, "#sign-name", "王敏").await;
    type_into(&root, "#sign-unit", "区科技局").await;
    click(&root, ".sign-prompt button", "署名");
    yew::scheduler::flush().await;
    save_now().await;
    let ledger = stored("claim");
    assert_eq!(ledger.user.unit, "区科技局");
    let annotation = ledger.annotation_or_empty(5);
    assert!(
        annotation.report(Q4).is_none(),
        "left in the compiled entry"
    );
    assert_eq!(
        own_text(annotation, "区科技局").as_deref(),
        Some("未署名时写的")
    );
    assert!(annotation
        .history
        .iter()
        .any(|c| c.new == "未署名时写的" && c.who.name == "王敏"));
    let _ = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .map(|s| s.remove_item(store::keys::PREFS));
}
