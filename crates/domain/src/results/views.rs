//! What the dynamics and risk endpoints answer.

use super::{Metrics, Procedure, RiskReason};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct DynamicsQuery {
    pub procedure: Procedure,
    pub subject_id: String,
    pub grade: i32,
}

/// One academic year of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearPoint {
    pub academic_year_id: String,
    pub academic_year_name: String,
    /// The school's (or municipality's) numbers; `None` when it has no results that year.
    pub own: Option<Metrics>,
    /// The municipality's pooled numbers.
    pub municipal: Option<Metrics>,
    /// The region's pooled numbers.
    pub regional: Option<Metrics>,
    /// The scale differs from the previous year's.
    pub scale_changed: bool,
    pub scale: Option<String>,
    /// School series: the school's flags that year.
    pub is_low_results: bool,
    pub is_difficult_conditions: bool,
    /// School series: held sessions answering the school's requests that year.
    pub sessions_held: Option<i64>,
}

/// A school's row of the municipality table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolSeries {
    pub school_id: String,
    pub school_name: String,
    /// ШНОР in the latest year of the series (or now).
    pub is_low_results: bool,
    pub is_difficult_conditions: bool,
    /// One entry per year of the dynamics, in the same order.
    pub years: Vec<Option<Metrics>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dynamics {
    pub procedure: Procedure,
    pub subject_id: String,
    pub subject_name: String,
    pub grade: i32,
    /// The school or municipality the series is of.
    pub id: String,
    pub name: String,
    /// Oldest year first.
    pub years: Vec<YearPoint>,
    /// Municipality dynamics: each school's numbers.
    pub schools: Vec<SchoolSeries>,
    pub risks: Vec<RiskReason>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RiskQuery {
    /// Default: the caller's municipality.
    pub municipality_id: Option<String>,
    pub procedure: Option<Procedure>,
    pub subject_id: Option<String>,
    pub grade: Option<i32>,
    /// Failing share in percent above which a school is at risk (default 25).
    pub threshold: Option<f64>,
}

/// A school at risk in one procedure × subject × grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskFlag {
    pub school_id: String,
    pub school_name: String,
    pub is_low_results: bool,
    pub is_difficult_conditions: bool,
    pub procedure: Procedure,
    pub subject_id: String,
    pub subject_name: String,
    pub grade: i32,
    /// The latest year with results.
    pub academic_year_name: String,
    pub failing_share: Option<f64>,
    pub participants: i64,
    pub reasons: Vec<RiskReason>,
    /// Failing shares by year, oldest first.
    pub series: Vec<SharePoint>,
}

/// The failing share of one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharePoint {
    pub academic_year_name: String,
    pub failing_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskList {
    pub threshold: f64,
    pub items: Vec<RiskFlag>,
}
