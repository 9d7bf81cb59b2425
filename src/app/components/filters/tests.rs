//! Component tests of the find side, through the whole App: facets, chips, search box, jump,
//! no-match and the reader's unit. The URL is the state, so most checks read the address bar.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlSelectElement};

use crate::app::harness_test::{click, mount};
use crate::app::prefs;
use crate::app::route::Route;
use crate::app::tests::{find, sample_document, search, set_search, texts, type_search};
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
        address: crate::app::address::Address::current(),
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
    type_search(&root, "科").await;
    assert_eq!(search(), "?q=%E7%A7%91");
    assert_eq!(rows(&root), vec!["1", "2"]);
    assert_eq!(
        history_length(),
        before + 1,
        "the first key makes one entry for Back"
    );
    type_search(&root, "科技 财政").await;
    assert_eq!(rows(&root), vec!["2"], "every term must match");
    assert_eq!(history_length(), before + 1, "later keys replace it");
    // The view follows every key; the address bar waits for a pause in typing, or until the
    // page loses focus (the reader goes to copy the address).
    assert_eq!(search(), "?q=%E7%A7%91");
    gloo::utils::window()
        .dispatch_event(&web_sys::Event::new("blur").expect("event"))
        .expect("dispatch");
    assert_eq!(Route::parse(&search()).query.text, "科技 财政");
    assert_eq!(
        texts(&root, "#task-2 mark.hit"),
        vec!["科技", "科技", "财政"]
    );

    type_search(&root, "没有这个词").await;
    assert_eq!(texts(&root, ".no-match-title"), vec!["没有符合条件的任务"]);
    click(&root, ".no-match button").await;
    assert_eq!(search(), "");
    assert_eq!(rows(&root), vec!["1", "2", "3"]);

    // A number jumps: a hint, and Enter opens the task page.
    type_search(&root, "#2").await;
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
        address: crate::app::address::Address::current(),
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

/// Our own plan naming leaders, in brackets and on a 牵头领导 line: 林清 (1, 2, 5), 赵一鸣 (2, 3, 5),
/// 欧阳·明珠 (4); section 一 holds 1–3, section 二 holds 4–5.
pub(crate) const LEADER_PLAN: &str = "临川县2025年民生实事任务分解
一、社会事业
1.新建社区食堂8处。(责任领导:林清;牵头单位:县民政局;责任单位:各街道)
2.改造老旧小区12个。(责任领导:林清、赵一鸣;牵头单位:县住房城乡建设局;责任单位:县民政局)
3.新增公办幼儿园学位900个。(责任领导:赵一鸣;牵头单位:县教育局)
二、城乡建设
4.新建城市口袋公园6处。(责任领导:欧阳·明珠;牵头单位:县城市管理局)
5.建成乡镇污水处理站4座。
牵头领导:赵一鸣，林清
牵头单位:县生态环境局
";

#[wasm_bindgen_test]
async fn documents_without_leaders_have_no_leader_facet() {
    let root = app_at("").await;
    assert!(root
        .query_selector(".facet[aria-labelledby=facet-leader]")
        .expect("selector")
        .is_none());
    assert_eq!(
        texts(&root, ".facet-title")
            .iter()
            .filter(|t| *t == "责任领导")
            .count(),
        0
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn leader_facet_filters_counts_and_clears() {
    forget_prefs();
    set_search("");
    let root = mount::<App>(AppProps {
        document: Rc::new(luoshi::parse::parse(LEADER_PLAN)),
        address: crate::app::address::Address::current(),
    })
    .await;
    assert_eq!(
        texts(&root, ".facet[aria-labelledby=facet-leader] .facet-label"),
        vec!["林清", "赵一鸣", "欧阳·明珠"]
    );
    assert_eq!(facet_counts(&root, "leader"), vec!["3", "3", "1"]);

    click(
        &root,
        ".facet[aria-labelledby=facet-leader] button.facet-value[data-value=\"林清\"]",
    )
    .await;
    assert_eq!(search(), "?leader=%E6%9E%97%E6%B8%85");
    assert_eq!(rows(&root), vec!["1", "2", "5"]);
    // OR within the facet: the leader counts stay; other facets count under the leader.
    assert_eq!(facet_counts(&root, "leader"), vec!["3", "3", "1"]);
    assert_eq!(facet_counts(&root, "section"), vec!["2", "1"]);
    assert_eq!(
        texts(&root, ".chips .chip span:first-child"),
        vec!["责任领导：林清"]
    );

    click(
        &root,
        ".facet[aria-labelledby=facet-leader] button.facet-value[data-value=\"欧阳·明珠\"]",
    )
    .await;
    assert_eq!(rows(&root), vec!["1", "2", "4", "5"]);
    // AND with a section: section 二 under 林清 or 欧阳·明珠 → 4 and 5; leader counts follow.
    click(
        &root,
        ".facet[aria-labelledby=facet-section] button.facet-value[data-value=\"2\"]",
    )
    .await;
    assert_eq!(rows(&root), vec!["4", "5"]);
    assert_eq!(facet_counts(&root, "leader"), vec!["1", "1", "1"]);
    assert!(texts(&root, ".clear-filters").concat().contains('3'));

    // Removing the 林清 chip keeps the rest.
    click(&root, ".chips .chip:nth-child(2)").await;
    assert_eq!(rows(&root), vec!["4"]);
    assert!(!search().contains("leader=%E6%9E%97"));
    click(&root, ".chips .clear-filters").await;
    assert_eq!(search(), "");
    assert_eq!(rows(&root), vec!["1", "2", "3", "4", "5"]);
    root.remove();
}
