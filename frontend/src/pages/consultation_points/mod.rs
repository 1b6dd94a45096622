//! `/consultation-points`: the municipality's consultation points (list and form).

pub mod form;
pub mod list;
