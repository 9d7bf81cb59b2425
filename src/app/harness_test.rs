//! Component-test harness: proves wasm-bindgen-test renders Yew components in headless Chromium and
//! shows the pattern the other component tests in `src/app/` follow: mount into a fresh `<div>`, then
//! `yew::scheduler::flush().await` after every render or event instead of sleeping.
//!
//! Run: `cargo test --target wasm32-unknown-unknown --bin luoshi-web` (scripts/test.sh does this).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Append a fresh `<div>` to `<body>`, render component `C` with `props` into it and wait until Yew
/// has finished rendering. Each test gets its own root, so tests never see each other's markup.
pub(crate) async fn mount<C>(props: C::Properties) -> Element
where
    C: BaseComponent,
{
    let document = gloo::utils::document();
    let root = document
        .create_element("div")
        .expect("create a test root <div>");
    document
        .body()
        .expect("document has a <body>")
        .append_child(&root)
        .expect("attach the test root");
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

/// Click the first element matching `selector` inside `root`, then let Yew re-render.
pub(crate) async fn click(root: &Element, selector: &str) {
    let target: HtmlElement = root
        .query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into()
        .expect("an HTML element");
    target.click();
    yew::scheduler::flush().await;
}

#[derive(Properties, PartialEq)]
struct CounterProps {
    label: AttrValue,
}

#[function_component(Counter)]
fn counter(props: &CounterProps) -> Html {
    let count = use_state(|| 0u32);
    let increment = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <section>
            <h2>{ props.label.clone() }</h2>
            <output>{ *count }</output>
            <button onclick={increment}>{ "加一" }</button>
        </section>
    }
}

#[wasm_bindgen_test]
async fn renders_props_into_the_dom() {
    let root = mount::<Counter>(CounterProps {
        label: "计数".into(),
    })
    .await;
    let heading = root
        .query_selector("h2")
        .expect("valid selector")
        .expect("an <h2>");
    assert_eq!(heading.text_content().as_deref(), Some("计数"));
    let output = root
        .query_selector("output")
        .expect("valid selector")
        .expect("an <output>");
    assert_eq!(output.text_content().as_deref(), Some("0"));
}

#[wasm_bindgen_test]
async fn events_update_state_after_flush() {
    let root = mount::<Counter>(CounterProps {
        label: "计数".into(),
    })
    .await;
    click(&root, "button").await;
    click(&root, "button").await;
    let output = root
        .query_selector("output")
        .expect("valid selector")
        .expect("an <output>");
    assert_eq!(output.text_content().as_deref(), Some("2"));
}
