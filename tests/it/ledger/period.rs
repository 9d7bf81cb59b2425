//! Dates, timestamps and reporting periods.

use luoshi::period::{days_in_month, instant_millis, is_leap_year, Cadence, Date, Period};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("test date {text}"))
}

#[test]
fn parses_and_formats_iso_dates() {
    assert_eq!(
        Date::parse("2023-07-01"),
        Some(Date {
            year: 2023,
            month: 7,
            day: 1
        })
    );
    assert_eq!(date("2024-02-29").to_string(), "2024-02-29");
    assert_eq!(
        Date {
            year: 987,
            month: 1,
            day: 2
        }
        .to_string(),
        "0987-01-02"
    );
    for bad in [
        "",
        "2023-7-1",
        "2023-07-1",
        "2023/07/01",
        "2023-13-01",
        "2023-00-10",
        "2023-02-29",
        "2023-04-31",
        "2023-07-00",
        "20a3-07-01",
        "2023-07-01T",
        " 2023-07-01",
        "+023-07-01",
        "2023-0７-01",
        "2023-é-01",
        "é023-07-01",
        "2023-07-é",
    ] {
        assert_eq!(Date::parse(bad), None, "{bad:?} should not parse");
    }
}

#[test]
fn leap_years_follow_the_gregorian_rule() {
    assert!(is_leap_year(2024));
    assert!(is_leap_year(2000));
    assert!(!is_leap_year(1900));
    assert!(!is_leap_year(2023));
    assert_eq!(days_in_month(2024, 2), 29);
    assert_eq!(days_in_month(2023, 2), 28);
    assert_eq!(days_in_month(2023, 13), 0);
    assert_eq!(date("2024-06-01").days_in_year(), 366);
    assert_eq!(date("2023-06-01").days_in_year(), 365);
}

#[test]
fn day_of_year_counts_from_one() {
    assert_eq!(date("2023-01-01").day_of_year(), 1);
    assert_eq!(date("2023-03-01").day_of_year(), 60);
    assert_eq!(date("2024-03-01").day_of_year(), 61);
    assert_eq!(date("2023-12-31").day_of_year(), 365);
    assert_eq!(date("2024-12-31").day_of_year(), 366);
}

#[test]
fn day_numbers_round_trip_and_step_by_one_across_four_centuries() {
    assert_eq!(date("1970-01-01").to_days(), 0);
    assert_eq!(date("2000-03-01").to_days(), 11_017);
    assert_eq!(date("1969-12-31").to_days(), -1);
    let mut previous = Date::from_days(date("1900-01-01").to_days() - 1);
    for days in date("1900-01-01").to_days()..=date("2300-12-31").to_days() {
        let current = Date::from_days(days);
        assert_eq!(current.to_days(), days);
        assert!(current > previous, "{current} after {previous}");
        assert_eq!(
            Date::new(current.year, current.month, current.day),
            Some(current)
        );
        if current.month == 1 && current.day == 1 {
            assert_eq!(previous.day_of_year(), previous.days_in_year());
        } else {
            assert_eq!(current.day_of_year(), previous.day_of_year() + 1);
        }
        previous = current;
    }
}

#[test]
fn days_between_dates() {
    assert_eq!(date("2023-01-01").days_until(date("2023-12-31")), 364);
    assert_eq!(date("2024-01-01").days_until(date("2024-12-31")), 365);
    assert_eq!(date("2023-07-08").days_until(date("2023-07-01")), -7);
    assert_eq!(date("2023-12-30").add_days(3), date("2024-01-02"));
    assert_eq!(date("2024-03-01").add_days(-1), date("2024-02-29"));
}

#[test]
fn dates_serialise_as_iso_strings() {
    let json = serde_json::to_string(&date("2023-06-30")).unwrap_or_default();
    assert_eq!(json, "\"2023-06-30\"");
    assert_eq!(
        serde_json::from_str::<Date>("\"2023-06-30\"").ok(),
        Some(date("2023-06-30"))
    );
    assert!(serde_json::from_str::<Date>("\"2023-06-31\"").is_err());
    assert_eq!(
        Date::of_timestamp("2023-07-01T09:30:00+08:00"),
        Some(date("2023-07-01"))
    );
    assert_eq!(Date::of_timestamp("2023-07"), None);
}

#[test]
fn timestamps_with_offsets_compare_as_instants() {
    let utc = instant_millis("2023-07-01T01:30:00Z");
    assert_eq!(
        utc,
        Some(date("2023-07-01").to_days() * 86_400_000 + 5_400_000)
    );
    assert_eq!(instant_millis("2023-07-01T09:30:00+08:00"), utc);
    assert_eq!(instant_millis("2023-07-01T09:30:00+0800"), utc);
    assert_eq!(instant_millis("2023-06-30T20:30:00-05:00"), utc);
    assert_eq!(
        instant_millis("2023-07-01T01:30:00.250Z")
            .zip(utc)
            .map(|(a, b)| a - b),
        Some(250)
    );
    assert_eq!(
        instant_millis("2023-07-01T01:30:00.5Z")
            .zip(utc)
            .map(|(a, b)| a - b),
        Some(500)
    );
    assert_eq!(
        instant_millis("2023-07-01T01:30:00.123456Z")
            .zip(utc)
            .map(|(a, b)| a - b),
        Some(123)
    );
    // Midnight crossing: 00:10 in Beijing is the previous day in UTC.
    assert!(instant_millis("2023-07-02T00:10:00+08:00") < instant_millis("2023-07-01T17:00:00Z"));
    for bad in [
        "",
        "2023-07-01",
        "2023-07-01T09:30",
        "2023-07-01T25:00:00Z",
        "2023-07-01T09:30:00",
        "2023-07-01T09:30:00+8",
        "2023-07-01T09:30:00.Z",
        "2023-07-01T09:30:00X",
    ] {
        assert_eq!(instant_millis(bad), None, "{bad:?}");
    }
}

#[test]
fn period_ids_and_labels() {
    let q2 = Period::Quarter {
        year: 2023,
        quarter: 2,
    };
    assert_eq!(q2.id(), "2023Q2");
    assert_eq!(q2.label(), "2023年第二季度");
    assert_eq!(
        Period::Quarter {
            year: 2023,
            quarter: 4
        }
        .label(),
        "2023年第四季度"
    );
    let july = Period::Month {
        year: 2023,
        month: 7,
    };
    assert_eq!(july.id(), "2023-07");
    assert_eq!(july.label(), "2023年7月");
    assert_eq!(Period::parse("2023Q2"), Some(q2));
    assert_eq!(Period::parse("2023-07"), Some(july));
    for bad in [
        "", "2023Q0", "2023Q5", "2023Q12", "2023-13", "2023-7", "2023-007", "23Q1", "2023",
    ] {
        assert_eq!(Period::parse(bad), None, "{bad:?}");
    }
    assert_eq!(serde_json::to_string(&q2).unwrap_or_default(), "\"2023Q2\"");
    assert_eq!(
        serde_json::from_str::<Period>("\"2023-07\"").ok(),
        Some(july)
    );
    assert_eq!(Cadence::default(), Cadence::Quarterly);
    assert_eq!(Cadence::Monthly.label(), "按月");
}

#[test]
fn every_day_of_two_years_lies_in_its_period() {
    for cadence in [Cadence::Quarterly, Cadence::Monthly] {
        let mut day = date("2023-01-01");
        while day <= date("2024-12-31") {
            let period = Period::containing(day, cadence);
            assert!(period.contains(day), "{day} in {period}");
            assert_eq!(period.cadence(), cadence);
            assert_eq!(Period::parse(&period.id()), Some(period));
            assert_eq!(period.next().previous(), period);
            assert_eq!(period.previous().next(), period);
            assert_eq!(period.previous().last_day().add_days(1), period.first_day());
            day = day.add_days(1);
        }
    }
    assert_eq!(
        Period::containing(date("2023-03-31"), Cadence::Quarterly).id(),
        "2023Q1"
    );
    assert_eq!(
        Period::containing(date("2023-04-01"), Cadence::Quarterly).id(),
        "2023Q2"
    );
    assert_eq!(
        Period::containing(date("2023-12-31"), Cadence::Quarterly).id(),
        "2023Q4"
    );
    assert_eq!(
        Period::containing(date("2024-02-29"), Cadence::Monthly).last_day(),
        date("2024-02-29")
    );
}

#[test]
fn previous_crosses_year_boundaries() {
    assert_eq!(
        Period::Quarter {
            year: 2023,
            quarter: 1
        }
        .previous()
        .id(),
        "2022Q4"
    );
    assert_eq!(
        Period::Month {
            year: 2023,
            month: 1
        }
        .previous()
        .id(),
        "2022-12"
    );
    assert_eq!(
        Period::Quarter {
            year: 2023,
            quarter: 4
        }
        .next()
        .id(),
        "2024Q1"
    );
    let months: Vec<String> = Period::of_year(2023, Cadence::Monthly)
        .iter()
        .map(|p| p.id())
        .collect();
    assert_eq!(months.len(), 12);
    assert_eq!(months.first().map(String::as_str), Some("2023-01"));
    assert_eq!(Period::of_year(2023, Cadence::Quarterly).len(), 4);
}

#[test]
fn today_stays_inside_the_documents_work_year() {
    let d = |s: &str| luoshi::period::Date::parse(s);
    let today = d("2026-11-26").expect("date");
    assert_eq!(Some(today.within_work_year(Some(2023))), d("2023-12-31"));
    assert_eq!(Some(today.within_work_year(Some(2027))), d("2027-01-01"));
    assert_eq!(today.within_work_year(Some(2026)), today);
    assert_eq!(today.within_work_year(None), today);
}

#[test]
fn a_documents_work_year_comes_from_its_title_notice_or_date() {
    let seed = luoshi::seed_document();
    assert_eq!(seed.work_year(), Some(2023));
    let parse = |text: &str| luoshi::parse::parse(text);
    let titled = parse("某区2025年重点工作任务\n一、产业\n1.建设园区。(牵头单位:区发改局)\n");
    assert_eq!(titled.work_year(), Some(2025), "{:?}", titled.title);
    let untitled = parse("一、产业\n1.建设园区。(牵头单位:区发改局)\n");
    assert_eq!(untitled.work_year(), None);
    // Numbers that are not years followed by 年 are not taken: 120年 / 3000年 / 12345.
    let odd =
        parse("推进120年老街和3000年遗址保护12345\n一、产业\n1.建设园区。(牵头单位:区发改局)\n");
    assert_eq!(odd.work_year(), None, "{:?}", odd.title);
}
