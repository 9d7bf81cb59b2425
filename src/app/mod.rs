//! The Yew shell: components arrange markup; business rules live in the core (`luoshi::…`).
//! State: the document and its query index (contexts, fixed after start-up) and the route (the
//! URL's `Query`, see `route`). Filters edit the route; annotations live in
//! `ledger_state` (one reducer, `LedgerProvider`), and only `storage` touches localStorage.

mod address;
mod clock;
mod components;
mod documents;
mod edition;
mod exchange;
#[cfg(target_arch = "wasm32")]
mod first_view;
mod focus;
mod keys;
mod lazy;
mod ledger_state;
mod prefs;
mod route;
mod storage;
mod text;
pub(crate) mod views;

#[cfg(test)]
mod harness_test;
#[cfg(test)]
mod hydrate_tests;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use luoshi::query::QueryIndex;
use luoshi::route::Page;
use luoshi::Document;
use yew::prelude::*;

use address::Address;
use components::annotate::LedgerBar;
use components::filters::MyUnitProvider;
use components::{footer, ExchangePanel, Header, ListView, TaskPage};
use documents::{use_documents, DocumentsProvider};
use ledger_state::LedgerProvider;
use route::{use_route, RouteProvider};

/// The document the app shows. The one place that decides how it is obtained (parsed at start-up
/// now; deserialising build-time JSON instead would change only this function).
///
/// Dev hook for the browser benchmark (e2e/bench/find-bench.mjs): `?bench=N` (1..=100000) shows a
/// synthetic N-task document instead. It changes nothing stored and vanishes from the address
/// bar with the first filter change, so it is harmless if someone stumbles on it.
pub fn load_document(address: &Address) -> Rc<Document> {
    match address.route().bench {
        Some(tasks) => Rc::new(luoshi::synthetic::synthetic_document(tasks, 1)),
        None => Rc::new(luoshi::seed_document()),
    }
}

/// The document's query index, built once per document and shared by pointer.
#[derive(Clone)]
pub struct SharedIndex(pub Rc<QueryIndex>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The default document (the seed); others the person loads are switched to in `documents`.
    pub document: Rc<Document>,
    /// The address the page is opened at: the browser's, or the bare one for the prerender (as
    /// yew's `function_router` passes the URL to its server-rendered app).
    pub address: Address,
}

thread_local! {
    /// Set before the prerender and before the browser start: how many list rows get their
    /// ledger controls in the first render (see [`RowControlsReady`]); `None` (a component test's
    /// mount) gives every row its controls at once.
    static ROW_CONTROLS_FIRST: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    /// True while the staged start-up renders the first screen's row controls (see
    /// [`in_first_screen_stage`]).
    static FIRST_SCREEN_STAGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set before a hydrating start, cleared by the app's first effect: see [`open_stored_later`].
    static OPEN_STORED_LATER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Make the next mounted app render its first render as if nothing were stored (the prerender's
/// render: a hydration must equal it) and read what is stored in its first effects: the ledger
/// (`ledger_state`, `Msg::Opened`) and the reader's unit (`MyUnitProvider`). What else the first
/// render reads from storage cannot differ from the prerender's when `first_view` hydrates (no
/// unit picked, no stored documents; see `first_view::Conditions`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn open_stored_later() {
    OPEN_STORED_LATER.with(|cell| cell.set(true));
}

/// Whether a provider mounted now renders first as if nothing were stored and opens storage in
/// its first effect (only within a hydrating start's first render: a provider mounted later, e.g.
/// after a document switch, reads storage at once).
pub fn opens_stored_later() -> bool {
    OPEN_STORED_LATER.with(std::cell::Cell::get)
}

/// Whether the row controls rendered now are the first screen's, in a staged start-up: those keep
/// off `content-visibility: auto` (styles/annotate.css `.first-screen`), whose first frame would
/// otherwise lay the page out twice (once with the boxes skipped, once with the ones on screen).
pub fn in_first_screen_stage() -> bool {
    FIRST_SCREEN_STAGE.with(std::cell::Cell::get)
}

/// How many list rows carry their ledger controls in the prerendered first view (and so in a
/// hydrating start's first render, which must equal it): the first screen of a window up to
/// 960 CSS pixels tall ([`rows_for_height`]). They are hidden until the app runs
/// (`#app[data-prerendered] .row-controls > *`, styles/annotate.css): controls cannot work before
/// the wasm does. With them in the markup, hydration adopts the first screen's controls at once,
/// and the app says it started after its first render, not after a second render and frame for
/// them (issue 19). The rows below get theirs by stages, as in a replacing start.
pub const PRERENDERED_CONTROL_ROWS: usize = 26;

/// Make the next mounted app bring the list rows' ledger controls in by stages, starting with
/// controls on the first `first` rows: [`PRERENDERED_CONTROL_ROWS`] for the prerender and for a
/// hydration (which must render exactly what the prerender did); [`first_screen_rows`] for a
/// replacing start. The app then gives the
/// rows on the first screen their controls, says it has started, and adds the rest
/// [`ROW_CONTROLS_CHUNK`] rows per task (issue 19: the rows below the screen were most of the
/// start-up render, style and layout).
pub fn stage_row_controls(first: usize) {
    ROW_CONTROLS_FIRST.with(|cell| cell.set(Some(first)));
}

/// Rows whose controls one later stage adds, each in its own task (a short one, so a click or
/// a key press is never kept waiting long).
pub const ROW_CONTROLS_CHUNK: usize = 30;

/// How many list rows can be on the first screen: every row is taller than 40 CSS pixels (a
/// title line and the controls' line), so this many cover the window's height even if the list
/// started at its top; at least 12, at most a page of the list.
pub fn first_screen_rows() -> usize {
    #[cfg(target_arch = "wasm32")]
    let height = web_sys::window()
        .and_then(|window| window.inner_height().ok())
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0);
    #[cfg(not(target_arch = "wasm32"))]
    let height = 0.0;
    rows_for_height(height)
}

/// [`first_screen_rows`] for a window `height` CSS pixels tall.
pub fn rows_for_height(height: f64) -> usize {
    let rows = (height.max(0.0) / 40.0).ceil() as usize + 2;
    rows.clamp(12, components::PAGE_SIZE)
}

/// The next stage after controls on `ready` rows: another chunk, or every row (also those
/// 显示更多 adds) once a page of the list is covered.
pub fn next_row_controls(ready: usize) -> usize {
    let next = ready.saturating_add(ROW_CONTROLS_CHUNK);
    if next >= components::PAGE_SIZE {
        usize::MAX
    } else {
        next
    }
}

/// The list's first this many rows (in the list's order, across its sections) have their ledger
/// controls; the others an empty box of the controls' height. `usize::MAX`: every row.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct RowControlsReady(pub usize);

impl Default for RowControlsReady {
    fn default() -> Self {
        RowControlsReady(usize::MAX)
    }
}

/// See [`first_view::mark_started`] (effects never run in the native prerender).
fn mark_started() {
    #[cfg(target_arch = "wasm32")]
    first_view::mark_started();
}

/// See [`first_view::ledger_opened`].
pub(crate) fn ledger_opened() {
    #[cfg(target_arch = "wasm32")]
    first_view::ledger_opened();
}

/// See [`first_view::staging_done`].
fn staging_done() {
    #[cfg(target_arch = "wasm32")]
    first_view::staging_done();
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let ready = use_state_eq(|| match ROW_CONTROLS_FIRST.with(std::cell::Cell::take) {
        Some(first) => {
            FIRST_SCREEN_STAGE.with(|stage| stage.set(true));
            first
        }
        None => usize::MAX,
    });
    let marked = use_mut_ref(|| false);
    // The providers of the first render have read the flag; any mounted later read storage at once.
    use_effect_with((), |_| OPEN_STORED_LATER.with(|cell| cell.set(false)));
    // After the first render (or hydration) is in the DOM, the rows on the first screen get their
    // controls at once; once they have them, say so on the mount element, and add the others a
    // chunk per task.
    {
        let ready = ready.clone();
        use_effect_with(*ready, move |now| {
            let now = *now;
            let screen = first_screen_rows();
            if now < screen {
                ready.set(screen);
                return;
            }
            if !*marked.borrow() {
                *marked.borrow_mut() = true;
                FIRST_SCREEN_STAGE.with(|stage| stage.set(false));
                mark_started();
            }
            if now == usize::MAX {
                staging_done();
            } else {
                // A timer, not this task: the browser paints and handles input in between.
                let _ = gloo::timers::callback::Timeout::new(0, move || {
                    ready.set(next_row_controls(now))
                })
                .forget();
            }
        });
    }
    html! {
        <ContextProvider<RowControlsReady> context={RowControlsReady(*ready)}>
            <DocumentsProvider seed={props.document.clone()} address={props.address.clone()}>
                <CurrentDocument />
            </DocumentsProvider>
        </ContextProvider<RowControlsReady>>
    }
}

/// Provides the current document, its index and its ledger. Everything below is keyed by the
/// fingerprint, so switching documents remounts it: a fresh ledger (own storage key, own autosave)
/// and a route read again from the address bar.
#[function_component(CurrentDocument)]
fn current_document() -> Html {
    let Some(documents) = use_documents() else {
        return Html::default();
    };
    let document = documents.state().current.clone();
    let address = documents.state().address.clone();
    let index = use_memo(document.fingerprint.clone(), {
        let document = document.clone();
        move |_| QueryIndex::new(&document)
    });
    let fingerprint: AttrValue = document.fingerprint.clone().into();
    let key = document.fingerprint.clone();
    html! {
        <ContextProvider<Rc<Document>> context={document}>
            <ContextProvider<SharedIndex> context={SharedIndex(index)}>
                <LedgerProvider {key} {fingerprint}>
                    <MyUnitProvider>
                        <RouteProvider {address}>
                            <Shell />
                        </RouteProvider>
                    </MyUnitProvider>
                </LedgerProvider>
            </ContextProvider<SharedIndex>>
        </ContextProvider<Rc<Document>>>
    }
}

/// The page the URL asks for (one switch on the core's [`Page`]).
fn switch(page: &Page) -> Html {
    match *page {
        Page::Task(number) => html! { <TaskPage {number} /> },
        // The lazily loaded views module renders these (`views`).
        Page::Overview | Page::Report { .. } => {
            html! { <views::LazyView view={views::ViewKind::Page} /> }
        }
        Page::List => html! { <ListView /> },
    }
}

#[function_component(Shell)]
fn shell() -> Html {
    let route = use_route();
    focus::use_focus_keeper(route.page.task());
    let list = route.page == Page::List;
    // On a phone (styles/phone.css) the header, the document bar, the ledger bar and 导出/导入
    // fold into one line with this 菜单 button; wider screens never show the button.
    let menu_open = use_state_eq(|| false);
    {
        let menu_open = menu_open.clone();
        use_effect_with(route.page.clone(), move |_| menu_open.set(false));
    }
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    html! {
        <>
            <div id="top" class={classes!("top", menu_open.then_some("menu-open"))}>
                { skip_links(list) }
                <button type="button" class="button menu-toggle" aria-expanded={menu_open.to_string()}
                        aria-controls="top" onclick={toggle_menu}>
                    { if *menu_open { text::MENU_CLOSE } else { text::MENU } }
                </button>
                <Header />
                <LedgerBar />
            </div>
            // Outside #top: its print table must stay a child of #app (styles/exchange.css); on a
            // phone its button still folds into the menu (`.top:not(.menu-open) ~ .exchange`).
            <ExchangePanel />
            <main id="main" tabindex="-1">
                { switch(&route.page) }
            </main>
            { footer() }
        </>
    }
}

/// The first stops of the Tab order, shown when focused: past the header and the bars to the list
/// (or the page), and on the list to its filters (`focus::skip_to`) when `list` is shown. A plain
/// function, not a component (no state; a component costs its own copy of yew's lifecycle code).
fn skip_links(list: bool) -> Html {
    let to = |target: &'static str| {
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            focus::skip_to(target);
        })
    };
    html! {
        <nav class="skip-links" aria-label={text::SKIP_LINKS_LABEL}>
            <a class="skip-link" href="#main" onclick={to("#main")}>{ text::SKIP_TO_MAIN }</a>
            if list {
                <a class="skip-link" href="#find-filters" onclick={to("#find-filters")}>{ text::SKIP_TO_FILTERS }</a>
            }
        </nav>
    }
}

/// Mounts the app on `#app`. The release `index.html` already holds the first view, rendered at
/// build time (`luoshi-prerender`); [`first_view::start`] hydrates it when this page's first render
/// is known to match it, and otherwise replaces it before the browser paints again.
///
/// The loader is an `async` module script (scripts/post-build.mjs `startingEarly`): the wasm is
/// compiled and instantiated while the browser still parses the prerendered page, so this may run
/// before the parser has finished `#app`. Then it waits for `DOMContentLoaded`, and the start-up
/// work (the seed parsed, the first render) never competes with the first paint.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let document = gloo::utils::document();
    if document.ready_state() == "loading" {
        gloo::events::EventListener::once(&document, "DOMContentLoaded", |_| mount()).forget();
    } else {
        mount();
    }
}

#[cfg(target_arch = "wasm32")]
fn mount() {
    let address = Address::current();
    let document = load_document(&address);
    if let Some(root) = gloo::utils::document().get_element_by_id("app") {
        first_view::start(root, AppProps { document, address });
    }
}

/// The first view as HTML (Yew's server renderer, hydratable): what a first-time visitor sees at
/// the bare address on `date`, with nothing stored. Used by the build-time prerender.
#[cfg(not(target_arch = "wasm32"))]
pub async fn render_first_view(date: luoshi::period::Date) -> String {
    clock::set_prerender_date(date);
    stage_row_controls(PRERENDERED_CONTROL_ROWS);
    let address = Address::default();
    yew::LocalServerRenderer::<App>::with_props(AppProps {
        document: load_document(&address),
        address,
    })
    .render()
    .await
}
