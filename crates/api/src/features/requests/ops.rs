//! The requests operations under their old path (`db::requests`), for callers not yet
//! moved to `features::requests::rules`.

pub use super::rules::{
    composition_tutors, create, detail, list, stale, suggestions, transition, tutor_load,
    user_names,
};
