//! The annotation side of the app: the ledger bar, the task editor and history, and the controls in
//! list rows. State lives in `crate::app::ledger_state`; storage in `crate::app::storage`.

pub(crate) mod bar;
pub(crate) mod download;
pub(crate) mod editor;
pub(crate) mod fields;
pub(crate) mod history;
pub(crate) mod reports;
pub(crate) mod row;
pub(crate) mod sign;
pub(crate) mod targets;
pub(crate) use crate::app::text::annotate as text;
pub(crate) mod units;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod units_tests;

pub use bar::LedgerBar;
pub use editor::TaskEditor;
pub use history::TaskHistory;
pub use row::RowControls;
