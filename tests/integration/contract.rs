//! The committed spec is what the code generates, and documents what it must.

use crate::common::{spec, TestApp};

#[test]
fn committed_spec_matches_the_code() {
    let generated = tutornet_api::openapi::spec_json();
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/openapi.json"
    ))
    .expect("openapi/openapi.json");
    assert!(
        generated == committed,
        "openapi/openapi.json differs from the code: run scripts/update-openapi.sh and commit it"
    );
}

#[test]
fn every_operation_documents_errors_and_security() {
    let public = [
        "/api/v1/health",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        // One-time links: the e-mail address or the link's token is all there is.
        "/api/v1/auth/password-reset",
        "/api/v1/auth/password-set",
        // The iCal feed: its secret URL is the credential.
        "/api/v1/calendar/{file}",
    ];
    let paths = spec()["paths"].as_object().expect("paths");
    assert!(paths.len() >= 20, "too few paths: {}", paths.len());
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses
                    .keys()
                    .any(|s| s.starts_with('4') || s.starts_with('5')),
                "{method} {path} documents no error response"
            );
            for (status, r) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        r["content"]["application/problem+json"].is_object(),
                        "{method} {path} {status} is not problem+json"
                    );
                }
            }
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            assert_eq!(
                secured,
                !public.contains(&path.as_str()),
                "{method} {path}: security"
            );
            if secured {
                assert!(responses.contains_key("401"), "{method} {path} lacks 401");
            }
        }
    }
}

#[test]
fn readme_shows_the_current_permission_matrix() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    assert!(
        readme.contains(tutornet_domain::permissions::matrix_markdown().trim()),
        "README.md's permission matrix is stale: paste the output of `tutornet permissions`"
    );
}

/// The route table and the spec are built from one registration per endpoint, and this
/// checks the result from outside: every documented (path, method) reaches a handler —
/// whatever it answers, it is neither the API's «no such address» 404 nor a 405 — and
/// every other method on a documented path is 405 with an `Allow` naming exactly the
/// documented methods.
#[actix_web::test]
async fn every_documented_operation_is_routed_and_other_methods_get_405() {
    use std::collections::BTreeSet;
    let app = TestApp::new().await;
    let probe = "/api/v1/no-such-route";
    let unrouted = app.call("GET", probe, None, None).await;
    assert_eq!(unrouted.status, 404);
    let unrouted_detail = |path: &str| {
        unrouted.body["detail"]
            .as_str()
            .expect("detail")
            .replace(probe, path)
    };

    let paths = spec()["paths"].as_object().expect("paths");
    let mut operations = 0;
    for (template, ops) in paths {
        let path = template
            .split('/')
            .map(|s| if s.starts_with('{') { "0" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        let documented: BTreeSet<String> = ops
            .as_object()
            .expect("operations")
            .keys()
            .map(|m| m.to_uppercase())
            .collect();
        for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
            let r = app.call(method, &path, None, None).await;
            if documented.contains(method) {
                operations += 1;
                assert_ne!(r.status, 405, "{method} {template} answered 405");
                assert!(
                    !(r.status == 404 && r.body["detail"] == unrouted_detail(&path).as_str()),
                    "{method} {template} is documented but not routed"
                );
            } else {
                assert_eq!(r.status, 405, "{method} {template} answered {}", r.status);
                let allow: BTreeSet<String> = r
                    .header("allow")
                    .unwrap_or_else(|| panic!("{method} {template}: 405 without Allow"))
                    .split(',')
                    .map(|m| m.trim().to_string())
                    .collect();
                assert_eq!(allow, documented, "{method} {template}: Allow");
            }
        }
    }
    let in_spec: usize = paths
        .values()
        .map(|ops| ops.as_object().unwrap().len())
        .sum();
    assert_eq!(operations, in_spec);
    assert!(operations > 80, "only {operations} operations in the spec");
}
