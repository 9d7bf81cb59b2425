//! One task on its own page (`?task=N`): full text with targets marked, units, previous/next.

use std::rc::Rc;

use luoshi::{Document, TaskNumber};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::annotate::{TaskEditor, TaskHistory};
use super::filters::keys::is_for_a_field;
use super::filters::use_evaluation;
use super::task_row::highlighted;
use super::{TaskText, UnitLinks};
use crate::app::route::{use_navigator, use_route, with_task, Link, Navigator, Route};
use crate::app::text;

/// j/→ next, k/← previous, Esc back to the list (targets already resolved for this page).
#[hook]
fn use_task_keys(
    navigator: Option<Navigator>,
    back: Route,
    previous: Option<Route>,
    next: Option<Route>,
) {
    use_effect_with((back, previous, next), move |(back, previous, next)| {
        let (back, previous, next) = (back.clone(), previous.clone(), next.clone());
        let listener = gloo::events::EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |event| {
                let (Some(event), Some(navigator)) =
                    (event.dyn_ref::<KeyboardEvent>(), navigator.as_ref())
                else {
                    return;
                };
                if is_for_a_field(event) {
                    return;
                }
                let to = match event.key().as_str() {
                    "j" | "ArrowRight" => next.clone(),
                    "k" | "ArrowLeft" => previous.clone(),
                    "Escape" => Some(back.clone()),
                    _ => None,
                };
                if let Some(to) = to {
                    event.prevent_default();
                    navigator.push(to);
                }
            },
        );
        move || drop(listener)
    });
}

#[derive(Properties, PartialEq)]
pub struct TaskPageProps {
    pub number: TaskNumber,
}

#[function_component(TaskPage)]
pub fn task_page(props: &TaskPageProps) -> Html {
    let route = use_route();
    let navigator = use_navigator();
    let listed = use_evaluation();
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
    let document = use_context::<Rc<Document>>();
    let position = document.as_ref().and_then(|document| {
        document
            .tasks
            .iter()
            .position(|task| task.number == props.number)
    });
    // Previous/next walk the list the reader came from (a filtered list keeps its filters in the
    // URL); a task outside that list falls back to document order.
    let (previous, next) = match (&document, position) {
        (Some(_), Some(_)) if listed.contains(props.number) => listed.neighbours(props.number),
        (Some(document), Some(position)) => (
            position
                .checked_sub(1)
                .and_then(|at| document.tasks.get(at))
                .map(|t| t.number),
            document.tasks.get(position + 1).map(|t| t.number),
        ),
        _ => (None, None),
    };
    use_task_keys(
        navigator,
        with_task(&route, None),
        previous.map(|n| with_task(&route, Some(n))),
        next.map(|n| with_task(&route, Some(n))),
    );
    let Some(document) = document else {
        return Html::default();
    };
    let back = html! {
        <Link to={with_task(&route, None)} class="back-link">{ text::BACK_TO_LIST }</Link>
    };
    let Some(position) = position else {
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
    let terms = Rc::new(listed.terms.clone());
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
                { highlighted(&task.title, &terms) }
            </h2>
            if let Some(section) = section {
                <p class="task-section-name">
                    { format!("{}：{}", text::SECTION_LABEL, text::section_heading(&section.numeral, &section.title)) }
                </p>
            }
            <TaskText task={task.clone()} terms={terms.clone()} />
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
            <TaskEditor key={task.number} task={task.clone()} />
            <TaskHistory task={task.number} />
            <p class="keyboard-hint">{ text::TASK_KEYBOARD_HINT }</p>
        </article>
    }
}
