//! The search box. Typing rewrites the current history entry (no entry per keystroke); the first
//! character after an empty box pushes one, so Back returns to the list before the search.

use luoshi::query::Jump;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::app::route::{use_navigator, use_route, Page};
use crate::app::text;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// Lets the page's `/` shortcut focus the box.
    pub input_ref: NodeRef,
    pub jump: Option<Jump>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let route = use_route();
    let navigator = use_navigator();

    let apply = {
        let route = route.clone();
        let navigator = navigator.clone();
        move |value: String| {
            let Some(navigator) = &navigator else { return };
            if value == route.query.text {
                return;
            }
            let next = route.list_with(|query| query.text = value);
            if route.query.text.is_empty() {
                navigator.push_keeping_scroll(next);
            } else {
                navigator.replace(next);
            }
        }
    };
    let oninput = {
        let apply = apply.clone();
        Callback::from(move |event: InputEvent| {
            // Mid-composition (pinyin) text is not what the reader means yet.
            if event.is_composing() {
                return;
            }
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                apply(input.value());
            }
        })
    };
    {
        // Yew has no typed `compositionend` listener; the committed text arrives with it.
        let input_ref = props.input_ref.clone();
        let apply = apply.clone();
        use_effect_with(route.clone(), move |_| {
            let listener = input_ref.cast::<HtmlInputElement>().map(|input| {
                let target = input.clone();
                gloo::events::EventListener::new(&input, "compositionend", move |_| {
                    apply(target.value())
                })
            });
            move || drop(listener)
        });
    }
    let onkeydown = {
        let route = route.clone();
        let jump = props.jump;
        Callback::from(move |event: KeyboardEvent| {
            if event.is_composing() {
                return;
            }
            let Some(navigator) = &navigator else { return };
            match event.key().as_str() {
                "Escape" => {
                    event.prevent_default();
                    if !route.query.text.is_empty() {
                        navigator.push_keeping_scroll(route.list_with(|query| query.text.clear()));
                    }
                    if let Some(input) = event.target_dyn_into::<HtmlElement>() {
                        let _ = input.blur();
                    }
                }
                "Enter" => {
                    if let Some(Jump::Found(number)) = jump {
                        event.prevent_default();
                        navigator.push(
                            route
                                .list_with(|query| query.text.clear())
                                .with_page(Page::Task(number)),
                        );
                    }
                }
                _ => {}
            }
        })
    };
    html! {
        <div class="search">
            <label for="find-search" class="visually-hidden">{ text::SEARCH_LABEL }</label>
            <input id="find-search" ref={props.input_ref.clone()} type="search" class="search-input"
                   value={route.query.text.clone()} placeholder={text::SEARCH_PLACEHOLDER}
                   autocomplete="off" spellcheck="false" enterkeyhint="search"
                   aria-keyshortcuts="/" {oninput} {onkeydown} />
            // Shown only where there is a keyboard to press it (styles/phone.css hides it on touch).
            <span class="key-hint" aria-hidden="true">{ text::SEARCH_KEY_HINT }</span>
        </div>
    }
}
