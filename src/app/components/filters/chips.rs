//! Active filters as removable chips, plus "清除筛选".

use std::rc::Rc;

use luoshi::query::{Evaluation, Query, Role};
use yew::prelude::*;

use super::facets::Facet;
use crate::app::route::{use_navigator, use_route, Route};
use crate::app::text;

/// One chip: what it says and the route without it.
struct Chip {
    label: String,
    without: Route,
}

fn chips(route: &Route, evaluation: &Evaluation) -> Vec<Chip> {
    let mut chips = Vec::new();
    if !route.query.text.trim().is_empty() {
        chips.push(Chip {
            label: text::search_chip(route.query.text.trim()),
            without: route.list_with(|q| q.text.clear()),
        });
    }
    if route.query.mine {
        chips.push(Chip {
            label: text::only_mine(None),
            without: route.list_with(|q| q.mine = false),
        });
    }
    let facet_label = |values: &[luoshi::query::FacetValue], value: &str| {
        values
            .iter()
            .find(|v| v.value == value)
            .map_or_else(|| value.to_string(), |v| v.label.clone())
    };
    for section in &route.query.sections {
        let value = section.to_string();
        chips.push(Chip {
            label: text::facet_chip(
                text::FACET_SECTION,
                &facet_label(&evaluation.facets.sections, &value),
            ),
            without: Facet::Section.toggled(route, &value),
        });
    }
    for unit in &route.query.units {
        chips.push(Chip {
            label: text::facet_chip(text::FACET_UNIT, unit),
            without: Facet::Unit.toggled(route, unit),
        });
    }
    if route.query.role != Role::Any {
        chips.push(Chip {
            label: text::role_chip(route.query.role),
            without: route.list_with(|q| q.role = Role::Any),
        });
    }
    for leader in &route.query.leaders {
        chips.push(Chip {
            label: text::facet_chip(text::FACET_LEADER, leader),
            without: Facet::Leader.toggled(route, leader),
        });
    }
    for status in &route.query.statuses {
        chips.push(Chip {
            label: text::facet_chip(text::FACET_STATUS, status.label()),
            without: Facet::Status.toggled(route, status.as_param()),
        });
    }
    if let Some(flag) = route.query.has_targets {
        chips.push(Chip {
            label: (if flag {
                text::HAS_TARGETS
            } else {
                text::NO_TARGETS_FACET
            })
            .to_string(),
            without: route.list_with(|q| q.has_targets = None),
        });
    }
    if let Some(flag) = route.query.has_report {
        chips.push(Chip {
            label: text::facet_chip(
                text::FACET_REPORT,
                if flag {
                    text::HAS_REPORT
                } else {
                    text::NO_REPORT
                },
            ),
            without: route.list_with(|q| q.has_report = None),
        });
    }
    for light in &route.query.lights {
        chips.push(Chip {
            label: text::facet_chip(text::FACET_LIGHT, light.label()),
            without: Facet::Light.toggled(route, light.key()),
        });
    }
    if let Some(flag) = route.query.supervised {
        chips.push(Chip {
            label: facet_label(&evaluation.facets.supervised, if flag { "1" } else { "0" }),
            without: route.list_with(|q| q.supervised = None),
        });
    }
    if let Some(period) = route.query.report_period {
        chips.push(Chip {
            label: text::facet_chip(text::REPORT_PERIOD, &period.label()),
            without: route.list_with(|q| {
                q.report_period = None;
                q.has_report = None;
            }),
        });
    }
    chips
}

#[derive(Properties, PartialEq)]
pub struct ActiveFiltersProps {
    pub evaluation: Rc<Evaluation>,
}

#[function_component(ActiveFilters)]
pub fn active_filters(props: &ActiveFiltersProps) -> Html {
    let route = use_route();
    let navigator = use_navigator();
    let chips = chips(&route, &props.evaluation);
    if chips.is_empty() {
        return Html::default();
    }
    let go = |to: Route| {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(navigator) = &navigator {
                navigator.push(to.clone());
            }
        })
    };
    let cleared = route.list_with(Query::clear_filters);
    html! {
        <div class="chips" role="group" aria-label={text::ACTIVE_FILTERS}>
            { for chips.into_iter().map(|chip| html! {
                <button type="button" class="chip" aria-label={text::remove_filter(&chip.label)}
                        onclick={go(chip.without)}>
                    <span>{ chip.label }</span>
                    <span class="chip-x" aria-hidden="true">{ "×" }</span>
                </button>
            }) }
            <button type="button" class="link-button clear-filters" onclick={go(cleared)}>
                { text::clear_filters(route.query.active_filter_count()) }
            </button>
        </div>
    }
}
