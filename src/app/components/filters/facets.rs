//! The facet panel: section, unit (with a role switch), leader (only for documents that name
//! leaders), status, targets and report, each value with its live count. Zero counts stay visible but disabled; several values of one facet OR.

use std::rc::Rc;

use luoshi::query::{Evaluation, FacetValue, LightBucket, Query, Role, StatusKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::route::{use_navigator, use_route, Route};
use crate::app::text;

/// Units shown before "更多单位" (selected ones are always shown as well).
const TOP_UNITS: usize = 8;

/// Which facet a value belongs to, so one callback can toggle any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Section,
    Unit,
    Leader,
    Status,
    Targets,
    Report,
    Light,
    Supervised,
}

impl Facet {
    /// The route with `value` toggled in this facet.
    pub fn toggled(self, route: &Route, value: &str) -> Route {
        route.list_with(|next| match self {
            Facet::Section => {
                if let Ok(section) = value.parse() {
                    next.toggle_section(section);
                }
            }
            Facet::Unit => next.toggle_unit(value),
            Facet::Leader => next.toggle_leader(value),
            Facet::Status => {
                if let Some(status) = StatusKind::from_param(value) {
                    next.toggle_status(status);
                }
            }
            Facet::Targets => Query::toggle_flag(&mut next.has_targets, value == "1"),
            Facet::Report => Query::toggle_flag(&mut next.has_report, value == "1"),
            Facet::Light => {
                if let Some(light) = LightBucket::from_param(value) {
                    if !next.lights.remove(&light) {
                        next.lights.insert(light);
                    }
                }
            }
            Facet::Supervised => Query::toggle_flag(&mut next.supervised, value == "1"),
        })
    }

    fn id(self) -> &'static str {
        match self {
            Facet::Section => "facet-section",
            Facet::Unit => "facet-unit",
            Facet::Leader => "facet-leader",
            Facet::Status => "facet-status",
            Facet::Targets => "facet-targets",
            Facet::Report => "facet-report",
            Facet::Light => "facet-light",
            Facet::Supervised => "facet-supervised",
        }
    }
}

/// The yes/no facets read better in the app's wording than the core's generic labels.
fn flag_label(facet: Facet, value: &str) -> Option<&'static str> {
    match (facet, value) {
        (Facet::Targets, "1") => Some(text::HAS_TARGETS),
        (Facet::Targets, _) => Some(text::NO_TARGETS_FACET),
        (Facet::Report, "1") => Some(text::HAS_REPORT),
        (Facet::Report, _) => Some(text::NO_REPORT),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct FacetPanelProps {
    pub evaluation: Rc<Evaluation>,
}

#[function_component(FacetPanel)]
pub fn facet_panel(props: &FacetPanelProps) -> Html {
    let route = use_route();
    let navigator = use_navigator();
    let facets = &props.evaluation.facets;
    let toggle = {
        let route = route.clone();
        Callback::from(move |(facet, value): (Facet, String)| {
            if let Some(navigator) = &navigator {
                navigator.push(facet.toggled(&route, &value));
            }
        })
    };
    let group = |facet: Facet, title: &'static str, values: Vec<&FacetValue>| {
        html! {
            <section class="facet" aria-labelledby={facet.id()}>
                <h3 class="facet-title" id={facet.id()}>{ title }</h3>
                { facet_values(facet, values, &toggle) }
            </section>
        }
    };
    html! {
        <div class="facet-panel">
            { group(Facet::Section, text::FACET_SECTION, facets.sections.iter().collect()) }
            <UnitFacet units={facets.units.clone()} role={route.query.role} toggle={toggle.clone()} />
            // Empty when the document names no leader (and none is selected): no facet at all.
            if !facets.leaders.is_empty() {
                { group(Facet::Leader, text::FACET_LEADER, facets.leaders.iter().collect()) }
            }
            { group(Facet::Status, text::FACET_STATUS, facets.statuses.iter().collect()) }
            { group(Facet::Targets, text::FACET_TARGETS, facets.has_targets.iter().collect()) }
            { group(Facet::Report, text::FACET_REPORT, facets.has_report.iter().collect()) }
            { group(Facet::Light, text::FACET_LIGHT, facets.lights.iter().collect()) }
            { group(Facet::Supervised, text::FACET_SUPERVISED, facets.supervised.iter().collect()) }
        </div>
    }
}

/// A facet's values as toggle buttons. A plain function, not a component: no state, and a
/// component costs its own copy of yew's lifecycle code in the wasm (issue 19).
fn facet_values<'a>(
    facet: Facet,
    values: impl IntoIterator<Item = &'a FacetValue>,
    toggle: &Callback<(Facet, String)>,
) -> Html {
    html! {
        <ul class="facet-values">
            { for values.into_iter().map(|value| {
                let label = flag_label(facet, &value.value).map_or_else(|| value.label.clone(), str::to_string);
                let onclick = {
                    let toggle = toggle.clone();
                    let key = value.value.clone();
                    Callback::from(move |_: MouseEvent| toggle.emit((facet, key.clone())))
                };
                // A selected value stays clickable (to remove it) even when nothing else matches.
                let disabled = value.count == 0 && !value.selected;
                html! {
                    <li key={value.value.clone()}>
                        <button type="button" class={classes!("facet-value", value.selected.then_some("selected"))}
                                aria-pressed={value.selected.to_string()} {disabled} {onclick}
                                data-value={value.value.clone()}>
                            // Named by what it shows (WCAG 2.5.3 Label in Name: a speech-input
                            // user says "一、实施创新驱动发展战略 6"), the unit word for screen
                            // readers only.
                            <span class="facet-label">{ label }</span>
                            <span class="visually-hidden">{ " " }</span>
                            <span class="facet-count">{ value.count }</span>
                            <span class="visually-hidden">{ text::FACET_COUNT_UNIT }</span>
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct UnitFacetProps {
    units: Vec<FacetValue>,
    role: Role,
    toggle: Callback<(Facet, String)>,
}

/// ~50 units: the busiest few (under the current filters; zeros fill up disabled when few match)
/// plus every selected one, the rest behind "更多单位" with a name filter.
#[function_component(UnitFacet)]
fn unit_facet(props: &UnitFacetProps) -> Html {
    let route = use_route();
    let navigator = use_navigator();
    let expanded = use_state(|| false);
    let name_filter = use_state(String::new);

    let mut ordered: Vec<&FacetValue> = props.units.iter().collect();
    luoshi::sorting::sort_by_key(&mut ordered, |v| (!v.selected, std::cmp::Reverse(v.count)));
    let shown: Vec<FacetValue> = if *expanded {
        let needle = name_filter.trim();
        ordered
            .into_iter()
            .filter(|v| v.selected || needle.is_empty() || v.label.contains(needle))
            .cloned()
            .collect()
    } else {
        ordered
            .iter()
            .enumerate()
            .filter(|(at, v)| v.selected || *at < TOP_UNITS)
            .map(|(_, v)| (*v).clone())
            .collect()
    };

    let role_button = |role: Role| {
        let pressed = props.role == role;
        let onclick = {
            let route = route.clone();
            let navigator = navigator.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(navigator) = &navigator {
                    navigator.push(route.list_with(|query| query.role = role));
                }
            })
        };
        html! {
            <button type="button" class={classes!("segment", pressed.then_some("selected"))}
                    aria-pressed={pressed.to_string()} {onclick}>{ role.label() }</button>
        }
    };
    let toggle_expanded = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let on_filter = {
        let name_filter = name_filter.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                name_filter.set(input.value());
            }
        })
    };
    html! {
        <section class="facet facet-units" aria-labelledby={Facet::Unit.id()}>
            <h3 class="facet-title" id={Facet::Unit.id()}>{ text::FACET_UNIT }</h3>
            <div class="segments" role="group" aria-label={text::ROLE_LABEL}>
                { for Role::ALL.into_iter().map(role_button) }
            </div>
            if *expanded {
                <label class="facet-filter">
                    <span class="visually-hidden">{ text::FILTER_UNITS }</span>
                    <input type="search" value={(*name_filter).clone()} oninput={on_filter}
                           placeholder={text::FILTER_UNITS_PLACEHOLDER} />
                </label>
            }
            if shown.is_empty() {
                <p class="facet-empty">{ text::NO_UNIT_MATCH }</p>
            } else {
                { facet_values(Facet::Unit, &shown, &props.toggle) }
            }
            if props.units.len() > TOP_UNITS {
                <button type="button" class="link-button facet-more" aria-expanded={expanded.to_string()}
                        onclick={toggle_expanded}>
                    { if *expanded { text::FEWER_UNITS.to_string() } else { text::more_units(props.units.len()) } }
                </button>
            }
        </section>
    }
}
