//! The tutor community's composition: members, the table import, orders, nominations'
//! outcome.

pub mod import;
pub mod import_preview;
pub mod list;
pub mod member;
pub mod order;
pub mod order_form;
pub mod orders;
pub mod tabs;

pub use tabs::CompositionTabs;
