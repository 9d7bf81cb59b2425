//! The matching tasks: under their sections (document order) or, for the status and update
//! sorts, as one table in the sort's order. Only the first `limit` rows are rendered.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use luoshi::{Document, Section, TaskNumber};
use yew::prelude::*;

use super::task_row::{row_terms, SearchTerms, TaskRef};
use super::TaskRow;
use crate::app::text;
use crate::app::RowControlsReady;

/// The document by pointer: comparing a 10,000-task document field by field on every render
/// would cost more than the render.
#[derive(Clone)]
pub struct DocumentRef(pub Rc<Document>);

impl PartialEq for DocumentRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct SectionListProps {
    pub document: DocumentRef,
    /// The tasks to show (a filter's result, in its order); sections without tasks are not shown.
    pub shown: Rc<Vec<TaskNumber>>,
    /// Under section headings in document order (true), or flat in `shown`'s order.
    #[prop_or(true)]
    pub grouped: bool,
    /// Render at most this many rows.
    #[prop_or(usize::MAX)]
    pub limit: usize,
    /// Search terms to highlight.
    #[prop_or_default]
    pub terms: Rc<Vec<String>>,
}

/// One table: its section (None: tasks whose section the document does not list, or the flat
/// list), how many tasks match in it, and the rows to render (positions in `document.tasks`).
struct Group<'a> {
    section: Option<&'a Section>,
    matching: usize,
    rows: Vec<usize>,
}

/// Tasks grouped under their sections, in document order; tasks whose section the document does
/// not list (or a document without sections) come last, under no heading.
fn grouped<'a>(document: &'a Document, shown: &[TaskNumber], limit: usize) -> Vec<Group<'a>> {
    let shown: HashSet<TaskNumber> = shown.iter().copied().collect();
    let mut groups: Vec<Group<'a>> = document
        .sections
        .iter()
        .map(|section| Group {
            section: Some(section),
            matching: 0,
            rows: Vec::new(),
        })
        .collect();
    let slot: HashMap<u32, usize> = document
        .sections
        .iter()
        .enumerate()
        .map(|(at, section)| (section.number, at))
        .collect();
    groups.push(Group {
        section: None,
        matching: 0,
        rows: Vec::new(),
    });
    let unlisted = groups.len() - 1;
    // Walk sections in document order so the row budget goes to the first sections shown.
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (position, task) in document
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, task)| shown.contains(&task.number))
    {
        let at = slot.get(&task.section).copied().unwrap_or(unlisted);
        by_group[at].push(position);
    }
    let mut budget = limit;
    for (group, tasks) in groups.iter_mut().zip(by_group) {
        group.matching = tasks.len();
        let take = tasks.len().min(budget);
        budget -= take;
        group.rows = tasks.into_iter().take(take).collect();
    }
    groups.retain(|group| !group.rows.is_empty());
    groups
}

/// One table in the order given.
fn flat<'a>(document: &'a Document, shown: &[TaskNumber], limit: usize) -> Vec<Group<'a>> {
    let wanted: HashSet<TaskNumber> = shown.iter().take(limit).copied().collect();
    let by_number: HashMap<TaskNumber, usize> = document
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, task)| wanted.contains(&task.number))
        .map(|(position, task)| (task.number, position))
        .collect();
    let rows: Vec<usize> = shown
        .iter()
        .take(limit)
        .filter_map(|number| by_number.get(number).copied())
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![Group {
        section: None,
        matching: shown.len(),
        rows,
    }]
}

#[function_component(SectionList)]
pub fn section_list(props: &SectionListProps) -> Html {
    let groups = if props.grouped {
        grouped(&props.document.0, &props.shown, props.limit)
    } else {
        flat(&props.document.0, &props.shown, props.limit)
    };
    // Rows past this many (in the list's order) wait for their controls (the app's start-up).
    let ready = use_context::<RowControlsReady>().unwrap_or_default().0;
    if groups.is_empty() {
        return html! { <p class="empty">{ text::NO_TASKS }</p> };
    }
    let document = &props.document.0;
    let row = |(at, position): (usize, usize)| -> Html {
        let Some(task) = document.tasks.get(position) else {
            return Html::default();
        };
        // Rows get only what they show, so one whose content is unchanged skips its render.
        html! {
            <TaskRow key={task.number} task={TaskRef::new(document.clone(), position)}
                     terms={row_terms(task, &props.terms)} controls={at < ready} />
        }
    };
    html! {
        <ContextProvider<SearchTerms> context={SearchTerms(props.terms.clone())}>
        <div class="section-list">
            { for groups.into_iter().scan(0, |first, group| {
                // The group's rows with their places in the whole list.
                let rows: Vec<(usize, usize)> = (*first..).zip(group.rows.iter().copied()).collect();
                *first += rows.len();
                Some((group, rows))
            }).map(|(group, rows)| {
                let key = group.section.map_or(0, |s| s.number);
                let heading_id = format!("section-{key}");
                // Only point at a heading that exists.
                let labelled_by = group.section.map(|_| heading_id.clone());
                html! {
                    <section key={key} class="task-section" aria-labelledby={labelled_by.clone()}
                             aria-label={group.section.is_none().then_some(text::COL_TASK)}>
                        if let Some(section) = group.section {
                            <h2 id={heading_id.clone()} class="section-heading">
                                { text::section_heading(&section.numeral, &section.title) }
                                <span class="section-count">{ text::section_task_count(group.matching) }</span>
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
                                { for rows.into_iter().map(&row) }
                            </tbody>
                        </table>
                    </section>
                }
            }) }
        </div>
        </ContextProvider<SearchTerms>>
    }
}
