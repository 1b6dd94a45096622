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
    /// The signatory as the order prints it: «Директор МКУ ИМЦ города Лабинска».
    pub signatory_position: Option<String>,
    /// «С.И. Клименко».
    pub signatory_name: Option<String>,
    /// Where the order was issued: «г. Лабинск».
    pub place: Option<String>,
    /// The composition's appendix number in the order («Приложение №1»).
    pub appendix_number: i32,
    /// The issuer's full name for the letterhead of the printed order, one line per line
    /// («МУНИЦИПАЛЬНОЕ КАЗЕННОЕ УЧРЕЖДЕНИЕ / … / «ИНФОРМАЦИОННО-МЕТОДИЧЕСКИЙ ЦЕНТР» ГОРОДА ЛАБИНСКА»).
    pub issuer_full_name: Option<String>,
    /// The paragraph before «п р и к а з ы в а ю :».
    pub preamble: Option<String>,
    /// The numbered items of the order («Утвердить состав … (Приложение 1).»).
    pub items: Vec<String>,
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
    /// Needed for the printed appendix and order: «Директор МКУ ИМЦ города Лабинска».
    #[serde(default)]
    pub signatory_position: Option<String>,
    /// «С.И. Клименко».
    #[serde(default)]
    pub signatory_name: Option<String>,
    /// «г. Лабинск».
    #[serde(default)]
    pub place: Option<String>,
    /// Default 1.
    #[serde(default = "first_appendix")]
    pub appendix_number: i32,
    /// The letterhead lines of the printed order (default: `issuer`).
    #[serde(default)]
    pub issuer_full_name: Option<String>,
    #[serde(default)]
    pub preamble: Option<String>,
    /// The order's items, each one line (default for printing: approving the composition).
    #[serde(default)]
    pub items: Vec<String>,
    #[serde(default)]
    pub file_name: Option<String>,
    /// In the order's own sequence: the appendix lists the members it approves in this
    /// order, after those already in the composition.
    #[serde(default)]
    pub approve_member_ids: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<OrderExclusion>,
}

/// The printed details of an entered order, corrected after entry (a typo in the number,
/// the signatory, the items). Its date, kind and members are what the order did to the
/// composition and are changed by an amending order, not by an edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderDetails {
    pub number: String,
    pub issuer: String,
    pub title: String,
    #[serde(default)]
    pub signatory_position: Option<String>,
    #[serde(default)]
    pub signatory_name: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default = "first_appendix")]
    pub appendix_number: i32,
    #[serde(default)]
    pub issuer_full_name: Option<String>,
    #[serde(default)]
    pub preamble: Option<String>,
    #[serde(default)]
    pub items: Vec<String>,
    /// The version the edit was made on (409 when the order changed since).
    #[serde(default)]
    pub version: Option<i32>,
}

impl OrderDetails {
    /// The rules of an order's details, for a new order and an edit alike.
    fn check(&self, e: &mut Errors) {
        e.required("number", &self.number, 50);
        e.required("issuer", &self.issuer, 300);
        e.required("title", &self.title, 500);
        for (field, v, max) in [
            ("signatory_position", &self.signatory_position, 300),
            ("signatory_name", &self.signatory_name, 100),
            ("place", &self.place, 100),
            ("issuer_full_name", &self.issuer_full_name, 1000),
            ("preamble", &self.preamble, 4000),
        ] {
            if let Some(v) = v {
                e.max_len(field, v, max);
            }
        }
        if !(1..=20).contains(&self.appendix_number) {
            e.add(
                "appendix_number",
                "out_of_range",
                "Номер приложения — от 1 до 20",
            );
        }
        if self.items.len() > 30 {
            e.add("items", "too_many", "Не больше 30 пунктов приказа");
        }
        for (i, item) in self.items.iter().enumerate() {
            let field = format!("items[{i}]");
            if item.trim().is_empty() {
                e.add(
                    &field,
                    "required",
                    "Пустой пункт приказа: заполните или удалите его",
                );
            } else if item.contains('\n') {
                e.add(&field, "multiline", "Пункт приказа — одна строка");
            } else {
                e.max_len(&field, item, 2000);
            }
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        self.check(&mut e);
        e.finish()
    }
}

fn first_appendix() -> i32 {
    1
}

impl OrderInput {
    /// The order's printed details, as an edit would send them.
    pub fn details(&self) -> OrderDetails {
        OrderDetails {
            number: self.number.clone(),
            issuer: self.issuer.clone(),
            title: self.title.clone(),
            signatory_position: self.signatory_position.clone(),
            signatory_name: self.signatory_name.clone(),
            place: self.place.clone(),
            appendix_number: self.appendix_number,
            issuer_full_name: self.issuer_full_name.clone(),
            preamble: self.preamble.clone(),
            items: self.items.clone(),
            version: None,
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        self.details().check(&mut e);
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

/// The title of the composition's appendix, two lines: «СОСТАВ» / «муниципального
/// сообщества тьюторов в Лабинском районе» (`in_phrase` from `Municipality::in_phrase`).
pub fn appendix_title(in_phrase: &str) -> [String; 2] {
    [
        "СОСТАВ".to_string(),
        format!("муниципального сообщества тьюторов {in_phrase}"),
    ]
}

/// The items an order prints when none were written: what its kind does to the
/// composition (appendix `appendix`), then the closing items of seed 000.
pub fn default_order_items(kind: OrderKind, in_phrase: &str, appendix: i32) -> Vec<String> {
    let first = match kind {
        OrderKind::Approve => format!(
            "Утвердить состав муниципального сообщества тьюторов {in_phrase} (Приложение {appendix})."
        ),
        OrderKind::Amend => format!(
            "Внести изменения в состав муниципального сообщества тьюторов {in_phrase} и утвердить его в новой редакции (Приложение {appendix})."
        ),
    };
    vec![
        first,
        "Контроль за исполнением приказа оставляю за собой.".to_string(),
        "Приказ вступает в силу со дня его подписания.".to_string(),
    ]
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
