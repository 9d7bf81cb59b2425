//! Native tests of the core's `overview` area.
mod dashboard;
mod delta;
mod report;
mod scorecard;
mod fixture;
