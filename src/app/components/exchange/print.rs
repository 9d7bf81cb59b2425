//! A print-only ledger table of the current view: the report's rows under a repeating header, with
//! the document title and as-of date on top. Rendered only while printing (see `styles/exchange.css`),
//! by the lazily loaded views module (`crate::app::views`, `ViewKind::Print`).

use std::rc::Rc;

use luoshi::export::ReportSheet;
use luoshi::{Document, TaskNumber};
use yew::prelude::*;

use super::text;
use crate::app::components::overview::nav::use_ledger_view;

#[derive(Properties, PartialEq)]
pub struct PrintLedgerProps {
    pub tasks: Rc<Vec<TaskNumber>>,
}

#[function_component(PrintLedger)]
pub fn print_ledger(props: &PrintLedgerProps) -> Html {
    let document = use_context::<Rc<Document>>();
    let view = use_ledger_view();
    let (Some(document), Some(view)) = (document, view) else {
        return Html::default();
    };
    let sheet = ReportSheet::new(&document, &view.ledger, &props.tasks, view.today);
    let rows = sheet.rows();
    let columns = sheet.columns();
    html! {
        <section class="print-ledger" aria-hidden="true">
            <h1 class="print-title">{ document.title.clone() }</h1>
            <p class="print-as-of">{ text::printed_as_of(&sheet.as_of_text(), rows.len()) }</p>
            <table class="print-table">
                <thead>
                    <tr>{ for columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr>{ for row.cells.iter().map(|cell| html! { <td>{ cell.clone() }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
