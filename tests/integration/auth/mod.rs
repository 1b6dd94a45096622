//! Logging in, tokens, refresh rotation, throttling, passwords.

pub mod access;
mod login;
mod password;
mod refresh;
mod throttling;
