//! Every answer of a documented path is checked against the committed
//! `openapi/openapi.json`: a documented status, content type and body schema.

use super::app::Resp;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The committed spec.
pub fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(repo_root().join("openapi/openapi.json"))
            .expect("openapi/openapi.json is committed");
        serde_json::from_str(&text).expect("openapi.json is JSON")
    })
}

/// Finds the spec's path template for a concrete path.
fn template_for(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or(path);
    let segs: Vec<&str> = path.split('/').collect();
    spec()["paths"].as_object()?.keys().find_map(|t| {
        let ts: Vec<&str> = t.split('/').collect();
        (ts.len() == segs.len()
            && ts
                .iter()
                .zip(&segs)
                .all(|(a, b)| a == b || (a.starts_with('{') && a.ends_with('}'))))
        .then(|| t.clone())
    })
}

type Cache = Mutex<HashMap<String, Arc<jsonschema::Validator>>>;

fn validator(key: &str, schema: &Value) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(key.to_string())
        .or_insert_with(|| {
            let doc = json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "components": spec()["components"],
                "allOf": [schema],
            });
            Arc::new(
                jsonschema::validator_for(&doc).unwrap_or_else(|e| panic!("schema for {key}: {e}")),
            )
        })
        .clone()
}

/// Every answer of a documented path must be a documented status with a body that
/// matches its schema and content type.
pub(super) fn check_against_spec(method: &str, path: &str, resp: &Resp) {
    let Some(template) = template_for(path) else {
        // Undocumented paths must still answer problem+json (404).
        if path.starts_with("/api/") {
            assert_eq!(
                resp.status, 404,
                "undocumented path {path} answered {}",
                resp.status
            );
        }
        return;
    };
    let op = &spec()["paths"][&template][method.to_lowercase()];
    if op.is_null() {
        assert_eq!(
            resp.status, 405,
            "{method} {template} is not in the spec but answered {}",
            resp.status
        );
        assert!(resp.header("allow").is_some(), "405 without Allow");
        return;
    }
    let status = resp.status.to_string();
    let r = &op["responses"][&status];
    assert!(
        !r.is_null(),
        "{method} {template} answered {status}, which the spec does not document: {}",
        resp.body
    );
    let Some(content) = r["content"].as_object() else {
        assert!(
            resp.body.is_null(),
            "{method} {template} {status}: the spec documents no body, got {}",
            resp.body
        );
        return;
    };
    let ct = resp.header("content-type").unwrap_or_default();
    let (media, media_obj) = content
        .iter()
        .find(|(k, _)| ct.starts_with(k.as_str()))
        .unwrap_or_else(|| {
            panic!(
                "{method} {template} {status}: content type {ct} not in spec ({:?})",
                content.keys()
            )
        });
    let schema = &media_obj["schema"];
    let v = validator(&format!("{method} {template} {status} {media}"), schema);
    let errors: Vec<String> = v
        .iter_errors(&resp.body)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {status}: body does not match the spec: {errors:?}\nbody: {}",
        resp.body
    );
}
