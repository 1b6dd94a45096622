//! Schools' nominations of teachers to the composition.

pub mod form;
pub mod list;
