//! The lazily loaded module (`src/bin/luoshi-lazy.rs`, issue 19): the file readers and writers run
//! in a Web Worker that is started on the first request and kept for the page's life. Requests
//! are `luoshi::offload::Request`s; each answer comes back to its callback, or a Chinese message
//! when the module cannot be loaded or fails (the caller shows it; no data is touched).
//!
//! Where the worker comes from: the single-file edition's boot script offers
//! `luoshiLazyWorker()` (a worker made from the module embedded in the file: a `file://` page
//! cannot load a worker from a file); the web edition names the worker's bootstrap in
//! `<meta name="luoshi-lazy" content="lazy/worker-HASH.js">` (scripts/post-build.mjs).

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use luoshi::offload::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Shown when the module cannot be loaded (offline before it was ever cached, a broken download)
/// or stops: what is unavailable, what to do, and that the ledger is safe.
pub const UNAVAILABLE: &str =
    "无法载入文件处理模块（打开、粘贴表格、导入和导出文件需要它），本次操作未完成。请检查网络后刷新页面重试；已有的台账和文档数据不受影响。";

#[wasm_bindgen]
extern "C" {
    /// A dedicated (classic) worker; bound here rather than through web-sys features.
    type Worker;
    #[wasm_bindgen(constructor, catch)]
    fn new(url: &str) -> Result<Worker, JsValue>;
    #[wasm_bindgen(method, catch, js_name = postMessage)]
    fn post_message(this: &Worker, message: &JsValue, transfer: &Array) -> Result<(), JsValue>;
    #[wasm_bindgen(method)]
    fn terminate(this: &Worker);
    #[wasm_bindgen(method, setter = onmessage)]
    fn set_onmessage(this: &Worker, listener: Option<&Function>);
    #[wasm_bindgen(method, setter = onerror)]
    fn set_onerror(this: &Worker, listener: Option<&Function>);
}

/// An answer: the response and, for a written file, its bytes.
pub struct Answer {
    pub response: Response,
    pub bytes: Option<Vec<u8>>,
}

type Done = Box<dyn FnOnce(Result<Answer, String>)>;

struct Running {
    worker: Worker,
    ready: bool,
    /// Messages posted before the worker said it is ready: (message, transfer list).
    waiting: Vec<(JsValue, Array)>,
    _on_message: Closure<dyn FnMut(JsValue)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

#[derive(Default)]
struct Lazy {
    running: Option<Running>,
    /// Workers that failed, kept so their listeners are not dropped while they run.
    retired: Vec<Running>,
    next_id: u32,
    pending: HashMap<u32, Done>,
}

thread_local! {
    static LAZY: RefCell<Lazy> = RefCell::new(Lazy::default());
}

/// Ask the worker; `done` gets the answer (or the message to show). `buffers` travel beside the
/// request (an opened file, imported files).
pub fn ask(
    request: &Request,
    buffers: &[&[u8]],
    done: impl FnOnce(Result<Answer, String>) + 'static,
) {
    let Ok(json) = serde_json::to_string(request) else {
        done(Err(UNAVAILABLE.to_string()));
        return;
    };
    let message = Object::new();
    let arrays = Array::new();
    let transfer = Array::new();
    for buffer in buffers {
        let array = Uint8Array::from(*buffer);
        transfer.push(&array.buffer());
        arrays.push(&array);
    }
    let id = LAZY.with(|lazy| {
        let mut lazy = lazy.borrow_mut();
        lazy.next_id += 1;
        let id = lazy.next_id;
        lazy.pending.insert(id, Box::new(done));
        id
    });
    let _ = Reflect::set(&message, &"id".into(), &JsValue::from(id));
    let _ = Reflect::set(&message, &"json".into(), &JsValue::from_str(&json));
    let _ = Reflect::set(&message, &"buffers".into(), &arrays);
    let started = LAZY.with(|lazy| {
        let mut lazy = lazy.borrow_mut();
        if lazy.running.is_none() {
            lazy.running = start();
        }
        match &mut lazy.running {
            Some(running) if running.ready => {
                running.worker.post_message(&message, &transfer).is_ok()
            }
            Some(running) => {
                running.waiting.push((message.into(), transfer));
                true
            }
            None => false,
        }
    });
    if !started {
        fail_all();
    }
}

/// Start the worker: `None` when it cannot even be created.
fn start() -> Option<Running> {
    let worker = create().ok()?;
    let on_message = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        let data = Reflect::get(&event, &"data".into()).unwrap_or(JsValue::UNDEFINED);
        received(&data);
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        // The bootstrap or the module failed to load, or the module stopped: not ours to show
        // as a page error.
        if let Some(event) = event.dyn_ref::<web_sys::Event>() {
            event.prevent_default();
        }
        fail_all();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Running {
        worker,
        ready: false,
        waiting: Vec::new(),
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn create() -> Result<Worker, JsValue> {
    let global = js_sys::global();
    let make = Reflect::get(&global, &"luoshiLazyWorker".into())?;
    if let Some(make) = make.dyn_ref::<Function>() {
        return make.call0(&JsValue::NULL).map(JsCast::unchecked_into);
    }
    let url = gloo::utils::document()
        .query_selector("meta[name=\"luoshi-lazy\"]")?
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or(JsValue::NULL)?;
    Worker::new(&url)
}

fn received(data: &JsValue) {
    let field = |name: &str| Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED);
    if field("ready").is_truthy() {
        let waiting = LAZY.with(|lazy| {
            let mut lazy = lazy.borrow_mut();
            let Some(running) = &mut lazy.running else {
                return Ok(());
            };
            running.ready = true;
            for (message, transfer) in running.waiting.drain(..) {
                running.worker.post_message(&message, &transfer)?;
            }
            Ok::<(), JsValue>(())
        });
        if waiting.is_err() {
            fail_all();
        }
        return;
    }
    if field("failed").is_truthy() {
        fail_all();
        return;
    }
    let Some(id) = field("id").as_f64() else {
        return;
    };
    let done = LAZY.with(|lazy| lazy.borrow_mut().pending.remove(&(id as u32)));
    let Some(done) = done else {
        return;
    };
    let response = field("json")
        .as_string()
        .and_then(|json| Response::from_json(&json));
    let bytes = field("bytes")
        .dyn_into::<Uint8Array>()
        .ok()
        .map(|array| array.to_vec());
    done(match response {
        Some(response) => Ok(Answer { response, bytes }),
        None => Err(UNAVAILABLE.to_string()),
    });
}

/// The worker failed to load or stopped: every request waiting gets the message, and the next
/// request starts a fresh worker.
fn fail_all() {
    let (running, pending) = LAZY.with(|lazy| {
        let mut lazy = lazy.borrow_mut();
        (
            lazy.running.take(),
            lazy.pending.drain().collect::<Vec<_>>(),
        )
    });
    if let Some(running) = running {
        running.worker.set_onmessage(None);
        running.worker.set_onerror(None);
        running.worker.terminate();
        LAZY.with(|lazy| lazy.borrow_mut().retired.push(running));
    }
    let mut pending = pending;
    luoshi::sorting::sort_by_key(&mut pending, |(id, _)| *id);
    for (_, done) in pending {
        done(Err(UNAVAILABLE.to_string()));
    }
}
