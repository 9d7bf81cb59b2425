//! Under the task's compiled entry: every responsible unit's own entry for the current period,
//! attributed, with 引用到汇总 for whoever writes the compiled entry (the unit's text is appended,
//! under the unit's name); and the task's open conflicts (one unit's field written twice without
//! either seeing the other) with 保留这个 / 保留那个 / 两者都保留.

use luoshi::ledger::merge::{latest_change, open_conflicts, Conflict};
use luoshi::ledger::units::unit_path;
use luoshi::ledger::{Action, Entry, ReportField};
use luoshi::snapshot::can_keep_both;
use luoshi::Task;
use serde_json::Value;
use yew::prelude::*;

use super::fields::use_entry;
use super::text;
use crate::app::clock::date_and_minute;
use crate::app::ledger_state::use_ledger;

#[derive(Properties, PartialEq)]
pub struct UnitEntriesProps {
    pub task: Task,
}

/// The units that report their own part: every responsible unit but the first lead, in the
/// document's order, then any other unit that wrote an entry.
fn reporting_units(task: &Task, written: impl Iterator<Item = String>) -> Vec<String> {
    let mut units: Vec<String> = task
        .lead_units
        .iter()
        .skip(1)
        .chain(&task.participating_units)
        .cloned()
        .collect();
    for unit in written {
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    units
}

#[function_component(UnitEntries)]
pub fn unit_entries(props: &UnitEntriesProps) -> Html {
    let entry = use_entry(props.task.number);
    let Some(ledger) = use_ledger() else {
        return Html::default();
    };
    let task = props.task.number;
    let annotation = ledger.annotation(task);
    let period = ledger.ledger().current_period(ledger.today());
    let compiled = ledger
        .annotation(task)
        .report(period)
        .cloned()
        .unwrap_or_default();
    let can_compile = entry == Entry::Compiled && !ledger.is_read_only();
    let units = reporting_units(&props.task, annotation.units.keys().cloned());
    let conflicts = open_conflicts(task, annotation);
    if units.is_empty() && conflicts.is_empty() {
        return Html::default();
    }

    let unit_row = |unit: &String| {
        let own = annotation.unit_entry(unit);
        let report = own.and_then(|e| e.reports.get(&period.id()));
        let latest = ReportField::ALL
            .iter()
            .filter_map(|f| {
                let path = unit_path(unit, &format!("report.{}.{}", period.id(), f.key()));
                latest_change(&annotation.history, &path)
            })
            .max_by(|a, b| a.at.cmp(&b.at));
        let standing = own.filter(|e| e.progress != 0 || e.status != Default::default());
        let fields = ReportField::ALL.iter().filter_map(|field| {
            let value = report.map(|r| r.get(*field)).filter(|v| !v.is_empty())?;
            let pull = can_compile.then(|| {
                let ledger = ledger.clone();
                let (field, unit) = (*field, unit.clone());
                let existing = compiled.get(field).to_string();
                let quoted = luoshi::ledger::units::quoted(&unit, value);
                Callback::from(move |_: MouseEvent| {
                    let text = if existing.is_empty() {
                        quoted.clone()
                    } else {
                        format!("{existing}\n{quoted}")
                    };
                    let _ = ledger.apply(Action::SetReport { task, period, field, text });
                })
            });
            let already = compiled
                .get(*field)
                .contains(&luoshi::ledger::units::quoted(unit, value));
            Some(html! {
                <div class="unit-report-field">
                    <span class="field-label">{ field.label() }</span>
                    <p class="report-text">{ value }</p>
                    if let Some(onclick) = pull {
                        <button type="button" class="link-button pull-in" {onclick} disabled={already}
                            aria-label={text::pull_in_label(unit, field.label())}>
                            { if already { text::PULLED_IN } else { text::PULL_IN } }
                        </button>
                    }
                </div>
            })
        });
        html! {
            <li class="unit-entry" data-unit={unit.clone()}>
                <h5>
                    { unit.clone() }
                    if let Some(own) = standing {
                        <span class="unit-standing">{ format!(" {} {}%", own.status.describe(), own.progress) }</span>
                    }
                    if let Some(change) = latest {
                        <span class="reported-by">{ text::reported(&text::who_label(&change.who.name, &change.who.unit), &date_and_minute(&change.at)) }</span>
                    }
                </h5>
                if report.is_some_and(|r| !r.is_empty()) {
                    { for fields }
                } else {
                    <p class="unit-unreported">{ text::UNIT_NOT_REPORTED }</p>
                }
            </li>
        }
    };

    let conflict_row = |conflict: &Conflict| {
        let settle = |value: Option<Value>| {
            let ledger = ledger.clone();
            let field = conflict.field.clone();
            Callback::from(move |_: MouseEvent| {
                let _ = ledger.apply(Action::Settle {
                    task,
                    field: field.clone(),
                    value: value.clone(),
                });
            })
        };
        let both = can_keep_both(&conflict.field).then(|| {
            let (this_by, that_by) = (&conflict.mine_by, &conflict.theirs_by);
            Value::from(luoshi::ledger::text::both_kept(
                (&this_by.0, &this_by.1, &conflict.mine_text),
                (&that_by.0, &that_by.1, &conflict.theirs_text),
            ))
        });
        let read_only = ledger.is_read_only();
        html! {
            <li class="open-conflict" data-field={conflict.field.clone()}>
                <span class="field-label">{ conflict.label.clone() }</span>
                <span class="conflict-value this">
                    <span class="which">{ text::THIS_VALUE }</span>
                    <span class="value">{ conflict.mine_text.clone() }</span>
                    <span class="reported-by">{ text::reported(&text::who_label(&conflict.mine_by.0.name, &conflict.mine_by.0.unit), &date_and_minute(&conflict.mine_by.1)) }</span>
                </span>
                <span class="conflict-value that">
                    <span class="which">{ text::THAT_VALUE }</span>
                    <span class="value">{ conflict.theirs_text.clone() }</span>
                    <span class="reported-by">{ text::reported(&text::who_label(&conflict.theirs_by.0.name, &conflict.theirs_by.0.unit), &date_and_minute(&conflict.theirs_by.1)) }</span>
                </span>
                <span class="settle">
                    <button type="button" class="button" disabled={read_only} onclick={settle(conflict.mine.clone())}>{ text::KEEP_THIS }</button>
                    <button type="button" class="button" disabled={read_only} onclick={settle(conflict.theirs.clone())}>{ text::KEEP_THAT }</button>
                    if let Some(both) = both {
                        <button type="button" class="button" disabled={read_only} onclick={settle(Some(both))}>{ text::KEEP_BOTH }</button>
                    }
                </span>
            </li>
        }
    };

    let heading_id = format!("task-{task}-units");
    html! {
        <section class="unit-entries" aria-labelledby={heading_id.clone()}>
            if !conflicts.is_empty() {
                <div class="open-conflicts" role="note">
                    <h4>{ text::CONFLICTS_HEADING }</h4>
                    <p class="hint">{ text::CONFLICTS_NOTE }</p>
                    <ul>{ for conflicts.iter().map(conflict_row) }</ul>
                </div>
            }
            if !units.is_empty() {
                <h4 id={heading_id}>{ text::units_heading(&period.label()) }</h4>
                <ul class="unit-entry-list">{ for units.iter().map(unit_row) }</ul>
            }
        </section>
    }
}
