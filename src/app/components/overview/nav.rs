//! The overview's and report's few touch points with the app shell: reading the page from the
//! route, linking to a core `Query` (the list with those filters) or a `Page`, and where the
//! ledger and today's date come from. Kept in one file so a change in the shell's route or ledger
//! state is a change here only.

use std::rc::Rc;

use luoshi::ledger::Ledger;
use luoshi::period::Date;
use luoshi::query::Query;
use yew::prelude::*;

use crate::app::ledger_state::use_ledger;
use crate::app::route::{link_href, use_navigator, use_route, Page, Route};

/// The page the address bar shows.
#[hook]
pub fn use_page() -> Page {
    use_route().page
}

/// Go to the list filtered by `query` in place (a new history entry), as a plain click on a
/// [`QueryLink`] does.
#[hook]
pub fn use_go() -> Callback<Query> {
    let go = use_go_to();
    go.reform(Route::from)
}

/// Go to `page` (no filters) in place, as a plain click on a [`PageLink`] does.
#[hook]
pub fn use_go_to_page() -> Callback<Page> {
    let go = use_go_to();
    go.reform(Route::from)
}

#[hook]
fn use_go_to() -> Callback<Route> {
    let navigator = use_navigator();
    Callback::from(move |route: Route| {
        if let Some(navigator) = &navigator {
            navigator.push(route);
        }
    })
}

/// Whether a click should navigate in place (a plain left click) or be left to the browser
/// (new tab, new window, download).
pub fn is_plain_click(event: &MouseEvent) -> bool {
    event.button() == 0
        && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key())
}

#[derive(Properties, PartialEq)]
pub struct QueryLinkProps {
    pub to: Query,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Marks the link as the page being shown (`aria-current="page"`).
    #[prop_or_default]
    pub current: bool,
    #[prop_or_default]
    pub children: Html,
}

/// An ordinary `<a href>` to the list filtered by a core [`Query`] that navigates in place on a
/// plain click.
#[function_component(QueryLink)]
pub fn query_link(props: &QueryLinkProps) -> Html {
    use_route_link(Route::from(props.to.clone()), props)
}

#[derive(Properties, PartialEq)]
pub struct PageLinkProps {
    pub to: Page,
    #[prop_or_default]
    pub class: Classes,
    /// Marks the link as the page being shown (`aria-current="page"`).
    #[prop_or_default]
    pub current: bool,
    #[prop_or_default]
    pub children: Html,
}

/// An ordinary `<a href>` to a [`Page`] with no filters (a task's page, the overview, a report).
#[function_component(PageLink)]
pub fn page_link(props: &PageLinkProps) -> Html {
    let as_query_link = QueryLinkProps {
        to: Query::default(),
        class: props.class.clone(),
        label: None,
        current: props.current,
        children: props.children.clone(),
    };
    use_route_link(Route::from(props.to.clone()), &as_query_link)
}

/// The `<a>` of both links (hooks: called from a component's body only).
#[hook]
fn use_route_link(to: Route, props: &QueryLinkProps) -> Html {
    let navigator = use_navigator();
    let href = link_href(navigator.as_ref(), &to);
    let onclick = Callback::from(move |event: MouseEvent| {
        if is_plain_click(&event) {
            event.prevent_default();
            if let Some(navigator) = &navigator {
                navigator.push(to.clone());
            }
        }
    });
    html! {
        <a {href} class={props.class.clone()} aria-label={props.label.clone()}
           aria-current={props.current.then_some("page")} {onclick}>
            { props.children.clone() }
        </a>
    }
}

/// The ledger the pages show and the date 序时 is judged at.
#[derive(Clone, PartialEq)]
pub struct LedgerView {
    pub ledger: Rc<Ledger>,
    pub today: Date,
}

/// The ledger given as a [`LedgerView`] context (the lazily loaded views module,
/// `crate::app::views`), else the live ledger (the shell's `LedgerProvider`) and today's date;
/// `None` outside both.
#[hook]
pub fn use_ledger_view() -> Option<LedgerView> {
    let given = use_context::<LedgerView>();
    let handle = use_ledger();
    given.or_else(|| {
        handle.map(|handle| LedgerView {
            ledger: handle.state().ledger.clone(),
            today: handle.today(),
        })
    })
}
