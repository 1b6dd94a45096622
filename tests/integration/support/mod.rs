//! Shared by every noun: the app harness, spec validation, a small typed client,
//! fixtures (builders for schools, users, requests, sessions, members…) and the roles
//! world (each demo role logged in, own and foreign objects).
//!
//! `crate::common` is an alias of this module, so `use crate::common::*;` keeps working.

mod app;
mod client;
mod fixtures;
mod spec;
mod world;

// The harness API stays whole (`crate::common::Resp`, `fresh_database`) even where
// no test names an item today.
#[allow(unused_imports)]
pub use app::{fresh_database, Resp, TestApp};
pub use client::{download, get_raw, step, upload};
pub use fixtures::*;
pub use spec::spec;
pub use world::*;
