//! Meetings and protocols (совещания, протоколы; issue 12 §3, seed 002): invitees from
//! the composition in force that day, attendance, the agenda with speakers, proceedings
//! and поручения, the workflow planned → held → signed, the control of execution on the
//! next meeting, and the protocol as DOCX.

pub mod demo;
mod document;
pub mod files;
mod policy;
mod repo;
pub mod routes;
pub mod rules;

pub use routes::endpoints;
