//! Secret iCal feeds: personal or the municipality's.

pub mod access;
mod feeds;
mod revoke;
