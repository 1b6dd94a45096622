//! Results of assessment procedures (issue 11): the calendar of the year's procedures,
//! results per year × procedure × subject × grade × school (× class) imported from
//! the tables schools send or typed in, the scales, dynamics against the municipal and
//! regional averages, and the schools at risk.

mod calendar;
pub mod demo;
pub mod dynamics;
mod import;
mod policy;
mod repo;
pub mod routes;
mod rows;
pub mod rules;
pub mod scales;

pub use routes::endpoints;
