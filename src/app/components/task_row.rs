//! One task as a table row (a card on narrow screens); the full text opens in place. Search hits
//! are marked in the title, the units and the text.

use std::rc::Rc;

use luoshi::query::highlight;
use luoshi::Task;
use yew::prelude::*;

use super::annotate::RowControls;
use super::TaskText;
use crate::app::route::{use_route, with_task, Link};
use crate::app::text;

#[derive(Properties, PartialEq)]
pub struct TaskRowProps {
    pub task: Task,
    /// Search terms to mark (none by default).
    #[prop_or_default]
    pub terms: Rc<Vec<String>>,
}

/// `text` with the search hits in `<mark class="hit">`.
pub fn highlighted(text: &str, terms: &[String]) -> Html {
    if terms.is_empty() {
        return html! { { text.to_string() } };
    }
    html! {
        { for highlight(text, terms).into_iter().map(|segment| if segment.matched {
            html! { <mark class="hit">{ segment.text }</mark> }
        } else {
            html! { { segment.text } }
        }) }
    }
}

fn unit_list(units: &[String], terms: &[String]) -> Html {
    if units.is_empty() {
        return html! { { text::NOT_GIVEN } };
    }
    html! {
        { for units.iter().enumerate().map(|(at, unit)| html! {
            <>
                if at > 0 { { text::UNIT_SEPARATOR } }
                { highlighted(unit, terms) }
            </>
        }) }
    }
}

#[function_component(TaskRow)]
pub fn task_row(props: &TaskRowProps) -> Html {
    let route = use_route();
    // The full text is rendered only once the row is opened: a list re-renders every row on each
    // keystroke, and the hidden texts would be most of that work.
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            if let Some(details) = event.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(details.open());
            }
        })
    };
    let task = &props.task;
    let terms = props.terms.as_slice();
    let page = with_task(&route, Some(task.number));
    html! {
        <tr class="task-row" id={format!("task-{}", task.number)}>
            <td class="col-number">
                <Link to={page.clone()} class="task-number"
                      label={AttrValue::from(text::open_task_label(task.number, &task.title))}>
                    { crate::app::documents::task_label(task) }
                </Link>
            </td>
            <td class="col-task">
                <details class="task-details" {ontoggle}>
                    <summary class="task-title">{ highlighted(&task.title, terms) }</summary>
                    if *open {
                        <TaskText task={task.clone()} terms={props.terms.clone()} />
                        <Link to={page} class="task-open">{ text::OPEN_TASK_PAGE }</Link>
                    }
                </details>
                <RowControls task={task.number} />
            </td>
            <td class="col-units col-lead" data-label={text::COL_LEAD}>{ unit_list(&task.lead_units, terms) }</td>
            <td class="col-units col-join" data-label={text::COL_PARTICIPATING}>{ unit_list(&task.participating_units, terms) }</td>
            <td class="col-count" data-label={text::COL_TARGETS}>{ text::target_count(task.targets.len()) }</td>
        </tr>
    }
}
