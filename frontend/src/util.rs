//! Small helpers: Russian dates with local time, query strings, confirmation dialogs.

use chrono::{DateTime, TimeDelta, Utc};
use tutornet_domain::text::format_date_ru;
use wasm_bindgen::JsValue;

/// The browser's local date-time of a UTC instant.
fn local(dt: DateTime<Utc>) -> chrono::NaiveDateTime {
    let ms = dt.timestamp_millis() as f64;
    // Minutes to add to local time to get UTC (e.g. -180 in Moscow).
    let offset = js_sys::Date::new(&JsValue::from_f64(ms)).get_timezone_offset();
    dt.naive_utc() - TimeDelta::minutes(offset as i64)
}

/// ДД.ММ.ГГГГ ЧЧ:ММ in the browser's time zone.
pub fn datetime_ru(dt: DateTime<Utc>) -> String {
    let l = local(dt);
    format!("{} {}", format_date_ru(l.date()), l.format("%H:%M"))
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s)
        .as_string()
        .unwrap_or_default()
}

/// `a=1&b=2` from pairs, leaving out empty values.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `path` or `path?query`.
pub fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    let q = query_string(pairs);
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// A browser confirmation dialog; `true` when there is no window.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(true)
}

/// `Some(s)` unless blank.
pub fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

pub use tutornet_domain::text::plural;

/// Sets the document title («… — tutornet»).
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{title} — tutornet"));
    }
}
