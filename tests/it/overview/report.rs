//! The 进展情况汇总 report: title rule, period texts, scopes, plain-text layout, table rows.

use super::fixture;

use fixture::{actual, apply, q1, q2, report, seed_ledger, status, Q1_TIME, Q2_TIME};
use luoshi::ledger::{Action, Ledger, ReportField, Status};
use luoshi::overview::{report_title, ProgressReport, Scope};
use luoshi::period::{Date, Period};
use luoshi::Document;

const SMALL: &str = include_str!("../../fixtures/overview/small.txt");

fn small() -> (Document, Ledger) {
    let document = luoshi::parse::parse(SMALL);
    let mut ledger = Ledger::new(document.fingerprint.clone());
    let l = &mut ledger;
    status(l, 1, Status::OnSchedule, 40, Q2_TIME);
    actual(l, 1, 0, 1.0, Q2_TIME);
    report(l, 1, q1(), ReportField::ProgressText, "一季度文字", Q1_TIME);
    report(l, 1, q1(), ReportField::Problems, "一季度问题", Q1_TIME);
    report(
        l,
        1,
        q2(),
        ReportField::ProgressText,
        "新增市级重点实验室1家。\n\n  完成2家申报。  ",
        Q2_TIME,
    );
    report(l, 1, q2(), ReportField::NextSteps, "推进验收", Q2_TIME);
    status(l, 2, Status::Behind, 20, Q2_TIME);
    (document, ledger)
}

#[test]
fn title_for_the_seed() {
    let document = luoshi::seed_document();
    let report = ProgressReport::build(&document, &seed_ledger(&document), q2(), &Scope::All);
    assert_eq!(
        report.title,
        "城阳区2023年重点工作任务2023年第二季度进展情况"
    );
    assert_eq!(report.subtitle, "");
    let july = Period::Month {
        year: 2023,
        month: 7,
    };
    assert_eq!(
        report_title(&document.title, july),
        "城阳区2023年重点工作任务2023年7月进展情况"
    );
}

#[test]
fn title_rule_on_other_titles() {
    let q = q2();
    // The most local place, then from the year on.
    assert_eq!(
        report_title("山东省青岛市黄岛区2024年民生实事", q),
        "黄岛区2024年民生实事2023年第二季度进展情况"
    );
    // "城市更新" is not a place: 城 alone is too short a name.
    assert_eq!(
        report_title("青岛市城阳区城市更新2023年重点工作任务", q),
        "城阳区2023年重点工作任务2023年第二季度进展情况"
    );
    // No place, no year: the whole title.
    assert_eq!(
        report_title("重点项目清单", q),
        "重点项目清单2023年第二季度进展情况"
    );
    // A place but no year: what follows the place.
    assert_eq!(
        report_title("青岛市重点工作", q),
        "青岛市重点工作2023年第二季度进展情况"
    );
    assert_eq!(report_title("", q), "重点工作任务2023年第二季度进展情况");
}

#[test]
fn the_report_holds_only_the_periods_texts() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    assert_eq!(report.tasks().count(), 71);
    let numbers: Vec<u32> = report.tasks().map(|t| t.number).collect();
    assert_eq!(numbers, (1..=71).collect::<Vec<u32>>(), "document order");
    assert_eq!(report.sections.len(), 11);
    assert_eq!(
        report.as_of,
        Date::new(2023, 6, 30).unwrap_or_else(|| panic!("date"))
    );

    let text = report.to_plain_text();
    for q2_text in [
        "工作进展：二季度：新增市级重点实验室1家",
        "下步计划：三季度推进第2家实验室验收",
        "存在问题：二季度：企业认定资金未到位",
        "工作进展：二季度：储能项目签约",
        "工作进展：二季度：城镇新增就业2.1万人",
    ] {
        assert!(text.contains(q2_text), "missing {q2_text}");
    }
    assert!(!text.contains("一季度"), "Q1 texts leak into the Q2 report");
    // 71 tasks × 3 report lines = 213, of which 5 are filled in Q2 (task 1 ×2, 3, 9, 57).
    assert_eq!(text.matches("（未填报）").count(), 213 - 5);

    let q1_report = ProgressReport::build(&document, &ledger, q1(), &Scope::All);
    let q1_text = q1_report.to_plain_text();
    assert!(q1_text.contains("工作进展：一季度：完成2家实验室申报"));
    assert!(q1_text.contains("存在问题：一季度：平台建设资金紧张"));
    assert!(!q1_text.contains("二季度"));
    assert_eq!(
        q1_report.title,
        "城阳区2023年重点工作任务2023年第一季度进展情况"
    );
    assert!(q1_text.contains("截至2023年3月31日"));

    let one = report.tasks().next().unwrap_or_else(|| panic!("task 1"));
    assert_eq!(one.report.progress_text, "二季度：新增市级重点实验室1家");
    assert_eq!(one.report.problems, "");
    assert_eq!(one.status, "已完成");
    assert_eq!(one.gap_text, "已完成");
    let targets: Vec<(&str, Option<&str>, Option<bool>)> = one
        .targets
        .iter()
        .map(|t| (t.figure.as_str(), t.actual.as_deref(), t.met))
        .collect();
    assert_eq!(
        targets,
        [
            ("2家", Some("1家"), Some(false)),
            ("300个", Some("320个"), Some(true)),
            ("100个", None, None),
            ("200个", None, None)
        ]
    );
    // Task 2's second target is hidden, so it is left out.
    let two = report.tasks().nth(1).unwrap_or_else(|| panic!("task 2"));
    assert_eq!(two.targets.len(), 1);
}

#[test]
fn scopes_narrow_to_a_section_or_a_units_led_tasks() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    let numbers = |scope: Scope| -> Vec<u32> {
        ProgressReport::build(&document, &ledger, q2(), &scope)
            .tasks()
            .map(|t| t.number)
            .collect()
    };
    assert_eq!(numbers(Scope::Section(1)), [1, 2, 3, 4, 5, 6]);
    assert_eq!(numbers(Scope::Section(11)), [69, 70, 71]);
    assert_eq!(numbers(Scope::Section(12)), Vec::<u32>::new());
    assert_eq!(numbers(Scope::Unit("区民政局".into())), [60, 64]);
    // Leads only: 区财政局 leads 44 and 45 and joins 14 and 53.
    assert_eq!(numbers(Scope::Unit("区财政局".into())), [44, 45]);
    assert_eq!(
        numbers(Scope::Unit("区科技局".into())),
        [1, 2, 3, 4, 5, 6, 7, 11, 12]
    );

    let unit = ProgressReport::build(&document, &ledger, q2(), &Scope::Unit("区科技局".into()));
    assert_eq!(unit.subtitle, "区科技局牵头任务");
    let headings: Vec<&str> = unit.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        ["一、实施创新驱动发展战略", "二、培优现代化产业体系"]
    );
    let section = ProgressReport::build(&document, &ledger, q2(), &Scope::Section(9));
    assert_eq!(section.subtitle, "九、扎实促进共同富裕");
}

#[test]
fn plain_text_layout_is_fixed() {
    let (document, ledger) = small();
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    // 序时 at 30 June: 181/365 = 49.6%. Task 1 at 40 is 9.6 behind (green, 符合序时); task 2 at 20
    // is 29.6 behind; task 3 was never touched, so it reads 未填报 rather than a gap.
    let expected = "\
城阳区2023年重点工作任务2023年第二季度进展情况
截至2023年6月30日

一、科技创新
1.建设重点实验室
牵头单位：区科技局
参与单位：区财政局
进展状态：序时推进；完成进度 40%；序时进度 49.6%，符合序时
目标指标：
（1）年内新增2家市级以上重点实验室：目标 2家，实际 1家，未达标
（2）推动实施技术创新项目300个以上：目标 300个，未填实际值
工作进展：新增市级重点实验室1家。
完成2家申报。
存在问题：（未填报）
下步计划：推进验收
2.培育科技企业
牵头单位：区科技局、区工业和信息化局
进展状态：滞后；完成进度 20%；序时进度 49.6%，落后序时 29.6 个百分点
工作进展：（未填报）
存在问题：（未填报）
下步计划：（未填报）

二、组织实施
3.加强组织领导
进展状态：未启动；完成进度 0%；序时进度 49.6%，未填报
工作进展：（未填报）
存在问题：（未填报）
下步计划：（未填报）
";
    assert_eq!(report.to_plain_text(), expected);
    assert!(!expected.contains(['#', '*', '|']), "no markdown");
}

#[test]
fn scoped_plain_text_carries_a_subtitle() {
    let (document, ledger) = small();
    let report = ProgressReport::build(
        &document,
        &ledger,
        q2(),
        &Scope::Unit("区工业和信息化局".into()),
    );
    let expected = "\
城阳区2023年重点工作任务2023年第二季度进展情况
区工业和信息化局牵头任务
截至2023年6月30日

一、科技创新
2.培育科技企业
牵头单位：区科技局、区工业和信息化局
进展状态：滞后；完成进度 20%；序时进度 49.6%，落后序时 29.6 个百分点
工作进展：（未填报）
存在问题：（未填报）
下步计划：（未填报）
";
    assert_eq!(report.to_plain_text(), expected);
}

#[test]
fn the_ledgers_as_of_date_sets_the_judging_date() {
    let (document, mut ledger) = small();
    let may = Date::new(2023, 5, 31).unwrap_or_else(|| panic!("date"));
    apply(&mut ledger, Action::SetAsOf { as_of: Some(may) }, Q2_TIME);
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    // 31 May is day 151: 151/365 = 41.4%.
    assert_eq!(report.as_of, may);
    let one = report.tasks().next().unwrap_or_else(|| panic!("task 1"));
    assert_eq!(one.expected_text(), "41.4");
    assert!(report.to_plain_text().contains("截至2023年5月31日"));
}

#[test]
fn rows_for_a_spreadsheet() {
    let (document, ledger) = small();
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    assert_eq!(
        ProgressReport::headers(),
        [
            "序号",
            "部分",
            "任务",
            "牵头单位",
            "参与单位",
            "状态",
            "进度(%)",
            "序时进度(%)",
            "序时情况",
            "目标及完成情况",
            "工作进展",
            "存在问题",
            "下步计划"
        ]
    );
    let rows = report.rows();
    assert_eq!(rows.len(), 3);
    assert!(rows
        .iter()
        .all(|r| r.len() == ProgressReport::headers().len()));
    assert_eq!(
        rows[0],
        [
            "1",
            "一、科技创新",
            "建设重点实验室",
            "区科技局",
            "区财政局",
            "序时推进",
            "40",
            "49.6",
            "符合序时",
            "（1）年内新增2家市级以上重点实验室：目标 2家，实际 1家，未达标\n（2）推动实施技术创新项目300个以上：目标 300个，未填实际值",
            "新增市级重点实验室1家。\n\n  完成2家申报。",
            "",
            "推进验收"
        ]
    );
    assert_eq!(rows[2][1], "二、组织实施");
    assert_eq!(rows[2][3], "");
    let table = report.table();
    assert_eq!(table.len(), 4);
    assert_eq!(table[0], ProgressReport::headers());
}

#[test]
fn period_choices_run_up_to_now_and_include_reported_periods() {
    let (_, mut ledger) = small();
    let today = Date::new(2023, 8, 15).expect("a real date");
    // Q3 is current; Q1 and Q2 have reports.
    assert_eq!(
        ProgressReport::period_choices(&ledger, today),
        [
            Period::Quarter {
                year: 2023,
                quarter: 3
            },
            q2(),
            q1()
        ]
    );
    // A year later, the old reports still have their periods listed after this year's.
    ledger.as_of = Date::new(2024, 4, 1);
    assert_eq!(
        ProgressReport::period_choices(&ledger, today),
        [
            Period::Quarter {
                year: 2024,
                quarter: 2
            },
            Period::Quarter {
                year: 2024,
                quarter: 1
            },
            q2(),
            q1()
        ]
    );
}

#[test]
fn scope_choices_list_sections_and_lead_units() {
    let document = luoshi::seed_document();
    let choices = Scope::choices(&document);
    assert_eq!(choices[0], (Scope::All, "全部任务".to_string()));
    assert_eq!(choices[1].0, Scope::Section(1));
    assert!(choices[1].1.starts_with("一、"));
    let sections = choices
        .iter()
        .filter(|(s, _)| matches!(s, Scope::Section(_)))
        .count();
    assert_eq!(sections, document.sections.len());
    let units: Vec<&Scope> = choices
        .iter()
        .map(|(s, _)| s)
        .filter(|s| matches!(s, Scope::Unit(_)))
        .collect();
    assert!(units.contains(&&Scope::Unit("区科技局".into())));
    // Every unit offered leads something, so its report is never empty.
    for scope in units {
        assert!(
            document.tasks.iter().any(|t| scope.includes(t)),
            "{scope:?}"
        );
    }
    assert!(choices.contains(&(Scope::Unit("区科技局".into()), "区科技局牵头任务".into())));
}

#[test]
fn untouched_tasks_are_unlit_in_the_report_as_on_the_overview() {
    use luoshi::overview::LightBucket;
    let (document, ledger) = small();
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    let buckets: Vec<LightBucket> = report.tasks().map(|t| t.light_bucket()).collect();
    // 1: 序时推进 40% (green at 2023-06-30, 序时 49.6%) · 2: 滞后 20% (yellow) · 3: never touched.
    assert_eq!(
        buckets,
        [LightBucket::Green, LightBucket::Yellow, LightBucket::Unlit]
    );
}
