//! The whole address (`luoshi::route`): document, page, filters and the benchmark hook, parsed and
//! printed in one place; the URLs of earlier versions keep opening the same view.

use luoshi::overview::Scope;
use luoshi::period::Period;
use luoshi::query::Query;
use luoshi::route::{Page, Route};

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

    // An open task wins over `view`, as the page switch always did; what is printed is the
    // canonical address of that page.
    let both = Route::parse("view=overview&task=3");
    assert_eq!(both.page, Page::Task(3));
    assert_eq!(both.to_query_string(), "task=3");
    // The share-link base and a document's own links.
    let shared = Route::parse("?doc=ab12cd34ef56&task=5");
    assert_eq!(shared.doc.as_deref(), Some("ab12cd34ef56"));
    assert_eq!(shared.page, Page::Task(5));
    assert_eq!(shared.to_query_string(), "task=5&doc=ab12cd34ef56");
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
    let doc_only = Route {
        doc: Some("ab".into()),
        ..Route::default()
    };
    assert_eq!(doc_only.to_query_string(), "doc=ab");
    assert_eq!(Route::parse("q=x").to_query_string(), "q=x");
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
        // The filters read the same, whatever the page.
        assert_eq!(route.query, Query::from_query_string(address));
    }
}

#[test]
fn a_page_on_a_route_keeps_the_document_and_the_filters() {
    let filtered = Route::parse("status=behind&view=overview&doc=ab12");
    let on_task = filtered.with_page(Page::Task(5));
    assert_eq!(on_task.page, Page::Task(5));
    assert_eq!(on_task.page.task(), Some(5));
    assert_eq!(on_task.query, filtered.query);
    assert_eq!(on_task.doc, filtered.doc);
    assert_eq!(on_task.to_query_string(), "status=behind&task=5&doc=ab12");
    assert_eq!(Page::Overview.task(), None);

    // A filter control edits the filters and shows the list.
    let sorted = on_task.list_with(|query| query.sort = luoshi::query::Sort::Status);
    assert_eq!(sorted.page, Page::List);
    assert_eq!(
        sorted.to_query_string(),
        "status=behind&sort=status&doc=ab12"
    );

    // Links built from a page or from filters alone.
    assert_eq!(
        Route::from(Page::Overview).to_query_string(),
        "view=overview"
    );
    assert_eq!(
        Route::from(Query::from_query_string("mine=1")).to_query_string(),
        "mine=1"
    );
}
