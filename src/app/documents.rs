//! Which document the app shows: the seed plus any the person opened or pasted (kept through
//! `storage`), one reducer shared by `DocumentsProvider` and used through `use_documents()`.
//! The current document is in the URL as `doc=<first 12 hex of its fingerprint>` (absent = seed).

use std::rc::Rc;

use gloo::events::EventListener;
use luoshi::{Document, Warning};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::app::clock;
use crate::app::storage::{self, DocumentEntry, StorageError};

/// Largest text accepted (bytes).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
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
        }
    }
}

/// The task's printed number ("二-3"), or its running number.
/// Parse a text the person gave; a text with no tasks is refused (with the message to show).
pub fn parse_text(source: &str) -> Result<Document, String> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.len() > MAX_BYTES {
        return Err(text::TOO_LARGE.to_string());
    }
    let document = luoshi::parse::parse(source);
    if document.tasks.is_empty() {
        return Err(text::NO_TASKS.to_string());
    }
    Ok(document)
}

/// Bytes of a file → text, refusing what is not UTF-8 or too large.
pub fn decode_file(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_BYTES {
        return Err(text::TOO_LARGE.to_string());
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| text::NOT_UTF8.to_string())
}

pub fn url_id(fingerprint: &str) -> &str {
    &fingerprint[..fingerprint.len().min(URL_HEX)]
}

/// The `doc` parameter of the address bar, if any (read by the core's `luoshi::route`).
pub fn doc_param() -> Option<String> {
    luoshi::route::Route::parse(&crate::app::address::search()).doc
}

/// Append the current `doc` parameter to a query string (so filter links stay on this document).
pub fn with_doc_param(query: String) -> String {
    luoshi::route::with_doc(query, doc_param().as_deref())
}

/// Show `fingerprint` in the address bar (a new history entry; filters belong to the old document).
fn push_url(fingerprint: Option<&str>) {
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap_or_default();
    let url = match fingerprint {
        Some(fingerprint) => format!("{path}?doc={}", url_id(fingerprint)),
        None => path,
    };
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
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
}

impl DocumentsState {
    fn start(seed: Rc<Document>) -> DocumentsState {
        let entries = storage::document_entries().unwrap_or_default();
        let mut state = DocumentsState {
            current: seed.clone(),
            seed,
            entries,
            opened: Vec::new(),
            report: None,
            message: None,
        };
        if let Some(id) = doc_param() {
            match state.find(&id) {
                Some(document) => {
                    state.opened.push(document.clone());
                    state.current = document;
                }
                None if id != url_id(&state.seed.fingerprint) => {
                    state.message = Some(text::UNKNOWN_DOC.to_string())
                }
                None => {}
            }
        }
        state
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
        let document = luoshi::parse::parse(&source);
        (document.fingerprint == entry.fingerprint).then(|| Rc::new(document))
    }

    /// Every document to offer in the switcher: (fingerprint, title, task count); seed first.
    pub fn choices(&self) -> Vec<(String, String, usize)> {
        let mut choices = vec![(
            self.seed.fingerprint.clone(),
            self.seed.title.clone(),
            self.seed.tasks.len(),
        )];
        for entry in &self.entries {
            let tasks = self
                .opened
                .iter()
                .find(|d| d.fingerprint == entry.fingerprint)
                .map_or(entry.tasks, |d| d.tasks.len());
            choices.push((entry.fingerprint.clone(), entry.title.clone(), tasks));
        }
        choices
    }
}

pub enum DocumentsAction {
    Opened {
        document: Rc<Document>,
        entry: DocumentEntry,
        kept: Result<(), StorageError>,
    },
    Show(Rc<Document>),
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
            } => {
                let mut report = LoadReport::of(&document);
                if let Err(error) = kept {
                    report.not_kept = Some(text::not_kept(&error));
                }
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
                if !next
                    .opened
                    .iter()
                    .any(|d| d.fingerprint == document.fingerprint)
                    && !self.is_seed(&document.fingerprint)
                {
                    next.opened.push(document.clone());
                }
                next.current = document;
                next.report = None;
                next.message = None;
            }
            DocumentsAction::Removed(fingerprint) => {
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
            }
            DocumentsAction::DismissMessage => {
                if self.message.is_none() {
                    return self;
                }
                next.message = None;
            }
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
        let document = match parse_text(source) {
            Ok(document) => Rc::new(document),
            Err(message) => {
                self.state.dispatch(DocumentsAction::Refused(message));
                return;
            }
        };
        let entry = DocumentEntry {
            fingerprint: document.fingerprint.clone(),
            title: document.title.clone(),
            added_at: clock::now(),
            tasks: document.tasks.len(),
        };
        let kept = if self.state.is_seed(&entry.fingerprint) {
            Ok(())
        } else {
            storage::save_document(&entry, source.strip_prefix('\u{feff}').unwrap_or(source))
        };
        push_url((!self.state.is_seed(&entry.fingerprint)).then_some(entry.fingerprint.as_str()));
        self.state.dispatch(DocumentsAction::Opened {
            document,
            entry,
            kept,
        });
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
                push_url((!self.state.is_seed(fingerprint)).then_some(fingerprint));
                self.state.dispatch(DocumentsAction::Show(document));
            }
            None => self
                .state
                .dispatch(DocumentsAction::Refused(text::UNKNOWN_DOC.to_string())),
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
            push_url(None);
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
    pub children: Html,
}

#[function_component(DocumentsProvider)]
pub fn documents_provider(props: &DocumentsProviderProps) -> Html {
    let seed = props.seed.clone();
    let state = use_reducer(move || DocumentsState::start(seed));
    let handle = DocumentsHandle {
        state: state.clone(),
    };

    // Back/Forward across a document switch: follow the address bar.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                let id = doc_param().unwrap_or_else(|| url_id(&state.seed.fingerprint).to_string());
                if !state.current.fingerprint.starts_with(&id) {
                    if let Some(document) = state.find(&id) {
                        state.dispatch(DocumentsAction::Show(document));
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

/// UI text of documents, kept together for review.
pub mod text {
    use crate::app::storage::StorageError;

    pub const TOO_LARGE: &str = "文件超过 5 MB，无法打开。";
    pub const NOT_UTF8: &str = "文件不是 UTF-8 编码的文本，请另存为 UTF-8 后再打开。";
    pub const NO_TASKS: &str =
        "未能从这段文本中识别出任何任务，文档未打开。请确认是“重点工作任务”类文件的正文。";
    pub const UNKNOWN_DOC: &str = "链接中的文档不在本浏览器中，已显示默认文档。";
    pub const READ_FAILED: &str = "读取文件失败。";

    fn reason(error: &StorageError) -> &'static str {
        match error {
            StorageError::QuotaExceeded => "浏览器存储空间已满",
            StorageError::Unavailable => "浏览器存储不可用",
            StorageError::Other(_) => "浏览器存储出错",
        }
    }

    pub fn not_kept(error: &StorageError) -> String {
        format!(
            "{}：文档仅在本次打开期间可用，刷新后需重新打开。",
            reason(error)
        )
    }

    pub fn not_removed(error: &StorageError) -> String {
        format!("{}：未能移除文档。", reason(error))
    }
}
