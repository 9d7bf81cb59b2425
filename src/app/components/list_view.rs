//! The task list view: asks the core's query index which tasks the URL's query selects, then lays
//! them out by section. The filter bar (issue 3) only has to edit the query.

use std::collections::BTreeSet;
use std::rc::Rc;

use luoshi::query::NoFacts;
use luoshi::{Document, TaskNumber};
use yew::prelude::*;

use super::SectionList;
use crate::app::route::{use_route, Link, Route};
use crate::app::{text, SharedIndex};

#[function_component(ListView)]
pub fn list_view() -> Html {
    let route = use_route();
    let (Some(document), Some(index)) =
        (use_context::<Rc<Document>>(), use_context::<SharedIndex>())
    else {
        return Html::default();
    };
    let shown: Rc<Vec<TaskNumber>> = Rc::new(index.0.filter(&route, &NoFacts, None));
    let all_units = Route {
        units: BTreeSet::new(),
        ..route.clone()
    };
    html! {
        <>
            if !route.units.is_empty() {
                <div class="filter-bar" role="status">
                    <h2 class="filter-heading">{ text::unit_filter_heading(&route.units) }</h2>
                    <span class="filter-count">{ text::unit_filter_count(route.role, shown.len()) }</span>
                    <Link to={all_units} class="button">{ text::CLEAR_UNIT_FILTER }</Link>
                </div>
            }
            <SectionList {document} {shown} />
        </>
    }
}
