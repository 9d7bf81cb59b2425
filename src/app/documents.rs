//! Which document the app shows: the seed plus any the person opened or pasted (kept through
//! `storage`), one reducer shared by `DocumentsProvider` and used through `use_documents()`.
//! The current document is in the URL as `doc=<first 12 hex of its fingerprint>` (absent = seed).

use std::rc::Rc;

use gloo::events::EventListener;
use luoshi::intake;
use luoshi::offload::{FileText, Request, Response};
use luoshi::parse::{ColumnMapping, ParseOptions, TableReading};
use luoshi::route::Route;
use luoshi::session::documents;
use luoshi::{Document, Warning};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::app::address::Address;
use crate::app::clock;
use crate::app::lazy::{self, Answer};
use crate::app::storage::{self, DocumentEntry, StorageError};
pub(crate) use crate::app::text::documents as text;

/// Largest file accepted (bytes); the canonical text has its own, smaller limit
/// (`intake::check_size`).
pub const MAX_BYTES: usize = intake::MAX_FILE_BYTES;
/// How much of the fingerprint the URL carries.
const URL_HEX: usize = 12;

/// What a freshly loaded document holds, shown at once so the person knows what to check.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadReport {
    pub title: String,
    pub tasks: usize,
    pub sections: usize,
    pub units: usize,
    pub targets: usize,
    /// Lines the parser could not place.
    pub warnings: Vec<Warning>,
    /// Printed number and title of each task with neither a lead nor a participating unit.
    pub unitless: Vec<(String, String)>,
    /// Set when the text could not be kept in storage (the document is open for this session only).
    pub not_kept: Option<String>,
    /// How the task table was read (header cells and the role of each column), when there was one.
    pub table: Option<TableReading>,
    /// The sheets of the workbook this came from, and which one was read.
    pub sheets: Vec<String>,
    pub sheet: usize,
}

impl LoadReport {
    pub fn of(document: &Document) -> LoadReport {
        LoadReport {
            title: document.title.clone(),
            tasks: document.tasks.len(),
            sections: document.sections.len(),
            units: document.units.len(),
            targets: document.tasks.iter().map(|task| task.targets.len()).sum(),
            warnings: document.warnings.clone(),
            unitless: document
                .tasks
                .iter()
                .filter(|task| task.lead_units.is_empty() && task.participating_units.is_empty())
                .map(|task| (task.printed_number(), task.title.clone()))
                .collect(),
            not_kept: None,
            table: document.table.clone(),
            sheets: Vec::new(),
            sheet: 0,
        }
    }
}

pub use luoshi::session::documents::parse_text_with;

/// A workbook's sheets: (name, canonical text).
pub type Sheets = Rc<Vec<(String, String)>>;

pub fn url_id(fingerprint: &str) -> &str {
    &fingerprint[..fingerprint.len().min(URL_HEX)]
}

/// Show `address` in the address bar (a new history entry; filters belong to the old document).
fn push_url(address: &Address) {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&address.href()));
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentsState {
    pub seed: Rc<Document>,
    pub current: Rc<Document>,
    /// Loaded documents besides the seed, oldest first.
    pub entries: Vec<DocumentEntry>,
    /// Documents parsed in this page (includes any that could not be kept in storage).
    opened: Vec<Rc<Document>>,
    /// The summary of the document just loaded, until dismissed.
    pub report: Option<LoadReport>,
    /// A refusal or failure to show.
    pub message: Option<String>,
    /// Stored documents whose text is missing or damaged (their ledgers are kept).
    pub damaged: Vec<String>,
    /// A damaged document the person is bringing back by re-opening its original file.
    pub repair: Option<String>,
    /// The text (and workbook) of the document just loaded, for a re-read with another column
    /// mapping or sheet while its summary is open.
    pending: Option<Pending>,
    /// The address the current document is shown at: the page's at start, the one a switch
    /// wrote, or the one Back/Forward went to. The route starts there.
    pub address: Address,
}

#[derive(Debug, Clone, PartialEq)]
struct Pending {
    source: Rc<str>,
    sheets: Option<Sheets>,
}

/// Whether a stored document's text is missing, unreadable or not the text it was stored as.
fn is_damaged(entry: &DocumentEntry) -> bool {
    let stored = storage::document_text(&entry.fingerprint).ok().flatten();
    !documents::is_intact(stored.as_deref(), &entry.fingerprint)
}

impl DocumentsState {
    fn start(seed: Rc<Document>, address: Address) -> DocumentsState {
        let entries = storage::document_entries().unwrap_or_default();
        let damaged = entries
            .iter()
            .filter(|entry| is_damaged(entry))
            .map(|entry| entry.fingerprint.clone())
            .collect();
        let mut state = DocumentsState {
            current: seed.clone(),
            seed,
            entries,
            opened: Vec::new(),
            report: None,
            message: None,
            damaged,
            repair: None,
            pending: None,
            address,
        };
        if let Some(id) = state.address.route().doc {
            match state.find(&id) {
                Some(document) => {
                    state.opened.push(document.clone());
                    state.current = document;
                }
                None if id != url_id(&state.seed.fingerprint) => match state.damaged_entry(&id) {
                    Some(fingerprint) => {
                        state.message = Some(text::DAMAGED.to_string());
                        state.repair = Some(fingerprint);
                    }
                    None => state.message = Some(text::UNKNOWN_DOC.to_string()),
                },
                None => {}
            }
        }
        state
    }

    /// Show `document` (opened in this page if it is not the seed).
    fn show(&mut self, document: Rc<Document>) {
        if !self
            .opened
            .iter()
            .any(|d| d.fingerprint == document.fingerprint)
            && !self.is_seed(&document.fingerprint)
        {
            self.opened.push(document.clone());
        }
        self.current = document;
        self.report = None;
        self.message = None;
        self.repair = None;
        self.pending = None;
    }

    /// The bare address of `document` on this page (the seed's has no `doc=`): what a switch to it
    /// writes in the address bar.
    pub fn bare_address(&self, document: &Document) -> Address {
        let doc = (!self.is_seed(&document.fingerprint))
            .then(|| url_id(&document.fingerprint).to_string());
        self.address.at(&Route {
            doc,
            ..Route::default()
        })
    }

    /// The fingerprint of the damaged stored document `id` names, if it is one.
    pub fn damaged_entry(&self, id: &str) -> Option<String> {
        self.damaged
            .iter()
            .find(|fingerprint| fingerprint.starts_with(id))
            .cloned()
    }

    /// The title of a stored document.
    pub fn entry_title(&self, fingerprint: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.fingerprint == fingerprint)
            .map(|e| e.title.as_str())
    }

    pub fn is_seed(&self, fingerprint: &str) -> bool {
        self.seed.fingerprint == fingerprint
    }

    /// The document whose fingerprint starts with `id`: opened in this page, or kept in storage.
    fn find(&self, id: &str) -> Option<Rc<Document>> {
        if self.seed.fingerprint.starts_with(id) {
            return Some(self.seed.clone());
        }
        if let Some(document) = self.opened.iter().find(|d| d.fingerprint.starts_with(id)) {
            return Some(document.clone());
        }
        let entry = self
            .entries
            .iter()
            .find(|e| e.fingerprint.starts_with(id))?;
        let source = storage::document_text(&entry.fingerprint).ok()??;
        if luoshi::fingerprint::fingerprint(&source) != entry.fingerprint
            || intake::check_size(&source).is_err()
        {
            return None;
        }
        let options = ParseOptions {
            columns: entry.columns.clone(),
        };
        let document = luoshi::parse::parse_with(&source, &options);
        (document.fingerprint == entry.fingerprint).then(|| Rc::new(document))
    }

    /// Every document to offer in the switcher: (fingerprint, title, task count, damaged); seed
    /// first.
    pub fn choices(&self) -> Vec<(String, String, usize, bool)> {
        let mut choices = vec![(
            self.seed.fingerprint.clone(),
            self.seed.title.clone(),
            self.seed.tasks.len(),
            false,
        )];
        for entry in &self.entries {
            let tasks = self
                .opened
                .iter()
                .find(|d| d.fingerprint == entry.fingerprint)
                .map_or(entry.tasks, |d| d.tasks.len());
            let damaged = self.damaged.contains(&entry.fingerprint);
            choices.push((
                entry.fingerprint.clone(),
                entry.title.clone(),
                tasks,
                damaged,
            ));
        }
        choices
    }
}

pub enum DocumentsAction {
    Opened {
        document: Rc<Document>,
        entry: DocumentEntry,
        kept: Result<(), StorageError>,
        source: Rc<str>,
        sheets: Option<(Sheets, usize)>,
    },
    /// A stored document's text is damaged: say so and offer to re-open its original file.
    Damaged(String),
    Show(Rc<Document>),
    /// Back/Forward went to an entry of another document, at this address.
    Followed(Rc<Document>, Address),
    Removed(String),
    Refused(String),
    DismissReport,
    DismissMessage,
}

impl Reducible for DocumentsState {
    type Action = DocumentsAction;

    fn reduce(self: Rc<Self>, action: DocumentsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            DocumentsAction::Opened {
                document,
                entry,
                kept,
                source,
                sheets,
            } => {
                let mut report = LoadReport::of(&document);
                if let Err(error) = kept {
                    report.not_kept = Some(text::not_kept(&error));
                }
                if let Some((sheets, chosen)) = &sheets {
                    report.sheets = sheets.iter().map(|(name, _)| name.clone()).collect();
                    report.sheet = *chosen;
                }
                next.pending = Some(Pending {
                    source,
                    sheets: sheets.map(|(sheets, _)| sheets),
                });
                next.damaged.retain(|known| *known != entry.fingerprint);
                next.repair = None;
                if !self.is_seed(&entry.fingerprint) {
                    next.entries
                        .retain(|known| known.fingerprint != entry.fingerprint);
                    next.entries.push(entry);
                    next.opened
                        .retain(|known| known.fingerprint != document.fingerprint);
                    next.opened.push(document.clone());
                }
                next.current = if self.is_seed(&document.fingerprint) {
                    self.seed.clone()
                } else {
                    document
                };
                next.report = Some(report);
                next.message = None;
            }
            DocumentsAction::Show(document) => {
                if Rc::ptr_eq(&document, &self.current) && self.message.is_none() {
                    return self;
                }
                next.show(document);
            }
            DocumentsAction::Followed(document, address) => {
                next.show(document);
                next.address = address;
                return Rc::new(next);
            }
            DocumentsAction::Damaged(fingerprint) => {
                next.message = Some(text::DAMAGED.to_string());
                next.repair = Some(fingerprint);
            }
            DocumentsAction::Removed(fingerprint) => {
                next.damaged.retain(|known| *known != fingerprint);
                if self.repair.as_deref() == Some(fingerprint.as_str()) {
                    next.repair = None;
                    next.message = None;
                }
                next.entries
                    .retain(|known| known.fingerprint != fingerprint);
                next.opened.retain(|known| known.fingerprint != fingerprint);
                if self.current.fingerprint == fingerprint {
                    next.current = self.seed.clone();
                    next.report = None;
                }
            }
            DocumentsAction::Refused(message) => next.message = Some(message),
            DocumentsAction::DismissReport => {
                if self.report.is_none() {
                    return self;
                }
                next.report = None;
                next.pending = None;
            }
            DocumentsAction::DismissMessage => {
                if self.message.is_none() && self.repair.is_none() {
                    return self;
                }
                next.message = None;
                next.repair = None;
            }
        }
        if next.current.fingerprint != self.current.fingerprint {
            // Switched here: the address bar says `?doc=…` alone (see `bare_address`).
            next.address = next.bare_address(&next.current);
        }
        Rc::new(next)
    }
}

/// The documents as components see them, changed only through domain methods.
#[derive(Clone, PartialEq)]
pub struct DocumentsHandle {
    state: UseReducerHandle<DocumentsState>,
}

impl DocumentsHandle {
    pub fn state(&self) -> &DocumentsState {
        &self.state
    }

    /// Parse `source` and show it; keep its text for later visits when storage allows.
    pub fn open_text(&self, source: &str) {
        self.open_parsed(source, None, None);
    }

    /// Open a file's bytes: any type luoshi reads, or a refusal saying how to get one it does.
    /// The reading (`luoshi::offload::file_text`) is done by the lazily loaded module.
    pub fn open_file(&self, name: &str, bytes: &[u8]) {
        let documents = self.clone();
        let request = Request::OpenFile {
            name: name.to_string(),
        };
        lazy::ask(&request, &[bytes], move |answer| match answer {
            Ok(Answer {
                response: Response::Opened(opened),
                ..
            }) => match opened {
                Ok(FileText::Text(text)) => {
                    documents.open_parsed(&text, None, None);
                }
                Ok(FileText::Sheets(sheets, chosen)) => match sheets.get(chosen) {
                    Some((_, text)) => {
                        let text = text.clone();
                        documents.open_parsed(&text, None, Some((Rc::new(sheets), chosen)));
                    }
                    None => documents.refuse(text::NO_TASKS.to_string()),
                },
                Err(message) => documents.refuse(message),
            },
            Ok(_) => documents.refuse(lazy::UNAVAILABLE.to_string()),
            Err(message) => documents.refuse(message),
        });
    }

    /// Read the document just opened again, its table's columns as `columns` says; the choice
    /// is kept with the document so every later visit reads it the same way.
    pub fn reread(&self, columns: ColumnMapping) {
        let Some(pending) = self.state.pending.clone() else {
            return;
        };
        let sheets = pending.sheets.clone().map(|sheets| {
            let chosen = self.state.report.as_ref().map_or(0, |report| report.sheet);
            (sheets, chosen)
        });
        self.open_parsed(&pending.source, Some(columns), sheets);
    }

    /// Read another sheet of the workbook just opened instead. The sheet read before is
    /// forgotten unless it already has a ledger.
    pub fn choose_sheet(&self, index: usize) {
        let Some(sheets) = self.state.pending.as_ref().and_then(|p| p.sheets.clone()) else {
            return;
        };
        let Some((_, text)) = sheets.get(index) else {
            return;
        };
        let previous = self.state.current.fingerprint.clone();
        let text = text.clone();
        if luoshi::fingerprint::fingerprint(&text) == previous {
            return;
        }
        if self.open_parsed(&text, None, Some((sheets, index)))
            && !self.state.is_seed(&previous)
            && storage::peek_ledger(&previous).is_none()
        {
            let _ = storage::remove_document(&previous, false);
            self.state.dispatch(DocumentsAction::Removed(previous));
        }
    }

    /// Parse, then (only then) store and show. Returns whether the document opened.
    fn open_parsed(
        &self,
        source: &str,
        columns: Option<ColumnMapping>,
        sheets: Option<(Sheets, usize)>,
    ) -> bool {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let document = match parse_text_with(source, columns.clone()) {
            Ok(document) => Rc::new(document),
            Err(message) => {
                self.state.dispatch(DocumentsAction::Refused(message));
                return false;
            }
        };
        if let Some(expected) = &self.state.repair {
            if !documents::repairs(expected, &document) {
                self.state
                    .dispatch(DocumentsAction::Refused(text::not_the_original(
                        self.state.entry_title(expected).unwrap_or_default(),
                    )));
                return false;
            }
        }
        // A re-read keeps the automatic reading stored as `None`.
        let columns = columns.filter(|_| document.table.as_ref().is_some_and(|t| t.overridden));
        let entry = DocumentEntry {
            fingerprint: document.fingerprint.clone(),
            title: document.title.clone(),
            added_at: clock::now(),
            tasks: document.tasks.len(),
            columns,
        };
        let kept = if self.state.is_seed(&entry.fingerprint) {
            Ok(())
        } else {
            storage::save_document(&entry, source)
        };
        push_url(&self.state.bare_address(&document));
        self.state.dispatch(DocumentsAction::Opened {
            document,
            entry,
            kept,
            source: Rc::from(source),
            sheets,
        });
        true
    }

    pub fn refuse(&self, message: String) {
        self.state.dispatch(DocumentsAction::Refused(message));
    }

    pub fn switch_to(&self, fingerprint: &str) {
        if fingerprint == self.state.current.fingerprint {
            return;
        }
        match self.state.find(fingerprint) {
            Some(document) => {
                push_url(&self.state.bare_address(&document));
                self.state.dispatch(DocumentsAction::Show(document));
            }
            None => match self.state.damaged_entry(fingerprint) {
                Some(fingerprint) => self.state.dispatch(DocumentsAction::Damaged(fingerprint)),
                None => self
                    .state
                    .dispatch(DocumentsAction::Refused(text::UNKNOWN_DOC.to_string())),
            },
        }
    }

    /// Forget a loaded document (never the seed); its ledger stays unless `with_ledger`.
    pub fn remove(&self, fingerprint: &str, with_ledger: bool) {
        if self.state.is_seed(fingerprint) {
            return;
        }
        if let Err(error) = storage::remove_document(fingerprint, with_ledger) {
            self.state
                .dispatch(DocumentsAction::Refused(text::not_removed(&error)));
            return;
        }
        if self.state.current.fingerprint == fingerprint {
            push_url(&self.state.bare_address(&self.state.seed));
        }
        self.state
            .dispatch(DocumentsAction::Removed(fingerprint.to_string()));
    }

    pub fn dismiss_report(&self) {
        self.state.dispatch(DocumentsAction::DismissReport);
    }

    pub fn dismiss_message(&self) {
        self.state.dispatch(DocumentsAction::DismissMessage);
    }
}

#[hook]
pub fn use_documents() -> Option<DocumentsHandle> {
    use_context::<DocumentsHandle>()
}

#[derive(Properties, PartialEq)]
pub struct DocumentsProviderProps {
    /// The default document (the seed), always offered.
    pub seed: Rc<Document>,
    /// The address the page was opened at (its `doc=` picks the document).
    pub address: Address,
    pub children: Html,
}

#[function_component(DocumentsProvider)]
pub fn documents_provider(props: &DocumentsProviderProps) -> Html {
    let (seed, address) = (props.seed.clone(), props.address.clone());
    let state = use_reducer(move || DocumentsState::start(seed, address));
    let handle = DocumentsHandle {
        state: state.clone(),
    };

    // Back/Forward across a document switch: follow the address bar.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                let address = Address::current();
                let id = address
                    .route()
                    .doc
                    .unwrap_or_else(|| url_id(&state.seed.fingerprint).to_string());
                if !state.current.fingerprint.starts_with(&id) {
                    if let Some(document) = state.find(&id) {
                        state.dispatch(DocumentsAction::Followed(document, address));
                    }
                }
            });
            move || drop(listener)
        });
    }

    html! {
        <ContextProvider<DocumentsHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<DocumentsHandle>>
    }
}
