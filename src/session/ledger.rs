//! The ledger session: the state of one document's ledger in a page ([`Session`]) and its one
//! state machine ([`Session::step`]: an edit, a save done or failed, another tab's write, an
//! unreadable or newer stored value, a replace after an import or its undo), the two-tab merge
//! ([`theirs`]) and the save plan ([`save_plan`]: given what is stored and what this page last
//! knew, what to write). The app's `ledger_state` wires these to timers, `storage` events and
//! localStorage: it opens the session from what storage holds, dispatches messages, and writes
//! when the step asks for a save.
//!
//! Architecture Invariant: no clock and no storage here; times and stored values come in as
//! arguments. The failure of a write is the caller's type `E` (the app's storage error).

use std::rc::Rc;

use crate::ledger::{merge_latest, Action, Applied, Ledger};
use crate::TaskNumber;

/// Where saving stands, for the "已保存 hh:mm:ss" indicator. `E`: why a write failed.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState<E> {
    /// Nothing changed since the page opened.
    Idle,
    Pending,
    Saved {
        /// The time of day of the write, as the caller gave it.
        at: String,
    },
    Failed(E),
}

/// Why this page does not write to storage at all.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadOnly {
    /// The stored ledger is from a newer version (message from the core's store).
    Blocked { message: String },
}

/// A stored value that could not be read, kept for the person to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// What the person is told (worded by the caller).
    pub message: String,
    /// The value exactly as it was stored.
    pub raw: Rc<str>,
    /// Where it was moved; `None` if it could not be moved (then saving is off).
    pub backup_key: Option<String>,
}

/// One document's ledger in this page, and where its storage stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Session<E> {
    pub ledger: Rc<Ledger>,
    /// Bumped by every change that must reach storage; `saved_revision` is the last one written.
    pub revision: u64,
    pub saved_revision: u64,
    pub save: SaveState<E>,
    pub read_only: Option<ReadOnly>,
    /// Edits are allowed but must not be written (an unreadable value could not be moved aside).
    pub saving_off: bool,
    pub unreadable: Option<Unreadable>,
    /// Storage could not be used when the page opened.
    pub unavailable: bool,
    /// Tasks whose stored values were moved to units' own entries when opened (a ledger from
    /// before per-unit entries, `ledger::units::migrate`); the ledger bar says so.
    pub moved_to_units: Vec<TaskNumber>,
}

/// A message to the session.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg<E> {
    /// Apply an action at `now` (validation errors were already reported to the person).
    Apply {
        action: Action,
        now: String,
    },
    /// Another tab wrote this ledger (`None`: it removed it).
    Theirs(Option<Ledger>),
    /// The ledger of `revision` was written at `at`.
    Saved {
        revision: u64,
        at: String,
    },
    SaveFailed(E),
    /// The stored value turned out to be from a newer version while saving.
    Blocked {
        message: String,
    },
    /// An unreadable value turned up under our key while saving (moved aside unless its
    /// `backup_key` is `None`, which stops saving).
    FoundUnreadable(Unreadable),
    DismissUnreadable,
    /// Replace the whole ledger (an import was applied, or undone from its backup); saved like any
    /// other change.
    Replace(Ledger),
    /// The session as opened from storage now. A page that hydrates the prerendered first view
    /// starts from the nothing-stored session (its first render must be the prerender's) and
    /// opens what is stored right after ([`Session::step`] says how it is taken in).
    Opened(Box<Session<E>>),
}

/// What a step did, for the caller to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The session is as it was (the caller keeps its old state: no re-render).
    Unchanged,
    /// The session changed; nothing needs writing.
    Changed,
    /// The session changed and its revision went up: write it after the save delay (a new
    /// revision restarts the delay).
    SaveSoon,
}

impl<E: Clone + PartialEq> Session<E> {
    /// A new, empty ledger for the document with `fingerprint` (nothing stored yet).
    pub fn new(fingerprint: &str) -> Session<E> {
        Session {
            ledger: Rc::new(Ledger::new(fingerprint)),
            revision: 0,
            saved_revision: 0,
            save: SaveState::Idle,
            read_only: None,
            saving_off: false,
            unreadable: None,
            unavailable: false,
            moved_to_units: Vec::new(),
        }
    }

    /// The stored ledger, read. `upgraded`: it was stored in an older format, or some of its
    /// values were moved to units' entries (`moved`): the upgraded form is written back (the
    /// session opens one revision ahead of storage).
    pub fn stored(ledger: Ledger, upgraded: bool, moved: Vec<TaskNumber>) -> Session<E> {
        let mut session = Session::new(&ledger.fingerprint);
        if upgraded || !moved.is_empty() {
            session.revision = 1;
        }
        session.ledger = Rc::new(ledger);
        session.moved_to_units = moved;
        session
    }

    /// The stored value could not be read: an empty ledger, with saving off when the value could
    /// not be moved aside (writing would destroy it).
    pub fn unreadable(fingerprint: &str, unreadable: Unreadable) -> Session<E> {
        let mut session = Session::new(fingerprint);
        session.saving_off = unreadable.backup_key.is_none();
        session.unreadable = Some(unreadable);
        session
    }

    /// The stored ledger is from a newer version: nothing is shown as ours and nothing written.
    pub fn blocked(fingerprint: &str, message: String) -> Session<E> {
        let mut session = Session::new(fingerprint);
        session.read_only = Some(ReadOnly::Blocked { message });
        session
    }

    /// Storage could not be used at all: edits stay in the page.
    pub fn unavailable(fingerprint: &str) -> Session<E> {
        let mut session = Session::new(fingerprint);
        session.unavailable = true;
        session
    }

    /// Changes not yet written.
    pub fn has_unsaved(&self) -> bool {
        self.revision > self.saved_revision
    }

    /// Whether this page writes at all (not read-only, saving not off).
    pub fn may_save(&self) -> bool {
        self.read_only.is_none() && !self.saving_off
    }

    /// The save plan now, given the raw value stored under our key and the one this page last
    /// wrote or read (see [`save_plan`]).
    pub fn save_plan(&self, stored: Option<&str>, last_known: Option<&str>) -> SavePlan {
        save_plan(self.may_save(), self.has_unsaved(), stored, last_known)
    }

    /// Take `ledger` as a change to write.
    fn changed(&mut self, ledger: Ledger) -> Effect {
        self.ledger = Rc::new(ledger);
        self.revision += 1;
        if self.may_save() && !matches!(self.save, SaveState::Failed(_)) {
            self.save = SaveState::Pending;
        }
        Effect::SaveSoon
    }

    /// Handle one message.
    pub fn step(&mut self, msg: Msg<E>) -> Effect {
        match msg {
            Msg::Apply { action, now } => {
                if self.read_only.is_some() {
                    return Effect::Unchanged;
                }
                let mut ledger = (*self.ledger).clone();
                match ledger.apply(action, &now) {
                    Ok(Applied::Changed { .. }) => self.changed(ledger),
                    Ok(Applied::NoChange) | Err(_) => Effect::Unchanged,
                }
            }
            Msg::Theirs(None) => {
                // Another tab removed our key: write ours back rather than lose it.
                let ledger = (*self.ledger).clone();
                self.changed(ledger)
            }
            Msg::Theirs(Some(their_ledger)) => {
                match theirs(&self.ledger, &their_ledger, self.has_unsaved()) {
                    Theirs::Unchanged => Effect::Unchanged,
                    // A save that stopped to merge their write must still happen, even when their
                    // write added nothing: the new revision restarts the save delay.
                    Theirs::Save(merged) => self.changed(merged),
                    Theirs::Adopt(merged) => {
                        self.ledger = Rc::new(merged);
                        Effect::Changed
                    }
                }
            }
            Msg::Saved { revision, at } => {
                self.saved_revision = self.saved_revision.max(revision);
                self.save = if self.has_unsaved() {
                    SaveState::Pending
                } else {
                    SaveState::Saved { at }
                };
                Effect::Changed
            }
            Msg::SaveFailed(error) => {
                self.save = SaveState::Failed(error);
                Effect::Changed
            }
            Msg::Blocked { message } => {
                self.read_only = Some(ReadOnly::Blocked { message });
                Effect::Changed
            }
            Msg::FoundUnreadable(unreadable) => {
                self.saving_off = self.saving_off || unreadable.backup_key.is_none();
                if self.saving_off {
                    self.save = SaveState::Idle;
                }
                self.unreadable = Some(unreadable);
                Effect::Changed
            }
            Msg::Replace(ledger) => {
                if self.read_only.is_some() || ledger == *self.ledger {
                    return Effect::Unchanged;
                }
                self.changed(ledger)
            }
            Msg::DismissUnreadable => {
                if self.unreadable.is_none() || self.saving_off {
                    return Effect::Unchanged;
                }
                self.unreadable = None;
                Effect::Changed
            }
            Msg::Opened(opened) => self.opened(*opened),
        }
    }

    /// Take in the session opened from storage after this page started without it. Untouched
    /// (nothing changed in this page yet, the usual case): the stored session is taken whole, so
    /// nothing is written unless opening itself upgraded the ledger. Otherwise the stored ledger
    /// is merged under this page's changes and saved, with the stored session's limits (read-only,
    /// saving off, an unreadable value): never the nothing-stored ledger over the stored one.
    fn opened(&mut self, opened: Session<E>) -> Effect {
        if opened.ledger.fingerprint != self.ledger.fingerprint {
            return Effect::Unchanged;
        }
        if self.revision == 0 {
            if opened == *self {
                return Effect::Unchanged;
            }
            let upgraded = opened.has_unsaved();
            *self = opened;
            return if upgraded {
                Effect::SaveSoon
            } else {
                Effect::Changed
            };
        }
        let ours = std::mem::replace(self, opened);
        if self.read_only.is_some() {
            // A newer version's ledger: nothing of ours is shown or written.
            return Effect::Changed;
        }
        let merged = match theirs(&ours.ledger, &self.ledger, true) {
            Theirs::Save(merged) | Theirs::Adopt(merged) => merged,
            Theirs::Unchanged => (*ours.ledger).clone(),
        };
        self.revision = self.revision.max(ours.revision);
        self.changed(merged)
    }
}

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
