//! The find side of the list: facets with live counts, the search box, active-filter chips, the
//! reader's own unit and the keyboard. Every control edits the route (the URL's `Query`); the
//! core's `QueryIndex::evaluate` decides what matches and how many.

pub(crate) mod chips;
pub(crate) mod facets;
pub(crate) mod keys;
pub(crate) mod my_unit;
pub(crate) mod toolbar;

use std::rc::Rc;

use luoshi::query::{Evaluation, NoFacts};
use yew::prelude::*;

use crate::app::route::use_route;
use crate::app::SharedIndex;

pub use chips::ActiveFilters;
pub use facets::FacetPanel;
pub use my_unit::{use_my_unit, MyUnitProvider};
pub use toolbar::Toolbar;

/// The route evaluated against the document (and, once the ledger is in context, its facts):
/// the matching tasks, facet counts, search terms and jump. Recomputed only when the route or
/// the reader's unit changes.
#[hook]
pub fn use_evaluation() -> Rc<Evaluation> {
    let route = use_route();
    let index = use_context::<SharedIndex>();
    let my_unit = use_my_unit().unit;
    use_memo((route, my_unit, index), |(route, my_unit, index)| {
        index
            .as_ref()
            .map(|index| index.0.evaluate(route, &NoFacts, my_unit.as_deref()))
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests;
