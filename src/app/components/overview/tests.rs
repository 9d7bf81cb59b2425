//! Component tests for the overview and report pages: a hand-built ledger over the seed document,
//! rendered in headless Chromium; numbers and links are read back from the DOM.

use std::rc::Rc;

use luoshi::ledger::{Action, Ledger, ReportField, Status};
use luoshi::overview::Scope;
use luoshi::period::{Date, Period};
use luoshi::Document;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

use super::{OverviewView, OverviewViewProps};
use crate::app::components::report::{ReportView, ReportViewProps};
use crate::app::harness_test::{click, mount};

wasm_bindgen_test_configure!(run_in_browser);

const Q1_TIME: &str = "2023-03-10T09:00:00+08:00";
const Q2_TIME: &str = "2023-05-10T09:00:00+08:00";

fn q1() -> Period {
    Period::Quarter {
        year: 2023,
        quarter: 1,
    }
}

fn q2() -> Period {
    Period::Quarter {
        year: 2023,
        quarter: 2,
    }
}

fn today() -> Date {
    Date::new(2023, 6, 30).unwrap_or_else(|| panic!("a real date"))
}

fn apply(ledger: &mut Ledger, action: Action, now: &str) {
    if let Err(error) = ledger.apply(action, now) {
        panic!("test edit failed: {error}");
    }
}

/// As of 2023-06-30 (序时 49.6%): 1 已完成 (reported in Q2) · 2 已完成 · 3 滞后 10% (red, 挂牌督办,
/// reported in Q1 and Q2) · 7 序时推进 45% (green) · every other task untouched.
fn ledger(document: &Document) -> Ledger {
    let mut ledger = Ledger::new(document.fingerprint.clone());
    let l = &mut ledger;
    apply(
        l,
        Action::SetStatus {
            task: 3,
            status: Status::OnSchedule,
        },
        Q1_TIME,
    );
    apply(
        l,
        Action::SetReport {
            task: 3,
            period: q1(),
            field: ReportField::ProgressText,
            text: "一季度已开工".into(),
        },
        Q1_TIME,
    );
    apply(
        l,
        Action::SetStatus {
            task: 1,
            status: Status::Done,
        },
        Q2_TIME,
    );
    apply(
        l,
        Action::SetStatus {
            task: 2,
            status: Status::Done,
        },
        Q2_TIME,
    );
    apply(
        l,
        Action::SetStatus {
            task: 3,
            status: Status::Behind,
        },
        Q2_TIME,
    );
    apply(
        l,
        Action::SetProgress {
            task: 3,
            progress: 10,
        },
        Q2_TIME,
    );
    apply(
        l,
        Action::SetSupervised {
            task: 3,
            supervised: true,
        },
        Q2_TIME,
    );
    apply(
        l,
        Action::SetStatus {
            task: 7,
            status: Status::OnSchedule,
        },
        Q2_TIME,
    );
    apply(
        l,
        Action::SetProgress {
            task: 7,
            progress: 45,
        },
        Q2_TIME,
    );
    apply(
        l,
        Action::SetReport {
            task: 1,
            period: q2(),
            field: ReportField::ProgressText,
            text: "二季度全部完成".into(),
        },
        Q2_TIME,
    );
    apply(
        l,
        Action::SetReport {
            task: 3,
            period: q2(),
            field: ReportField::Problems,
            text: "二季度资金未到位".into(),
        },
        Q2_TIME,
    );
    ledger
}

fn select(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text_of(root: &Element, selector: &str) -> String {
    select(root, selector).text_content().unwrap_or_default()
}

/// The bar's count and the query string its link points to.
fn bar(root: &Element, chart: &str, key: &str) -> (String, String) {
    let row = format!("[data-chart='{chart}'] li[data-key='{key}']");
    let count = text_of(root, &format!("{row} .bar-count"));
    let href = select(root, &format!("{row} a"))
        .get_attribute("href")
        .unwrap_or_default();
    let query = href
        .split_once('?')
        .map(|(_, q)| q.to_string())
        .unwrap_or_default();
    (count, query)
}

async fn overview() -> Element {
    let document = Rc::new(luoshi::seed_document());
    let ledger = Rc::new(ledger(&document));
    mount::<OverviewView>(OverviewViewProps {
        document,
        ledger,
        today: today(),
    })
    .await
}

/// The Q2 report of the seed document and ledger, mounted, for `scope`.
async fn report(scope: Scope) -> Element {
    let document = Rc::new(luoshi::seed_document());
    let ledger = Rc::new(ledger(&document));
    mount::<ReportView>(ReportViewProps {
        document,
        ledger,
        today: today(),
        period: Some(q2()),
        scope,
    })
    .await
}

#[wasm_bindgen_test]
async fn overview_shows_totals_and_links_every_bar_to_its_list() {
    let root = overview().await;
    assert_eq!(
        bar(&root, "whole-status", "done"),
        ("2".into(), "status=done".into())
    );
    assert_eq!(
        bar(&root, "whole-status", "behind"),
        ("1".into(), "status=behind".into())
    );
    assert_eq!(bar(&root, "whole-status", "not_started").0, "67");
    assert_eq!(
        bar(&root, "whole-light", "red"),
        ("1".into(), "light=red".into())
    );
    // 1 and 2 are done (green), 7 is within 10 points.
    assert_eq!(bar(&root, "whole-light", "green").0, "3");
    assert_eq!(bar(&root, "whole-light", "none").0, "67");
    assert_eq!(
        bar(&root, "whole-report", "reported"),
        ("2".into(), "report=1&report_period=2023Q2".into())
    );
    assert_eq!(bar(&root, "whole-report", "unreported").0, "69");
    // Shares are written beside the numbers.
    assert!(text_of(&root, "[data-chart='whole-status'] li[data-key='done']").contains("2.8%"));
    assert!(text_of(&root, "[data-chart='whole-status'] figcaption").contains("共 71 项"));

    // Section 1 (tasks 1–6): a stacked bar whose text equivalent lists every bucket, and a legend
    // linking to the section's filtered list.
    let stack = select(&root, "[data-chart='section-1-status'] svg");
    assert_eq!(stack.get_attribute("role").as_deref(), Some("img"));
    let label = stack.get_attribute("aria-label").unwrap_or_default();
    assert!(label.starts_with("按状态："), "{label}");
    assert!(label.contains("已完成 2 项(33.3%)"), "{label}");
    assert!(label.contains("共 6 项"), "{label}");
    let legend = select(
        &root,
        "[data-chart='section-1-status'] li[data-key='done'] a",
    );
    assert!(legend
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?section=1&status=done"));
    assert!(text_of(&root, "[data-chart='section-1-light'] li[data-key='red']").contains('1'));
}

#[wasm_bindgen_test]
async fn watch_lists_and_targets_link_to_tasks() {
    let root = overview().await;
    let red = select(&root, "[data-watch='red']");
    assert!(text_of(&red, "h4").contains("（1 项）"));
    let task = select(&red, ".watch-task");
    assert!(task
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?task=3"));
    assert!(text_of(&red, ".watch-item").contains("督办"));
    let supervised = select(&root, "[data-watch='supervised']");
    assert!(select(&supervised, "a.button")
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?supervised=1"));
    let unreported = select(&root, "[data-watch='unreported']");
    assert!(text_of(&unreported, "h4").contains("（69 项）"));
    // Its 69 items are built only once the disclosure opens.
    assert!(unreported
        .query_selector(".watch-item")
        .ok()
        .flatten()
        .is_none());
    let details = select(&unreported, "details");
    details
        .set_attribute("open", "")
        .unwrap_or_else(|_| panic!("set open"));
    let toggle = web_sys::Event::new("toggle").unwrap_or_else(|_| panic!("an event"));
    details
        .dispatch_event(&toggle)
        .unwrap_or_else(|_| panic!("dispatch"));
    yew::scheduler::flush().await;
    assert_eq!(
        unreported
            .query_selector_all(".watch-item")
            .map(|l| l.length())
            .unwrap_or(0),
        69
    );
    assert!(select(&unreported, "a.button")
        .get_attribute("href")
        .unwrap_or_default()
        .ends_with("?report=0&report_period=2023Q2"));
    // Newest edit first: task 3's report (Q2) was applied last.
    assert!(text_of(&root, "[data-watch='recent'] .watch-task").starts_with("3."));
    // No actuals entered: every target is 未填实际值.
    let (count, _) = {
        let row = "[data-chart='targets'] li[data-key='no_actual']";
        (text_of(&root, &format!("{row} .bar-count")), ())
    };
    assert_ne!(count, "0");
    assert!(
        root.query_selector("[data-chart='targets'] li a")
            .ok()
            .flatten()
            .is_none(),
        "target bars are not task filters"
    );
}

#[wasm_bindgen_test]
async fn scorecard_sorts_by_clicked_column() {
    let root = overview().await;
    let first_unit = |root: &Element| {
        select(root, ".scorecard tbody tr")
            .get_attribute("data-unit")
            .unwrap_or_default()
    };
    let unit_order = first_unit(&root);
    assert_eq!(
        select(&root, ".scorecard th[data-column='unit']")
            .get_attribute("aria-sort")
            .as_deref(),
        Some("ascending")
    );
    click(&root, ".scorecard th[data-column='done'] button").await;
    let done = select(&root, ".scorecard th[data-column='done']");
    assert_eq!(
        done.get_attribute("aria-sort").as_deref(),
        Some("descending")
    );
    assert_eq!(
        select(&root, ".scorecard th[data-column='unit']")
            .get_attribute("aria-sort")
            .as_deref(),
        Some("none")
    );
    // Tasks 1 and 2 (done) are both led by 区科技局.
    assert_eq!(first_unit(&root), "区科技局");
    let cells = select(&root, ".scorecard tbody tr");
    assert!(select(&cells, "th a")
        .get_attribute("href")
        .unwrap_or_default()
        .contains("role=lead"));
    click(&root, ".scorecard th[data-column='done'] button").await;
    assert_eq!(
        select(&root, ".scorecard th[data-column='done']")
            .get_attribute("aria-sort")
            .as_deref(),
        Some("ascending")
    );
    click(&root, ".scorecard th[data-column='unit'] button").await;
    assert_eq!(first_unit(&root), unit_order);
    // The first 20 units show; the button shows them all.
    let rows = |root: &Element| {
        root.query_selector_all(".scorecard tbody tr")
            .map(|l| l.length())
            .unwrap_or(0)
    };
    assert_eq!(rows(&root), 20);
    click(&root, ".scorecard-more button").await;
    assert!(rows(&root) > 20);
    assert_eq!(
        select(&root, ".scorecard-more button")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn report_holds_the_periods_texts_and_changes() {
    let root = report(Scope::All).await;
    assert_eq!(
        text_of(&root, ".rp-title"),
        "城阳区2023年重点工作任务第二季度进展情况"
    );
    // Reported tasks in full, the rest as one list: together every task once.
    let count = |selector: &str| {
        root.query_selector_all(selector)
            .map(|l| l.length())
            .unwrap_or(0)
    };
    assert_eq!(count(".rp-task") + count(".rp-unreported li"), 71);
    assert!(
        count(".rp-task") < 10,
        "untouched tasks are not listed in full"
    );
    let summary = text_of(&root, ".rp-summary");
    assert!(
        summary.starts_with("2023年第二季度纳入汇总的任务共71项，其中已完成"),
        "{summary}"
    );
    assert!(summary.contains("未报送单位"), "{summary}");
    let three = select(&root, ".rp-task[data-task='3']");
    let texts = three.text_content().unwrap_or_default();
    assert!(texts.contains("二季度资金未到位"), "{texts}");
    assert!(
        !texts.contains("一季度已开工"),
        "Q1 text must not appear in the Q2 report"
    );
    let delta = text_of(&three, ".rp-delta");
    assert!(delta.contains("状态：序时推进 → 滞后"), "{delta}");
    assert!(delta.contains("新增2023年第二季度进展报告"), "{delta}");
    // The plain text offered for manual copying is the core's.
    let area = select(&root, ".rp-plain textarea");
    let value = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(area)
        .map(|a| a.value())
        .unwrap_or_default();
    assert!(value.starts_with("城阳区2023年重点工作任务第二季度进展情况\n"));
    assert!(value.contains("2.存在问题：二季度资金未到位"));
    // 较上期变化 is one sentence: items joined by "；" in the text, none starting with it.
    assert!(delta.starts_with("较上期变化：状态："), "{delta}");
    assert!(!delta.contains("：；") && !delta.contains(':'), "{delta}");
}

#[wasm_bindgen_test]
async fn unit_report_lists_only_led_tasks_with_a_unit_summary() {
    let document = luoshi::seed_document();
    let led: Vec<String> = document
        .tasks
        .iter()
        .filter(|t| t.lead_units.iter().any(|u| u == "区科技局"))
        .map(|t| t.number.to_string())
        .collect();
    let root = report(Scope::Unit("区科技局".into())).await;
    assert_eq!(text_of(&root, ".rp-subtitle"), "区科技局牵头任务");
    let shown: Vec<String> = {
        let list = root
            .query_selector_all(".rp-task, .rp-unreported li")
            .unwrap_or_else(|_| panic!("valid selector"));
        (0..list.length())
            .filter_map(|i| list.get(i))
            .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<Element>(node).ok())
            .filter_map(|el| el.get_attribute("data-task"))
            .collect()
    };
    let mut shown_sorted = shown.clone();
    shown_sorted.sort_by_key(|n| n.parse::<u32>().unwrap_or(0));
    assert_eq!(shown_sorted, led);
    let summary = text_of(&root, ".rp-unit-delta");
    assert!(summary.contains("已完成 0 → 2 项"), "{summary}");
}

#[wasm_bindgen_test]
async fn report_groups_by_status_when_asked() {
    let root = report(Scope::All).await;
    let before = text_of(&root, ".rp-section h3");
    assert!(
        !before.contains("项）"),
        "grouped by section first: {before}"
    );
    let select = select(&root, "select[name='grouping']");
    let select = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(select)
        .unwrap_or_else(|_| panic!("a select"));
    select.set_value("status");
    let event = web_sys::Event::new("change").unwrap_or_else(|_| panic!("event"));
    let _ = select.dispatch_event(&event);
    yew::scheduler::flush().await;
    let headings: Vec<String> = {
        let list = root
            .query_selector_all(".rp-section h3")
            .unwrap_or_else(|_| panic!("valid selector"));
        (0..list.length())
            .filter_map(|i| list.get(i))
            .filter_map(|n| n.text_content())
            .collect()
    };
    assert!(!headings.is_empty());
    assert!(
        headings
            .iter()
            .all(|h| ["已完成", "序时推进", "滞后", "其他"]
                .iter()
                .any(|s| h.contains(s))),
        "{headings:?}"
    );
}

/// 区科技局 (leads 1–7, 11, 12) writes Q2 reports on 1 and 3; 区财政局 (leads 44, 45) on both.
/// Task 1's co-lead 区工业和信息化局 wrote nothing.
fn round_ledger(document: &Document) -> Ledger {
    use luoshi::ledger::Who;
    let mut ledger = Ledger::new(document.fingerprint.clone());
    let l = &mut ledger;
    let as_unit = |l: &mut Ledger, unit: &str| {
        let who = Who {
            name: "办事员".into(),
            unit: unit.into(),
        };
        apply(l, Action::SetUser { who }, Q1_TIME);
    };
    let report = |l: &mut Ledger, task: u32, text: &str, at: &str| {
        let action = Action::SetReport {
            task,
            period: q2(),
            field: ReportField::ProgressText,
            text: text.into(),
        };
        apply(l, action, at);
    };
    as_unit(l, "区科技局");
    report(l, 1, "平台已建成", "2023-05-10T09:00:00+08:00");
    report(l, 3, "已认定", "2023-05-12T15:20:00+08:00");
    as_unit(l, "区财政局");
    report(l, 44, "已拨付", "2023-06-01T09:00:00+08:00");
    report(l, 45, "已清算", "2023-06-02T09:00:00+08:00");
    as_unit(l, "区发展改革局");
    ledger
}

#[wasm_bindgen_test]
async fn collection_round_counts_own_reports_and_drafts_the_reminder() {
    use wasm_bindgen::JsCast;
    let document = Rc::new(luoshi::seed_document());
    let ledger = Rc::new(round_ledger(&document));
    let root = mount::<OverviewView>(OverviewViewProps {
        document,
        ledger,
        today: today(),
    })
    .await;
    let row = |unit: &str| {
        let cells = root
            .query_selector_all(&format!(".collection-table tr[data-unit='{unit}'] td"))
            .unwrap_or_else(|_| panic!("cells"));
        (0..cells.length())
            .filter_map(|i| cells.get(i))
            .map(|c| c.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(row("区科技局"), ["2/9", "2023-05-12 15:20"]);
    assert_eq!(row("区工业和信息化局")[0], "0/11");
    assert_eq!(row("区工业和信息化局")[1], "本期未报送");
    assert_eq!(row("区财政局"), ["2/2", "2023-06-02 09:00"]);
    // The scorecard agrees: 区科技局 2 of 9, not 是 for a co-lead.
    let science = select(&root, ".scorecard tr[data-unit='区科技局']");
    let cells = science
        .query_selector_all("td")
        .unwrap_or_else(|_| panic!("cells"));
    let reported = cells
        .get(5)
        .and_then(|c| c.text_content())
        .unwrap_or_default();
    assert_eq!(reported, "2/9");

    // Pending: everyone but 区财政局.
    let pending = root
        .query_selector_all(".collection-pending li")
        .unwrap_or_else(|_| panic!("list"));
    let units: Vec<String> = (0..pending.length())
        .filter_map(|i| pending.get(i))
        .filter_map(|li| li.dyn_into::<Element>().ok())
        .filter_map(|li| li.get_attribute("data-unit"))
        .collect();
    assert!(!units.iter().any(|u| u == "区财政局"));
    assert_eq!(units[0], "区科技局");
    assert_eq!(
        text_of(&root, ".collection-pending li[data-unit='区科技局']"),
        "区科技局：9 项中 7 项未报送"
    );
    let notice = || {
        select(&root, ".reminder-text")
            .dyn_into::<web_sys::HtmlTextAreaElement>()
            .map(|t| t.value())
            .unwrap_or_default()
    };
    // Default deadline: five days after the as-of date; signed by this ledger's unit.
    assert!(notice().contains("请于2023年7月5日前报送"), "{}", notice());
    assert!(notice().ends_with("区发展改革局\n2023年6月30日"));
    assert!(!notice().contains("区财政局"));
    // The coordinator sets the deadline.
    let input: web_sys::HtmlInputElement = select(&root, ".reminder-deadline input")
        .dyn_into()
        .unwrap_or_else(|_| panic!("input"));
    input.set_value("2023-07-10");
    let _ =
        input.dispatch_event(&web_sys::Event::new("change").unwrap_or_else(|_| panic!("event")));
    yew::scheduler::flush().await;
    assert!(notice().contains("请于2023年7月10日前报送"), "{}", notice());
}
