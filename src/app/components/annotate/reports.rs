//! Period reports (工作进展 / 存在问题 / 下步计划): the current period is editable; earlier periods
//! are shown read-only until the person chooses to change one.

use std::collections::BTreeSet;

use luoshi::ledger::{Action, PeriodReport, ReportField};
use luoshi::period::Period;
use luoshi::TaskNumber;
use yew::prelude::*;

use super::fields::{event_value, use_entry, TextField};
use super::text;
use crate::app::ledger_state::use_ledger;

#[derive(Properties, PartialEq)]
pub struct PeriodReportsProps {
    pub task: TaskNumber,
}

/// The periods offered: this year's up to the current one, plus every period with a report (also
/// of the other cadence, or later than the as-of date), newest first.
fn offered_periods(current: Period, reported: impl Iterator<Item = Period>) -> Vec<Period> {
    let year = current.first_day().year;
    let mut periods: BTreeSet<(luoshi::period::Date, Period)> = luoshi::sorting::set_of(
        Period::of_year(year, current.cadence())
            .into_iter()
            .filter(|p| *p <= current)
            .chain(reported)
            .map(|p| (p.first_day(), p)),
    );
    periods.insert((current.first_day(), current));
    periods.into_iter().rev().map(|(_, p)| p).collect()
}

#[function_component(PeriodReports)]
pub fn period_reports(props: &PeriodReportsProps) -> Html {
    let chosen = use_state_eq(|| None::<String>);
    let editing_past = use_state_eq(|| false);
    let entry = use_entry(props.task);
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let task = props.task;
    let annotation = ledger.entry_view(task, &entry);
    let current = ledger.ledger().current_period(ledger.today());
    let reported: Vec<Period> = annotation
        .reports_in_order()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let periods = offered_periods(current, reported.iter().copied());
    let period = chosen
        .as_deref()
        .and_then(Period::parse)
        .filter(|p| periods.contains(p))
        .unwrap_or(current);
    let is_current = period == current;
    let editable = (is_current || *editing_past) && !ledger.is_read_only();
    let report: PeriodReport = annotation.report(period).cloned().unwrap_or_default();
    let base_id = format!("task-{task}-report");

    let on_period = {
        let (chosen, editing_past) = (chosen.clone(), editing_past.clone());
        Callback::from(move |event: Event| {
            chosen.set(Some(event_value(&event)));
            editing_past.set(false);
        })
    };
    let toggle_past = {
        let editing_past = editing_past.clone();
        Callback::from(move |_: MouseEvent| editing_past.set(!*editing_past))
    };

    let fields = ReportField::ALL.iter().map(|field| {
        let field = *field;
        let id = format!("{base_id}-{}-{}", period.id(), field.key());
        if editable {
            let (ledger, entry) = (ledger.clone(), entry.clone());
            let commit = Callback::from(move |text: String| {
                ledger.apply_to(&entry, Action::SetReport { task, period, field, text })
            });
            html! {
                <TextField key={id.clone()} id={id.clone()} label={field.label()} multiline=true
                    value={report.get(field).to_string()} {commit} class="report-field" />
            }
        } else {
            let value = report.get(field);
            html! {
                <div key={id} class="field report-field read-only">
                    <span class="field-label">{ field.label() }</span>
                    <p class="report-text">{ if value.is_empty() { text::REPORT_EMPTY } else { value } }</p>
                </div>
            }
        }
    });
    let heading_id = format!("{base_id}-heading");
    let select_id = format!("{base_id}-period");
    html! {
        <section class="reports" aria-labelledby={heading_id.clone()}>
            <h4 id={heading_id}>{ text::REPORTS_HEADING }</h4>
            <div class="field period-field">
                <label for={select_id.clone()}>{ text::PERIOD }</label>
                <select id={select_id} onchange={on_period}>
                    { for periods.iter().map(|p| {
                        let filled = annotation.report(*p).is_some();
                        html! {
                            <option value={p.id()} selected={*p == period}>
                                { text::period_option(&p.label(), *p == current, filled) }
                            </option>
                        }
                    }) }
                </select>
                if !is_current && !ledger.is_read_only() {
                    <button type="button" class="button" onclick={toggle_past} aria-pressed={(*editing_past).to_string()}>
                        { if *editing_past { text::LOCK_PAST } else { text::EDIT_PAST } }
                    </button>
                }
            </div>
            if !is_current && !*editing_past {
                <p class="hint">{ text::PERIOD_PAST_READ_ONLY }</p>
            }
            <div class="report-fields">
                { for fields }
            </div>
        </section>
    }
}
