//! A list of unit names, each a link to the list narrowed to that unit (`?unit=…`).

use yew::prelude::*;

use crate::app::route::{for_unit, Link};
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
