//! Page-wide keyboard shortcuts. Keys typed into a field (search, unit filter, an annotation
//! editor) belong to that field: shortcuts only act when focus is elsewhere.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

pub use crate::app::keys::is_for_a_field;
use yew::prelude::*;

/// The task links of the rows on screen, in order: what j/k walk through.
fn row_links() -> Vec<HtmlElement> {
    let Ok(list) = gloo::utils::document().query_selector_all("#main tr.task-row a.task-number")
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|at| list.item(at))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Move keyboard focus `step` rows down (or up) from the focused row. Focus is the selection:
/// it is visible, screen readers announce it, and Enter on the focused link opens the task.
fn move_selection(step: i32) {
    let links = row_links();
    if links.is_empty() {
        return;
    }
    let active = gloo::utils::document().active_element();
    let current = active.and_then(|active| {
        links.iter().position(|link| {
            link.is_same_node(Some(active.as_ref()))
                || link
                    .closest("tr")
                    .ok()
                    .flatten()
                    .is_some_and(|row| row.contains(Some(active.as_ref())))
        })
    });
    let next = match (current, step >= 0) {
        (None, true) => 0,
        (None, false) => links.len() - 1,
        (Some(at), true) => (at + 1).min(links.len() - 1),
        (Some(at), false) => at.saturating_sub(1),
    };
    if let Some(link) = links.get(next) {
        let _ = link.focus();
    }
}

/// `/` focuses the search box; j/k and ↓/↑ move through the rows; Enter (on the focused row's
/// link) opens the task.
#[hook]
pub fn use_list_keys(search: NodeRef) {
    use_effect_with((), move |_| {
        let listener = gloo::events::EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if is_for_a_field(event) {
                    return;
                }
                match event.key().as_str() {
                    "/" => {
                        if let Some(input) = search.cast::<HtmlElement>() {
                            event.prevent_default();
                            let _ = input.focus();
                        }
                    }
                    "j" | "ArrowDown" => {
                        event.prevent_default();
                        move_selection(1);
                    }
                    "k" | "ArrowUp" => {
                        event.prevent_default();
                        move_selection(-1);
                    }
                    _ => {}
                }
            },
        );
        move || drop(listener)
    });
}
