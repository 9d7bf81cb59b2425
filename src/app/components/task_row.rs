//! One task as a table row (a card on narrow screens); the full text opens in place.

use luoshi::Task;
use yew::prelude::*;

use super::annotate::RowControls;
use super::TaskText;
use crate::app::route::{use_route, with_task, Link};
use crate::app::text;

#[derive(Properties, PartialEq)]
pub struct TaskRowProps {
    pub task: Task,
}

fn unit_list(units: &[String]) -> String {
    if units.is_empty() {
        text::NOT_GIVEN.to_string()
    } else {
        units.join(text::UNIT_SEPARATOR)
    }
}

#[function_component(TaskRow)]
pub fn task_row(props: &TaskRowProps) -> Html {
    let route = use_route();
    let task = &props.task;
    let page = with_task(&route, Some(task.number));
    html! {
        <tr class="task-row" id={format!("task-{}", task.number)}>
            <td class="col-number">
                <Link to={page.clone()} class="task-number"
                      label={AttrValue::from(text::open_task_label(task.number, &task.title))}>
                    { task.number }
                </Link>
            </td>
            <td class="col-task">
                <details class="task-details">
                    <summary class="task-title">{ task.title.clone() }</summary>
                    <TaskText task={task.clone()} />
                    <Link to={page} class="task-open">{ text::OPEN_TASK_PAGE }</Link>
                </details>
                <RowControls task={task.number} />
            </td>
            <td class="col-units col-lead" data-label={text::COL_LEAD}>{ unit_list(&task.lead_units) }</td>
            <td class="col-units col-join" data-label={text::COL_PARTICIPATING}>{ unit_list(&task.participating_units) }</td>
            <td class="col-count" data-label={text::COL_TARGETS}>{ text::target_count(task.targets.len()) }</td>
        </tr>
    }
}
