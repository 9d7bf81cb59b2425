//! Keyboard focus never falls to `<body>` after an action. Choosing a filter, Esc back to the list,
//! closing a dialog or confirming an import re-renders the part of the page the focused control
//! was in; when that control is gone, the browser puts focus on `<body>` and a keyboard or
//! screen-reader user starts again from the top of the page. After each click, key press or change
//! this checks (once the app has rendered) whether focus was lost that way, and puts it on the
//! nearest thing that is still there: the same control re-rendered (same id, or the same facet
//! value), the row of the task just left, the first control of the region it was in, or `#main`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Where focus was when an action started, enough to find "the same place" after a re-render.
struct Before {
    element: Element,
    /// A selector for the same control in the new DOM (its id, or its facet and value).
    same: Option<String>,
    /// Ids of the enclosing regions, innermost first (a panel, a section, a dialog).
    regions: Vec<String>,
    /// The task page shown when the action started: back on the list, focus goes to its row.
    task: Option<u32>,
}

const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), summary, [tabindex]:not([tabindex=\"-1\"])";

fn css_string(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

fn describe(element: &Element, task: Option<u32>) -> Before {
    let same = if !element.id().is_empty() {
        Some(format!("[id={}]", css_string(&element.id())))
    } else if let (Some(value), Some(facet)) = (
        element.get_attribute("data-value"),
        element
            .closest("[aria-labelledby]")
            .ok()
            .flatten()
            .and_then(|f| f.get_attribute("aria-labelledby")),
    ) {
        Some(format!(
            "[aria-labelledby={}] [data-value={}]",
            css_string(&facet),
            css_string(&value)
        ))
    } else {
        None
    };
    let mut regions = Vec::new();
    let mut at = element.parent_element();
    while let Some(node) = at {
        if !node.id().is_empty() && node.id() != "app" {
            regions.push(node.id());
        }
        at = node.parent_element();
    }
    Before {
        element: element.clone(),
        same,
        regions,
        task,
    }
}

fn focus(element: Element) -> bool {
    match element.dyn_into::<HtmlElement>() {
        Ok(element) => {
            let _ = element.focus();
            gloo::utils::document()
                .active_element()
                .is_some_and(|active| active.is_same_node(Some(element.as_ref())))
        }
        Err(_) => false,
    }
}

fn query(selector: &str) -> Option<Element> {
    gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten()
}

/// Focus lost: the control is gone (or hidden) and the page's focus is on <body>.
fn lost(before: &Before) -> bool {
    let document = gloo::utils::document();
    let on_body = match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active.is_same_node(Some(body.as_ref())),
        (Some(_), None) => false,
    };
    let gone = !before.element.is_connected()
        || before
            .element
            .dyn_ref::<HtmlElement>()
            .is_some_and(|e| e.offset_parent().is_none() && e.tag_name() != "BODY");
    on_body && gone
}

fn restore(before: &Before) {
    if let Some(element) = before.same.as_deref().and_then(query) {
        if focus(element) {
            return;
        }
    }
    if let Some(number) = before.task {
        if let Some(link) = query(&format!("#task-{number} a.task-number")) {
            if focus(link) {
                return;
            }
        }
    }
    for id in &before.regions {
        // A selector list rather than :is() (Chromium 88+).
        let region = format!("[id={}]", css_string(id));
        let selector = FOCUSABLE
            .split(", ")
            .map(|f| format!("{region} {f}"))
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(first) = query(&selector) {
            if focus(first) {
                return;
            }
        }
    }
    if let Some(main) = query("#main") {
        focus(main);
    }
}

/// Installs the check for the whole app (once, in the shell). `task`: the task page shown now, if
/// any; when an action leaves it for the list, focus goes to that task's row.
#[hook]
pub fn use_focus_keeper(task: Option<u32>) {
    // The task page shown now, read when an action starts (set while rendering, so it is current
    // whenever an event arrives).
    let shown = use_mut_ref(|| None::<u32>);
    *shown.borrow_mut() = task;
    use_effect_with((), move |_| {
        let pending: Rc<RefCell<Option<gloo::timers::callback::Timeout>>> = Rc::default();
        let on_action = move |_: &web_sys::Event| {
            let Some(active) = gloo::utils::document().active_element() else {
                return;
            };
            let before = describe(&active, *shown.borrow());
            // After the app has rendered what the action changed (Yew renders in a microtask;
            // a route change may take one more turn, hence the second look).
            let check = gloo::timers::callback::Timeout::new(0, move || {
                if lost(&before) {
                    restore(&before);
                } else {
                    let again = gloo::timers::callback::Timeout::new(50, move || {
                        if lost(&before) {
                            restore(&before);
                        }
                    });
                    again.forget();
                }
            });
            *pending.borrow_mut() = Some(check);
        };
        let document = gloo::utils::document();
        let options = gloo::events::EventListenerOptions::run_in_capture_phase();
        let listeners: Vec<gloo::events::EventListener> = ["click", "keydown", "change"]
            .into_iter()
            .map(|kind| {
                let on_action = on_action.clone();
                gloo::events::EventListener::new_with_options(&document, kind, options, move |e| {
                    on_action(e)
                })
            })
            .collect();
        move || drop(listeners)
    });
}

/// A skip link's target: `#main` itself, or the filters' first value (on a narrow screen, where
/// the filters are folded away, the button that unfolds them).
pub fn skip_to(target: &str) {
    let candidates: &[&str] = if target == "#find-filters" {
        &[
            "#find-filters .facet-value:not([disabled])",
            "#main .filters-toggle",
        ]
    } else {
        &["#main"]
    };
    for selector in candidates {
        if let Some(element) = query(selector) {
            let visible = element
                .dyn_ref::<HtmlElement>()
                .is_some_and(|e| e.offset_parent().is_some() || e.id() == "main");
            if visible && focus(element.clone()) {
                element.scroll_into_view();
                return;
            }
        }
    }
}
