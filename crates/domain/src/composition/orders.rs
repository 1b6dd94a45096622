//! Approving and amending orders of the composition.

use super::*;

/// A member named in an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderMember {
    pub member_id: String,
    pub full_name: String,
    /// The exclusion reason (excluded members only).
    pub reason: Option<String>,
}

/// An order (приказ) on the composition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompositionOrder {
    pub id: String,
    pub municipality_id: String,
    pub academic_year_id: String,
    pub kind: OrderKind,
    /// «01-03/24».
    pub number: String,
    pub issued_on: NaiveDate,
    /// «МКУ ИМЦ города Лабинска».
    pub issuer: String,
    pub title: String,
    pub file_name: Option<String>,
    /// The uploaded scan of the order, if any.
    pub file: Option<crate::files::StoredFile>,
    pub approved: Vec<OrderMember>,
    pub excluded: Vec<OrderMember>,
    #[serde(flatten)]
    pub meta: Meta,
}

/// One member excluded by an amending order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderExclusion {
    pub member_id: String,
    pub reason: String,
}

/// A new order. `approve`: approves nominated members; `amend`: may approve further
/// nominated members and exclude approved ones (with a reason).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    /// Default: the caller's municipality.
    #[serde(default)]
    pub municipality_id: Option<String>,
    /// Default: the current academic year.
    #[serde(default)]
    pub academic_year_id: Option<String>,
    pub kind: OrderKind,
    pub number: String,
    pub issued_on: NaiveDate,
    pub issuer: String,
    pub title: String,
    #[serde(default)]
    pub file_name: Option<String>,
    #[serde(default)]
    pub approve_member_ids: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<OrderExclusion>,
}

impl OrderInput {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required("number", &self.number, 50);
        e.required("issuer", &self.issuer, 300);
        e.required("title", &self.title, 500);
        if let Some(f) = &self.file_name {
            e.max_len("file_name", f, 255);
        }
        match self.kind {
            OrderKind::Approve => {
                if self.approve_member_ids.is_empty() {
                    e.add(
                        "approve_member_ids",
                        "required",
                        "Выберите выдвинутых участников, которых утверждает приказ",
                    );
                }
                if !self.exclude.is_empty() {
                    e.add(
                        "exclude",
                        "not_allowed",
                        "Исключить участников можно только приказом о внесении изменений",
                    );
                }
            }
            OrderKind::Amend => {
                if self.approve_member_ids.is_empty() && self.exclude.is_empty() {
                    e.add(
                        "approve_member_ids",
                        "required",
                        "Приказ о внесении изменений должен утверждать или исключать участников",
                    );
                }
            }
        }
        for (i, x) in self.exclude.iter().enumerate() {
            if x.reason.trim().is_empty() {
                e.add(
                    &format!("exclude[{i}].reason"),
                    "required",
                    "Укажите причину исключения",
                );
            } else {
                e.max_len(&format!("exclude[{i}].reason"), &x.reason, 1000);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, id) in self
            .approve_member_ids
            .iter()
            .chain(self.exclude.iter().map(|x| &x.member_id))
            .enumerate()
        {
            if !seen.insert(id) {
                let field = if i < self.approve_member_ids.len() {
                    format!("approve_member_ids[{i}]")
                } else {
                    format!("exclude[{}].member_id", i - self.approve_member_ids.len())
                };
                e.add(&field, "duplicate", "Участник указан в приказе дважды");
            }
        }
        e.finish()
    }
}

/// Filters of the orders list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct OrderFilter {
    /// Default: every year.
    pub academic_year_id: Option<String>,
    pub municipality_id: Option<String>,
    /// Page size, 1..=200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}
