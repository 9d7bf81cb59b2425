//! Charts drawn as plain SVG: a bar chart (one linked row per bar, its number beside it) and a
//! compact stacked bar with a linked legend. Every bar links to the task list its query shows.

use luoshi::overview::{Bar, Chart};
use yew::prelude::*;

use super::nav::{is_plain_click, use_go, QueryLink};
use super::text;

/// The CSS class that colours a bar: the core's class under this app's `ov-` prefix (the bare
/// status classes already style form controls elsewhere).
fn fill_class(bar: &Bar) -> String {
    format!("ov-fill ov-{}", bar.css_class)
}

/// A bar's label, count and share, linked to its task list when it has one.
fn bar_body(bar: &Bar, noun: &str) -> Html {
    html! {
        <>
            <span class="bar-label">{ bar.label.clone() }</span>
            <span class="bar-value">
                <span class="bar-count">{ bar.count }</span>{ format!(" {noun}") }
                <span class="bar-share">{ luoshi::overview::text::percent(bar.share) }</span>
            </span>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub chart: Chart,
    /// Element id of the chart's heading, for `aria-labelledby`.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// One row per bar: label, a bar as long as its share, and the number beside it. Each row is a
/// link to the filtered task list (plain text when the bar has no query). `id` is the element id
/// of the chart's heading. A plain function, not a component: it has no state, and each component
/// costs its own copy of yew's lifecycle code in the wasm (issue 19).
pub fn bar_chart(chart: &Chart, id: &'static str) -> Html {
    let title_id = format!("{id}-title");
    html! {
        <figure class="ov-chart ov-bar-chart" data-chart={id}>
            <figcaption id={title_id}>
                <span class="chart-title">{ chart.title.clone() }</span>
                <span class="chart-total">{ text::total(chart.total, chart.noun) }</span>
            </figcaption>
            <ul class="bar-rows">
                { for chart.bars.iter().map(|bar| {
                    let track = html! {
                        <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none"
                             aria-hidden="true" focusable="false">
                            <rect class="bar-bg" x="0" y="0" width="100" height="10" />
                            <rect class={fill_class(bar)} x="0" y="0"
                                  width={format!("{:.2}", bar.share * 100.0)} height="10" />
                        </svg>
                    };
                    let body = html! { <>{ bar_body(bar, chart.noun) }{ track }</> };
                    html! {
                        <li key={bar.key} data-key={bar.key}>
                            if let Some(query) = &bar.query {
                                <QueryLink to={query.clone()} class="bar-row">
                                    { body }
                                </QueryLink>
                            } else {
                                <span class="bar-row">{ body }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </figure>
    }
}

/// A stacked bar (role="img", its text equivalent in `aria-label`) and a legend of the non-empty
/// bars. Segments link on click; the legend's links are the keyboard and screen-reader way in.
#[function_component(StackedChart)]
pub fn stacked_chart(props: &ChartProps) -> Html {
    let chart = &props.chart;
    let go = use_go();
    let segment = |(start, bar): (f64, &Bar)| {
        let onclick = bar.query.clone().map(|query| {
            let go = go.clone();
            Callback::from(move |event: MouseEvent| {
                if is_plain_click(&event) {
                    go.emit(query.clone());
                }
            })
        });
        let linked = if bar.query.is_some() { "linked" } else { "" };
        html! {
            <rect class={classes!(fill_class(bar), linked)} data-key={bar.key}
                  x={format!("{:.2}", start * 100.0)} y="0"
                  width={format!("{:.2}", bar.share * 100.0)} height="10" {onclick}>
                <title>{ bar.text(chart.noun) }</title>
            </rect>
        }
    };
    html! {
        <figure class="ov-chart ov-stacked" data-chart={props.id.clone()}>
            <svg class="stack" viewBox="0 0 100 10" preserveAspectRatio="none" role="img"
                 aria-label={chart.text()}>
                <rect class="bar-bg" x="0" y="0" width="100" height="10" />
                { for chart.segments().into_iter().filter(|(_, bar)| bar.count > 0).map(segment) }
            </svg>
            <ul class="stack-legend">
                { for chart.bars.iter().filter(|bar| bar.count > 0).map(|bar| {
                    let swatch = html! {
                        <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
                            <rect class={fill_class(bar)} width="10" height="10" />
                        </svg>
                    };
                    let body = html! {
                        <>{ swatch }{ bar.label.clone() }{ " " }<span class="bar-count">{ bar.count }</span></>
                    };
                    html! {
                        <li key={bar.key} data-key={bar.key}>
                            if let Some(query) = &bar.query {
                                <QueryLink to={query.clone()}>
                                    { body }
                                </QueryLink>
                            } else {
                                <span>{ body }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </figure>
    }
}
