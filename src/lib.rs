//! luoshi core: parse key-task documents, model the ledger, query and export it.
//! Framework-free: no yew, no web-sys; the CLI, native tests and the web app all use it.

pub mod document;
pub mod export;
pub mod fingerprint;
pub mod identity;
pub mod intake;
pub mod ledger;
pub mod offload;
pub mod overview;
pub mod parse;
pub mod period;
pub mod query;
pub mod route;
pub mod session;
pub mod share;
pub mod snapshot;
pub mod sorting;
pub mod store;
pub mod synthetic;

pub use document::{Comparator, Document, Section, Target, Task, TaskNumber, Unit, Warning};

/// The seed document, embedded from `seeds/`.
pub const SEED_TEXT: &str = include_str!("../seeds/chengyang-2023-key-tasks.txt");

/// Parse the embedded seed document.
pub fn seed_document() -> Document {
    parse::parse(SEED_TEXT)
}
