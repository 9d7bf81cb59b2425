//! The export section: the scope (all tasks or the current view) and the JSON / Excel / CSV / print
//! buttons. The files are written by `crate::app::exchange`.

use std::rc::Rc;

use luoshi::snapshot::Coverage;
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
    pub scope: Coverage,
    /// The scope's tasks, for the sheet.
    pub tasks: Rc<Vec<TaskNumber>>,
    /// Whose ledger the sheet is, for its file name.
    pub unit: Option<String>,
    /// The one unit the view is narrowed to: the sheet is that unit's (see `export_sheet`).
    pub for_unit: Option<String>,
    /// The scope was chosen: `true` for all tasks.
    pub on_scope: Callback<bool>,
    pub on_print: Callback<()>,
}

#[function_component(ExportSection)]
pub fn export_section(props: &ExportSectionProps) -> Html {
    let document = use_context::<Rc<Document>>();
    let ledger = use_ledger();
    // Why the last export failed (the message to show), if it did.
    let export_failed = use_state_eq(|| None::<String>);
    // The 督办台账's periods: this period only, or every period of its year side by side.
    let whole_year = use_state_eq(|| false);
    let (Some(document), Some(ledger)) = (document, ledger) else {
        return Html::default();
    };
    let current = ledger.ledger().current_period(ledger.today());
    let on_periods = {
        let whole_year = whole_year.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok())
                .map(|s| s.value());
            whole_year.set(value.as_deref() == Some("year"));
        })
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
            let saved = export_json(&document, &ledger, scope.clone());
            failed.set((!saved).then(|| text::EXPORT_FAILED.to_string()))
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
        let (for_unit, year) = (props.for_unit.clone(), *whole_year);
        Callback::from(move |_: MouseEvent| {
            failed.set(None);
            let failed = failed.clone();
            export_sheet(
                &document,
                &ledger,
                &tasks,
                unit.as_deref(),
                for_unit.as_deref(),
                year,
                xlsx,
                move |result| failed.set(result.err()),
            )
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
                    onchange={set_scope(false)} />{ text::scope_view(props.view_count) }</label>
            </fieldset>
            <label class="exchange-periods">
                { text::SHEET_PERIODS_LABEL }
                <select name="sheet-periods" onchange={on_periods}>
                    <option value="current" selected={!*whole_year}>
                        { text::sheet_periods_current(&current.label()) }
                    </option>
                    <option value="year" selected={*whole_year}>
                        { text::sheet_periods_year(current.last_day().year, current.cadence()) }
                    </option>
                </select>
            </label>
            <p class="exchange-buttons">
                <button type="button" class="button" onclick={on_json}>{ text::EXPORT_JSON }</button>
                <button type="button" class="button" onclick={on_sheet(true)}>{ text::EXPORT_XLSX }</button>
                <button type="button" class="button" onclick={on_sheet(false)}>{ text::EXPORT_CSV }</button>
                <button type="button" class="button" onclick={print}>{ text::PRINT }</button>
            </p>
            if let Some(message) = &*export_failed {
                <p class="exchange-error" role="alert">{ message.clone() }</p>
            }
        </section>
    }
}
