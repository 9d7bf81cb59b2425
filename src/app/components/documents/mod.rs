//! The document bar: switch between the seed and loaded documents, open a .txt file or paste a
//! text, see what was found in it, and remove a loaded document (after a confirmation that offers
//! its ledger as a download).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::FileReader;
use luoshi::intake::{drop_kind, DropKind};
use luoshi::ledger::{Ledger, Status};
use luoshi::offload::{Request, Response};
use luoshi::parse::{ColumnMapping, ColumnRole};
use luoshi::store;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::clock;
use crate::app::components::annotate::download::{download, file_name};
use crate::app::documents::{use_documents, DocumentsHandle, LoadReport, MAX_BYTES};
use crate::app::lazy::{self, Answer};
use crate::app::ledger_state::use_ledger;
use crate::app::storage;

use crate::app::text::document_bar as text;

fn done_count(ledger: &Ledger) -> usize {
    ledger
        .tasks
        .values()
        .filter(|annotation| annotation.status == Status::Done)
        .count()
}

/// The summary of a document just loaded: counts, unplaced lines, tasks without units.
#[derive(Properties, PartialEq)]
pub struct LoadSummaryProps {
    pub report: LoadReport,
    pub on_close: Callback<()>,
    /// Read the document again with this column mapping.
    #[prop_or_default]
    pub on_reread: Callback<ColumnMapping>,
    /// Read another sheet of the workbook (its index).
    #[prop_or_default]
    pub on_sheet: Callback<usize>,
}

fn select_value(event: &Event) -> Option<String> {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|select| select.value())
}

/// Which column was read as what, a select per column, and a button to read again.
#[derive(Properties, PartialEq)]
struct ColumnMappingProps {
    headers: Vec<String>,
    roles: Vec<ColumnRole>,
    on_reread: Callback<ColumnMapping>,
}

#[function_component(ColumnMappingForm)]
fn column_mapping_form(props: &ColumnMappingProps) -> Html {
    let roles = use_state(|| props.roles.clone());
    {
        // A new reading (after a re-read) resets the selects to what was read.
        let roles = roles.clone();
        use_effect_with(props.roles.clone(), move |read| roles.set(read.clone()));
    }
    let reread = {
        let roles = roles.clone();
        let on_reread = props.on_reread.clone();
        Callback::from(move |_: MouseEvent| {
            on_reread.emit(ColumnMapping {
                roles: (*roles).clone(),
            })
        })
    };
    html! {
        <div class="doc-columns">
            <table>
                <thead><tr><th>{ text::HEADER }</th><th>{ text::READ_AS }</th></tr></thead>
                <tbody>
                    { for props.headers.iter().enumerate().map(|(column, header)| {
                        let current = roles.get(column).copied().unwrap_or_default();
                        let onchange = {
                            let roles = roles.clone();
                            Callback::from(move |event: Event| {
                                let Some(value) = select_value(&event) else { return };
                                let Some(role) = ColumnRole::ALL.into_iter().find(|r| r.label() == value) else { return };
                                let mut next = (*roles).clone();
                                if next.len() <= column {
                                    next.resize(column + 1, ColumnRole::Ignore);
                                }
                                next[column] = role;
                                roles.set(next);
                            })
                        };
                        let label = if header.trim().is_empty() { format!("第 {} 列", column + 1) } else { header.clone() };
                        html! {
                            <tr key={column}>
                                <td>{ label.clone() }</td>
                                <td>
                                    <select aria-label={format!("{}：{}", text::READ_AS, label)} {onchange}>
                                        { for ColumnRole::ALL.iter().map(|role| html! {
                                            <option value={role.label()} selected={*role == current}>{ role.label() }</option>
                                        }) }
                                    </select>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <button type="button" class="doc-reread" onclick={reread}>{ text::REREAD }</button>
        </div>
    }
}

#[function_component(LoadSummary)]
pub fn load_summary(props: &LoadSummaryProps) -> Html {
    let report = &props.report;
    let close = props.on_close.reform(|_: MouseEvent| ());
    let on_sheet = {
        let on_sheet = props.on_sheet.clone();
        Callback::from(move |event: Event| {
            if let Some(index) = select_value(&event).and_then(|v| v.parse::<usize>().ok()) {
                on_sheet.emit(index);
            }
        })
    };
    html! {
        <section class="doc-load-summary" aria-label={text::LOADED}>
            <h2>{ format!("{}：{}", text::LOADED, report.title) }</h2>
            <p class="doc-load-counts">{ text::summary(report.tasks, report.sections, report.units, report.targets) }</p>
            if report.sheets.len() > 1 {
                <label class="doc-sheet">
                    { text::SHEET }
                    <select aria-label={text::SHEET} onchange={on_sheet}>
                        { for report.sheets.iter().enumerate().map(|(index, name)| html! {
                            <option value={index.to_string()} selected={index == report.sheet}>{ name.clone() }</option>
                        }) }
                    </select>
                </label>
            }
            if let Some(table) = &report.table {
                <h3>{ text::COLUMNS }{ if table.overridden { text::OVERRIDDEN } else { "" } }</h3>
                <p class="doc-table-line">{ text::table_line(table.line, table.rows) }</p>
                <ColumnMappingForm
                    headers={table.headers.clone()}
                    roles={table.roles.clone()}
                    on_reread={props.on_reread.clone()}
                />
            }
            if let Some(message) = &report.not_kept {
                <p class="doc-load-not-kept" role="alert">{ message.clone() }</p>
            }
            if !report.warnings.is_empty() || !report.unitless.is_empty() {
                <p>{ text::CHECK_HINT }</p>
            }
            if !report.warnings.is_empty() {
                <h3>{ format!("{}（{}）", text::WARNINGS, report.warnings.len()) }</h3>
                <ul class="doc-load-warnings">
                    { for report.warnings.iter().map(|warning| html! {
                        <li>{ text::line(warning.line, &warning.message, &warning.text) }</li>
                    }) }
                </ul>
            }
            if !report.unitless.is_empty() {
                <h3>{ format!("{}（{}）", text::UNITLESS, report.unitless.len()) }</h3>
                <ul class="doc-load-unitless">
                    { for report.unitless.iter().map(|(label, title)| html! {
                        <li>{ format!("{label}　{title}") }</li>
                    }) }
                </ul>
            }
            <button type="button" onclick={close}>{ text::CLOSE }</button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PasteDialogProps {
    pub on_open: Callback<String>,
    pub on_cancel: Callback<()>,
}

#[function_component(PasteDialog)]
pub fn paste_dialog(props: &PasteDialogProps) -> Html {
    let area = use_node_ref();
    let open = {
        let area = area.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                on_open.emit(area.value());
            }
        })
    };
    // The clipboard's HTML flavour keeps a table's rows and cells, which its plain text (one
    // cell per line) loses: put its canonical text (rows of TAB-separated cells) in the box. The
    // HTML is read by the lazily loaded module (`luoshi::offload::pasted_html_text`), so the
    // paste is taken over here and the text put in when it comes back; when the HTML holds no
    // text, or the module cannot be loaded, the plain flavour goes in instead (nothing is lost).
    let on_paste = Callback::from(|event: Event| {
        let Some(event) = event.dyn_ref::<web_sys::ClipboardEvent>() else {
            return;
        };
        let data = event.clipboard_data();
        let html = data
            .as_ref()
            .and_then(|data| data.get_data("text/html").ok())
            .unwrap_or_default();
        if html.trim().is_empty() {
            return;
        }
        let plain = data
            .and_then(|data| data.get_data("text/plain").ok())
            .unwrap_or_default();
        let Some(area) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        else {
            return;
        };
        event.prevent_default();
        let start = area.selection_start().ok().flatten().unwrap_or(0);
        let end = area.selection_end().ok().flatten().unwrap_or(start);
        let request = Request::PastedHtml { html };
        lazy::ask(&request, &[], move |answer| {
            let text = match answer {
                Ok(Answer {
                    response: Response::Pasted(Some(text)),
                    ..
                }) => text,
                _ => plain,
            };
            if area
                .set_range_text_with_start_and_end(&text, start, end)
                .is_err()
            {
                area.set_value(&text);
            }
        });
    });
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="doc-dialog" role="dialog" aria-modal="true" aria-labelledby="doc-paste-title">
            <h2 id="doc-paste-title">{ text::PASTE_TITLE }</h2>
            <p>{ text::PASTE_HINT }</p>
            <textarea ref={area} aria-label={text::PASTE_LABEL} rows="14" onpaste={on_paste} />
            <div class="doc-dialog-actions">
                <button type="button" onclick={open}>{ text::OPEN }</button>
                <button type="button" onclick={cancel}>{ text::CANCEL }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RemoveDialogProps {
    fingerprint: AttrValue,
    title: AttrValue,
    on_remove: Callback<bool>,
    on_cancel: Callback<()>,
}

#[function_component(RemoveDialog)]
fn remove_dialog(props: &RemoveDialogProps) -> Html {
    let also_ledger = use_state(|| false);
    let export_failed = use_state(|| false);
    let toggle = {
        let also_ledger = also_ledger.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                also_ledger.set(input.checked());
            }
        })
    };
    let export = {
        let fingerprint = props.fingerprint.to_string();
        let export_failed = export_failed.clone();
        Callback::from(move |_: MouseEvent| {
            let ledger = storage::peek_ledger(&fingerprint)
                .unwrap_or_else(|| Ledger::new(fingerprint.clone()));
            let name = file_name(
                &format!(
                    "luoshi-ledger-{}",
                    fingerprint.chars().take(8).collect::<String>()
                ),
                &clock::now(),
                "json",
            );
            export_failed
                .set(download(&name, "application/json", &store::encode(&ledger)).is_err());
        })
    };
    let remove = {
        let also_ledger = also_ledger.clone();
        let on_remove = props.on_remove.clone();
        Callback::from(move |_: MouseEvent| on_remove.emit(*also_ledger))
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="doc-dialog" role="dialog" aria-modal="true" aria-labelledby="doc-remove-title">
            <h2 id="doc-remove-title">{ text::REMOVE_TITLE }</h2>
            <p>{ text::remove_question(&props.title) }</p>
            <p>{ text::REMOVE_KEEPS }</p>
            <label class="doc-also-ledger">
                <input type="checkbox" checked={*also_ledger} onchange={toggle} />
                { text::ALSO_LEDGER }
            </label>
            if *export_failed {
                <p role="alert">{ text::EXPORT_FAILED }</p>
            }
            <div class="doc-dialog-actions">
                <button type="button" onclick={export}>{ text::EXPORT_LEDGER }</button>
                <button type="button" class="danger" onclick={remove}>{ text::CONFIRM_REMOVE }</button>
                <button type="button" onclick={cancel}>{ text::CANCEL }</button>
            </div>
        </div>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    None,
    Paste,
    Remove,
}

/// The switcher and its actions, shown in the header.
#[function_component(DocumentBar)]
pub fn document_bar() -> Html {
    let documents = use_documents();
    let ledger = use_ledger();
    let dialog = use_state(|| Dialog::None);
    // The file being read; dropping it would cancel the read.
    let reader = use_mut_ref(|| None::<FileReader>);
    // Other documents' stored ledgers, read once per change of the list or of the current document
    // (their ledgers change only there or in another tab), not on every render.
    let choices = documents
        .as_ref()
        .map(|documents| documents.state().choices())
        .unwrap_or_default();
    let current = documents
        .as_ref()
        .map(|documents| documents.state().current.fingerprint.clone())
        .unwrap_or_default();
    let stored_done = use_memo((choices.clone(), current.clone()), |(choices, current)| {
        choices
            .iter()
            .filter(|(fingerprint, ..)| fingerprint != current)
            .map(|(fingerprint, ..)| {
                let done =
                    storage::peek_ledger(fingerprint).map_or(0, |ledger| done_count(&ledger));
                (fingerprint.clone(), done)
            })
            .collect::<std::collections::HashMap<String, usize>>()
    });
    let Some(documents) = documents else {
        return Html::default();
    };
    let state = documents.state();
    let live_done = ledger.as_ref().map(|ledger| done_count(ledger.ledger()));

    let on_switch = {
        let documents = documents.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                documents.switch_to(&select.value());
            }
        })
    };
    let on_file = {
        let documents = documents.clone();
        let reader = reader.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Let the same file be chosen again later.
            input.set_value("");
            read_file(&documents, file, &reader, false);
        })
    };
    // A file dropped anywhere on the page: documents open here; snapshot and ledger files are
    // the import's (the exchange panel listens too).
    {
        let documents = documents.clone();
        let reader = reader.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let options = EventListenerOptions::enable_prevent_default();
            let over = EventListener::new_with_options(&window, "dragover", options, |event| {
                let carries_files = event
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(|e| e.data_transfer())
                    .is_some_and(|d| d.types().includes(&"Files".into(), 0));
                if carries_files {
                    event.prevent_default();
                }
            });
            let on_drop = EventListener::new_with_options(&window, "drop", options, move |event| {
                let Some(files) = event
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(|e| e.data_transfer())
                    .and_then(|d| d.files())
                else {
                    return;
                };
                event.prevent_default();
                let files: Vec<web_sys::File> =
                    (0..files.length()).filter_map(|i| files.get(i)).collect();
                for file in files {
                    read_file(&documents, file, &reader, true);
                }
            });
            move || drop((over, on_drop))
        });
    }
    let open_paste = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| dialog.set(Dialog::Paste))
    };
    let open_remove = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| dialog.set(Dialog::Remove))
    };
    let close_dialog = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(Dialog::None))
    };
    let on_paste = {
        let documents = documents.clone();
        let dialog = dialog.clone();
        Callback::from(move |source: String| {
            documents.open_text(&source);
            dialog.set(Dialog::None);
        })
    };
    let on_remove = {
        let documents = documents.clone();
        let dialog = dialog.clone();
        let current = current.clone();
        Callback::from(move |also_ledger: bool| {
            documents.remove(&current, also_ledger);
            dialog.set(Dialog::None);
        })
    };
    let dismiss_report = {
        let documents = documents.clone();
        Callback::from(move |()| documents.dismiss_report())
    };
    let dismiss_message = {
        let documents = documents.clone();
        Callback::from(move |_: MouseEvent| documents.dismiss_message())
    };

    let on_reread = {
        let documents = documents.clone();
        Callback::from(move |mapping: ColumnMapping| documents.reread(mapping))
    };
    let on_sheet = {
        let documents = documents.clone();
        Callback::from(move |index: usize| documents.choose_sheet(index))
    };

    let is_seed = state.is_seed(&current);
    html! {
        <div class="doc-bar">
            <label class="doc-switch">
                <span>{ text::DOCUMENT }</span>
                <select aria-label={text::DOCUMENT} onchange={on_switch}>
                    { for choices.iter().map(|(fingerprint, title, total, damaged)| {
                        let done = if *fingerprint == current {
                            live_done.unwrap_or(0)
                        } else {
                            stored_done.get(fingerprint).copied().unwrap_or(0)
                        };
                        html! {
                            <option key={fingerprint.clone()} value={fingerprint.clone()} selected={*fingerprint == current}>
                                { text::choice(title, done, *total) }
                                if *damaged { { text::DAMAGED_MARK } }
                            </option>
                        }
                    }) }
                </select>
            </label>
            <label class="doc-open-file button">
                { text::OPEN_FILE }
                <input type="file" accept={text::ACCEPT} onchange={on_file.clone()} />
            </label>
            <button type="button" onclick={open_paste}>{ text::PASTE }</button>
            if !is_seed {
                <button type="button" onclick={open_remove}>{ text::REMOVE }</button>
            }
            if let Some(message) = &state.message {
                <p class="doc-message" role="alert">
                    { message.clone() }
                    if state.repair.is_some() {
                        <label class="doc-reopen button">
                            { text::REOPEN_ORIGINAL }
                            <input type="file" accept={text::ACCEPT} onchange={on_file} />
                        </label>
                    }
                    <button type="button" onclick={dismiss_message}>{ text::CLOSE }</button>
                </p>
            }
            if let Some(report) = &state.report {
                <LoadSummary report={report.clone()} on_close={dismiss_report} {on_reread} {on_sheet} />
            }
            if *dialog == Dialog::Paste {
                <PasteDialog on_open={on_paste} on_cancel={close_dialog.clone()} />
            }
            if *dialog == Dialog::Remove && !is_seed {
                <RemoveDialog
                    fingerprint={current.clone()}
                    title={state.current.title.clone()}
                    on_remove={on_remove}
                    on_cancel={close_dialog}
                />
            }
        </div>
    }
}

/// Read a picked or dropped file and open it (or say why not); with `skip_snapshots` (a drop), a
/// snapshot or ledger file is left to the import.
fn read_file(
    documents: &DocumentsHandle,
    file: web_sys::File,
    reader: &Rc<RefCell<Option<FileReader>>>,
    skip_snapshots: bool,
) {
    if file.size() > MAX_BYTES as f64 {
        documents.refuse(crate::app::documents::text::too_large());
        return;
    }
    let documents = documents.clone();
    let name = file.name();
    let task =
        gloo::file::callbacks::read_as_bytes(
            &gloo::file::File::from(file),
            move |bytes| match bytes {
                Ok(bytes) if skip_snapshots && drop_kind(&name, &bytes) == DropKind::Snapshot => {}
                Ok(bytes) => documents.open_file(&name, &bytes),
                Err(_) => documents.refuse(crate::app::documents::text::READ_FAILED.to_string()),
            },
        );
    *reader.borrow_mut() = Some(task);
}

#[cfg(test)]
mod tests;
