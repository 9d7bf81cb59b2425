//! Target actuals: one row per target (the parser's and hand-added ones) with its actual value and
//! completion worked out by the core; hide a wrong target, add a missed one.

use luoshi::ledger::{
    format_number, parse_number, Action, LedgerError, TargetRef, TargetView, UserTarget,
};
use luoshi::{Comparator, Task};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::fields::{use_entry, TextField};
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
    let entry = use_entry(props.task.number);
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let task = props.task.number;
    // Targets (parsed, hidden, hand-added) are the task's; a unit's actuals of the parser's
    // targets are its own entry's.
    let mut annotation = ledger.annotation(task).clone();
    if entry != luoshi::ledger::Entry::Compiled {
        annotation.actuals = ledger.entry_view(task, &entry).actuals.clone();
    }
    let views = annotation.target_views(&props.task.targets);
    let read_only = ledger.is_read_only();
    let heading_id = format!("task-{task}-targets-heading");

    let rows = views.iter().enumerate().map(|(position, view)| {
        let ordinal = position + 1;
        let target = view.target;
        let key = target_key(target);
        let commit = {
            let (ledger, entry) = (ledger.clone(), entry.clone());
            Callback::from(move |typed: String| {
                let action = Action::SetActual { task, target, value: parse_number(&typed)? };
                match target {
                    TargetRef::Parsed(_) => ledger.apply_to(&entry, action),
                    TargetRef::Added(_) => ledger.apply(action),
                }
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
                    // With the target's text, away from the value input (a slip of the finger
                    // beside the input must not take a target out); named as shown (Label in Name).
                    <button type="button" class="link-button target-toggle" onclick={toggle} disabled={read_only}
                        aria-label={if view.hidden { text::target_unhide_label(ordinal, &view.text) } else { text::target_hide_label(ordinal, &view.text) }}>
                        { if view.hidden { text::TARGET_UNHIDE } else { text::TARGET_HIDE } }
                    </button>
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

/// What the person typed into the add-target form, read from the inputs on submit (no copies kept
/// in state, so nothing typed can be lost between a change event and the click on 添加指标).
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
            comparator: text::COMPARATORS
                .get(self.comparator)
                .copied()
                .unwrap_or_default(),
        })
    }
}

fn input_value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|input| input.value())
        .unwrap_or_default()
}

fn clear(node: &NodeRef) {
    if let Some(input) = node.cast::<HtmlInputElement>() {
        input.set_value("");
    }
}

/// Add a target the parser missed.
#[function_component(AddTargetForm)]
fn add_target_form(props: &AddTargetFormProps) -> Html {
    let error = use_state_eq(|| None::<LedgerError>);
    let inputs = use_memo((), |_| {
        [
            NodeRef::default(),
            NodeRef::default(),
            NodeRef::default(),
            NodeRef::default(),
        ]
    });
    let comparator = use_node_ref();
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let task = props.task;
    let id = |name: &str| format!("task-{task}-new-target-{name}");
    let [text_ref, value_ref, max_ref, unit_ref] = (*inputs).clone();
    let onsubmit = {
        let (error, inputs, comparator) = (error.clone(), inputs.clone(), comparator.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let [text, value, max, unit] = &*inputs;
            let draft = Draft {
                text: input_value(text),
                value: input_value(value),
                max: input_value(max),
                unit: input_value(unit),
                comparator: comparator
                    .cast::<HtmlSelectElement>()
                    .and_then(|select| select.value().parse().ok())
                    .unwrap_or(0),
            };
            match draft
                .target()
                .and_then(|target| ledger.apply(Action::AddTarget { task, target }))
            {
                Ok(()) => {
                    inputs.iter().for_each(clear);
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
                    <input id={id("text")} ref={text_ref} type="text" placeholder={text::ADD_TARGET_TEXT_PLACEHOLDER} />
                </div>
                <div class="field">
                    <label for={id("comparator")}>{ text::ADD_TARGET_COMPARATOR }</label>
                    <select id={id("comparator")} ref={comparator}>
                        { for text::COMPARATORS.iter().enumerate().map(|(index, c)| html! {
                            <option value={index.to_string()}>{ text::comparator_label(*c) }</option>
                        }) }
                    </select>
                </div>
                <div class="field short">
                    <label for={id("value")}>{ text::ADD_TARGET_VALUE }</label>
                    <input id={id("value")} ref={value_ref} type="text" inputmode="decimal" />
                </div>
                <div class="field short">
                    <label for={id("max")}>{ text::ADD_TARGET_MAX }</label>
                    <input id={id("max")} ref={max_ref} type="text" inputmode="decimal" />
                </div>
                <div class="field short">
                    <label for={id("unit")}>{ text::ADD_TARGET_UNIT }</label>
                    <input id={id("unit")} ref={unit_ref} type="text" />
                </div>
                <button type="submit" class="button">{ text::ADD_TARGET_SUBMIT }</button>
                if let Some(problem) = *error {
                    <p id={error_id} class="field-error" role="alert">{ problem.message() }</p>
                }
            </form>
        </details>
    }
}
