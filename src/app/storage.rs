//! The only module that touches localStorage. Every call returns a `Result`, and a value that cannot
//! be read is never written over: it is moved to a backup key first (or left alone, and saving stops).

use gloo::events::EventListener;
use luoshi::ledger::Ledger;
use luoshi::store::{self, Load, StoreError};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Storage, StorageEvent};

/// Why localStorage could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No localStorage at all (disabled, or a privacy mode that throws on access).
    Unavailable,
    /// The browser's quota for this site is used up.
    QuotaExceeded,
    /// Anything else the browser threw, with its name for diagnosis.
    Other(String),
}

impl StorageError {
    fn from_js(error: &JsValue) -> StorageError {
        // A DOMException; its name is stable across browsers, its code and message are not.
        let name = js_sys::Reflect::get(error, &JsValue::from_str("name"))
            .ok()
            .and_then(|name| name.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
            "SecurityError" => StorageError::Unavailable,
            _ => StorageError::Other(name),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Result<Storage, StorageError> {
    gloo::utils::window()
        .local_storage()
        .map_err(|error| StorageError::from_js(&error))?
        .ok_or(StorageError::Unavailable)
}

#[cfg(not(target_arch = "wasm32"))]
fn local_storage() -> Result<Storage, StorageError> {
    Err(StorageError::Unavailable)
}

/// The raw value under `key`, if any.
#[cfg(target_arch = "wasm32")]
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?
        .get_item(key)
        .map_err(|error| StorageError::from_js(&error))
}

/// The build-time prerender (native) renders what a first-time visitor sees: nothing stored. Writes
/// still fail (`local_storage` is unavailable there); the prerender never reaches one.
#[cfg(not(target_arch = "wasm32"))]
pub fn read(_key: &str) -> Result<Option<String>, StorageError> {
    Ok(None)
}

pub(crate) fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?
        .set_item(key, value)
        .map_err(|error| StorageError::from_js(&error))
}

fn remove(key: &str) -> Result<(), StorageError> {
    local_storage()?
        .remove_item(key)
        .map_err(|error| StorageError::from_js(&error))
}

/// What is stored for a document, after any unreadable value was moved out of the way.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// Nothing stored yet.
    Nothing,
    /// A readable ledger; `migrated_from` is an older format version it was upgraded from.
    Ledger {
        ledger: Ledger,
        migrated_from: Option<u64>,
        raw: String,
    },
    /// Unreadable. `backup_key` is where the raw value now lives; `None` when it could not be moved,
    /// so it is still under the ledger key and must not be saved over.
    Unreadable {
        error: StoreError,
        raw: String,
        backup_key: Option<String>,
    },
    /// Written by a newer version: left alone; do not save.
    Blocked { error: StoreError, raw: String },
}

/// Read the ledger of the document with `fingerprint`. `now` names a backup key if one is needed.
pub fn find_ledger(fingerprint: &str, now: &str) -> Result<Found, StorageError> {
    let key = store::storage_key(fingerprint);
    let Some(raw) = read(&key)? else {
        return Ok(Found::Nothing);
    };
    Ok(match store::load(Some(&raw), fingerprint, now) {
        Load::Fresh(_) => Found::Nothing,
        Load::Stored {
            ledger,
            migrated_from,
        } => Found::Ledger {
            ledger,
            migrated_from,
            raw,
        },
        Load::Blocked { error } => Found::Blocked { error, raw },
        Load::Unreadable {
            error, backup_key, ..
        } => {
            let backup_key = move_aside(&key, &backup_key, &raw).then_some(backup_key);
            Found::Unreadable {
                error,
                raw,
                backup_key,
            }
        }
    })
}

/// Move `raw` from `key` to `backup_key`. Copy first, so the value exists somewhere at every moment.
/// When the copy does not fit, free the original's space first and put it back if the copy still
/// fails. Returns whether the value now lives under `backup_key` (and no longer under `key`).
fn move_aside(key: &str, backup_key: &str, raw: &str) -> bool {
    match write(backup_key, raw) {
        Ok(()) => remove(key).is_ok(),
        Err(StorageError::QuotaExceeded) => {
            if remove(key).is_err() {
                return false;
            }
            if write(backup_key, raw).is_ok() {
                true
            } else {
                // Same size as what was just removed, so this fits again.
                let _ = write(key, raw);
                false
            }
        }
        Err(_) => false,
    }
}

/// Write the ledger under its document's key; returns the raw value written.
pub fn save_ledger(ledger: &Ledger) -> Result<String, StorageError> {
    let raw = store::encode(ledger);
    write(&store::storage_key(&ledger.fingerprint), &raw)?;
    Ok(raw)
}

/// Where the ledger as it was before the last import is kept (for 撤销导入 after a reload too).
fn import_backup_key(fingerprint: &str) -> String {
    format!("luoshi.before-import.{fingerprint}")
}

/// The stored before-import backup of a document (an [`luoshi::store::ImportBackup`] encoded).
pub fn import_backup(fingerprint: &str) -> Result<Option<String>, StorageError> {
    read(&import_backup_key(fingerprint))
}

/// Keep `encoded` (a `store::encode`d ledger) as the before-import backup of its document.
pub fn save_import_backup(fingerprint: &str, encoded: &str) -> Result<(), StorageError> {
    write(&import_backup_key(fingerprint), encoded)
}

/// Forget the before-import backup (it was restored).
pub fn clear_import_backup(fingerprint: &str) -> Result<(), StorageError> {
    remove(&import_backup_key(fingerprint))
}

/// Whether this site's localStorage holds anything of ours (any `luoshi.` key: a ledger, prefs,
/// documents, backups). The start-up decision between hydrating the prerendered first view and
/// replacing it (`first_view`) needs only this: a first-time visitor has nothing stored.
#[cfg(target_arch = "wasm32")]
pub fn holds_app_data() -> Result<bool, StorageError> {
    let storage = local_storage()?;
    let length = storage
        .length()
        .map_err(|error| StorageError::from_js(&error))?;
    for index in 0..length {
        let key = storage
            .key(index)
            .map_err(|error| StorageError::from_js(&error))?;
        if key.is_some_and(|key| key.starts_with("luoshi.")) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Call `on_change` with the new raw value whenever another tab writes `key` (the browser fires
/// `storage` only in the other tabs, never in the one that wrote). `None` means it was removed.
pub fn watch(key: String, on_change: impl Fn(Option<String>) + 'static) -> EventListener {
    EventListener::new(&gloo::utils::window(), "storage", move |event| {
        let Some(event) = event.dyn_ref::<StorageEvent>() else {
            return;
        };
        // `key` is null when another tab cleared all of storage.
        match event.key() {
            Some(changed) if changed == key => on_change(event.new_value()),
            None => on_change(None),
            Some(_) => {}
        }
    })
}

/// Key of the list of documents loaded besides the seed (JSON array of [`DocumentEntry`]).
pub const DOCUMENTS_KEY: &str = "luoshi.documents";

/// Key of a loaded document's source text.
pub fn document_key(fingerprint: &str) -> String {
    format!("luoshi.document.{fingerprint}")
}

/// One loaded document as the list remembers it; its text lives under [`document_key`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocumentEntry {
    pub fingerprint: String,
    pub title: String,
    pub added_at: String,
    /// Task count, for the switcher's progress without parsing every text.
    #[serde(default)]
    pub tasks: usize,
}

/// The loaded documents' list. An unreadable list reads as empty but is never written over: it is
/// moved to a backup key first (see [`save_document`]).
pub fn document_entries() -> Result<Vec<DocumentEntry>, StorageError> {
    let Some(raw) = read(DOCUMENTS_KEY)? else {
        return Ok(Vec::new());
    };
    Ok(serde_json::from_str(&raw).unwrap_or_default())
}

fn write_entries(entries: &[DocumentEntry]) -> Result<(), StorageError> {
    if let Some(raw) = read(DOCUMENTS_KEY)? {
        if serde_json::from_str::<Vec<DocumentEntry>>(&raw).is_err() {
            // Keep what we could not read rather than write over it.
            let _ = move_aside(DOCUMENTS_KEY, &format!("{DOCUMENTS_KEY}.unreadable"), &raw);
        }
    }
    let raw =
        serde_json::to_string(entries).map_err(|error| StorageError::Other(error.to_string()))?;
    write(DOCUMENTS_KEY, &raw)
}

/// The stored text of a loaded document.
pub fn document_text(fingerprint: &str) -> Result<Option<String>, StorageError> {
    read(&document_key(fingerprint))
}

/// Keep a loaded document (text first, then the list, so the list never names a missing text).
/// On failure nothing half-written stays behind.
pub fn save_document(entry: &DocumentEntry, source: &str) -> Result<(), StorageError> {
    let key = document_key(&entry.fingerprint);
    write(&key, source)?;
    let mut entries = document_entries()?;
    entries.retain(|known| known.fingerprint != entry.fingerprint);
    entries.push(entry.clone());
    if let Err(error) = write_entries(&entries) {
        let _ = remove(&key);
        return Err(error);
    }
    Ok(())
}

/// Forget a loaded document's text; its ledger goes too only when `with_ledger`.
pub fn remove_document(fingerprint: &str, with_ledger: bool) -> Result<(), StorageError> {
    let mut entries = document_entries()?;
    entries.retain(|known| known.fingerprint != fingerprint);
    write_entries(&entries)?;
    remove(&document_key(fingerprint))?;
    if with_ledger {
        remove(&store::storage_key(fingerprint))?;
    }
    Ok(())
}

/// The stored ledger of a document, read only (for progress in the switcher and for export);
/// `None` when there is none or it cannot be read.
pub fn peek_ledger(fingerprint: &str) -> Option<Ledger> {
    let raw = read(&store::storage_key(fingerprint)).ok()??;
    match store::load(Some(&raw), fingerprint, "") {
        Load::Stored { ledger, .. } => Some(ledger),
        _ => None,
    }
}
