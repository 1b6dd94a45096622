//! Time as people read it: the zone of the user's place (`Me::time_zone`, an IANA name
//! set at sign-in; the browser's own zone until then), ДД.ММ.ГГГГ dates, ЧЧ:ММ times.
//! Offsets come from the browser's `Intl` time-zone data, so a coordinator in Moscow
//! working for a municipality in Yekaterinburg sees the municipality's times.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

pub use tutornet_domain::text::format_date_ru;

thread_local! {
    /// The zone and a formatter for it.
    static ZONE: RefCell<Option<(String, js_sys::Intl::DateTimeFormat)>> = const { RefCell::new(None) };
}

/// Shows every time from now on in `zone` (IANA); an unknown zone keeps the browser's.
pub fn set_zone(zone: &str) {
    let opts = js_sys::Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
    }
    let locales = js_sys::Array::of1(&JsValue::from_str("en-US"));
    // `new Intl.DateTimeFormat` throws a RangeError on an unknown zone: construct it by
    // reflection so the error is a value here.
    let made = js_sys::Reflect::get(&js_sys::global(), &"Intl".into())
        .and_then(|intl| js_sys::Reflect::get(&intl, &"DateTimeFormat".into()))
        .and_then(|ctor| ctor.dyn_into::<js_sys::Function>())
        .and_then(|ctor| js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&locales, &opts)))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Intl::DateTimeFormat>().ok());
    ZONE.with(|z| *z.borrow_mut() = made.map(|f| (zone.to_string(), f)));
}

/// The zone times are shown in, with its offset now: «Asia/Yekaterinburg (UTC+05:00)».
pub fn zone_label() -> Option<String> {
    let name = ZONE.with(|z| z.borrow().as_ref().map(|(name, _)| name.clone()))?;
    let off = offset_minutes(js_sys::Date::now());
    let sign = if off < 0 { '−' } else { '+' };
    Some(format!(
        "{name} (UTC{sign}{:02}:{:02})",
        off.abs() / 60,
        off.abs() % 60
    ))
}

/// Minutes to add to UTC for the wall clock at instant `ms`.
fn offset_minutes(ms: f64) -> i64 {
    let zoned =
        ZONE.with(|z| {
            let z = z.borrow();
            let (_, fmt) = z.as_ref()?;
            let parts = fmt.format_to_parts(&js_sys::Date::new(&JsValue::from_f64(ms)));
            let mut f = [0i64; 6];
            for p in parts.iter() {
                let kind = js_sys::Reflect::get(&p, &"type".into()).ok()?.as_string()?;
                let value = js_sys::Reflect::get(&p, &"value".into())
                    .ok()?
                    .as_string()?;
                // Separators come as `literal` parts: only the six fields count.
                if let Some(i) = ["year", "month", "day", "hour", "minute", "second"]
                    .iter()
                    .position(|k| *k == kind)
                {
                    f[i] = value.parse().ok()?;
                }
            }
            let wall = NaiveDate::from_ymd_opt(f[0] as i32, f[1] as u32, f[2] as u32)?
                .and_hms_opt(f[3] as u32, f[4] as u32, f[5] as u32)?;
            let utc = DateTime::<Utc>::from_timestamp_millis(ms as i64)?.naive_utc();
            Some((wall - utc).num_minutes())
        });
    zoned.unwrap_or_else(|| {
        -(js_sys::Date::new(&JsValue::from_f64(ms)).get_timezone_offset() as i64)
    })
}

/// The local date-time of a UTC instant.
pub fn local(dt: DateTime<Utc>) -> NaiveDateTime {
    let secs = dt.timestamp();
    dt.naive_utc() + TimeDelta::minutes(offset_minutes((secs * 1000) as f64))
}

/// The UTC instant of a local date and time.
pub fn utc_of_local(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let wall = date.and_time(time);
    // The offset at the guess, then at the corrected instant (zones change offsets).
    let mut guess = wall.and_utc();
    for _ in 0..2 {
        let off = offset_minutes(guess.timestamp_millis() as f64);
        guess = (wall - TimeDelta::minutes(off)).and_utc();
    }
    Some(guess)
}

/// The current instant from the browser clock (chrono's `Utc::now` panics on wasm32).
pub fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today in the shown time zone.
pub fn today() -> NaiveDate {
    local(now()).date()
}

pub fn hhmm(dt: DateTime<Utc>) -> String {
    local(dt).format("%H:%M").to_string()
}

/// ДД.ММ.ГГГГ of a UTC instant, in the shown time zone.
pub fn date_ru(dt: DateTime<Utc>) -> String {
    format_date_ru(local(dt).date())
}

/// ДД.ММ.ГГГГ ЧЧ:ММ in the shown time zone.
pub fn datetime_ru(dt: DateTime<Utc>) -> String {
    let l = local(dt);
    format!("{} {}", format_date_ru(l.date()), l.format("%H:%M"))
}
