//! The route table: one place that lists every endpoint. Handlers are thin: extract,
//! call the resource's `db` module, wrap the answer.

pub mod academic_years;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod composition;
pub mod dashboard;
pub mod files;
pub mod health;
pub mod municipalities;
pub mod notifications;
pub mod regions;
pub mod requests;
pub mod schools;
pub mod sessions;
pub mod spa;
pub mod stats;
pub mod subjects;
pub mod users;

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    use web::{delete, get, post, put, resource};
    cfg.service(resource("/health").route(get().to(health::health)))
        .service(resource("/auth/login").route(post().to(auth::login)))
        .service(resource("/auth/refresh").route(post().to(auth::refresh)))
        .service(resource("/auth/logout").route(post().to(auth::logout)))
        .service(resource("/auth/me").route(get().to(auth::me)))
        .service(resource("/auth/password").route(post().to(auth::change_password)))
        .service(resource("/stats").route(get().to(stats::stats)))
        .service(resource("/audit").route(get().to(audit::list)))
        .service(resource("/regions").route(get().to(regions::list)))
        .service(
            resource("/regions/{id}")
                .route(get().to(regions::get))
                .route(put().to(regions::update)),
        )
        .service(
            resource("/municipalities")
                .route(get().to(municipalities::list))
                .route(post().to(municipalities::create)),
        )
        .service(
            resource("/municipalities/{id}")
                .route(get().to(municipalities::get))
                .route(put().to(municipalities::update))
                .route(delete().to(municipalities::archive)),
        )
        .service(resource("/municipalities/{id}/restore").route(post().to(municipalities::restore)))
        .service(
            resource("/schools")
                .route(get().to(schools::list))
                .route(post().to(schools::create)),
        )
        .service(
            resource("/schools/{id}")
                .route(get().to(schools::get))
                .route(put().to(schools::update))
                .route(delete().to(schools::archive)),
        )
        .service(resource("/schools/{id}/restore").route(post().to(schools::restore)))
        .service(
            resource("/subjects")
                .route(get().to(subjects::list))
                .route(post().to(subjects::create)),
        )
        .service(
            resource("/subjects/{id}")
                .route(get().to(subjects::get))
                .route(put().to(subjects::update))
                .route(delete().to(subjects::archive)),
        )
        .service(
            resource("/academic-years")
                .route(get().to(academic_years::list))
                .route(post().to(academic_years::create)),
        )
        .service(
            resource("/academic-years/{id}")
                .route(get().to(academic_years::get))
                .route(put().to(academic_years::update))
                .route(delete().to(academic_years::archive)),
        )
        .service(
            resource("/users")
                .route(get().to(users::list))
                .route(post().to(users::create)),
        )
        .service(
            resource("/users/{id}")
                .route(get().to(users::get))
                .route(put().to(users::update))
                .route(delete().to(users::archive)),
        )
        .service(resource("/users/{id}/password").route(post().to(users::reset_password)))
        .service(
            resource("/composition/members")
                .route(get().to(composition::list_members))
                .route(post().to(composition::create_member)),
        )
        .service(
            resource("/composition/members/{id}")
                .route(get().to(composition::get_member))
                .route(put().to(composition::update_member))
                .route(delete().to(composition::archive_member)),
        )
        .service(
            resource("/composition/members/{id}/attachments")
                .route(get().to(composition::list_attachments))
                .route(post().to(composition::create_attachment)),
        )
        .service(
            resource("/composition/attachments/{id}")
                .route(delete().to(composition::archive_attachment)),
        )
        .service(
            resource("/composition/orders")
                .route(get().to(composition::list_orders))
                .route(post().to(composition::create_order)),
        )
        .service(resource("/composition/orders/{id}").route(get().to(composition::get_order)))
        .service(
            resource("/composition/import/preview").route(post().to(composition::import_preview)),
        )
        .service(
            resource("/composition/import/confirm").route(post().to(composition::import_confirm)),
        )
        .service(resource("/composition/export.xlsx").route(get().to(composition::export_xlsx)))
        .service(resource("/composition/export.docx").route(get().to(composition::export_docx)))
        .service(
            resource("/nominations")
                .route(get().to(composition::list_nominations))
                .route(post().to(composition::create_nomination)),
        )
        .service(resource("/nominations/{id}").route(get().to(composition::get_nomination)))
        .service(
            resource("/nominations/{id}/decision").route(post().to(composition::decide_nomination)),
        )
        .service(
            resource("/requests")
                .route(get().to(requests::list))
                .route(post().to(requests::create)),
        )
        .service(resource("/requests/{id}").route(get().to(requests::get)))
        .service(resource("/requests/{id}/transitions").route(post().to(requests::transition)))
        .service(
            resource("/requests/{id}/tutor-suggestions").route(get().to(requests::suggestions)),
        )
        .service(
            resource("/sessions")
                .route(get().to(sessions::list))
                .route(post().to(sessions::create)),
        )
        .service(
            resource("/sessions/{id}")
                .route(get().to(sessions::get))
                .route(put().to(sessions::update)),
        )
        .service(resource("/sessions/{id}/cancel").route(post().to(sessions::cancel)))
        .service(
            resource("/sessions/{id}/registration")
                .route(post().to(sessions::register))
                .route(delete().to(sessions::unregister)),
        )
        .service(resource("/sessions/{id}/log").route(post().to(sessions::log)))
        .service(resource("/sessions/{id}/amendments").route(post().to(sessions::amend)))
        .service(resource("/sessions/{id}/ratings").route(post().to(sessions::rate)))
        .service(resource("/notifications").route(get().to(notifications::list)))
        .service(resource("/notifications/read-all").route(post().to(notifications::read_all)))
        .service(resource("/notifications/{id}/read").route(post().to(notifications::read)))
        .service(resource("/dashboard").route(get().to(dashboard::dashboard)))
        .service(resource("/composition/orders/{id}/file").route(put().to(files::put_order_file)))
        .service(resource("/sessions/{id}/files").route(post().to(files::add_session_file)))
        .service(
            resource("/files/{id}")
                .route(get().to(files::download))
                .route(delete().to(files::archive)),
        )
        .service(resource("/calendar/feeds").route(post().to(calendar::create)))
        .service(resource("/calendar/feeds/{id}").route(delete().to(calendar::revoke)))
        .service(resource("/calendar/{file}").route(get().to(calendar::ics)));
}

/// 201 with `Location`.
pub fn created<T: Serialize>(location: String, body: &T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(body)
}

/// `?include_archived=` for the small dictionaries.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ArchivedParam {
    /// Include archived records.
    pub include_archived: Option<bool>,
}
