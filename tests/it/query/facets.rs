//! Facet counts checked against brute force on random queries over synthetic documents:
//! a value's count is the size of the list you would get by making it the facet's only selection.

use luoshi::ledger::Status;
use luoshi::query::{Fact, FactTable, Query, QueryIndex, Role, StatusKind};
use luoshi::synthetic::synthetic_document;
use proptest::prelude::*;

fn facts(seed: u64, tasks: u32) -> FactTable {
    let statuses = [
        Status::NotStarted,
        Status::OnSchedule,
        Status::AheadOfSchedule,
        Status::Behind,
        Status::Done,
        Status::Other("指标调整".into()),
    ];
    let mut table = FactTable::default();
    let mut state = seed;
    for task in 1..=tasks {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let roll = (state >> 33) as usize;
        if roll % 7 == 0 {
            continue; // nothing recorded
        }
        table.set(
            task,
            Fact {
                status: Some(statuses[roll % statuses.len()].clone()),
                has_report: roll % 3 == 0,
                updated_at: (roll % 5 != 0).then(|| format!("2026-11-{:02}", 1 + roll % 28)),
                ..Fact::default()
            },
        );
    }
    table
}

fn any_query() -> impl Strategy<Value = (Query, bool)> {
    let units = [
        "区发展改革局",
        "区科技局",
        "各街道",
        "区财政局",
        "城阳街道",
        "不存在的单位",
    ];
    let words = [
        "",
        "",
        "实验室",
        "推进",
        "新增 重点",
        "区科技局",
        "risc",
        "12",
        "＃3",
        "企业　机制",
    ];
    (
        proptest::collection::btree_set(1u32..13, 0..3),
        proptest::collection::btree_set(proptest::sample::select(units.to_vec()), 0..3),
        prop_oneof![Just(Role::Any), Just(Role::Lead), Just(Role::Participate)],
        proptest::collection::btree_set(proptest::sample::select(StatusKind::ALL.to_vec()), 0..3),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::sample::select(words.to_vec()),
        any::<bool>(),
    )
        .prop_map(
            |(sections, units, role, statuses, has_targets, has_report, text, mine)| {
                let query = Query {
                    sections,
                    units: units.into_iter().map(str::to_string).collect(),
                    role,
                    statuses,
                    has_targets,
                    has_report,
                    text: text.to_string(),
                    ..Query::default()
                };
                (query, mine)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn counts_match_brute_force((query, mine) in any_query(), seed in 0u64..4) {
        let document = synthetic_document(150, seed);
        let index = QueryIndex::new(&document);
        let facts = facts(seed, 150);
        let my_unit = mine.then_some("区科技局");
        let query = Query { mine, ..query };
        let result = index.evaluate(&query, &facts, my_unit);
        let size = |q: &Query| index.filter(q, &facts, my_unit).len();

        prop_assert_eq!(result.tasks.len(), size(&query));
        for value in &result.facets.sections {
            let number: u32 = value.value.parse().unwrap_or(u32::MAX);
            prop_assert_eq!(value.count, size(&Query { sections: [number].into(), ..query.clone() }), "section {}", number);
            prop_assert_eq!(value.selected, query.sections.contains(&number));
        }
        for value in &result.facets.units {
            prop_assert_eq!(value.count, size(&Query { units: [value.value.clone()].into(), ..query.clone() }), "unit {}", value.value);
        }
        for value in &result.facets.statuses {
            let kind = StatusKind::from_param(&value.value).unwrap_or(StatusKind::Other);
            prop_assert_eq!(value.count, size(&Query { statuses: [kind].into(), ..query.clone() }), "status {}", value.value);
        }
        for value in &result.facets.has_targets {
            let flag = value.value == "1";
            prop_assert_eq!(value.count, size(&Query { has_targets: Some(flag), ..query.clone() }));
        }
        for value in &result.facets.has_report {
            let flag = value.value == "1";
            prop_assert_eq!(value.count, size(&Query { has_report: Some(flag), ..query.clone() }));
        }
        if mine {
            prop_assert_eq!(result.mine_count, Some(result.tasks.len()));
        } else {
            prop_assert_eq!(result.mine_count, None);
            let with_unit = index.evaluate(&query, &facts, Some("区科技局"));
            prop_assert_eq!(with_unit.tasks.len(), result.tasks.len());
            prop_assert_eq!(
                with_unit.mine_count,
                Some(index.filter(&Query { mine: true, ..query.clone() }, &facts, Some("区科技局")).len())
            );
        }
        // The list itself satisfies every active filter.
        for number in &result.tasks {
            let task = document.task(*number);
            prop_assert!(task.is_some());
            if let Some(task) = task {
                prop_assert!(query.sections.is_empty() || query.sections.contains(&task.section));
            }
        }
    }
}
