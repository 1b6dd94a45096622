//! Secret iCal feeds: personal or the municipality's.

pub mod access;
mod audit;
mod feeds;
mod revoke;
mod schedule;
mod status;
