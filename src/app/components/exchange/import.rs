//! The import section: the file picker, refused files, the outcome notice, 撤销导入 and the preview.
//! The flow is the core's (`luoshi::session::import`), wired by `crate::app::exchange`.

use std::rc::Rc;

use luoshi::session::import::{ImportMsg, ImportNotice, ReadFile};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{text, ImportPreview};
use crate::app::exchange::{files_of, read_files, ImportHandle};
use crate::app::ledger_state::use_ledger;

#[derive(Properties, PartialEq)]
pub struct ImportSectionProps {
    pub import: ImportHandle,
    /// Picked files, read.
    pub on_files: Callback<Vec<ReadFile>>,
}

#[function_component(ImportSection)]
pub fn import_section(props: &ImportSectionProps) -> Html {
    let ledger = use_ledger();
    let Some(ledger) = ledger else {
        return Html::default();
    };
    let import = &props.import;
    let flow = import.flow();
    let pick_files = {
        let (readers, on_files) = (import.readers.clone(), props.on_files.clone());
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
    let on_confirm = {
        let (import, ledger) = (import.clone(), ledger.clone());
        Callback::from(move |()| import.confirm(&ledger))
    };
    let on_cancel = {
        let import = import.clone();
        Callback::from(move |()| import.dispatch(ImportMsg::Cancel))
    };
    let undo_import = {
        let (import, ledger) = (import.clone(), ledger.clone());
        Callback::from(move |_: MouseEvent| import.undo(&ledger))
    };
    let read_only = ledger.is_read_only();
    html! {
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
                // Losing the way back on reload is a warning, the rest are outcomes.
                <p class="import-notice"
                    role={if notice == ImportNotice::ImportedBackupNotKept { "alert" } else { "status" }}>
                    { text::notice(notice) }
                </p>
            }
            // Only while the ledger is still what the import made: undoing after later edits would
            // throw those edits away.
            if import.offers_undo() {
                <button type="button" class="button" onclick={undo_import}>{ text::UNDO_IMPORT }</button>
            }
            if let Some((preview, resolutions)) = &flow.pending {
                <ImportPreview preview={Rc::clone(preview)} resolutions={resolutions.clone()}
                    on_resolve={import.resolve()} on_all={import.all()} {on_confirm} {on_cancel} />
            }
        </section>
    }
}
