//! Active filters as removable chips, plus "清除筛选".

use std::rc::Rc;

use luoshi::query::{Evaluation, Role};
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
    let base = Route {
        task: None,
        ..route.clone()
    };
    let mut chips = Vec::new();
    if !route.text.trim().is_empty() {
        chips.push(Chip {
            label: text::search_chip(route.text.trim()),
            without: Route {
                text: String::new(),
                ..base.clone()
            },
        });
    }
    if route.mine {
        chips.push(Chip {
            label: text::only_mine(None),
            without: Route {
                mine: false,
                ..base.clone()
            },
        });
    }
    let facet_label = |values: &[luoshi::query::FacetValue], value: &str| {
        values
            .iter()
            .find(|v| v.value == value)
            .map_or_else(|| value.to_string(), |v| v.label.clone())
    };
    for section in &route.sections {
        let value = section.to_string();
        chips.push(Chip {
            label: text::facet_chip(
                text::FACET_SECTION,
                &facet_label(&evaluation.facets.sections, &value),
            ),
            without: Facet::Section.toggled(&base, &value),
        });
    }
    for unit in &route.units {
        chips.push(Chip {
            label: text::facet_chip(text::FACET_UNIT, unit),
            without: Facet::Unit.toggled(&base, unit),
        });
    }
    if route.role != Role::Any {
        chips.push(Chip {
            label: text::role_chip(route.role),
            without: Route {
                role: Role::Any,
                ..base.clone()
            },
        });
    }
    for leader in &route.leaders {
        chips.push(Chip {
            label: text::facet_chip(text::FACET_LEADER, leader),
            without: Facet::Leader.toggled(&base, leader),
        });
    }
    for status in &route.statuses {
        chips.push(Chip {
            label: text::facet_chip(text::FACET_STATUS, status.label()),
            without: Facet::Status.toggled(&base, status.as_param()),
        });
    }
    if let Some(flag) = route.has_targets {
        chips.push(Chip {
            label: (if flag {
                text::HAS_TARGETS
            } else {
                text::NO_TARGETS_FACET
            })
            .to_string(),
            without: Route {
                has_targets: None,
                ..base.clone()
            },
        });
    }
    if let Some(flag) = route.has_report {
        chips.push(Chip {
            label: text::facet_chip(
                text::FACET_REPORT,
                if flag {
                    text::HAS_REPORT
                } else {
                    text::NO_REPORT
                },
            ),
            without: Route {
                has_report: None,
                ..base.clone()
            },
        });
    }
    for light in &route.lights {
        chips.push(Chip {
            label: text::facet_chip(text::FACET_LIGHT, light.label()),
            without: Facet::Light.toggled(&base, light.key()),
        });
    }
    if let Some(flag) = route.supervised {
        chips.push(Chip {
            label: facet_label(&evaluation.facets.supervised, if flag { "1" } else { "0" }),
            without: Route {
                supervised: None,
                ..base.clone()
            },
        });
    }
    if let Some(period) = route.report_period {
        chips.push(Chip {
            label: text::facet_chip(text::REPORT_PERIOD, &period.label()),
            without: Route {
                report_period: None,
                has_report: None,
                ..base.clone()
            },
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
    let mut cleared = route.clone();
    cleared.clear_filters();
    cleared.task = None;
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
                { text::clear_filters(route.active_filter_count()) }
            </button>
        </div>
    }
}
