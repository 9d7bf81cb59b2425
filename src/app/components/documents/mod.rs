//! The document bar: switch between the seed and loaded documents, open a .txt file or paste a
//! text, see what was found in it, and remove a loaded document (after a confirmation that offers
//! its ledger as a download).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use luoshi::ledger::{Ledger, Status};
use luoshi::store;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::clock;
use crate::app::components::annotate::download::{download, file_name};
use crate::app::documents::{decode_file, use_documents, LoadReport, MAX_BYTES};
use crate::app::ledger_state::use_ledger;
use crate::app::storage;

mod text {
    pub const DOCUMENT: &str = "文档";
    pub const OPEN_FILE: &str = "打开文件";
    pub const PASTE: &str = "粘贴文本";
    pub const REMOVE: &str = "移除此文档";
    pub const PASTE_TITLE: &str = "粘贴文档文本";
    pub const PASTE_HINT: &str =
        "粘贴“重点工作任务”或“任务分解方案”的全文，每项任务后可带“(牵头单位:…;配合单位:…)”。";
    pub const PASTE_LABEL: &str = "文档文本";
    pub const OPEN: &str = "打开";
    pub const CANCEL: &str = "取消";
    pub const CLOSE: &str = "关闭";
    pub const REMOVE_TITLE: &str = "移除文档";
    pub const REMOVE_KEEPS: &str =
        "移除后，本浏览器不再保留这份文档的文本；台账数据默认保留，再次打开同一文档时自动恢复。";
    pub const ALSO_LEDGER: &str = "同时删除台账数据";
    pub const EXPORT_LEDGER: &str = "导出台账";
    pub const CONFIRM_REMOVE: &str = "确认移除";
    pub const EXPORT_FAILED: &str = "导出失败，请重试。";
    pub const LOADED: &str = "已打开文档";
    pub const WARNINGS: &str = "未能归入任务的行";
    pub const UNITLESS: &str = "未标注责任单位的任务";
    pub const CHECK_HINT: &str = "请核对以下内容：";

    pub fn summary(tasks: usize, sections: usize, units: usize, targets: usize) -> String {
        format!("任务 {tasks} 项，部分 {sections} 个，责任单位 {units} 个，量化目标 {targets} 个")
    }

    pub fn choice(title: &str, done: usize, total: usize) -> String {
        let title = if title.is_empty() {
            "（无标题）"
        } else {
            title
        };
        format!("{title}（已完成 {done} / {total}）")
    }

    pub fn line(line: usize, message: &str, source: &str) -> String {
        format!("第 {line} 行：{message}　{source}")
    }

    pub fn remove_question(title: &str) -> String {
        format!("移除文档“{title}”？")
    }
}

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
}

#[function_component(LoadSummary)]
pub fn load_summary(props: &LoadSummaryProps) -> Html {
    let report = &props.report;
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="doc-load-summary" aria-label={text::LOADED}>
            <h2>{ format!("{}：{}", text::LOADED, report.title) }</h2>
            <p class="doc-load-counts">{ text::summary(report.tasks, report.sections, report.units, report.targets) }</p>
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
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="doc-dialog" role="dialog" aria-modal="true" aria-labelledby="doc-paste-title">
            <h2 id="doc-paste-title">{ text::PASTE_TITLE }</h2>
            <p>{ text::PASTE_HINT }</p>
            <textarea ref={area} aria-label={text::PASTE_LABEL} rows="14" />
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
            .filter(|(fingerprint, _, _)| fingerprint != current)
            .map(|(fingerprint, _, _)| {
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
            if file.size() > MAX_BYTES as f64 {
                documents.refuse(crate::app::documents::text::TOO_LARGE.to_string());
                return;
            }
            let documents = documents.clone();
            let holder: Rc<RefCell<Option<FileReader>>> = reader.clone();
            let task =
                gloo::file::callbacks::read_as_bytes(&gloo::file::File::from(file), move |bytes| {
                    match bytes
                        .map_err(|_| crate::app::documents::text::READ_FAILED.to_string())
                        .and_then(|b| decode_file(&b))
                    {
                        Ok(source) => documents.open_text(&source),
                        Err(message) => documents.refuse(message),
                    }
                });
            *holder.borrow_mut() = Some(task);
        })
    };
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

    let is_seed = state.is_seed(&current);
    html! {
        <div class="doc-bar">
            <label class="doc-switch">
                <span>{ text::DOCUMENT }</span>
                <select aria-label={text::DOCUMENT} onchange={on_switch}>
                    { for choices.iter().map(|(fingerprint, title, total)| {
                        let done = if *fingerprint == current {
                            live_done.unwrap_or(0)
                        } else {
                            stored_done.get(fingerprint).copied().unwrap_or(0)
                        };
                        html! {
                            <option key={fingerprint.clone()} value={fingerprint.clone()} selected={*fingerprint == current}>
                                { text::choice(title, done, *total) }
                            </option>
                        }
                    }) }
                </select>
            </label>
            <label class="doc-open-file button">
                { text::OPEN_FILE }
                <input type="file" accept=".txt,text/plain" onchange={on_file} />
            </label>
            <button type="button" onclick={open_paste}>{ text::PASTE }</button>
            if !is_seed {
                <button type="button" onclick={open_remove}>{ text::REMOVE }</button>
            }
            if let Some(message) = &state.message {
                <p class="doc-message" role="alert">
                    { message.clone() }
                    <button type="button" onclick={dismiss_message}>{ text::CLOSE }</button>
                </p>
            }
            if let Some(report) = &state.report {
                <LoadSummary report={report.clone()} on_close={dismiss_report} />
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

#[cfg(test)]
mod tests;
