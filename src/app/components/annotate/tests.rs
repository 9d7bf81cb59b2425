//! Component tests of the annotation side (headless Chromium): render the editor, history, list-row
//! controls and ledger bar inside a `LedgerProvider`, drive them with DOM events, wait with
//! `yew::scheduler::flush()` (never a sleep) and read the DOM and localStorage.

use std::rc::Rc;

use luoshi::ledger::{Ledger, Status};
use luoshi::{store, Comparator, Target, Task};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};
use yew::prelude::*;

use super::{LedgerBar, RowControls, TaskEditor, TaskHistory};
use crate::app::ledger_state::LedgerProvider;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "提升企业技术创新能力。年内新增2家市级以上重点实验室，推动实施项目300个以上。(牵头单位:区科技局)";

fn task() -> Task {
    let figure = |f: &str| TEXT.find(f).unwrap_or(0);
    Task {
        number: 7,
        section: 1,
        title: "提升企业技术创新能力".into(),
        text: TEXT.into(),
        lead_units: vec!["区科技局".into()],
        targets: vec![
            Target {
                text: "年内新增2家市级以上重点实验室".into(),
                value: 2.0,
                unit: Some("家".into()),
                comparator: Comparator::Reach,
                start: figure("2家"),
                end: figure("2家") + "2家".len(),
                ..Target::default()
            },
            Target {
                text: "推动实施项目300个以上".into(),
                value: 300.0,
                unit: Some("个".into()),
                comparator: Comparator::AtLeast,
                start: figure("300个"),
                end: figure("300个以上") + "300个以上".len(),
                ..Target::default()
            },
        ],
        ..Task::default()
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    fingerprint: AttrValue,
}

/// What the app shows on a task page, plus a list row for the same task.
#[function_component(Page)]
fn page(props: &PageProps) -> Html {
    let task = task();
    html! {
        <LedgerProvider fingerprint={props.fingerprint.clone()}>
            <LedgerBar />
            <table><tbody><tr><td><RowControls task={task.number} /></td></tr></tbody></table>
            <TaskEditor task={task.clone()} />
            <TaskHistory task={task.number} />
        </LedgerProvider>
    }
}

/// A fingerprint no other test uses, so each test has its own storage key.
fn fingerprint(test: &str) -> String {
    let fingerprint = format!("test-annotate-{test}");
    if let Ok(Some(storage)) = gloo::utils::window().local_storage() {
        let _ = storage.remove_item(&store::storage_key(&fingerprint));
    }
    fingerprint
}

async fn mount_page(fingerprint: &str) -> Element {
    mount::<Page>(fingerprint).await
}

async fn mount<C: BaseComponent<Properties = PageProps>>(fingerprint: &str) -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("root");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("attach");
    yew::Renderer::<C>::with_root_and_props(
        root.clone(),
        PageProps {
            fingerprint: fingerprint.to_string().into(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

fn find<T: JsCast>(root: &Element, selector: &str) -> T {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("{selector} has another element type"))
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn all_text(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// Fire a bubbling event (Yew listens at the root, so events must bubble to it).
async fn fire(element: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).expect("event");
    element.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
}

async fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = find(root, selector);
    select.set_value(value);
    fire(&select, "change").await;
}

/// Type into a text field and leave it (input, then change: commits at once, no timer).
async fn type_and_leave(root: &Element, selector: &str, value: &str) {
    let element: Element = find(root, selector);
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    }
    fire(&element, "input").await;
    fire(&element, "change").await;
}

async fn set_user(root: &Element, name: &str, unit: &str) {
    let name_input: HtmlInputElement = find(root, "#who-name");
    name_input.set_value(name);
    fire(&name_input, "input").await;
    let unit_input: HtmlInputElement = find(root, "#who-unit");
    unit_input.set_value(unit);
    fire(&unit_input, "input").await;
    fire(&find::<Element>(root, ".who-form"), "submit").await;
}

fn stored(fingerprint: &str) -> Option<Ledger> {
    let raw = gloo::utils::window()
        .local_storage()
        .ok()??
        .get_item(&store::storage_key(fingerprint))
        .ok()??;
    store::decode(&raw).ok()
}

#[wasm_bindgen_test]
async fn setting_status_adds_a_history_entry_signed_by_the_user() {
    let fp = fingerprint("status");
    let root = mount_page(&fp).await;
    assert_eq!(all_text(&root, ".history-entry").len(), 0);
    set_user(&root, "王敏", "区科技局").await;
    assert!(text_of(&root, ".who-now").contains("王敏（区科技局）"));

    choose(&root, "#task-7-editor-status", "on_schedule").await;

    let entries = all_text(&root, ".history-entry");
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(entries[0].contains("王敏（区科技局）"), "{}", entries[0]);
    assert!(entries[0].contains("状态"), "{}", entries[0]);
    assert!(entries[0].contains("未启动 → 序时推进"), "{}", entries[0]);
    // The list row shows the same status, and the select is coloured by status class plus its text.
    let row_select: HtmlSelectElement = find(&root, "#row-7-status");
    assert_eq!(row_select.value(), "on_schedule");
    assert!(row_select.class_name().contains("status-on-schedule"));
}

#[wasm_bindgen_test]
async fn invalid_progress_shows_a_chinese_message_and_changes_nothing() {
    let fp = fingerprint("progress");
    let root = mount_page(&fp).await;
    let input: HtmlInputElement = find(&root, "#task-7-progress");
    input.set_value("150");
    fire(&input, "input").await;
    assert_eq!(
        text_of(&root, "#task-7-progress-error"),
        "进度须为 0–100 之间的整数"
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("task-7-progress-error")
    );
    fire(&input, "change").await;
    assert_eq!(
        all_text(&root, ".history-entry").len(),
        0,
        "an invalid value is not committed"
    );
    assert_eq!(
        find::<HtmlInputElement>(&root, "#task-7-progress").value(),
        "150",
        "the typed text stays"
    );

    type_and_leave(&root, "#task-7-progress", "40%").await;
    assert!(root
        .query_selector("#task-7-progress-error")
        .expect("selector")
        .is_none());
    assert_eq!(
        find::<HtmlInputElement>(&root, "#task-7-progress").value(),
        "40"
    );
    assert_eq!(
        find::<HtmlInputElement>(&root, "#row-7-progress").value(),
        "40"
    );
    assert!(all_text(&root, ".history-entry")[0].contains("0 → 40"));
}

#[wasm_bindgen_test]
async fn other_status_needs_a_reason() {
    let fp = fingerprint("other");
    let root = mount_page(&fp).await;
    choose(&root, "#task-7-editor-status", "other").await;
    // Nothing is recorded until the reason is given.
    assert_eq!(all_text(&root, ".history-entry").len(), 0);
    type_and_leave(&root, "#task-7-editor-reason", "   ").await;
    assert_eq!(
        text_of(&root, "#task-7-editor-reason-error"),
        "选择“其他”时请填写原因"
    );
    type_and_leave(&root, "#task-7-editor-reason", "指标调整").await;
    let entries = all_text(&root, ".history-entry");
    assert_eq!(entries.len(), 1);
    assert!(entries[0].contains("其他：指标调整"), "{}", entries[0]);
    assert_eq!(
        find::<HtmlSelectElement>(&root, "#row-7-status").value(),
        "other"
    );
}

#[wasm_bindgen_test]
async fn undo_and_redo_buttons_walk_edits_back_and_forth() {
    let fp = fingerprint("undo");
    let root = mount_page(&fp).await;
    type_and_leave(&root, "#task-7-owner", "李强").await;
    type_and_leave(&root, "#task-7-owner", "张伟").await;
    assert_eq!(
        find::<HtmlInputElement>(&root, "#task-7-owner").value(),
        "张伟"
    );

    let buttons = all_text(&root, ".bar-actions button");
    assert!(buttons[0].contains("撤销"), "{buttons:?}");
    find::<HtmlElement>(&root, ".bar-actions button:nth-child(1)").click();
    yew::scheduler::flush().await;
    assert_eq!(
        find::<HtmlInputElement>(&root, "#task-7-owner").value(),
        "李强"
    );
    find::<HtmlElement>(&root, ".bar-actions button:nth-child(2)").click();
    yew::scheduler::flush().await;
    assert_eq!(
        find::<HtmlInputElement>(&root, "#task-7-owner").value(),
        "张伟"
    );
}

#[wasm_bindgen_test]
async fn target_actuals_show_completion_and_targets_can_be_hidden_or_added() {
    let fp = fingerprint("targets");
    let root = mount_page(&fp).await;
    type_and_leave(&root, "#task-7-actual-p0", "2").await;
    type_and_leave(&root, "#task-7-actual-p1", "150").await;
    let states = all_text(&root, ".target-state");
    assert_eq!(
        states,
        vec!["已达标".to_string(), "未达标（50%）".to_string()]
    );

    type_and_leave(&root, "#task-7-actual-p1", "abc").await;
    assert_eq!(text_of(&root, "#task-7-actual-p1-error"), "请输入数字");

    find::<HtmlElement>(&root, ".target-row:nth-child(2) .target-toggle").click();
    yew::scheduler::flush().await;
    assert!(text_of(&root, ".target-row:nth-child(2)").contains("（已隐藏）"));

    type_and_leave(&root, "#task-7-new-target-text", "新增就业").await;
    type_and_leave(&root, "#task-7-new-target-value", "3000").await;
    type_and_leave(&root, "#task-7-new-target-unit", "人").await;
    fire(&find::<Element>(&root, ".add-target form"), "submit").await;
    let rows = all_text(&root, ".target-row .target-text");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[2].contains("新增就业") && rows[2].contains("手工添加"),
        "{rows:?}"
    );
}

#[wasm_bindgen_test]
async fn reports_light_and_flags_are_recorded() {
    let fp = fingerprint("reports");
    let root = mount_page(&fp).await;
    // Judge at a fixed date so the light does not depend on today.
    let as_of: HtmlInputElement = find(&root, "#ledger-as-of");
    as_of.set_value("2023-12-31");
    fire(&as_of, "change").await;
    // Untouched: 未填报 (not red), as the overview counts it.
    assert!(
        text_of(&root, ".light-line").contains("未填报"),
        "{}",
        text_of(&root, ".light-line")
    );
    assert!(text_of(&root, ".light-line").contains("序时进度 100%"));
    assert!(!text_of(&root, ".light-line").contains("红灯"));
    type_and_leave(&root, "#task-7-progress", "10").await;
    assert!(text_of(&root, ".light-line").contains("落后序时 90 个百分点"));
    assert!(text_of(&root, ".light-line").contains("红灯"));
    type_and_leave(&root, "#task-7-progress", "95").await;
    assert!(text_of(&root, ".light-line").contains("符合序时"));
    assert!(text_of(&root, ".light-line").contains("绿灯"));

    let period: HtmlSelectElement = find(&root, "#task-7-report-period");
    assert_eq!(period.value(), "2023Q4");
    type_and_leave(&root, "#task-7-report-2023Q4-progress_text", "完成立项").await;
    // An earlier period is read-only until asked for.
    choose(&root, "#task-7-report-period", "2023Q3").await;
    assert!(root
        .query_selector("#task-7-report-2023Q3-problems")
        .expect("selector")
        .is_none());
    find::<HtmlElement>(&root, ".period-field button").click();
    yew::scheduler::flush().await;
    type_and_leave(&root, "#task-7-report-2023Q3-problems", "资金未到位").await;

    let key: HtmlInputElement = find(&root, ".flags input[type=checkbox]");
    key.set_checked(true);
    fire(&key, "change").await;

    let fields: Vec<String> = all_text(&root, ".history-field");
    assert!(
        fields.contains(&"2023年第四季度 工作进展".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"2023年第三季度 存在问题".to_string()),
        "{fields:?}"
    );
    assert!(fields.contains(&"重点".to_string()), "{fields:?}");
}

#[wasm_bindgen_test]
async fn changes_are_saved_under_the_document_key() {
    let fp = fingerprint("save");
    let root = mount_page(&fp).await;
    assert!(text_of(&root, ".save-state").contains("自动保存"));
    choose(&root, "#row-7-status", "behind").await;
    assert_eq!(text_of(&root, ".save-state"), "正在保存…");
    // The page-hide flush writes at once (the timer would after SAVE_DELAY_MS).
    gloo::utils::window()
        .dispatch_event(&Event::new("pagehide").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    let ledger = stored(&fp).expect("a readable ledger was stored");
    assert_eq!(
        ledger.annotation(7).map(|a| a.status.clone()),
        Some(Status::Behind)
    );
    assert!(
        text_of(&root, ".save-state").starts_with("已保存 "),
        "{}",
        text_of(&root, ".save-state")
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_stored_value_is_moved_to_a_backup_key_not_overwritten() {
    let fp = fingerprint("unreadable");
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("storage");
    storage
        .set_item(
            &store::storage_key(&fp),
            "{\"format\":\"luoshi.ledger\",\"version\":2,tasks",
        )
        .expect("set");
    let root = mount_page(&fp).await;
    assert!(
        text_of(&root, ".storage-problem").contains("无法读取"),
        "{}",
        text_of(&root, ".storage-problem")
    );
    let backup = (0..storage.length().expect("length"))
        .filter_map(|i| storage.key(i).ok().flatten())
        .find(|key| key.starts_with(&format!("{}{fp}.", store::BACKUP_PREFIX)))
        .expect("a backup key");
    assert_eq!(
        storage.get_item(&backup).expect("get").as_deref(),
        Some("{\"format\":\"luoshi.ledger\",\"version\":2,tasks")
    );
    assert!(text_of(&root, ".storage-problem").contains(&backup));
    assert!(all_text(&root, ".storage-problem button")
        .iter()
        .any(|b| b.contains("下载无法读取的原数据")));

    // Editing still works and saves a fresh ledger under the key; the backup stays.
    choose(&root, "#row-7-status", "done").await;
    gloo::utils::window()
        .dispatch_event(&Event::new("pagehide").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert!(stored(&fp).is_some());
    assert!(storage.get_item(&backup).expect("get").is_some());
}

#[wasm_bindgen_test]
async fn a_ledger_from_a_newer_version_is_read_only() {
    let fp = fingerprint("newer");
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("storage");
    let raw = format!("{{\"format\":\"luoshi.ledger\",\"version\":99,\"fingerprint\":\"{fp}\"}}");
    storage
        .set_item(&store::storage_key(&fp), &raw)
        .expect("set");
    let root = mount_page(&fp).await;
    assert!(text_of(&root, ".storage-problem").contains("更新版本"));
    assert!(find::<HtmlSelectElement>(&root, "#task-7-editor-status").disabled());
    assert!(find::<HtmlInputElement>(&root, "#row-7-progress").disabled());
    gloo::utils::window()
        .dispatch_event(&Event::new("pagehide").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(
        storage.get_item(&store::storage_key(&fp)).expect("get"),
        Some(raw)
    );
}

#[wasm_bindgen_test]
async fn other_status_in_a_list_row_keeps_the_select_and_asks_for_the_reason_beside_it() {
    let fp = fingerprint("row-other");
    let root = mount_page(&fp).await;
    let select: Element = find(&root, "#row-7-status");
    choose(&root, "#row-7-status", "other").await;
    // The reason joins the row after the select; the select the reader is using is the same
    // element (not replaced), so focus and keyboard stay on it.
    let after: Element = find(&root, "#row-7-status");
    assert!(select.is_same_node(Some(&after)));
    let reason: Element = find(&root, "#row-7-reason");
    assert_eq!(
        reason.get_attribute("aria-label").as_deref(),
        Some("第 7 项其他原因")
    );
    assert!(after
        .next_element_sibling()
        .is_some_and(|next| next.is_same_node(Some(&reason))));
    type_and_leave(&root, "#row-7-reason", "指标调整").await;
    assert!(all_text(&root, ".history-entry")[0].contains("其他：指标调整"));
    assert_eq!(
        find::<HtmlSelectElement>(&root, "#row-7-status").value(),
        "other"
    );
}

#[wasm_bindgen_test]
async fn list_row_controls_are_labelled() {
    let fp = fingerprint("row");
    let root = mount_page(&fp).await;
    for (id, label) in [
        ("row-7-status", "第 7 项状态"),
        ("row-7-progress", "第 7 项进度（%）"),
    ] {
        // Named by aria-label: a list row has no label elements (fewer elements per row).
        let control = find::<Element>(&root, &format!("#{id}"));
        assert_eq!(control.get_attribute("aria-label").as_deref(), Some(label));
    }
    assert_eq!(
        root.query_selector_all(".row-controls label")
            .expect("selector")
            .length(),
        0
    );
    assert!(!text_of(&root, ".row-controls .light-badge").is_empty());
}

fn page_hide() {
    gloo::utils::window()
        .dispatch_event(&Event::new("pagehide").expect("event"))
        .expect("dispatch");
}

#[wasm_bindgen_test]
async fn a_save_merges_another_tabs_write_instead_of_overwriting_it() {
    let fp = fingerprint("merge-on-save");
    let root = mount_page(&fp).await;
    choose(&root, "#row-7-status", "behind").await;
    // Another tab wrote task 8 meanwhile (its storage event has not arrived yet).
    let mut theirs = Ledger::new(fp.clone());
    theirs
        .apply(
            luoshi::ledger::Action::SetOwner {
                task: 8,
                owner: "另一窗口".into(),
            },
            "2023-07-01T09:00:00+08:00",
        )
        .expect("valid edit");
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("storage");
    storage
        .set_item(&store::storage_key(&fp), &store::encode(&theirs))
        .expect("set");

    page_hide(); // first save: sees their write, merges it in, does not write
    yew::scheduler::flush().await;
    page_hide(); // second save: writes the merged ledger
    yew::scheduler::flush().await;
    let stored = stored(&fp).expect("stored");
    assert_eq!(
        stored.annotation(7).map(|a| a.status.clone()),
        Some(Status::Behind)
    );
    assert_eq!(
        stored.annotation(8).map(|a| a.owner.as_str()),
        Some("另一窗口")
    );
    assert!(text_of(&root, ".save-state").starts_with("已保存 "));
}

#[wasm_bindgen_test]
async fn another_tabs_storage_event_shows_its_edit_here() {
    let fp = fingerprint("storage-event");
    let root = mount_page(&fp).await;
    type_and_leave(&root, "#task-7-owner", "本窗口").await;
    let mut theirs = Ledger::new(fp.clone());
    theirs
        .apply(
            luoshi::ledger::Action::SetProgress {
                task: 7,
                progress: 60,
            },
            "2023-07-01T09:00:00+08:00",
        )
        .expect("valid edit");
    // new StorageEvent("storage", { key, newValue }), as the browser fires in the other tabs.
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &store::storage_key(&fp).into()).expect("key");
    js_sys::Reflect::set(&init, &"newValue".into(), &store::encode(&theirs).into()).expect("value");
    let window = gloo::utils::window();
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &"StorageEvent".into())
        .expect("StorageEvent")
        .dyn_into()
        .expect("constructor");
    let event: Event =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"storage".into(), &init))
            .expect("event")
            .dyn_into()
            .expect("an Event");
    window.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
    // Different fields of the same task: both survive.
    assert_eq!(
        find::<HtmlInputElement>(&root, "#task-7-progress").value(),
        "60"
    );
    assert_eq!(
        find::<HtmlInputElement>(&root, "#task-7-owner").value(),
        "本窗口"
    );
}

#[wasm_bindgen_test]
async fn text_typed_just_before_the_page_goes_away_is_saved() {
    let fp = fingerprint("flush-draft");
    let root = mount_page(&fp).await;
    let notes: HtmlTextAreaElement = find(&root, "#task-7-notes");
    notes.set_value("刚输入，还没离开输入框");
    fire(&notes, "input").await; // no change event, and the commit timer has not fired
    assert_eq!(all_text(&root, ".history-entry").len(), 0);
    page_hide();
    yew::scheduler::flush().await;
    let ledger = stored(&fp).expect("stored on page hide");
    assert_eq!(
        ledger.annotation(7).map(|a| a.notes.as_str()),
        Some("刚输入，还没离开输入框")
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_value_written_during_the_session_is_moved_aside_before_saving() {
    let fp = fingerprint("garbage-mid-session");
    let root = mount_page(&fp).await;
    choose(&root, "#row-7-status", "done").await;
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("storage");
    storage
        .set_item(&store::storage_key(&fp), "not json")
        .expect("set");
    page_hide();
    yew::scheduler::flush().await;
    assert!(text_of(&root, ".storage-problem").contains("无法读取"));
    let backup = (0..storage.length().expect("length"))
        .filter_map(|i| storage.key(i).ok().flatten())
        .find(|key| key.starts_with(&format!("{}{fp}.", store::BACKUP_PREFIX)))
        .expect("a backup key");
    assert_eq!(
        storage.get_item(&backup).expect("get").as_deref(),
        Some("not json")
    );
    assert_eq!(
        stored(&fp).and_then(|l| l.annotation(7).map(|a| a.status.clone())),
        Some(Status::Done)
    );
}

/// The task page inside a document whose title names its work year (2023).
#[function_component(YearPage)]
fn year_page(props: &PageProps) -> Html {
    let document = std::rc::Rc::new(luoshi::Document {
        title: "某区2023年重点工作任务".into(),
        ..luoshi::Document::default()
    });
    html! {
        <ContextProvider<std::rc::Rc<luoshi::Document>> context={document}>
            <Page fingerprint={props.fingerprint.clone()} />
        </ContextProvider<std::rc::Rc<luoshi::Document>>>
    }
}

#[wasm_bindgen_test]
async fn a_past_years_document_is_judged_at_its_year_end_by_default() {
    // Today (2026 or later) lies after the document's 2023: with no as-of date set, progress is
    // judged at 2023-12-31 and reports go to 2023Q4, not to a period of a year the tasks never had.
    let root = mount::<YearPage>(&fingerprint("work-year")).await;
    assert!(
        text_of(&root, ".light-line").contains("截至 2023-12-31，序时进度 100%"),
        "{}",
        text_of(&root, ".light-line")
    );
    let period: HtmlSelectElement = find(&root, "#task-7-report-period");
    assert_eq!(period.value(), "2023Q4");
    assert!(text_of(&root, "#ledger-as-of-hint").contains("2023-12-31"));
    // An explicit as-of date still wins.
    let as_of: HtmlInputElement = find(&root, "#ledger-as-of");
    as_of.set_value("2023-06-30");
    fire(&as_of, "change").await;
    assert!(text_of(&root, ".light-line").contains("截至 2023-06-30"));
    assert_eq!(
        find::<HtmlSelectElement>(&root, "#task-7-report-period").value(),
        "2023Q2"
    );
}

/// A status its own figures contradict is said on the row and on the task page; choosing 已完成
/// brings progress to 100% and the note goes.
#[wasm_bindgen_test]
async fn a_contradicting_status_is_flagged_on_the_row_and_the_task_page() {
    let fingerprint = fingerprint("consistency");
    let root = mount_page(&fingerprint).await;
    assert!(all_text(&root, ".consistency-note").is_empty());
    // The light depends on today; 已完成 at 0% contradicts its figures on every day.
    choose(&root, "#row-7-status", "done").await;
    assert_eq!(
        find::<HtmlInputElement>(&root, "#row-7-progress").value(),
        "100"
    );
    assert!(all_text(&root, ".consistency-note").is_empty());
    type_and_leave(&root, "#row-7-progress", "0").await;
    let notes = all_text(&root, ".consistency-note");
    assert_eq!(
        notes,
        vec![
            "请核对：状态为已完成，但进度只有 0%".to_string(),
            "请核对：状态为已完成，但进度只有 0%".to_string()
        ],
        "one on the row, one on the task page"
    );
    assert!(root
        .query_selector(".row-controls .consistency-note")
        .ok()
        .flatten()
        .is_some());
    assert!(root
        .query_selector(".light-line .consistency-note")
        .ok()
        .flatten()
        .is_some());
    // 滞后 at 0% agrees with any 序时进度 above 0.
    choose(&root, "#row-7-status", "behind").await;
    assert!(all_text(&root, ".consistency-note").is_empty());
}

/// The settings with the document's units around them, as in the app.
#[function_component(IdentityPage)]
fn identity_page(props: &PageProps) -> Html {
    let document = Rc::new(luoshi::seed_document());
    html! {
        <ContextProvider<Rc<luoshi::Document>> context={document}>
            <crate::app::components::filters::MyUnitProvider>
                <LedgerProvider fingerprint={props.fingerprint.clone()}>
                    <LedgerBar />
                </LedgerProvider>
            </crate::app::components::filters::MyUnitProvider>
        </ContextProvider<Rc<luoshi::Document>>>
    }
}

#[wasm_bindgen_test]
async fn one_identity_picks_a_document_unit_and_is_also_my_unit() {
    let fp = fingerprint("identity");
    let _ = crate::app::prefs::set_my_unit(None);
    let root = mount::<IdentityPage>(&fp).await;
    // The unit field searches the document's units.
    let options = root
        .query_selector_all("#who-unit-options option")
        .expect("selector");
    assert_eq!(
        options.length() as usize,
        luoshi::seed_document().units.len()
    );
    assert_eq!(
        find::<HtmlInputElement>(&root, "#who-unit")
            .get_attribute("list")
            .as_deref(),
        Some("who-unit-options")
    );
    // A short or spaced name that means one unit signs as that unit, and becomes 本单位.
    set_user(&root, "王敏", " 科技局 ").await;
    assert!(
        text_of(&root, ".who-now").contains("王敏（区科技局）"),
        "{}",
        text_of(&root, ".who-now")
    );
    assert_eq!(
        crate::app::prefs::my_unit(),
        Ok(Some("区科技局".to_string()))
    );
    // A unit the document does not name is kept as 其他单位, and said so.
    let unit_input: HtmlInputElement = find(&root, "#who-unit");
    unit_input.set_value("市督查室");
    fire(&unit_input, "input").await;
    assert!(text_of(&root, "#who-unit-hint").contains("不在本文档的单位名单中"));
    let _ = crate::app::prefs::set_my_unit(None);
}
