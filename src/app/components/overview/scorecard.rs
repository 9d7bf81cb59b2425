//! The unit scorecard: one row per unit, sorted by clicking a column heading (aria-sort tells
//! which); a unit's name links to the tasks it leads.

use std::rc::Rc;

use luoshi::overview::{Scorecard, ScorecardSort, SortDirection};
use yew::prelude::*;

use super::nav::QueryLink;
use super::text;

/// Sorting is this table's own state: a reducer over the computed scorecard.
#[derive(Clone, PartialEq)]
struct SortState {
    scorecard: Scorecard,
}

enum SortAction {
    /// A column heading was clicked.
    Click(ScorecardSort),
    /// The data changed (ledger edit): recompute, keeping the order the person chose.
    Replace(Scorecard),
}

impl Reducible for SortState {
    type Action = SortAction;

    fn reduce(self: Rc<Self>, action: SortAction) -> Rc<Self> {
        let mut scorecard = self.scorecard.clone();
        match action {
            SortAction::Click(column) => scorecard.click(column),
            SortAction::Replace(fresh) => {
                if fresh.rows == self.scorecard.rows {
                    return self;
                }
                scorecard = fresh;
                scorecard.sort(self.scorecard.sort, self.scorecard.direction);
            }
        }
        Rc::new(SortState { scorecard })
    }
}

#[derive(Properties, PartialEq)]
pub struct ScorecardTableProps {
    /// In the document's unit order.
    pub scorecard: Scorecard,
}

/// Rows shown before "显示全部": enough for the top of any sort order, few enough that the
/// overview stays as quick to draw as the task list.
const FIRST_ROWS: usize = 20;

#[function_component(ScorecardTable)]
pub fn scorecard_table(props: &ScorecardTableProps) -> Html {
    let state = use_reducer(|| SortState {
        scorecard: props.scorecard.clone(),
    });
    let show_all = use_state_eq(|| false);
    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.scorecard.clone(), move |fresh| {
            dispatcher.dispatch(SortAction::Replace(fresh.clone()));
        });
    }
    let scorecard = &state.scorecard;
    let total = scorecard.rows.len();
    let shown = if *show_all {
        total
    } else {
        total.min(FIRST_ROWS)
    };
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    let heading = |column: ScorecardSort| {
        let sorted = scorecard.sort == column;
        let aria_sort = match (sorted, scorecard.direction) {
            (false, _) => "none",
            (true, SortDirection::Ascending) => "ascending",
            (true, SortDirection::Descending) => "descending",
        };
        let onclick = {
            let dispatcher = state.dispatcher();
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(SortAction::Click(column)))
        };
        let arrow = match (sorted, scorecard.direction) {
            (false, _) => "↕",
            (true, SortDirection::Ascending) => "↑",
            (true, SortDirection::Descending) => "↓",
        };
        let numeric = column != ScorecardSort::Unit;
        html! {
            <th scope="col" aria-sort={aria_sort} class={classes!(numeric.then_some("num"))}
                data-column={column.as_param()}>
                <button type="button" class="sort-button" {onclick}>
                    { column.label() }<span class="sort-arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    html! {
        <div class="table-scroll">
            <table class="ov-table scorecard">
                <caption class="visually-hidden">{ text::SCORECARD_HEADING }</caption>
                <thead>
                    <tr>{ for ScorecardSort::ALL.into_iter().map(heading) }</tr>
                </thead>
                <tbody>
                    { for scorecard.rows.iter().zip(scorecard.cells()).take(shown).map(|(row, cells)| html! {
                        <tr key={row.unit.clone()} data-unit={row.unit.clone()}>
                            <th scope="row">
                                <QueryLink to={row.led_query()}>{ row.unit.clone() }</QueryLink>
                                if row.group {
                                    <span class="group-mark">{ text::GROUP_MARK }</span>
                                }
                            </th>
                            { for cells.into_iter().skip(1).map(|cell| html! { <td class="num">{ cell }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            if total > FIRST_ROWS {
                <p class="scorecard-more">
                    <button type="button" class="button" onclick={toggle} aria-expanded={show_all.to_string()}>
                        { if *show_all { text::show_first_units(FIRST_ROWS) } else { text::show_all_units(total) } }
                    </button>
                </p>
            }
        </div>
    }
}
