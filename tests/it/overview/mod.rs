//! Native tests of the core's `overview` area.
mod collection;
mod dashboard;
mod delta;
mod fixture;
mod report;
mod scorecard;
