//! The native integration tests: one test binary (one link on 2 cores instead of thirty), a module
//! per area of the core. Shared fixtures live next to the tests that use them (`query::fixture`,
//! `snapshot::common`, `overview::fixture`); data files are under `tests/fixtures/`.
//!
//! Run one area: `cargo test --test it parse::`; the bounded fuzz stage of scripts/test.sh runs
//! `cargo test --test it fuzz:: -- --nocapture`.

mod cli;
mod export;
mod fuzz;
mod growth;
mod identity;
mod intake;
mod ledger;
mod offload;
mod overview;
mod parse;
mod query;
mod session;
mod snapshot;
