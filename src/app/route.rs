//! URL state: every view lives in the query string (`?task=14`, `?unit=区科技局`), never in the path,
//! so links survive reload and pasting under any deployment path with no server rewrite rules.
//! Hand-written over History pushState/popstate: yew-router would add a path-based router (and
//! read `<base href>` as a path prefix) for what is one route with a query string.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use luoshi::query::Query;
use luoshi::TaskNumber;

use crate::app::address::Address;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The view state is the core's whole address: the document, the [`Page`] and the filters
/// ([`Query`]), parsed and printed by `luoshi::route`, so every view can be bookmarked, shared
/// and reloaded.
pub use luoshi::route::{Page, Route};

/// Where a link to `route` points from a page at `address`: its path plus the route's query
/// string, so the app keeps working under whatever path it is deployed at.
pub fn href(address: &Address, route: &Route) -> String {
    address.at(route).href()
}

/// The route to show at start-up: the address's, except that a bare address (no query string)
/// opens the reader's own tasks once they have picked their unit (the provider then rewrites the
/// address bar to match, so a reload or a shared link shows the same view).
fn initial(address: &Address) -> Route {
    let mut route = address.route();
    if address.is_bare() && matches!(crate::app::prefs::my_unit(), Ok(Some(_))) {
        route.query.mine = true;
    }
    route
}

/// The list narrowed to one unit, nothing else.
pub fn for_unit(unit: &str) -> Route {
    Route::from(Query {
        units: BTreeSet::from([unit.to_string()]),
        ..Query::default()
    })
}

/// The route being shown. Changed only through [`RouteAction`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RouteState {
    pub route: Route,
}

pub enum RouteAction {
    /// Show this route (after the address bar already says so).
    Show(Route),
}

impl Reducible for RouteState {
    type Action = RouteAction;

    fn reduce(self: Rc<Self>, action: RouteAction) -> Rc<Self> {
        match action {
            RouteAction::Show(route) if route == self.route => self,
            RouteAction::Show(route) => Rc::new(RouteState { route }),
        }
    }
}

/// Where to scroll once the next route has rendered: history entries remember their scroll
/// position because the browser's own restoration runs before Yew has drawn the page.
type PendingScroll = Rc<RefCell<Option<f64>>>;

/// How long the address bar lags the view while the reader types. Every address change costs the
/// browser a same-document navigation, and Chromium then fetches and decodes the page's icon
/// again: together more main-thread time per keystroke than filtering and rendering the list
/// (BENCHMARKS.md "Query / Browser"). The view itself follows every key at once.
pub const ADDRESS_DELAY_MS: u32 = 300;

thread_local! {
    /// The address-bar rewrite (replaceState) waiting for a pause in typing: one per page, as
    /// there is one address bar.
    static WAITING_ADDRESS: RefCell<Option<(String, gloo::timers::callback::Timeout)>> =
        const { RefCell::new(None) };
}

/// Replace the current entry's address with `url` after [`ADDRESS_DELAY_MS`]; a later call
/// supersedes an earlier one.
fn replace_address_later(url: String) {
    let timer = gloo::timers::callback::Timeout::new(ADDRESS_DELAY_MS, flush_address);
    WAITING_ADDRESS.with(|waiting| *waiting.borrow_mut() = Some((url, timer)));
}

/// Write an address still waiting for a pause in typing now. Called wherever the address may
/// be read: before a new history entry, when the page loses focus (the reader goes to the address
/// bar to copy it), is about to reload (F5, Ctrl+R) or is hidden, and before making a share link.
pub fn flush_address() {
    // Taken out before writing: the timer (whose callback may be running) drops after.
    let waiting = WAITING_ADDRESS.with(|waiting| waiting.borrow_mut().take());
    if let Some((url, _timer)) = waiting {
        if let Ok(history) = gloo::utils::window().history() {
            let state = history.state().unwrap_or(JsValue::NULL);
            let _ = history.replace_state_with_url(&state, "", Some(&url));
        }
    }
}

thread_local! {
    /// Set by the lazily loaded views module (`crate::app::views::start`): every history entry
    /// its navigator writes is announced to the app, whose route provider then reads the address
    /// bar (see [`ROUTE_EVENT`]).
    static ANNOUNCE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The event the views module fires on `window` after it wrote the address bar: `detail` is
/// `"top"` (a new page: go to its top) or `"keep"` (a change in place).
pub const ROUTE_EVENT: &str = "luoshi-route";

/// Announce this module's navigation to the app (the views module's start).
#[allow(dead_code)] // the views module's (src/bin/luoshi-views.rs), not the app's
pub fn announce_routes() {
    ANNOUNCE.with(|announce| announce.set(true));
}

fn announce(to_top: bool) {
    if !ANNOUNCE.with(std::cell::Cell::get) {
        return;
    }
    // The app reads the address bar: write a waiting address first.
    flush_address();
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(if to_top { "top" } else { "keep" }));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(ROUTE_EVENT, &init) {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// Drop a waiting address: Back/Forward moved to another entry (it belonged to the one left), or
/// a test points the address bar somewhere else.
pub fn cancel_address() {
    let waiting = WAITING_ADDRESS.with(|waiting| waiting.borrow_mut().take());
    drop(waiting);
}

/// Moves between routes: writes the address bar, then the state.
#[derive(Clone, PartialEq)]
pub struct Navigator {
    state: UseReducerHandle<RouteState>,
    pending_scroll: PendingScroll,
    /// The address this provider started at (its path is every link's).
    address: Rc<Address>,
}

impl Navigator {
    /// `to` on the document being shown. Links and navigation never switch documents (that is
    /// `documents`' job, and it remounts this provider), so a link built from a page or filters
    /// alone ([`Route::from`]) stays on the current one.
    pub fn on_this_document(&self, to: Route) -> Route {
        let shown = &self.state.route;
        Route {
            doc: shown.doc.clone(),
            bench: shown.bench,
            ..to
        }
    }

    /// Where a link to `to` points (on this document).
    pub fn href(&self, to: &Route) -> String {
        href(&self.address, &self.on_this_document(to.clone()))
    }

    /// The fragment the page was opened with (`#s=…`: a share link), empty when none.
    pub fn opened_fragment(&self) -> &str {
        &self.address.hash
    }

    /// Go to `route` as a new history entry (Back returns here), at the top of the page.
    pub fn push(&self, route: Route) {
        if self.push_entry(route) {
            *self.pending_scroll.borrow_mut() = Some(0.0);
            announce(true);
        }
    }

    /// A new history entry for a change made in place (a filter click, a sort): the reader stays
    /// where they are on the page.
    pub fn push_keeping_scroll(&self, route: Route) {
        if self.push_entry(route) {
            announce(false);
        }
    }

    fn push_entry(&self, route: Route) -> bool {
        let route = self.on_this_document(route);
        if route == self.state.route {
            return false;
        }
        // The entry we leave keeps the address of what it showed (typed text included).
        flush_address();
        let window = gloo::utils::window();
        if let Ok(history) = window.history() {
            // Remember where we were on the entry we leave, for Back.
            let _ = history.replace_state(&JsValue::from_f64(window.scroll_y().unwrap_or(0.0)), "");
            let _ = history.push_state_with_url(
                &JsValue::from_f64(0.0),
                "",
                Some(&href(&self.address, &route)),
            );
        }
        self.state.dispatch(RouteAction::Show(route));
        true
    }

    /// Replace the current entry (for changes that should not pile up in history, like typing):
    /// the view changes now, the address bar after a pause (see [`ADDRESS_DELAY_MS`]).
    pub fn replace(&self, route: Route) {
        let route = self.on_this_document(route);
        replace_address_later(href(&self.address, &route));
        self.state.dispatch(RouteAction::Show(route));
        announce(false);
    }
}

#[derive(Properties, PartialEq)]
pub struct RouteProviderProps {
    /// The address to start at (the page's, or the one a document switch wrote).
    pub address: Address,
    /// A route owned elsewhere that this provider shows whenever it changes (the lazily loaded
    /// views follow the app's route: `crate::app::views`). `None`: the address bar's alone.
    #[prop_or_default]
    pub follow: Option<Route>,
    pub children: Html,
}

/// Owns the route state: reads it from the address bar at start, follows Back/Forward (popstate),
/// and hands out the route and a [`Navigator`] through context.
#[function_component(RouteProvider)]
pub fn route_provider(props: &RouteProviderProps) -> Html {
    let state = use_reducer(|| RouteState {
        route: initial(&props.address),
    });
    let pending_scroll: PendingScroll = use_mut_ref(|| None);
    let address = use_memo((), {
        let address = props.address.clone();
        move |_| address
    });
    {
        // The start route may differ from the address (a bare address opens 本单位的任务): say
        // so in the address bar, keeping any fragment (a share link is read from it).
        let (route, address) = (state.route.clone(), address.clone());
        use_effect_with((), move |_| {
            if route != address.route() {
                if let Ok(history) = gloo::utils::window().history() {
                    let state = history.state().unwrap_or(JsValue::NULL);
                    let url = format!("{}{}", href(&address, &route), address.hash);
                    let _ = history.replace_state_with_url(&state, "", Some(&url));
                }
            }
        });
    }

    {
        let dispatcher = state.dispatcher();
        let pending_scroll = pending_scroll.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            if let Ok(history) = window.history() {
                // We restore scroll ourselves after rendering (see PendingScroll).
                let _ =
                    js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
            }
            let flushing = |event: &'static str| {
                gloo::events::EventListener::new(&window, event, |_| flush_address())
            };
            // The address is read when the reader leaves the page for the address bar (blur),
            // and when the page goes away; a reload key reloads the address bar's URL.
            let (blur, hide) = (flushing("blur"), flushing("pagehide"));
            let reload_key = gloo::events::EventListener::new(&window, "keydown", |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let modified = key.ctrl_key() || key.meta_key();
                if key.key() == "F5" || (modified && key.key().eq_ignore_ascii_case("r")) {
                    flush_address();
                }
            });
            let listener = {
                let (dispatcher, pending_scroll) = (dispatcher.clone(), pending_scroll.clone());
                gloo::events::EventListener::new(&window, "popstate", move |_| {
                    cancel_address();
                    let window = gloo::utils::window();
                    let remembered = window
                        .history()
                        .ok()
                        .and_then(|h| h.state().ok())
                        .and_then(|s| s.as_f64());
                    *pending_scroll.borrow_mut() = Some(remembered.unwrap_or(0.0));
                    dispatcher.dispatch(RouteAction::Show(Address::current().route()));
                })
            };
            // The lazily loaded views wrote the address bar (their own navigator): follow it
            // (the app's providers only: the module's own follow the app's route).
            let followed = (!ANNOUNCE.with(std::cell::Cell::get)).then(|| {
                gloo::events::EventListener::new(&window, ROUTE_EVENT, move |event| {
                    let to_top = event
                        .dyn_ref::<web_sys::CustomEvent>()
                        .and_then(|event| event.detail().as_string())
                        .is_some_and(|detail| detail == "top");
                    if to_top {
                        *pending_scroll.borrow_mut() = Some(0.0);
                    }
                    dispatcher.dispatch(RouteAction::Show(Address::current().route()));
                })
            });
            move || drop((listener, followed, blur, hide, reload_key))
        });
    }

    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.follow.clone(), move |follow| {
            if let Some(route) = follow {
                dispatcher.dispatch(RouteAction::Show(route.clone()));
            }
        });
    }

    {
        let pending_scroll = pending_scroll.clone();
        use_effect_with(state.route.clone(), move |_| {
            // Effects run after the DOM is updated, so the page is tall enough to scroll now.
            if let Some(y) = pending_scroll.borrow_mut().take() {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, y);
            }
        });
    }

    let navigator = Navigator {
        state: state.clone(),
        pending_scroll,
        address,
    };
    html! {
        <ContextProvider<Navigator> context={navigator}>
            { props.children.clone() }
        </ContextProvider<Navigator>>
    }
}

/// The route being shown (the default route outside a [`RouteProvider`], e.g. in component tests).
#[hook]
pub fn use_route() -> Route {
    use_context::<Navigator>()
        .map(|navigator| navigator.state.route.clone())
        .unwrap_or_default()
}

#[hook]
pub fn use_navigator() -> Option<Navigator> {
    use_context::<Navigator>()
}

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// `prev` / `next` in the task pager.
    #[prop_or_default]
    pub rel: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// Where a link to `to` points: on the current document inside a [`RouteProvider`], as it says
/// outside one (component tests).
pub fn link_href(navigator: Option<&Navigator>, to: &Route) -> String {
    match navigator {
        Some(navigator) => navigator.href(to),
        None => href(&Address::default(), to),
    }
}

/// A plain left click (no modifier) navigates in place to `to`; any other click is the browser's
/// (new tab, download, ...), following the link's href.
pub fn follow(navigator: Option<Navigator>, to: Route) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        let plain = event.button() == 0
            && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
        if let (true, Some(navigator)) = (plain, navigator.as_ref()) {
            event.prevent_default();
            navigator.push(to.clone());
        }
    })
}

/// An ordinary `<a href>` (so open-in-new-tab, copy link and middle-click work) that navigates in
/// place on a plain click.
#[function_component(Link)]
pub fn link(props: &LinkProps) -> Html {
    let navigator = use_navigator();
    let href = link_href(navigator.as_ref(), &props.to);
    let onclick = follow(navigator, props.to.clone());
    html! {
        <a {href} class={props.class.clone()} aria-label={props.label.clone()}
           rel={props.rel.clone()} {onclick}>
            { props.children.clone() }
        </a>
    }
}

#[derive(Properties, PartialEq)]
pub struct TaskLinkProps {
    pub task: TaskNumber,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// A [`Link`] to one task's page in the current view (filters kept, so the page's previous/next
/// walk the same list). It reads the route itself so that a list row, whose props do not change
/// while the reader types, need not re-render: only this `<a>` follows the query.
#[function_component(TaskLink)]
pub fn task_link(props: &TaskLinkProps) -> Html {
    let to = use_route().with_page(Page::Task(props.task));
    let navigator = use_navigator();
    let href = link_href(navigator.as_ref(), &to);
    let onclick = follow(navigator, to);
    html! {
        <a {href} class={props.class.clone()} aria-label={props.label.clone()} {onclick}>
            { props.children.clone() }
        </a>
    }
}
