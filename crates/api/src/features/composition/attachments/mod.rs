//! Attachments (закрепление) of approved tutors to schools and teachers.

pub(super) mod policy;
pub(super) mod repo;
pub(super) mod rows;
pub mod rules;
