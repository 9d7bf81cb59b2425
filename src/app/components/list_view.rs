//! The task list view: decides which tasks the URL asks for, then lays them out by section.
//! Filters (issue 3) plug in here: they only change which task numbers are shown.

use std::rc::Rc;

use luoshi::{Document, TaskNumber};
use yew::prelude::*;

use super::SectionList;
use crate::app::route::{use_route, Link};
use crate::app::text;

#[function_component(ListView)]
pub fn list_view() -> Html {
    let route = use_route();
    let Some(document) = use_context::<Rc<Document>>() else {
        return Html::default();
    };
    let shown: Rc<Vec<TaskNumber>> = Rc::new(match &route.unit {
        Some(unit) => document
            .tasks
            .iter()
            .filter(|task| task.all_units().any(|name| name == unit))
            .map(|task| task.number)
            .collect(),
        None => document.tasks.iter().map(|task| task.number).collect(),
    });
    html! {
        <>
            if let Some(unit) = &route.unit {
                <div class="filter-bar" role="status">
                    <h2 class="filter-heading">{ text::unit_filter_heading(unit) }</h2>
                    <span class="filter-count">{ text::unit_filter_count(shown.len()) }</span>
                    <Link to={route.without_unit()} class="button">{ text::CLEAR_UNIT_FILTER }</Link>
                </div>
            }
            <SectionList {document} {shown} />
        </>
    }
}
