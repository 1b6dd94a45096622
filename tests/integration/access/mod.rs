//! Authorisation: one table-driven runner over every noun's rows.

pub mod matrix;
