//! Individual educational trajectories (ИОМ): the list, drawing one up, its card with
//! steps and their completion, and the learner's own on the start page.

pub mod card;
pub mod form;
pub mod list;
pub mod mine;
mod steps;
