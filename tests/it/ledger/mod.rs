//! Native tests of the core's `ledger` area.
mod apply;
mod consistency;
mod merge;
mod period;
mod progress;
mod store;
mod units;
