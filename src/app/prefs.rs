//! The reader's own preferences (their unit), kept under `luoshi.prefs` as versioned JSON.
//! Reads and writes go through `storage`, the one module that touches localStorage.

use serde::{Deserialize, Serialize};

use crate::app::storage::{self, StorageError};
use crate::app::text;

pub const KEY: &str = luoshi::store::keys::PREFS;
const FORMAT: &str = "luoshi-prefs";
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Prefs {
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub version: u32,
    /// The unit the reader works for; the default view shows its tasks.
    #[serde(default)]
    pub my_unit: Option<String>,
    /// Who the reader is (name + unit): signs their edits in every document's ledger. Its unit is
    /// also `my_unit`: one setting (`luoshi::identity`).
    #[serde(default)]
    pub identity: Option<luoshi::identity::Identity>,
    /// The reader answered the one-time 署名 prompt with 暂不署名.
    #[serde(default)]
    pub identity_skipped: bool,
}

/// Why preferences could not be read or kept, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrefsError {
    /// No localStorage (private mode, disabled storage).
    Unavailable,
    /// Stored, but not readable as preferences; left untouched.
    Unreadable,
    /// The browser refused to store (quota, policy).
    WriteFailed,
}

impl PrefsError {
    pub fn message(&self) -> &'static str {
        match self {
            PrefsError::Unavailable => text::PREFS_UNAVAILABLE,
            PrefsError::Unreadable => text::PREFS_UNREADABLE,
            PrefsError::WriteFailed => text::PREFS_WRITE_FAILED,
        }
    }
}

/// The stored preferences; defaults when nothing is stored yet.
pub fn load() -> Result<Prefs, PrefsError> {
    let raw = storage::read(KEY).map_err(|_| PrefsError::Unavailable)?;
    match raw {
        None => Ok(Prefs::default()),
        Some(raw) => serde_json::from_str(&raw).map_err(|_| PrefsError::Unreadable),
    }
}

/// The reader's unit, if they picked one.
pub fn my_unit() -> Result<Option<String>, PrefsError> {
    Ok(load()?.my_unit.filter(|unit| !unit.is_empty()))
}

/// Remember (or forget, with `None`) the reader's unit. Refuses to overwrite preferences it could
/// not read, so an unreadable copy is never lost.
pub fn set_my_unit(unit: Option<&str>) -> Result<(), PrefsError> {
    update(|prefs| prefs.my_unit = unit.map(str::to_string))
}

/// The stored identity, if any.
pub fn identity() -> Result<Option<luoshi::identity::Identity>, PrefsError> {
    Ok(load()?.identity)
}

/// Remember who the reader is; its unit becomes 本单位 too (one setting).
pub fn set_identity(identity: &luoshi::identity::Identity) -> Result<(), PrefsError> {
    update(|prefs| {
        prefs.identity = Some(identity.clone());
        if !identity.unit.is_empty() {
            prefs.my_unit = Some(identity.unit.clone());
        }
    })
}

/// Whether the reader chose 暂不署名 at the one-time prompt.
pub fn identity_skipped() -> bool {
    load().is_ok_and(|prefs| prefs.identity_skipped)
}

pub fn skip_identity() -> Result<(), PrefsError> {
    update(|prefs| prefs.identity_skipped = true)
}

fn update(change: impl FnOnce(&mut Prefs)) -> Result<(), PrefsError> {
    let mut prefs = load()?;
    prefs.format = FORMAT.to_string();
    prefs.version = VERSION;
    change(&mut prefs);
    let json = serde_json::to_string(&prefs).map_err(|_| PrefsError::WriteFailed)?;
    storage::write(KEY, &json).map_err(|error| match error {
        StorageError::Unavailable => PrefsError::Unavailable,
        _ => PrefsError::WriteFailed,
    })
}
