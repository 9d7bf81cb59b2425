//! The returning visit's hydrating start (issue 19): the first render does without what is
//! stored, so it equals the prerender, and the stored ledger and unit come in right after as
//! ordinary changes; nothing stored is ever written over with the nothing-stored state.

use std::cell::RefCell;
use std::rc::Rc;

use luoshi::ledger::{Action, Ledger, Status};
use luoshi::store;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, Event, HtmlSelectElement};
use yew::prelude::*;

use super::address::Address;
use super::components::filters::{use_my_unit, MyUnitProvider};
use super::ledger_state::{use_ledger, LedgerProvider};
use super::{open_stored_later, stage_row_controls, App, AppProps, PRERENDERED_CONTROL_ROWS};

const NOW: &str = "2023-07-01T10:00:00+08:00";

fn local_storage() -> web_sys::Storage {
    gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("localStorage")
}

fn ledger_with(fingerprint: &str, marks: &[(u32, Status)]) -> Ledger {
    let mut ledger = Ledger::new(fingerprint);
    for (task, status) in marks {
        let (task, status) = (*task, status.clone());
        if let Err(error) = ledger.apply(Action::SetStatus { task, status }, NOW) {
            panic!("scripted edit failed: {error}");
        }
    }
    ledger
}

fn root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("root");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("attach");
    root
}

thread_local! {
    /// Each render of [`Probe`]: the status of task 2 it saw and the reader's unit.
    static SEEN: RefCell<Vec<(Status, Option<String>)>> = const { RefCell::new(Vec::new()) };
}

#[function_component(Probe)]
fn probe() -> Html {
    let ledger = use_ledger();
    let unit = use_my_unit().unit;
    let status = ledger.map_or(Status::NotStarted, |l| l.annotation(2).status.clone());
    SEEN.with(|seen| seen.borrow_mut().push((status, unit)));
    Html::default()
}

#[derive(Properties, PartialEq)]
struct ProvidersProps {
    fingerprint: AttrValue,
}

#[function_component(Providers)]
fn providers(props: &ProvidersProps) -> Html {
    html! {
        <LedgerProvider fingerprint={props.fingerprint.clone()}>
            <MyUnitProvider>
                <Probe />
            </MyUnitProvider>
        </LedgerProvider>
    }
}

#[wasm_bindgen_test]
async fn providers_render_first_without_storage_then_open_it_in_their_first_effects() {
    let fingerprint = "test-hydrate-providers";
    let storage = local_storage();
    let prefs = storage.get_item(super::prefs::KEY).expect("read prefs");
    storage
        .set_item(
            &store::storage_key(fingerprint),
            &store::encode(&ledger_with(fingerprint, &[(2, Status::Behind)])),
        )
        .expect("store a ledger");
    storage
        .set_item(
            super::prefs::KEY,
            r#"{"format":"luoshi-prefs","version":1,"my_unit":"区科技局"}"#,
        )
        .expect("store prefs");
    SEEN.with(|seen| seen.borrow_mut().clear());

    open_stored_later();
    yew::Renderer::<Providers>::with_root_and_props(
        root(),
        ProvidersProps {
            fingerprint: fingerprint.into(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    // Only a mount's first render is affected (the flag is cleared by App's first effect; this
    // test mounts no App, so clear it as App would).
    super::OPEN_STORED_LATER.with(|cell| cell.set(false));
    let seen = SEEN.with(|seen| seen.borrow().clone());
    assert_eq!(
        seen.first(),
        Some(&(Status::NotStarted, None)),
        "the first render is the nothing-stored one: {seen:?}"
    );
    assert_eq!(
        seen.last(),
        Some(&(Status::Behind, Some("区科技局".to_string()))),
        "then the stored ledger and unit: {seen:?}"
    );

    // Without the flag (a provider mounted after start-up, e.g. a document switch): stored at once.
    SEEN.with(|seen| seen.borrow_mut().clear());
    yew::Renderer::<Providers>::with_root_and_props(
        root(),
        ProvidersProps {
            fingerprint: fingerprint.into(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let seen = SEEN.with(|seen| seen.borrow().clone());
    assert_eq!(
        seen.first(),
        Some(&(Status::Behind, Some("区科技局".to_string())))
    );
    match prefs {
        Some(prefs) => storage
            .set_item(super::prefs::KEY, &prefs)
            .expect("restore prefs"),
        None => storage
            .remove_item(super::prefs::KEY)
            .expect("remove prefs"),
    }
}

#[derive(Properties, PartialEq)]
struct WithDocumentProps {
    document: Rc<luoshi::Document>,
}

#[function_component(ProvidersWithDocument)]
fn providers_with_document(props: &WithDocumentProps) -> Html {
    let fingerprint: AttrValue = props.document.fingerprint.clone().into();
    html! {
        <ContextProvider<Rc<luoshi::Document>> context={props.document.clone()}>
            <Providers {fingerprint} />
        </ContextProvider<Rc<luoshi::Document>>>
    }
}

#[wasm_bindgen_test]
async fn a_unit_stored_while_opening_an_older_signed_ledger_reaches_my_unit() {
    // A ledger signed by an earlier version ("我是…" in the ledger, no identity in prefs): opening
    // it stores the identity, whose unit is 本单位 (`luoshi::identity::reconcile`). In a hydrating
    // start that happens in the ledger's first effect, after MyUnitProvider's own.
    let document = Rc::new(luoshi::synthetic::synthetic_document(5, 7_2027));
    let key = store::storage_key(&document.fingerprint);
    let storage = local_storage();
    let prefs = storage.get_item(super::prefs::KEY).expect("read prefs");
    storage.remove_item(super::prefs::KEY).expect("clear prefs");
    let mut ledger = ledger_with(&document.fingerprint, &[(2, Status::Behind)]);
    ledger.user = luoshi::ledger::Who {
        name: "王敏".into(),
        unit: "区科技局".into(),
    };
    storage
        .set_item(&key, &store::encode(&ledger))
        .expect("store a ledger");
    SEEN.with(|seen| seen.borrow_mut().clear());

    open_stored_later();
    yew::Renderer::<ProvidersWithDocument>::with_root_and_props(
        root(),
        WithDocumentProps { document },
    )
    .render();
    yew::scheduler::flush().await;
    super::OPEN_STORED_LATER.with(|cell| cell.set(false));
    let seen = SEEN.with(|seen| seen.borrow().clone());
    assert_eq!(seen.first(), Some(&(Status::NotStarted, None)), "{seen:?}");
    assert_eq!(
        seen.last(),
        Some(&(Status::Behind, Some("区科技局".to_string()))),
        "{seen:?}"
    );
    storage.remove_item(&key).expect("clean up");
    match prefs {
        Some(prefs) => storage
            .set_item(super::prefs::KEY, &prefs)
            .expect("restore prefs"),
        None => storage
            .remove_item(super::prefs::KEY)
            .expect("remove prefs"),
    }
}

fn status_of(root: &Element, task: u32) -> String {
    root.query_selector(&format!("#row-{task}-status"))
        .expect("selector")
        .and_then(|element| element.dyn_into::<HtmlSelectElement>().ok())
        .unwrap_or_else(|| panic!("row {task} has its status control"))
        .value()
}

/// `new StorageEvent("storage", { key, newValue })`, as the browser fires in the other tabs.
fn their_write(key: &str, value: &str) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).expect("key");
    js_sys::Reflect::set(&init, &"newValue".into(), &value.into()).expect("value");
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
}

#[wasm_bindgen_test]
async fn the_app_hydrates_a_server_render_over_a_stored_ledger_and_never_saves_over_it() {
    // Its own document, so its own ledger key; no unit picked (a picked unit replaces instead).
    let document = Rc::new(luoshi::synthetic::synthetic_document(20, 7_2026));
    let fingerprint = document.fingerprint.clone();
    let key = store::storage_key(&fingerprint);
    let storage = local_storage();
    let prefs = storage.get_item(super::prefs::KEY).expect("read prefs");
    storage.remove_item(&key).expect("clear the ledger");
    storage.remove_item(super::prefs::KEY).expect("clear prefs");
    let props = || AppProps {
        document: document.clone(),
        address: Address::default(),
    };

    // The prerender: Yew's server renderer, nothing stored (as the build renders it).
    stage_row_controls(PRERENDERED_CONTROL_ROWS);
    let html = yew::LocalServerRenderer::<App>::with_props(props())
        .render()
        .await;
    assert!(
        html.contains("task-row"),
        "the server render holds the list"
    );

    // Returning: a ledger and prefs stored; the app hydrates the server render.
    let stored = store::encode(&ledger_with(&fingerprint, &[(2, Status::Behind)]));
    storage.set_item(&key, &stored).expect("store a ledger");
    storage
        .set_item(
            super::prefs::KEY,
            r#"{"format":"luoshi-prefs","version":1,"identity_skipped":true}"#,
        )
        .expect("store prefs");
    let root = root();
    root.set_inner_html(&html);
    let row = root
        .query_selector("#task-2")
        .expect("selector")
        .expect("row 2");
    stage_row_controls(PRERENDERED_CONTROL_ROWS);
    open_stored_later();
    yew::Renderer::<App>::with_root_and_props(root.clone(), props()).hydrate();
    // Another tab writes during start-up, before the app has opened storage.
    let newer = store::encode(&ledger_with(
        &fingerprint,
        &[(2, Status::Behind), (3, Status::Done)],
    ));
    storage.set_item(&key, &newer).expect("their write");
    yew::scheduler::flush().await;
    assert!(
        root.query_selector("#task-2")
            .expect("selector")
            .expect("row 2")
            == row,
        "hydrated: row 2 is the server-rendered node"
    );
    assert_eq!(status_of(&root, 2), "behind", "the stored mark");
    assert_eq!(status_of(&root, 3), "done", "the other tab's mark");
    assert_eq!(status_of(&root, 4), "not_started");

    // Their write's event arrives later: nothing new. The page going away saves nothing: storage
    // still holds their ledger, never the nothing-stored one.
    their_write(&key, &newer);
    yew::scheduler::flush().await;
    gloo::utils::window()
        .dispatch_event(&Event::new("pagehide").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(storage.get_item(&key).expect("read"), Some(newer));

    // The controls work: an edit is saved over theirs, keeping both marks.
    let select: HtmlSelectElement = root
        .query_selector("#row-4-status")
        .expect("selector")
        .expect("row 4's status")
        .dyn_into()
        .expect("a select");
    select.set_value("behind");
    select
        .dispatch_event(&Event::new("change").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    gloo::utils::window()
        .dispatch_event(&Event::new("pagehide").expect("event"))
        .expect("dispatch");
    let saved = storage.get_item(&key).expect("read").expect("saved");
    let saved = store::decode(&saved).expect("readable");
    let statuses: Vec<Status> = [2, 3, 4]
        .map(|task| saved.annotation_or_empty(task).status.clone())
        .into();
    assert_eq!(statuses, [Status::Behind, Status::Done, Status::Behind]);

    storage.remove_item(&key).expect("clean up");
    match prefs {
        Some(prefs) => storage
            .set_item(super::prefs::KEY, &prefs)
            .expect("restore prefs"),
        None => storage
            .remove_item(super::prefs::KEY)
            .expect("remove prefs"),
    }
}
