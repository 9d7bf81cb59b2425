//! Writing text to the clipboard through `navigator.clipboard.writeText`, reached with
//! `js_sys::Reflect` so the app needs no extra web-sys features. Any failure (no clipboard API,
//! permission refused, insecure context) comes back as `false`, never as a panic.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// Start copying `text`; `done` gets `true` once it is on the clipboard, `false` if it cannot be.
pub fn copy(text: &str, done: Callback<bool>) {
    match write_text(text) {
        Some(promise) => {
            let ok = {
                let done = done.clone();
                Closure::once_into_js(move |_: JsValue| done.emit(true))
            };
            let failed = Closure::once_into_js(move |_: JsValue| done.emit(false));
            let then = Reflect::get(&promise, &"then".into())
                .ok()
                .and_then(|then| then.dyn_into::<Function>().ok());
            if let Some(then) = then {
                let _ = then.call2(&promise, &ok, &failed);
            }
        }
        None => done.emit(false),
    }
}

/// The promise `navigator.clipboard.writeText(text)` returns, if the browser offers it.
fn write_text(text: &str) -> Option<Promise> {
    let window: JsValue = gloo::utils::window().into();
    let navigator = Reflect::get(&window, &"navigator".into()).ok()?;
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write = Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}
