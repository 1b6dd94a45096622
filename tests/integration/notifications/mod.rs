//! The in-app inbox.

pub mod access;
mod inbox;
