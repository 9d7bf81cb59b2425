//! Above the list: search, how many match, sort, and the reader's unit.

use std::rc::Rc;

use luoshi::query::{Evaluation, Jump, Sort};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::my_unit::use_my_unit;
use crate::app::components::search::SearchBox;
use crate::app::route::{use_navigator, use_route, Link, Page};
use crate::app::text;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub evaluation: Rc<Evaluation>,
    pub search_ref: NodeRef,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let route = use_route();
    let navigator = use_navigator();
    let evaluation = &props.evaluation;

    let on_sort = {
        let route = route.clone();
        let navigator = navigator.clone();
        Callback::from(move |event: Event| {
            let (Some(select), Some(navigator)) =
                (event.target_dyn_into::<HtmlSelectElement>(), &navigator)
            else {
                return;
            };
            if let Some(sort) = Sort::from_param(&select.value()) {
                navigator.push_keeping_scroll(route.list_with(|query| query.sort = sort));
            }
        })
    };

    let jump = match evaluation.jump {
        Some(Jump::Found(number)) => html! {
            <p class="jump-hint" role="status">
                <Link to={route.list_with(|query| query.text.clear()).with_page(Page::Task(number))} class="button">
                    { text::jump_to(number) }
                </Link>
            </p>
        },
        Some(Jump::NotFound(number)) => html! {
            <p class="jump-hint" role="status">{ text::jump_missing(number) }</p>
        },
        None => Html::default(),
    };

    html! {
        <div class="toolbar">
            <div class="toolbar-row">
                <SearchBox input_ref={props.search_ref.clone()} jump={evaluation.jump} />
                <label class="sort">
                    <span>{ text::SORT_LABEL }</span>
                    <select onchange={on_sort}>
                        { for Sort::ALL.into_iter().map(|sort| html! {
                            <option value={sort.as_param()} selected={sort == route.query.sort}>{ sort.label() }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="toolbar-row">
                <p class="result-count" role="status" aria-live="polite">
                    { text::shown_count(evaluation.tasks.len(), evaluation.total) }
                </p>
                <MyUnitSwitch evaluation={props.evaluation.clone()} />
            </div>
            { jump }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MyUnitSwitchProps {
    evaluation: Rc<Evaluation>,
}

/// Pick the reader's unit once; then a one-click switch between their tasks and all tasks.
#[function_component(MyUnitSwitch)]
fn my_unit_switch(props: &MyUnitSwitchProps) -> Html {
    let route = use_route();
    let navigator = use_navigator();
    let my_unit = use_my_unit();
    let go = |mine: bool| {
        let route = route.clone();
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(navigator) = &navigator {
                navigator.push_keeping_scroll(route.list_with(|query| query.mine = mine));
            }
        })
    };
    let error = my_unit
        .error
        .as_ref()
        .map(|error| html! { <span class="prefs-error" role="alert">{ error.message() }</span> });

    let Some(unit) = my_unit.unit.clone() else {
        let on_pick = {
            let route = route.clone();
            let navigator = navigator.clone();
            let my_unit = my_unit.clone();
            Callback::from(move |event: Event| {
                let Some(select) = event.target_dyn_into::<HtmlSelectElement>() else {
                    return;
                };
                let unit = select.value();
                if unit.is_empty() {
                    return;
                }
                my_unit.set(Some(unit));
                if let Some(navigator) = &navigator {
                    navigator.push_keeping_scroll(route.list_with(|query| query.mine = true));
                }
            })
        };
        let mut units: Vec<&str> = props
            .evaluation
            .facets
            .units
            .iter()
            .map(|unit| unit.value.as_str())
            .collect();
        luoshi::sorting::sort(&mut units);
        return html! {
            <div class="my-unit">
                <label>
                    <span>{ text::PICK_MY_UNIT }</span>
                    <select class="my-unit-picker" onchange={on_pick}>
                        <option value="" selected=true>{ text::PICK_MY_UNIT_NONE }</option>
                        { for units.into_iter().map(|unit| html! {
                            <option value={unit.to_string()}>{ unit }</option>
                        }) }
                    </select>
                </label>
                { for error }
            </div>
        };
    };
    let forget = {
        let route = route.clone();
        let navigator = navigator.clone();
        let my_unit = my_unit.clone();
        Callback::from(move |_: MouseEvent| {
            my_unit.set(None);
            if let (true, Some(navigator)) = (route.query.mine, &navigator) {
                navigator.push_keeping_scroll(route.list_with(|query| query.mine = false));
            }
        })
    };
    html! {
        <div class="my-unit">
            <span class="my-unit-name">{ text::my_unit_is(&unit) }</span>
            <div class="segments" role="group" aria-label={text::MY_UNIT_LABEL}>
                <button type="button" class={classes!("segment", route.query.mine.then_some("selected"))}
                        aria-pressed={route.query.mine.to_string()} onclick={go(true)}>
                    { text::only_mine(props.evaluation.mine_count) }
                </button>
                <button type="button" class={classes!("segment", (!route.query.mine).then_some("selected"))}
                        aria-pressed={(!route.query.mine).to_string()} onclick={go(false)}>
                    { text::SHOW_ALL_TASKS }
                </button>
            </div>
            <button type="button" class="link-button" onclick={forget}>{ text::CHANGE_MY_UNIT }</button>
            { for error }
        </div>
    }
}
