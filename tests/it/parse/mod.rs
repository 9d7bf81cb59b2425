//! Native tests of the core's `parse` area.
mod corpus;
mod layouts;
mod proptest;
mod scale;
mod seed;
mod tables;
mod targets;
mod unplaced;
mod variants;
