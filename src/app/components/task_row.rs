//! One task as a table row (a card on narrow screens); the full text opens in place. Search hits
//! are marked in the title, the units and the text.

use std::rc::Rc;

use luoshi::query::highlight;
use luoshi::{Document, Task};
use yew::prelude::*;

use super::annotate::RowControls;
use super::TaskText;
use crate::app::route::TaskLink;
use crate::app::text;

/// One task of a shared document, compared by the document's pointer and the task's position:
/// equal props let Yew skip a row's render, and comparing (or cloning) whole tasks for a page of
/// rows on every keystroke would cost more than that saves.
#[derive(Clone)]
pub struct TaskRef {
    document: Rc<Document>,
    at: usize,
}

impl TaskRef {
    /// The task at position `at` of `document.tasks`.
    pub fn new(document: Rc<Document>, at: usize) -> Self {
        TaskRef { document, at }
    }

    pub fn get(&self) -> Option<&Task> {
        self.document.tasks.get(self.at)
    }
}

impl PartialEq for TaskRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.document, &other.document) && self.at == other.at
    }
}

/// The search terms of the list, for a row's full text: only an opened row reads them, so typing
/// re-renders no closed row through this context.
#[derive(Clone, PartialEq, Default)]
pub struct SearchTerms(pub Rc<Vec<String>>);

/// The terms that mark something in the row itself (title or units): the row's props, so a row
/// re-renders while the reader types only when its own marks change.
pub fn row_terms(task: &Task, terms: &[String]) -> Rc<Vec<String>> {
    let marks = |text: &str, term: &String| {
        highlight(text, std::slice::from_ref(term))
            .iter()
            .any(|segment| segment.matched)
    };
    Rc::new(
        terms
            .iter()
            .filter(|term| {
                marks(&task.title, term)
                    || task
                        .lead_units
                        .iter()
                        .chain(&task.participating_units)
                        .any(|unit| marks(unit, term))
            })
            .cloned()
            .collect(),
    )
}

#[derive(Properties, PartialEq)]
pub struct TaskRowProps {
    pub task: TaskRef,
    /// Search terms to mark in the title and units (none by default); see [`row_terms`]. The
    /// opened full text marks the [`SearchTerms`] of the context.
    #[prop_or_default]
    pub terms: Rc<Vec<String>>,
    /// The row's ledger controls are in (false: an empty box in their place, for now; see
    /// `crate::app::RowControlsReady`).
    #[prop_or(true)]
    pub controls: bool,
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

/// An opened row's full text, marked with the list's search terms.
#[derive(Properties, PartialEq)]
struct RowTextProps {
    task: TaskRef,
}

#[function_component(RowText)]
fn row_text(props: &RowTextProps) -> Html {
    let terms = use_context::<SearchTerms>().unwrap_or_default();
    let Some(task) = props.task.get() else {
        return Html::default();
    };
    html! { <TaskText task={task.clone()} terms={terms.0} /> }
}

#[function_component(TaskRow)]
pub fn task_row(props: &TaskRowProps) -> Html {
    // The full text is rendered only once the row is opened: the hidden texts of a page of rows
    // would be most of the list's work.
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        use_callback((), move |event: Event, _| {
            if let Some(details) = event.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(details.open());
            }
        })
    };
    let Some(task) = props.task.get() else {
        return Html::default();
    };
    let terms = props.terms.as_slice();
    html! {
        <tr class="task-row" id={format!("task-{}", task.number)}>
            <td class="col-number">
                <TaskLink task={task.number} class="task-number"
                      label={AttrValue::from(text::open_task_label(task.number, &task.title))}>
                    { task.printed_number() }
                </TaskLink>
            </td>
            <td class="col-task">
                <details class="task-details" {ontoggle}>
                    <summary class="task-title">{ highlighted(&task.title, terms) }</summary>
                    if *open {
                        <RowText task={props.task.clone()} />
                        <TaskLink task={task.number} class="task-open">{ text::OPEN_TASK_PAGE }</TaskLink>
                    }
                </details>
                <RowControls task={task.number} deferred={!props.controls} />
            </td>
            <td class="col-units col-lead" data-label={text::COL_LEAD}>{ unit_list(&task.lead_units, terms) }</td>
            <td class="col-units col-join" data-label={text::COL_PARTICIPATING}>{ unit_list(&task.participating_units, terms) }</td>
            <td class="col-count" data-label={text::COL_TARGETS}>{ text::target_count(task.targets.len()) }</td>
        </tr>
    }
}
