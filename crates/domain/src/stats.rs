//! Counts for the home page, for the caller's scope.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    pub municipalities: i64,
    pub schools: i64,
    /// ШНОР.
    pub low_results_schools: i64,
    /// ШССУ.
    pub difficult_conditions_schools: i64,
    pub schools_500plus: i64,
    pub mentor_schools: i64,
    /// Active users the caller may see (0 for roles that see no users).
    pub users: i64,
    pub current_academic_year: Option<String>,
}
