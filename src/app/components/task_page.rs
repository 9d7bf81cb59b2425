//! One task on its own page (`?task=N`): full text with targets marked, units, previous/next.

use std::rc::Rc;

use luoshi::query::NoFacts;
use luoshi::{Document, TaskNumber};
use yew::prelude::*;

use super::annotate::{TaskEditor, TaskHistory};
use super::{TaskText, UnitLinks};
use crate::app::route::{use_route, with_task, Link};
use crate::app::{text, SharedIndex};

#[derive(Properties, PartialEq)]
pub struct TaskPageProps {
    pub number: TaskNumber,
}

#[function_component(TaskPage)]
pub fn task_page(props: &TaskPageProps) -> Html {
    let route = use_route();
    let heading = use_node_ref();
    {
        // Move focus to the new page's heading so keyboard and screen-reader users land on it.
        let heading = heading.clone();
        use_effect_with(props.number, move |_| {
            if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    let (Some(document), Some(index)) =
        (use_context::<Rc<Document>>(), use_context::<SharedIndex>())
    else {
        return Html::default();
    };
    let back = html! {
        <Link to={with_task(&route, None)} class="back-link">{ text::BACK_TO_LIST }</Link>
    };
    let Some(position) = document
        .tasks
        .iter()
        .position(|task| task.number == props.number)
    else {
        return html! {
            <section class="task-page not-found" role="alert">
                <nav class="task-nav">{ back }</nav>
                <h2 ref={heading} tabindex="-1">{ text::task_not_found(props.number) }</h2>
                <p>{ text::task_range_hint(
                    document.tasks.first().map(|task| task.number),
                    document.tasks.last().map(|task| task.number),
                    document.tasks.len(),
                ) }</p>
            </section>
        };
    };
    let task = &document.tasks[position];
    // Previous/next walk the list the reader came from (a filtered list keeps its filters in the
    // URL); a task outside that list falls back to document order.
    let listed = index.0.evaluate(&route, &NoFacts, None);
    let (previous, next) = if listed.contains(task.number) {
        listed.neighbours(task.number)
    } else {
        (
            position
                .checked_sub(1)
                .and_then(|at| document.tasks.get(at))
                .map(|t| t.number),
            document.tasks.get(position + 1).map(|t| t.number),
        )
    };
    let section = document.section(task.section);
    html! {
        <article class="task-page">
            <nav class="task-nav" aria-label={text::PAGER_LABEL}>
                { back }
                <span class="pager">
                    if let Some(previous) = previous {
                        <Link to={with_task(&route, Some(previous))} rel="prev" class="button">
                            { format!("‹ {} {}", text::PREVIOUS_TASK, previous) }
                        </Link>
                    }
                    if let Some(next) = next {
                        <Link to={with_task(&route, Some(next))} rel="next" class="button">
                            { format!("{} {} ›", text::NEXT_TASK, next) }
                        </Link>
                    }
                </span>
            </nav>
            <h2 class="task-heading" ref={heading} tabindex="-1">
                <span class="task-heading-number">{ text::task_label(task.number) }</span>
                { task.title.clone() }
            </h2>
            if let Some(section) = section {
                <p class="task-section-name">
                    { format!("{}：{}", text::SECTION_LABEL, text::section_heading(&section.numeral, &section.title)) }
                </p>
            }
            <TaskText task={task.clone()} />
            <dl class="task-units">
                <div>
                    <dt>{ text::COL_LEAD }</dt>
                    <dd><UnitLinks units={task.lead_units.clone()} /></dd>
                </div>
                <div>
                    <dt>{ text::COL_PARTICIPATING }</dt>
                    <dd><UnitLinks units={task.participating_units.clone()} /></dd>
                </div>
            </dl>
            <section class="task-targets">
                <h3>{ format!("{}（{}）", text::TARGETS_HEADING, task.targets.len()) }</h3>
                if task.targets.is_empty() {
                    <p class="none">{ text::NO_TARGETS }</p>
                } else {
                    <ol>
                        { for task.targets.iter().enumerate().map(|(index, target)| html! {
                            <li key={index}>{ target.text.clone() }</li>
                        }) }
                    </ol>
                }
            </section>
            <TaskEditor key={task.number} task={task.clone()} />
            <TaskHistory task={task.number} />
        </article>
    }
}
