//! The header's page links: task list, overview, report. The current page is marked with
//! `aria-current="page"`.

use luoshi::query::{Query, View};
use yew::prelude::*;

use super::nav::{use_query, QueryLink};
use super::text;

#[function_component(ViewNav)]
pub fn view_nav() -> Html {
    let query = use_query();
    let current = match (&query.view, query.task) {
        (_, Some(_)) => "",
        (View::List, None) => "list",
        (View::Overview, None) => "overview",
        (View::Report { .. }, None) => "report",
    };
    let link = |key: &'static str, label: &'static str, view: View| {
        let to = Query {
            view,
            ..Query::default()
        };
        html! {
            <li>
                <QueryLink {to} class={classes!("view-link", (current == key).then_some("current"))}
                           current={current == key}>
                    { label }
                </QueryLink>
            </li>
        }
    };
    html! {
        <nav class="view-nav" aria-label={text::VIEW_NAV_LABEL}>
            <ul>
                { link("list", text::LIST_NAV, View::List) }
                { link("overview", text::OVERVIEW_TITLE, View::Overview) }
                { link("report", text::REPORT_NAV, View::Report { period: None, scope: Default::default() }) }
            </ul>
        </nav>
    }
}
