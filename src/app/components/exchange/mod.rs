//! Export, import and share links: JSON snapshots, Excel/CSV ledgers and printing of all tasks or the
//! current view; importing one or many snapshot files (picked or dropped on the page) through a
//! preview with per-field conflict choices and an undo; share links (`#s=…`) with a QR code, and
//! opening such a link read-only with "合并到我的台账". All rules live in the core
//! (`luoshi::session::import`, `luoshi::snapshot`, `luoshi::export`, `luoshi::share`), the browser
//! wiring in `crate::app::exchange`; these components only lay out markup.

mod export;
mod import;
mod preview;
mod print;
mod share;
pub(crate) use crate::app::text::exchange as text;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use luoshi::session::import::ReadFile;
use luoshi::snapshot::Coverage;
use luoshi::{Document, TaskNumber};
use yew::prelude::*;

use export::ExportSection;
use import::ImportSection;
pub use preview::ImportPreview;
// The print table and the share section run in the lazily loaded views module (`crate::app::views`).
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub use print::PrintLedger;
use share::LinkBanner;
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub use share::ShareSection;

use super::filters::use_evaluation_when;
use crate::app::exchange::{use_file_drop, use_import, use_print};
use crate::app::ledger_state::use_ledger;
use crate::app::route::use_route;
use crate::app::views::{LazyView, ViewKind};

#[function_component(ExchangePanel)]
pub fn exchange_panel() -> Html {
    let document = use_context::<Rc<Document>>();
    let ledger = use_ledger();
    let route = use_route();
    let open = use_state_eq(|| false);
    // The panel belongs to the page it was opened on: going to another task or view folds it
    // (declared before the effects that open it for a dropped file or a share link).
    {
        let open = open.clone();
        use_effect_with(route.page.clone(), move |_| open.set(false));
    }
    let whole_view = use_state_eq(|| true);
    let import = use_import(ledger.as_ref());
    // Printed: the ledger counts as exported (not when the table could not be drawn).
    let printing = use_print({
        let ledger = ledger.clone();
        Callback::from(move |()| {
            if let Some(ledger) = &ledger {
                ledger.mark_exported();
            }
        })
    });
    let print_unavailable = use_state_eq(|| false);
    // The view's tasks are used only by the open panel (scope, exports) and the print table; the
    // list evaluates the route itself, and a second evaluation per keystroke would double that.
    let evaluation = use_evaluation_when(*open || *printing);

    // Files read: check them and show the preview (or the refusals).
    let on_files = {
        let (document, ledger, import, open) = (
            document.clone(),
            ledger.clone(),
            import.clone(),
            open.clone(),
        );
        Callback::from(move |files: Vec<ReadFile>| {
            let (Some(document), Some(ledger)) = (&document, &ledger) else {
                return;
            };
            import.check(&files, document, ledger);
            open.set(true);
        })
    };
    let dragging = use_file_drop(import.readers.clone(), on_files.clone());

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
        Coverage::All
    } else {
        Coverage::View {
            // The view's address without the document (the file names its own).
            query: luoshi::route::Route {
                doc: None,
                ..route.clone()
            }
            .to_query_string(),
            tasks: (*view_tasks).clone(),
        }
    };
    // The file name says whose ledger it is: the one unit the current view is narrowed to, else the
    // unit the user gave in 我是….
    let sheet_unit: Option<String> = if !*whole_view && route.query.units.len() == 1 {
        route.query.units.iter().next().cloned()
    } else {
        Some(ledger.ledger().user.unit.trim().to_string()).filter(|unit| !unit.is_empty())
    };

    // A sheet of the view narrowed to one unit is that unit's sheet.
    let sheet_for_unit: Option<String> = if !*whole_view && route.query.units.len() == 1 {
        route.query.units.iter().next().cloned()
    } else {
        None
    };

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_scope = {
        let whole_view = whole_view.clone();
        Callback::from(move |all: bool| whole_view.set(all))
    };
    let on_print = {
        let (printing, failed) = (printing.clone(), print_unavailable.clone());
        Callback::from(move |()| {
            failed.set(false);
            printing.set(true);
        })
    };
    // The share section saved a file of the ledger (from the single file, where there are no links).
    let mark_exported = {
        let ledger = ledger.clone();
        Callback::from(move |()| ledger.mark_exported())
    };
    // The print table cannot be drawn (the views module cannot load): printing ends, and the
    // export section says why.
    let print_failed = {
        let (printing, failed) = (printing.clone(), print_unavailable.clone());
        Callback::from(move |()| {
            failed.set(true);
            printing.set(false);
        })
    };
    let on_merge_link = {
        let (import, ledger, open) = (import.clone(), ledger.clone(), open.clone());
        Callback::from(move |incoming: Rc<luoshi::snapshot::Incoming>| {
            import.merge_link(&incoming, &ledger);
            open.set(true);
        })
    };

    html! {
        <>
            <LinkBanner on_merge={on_merge_link} />
            if dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ text::DROP_HERE }</p></div>
            }
            <div class="exchange">
                <button type="button" class="button exchange-toggle" aria-expanded={open.to_string()}
                    aria-controls="exchange-panel" onclick={toggle}>{ text::PANEL }</button>
                if *open {
                    <div id="exchange-panel" class="exchange-panel">
                        <ExportSection whole_view={*whole_view} view_count={view_tasks.len()}
                            scope={scope.clone()} tasks={scope_tasks.clone()} unit={sheet_unit} for_unit={sheet_for_unit}
                            {on_scope} {on_print} />
                        if *print_unavailable {
                            <p class="exchange-error" role="alert">{ crate::app::views::UNAVAILABLE }</p>
                        }
                        <ImportSection import={import.clone()} {on_files} />
                        <LazyView view={ViewKind::Share { scope }} on_exported={mark_exported} />
                    </div>
                }
            </div>
            if *printing {
                <LazyView view={ViewKind::Print { tasks: (*scope_tasks).clone() }} class="print-host"
                    on_failed={print_failed} />
            }
        </>
    }
}
