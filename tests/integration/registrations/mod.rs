//! Registrations for a session: seats, the waitlist, cancelling.

pub mod access;
mod audit;
mod started;
mod waitlist;
