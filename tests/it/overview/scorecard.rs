//! Unit scorecards: counts per unit, sorting by every column, ties in unit order.

use super::fixture;

use fixture::{q2, seed_ledger, today};
use luoshi::overview::{Scorecard, ScorecardRow, ScorecardSort, SortDirection};

fn scorecard() -> Scorecard {
    let document = luoshi::seed_document();
    Scorecard::compute(&document, &seed_ledger(&document), today())
}

fn row<'a>(card: &'a Scorecard, unit: &str) -> &'a ScorecardRow {
    card.row(unit).unwrap_or_else(|| panic!("{unit} has a row"))
}

fn units(card: &Scorecard, n: usize) -> Vec<&str> {
    card.rows.iter().take(n).map(|r| r.unit.as_str()).collect()
}

#[test]
fn one_row_per_unit_in_document_order() {
    let card = scorecard();
    assert_eq!(card.period, q2());
    assert_eq!(card.rows.len(), 53);
    assert_eq!(
        units(&card, 3),
        ["区科技局", "区工业和信息化局", "区地方金融监管局"]
    );
    assert!(card.rows.iter().enumerate().all(|(i, r)| r.order == i));
    assert!(row(&card, "各街道").group);
}

#[test]
fn counts_for_hand_checked_units() {
    let card = scorecard();
    // 区科技局 leads 1–7, 11, 12 (9) and joins 42. Done: 1. Behind: 3. Red: 3.
    // Q2 reports exist on 1 and 3, but 区发展改革局 (the fixture's only user) wrote them, so
    // 区科技局 itself reported nothing. Targets: 4 + (2 − 1 hidden) + 4 + 2 + 3 + 6 + 3 + 1 + 1 = 25;
    // with actuals: task 1 ×2, task 2 ×1, task 3 ×1 = 4; met: task 1 #2, task 2 #1 = 2.
    let science = row(&card, "区科技局");
    assert_eq!(
        (
            science.led,
            science.joined,
            science.done,
            science.behind,
            science.red
        ),
        (9, 1, 1, 1, 1)
    );
    assert_eq!((science.reported_tasks, science.reported), (0, false));
    assert_eq!(
        (
            science.targets_met,
            science.targets_with_actual,
            science.targets
        ),
        (2, 4, 25)
    );

    // 区发展改革局 leads 13 tasks and joins 42. Behind: 9. Red: 14 and 22. Reported: 9 (its own
    // user wrote that report).
    // Targets: 7 (3) + 9 (4 + 1 added) + 10 (4) + 12 (1) + 14 (3) + 16 (1) + 22 (3) + 67 (1) = 21;
    // only the added one has an actual, and it is met.
    let reform = row(&card, "区发展改革局");
    assert_eq!(
        (
            reform.led,
            reform.joined,
            reform.done,
            reform.behind,
            reform.red
        ),
        (13, 1, 0, 1, 2)
    );
    assert_eq!((reform.reported_tasks, reform.reported), (1, true));
    assert_eq!(
        (
            reform.targets_met,
            reform.targets_with_actual,
            reform.targets
        ),
        (1, 1, 21)
    );

    // 区民政局 leads 60 (滞后, yellow) and 64; no Q2 report.
    let civil = row(&card, "区民政局");
    assert_eq!(
        (civil.led, civil.behind, civil.red, civil.reported),
        (2, 1, 0, false)
    );

    // 区财政局 only joins (14, 53) besides leading 44 and 45.
    let finance = row(&card, "区财政局");
    assert_eq!(
        (finance.led, finance.joined, finance.reported),
        (2, 2, false)
    );

    // A unit that only participates leads nothing and so has reported nothing.
    let liuting = row(&card, "流亭街道");
    assert_eq!(
        (liuting.led, liuting.joined, liuting.reported),
        (0, 1, false)
    );
    assert_eq!(
        liuting.led_query().to_query_string(),
        "unit=%E6%B5%81%E4%BA%AD%E8%A1%97%E9%81%93&role=lead"
    );
}

#[test]
fn sorting_by_done_keeps_ties_in_unit_order_both_ways() {
    let mut card = scorecard();
    // Done: task 1 (区科技局, 区工业和信息化局) and 57 (区人力资源社会保障局).
    card.sort(ScorecardSort::Done, SortDirection::Descending);
    assert_eq!(
        units(&card, 5),
        [
            "区科技局",
            "区工业和信息化局",
            "区人力资源社会保障局",
            "区地方金融监管局",
            "区委组织部"
        ]
    );
    card.sort(ScorecardSort::Done, SortDirection::Ascending);
    assert_eq!(
        units(&card, 3),
        ["区地方金融监管局", "区委组织部", "区教育体育局"]
    );
    let last: Vec<&str> = card.rows[50..].iter().map(|r| r.unit.as_str()).collect();
    assert_eq!(
        last,
        ["区科技局", "区工业和信息化局", "区人力资源社会保障局"]
    );
    assert_eq!(
        (card.sort, card.direction),
        (ScorecardSort::Done, SortDirection::Ascending)
    );
}

#[test]
fn sorting_by_red_and_reported() {
    let mut card = scorecard();
    // Red: 3 (区科技局), 14 (区地方金融监管局, 区工业和信息化局, 区发展改革局, 区农业农村局,
    // 各产业主管部门), 22 (区住房城市建设管理局, 区机关事务服务中心, 区发展改革局, 区教育体育局,
    // 区交通运输局, 区卫生健康局). 区发展改革局 has two; the ten with one follow in unit order.
    card.sort(ScorecardSort::Red, SortDirection::Descending);
    assert_eq!(
        units(&card, 12),
        [
            "区发展改革局",
            "区科技局",
            "区工业和信息化局",
            "区地方金融监管局",
            "区教育体育局",
            "区住房城市建设管理局",
            "区交通运输局",
            "区农业农村局",
            "各产业主管部门",
            "区机关事务服务中心",
            "区卫生健康局",
            "区委组织部",
        ]
    );
    // Q2 reports exist on 1 (区科技局, 区工业和信息化局), 3 (区科技局), 9 (区发展改革局) and
    // 57 (区人力资源社会保障局), all written by 区发展改革局's user: only 区发展改革局 reported
    // (task 9); every other unit follows in unit order.
    card.sort(ScorecardSort::Reported, SortDirection::Descending);
    assert_eq!(
        units(&card, 4),
        [
            "区发展改革局",
            "区科技局",
            "区工业和信息化局",
            "区地方金融监管局"
        ]
    );
    assert!(card.rows[1..].iter().all(|r| r.reported_tasks == 0));
}

#[test]
fn every_column_sorts_monotonically_with_stable_ties() {
    let mut card = scorecard();
    for sort in ScorecardSort::ALL {
        for direction in [SortDirection::Ascending, SortDirection::Descending] {
            card.sort(sort, direction);
            let key = |r: &ScorecardRow| match sort {
                ScorecardSort::Unit => r.order,
                ScorecardSort::Led => r.led,
                ScorecardSort::Joined => r.joined,
                ScorecardSort::Done => r.done,
                ScorecardSort::Behind => r.behind,
                ScorecardSort::Red => r.red,
                ScorecardSort::Reported => r.reported_tasks,
                ScorecardSort::TargetsMet => r.targets_met,
                ScorecardSort::TargetsWithActual => r.targets_with_actual,
                ScorecardSort::Targets => r.targets,
            };
            for pair in card.rows.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let in_order = match direction {
                    SortDirection::Ascending => key(a) <= key(b),
                    SortDirection::Descending => key(a) >= key(b),
                };
                assert!(
                    in_order,
                    "{sort:?} {direction:?}: {} before {}",
                    a.unit, b.unit
                );
                if key(a) == key(b) {
                    assert!(
                        a.order < b.order,
                        "{sort:?} {direction:?}: tie out of unit order"
                    );
                }
            }
            assert_eq!(ScorecardSort::from_param(sort.as_param()), Some(sort));
        }
    }
    card.sort(ScorecardSort::Unit, SortDirection::Descending);
    assert_eq!(units(&card, 1), ["城阳公安分局"]);
    assert_eq!(card.rows[52].unit, "区科技局");
}

#[test]
fn clicking_a_heading_starts_descending_and_then_flips() {
    let mut card = scorecard();
    card.click(ScorecardSort::Led);
    assert_eq!(card.direction, SortDirection::Descending);
    // Most led: 区发展改革局 (13), 区住房城市建设管理局 (12), then 区工业和信息化局 and
    // 区农业农村局 (11 each, unit order).
    assert_eq!(
        units(&card, 4),
        [
            "区发展改革局",
            "区住房城市建设管理局",
            "区工业和信息化局",
            "区农业农村局"
        ]
    );
    card.click(ScorecardSort::Led);
    assert_eq!(card.direction, SortDirection::Ascending);
    card.click(ScorecardSort::Unit);
    assert_eq!(
        (card.sort, card.direction),
        (ScorecardSort::Unit, SortDirection::Ascending)
    );
    assert_eq!(units(&card, 1), ["区科技局"]);
    assert_eq!(
        SortDirection::from_param("desc"),
        Some(SortDirection::Descending)
    );
}

#[test]
fn cells_for_a_table() {
    let mut card = scorecard();
    assert_eq!(
        Scorecard::headers(),
        [
            "单位",
            "牵头任务",
            "参与任务",
            "已完成",
            "滞后",
            "红灯",
            "本期已报送",
            "目标已达标",
            "目标已填实际值",
            "目标总数"
        ]
    );
    card.sort(ScorecardSort::Red, SortDirection::Descending);
    let cells = card.cells();
    assert_eq!(cells.len(), 53);
    // 区发展改革局, from counts_for_hand_checked_units.
    assert_eq!(
        cells[0],
        [
            "区发展改革局",
            "13",
            "1",
            "0",
            "1",
            "2",
            "1/13",
            "1",
            "1",
            "21"
        ]
    );
    assert!(cells[52][6].starts_with("0/"), "{}", cells[52][6]);
}
