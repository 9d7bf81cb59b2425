//! Component tests of the find side, through the whole App: facets, chips, search box, jump,
//! no-match and the reader's unit. The URL is the state, so most checks read the address bar.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use crate::app::harness_test::{click, mount};
use crate::app::prefs;
use crate::app::tests::{find, sample_document, search, set_search, texts};
use crate::app::{App, AppProps};

fn forget_prefs() {
    if let Ok(Some(storage)) = gloo::utils::window().local_storage() {
        let _ = storage.remove_item(prefs::KEY);
    }
}

async fn app_at(query: &str) -> Element {
    forget_prefs();
    set_search(query);
    mount::<App>(AppProps {
        document: Rc::new(sample_document()),
    })
    .await
}

fn rows(root: &Element) -> Vec<String> {
    texts(root, "tr.task-row a.task-number")
}

fn facet_counts(root: &Element, facet: &str) -> Vec<String> {
    texts(
        root,
        &format!(".facet[aria-labelledby=facet-{facet}] button.facet-value .facet-count"),
    )
}

fn facet_button(root: &Element, facet: &str, value: &str) -> Element {
    find(
        root,
        &format!(
            ".facet[aria-labelledby=facet-{facet}] button.facet-value[data-value=\"{value}\"]"
        ),
    )
}

async fn type_into_search(root: &Element, value: &str) {
    let input: HtmlInputElement = find(root, "#find-search").dyn_into().expect("an <input>");
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
}

async fn press_in_search(root: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    find(root, "#find-search")
        .dispatch_event(&event)
        .expect("dispatch");
    yew::scheduler::flush().await;
}

fn history_length() -> u32 {
    gloo::utils::window()
        .history()
        .and_then(|h| h.length())
        .unwrap_or(0)
}

#[wasm_bindgen_test]
async fn facets_count_under_the_other_filters_and_disable_zero_values() {
    let root = app_at("").await;
    assert_eq!(facet_counts(&root, "section"), vec!["2", "1"]);
    assert_eq!(texts(&root, ".result-count"), vec!["显示 3 / 3 项"]);

    click(
        &root,
        ".facet[aria-labelledby=facet-section] button.facet-value[data-value=\"2\"]",
    )
    .await;
    assert_eq!(search(), "?section=2");
    assert_eq!(rows(&root), vec!["3"]);
    // A facet's own counts ignore its own selection (OR within a facet) ...
    assert_eq!(facet_counts(&root, "section"), vec!["2", "1"]);
    assert_eq!(
        facet_button(&root, "section", "2")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    // ... other facets count under it; a 0 stays listed, disabled.
    let science = facet_button(&root, "unit", "区科技局");
    assert_eq!(texts(&science, ".facet-count"), vec!["0"]);
    assert!(science.has_attribute("disabled"));
    assert!(!facet_button(&root, "unit", "区发展改革局").has_attribute("disabled"));

    // Different facets AND: section 1 or 2, and 区科技局 → tasks 1 and 2.
    click(
        &root,
        ".facet[aria-labelledby=facet-section] button.facet-value[data-value=\"1\"]",
    )
    .await;
    click(
        &root,
        ".facet[aria-labelledby=facet-unit] button.facet-value[data-value=\"区科技局\"]",
    )
    .await;
    assert_eq!(rows(&root), vec!["1", "2"]);
    assert_eq!(texts(&root, ".unit-panel-title"), vec!["区科技局"]);

    // Chips name every filter and remove one at a time; 清除筛选 removes all.
    assert_eq!(
        texts(&root, ".chips .chip span:first-child"),
        vec![
            "部分：一、实施创新驱动发展战略",
            "部分：二、扩大有效需求",
            "责任单位：区科技局"
        ]
    );
    click(&root, ".chips .chip:nth-child(3)").await;
    assert_eq!(search(), "?section=1,2");
    click(&root, ".chips .clear-filters").await;
    assert_eq!(search(), "");
    assert_eq!(rows(&root), vec!["1", "2", "3"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn typing_searches_replaces_history_and_highlights() {
    let root = app_at("").await;
    let before = history_length();
    type_into_search(&root, "科").await;
    assert_eq!(search(), "?q=%E7%A7%91");
    assert_eq!(rows(&root), vec!["1", "2"]);
    assert_eq!(
        history_length(),
        before + 1,
        "the first key makes one entry for Back"
    );
    type_into_search(&root, "科技 财政").await;
    assert_eq!(rows(&root), vec!["2"], "every term must match");
    assert_eq!(history_length(), before + 1, "later keys replace it");
    assert_eq!(
        texts(&root, "#task-2 mark.hit"),
        vec!["科技", "科技", "财政"]
    );

    type_into_search(&root, "没有这个词").await;
    assert_eq!(texts(&root, ".no-match-title"), vec!["没有符合条件的任务"]);
    click(&root, ".no-match button").await;
    assert_eq!(search(), "");
    assert_eq!(rows(&root), vec!["1", "2", "3"]);

    // A number jumps: a hint, and Enter opens the task page.
    type_into_search(&root, "#2").await;
    assert_eq!(rows(&root), vec!["2"]);
    assert!(texts(&root, ".jump-hint")
        .concat()
        .contains("跳转到第 2 项"));
    press_in_search(&root, "Enter").await;
    assert_eq!(search(), "?task=2");
    assert_eq!(
        texts(&root, "h2.task-heading"),
        vec!["第 2 项强化科技平台载体赋能"]
    );
    root.remove();
    set_search("");
}

#[wasm_bindgen_test]
async fn escape_clears_the_search_and_the_task_page_marks_hits() {
    let root = app_at("?q=%E9%87%8D%E7%82%B9&task=1").await;
    assert_eq!(texts(&root, ".task-page .task-text mark.hit"), vec!["重点"]);
    click(&root, "a.back-link").await;
    assert_eq!(rows(&root), vec!["1"]);
    press_in_search(&root, "Escape").await;
    assert_eq!(search(), "");
    assert_eq!(rows(&root), vec!["1", "2", "3"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn my_unit_is_remembered_and_opens_the_default_view() {
    let root = app_at("").await;
    let picker: HtmlSelectElement = find(&root, ".my-unit-picker")
        .dyn_into()
        .expect("a <select>");
    picker.set_value("区财政局");
    picker
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(prefs::my_unit(), Ok(Some("区财政局".to_string())));
    assert_eq!(search(), "?mine=1");
    assert_eq!(rows(&root), vec!["2"]);
    assert!(texts(&root, ".my-unit")
        .concat()
        .contains("只看本单位（1）"));
    root.remove();

    // A bare address now opens the reader's tasks, and says so in the address bar.
    set_search("");
    let again = mount::<App>(AppProps {
        document: Rc::new(sample_document()),
    })
    .await;
    assert_eq!(search(), "?mine=1");
    assert_eq!(rows(&again), vec!["2"]);
    click(&again, ".my-unit .segment:nth-child(2)").await;
    assert_eq!(search(), "");
    assert_eq!(rows(&again), vec!["1", "2", "3"]);
    again.remove();
    forget_prefs();
    set_search("");
}
