//! Reusable pieces of the pages: the layout, badges, fields, files, the paged list, the
//! reference picker, card and form scaffolds, time formatting.

pub mod attachments;
pub mod badges;
pub mod card;
pub mod choices;
pub mod community;
pub mod dictionary;
pub mod fields;
pub mod files;
pub mod filters;
pub mod form;
pub mod layout;
pub mod nav;
pub mod pager;
pub mod picker;
pub mod resource;
pub mod table;
pub mod time;

pub use badges::{ArchivedBadge, FlagBadges, LabelBadges};
pub use fields::{Banner, CheckboxField, ErrorBanner, SelectField, TextField};
pub use layout::Layout;
pub use pager::Paged;
