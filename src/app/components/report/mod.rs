//! The 进展情况汇总 report page (`?view=report&period=2023Q2&scope=unit:区科技局`): every task in
//! scope in document order with that period's texts and its change since the previous period;
//! printable on A4, copyable as plain text.

pub(crate) mod clipboard;
pub(crate) use crate::app::text::report as text;

use std::rc::Rc;

use luoshi::ledger::{Ledger, ReportField};
use luoshi::offload::{ReportRequest, ReportScope, Request};
use luoshi::overview::{Grouping, ProgressReport, ReportTask, Scope, TaskDelta, UnitDelta};
use luoshi::period::{Date, Period};
use luoshi::route::Page;
use luoshi::Document;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::overview::date_label;
use super::overview::nav::{use_go_to_page, use_ledger_view, use_page, PageLink};
use crate::app::exchange::{for_worker, save_written};

/// The report of the live ledger, for the period and scope in the URL.
#[function_component(ReportPage)]
pub fn report_page() -> Html {
    let document = use_context::<Rc<Document>>();
    let view = use_ledger_view();
    let (period, scope) = match use_page() {
        Page::Report { period, scope } => (period, scope),
        _ => (None, Scope::All),
    };
    match (document, view) {
        (Some(document), Some(view)) => html! {
            <ReportView {document} ledger={view.ledger} today={view.today} {period} {scope} />
        },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
pub struct ReportViewProps {
    pub document: Rc<Document>,
    pub ledger: Rc<Ledger>,
    pub today: Date,
    /// `None`: the ledger's current period.
    pub period: Option<Period>,
    pub scope: Scope,
}

/// What the copy or export button last did, shown in the status line.
#[derive(Clone, PartialEq)]
enum Notice {
    Idle,
    Copied,
    Failed,
    /// The spreadsheet could not be written or offered; the message says why.
    ExportFailed(String),
}

/// 进展汇总 as its own workbook (`luoshi::export::report_xlsx`: summary, groups, the unreported
/// list) or as a Word file in 公文 layout, written by the lazily loaded module from the same
/// document, ledger, period, scope and grouping as the page; `done` gets why not, if it fails.
fn export_report(
    (document, ledger, scope): &(Rc<Document>, Rc<Ledger>, Scope),
    period: Period,
    grouping: Grouping,
    word: bool,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    let request = Request::Report(Box::new(ReportRequest {
        document: (**document).clone(),
        ledger: for_worker(ledger),
        period: period.id(),
        scope: ReportScope::from(scope),
        grouping: grouping.key().to_string(),
        word,
    }));
    let failed = if word {
        text::EXPORT_WORD_FAILED
    } else {
        text::EXPORT_FAILED
    };
    save_written(&request, failed, done);
}

#[function_component(ReportView)]
pub fn report_view(props: &ReportViewProps) -> Html {
    let current = props.ledger.current_period(props.today);
    let period = props.period.unwrap_or(current);
    let grouping = use_state_eq(Grouping::default);
    let report = use_memo(
        (
            props.document.clone(),
            props.ledger.clone(),
            period,
            props.scope.clone(),
            *grouping,
        ),
        |(document, ledger, period, scope, grouping)| {
            ProgressReport::build_grouped(document, ledger, *period, scope, *grouping)
        },
    );
    let plain = use_memo(report.clone(), |report| report.to_plain_text());
    let deltas = use_memo(
        (props.document.clone(), props.ledger.clone(), report.clone()),
        |(document, ledger, report)| {
            report
                .tasks()
                .map(|task| TaskDelta::between(document, ledger, task.number, report.period))
                .collect::<Vec<_>>()
        },
    );
    let notice = use_state_eq(|| Notice::Idle);
    {
        // A message about the previous period's text would mislead once the report changes.
        let notice = notice.clone();
        use_effect_with(report.clone(), move |_| notice.set(Notice::Idle));
    }
    let go = use_go_to_page();

    let navigate = {
        let go = go.clone();
        move |period: Period, scope: Scope| {
            go.emit(Page::Report {
                period: Some(period),
                scope,
            })
        }
    };
    let choices = Scope::choices(&props.document);
    let on_period = {
        let navigate = navigate.clone();
        let scope = props.scope.clone();
        Callback::from(move |event: Event| {
            let value = select_value(&event);
            if let Some(period) = value.as_deref().and_then(Period::parse) {
                navigate(period, scope.clone());
            }
        })
    };
    let on_scope = {
        let choices = choices.clone();
        Callback::from(move |event: Event| {
            let picked = select_value(&event).and_then(|value| value.parse::<usize>().ok());
            if let Some((scope, _)) = picked.and_then(|i| choices.get(i)) {
                navigate(period, scope.clone());
            }
        })
    };
    let on_copy = {
        let plain = plain.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let notice = notice.clone();
            clipboard::copy(
                &plain,
                Callback::from(move |ok: bool| {
                    notice.set(if ok { Notice::Copied } else { Notice::Failed })
                }),
            );
        })
    };
    let on_file = |word: bool| {
        let source = (
            props.document.clone(),
            props.ledger.clone(),
            props.scope.clone(),
        );
        let notice = notice.clone();
        let grouping = *grouping;
        Callback::from(move |_: MouseEvent| {
            notice.set(Notice::Idle);
            let notice = notice.clone();
            export_report(&source, period, grouping, word, move |result| {
                notice.set(match result {
                    Ok(()) => Notice::Idle,
                    Err(message) => Notice::ExportFailed(message),
                })
            });
        })
    };
    let on_export = on_file(false);
    let on_word = on_file(true);
    let on_grouping = {
        let grouping = grouping.clone();
        Callback::from(move |event: Event| {
            if let Some(choice) = select_value(&event).as_deref().and_then(Grouping::from_key) {
                grouping.set(choice);
            }
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });

    let periods = {
        let mut periods = ProgressReport::period_choices(&props.ledger, props.today);
        if !periods.contains(&period) {
            periods.insert(0, period);
        }
        periods
    };
    let unit_delta = match &props.scope {
        Scope::Unit(unit) => Some(UnitDelta::between(
            &props.document,
            &props.ledger,
            unit,
            period,
        )),
        _ => None,
    };
    let status: Option<(&str, String)> = match &*notice {
        Notice::Idle => None,
        Notice::Copied => Some(("ok", text::COPIED.to_string())),
        Notice::Failed => Some(("error", text::COPY_FAILED.to_string())),
        Notice::ExportFailed(message) => Some(("error", message.clone())),
    };

    html! {
        <div class="report" data-ready="report">
            <form class="rp-controls no-print" aria-label={text::CONTROLS_LABEL}
                  onsubmit={Callback::from(|event: SubmitEvent| event.prevent_default())}>
                <label>
                    { text::PERIOD_LABEL }
                    <select name="period" onchange={on_period}>
                        { for periods.iter().map(|p| html! {
                            <option value={p.id()} selected={*p == period}>
                                { p.label() }{ if *p == current { text::CURRENT_PERIOD_MARK } else { "" } }
                            </option>
                        }) }
                    </select>
                </label>
                <label>
                    { text::SCOPE_LABEL }
                    <select name="scope" onchange={on_scope}>
                        { for choices.iter().enumerate().map(|(i, (scope, label))| html! {
                            <option value={i.to_string()} selected={*scope == props.scope}>{ label.clone() }</option>
                        }) }
                    </select>
                </label>
                <label>
                    { text::GROUPING_LABEL }
                    <select name="grouping" onchange={on_grouping}>
                        { for Grouping::ALL.iter().map(|g| html! {
                            <option value={g.key()} selected={*g == *grouping}>{ g.label() }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="button" onclick={on_copy}>{ text::COPY }</button>
                <button type="button" class="button" onclick={on_word}>{ text::EXPORT_WORD }</button>
                <button type="button" class="button" onclick={on_export}>{ text::EXPORT_XLSX }</button>
                <button type="button" class="button" onclick={on_print}>{ text::PRINT }</button>
                <p class="rp-copy-status" role="status" data-state={status.as_ref().map(|(kind, _)| kind.to_string())}>
                    { status.map(|(_, message)| message).unwrap_or_default() }
                </p>
            </form>

            <article class="rp-page">
                <header class="rp-header">
                    <h2 class="rp-title">{ report.title.clone() }</h2>
                    if !report.subtitle.is_empty() {
                        <p class="rp-subtitle">{ report.subtitle.clone() }</p>
                    }
                    <p class="rp-as-of">{ text::as_of(&date_label(report.as_of)) }</p>
                    if let Some(delta) = &unit_delta {
                        <p class="rp-unit-delta">
                            { text::unit_delta_line(&delta.previous.label(), delta.done_before, delta.done_after,
                                                    delta.new_reports, delta.tasks.len(), delta.led) }
                        </p>
                    }
                </header>
                <p class="rp-summary">{ report.summary.paragraph(&report.period.label()) }</p>
                if report.summary.tasks == 0 {
                    <p class="muted">{ text::NO_TASKS }</p>
                }
                { for report.sections.iter().map(|section| html! {
                    <section class="rp-section" key={section.number}>
                        if !section.heading.is_empty() {
                            <h3>{ section.heading.clone() }</h3>
                        }
                        { for section.tasks.iter().enumerate().map(|(i, task)| {
                            let delta = deltas.iter().find(|d| d.task == task.number);
                            task_entry(i + 1, task, delta)
                        }) }
                    </section>
                }) }
                if !report.unreported.is_empty() {
                    <section class="rp-unreported">
                        <h3>{ luoshi::overview::text::unreported_heading(
                            &luoshi::overview::chinese_numeral(u32::try_from(report.sections.len() + 1).unwrap_or(u32::MAX)),
                            report.unreported.len()) }</h3>
                        <ol>
                            { for report.unreported.iter().map(|task| html! {
                                <li key={task.number} data-task={task.number.to_string()}>
                                    <PageLink to={Page::Task(task.number)}>{ format!("{}.{}", task.number, task.title) }</PageLink>
                                    if !task.lead_units.is_empty() {
                                        <span class="rp-unreported-units">{ format!("（{}）", task.lead_units.join("、")) }</span>
                                    }
                                </li>
                            }) }
                        </ol>
                    </section>
                }
            </article>

            <details class="rp-plain no-print" open={*notice == Notice::Failed}>
                <summary>{ text::PLAIN_TEXT }</summary>
                <textarea readonly=true rows="16" aria-label={text::PLAIN_TEXT_LABEL}
                          value={(*plain).clone()} />
            </details>
        </div>
    }
}

fn task_entry(ordinal: usize, task: &ReportTask, delta: Option<&TaskDelta>) -> Html {
    let units = luoshi::overview::text::units_line(&task.lead_units, &task.participating_units);
    let changes = delta.map(TaskDelta::lines).unwrap_or_default();
    let ordinal = luoshi::overview::chinese_numeral(u32::try_from(ordinal).unwrap_or(u32::MAX));
    html! {
        <div class="rp-task" key={task.number} data-task={task.number.to_string()}>
            <h4>
                <PageLink to={Page::Task(task.number)}>
                    { luoshi::overview::text::task_heading(&ordinal, &task.title, task.number) }
                </PageLink>
            </h4>
            if !units.is_empty() {
                <p class="rp-units">{ units }</p>
            }
            <p class="rp-status">
                <span class={classes!("light-tag", format!("ov-tag-{}", task.light_bucket().key()))}>
                    { task.light_bucket().label() }
                </span>
                { task.status_line() }
            </p>
            if !task.targets.is_empty() {
                <ul class="rp-targets">
                    { for task.target_lines().into_iter().map(|line| html! { <li>{ line }</li> }) }
                </ul>
            }
            <dl class="rp-texts">
                { for ReportField::ALL.into_iter().enumerate().map(|(n, field)| {
                    let value = task.report.get(field).trim();
                    html! {
                        <div class="rp-text" data-field={field.key()}>
                            <dt>{ format!("{}.{}", n + 1, field.label()) }</dt>
                            <dd class={classes!(value.is_empty().then_some("muted"))}>
                                { if value.is_empty() { luoshi::overview::text::NOT_FILLED } else { value } }
                            </dd>
                        </div>
                    }
                }) }
            </dl>
            if !changes.is_empty() {
                // One sentence, items joined by "；" in the text itself (not by CSS), so a copied
                // item never starts with a separator.
                <p class="rp-delta">
                    <span class="rp-delta-title">{ format!("{}：", text::CHANGES) }</span>
                    { text::changes_sentence(&changes) }
                </p>
            }
        </div>
    }
}

fn select_value(event: &Event) -> Option<String> {
    event
        .target()
        .and_then(|target| target.dyn_into::<HtmlSelectElement>().ok())
        .map(|select| select.value())
}
