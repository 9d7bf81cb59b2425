//! Save text or bytes as a file: Blob + object URL + a clicked `<a download>` (no server involved).

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offer `content` as a download named `filename`. Errors are the browser's, for the caller to
/// turn into a message.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    download_bytes(filename, mime, content.as_bytes())
}

/// Offer `bytes` as a download named `filename` (the one place that builds the Blob and the link).
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no <body>"))?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // The download has started reading the blob by now; free it a little later rather than at once.
    Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file name safe on every system: `prefix-YYYYMMDD-hhmmss.ext` from an ISO timestamp.
pub fn file_name(prefix: &str, timestamp: &str, extension: &str) -> String {
    let stamp: String = timestamp
        .chars()
        .take(19)
        .filter(char::is_ascii_digit)
        .collect();
    let (date, time) = stamp.split_at(stamp.len().min(8));
    format!("{prefix}-{date}-{time}.{extension}")
}
