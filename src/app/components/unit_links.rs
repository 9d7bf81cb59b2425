//! Lists of names that link to the list narrowed to them: units (`?unit=…`) and responsible
//! leaders (`?leader=…`).

use std::collections::BTreeSet;

use yew::prelude::*;

use crate::app::route::{for_unit, Link, Route};
use crate::app::text;

#[derive(Properties, PartialEq)]
pub struct UnitLinksProps {
    pub units: Vec<String>,
}

#[function_component(UnitLinks)]
pub fn unit_links(props: &UnitLinksProps) -> Html {
    if props.units.is_empty() {
        return html! { <span class="none">{ text::NOT_GIVEN }</span> };
    }
    html! {
        <ul class="unit-links">
            { for props.units.iter().map(|unit| html! {
                <li key={unit.clone()}>
                    <Link to={for_unit(unit)} class="unit">{ unit.clone() }</Link>
                </li>
            }) }
        </ul>
    }
}

/// The list of one leader's tasks, every other filter cleared (as a unit link does).
pub fn for_leader(leader: &str) -> Route {
    Route {
        leaders: BTreeSet::from([leader.to_string()]),
        ..Route::default()
    }
}

#[derive(Properties, PartialEq)]
pub struct LeaderLinksProps {
    pub leaders: Vec<String>,
}

#[function_component(LeaderLinks)]
pub fn leader_links(props: &LeaderLinksProps) -> Html {
    if props.leaders.is_empty() {
        return html! { <span class="none">{ text::NOT_GIVEN }</span> };
    }
    html! {
        <ul class="unit-links leader-links">
            { for props.leaders.iter().map(|leader| html! {
                <li key={leader.clone()}>
                    <Link to={for_leader(leader)} class="leader">{ leader.clone() }</Link>
                </li>
            }) }
        </ul>
    }
}
