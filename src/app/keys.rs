//! The one "is the person typing?" check for the page-wide keydown listeners (list and task-page
//! shortcuts, Ctrl+Z / Ctrl+Shift+Z for the ledger): keys typed into a field belong to that field.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

/// What the focused element does with keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Nothing that takes keys (the page, a link, a button).
    Page,
    /// Text entry with its own editing and undo: a text-like input, a textarea, editable content.
    Text,
    /// Another control that takes keys (a select, a checkbox, a radio, a range).
    Control,
}

/// Where the key press goes, from its target.
pub fn focus_of(event: &KeyboardEvent) -> Focus {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
    else {
        return Focus::Page;
    };
    match target.tag_name().to_ascii_lowercase().as_str() {
        "textarea" => Focus::Text,
        "select" => Focus::Control,
        // Checkboxes and buttons have no text undo of their own.
        "input" => match target
            .get_attribute("type")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "color" | "file" => {
                Focus::Control
            }
            _ => Focus::Text,
        },
        _ if target.is_content_editable() => Focus::Text,
        _ => Focus::Page,
    }
}

/// Whether the person is typing text (or composing with an input method): the field's own
/// editing, undo included, must keep the key.
pub fn is_typing(event: &KeyboardEvent) -> bool {
    event.is_composing() || focus_of(event) == Focus::Text
}

/// Whether a single-key shortcut must leave the key alone: it is typed into any control, or comes
/// with a modifier (a browser shortcut).
pub fn is_for_a_field(event: &KeyboardEvent) -> bool {
    event.ctrl_key()
        || event.meta_key()
        || event.alt_key()
        || is_typing(event)
        || focus_of(event) != Focus::Page
}
