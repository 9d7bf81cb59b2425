//! Native tests of the core's `query` area.
mod facets;
mod filter;
mod fixture;
mod leaders;
mod route;
mod seed;
mod text;
mod units;
mod url;
