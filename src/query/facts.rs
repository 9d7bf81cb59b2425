//! The ledger as the query's [`TaskFacts`]: the adapter from `ledger` to `query`, next to the
//! trait it implements (the dashboard, the list and the facets all evaluate against it).

use super::{LightBucket, TaskFacts};
use crate::document::TaskNumber;
use crate::ledger::{Ledger, Status};
use crate::period::{Date, Period};

/// The ledger as [`TaskFacts`] for the query core, so bar queries evaluate against the same data.
/// `has_report` means a non-empty report for `period` (the query's 有进展报告 facet then reads
/// "reported this period"); lights are judged at `today` (the ledger's as-of date wins).
#[derive(Debug, Clone, Copy)]
pub struct LedgerFacts<'a> {
    pub ledger: &'a Ledger,
    pub period: Period,
    pub today: Date,
}

impl<'a> LedgerFacts<'a> {
    /// Facts as the dashboard sees them on `today`: the ledger's current period.
    pub fn new(ledger: &'a Ledger, today: Date) -> LedgerFacts<'a> {
        LedgerFacts {
            ledger,
            period: ledger.current_period(today),
            today,
        }
    }
}

impl TaskFacts for LedgerFacts<'_> {
    fn status(&self, task: TaskNumber) -> Option<Status> {
        self.ledger.annotation(task).map(|a| a.standing().status)
    }
    fn has_report(&self, task: TaskNumber) -> bool {
        reported_in(self.ledger, task, self.period)
    }
    fn updated_at(&self, task: TaskNumber) -> Option<&str> {
        self.ledger
            .annotation(task)
            .and_then(|a| a.updated_at.as_deref())
    }
    fn light(&self, task: TaskNumber) -> LightBucket {
        LightBucket::of(self.ledger, task, self.today)
    }
    fn supervised(&self, task: TaskNumber) -> bool {
        self.ledger.annotation(task).is_some_and(|a| a.supervised)
    }
    fn has_report_in(&self, task: TaskNumber, period: Period) -> bool {
        reported_in(self.ledger, task, period)
    }
}

/// Whether a task has a non-empty report for `period`.
pub fn reported_in(ledger: &Ledger, task: TaskNumber, period: Period) -> bool {
    ledger
        .annotation(task)
        .and_then(|a| a.report(period))
        .is_some_and(|r| !r.is_empty())
}
