//! The targets summary (with the missed targets) and the watch lists, each item linked to its
//! task page and each list to the task list filtered the same way.

use luoshi::overview::{RecentChange, TargetsSummary, WatchItem, WatchList};
use luoshi::period::Period;
use luoshi::query::Query;
use luoshi::route::Page;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::chart::bar_chart;
use super::nav::{PageLink, QueryLink};
use super::text;

/// The targets chart and the missed targets (plain functions here and in `watch_panel`: no state,
/// and a component costs its own copy of yew's lifecycle code in the wasm, issue 19).
pub fn targets_panel(targets: &TargetsSummary) -> Html {
    html! {
        <>
            { bar_chart(&targets.chart, "targets") }
            <h4>{ text::list_heading_units(text::MISSED_HEADING, targets.missed.len()) }</h4>
            if targets.missed.is_empty() {
                <p class="muted">{ text::NO_MISSED }</p>
            } else {
                <div class="table-scroll">
                    <table class="ov-table missed">
                        <thead>
                            <tr>
                                <th scope="col">{ text::COL_TASK }</th>
                                <th scope="col">{ text::COL_TARGET }</th>
                                <th scope="col" class="num">{ text::COL_FIGURE }</th>
                                <th scope="col" class="num">{ text::COL_ACTUAL }</th>
                                <th scope="col" class="num">{ text::COL_COMPLETION }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for targets.missed.iter().map(|missed| html! {
                                <tr>
                                    <td>
                                        <PageLink to={Page::Task(missed.task)}>
                                            { format!("{}. {}", missed.task, missed.task_title) }
                                        </PageLink>
                                    </td>
                                    <td>{ missed.text.clone() }</td>
                                    <td class="num">{ missed.figure() }</td>
                                    <td class="num">{ missed.actual_text() }</td>
                                    <td class="num">{ text::percent(missed.completion) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </>
    }
}

fn item_row(item: &WatchItem) -> Html {
    html! {
        <li key={item.task} class="watch-item">
            <PageLink to={Page::Task(item.task)} class="watch-task">
                { format!("{}. {}", item.task, item.title) }
            </PageLink>
            <span class={classes!("light-tag", format!("ov-tag-{}", item.light.key()))}>{ item.light.label() }</span>
            <span class="watch-meta">{ format!("{} · {}% · {}", item.status, item.progress, item.gap_text) }</span>
            if item.supervised {
                <span class="supervised-tag">{ text::SUPERVISED_MARK }</span>
            }
            if !item.lead_units.is_empty() {
                <span class="watch-units">{ item.lead_units.join("、") }</span>
            }
        </li>
    }
}

/// A titled watch list.
fn watch_block(id: &'static str, title: &str, items: &[WatchItem], query: Query) -> Html {
    html! {
        <section class="watch-block" data-watch={id}>
            <h4>{ text::list_heading(title, items.len()) }</h4>
            if items.is_empty() {
                <p class="muted">{ text::WATCH_NONE }</p>
            } else {
                <>
                    <ul class="watch-list">{ for items.iter().map(item_row) }</ul>
                    <p><QueryLink to={query} class="button">{ text::SHOW_IN_LIST }</QueryLink></p>
                </>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CollapsedProps {
    id: &'static str,
    title: &'static str,
    items: Vec<WatchItem>,
    query: Query,
}

/// A long watch list (most tasks early in a period) behind a disclosure whose items are only
/// built once it is opened, so the overview stays as light as the list.
#[function_component(CollapsedWatch)]
fn collapsed_watch(props: &CollapsedProps) -> Html {
    let opened = use_state(|| false);
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |event: Event| {
            let open = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|details| details.has_attribute("open"));
            opened.set(open);
        })
    };
    html! {
        <section class="watch-block" data-watch={props.id}>
            <h4>{ text::list_heading(props.title, props.items.len()) }</h4>
            if props.items.is_empty() {
                <p class="muted">{ text::WATCH_NONE }</p>
            } else {
                <>
                    <details {ontoggle}>
                        <summary>{ text::SHOW_ITEMS }</summary>
                        if *opened {
                            <ul class="watch-list">{ for props.items.iter().map(item_row) }</ul>
                        }
                    </details>
                    <p><QueryLink to={props.query.clone()} class="button">{ text::SHOW_IN_LIST }</QueryLink></p>
                </>
            }
        </section>
    }
}

fn recent_row(change: &RecentChange) -> Html {
    html! {
        <li class="watch-item">
            <PageLink to={Page::Task(change.task)} class="watch-task">
                { format!("{}. {}", change.task, change.title) }
            </PageLink>
            <span class="watch-meta">{ change.description.clone() }</span>
            <span class="watch-units">
                { change.at.get(..16).unwrap_or(&change.at).replace('T', " ") }
                if !change.who.is_empty() { { format!(" · {}", change.who) } }
            </span>
        </li>
    }
}

/// The watch lists of `period`.
pub fn watch_panel(watch: &WatchList, period: Period) -> Html {
    html! {
        <div class="watch-grid">
            { watch_block("red", text::WATCH_RED, &watch.red, WatchList::red_query()) }
            { watch_block("supervised", text::WATCH_SUPERVISED, &watch.supervised, WatchList::supervised_query()) }
            <CollapsedWatch id="unreported" title={text::WATCH_UNREPORTED} items={watch.unreported.clone()}
                            query={WatchList::unreported_query(period)} />
            <section class="watch-block" data-watch="recent">
                <h4>{ text::WATCH_RECENT }</h4>
                if watch.recent_tasks.is_empty() {
                    <p class="muted">{ text::WATCH_NONE }</p>
                } else {
                    <ul class="watch-list">{ for watch.recent_tasks.iter().map(recent_row) }</ul>
                }
            </section>
        </div>
    }
}
