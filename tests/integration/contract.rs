//! The committed spec is what the code generates, and documents what it must.

use crate::common::spec;

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

#[test]
fn every_route_in_the_route_table_is_in_the_spec() {
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../crates/api/src/routes/mod.rs"
    ))
    .expect("routes/mod.rs");
    let paths = spec()["paths"].as_object().expect("paths");
    let mut missing = Vec::new();
    let mut count = 0;
    for part in table.split("resource(\"").skip(1) {
        let route = &part[..part.find('"').expect("closing quote")];
        count += 1;
        let full = format!("/api/v1{route}");
        if !paths.contains_key(&full) {
            missing.push(full);
        }
    }
    assert!(count > 40, "parsed only {count} routes");
    assert!(
        missing.is_empty(),
        "routes without an OpenAPI path: {missing:?}"
    );
    assert_eq!(
        count,
        paths.len(),
        "the spec documents paths the route table lacks"
    );
}
