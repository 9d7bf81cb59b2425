//! Component tests of the import preview (headless Chromium): a real preview from the core, rendered
//! with its choices, driven by clicks, waited on with `yew::scheduler::flush()` (never a sleep).

use std::cell::RefCell;
use std::rc::Rc;

use luoshi::ledger::{Action, Ledger, Status, Who};
use luoshi::snapshot::{self, Coverage, Preview, Resolution, Resolutions};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::ImportPreview;

wasm_bindgen_test_configure!(run_in_browser);

/// Mine and theirs both set task 1's status since they diverged (a conflict); theirs is 张三 of
/// 区科技局.
fn diverged() -> (luoshi::Document, Ledger, Ledger) {
    let doc = luoshi::seed_document();
    let mut mine = Ledger::new(doc.fingerprint.clone());
    mine.apply(
        Action::SetStatus {
            task: 1,
            status: Status::Behind,
        },
        "2023-07-01T09:00:00+08:00",
    )
    .expect("mine");
    let mut theirs = Ledger::new(doc.fingerprint.clone());
    theirs.user = Who {
        name: "张三".into(),
        unit: "区科技局".into(),
    };
    theirs
        .apply(
            Action::SetStatus {
                task: 1,
                status: Status::OnSchedule,
            },
            "2023-07-01T10:00:00+08:00",
        )
        .expect("theirs status");
    (doc, mine, theirs)
}

/// The preview of theirs, exported and imported, against mine.
fn preview_of(doc: &luoshi::Document, mine: &Ledger, theirs: &Ledger) -> Preview {
    let json = snapshot::export(doc, theirs, Coverage::All, "2023-07-01T11:00:00+08:00").to_json();
    let incoming = snapshot::import("科技局.json", json.as_bytes(), doc).expect("import");
    snapshot::preview(mine, &[incoming])
}

/// The conflict on task 1; theirs also adds task 2's progress (new).
fn conflicting_preview() -> Preview {
    let (doc, mine, mut theirs) = diverged();
    theirs
        .apply(
            Action::SetProgress {
                task: 2,
                progress: 40,
            },
            "2023-07-01T10:05:00+08:00",
        )
        .expect("theirs progress");
    preview_of(&doc, &mine, &theirs)
}

#[derive(Properties, PartialEq)]
struct HostProps {
    preview: Rc<Preview>,
    confirmed: Rc<RefCell<Option<Resolutions>>>,
}

/// Holds the resolutions the way the panel does, and records them on 确认导入.
#[function_component(Host)]
fn host(props: &HostProps) -> Html {
    let resolutions = use_state(Resolutions::new);
    let on_resolve = {
        let resolutions = resolutions.clone();
        Callback::from(move |(task, field, r): (u32, String, Resolution)| {
            let mut next = (*resolutions).clone();
            next.set(task, &field, r);
            resolutions.set(next);
        })
    };
    let on_all = {
        let (resolutions, preview) = (resolutions.clone(), props.preview.clone());
        Callback::from(move |r| resolutions.set(Resolutions::all(&preview, r)))
    };
    let on_confirm = {
        let (resolutions, confirmed) = (resolutions.clone(), props.confirmed.clone());
        Callback::from(move |()| *confirmed.borrow_mut() = Some((*resolutions).clone()))
    };
    html! {
        <ImportPreview preview={props.preview.clone()} resolutions={(*resolutions).clone()}
            {on_resolve} {on_all} {on_confirm} on_cancel={Callback::noop()} />
    }
}

async fn mount(preview: Preview, confirmed: Rc<RefCell<Option<Resolutions>>>) -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("root");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<Host>::with_root_and_props(
        root.clone(),
        HostProps {
            preview: Rc::new(preview),
            confirmed,
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

fn click_button(root: &Element, label: &str) {
    let buttons = root.query_selector_all("button").expect("buttons");
    for i in 0..buttons.length() {
        let Some(node) = buttons.item(i) else {
            continue;
        };
        let Ok(button) = node.dyn_into::<HtmlElement>() else {
            continue;
        };
        if button.text_content().unwrap_or_default().trim() == label {
            button.click();
            return;
        }
    }
    panic!("no button {label}");
}

#[wasm_bindgen_test]
async fn preview_lists_new_and_conflicting_tasks_with_provenance() {
    let confirmed = Rc::new(RefCell::new(None));
    let root = mount(conflicting_preview(), confirmed).await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("新增 1 项，更新 0 项，冲突 1 项"), "{text}");
    let task1 = root
        .query_selector(".preview-task[data-task='1']")
        .expect("query")
        .expect("task 1 listed");
    assert!(task1
        .get_attribute("class")
        .unwrap_or_default()
        .contains("kind-conflicting"));
    let task1_text = task1.text_content().unwrap_or_default();
    assert!(
        task1_text.contains("冲突") && task1_text.contains("状态"),
        "{task1_text}"
    );
    assert!(
        task1_text.contains("张三（区科技局）"),
        "provenance shown: {task1_text}"
    );
    let task2 = root
        .query_selector(".preview-task[data-task='2']")
        .expect("query")
        .expect("task 2 listed");
    assert!(task2.text_content().unwrap_or_default().contains("新增"));
    // A conflict starts undecided (the newer stands meanwhile), shows both values with their
    // authors, and offers 两者都保留 only for texts (not for a status).
    assert!(root
        .query_selector(".preview-task[data-task='1'] input[type=radio]:checked")
        .expect("query")
        .is_none());
    assert!(task1_text.contains("这个（较新）") && task1_text.contains("那个（较早）"));
    assert!(task1_text.contains("保留这个") && task1_text.contains("保留那个"));
    assert!(!task1_text.contains("两者都保留"));
}

#[wasm_bindgen_test]
async fn keep_all_older_then_confirm_passes_the_choices() {
    let confirmed = Rc::new(RefCell::new(None));
    let root = mount(conflicting_preview(), confirmed.clone()).await;
    click_button(&root, "全部保留较早的一份");
    yew::scheduler::flush().await;
    click_button(&root, "确认导入");
    yew::scheduler::flush().await;
    let chosen = confirmed.borrow().clone().expect("confirmed");
    assert_eq!(chosen.get(1, "status"), Some(Resolution::KeepThat));
    // Nothing is applied by the preview itself: it only reports the choices.
    let checked = root
        .query_selector(".preview-task[data-task='1'] input[type=radio]:checked")
        .expect("query")
        .expect("checked");
    assert!(checked
        .parent_element()
        .and_then(|l| l.text_content())
        .unwrap_or_default()
        .contains("保留那个"));
}

/// The conflict on task 1, and theirs reports progress and a note for 40 more tasks (80 field
/// changes: a long preview).
fn long_preview() -> Preview {
    let (doc, mine, mut theirs) = diverged();
    for task in 2..=41u32 {
        theirs
            .apply(
                Action::SetProgress { task, progress: 40 },
                "2023-07-01T10:05:00+08:00",
            )
            .expect("theirs progress");
        theirs
            .apply(
                Action::SetNotes {
                    task,
                    notes: format!("第{task}项备注"),
                },
                "2023-07-01T10:06:00+08:00",
            )
            .expect("theirs notes");
    }
    preview_of(&doc, &mine, &theirs)
}

#[wasm_bindgen_test]
async fn a_long_preview_folds_each_task_until_opened_and_keeps_conflicts_open() {
    let preview = long_preview();
    assert!(preview.folds());
    let root = mount(preview, Rc::new(RefCell::new(None))).await;
    // The conflicting task stays open with its choices.
    let task1 = root
        .query_selector(".preview-task[data-task='1']")
        .expect("query")
        .expect("task 1 listed");
    assert!(!task1
        .get_attribute("class")
        .unwrap_or_default()
        .contains("folded"));
    assert!(task1
        .query_selector("input[type=radio]")
        .expect("query")
        .is_some());
    // Every other task is one line: what changes and who reported it, no field rows yet.
    let task2 = root
        .query_selector(".preview-task.folded[data-task='2']")
        .expect("query")
        .expect("task 2 folded");
    let summary = task2.text_content().unwrap_or_default();
    assert!(
        summary.contains("2 项改动：备注、进度；填报：张三（区科技局）"),
        "{summary}"
    );
    assert!(task2
        .query_selector(".field-change")
        .expect("query")
        .is_none());
    assert_eq!(
        root.query_selector_all(".preview-task.folded")
            .expect("query")
            .length(),
        40
    );
    // Opened, it lists its field changes.
    let details = task2
        .query_selector("details")
        .expect("query")
        .expect("details")
        .dyn_into::<web_sys::HtmlDetailsElement>()
        .expect("a details element");
    details.set_open(true);
    details
        .dispatch_event(&web_sys::Event::new("toggle").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    let rows = task2.query_selector_all(".field-change").expect("query");
    assert_eq!(rows.length(), 2);
    assert!(task2
        .text_content()
        .unwrap_or_default()
        .contains("第2项备注"));
}
