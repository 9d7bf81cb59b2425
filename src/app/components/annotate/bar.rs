//! The ledger bar above every view: save state, last export, undo/redo, download, "我是…" and
//! settings, plus storage problems and the export reminder.

use std::rc::Rc;

use luoshi::identity::{match_unit, Identity, UnitStanding};
use luoshi::ledger::{Action, Who};
use luoshi::period::{Cadence, Date};
use luoshi::Document;
use yew::prelude::*;

use super::download::{download, file_name};
use super::fields::event_value;
use super::text;
use crate::app::clock;
use crate::app::components::filters::use_my_unit;
use crate::app::ledger_state::{use_ledger, LedgerHandle, ReadOnly, SaveState};
use crate::app::storage::StorageError;

/// Download the whole ledger as JSON (the stored format) and record the export.
fn download_ledger(ledger: &LedgerHandle, failed: &UseStateHandle<bool>) {
    let name = file_name(
        &format!(
            "luoshi-ledger-{}",
            ledger
                .ledger()
                .fingerprint
                .chars()
                .take(8)
                .collect::<String>()
        ),
        &clock::now(),
        "json",
    );
    let saved = download(&name, "application/json", &ledger.ledger_json());
    failed.set(saved.is_err());
    if saved.is_ok() {
        ledger.mark_exported();
    }
}

fn save_text(state: &SaveState, read_only: bool, saving_off: bool) -> String {
    if read_only {
        return text::SAVE_READ_ONLY.to_string();
    }
    if saving_off {
        return text::SAVING_OFF.to_string();
    }
    match state {
        SaveState::Idle => text::NOT_SAVED_YET.to_string(),
        SaveState::Pending => text::SAVING.to_string(),
        SaveState::Saved { at } => text::saved_at(at),
        SaveState::Failed(_) => text::SAVE_FAILED_SHORT.to_string(),
    }
}

#[function_component(LedgerBar)]
pub fn ledger_bar(_: &()) -> Html {
    let download_failed = use_state_eq(|| false);
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let state = ledger.state();
    // The calendar day, for "exported N days ago"; progress is judged at `ledger.today()`, which
    // stays inside the document's work year.
    let today = clock::today();
    let book = ledger.ledger();
    let read_only = ledger.is_read_only();

    let on_undo = {
        let ledger = ledger.clone();
        Callback::from(move |_: MouseEvent| ledger.undo())
    };
    let on_redo = {
        let ledger = ledger.clone();
        Callback::from(move |_: MouseEvent| ledger.redo())
    };
    let on_download = {
        let (ledger, failed) = (ledger.clone(), download_failed.clone());
        Callback::from(move |_: MouseEvent| download_ledger(&ledger, &failed))
    };
    let on_download_unreadable = {
        let (raw, failed) = (
            state.unreadable.as_ref().map(|u| u.raw.clone()),
            download_failed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some(raw) = &raw {
                let name = file_name("luoshi-unreadable", &clock::now(), "txt");
                failed.set(download(&name, "text/plain", raw).is_err());
            }
        })
    };
    let on_dismiss = {
        let ledger = ledger.clone();
        Callback::from(move |_: MouseEvent| ledger.dismiss_unreadable())
    };

    let who = &book.user;
    let reminder = book.export_reminder(today);
    let quota = matches!(state.save, SaveState::Failed(StorageError::QuotaExceeded));
    let other_failure =
        matches!(state.save, SaveState::Failed(ref e) if *e != StorageError::QuotaExceeded);
    let download_button = |label: &'static str, class: Option<&'static str>| {
        html! {
            <button type="button" class={classes!("button", class)} onclick={on_download.clone()}>{ label }</button>
        }
    };

    html! {
        <div class="ledger-bar" role="region" aria-label={text::BAR_LABEL}>
            <div class="ledger-bar-row">
                <span class={classes!("save-state", quota.then_some("failed"))} role="status">
                    { save_text(&state.save, read_only, state.saving_off) }
                </span>
                <span class="export-status">{ book.export_status(today) }</span>
                <span class="bar-actions">
                    <button type="button" class="button" onclick={on_undo} title={text::UNDO_HINT}
                        aria-keyshortcuts="Control+Z" disabled={!book.can_undo() || read_only}>
                        { format!("↶ {}", text::UNDO) }
                    </button>
                    <button type="button" class="button" onclick={on_redo} title={text::REDO_HINT}
                        aria-keyshortcuts="Control+Shift+Z" disabled={!book.can_redo() || read_only}>
                        { format!("↷ {}", text::REDO) }
                    </button>
                    { download_button(text::DOWNLOAD_JSON, None) }
                </span>
                <span class="who-now">{ text::current_user(&text::who_label(&who.name, &who.unit)) }</span>
                <Settings />
            </div>
            // One line, always there (styles/annotate.css): the prerendered first view has the
            // note, a returning visitor may have a reminder instead, or both, or neither; with a
            // fixed line the list below does not move when the app fills this in (issue 19).
            <div class="bar-messages">
                if who.name.is_empty() && !read_only {
                    <p class="bar-note">{ text::WHO_MISSING }</p>
                }
                if let Some(reminder) = reminder {
                    <p class="bar-reminder" role="note">{ reminder.message }</p>
                }
            </div>
            if let Some(ReadOnly::Blocked { message }) = &state.read_only {
                <div class="storage-problem" role="alert">
                    <strong>{ text::BLOCKED_TITLE }</strong>
                    <p>{ message.clone() }</p>
                </div>
            }
            if !state.moved_to_units.is_empty() {
                <p class="migration-note" role="status">{ text::moved_to_units(&state.moved_to_units) }</p>
            }
            if let Some(unreadable) = &state.unreadable {
                <div class="storage-problem" role="alert">
                    <strong>{ text::UNREADABLE_TITLE }</strong>
                    <p>{ unreadable.message.clone() }</p>
                    <button type="button" class="button primary" onclick={on_download_unreadable}>
                        { text::DOWNLOAD_UNREADABLE }
                    </button>
                    if !state.saving_off {
                        <button type="button" class="button" onclick={on_dismiss}>{ text::DISMISS }</button>
                    }
                </div>
            }
            if quota {
                <div class="storage-problem" role="alert">
                    <strong>{ text::QUOTA_TITLE }</strong>
                    <p>{ text::QUOTA_BODY }</p>
                    { download_button(text::DOWNLOAD_JSON, Some("primary")) }
                </div>
            }
            if other_failure || state.unavailable {
                <div class="storage-problem" role="alert">
                    <p>{ if state.unavailable { text::STORAGE_UNAVAILABLE } else { text::STORAGE_FAILED } }</p>
                    { download_button(text::DOWNLOAD_JSON, Some("primary")) }
                </div>
            }
            if *download_failed {
                <p class="storage-problem" role="alert">{ text::DOWNLOAD_FAILED }</p>
            }
        </div>
    }
}

/// "我是…": one identity (name + a unit from the document's units, searchable, or 其他单位 typed)
/// that signs edits and is also 本单位; reporting cadence and the as-of date.
#[function_component(Settings)]
fn settings() -> Html {
    let name = use_state_eq(|| None::<String>);
    let unit = use_state_eq(|| None::<String>);
    let document = use_context::<Rc<Document>>();
    let my_unit = use_my_unit();
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let book = ledger.ledger();
    let read_only = ledger.is_read_only();
    let name_value = name.as_deref().unwrap_or(&book.user.name).to_string();
    // Before a unit is given here, the one picked as 本单位 is offered (the settings were separate).
    let stored_unit = if book.user.unit.trim().is_empty() {
        my_unit.unit.clone().unwrap_or_default()
    } else {
        book.user.unit.clone()
    };
    let unit_value = unit.as_deref().unwrap_or(&stored_unit).to_string();
    let identity = Identity::new(&name_value, &unit_value);
    // A typed name that means one of the document's units becomes that unit (科技局 → 区科技局).
    let unit_meant = document
        .as_ref()
        .and_then(|d| match_unit(&identity.unit, d))
        .unwrap_or_else(|| identity.unit.clone());
    let standing = document
        .as_ref()
        .map(|d| Identity::new(&identity.name, &unit_meant).standing(d));
    let typed = |slot: &UseStateHandle<Option<String>>| {
        let slot = slot.clone();
        Callback::from(move |event: InputEvent| slot.set(Some(event_value(&event))))
    };
    let on_who = {
        let (ledger, name, unit, my_unit) =
            (ledger.clone(), name.clone(), unit.clone(), my_unit.clone());
        let who = Who {
            name: identity.name.clone(),
            unit: unit_meant.clone(),
        };
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let _ = ledger.apply(Action::SetUser { who: who.clone() });
            // One stored identity for every document; its unit is 本单位 too.
            let _ = crate::app::prefs::set_identity(&Identity::new(&who.name, &who.unit));
            if !who.unit.is_empty() {
                my_unit.set(Some(who.unit.clone()));
            }
            name.set(None);
            unit.set(None);
        })
    };
    let on_cadence = {
        let ledger = ledger.clone();
        Callback::from(move |event: Event| {
            let cadence = if event_value(&event) == "monthly" {
                Cadence::Monthly
            } else {
                Cadence::Quarterly
            };
            let _ = ledger.apply(Action::SetCadence { cadence });
        })
    };
    let on_as_of = {
        let ledger = ledger.clone();
        Callback::from(move |event: Event| {
            let as_of = Date::parse(event_value(&event).trim());
            let _ = ledger.apply(Action::SetAsOf { as_of });
        })
    };
    let on_today = {
        let ledger = ledger.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = ledger.apply(Action::SetAsOf { as_of: None });
        })
    };
    let as_of = book.as_of.map(|d| d.to_string()).unwrap_or_default();
    let judged = ledger.today();
    let as_of_hint = if book.as_of.is_none() && judged != clock::today() {
        AttrValue::from(text::as_of_work_year_hint(&judged.to_string()))
    } else {
        AttrValue::from(text::AS_OF_HINT)
    };
    html! {
        <details class="ledger-settings">
            <summary>{ text::SETTINGS }</summary>
            <div class="settings-panel">
                <form class="who-form" onsubmit={on_who}>
                    <fieldset disabled={read_only}>
                        <legend>{ text::WHO_LEGEND }</legend>
                        <div class="field">
                            <label for="who-name">{ text::WHO_NAME }</label>
                            <input id="who-name" type="text" value={name_value} oninput={typed(&name)} autocomplete="name" />
                        </div>
                        <div class="field">
                            <label for="who-unit">{ text::WHO_UNIT }</label>
                            <input id="who-unit" type="text" value={unit_value} oninput={typed(&unit)}
                                list="who-unit-options" autocomplete="off" aria-describedby="who-unit-hint" />
                            <datalist id="who-unit-options">
                                { for document.iter().flat_map(|d| d.units.iter()).map(|u| html! { <option value={u.name.clone()} /> }) }
                            </datalist>
                        </div>
                        <p id="who-unit-hint" class="hint">
                            { match standing {
                                Some(UnitStanding::Other) => text::unit_other(&unit_meant),
                                _ => text::WHO_UNIT_HINT.to_string(),
                            } }
                        </p>
                        <button type="submit" class="button">{ text::WHO_SAVE }</button>
                    </fieldset>
                </form>
                <div class="field">
                    <label for="ledger-cadence">{ text::CADENCE }</label>
                    <select id="ledger-cadence" onchange={on_cadence} disabled={read_only}>
                        <option value="quarterly" selected={book.cadence == Cadence::Quarterly}>{ Cadence::Quarterly.label() }</option>
                        <option value="monthly" selected={book.cadence == Cadence::Monthly}>{ Cadence::Monthly.label() }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="ledger-as-of">{ text::AS_OF }</label>
                    <span class="inline-controls">
                        <input id="ledger-as-of" type="date" value={as_of} onchange={on_as_of}
                            disabled={read_only} aria-describedby="ledger-as-of-hint" />
                        <button type="button" class="button" onclick={on_today} disabled={read_only || book.as_of.is_none()}>
                            { text::AS_OF_TODAY }
                        </button>
                    </span>
                    <p id="ledger-as-of-hint" class="hint">{ as_of_hint }</p>
                </div>
            </div>
        </details>
    }
}
