//! The sections, each with a table of its tasks.

use std::collections::HashSet;
use std::rc::Rc;

use luoshi::{Document, Section, Task, TaskNumber};
use yew::prelude::*;

use super::TaskRow;
use crate::app::text;

#[derive(Properties, PartialEq)]
pub struct SectionListProps {
    pub document: Rc<Document>,
    /// The tasks to show (a filter's result); sections left without tasks are not shown.
    pub shown: Rc<Vec<TaskNumber>>,
}

/// Tasks grouped under their sections, in document order; tasks whose section the document does
/// not list (or a document without sections) come last, under no heading.
fn groups<'a>(
    document: &'a Document,
    shown: &[TaskNumber],
) -> Vec<(Option<&'a Section>, Vec<&'a Task>)> {
    let shown: HashSet<TaskNumber> = shown.iter().copied().collect();
    let tasks_in = |section: Option<u32>| -> Vec<&'a Task> {
        document
            .tasks
            .iter()
            .filter(|task| shown.contains(&task.number))
            .filter(|task| match section {
                Some(number) => task.section == number,
                None => document.section(task.section).is_none(),
            })
            .collect()
    };
    let mut groups: Vec<_> = document
        .sections
        .iter()
        .map(|section| (Some(section), tasks_in(Some(section.number))))
        .collect();
    groups.push((None, tasks_in(None)));
    groups.retain(|(_, tasks)| !tasks.is_empty());
    groups
}

#[function_component(SectionList)]
pub fn section_list(props: &SectionListProps) -> Html {
    let groups = groups(&props.document, &props.shown);
    if groups.is_empty() {
        return html! { <p class="empty">{ text::NO_TASKS }</p> };
    }
    html! {
        <div class="section-list">
            { for groups.into_iter().map(|(section, tasks)| {
                let key = section.map_or(0, |s| s.number);
                let heading_id = format!("section-{key}");
                // Only point at a heading that exists.
                let labelled_by = section.map(|_| heading_id.clone());
                html! {
                    <section key={key} class="task-section" aria-labelledby={labelled_by.clone()}>
                        if let Some(section) = section {
                            <h2 id={heading_id.clone()} class="section-heading">
                                { text::section_heading(&section.numeral, &section.title) }
                                <span class="section-count">{ text::section_task_count(tasks.len()) }</span>
                            </h2>
                        }
                        <table class="task-table" aria-labelledby={labelled_by}>
                            <thead>
                                <tr>
                                    <th scope="col" class="col-number">{ text::COL_NUMBER }</th>
                                    <th scope="col" class="col-task">{ text::COL_TASK }</th>
                                    <th scope="col" class="col-units col-lead">{ text::COL_LEAD }</th>
                                    <th scope="col" class="col-units col-join">{ text::COL_PARTICIPATING }</th>
                                    <th scope="col" class="col-count">{ text::COL_TARGETS }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for tasks.into_iter().map(|task| html! {
                                    <TaskRow key={task.number} task={task.clone()} />
                                }) }
                            </tbody>
                        </table>
                    </section>
                }
            }) }
        </div>
    }
}
