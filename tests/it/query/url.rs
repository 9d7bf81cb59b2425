//! Query ↔ query string: stable names, Chinese percent-encoding, tolerance of garbage, round trip.

use luoshi::overview::Scope;
use luoshi::period::Period;
use luoshi::query::{LightBucket, Query, Role, Sort, StatusKind};
use luoshi::route::{Page, Route};
use proptest::prelude::*;

#[test]
fn default_query_is_the_empty_string() {
    assert_eq!(Query::default().to_query_string(), "");
    assert_eq!(Query::from_query_string(""), Query::default());
    assert_eq!(Query::from_query_string("?"), Query::default());
}

#[test]
fn stable_parameter_names_and_order() {
    let filters = Query {
        text: "科技 实验室".into(),
        sections: [3, 1].into(),
        units: ["区科技局".to_string()].into(),
        role: Role::Lead,
        leaders: ["李四".to_string(), "张三".to_string()].into(),
        statuses: [StatusKind::Behind, StatusKind::NotStarted].into(),
        has_targets: Some(true),
        has_report: Some(false),
        report_period: Some(Period::Quarter {
            year: 2023,
            quarter: 2,
        }),
        lights: [LightBucket::Unlit, LightBucket::Red].into(),
        supervised: Some(true),
        mine: true,
        sort: Sort::Updated,
    };
    const FILTERS: &str = "q=%E7%A7%91%E6%8A%80%20%E5%AE%9E%E9%AA%8C%E5%AE%A4&section=1,3\
         &unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80&role=lead\
         &leader=%E5%BC%A0%E4%B8%89,%E6%9D%8E%E5%9B%9B&status=not_started,behind\
         &targets=1&report=0&report_period=2023Q2&light=red,none&supervised=1&mine=1\
         &sort=updated";
    assert_eq!(filters.to_query_string(), FILTERS);
    // The page's parameters follow the filters, `doc` comes last.
    let report = Route {
        doc: Some("ab12".into()),
        page: Page::Report {
            period: Some(Period::Month {
                year: 2023,
                month: 7,
            }),
            scope: Scope::Unit("区科技局".into()),
        },
        query: filters.clone(),
        ..Route::default()
    };
    assert_eq!(
        report.to_query_string(),
        format!("{FILTERS}&view=report&period=2023-07&scope=unit%3A%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80&doc=ab12")
    );
    assert_eq!(
        report.with_page(Page::Task(14)).to_query_string(),
        format!("{FILTERS}&task=14&doc=ab12")
    );
}

#[test]
fn reads_hand_written_and_browser_written_links() {
    let route =
        Route::parse("?unit=区科技局&section=1,%203&q=RISC+V&status=behind&sort=status&task=14");
    let query = &route.query;
    assert_eq!(query.units, ["区科技局".to_string()].into());
    assert_eq!(query.sections, [1, 3].into());
    assert_eq!(query.text, "RISC V");
    assert_eq!(query.statuses, [StatusKind::Behind].into());
    assert_eq!(query.sort, Sort::Status);
    assert_eq!(route.page, Page::Task(14));
}

#[test]
fn repeated_list_parameters_add_up() {
    let query = Query::from_query_string(
        "unit=%E5%8C%BA%E8%B4%A2%E6%94%BF%E5%B1%80&unit=各街道,区科技局&section=2&section=5",
    );
    assert_eq!(query.units.len(), 3);
    assert!(query.units.contains("区财政局"));
    assert_eq!(query.sections, [2, 5].into());
}

#[test]
fn commas_and_ampersands_inside_values_survive() {
    let query = Query {
        units: ["甲,乙单位".to_string(), "丙&丁=戊".to_string()].into(),
        text: "a+b&c=d,e%".into(),
        ..Query::default()
    };
    assert_eq!(Query::from_query_string(&query.to_query_string()), query);
}

#[test]
fn leader_names_with_reserved_characters_survive() {
    let names = [
        "欧阳·明珠",
        "张,三",
        "李&四",
        "王=五",
        "赵%六",
        "钱+七",
        "孙 八",
        "周？九#",
        "吴/十?",
    ];
    let query = Query {
        leaders: names.iter().map(|n| n.to_string()).collect(),
        units: ["甲,乙单位".to_string()].into(),
        ..Query::default()
    };
    let link = query.to_query_string();
    assert!(
        link.starts_with("unit=") && link.contains("&leader="),
        "{link}"
    );
    // Only URL-safe ASCII; a literal comma separates names, so exactly len - 1 of them.
    assert!(
        link.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%&=,".contains(&b)),
        "{link}"
    );
    let leader_param = link
        .split('&')
        .find_map(|p| p.strip_prefix("leader="))
        .unwrap_or_default();
    assert_eq!(leader_param.matches(',').count(), names.len() - 1);
    assert_eq!(Query::from_query_string(&link), query);
    assert_eq!(Query::from_query_string(&format!("?{link}")), query);

    // Hand-written and browser-written forms read the same: raw UTF-8, `+` as space, repeats add up.
    let read =
        Query::from_query_string("?leader=张三&leader=%E6%9D%8E%E5%9B%9B,%E5%AD%99+%E5%85%AB");
    assert_eq!(
        read.leaders,
        ["张三".to_string(), "李四".to_string(), "孙 八".to_string()].into()
    );
    // Broken escapes drop only that name; empty names are ignored.
    let read = Query::from_query_string("leader=%E5%BC,,%E5%BC%A0%E4%B8%89,");
    assert_eq!(read.leaders, ["张三".to_string()].into());
    assert_eq!(Query::from_query_string("leader=,,"), Query::default());
}

#[test]
fn unknown_and_garbled_parameters_are_ignored() {
    let garbage = [
        "foo=bar",
        "section=abc",
        "section=-1",
        "section=99999999999",
        "role=boss",
        "status=late",
        "targets=maybe",
        "report=2",
        "mine=yes",
        "sort=random",
        "task=x",
        "task=-3",
        "q=%E7%A7",
        "q=%zz",
        "q=%",
        "q=%FF%FE",
        "unit=%E5%8C",
        "unit=,,",
        "leader=%E5",
        "leader=",
        "&&&",
        "=",
        "==&=&q",
        "section",
    ];
    for input in garbage {
        assert_eq!(Query::from_query_string(input), Query::default(), "{input}");
    }
    // Good parameters next to bad ones still count.
    let route =
        Route::parse("section=1,x,3&unit=%E5%8C,区科技局&status=late,done&sort=random&task=7");
    let query = &route.query;
    assert_eq!(query.sections, [1, 3].into());
    assert_eq!(query.units, ["区科技局".to_string()].into());
    assert_eq!(query.statuses, [StatusKind::Done].into());
    assert_eq!(query.sort, Sort::Number);
    assert_eq!(route.page, Page::Task(7));
}

#[test]
fn flags_accept_true_and_false() {
    let query = Query::from_query_string("targets=false&report=true&mine=0");
    assert_eq!(query.has_targets, Some(false));
    assert_eq!(query.has_report, Some(true));
    assert!(!query.mine);
}

/// A route as the app prints it: any filters, any page (a task's page or a `view`), maybe a `doc`.
fn any_route() -> impl Strategy<Value = Route> {
    (
        any_query(),
        proptest::option::of(any::<u32>()),
        page(),
        proptest::option::of("[0-9a-f]{1,12}"),
    )
        .prop_map(|(query, task, page, doc)| Route {
            doc,
            bench: None,
            page: task.map_or(page, Page::Task),
            query,
        })
}

fn any_query() -> impl Strategy<Value = Query> {
    let unit = "[\\PC&&[^\\u{0}]]{1,8}";
    (
        "\\PC{0,12}|[ 　a-zA-Z0-9#＃%+&=,?]{0,10}",
        proptest::collection::btree_set(0u32..20, 0..4),
        (
            proptest::collection::btree_set(unit, 0..3),
            proptest::collection::btree_set("[\\PC&&[^\\u{0}]]{1,6}|[张李,&=%+ ？#]{1,4}", 0..3),
        ),
        prop_oneof![Just(Role::Any), Just(Role::Lead), Just(Role::Participate)],
        proptest::collection::btree_set(proptest::sample::select(StatusKind::ALL.to_vec()), 0..4),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::sample::select(Sort::ALL.to_vec()),
        any::<bool>(),
        (
            proptest::collection::btree_set(
                proptest::sample::select(LightBucket::ALL.to_vec()),
                0..4,
            ),
            proptest::option::of(any::<bool>()),
            proptest::option::of(period()),
        ),
    )
        .prop_map(
            |(
                text,
                sections,
                (units, leaders),
                role,
                statuses,
                has_targets,
                has_report,
                sort,
                mine,
                (lights, supervised, report_period),
            )| {
                Query {
                    report_period,
                    lights,
                    supervised,
                    sections,
                    units,
                    leaders,
                    role,
                    statuses,
                    has_targets,
                    has_report,
                    text,
                    sort,
                    mine,
                }
            },
        )
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (2000i32..2100, 1u8..=4).prop_map(|(year, quarter)| Period::Quarter { year, quarter }),
        (2000i32..2100, 1u8..=12).prop_map(|(year, month)| Period::Month { year, month }),
    ]
}

/// A page other than a task's (those come from the task number).
fn page() -> impl Strategy<Value = Page> {
    let scope = prop_oneof![
        Just(Scope::All),
        (0u32..20).prop_map(Scope::Section),
        "[区科技局,&=%a ]{1,6}"
            .prop_filter("a unit name has a visible character", |s| !s
                .trim()
                .is_empty())
            .prop_map(|s| Scope::Unit(s.trim().to_string())),
    ];
    prop_oneof![
        Just(Page::List),
        Just(Page::Overview),
        (proptest::option::of(period()), scope)
            .prop_map(|(period, scope)| Page::Report { period, scope }),
    ]
}

proptest! {
    #[test]
    fn round_trip(route in any_route()) {
        // The filters alone, then the whole address (filters, page, document).
        let query = &route.query;
        prop_assert_eq!(&Query::from_query_string(&query.to_query_string()), query);
        let encoded = route.to_query_string();
        prop_assert_eq!(Route::parse(&encoded), route.clone());
        prop_assert_eq!(Route::parse(&format!("?{encoded}")), route);
        // Only URL-safe ASCII goes into the link.
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%&=,".contains(&b)));
    }

    #[test]
    fn never_panics_on_arbitrary_input(input in "\\PC{0,40}|[%&=,?+a-z0-9]{0,40}") {
        let query = Query::from_query_string(&input);
        // Whatever was read encodes and reads back to the same query.
        prop_assert_eq!(Query::from_query_string(&query.to_query_string()), query);
        // `bench` is never printed.
        let route = Route { bench: None, ..Route::parse(&input) };
        prop_assert_eq!(Route::parse(&route.to_query_string()), route);
    }
}
