//! The web app entry point: mounts the Yew app (wasm32 only).

#[cfg(target_arch = "wasm32")]
#[path = "../app/mod.rs"]
mod app;

fn main() {
    #[cfg(target_arch = "wasm32")]
    app::start();
}
