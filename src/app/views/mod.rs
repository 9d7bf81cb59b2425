//! The lazily loaded views (issue 19): the overview (`?view=overview`) and the progress report
//! (`?view=report`) are a second wasm module, `src/bin/luoshi-views.rs`, loaded on the first visit
//! to one of them and kept for the page's life. A first visit to the list or a task never
//! downloads or compiles them.
//!
//! How the two modules meet, both sides in this file:
//! - **The app** renders [`LazyPage`] for those pages: an empty host element in its `<main>`, and
//!   "loading" or failure text beside it. Once the module runs, the app hands it everything the
//!   page shows as JSON ([`ViewsInputRef`]: the document when it is new to the module, the ledger,
//!   today's date, the address's query string) whenever any of it changes, and tells it to let go
//!   of the host when the page goes away.
//! - **The module** ([`start`]) offers `window.luoshiViews = { show(host, json), hide(host) }` and
//!   renders [`ViewsRoot`] into the host with its own Yew: the same overview and report
//!   components, reading the ledger from a [`LedgerView`] context instead of the app's ledger
//!   provider. They never change the ledger; they only navigate, through their own
//!   [`RouteProvider`] over the same address bar, which tells the app about every entry it writes
//!   (`route::announce_routes`).
//!
//! Where the module comes from: the single-file edition offers `luoshiViewsLoad()` (the module
//! embedded in the file); the web edition names its script in `<meta name="luoshi-views">`
//! (scripts/post-build.mjs), which loads the wasm beside it and runs it.
//!
//! Two Yew apps in one page: Yew handles events at each app's host (capture listeners) and tells
//! apps apart by a number it writes on their elements, counted from 1 in each wasm module. The
//! module therefore skips the app's numbers before it mounts anything (see [`start`]): with equal
//! numbers, the app's listener on `#app` would take a click in the overview for one of its own.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use luoshi::ledger::Ledger;
use luoshi::period::Date;
use luoshi::snapshot::Coverage;
use luoshi::{Document, TaskNumber};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::components::overview::nav::use_ledger_view;
use crate::app::route::use_route;

/// Shown while the module is downloaded and compiled (the first time one of its views is asked
/// for in a page's life), per view.
pub const LOADING: &str = "正在载入统计和报告……";
pub const LOADING_SHARE: &str = "正在载入分享链接……";
pub const LOADING_PRINT: &str = "正在准备打印……";

/// Shown when the module cannot be loaded (offline before it was ever cached, a broken download).
pub const UNAVAILABLE: &str =
    "无法载入统计和报告模块（总览、进展汇总、打印台账和分享链接需要它）。请检查网络后刷新页面重试；已有的台账和文档数据不受影响。";

/// What the module renders into a host.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ViewKind {
    /// The page the route names: the overview or the report.
    Page,
    /// The print-only ledger table of these tasks (the exchange panel's 打印); the module prints
    /// once it is drawn, and the app ends printing on `afterprint`.
    Print { tasks: Vec<TaskNumber> },
    /// The exchange panel's share section for this scope (share links and their QR code).
    Share { scope: Coverage },
}

impl ViewKind {
    /// What the page says while the module loads.
    fn loading(&self) -> &'static str {
        match self {
            ViewKind::Page => LOADING,
            ViewKind::Share { .. } => LOADING_SHARE,
            ViewKind::Print { .. } => LOADING_PRINT,
        }
    }

    /// The views whose host (and the module's render in it) is kept while the app shows
    /// something else, so that going back to them is an update, not a fresh render: the pages and
    /// the share section. The print table is drawn afresh for every print (it prints when drawn).
    fn kept(&self) -> Option<&'static str> {
        match self {
            ViewKind::Page => Some("page"),
            ViewKind::Share { .. } => Some("share"),
            ViewKind::Print { .. } => None,
        }
    }
}

thread_local! {
    /// The kept hosts, by [`ViewKind::kept`]: detached from the page while not shown.
    static KEPT_HOSTS: RefCell<Vec<(&'static str, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
}

/// The host element for a view: the kept one of its kind, or a new one. `None` without a
/// browser document (the native prerender never renders these views).
fn host_element(kept: Option<&'static str>) -> Option<web_sys::Element> {
    if let Some(key) = kept {
        if let Some(element) = KEPT_HOSTS.with(|hosts| {
            hosts
                .borrow()
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, e)| e.clone())
        }) {
            return Some(element);
        }
    }
    let element = web_sys::window()?.document()?.create_element("div").ok()?;
    if let Some(key) = kept {
        KEPT_HOSTS.with(|hosts| hosts.borrow_mut().push((key, element.clone())));
    }
    Some(element)
}

/// Fired by the module on the host's element when it saved a file of the ledger (the share
/// section's 改为导出文件): the app marks the ledger exported ([`LazyViewProps::on_exported`]).
pub const EXPORTED_EVENT: &str = "luoshi-exported";

/// What the app hands the module for one render (written by the app).
#[derive(Serialize)]
pub struct ViewsInputRef<'a> {
    pub view: &'a ViewKind,
    /// The document's fingerprint: the module keeps the last document it was given.
    pub fingerprint: &'a str,
    /// The document, only when the module has not been given this fingerprint yet.
    pub document: Option<&'a Document>,
    pub ledger: &'a Ledger,
    pub today: Date,
    /// The route shown, as its query string (the module follows the app's address).
    pub route: String,
}

// ---------------------------------------------------------------------------------------------
// The app's side.

/// Where the module is, for one view: loading, running, or failed to load.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Loaded {
    Loading,
    Ready,
    Failed,
}

type Waiter = Box<dyn FnOnce(bool)>;

#[derive(Default)]
struct Loader {
    started: bool,
    waiting: Vec<Waiter>,
    /// The fingerprint of the document the module was last given.
    given: Option<String>,
    /// The `luoshi-views-ready` / `-failed` listeners, kept while loading.
    listeners: Vec<gloo::events::EventListener>,
}

thread_local! {
    static LOADER: RefCell<Loader> = RefCell::new(Loader::default());
}

/// The module's interface, once it runs.
fn api() -> Option<JsValue> {
    let api = Reflect::get(&gloo::utils::window(), &"luoshiViews".into()).ok()?;
    api.is_object().then_some(api)
}

/// Load the module (once per page); `done(true)` once it runs, `done(false)` if it cannot load.
pub fn load(done: impl FnOnce(bool) + 'static) {
    if api().is_some() {
        done(true);
        return;
    }
    let start = LOADER.with(|loader| {
        let mut loader = loader.borrow_mut();
        loader.waiting.push(Box::new(done));
        !std::mem::replace(&mut loader.started, true)
    });
    if !start {
        return;
    }
    let window = gloo::utils::window();
    let ready = gloo::events::EventListener::once(&window, "luoshi-views-ready", |_| finish(true));
    let failed =
        gloo::events::EventListener::once(&window, "luoshi-views-failed", |_| finish(false));
    LOADER.with(|loader| loader.borrow_mut().listeners = vec![ready, failed]);
    if begin().is_err() {
        finish(false);
    }
}

/// Start loading: the single file's embedded copy, else the script `<meta name="luoshi-views">`
/// names (which loads the wasm beside it and, once it runs, fires `luoshi-views-ready`), or, when
/// that script already ran and its start failed, its start again (`luoshiViewsStart`).
fn begin() -> Result<(), JsValue> {
    let window = gloo::utils::window();
    for start in ["luoshiViewsLoad", "luoshiViewsStart"] {
        let start = Reflect::get(&window, &start.into())?;
        if let Some(start) = start.dyn_ref::<Function>() {
            start.call0(&JsValue::NULL)?;
            return Ok(());
        }
    }
    let document = gloo::utils::document();
    let url = document
        .query_selector("meta[name=\"luoshi-views\"]")?
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or(JsValue::NULL)?;
    let script = document.create_element("script")?;
    script.set_attribute("src", &url)?;
    let failed = gloo::events::EventListener::once(&script, "error", |_| finish(false));
    LOADER.with(|loader| loader.borrow_mut().listeners.push(failed));
    document
        .head()
        .ok_or(JsValue::NULL)?
        .append_child(&script)?;
    Ok(())
}

/// The module runs (`true`) or cannot load: tell everyone waiting. After a failure the next
/// visit to these pages tries again.
fn finish(ok: bool) {
    let ok = ok && api().is_some();
    let (waiting, listeners) = LOADER.with(|loader| {
        let mut loader = loader.borrow_mut();
        if !ok {
            loader.started = false;
        }
        (
            std::mem::take(&mut loader.waiting),
            std::mem::take(&mut loader.listeners),
        )
    });
    // Dropped outside the borrow: a listener may be the one running now.
    drop(listeners);
    for done in waiting {
        done(ok);
    }
}

/// Hand the module the page's input and the host to render into. `false` when it refused.
fn show(
    host: &web_sys::Element,
    view: &ViewKind,
    document: &Document,
    ledger: &Ledger,
    today: Date,
    route: String,
) -> bool {
    let Some(api) = api() else {
        return false;
    };
    let fingerprint = document.fingerprint.as_str();
    let known = LOADER.with(|loader| loader.borrow().given.as_deref() == Some(fingerprint));
    let input = ViewsInputRef {
        view,
        fingerprint,
        document: (!known).then_some(document),
        ledger,
        today,
        route,
    };
    let Ok(json) = serde_json::to_string(&input) else {
        return false;
    };
    let Ok(show) = Reflect::get(&api, &"show".into()).and_then(JsCast::dyn_into::<Function>) else {
        return false;
    };
    let shown = show
        .call2(&api, host, &JsValue::from_str(&json))
        .map(|shown| shown.is_truthy())
        .unwrap_or(false);
    if shown {
        LOADER.with(|loader| loader.borrow_mut().given = Some(fingerprint.to_string()));
    }
    shown
}

fn hide(host: &web_sys::Element) {
    if let Some(api) = api() {
        if let Ok(hide) = Reflect::get(&api, &"hide".into()).and_then(JsCast::dyn_into::<Function>)
        {
            let _ = hide.call1(&api, host);
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LazyViewProps {
    pub view: ViewKind,
    /// The host's class (`print-host` for the print table: styles/exchange.css).
    #[prop_or_default]
    pub class: Classes,
    /// The module saved a file of the ledger ([`EXPORTED_EVENT`]).
    #[prop_or_default]
    pub on_exported: Option<Callback<()>>,
    /// The module cannot be loaded: told once, instead of the failure line (the print table's
    /// owner ends printing and says so where the person pressed 打印).
    #[prop_or_default]
    pub on_failed: Option<Callback<()>>,
}

/// A view of the lazily loaded module, as the app shows it: the module renders into the host
/// element below, and gets everything it shows again whenever any of it changes. Until it runs,
/// a line says it is loading (or why it cannot load).
#[function_component(LazyView)]
pub fn lazy_view(props: &LazyViewProps) -> Html {
    let document = use_context::<Rc<Document>>();
    let ledger = use_ledger_view();
    let route = use_route();
    let host = use_memo(props.view.kept(), |kept| host_element(*kept));
    let loaded = use_state_eq(|| Loaded::Loading);
    {
        let loaded = loaded.clone();
        use_effect_with((), move |_| {
            load(move |ok| loaded.set(if ok { Loaded::Ready } else { Loaded::Failed }));
        });
    }
    {
        let on_failed = props.on_failed.clone();
        use_effect_with(*loaded, move |loaded| {
            if let (Loaded::Failed, Some(on_failed)) = (loaded, on_failed) {
                on_failed.emit(());
            }
        });
    }
    {
        let host = host.clone();
        let loaded = loaded.clone();
        // Only a page follows the route: the print table and the share section are not sent again
        // for every key typed in the search box.
        let query = match props.view {
            ViewKind::Page => route.to_query_string(),
            _ => String::new(),
        };
        use_effect_with(
            (*loaded, props.view.clone(), document, ledger, query),
            move |(ready, view, document, ledger, query)| {
                if let (Loaded::Ready, Some(element), Some(document), Some(ledger)) =
                    (ready, host.as_ref(), document, ledger)
                {
                    if !show(
                        element,
                        view,
                        document,
                        &ledger.ledger,
                        ledger.today,
                        query.clone(),
                    ) {
                        loaded.set(Loaded::Failed);
                    }
                }
            },
        );
    }
    {
        let host = host.clone();
        let on_exported = props.on_exported.clone();
        let kept = props.view.kept();
        use_effect_with((), move |_| {
            let listener = match (host.as_ref(), on_exported) {
                (Some(element), Some(on_exported)) => Some(gloo::events::EventListener::new(
                    element,
                    EXPORTED_EVENT,
                    move |_| on_exported.emit(()),
                )),
                _ => None,
            };
            move || {
                drop(listener);
                // A kept host keeps the module's render for the next visit; others let it go.
                if let (Some(element), None) = (host.as_ref(), kept) {
                    hide(element);
                }
            }
        });
    }
    let quiet = props.on_failed.is_some();
    html! {
        <>
            if *loaded == Loaded::Loading {
                <p class="muted views-status" role="status">{ props.view.loading() }</p>
            }
            if *loaded == Loaded::Failed && !quiet {
                <p class="error views-status" role="alert">{ UNAVAILABLE }</p>
            }
            // The host: the module renders into it, so the app adopts it as it is (never diffs it).
            { host.as_ref().clone().map(|element| {
                element.set_class_name(&classes!("views-host", props.class.clone()).to_string());
                Html::VRef(element.into())
            }).unwrap_or_default() }
        </>
    }
}

// The module's side: compiled into the app too, used only by src/bin/luoshi-views.rs.
#[cfg(target_arch = "wasm32")]
#[allow(dead_code)]
pub(crate) mod module;

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
