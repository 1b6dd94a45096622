//! The registry: regions, municipalities, subjects, academic years, stats.

mod academic_years;
pub mod access;
mod municipalities;
mod regions;
mod stats;
mod subjects;
mod time_zones;
