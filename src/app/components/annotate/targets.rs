//! Target actuals: one row per target (the parser's and hand-added ones) with its actual value and
//! completion worked out by the core; hide a wrong target, add a missed one.

use luoshi::ledger::{format_number, parse_number, Action, LedgerError, TargetRef, TargetView, UserTarget};
use luoshi::{Comparator, Task};
use yew::prelude::*;

use super::fields::{event_value, TextField};
use super::text;
use crate::app::ledger_state::use_ledger;

#[derive(Properties, PartialEq)]
pub struct TargetTableProps {
    pub task: Task,
}

/// `≥ 300 个`: the comparator as a sign (its words in the tooltip), then the figure and unit.
fn goal(view: &TargetView) -> String {
    let sign = match view.comparator {
        Comparator::AtLeast | Comparator::Reach => "≥",
        Comparator::AtMost => "≤",
        Comparator::About => "≈",
        Comparator::Exceed | Comparator::MoreThan => ">",
    };
    let mut figure = format_number(view.value);
    if let Some(max) = view.value_max {
        figure = format!("{figure}–{}", format_number(max));
    }
    format!("{sign} {figure}{}", view.unit.as_deref().unwrap_or(""))
}

fn target_key(target: TargetRef) -> String {
    match target {
        TargetRef::Parsed(index) => format!("p{index}"),
        TargetRef::Added(id) => format!("a{id}"),
    }
}

#[function_component(TargetTable)]
pub fn target_table(props: &TargetTableProps) -> Html {
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let task = props.task.number;
    let annotation = ledger.annotation(task);
    let views = annotation.target_views(&props.task.targets);
    let read_only = ledger.is_read_only();
    let heading_id = format!("task-{task}-targets-heading");

    let rows = views.iter().enumerate().map(|(position, view)| {
        let ordinal = position + 1;
        let target = view.target;
        let key = target_key(target);
        let commit = {
            let ledger = ledger.clone();
            Callback::from(move |typed: String| {
                ledger.apply(Action::SetActual { task, target, value: parse_number(&typed)? })
            })
        };
        let check = Callback::from(|typed: String| parse_number(&typed).map(|_| ()));
        let toggle = {
            let ledger = ledger.clone();
            let hidden = view.hidden;
            Callback::from(move |_: MouseEvent| {
                let action = if hidden {
                    Action::UnhideTarget { task, target }
                } else {
                    Action::HideTarget { task, target }
                };
                let _ = ledger.apply(action);
            })
        };
        let (state_class, state_text) = match (view.met, view.completion) {
            (Some(true), _) => ("met", text::TARGET_MET.to_string()),
            (Some(false), completion) => ("not-met", text::target_completion(false, completion.unwrap_or(0.0) * 100.0)),
            (None, _) => ("no-actual", text::TARGET_NO_ACTUAL.to_string()),
        };
        let actual = view.actual.map(format_number).unwrap_or_default();
        html! {
            <tr key={key.clone()} class={classes!("target-row", view.hidden.then_some("hidden-target"))}>
                <td class="target-text">
                    { format!("{ordinal}. {}", view.text) }
                    if matches!(target, TargetRef::Added(_)) {
                        <span class="target-note">{ text::TARGET_ADDED }</span>
                    }
                    if view.hidden {
                        <span class="target-note">{ text::TARGET_HIDDEN }</span>
                    }
                </td>
                <td class="target-goal" title={text::comparator_label(view.comparator)}>{ goal(view) }</td>
                <td class="target-actual">
                    if !view.hidden {
                        <TextField id={format!("task-{task}-actual-{key}")}
                            label={text::target_actual_label(ordinal, &view.text)} compact=true
                            value={actual} {commit} validate={check} inputmode="decimal" disabled={read_only} />
                    }
                </td>
                <td class={classes!("target-state", state_class)}>
                    if !view.hidden { { state_text } }
                </td>
                <td class="target-actions">
                    <button type="button" class="button small" onclick={toggle} disabled={read_only}
                        aria-label={if view.hidden { text::target_unhide_label(ordinal, &view.text) } else { text::target_hide_label(ordinal, &view.text) }}>
                        { if view.hidden { text::TARGET_UNHIDE } else { text::TARGET_HIDE } }
                    </button>
                </td>
            </tr>
        }
    });

    html! {
        <section class="targets-editor" aria-labelledby={heading_id.clone()}>
            <h4 id={heading_id}>{ text::TARGETS_HEADING }</h4>
            if views.is_empty() {
                <p class="none">{ text::NO_TARGETS }</p>
            } else {
                <table class="targets-table">
                    <thead>
                        <tr>
                            <th scope="col">{ text::TARGET }</th>
                            <th scope="col">{ text::TARGET_GOAL }</th>
                            <th scope="col">{ text::TARGET_ACTUAL }</th>
                            <th scope="col">{ text::TARGET_STATE }</th>
                            <th scope="col">{ text::TARGET_ACTIONS }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            if !read_only {
                <AddTargetForm {task} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AddTargetFormProps {
    task: luoshi::TaskNumber,
}

#[derive(Clone, Default, PartialEq)]
struct Draft {
    text: String,
    value: String,
    max: String,
    unit: String,
    comparator: usize,
}

impl Draft {
    fn target(&self) -> Result<UserTarget, LedgerError> {
        let value = parse_number(&self.value)?.ok_or(LedgerError::NotANumber)?;
        Ok(UserTarget {
            text: self.text.clone(),
            value,
            value_max: parse_number(&self.max)?,
            unit: Some(self.unit.clone()),
            comparator: text::COMPARATORS.get(self.comparator).copied().unwrap_or_default(),
        })
    }
}

/// Add a target the parser missed.
#[function_component(AddTargetForm)]
fn add_target_form(props: &AddTargetFormProps) -> Html {
    let draft = use_state_eq(Draft::default);
    let error = use_state_eq(|| None::<LedgerError>);
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let task = props.task;
    let id = |name: &str| format!("task-{task}-new-target-{name}");
    let setter = |update: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            update(&mut next, event_value(&event));
            draft.set(next);
        })
    };
    let onsubmit = {
        let (draft, error) = (draft.clone(), error.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let added = draft.target().and_then(|target| ledger.apply(Action::AddTarget { task, target }));
            match added {
                Ok(()) => {
                    draft.set(Draft::default());
                    error.set(None);
                }
                Err(problem) => error.set(Some(problem)),
            }
        })
    };
    let error_id = id("error");
    html! {
        <details class="add-target">
            <summary>{ text::ADD_TARGET }</summary>
            <form {onsubmit} aria-describedby={error.is_some().then(|| error_id.clone())}>
                <div class="field">
                    <label for={id("text")}>{ text::ADD_TARGET_TEXT }</label>
                    <input id={id("text")} type="text" value={draft.text.clone()}
                        placeholder={text::ADD_TARGET_TEXT_PLACEHOLDER}
                        onchange={setter(|d, v| d.text = v)} />
                </div>
                <div class="field">
                    <label for={id("comparator")}>{ text::ADD_TARGET_COMPARATOR }</label>
                    <select id={id("comparator")} onchange={setter(|d, v| d.comparator = v.parse().unwrap_or(0))}>
                        { for text::COMPARATORS.iter().enumerate().map(|(index, c)| html! {
                            <option value={index.to_string()} selected={index == draft.comparator}>
                                { text::comparator_label(*c) }
                            </option>
                        }) }
                    </select>
                </div>
                <div class="field short">
                    <label for={id("value")}>{ text::ADD_TARGET_VALUE }</label>
                    <input id={id("value")} type="text" inputmode="decimal" value={draft.value.clone()}
                        onchange={setter(|d, v| d.value = v)} />
                </div>
                <div class="field short">
                    <label for={id("max")}>{ text::ADD_TARGET_MAX }</label>
                    <input id={id("max")} type="text" inputmode="decimal" value={draft.max.clone()}
                        onchange={setter(|d, v| d.max = v)} />
                </div>
                <div class="field short">
                    <label for={id("unit")}>{ text::ADD_TARGET_UNIT }</label>
                    <input id={id("unit")} type="text" value={draft.unit.clone()}
                        onchange={setter(|d, v| d.unit = v)} />
                </div>
                <button type="submit" class="button">{ text::ADD_TARGET_SUBMIT }</button>
                if let Some(problem) = *error {
                    <p id={error_id} class="field-error" role="alert">{ problem.message() }</p>
                }
            </form>
        </details>
    }
}
