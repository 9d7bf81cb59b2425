//! Component tests (headless Chromium): render with a small hand-built document, wait for Yew with
//! `yew::scheduler::flush()`, then read the DOM.

use std::rc::Rc;

use luoshi::{Comparator, Document, Section, Target, Task};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::prelude::*;

use super::address::Address;
use super::components::section_list::{DocumentRef, SectionList, SectionListProps};
use super::components::task_row::{TaskRef, TaskRow, TaskRowProps};
use super::components::task_text::{TaskText, TaskTextProps};
use super::harness_test::{click, mount};
use super::route::{for_unit, href, Page, Route};
use super::{App, AppProps, RowControlsReady};

wasm_bindgen_test_configure!(run_in_browser);

const TASK_ONE: &str = "提升企业技术创新能力。年内新增2家市级以上重点实验室，推动实施项目300个以上。(牵头单位:区科技局、区工业和信息化局)";

fn target(text: &str, phrase: &str, figure: &str, value: f64) -> Target {
    let start = text.find(figure).unwrap_or(0);
    Target {
        text: phrase.to_string(),
        value,
        value_max: None,
        unit: None,
        comparator: Comparator::AtLeast,
        start,
        end: start + figure.len(),
    }
}

pub(crate) fn sample_document() -> Document {
    let tasks = vec![
        Task {
            number: 1,
            section: 1,
            title: "提升企业技术创新能力".into(),
            text: TASK_ONE.into(),
            lead_units: vec!["区科技局".into(), "区工业和信息化局".into()],
            participating_units: vec![],
            targets: vec![
                target(TASK_ONE, "年内新增2家市级以上重点实验室", "2家", 2.0),
                target(TASK_ONE, "推动实施项目300个以上", "300个以上", 300.0),
            ],
            ..Task::default()
        },
        Task {
            number: 2,
            section: 1,
            title: "强化科技平台载体赋能".into(),
            text: "强化科技平台载体赋能。(牵头单位:区科技局,参与单位:区财政局)".into(),
            lead_units: vec!["区科技局".into()],
            participating_units: vec!["区财政局".into()],
            ..Task::default()
        },
        Task {
            number: 3,
            section: 2,
            title: "扩大有效投资".into(),
            text: "扩大有效投资。(牵头单位:区发展改革局)".into(),
            lead_units: vec!["区发展改革局".into()],
            // A broken range from a confused parser must not break the page.
            targets: vec![Target {
                text: "坏的".into(),
                start: 5,
                end: 900,
                ..Target::default()
            }],
            ..Task::default()
        },
    ];
    Document {
        title: "城阳区2023年重点工作任务".into(),
        meta: luoshi::document::Meta {
            doc_number: "青城政办发〔2023〕18号".into(),
            issuer: "区政府办公室".into(),
            written_date: "2023-04-27".into(),
            ..Default::default()
        },
        sections: vec![
            Section {
                number: 1,
                numeral: "一".into(),
                title: "实施创新驱动发展战略".into(),
            },
            Section {
                number: 2,
                numeral: "二".into(),
                title: "扩大有效需求".into(),
            },
        ],
        tasks,
        ..Document::default()
    }
}

/// A `<tbody>` in a fresh `<table>` on `<body>`, for components that render table rows.
fn fresh_table_body() -> (Element, Element) {
    let document = gloo::utils::document();
    let table = document.create_element("table").expect("create <table>");
    let body = document.create_element("tbody").expect("create <tbody>");
    table.append_child(&body).expect("attach <tbody>");
    document
        .body()
        .expect("<body>")
        .append_child(&table)
        .expect("attach <table>");
    (table, body)
}

/// Point the test page's address bar at `search` (as a pasted link would).
pub(crate) fn set_search(search: &str) {
    // An app left mounted by an earlier test may still have an address waiting to be written.
    crate::app::route::cancel_address();
    let window = gloo::utils::window();
    let path = window.location().pathname().expect("pathname");
    window
        .history()
        .expect("history")
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        )
        .expect("replaceState");
}

pub(crate) fn search() -> String {
    gloo::utils::window().location().search().expect("search")
}

pub(crate) fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|index| list.item(index))
        .map(|node| node.text_content().unwrap_or_default())
        .collect()
}

/// Open a `<details>` as a click on its summary does. The browser queues its `toggle` event for
/// later; dispatching it here keeps the test free of waiting on the event loop.
pub(crate) async fn open_details(details: &Element) {
    let details: web_sys::HtmlDetailsElement = details.clone().dyn_into().expect("a <details>");
    details.set_open(true);
    details
        .dispatch_event(&web_sys::Event::new("toggle").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
}

pub(crate) fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no {selector}"))
}

#[wasm_bindgen_test]
fn links_keep_view_state_in_the_query_string_under_the_current_path() {
    let page = Address::current();
    let path = page.path.clone();
    let href = |route: &Route| href(&page, route);
    let filtered = Route::parse("?unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80&q=abc");
    // Opening a task keeps the filters, so Back to the list and ‹ › stay in the filtered list.
    let opened = filtered.with_page(Page::Task(14));
    assert_eq!(Route::parse(&href(&opened).replace(&path, "")), opened);
    assert!(href(&opened).starts_with(&path));
    assert!(href(&opened).ends_with("task=14"));
    assert_eq!(opened.with_page(Page::List), filtered);
    // The plain list is the bare path: no `?`, no `#`.
    assert_eq!(href(&Route::default()), path);
    assert_eq!(
        href(&for_unit("区财政局")),
        format!("{path}?unit=%E5%8C%BA%E8%B4%A2%E6%94%BF%E5%B1%80")
    );
}

#[wasm_bindgen_test]
async fn task_row_shows_units_count_and_marked_text() {
    let document = Rc::new(sample_document());
    let (table, body) = fresh_table_body();
    yew::Renderer::<TaskRow>::with_root_and_props(
        body,
        TaskRowProps {
            task: TaskRef::new(document, 0),
            terms: Rc::default(),
            controls: true,
        },
    )
    .render();
    yew::scheduler::flush().await;

    let number = find(&table, "a.task-number");
    assert_eq!(number.text_content().as_deref(), Some("1"));
    let href = number.get_attribute("href").unwrap_or_default();
    assert!(
        href.ends_with("?task=1"),
        "task link points at the query string: {href}"
    );
    assert!(!href.contains('#'));
    assert_eq!(texts(&table, "summary"), vec!["提升企业技术创新能力"]);
    assert_eq!(
        texts(&table, "td.col-units"),
        vec!["区科技局、区工业和信息化局", "—"]
    );
    assert_eq!(texts(&table, "td.col-count"), vec!["2 项"]);
    // The full text is rendered when the row opens, targets marked.
    assert!(find(&table, "details").get_attribute("open").is_none());
    assert!(texts(&table, "details .task-text").is_empty());
    open_details(&find(&table, "details")).await;
    assert!(find(&table, "details").has_attribute("open"));
    assert_eq!(texts(&table, "details .task-text"), vec![TASK_ONE]);
    assert_eq!(
        texts(&table, "details mark.target"),
        vec!["2家", "300个以上"]
    );
}

#[wasm_bindgen_test]
async fn section_list_groups_tasks_and_hides_empty_sections() {
    let document = Rc::new(sample_document());
    let root = mount::<SectionList>(SectionListProps {
        document: DocumentRef(document.clone()),
        shown: Rc::new(vec![1, 2, 3]),
        grouped: true,
        limit: usize::MAX,
        terms: Rc::default(),
    })
    .await;
    assert_eq!(
        texts(&root, "h2.section-heading"),
        vec!["一、实施创新驱动发展战略2 项", "二、扩大有效需求1 项"]
    );
    assert_eq!(
        root.query_selector_all("tbody tr").expect("rows").length(),
        3
    );
    // The task with a bad target range renders its text whole, with nothing marked.
    open_details(&find(&root, "#task-3 details")).await;
    assert_eq!(
        texts(&root, "#task-3 .task-text"),
        vec!["扩大有效投资。(牵头单位:区发展改革局)"]
    );
    assert!(root
        .query_selector("#task-3 mark")
        .expect("selector")
        .is_none());

    let filtered = mount::<SectionList>(SectionListProps {
        document: DocumentRef(document),
        shown: Rc::new(vec![3]),
        grouped: true,
        limit: 1,
        terms: Rc::default(),
    })
    .await;
    assert_eq!(
        texts(&filtered, "h2.section-heading"),
        vec!["二、扩大有效需求1 项"]
    );
}

#[derive(Properties, PartialEq)]
struct StagedListProps {
    ready: usize,
}

/// The three sample tasks (two sections) while the app's start-up has given controls to `ready`.
#[function_component(StagedList)]
fn staged_list(props: &StagedListProps) -> Html {
    let document = use_memo((), |_| sample_document());
    html! {
        <ContextProvider<RowControlsReady> context={RowControlsReady(props.ready)}>
            <SectionList document={DocumentRef(document)} shown={Rc::new(vec![1, 2, 3])} />
        </ContextProvider<RowControlsReady>>
    }
}

#[wasm_bindgen_test]
async fn rows_past_the_ready_count_wait_for_their_controls_across_sections() {
    // Without a ledger a ready row has no controls at all; a waiting one has the empty box.
    let waiting =
        |root: &Element| texts_of_ids(root, "tr.task-row:has(.row-controls[aria-hidden=true])");
    let root = mount::<StagedList>(StagedListProps { ready: 1 }).await;
    assert_eq!(waiting(&root), vec!["task-2", "task-3"]);
    // The count runs on across the sections: the second section's first row is the list's third.
    let root = mount::<StagedList>(StagedListProps { ready: 2 }).await;
    assert_eq!(waiting(&root), vec!["task-3"]);
    let root = mount::<StagedList>(StagedListProps { ready: usize::MAX }).await;
    assert!(waiting(&root).is_empty());
    assert_eq!(crate::app::next_row_controls(12), 42);
    assert_eq!(crate::app::next_row_controls(72), usize::MAX);
    assert_eq!(crate::app::rows_for_height(720.0), 20);
    assert_eq!(crate::app::rows_for_height(0.0), 12);
}

fn texts_of_ids(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("selector");
    (0..nodes.length())
        .filter_map(|at| nodes.item(at))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .map(|element| element.id())
        .collect()
}

#[wasm_bindgen_test]
async fn app_navigates_between_list_and_task_pages() {
    set_search("");
    let root = mount::<App>(AppProps {
        document: Rc::new(sample_document()),
        address: crate::app::address::Address::current(),
    })
    .await;

    assert_eq!(texts(&root, "h1"), vec!["城阳区2023年重点工作任务"]);
    assert_eq!(
        texts(&root, ".doc-meta dd"),
        vec!["青城政办发〔2023〕18号", "区政府办公室", "2023-04-27"]
    );
    assert_eq!(
        root.query_selector_all("tr.task-row")
            .expect("rows")
            .length(),
        3
    );

    // A plain click on a task number opens its page in place and writes the URL.
    click(&root, "#task-2 a.task-number").await;
    assert_eq!(search(), "?task=2");
    assert_eq!(
        texts(&root, "h2.task-heading"),
        vec!["第 2 项强化科技平台载体赋能"]
    );
    assert!(root
        .query_selector("tr.task-row")
        .expect("selector")
        .is_none());
    let units: Vec<String> = {
        let links = root.query_selector_all(".task-units a").expect("links");
        (0..links.length())
            .filter_map(|index| links.item(index))
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .map(|link| link.get_attribute("href").unwrap_or_default())
            .collect()
    };
    assert_eq!(units.len(), 2);
    assert!(
        units[0].ends_with("?unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80"),
        "{}",
        units[0]
    );
    assert!(find(&root, "a[rel=prev]")
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?task=1"));
    assert!(find(&root, "a[rel=next]")
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?task=3"));

    // Back/Forward: the browser changes the URL, then fires popstate.
    set_search("?task=1");
    let popstate = web_sys::Event::new("popstate").expect("event");
    gloo::utils::window()
        .dispatch_event(&popstate)
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(
        texts(&root, "h2.task-heading"),
        vec!["第 1 项提升企业技术创新能力"]
    );
    assert_eq!(
        texts(&root, ".task-page mark.target"),
        vec!["2家", "300个以上"]
    );
    assert!(root
        .query_selector("a[rel=prev]")
        .expect("selector")
        .is_none());

    click(&root, "a.back-link").await;
    assert_eq!(search(), "");
    assert_eq!(
        root.query_selector_all("tr.task-row")
            .expect("rows")
            .length(),
        3
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn pasted_links_open_task_pages_and_unit_lists() {
    set_search("?task=99");
    let missing = mount::<App>(AppProps {
        document: Rc::new(sample_document()),
        address: crate::app::address::Address::current(),
    })
    .await;
    assert_eq!(texts(&missing, ".not-found h2"), vec!["没有第 99 项任务"]);
    let path = gloo::utils::window()
        .location()
        .pathname()
        .expect("pathname");
    assert_eq!(
        find(&missing, "a.back-link").get_attribute("href"),
        Some(path)
    );
    missing.remove();

    set_search("?unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80");
    let unit = mount::<App>(AppProps {
        document: Rc::new(sample_document()),
        address: crate::app::address::Address::current(),
    })
    .await;
    assert_eq!(texts(&unit, ".unit-panel-title"), vec!["区科技局"]);
    assert_eq!(texts(&unit, "tr.task-row a.task-number"), vec!["1", "2"]);
    unit.remove();
    set_search("");
}

#[wasm_bindgen_test]
async fn pager_walks_the_filtered_list_the_reader_came_from() {
    // 区科技局 leads tasks 1 and 2 only; in document order task 2 would be followed by task 3.
    set_search("?unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80&task=2");
    let root = mount::<App>(AppProps {
        document: Rc::new(sample_document()),
        address: crate::app::address::Address::current(),
    })
    .await;
    let previous = find(&root, "a[rel=prev]")
        .get_attribute("href")
        .unwrap_or_default();
    assert!(
        previous.ends_with("?unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80&task=1"),
        "{previous}"
    );
    assert!(root
        .query_selector("a[rel=next]")
        .expect("selector")
        .is_none());
    // Back to the list keeps the filter.
    click(&root, "a.back-link").await;
    assert_eq!(search(), "?unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80");
    assert_eq!(texts(&root, "tr.task-row a.task-number"), vec!["1", "2"]);
    root.remove();
    set_search("");
}

/// Type `value` into the list's search box as a person does, then let Yew re-render.
pub(crate) async fn type_search(root: &Element, value: &str) {
    let input: web_sys::HtmlInputElement =
        find(root, "#find-search").dyn_into().expect("an <input>");
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
}

// Rows get only what they show (so typing does not re-render them all); the parts that follow
// the whole query — the task link's href and an opened row's text — must still follow it.
#[wasm_bindgen_test]
async fn list_rows_follow_the_search_in_links_marks_and_opened_text() {
    set_search("");
    let root = mount::<App>(AppProps {
        document: Rc::new(sample_document()),
        address: crate::app::address::Address::current(),
    })
    .await;
    let link = |root: &Element| {
        find(root, "#task-1 a.task-number")
            .get_attribute("href")
            .unwrap_or_default()
    };
    const LAB: &str = "%E5%AE%9E%E9%AA%8C%E5%AE%A4"; // 实验室
    const UNIT: &str = "%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80"; // 区科技局

    // Only task 1's full text says 实验室: the row matches, nothing in the row itself is marked.
    type_search(&root, "实验室").await;
    assert_eq!(texts(&root, "tr.task-row a.task-number"), vec!["1"]);
    assert!(texts(&root, "tr.task-row mark.hit").is_empty());
    let href = link(&root);
    assert!(href.contains(LAB) && href.ends_with("task=1"), "{href}");
    open_details(&find(&root, "#task-1 details")).await;
    assert_eq!(texts(&root, "#task-1 .task-text mark.hit"), vec!["实验室"]);

    // A second term that is in the row's units: marked there, and in the opened text; the link
    // carries both terms.
    type_search(&root, "实验室 区科技局").await;
    assert_eq!(
        texts(&root, "#task-1 td.col-lead mark.hit"),
        vec!["区科技局"]
    );
    assert_eq!(
        texts(&root, "#task-1 .task-text mark.hit"),
        vec!["实验室", "区科技局"]
    );
    let href = link(&root);
    assert!(href.contains(LAB) && href.contains(UNIT), "{href}");
    assert!(href.ends_with("task=1"), "{href}");

    // Cleared: every task, no marks, links without the query.
    type_search(&root, "").await;
    assert_eq!(
        texts(&root, "tr.task-row a.task-number"),
        vec!["1", "2", "3"]
    );
    assert!(texts(&root, "mark.hit").is_empty());
    assert!(link(&root).ends_with("?task=1"), "{}", link(&root));
    root.remove();
    set_search("");
}

#[wasm_bindgen_test]
async fn task_text_marks_search_hits_alongside_targets() {
    let document = sample_document();
    let root = mount::<TaskText>(TaskTextProps {
        task: document.tasks[0].clone(),
        terms: Rc::new(vec!["重点实验室".to_string()]),
    })
    .await;
    assert_eq!(texts(&root, "mark.hit"), vec!["重点实验室"]);
    assert_eq!(texts(&root, "mark.target"), vec!["2家", "300个以上"]);
    assert_eq!(texts(&root, ".task-text"), vec![TASK_ONE]);
}
