//! A task's full text with its measurable targets marked (`<mark class="target">`).

use luoshi::{Target, Task};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TaskTextProps {
    pub task: Task,
}

/// Cut `text` into (piece, target index) runs. Target ranges come from the parser as byte offsets;
/// any that are empty, out of bounds, off a char boundary or overlapping an earlier one are shown
/// as plain text rather than trusted. Concatenating the pieces gives `text` back.
pub(crate) fn segments<'a>(text: &'a str, targets: &[Target]) -> Vec<(&'a str, Option<usize>)> {
    let mut ranges: Vec<(usize, usize, usize)> = targets
        .iter()
        .enumerate()
        .filter(|(_, target)| target.start < target.end && text.get(target.start..target.end).is_some())
        .map(|(index, target)| (target.start, target.end, index))
        .collect();
    ranges.sort_by_key(|&(start, end, _)| (start, end));
    let mut pieces = Vec::new();
    let mut position = 0;
    for (start, end, index) in ranges {
        if start < position {
            continue;
        }
        if let (Some(before), Some(marked)) = (text.get(position..start), text.get(start..end)) {
            if !before.is_empty() {
                pieces.push((before, None));
            }
            pieces.push((marked, Some(index)));
            position = end;
        }
    }
    if let Some(rest) = text.get(position..) {
        if !rest.is_empty() {
            pieces.push((rest, None));
        }
    }
    pieces
}

#[function_component(TaskText)]
pub fn task_text(props: &TaskTextProps) -> Html {
    let task = &props.task;
    html! {
        <p class="task-text">
            { for segments(&task.text, &task.targets).into_iter().enumerate().map(|(position, (piece, target))| {
                match target.and_then(|index| task.targets.get(index)) {
                    Some(target) => html! {
                        <mark key={position} class="target" title={target.text.clone()}>{ piece }</mark>
                    },
                    None => html! { <span key={position}>{ piece }</span> },
                }
            }) }
        </p>
    }
}
