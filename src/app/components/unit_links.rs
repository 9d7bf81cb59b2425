//! Lists of names that link to the list narrowed to them: units (`?unit=…`) and responsible
//! leaders (`?leader=…`).

use std::collections::BTreeSet;

use luoshi::query::Query;
use yew::prelude::*;

use crate::app::route::{for_unit, Link, Route};
use crate::app::text;

/// What the names in a [`NameLinks`] list are, so each links to its own filter.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Unit,
    Leader,
}

impl NameKind {
    fn route(self, name: &str) -> Route {
        match self {
            NameKind::Unit => for_unit(name),
            NameKind::Leader => for_leader(name),
        }
    }

    fn classes(self) -> (&'static str, &'static str) {
        match self {
            NameKind::Unit => ("unit-links", "unit"),
            NameKind::Leader => ("unit-links leader-links", "leader"),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct NameLinksProps {
    pub names: Vec<String>,
    pub kind: NameKind,
}

/// Names (units or leaders), each a link to the list narrowed to it; 未明确 when there are none.
#[function_component(NameLinks)]
pub fn name_links(props: &NameLinksProps) -> Html {
    if props.names.is_empty() {
        return html! { <span class="none">{ text::NOT_GIVEN }</span> };
    }
    let (list_class, link_class) = props.kind.classes();
    html! {
        <ul class={list_class}>
            { for props.names.iter().map(|name| html! {
                <li key={name.clone()}>
                    <Link to={props.kind.route(name)} class={link_class}>{ name.clone() }</Link>
                </li>
            }) }
        </ul>
    }
}

/// The list of one leader's tasks, every other filter cleared (as a unit link does).
pub fn for_leader(leader: &str) -> Route {
    Route::from(Query {
        leaders: BTreeSet::from([leader.to_string()]),
        ..Query::default()
    })
}
