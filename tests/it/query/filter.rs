//! Filtering, roles, groups, text terms, number jumps, facet counts and sort orders,
//! on a small hand-built document (see `query_fixture`).

use super::fixture as query_fixture;

use luoshi::ledger::Status;
use luoshi::query::{
    Evaluation, FacetValue, Jump, NoFacts, Query, QueryIndex, Role, Sort, StatusKind,
};

fn run(query: &Query) -> Evaluation {
    QueryIndex::new(&query_fixture::document()).evaluate(query, &query_fixture::facts(), None)
}

fn tasks(query: &Query) -> Vec<u32> {
    run(query).tasks
}

fn text(text: &str) -> Query {
    Query {
        text: text.into(),
        ..Query::default()
    }
}

fn count(values: &[FacetValue], value: &str) -> usize {
    values
        .iter()
        .find(|v| v.value == value)
        .map(|v| v.count)
        .unwrap_or_else(|| panic!("facet value {value} listed"))
}

#[test]
fn default_query_shows_everything_by_number() {
    let result = run(&Query::default());
    assert_eq!(result.tasks, vec![1, 2, 3, 4, 5, 14]);
    assert_eq!(result.total, 6);
    assert_eq!(result.jump, None);
    assert!(result.terms.is_empty());
}

#[test]
fn values_of_one_facet_or() {
    let query = Query {
        sections: [1, 3].into(),
        ..Query::default()
    };
    assert_eq!(tasks(&query), vec![1, 2, 5, 14]);
    let query = Query {
        statuses: [StatusKind::Behind, StatusKind::Done].into(),
        ..Query::default()
    };
    assert_eq!(tasks(&query), vec![1, 2]);
    let query = Query {
        units: ["区财政局".to_string(), "区工业和信息化局".to_string()].into(),
        ..Query::default()
    };
    assert_eq!(tasks(&query), vec![1, 2, 14]);
}

#[test]
fn different_facets_and() {
    let query = Query {
        sections: [1, 2].into(),
        units: ["区科技局".to_string()].into(),
        role: Role::Lead,
        ..Query::default()
    };
    assert_eq!(tasks(&query), vec![1, 2]);
    let query = Query {
        sections: [1, 2].into(),
        has_report: Some(false),
        ..Query::default()
    };
    assert_eq!(tasks(&query), vec![3, 4]);
    let query = Query {
        has_targets: Some(true),
        statuses: [StatusKind::Done].into(),
        ..Query::default()
    };
    assert_eq!(tasks(&query), vec![2]);
    let query = Query {
        has_targets: Some(false),
        text: "区财政局".into(),
        ..Query::default()
    };
    assert_eq!(tasks(&query), vec![14]);
}

#[test]
fn roles_lead_participate_any() {
    let unit = |role| Query {
        units: ["区科技局".to_string()].into(),
        role,
        ..Query::default()
    };
    assert_eq!(tasks(&unit(Role::Lead)), vec![1, 2]);
    assert_eq!(tasks(&unit(Role::Participate)), vec![3]);
    assert_eq!(tasks(&unit(Role::Any)), vec![1, 2, 3]);
}

#[test]
fn a_group_is_just_a_unit_name() {
    let group = |role| Query {
        units: ["各街道".to_string()].into(),
        role,
        ..Query::default()
    };
    assert_eq!(tasks(&group(Role::Lead)), vec![4]);
    assert_eq!(tasks(&group(Role::Participate)), vec![3]);
    assert_eq!(tasks(&group(Role::Any)), vec![3, 4]);
    // A street office is not pulled into 各街道's tasks by the filter (the unit page does that).
    let street = Query {
        units: ["城阳街道".to_string()].into(),
        ..Query::default()
    };
    assert!(tasks(&street).is_empty());
}

#[test]
fn unknown_unit_or_section_matches_nothing_but_stays_listed() {
    let query = Query {
        units: ["不存在的单位".to_string()].into(),
        sections: [9].into(),
        ..Query::default()
    };
    let result = run(&query);
    assert!(result.tasks.is_empty());
    let unit = result
        .facets
        .units
        .iter()
        .find(|v| v.value == "不存在的单位")
        .expect("listed");
    assert!(unit.selected);
    assert_eq!(unit.count, 0);
    let section = result
        .facets
        .sections
        .iter()
        .find(|v| v.value == "9")
        .expect("listed");
    assert!(section.selected);
    assert_eq!(section.label, "第9部分");
}

#[test]
fn mine_uses_the_callers_unit_and_role() {
    let index = QueryIndex::new(&query_fixture::document());
    let facts = query_fixture::facts();
    let mine = Query {
        mine: true,
        ..Query::default()
    };
    assert_eq!(index.filter(&mine, &facts, Some("区科技局")), vec![1, 2, 3]);
    let lead = Query {
        mine: true,
        role: Role::Lead,
        ..Query::default()
    };
    assert_eq!(index.filter(&lead, &facts, Some("区科技局")), vec![1, 2]);
    // Mine ANDs with the unit facet: tasks shared with 区财政局.
    let shared = Query {
        mine: true,
        units: ["区财政局".to_string()].into(),
        ..Query::default()
    };
    assert_eq!(index.filter(&shared, &facts, Some("区科技局")), vec![2]);
    // No unit chosen yet: the flag is ignored rather than emptying the list.
    assert_eq!(index.filter(&mine, &facts, None).len(), 6);
    // A unit this document does not name: nothing is mine.
    assert!(index.filter(&mine, &facts, Some("区统计局")).is_empty());
    // Without the flag the caller's unit changes nothing.
    assert_eq!(
        index
            .filter(&Query::default(), &facts, Some("区科技局"))
            .len(),
        6
    );
}

#[test]
fn mine_count_is_offered_whether_or_not_mine_is_on() {
    let index = QueryIndex::new(&query_fixture::document());
    let facts = query_fixture::facts();
    let off = Query {
        sections: [1, 2].into(),
        ..Query::default()
    };
    let on = Query {
        mine: true,
        ..off.clone()
    };
    assert_eq!(
        index.evaluate(&off, &facts, Some("区科技局")).mine_count,
        Some(3)
    );
    assert_eq!(
        index.evaluate(&on, &facts, Some("区科技局")).mine_count,
        Some(3)
    );
    assert_eq!(
        index
            .evaluate(
                &Query {
                    role: Role::Participate,
                    ..on
                },
                &facts,
                Some("区科技局")
            )
            .mine_count,
        Some(1)
    );
    assert_eq!(
        index.evaluate(&off, &facts, Some("区统计局")).mine_count,
        Some(0)
    );
    assert_eq!(index.evaluate(&off, &facts, None).mine_count, None);
}

#[test]
fn text_matches_number_title_text_units_and_targets() {
    assert_eq!(tasks(&text("技术创新")), vec![1]);
    assert_eq!(tasks(&text("区财政局")), vec![2, 14]);
    assert_eq!(tasks(&text("各街道")), vec![3, 4]);
    assert_eq!(tasks(&text("85%")), vec![2]);
    assert_eq!(tasks(&text("覆盖率达到85%以上")), vec![2]);
    assert!(tasks(&text("不存在的词")).is_empty());
}

#[test]
fn all_terms_must_match_with_ascii_or_full_width_spaces() {
    assert_eq!(tasks(&text("区科技局 实验室")), vec![1]);
    assert_eq!(tasks(&text("区科技局　实验室")), vec![1]);
    assert_eq!(tasks(&text("  区科技局　 \t实验室　")), vec![1]);
    assert_eq!(tasks(&text("区科技局 城市")), vec![3]);
    assert!(tasks(&text("区科技局 村庄")).is_empty());
    assert_eq!(
        run(&text("区科技局　实验室")).terms,
        vec!["区科技局", "实验室"]
    );
}

#[test]
fn latin_is_case_and_width_insensitive() {
    assert_eq!(tasks(&text("risc-v")), vec![1]);
    assert_eq!(tasks(&text("RISC-V")), vec![1]);
    assert_eq!(tasks(&text("ｒｉｓｃ")), vec![1]);
}

#[test]
fn terms_do_not_match_across_fields() {
    // Task 14's text ends with "区财政局)" and its unit field "区财政局" follows in the index.
    assert_eq!(tasks(&text("区财政局)")), vec![2, 14]);
    assert!(tasks(&text(")区财")).is_empty());
    // The number field "14" is followed by the text "14.强化…".
    assert!(tasks(&text("1414")).is_empty());
}

#[test]
fn a_lone_number_jumps_to_the_task() {
    for typed in ["14", "#14", "＃14", " 14 ", "＃１４"] {
        let result = run(&text(typed));
        assert_eq!(result.jump, Some(Jump::Found(14)), "{typed}");
        // Task 5's text says 14个, but a jump shows only task 14.
        assert_eq!(result.tasks, vec![14], "{typed}");
        assert!(result.terms.is_empty());
    }
}

#[test]
fn a_missing_number_is_searched_as_text() {
    let zero = run(&text("0"));
    assert_eq!(zero.jump, Some(Jump::NotFound(0)));
    assert!(zero.tasks.is_empty());
    let missing = run(&text("999"));
    assert_eq!(missing.jump, Some(Jump::NotFound(999)));
    assert!(missing.tasks.is_empty());
    // 85 is no task number, but task 2 says 85%.
    let figure = run(&text("85"));
    assert_eq!(figure.jump, Some(Jump::NotFound(85)));
    assert_eq!(figure.tasks, vec![2]);
    assert_eq!(figure.terms, vec!["85"]);
    // Too big for a task number: plain text.
    assert_eq!(run(&text("99999999999")).jump, None);
}

#[test]
fn a_number_with_other_terms_is_text() {
    let result = run(&text("14 工作专班"));
    assert_eq!(result.jump, None);
    assert_eq!(result.tasks, vec![5]);
}

#[test]
fn a_jump_still_respects_other_facets() {
    let query = Query {
        text: "14".into(),
        sections: [1].into(),
        ..Query::default()
    };
    let result = run(&query);
    assert_eq!(result.jump, Some(Jump::Found(14)));
    assert!(result.tasks.is_empty());
    assert_eq!(count(&result.facets.sections, "3"), 1);
}

#[test]
fn facet_counts_ignore_their_own_facet_but_respect_the_others() {
    let query = Query {
        sections: [1].into(),
        ..Query::default()
    };
    let facets = run(&query).facets;
    // Section counts ignore the section selection.
    assert_eq!(count(&facets.sections, "1"), 2);
    assert_eq!(count(&facets.sections, "2"), 2);
    assert_eq!(count(&facets.sections, "3"), 2);
    assert!(facets
        .sections
        .iter()
        .find(|v| v.value == "1")
        .is_some_and(|v| v.selected));
    // Other facets count within section 1.
    assert_eq!(count(&facets.statuses, "behind"), 1);
    assert_eq!(count(&facets.statuses, "done"), 1);
    assert_eq!(count(&facets.statuses, "on_schedule"), 0);
    assert_eq!(count(&facets.units, "区科技局"), 2);
    assert_eq!(count(&facets.units, "区财政局"), 1);
    assert_eq!(count(&facets.has_targets, "1"), 2);
    assert_eq!(count(&facets.has_targets, "0"), 0);
    assert_eq!(count(&facets.has_report, "1"), 2);
}

#[test]
fn facet_counts_follow_text_and_role() {
    let query = Query {
        text: "区科技局".into(),
        role: Role::Lead,
        ..Query::default()
    };
    let facets = run(&query).facets;
    assert_eq!(count(&facets.sections, "1"), 2);
    assert_eq!(count(&facets.sections, "2"), 1);
    // Unit counts are per role: 区科技局 leads 1 and 2 among the text matches 1, 2, 3.
    assert_eq!(count(&facets.units, "区科技局"), 2);
    assert_eq!(count(&facets.units, "区发展改革局"), 1);
    assert_eq!(count(&facets.units, "各街道"), 0);
    let any = Query {
        role: Role::Any,
        ..query
    };
    assert_eq!(count(&run(&any).facets.units, "各街道"), 1);
}

#[test]
fn selected_unit_counts_as_other_facet_for_the_rest() {
    let query = Query {
        units: ["区科技局".to_string()].into(),
        statuses: [StatusKind::Behind].into(),
        ..Query::default()
    };
    let result = run(&query);
    assert_eq!(result.tasks, vec![1]);
    // Status counts within 区科技局 (any role): 1 滞后, 2 已完成, 3 其他.
    assert_eq!(count(&result.facets.statuses, "behind"), 1);
    assert_eq!(count(&result.facets.statuses, "done"), 1);
    assert_eq!(count(&result.facets.statuses, "other"), 1);
    // Unit counts within 滞后: only task 1.
    assert_eq!(count(&result.facets.units, "区工业和信息化局"), 1);
    assert_eq!(count(&result.facets.units, "区财政局"), 0);
}

#[test]
fn zero_count_values_are_listed_with_labels() {
    let facets = run(&text("不存在的词")).facets;
    assert_eq!(facets.sections.len(), 3);
    assert_eq!(facets.sections[0].label, "一、实施创新驱动发展战略");
    assert!(facets.sections.iter().all(|v| v.count == 0));
    assert_eq!(facets.units.len(), 5);
    assert!(facets.units.iter().all(|v| v.count == 0 && !v.selected));
    let labels: Vec<&str> = facets.statuses.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(
        labels,
        ["未启动", "序时推进", "超序时", "滞后", "已完成", "其他"]
    );
    let labels: Vec<&str> = facets
        .has_targets
        .iter()
        .map(|v| v.label.as_str())
        .collect();
    assert_eq!(labels, ["有量化目标", "无量化目标"]);
    let labels: Vec<&str> = facets.has_report.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(labels, ["有进展报告", "无进展报告"]);
}

#[test]
fn unrecorded_status_counts_as_not_started() {
    let query = Query {
        statuses: [StatusKind::NotStarted].into(),
        ..Query::default()
    };
    assert_eq!(tasks(&query), vec![5]);
    let index = QueryIndex::new(&query_fixture::document());
    assert_eq!(index.filter(&query, &NoFacts, None).len(), 6);
    let facets = index.evaluate(&Query::default(), &NoFacts, None).facets;
    assert_eq!(count(&facets.statuses, "not_started"), 6);
    assert_eq!(count(&facets.has_report, "0"), 6);
}

#[test]
fn sort_orders() {
    let sorted = |sort| {
        tasks(&Query {
            sort,
            ..Query::default()
        })
    };
    assert_eq!(sorted(Sort::Number), vec![1, 2, 3, 4, 5, 14]);
    assert_eq!(sorted(Sort::Section), vec![1, 2, 3, 4, 5, 14]);
    // 滞后, 未启动, 其他, 序时推进, 超序时, 已完成.
    assert_eq!(sorted(Sort::Status), vec![1, 5, 3, 4, 14, 2]);
    // Newest first, never updated last by number.
    assert_eq!(sorted(Sort::Updated), vec![2, 1, 3, 4, 5, 14]);
}

#[test]
fn section_sort_groups_sections_before_numbers() {
    let mut document = query_fixture::document();
    // Move task 1 to section 3: section order now differs from number order.
    document.tasks[0].section = 3;
    let index = QueryIndex::new(&document);
    let query = Query {
        sort: Sort::Section,
        ..Query::default()
    };
    assert_eq!(
        index.filter(&query, &NoFacts, None),
        vec![2, 3, 4, 1, 5, 14]
    );
}

#[test]
fn neighbours_follow_the_list() {
    let result = run(&Query {
        sort: Sort::Status,
        ..Query::default()
    });
    assert_eq!(result.neighbours(1), (None, Some(5)));
    assert_eq!(result.neighbours(3), (Some(5), Some(4)));
    assert_eq!(result.neighbours(2), (Some(14), None));
    assert_eq!(result.neighbours(99), (None, None));
}

#[test]
fn status_kinds_use_the_ledgers_keys_and_labels() {
    let params: Vec<&str> = StatusKind::ALL.iter().map(|k| k.as_param()).collect();
    assert_eq!(
        params,
        [
            "not_started",
            "on_schedule",
            "ahead_of_schedule",
            "behind",
            "done",
            "other"
        ]
    );
    let labels: Vec<&str> = StatusKind::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(
        labels,
        ["未启动", "序时推进", "超序时", "滞后", "已完成", "其他"]
    );
    for kind in StatusKind::ALL {
        assert_eq!(StatusKind::from_param(kind.as_param()), Some(kind));
        assert_eq!(StatusKind::of(&kind.representative()), kind);
    }
    assert_eq!(
        StatusKind::of(&Status::Other("指标调整".into())),
        StatusKind::Other
    );
}

#[test]
fn query_helpers() {
    let mut query = Query::default();
    query.toggle_section(2);
    query.toggle_unit("区科技局");
    query.toggle_status(StatusKind::Behind);
    Query::toggle_flag(&mut query.has_targets, true);
    query.text = "实验室".into();
    query.sort = Sort::Updated;
    assert_eq!(query.active_filter_count(), 5);
    Query::toggle_flag(&mut query.has_targets, true);
    assert_eq!(query.has_targets, None);
    query.toggle_section(2);
    assert!(query.sections.is_empty());
    query.clear_filters();
    assert_eq!(
        query,
        Query {
            sort: Sort::Updated,
            ..Query::default()
        }
    );
    assert!(!query.is_default());
}

#[test]
fn empty_document_is_fine() {
    let index = QueryIndex::new(&luoshi::Document::default());
    let result = index.evaluate(&text("14"), &NoFacts, None);
    assert!(result.tasks.is_empty());
    assert_eq!(result.jump, Some(Jump::NotFound(14)));
    assert!(result.facets.sections.is_empty());
}

#[test]
fn units_by_count_puts_selected_then_busiest_first() {
    let query = Query {
        units: ["区财政局".to_string()].into(),
        ..Query::default()
    };
    let result = run(&query);
    let order: Vec<(&str, usize)> = result
        .facets
        .units_by_count()
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(
        order,
        [
            ("区财政局", 2),
            ("区科技局", 3),
            ("区发展改革局", 2),
            ("各街道", 2),
            ("区工业和信息化局", 1),
        ]
    );
}

/// Facts with lights, 挂牌督办 and per-period reports on top of the fixture's statuses:
/// 1 red, supervised, reported in 2023Q1 and Q2 · 2 green, reported in Q2 · 3 yellow, supervised
/// · the rest unlit.
fn light_facts() -> luoshi::query::FactTable {
    use luoshi::period::Period;
    use luoshi::query::LightBucket;
    let q1 = Period::Quarter {
        year: 2023,
        quarter: 1,
    };
    let q2 = Period::Quarter {
        year: 2023,
        quarter: 2,
    };
    let mut table = query_fixture::facts();
    let mut edit = |task: u32, light: LightBucket, supervised: bool, periods: &[Period]| {
        let fact = table.0.entry(task).or_default();
        fact.light = light;
        fact.supervised = supervised;
        fact.reported_periods = periods.iter().copied().collect();
    };
    edit(1, LightBucket::Red, true, &[q1, q2]);
    edit(2, LightBucket::Green, false, &[q2]);
    edit(3, LightBucket::Yellow, true, &[]);
    table
}

fn with_lights(query: &str) -> Evaluation {
    QueryIndex::new(&query_fixture::document()).evaluate(
        &Query::from_query_string(query),
        &light_facts(),
        None,
    )
}

#[test]
fn light_filter_ors_its_buckets_and_counts_facets() {
    use luoshi::query::LightBucket;
    assert_eq!(with_lights("light=red").tasks, vec![1]);
    assert_eq!(with_lights("light=red,yellow").tasks, vec![1, 3]);
    assert_eq!(with_lights("light=none").tasks, vec![4, 5, 14]);
    // Facet counts ignore the light filter itself but respect the others.
    let result = with_lights("light=red&section=1");
    let lights = &result.facets.lights;
    assert_eq!(
        lights.iter().map(|v| v.label.as_str()).collect::<Vec<_>>(),
        LightBucket::ALL.map(LightBucket::label)
    );
    assert_eq!(count(lights, "red"), 1);
    assert!(lights
        .iter()
        .find(|v| v.value == "red")
        .is_some_and(|v| v.selected));
    // Without light facts every task is unlit, so a light filter finds nothing but 未填报.
    let index = QueryIndex::new(&query_fixture::document());
    assert!(index
        .filter(&Query::from_query_string("light=red"), &NoFacts, None)
        .is_empty());
    assert_eq!(
        index
            .filter(&Query::from_query_string("light=none"), &NoFacts, None)
            .len(),
        6
    );
}

#[test]
fn supervised_filter_and_facet() {
    assert_eq!(with_lights("supervised=1").tasks, vec![1, 3]);
    assert_eq!(with_lights("supervised=0").tasks, vec![2, 4, 5, 14]);
    let result = with_lights("supervised=1&light=red");
    assert_eq!(result.tasks, vec![1]);
    assert_eq!(count(&result.facets.supervised, "1"), 1);
    assert_eq!(count(&result.facets.supervised, "0"), 0);
    assert_eq!(
        Query::from_query_string("supervised=1&light=red").active_filter_count(),
        2
    );
}

#[test]
fn report_period_makes_the_report_filter_ask_about_that_period() {
    // The fixture's own has_report: 1 and 2 have "a report".
    assert_eq!(with_lights("report=1").tasks, vec![1, 2]);
    assert_eq!(with_lights("report=1&report_period=2023Q1").tasks, vec![1]);
    assert_eq!(
        with_lights("report=1&report_period=2023Q2").tasks,
        vec![1, 2]
    );
    assert_eq!(
        with_lights("report=0&report_period=2023Q1").tasks,
        vec![2, 3, 4, 5, 14]
    );
    assert_eq!(
        with_lights("report=1&report_period=2023Q3").tasks,
        Vec::<u32>::new()
    );
    let result = with_lights("report_period=2023Q1");
    assert_eq!(result.tasks.len(), 6, "a period alone filters nothing");
    assert_eq!(count(&result.facets.has_report, "1"), 1);
}

#[test]
fn views_keep_filters_and_clear_filters_keeps_the_view() {
    use luoshi::overview::Scope;
    use luoshi::route::{Page, Route};
    let mut route = Route::parse("scope=section%3A3&period=2023Q2&view=report&light=red");
    assert_eq!(
        route.page,
        Page::Report {
            period: luoshi::period::Period::parse("2023Q2"),
            scope: Scope::Section(3),
        }
    );
    assert_eq!(route.query.lights.len(), 1);
    route.query.clear_filters();
    assert!(route.query.lights.is_empty());
    assert_eq!(
        route.to_query_string(),
        "view=report&period=2023Q2&scope=section%3A3"
    );
    // A period or scope without view=report means nothing.
    assert_eq!(Route::parse("period=2023Q2&scope=all"), Route::default());
    assert_eq!(Route::parse("view=overview").page, Page::Overview);
    assert_eq!(Route::parse("view=nonsense").page, Page::List);
}

/// Facts read once into columns (what the app does while the reader types) evaluate exactly as
/// asking the facts on every evaluation, for filters, facet counts and every sort; the report
/// facet follows the period the columns were read for.
#[test]
fn fact_columns_read_once_evaluate_like_the_facts_themselves() {
    let index = QueryIndex::new(&query_fixture::document());
    let facts = light_facts();
    for text in [
        "",
        "light=red,yellow",
        "supervised=1&sort=status",
        "report=1&report_period=2023Q1",
        "report_period=2023Q2&sort=updated",
        "status=behind,not_started&section=1&sort=section",
        "q=%E9%87%8D%E7%82%B9&light=none",
    ] {
        let query = Query::from_query_string(text);
        let columns = index.fact_columns(&facts, query.report_period);
        assert_eq!(columns.report_period(), query.report_period, "{text}");
        assert_eq!(
            index.evaluate_columns(&query, &columns, None),
            index.evaluate(&query, &facts, None),
            "{text}"
        );
    }
    // Columns read for 2023Q1 count that period's reports whatever the query says.
    let q1 = index.fact_columns(&facts, luoshi::period::Period::parse("2023Q1"));
    let any = Query::from_query_string("report=1");
    assert_eq!(index.evaluate_columns(&any, &q1, None).tasks, vec![1]);
    assert_eq!(index.evaluate(&any, &facts, None).tasks, vec![1, 2]);
}
