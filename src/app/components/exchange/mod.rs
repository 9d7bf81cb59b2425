//! Export, import and share links: JSON snapshots, Excel/CSV ledgers and printing of all tasks or the
//! current view; importing one or many snapshot files (picked or dropped on the page) through a
//! preview with per-field conflict choices and an undo; share links (`#s=…`) with a QR code, and
//! opening such a link read-only with "合并到我的台账". All rules live in `luoshi::snapshot`,
//! `luoshi::export` and `luoshi::share`; this module only arranges them.

mod preview;
mod print;
pub(crate) mod text;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::FileReader;
use luoshi::export::ReportSheet;
use luoshi::share::{decode_link, share_link, ShareLink, PREFIX};
use luoshi::snapshot::{self, Incoming, Preview, Resolution, Resolutions, Scope};
use luoshi::store::ImportBackup;
use luoshi::{Document, TaskNumber};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub use preview::ImportPreview;
use print::PrintLedger;

use super::annotate::download::download;
use super::filters::use_evaluation_when;
use super::report::clipboard::copy;
use super::report::download::download_bytes;
use crate::app::clock;
use crate::app::ledger_state::{use_ledger, LedgerHandle};
use crate::app::route::use_route;
use crate::app::storage;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Where an import stands.
#[derive(Clone, PartialEq, Default)]
struct ImportFlow {
    /// "file: message" for each refused file (the ledger was not touched).
    refused: Vec<String>,
    /// The preview waiting for 确认导入, with the choices made so far.
    pending: Option<(Rc<Preview>, Resolutions)>,
    /// The ledger before the last applied import, for 撤销导入 (also in storage, so a reload keeps it).
    backup: Option<Rc<ImportBackup>>,
    notice: Option<&'static str>,
}

enum FlowMsg {
    /// Files were checked: refusals and the preview of the accepted ones.
    Checked(ImportFlow),
    Resolve(TaskNumber, String, Resolution),
    All(Resolution),
    /// The preview was applied; the way back.
    Applied(Rc<ImportBackup>),
    Undone,
    Cancel,
    Notice(&'static str),
}

impl Reducible for ImportFlow {
    type Action = FlowMsg;

    fn reduce(self: Rc<Self>, msg: FlowMsg) -> Rc<Self> {
        // The undo backup survives everything but applying another import or undoing.
        let backup = self.backup.clone();
        let next = match msg {
            FlowMsg::Checked(checked) => ImportFlow { backup, ..checked },
            FlowMsg::Resolve(task, field, resolution) => {
                let mut next = (*self).clone();
                if let Some((_, resolutions)) = &mut next.pending {
                    resolutions.set(task, &field, resolution);
                }
                next
            }
            FlowMsg::All(resolution) => {
                let mut next = (*self).clone();
                if let Some((preview, resolutions)) = &mut next.pending {
                    *resolutions = Resolutions::all(preview, resolution);
                }
                next
            }
            FlowMsg::Applied(before) => ImportFlow {
                backup: Some(before),
                notice: Some(text::IMPORTED),
                ..ImportFlow::default()
            },
            FlowMsg::Undone => ImportFlow {
                notice: Some(text::UNDONE),
                ..ImportFlow::default()
            },
            FlowMsg::Cancel => ImportFlow {
                backup,
                ..ImportFlow::default()
            },
            FlowMsg::Notice(notice) => ImportFlow {
                backup,
                notice: Some(notice),
                ..ImportFlow::default()
            },
        };
        Rc::new(next)
    }
}

/// A file's name and its bytes (`None`: the browser could not read it).
type ReadFile = (String, Option<Vec<u8>>);

/// Read files' bytes, then check each with the core and preview the accepted ones.
fn read_files(
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
                all.sort_by_key(|(i, _)| *i);
                let files = all.drain(..).map(|(_, file)| file).collect();
                drop(all);
                done.emit(files);
            }
        }));
    }
    // The readers must live until they finish; the list is replaced by the next import.
    *readers.borrow_mut() = started;
}

/// Check files with the core: refusals by file, and the preview of the accepted ones.
fn check_files(files: &[ReadFile], document: &Document, ledger: &LedgerHandle) -> ImportFlow {
    let mut flow = ImportFlow::default();
    let mut accepted: Vec<Incoming> = Vec::new();
    for (name, bytes) in files {
        match bytes {
            None => flow.refused.push(format!("{name}：{}", text::READ_FAILED)),
            Some(bytes) => match snapshot::import(name, bytes, document) {
                Ok(incoming) => accepted.push(incoming),
                Err(error) => flow.refused.push(format!("{name}：{}", error.message())),
            },
        }
    }
    if !accepted.is_empty() {
        let preview = snapshot::preview(ledger.ledger(), &accepted);
        let resolutions = Resolutions::all(&preview, Resolution::KeepMine);
        flow.pending = Some((Rc::new(preview), resolutions));
    }
    flow
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The address without its fragment, for share links.
fn base_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Drop the `#s=…` fragment from the address bar (the link was merged or closed).
fn clear_fragment() {
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

/// The share link the page was opened with, decoded once: `None` without one.
fn opened_link(document: &Document) -> Option<Result<Rc<Incoming>, String>> {
    let hash = crate::app::address::hash();
    if !hash.starts_with(PREFIX) {
        return None;
    }
    Some(
        decode_link(&hash, document)
            .map(Rc::new)
            .map_err(|error| error.message()),
    )
}

#[function_component(ExchangePanel)]
pub fn exchange_panel() -> Html {
    let document = use_context::<Rc<Document>>();
    let ledger = use_ledger();
    let route = use_route();
    let open = use_state_eq(|| false);
    let whole_view = use_state_eq(|| true);
    let export_failed = use_state_eq(|| false);
    let flow = {
        let fingerprint = ledger.as_ref().map(|l| l.ledger().fingerprint.clone());
        use_reducer(move || ImportFlow {
            backup: fingerprint
                .and_then(|f| {
                    storage::read(&storage::import_backup_key(&f))
                        .ok()
                        .flatten()
                })
                .and_then(|raw| ImportBackup::decode(&raw))
                .map(Rc::new),
            ..ImportFlow::default()
        })
    };
    let share = use_state(|| None::<Rc<ShareLink>>);
    let copied = use_state_eq(|| None::<bool>);
    let dragging = use_state_eq(|| false);
    let printing = use_state_eq(|| false);
    // The view's tasks are used only by the open panel (scope, exports) and the print table; the
    // list evaluates the route itself, and a second evaluation per keystroke would double that.
    let evaluation = use_evaluation_when(*open || *printing);
    let readers = use_mut_ref(Vec::<FileReader>::new);
    let link = {
        let document = document.clone();
        use_state(move || document.and_then(|d| opened_link(&d)))
    };

    // Files read: check them and show the preview (or the refusals).
    let on_files = {
        let (document, ledger, flow, open) =
            (document.clone(), ledger.clone(), flow.clone(), open.clone());
        Callback::from(move |files: Vec<ReadFile>| {
            let (Some(document), Some(ledger)) = (&document, &ledger) else {
                return;
            };
            if ledger.is_read_only() {
                flow.dispatch(FlowMsg::Notice(text::READ_ONLY));
            } else {
                flow.dispatch(FlowMsg::Checked(check_files(&files, document, ledger)));
            }
            open.set(true);
        })
    };

    // Drag and drop anywhere on the page.
    {
        let (on_files, readers, dragging) = (on_files.clone(), readers.clone(), dragging.clone());
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
                    // Only snapshot files: other drops (e.g. a document's text) are for other parts.
                    let files: Vec<_> = files_of(event.data_transfer().and_then(|d| d.files()))
                        .into_iter()
                        .filter(|f| f.name().to_lowercase().ends_with(".json"))
                        .collect();
                    read_files(files, &readers, on_files.clone());
                });
            move || drop((over, leave, drop_files))
        });
    }

    // Printing: render the table, print, and remove it again afterwards.
    {
        let printing_now = *printing;
        let printing = printing.clone();
        use_effect_with(printing_now, move |now| {
            let mut listener = None;
            if *now {
                let window = gloo::utils::window();
                listener = Some(EventListener::new(&window, "afterprint", move |_| {
                    printing.set(false)
                }));
                let _ = window.print();
            }
            move || drop(listener)
        });
    }

    let (Some(document), Some(ledger)) = (document, ledger) else {
        return Html::default();
    };

    let view_tasks: Rc<Vec<TaskNumber>> = Rc::new(evaluation.tasks.clone());
    let all_tasks: Rc<Vec<TaskNumber>> = Rc::new(document.tasks.iter().map(|t| t.number).collect());
    let scope_tasks = if *whole_view {
        all_tasks.clone()
    } else {
        view_tasks.clone()
    };
    let scope = if *whole_view {
        Scope::All
    } else {
        Scope::View {
            query: route.to_query_string(),
            tasks: (*view_tasks).clone(),
        }
    };

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let set_scope = |all: bool| {
        let whole_view = whole_view.clone();
        Callback::from(move |_: Event| whole_view.set(all))
    };
    let export_json = {
        let (document, ledger, scope, failed) = (
            document.clone(),
            ledger.clone(),
            scope.clone(),
            export_failed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let snap = snapshot::export(&document, ledger.ledger(), scope.clone(), &clock::now());
            let saved = download(
                &snap.file_name(&document),
                "application/json",
                &snap.to_json(),
            );
            failed.set(saved.is_err());
            if saved.is_ok() {
                ledger.mark_exported();
            }
        })
    };
    // The file name says whose ledger it is: the one unit the current view is narrowed to, else the
    // unit the user gave in 我是….
    let sheet_unit: Option<String> = if !*whole_view && route.units.len() == 1 {
        route.units.iter().next().cloned()
    } else {
        Some(ledger.ledger().user.unit.trim().to_string()).filter(|unit| !unit.is_empty())
    };
    let export_sheet = |xlsx: bool| {
        let (document, ledger, tasks, failed, unit) = (
            document.clone(),
            ledger.clone(),
            scope_tasks.clone(),
            export_failed.clone(),
            sheet_unit.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let sheet = ReportSheet::new(&document, ledger.ledger(), &tasks, ledger.today());
            let name = luoshi::export::file_name(&document, unit.as_deref(), sheet.period);
            let saved = if xlsx {
                match luoshi::export::to_xlsx(&sheet) {
                    Ok(bytes) => download_bytes(&name, XLSX_MIME, &bytes).is_ok(),
                    Err(_) => false,
                }
            } else {
                let name = name.trim_end_matches(".xlsx").to_string() + ".csv";
                let bytes = luoshi::export::to_csv(&sheet);
                download_bytes(&name, "text/csv;charset=utf-8", &bytes).is_ok()
            };
            failed.set(!saved);
            if saved {
                ledger.mark_exported();
            }
        })
    };
    let print = {
        let printing = printing.clone();
        let ledger = ledger.clone();
        Callback::from(move |_: MouseEvent| {
            ledger.mark_exported();
            printing.set(true);
        })
    };
    let make_link = {
        let (document, ledger, scope, share, copied) = (
            document.clone(),
            ledger.clone(),
            scope.clone(),
            share.clone(),
            copied.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            // The link carries the view's address: one still waiting for a pause in typing too.
            crate::app::route::flush_address();
            let snap = snapshot::export(&document, ledger.ledger(), scope.clone(), &clock::now());
            share.set(Some(Rc::new(share_link(&base_url(), &snap.for_link()))));
            copied.set(None);
        })
    };
    let copy_link = {
        let (share, copied) = (share.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(link) = &*share {
                let copied = copied.clone();
                copy(&link.url, Callback::from(move |ok| copied.set(Some(ok))));
            }
        })
    };
    let pick_files = {
        let (readers, on_files) = (readers.clone(), on_files.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let files = files_of(input.files());
            read_files(files, &readers, on_files.clone());
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let on_resolve = {
        let flow = flow.clone();
        Callback::from(
            move |(task, field, resolution): (TaskNumber, String, Resolution)| {
                flow.dispatch(FlowMsg::Resolve(task, field, resolution))
            },
        )
    };
    let on_all = {
        let flow = flow.clone();
        Callback::from(move |resolution: Resolution| flow.dispatch(FlowMsg::All(resolution)))
    };
    let on_confirm = {
        let (flow, ledger) = (flow.clone(), ledger.clone());
        Callback::from(move |()| {
            let Some((preview, resolutions)) = &flow.pending else {
                return;
            };
            let before = ledger.ledger().clone();
            let merged = snapshot::apply(&before, preview, resolutions, &clock::now());
            let backup = Rc::new(ImportBackup::new(&before, &merged));
            // Kept in memory for 撤销导入; stored too so a reload does not lose the way back.
            let _ = storage::save_import_backup(&before.fingerprint, &backup.encode());
            if ledger.replace(merged) {
                flow.dispatch(FlowMsg::Applied(backup));
            } else {
                flow.dispatch(FlowMsg::Notice(text::READ_ONLY));
            }
        })
    };
    let on_cancel = {
        let flow = flow.clone();
        Callback::from(move |()| flow.dispatch(FlowMsg::Cancel))
    };
    let undo_import = {
        let (flow, ledger) = (flow.clone(), ledger.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(backup) = &flow.backup else {
                return;
            };
            if let Some(before) = backup.restore(ledger.ledger()) {
                let fingerprint = before.fingerprint.clone();
                if ledger.replace(before) {
                    let _ = storage::clear_import_backup(&fingerprint);
                    flow.dispatch(FlowMsg::Undone);
                }
            }
        })
    };
    let merge_link = {
        let (link, flow, ledger, open) = (link.clone(), flow.clone(), ledger.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(Ok(incoming)) = &*link {
                let preview = snapshot::preview(ledger.ledger(), &[(**incoming).clone()]);
                let resolutions = Resolutions::all(&preview, Resolution::KeepMine);
                flow.dispatch(FlowMsg::Checked(ImportFlow {
                    pending: Some((Rc::new(preview), resolutions)),
                    ..ImportFlow::default()
                }));
                open.set(true);
            }
            clear_fragment();
            link.set(None);
        })
    };
    let close_link = {
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            clear_fragment();
            link.set(None);
        })
    };

    let link_banner = match &*link {
        None => Html::default(),
        Some(Err(message)) => html! {
            <div class="link-banner invalid" role="alert">
                <strong>{ text::LINK_INVALID }</strong>
                <p>{ message.clone() }</p>
                <button type="button" class="button" onclick={close_link}>{ text::LINK_CLOSE }</button>
            </div>
        },
        Some(Ok(incoming)) => {
            let snap = &incoming.snapshot;
            let who = text::who(&snap.exported_by.name, &snap.exported_by.unit);
            let annotated: Vec<TaskNumber> = snap.annotations().map(|(n, _)| n).collect();
            html! {
                <div class="link-banner" role="region" aria-label={text::LINK_BANNER}>
                    <strong>{ text::LINK_BANNER }</strong>
                    <p>{ text::link_contents(annotated.len(), &who, &clock::date_and_minute(&snap.exported_at)) }</p>
                    <ul class="link-tasks">
                        { for annotated.iter().map(|n| {
                            let title = document.task(*n).map(|t| t.title.clone()).unwrap_or_default();
                            html! { <li>{ text::task_heading(*n, &title) }</li> }
                        }) }
                    </ul>
                    <button type="button" class="button primary" onclick={merge_link}
                        disabled={ledger.is_read_only()}>{ text::LINK_MERGE }</button>
                    <button type="button" class="button" onclick={close_link}>{ text::LINK_CLOSE }</button>
                </div>
            }
        }
    };

    let share_view = match &*share {
        None => Html::default(),
        Some(link) => html! {
            <div class="share-result">
                <label class="share-url">
                    <span>{ text::SHARE_LINK_LABEL }</span>
                    <input type="text" readonly=true value={link.url.clone()} />
                </label>
                <button type="button" class="button" onclick={copy_link}>{ text::COPY }</button>
                { match *copied {
                    Some(true) => html! { <span role="status">{ text::COPIED }</span> },
                    Some(false) => html! { <span role="status">{ text::COPY_FAILED }</span> },
                    None => Html::default(),
                } }
                <p class="share-length">{ text::link_length(link.length) }</p>
                if link.too_long_for_chat {
                    <p class="share-warning" role="note">{ text::TOO_LONG }</p>
                }
                { match &link.qr_svg {
                    // Trusted markup: the SVG is generated by our core (luoshi::share::qr_svg, from
                    // qrcodegen modules and fixed attributes); no user text reaches it.
                    Some(svg) => html! {
                        <div class="share-qr">{ Html::from_html_unchecked(AttrValue::from(svg.clone())) }</div>
                    },
                    None => html! { <p class="share-no-qr">{ text::NO_QR }</p> },
                } }
            </div>
        },
    };

    let read_only = ledger.is_read_only();
    html! {
        <>
            { link_banner }
            if *dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ text::DROP_HERE }</p></div>
            }
            <div class="exchange">
                <button type="button" class="button exchange-toggle" aria-expanded={open.to_string()}
                    aria-controls="exchange-panel" onclick={toggle}>{ text::PANEL }</button>
                if *open {
                    <div id="exchange-panel" class="exchange-panel">
                        <section class="exchange-export" aria-label={text::EXPORT_HEADING}>
                            <h2>{ text::EXPORT_HEADING }</h2>
                            <fieldset class="exchange-scope">
                                <legend>{ text::SCOPE_LABEL }</legend>
                                <label><input type="radio" name="exchange-scope" checked={*whole_view}
                                    onchange={set_scope(true)} />{ text::SCOPE_ALL }</label>
                                <label><input type="radio" name="exchange-scope" checked={!*whole_view}
                                    onchange={set_scope(false)} />{ format!("{}（{} 项）", text::SCOPE_VIEW, view_tasks.len()) }</label>
                            </fieldset>
                            <p class="exchange-buttons">
                                <button type="button" class="button" onclick={export_json}>{ text::EXPORT_JSON }</button>
                                <button type="button" class="button" onclick={export_sheet(true)}>{ text::EXPORT_XLSX }</button>
                                <button type="button" class="button" onclick={export_sheet(false)}>{ text::EXPORT_CSV }</button>
                                <button type="button" class="button" onclick={print}>{ text::PRINT }</button>
                            </p>
                            if *export_failed {
                                <p class="exchange-error" role="alert">{ text::EXPORT_FAILED }</p>
                            }
                        </section>
                        <section class="exchange-import" aria-label={text::IMPORT_HEADING}>
                            <h2>{ text::IMPORT_HEADING }</h2>
                            <label class="import-pick">
                                <span>{ text::IMPORT_PICK }</span>
                                <input type="file" accept=".json,application/json" multiple=true
                                    disabled={read_only} onchange={pick_files} />
                            </label>
                            <p class="hint">{ text::DROP_HINT }</p>
                            if !flow.refused.is_empty() {
                                <div class="import-refused" role="alert">
                                    <p>{ text::REFUSED }</p>
                                    <ul>{ for flow.refused.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                                </div>
                            }
                            if let Some(notice) = flow.notice {
                                <p class="import-notice" role="status">{ notice }</p>
                            }
                            // Only while the ledger is still what the import made: undoing after
                            // later edits would throw those edits away.
                            if flow.pending.is_none() && flow.backup.as_ref()
                                .is_some_and(|backup| backup.undoable(ledger.ledger())) {
                                <button type="button" class="button" onclick={undo_import}>{ text::UNDO_IMPORT }</button>
                            }
                            if let Some((preview, resolutions)) = &flow.pending {
                                <ImportPreview preview={preview.clone()} resolutions={resolutions.clone()}
                                    {on_resolve} {on_all} {on_confirm} {on_cancel} />
                            }
                        </section>
                        <section class="exchange-share" aria-label={text::SHARE_HEADING}>
                            <h2>{ text::SHARE_HEADING }</h2>
                            <button type="button" class="button" onclick={make_link}>{ text::SHARE_MAKE }</button>
                            { share_view }
                        </section>
                    </div>
                }
            </div>
            if *printing {
                <PrintLedger tasks={scope_tasks.clone()} />
            }
        </>
    }
}
