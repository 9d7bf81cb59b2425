//! The collection round: a unit has reported a task only when it wrote that period's report itself
//! (the unit recorded in history), never because it co-leads a task someone else reported.

use super::fixture;

use fixture::{apply, q1, q2, report, today};
use luoshi::ledger::{Action, Ledger, ReportField, Who};
use luoshi::overview::{unit_reported_task, CollectionRound, Scorecard};
use luoshi::period::Date;
use luoshi::Document;

fn as_unit(ledger: &mut Ledger, name: &str, unit: &str) {
    apply(
        ledger,
        Action::SetUser {
            who: Who {
                name: name.into(),
                unit: unit.into(),
            },
        },
        "2023-01-01T00:00:00+08:00",
    );
}

/// Three clerks and a stranger edit one ledger (as after importing their files):
/// - 区科技局 (leads 1–7, 11, 12): Q2 工作进展 on 1 (05-10), 存在问题 on 3 (05-12); on 5 writes
///   then clears its text (not reported); a Q2 report on 14, which it does not lead.
/// - 区财政局 (leads 44, 45): Q2 reports on 44 (06-01) and 45 (06-01, then again 06-20).
/// - 区民政局 (leads 60, 64): only a Q1 report on 60 (another period).
/// - someone with no unit: a Q2 report on 64 (credits nobody).
///
/// Task 1 is co-led by 区工业和信息化局, task 14 by five units: none of them wrote, none reported.
fn round_ledger(document: &Document) -> Ledger {
    let mut ledger = Ledger::new(document.fingerprint.clone());
    let l = &mut ledger;
    as_unit(l, "张三", "区科技局");
    report(
        l,
        1,
        q2(),
        ReportField::ProgressText,
        "已建成平台1家",
        "2023-05-10T09:00:00+08:00",
    );
    report(
        l,
        3,
        q2(),
        ReportField::Problems,
        "企业申报积极性不高",
        "2023-05-12T09:00:00+08:00",
    );
    report(
        l,
        5,
        q2(),
        ReportField::ProgressText,
        "草稿",
        "2023-05-13T09:00:00+08:00",
    );
    report(
        l,
        5,
        q2(),
        ReportField::ProgressText,
        "",
        "2023-05-13T09:05:00+08:00",
    );
    report(
        l,
        14,
        q2(),
        ReportField::ProgressText,
        "配合开展",
        "2023-05-14T09:00:00+08:00",
    );
    as_unit(l, "李四", " 区财政局 ");
    report(
        l,
        44,
        q2(),
        ReportField::ProgressText,
        "已拨付",
        "2023-06-01T09:00:00+08:00",
    );
    report(
        l,
        45,
        q2(),
        ReportField::NextSteps,
        "继续推进",
        "2023-06-01T10:00:00+08:00",
    );
    report(
        l,
        45,
        q2(),
        ReportField::ProgressText,
        "已完成清算",
        "2023-06-20T16:30:00+08:00",
    );
    as_unit(l, "王五", "区民政局");
    report(
        l,
        60,
        q1(),
        ReportField::ProgressText,
        "一季度进展",
        "2023-03-20T09:00:00+08:00",
    );
    as_unit(l, "", "");
    report(
        l,
        64,
        q2(),
        ReportField::ProgressText,
        "无名氏",
        "2023-06-02T09:00:00+08:00",
    );
    ledger
}

#[test]
fn each_unit_counts_only_the_reports_it_wrote() {
    let document = luoshi::seed_document();
    let ledger = round_ledger(&document);
    let round = CollectionRound::compute(&document, &ledger, today());
    assert_eq!(round.period, q2());

    let science = round.row("区科技局").unwrap_or_else(|| panic!("row"));
    assert_eq!(science.tasks, [1, 2, 3, 4, 5, 6, 7, 11, 12]);
    assert_eq!(science.reported, [1, 3]);
    assert_eq!(science.fraction(), "2/9");
    assert_eq!(science.unreported(), [2, 4, 5, 6, 7, 11, 12]);
    assert_eq!(
        science.last_reported.as_deref(),
        Some("2023-05-12T09:00:00+08:00")
    );

    // Co-lead of task 1: not credited for 区科技局's report.
    let industry = round
        .row("区工业和信息化局")
        .unwrap_or_else(|| panic!("row"));
    assert!(industry.tasks.contains(&1) && industry.reported.is_empty());
    assert_eq!(industry.last_reported, None);
    assert!(!unit_reported_task(&ledger, 1, q2(), "区工业和信息化局"));
    assert!(unit_reported_task(&ledger, 1, q2(), "区科技局"));
    // A unit name typed with spaces is the same unit.
    let finance = round.row("区财政局").unwrap_or_else(|| panic!("row"));
    assert_eq!(
        (finance.fraction().as_str(), finance.complete()),
        ("2/2", true)
    );
    assert_eq!(
        finance.last_reported.as_deref(),
        Some("2023-06-20T16:30:00+08:00")
    );
    // Q1 text is not a Q2 report; an unsigned report credits nobody.
    let civil = round.row("区民政局").unwrap_or_else(|| panic!("row"));
    assert_eq!(
        (civil.tasks.as_slice(), civil.reported.len()),
        (&[60, 64][..], 0)
    );
    assert!(unit_reported_task(&ledger, 60, q1(), "区民政局"));
    assert!(!unit_reported_task(&ledger, 64, q2(), ""));
    // Task 14: 区科技局 wrote it but leads it not; its five lead units did not write.
    for unit in [
        "区地方金融监管局",
        "区工业和信息化局",
        "区发展改革局",
        "区农业农村局",
    ] {
        assert!(!unit_reported_task(&ledger, 14, q2(), unit), "{unit}");
    }

    // Only units that lead something take part; everyone but 区财政局 is still pending.
    let leading = round.rows.len();
    assert!(round.rows.iter().all(|r| !r.tasks.is_empty()));
    assert_eq!(round.complete_count(), 1);
    assert_eq!(round.pending().len(), leading - 1);
    assert!(round.pending().iter().all(|r| r.unit != "区财政局"));
    // Unit order is the document's.
    assert!(round.rows.windows(2).all(|w| w[0].order < w[1].order));
    assert_eq!(round.rows[0].unit, "区科技局");
}

#[test]
fn the_scorecard_counts_by_the_same_rule() {
    let document = luoshi::seed_document();
    let ledger = round_ledger(&document);
    let card = Scorecard::compute(&document, &ledger, today());
    let count = |unit: &str| {
        let row = card.row(unit).unwrap_or_else(|| panic!("{unit}"));
        (row.reported_tasks, row.led, row.reported)
    };
    assert_eq!(count("区科技局"), (2, 9, true));
    assert_eq!(count("区工业和信息化局").0, 0);
    assert_eq!(count("区财政局"), (2, 2, true));
    assert_eq!(count("区民政局"), (0, 2, false));
    let cells = card.cells();
    let science = cells
        .iter()
        .find(|c| c[0] == "区科技局")
        .unwrap_or_else(|| panic!("row"));
    assert_eq!(science[6], "2/9");
    // The round and the scorecard agree for every unit that leads something.
    let round = CollectionRound::compute(&document, &ledger, today());
    for row in &round.rows {
        assert_eq!(count(&row.unit).0, row.reported.len(), "{}", row.unit);
    }
}

#[test]
fn the_reminder_names_the_pending_units_their_tasks_and_the_deadline() {
    let document = luoshi::seed_document();
    let ledger = round_ledger(&document);
    let round = CollectionRound::compute(&document, &ledger, today());
    let deadline = Date::new(2023, 7, 5).unwrap_or_else(|| panic!("date"));
    let notice = round
        .reminder(&document, today(), deadline, "区发展改革局")
        .unwrap_or_else(|| panic!("someone is pending"));
    let lines: Vec<&str> = notice.lines().collect();
    assert_eq!(
        lines[0],
        "关于报送2023年第二季度重点工作任务进展情况的催办通知"
    );
    // Addressees: every pending unit in unit order, 区财政局 (complete) left out.
    let addressees = lines[2].trim_end_matches('：');
    let pending: Vec<&str> = round.pending().iter().map(|r| r.unit.as_str()).collect();
    assert_eq!(addressees, pending.join("、"));
    assert!(addressees.starts_with("区科技局、区工业和信息化局、"));
    assert!(!notice.contains("区财政局"));
    assert!(lines[3].contains(&format!("《{}》", document.title)));
    assert!(lines[3].contains("截至2023年6月30日"));
    // 区科技局's seven unreported tasks, with numbers and titles; not 1 or 3.
    let science = lines
        .iter()
        .find(|l| l.contains("（一）区科技局"))
        .unwrap_or_else(|| panic!("{notice}"));
    assert!(
        science.contains("（一）区科技局（7项）：第2项“"),
        "{science}"
    );
    assert!(science.contains("第12项") && !science.contains("第1项") && !science.contains("第3项"));
    assert!(notice.contains("（二）区工业和信息化局（11项）"));
    assert!(notice
        .contains("请于2023年7月5日前报送上述任务2023年第二季度的工作进展、存在问题和下步计划"));
    assert!(notice.ends_with("区发展改革局\n2023年6月30日"));

    // Once everybody has reported there is nobody to chase.
    // (Each unit writes its own words: today's ledger keeps one text per task, and writing the same
    // text again records nothing.)
    let mut everyone = ledger.clone();
    for row in &round.rows {
        as_unit(&mut everyone, "", &row.unit);
        for task in row.unreported() {
            report(
                &mut everyone,
                task,
                q2(),
                ReportField::ProgressText,
                &format!("{}已推进", row.unit),
                "2023-06-25T09:00:00+08:00",
            );
        }
    }
    let done = CollectionRound::compute(&document, &everyone, today());
    assert_eq!(done.pending().len(), 0);
    assert_eq!(done.reminder(&document, today(), deadline, ""), None);
}

#[test]
fn chinese_ordinals_for_unit_lines() {
    use luoshi::overview::text::chinese_ordinal;
    let got: Vec<String> = [1, 9, 10, 11, 20, 23, 99, 100]
        .into_iter()
        .map(chinese_ordinal)
        .collect();
    assert_eq!(
        got,
        ["一", "九", "十", "十一", "二十", "二十三", "九十九", "100"]
    );
}
