//! The ledger controls inside a list row: status, progress and the 序时进度 badge.

use luoshi::ledger::{parse_progress, Action};
use luoshi::TaskNumber;
use yew::prelude::*;

use super::fields::{consistency_note, light_badge, use_entry, StatusField, TextField};
use super::text;
use crate::app::ledger_state::use_ledger;

#[derive(Properties, PartialEq)]
pub struct RowControlsProps {
    pub task: TaskNumber,
    /// Not yet: an empty box of the controls' height (the prerendered first view, and a row the
    /// app's start-up has not reached yet, see `crate::app::RowControlsReady`).
    #[prop_or_default]
    pub deferred: bool,
}

#[function_component(RowControls)]
pub fn row_controls(props: &RowControlsProps) -> Html {
    let entry = use_entry(props.task);
    let ledger = use_ledger();
    // Rendered in the start-up's first-screen stage (decided once per row).
    let first_screen = use_mut_ref(|| None::<bool>);
    if props.deferred {
        // An empty box of the controls' height (no layout shift when they come).
        return html! { <div class="row-controls" aria-hidden="true"></div> };
    }
    let Some(ledger) = ledger else {
        return Html::default();
    };
    let first_screen = *first_screen
        .borrow_mut()
        .get_or_insert_with(crate::app::in_first_screen_stage);
    let task = props.task;
    let annotation = ledger.entry_view(task, &entry);
    let standing = ledger.annotation(task).standing();
    let light = ledger.ledger().light(task, ledger.today());
    let commit = {
        let (ledger, entry) = (ledger.clone(), entry.clone());
        Callback::from(move |typed: String| {
            ledger.apply_to(
                &entry,
                Action::SetProgress {
                    task,
                    progress: i64::from(parse_progress(&typed)?),
                },
            )
        })
    };
    let check = Callback::from(|typed: String| parse_progress(&typed).map(|_| ()));
    html! {
        <div class={classes!("row-controls", first_screen.then_some("first-screen"))}>
            <StatusField {task} id={format!("row-{task}")} compact=true
                label={text::row_status_label(task)} reason_label={text::row_reason_label(task)} />
            <TextField id={format!("row-{task}-progress")} label={text::row_progress_label(task)}
                compact=true class="progress-field" value={annotation.progress.to_string()}
                {commit} validate={check} inputmode="numeric" disabled={ledger.is_read_only()}
                suffix="%" />
            { light_badge(&light, true) }
            if let Some(unit) = standing.derived_from.as_deref().filter(|_| entry == luoshi::ledger::Entry::Compiled) {
                <span class="derived-standing">{ text::derived_standing(&standing.status.describe(), standing.progress, unit) }</span>
            }
            { consistency_note(&ledger, task) }
        </div>
    }
}
