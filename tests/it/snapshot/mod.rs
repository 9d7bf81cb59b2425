//! Native tests of the core's `snapshot` area.
pub mod common;
mod import;
mod merge;
mod report;
mod share;
