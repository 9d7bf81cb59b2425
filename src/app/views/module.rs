//! The lazily loaded views module's side of `crate::app::views`: renders the overview or the
//! report into the app's host, from the app's JSON ([`ViewsInput`]).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use luoshi::ledger::Ledger;
use luoshi::period::Date;
use luoshi::route::Page;
use luoshi::Document;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::ViewKind;
use crate::app::address::Address;
use crate::app::components::exchange::{PrintLedger, ShareSection};
use crate::app::components::overview::nav::LedgerView;
use crate::app::route::{use_route, RouteProvider};

/// What the app hands the module for one render ([`super::ViewsInputRef`], as read here).
#[derive(Deserialize)]
pub struct ViewsInput {
    pub view: super::ViewKind,
    pub fingerprint: String,
    pub document: Option<Document>,
    pub ledger: Ledger,
    pub today: Date,
    pub route: String,
}

#[derive(Properties, PartialEq)]
pub struct ViewsRootProps {
    pub view: ViewKind,
    pub document: Rc<Document>,
    pub view_of: LedgerView,
    /// The app's address: the page's path and fragment with the app's route as its query
    /// string. The module's route is the app's.
    pub address: Address,
}

/// What the module renders into one of the app's hosts.
#[function_component(ViewsRoot)]
pub fn views_root(props: &ViewsRootProps) -> Html {
    let inner = match &props.view {
        ViewKind::Page => html! {
            // The app's route: where the app moved to (Back, its own links) is shown here too,
            // with the page kept (a report's period select keeps its focus).
            <RouteProvider address={props.address.clone()} follow={Some(props.address.route())}>
                <ViewsPage />
            </RouteProvider>
        },
        ViewKind::Print { tasks } => html! {
            <>
                <PrintLedger tasks={Rc::new(tasks.clone())} />
                <PrintWhenDrawn />
            </>
        },
        ViewKind::Share { scope } => html! { <ShareSection scope={scope.clone()} /> },
    };
    html! {
        <ContextProvider<Rc<Document>> context={props.document.clone()}>
            <ContextProvider<LedgerView> context={props.view_of.clone()}>
                { inner }
            </ContextProvider<LedgerView>>
        </ContextProvider<Rc<Document>>>
    }
}

/// Prints once the table above it is in the page (effects run after the DOM is updated). The
/// app ends printing on `afterprint` (`crate::app::exchange::use_print`).
#[function_component(PrintWhenDrawn)]
fn print_when_drawn() -> Html {
    use_effect_with((), |_| {
        let _ = gloo::utils::window().print();
    });
    Html::default()
}

#[function_component(ViewsPage)]
fn views_page() -> Html {
    use crate::app::components::{OverviewPage, ReportPage};
    match use_route().page {
        Page::Overview => html! { <OverviewPage /> },
        Page::Report { .. } => html! { <ReportPage /> },
        _ => Html::default(),
    }
}

struct Shown {
    host: web_sys::Element,
    app: yew::AppHandle<ViewsRoot>,
}

thread_local! {
    /// The module's render, and the last document it was given.
    static SHOWN: RefCell<Vec<Shown>> = const { RefCell::new(Vec::new()) };
    static DOCUMENT: RefCell<Option<(String, Rc<Document>)>> = const { RefCell::new(None) };
}

/// Render `json` (a [`ViewsInput`]) into `host`; `false` when it is unreadable or names a document
/// the module was never given (the app then sends it again).
pub fn show_in(host: web_sys::Element, json: &str) -> bool {
    let Ok(input) = serde_json::from_str::<ViewsInput>(json) else {
        return false;
    };
    let document = match input.document {
        Some(document) => {
            let document = Rc::new(document);
            DOCUMENT
                .with(|d| *d.borrow_mut() = Some((input.fingerprint.clone(), document.clone())));
            document
        }
        None => match DOCUMENT.with(|d| d.borrow().clone()) {
            Some((fingerprint, document)) if fingerprint == input.fingerprint => document,
            _ => return false,
        },
    };
    let props = ViewsRootProps {
        view: input.view,
        document,
        view_of: LedgerView {
            ledger: Rc::new(input.ledger),
            today: input.today,
        },
        address: Address {
            search: if input.route.is_empty() {
                String::new()
            } else {
                format!("?{}", input.route)
            },
            ..Address::current()
        },
    };
    let existing = SHOWN.with(|shown| {
        let mut shown = shown.borrow_mut();
        match shown.iter_mut().find(|current| current.host == host) {
            Some(current) => {
                current.app.update(props);
                None
            }
            None => Some(props),
        }
    });
    if let Some(props) = existing {
        let app = yew::Renderer::<ViewsRoot>::with_root_and_props(host.clone(), props).render();
        SHOWN.with(|shown| shown.borrow_mut().push(Shown { host, app }));
    }
    true
}

/// Let go of `host` (the app's page went away).
pub fn hide_in(host: &web_sys::Element) {
    let old = SHOWN.with(|shown| {
        let mut shown = shown.borrow_mut();
        let at = shown.iter().position(|current| &current.host == host)?;
        Some(shown.remove(at))
    });
    if let Some(old) = old {
        old.app.destroy();
    }
}

#[function_component(Nothing)]
fn nothing() -> Html {
    Html::default()
}

/// The module's start (`src/bin/luoshi-views.rs`): skip the app's Yew numbers, offer
/// `window.luoshiViews` and say so with `luoshi-views-ready`.
pub fn start() {
    let window = gloo::utils::window();
    // Yew numbers each app from 1 in each module; the app's own is on its host (`#app`). Mount
    // and drop that many empty apps, so this module's first real app gets a number after it.
    let taken = gloo::utils::document()
        .get_element_by_id("app")
        .and_then(|app| Reflect::get(&app, &"__yew_subtree_id".into()).ok())
        .and_then(|id| id.as_f64())
        .unwrap_or(0.0);
    for _ in 0..(taken as u32).min(1024) {
        if let Ok(element) = gloo::utils::document().create_element("div") {
            yew::Renderer::<Nothing>::with_root(element)
                .render()
                .destroy();
        }
    }
    crate::app::route::announce_routes();
    let show = Closure::<dyn FnMut(JsValue, String) -> bool>::new(|host: JsValue, json: String| {
        match host.dyn_into::<web_sys::Element>() {
            Ok(host) => show_in(host, &json),
            Err(_) => false,
        }
    });
    let hide = Closure::<dyn FnMut(JsValue)>::new(|host: JsValue| {
        if let Ok(host) = host.dyn_into::<web_sys::Element>() {
            hide_in(&host);
        }
    });
    let api = Object::new();
    let _ = Reflect::set(&api, &"show".into(), show.as_ref());
    let _ = Reflect::set(&api, &"hide".into(), hide.as_ref());
    // They live as long as the page.
    show.forget();
    hide.forget();
    let _ = Reflect::set(&window, &"luoshiViews".into(), &api);
    if let Ok(event) = web_sys::Event::new("luoshi-views-ready") {
        let _ = window.dispatch_event(&event);
    }
}
