//! Small browser helpers: query strings, confirmation dialogs, the document title, file
//! reading, the clipboard and the «notifications changed» window event.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s)
        .as_string()
        .unwrap_or_default()
}

/// `a=1&b=2` from pairs, leaving out empty values.
pub fn query_string<K: AsRef<str>>(pairs: &[(K, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode(k.as_ref()), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `path` or `path?query`.
pub fn with_query<K: AsRef<str>>(path: &str, pairs: &[(K, String)]) -> String {
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

/// A window event the inbox fires after marking notifications read.
pub const NOTIFICATIONS_CHANGED: &str = "tutornet:notifications";

pub fn notifications_changed() {
    if let Some(w) = web_sys::window() {
        if let Ok(ev) = web_sys::CustomEvent::new(NOTIFICATIONS_CHANGED) {
            let _ = w.dispatch_event(&ev);
        }
    }
}

/// Reads a chosen file with a `FileReader`: `start` begins the reading, `result` makes
/// the value of what was read (`None`: unreadable).
fn read_file<T: 'static>(
    file: web_sys::File,
    start: fn(&web_sys::FileReader, &web_sys::File) -> Result<(), JsValue>,
    result: fn(JsValue) -> Option<T>,
    done: impl FnOnce(Result<T, String>) + 'static,
) {
    let Ok(reader) = web_sys::FileReader::new() else {
        done(Err("Браузер не умеет читать файлы".to_string()));
        return;
    };
    let r2 = reader.clone();
    let cb = Closure::once(move |_: JsValue| {
        let res = r2
            .result()
            .ok()
            .and_then(result)
            .ok_or_else(|| "Не удалось прочитать файл".to_string());
        done(res);
    });
    reader.set_onloadend(Some(cb.as_ref().unchecked_ref()));
    cb.forget();
    let _ = start(&reader, &file);
}

/// Reads a chosen file as base64 (without the `data:…;base64,` prefix).
pub fn read_file_base64(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    read_file(
        file,
        |r, f| r.read_as_data_url(f),
        |v| {
            v.as_string()
                .and_then(|s| s.split_once(',').map(|(_, b)| b.to_string()))
        },
        done,
    );
}

/// Reads a chosen file's bytes (FileReader, as an ArrayBuffer).
pub fn read_file_bytes(file: web_sys::File, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    read_file(
        file,
        |r, f| r.read_as_array_buffer(f),
        |v| {
            v.is_instance_of::<js_sys::ArrayBuffer>()
                .then(|| js_sys::Uint8Array::new(&v).to_vec())
        },
        done,
    );
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
