//! The unit panel above the list when one unit is selected: what it leads and joins (switching
//! the role in one click), and the tasks that reach it through a group (各街道) or its members.

use std::rc::Rc;

use luoshi::query::{Role, UnitIndex};
use luoshi::Document;
use yew::prelude::*;

use crate::app::route::{for_unit, use_route, Link};
use crate::app::{text, SharedIndex};

#[derive(Properties, PartialEq)]
pub struct UnitPanelProps {
    pub unit: String,
    pub role: Role,
}

#[function_component(UnitPanel)]
pub fn unit_panel(props: &UnitPanelProps) -> Html {
    let route = use_route();
    let document = use_context::<Rc<Document>>();
    let index = use_context::<SharedIndex>();
    // Built once per document (the shared index's identity stands for the document's).
    let units = use_memo(index, move |_| {
        document.as_deref().map(UnitIndex::new).unwrap_or_default()
    });
    let Some(page) = units.page(&props.unit) else {
        // A pasted or stale link can name a unit this document does not have: say so.
        return html! {
            <section class="unit-panel" aria-labelledby="unit-panel-title">
                <h2 id="unit-panel-title" class="unit-panel-title filter-heading">{ props.unit.clone() }</h2>
                <p class="unit-unknown">{ text::UNKNOWN_UNIT }</p>
            </section>
        };
    };
    let with_role = |role: Role| route.list_with(|query| query.role = role);
    let role_link = |role: Role, label: String| {
        let current = props.role == role;
        html! {
            <li>
                if current {
                    <span class="unit-role current" aria-current="true">{ label }</span>
                } else {
                    <Link to={with_role(role)} class="unit-role">{ label }</Link>
                }
            </li>
        }
    };
    html! {
        <section class="unit-panel" aria-labelledby="unit-panel-title">
            <h2 id="unit-panel-title" class="unit-panel-title filter-heading">{ page.name.clone() }</h2>
            <ul class="unit-roles">
                { role_link(Role::Lead, text::unit_panel_count(text::UNIT_PANEL_LEADS, page.lead_count())) }
                { role_link(Role::Participate, text::unit_panel_count(text::UNIT_PANEL_JOINS, page.join_count())) }
                { role_link(Role::Any, text::unit_panel_count(text::UNIT_PANEL_ALL_ROLES, page.all_tasks().len())) }
            </ul>
            if !page.via_groups.is_empty() {
                <p class="unit-groups">
                    <span>{ text::UNIT_PANEL_GROUPS }</span>
                    { for page.via_groups.iter().map(|group| html! {
                        <Link to={for_unit(&group.group)} class="unit-group">
                            { format!("{}（{}）", group.group, group.leads.len() + group.joins.len()) }
                        </Link>
                    }) }
                </p>
            }
            if !page.members.is_empty() {
                <p class="unit-groups">
                    <span>{ text::UNIT_PANEL_MEMBERS }</span>
                    { for page.members.iter().map(|member| html! {
                        <Link to={for_unit(member)} class="unit-group">{ member.clone() }</Link>
                    }) }
                </p>
            }
        </section>
    }
}
