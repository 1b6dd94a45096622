//! Time as people read it: the browser's local time zone, ДД.ММ.ГГГГ dates, ЧЧ:ММ times.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use wasm_bindgen::JsValue;

pub use tutornet_domain::text::format_date_ru;

fn offset_minutes(ms: f64) -> i64 {
    js_sys::Date::new(&JsValue::from_f64(ms)).get_timezone_offset() as i64
}

/// The browser's local date-time of a UTC instant.
pub fn local(dt: DateTime<Utc>) -> NaiveDateTime {
    dt.naive_utc() - TimeDelta::minutes(offset_minutes(dt.timestamp_millis() as f64))
}

/// The UTC instant of a local date and time.
pub fn utc_of_local(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    use chrono::{Datelike, Timelike};
    let d = js_sys::Date::new_with_year_month_day_hr_min(
        date.year() as u32,
        date.month0() as i32,
        date.day() as i32,
        time.hour() as i32,
        time.minute() as i32,
    );
    let ms = d.get_time();
    if ms.is_nan() {
        return None;
    }
    DateTime::<Utc>::from_timestamp_millis(ms as i64)
}

/// The current instant from the browser clock (chrono's `Utc::now` panics on wasm32).
pub fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today in the browser's time zone.
pub fn today() -> NaiveDate {
    local(now()).date()
}

pub fn hhmm(dt: DateTime<Utc>) -> String {
    local(dt).format("%H:%M").to_string()
}

/// ДД.ММ.ГГГГ of a UTC instant, in the browser's time zone.
pub fn date_ru(dt: DateTime<Utc>) -> String {
    format_date_ru(local(dt).date())
}

/// ДД.ММ.ГГГГ ЧЧ:ММ in the browser's time zone.
pub fn datetime_ru(dt: DateTime<Utc>) -> String {
    let l = local(dt);
    format!("{} {}", format_date_ru(l.date()), l.format("%H:%M"))
}
