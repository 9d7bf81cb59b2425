//! The header's page links: task list, overview, report. The current page is marked with
//! `aria-current="page"`.

use luoshi::overview::Scope;
use luoshi::route::Page;
use yew::prelude::*;

use super::nav::{use_page, PageLink};
use super::text;

#[function_component(ViewNav)]
pub fn view_nav() -> Html {
    let current = match use_page() {
        Page::Task(_) => "",
        Page::List => "list",
        Page::Overview => "overview",
        Page::Report { .. } => "report",
    };
    let link = |key: &'static str, label: &'static str, to: Page| {
        html! {
            <li>
                <PageLink {to} class={classes!("view-link", (current == key).then_some("current"))}
                          current={current == key}>
                    { label }
                </PageLink>
            </li>
        }
    };
    html! {
        <nav class="view-nav" aria-label={text::VIEW_NAV_LABEL}>
            <ul>
                { link("list", text::LIST_NAV, Page::List) }
                { link("overview", text::OVERVIEW_TITLE, Page::Overview) }
                { link("report", text::REPORT_NAV, Page::Report { period: None, scope: Scope::All }) }
            </ul>
        </nav>
    }
}
