//! The collection round beside the scorecard: per lead unit 已报送 x/y and when it last reported
//! (by `luoshi::overview::CollectionRound`: a unit counts only the reports it wrote itself), the
//! units still to report, and a 催办 notice with the deadline the coordinator sets, to copy.

use std::rc::Rc;

use luoshi::overview::CollectionRound;
use luoshi::period::Date;
use luoshi::Document;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::text;
use crate::app::clock;
use crate::app::components::report::clipboard::copy;

/// Days the default deadline lies after the as-of date.
const DEFAULT_DEADLINE_DAYS: i64 = 5;

#[derive(Properties, PartialEq)]
pub struct CollectionPanelProps {
    pub document: Rc<Document>,
    pub round: Rc<CollectionRound>,
    /// The date the notice speaks of (截至…).
    pub as_of: Date,
    /// Who signs the notice (the coordinator's unit; may be empty).
    pub from: AttrValue,
}

#[function_component(CollectionPanel)]
pub fn collection_panel(props: &CollectionPanelProps) -> Html {
    let default_deadline = props.as_of.add_days(DEFAULT_DEADLINE_DAYS);
    let deadline = use_state_eq(|| default_deadline);
    let copied = use_state_eq(|| None::<bool>);
    let round = &props.round;
    let pending = round.pending();
    let notice = round.reminder(&props.document, props.as_of, *deadline, &props.from);

    let set_deadline = {
        let (deadline, copied) = (deadline.clone(), copied.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(date) = Date::parse(&input.value()) {
                deadline.set(date);
                copied.set(None);
            }
        })
    };
    let copy_notice = {
        let (copied, notice) = (copied.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(notice) = &notice {
                let copied = copied.clone();
                copy(notice, Callback::from(move |ok| copied.set(Some(ok))));
            }
        })
    };

    html! {
        <div class="collection" data-period={round.period.id()}>
            <p class="collection-summary" role="status">
                { text::collection_summary(&round.period.label(), round.complete_count(), round.rows.len()) }
            </p>
            <div class="table-scroll">
                <table class="ov-table collection-table">
                    <caption class="visually-hidden">{ text::COLLECTION_TABLE }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ text::COL_UNIT }</th>
                            <th scope="col" class="num">{ text::COL_REPORTED }</th>
                            <th scope="col">{ text::COL_LAST_REPORTED }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for round.rows.iter().map(|row| html! {
                            <tr key={row.unit.clone()} data-unit={row.unit.clone()}
                                class={classes!((!row.complete()).then_some("collection-pending-row"))}>
                                <th scope="row">{ row.unit.clone() }</th>
                                <td class="num">{ row.fraction() }</td>
                                <td>{ row.last_reported.as_deref().map(clock::date_and_minute)
                                        .unwrap_or_else(|| text::NEVER_REPORTED.to_string()) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h4>{ text::list_heading_units(text::PENDING_HEADING, pending.len()) }</h4>
            if pending.is_empty() {
                <p class="muted">{ text::NOBODY_PENDING }</p>
            } else {
                <ul class="collection-pending">
                    { for pending.iter().map(|row| html! {
                        <li data-unit={row.unit.clone()}>
                            { text::pending_unit(&row.unit, row.unreported().len(), row.tasks.len()) }
                        </li>
                    }) }
                </ul>
                <div class="reminder">
                    <label class="reminder-deadline">
                        <span>{ text::DEADLINE_LABEL }</span>
                        <input type="date" value={deadline.to_string()} onchange={set_deadline} />
                    </label>
                    <label class="reminder-label" for="reminder-text">{ text::REMINDER_LABEL }</label>
                    <textarea id="reminder-text" class="reminder-text" readonly=true rows="10"
                        value={notice.clone().unwrap_or_default()} />
                    <p>
                        <button type="button" class="button" onclick={copy_notice}>{ text::COPY_REMINDER }</button>
                        { match *copied {
                            Some(true) => html! { <span role="status">{ text::REMINDER_COPIED }</span> },
                            Some(false) => html! { <span role="status">{ text::REMINDER_COPY_FAILED }</span> },
                            None => Html::default(),
                        } }
                    </p>
                </div>
            }
        </div>
    }
}
