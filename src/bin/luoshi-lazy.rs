//! The lazily loaded module (issue 19): the file readers and writers, run as a Web Worker that the
//! web app starts on the first click that needs them (`src/app/lazy.rs`). Built by trunk as a
//! `data-type="worker"` bin into `dist/lazy/`; `scripts/post-build.mjs` names its files by content
//! and writes the classic-worker bootstrap that loads it (the single-file edition embeds it).
//!
//! Messages: `{ id, json, buffers }` in (`json` a `luoshi::offload::Request`, `buffers` the files'
//! bytes as `Uint8Array`s), `{ id, json, bytes }` out (`json` a `Response`, `bytes` a written
//! file or null). `{ ready: true }` once this module runs and listens. The work itself is the
//! core's `luoshi::offload::handle`, natively tested.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use luoshi::offload::{handle, Request, Response};
    use wasm_bindgen::prelude::*;

    /// The app and this module were built apart (a stale cached copy): the request is unreadable.
    use luoshi::offload::MISMATCH;

    #[wasm_bindgen]
    extern "C" {
        /// The worker's own `postMessage` (its global scope).
        #[wasm_bindgen(js_name = postMessage)]
        fn post_message(message: &JsValue, transfer: &Array);
    }

    pub fn start() {
        let on_message = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
            let data = Reflect::get(&event, &"data".into()).unwrap_or(JsValue::UNDEFINED);
            answer(&data);
        });
        let _ = Reflect::set(&js_sys::global(), &"onmessage".into(), on_message.as_ref());
        // The listener lives as long as the worker.
        on_message.forget();
        let ready = Object::new();
        let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
        post_message(&ready, &Array::new());
    }

    fn field(data: &JsValue, name: &str) -> JsValue {
        Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn answer(data: &JsValue) {
        let id = field(data, "id");
        let json = field(data, "json").as_string().unwrap_or_default();
        let buffers = field(data, "buffers");
        let buffers: Vec<Vec<u8>> = if Array::is_array(&buffers) {
            Array::from(&buffers)
                .iter()
                .map(|buffer| Uint8Array::new(&buffer).to_vec())
                .collect()
        } else {
            Vec::new()
        };
        let (response, bytes) = match serde_json::from_str::<Request>(&json) {
            Ok(request) => handle(request, &buffers, &decode_gb18030),
            Err(_) => (Response::Failed(MISMATCH.to_string()), None),
        };
        let json = serde_json::to_string(&response).unwrap_or_default();
        let out = Object::new();
        let transfer = Array::new();
        let _ = Reflect::set(&out, &"id".into(), &id);
        let _ = Reflect::set(&out, &"json".into(), &JsValue::from_str(&json));
        let bytes = match bytes {
            Some(bytes) => {
                let array = Uint8Array::from(bytes.as_slice());
                transfer.push(&array.buffer());
                JsValue::from(array)
            }
            None => JsValue::NULL,
        };
        let _ = Reflect::set(&out, &"bytes".into(), &bytes);
        post_message(&out, &transfer);
    }

    /// GB18030 by the browser's own decoder (no decoding tables in the wasm).
    fn decode_gb18030(bytes: &[u8]) -> Option<String> {
        let decoder = web_sys::TextDecoder::new_with_label("gb18030").ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
