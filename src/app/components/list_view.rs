//! The task list view: the toolbar and facets edit the URL's query; the core's evaluation says
//! which tasks match; the list shows the first page of them.

use std::rc::Rc;

use luoshi::query::{Query, Sort};
use luoshi::{Document, TaskNumber};
use yew::prelude::*;

use super::filters::{keys::use_list_keys, use_evaluation, ActiveFilters, FacetPanel, Toolbar};
use super::section_list::DocumentRef;
use super::unit_page::UnitPanel;
use super::SectionList;
use crate::app::route::{use_navigator, use_route};
use crate::app::text;

/// Rows rendered at once: a 10,000-task document stays quick to filter because only this many
/// rows are ever in the DOM; "显示更多" adds another page.
pub const PAGE_SIZE: usize = 100;

#[function_component(ListView)]
pub fn list_view() -> Html {
    let route = use_route();
    let navigator = use_navigator();
    let evaluation = use_evaluation();
    let search_ref = use_node_ref();
    use_list_keys(search_ref.clone());
    // How many rows to show, for which query: a new query starts again at one page.
    let page = use_state(|| (String::new(), PAGE_SIZE));
    let filters_open = use_state(|| false);
    let Some(document) = use_context::<Rc<Document>>() else {
        return Html::default();
    };

    let query_key = route.query.to_query_string();
    let limit = if page.0 == query_key {
        page.1
    } else {
        PAGE_SIZE
    };
    let shown: Rc<Vec<TaskNumber>> = Rc::new(evaluation.tasks.clone());
    let terms = Rc::new(evaluation.terms.clone());
    let remaining = shown.len().saturating_sub(limit);
    let show_more = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set((query_key.clone(), limit + PAGE_SIZE)))
    };
    let clear = {
        let route = route.clone();
        Callback::from(move |_: MouseEvent| {
            let cleared = route.list_with(Query::clear_filters);
            if let Some(navigator) = &navigator {
                navigator.push_keeping_scroll(cleared);
            }
        })
    };
    let toggle_filters = {
        let filters_open = filters_open.clone();
        Callback::from(move |_: MouseEvent| filters_open.set(!*filters_open))
    };
    let single_unit = (route.query.units.len() == 1)
        .then(|| route.query.units.iter().next().cloned())
        .flatten();
    let grouped = matches!(route.query.sort, Sort::Number | Sort::Section);

    html! {
        <div class={classes!("find", filters_open.then_some("filters-open"))}>
            <button type="button" class="button filters-toggle" aria-expanded={filters_open.to_string()}
                    aria-controls="find-filters" onclick={toggle_filters}>
                { format!("{}（{}）", text::FILTERS_LABEL, route.query.active_filter_count()) }
            </button>
            <aside id="find-filters" class="find-filters" aria-label={text::FILTERS_LABEL}>
                <FacetPanel evaluation={evaluation.clone()} />
            </aside>
            <div class="find-results">
                <Toolbar evaluation={evaluation.clone()} search_ref={search_ref} />
                <ActiveFilters evaluation={evaluation.clone()} />
                if let Some(unit) = single_unit {
                    <UnitPanel {unit} role={route.query.role} />
                }
                if shown.is_empty() {
                    <div class="no-match" role="status">
                        <p class="no-match-title">{ text::NO_MATCH }</p>
                        <p>{ text::NO_MATCH_HINT }</p>
                        if route.query.active_filter_count() > 0 {
                            <button type="button" class="button" onclick={clear}>{ text::CLEAR_FILTERS }</button>
                        }
                    </div>
                } else {
                    <SectionList document={DocumentRef(document)} shown={shown.clone()} {grouped} {limit} {terms} />
                    if remaining > 0 {
                        <p class="show-more">
                            <button type="button" class="button" onclick={show_more}>{ text::show_more(remaining) }</button>
                        </p>
                    }
                }
                <p class="keyboard-hint">{ text::KEYBOARD_HINT }</p>
            </div>
        </div>
    }
}
