//! The composition of the tutor community, one part a folder — members, orders
//! (приказы), nominations, attachments (закрепление) — each with `rows` (diesel rows),
//! `repo` (queries), `rules` (the operations: validate → access → repo → audit) and
//! `policy` (pure decisions); the appendix table's `import` and `export` over the shared
//! [`crate::docs`]; the `demo` data. Other code reaches the composition only through
//! the operations re-exported here (and through `db::composition`).

mod attachments;
mod demo;
mod export;
mod import;
mod members;
mod nominations;
mod orders;
pub mod routes;
mod shared;
pub mod tutors;

pub use routes::endpoints;

/// The operations of the composition (`db::composition`).
pub mod ops {
    pub(crate) use super::attachments::repo::tutors_of_school;
    pub use super::attachments::rules::{archive_attachment, create_attachment, list_attachments};
    pub use super::demo::load_demo;
    pub use super::members::account::{account_target, attach_account, without_account};
    /// The members of an order in force on a date (the invitees of a meeting).
    pub(crate) use super::members::repo::approved_on as members_on;
    pub use super::members::rules::{
        archive_member, create_member, get_member, list_members, update_member,
    };
    pub use super::nominations::rules::{
        create_nomination, decide_nomination, get_nomination, list_nominations,
    };
    pub use super::orders::rules::{create_order, get_order, list_orders, update_order};
    pub use super::tutors::{count_tutors, current_tutors, is_current_tutor, tutors};
}

/// Import and export of the order's appendix table and the printable order.
pub mod io {
    pub use super::export::{export_table, order_document, ExportTable, COLUMNS};
    pub use super::import::{confirm, preview};
    /// School names matched as in the appendix import (the results import uses them).
    pub(crate) use super::import::{known_schools, match_school};
}
