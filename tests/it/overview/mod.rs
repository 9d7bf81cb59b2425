//! Native tests of the core's `overview` area.
mod dashboard;
mod delta;
mod fixture;
mod report;
mod scorecard;
