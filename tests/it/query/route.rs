//! The whole address (`luoshi::route`): document, page, filters and the benchmark hook, parsed and
//! printed in one place; the URLs of earlier versions keep opening the same view.

use luoshi::period::Period;
use luoshi::query::{Query, Scope, View};
use luoshi::route::{with_doc, Page, Route};

#[test]
fn old_urls_open_the_same_view() {
    let task = Route::parse("?task=14");
    assert_eq!(task.page, Page::Task(14));
    assert!(task.query.is_default(), "the filters hold no page state");

    assert_eq!(Route::parse("view=overview").page, Page::Overview);

    let mine = Route::parse("?mine=1");
    assert_eq!(mine.page, Page::List);
    assert!(mine.query.mine);

    let report =
        Route::parse("?view=report&period=2023Q2&scope=unit:%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80");
    assert_eq!(
        report.page,
        Page::Report {
            period: Some(Period::Quarter {
                year: 2023,
                quarter: 2
            }),
            scope: Scope::Unit("区科技局".into()),
        }
    );

    // An open task wins over `view`, as the page switch always did.
    assert_eq!(Route::parse("view=overview&task=3").page, Page::Task(3));
}

#[test]
fn doc_and_bench_are_read_here_and_bench_is_never_printed() {
    let route =
        Route::parse("?unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80&doc=ab12cd34ef56&bench=10000");
    assert_eq!(route.doc.as_deref(), Some("ab12cd34ef56"));
    assert_eq!(route.bench, Some(10_000));
    assert_eq!(route.query.units.len(), 1);
    assert_eq!(
        route.to_query_string(),
        "unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80&doc=ab12cd34ef56"
    );
    assert_eq!(Route::parse("bench=0").bench, None);
    assert_eq!(Route::parse("bench=100001").bench, None);
    assert_eq!(Route::parse("bench=x").bench, None);
    assert_eq!(Route::parse("doc=").doc, None);
    assert_eq!(with_doc(String::new(), Some("ab")), "doc=ab");
    assert_eq!(with_doc("q=x".into(), None), "q=x");
}

#[test]
fn printing_then_parsing_gives_the_same_route_and_the_same_address() {
    for address in [
        "",
        "task=14",
        "mine=1",
        "view=overview",
        "status=behind&task=7&doc=ab12",
        "q=%E6%8A%95%E8%B5%84&sort=status&view=report&period=2023Q3&scope=section%3A2",
    ] {
        let route = Route::parse(address);
        assert_eq!(route.to_query_string(), address, "{address}");
        assert_eq!(Route::parse(&route.to_query_string()), route);
        // The app's pages read the same query as before.
        assert_eq!(route.page_query(), Query::from_query_string(address));
    }
}

#[test]
fn a_page_on_a_query_keeps_the_filters() {
    let filtered = Query::from_query_string("status=behind&view=overview");
    let on_task = Page::Task(5).on(&filtered);
    assert_eq!(on_task.task, Some(5));
    assert_eq!(on_task.statuses, filtered.statuses);
    assert_eq!(Page::of(&on_task), Page::Task(5));
    assert_eq!(Page::List.on(&filtered).view, View::List);
    assert_eq!(
        Page::of(&Page::Overview.on(&Query::default())),
        Page::Overview
    );
}
