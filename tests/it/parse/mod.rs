//! Native tests of the core's `parse` area.
mod layouts;
mod proptest;
mod scale;
mod seed;
mod targets;
mod unplaced;
mod variants;
