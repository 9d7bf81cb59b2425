//! The task page's editor: status, progress, light, contacts, deadline, flags, reports, targets, notes.

use luoshi::ledger::{parse_due, parse_progress, Action, Entry};
use luoshi::Task;
use yew::prelude::*;

use super::fields::{
    consistency_note, event_checked, light_badge, use_entry, StatusField, TextField,
};
use super::reports::PeriodReports;
use super::sign::SignPrompt;
use super::targets::TargetTable;
use super::text;
use super::units::UnitEntries;
use crate::app::ledger_state::{use_ledger, LedgerHandle};

#[derive(Properties, PartialEq)]
pub struct TaskEditorProps {
    pub task: Task,
}

/// A commit callback that turns typed text into an action (or a validation error).
fn committer(
    ledger: &LedgerHandle,
    make: impl Fn(String) -> Result<Action, luoshi::ledger::LedgerError> + 'static,
) -> Callback<String, Result<(), luoshi::ledger::LedgerError>> {
    entry_committer(ledger, &Entry::Compiled, make)
}

/// A commit callback writing to the reader's entry (status, progress, 完成时限, reports).
fn entry_committer(
    ledger: &LedgerHandle,
    entry: &Entry,
    make: impl Fn(String) -> Result<Action, luoshi::ledger::LedgerError> + 'static,
) -> Callback<String, Result<(), luoshi::ledger::LedgerError>> {
    let (ledger, entry) = (ledger.clone(), entry.clone());
    Callback::from(move |typed: String| ledger.apply_to(&entry, make(typed)?))
}

#[function_component(TaskEditor)]
pub fn task_editor(props: &TaskEditorProps) -> Html {
    let entry = use_entry(props.task.number);
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let task = props.task.number;
    let annotation = ledger.annotation(task);
    let own = ledger.entry_view(task, &entry);
    let standing = annotation.standing();
    let light = ledger.ledger().light(task, ledger.today());
    let read_only = ledger.is_read_only();
    let id = |name: &str| AttrValue::from(format!("task-{task}-{name}"));

    let progress_commit = entry_committer(&ledger, &entry, move |typed| {
        Ok(Action::SetProgress {
            task,
            progress: i64::from(parse_progress(&typed)?),
        })
    });
    let progress_check = Callback::from(|typed: String| parse_progress(&typed).map(|_| ()));
    let owner_commit = committer(&ledger, move |owner| Ok(Action::SetOwner { task, owner }));
    let phone_commit = committer(&ledger, move |phone| Ok(Action::SetPhone { task, phone }));
    let due_commit = entry_committer(&ledger, &entry, move |typed| {
        Ok(Action::SetDue {
            task,
            due: parse_due(&typed)?,
        })
    });
    let due_check = Callback::from(|typed: String| parse_due(&typed).map(|_| ()));
    let notes_commit = committer(&ledger, move |notes| Ok(Action::SetNotes { task, notes }));
    // Flags cannot be invalid, so their errors are ignored.
    let on_key = {
        let ledger = ledger.clone();
        Callback::from(move |event: Event| {
            let _ = ledger.apply(Action::SetKey {
                task,
                key: event_checked(&event),
            });
        })
    };
    let on_supervised = {
        let ledger = ledger.clone();
        Callback::from(move |event: Event| {
            let _ = ledger.apply(Action::SetSupervised {
                task,
                supervised: event_checked(&event),
            });
        })
    };
    let due_text = own.due.map(|d| d.to_string()).unwrap_or_default();
    let heading_id = format!("task-{task}-editor");

    html! {
        <section class="annotate" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ text::EDITOR_HEADING }</h3>
            <p class="entry-note">{ match &entry {
                Entry::Unit(unit) => text::entry_unit(unit, props.task.lead_units.first().map(String::as_str).unwrap_or("")),
                Entry::Compiled => text::entry_compiled(props.task.lead_units.first().map(String::as_str).unwrap_or("")),
            } }</p>
            if read_only {
                <p class="annotate-read-only">{ text::READ_ONLY_NOTE }</p>
            }
            <SignPrompt {task} />
            <p class="light-line">
                { light_badge(&light, false) }
                <span class="light-detail">
                    { text::light_detail(light.expected, standing.progress, &ledger.as_of().to_string()) }
                </span>
                { consistency_note(&ledger, task) }
            </p>
            <div class="annotate-grid">
                <StatusField {task} id={id("editor")} label={text::STATUS} reason_label={text::OTHER_REASON} />
                <TextField id={id("progress")} label={text::PROGRESS} class="progress-field"
                    value={own.progress.to_string()} commit={progress_commit}
                    validate={progress_check} inputmode="numeric" disabled={read_only} />
                <TextField id={id("owner")} label={text::OWNER} value={annotation.owner.clone()}
                    commit={owner_commit} disabled={read_only} />
                <TextField id={id("phone")} label={text::PHONE} value={annotation.phone.clone()}
                    commit={phone_commit} inputmode="tel" disabled={read_only} />
                <TextField id={id("due")} label={text::DUE} value={due_text} commit={due_commit}
                    validate={due_check} placeholder={text::DUE_PLACEHOLDER} disabled={read_only} />
                <fieldset class="field flags">
                    <legend>{ text::FLAGS }</legend>
                    <label>
                        <input type="checkbox" checked={annotation.key} disabled={read_only}
                            onchange={on_key} />
                        { text::FLAG_KEY }
                    </label>
                    <label>
                        <input type="checkbox" checked={annotation.supervised} disabled={read_only}
                            onchange={on_supervised} />
                        { text::FLAG_SUPERVISED }
                    </label>
                </fieldset>
            </div>
            <PeriodReports {task} />
            <UnitEntries task={props.task.clone()} />
            <TargetTable task={props.task.clone()} />
            <TextField id={id("notes")} label={text::NOTES} value={annotation.notes.clone()}
                commit={notes_commit} multiline=true disabled={read_only} class="notes-field" />
        </section>
    }
}
