//! Form controls shared by the task editor and the list rows: a text field that commits after a
//! pause in typing, the status picker, and the 序时进度 light badge.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use luoshi::ledger::{inconsistency, status_edits, Action, Entry, LedgerError, Light, Status};
use luoshi::query::LightBucket;
use luoshi::{Document, TaskNumber};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::text;
use crate::app::ledger_state::{use_ledger, LedgerHandle};

/// Typed text becomes an edit after this pause, so history gets one entry per burst of typing
/// rather than one per keystroke; leaving the field (change) commits at once.
pub const COMMIT_DELAY_MS: u32 = 400;

/// The value of the input, textarea or select an event came from.
/// The entry this reader edits on `task` (see `LedgerHandle::entry_for`).
#[hook]
pub fn use_entry(task: TaskNumber) -> Entry {
    let document = use_context::<Rc<Document>>();
    let ledger = use_ledger();
    match (document, ledger) {
        (Some(document), Some(ledger)) => document
            .task(task)
            .map_or(Entry::Compiled, |t| ledger.entry_for(t)),
        _ => Entry::Compiled,
    }
}

pub fn event_value(event: &Event) -> String {
    let Some(target) = event.target() else {
        return String::new();
    };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

pub fn event_checked(event: &Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The element id (labels point at it); the error message gets `<id>-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    /// The committed value, from the ledger.
    pub value: AttrValue,
    /// Turn typed text into an edit; `Err` keeps the text and shows the message.
    pub commit: Callback<String, Result<(), LedgerError>>,
    /// Checked on every keystroke; an error is shown at once and nothing is committed.
    #[prop_or_default]
    pub validate: Option<Callback<String, Result<(), LedgerError>>>,
    #[prop_or_default]
    pub multiline: bool,
    /// Dense list rows: the label is the control's accessible name (`aria-label`) and the parts
    /// sit in the row without a wrapper, so a page of rows costs fewer elements to style and lay
    /// out on every keystroke of a search (BENCHMARKS.md "Query / Browser").
    #[prop_or_default]
    pub compact: bool,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub class: Classes,
    /// Shown right after the control, e.g. `%`.
    #[prop_or_default]
    pub suffix: Option<AttrValue>,
}

/// A labelled text input or textarea holding a draft while typing. The draft is committed after
/// [`COMMIT_DELAY_MS`] without typing, on change (leaving the field, Enter), never mid-IME-composition;
/// Escape drops it.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let draft = use_state_eq(|| None::<String>);
    let error = use_state_eq(|| None::<LedgerError>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let control = use_node_ref();
    let latest_typed = use_mut_ref(|| None::<Rc<dyn Fn(String, bool)>>);
    // The typed text not yet committed, and how to commit it, for the page-hide flush.
    let pending = use_mut_ref(|| None::<String>);
    let latest_flush = use_mut_ref(|| None::<Rc<dyn Fn()>>);
    let ledger = use_ledger();

    // Commit `value`: on success the field shows the ledger's value again.
    let commit = {
        let (draft, error, commit, timer) = (
            draft.clone(),
            error.clone(),
            props.commit.clone(),
            timer.clone(),
        );
        let pending = pending.clone();
        Rc::new(move |value: String| {
            timer.borrow_mut().take();
            match commit.emit(value) {
                Ok(()) => {
                    pending.borrow_mut().take();
                    draft.set(None);
                    error.set(None);
                }
                Err(problem) => error.set(Some(problem)),
            }
        })
    };
    let check = {
        let validate = props.validate.clone();
        move |value: &str| {
            validate
                .as_ref()
                .map_or(Ok(()), |v| v.emit(value.to_string()))
        }
    };

    // Typed text: keep it as the draft, check it, and commit after a pause (never while an IME is
    // still composing: half-typed pinyin is not an edit).
    let on_typed: Rc<dyn Fn(String, bool)> = {
        let (draft, error, timer, commit) =
            (draft.clone(), error.clone(), timer.clone(), commit.clone());
        let check = check.clone();
        let pending = pending.clone();
        Rc::new(move |value: String, composing: bool| {
            *pending.borrow_mut() = Some(value.clone());
            draft.set(Some(value.clone()));
            let checked = check(&value);
            error.set(checked.err());
            if checked.is_err() || composing {
                timer.borrow_mut().take();
                return;
            }
            let commit = commit.clone();
            *timer.borrow_mut() = Some(Timeout::new(COMMIT_DELAY_MS, move || commit(value)));
        })
    };
    *latest_typed.borrow_mut() = Some(on_typed.clone());
    let flush: Rc<dyn Fn()> = {
        let (pending, commit, check) = (pending.clone(), commit.clone(), check.clone());
        Rc::new(move || {
            let typed = pending.borrow().clone();
            if let Some(value) = typed.filter(|value| check(value).is_ok()) {
                commit(value);
                if let Some(ledger) = &ledger {
                    ledger.save_now();
                }
            }
        })
    };
    *latest_flush.borrow_mut() = Some(flush);
    {
        let (control, latest_typed, latest_flush) =
            (control.clone(), latest_typed.clone(), latest_flush.clone());
        use_effect_with((), move |_| {
            // Yew has no composition events; Chrome sends no input event after the composition
            // ends, so listen for its end directly.
            let composition = control.get().map(|element| {
                EventListener::new(&element, "compositionend", move |event| {
                    if let Some(on_typed) = latest_typed.borrow().clone() {
                        on_typed(event_value(event), false);
                    }
                })
            });
            // Text typed just before the page goes away is committed and saved, not dropped.
            let page_hide = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                if let Some(flush) = latest_flush.borrow().clone() {
                    flush();
                }
            });
            move || drop((composition, page_hide))
        });
    }
    let oninput = {
        let on_typed = on_typed.clone();
        Callback::from(move |event: InputEvent| {
            // Read leniently: a synthetic `Event("input")` has no isComposing at all.
            let composing = js_sys::Reflect::get(&event, &"isComposing".into())
                .ok()
                .and_then(|value| value.as_bool())
                .unwrap_or(false);
            on_typed(event_value(&event), composing)
        })
    };
    let onchange = {
        let commit = commit.clone();
        let check = check.clone();
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let value = event_value(&event);
            // Only text the person typed here is committed (a re-render also fires no change).
            if draft.is_some() && check(&value).is_ok() {
                commit(value);
            }
        })
    };
    let onkeydown = {
        let (draft, error, timer, pending) =
            (draft.clone(), error.clone(), timer.clone(), pending.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && draft.is_some() {
                timer.borrow_mut().take();
                pending.borrow_mut().take();
                draft.set(None);
                error.set(None);
            }
        })
    };

    let value = draft
        .as_deref()
        .map_or_else(|| props.value.clone(), |d| AttrValue::from(d.to_string()));
    let error_id = format!("{}-error", props.id);
    let described = error.is_some().then(|| error_id.clone());
    let invalid = error.is_some().then_some("true");
    let named = props.compact.then(|| props.label.clone());
    let control = if props.multiline {
        html! {
            <textarea id={props.id.clone()} {value} rows="3" disabled={props.disabled}
                placeholder={props.placeholder.clone()} aria-label={named}
                aria-invalid={invalid} aria-describedby={described}
                ref={control.clone()} {oninput} {onchange} {onkeydown} />
        }
    } else {
        // A compact field's class goes on the control itself (it has no wrapper).
        let class = props.compact.then(|| props.class.clone());
        html! {
            <input id={props.id.clone()} type="text" {value} disabled={props.disabled}
                placeholder={props.placeholder.clone()} inputmode={props.inputmode.clone()}
                aria-label={named} aria-invalid={invalid} aria-describedby={described}
                {class} ref={control.clone()} {oninput} {onchange} {onkeydown} />
        }
    };
    let parts = html! {
        <>
            { control }
            if let Some(suffix) = &props.suffix {
                <span class="field-suffix" aria-hidden="true">{ suffix.clone() }</span>
            }
            if let Some(problem) = *error {
                <p id={error_id} class="field-error" role="alert">{ problem.message() }</p>
            }
        </>
    };
    if props.compact && !props.multiline {
        return parts;
    }
    html! {
        <div class={classes!("field", props.class.clone(), error.is_some().then_some("has-error"))}>
            if !props.compact {
                <label for={props.id.clone()}>{ props.label.clone() }</label>
            }
            { parts }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusFieldProps {
    pub task: TaskNumber,
    /// Element id prefix, so the list and the task page never share ids.
    pub id: AttrValue,
    pub label: AttrValue,
    pub reason_label: AttrValue,
    #[prop_or_default]
    pub compact: bool,
}

/// The status picker. Choosing 其他 asks for a reason first; the status changes once it is given.
#[function_component(StatusField)]
pub fn status_field(props: &StatusFieldProps) -> Html {
    let choosing_other = use_state_eq(|| false);
    let entry = use_entry(props.task);
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let status = ledger.entry_view(props.task, &entry).status.clone();
    let task = props.task;
    let onchange = {
        let (ledger, choosing_other, entry) =
            (ledger.clone(), choosing_other.clone(), entry.clone());
        Callback::from(move |event: Event| {
            let key = event_value(&event);
            let Some(chosen) = Status::choices().into_iter().find(|s| s.key() == key) else {
                return;
            };
            if let Status::Other(_) = chosen {
                choosing_other.set(true);
            } else {
                choosing_other.set(false);
                // A status from the picker is always valid; 已完成 also brings progress to 100%
                // (a second edit, so Undo can take it back alone).
                let current = ledger.entry_view(task, &entry).into_owned();
                for edit in status_edits(task, chosen, &current) {
                    let _ = ledger.apply_to(&entry, edit);
                }
            }
        })
    };
    let commit_reason = {
        let (ledger, choosing_other, entry) =
            (ledger.clone(), choosing_other.clone(), entry.clone());
        Callback::from(move |reason: String| {
            ledger.apply_to(
                &entry,
                Action::SetStatus {
                    task,
                    status: Status::Other(reason),
                },
            )?;
            choosing_other.set(false);
            Ok(())
        })
    };
    let shown_other = *choosing_other || matches!(status, Status::Other(_));
    let selected_key = if *choosing_other {
        "other"
    } else {
        status.key()
    };
    let reason = match &status {
        Status::Other(reason) => reason.clone(),
        _ => String::new(),
    };
    let select_id = format!("{}-status", props.id);
    // Compact (a list row): named by aria-label, no label element and no wrapper (see
    // `TextFieldProps::compact`); the select stays the first part either way, so choosing 其他
    // adds the reason after it without replacing the focused select.
    let named = props.compact.then(|| props.label.clone());
    let parts = html! {
        <>
            <select id={select_id.clone()} class={classes!("status-select", status.css_class())}
                    aria-label={named} disabled={ledger.is_read_only()} {onchange}>
                { for Status::choices().iter().map(|choice| html! {
                    <option value={choice.key()} selected={choice.key() == selected_key}>
                        { choice.label() }
                    </option>
                }) }
            </select>
            if shown_other {
                <TextField id={format!("{}-reason", props.id)} label={props.reason_label.clone()}
                    value={AttrValue::from(reason)} commit={commit_reason} compact={props.compact}
                    placeholder={AttrValue::from(text::OTHER_REASON_PLACEHOLDER)}
                    disabled={ledger.is_read_only()} class="reason-field" />
            }
        </>
    };
    if props.compact {
        return parts;
    }
    html! {
        <div class="field status-field">
            <label for={select_id}>{ props.label.clone() }</label>
            { parts }
        </div>
    }
}

/// A status the task's own progress or 序时 light contradicts, said in plain Chinese
/// (`luoshi::ledger::inconsistency` decides); nothing when they agree. A plain function, not a
/// component (a component costs its own copy of yew's lifecycle code in the wasm, issue 19): its
/// callers re-render with the ledger anyway.
pub fn consistency_note(ledger: &LedgerHandle, task: TaskNumber) -> Html {
    let Some(found) = ledger
        .ledger()
        .annotation(task)
        .and_then(|annotation| inconsistency(annotation, ledger.as_of()))
    else {
        return Html::default();
    };
    html! {
        <span class="consistency-note" role="note">
            { format!("{}{}", text::CONSISTENCY_PREFIX, found.message()) }
        </span>
    }
}

/// The 序时进度 light: a coloured dot (the badge's `::before`) plus words, never colour alone.
/// `compact`: only the text (the colour's name goes into the tooltip and the accessible name).
/// A plain function, not a component: no state, and a component costs its own copy of yew's
/// lifecycle code in the wasm (issue 19).
pub fn light_badge(light: &Light, compact: bool) -> Html {
    // The bucket, not the raw colour: an untouched task reads 未填报 here as on the overview.
    let bucket = LightBucket::of_light(light);
    let colour = bucket.label();
    // A compact (list row) badge of an untouched task says only 未填报: its 序时进度 is the same
    // on every such row. The full badge adds the figure beside the word.
    let words = match (light.unreported, compact) {
        (true, true) => light.text(),
        (true, false) => light.expected_text(),
        (false, _) => light.text(),
    };
    let title = if light.unreported {
        text::light_title(colour, &light.expected_text())
    } else {
        text::light_title(colour, &words)
    };
    html! {
        <span class={classes!("light-badge", bucket.css_class())} title={title}>
            if !compact {
                <span class="light-colour">{ colour }</span>
            } else if !light.unreported {
                <span class="visually-hidden">{ format!("{}：{colour}，", text::LIGHT_LABEL) }</span>
            }
            { words }
        </span>
    }
}
