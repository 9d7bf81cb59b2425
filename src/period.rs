//! Calendar dates, ISO timestamps and reporting periods (quarters or months), without a date crate.
//! The core never reads the clock: callers pass `today` and `now` in, so everything here is pure.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date. Field order makes the derived `Ord` chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A checked constructor: `None` for 2023-02-29, month 13 and the like.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parse `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = parse_digits(text.get(0..4)?)?;
        let month = parse_digits(text.get(5..7)?)?;
        let day = parse_digits(text.get(8..10)?)?;
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The date part of an ISO 8601 timestamp, as the writer saw it (its own offset, not UTC).
    pub fn of_timestamp(timestamp: &str) -> Option<Date> {
        Date::parse(timestamp.get(0..10)?)
    }

    pub fn is_leap_year(self) -> bool {
        is_leap_year(self.year)
    }

    pub fn days_in_year(self) -> u16 {
        if self.is_leap_year() {
            366
        } else {
            365
        }
    }

    /// 1 for 1 January, 365 (or 366) for 31 December.
    pub fn day_of_year(self) -> u16 {
        let before: u16 = (1..self.month)
            .map(|m| u16::from(days_in_month(self.year, m)))
            .sum();
        before + u16::from(self.day)
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        // The ranges above keep month in 1..=12 and day in 1..=31; the casts cannot truncate.
        Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.to_days() - self.to_days()
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    pub fn first_of_year(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    pub fn last_of_year(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    /// The day to judge a document's work at when no as-of date is set: `self` (today) inside the
    /// document's work year, else that year's nearest end. A 2023 task list opened in 2026 is judged
    /// at 2023-12-31 (its reports are 2023's), a 2027 plan opened in 2026 at 2027-01-01.
    pub fn within_work_year(self, work_year: Option<i32>) -> Date {
        match work_year {
            Some(year) if self.year > year => Date::last_of_year(year),
            Some(year) if self.year < year => Date::first_of_year(year),
            _ => self,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {text}")))
    }
}

fn parse_digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Milliseconds since the Unix epoch of an ISO 8601 timestamp such as `2023-07-01T09:30:00+08:00`,
/// `2023-07-01T01:30:00Z` or `2023-07-01T01:30:00.250Z`. Used to order edits from different
/// offsets; `None` for anything else (such values sort before every valid one).
pub fn instant_millis(timestamp: &str) -> Option<i64> {
    let date = Date::of_timestamp(timestamp)?;
    let rest = timestamp.get(10..)?;
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let hour = parse_digits(rest.get(0..2)?)?;
    let minute = parse_digits(rest.get(3..5)?)?;
    let second = parse_digits(rest.get(6..8)?)?;
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = rest.get(8..)?;
    let mut millis = 0_i64;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded = format!("{:0<3}", &fraction[..digits.min(3)]);
        millis = i64::from(parse_digits(&padded)?);
        rest = &fraction[digits..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let (hours, minutes) = match rest.len() {
                6 if rest.get(3..4)? == ":" => (rest.get(1..3)?, rest.get(4..6)?),
                5 => (rest.get(1..3)?, rest.get(3..5)?),
                _ => return None,
            };
            sign * i64::from(parse_digits(hours)? * 60 + parse_digits(minutes)?)
        }
    };
    let seconds = date.to_days() * 86_400
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second)
        - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

/// How often progress is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// 按季度
    #[default]
    Quarterly,
    /// 按月
    Monthly,
}

impl Cadence {
    pub fn label(self) -> &'static str {
        match self {
            Cadence::Quarterly => text::CADENCE_QUARTERLY,
            Cadence::Monthly => text::CADENCE_MONTHLY,
        }
    }
}

/// One reporting period. Its id (`2023Q2`, `2023-07`) keys reports in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Quarter { year: i32, quarter: u8 },
    Month { year: i32, month: u8 },
}

impl Period {
    pub fn containing(date: Date, cadence: Cadence) -> Period {
        match cadence {
            Cadence::Quarterly => Period::Quarter {
                year: date.year,
                quarter: (date.month - 1) / 3 + 1,
            },
            Cadence::Monthly => Period::Month {
                year: date.year,
                month: date.month,
            },
        }
    }

    pub fn cadence(self) -> Cadence {
        match self {
            Period::Quarter { .. } => Cadence::Quarterly,
            Period::Month { .. } => Cadence::Monthly,
        }
    }

    /// `2023Q2` or `2023-07`.
    pub fn id(self) -> String {
        match self {
            Period::Quarter { year, quarter } => format!("{year:04}Q{quarter}"),
            Period::Month { year, month } => format!("{year:04}-{month:02}"),
        }
    }

    /// Parse an id made by [`Period::id`].
    pub fn parse(id: &str) -> Option<Period> {
        let year = i32::try_from(parse_digits(id.get(0..4)?)?).ok()?;
        let rest = id.get(4..)?;
        if let Some(quarter) = rest.strip_prefix('Q') {
            let quarter = u8::try_from(parse_digits(quarter)?).ok()?;
            ((1..=4).contains(&quarter) && rest.len() == 2)
                .then_some(Period::Quarter { year, quarter })
        } else {
            let month = rest.strip_prefix('-')?;
            let month_number = u8::try_from(parse_digits(month)?).ok()?;
            ((1..=12).contains(&month_number) && month.len() == 2).then_some(Period::Month {
                year,
                month: month_number,
            })
        }
    }

    /// 2023年第二季度 or 2023年7月.
    pub fn label(self) -> String {
        match self {
            Period::Quarter { year, quarter } => text::quarter_label(year, quarter),
            Period::Month { year, month } => text::month_label(year, month),
        }
    }

    pub fn previous(self) -> Period {
        match self {
            Period::Quarter { year, quarter: 1 } => Period::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter - 1,
            },
            Period::Month { year, month: 1 } => Period::Month {
                year: year - 1,
                month: 12,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month - 1,
            },
        }
    }

    pub fn next(self) -> Period {
        match self {
            Period::Quarter { year, quarter: 4 } => Period::Quarter {
                year: year + 1,
                quarter: 1,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter + 1,
            },
            Period::Month { year, month: 12 } => Period::Month {
                year: year + 1,
                month: 1,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month + 1,
            },
        }
    }

    pub fn first_day(self) -> Date {
        match self {
            Period::Quarter { year, quarter } => Date {
                year,
                month: (quarter - 1) * 3 + 1,
                day: 1,
            },
            Period::Month { year, month } => Date {
                year,
                month,
                day: 1,
            },
        }
    }

    pub fn last_day(self) -> Date {
        self.next().first_day().add_days(-1)
    }

    pub fn contains(self, date: Date) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// The periods of `year` in order (4 quarters or 12 months).
    pub fn of_year(year: i32, cadence: Cadence) -> Vec<Period> {
        match cadence {
            Cadence::Quarterly => (1..=4)
                .map(|quarter| Period::Quarter { year, quarter })
                .collect(),
            Cadence::Monthly => (1..=12)
                .map(|month| Period::Month { year, month })
                .collect(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.id())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        let text = String::deserialize(deserializer)?;
        Period::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a period id: {text}")))
    }
}

/// The Chinese words for periods and cadences (period labels live with periods).
pub mod text {
    pub const CADENCE_QUARTERLY: &str = "按季度";
    pub const CADENCE_MONTHLY: &str = "按月";

    const QUARTER_NUMERALS: [&str; 4] = ["一", "二", "三", "四"];

    /// 2023年第二季度.
    pub fn quarter_label(year: i32, quarter: u8) -> String {
        let numeral = QUARTER_NUMERALS
            .get(usize::from(quarter).wrapping_sub(1))
            .unwrap_or(&"?");
        format!("{year}年第{numeral}季度")
    }

    /// 2023年7月.
    pub fn month_label(year: i32, month: u8) -> String {
        format!("{year}年{month}月")
    }
}
