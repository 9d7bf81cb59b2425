//! The overview's and report's few touch points with the app shell: reading the page from the
//! route, linking to a core `Query`, and where the ledger and today's date come from. Kept in one
//! file so a change in the shell's route or ledger state is a change here only.

use std::rc::Rc;

use luoshi::ledger::Ledger;
use luoshi::period::Date;
use luoshi::query::Query;
use yew::prelude::*;

use crate::app::ledger_state::use_ledger;
use crate::app::route::{self, use_navigator, use_route};

/// The core query the address bar holds (filters, the page and its parameters).
#[hook]
pub fn use_query() -> Query {
    use_route()
}

/// Where a link to `query` points (the shell's route is the core's `Query`).
pub fn href(query: &Query) -> String {
    route::href(query)
}

/// Go to `query` in place (a new history entry), as a plain click on a [`QueryLink`] does.
#[hook]
pub fn use_go() -> Callback<Query> {
    let navigator = use_navigator();
    Callback::from(move |query: Query| {
        if let Some(navigator) = &navigator {
            navigator.push(query);
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

/// An ordinary `<a href>` to a core [`Query`] that navigates in place on a plain click.
#[function_component(QueryLink)]
pub fn query_link(props: &QueryLinkProps) -> Html {
    let go = use_go();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |event: MouseEvent| {
            if is_plain_click(&event) {
                event.prevent_default();
                go.emit(to.clone());
            }
        })
    };
    html! {
        <a href={href(&props.to)} class={props.class.clone()} aria-label={props.label.clone()}
           aria-current={props.current.then_some("page")} {onclick}>
            { props.children.clone() }
        </a>
    }
}

/// The open task page for `task`, nothing else.
pub fn task_query(task: luoshi::TaskNumber) -> Query {
    Query {
        task: Some(task),
        ..Query::default()
    }
}

/// The ledger the pages show and the date 序时 is judged at.
#[derive(Clone, PartialEq)]
pub struct LedgerView {
    pub ledger: Rc<Ledger>,
    pub today: Date,
}

/// The live ledger (the shell's `LedgerProvider`) and today's date; `None` outside a provider.
#[hook]
pub fn use_ledger_view() -> Option<LedgerView> {
    let handle = use_ledger()?;
    Some(LedgerView {
        ledger: handle.state().ledger.clone(),
        today: handle.today(),
    })
}
