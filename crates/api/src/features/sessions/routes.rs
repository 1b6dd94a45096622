use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::AppState;
use actix_web::{web, HttpResponse};
use tutornet_domain::community::{
    AmendmentInput, BusyFilter, BusySlot, RatingInput, Session, SessionCancel, SessionDetail,
    SessionFilter, SessionInput, SessionLogInput,
};
use tutornet_domain::Page;

/// The consultation point's schedule in time order, with filters (tutor, school,
/// subject, form, ШНОР only, mine, awaiting a log).
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions", params(SessionFilter), security(("bearer" = [])),
    responses((status = 200, body = Page<Session>), ReadErrors))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<SessionFilter>,
) -> AppResult<web::Json<Page<Session>>> {
    state
        .db_json(move |c| crate::features::sessions::ops::list(c, &user, &q))
        .await
}

/// Plans a session or a series (weekly; monthly at the same weekday position; once a
/// school quarter), within one academic year and out of the holidays. A double-booked
/// tutor or room is 409 naming the conflicting session; a date in a past academic year
/// or in one not yet created is 422 (later years may be planned once they exist). Linked
/// accepted requests (held by their assigned tutor) become `scheduled`, answered by the
/// whole series.
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = SessionInput, security(("bearer" = [])),
    responses((status = 201, body = Vec<Session>), WriteErrors))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<SessionInput>,
) -> AppResult<HttpResponse> {
    let created = state
        .tx(move |c| crate::features::sessions::ops::create(c, &user, &body))
        .await?;
    let location = format!(
        "/api/v1/sessions/{}",
        created.first().map(|s| s.id.as_str()).unwrap_or("")
    );
    Ok(crate::http::created(location, &created))
}

/// The chosen tutors' sessions (not cancelled) over a period, in each tutor's local
/// time: what the scheduling form shows before a session is saved. Each tutor must be
/// one whose schedule the caller may see (404 otherwise).
#[utoipa::path(get, path = "/api/v1/sessions/busy", tag = "sessions", params(BusyFilter), security(("bearer" = [])),
    responses((status = 200, body = Vec<BusySlot>), ReadErrors))]
pub async fn busy(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<BusyFilter>,
) -> AppResult<web::Json<Vec<BusySlot>>> {
    state
        .db_json(move |c| crate::features::sessions::rules::busy(c, &user, &q))
        .await
}

/// One session with registrations, log, amendments and ratings.
#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = SessionDetail), ReadErrors))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<SessionDetail>> {
    state
        .db_json(move |c| crate::features::sessions::ops::detail(c, &user, &id))
        .await
}

/// Changes one planned session (one occurrence of a series).
#[utoipa::path(put, path = "/api/v1/sessions/{id}", tag = "sessions", params(("id" = String, Path)), request_body = SessionInput,
    security(("bearer" = [])), responses((status = 200, body = Session), WriteErrors))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<SessionInput>,
) -> AppResult<web::Json<Session>> {
    state
        .tx_json(move |c| crate::features::sessions::ops::update(c, &user, &id, &body))
        .await
}

/// Cancels a planned session (reason required); participants are notified and linked
/// requests return to `accepted`.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/cancel", tag = "sessions", params(("id" = String, Path)), request_body = SessionCancel,
    security(("bearer" = [])), responses((status = 200, body = Session), WriteErrors))]
pub async fn cancel(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<SessionCancel>,
) -> AppResult<web::Json<Session>> {
    state
        .tx_json(move |c| crate::features::sessions::ops::cancel(c, &user, &id, &body))
        .await
}

/// Registers the caller for a group session; beyond the seats, on the waitlist. A session
/// that has already started takes no registrations (409 `session_started`).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/registration", tag = "sessions", params(("id" = String, Path)),
    security(("bearer" = [])), responses((status = 200, body = SessionDetail), WriteErrors))]
pub async fn register(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<SessionDetail>> {
    state
        .tx_json(move |c| crate::features::sessions::ops::register(c, &user, &id))
        .await
}

/// Cancels the caller's registration; the first on the waitlist moves up.
#[utoipa::path(delete, path = "/api/v1/sessions/{id}/registration", tag = "sessions", params(("id" = String, Path)),
    security(("bearer" = [])), responses((status = 200, body = SessionDetail), WriteErrors))]
pub async fn unregister(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> AppResult<web::Json<SessionDetail>> {
    state
        .tx_json(move |c| crate::features::sessions::ops::unregister(c, &user, &id))
        .await
}

/// Logs the session as held: attendance, students (class and count), outcome, summary,
/// private notes, materials. Linked requests become `done`.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/log", tag = "sessions", params(("id" = String, Path)), request_body = SessionLogInput,
    security(("bearer" = [])), responses((status = 200, body = SessionDetail), WriteErrors))]
pub async fn log(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<SessionLogInput>,
) -> AppResult<web::Json<SessionDetail>> {
    state
        .tx_json(move |c| crate::features::sessions::ops::log(c, &user, &id, &body))
        .await
}

/// Corrects a held session's log; the correction is kept with author and time.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/amendments", tag = "sessions", params(("id" = String, Path)), request_body = AmendmentInput,
    security(("bearer" = [])), responses((status = 200, body = SessionDetail), WriteErrors))]
pub async fn amend(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<AmendmentInput>,
) -> AppResult<web::Json<SessionDetail>> {
    state
        .tx_json(move |c| crate::features::sessions::ops::amend(c, &user, &id, &body))
        .await
}

/// A participant rates a held session once (1–5, optional comment).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/ratings", tag = "sessions", params(("id" = String, Path)), request_body = RatingInput,
    security(("bearer" = [])), responses((status = 200, body = SessionDetail), WriteErrors))]
pub async fn rate(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: web::Json<RatingInput>,
) -> AppResult<web::Json<SessionDetail>> {
    state
        .tx_json(move |c| crate::features::sessions::ops::rate(c, &user, &id, &body))
        .await
}

crate::http::endpoints![
    list, create, busy, get, update, cancel, register, unregister, log, amend, rate
];
