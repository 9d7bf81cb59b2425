//! The one-time 署名 prompt: after the first edit made without a name and unit, the task editor
//! asks, in place, who the reader is (the same one identity as 设置 › 我是…: name + a unit of the
//! document, which is also 本单位). 暂不署名 stops it asking; edits stay unsigned. Signing claims the
//! edits made unsigned on this page (`luoshi::ledger::units::claim_unsigned`).

use std::rc::Rc;

use luoshi::identity::{match_unit, Identity};
use luoshi::ledger::units::claim_unsigned;
use luoshi::ledger::Action;
use luoshi::{Document, TaskNumber};
use yew::prelude::*;

use super::fields::event_value;
use super::text;
use crate::app::clock;
use crate::app::components::filters::use_my_unit;
use crate::app::ledger_state::use_ledger;
use crate::app::prefs;

#[derive(Properties, PartialEq)]
pub struct SignPromptProps {
    pub task: TaskNumber,
}

#[function_component(SignPrompt)]
pub fn sign_prompt(props: &SignPromptProps) -> Html {
    let skipped = use_state_eq(prefs::identity_skipped);
    let name = use_state_eq(String::new);
    let unit = use_state_eq(String::new);
    let document = use_context::<Rc<Document>>();
    let my_unit = use_my_unit();
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let user = &ledger.ledger().user;
    let signed = !user.name.trim().is_empty() && !user.unit.trim().is_empty();
    let unsigned_edit = ledger
        .annotation(props.task)
        .history
        .iter()
        .any(|c| c.who.name.trim().is_empty() && c.who.unit.trim().is_empty());
    if signed || *skipped || !unsigned_edit || ledger.is_read_only() {
        return Html::default();
    }
    let typed = |slot: &UseStateHandle<String>| {
        let slot = slot.clone();
        Callback::from(move |event: InputEvent| slot.set(event_value(&event)))
    };
    let on_sign = {
        let (ledger, name, unit, document) =
            (ledger.clone(), name.clone(), unit.clone(), document.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let meant = document
                .as_ref()
                .and_then(|d| match_unit(&unit, d))
                .unwrap_or_else(|| (*unit).clone());
            let identity = Identity::new(&name, &meant);
            if !identity.is_complete() {
                return;
            }
            // The edits made on this page before signing become the signer's, and go to their
            // own entry where their unit reports in one (never left over a lead's words).
            let who = identity.who();
            let mut next = ledger.ledger().clone();
            next.user = who.clone();
            let since = clock::page_started_millis();
            let mut claimed = false;
            for task in document.iter().flat_map(|d| d.tasks.iter()) {
                if let Some(annotation) = next.tasks.get_mut(&task.number) {
                    claimed |= claim_unsigned(task, annotation, &who, since).is_some();
                }
            }
            if !(claimed && ledger.replace(next)) {
                let _ = ledger.apply(Action::SetUser { who });
            }
            let _ = prefs::set_identity(&identity);
            my_unit.set(Some(identity.unit.clone()));
        })
    };
    let on_skip = {
        let skipped = skipped.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = prefs::skip_identity();
            skipped.set(true);
        })
    };
    let complete = !name.trim().is_empty() && !unit.trim().is_empty();
    html! {
        <form class="sign-prompt" role="region" aria-label={text::SIGN_HEADING} onsubmit={on_sign}>
            <p><strong>{ text::SIGN_HEADING }</strong>{ text::SIGN_NOTE }</p>
            <div class="field">
                <label for="sign-name">{ text::SIGN_NAME }</label>
                <input id="sign-name" type="text" value={(*name).clone()} oninput={typed(&name)} autocomplete="name" />
            </div>
            <div class="field">
                <label for="sign-unit">{ text::SIGN_UNIT }</label>
                <input id="sign-unit" type="text" value={(*unit).clone()} oninput={typed(&unit)}
                    list="sign-unit-options" autocomplete="off" />
                <datalist id="sign-unit-options">
                    { for document.iter().flat_map(|d| d.units.iter()).map(|u| html! { <option value={u.name.clone()} /> }) }
                </datalist>
            </div>
            <button type="submit" class="button primary" disabled={!complete}>{ text::SIGN_SAVE }</button>
            <button type="button" class="button" onclick={on_skip}>{ text::SIGN_SKIP }</button>
        </form>
    }
}
