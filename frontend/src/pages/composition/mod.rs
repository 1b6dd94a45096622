//! The tutor community's composition: members, the table import, orders, nominations'
//! outcome.

pub mod accounts;
pub mod import;
pub mod import_preview;
pub mod list;
pub mod member;
pub mod order;
pub mod order_details;
pub mod order_form;
pub mod orders;
pub mod tabs;

pub use tabs::CompositionTabs;

use tutornet_domain::composition::Member;

/// The member's subjects, «математика, физика».
pub fn subject_names(m: &Member) -> String {
    m.subjects
        .iter()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}
