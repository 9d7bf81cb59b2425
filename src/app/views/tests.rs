//! Component tests of the lazily loaded views' interface, both sides in one test binary: the app's
//! JSON ([`super::ViewsInputRef`]) read by the module ([`super::module::show_in`]), a second
//! render on the same host, an unknown document refused, and a second Yew app inside the first
//! taking only its own clicks (the numbering [`super::module::start`] protects).

use std::cell::Cell;
use std::rc::Rc;

use luoshi::ledger::{Action, Ledger, Status};
use luoshi::period::Date;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::module::{hide_in, show_in};
use super::{ViewKind, ViewsInputRef};

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> Date {
    Date::new(2023, 6, 30).unwrap_or_else(|| panic!("a real date"))
}

fn host() -> Element {
    let document = gloo::utils::document();
    let host = document
        .create_element("div")
        .unwrap_or_else(|_| panic!("a <div>"));
    if let Some(body) = document.body() {
        let _ = body.append_child(&host);
    }
    host
}

fn input(document: &luoshi::Document, send_document: bool, ledger: &Ledger, route: &str) -> String {
    serde_json::to_string(&ViewsInputRef {
        view: &ViewKind::Page,
        fingerprint: &document.fingerprint,
        document: send_document.then_some(document),
        ledger,
        today: today(),
        route: route.to_string(),
    })
    .unwrap_or_else(|error| panic!("the app's input serialises: {error}"))
}

fn done_count(host: &Element) -> String {
    host.query_selector("[data-chart=\"whole-status\"] li[data-key=\"done\"] .bar-count")
        .ok()
        .flatten()
        .and_then(|count| count.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_apps_json_renders_the_overview_and_a_new_ledger_updates_it() {
    let document = luoshi::seed_document();
    let mut ledger = Ledger::new(document.fingerprint.clone());
    let host = host();
    assert!(show_in(
        host.clone(),
        &input(&document, true, &ledger, "view=overview")
    ));
    yew::scheduler::flush().await;
    assert!(
        host.query_selector("[data-ready=\"overview\"]")
            .ok()
            .flatten()
            .is_some(),
        "the overview is rendered"
    );
    assert_eq!(done_count(&host), "0");

    // The ledger changes in the app: the next input (without the document, already given)
    // updates the same render.
    if let Err(error) = ledger.apply(
        Action::SetStatus {
            task: 1,
            status: Status::Done,
        },
        "2023-05-10T09:00:00+08:00",
    ) {
        panic!("test edit failed: {error}");
    }
    assert!(show_in(
        host.clone(),
        &input(&document, false, &ledger, "view=overview")
    ));
    yew::scheduler::flush().await;
    assert_eq!(done_count(&host), "1");

    hide_in(&host);
    yew::scheduler::flush().await;
    assert_eq!(
        host.child_element_count(),
        0,
        "let go of the host: nothing left in it"
    );
}

#[wasm_bindgen_test]
async fn unreadable_input_and_unknown_documents_are_refused() {
    let document = luoshi::seed_document();
    let ledger = Ledger::new(document.fingerprint.clone());
    let host = host();
    assert!(!show_in(host.clone(), "{ not json"));
    let mut other = document.clone();
    other.fingerprint = "another".into();
    // Never given: the app must send it first.
    assert!(!show_in(
        host.clone(),
        &input(&other, false, &ledger, "view=overview")
    ));
    assert_eq!(host.child_element_count(), 0);
}

#[function_component(Clicker)]
fn clicker() -> Html {
    let clicks = use_state(|| 0u32);
    let onclick = {
        let clicks = clicks.clone();
        Callback::from(move |_: MouseEvent| clicks.set(*clicks + 1))
    };
    html! { <button class="inner" {onclick}>{ *clicks }</button> }
}

#[derive(Properties, PartialEq)]
struct OuterProps {
    clicked: Rc<Cell<u32>>,
}

#[function_component(Outer)]
fn outer(props: &OuterProps) -> Html {
    let clicked = props.clicked.clone();
    let onclick = Callback::from(move |_: MouseEvent| clicked.set(clicked.get() + 1));
    html! { <div><button class="outer" {onclick}>{ "外" }</button><div class="slot"></div></div> }
}

/// Two Yew apps nested as the app and the views are: a click inside the inner one is handled by
/// the inner one only. (In one wasm module Yew numbers the apps apart; across two modules
/// `start` makes the numbers differ the same way.)
#[wasm_bindgen_test]
async fn a_nested_app_takes_only_its_own_clicks() {
    let outer_host = host();
    let clicked = Rc::new(Cell::new(0));
    yew::Renderer::<Outer>::with_root_and_props(
        outer_host.clone(),
        OuterProps {
            clicked: clicked.clone(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let slot = outer_host
        .query_selector(".slot")
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("the outer app's slot"));
    yew::Renderer::<Clicker>::with_root(slot.clone()).render();
    yew::scheduler::flush().await;
    let inner: HtmlElement = slot
        .query_selector(".inner")
        .ok()
        .flatten()
        .and_then(|button| button.dyn_into().ok())
        .unwrap_or_else(|| panic!("the inner app's button"));
    inner.click();
    yew::scheduler::flush().await;
    assert_eq!(
        inner.text_content().as_deref(),
        Some("1"),
        "the inner app counted its click"
    );
    assert_eq!(clicked.get(), 0, "the outer app did not take it");
}
