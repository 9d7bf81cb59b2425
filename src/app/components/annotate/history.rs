//! A task's history: who changed which field when, old → new, newest first.

use luoshi::ledger::text::field_label;
use luoshi::TaskNumber;
use yew::prelude::*;

use super::text;
use crate::app::clock;
use crate::app::ledger_state::use_ledger;

#[derive(Properties, PartialEq)]
pub struct TaskHistoryProps {
    pub task: TaskNumber,
}

/// A value in a history line; an empty one is shown as （空） and styled apart (not struck out).
fn shown(value: &str, class: &'static str) -> Html {
    if value.is_empty() {
        html! { <span class={classes!(class, "empty-value")}>{ text::EMPTY_VALUE }</span> }
    } else {
        html! { <span class={class}>{ value.to_string() }</span> }
    }
}

#[function_component(TaskHistory)]
pub fn task_history(props: &TaskHistoryProps) -> Html {
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let annotation = ledger.annotation(props.task);
    let history = &annotation.history;
    let heading_id = format!("task-{}-history", props.task);
    html! {
        <section class="history" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ text::history_count(history.len()) }</h3>
            if history.is_empty() {
                <p class="none">{ text::HISTORY_EMPTY }</p>
            } else {
                <ol class="history-list" reversed=true>
                    { for history.iter().enumerate().rev().map(|(index, change)| html! {
                        <li key={index} class="history-entry">
                            <span class="history-who">{ text::who_label(&change.who.name, &change.who.unit) }</span>
                            <time class="history-when" datetime={change.at.clone()}>{ clock::date_and_minute(&change.at) }</time>
                            <span class="history-field">{ field_label(&change.field) }</span>
                            <span class="history-change">
                                { shown(&change.old, "history-old") }
                                { " → " }
                                { shown(&change.new, "history-new") }
                            </span>
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
