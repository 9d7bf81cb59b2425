//! The overview page (`?view=overview`): totals and shares by status, by 序时 light and by this
//! period's reports, for the whole document and each section; the unit scorecard; the collection
//! round (who has reported, 催办); targets; the watch list. Everything is computed by `luoshi::overview`; this module lays it out.

mod chart;
mod collection;
pub(crate) mod nav;
mod scorecard;
pub(crate) use crate::app::text::overview as text;
mod view_nav;
mod watch;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use luoshi::ledger::Ledger;
use luoshi::overview::{CollectionRound, Overview, Scorecard};
use luoshi::period::Date;
use luoshi::Document;
use yew::prelude::*;

pub use chart::{bar_chart, StackedChart};
use collection::CollectionPanel;
pub use nav::use_ledger_view;
use scorecard::ScorecardTable;
pub use view_nav::ViewNav;
use watch::{targets_panel, watch_panel};

/// The overview of the live ledger.
#[function_component(OverviewPage)]
pub fn overview_page() -> Html {
    let document = use_context::<Rc<Document>>();
    let view = use_ledger_view();
    match (document, view) {
        (Some(document), Some(view)) => html! {
            <OverviewView {document} ledger={view.ledger} today={view.today} />
        },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
pub struct OverviewViewProps {
    pub document: Rc<Document>,
    pub ledger: Rc<Ledger>,
    /// Lights are judged at this date unless the ledger sets its own as-of date.
    pub today: Date,
}

#[function_component(OverviewView)]
pub fn overview_view(props: &OverviewViewProps) -> Html {
    let inputs = (props.document.clone(), props.ledger.clone(), props.today);
    let overview = use_memo(inputs.clone(), |(document, ledger, today)| {
        Overview::compute(document, ledger, *today)
    });
    let scorecard = use_memo(inputs.clone(), |(document, ledger, today)| {
        Scorecard::compute(document, ledger, *today)
    });
    let round = use_memo(inputs, |(document, ledger, today)| {
        Rc::new(CollectionRound::compute(document, ledger, *today))
    });
    if props.document.tasks.is_empty() {
        return html! { <p class="muted">{ text::NO_TASKS }</p> };
    }
    let whole = &overview.whole;
    html! {
        <div class="overview" data-ready="overview">
            <div class="ov-head">
                <h2 id="overview-title">{ text::OVERVIEW_TITLE }</h2>
                <p class="muted ov-as-of">
                    { text::as_of_line(&date_label(overview.as_of), &overview.period.label()) }
                </p>
            </div>

            <section class="ov-section" aria-labelledby="ov-whole">
                <h3 id="ov-whole">{ text::whole_heading(whole.total) }</h3>
                <div class="ov-charts">
                    { bar_chart(&whole.by_status, "whole-status") }
                    { bar_chart(&whole.by_light, "whole-light") }
                    { bar_chart(&whole.by_report, "whole-report") }
                </div>
            </section>

            <section class="ov-section" aria-labelledby="ov-sections">
                <h3 id="ov-sections">{ text::SECTIONS_HEADING }</h3>
                <div class="table-scroll">
                    <table class="ov-table section-table">
                        <thead>
                            <tr>
                                <th scope="col">{ text::COL_SECTION }</th>
                                <th scope="col" class="num">{ text::COL_TASKS }</th>
                                <th scope="col">{ luoshi::overview::text::CHART_BY_STATUS }</th>
                                <th scope="col">{ luoshi::overview::text::CHART_BY_LIGHT }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for overview.sections.iter().map(|section| html! {
                                <tr key={section.number} data-section={section.number.to_string()}>
                                    <th scope="row">{ section.label.clone() }</th>
                                    <td class="num">{ section.breakdown.total }</td>
                                    <td><StackedChart chart={section.breakdown.by_status.clone()}
                                                      id={format!("section-{}-status", section.number)} /></td>
                                    <td><StackedChart chart={section.breakdown.by_light.clone()}
                                                      id={format!("section-{}-light", section.number)} /></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </section>

            <section class="ov-section" aria-labelledby="ov-units">
                <h3 id="ov-units">{ text::SCORECARD_HEADING }</h3>
                <p class="muted">{ text::SORT_HINT }</p>
                <ScorecardTable scorecard={(*scorecard).clone()} />
            </section>

            <section class="ov-section" aria-labelledby="ov-collection">
                <h3 id="ov-collection">{ text::COLLECTION_HEADING }</h3>
                <p class="muted">{ text::COLLECTION_HINT }</p>
                <CollectionPanel document={props.document.clone()} round={(*round).clone()}
                    as_of={overview.as_of} from={AttrValue::from(props.ledger.user.unit.clone())} />
            </section>

            <section class="ov-section" aria-labelledby="ov-targets">
                <h3 id="ov-targets">{ text::TARGETS_HEADING }</h3>
                { targets_panel(&overview.targets) }
            </section>

            <section class="ov-section" aria-labelledby="ov-watch">
                <h3 id="ov-watch">{ text::WATCH_HEADING }</h3>
                { watch_panel(&overview.watch, overview.period) }
            </section>
        </div>
    }
}

/// `2023年6月30日`.
pub fn date_label(date: Date) -> String {
    text::date(date)
}
