//! The sessions operations under their old path (`db::sessions`), for callers not yet
//! moved to `features::sessions::rules`.

pub use super::participants::attended_by;
pub use super::rules::{
    amend, cancel, check_manage, create, detail, for_feed, get_session, list, log, rate, register,
    unregister, update, FeedSession,
};
