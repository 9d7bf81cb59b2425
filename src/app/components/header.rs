//! The app bar and the document's header: title, 发文字号, 发文机关, 成文日期.

use std::rc::Rc;

use luoshi::Document;
use yew::prelude::*;

use crate::app::route::{Link, Route};
use crate::app::text;

#[function_component(Header)]
pub fn header() -> Html {
    let Some(document) = use_context::<Rc<Document>>() else {
        return Html::default();
    };
    let meta = &document.meta;
    let field = |label: &'static str, value: &str| {
        let value = if value.is_empty() {
            text::NOT_GIVEN.to_string()
        } else {
            value.to_string()
        };
        html! {
            <div class="doc-field">
                <dt>{ label }</dt>
                <dd>{ value }</dd>
            </div>
        }
    };
    html! {
        <header class="app-header">
            <div class="app-bar">
                <Link to={Route::default()} class="app-name">
                    <span class="app-mark">{ text::APP_NAME }</span>
                    <span class="app-subtitle">{ text::APP_SUBTITLE }</span>
                </Link>
                <super::overview::ViewNav />
            </div>
            <super::documents::DocumentBar />
            <div class="doc-header">
                <h1 class="doc-title">{ document.title.clone() }</h1>
                <dl class="doc-meta">
                    { field(text::DOC_NUMBER, &meta.doc_number) }
                    { field(text::ISSUER, &meta.issuer) }
                    { field(text::WRITTEN_DATE, &meta.written_date) }
                </dl>
                <p class="doc-summary">{ text::document_summary(document.sections.len(), document.tasks.len()) }</p>
                if !document.warnings.is_empty() {
                    <details class="doc-warnings">
                        <summary>{ format!("{}（{}）", text::WARNINGS_SUMMARY, document.warnings.len()) }</summary>
                        <ul>
                            { for document.warnings.iter().enumerate().map(|(index, warning)| html! {
                                <li key={index}>{ text::warning_line(warning.line, &warning.message) }</li>
                            }) }
                        </ul>
                    </details>
                }
            </div>
        </header>
    }
}
