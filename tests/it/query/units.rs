//! Unit pages (leads, joins, groups) and the synthetic document generator.

use super::fixture as query_fixture;

use luoshi::query::{group_covers, looks_like_group, NoFacts, Query, QueryIndex, Role, UnitIndex};
use luoshi::synthetic::synthetic_document;

#[test]
fn unit_page_lists_leads_and_joins() {
    let index = UnitIndex::new(&query_fixture::document());
    let page = index.page("区科技局").expect("区科技局 is named");
    assert_eq!(page.leads, vec![1, 2]);
    assert_eq!(page.joins, vec![3]);
    assert_eq!((page.lead_count(), page.join_count()), (2, 1));
    assert_eq!(page.all_tasks(), vec![1, 2, 3]);
    assert!(!page.group);
    assert!(page.via_groups.is_empty());
    assert!(index.page("区统计局").is_none());
}

#[test]
fn group_pages_and_members() {
    let mut document = query_fixture::document();
    document.tasks[4].participating_units = vec!["城阳街道".into(), "夏庄街道办事处".into()];
    let index = UnitIndex::new(&document);
    let group = index.page("各街道").expect("group named");
    assert!(group.group);
    assert_eq!(group.leads, vec![4]);
    assert_eq!(group.joins, vec![3]);
    assert_eq!(
        group.members,
        vec!["城阳街道".to_string(), "夏庄街道办事处".to_string()]
    );

    let street = index.page("城阳街道").expect("street named");
    assert_eq!(street.joins, vec![5]);
    assert_eq!(street.via_groups.len(), 1);
    assert_eq!(street.via_groups[0].group, "各街道");
    assert_eq!(street.via_groups[0].leads, vec![4]);
    assert_eq!(street.via_groups[0].joins, vec![3]);
}

#[test]
fn group_name_heuristics() {
    assert!(looks_like_group("各街道"));
    assert!(looks_like_group("各有关街道"));
    assert!(!looks_like_group("区科技局"));
    assert!(group_covers("各街道", "城阳街道"));
    assert!(group_covers("各有关街道", "流亭街道"));
    assert!(group_covers("各街道", "惜福镇街道办事处"));
    assert!(!group_covers("各街道", "各有关街道"));
    assert!(!group_covers("各街道", "区科技局"));
    assert!(!group_covers("区科技局", "城阳街道"));
    assert!(!group_covers("各", "城阳街道"));
}

#[test]
fn directory_by_load() {
    let index = UnitIndex::new(&query_fixture::document());
    let all = index.by_load();
    assert_eq!(all[0].name, "区科技局");
    assert_eq!((all[0].leads, all[0].joins), (2, 1));
    assert_eq!(index.summaries().len(), 5);
    assert_eq!(index.summaries()[0].name, "区科技局");
}

#[test]
fn unit_index_does_not_trust_a_stale_units_list() {
    let mut document = query_fixture::document();
    document.units.clear();
    let page = UnitIndex::new(&document)
        .page("区财政局")
        .expect("found from tasks");
    assert_eq!(page.leads, vec![14]);
    assert_eq!(page.joins, vec![2]);
}

#[test]
fn synthetic_documents_are_deterministic_and_well_formed() {
    let a = synthetic_document(500, 7);
    assert_eq!(a, synthetic_document(500, 7));
    assert_ne!(a.fingerprint, synthetic_document(500, 8).fingerprint);
    assert_eq!(a.tasks.len(), 500);
    assert_eq!(a.sections.len(), 11);
    assert!(a.units.len() >= 40, "{} units", a.units.len());
    assert!(a.units.iter().any(|u| u.group));
    let numbers: Vec<u32> = a.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, (1..=500).collect::<Vec<u32>>());
    for task in &a.tasks {
        assert!((1..=11).contains(&task.section));
        assert!(!task.lead_units.is_empty());
        assert!(task.text.contains(&task.title));
        for target in &task.targets {
            let figure = task
                .text
                .get(target.start..target.end)
                .expect("target range on char boundaries");
            assert!(figure.starts_with(&target.value.to_string()), "{figure}");
            assert!(target.text.ends_with(figure));
        }
    }
    assert!(a.tasks.iter().filter(|t| !t.targets.is_empty()).count() > 100);
    // Every section gets tasks.
    for section in 1..=11 {
        assert!(a.tasks.iter().any(|t| t.section == section));
    }
}

#[test]
fn synthetic_units_list_agrees_with_tasks() {
    let document = synthetic_document(200, 1);
    let index = UnitIndex::new(&document);
    for unit in &document.units {
        let page = index.page(&unit.name).expect("unit listed");
        assert_eq!(page.leads, unit.leads);
        assert_eq!(page.joins, unit.joins);
    }
}

#[test]
fn query_counts_agree_with_unit_pages_on_a_large_document() {
    let document = synthetic_document(2000, 3);
    let index = QueryIndex::new(&document);
    let units = UnitIndex::new(&document);
    for role in [Role::Lead, Role::Participate, Role::Any] {
        let facets = index
            .evaluate(
                &Query {
                    role,
                    ..Query::default()
                },
                &NoFacts,
                None,
            )
            .facets;
        for value in &facets.units {
            let page = units.page(&value.value).expect("unit page");
            let expected = match role {
                Role::Lead => page.lead_count(),
                Role::Participate => page.join_count(),
                Role::Any => page.all_tasks().len(),
            };
            assert_eq!(value.count, expected, "{} {role:?}", value.value);
            let filtered = index.filter(
                &Query {
                    role,
                    units: [value.value.clone()].into(),
                    ..Query::default()
                },
                &NoFacts,
                None,
            );
            assert_eq!(filtered.len(), expected);
        }
    }
}
