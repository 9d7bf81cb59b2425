//! Period-over-period: values at the end of the previous period (from history) against now.

use super::fixture;

use fixture::{apply, q1, q2, seed_ledger};
use luoshi::ledger::{Action, Ledger, Status};
use luoshi::overview::{TaskDelta, UnitDelta};
use luoshi::period::Period;

fn lines(delta: &TaskDelta) -> Vec<String> {
    delta.lines()
}

#[test]
fn a_task_since_the_previous_period() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    // Task 1: 序时推进 30 in Q1 → 已完成 100 on 20 May; actual #1 set on 15 April; actual #2 set
    // on 20 March (unchanged since Q1); a Q2 report.
    let delta = TaskDelta::between(&document, &ledger, 1, q2());
    assert_eq!(delta.previous, q1());
    assert_eq!(delta.title, "提升企业技术创新能力");
    assert_eq!(
        (delta.status_before.as_str(), delta.status_after.as_str()),
        ("序时推进", "已完成")
    );
    assert_eq!(
        lines(&delta),
        [
            "状态：序时推进 → 已完成",
            "进度：30 → 100",
            "指标1 实际值：空 → 1",
            "新增2023年第二季度进展报告"
        ]
    );
    assert!(delta.new_report && !delta.is_empty());
}

#[test]
fn a_task_changed_only_before_the_period_shows_nothing() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    // Task 2: status and progress set in Q1; its actual (86) set in Q2; hidden target not compared.
    let delta = TaskDelta::between(&document, &ledger, 2, q2());
    assert_eq!(lines(&delta), ["指标1 实际值：空 → 86"]);
    assert!(!delta.new_report, "its report is for Q1");
    // Untouched task.
    let untouched = TaskDelta::between(&document, &ledger, 70, q2());
    assert!(untouched.is_empty());
    assert_eq!(
        (
            untouched.status_before.as_str(),
            untouched.status_after.as_str()
        ),
        ("未启动", "未启动")
    );
}

#[test]
fn the_writers_local_date_places_an_edit_in_a_period() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    // Task 60's status was set at 2023-04-01 07:00 +08:00 (still 31 March in UTC): a Q2 change.
    let delta = TaskDelta::between(&document, &ledger, 60, q2());
    assert_eq!(lines(&delta), ["状态：未启动 → 滞后", "进度：0 → 35"]);
    // Task 57's actual at 2023-06-30 23:30 +08:00 is still in Q2, so Q3 sees it as before.
    let q3 = Period::Quarter {
        year: 2023,
        quarter: 3,
    };
    let q3_delta = TaskDelta::between(&document, &ledger, 57, q3);
    assert!(q3_delta.is_empty(), "{:?}", q3_delta.lines());
}

#[test]
fn later_edits_are_read_back_to_the_previous_periods_end() {
    let document = luoshi::seed_document();
    let mut ledger = seed_ledger(&document);
    // In Q3, task 1 goes back to 滞后 and then to 序时推进: for Q3 the change is 已完成 → 序时推进.
    apply(
        &mut ledger,
        Action::SetStatus {
            task: 1,
            status: Status::Behind,
        },
        "2023-07-05T09:00:00+08:00",
    );
    apply(
        &mut ledger,
        Action::SetStatus {
            task: 1,
            status: Status::OnSchedule,
        },
        "2023-07-06T09:00:00+08:00",
    );
    let q3 = Period::Quarter {
        year: 2023,
        quarter: 3,
    };
    let delta = TaskDelta::between(&document, &ledger, 1, q3);
    assert_eq!(lines(&delta), ["状态：已完成 → 序时推进"]);
    // For Q2 "before" is still the end of Q1 (序时推进) and "now" is the current value (序时推进
    // again), so the status no longer shows as changed there; progress still does.
    let q2_delta = TaskDelta::between(&document, &ledger, 1, q2());
    assert_eq!(q2_delta.status_before, q2_delta.status_after);
    assert_eq!(q2_delta.lines()[0], "进度：30 → 100");
}

#[test]
fn a_field_changed_only_after_the_cutoff_reads_its_first_old_value() {
    let document = luoshi::seed_document();
    let mut ledger = Ledger::new(document.fingerprint.clone());
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 5,
            progress: 20,
        },
        "2023-05-01T09:00:00+08:00",
    );
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 5,
            progress: 40,
        },
        "2023-06-01T09:00:00+08:00",
    );
    let delta = TaskDelta::between(&document, &ledger, 5, q2());
    assert_eq!(lines(&delta), ["进度：0 → 40"]);
    // Back to where it was: no change to report.
    apply(
        &mut ledger,
        Action::SetProgress {
            task: 5,
            progress: 0,
        },
        "2023-06-02T09:00:00+08:00",
    );
    assert!(TaskDelta::between(&document, &ledger, 5, q2()).is_empty());
}

#[test]
fn a_unit_since_the_previous_period() {
    let document = luoshi::seed_document();
    let ledger = seed_ledger(&document);
    // 区科技局 leads 1–7, 11, 12. Done at the end of Q1: none (task 1 was 序时推进); now: task 1.
    // Q2 reports: 1 and 3. Changed in Q2: 1, 2 (actual), 3 (status, progress, actual), 7.
    let unit = UnitDelta::between(&document, &ledger, "区科技局", q2());
    assert_eq!(unit.led, 9);
    assert_eq!((unit.done_before, unit.done_after), (0, 1));
    assert_eq!(unit.new_reports, 2);
    let tasks: Vec<u32> = unit.tasks.iter().map(|t| t.task).collect();
    assert_eq!(tasks, [1, 2, 3, 7]);
    assert_eq!(
        unit.tasks[2].lines(),
        [
            "状态：未启动 → 滞后",
            "进度：0 → 10",
            "指标1 实际值：空 → 1700",
            "新增2023年第二季度进展报告"
        ]
    );
    // 区人力资源社会保障局: task 57 done in Q2.
    let labour = UnitDelta::between(&document, &ledger, "区人力资源社会保障局", q2());
    assert_eq!(
        (
            labour.led,
            labour.done_before,
            labour.done_after,
            labour.new_reports
        ),
        (3, 0, 1, 1)
    );
    // A unit that leads nothing.
    let none = UnitDelta::between(&document, &ledger, "流亭街道", q2());
    assert_eq!((none.led, none.tasks.len()), (0, 0));
}
