//! The authorisation matrix: role × endpoint × own/foreign object → expected status,
//! written out by hand (not derived from the code under test). Every noun adds its
//! rows (`<noun>::access::rows()`); this one runner plays them.
//!
//! Rows run in blocks, each block on its own fresh app and [`World`], role by role
//! and row by row in the order given, so one noun's writes (an archived school, a
//! held session) cannot change another block's answers.

use crate::common::*;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

/// What a row's action may use: the app, the world, the role's token and `/auth/me`,
/// and the role's index (to make names unique).
pub struct Ctx<'a> {
    pub app: &'a TestApp,
    pub w: &'a World,
    pub t: &'a str,
    pub me: &'a Value,
    pub n: usize,
}

/// Plays one case of a noun and returns the status it got.
pub type Play = for<'a> fn(&'a Ctx<'a>, &'a str) -> Pin<Box<dyn Future<Output = u16> + 'a>>;

/// One noun's rows: case names with the expected status per role of [`ROLES`] — six
/// columns for the demo roles, or seven with the far coordinator — and how to play them.
pub struct Rows {
    pub noun: &'static str,
    pub cases: Vec<(&'static str, &'static [u16])>,
    pub play: Play,
}

async fn check(block: &str, nouns: Vec<Rows>) {
    let app = TestApp::new().await;
    let w = World::build(&app).await;
    let mut failures = Vec::new();
    let mut played = 0;
    for (i, (role, email)) in ROLES.iter().enumerate() {
        let t = app.login(email).await;
        let me = app.me(&t).await;
        let ctx = Ctx {
            app: &app,
            w: &w,
            t: &t,
            me: &me,
            n: i,
        };
        for rows in &nouns {
            for (case, expected) in &rows.cases {
                let Some(&want) = expected.get(i) else {
                    continue;
                };
                let got = (rows.play)(&ctx, case).await;
                played += 1;
                if got != want {
                    failures.push(format!(
                        "{role:>16} {:<14} {case:<32} expected {want} got {got}",
                        rows.noun
                    ));
                }
            }
        }
    }
    assert!(played > 0, "{block}: no rows");
    assert!(
        failures.is_empty(),
        "{block} authorisation matrix mismatches:\n{}",
        failures.join("\n")
    );
}

/// Schools, users, municipalities, subjects, academic years, regions, audit, stats, me.
#[actix_web::test]
async fn organisation_every_role_own_and_foreign() {
    check(
        "organisation",
        vec![
            crate::schools::access::rows(),
            crate::users::access::rows(),
            crate::accounts::access::rows(),
            crate::registry::access::rows(),
            crate::consultation_points::access::rows(),
            crate::auth::access::rows(),
        ],
    )
    .await;
}

/// Members, orders, nominations, attachments, import and export.
#[actix_web::test]
async fn composition_every_role_own_and_foreign() {
    check("composition", vec![crate::composition::access::rows()]).await;
}

/// Sessions, registrations, the dashboard, calendar feeds, notifications, the log.
#[actix_web::test]
async fn schedule_every_role_own_and_foreign() {
    check(
        "schedule",
        vec![
            crate::sessions::access::rows(),
            crate::registrations::access::rows(),
            crate::dashboard::access::rows(),
            crate::calendar::access::rows(),
            crate::notifications::access::rows(),
            crate::session_log::access::rows(),
        ],
    )
    .await;
}

/// Diagnostics and individual trajectories (professional growth).
#[actix_web::test]
async fn growth_every_role_own_and_foreign() {
    check(
        "growth",
        vec![
            crate::diagnostics::access::rows(),
            crate::trajectories::access::rows(),
        ],
    )
    .await;
}

/// Expert reviews of documents.
#[actix_web::test]
async fn reviews_every_role_own_and_foreign() {
    check("reviews", vec![crate::reviews::access::rows()]).await;
}

/// Results of assessment procedures: list, entry, import, dynamics, risks, calendar, scales.
#[actix_web::test]
async fn results_every_role_own_and_foreign() {
    check("results", vec![crate::results::access::rows()]).await;
}

/// The effectiveness review, its records, the effect analytics and the report.
#[actix_web::test]
async fn effectiveness_every_role_own_and_foreign() {
    check("effectiveness", vec![crate::effectiveness::access::rows()]).await;
}

/// The methodological library: drafts, published materials and their files.
#[actix_web::test]
async fn library_every_role_own_and_foreign() {
    check("library", vec![crate::library::access::rows()]).await;
}

/// Meetings and protocols.
#[actix_web::test]
async fn meetings_every_role_own_and_foreign() {
    check("meetings", vec![crate::meetings::access::rows()]).await;
}
