//! The responsible-leader facet (责任领导/牵头领导): OR within the facet, AND with every other
//! facet, live counts under the other filters, the URL, and documents that name no leader.
//! The sample is our own text, parsed, so the facet is checked on what the parser really gives.

use std::collections::BTreeSet;

use luoshi::ledger::Status;
use luoshi::parse::parse;
use luoshi::query::{Evaluation, Fact, FactTable, NoFacts, Query, QueryIndex, Role, StatusKind};
use luoshi::synthetic::synthetic_document;
use proptest::prelude::*;

/// Six tasks, two sections; leaders 林清 (1, 2, 6), 赵一鸣 (2, 3, 6), 欧阳·明珠 (4); task 5 none.
/// Task 6 names its leaders on a 牵头领导 line, the others in the bracketed note.
const SAMPLE: &str = "临川县2025年民生实事任务分解
一、社会事业
1.新建社区食堂8处。(责任领导:林清;牵头单位:县民政局;责任单位:各街道)
2.改造老旧小区12个。(责任领导:林清、赵一鸣;牵头单位:县住房城乡建设局;责任单位:县民政局)
3.新增公办幼儿园学位900个。(责任领导:赵一鸣;牵头单位:县教育局;责任单位:县财政局)
二、城乡建设
4.新建城市口袋公园6处。(责任领导:欧阳·明珠;牵头单位:县城市管理局)
5.完成农村户厕改造1500户。(牵头单位:县农业农村局)
6.建成乡镇污水处理站4座。
牵头领导:赵一鸣，林清
牵头单位:县生态环境局
";

fn index() -> QueryIndex {
    QueryIndex::new(&parse(SAMPLE))
}

fn run(query: &Query) -> Evaluation {
    index().evaluate(query, &NoFacts, None)
}

fn leaders(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|name| name.to_string()).collect()
}

fn by_leader(names: &[&str]) -> Query {
    Query {
        leaders: leaders(names),
        ..Query::default()
    }
}

/// (value, count, selected) of each leader facet value.
fn leader_facet(result: &Evaluation) -> Vec<(String, usize, bool)> {
    result
        .facets
        .leaders
        .iter()
        .map(|v| (v.value.clone(), v.count, v.selected))
        .collect()
}

fn counts(values: &[luoshi::query::FacetValue]) -> Vec<(String, usize)> {
    values.iter().map(|v| (v.value.clone(), v.count)).collect()
}

fn owned(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
    pairs.iter().map(|(v, n)| (v.to_string(), *n)).collect()
}

#[test]
fn the_sample_parses_with_its_leaders() {
    let document = parse(SAMPLE);
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
    let per_task: Vec<Vec<String>> = document.tasks.iter().map(|t| t.leaders.clone()).collect();
    assert_eq!(
        per_task,
        vec![
            vec!["林清".to_string()],
            vec!["林清".to_string(), "赵一鸣".to_string()],
            vec!["赵一鸣".to_string()],
            vec!["欧阳·明珠".to_string()],
            vec![],
            vec!["赵一鸣".to_string(), "林清".to_string()],
        ]
    );
}

#[test]
fn facet_lists_every_leader_in_order_of_first_appearance_with_counts() {
    let result = run(&Query::default());
    assert_eq!(
        leader_facet(&result),
        vec![
            ("林清".to_string(), 3, false),
            ("赵一鸣".to_string(), 3, false),
            ("欧阳·明珠".to_string(), 1, false),
        ]
    );
    assert!(index().has_leaders());
    // The label is the name as written.
    assert!(result.facets.leaders.iter().all(|v| v.label == v.value));
}

#[test]
fn one_leader_filters_to_the_tasks_naming_them_wherever_the_note_is() {
    assert_eq!(run(&by_leader(&["林清"])).tasks, vec![1, 2, 6]);
    assert_eq!(run(&by_leader(&["赵一鸣"])).tasks, vec![2, 3, 6]);
    assert_eq!(run(&by_leader(&["欧阳·明珠"])).tasks, vec![4]);
}

#[test]
fn several_leaders_or_within_the_facet() {
    assert_eq!(
        run(&by_leader(&["林清", "欧阳·明珠"])).tasks,
        vec![1, 2, 4, 6]
    );
    assert_eq!(run(&by_leader(&["林清", "赵一鸣"])).tasks, vec![1, 2, 3, 6]);
    assert_eq!(
        run(&by_leader(&["林清", "赵一鸣", "欧阳·明珠"])).tasks,
        vec![1, 2, 3, 4, 6],
        "every leader together is every task that names one: task 5 names none"
    );
}

#[test]
fn leaders_and_with_the_other_facets() {
    let in_section = |section: u32, names: &[&str]| Query {
        sections: [section].into(),
        ..by_leader(names)
    };
    assert_eq!(run(&in_section(1, &["赵一鸣"])).tasks, vec![2, 3]);
    assert_eq!(run(&in_section(2, &["赵一鸣"])).tasks, vec![6]);
    assert_eq!(
        run(&in_section(2, &["林清", "欧阳·明珠"])).tasks,
        vec![4, 6]
    );

    // Unit and role: 县民政局 leads 1 and joins 2.
    let with_unit = |role: Role| Query {
        units: ["县民政局".to_string()].into(),
        role,
        ..by_leader(&["林清"])
    };
    assert_eq!(run(&with_unit(Role::Any)).tasks, vec![1, 2]);
    assert_eq!(run(&with_unit(Role::Lead)).tasks, vec![1]);
    assert_eq!(run(&with_unit(Role::Participate)).tasks, vec![2]);
    assert_eq!(
        run(&Query {
            units: ["县教育局".to_string()].into(),
            ..by_leader(&["林清"])
        })
        .tasks,
        Vec::<u32>::new(),
        "林清 and 县教育局 never share a task"
    );

    // Text and status.
    assert_eq!(
        run(&Query {
            text: "改造".into(),
            ..by_leader(&["林清", "赵一鸣"])
        })
        .tasks,
        vec![2]
    );
    let mut facts = FactTable::default();
    facts.set(
        3,
        Fact {
            status: Some(Status::Behind),
            ..Fact::default()
        },
    );
    let behind = Query {
        statuses: [StatusKind::Behind].into(),
        ..by_leader(&["赵一鸣"])
    };
    assert_eq!(index().evaluate(&behind, &facts, None).tasks, vec![3]);
    assert_eq!(
        index()
            .evaluate(
                &Query {
                    statuses: [StatusKind::Behind].into(),
                    ..by_leader(&["林清"])
                },
                &facts,
                None
            )
            .tasks,
        Vec::<u32>::new()
    );
}

#[test]
fn leader_counts_follow_the_other_filters_but_not_their_own_selection() {
    // Under section 2 only tasks 4 and 6 count.
    let in_section_two = run(&Query {
        sections: [2].into(),
        ..Query::default()
    });
    assert_eq!(
        leader_facet(&in_section_two),
        vec![
            ("林清".to_string(), 1, false),
            ("赵一鸣".to_string(), 1, false),
            ("欧阳·明珠".to_string(), 1, false),
        ]
    );
    // Under a unit (any role): 县民政局 → tasks 1, 2.
    let under_unit = run(&Query {
        units: ["县民政局".to_string()].into(),
        ..Query::default()
    });
    assert_eq!(
        counts(&under_unit.facets.leaders),
        owned(&[("林清", 2), ("赵一鸣", 1), ("欧阳·明珠", 0)])
    );
    // Under a search term.
    let searched = run(&Query {
        text: "新建".into(),
        ..Query::default()
    });
    assert_eq!(
        counts(&searched.facets.leaders),
        owned(&[("林清", 1), ("赵一鸣", 0), ("欧阳·明珠", 1)])
    );

    // Selecting a leader leaves the leader facet's counts as they were (OR within it) ...
    let selected = run(&by_leader(&["林清"]));
    assert_eq!(
        leader_facet(&selected),
        vec![
            ("林清".to_string(), 3, true),
            ("赵一鸣".to_string(), 3, false),
            ("欧阳·明珠".to_string(), 1, false),
        ]
    );
    // ... and the other facets count under it.
    assert_eq!(
        counts(&selected.facets.sections),
        owned(&[("1", 2), ("2", 1)])
    );
    let units = counts(&selected.facets.units);
    assert!(units.contains(&("县民政局".to_string(), 2)), "{units:?}");
    assert!(units.contains(&("县教育局".to_string(), 0)), "{units:?}");
    assert!(
        units.contains(&("县生态环境局".to_string(), 1)),
        "{units:?}"
    );
    assert_eq!(
        counts(&selected.facets.has_targets),
        owned(&[("1", 3), ("0", 0)])
    );
    let statuses = counts(&selected.facets.statuses);
    assert_eq!(statuses[0], ("not_started".to_string(), 3));
}

#[test]
fn a_leader_the_document_does_not_name_stays_visible_to_be_cleared() {
    let result = run(&by_leader(&["不存在的领导"]));
    assert!(result.tasks.is_empty());
    let last = result.facets.leaders.last().cloned();
    assert_eq!(
        last.map(|v| (v.value, v.count, v.selected)),
        Some(("不存在的领导".to_string(), 0, true))
    );
    assert_eq!(result.facets.leaders.len(), 4);
    // With a known one as well, the unknown one adds nothing (OR).
    assert_eq!(
        run(&by_leader(&["不存在的领导", "欧阳·明珠"])).tasks,
        vec![4]
    );
}

#[test]
fn documents_without_leaders_have_no_leader_facet() {
    let seed = luoshi::seed_document();
    assert!(seed.tasks.iter().all(|t| t.leaders.is_empty()));
    let index = QueryIndex::new(&seed);
    assert!(!index.has_leaders());
    let result = index.evaluate(&Query::default(), &NoFacts, None);
    assert!(result.facets.leaders.is_empty());
    assert_eq!(result.tasks.len(), 71);
    // A stale leader link on such a document shows the one selected value, and nothing matches.
    let stale = index.evaluate(&by_leader(&["林清"]), &NoFacts, None);
    assert!(stale.tasks.is_empty());
    assert_eq!(stale.facets.leaders.len(), 1);
}

#[test]
fn leaders_count_as_active_filters_and_clear_with_them() {
    let mut query = Query {
        sort: luoshi::query::Sort::Status,
        ..Query::default()
    };
    query.toggle_leader("林清");
    query.toggle_leader("赵一鸣");
    assert_eq!(query.leaders, leaders(&["林清", "赵一鸣"]));
    assert_eq!(query.active_filter_count(), 2);
    query.toggle_leader("林清");
    assert_eq!(query.leaders, leaders(&["赵一鸣"]));
    query.sections.insert(1);
    assert_eq!(query.active_filter_count(), 2);
    assert!(!query.is_default());
    query.clear_filters();
    assert!(query.leaders.is_empty());
    assert_eq!(query.active_filter_count(), 0);
    assert_eq!(
        query.sort,
        luoshi::query::Sort::Status,
        "clearing filters keeps the sort"
    );
}

#[test]
fn the_my_unit_count_respects_the_leader_filter() {
    let result = index().evaluate(&by_leader(&["林清"]), &NoFacts, Some("县民政局"));
    assert_eq!(result.mine_count, Some(2));
    let result = index().evaluate(&by_leader(&["欧阳·明珠"]), &NoFacts, Some("县民政局"));
    assert_eq!(result.mine_count, Some(0));
    let mine = Query {
        mine: true,
        ..by_leader(&["赵一鸣"])
    };
    assert_eq!(
        index().evaluate(&mine, &NoFacts, Some("县民政局")).tasks,
        vec![2]
    );
}

#[test]
fn a_leader_link_reads_back_and_filters_the_same() {
    let query = by_leader(&["欧阳·明珠", "林清"]);
    let link = query.to_query_string();
    let read = Query::from_query_string(&link);
    assert_eq!(read, query);
    assert_eq!(run(&read).tasks, vec![1, 2, 4, 6]);
}

/// Leaders for a synthetic document: a deterministic 0–3 of six names per task, one of them with
/// URL-reserved characters.
fn with_leaders(seed: u64) -> luoshi::Document {
    const NAMES: [&str; 6] = ["张三", "李四", "王五", "赵,六", "钱&七", "孙 八"];
    let mut document = synthetic_document(120, seed);
    for task in &mut document.tasks {
        let roll = (u64::from(task.number) * 2_654_435_761 + seed * 97) >> 3;
        let how_many = (roll % 4) as usize;
        task.leaders = (0..how_many)
            .map(|k| NAMES[((roll >> (4 * k)) % 6) as usize].to_string())
            .collect();
    }
    document
}

fn any_query() -> impl Strategy<Value = Query> {
    let leader_names = ["张三", "李四", "王五", "赵,六", "钱&七", "孙 八", "不存在"];
    let units = ["区发展改革局", "区科技局", "各街道", "区财政局"];
    (
        proptest::collection::btree_set(proptest::sample::select(leader_names.to_vec()), 0..3),
        proptest::collection::btree_set(1u32..13, 0..2),
        proptest::collection::btree_set(proptest::sample::select(units.to_vec()), 0..2),
        prop_oneof![Just(Role::Any), Just(Role::Lead), Just(Role::Participate)],
        proptest::option::of(any::<bool>()),
        proptest::sample::select(vec!["", "", "推进", "实验室", "新增 重点"]),
    )
        .prop_map(
            |(leaders, sections, units, role, has_targets, text)| Query {
                leaders: leaders.into_iter().map(str::to_string).collect(),
                sections,
                units: units.into_iter().map(str::to_string).collect(),
                role,
                has_targets,
                text: text.to_string(),
                ..Query::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn leader_counts_and_lists_match_brute_force(query in any_query(), seed in 0u64..3) {
        let document = with_leaders(seed);
        let index = QueryIndex::new(&document);
        let result = index.evaluate(&query, &NoFacts, None);
        let size = |q: &Query| index.filter(q, &NoFacts, None).len();

        // The list: every other filter as before, and at least one selected leader.
        let without_leaders = index.filter(&Query { leaders: BTreeSet::new(), ..query.clone() }, &NoFacts, None);
        let expected: Vec<u32> = without_leaders
            .into_iter()
            .filter(|n| {
                query.leaders.is_empty()
                    || document.task(*n).is_some_and(|t| t.leaders.iter().any(|l| query.leaders.contains(l)))
            })
            .collect();
        prop_assert_eq!(&result.tasks, &expected);

        // A leader's count is the list you would get with that leader as the only selection.
        for value in &result.facets.leaders {
            prop_assert_eq!(value.count, size(&Query { leaders: [value.value.clone()].into(), ..query.clone() }), "leader {}", value.value);
            prop_assert_eq!(value.selected, query.leaders.contains(&value.value));
        }
        // Other facets count under the leader filter.
        for value in &result.facets.sections {
            let number: u32 = value.value.parse().unwrap_or(u32::MAX);
            prop_assert_eq!(value.count, size(&Query { sections: [number].into(), ..query.clone() }));
        }
        for value in &result.facets.units {
            prop_assert_eq!(value.count, size(&Query { units: [value.value.clone()].into(), ..query.clone() }));
        }
        // And the query survives the URL.
        prop_assert_eq!(Query::from_query_string(&query.to_query_string()), query);
    }
}
