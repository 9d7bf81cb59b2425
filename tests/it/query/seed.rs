//! The query core on the real seed document (城阳区 2023 key tasks, 71 tasks in 11 sections).
//! Needs the parser; these tests pin behaviour a clerk will see on the shipped document.

use luoshi::query::{mark, Jump, NoFacts, Query, QueryIndex, Role, StatusKind, UnitIndex};

fn index() -> QueryIndex {
    QueryIndex::new(&luoshi::seed_document())
}

fn text(text: &str) -> Query {
    Query {
        text: text.into(),
        ..Query::default()
    }
}

#[test]
fn seed_default_view_lists_all_71_tasks_in_11_sections() {
    let result = index().evaluate(&Query::default(), &NoFacts, None);
    assert_eq!(result.tasks, (1..=71).collect::<Vec<u32>>());
    assert_eq!(result.facets.sections.len(), 11);
    assert_eq!(result.facets.sections[0].label, "一、实施创新驱动发展战略");
    assert_eq!(result.facets.sections[10].label, "十一、组织实施");
    assert_eq!(
        result
            .facets
            .sections
            .iter()
            .map(|v| v.count)
            .sum::<usize>(),
        71
    );
    assert_eq!(
        result
            .facets
            .statuses
            .iter()
            .find(|v| v.value == "not_started")
            .map(|v| v.count),
        Some(71)
    );
    let with = result.facets.has_targets[0].count;
    let without = result.facets.has_targets[1].count;
    assert_eq!(with + without, 71);
    assert!(
        with > 30 && without > 20,
        "{with} with targets, {without} without"
    );
}

#[test]
fn seed_unit_filter_by_role() {
    let index = index();
    let unit = |role| Query {
        units: ["区科技局".to_string()].into(),
        role,
        ..Query::default()
    };
    assert_eq!(
        index.filter(&unit(Role::Lead), &NoFacts, None),
        vec![1, 2, 3, 4, 5, 6, 7, 11, 12]
    );
    assert_eq!(
        index.filter(&unit(Role::Participate), &NoFacts, None),
        vec![42]
    );
    assert_eq!(index.filter(&unit(Role::Any), &NoFacts, None).len(), 10);
}

#[test]
fn seed_group_units_are_names() {
    let index = index();
    let group = Query {
        units: ["各街道".to_string()].into(),
        ..Query::default()
    };
    assert_eq!(
        index.filter(&group, &NoFacts, None),
        vec![21, 39, 49, 53, 55]
    );
    let street = UnitIndex::new(&luoshi::seed_document())
        .page("夏庄街道")
        .expect("夏庄街道 named in task 38");
    assert_eq!(street.leads, vec![38]);
    let via: Vec<&str> = street.via_groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(via, ["各有关街道", "各街道"]);
}

#[test]
fn seed_tasks_69_to_71_have_no_units_but_are_found() {
    let found = index().filter(&text("组织领导"), &NoFacts, None);
    assert!(found.contains(&69));
    let units = UnitIndex::new(&luoshi::seed_document());
    for summary in units.summaries() {
        let page = units.page(&summary.name).expect("listed unit has a page");
        assert!(
            page.all_tasks().iter().all(|&t| t < 69),
            "{} names task 69-71",
            summary.name
        );
    }
    // Any unit filter leaves them out.
    let lead_any = Query {
        units: ["区发展改革局".to_string()].into(),
        sections: [11].into(),
        ..Query::default()
    };
    assert!(index().filter(&lead_any, &NoFacts, None).is_empty());
}

#[test]
fn seed_text_search() {
    let index = index();
    assert_eq!(index.filter(&text("risc-v"), &NoFacts, None), vec![1]);
    assert_eq!(
        index.filter(&text("重点实验室　新增"), &NoFacts, None),
        vec![1]
    );
    let result = index.evaluate(&text("＃14"), &NoFacts, None);
    assert_eq!(result.jump, Some(Jump::Found(14)));
    assert_eq!(result.tasks, vec![14]);
    assert_eq!(
        index.evaluate(&text("72"), &NoFacts, None).jump,
        Some(Jump::NotFound(72))
    );
    // 2023 is no task number: it is searched in the text.
    let year = index.evaluate(&text("2023"), &NoFacts, None);
    assert_eq!(year.jump, Some(Jump::NotFound(2023)));
    assert!(!year.tasks.is_empty());
}

#[test]
fn seed_facets_under_filters() {
    let query = Query {
        sections: [1].into(),
        statuses: [StatusKind::NotStarted].into(),
        units: ["区工业和信息化局".to_string()].into(),
        ..Query::default()
    };
    let result = index().evaluate(&query, &NoFacts, None);
    assert_eq!(result.tasks, vec![1, 6]);
    let section = |n: &str| {
        result
            .facets
            .sections
            .iter()
            .find(|v| v.value == n)
            .map(|v| v.count)
    };
    // 区工业和信息化局 leads 1, 6 in section 1 and 7, 8, 12, 13, 14 in section 2.
    assert_eq!(section("1"), Some(2));
    assert_eq!(section("2"), Some(5));
    assert_eq!(section("11"), Some(0));
}

#[test]
fn seed_marking_covers_every_task_text() {
    let document = luoshi::seed_document();
    for task in &document.tasks {
        let segments = mark(&task.text, &task.targets, &["实验室", "新增"]);
        assert_eq!(
            segments.iter().map(|s| s.text).collect::<String>(),
            task.text,
            "task {}",
            task.number
        );
        let marked = segments
            .iter()
            .filter_map(|s| s.target)
            .collect::<std::collections::BTreeSet<_>>();
        assert_eq!(
            marked.len(),
            task.targets.len(),
            "task {} targets all shown",
            task.number
        );
    }
}
