//! Black-box integration tests: the real app over HTTP, each test on its own fresh
//! database, every response validated against `openapi/openapi.json`.
//! SQLite by default; `TUTORNET_TEST_DATABASE_URL=postgres://…` runs them on PostgreSQL.
//!
//! Layout: `support` (harness, spec validation, client, fixtures, the roles world),
//! `access::matrix` (one authorisation runner; every noun adds its rows), one folder
//! or file per noun with small tests by endpoint, and `scenarios` (long end-to-end paths).

mod support;
/// The harness under its historical name: `crate::common::{TestApp, ADMIN, …}`.
use support as common;

mod access;
mod accounts;
mod agenda;
mod audit;
mod auth;
mod calendar;
mod composition;
mod concurrency;
mod consultation_points;
mod contract;
mod dashboard;
mod diagnostics;
mod effectiveness;
mod errors;
mod files;
mod library;
mod mail;
mod meetings;
mod notifications;
mod registrations;
mod registry;
mod requests;
mod results;
mod reviews;
mod scenarios;
mod schools;
mod session_log;
mod sessions;
mod storage;
mod trajectories;
mod users;
