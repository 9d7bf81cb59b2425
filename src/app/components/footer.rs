//! The page footer: which edition and version is running, and where the data lives.

use yew::prelude::*;

use crate::app::edition::Edition;
use crate::app::text;

/// A plain function, not a component (a component costs its own copy of yew's lifecycle code in
/// the wasm, issue 19); the edition marker is read when the shell renders.
pub fn footer() -> Html {
    let edition = Edition::current();
    html! {
        <footer class="app-footer">
            <p>
                <span class="edition">{ edition.with_version() }</span>
                { text::DATA_STAYS_LOCAL }
            </p>
        </footer>
    }
}
