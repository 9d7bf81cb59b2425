//! Wiring of export, import and share links to the browser: reading picked or dropped files,
//! downloads, the print dialog, the address bar's `#s=…` fragment and the stored backup for
//! 撤销导入. The decisions are the core's (`luoshi::session::import`, `luoshi::snapshot`,
//! `luoshi::export`, `luoshi::share`); the components in `components/exchange` only lay out markup.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::FileReader;
use luoshi::intake::{drop_kind, DropKind};
use luoshi::ledger::Ledger;
use luoshi::offload::{
    CheckRequest, CheckedRead, Request, Response, SheetRead, SheetRequest, SheetsRequest,
};
use luoshi::session::import::{
    unreadable, FileRead, ImportFlow, ImportMsg, ImportNotice, ReadFile,
};
use luoshi::share::{
    decode_link_one_pass, link_base, LinkUnavailable, ShareLink, LINK_NAME, PREFIX,
};
use luoshi::snapshot::{self, Coverage, Incoming, Resolution};
use luoshi::{Document, TaskNumber};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::app::clock;
use crate::app::components::annotate::download::{download, download_bytes};
use crate::app::lazy::{self, Answer};
use crate::app::ledger_state::LedgerHandle;
use crate::app::storage;

/// The import flow as app state (see [`ImportFlow::step`]).
#[derive(Clone, PartialEq, Default)]
pub struct FlowState(pub ImportFlow);

impl Reducible for FlowState {
    type Action = ImportMsg;

    fn reduce(self: Rc<Self>, msg: ImportMsg) -> Rc<Self> {
        Rc::new(FlowState(self.0.step(msg)))
    }
}

/// A ledger compared by identity: every change makes a new `Rc`, so this keys memos "once per
/// ledger change" without comparing or hashing whole ledgers.
#[derive(Clone)]
struct SameLedger(Rc<Ledger>);

impl PartialEq for SameLedger {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The import flow of one page, with its actions. Cheap to clone (handles and callbacks).
#[derive(Clone)]
pub struct ImportHandle {
    flow: UseReducerHandle<FlowState>,
    /// Whether the ledger is still what the last import made (hashed once per ledger change).
    undoable: bool,
    pub readers: Rc<RefCell<Vec<FileReader>>>,
}

impl PartialEq for ImportHandle {
    fn eq(&self, other: &Self) -> bool {
        self.flow == other.flow
            && self.undoable == other.undoable
            && Rc::ptr_eq(&self.readers, &other.readers)
    }
}

impl ImportHandle {
    pub fn flow(&self) -> &ImportFlow {
        &self.flow.0
    }

    pub fn offers_undo(&self) -> bool {
        self.flow.0.offers_undo(self.undoable)
    }

    pub fn dispatch(&self, msg: ImportMsg) {
        self.flow.dispatch(msg);
    }

    /// Files read: check them with the core and show the preview (or the refusals). The files
    /// are read (`luoshi::session::import::read_file`: snapshots, filled-in Excel sheets) by the
    /// lazily loaded module; the preview is made here, against the ledger of the moment.
    pub fn check(&self, files: &[ReadFile], document: &Document, ledger: &LedgerHandle) {
        if ledger.is_read_only() {
            self.dispatch(ImportMsg::Notice(ImportNotice::ReadOnly));
            return;
        }
        // Snapshot files the one-pass reader accepts are read here; filled-in Excel sheets, and
        // snapshot files that need the field-checked reader (to be refused with its reasons, or
        // read field by field), by the lazily loaded module.
        let now = clock::now();
        let mut reads: Vec<Option<FileRead>> = Vec::with_capacity(files.len());
        let mut sheets: Vec<(String, &[u8])> = Vec::new();
        let mut checks: Vec<(String, &[u8])> = Vec::new();
        for (name, bytes) in files {
            let read = match bytes.as_deref() {
                Some(bytes) if is_sheet(name, bytes) => {
                    sheets.push((name.clone(), bytes));
                    None
                }
                Some(bytes) => {
                    let read = snapshot::import_one_pass(name, bytes, document)
                        .map(|incoming| accepted(incoming, &now));
                    if read.is_none() {
                        checks.push((name.clone(), bytes));
                    }
                    read
                }
                None => Some(unreadable(name)),
            };
            reads.push(read);
        }
        if sheets.is_empty() && checks.is_empty() {
            let reads: Vec<FileRead> = reads.into_iter().flatten().collect();
            self.dispatch(ImportMsg::Checked(ImportFlow::of_reads(
                &reads,
                ledger.ledger(),
            )));
            return;
        }
        let sheet_request = (!sheets.is_empty()).then(|| {
            Request::ReadSheets(Box::new(SheetsRequest {
                names: sheets.iter().map(|(name, _)| name.clone()).collect(),
                document: document.clone(),
                ledger: for_worker(ledger.ledger()),
                now: now.clone(),
            }))
        });
        let check_request = (!checks.is_empty()).then(|| {
            Request::CheckSnapshots(Box::new(CheckRequest {
                names: checks.iter().map(|(name, _)| name.clone()).collect(),
                document: document.clone(),
            }))
        });
        let sheet_buffers: Vec<&[u8]> = sheets.iter().map(|(_, bytes)| *bytes).collect();
        let check_buffers: Vec<Vec<u8>> = checks.iter().map(|(_, bytes)| bytes.to_vec()).collect();
        let flow = self.flow.clone();
        let ledger = ledger.clone();
        let (files, document) = (files.to_vec(), document.clone());
        ask_if(sheet_request.as_ref(), &sheet_buffers, move |sheets| {
            let sheets = match answered(sheets, |response| match response {
                Response::Sheets(sheets) => Some(sheets),
                _ => None,
            }) {
                Ok(sheets) => sheets,
                Err(message) => return flow.dispatch(ImportMsg::Checked(refused(message))),
            };
            let buffers: Vec<&[u8]> = check_buffers.iter().map(Vec::as_slice).collect();
            ask_if(check_request.as_ref(), &buffers, move |checked| {
                let checked = match answered(checked, |response| match response {
                    Response::Checked(checked) => Some(checked),
                    _ => None,
                }) {
                    Ok(checked) => checked,
                    Err(message) => return flow.dispatch(ImportMsg::Checked(refused(message))),
                };
                let reads = reads_of(&files, reads, sheets, checked, &document, &now);
                flow.dispatch(ImportMsg::Checked(ImportFlow::of_reads(
                    &reads,
                    ledger.ledger(),
                )));
            });
        });
    }

    /// A share link's contents, previewed for merging.
    pub fn merge_link(&self, incoming: &Incoming, ledger: &LedgerHandle) {
        self.dispatch(ImportMsg::Checked(ImportFlow::of_link(
            incoming,
            ledger.ledger(),
            &clock::now(),
        )));
    }

    /// 确认导入: apply the preview, and keep the way back in memory and in storage (so a reload
    /// does not lose it; when storing fails, the person is told).
    pub fn confirm(&self, ledger: &LedgerHandle) {
        let before = ledger.ledger();
        let Some((merged, backup)) = self.flow.0.apply(before, &clock::now()) else {
            return;
        };
        let fingerprint = before.fingerprint.clone();
        let backup = Rc::new(backup);
        if ledger.replace(merged) {
            let kept = storage::save_import_backup(&fingerprint, &backup.encode()).is_ok();
            self.dispatch(ImportMsg::Applied { backup, kept });
        } else {
            self.dispatch(ImportMsg::Notice(ImportNotice::ReadOnly));
        }
    }

    /// 撤销导入: restore the ledger before the import, when it is still what the import made.
    pub fn undo(&self, ledger: &LedgerHandle) {
        if let Some(before) = self.flow.0.undo(ledger.ledger()) {
            let fingerprint = before.fingerprint.clone();
            if ledger.replace(before) {
                let _ = storage::clear_import_backup(&fingerprint);
                self.dispatch(ImportMsg::Undone);
            }
        }
    }

    pub fn resolve(&self) -> Callback<(TaskNumber, String, Resolution)> {
        let flow = self.flow.clone();
        Callback::from(move |(task, field, resolution)| {
            flow.dispatch(ImportMsg::Resolve(task, field, resolution))
        })
    }

    pub fn all(&self) -> Callback<Resolution> {
        let flow = self.flow.clone();
        Callback::from(move |resolution| flow.dispatch(ImportMsg::All(resolution)))
    }
}

/// The import flow of the page, resumed from the stored backup of the last import.
#[hook]
pub fn use_import(ledger: Option<&LedgerHandle>) -> ImportHandle {
    let flow = {
        let fingerprint = ledger.map(|l| l.ledger().fingerprint.clone());
        use_reducer(move || {
            let stored = fingerprint.and_then(|f| storage::import_backup(&f).ok().flatten());
            FlowState(ImportFlow::resume(stored.as_deref()))
        })
    };
    let readers = use_mut_ref(Vec::<FileReader>::new);
    let current = ledger.map(|l| SameLedger(l.state().ledger.clone()));
    let backup = flow.0.backup.clone();
    let undoable = use_memo(
        (current, backup.map(SameBackup)),
        |(current, backup)| match (current, backup) {
            (Some(current), Some(backup)) => backup.0.undoable(&current.0),
            _ => false,
        },
    );
    ImportHandle {
        flow,
        undoable: *undoable,
        readers,
    }
}

/// A backup compared by identity (a new one per import).
#[derive(Clone)]
struct SameBackup(Rc<luoshi::store::ImportBackup>);

impl PartialEq for SameBackup {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Read files' bytes, then call `done` with all of them in their order.
pub fn read_files(
    files: Vec<web_sys::File>,
    readers: &Rc<RefCell<Vec<FileReader>>>,
    done: Callback<Vec<ReadFile>>,
) {
    let total = files.len();
    if total == 0 {
        return;
    }
    let results: Rc<RefCell<Vec<(usize, ReadFile)>>> = Rc::default();
    let mut started = Vec::new();
    for (i, file) in files.into_iter().enumerate() {
        let name = file.name();
        let blob = gloo::file::Blob::from(file);
        let results = results.clone();
        let done = done.clone();
        started.push(gloo::file::callbacks::read_as_bytes(&blob, move |bytes| {
            let mut all = results.borrow_mut();
            all.push((i, (name, bytes.ok())));
            if all.len() == total {
                luoshi::sorting::sort_by_key(&mut all, |(i, _)| *i);
                let files = all.drain(..).map(|(_, file)| file).collect();
                drop(all);
                done.emit(files);
            }
        }));
    }
    // The readers must live until they finish; the list is replaced by the next import.
    *readers.borrow_mut() = started;
}

pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Drag and drop of snapshot files anywhere on the page: whether files are being dragged over it.
/// Dropped snapshot and ledger files (`intake::drop_kind`) are read and passed to `on_files`.
#[hook]
pub fn use_file_drop(
    readers: Rc<RefCell<Vec<FileReader>>>,
    on_files: Callback<Vec<ReadFile>>,
) -> bool {
    let dragging = use_state_eq(|| false);
    {
        let dragging = dragging.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let options = EventListenerOptions::enable_prevent_default();
            let carries_files = |event: &web_sys::DragEvent| {
                event
                    .data_transfer()
                    .map(|d| d.types().includes(&JsValue::from_str("Files"), 0))
                    .unwrap_or(false)
            };
            let over = {
                let dragging = dragging.clone();
                EventListener::new_with_options(&window, "dragover", options, move |event| {
                    if let Some(event) = event.dyn_ref::<web_sys::DragEvent>() {
                        if carries_files(event) {
                            event.prevent_default();
                            dragging.set(true);
                        }
                    }
                })
            };
            let leave = {
                let dragging = dragging.clone();
                EventListener::new(&window, "dragleave", move |event| {
                    // Leaving the window, not just moving between elements.
                    if let Some(event) = event.dyn_ref::<web_sys::DragEvent>() {
                        if event.related_target().is_none() {
                            dragging.set(false);
                        }
                    }
                })
            };
            let drop_files =
                EventListener::new_with_options(&window, "drop", options, move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::DragEvent>() else {
                        return;
                    };
                    if !carries_files(event) {
                        return;
                    }
                    event.prevent_default();
                    dragging.set(false);
                    // Only snapshot and ledger files, by content (a snapshot saved as .txt
                    // too): every other file is a document, answered by the document bar.
                    let files = files_of(event.data_transfer().and_then(|d| d.files()));
                    let on_files = on_files.clone();
                    let snapshots = Callback::from(move |files: Vec<ReadFile>| {
                        let files: Vec<ReadFile> = files
                            .into_iter()
                            .filter(|(name, bytes)| match bytes {
                                Some(bytes) => drop_kind(name, bytes) == DropKind::Snapshot,
                                None => name.to_lowercase().ends_with(".json"),
                            })
                            .collect();
                        if !files.is_empty() {
                            on_files.emit(files);
                        }
                    });
                    read_files(files, &readers, snapshots);
                });
            move || drop((over, leave, drop_files))
        });
    }
    *dragging
}

/// Printing: while the returned state is true the print table is rendered (the views module
/// opens the browser's print dialog once it is drawn: `crate::app::views`, `ViewKind::Print`), and
/// `afterprint` sets it back to false and calls `on_printed`.
#[hook]
pub fn use_print(on_printed: Callback<()>) -> UseStateHandle<bool> {
    let printing = use_state_eq(|| false);
    {
        let printing_now = *printing;
        let printing = printing.clone();
        use_effect_with(printing_now, move |now| {
            let mut listener = None;
            if *now {
                let window = gloo::utils::window();
                listener = Some(EventListener::new(&window, "afterprint", move |_| {
                    printing.set(false);
                    on_printed.emit(());
                }));
            }
            move || drop(listener)
        });
    }
    printing
}

/// Download the JSON snapshot of `scope`; `Ok` marks the ledger exported.
pub fn export_json(document: &Document, ledger: &LedgerHandle, scope: Coverage) -> bool {
    let saved = save_json(document, ledger.ledger(), scope);
    if saved {
        ledger.mark_exported();
    }
    saved
}

/// Download the JSON snapshot of `scope` (the caller marks the ledger exported when `true`).
pub fn save_json(document: &Document, ledger: &Ledger, scope: Coverage) -> bool {
    let snap = snapshot::export(document, ledger, scope, &clock::now());
    download(
        &snap.file_name(document),
        "application/json",
        &snap.to_json(),
    )
    .is_ok()
}

fn is_sheet(name: &str, bytes: &[u8]) -> bool {
    luoshi::export::is_xlsx(name, bytes)
}

/// Ask the lazily loaded module when there is a request; `done` gets `Ok(None)` at once when not.
fn ask_if(
    request: Option<&Request>,
    buffers: &[&[u8]],
    done: impl FnOnce(Result<Option<Response>, String>) + 'static,
) {
    match request {
        Some(request) => lazy::ask(request, buffers, move |answer| {
            done(answer.map(|answer| Some(answer.response)))
        }),
        None => done(Ok(None)),
    }
}

/// The part of an [`ask_if`] answer that `pick` takes (nothing asked: an empty list), or the
/// message to show: the module's own, or [`lazy::UNAVAILABLE`] for an answer of another kind.
fn answered<T>(
    answer: Result<Option<Response>, String>,
    pick: impl FnOnce(Response) -> Option<Vec<T>>,
) -> Result<Vec<T>, String> {
    match answer {
        Ok(None) => Ok(Vec::new()),
        Ok(Some(response)) => pick(response).ok_or_else(|| lazy::UNAVAILABLE.to_string()),
        Err(message) => Err(message),
    }
}

/// A snapshot file read, future stamps clamped to `now` (as `session::import::read_snapshot`).
fn accepted(incoming: Incoming, now: &str) -> FileRead {
    FileRead {
        incoming: Some(incoming.clamped_to(now)),
        ..FileRead::default()
    }
}

/// Every file's read, in order: those read here (`reads`), the sheets' from the lazily loaded
/// module (`sheets`, in order) and the snapshot files it checked (`checked`, in order).
fn reads_of(
    files: &[ReadFile],
    reads: Vec<Option<FileRead>>,
    sheets: Vec<SheetRead>,
    checked: Vec<CheckedRead>,
    document: &Document,
    now: &str,
) -> Vec<FileRead> {
    let (mut sheets, mut checked) = (sheets.into_iter(), checked.into_iter());
    files
        .iter()
        .zip(reads)
        .map(|((name, bytes), read)| match (read, bytes.as_deref()) {
            (Some(read), _) => read,
            (None, Some(bytes)) if is_sheet(name, bytes) => {
                sheets.next().unwrap_or_default().into_read(name, document)
            }
            (None, _) => match checked
                .next()
                .unwrap_or_default()
                .into_import(name, document)
            {
                Ok(incoming) => accepted(incoming, now),
                Err(message) => FileRead {
                    refused: Some(format!("{name}：{message}")),
                    ..FileRead::default()
                },
            },
        })
        .collect()
}

/// An import that could not even be read (the lazily loaded module failed): its message.
fn refused(message: String) -> ImportFlow {
    ImportFlow {
        refused: vec![message],
        ..ImportFlow::default()
    }
}

/// Download the ledger sheet of `tasks` as XLSX (or CSV); a saved file marks the ledger exported.
/// `unit` names whose ledger it is in the file name; `for_unit`, when the view is narrowed to one
/// unit, makes it that unit's sheet (named in the sheet, so the filled-in file comes back
/// attributed to it); `whole_year` puts every period of the year side by side. The file is
/// written by the lazily loaded module (`luoshi::offload`); `done` gets `Err(message)` when it
/// could not be written or saved.
#[allow(clippy::too_many_arguments)]
pub fn export_sheet(
    document: &Document,
    ledger: &LedgerHandle,
    tasks: &[TaskNumber],
    unit: Option<&str>,
    for_unit: Option<&str>,
    whole_year: bool,
    xlsx: bool,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    let request = Request::LedgerSheet(Box::new(SheetRequest {
        document: document.clone(),
        ledger: for_worker(ledger.ledger()),
        tasks: tasks.to_vec(),
        today: ledger.today(),
        unit: unit.map(str::to_string),
        for_unit: for_unit.map(str::to_string),
        whole_year,
        exported_at: clock::now(),
        xlsx,
    }));
    let ledger = ledger.clone();
    let failed = crate::app::components::exchange::text::EXPORT_FAILED;
    save_written(&request, failed, move |saved| {
        if saved.is_ok() {
            ledger.mark_exported();
        }
        done(saved);
    });
}

/// Ask the lazily loaded module for a file and offer it as a download: `Err` says why not.
/// `save_failed` is the message when the browser does not save it.
pub fn save_written(
    request: &Request,
    save_failed: &'static str,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    lazy::ask(request, &[], move |answer| {
        done(match answer {
            Ok(Answer {
                response: Response::Written { name, mime },
                bytes: Some(bytes),
            }) => download_bytes(&name, &mime, &bytes).map_err(|_| save_failed.to_string()),
            Ok(Answer {
                response: Response::Failed(message),
                ..
            }) => Err(message),
            Ok(_) => Err(lazy::UNAVAILABLE.to_string()),
            Err(message) => Err(message),
        })
    });
}

/// The ledger as the lazily loaded module needs it: without the undo and redo stacks.
pub fn for_worker(ledger: &Ledger) -> Ledger {
    Ledger {
        undo: Vec::new(),
        redo: Vec::new(),
        ..ledger.clone()
    }
}

/// The share link of `scope`, pointing at this app (only its `doc=` kept: `link_base`), made by the
/// lazily loaded module (deflate and QR code: `luoshi::share::share_link`); `done` gets the link,
/// or the message to show. From the single-file edition (`file://`) there is no address to share:
/// the caller checks [`links_unavailable`] first.
pub fn make_share_link(
    document: &Document,
    ledger: &Ledger,
    scope: Coverage,
    done: impl FnOnce(Result<ShareLink, String>) + 'static,
) {
    // The pending address change first, so `doc=` is the current document's.
    crate::app::route::flush_address();
    let base = match link_base(&page_address()) {
        Ok(base) => base,
        Err(reason) => return done(Err(reason.message().to_string())),
    };
    let snap = snapshot::export(document, ledger, scope, &clock::now());
    let request = Request::ShareLink {
        base,
        snapshot: snap.to_json(),
    };
    lazy::ask(&request, &[], move |answer| {
        done(match answer {
            Ok(Answer {
                response: Response::Shared(link),
                ..
            }) => Ok(link),
            Ok(Answer {
                response: Response::Failed(message),
                ..
            }) => Err(message),
            Ok(_) => Err(lazy::UNAVAILABLE.to_string()),
            Err(message) => Err(message),
        })
    });
}

/// Whether this page can make links at all (not from `file://`), to say so before anyone tries.
pub fn links_unavailable() -> Option<LinkUnavailable> {
    link_base(&page_address()).err()
}

fn page_address() -> String {
    gloo::utils::window().location().href().unwrap_or_default()
}

/// Drop the `#s=…` fragment from the address bar (the link was merged or closed).
pub fn clear_fragment() {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let location = window.location();
        let url = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
}

/// The share link the page was opened with, decoded.
pub enum OpenedLink {
    /// Read here (the one-pass reader), or refused while decoding: the contents or the message.
    Read(Result<Rc<Incoming>, String>),
    /// The snapshot JSON, for the field-checked reader in the lazily loaded module: [`check_link`].
    Check(Vec<u8>),
}

/// The share link in `fragment` (the page's, as opened), decoded once: `None` without one.
pub fn opened_link(fragment: &str, document: &Document) -> Option<OpenedLink> {
    if !fragment.starts_with(PREFIX) {
        return None;
    }
    Some(match decode_link_one_pass(fragment, document) {
        Ok(Ok(incoming)) => OpenedLink::Read(Ok(Rc::new(incoming))),
        Ok(Err(json)) => OpenedLink::Check(json),
        Err(error) => OpenedLink::Read(Err(error.message())),
    })
}

/// A link's snapshot read by the field-checked reader (`luoshi::offload::CheckedRead`): `done`
/// gets what `luoshi::share::decode_link` gives (its contents, or the refusal to show).
pub fn check_link(
    json: &[u8],
    document: &Document,
    done: impl FnOnce(Result<Rc<Incoming>, String>) + 'static,
) {
    let request = Request::CheckSnapshots(Box::new(CheckRequest {
        names: vec![LINK_NAME.to_string()],
        document: document.clone(),
    }));
    let document = document.clone();
    lazy::ask(&request, &[json], move |answer| {
        done(match answer {
            Ok(Answer {
                response: Response::Checked(mut checked),
                ..
            }) if checked.len() == 1 => checked
                .remove(0)
                .into_import(LINK_NAME, &document)
                .map(Rc::new),
            Ok(_) => Err(lazy::UNAVAILABLE.to_string()),
            Err(message) => Err(message),
        })
    });
}
