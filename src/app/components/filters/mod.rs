//! The find side of the list: facets with live counts, the search box, active-filter chips, the
//! reader's own unit and the keyboard. Every control edits the route (the URL's `Query`); the
//! core's `QueryIndex::evaluate` decides what matches and how many.

pub(crate) mod chips;
pub(crate) mod facets;
pub(crate) mod keys;
pub(crate) mod my_unit;
pub(crate) mod toolbar;

use std::rc::Rc;

use luoshi::query::LedgerFacts;
use luoshi::query::{Evaluation, FactColumns, NoFacts};
use yew::prelude::*;

use crate::app::ledger_state::use_ledger;
use crate::app::route::use_route;
use crate::app::SharedIndex;

pub use chips::ActiveFilters;
pub use facets::FacetPanel;
pub use my_unit::{use_my_unit, MyUnitProvider};
pub use toolbar::Toolbar;

/// The route evaluated against the document and the ledger's facts (status, this period's
/// report, light, 挂牌督办): the matching tasks, facet counts, search terms and jump. Recomputed
/// only when the route, the reader's unit or the ledger changes.
#[hook]
pub fn use_evaluation() -> Rc<Evaluation> {
    use_evaluation_when(true)
}

/// [`use_evaluation`] for a part that needs it only sometimes (the export panel, while open):
/// the empty evaluation while `needed` is false, so a closed panel adds no second evaluation of
/// the route to every keystroke.
#[hook]
pub fn use_evaluation_when(needed: bool) -> Rc<Evaluation> {
    let route = use_route();
    let index = use_context::<SharedIndex>();
    let my_unit = use_my_unit().unit;
    let ledger = use_ledger();
    // The ledger's facts for every task, read once per ledger change (or report period) rather
    // than on every keystroke: typing changes only the route.
    let columns = use_memo(
        (needed, index.clone(), ledger, route.query.report_period),
        |(needed, index, ledger, period)| {
            let (true, Some(index)) = (*needed, index) else {
                return FactColumns::default();
            };
            match ledger {
                Some(ledger) => index
                    .0
                    .fact_columns(&LedgerFacts::new(ledger.ledger(), ledger.today()), *period),
                None => index.0.fact_columns(&NoFacts, *period),
            }
        },
    );
    use_memo(
        (needed, route.query, my_unit, index, columns),
        |(needed, query, my_unit, index, columns)| {
            let (true, Some(index)) = (*needed, index) else {
                return Evaluation::default();
            };
            index.0.evaluate_columns(query, columns, my_unit.as_deref())
        },
    )
}

#[cfg(test)]
pub(crate) mod tests;
