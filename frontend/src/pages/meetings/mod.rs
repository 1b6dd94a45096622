//! Meetings and protocols: the list, calling a meeting, its card (attendance, agenda,
//! поручения, control of execution, the protocol preview and DOCX).

pub mod card;
mod editor;
pub mod form;
pub mod list;
mod protocol;
