//! Users.

pub mod access;
pub mod import;
mod manage;
