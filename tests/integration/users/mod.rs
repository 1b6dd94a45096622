//! Users.

pub mod access;
mod manage;
