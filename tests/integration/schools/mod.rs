//! Schools: create, filter, search, Russian order, pages, versions, archive, audit.

pub mod access;
mod flags;
mod list;
mod support;
mod write;
