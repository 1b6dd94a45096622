//! Black-box integration tests: the real app over HTTP, each test on its own fresh
//! database, every response validated against `openapi/openapi.json`.
//! SQLite by default; `TUTORNET_TEST_DATABASE_URL=postgres://…` runs them on PostgreSQL.

mod common;

mod auth;
mod composition;
mod concurrency;
mod contract;
mod errors;
mod files;
mod mail;
mod matrix;
mod registry;
mod requests;
mod schools;
mod storage;
mod users;
