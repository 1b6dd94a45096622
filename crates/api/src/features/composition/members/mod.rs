//! Members of the composition: nominated, approved by an order, excluded by an order.

pub(super) mod account;
pub(super) mod policy;
pub(super) mod repo;
pub(super) mod rows;
pub mod rules;
