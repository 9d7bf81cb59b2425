//! Who the reader is: one name and one unit, which both signs their edits (history `who`, the
//! attribution the collection round counts by) and is their 本单位 (the default view). The unit is
//! chosen from the document's units, so a typo cannot break attribution; 其他单位 is free text for a
//! unit the document does not name.

use crate::document::Document;
use crate::ledger::Who;
use serde::{Deserialize, Serialize};

/// The reader's identity. Kept once per browser (not per document).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Identity {
    pub name: String,
    pub unit: String,
}

/// How the identity's unit stands against one document's unit list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitStanding {
    /// No unit given yet.
    Missing,
    /// One of the document's units (attribution and 本单位 work).
    Listed,
    /// Typed under 其他单位: signs edits, but the document gives it no tasks.
    Other,
}

impl Identity {
    pub fn new(name: &str, unit: &str) -> Identity {
        Identity {
            name: name.trim().to_string(),
            unit: normalise(unit),
        }
    }

    /// Both a name and a unit: edits can be signed.
    pub fn is_complete(&self) -> bool {
        !self.name.is_empty() && !self.unit.is_empty()
    }

    /// The signature recorded in history.
    pub fn who(&self) -> Who {
        Who {
            name: self.name.clone(),
            unit: self.unit.clone(),
        }
    }

    /// The unit as 本单位, when there is one.
    pub fn my_unit(&self) -> Option<&str> {
        Some(self.unit.as_str()).filter(|unit| !unit.is_empty())
    }

    pub fn standing(&self, document: &Document) -> UnitStanding {
        if self.unit.is_empty() {
            UnitStanding::Missing
        } else if document.units.iter().any(|u| u.name == self.unit) {
            UnitStanding::Listed
        } else {
            UnitStanding::Other
        }
    }

    /// The identity from the two settings earlier versions kept apart: "我是…" (name + a typed unit,
    /// stored with each document's ledger) and 设置本单位 (picked from a list). The name is kept. The
    /// unit: the typed one when it matches a document unit ([`match_unit`]), else the picked 本单位,
    /// else the typed text as 其他单位.
    pub fn migrate(user: &Who, my_unit: Option<&str>, document: &Document) -> Identity {
        let typed = normalise(&user.unit);
        let picked = my_unit.map(normalise).filter(|unit| !unit.is_empty());
        let unit = match_unit(&typed, document).or(picked).unwrap_or(typed);
        Identity {
            name: user.name.trim().to_string(),
            unit,
        }
    }
}

/// What to do at start-up so the one stored identity signs this document's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciled {
    /// Store this as the browser's identity (first start after an upgrade: taken from the
    /// ledger's "我是…" and 本单位 by [`Identity::migrate`]).
    pub store: Option<Identity>,
    /// Sign this ledger's edits as this (`Action::SetUser`), when it differs from its `user`.
    pub sign_as: Option<Who>,
}

/// The stored identity is the one setting: every document's ledger signs with it. Without one, the
/// settings earlier versions kept apart (the ledger's `user`, the picked 本单位) become it.
pub fn reconcile(
    stored: Option<&Identity>,
    user: &Who,
    my_unit: Option<&str>,
    document: &Document,
) -> Reconciled {
    let (identity, store) = match stored.filter(|i| !i.name.is_empty() || !i.unit.is_empty()) {
        Some(identity) => (identity.clone(), None),
        None => {
            let migrated = Identity::migrate(user, my_unit, document);
            let worth = !migrated.name.is_empty() || !migrated.unit.is_empty();
            (migrated.clone(), worth.then_some(migrated))
        }
    };
    let who = identity.who();
    let sign_as = (who != *user && (!who.name.is_empty() || !who.unit.is_empty())).then_some(who);
    Reconciled { store, sign_as }
}

/// The document unit a typed name means: the same name (ignoring spaces), else the one unit whose
/// name contains it or is contained in it (科技局 → 区科技局). `None` when none or several fit.
pub fn match_unit(typed: &str, document: &Document) -> Option<String> {
    let typed = normalise(typed);
    if typed.is_empty() {
        return None;
    }
    let names = || {
        document
            .units
            .iter()
            .filter(|u| !u.group)
            .map(|u| u.name.as_str())
    };
    if let Some(exact) = names().find(|name| normalise(name) == typed) {
        return Some(exact.to_string());
    }
    let mut near = names().filter(|name| name.contains(typed.as_str()) || typed.contains(name));
    match (near.next(), near.next()) {
        (Some(one), None) => Some(one.to_string()),
        _ => None,
    }
}

/// The document's units whose names contain every character group typed (spaces separate groups),
/// in document order; all of them for an empty query. For the searchable unit picker.
pub fn search_units<'a>(query: &str, document: &'a Document) -> Vec<&'a str> {
    let parts: Vec<&str> = query.split_whitespace().collect();
    document
        .units
        .iter()
        .map(|u| u.name.as_str())
        .filter(|name| parts.iter().all(|part| name.contains(part)))
        .collect()
}

/// Trimmed, with inner runs of (also full-width) spaces removed: unit names carry no spaces.
fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("")
}
