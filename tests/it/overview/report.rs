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
    assert_eq!(report.title, "城阳区2023年重点工作任务第二季度进展情况");
    assert_eq!(report.subtitle, "");
    let july = Period::Month {
        year: 2023,
        month: 7,
    };
    assert_eq!(
        report_title(&document.title, july),
        "城阳区2023年重点工作任务7月进展情况"
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
        "城阳区2023年重点工作任务第二季度进展情况"
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
    // The year is left out of the period only when the subject names that same year.
    let q4 = Period::Quarter {
        year: 2023,
        quarter: 4,
    };
    assert_eq!(
        report_title("青岛市城阳区2023年重点工作任务", q4),
        "城阳区2023年重点工作任务第四季度进展情况"
    );
    let next_year = Period::Quarter {
        year: 2024,
        quarter: 1,
    };
    assert_eq!(
        report_title("青岛市城阳区2023年重点工作任务", next_year),
        "城阳区2023年重点工作任务2024年第一季度进展情况"
    );
}

#[test]
fn the_report_holds_only_the_periods_texts() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    assert_eq!(report.tasks().count(), 71);
    // Reported tasks by section in document order, then the unreported ones in document order.
    let reported: Vec<u32> = report
        .sections
        .iter()
        .flat_map(|s| s.tasks.iter().map(|t| t.number))
        .collect();
    assert_eq!(reported, [1, 3, 9, 57]);
    let unreported: Vec<u32> = report.unreported.iter().map(|t| t.number).collect();
    let mut all = reported.clone();
    all.extend(&unreported);
    all.sort_unstable();
    assert_eq!(all, (1..=71).collect::<Vec<u32>>());
    assert!(unreported.windows(2).all(|w| w[0] < w[1]), "document order");
    assert_eq!(report.summary.tasks, 71);
    assert_eq!(report.summary.unreported, 67);
    assert_eq!(
        report.as_of,
        Date::new(2023, 6, 30).unwrap_or_else(|| panic!("date"))
    );

    let text = report.to_plain_text();
    for q2_text in [
        "1.工作进展：二季度：新增市级重点实验室1家",
        "3.下步计划：三季度推进第2家实验室验收",
        "2.存在问题：二季度：企业认定资金未到位",
        "1.工作进展：二季度：储能项目签约",
        "1.工作进展：二季度：城镇新增就业2.1万人",
    ] {
        assert!(text.contains(q2_text), "missing {q2_text}");
    }
    assert!(!text.contains("一季度"), "Q1 texts leak into the Q2 report");
    // 4 reported tasks × 3 report lines = 12, of which 5 are filled in Q2 (task 1 ×2, 3, 9, 57);
    // the other 67 tasks are one list, not 67 × 3 empty lines.
    assert_eq!(text.matches("（未填报）").count(), 12 - 5);
    assert!(
        text.contains("十二、未报送任务（67项）\n2.") || text.contains("、未报送任务（67项）\n2.")
    );

    let q1_report = ProgressReport::build(&document, &ledger, q1(), &Scope::All);
    let q1_text = q1_report.to_plain_text();
    assert!(q1_text.contains("1.工作进展：一季度：完成2家实验室申报"));
    assert!(q1_text.contains("2.存在问题：一季度：平台建设资金紧张"));
    assert!(!q1_text.contains("二季度"));
    assert_eq!(q1_report.title, "城阳区2023年重点工作任务第一季度进展情况");
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
    let two = report
        .tasks()
        .find(|t| t.number == 2)
        .unwrap_or_else(|| panic!("task 2"));
    assert_eq!(two.targets.len(), 1);
}

#[test]
fn scopes_narrow_to_a_section_or_a_units_led_tasks() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    let numbers = |scope: Scope| -> Vec<u32> {
        let mut numbers: Vec<u32> = ProgressReport::build(&document, &ledger, q2(), &scope)
            .tasks()
            .map(|t| t.number)
            .collect();
        numbers.sort_unstable();
        numbers
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
    assert_eq!(headings, ["一、实施创新驱动发展战略"]);
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
城阳区2023年重点工作任务第二季度进展情况
截至2023年6月30日

2023年第二季度纳入汇总的任务共3项，其中已完成0项、序时推进1项、滞后0项、未报送2项。涉及牵头单位2个，未报送单位2个：区科技局、区工业和信息化局。

一、科技创新
（一）建设重点实验室（第1项）
牵头单位：区科技局；参与单位：区财政局
进展状态：序时推进；完成进度 40%；序时进度 49.6%，符合序时
目标指标：（1）年内新增2家市级以上重点实验室：目标 2家，实际 1家，未达标
（2）推动实施技术创新项目300个以上：目标 300个，未填实际值
1.工作进展：新增市级重点实验室1家。
完成2家申报。
2.存在问题：（未填报）
3.下步计划：推进验收

二、未报送任务（2项）
2.培育科技企业（区科技局、区工业和信息化局；滞后，进度 20%）；3.加强组织领导。
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
城阳区2023年重点工作任务第二季度进展情况
区工业和信息化局牵头任务
截至2023年6月30日

2023年第二季度纳入汇总的任务共1项，其中已完成0项、序时推进0项、滞后0项、未报送1项。涉及牵头单位2个，未报送单位2个：区科技局、区工业和信息化局。

一、未报送任务（1项）
2.培育科技企业（区科技局、区工业和信息化局；滞后，进度 20%）。
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
    // Unreported tasks come last, under their own heading.
    assert_eq!(rows[1][0], "2");
    assert_eq!(rows[2][1], "二、未报送任务（2项）");
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

#[test]
fn reports_are_attributed_to_the_unit_in_the_history() {
    let (document, mut ledger) = small();
    // Task 1's report was written with no unit recorded: it counts for no unit.
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    assert_eq!(report.summary.units, 2);
    assert_eq!(
        report.summary.units_unreported,
        ["区科技局", "区工业和信息化局"]
    );
    // 区工业和信息化局 writes task 2's report, 区科技局 task 1's: every lead unit has reported.
    ledger.user.unit = "区工业和信息化局".into();
    report_edit(&mut ledger, 2, "完成企业走访");
    ledger.user.unit = "区科技局".into();
    report_edit(&mut ledger, 1, "新增市级重点实验室2家");
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    assert!(report.summary.units_unreported.is_empty());
    assert!(report
        .to_plain_text()
        .contains("涉及牵头单位2个，均已报送。"));
    // A report written by another unit does not count for the lead it did not come from.
    let (document, mut ledger) = small();
    ledger.user.unit = "区财政局".into();
    report_edit(&mut ledger, 2, "财政局代填");
    let report = ProgressReport::build(&document, &ledger, q2(), &Scope::All);
    assert_eq!(
        report.summary.units_unreported,
        ["区科技局", "区工业和信息化局"]
    );
}

fn report_edit(ledger: &mut Ledger, task: u32, text: &str) {
    report(ledger, task, q2(), ReportField::ProgressText, text, Q2_TIME);
}

#[test]
fn grouped_by_status_the_way_offices_write_it() {
    let (document, mut ledger) = small();
    report_edit(&mut ledger, 2, "完成企业走访");
    status(&mut ledger, 3, Status::Done, 100, Q2_TIME);
    report_edit(&mut ledger, 3, "已召开专题会议");
    let report = ProgressReport::build_grouped(
        &document,
        &ledger,
        q2(),
        &Scope::All,
        luoshi::overview::Grouping::Status,
    );
    let groups: Vec<(&str, Vec<u32>)> = report
        .sections
        .iter()
        .map(|s| {
            (
                s.heading.as_str(),
                s.tasks.iter().map(|t| t.number).collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("一、已完成（1项）", vec![3]),
            ("二、序时推进（1项）", vec![1]),
            ("三、滞后（1项）", vec![2]),
        ]
    );
    assert!(report.unreported.is_empty());
    let text = report.to_plain_text();
    assert!(
        text.contains("其中已完成1项、序时推进1项、滞后1项、未报送0项。"),
        "{text}"
    );
    assert!(!text.contains("未报送任务"));
}

#[test]
fn plain_text_uses_full_width_punctuation() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    for grouping in luoshi::overview::Grouping::ALL {
        let report = ProgressReport::build_grouped(&document, &ledger, q2(), &Scope::All, grouping);
        for paragraph in report.paragraphs() {
            let text = paragraph.full_text();
            // Ours: no ASCII colon, semicolon or comma between Chinese words (the document's own
            // task texts are quoted as written).
            if matches!(
                paragraph.kind,
                luoshi::overview::ParagraphKind::Heading1 | luoshi::overview::ParagraphKind::Item
            ) || text.starts_with("进展状态")
            {
                assert!(!paragraph.lead.contains([':', ';', ',']), "{text}");
            }
            assert!(!text.starts_with(['；', '，', '。']), "{text}");
        }
        assert!(!report.summary.paragraph("x").contains([':', ';', ',']));
    }
}
