//! Orders (приказы) that approve and exclude members.

pub(super) mod policy;
pub(super) mod repo;
pub(super) mod rows;
pub mod rules;
