//! Native tests of the core's `session` area: the decisions the app's providers only wire up.
mod documents;
mod import;
mod ledger;
mod ledger_step;
