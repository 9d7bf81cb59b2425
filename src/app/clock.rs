//! The clock: the one place the app reads the current date and time. The core never does; it is
//! handed `now` (ISO 8601 with the local offset) and `today`.

use luoshi::period::Date;

/// The current local time as ISO 8601 with milliseconds and offset, e.g. `2023-07-01T09:30:00.250+08:00`.
#[cfg(target_arch = "wasm32")]
pub fn now() -> String {
    let date = js_sys::Date::new_0();
    // getTimezoneOffset is minutes *behind* UTC (-480 in China), so the sign flips.
    let offset = -(date.get_timezone_offset() as i64);
    let sign = if offset < 0 { '-' } else { '+' };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{}{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
        date.get_milliseconds(),
        sign,
        offset.abs() / 60,
        offset.abs() % 60,
    )
}

/// The build-time prerender (native) has no browser clock: it renders the first view as of a date
/// it chooses (see `src/bin/luoshi-prerender.rs`), so its output is deterministic.
#[cfg(not(target_arch = "wasm32"))]
static PRERENDER_DATE: std::sync::Mutex<Option<Date>> = std::sync::Mutex::new(None);

/// Fix the date the prerender renders as of.
#[cfg(not(target_arch = "wasm32"))]
pub fn set_prerender_date(date: Date) {
    if let Ok(mut slot) = PRERENDER_DATE.lock() {
        *slot = Some(date);
    }
}

/// Midnight of the prerender's date, in China's offset (the documents' own time zone).
#[cfg(not(target_arch = "wasm32"))]
pub fn now() -> String {
    let date = PRERENDER_DATE
        .lock()
        .ok()
        .and_then(|slot| *slot)
        .unwrap_or_else(|| Date::first_of_year(2023));
    format!("{date}T00:00:00.000+08:00")
}

/// When this page started (`performance.timeOrigin`), in milliseconds since the epoch; `i64::MAX`
/// when unknown (nothing counts as made since).
#[cfg(target_arch = "wasm32")]
pub fn page_started_millis() -> i64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(i64::MAX, |p| p.time_origin() as i64)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn page_started_millis() -> i64 {
    i64::MAX
}

/// Today's local date.
pub fn today() -> Date {
    Date::of_timestamp(&now()).unwrap_or_else(|| Date::first_of_year(2023))
}

/// `hh:mm:ss` of an ISO timestamp made by [`now`] (empty if it is not one).
pub fn time_of_day(timestamp: &str) -> &str {
    timestamp.get(11..19).unwrap_or("")
}

/// `YYYY-MM-DD hh:mm` of an ISO timestamp, for history lists (the writer's local time).
pub fn date_and_minute(timestamp: &str) -> String {
    match (timestamp.get(0..10), timestamp.get(11..16)) {
        (Some(date), Some(minute)) => format!("{date} {minute}"),
        _ => timestamp.to_string(),
    }
}
