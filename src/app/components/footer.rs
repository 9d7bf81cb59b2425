//! The page footer: which edition and version is running, and where the data lives.

use yew::prelude::*;

use crate::app::edition::Edition;
use crate::app::text;

#[function_component(Footer)]
pub fn footer() -> Html {
    // The edition cannot change while the page is open: read the marker once.
    let edition = use_memo((), |()| Edition::current());
    html! {
        <footer class="app-footer">
            <p>
                <span class="edition">{ edition.with_version() }</span>
                { text::DATA_STAYS_LOCAL }
            </p>
        </footer>
    }
}
