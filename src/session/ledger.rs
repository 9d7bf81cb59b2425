//! The ledger session's storage decisions: what to do with another tab's write (the two-tab
//! merge), and the save plan (given what is stored and what this page last knew, what to write).
//! The app's `ledger_state` wires these to timers, `storage` events and localStorage.

use crate::ledger::{merge_latest, Ledger};

/// What another tab's write means for this page's ledger.
#[derive(Debug, Clone, PartialEq)]
pub enum Theirs {
    /// Nothing changes (a write for another document, or one that adds nothing and lacks nothing).
    Unchanged,
    /// Show the merged ledger; storage already holds it (their write had everything of ours).
    Adopt(Ledger),
    /// Show the merged ledger and save it: their write lacks something of ours, or a save of ours
    /// is waiting (it stopped to merge their write and must still happen).
    Save(Ledger),
}

/// Merge another tab's ledger into ours. `unsaved`: this page has changes not yet written.
/// Their settings (user, cadence, as-of date) are taken when nothing of ours is waiting, as
/// theirs are then the newest in this browser.
pub fn theirs(mine: &Ledger, theirs: &Ledger, unsaved: bool) -> Theirs {
    if theirs.fingerprint != mine.fingerprint {
        return Theirs::Unchanged;
    }
    let mut merged = merge_latest(mine, theirs).ledger;
    if !unsaved {
        merged.user = theirs.user.clone();
        merged.cadence = theirs.cadence;
        merged.as_of = theirs.as_of;
    }
    let they_lack_ours = merged.tasks != theirs.tasks || merged.last_export != theirs.last_export;
    if merged == *mine && !they_lack_ours && !unsaved {
        return Theirs::Unchanged;
    }
    if they_lack_ours || unsaved {
        Theirs::Save(merged)
    } else {
        Theirs::Adopt(merged)
    }
}

/// What a save must do first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavePlan {
    /// Nothing to write (read-only, saving off, or nothing unsaved).
    Nothing,
    /// Write ours: storage holds what we last knew (or nothing).
    Write,
    /// Another tab wrote since we last looked: read and merge theirs first; the merge asks for the
    /// next save.
    MergeFirst,
}

/// The save plan: `may_save` (not read-only, saving not off), `unsaved` (changes not written),
/// `stored` (the raw value under our key now) and `last_known` (the raw value this page last
/// wrote or read).
pub fn save_plan(
    may_save: bool,
    unsaved: bool,
    stored: Option<&str>,
    last_known: Option<&str>,
) -> SavePlan {
    if !may_save || !unsaved {
        SavePlan::Nothing
    } else if stored.is_some() && stored != last_known {
        SavePlan::MergeFirst
    } else {
        SavePlan::Write
    }
}
