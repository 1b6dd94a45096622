//! Stored files: downloads with the Bearer header, uploads of session materials and order
//! scans, and removal.

use gloo_net::http::Method;
use tutornet_domain::files::StoredFile;
use tutornet_domain::Problem;
use wasm_bindgen::JsCast;

use super::client::{self, Query, BASE};

/// Where an uploaded file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadTarget {
    /// A material of a session (added to its list).
    SessionMaterial(String),
    /// The scan of an order (replaces the previous one).
    OrderScan(String),
    /// A document of a request (added to its list).
    RequestDocument(String),
    /// The document under an expert review (added to its list).
    ReviewDocument(String),
    /// A file of a library material (added to the version being edited; up to 50 MB).
    LibraryMaterial(String),
    /// An attachment of a meeting.
    MeetingFile(String),
}

impl UploadTarget {
    /// The largest file the target takes.
    pub fn max_bytes(&self) -> usize {
        match self {
            UploadTarget::LibraryMaterial(_) => tutornet_domain::library::MAX_LIBRARY_FILE_BYTES,
            _ => tutornet_domain::files::MAX_FILE_BYTES,
        }
    }
}

/// Sends a file's bytes to `target`.
pub async fn upload(
    target: &UploadTarget,
    name: String,
    bytes: Vec<u8>,
    content_type: &str,
) -> Result<StoredFile, Problem> {
    let (method, path) = match target {
        UploadTarget::SessionMaterial(id) => (Method::POST, format!("/sessions/{id}/files")),
        UploadTarget::OrderScan(id) => (Method::PUT, format!("/composition/orders/{id}/file")),
        UploadTarget::RequestDocument(id) => (Method::POST, format!("/requests/{id}/files")),
        UploadTarget::ReviewDocument(id) => (Method::POST, format!("/reviews/{id}/files")),
        UploadTarget::LibraryMaterial(id) => (Method::POST, format!("/library/{id}/files")),
        UploadTarget::MeetingFile(id) => (Method::POST, format!("/meetings/{id}/files")),
    };
    let q = vec![("name".to_string(), name)];
    client::upload(method, &path, &q, bytes, content_type).await
}

/// The API path of a stored file (its `url` without the `/api/v1` prefix).
fn path_of(file: &StoredFile) -> &str {
    file.url.strip_prefix(BASE).unwrap_or(&file.url)
}

/// Removes a stored file.
pub async fn remove(file: &StoredFile) -> Result<(), Problem> {
    client::delete_empty(path_of(file)).await
}

/// Downloads a stored file under its own name.
pub async fn fetch(file: &StoredFile) -> Result<(), Problem> {
    download(path_of(file), &Vec::new(), &file.file_name).await
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
pub async fn download(path: &str, query: &Query, fallback_name: &str) -> Result<(), Problem> {
    let resp = client::raw(Method::GET, path, query, None).await?;
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

/// Saves a base64 file of an answer (e.g. a printable list) as a download; `false` if it
/// does not decode.
pub fn save_base64(b64: &str, name: &str, mime: &str) -> bool {
    let Some(bin) = web_sys::window().and_then(|w| w.atob(b64).ok()) else {
        return false;
    };
    let bytes: Vec<u8> = bin.chars().map(|c| c as u32 as u8).collect();
    save_bytes(&bytes, name, mime);
    true
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
