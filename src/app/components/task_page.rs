//! One task on its own page (`?task=N`): full text with targets marked, units and leaders,
//! previous/next. The heading shows the number as the document prints it; URLs keep the running one.

use std::rc::Rc;

use luoshi::{Document, TaskNumber};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::annotate::{TaskEditor, TaskHistory};
use super::filters::keys::is_for_a_field;
use super::filters::use_evaluation;
use super::task_row::highlighted;
use super::unit_links::{NameKind, NameLinks};
use super::TaskText;
use crate::app::route::{use_navigator, use_route, Link, Navigator, Page, Route};
use crate::app::text;

/// j/→ next, k/← previous, Esc back to the list (targets already resolved for this page).
#[hook]
fn use_task_keys(
    navigator: Option<Navigator>,
    back: Route,
    previous: Option<Route>,
    next: Option<Route>,
) {
    use_effect_with((back, previous, next), move |(back, previous, next)| {
        let (back, previous, next) = (back.clone(), previous.clone(), next.clone());
        let listener = gloo::events::EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |event| {
                let (Some(event), Some(navigator)) =
                    (event.dyn_ref::<KeyboardEvent>(), navigator.as_ref())
                else {
                    return;
                };
                if is_for_a_field(event) {
                    return;
                }
                let to = match event.key().as_str() {
                    "j" | "ArrowRight" => next.clone(),
                    "k" | "ArrowLeft" => previous.clone(),
                    "Escape" => Some(back.clone()),
                    _ => None,
                };
                if let Some(to) = to {
                    event.prevent_default();
                    navigator.push(to);
                }
            },
        );
        move || drop(listener)
    });
}

#[derive(Properties, PartialEq)]
pub struct TaskPageProps {
    pub number: TaskNumber,
}

#[function_component(TaskPage)]
pub fn task_page(props: &TaskPageProps) -> Html {
    let route = use_route();
    let navigator = use_navigator();
    let listed = use_evaluation();
    let heading = use_node_ref();
    {
        // Move focus to the new page's heading so keyboard and screen-reader users land on it.
        let heading = heading.clone();
        use_effect_with(props.number, move |_| {
            if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    let document = use_context::<Rc<Document>>();
    let position = document.as_ref().and_then(|document| {
        document
            .tasks
            .iter()
            .position(|task| task.number == props.number)
    });
    // Previous/next walk the list the reader came from (a filtered list keeps its filters in the
    // URL); a task outside that list falls back to document order.
    let (previous, next) = match (&document, position) {
        (Some(_), Some(_)) if listed.contains(props.number) => listed.neighbours(props.number),
        (Some(document), Some(position)) => (
            position
                .checked_sub(1)
                .and_then(|at| document.tasks.get(at))
                .map(|t| t.number),
            document.tasks.get(position + 1).map(|t| t.number),
        ),
        _ => (None, None),
    };
    use_task_keys(
        navigator,
        route.with_page(Page::List),
        previous.map(|n| route.with_page(Page::Task(n))),
        next.map(|n| route.with_page(Page::Task(n))),
    );
    let Some(document) = document else {
        return Html::default();
    };
    let back = html! {
        <Link to={route.with_page(Page::List)} class="back-link">{ text::BACK_TO_LIST }</Link>
    };
    let Some(position) = position else {
        return html! {
            <section class="task-page not-found" role="alert">
                <nav class="task-nav">{ back }</nav>
                <h2 ref={heading} tabindex="-1">{ text::task_not_found(props.number) }</h2>
                <p>{ text::task_range_hint(
                    document.tasks.first().map(|task| task.number),
                    document.tasks.last().map(|task| task.number),
                    document.tasks.len(),
                ) }</p>
            </section>
        };
    };
    let task = &document.tasks[position];
    let terms = Rc::new(listed.terms.clone());
    let section = document.section(task.section);
    let heading_number = text::task_heading_number(task.number, &task.label);
    // A printed label (二-3) says where the task sits in its section; say where it sits overall too.
    let running = (heading_number != text::task_ordinal(task.number))
        .then(|| text::running_number(task.number));
    let printed = |number: TaskNumber| {
        document
            .task(number)
            .map_or_else(|| number.to_string(), luoshi::Task::printed_number)
    };
    // Only documents that name leaders get the row; the seed names none.
    let names_leaders = document.tasks.iter().any(|task| !task.leaders.is_empty());
    html! {
        <article class="task-page">
            <nav class="task-nav" aria-label={text::PAGER_LABEL}>
                { back }
                <span class="pager">
                    if let Some(previous) = previous {
                        <Link to={route.with_page(Page::Task(previous))} rel="prev" class="button">
                            { format!("‹ {} {}", text::PREVIOUS_TASK, printed(previous)) }
                        </Link>
                    }
                    if let Some(next) = next {
                        <Link to={route.with_page(Page::Task(next))} rel="next" class="button">
                            { format!("{} {} ›", text::NEXT_TASK, printed(next)) }
                        </Link>
                    }
                </span>
            </nav>
            <h2 class="task-heading" ref={heading} tabindex="-1">
                <span class="task-heading-number">{ heading_number }</span>
                { highlighted(&task.title, &terms) }
            </h2>
            if section.is_some() || running.is_some() {
                <p class="task-section-name">
                    if let Some(section) = section {
                        { format!("{}：{}", text::SECTION_LABEL, text::section_heading(&section.numeral, &section.title)) }
                    }
                    if let Some(running) = running {
                        <span class="task-running-number">{ running }</span>
                    }
                </p>
            }
            // Side by side on a wide screen: the task to read, the form to fill in (styles/access.css).
            <div class="task-body">
                <div class="task-read">
                    <TaskText task={task.clone()} terms={terms.clone()} />
                    <dl class="task-units">
                        <div>
                            <dt>{ text::COL_LEAD }</dt>
                            <dd><NameLinks names={task.lead_units.clone()} kind={NameKind::Unit} /></dd>
                        </div>
                        <div>
                            <dt>{ text::COL_PARTICIPATING }</dt>
                            <dd><NameLinks names={task.participating_units.clone()} kind={NameKind::Unit} /></dd>
                        </div>
                        if names_leaders {
                            <div>
                                <dt>{ text::COL_LEADERS }</dt>
                                <dd><NameLinks names={task.leaders.clone()} kind={NameKind::Leader} /></dd>
                            </div>
                        }
                    </dl>
                </div>
                <TaskEditor key={task.number} task={task.clone()} />
            </div>
            <TaskHistory task={task.number} />
            <p class="keyboard-hint">{ text::TASK_KEYBOARD_HINT }</p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use wasm_bindgen_test::wasm_bindgen_test;

    use crate::app::components::filters::tests::LEADER_PLAN;
    use crate::app::harness_test::{click, mount};
    use crate::app::tests::{sample_document, search, set_search, texts};
    use crate::app::{App, AppProps};

    /// Numbering restarts per subsection: 一(一)-1, 一(一)-2, 一(二)-1, 二(一)-1.
    const RESTARTED: &str = "滨河区2025年重点工作任务
一、推动产业升级
（一）先进制造业
1.实施技改项目80个以上。(牵头单位:区工业和信息化局)
2.培育专精特新企业20家。(牵头单位:区科技局)
（二）现代服务业
1、新增限上商贸企业50家。(牵头单位:区商务局)
二、增进民生福祉
（一）教育
1.新建中小学3所。(牵头单位:区教育局)
";

    async fn app_with(source: &str, query: &str) -> web_sys::Element {
        set_search(query);
        mount::<App>(AppProps {
            document: Rc::new(luoshi::parse::parse(source)),
            address: crate::app::address::Address::current(),
        })
        .await
    }

    #[wasm_bindgen_test]
    async fn leaders_are_listed_and_link_to_their_tasks() {
        let root = app_with(LEADER_PLAN, "?task=2").await;
        assert_eq!(
            texts(&root, ".task-units dt"),
            vec!["牵头单位", "参与单位", "责任领导"]
        );
        assert_eq!(
            texts(&root, ".leader-links a.leader"),
            vec!["林清", "赵一鸣"]
        );
        click(&root, ".leader-links li:nth-child(2) a.leader").await;
        assert_eq!(search(), "?leader=%E8%B5%B5%E4%B8%80%E9%B8%A3");
        assert_eq!(
            texts(&root, "tr.task-row a.task-number"),
            vec!["2", "3", "5"]
        );
        root.remove();

        // A leader with a middle dot in the name is one link, as written.
        let root = app_with(LEADER_PLAN, "?task=4").await;
        assert_eq!(texts(&root, ".leader-links a.leader"), vec!["欧阳·明珠"]);
        root.remove();
        set_search("");
    }

    #[wasm_bindgen_test]
    async fn documents_without_leaders_show_no_leader_row_and_the_running_number() {
        set_search("?task=2");
        let root = mount::<App>(AppProps {
            document: Rc::new(sample_document()),
            address: crate::app::address::Address::current(),
        })
        .await;
        assert_eq!(texts(&root, ".task-units dt"), vec!["牵头单位", "参与单位"]);
        assert_eq!(texts(&root, ".task-heading-number"), vec!["第 2 项"]);
        assert!(texts(&root, ".task-running-number").is_empty());
        root.remove();
        set_search("");
    }

    #[wasm_bindgen_test]
    async fn the_heading_shows_the_printed_label_and_the_url_keeps_the_running_number() {
        let root = app_with(RESTARTED, "?task=3").await;
        assert_eq!(texts(&root, ".task-heading-number"), vec!["一(二)-1"]);
        assert_eq!(
            texts(&root, "h2.task-heading"),
            vec!["一(二)-1新增限上商贸企业50家"]
        );
        assert_eq!(
            texts(&root, ".task-running-number"),
            vec!["（全文第 3 项）"]
        );
        // The pager names neighbours as printed, and links by running number.
        assert_eq!(
            texts(&root, ".pager a"),
            vec!["‹ 上一项 一(一)-2", "下一项 二(一)-1 ›"]
        );
        click(&root, ".pager a[rel=next]").await;
        assert_eq!(search(), "?task=4");
        assert_eq!(texts(&root, ".task-heading-number"), vec!["二(一)-1"]);
        root.remove();
        set_search("");
    }
}
