//! One registration per endpoint. A handler's `#[utoipa::path(method, path = ..)]` is the
//! only place that names its method and path; each routes module lists its handlers once
//! with [`endpoints!`], and from that one list come both the actix routes and the OpenAPI
//! paths, so the two cannot drift.
//!
//! Routes are grouped into one `web::resource(path)` per path with one route per method,
//! so actix answers any other method with 405 and an `Allow` header.

use actix_web::http::Method;
use actix_web::{web, FromRequest, Handler, Responder, Route};
use std::collections::BTreeMap;
use utoipa::openapi::path::{PathItem, Paths};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;

/// Every documented path starts with this; the actix scope in `lib.rs` adds it back.
pub const PREFIX: &str = "/api/v1";

/// Declares a routes module's endpoints, once: generates `pub fn endpoints(api: &mut Api)`
/// that adds each handler's route and OpenAPI operation, both read from its
/// `#[utoipa::path]` attribute.
///
/// ```ignore
/// crate::http::endpoints![list, create, get, update, archive];
/// ```
macro_rules! endpoints {
    ($($handler:ident),+ $(,)?) => {
        /// Adds this module's endpoints (route and OpenAPI operation) to `api`.
        pub fn endpoints(api: &mut $crate::http::registry::Api) {
            $({
                // The handler's own one-operation document, built by utoipa's derive
                // exactly as a `paths(..)` list would build it (tags, schemas included).
                #[derive(utoipa::OpenApi)]
                #[openapi(paths($handler))]
                struct Doc;
                api.add(
                    <Doc as utoipa::OpenApi>::openapi(),
                    concat!(module_path!(), "::", stringify!($handler)),
                    $handler,
                );
            })+
        }
    };
}
pub(crate) use endpoints;

/// The API being assembled: actix resources (in registration order) and OpenAPI paths.
#[derive(Default)]
pub struct Api {
    resources: Vec<(String, Vec<(Method, Route)>)>,
    paths: Paths,
    schemas: BTreeMap<String, RefOr<Schema>>,
}

impl Api {
    /// Adds one handler, whose one-operation document `doc` says its path and method(s).
    /// Panics (at start-up, and so in every test) on a handler without exactly one path,
    /// a path outside [`PREFIX`] or a (path, method) registered twice.
    pub fn add<F, Args>(&mut self, doc: utoipa::openapi::OpenApi, name: &str, handler: F)
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let mut paths = doc.paths.paths.into_iter();
        let (Some((path, item)), None) = (paths.next(), paths.next()) else {
            panic!("{name}: #[utoipa::path] must declare exactly one path");
        };
        let local = path
            .strip_prefix(PREFIX)
            .filter(|p| p.starts_with('/'))
            .unwrap_or_else(|| panic!("{name}: path {path} is not under {PREFIX}"))
            .to_string();
        let methods = methods(&item);
        assert!(!methods.is_empty(), "{name}: no method for {path}");

        let at = match self.resources.iter().position(|(p, _)| *p == local) {
            Some(at) => at,
            None => {
                self.resources.push((local, Vec::new()));
                self.resources.len() - 1
            }
        };
        let routes = &mut self.resources[at].1;
        for m in methods {
            assert!(
                routes.iter().all(|(have, _)| *have != m),
                "{name}: {m} {path} is registered twice"
            );
            routes.push((m.clone(), web::method(m).to(handler.clone())));
        }

        // As `PathsBuilder::path` does for utoipa's own `paths(..)` list.
        match self.paths.paths.get_mut(&path) {
            Some(existing) => existing.merge_operations(item),
            None => {
                self.paths.paths.insert(path, item);
            }
        }
        if let Some(components) = doc.components {
            self.schemas.extend(components.schemas);
        }
    }

    /// The actix side: one resource per path, one route per method. Paths with fewer
    /// `{parameters}` come first, so a literal path (`/calendar/feeds`) is never shadowed
    /// by a parameterised one (`/calendar/{file}`) whatever the order of registration.
    pub fn configure(self, cfg: &mut web::ServiceConfig) {
        let mut resources = self.resources;
        resources.sort_by_key(|(path, _)| path.matches('{').count());
        for (path, routes) in resources {
            let resource = routes
                .into_iter()
                .fold(web::resource(path), |r, (_, route)| r.route(route));
            cfg.service(resource);
        }
    }

    /// The OpenAPI side: sets `doc`'s paths and adds the schemas they reference.
    pub fn document(self, doc: &mut utoipa::openapi::OpenApi) {
        doc.paths = self.paths;
        doc.components
            .get_or_insert_with(Default::default)
            .schemas
            .extend(self.schemas);
    }
}

fn methods(item: &PathItem) -> Vec<Method> {
    [
        (Method::GET, &item.get),
        (Method::POST, &item.post),
        (Method::PUT, &item.put),
        (Method::DELETE, &item.delete),
        (Method::PATCH, &item.patch),
        (Method::HEAD, &item.head),
        (Method::OPTIONS, &item.options),
        (Method::TRACE, &item.trace),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.is_some().then_some(m))
    .collect()
}
