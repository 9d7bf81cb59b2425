//! The dashboard: totals by status and light, per section, chart data, bar links, targets, watch list.

use super::fixture;

use fixture::{q2, seed_ledger, today};
use luoshi::ledger::{Action, Ledger};
use luoshi::overview::{Chart, LedgerFacts, LightBucket, Overview, TargetsSummary, WatchList};
use luoshi::query::QueryIndex;

fn counts(chart: &Chart) -> Vec<(&'static str, usize)> {
    chart.bars.iter().map(|b| (b.key, b.count)).collect()
}

#[test]
fn whole_document_by_status_and_light() {
    let document = luoshi::seed_document();
    let overview = Overview::compute(&document, &seed_ledger(&document), today());
    assert_eq!(overview.period, q2());
    assert_eq!(overview.as_of, today());
    assert_eq!(overview.whole.total, 71);
    // Statuses: 已完成 1, 57; 序时推进 2, 16, 66; 超序时 7; 滞后 3, 9, 60; 其他 14;
    // 未启动: the other 61 (22 and 40 included).
    assert_eq!(
        counts(&overview.whole.by_status),
        [
            ("not_started", 61),
            ("on_schedule", 3),
            ("ahead_of_schedule", 1),
            ("behind", 3),
            ("done", 2),
            ("other", 1)
        ]
    );
    // Lights: green 1, 2, 7, 16, 57; yellow 9, 60, 66; red 3, 14, 22; none: 71 - 11 = 60.
    assert_eq!(
        counts(&overview.whole.by_light),
        [("green", 5), ("yellow", 3), ("red", 3), ("none", 60)]
    );
    let red = overview.whole.by_light.bar("red").map(|b| b.tasks.clone());
    assert_eq!(red, Some(vec![3, 14, 22]));
    let done = overview.whole.by_status.bar("done");
    assert_eq!(done.map(|b| b.tasks.clone()), Some(vec![1, 57]));
    assert_eq!(done.map(|b| b.css_class), Some("status-done"));
    assert!(done.is_some_and(|b| (b.share - 2.0 / 71.0).abs() < 1e-12));
}

#[test]
fn chart_text_lists_every_bar_with_one_decimal_shares() {
    let document = luoshi::seed_document();
    let overview = Overview::compute(&document, &seed_ledger(&document), today());
    // 61/71 = 85.9%, 3/71 = 4.2%, 1/71 = 1.4%, 2/71 = 2.8%.
    assert_eq!(
        overview.whole.by_status.text(),
        "按状态：未启动 61 项(85.9%)，序时推进 3 项(4.2%)，超序时 1 项(1.4%)，滞后 3 项(4.2%)，已完成 2 项(2.8%)，其他 1 项(1.4%)；共 71 项"
    );
    // 5/71 = 7.0%, 60/71 = 84.5%.
    assert_eq!(
        overview.whole.by_light.text(),
        "按序时进度：绿灯 5 项(7.0%)，黄灯 3 项(4.2%)，红灯 3 项(4.2%)，未填报 60 项(84.5%)；共 71 项"
    );
    let classes: Vec<&str> = overview
        .whole
        .by_light
        .bars
        .iter()
        .map(|b| b.css_class)
        .collect();
    assert_eq!(
        classes,
        ["light-green", "light-yellow", "light-red", "light-none"]
    );
}

#[test]
fn sections_break_down_their_own_tasks() {
    let document = luoshi::seed_document();
    let overview = Overview::compute(&document, &seed_ledger(&document), today());
    assert_eq!(overview.sections.len(), 11);
    let one = &overview.sections[0];
    assert_eq!(one.label, "一、实施创新驱动发展战略");
    // Section 1 is tasks 1–6: 已完成 1, 序时推进 2, 滞后 3, the rest 未启动.
    assert_eq!(one.breakdown.total, 6);
    assert_eq!(
        counts(&one.breakdown.by_status),
        [
            ("not_started", 3),
            ("on_schedule", 1),
            ("ahead_of_schedule", 0),
            ("behind", 1),
            ("done", 1),
            ("other", 0)
        ]
    );
    assert_eq!(
        counts(&one.breakdown.by_light),
        [("green", 2), ("yellow", 0), ("red", 1), ("none", 3)]
    );
    // Section 2 is tasks 7–14: 超序时 7 (green), 滞后 9 (yellow), 其他 14 (red).
    let two = &overview.sections[1].breakdown;
    assert_eq!(two.total, 8);
    assert_eq!(
        counts(&two.by_light),
        [("green", 1), ("yellow", 1), ("red", 1), ("none", 5)]
    );
    // Section 11 (69–71) is untouched.
    let eleven = &overview.sections[10].breakdown;
    assert_eq!(eleven.by_light.count("none"), 3);
    assert_eq!(eleven.by_status.count("not_started"), 3);
    let section_total: usize = overview.sections.iter().map(|s| s.breakdown.total).sum();
    assert_eq!(section_total, 71);
}

#[test]
fn status_bars_link_to_queries_that_list_exactly_their_tasks() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    let overview = Overview::compute(&document, &ledger, today());
    let done = overview.whole.by_status.bar("done");
    assert_eq!(
        done.and_then(|b| b.href()),
        Some("?status=done".to_string())
    );
    let section_behind = overview.sections[0].breakdown.by_status.bar("behind");
    assert_eq!(
        section_behind.and_then(|b| b.href()),
        Some("?section=1&status=behind".to_string())
    );
    assert_eq!(
        overview.whole.by_light.bar("red").and_then(|b| b.href()),
        Some("?light=red".to_string())
    );
    assert_eq!(
        overview.sections[1]
            .breakdown
            .by_report
            .bar("unreported")
            .and_then(|b| b.href()),
        Some(format!(
            "?section=2&report=0&report_period={}",
            overview.period.id()
        ))
    );

    let index = QueryIndex::new(&document);
    let facts = LedgerFacts::new(&ledger, today());
    assert_eq!(facts.period, overview.period);
    let breakdowns =
        std::iter::once(&overview.whole).chain(overview.sections.iter().map(|s| &s.breakdown));
    let mut checked = 0;
    for breakdown in breakdowns {
        let bars = breakdown
            .by_status
            .bars
            .iter()
            .chain(&breakdown.by_light.bars)
            .chain(&breakdown.by_report.bars);
        for bar in bars {
            let Some(query) = &bar.query else {
                panic!("bar {} has a query", bar.key);
            };
            assert_eq!(
                index.filter(query, &facts, None),
                bar.tasks,
                "bar {}",
                bar.key
            );
            checked += 1;
        }
        let listed: usize = breakdown.by_light.bars.iter().map(|b| b.tasks.len()).sum();
        assert_eq!(listed, breakdown.total);
    }
    // 12 breakdowns (whole + 11 sections) × (6 statuses + 4 lights + 2 report bars).
    assert_eq!(checked, 12 * 12);
}

#[test]
fn an_empty_ledger_is_all_not_started_and_unlit() {
    let document = luoshi::seed_document();
    let ledger = Ledger::new(document.fingerprint.clone());
    let overview = Overview::compute(&document, &ledger, today());
    assert_eq!(overview.whole.by_status.count("not_started"), 71);
    assert_eq!(overview.whole.by_light.count("none"), 71);
    assert_eq!(overview.targets.no_actual, 93);
    assert_eq!(overview.watch.unreported.len(), 71);
    assert!(overview.watch.red.is_empty() && overview.watch.recent.is_empty());
}

#[test]
fn as_of_date_moves_lights_and_period() {
    let document = luoshi::seed_document();
    let mut ledger = seed_ledger(&document);
    let march = luoshi::period::Date::new(2023, 3, 31).unwrap_or_else(|| panic!("date"));
    fixture::apply(
        &mut ledger,
        Action::SetAsOf { as_of: Some(march) },
        fixture::Q2_TIME,
    );
    // At 31 March 序时 is 90/365 = 24.66%: task 9 (25) and 66 (20) turn green, task 60 (35) too;
    // 3 (10), 22 (5) and 14 (0) are 14.66, 19.66 and 24.66 behind: all yellow, none red.
    let overview = Overview::compute(&document, &ledger, today());
    assert_eq!(overview.period, fixture::q1());
    assert_eq!(
        counts(&overview.whole.by_light),
        [("green", 8), ("yellow", 3), ("red", 0), ("none", 60)]
    );
    assert_eq!(LightBucket::of(&ledger, 3, today()), LightBucket::Yellow);
}

#[test]
fn targets_summary_counts_visible_targets() {
    let document = luoshi::seed_document();
    let summary = TargetsSummary::compute(&document, &seed_ledger(&document));
    // 93 parsed targets, one hidden (task 2 #2), one added (task 9): 93 visible.
    // Met: task 1 #2 (320 ≥ 300), task 2 #1 (86 ≥ 85), task 9 added (60 ≥ 50).
    // Missed: task 1 #1 (1 < 2), task 3 #1 (突破 1700 at 1700), task 57 #1 (2.1 < 3.8).
    assert_eq!(summary.total, 93);
    assert_eq!(
        (summary.met, summary.not_met, summary.no_actual),
        (3, 3, 87)
    );
    let missed: Vec<(u32, &str, String, String)> = summary
        .missed
        .iter()
        .map(|m| (m.task, m.text.as_str(), m.figure(), m.actual_text()))
        .collect();
    assert_eq!(
        missed,
        [
            (
                1,
                "年内新增2家市级以上重点实验室",
                "2家".to_string(),
                "1家".to_string()
            ),
            (
                3,
                "力争国家级高新技术企业总量突破1700家",
                "1700家".to_string(),
                "1700家".to_string()
            ),
            (
                57,
                "全年城镇新增就业3.8万人以上",
                "3.8万人".to_string(),
                "2.1万人".to_string()
            ),
        ]
    );
    assert_eq!(summary.missed[0].task_title, "提升企业技术创新能力");
    assert!((summary.missed[0].completion - 0.5).abs() < 1e-12);
    assert_eq!(
        summary.chart.text(),
        "量化目标：已达标 3 个(3.2%)，未达标 3 个(3.2%)，未填实际值 87 个(93.5%)；共 93 个"
    );
    assert_eq!(
        summary.chart.bar("met").map(|b| b.tasks.clone()),
        Some(vec![1, 2, 9])
    );
}

#[test]
fn watch_list_red_supervised_unreported_and_recent() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    let watch = WatchList::compute(&document, &ledger, today(), 3);
    let numbers = |items: &[luoshi::overview::WatchItem]| -> Vec<u32> {
        items.iter().map(|i| i.task).collect()
    };
    assert_eq!(numbers(&watch.red), [3, 14, 22]);
    assert_eq!(numbers(&watch.supervised), [3, 40, 60]);
    // Reported in Q2: 1, 3, 9, 57; the other 67 are not.
    assert_eq!(watch.unreported.len(), 67);
    assert!(!numbers(&watch.unreported)
        .iter()
        .any(|n| [1, 3, 9, 57].contains(n)));
    assert!(
        numbers(&watch.unreported).contains(&2),
        "a Q1 report does not count for Q2"
    );
    // Each watch list links to a Find view that lists exactly its tasks.
    let index = QueryIndex::new(&document);
    let facts = LedgerFacts::new(&ledger, today());
    let q2 = luoshi::period::Period::Quarter {
        year: 2023,
        quarter: 2,
    };
    for (query, items) in [
        (WatchList::red_query(), &watch.red),
        (WatchList::supervised_query(), &watch.supervised),
        (WatchList::unreported_query(q2), &watch.unreported),
    ] {
        assert_eq!(index.filter(&query, &facts, None), numbers(items));
    }
    assert_eq!(WatchList::red_query().to_query_string(), "light=red");
    assert_eq!(
        WatchList::supervised_query().to_query_string(),
        "supervised=1"
    );

    let three = &watch.red[0];
    assert_eq!(three.title, "培优做强科技型企业");
    assert_eq!(three.status, "滞后");
    assert_eq!(three.progress, 10);
    assert_eq!(three.gap_text, "落后序时 39.6 个百分点");
    assert!(three.supervised);
    assert_eq!(watch.red[1].status, "其他：指标调整");

    // Newest first: task 57's actual (30 June 23:30), task 60 supervised (29 June), task 3 (28 June).
    let recent: Vec<(u32, &str)> = watch
        .recent
        .iter()
        .map(|c| (c.task, c.description.as_str()))
        .collect();
    assert_eq!(
        recent,
        [
            (57, "指标1 实际值:  → 2.1"),
            (60, "挂牌督办: 否 → 是"),
            (3, "挂牌督办: 否 → 是")
        ]
    );
    assert_eq!(watch.recent[0].who, "张三（区发展改革局）");
    assert_eq!(watch.recent[0].title, "促进更高质量就业");

    // Each task once, by its newest edit: after 57, 60 and 3 comes task 1 (20 May: status and
    // progress at the same instant; the status edit sorts first), not task 57 again.
    let watch = WatchList::compute(&document, &ledger, today(), 4);
    let tasks: Vec<(u32, &str)> = watch
        .recent_tasks
        .iter()
        .map(|c| (c.task, c.description.as_str()))
        .collect();
    assert_eq!(
        tasks,
        [
            (57, "指标1 实际值:  → 2.1"),
            (60, "挂牌督办: 否 → 是"),
            (3, "挂牌督办: 否 → 是"),
            (1, "状态: 序时推进 → 已完成")
        ]
    );
}
