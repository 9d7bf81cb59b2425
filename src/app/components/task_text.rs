//! A task's full text with its measurable targets marked (`<mark class="target">`) and, when a
//! search is active, the matched terms marked too (`<mark class="hit">`).

use std::rc::Rc;

use luoshi::query::mark;
use luoshi::Task;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TaskTextProps {
    pub task: Task,
    /// Search terms to mark (none by default).
    #[prop_or_default]
    pub terms: Rc<Vec<String>>,
}

#[function_component(TaskText)]
pub fn task_text(props: &TaskTextProps) -> Html {
    let task = &props.task;
    // `mark` ignores target ranges it cannot trust (out of bounds, inside a character, overlapping).
    let segments = mark(&task.text, &task.targets, &props.terms);
    html! {
        <p class="task-text">
            { for segments.into_iter().enumerate().map(|(position, segment)| {
                let classes = classes!(
                    segment.target.is_some().then_some("target"),
                    segment.matched.then_some("hit"),
                );
                let title = segment.target.and_then(|index| task.targets.get(index)).map(|target| target.text.clone());
                if classes.is_empty() {
                    html! { <span key={position}>{ segment.text }</span> }
                } else {
                    html! { <mark key={position} class={classes} {title}>{ segment.text }</mark> }
                }
            }) }
        </p>
    }
}
