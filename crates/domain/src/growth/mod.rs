//! Professional growth (issue 9): deficit diagnostics and individual trajectories (ИОМ).

pub mod diagnostics;
pub mod trajectories;
