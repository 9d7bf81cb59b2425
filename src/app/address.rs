//! The address bar, read in render paths (links, the start-up route, the `doc` parameter). In the
//! browser it is `window.location`; in the build-time prerender (native, no browser) it is the bare
//! address a first-time visitor opens: no query string, no fragment, and an empty path, so the
//! prerendered links are relative (`?task=14`, resolved against `<base href="./">`).

/// The query string with its `?` (empty when there is none).
#[cfg(target_arch = "wasm32")]
pub fn search() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// The path of the page.
#[cfg(target_arch = "wasm32")]
pub fn pathname() -> String {
    gloo::utils::window()
        .location()
        .pathname()
        .unwrap_or_default()
}

/// The fragment with its `#` (empty when there is none); a share link lives here.
#[cfg(target_arch = "wasm32")]
pub fn hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn search() -> String {
    String::new()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn pathname() -> String {
    String::new()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn hash() -> String {
    String::new()
}
