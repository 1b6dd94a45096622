//! Reusable pieces of the pages.

pub mod badges;
pub mod community;
pub mod fields;
pub mod files;
pub mod layout;
pub mod pager;

pub use badges::{ArchivedBadge, FlagBadges};
pub use fields::{Banner, CheckboxField, ErrorBanner, SelectField, TextField};
pub use layout::Layout;
pub use pager::{LoadMore, Paged};
