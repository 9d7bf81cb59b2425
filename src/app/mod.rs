//! The Yew shell: components arrange markup; business rules live in the core (`luoshi::…`).

use yew::prelude::*;

#[cfg(test)]
mod harness_test;

#[function_component(App)]
pub fn app() -> Html {
    let document = use_memo((), |_| luoshi::seed_document());
    html! {
        <main>
            <h1>{ document.title.clone() }</h1>
            <p>{ format!("共 {} 项任务", document.tasks.len()) }</p>
        </main>
    }
}

pub fn start() {
    if let Some(root) = gloo::utils::document().get_element_by_id("app") {
        yew::Renderer::<App>::with_root(root).render();
    }
}
