//! The built SPA at `/`, with client routes falling back to `index.html`.

use crate::error::AppError;
use actix_web::{web, HttpRequest, HttpResponse};
use std::path::PathBuf;

pub fn configure(cfg: &mut web::ServiceConfig, dir: PathBuf) {
    let index = dir.join("index.html");
    if index.is_file() {
        cfg.service(
            actix_files::Files::new("/", dir)
                .index_file("index.html")
                .default_handler(web::to(move |req: HttpRequest| {
                    let index = index.clone();
                    async move { fallback(req, index).await }
                })),
        );
    } else {
        tracing::warn!(dir = %dir.display(), "SPA not built: run scripts/build-frontend.sh");
        cfg.default_service(web::to(|req: HttpRequest| async move {
            if req.path().starts_with("/api") {
                return Err(AppError::NotFound("Такого адреса нет".into()));
            }
            Ok(HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(
                    "<!doctype html><html lang=ru><meta charset=utf-8><title>tutornet</title>\
                 <p>Интерфейс не собран: выполните <code>scripts/build-frontend.sh</code>. \
                 API: <a href=/api/docs/>/api/docs/</a></p></html>",
                ))
        }));
    }
}

async fn fallback(req: HttpRequest, index: PathBuf) -> Result<HttpResponse, AppError> {
    if req.path().starts_with("/api") {
        return Err(AppError::NotFound("Такого адреса нет".into()));
    }
    let file = actix_files::NamedFile::open_async(index)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(file.into_response(&req))
}
