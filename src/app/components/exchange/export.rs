//! The export section: the scope (all tasks or the current view) and the JSON / Excel / CSV / print
//! buttons. The files are written by `crate::app::exchange`.

use std::rc::Rc;

use luoshi::snapshot::Scope;
use luoshi::{Document, TaskNumber};
use yew::prelude::*;

use super::text;
use crate::app::exchange::{export_json, export_sheet};
use crate::app::ledger_state::use_ledger;

#[derive(Properties, PartialEq)]
pub struct ExportSectionProps {
    /// Whether the scope is all tasks (else the current view).
    pub whole_view: bool,
    /// How many tasks the current view lists.
    pub view_count: usize,
    pub scope: Scope,
    /// The scope's tasks, for the sheet.
    pub tasks: Rc<Vec<TaskNumber>>,
    /// Whose ledger the sheet is, for its file name.
    pub unit: Option<String>,
    /// The scope was chosen: `true` for all tasks.
    pub on_scope: Callback<bool>,
    pub on_print: Callback<()>,
}

#[function_component(ExportSection)]
pub fn export_section(props: &ExportSectionProps) -> Html {
    let document = use_context::<Rc<Document>>();
    let ledger = use_ledger();
    let export_failed = use_state_eq(|| false);
    let (Some(document), Some(ledger)) = (document, ledger) else {
        return Html::default();
    };
    let set_scope = |all: bool| props.on_scope.reform(move |_: Event| all);
    let on_json = {
        let (document, ledger, scope, failed) = (
            document.clone(),
            ledger.clone(),
            props.scope.clone(),
            export_failed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            failed.set(!export_json(&document, &ledger, scope.clone()))
        })
    };
    let on_sheet = |xlsx: bool| {
        let (document, ledger, tasks, unit, failed) = (
            document.clone(),
            ledger.clone(),
            props.tasks.clone(),
            props.unit.clone(),
            export_failed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            failed.set(!export_sheet(
                &document,
                &ledger,
                &tasks,
                unit.as_deref(),
                xlsx,
            ))
        })
    };
    let print = props.on_print.reform(|_: MouseEvent| ());
    html! {
        <section class="exchange-export" aria-label={text::EXPORT_HEADING}>
            <h2>{ text::EXPORT_HEADING }</h2>
            <fieldset class="exchange-scope">
                <legend>{ text::SCOPE_LABEL }</legend>
                <label><input type="radio" name="exchange-scope" checked={props.whole_view}
                    onchange={set_scope(true)} />{ text::SCOPE_ALL }</label>
                <label><input type="radio" name="exchange-scope" checked={!props.whole_view}
                    onchange={set_scope(false)} />{ format!("{}（{} 项）", text::SCOPE_VIEW, props.view_count) }</label>
            </fieldset>
            <p class="exchange-buttons">
                <button type="button" class="button" onclick={on_json}>{ text::EXPORT_JSON }</button>
                <button type="button" class="button" onclick={on_sheet(true)}>{ text::EXPORT_XLSX }</button>
                <button type="button" class="button" onclick={on_sheet(false)}>{ text::EXPORT_CSV }</button>
                <button type="button" class="button" onclick={print}>{ text::PRINT }</button>
            </p>
            if *export_failed {
                <p class="exchange-error" role="alert">{ text::EXPORT_FAILED }</p>
            }
        </section>
    }
}
