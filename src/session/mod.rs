//! The app's session decisions, framework-free: what the browser shell does with files, links and
//! storage is decided here and tested natively; `src/app` only wires timers, listeners and storage
//! to these functions.
//!
//! Architecture Invariant: no yew/web-sys/gloo, no clock (times come in as arguments), no storage
//! access — callers pass what is stored in and write what comes out.

pub mod documents;
pub mod import;
pub mod ledger;
