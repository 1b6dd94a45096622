//! The long end-to-end paths, one test each.

mod request_to_dashboard;
