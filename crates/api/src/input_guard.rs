//! Text the databases cannot store is refused at the door: a NUL character anywhere in
//! a JSON body, the query string or the path is a 422 naming the field, on both
//! backends (PostgreSQL rejects it with an error, SQLite would store it as is).

use crate::error::AppError;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};
use serde_json::Value;

/// The middleware (wraps the API scope).
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if let Some(field) = nul_in_target(req.uri().path(), req.query_string()) {
        return Ok(refuse(req, &field));
    }
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if is_json {
        let bytes = req.extract::<web::Bytes>().await?;
        // Larger bodies are refused by the JSON extractor with 413 anyway.
        if bytes.len() <= crate::JSON_LIMIT {
            if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
                if let Some(field) = nul_in_json(&value, "") {
                    return Ok(refuse(req, &field));
                }
            }
        }
        let (_, mut payload) = actix_http::h1::Payload::create(true);
        payload.unread_data(bytes);
        req.set_payload(payload.into());
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

fn refuse(req: ServiceRequest, field: &str) -> ServiceResponse<BoxBody> {
    let err = AppError::field(
        field,
        "invalid_character",
        "Текст содержит недопустимый символ (NUL, код 0); удалите его",
    );
    req.into_response(err.error_response())
}

/// The query parameter (or `path`) whose decoded text contains NUL.
fn nul_in_target(path: &str, query: &str) -> Option<String> {
    let lower = path.to_ascii_lowercase();
    if lower.contains("%00") || path.contains('\0') {
        return Some("path".into());
    }
    if query.is_empty() {
        return None;
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    pairs
        .into_iter()
        .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        .map(|(k, _)| k.replace('\0', ""))
}

/// The dotted path (`items[2].name`) of the first string or key containing NUL.
fn nul_in_json(v: &Value, at: &str) -> Option<String> {
    match v {
        Value::String(s) if s.contains('\0') => Some(if at.is_empty() {
            "body".into()
        } else {
            at.to_string()
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| nul_in_json(x, &format!("{at}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, x)| {
            let name = if at.is_empty() {
                k.replace('\0', "")
            } else {
                format!("{at}.{}", k.replace('\0', ""))
            };
            if k.contains('\0') {
                Some(name)
            } else {
                nul_in_json(x, &name)
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_the_field_with_nul() {
        assert_eq!(
            nul_in_json(&json!({"a": "ok", "b": "x\u{0}y"}), ""),
            Some("b".into())
        );
        assert_eq!(
            nul_in_json(&json!({"items": [{"n": "ok"}, {"n": "\u{0}"}]}), ""),
            Some("items[1].n".into())
        );
        assert_eq!(nul_in_json(&json!({"a": "ok", "n": 1}), ""), None);
        assert_eq!(nul_in_target("/api/v1/schools", "q=%00x"), Some("q".into()));
        assert_eq!(
            nul_in_target("/api/v1/schools/%00", ""),
            Some("path".into())
        );
        assert_eq!(nul_in_target("/api/v1/schools", "q=%D1%88"), None);
    }
}
