//! Comparator-aware completion and the 序时进度 light, boundaries tested exactly.

use luoshi::document::{Comparator, Target};
use luoshi::ledger::progress::{GREEN_MAX_GAP, UNMET_AT_VALUE, YELLOW_MAX_GAP};
use luoshi::ledger::{
    completion, expected_progress, is_met, light, AddedTarget, Annotation, LightColour, Status,
    TargetRef, UserTarget,
};
use luoshi::period::Date;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("test date {text}"))
}

#[test]
fn met_per_comparator() {
    use Comparator::*;
    let cases = [
        (AtLeast, 100.0, 99.9, false),
        (AtLeast, 100.0, 100.0, true),
        (AtLeast, 100.0, 150.0, true),
        (Reach, 100.0, 99.0, false),
        (Reach, 100.0, 100.0, true),
        (AtMost, 5.0, 5.0, true),
        (AtMost, 5.0, 4.0, true),
        (AtMost, 5.0, 5.01, false),
        (Exceed, 100.0, 100.0, false),
        (Exceed, 100.0, 100.01, true),
        (MoreThan, 20.0, 20.0, false),
        (MoreThan, 20.0, 21.0, true),
        (About, 100.0, 95.0, true),
        (About, 100.0, 105.0, true),
        (About, 100.0, 94.9, false),
        (About, 100.0, 105.1, false),
        (About, 100.0, 100.0, true),
    ];
    for (comparator, value, actual, met) in cases {
        assert_eq!(
            is_met(comparator, value, actual),
            met,
            "{comparator:?} {value} actual {actual}"
        );
    }
}

#[test]
fn completion_ratio_per_comparator() {
    use Comparator::*;
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(close(completion(AtLeast, 200.0, 50.0), 0.25));
    assert!(close(completion(AtLeast, 200.0, 400.0), 1.0), "capped at 1");
    assert!(close(completion(Reach, 200.0, -5.0), 0.0), "never negative");
    assert!(
        close(completion(AtMost, 5.0, 10.0), 0.5),
        "over a limit: value / actual"
    );
    assert!(close(completion(AtMost, 5.0, 1.0), 1.0));
    assert!(close(completion(AtMost, 0.0, 3.0), 0.0));
    assert!(
        close(completion(Exceed, 100.0, 100.0), UNMET_AT_VALUE),
        "at the value but not beyond: not 100%"
    );
    assert!(close(completion(MoreThan, 20.0, 10.0), 0.5));
    assert!(close(completion(About, 100.0, 50.0), 0.5));
    assert!(
        close(completion(About, 100.0, 200.0), 0.5),
        "far over: value / actual"
    );
    assert!(close(completion(About, 100.0, 96.0), 1.0));
    assert!(close(completion(AtLeast, 0.0, 0.0), 1.0));
    assert!(close(completion(Exceed, 0.0, 0.0), 0.0));
}

#[test]
fn completion_is_one_exactly_when_met_and_within_bounds() {
    use Comparator::*;
    for comparator in [AtLeast, AtMost, About, Exceed, Reach, MoreThan] {
        for value in [0.0, 1.0, 3.0, 20.0, 100.0, 2500.0] {
            for step in -20..=60 {
                let actual = value * f64::from(step) / 20.0 + f64::from(step) / 7.0;
                let ratio = completion(comparator, value, actual);
                assert!(
                    (0.0..=1.0).contains(&ratio),
                    "{comparator:?} {value} {actual} → {ratio}"
                );
                assert_eq!(
                    ratio == 1.0,
                    is_met(comparator, value, actual),
                    "{comparator:?} {value} {actual}"
                );
            }
        }
    }
}

fn parsed(value: f64, value_max: Option<f64>, comparator: Comparator) -> Target {
    Target {
        text: "建成".into(),
        value,
        value_max,
        unit: Some("个".into()),
        comparator,
        start: 0,
        end: 0,
    }
}

#[test]
fn target_views_combine_parsed_and_added_targets() {
    let mut annotation = Annotation::default();
    annotation.actuals.insert(0, 3.0);
    annotation.actuals.insert(1, 40.0);
    annotation.hidden_targets.insert(2);
    annotation.added_targets.insert(
        1_688_000_000_000,
        AddedTarget {
            target: UserTarget {
                text: "新增".into(),
                value: 10.0,
                value_max: None,
                unit: None,
                comparator: Comparator::AtMost,
            },
            actual: Some(20.0),
            hidden: false,
        },
    );
    let targets = [
        parsed(3.0, Some(5.0), Comparator::Reach),
        parsed(80.0, None, Comparator::AtLeast),
        parsed(1.0, None, Comparator::Reach),
    ];
    let views = annotation.target_views(&targets);
    let summary: Vec<(TargetRef, bool, Option<bool>, Option<f64>)> = views
        .iter()
        .map(|v| (v.target, v.hidden, v.met, v.completion))
        .collect();
    assert_eq!(
        summary,
        [
            (TargetRef::Parsed(0), false, Some(true), Some(1.0)),
            (TargetRef::Parsed(1), false, Some(false), Some(0.5)),
            (TargetRef::Parsed(2), true, None, None),
            (
                TargetRef::Added(1_688_000_000_000),
                false,
                Some(false),
                Some(0.5)
            ),
        ]
    );
    assert_eq!(views[0].value_max, Some(5.0), "a range 3-5 is met from 3");
    assert_eq!(annotation.target_completion(&targets), Some(2.0 / 3.0));
    assert_eq!(Annotation::default().target_completion(&targets), None);
}

#[test]
fn expected_progress_is_the_share_of_the_year() {
    assert!((expected_progress(date("2023-12-31"), None) - 100.0).abs() < 1e-9);
    assert!((expected_progress(date("2023-01-01"), None) - 100.0 / 365.0).abs() < 1e-9);
    assert!((expected_progress(date("2024-07-01"), None) - 183.0 * 100.0 / 366.0).abs() < 1e-9);
    assert!((expected_progress(date("2023-06-30"), None) - 181.0 * 100.0 / 365.0).abs() < 1e-9);
}

#[test]
fn expected_progress_runs_to_the_due_date() {
    // 1–10 January is a ten-day span, so 5 January is exactly half way.
    assert_eq!(
        expected_progress(date("2023-01-05"), Some(date("2023-01-10"))),
        50.0
    );
    assert_eq!(
        expected_progress(date("2023-01-10"), Some(date("2023-01-10"))),
        100.0
    );
    assert_eq!(
        expected_progress(date("2023-03-01"), Some(date("2023-01-10"))),
        100.0,
        "after the due date"
    );
    assert_eq!(
        expected_progress(date("2024-01-01"), Some(date("2023-12-31"))),
        100.0
    );
    let half_year = expected_progress(date("2023-03-31"), Some(date("2023-06-29")));
    assert!(
        (half_year - 50.0).abs() < 1e-9,
        "90 of 180 days: {half_year}"
    );
}

#[test]
fn light_colour_boundaries_are_exact() {
    assert_eq!((GREEN_MAX_GAP, YELLOW_MAX_GAP), (10.0, 30.0));
    let cases = [
        (-50.0, LightColour::Green),
        (0.0, LightColour::Green),
        (10.0, LightColour::Green),
        (10.000_001, LightColour::Yellow),
        (10.5, LightColour::Yellow),
        (30.0, LightColour::Yellow),
        (30.000_001, LightColour::Red),
        (30.5, LightColour::Red),
        (100.0, LightColour::Red),
    ];
    for (gap, colour) in cases {
        assert_eq!(LightColour::for_gap(gap), colour, "gap {gap}");
    }
    assert_eq!(LightColour::Yellow.label(), "黄灯");
    assert_eq!(LightColour::Red.css_class(), "light-red");
}

/// A task due 10 January, judged on 5 January: expected progress is exactly 50.
fn annotation(progress: u8, status: Status) -> Annotation {
    Annotation {
        progress,
        status,
        due: Some(date("2023-01-10")),
        ..Annotation::default()
    }
}

#[test]
fn light_for_annotations_at_the_boundaries() {
    let as_of = date("2023-01-05");
    let cases = [
        (60, LightColour::Green, "符合序时"),
        (50, LightColour::Green, "符合序时"),
        (40, LightColour::Green, "符合序时"),
        (39, LightColour::Yellow, "落后序时 11 个百分点"),
        (20, LightColour::Yellow, "落后序时 30 个百分点"),
        (19, LightColour::Red, "落后序时 31 个百分点"),
        (0, LightColour::Red, "落后序时 50 个百分点"),
    ];
    for (progress, colour, text) in cases {
        let result = light(&annotation(progress, Status::OnSchedule), as_of);
        assert_eq!(result.expected, 50.0);
        assert_eq!(result.gap, 50.0 - f64::from(progress));
        assert_eq!(
            (result.colour, result.text().as_str()),
            (colour, text),
            "progress {progress}"
        );
    }
    let done = light(&annotation(0, Status::Done), as_of);
    assert_eq!(
        (done.colour, done.done, done.text().as_str()),
        (LightColour::Green, true, "已完成")
    );
}

#[test]
fn light_text_keeps_a_decimal_when_the_gap_is_not_whole() {
    // Without a due date on 2023-03-22 (day 81): expected = 81/365 × 100 ≈ 22.19.
    let plain = Annotation {
        status: Status::OnSchedule,
        ..Annotation::default()
    };
    let result = light(&plain, date("2023-03-22"));
    assert_eq!(result.colour, LightColour::Yellow);
    assert_eq!(result.text(), "落后序时 22.2 个百分点");
    let whole = light(&annotation(28, Status::Behind), date("2023-01-05"));
    assert_eq!(whole.text(), "落后序时 22 个百分点");
}

#[test]
fn untouched_tasks_are_unreported_everywhere_not_red() {
    use luoshi::query::LightBucket;
    // 2026 judging a 2023 task: expected 100%, so the colour is red — but nothing was reported.
    let as_of = date("2026-12-31");
    let untouched = light(&Annotation::default(), as_of);
    assert_eq!(untouched.colour, LightColour::Red);
    assert!(untouched.unreported);
    assert_eq!(LightBucket::of_light(&untouched), LightBucket::Unlit);
    assert_eq!(untouched.text(), "未填报");
    assert_eq!(untouched.expected_text(), "序时进度 100%");
    // Any report lights it: a status other than 未启动, or any progress.
    for (progress, status) in [
        (0, Status::OnSchedule),
        (5, Status::NotStarted),
        (0, Status::Behind),
    ] {
        let touched = light(&annotation(progress, status.clone()), as_of);
        assert!(!touched.unreported, "{progress} {status:?}");
        assert_eq!(LightBucket::of_light(&touched), LightBucket::Red);
    }
    let done = light(&annotation(0, Status::Done), as_of);
    assert_eq!(LightBucket::of_light(&done), LightBucket::Green);
    assert!(luoshi::ledger::is_unreported(&Annotation::default()));
}
