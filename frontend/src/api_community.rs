//! Calls of the community pages (requests, sessions, composition) on top of [`Api`]:
//! downloads, 204 answers, shared reference lists, local-time conversions and the
//! «notifications changed» signal between the inbox and the navigation badge.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use gloo_net::http::Method;
use serde::Serialize;
use tutornet_domain::composition::{Member, MemberStatus};
use tutornet_domain::org::{AcademicYear, School, Subject};
use tutornet_domain::text::sort_ru;
use tutornet_domain::{Page, Problem};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::api::{Api, Query};

/// A window event the inbox fires after marking notifications read.
pub const NOTIFICATIONS_CHANGED: &str = "tutornet:notifications";

pub fn notifications_changed() {
    if let Some(w) = web_sys::window() {
        if let Ok(ev) = web_sys::CustomEvent::new(NOTIFICATIONS_CHANGED) {
            let _ = w.dispatch_event(&ev);
        }
    }
}

/// A POST that answers 204 No Content.
pub async fn post_empty<B: Serialize>(api: Api, path: &str, body: &B) -> Result<(), Problem> {
    let body = serde_json::to_string(body).unwrap_or_default();
    api.raw(Method::POST, path, Vec::new(), Some(body))
        .await
        .map(|_| ())
}

/// A DELETE that answers 204 No Content.
pub async fn delete_empty(api: Api, path: &str) -> Result<(), Problem> {
    api.raw(Method::DELETE, path, Vec::new(), None)
        .await
        .map(|_| ())
}

/// The file name of a `Content-Disposition` header (`filename="…"` or `filename*=UTF-8''…`).
fn disposition_name(h: &str) -> Option<String> {
    if let Some(i) = h.find("filename*=") {
        let v = h[i + 10..].split(';').next()?.trim();
        let v = v.rsplit("''").next()?;
        return js_sys::decode_uri_component(v)
            .ok()
            .and_then(|s| s.as_string());
    }
    let i = h.find("filename=")?;
    let v = h[i + 9..].split(';').next()?.trim().trim_matches('"');
    (!v.is_empty()).then(|| v.to_string())
}

/// Fetches a file with the Bearer header and hands it to the browser as a download.
pub async fn download(
    api: Api,
    path: &str,
    query: Query,
    fallback_name: &str,
) -> Result<(), Problem> {
    let resp = api.raw(Method::GET, path, query, None).await?;
    let mime = resp
        .headers()
        .get("content-type")
        .unwrap_or_else(|| "application/octet-stream".to_string());
    let name = resp
        .headers()
        .get("content-disposition")
        .and_then(|h| disposition_name(&h))
        .unwrap_or_else(|| fallback_name.to_string());
    let bytes = resp.binary().await.map_err(|e| {
        Problem::new(
            0,
            "network_error",
            "Нет связи с сервером",
            format!("Файл не загрузился: {e}"),
        )
    })?;
    save_bytes(&bytes, &name, &mime);
    Ok(())
}

fn save_bytes(bytes: &[u8], name: &str, mime: &str) {
    let arr = js_sys::Array::new();
    arr.push(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&arr, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Ok(a) = doc.create_element("a") {
            if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
                a.set_href(&url);
                a.set_download(name);
                let _ = a.style().set_property("display", "none");
                if let Some(body) = doc.body() {
                    let _ = body.append_child(&a);
                    a.click();
                    let _ = body.remove_child(&a);
                }
            }
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Reads a chosen file as base64 (without the `data:…;base64,` prefix).
pub fn read_file_base64(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    let Ok(reader) = web_sys::FileReader::new() else {
        done(Err("Браузер не умеет читать файлы".to_string()));
        return;
    };
    let r2 = reader.clone();
    let cb = Closure::once(move |_: JsValue| {
        let res = r2
            .result()
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|s| s.split_once(',').map(|(_, b)| b.to_string()))
            .ok_or_else(|| "Не удалось прочитать файл".to_string());
        done(res);
    });
    reader.set_onloadend(Some(cb.as_ref().unchecked_ref()));
    cb.forget();
    let _ = reader.read_as_data_url(&file);
}

/// Reads a chosen file's bytes (FileReader, as an ArrayBuffer).
pub fn read_file_bytes(file: web_sys::File, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    let Ok(reader) = web_sys::FileReader::new() else {
        done(Err("Браузер не умеет читать файлы".to_string()));
        return;
    };
    let r2 = reader.clone();
    let cb = Closure::once(move |_: JsValue| {
        let res = r2
            .result()
            .ok()
            .filter(|v| v.is_instance_of::<js_sys::ArrayBuffer>())
            .map(|v| js_sys::Uint8Array::new(&v).to_vec())
            .ok_or_else(|| "Не удалось прочитать файл".to_string());
        done(res);
    });
    reader.set_onloadend(Some(cb.as_ref().unchecked_ref()));
    cb.forget();
    let _ = reader.read_as_array_buffer(&file);
}

/// Copies text to the clipboard (best effort).
pub fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// `https://host` of the page.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

// ---- Local time ----

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

// ---- Reference lists ----

/// Subjects as (id, name), sorted.
pub async fn subjects(api: Api) -> Vec<(String, String)> {
    match api.get::<Page<Subject>>("/subjects", Vec::new()).await {
        Ok(p) => {
            let mut v = p.items;
            sort_ru(&mut v, |s| &s.name);
            v.into_iter().map(|s| (s.id, s.name)).collect()
        }
        Err(_) => Vec::new(),
    }
}

/// Schools the user sees as (id, short name), sorted.
pub async fn schools(api: Api, municipality_id: Option<String>) -> Vec<School> {
    let mut q = vec![("limit", "200".to_string())];
    if let Some(m) = municipality_id {
        q.push(("municipality_id", m));
    }
    match api.get::<Page<School>>("/schools", q).await {
        Ok(p) => {
            let mut v = p.items;
            sort_ru(&mut v, |s| &s.short_name);
            v
        }
        Err(_) => Vec::new(),
    }
}

/// Approved members of the current composition who have an account: (user id, name).
pub async fn tutors(api: Api) -> Vec<(String, String)> {
    let q = vec![
        ("status", MemberStatus::Approved.as_str().to_string()),
        ("limit", "200".to_string()),
    ];
    match api.get::<Page<Member>>("/composition/members", q).await {
        Ok(p) => {
            let mut v: Vec<(String, String)> = p
                .items
                .into_iter()
                .filter_map(|m| m.user_id.map(|u| (u, m.full_name)))
                .collect();
            sort_ru(&mut v, |t| &t.1);
            v.dedup_by(|a, b| a.0 == b.0);
            v
        }
        Err(_) => Vec::new(),
    }
}

/// The current academic year, if set.
pub async fn current_year(api: Api) -> Option<AcademicYear> {
    api.get::<Page<AcademicYear>>("/academic-years", Vec::new())
        .await
        .ok()
        .and_then(|p| p.items.into_iter().find(|y| y.is_current))
}

/// (value, label) pairs of a labelled enum.
pub fn enum_options<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (key(*v).to_string(), label(*v).to_string()))
        .collect()
}

/// The id a conflict's detail names («… (…, id 0190…)»), to link to that session.
pub fn conflict_session_id(detail: &str) -> Option<String> {
    let i = detail.rfind("id ")?;
    let id: String = detail[i + 3..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (id.len() >= 8).then_some(id)
}
