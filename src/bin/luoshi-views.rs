//! The lazily loaded views (issue 19): the overview and the progress report, a second wasm module
//! that the web app loads on the first visit to one of those pages and that renders into a host
//! element the app gives it. Built by trunk (`data-type="worker"`, `--target no-modules`) into
//! `dist/lazy/`; `scripts/post-build.mjs` names its files by content and appends its start-up.
//! Everything is in the app's module (`src/app/views.rs`, both sides of the interface); the rest of
//! the app's code is compiled in too and dropped at link time when nothing here reaches it.

#[cfg(target_arch = "wasm32")]
#[path = "../app/mod.rs"]
#[allow(dead_code, unused_imports)]
mod app;

fn main() {
    #[cfg(target_arch = "wasm32")]
    app::views::module::start();
}
