//! The schedule's filter: the same names serve the address bar and the API.

use chrono::{DateTime, Datelike, Duration as Days, NaiveDate, Utc};
use tutornet_domain::community::{ActivityType, FormOfWork, SessionFilter, SessionStatus};

use tutornet_domain::Role;

use crate::ui::filters::flag_value;
use crate::ui::time::today;
use crate::util::non_empty;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub view: String,
    pub date: String,
    pub tutor_id: String,
    pub school_id: String,
    pub subject_id: String,
    pub form: String,
    /// An [`ActivityType`] code: sessions of its forms.
    pub activity: String,
    pub status: String,
    pub consultation_point_id: String,
    pub low_results_only: bool,
    pub mine: bool,
    pub awaiting_log: bool,
}

/// Which filters a role gets: the school and ШНОР filters are the coordinators' (a
/// teacher or school administrator sees one school anyway), «awaiting a log» is for
/// those who log sessions, «mine» for those who hold or attend them.
pub fn shows(role: Role, filter: &str) -> bool {
    let manages = matches!(role, Role::Admin | Role::Coordinator | Role::Tutor);
    match filter {
        "school_id" | "low_results_only" => {
            matches!(
                role,
                Role::Admin | Role::Coordinator | Role::Tutor | Role::Observer
            )
        }
        "awaiting_log" => manages,
        "mine" => !matches!(role, Role::Observer | Role::Admin),
        _ => true,
    }
}

impl Filter {
    pub fn from_query(q: &leptos_router::params::ParamsMap) -> Self {
        let flag = |k: &str| q.get(k).is_some_and(|v| v == "true");
        Self {
            view: match q.get("view").as_deref() {
                Some("month") => "month".into(),
                Some("list") => "list".into(),
                _ => "week".into(),
            },
            date: q.get("date").unwrap_or_default(),
            tutor_id: q.get("tutor_id").unwrap_or_default(),
            school_id: q.get("school_id").unwrap_or_default(),
            subject_id: q.get("subject_id").unwrap_or_default(),
            form: q.get("form").unwrap_or_default(),
            activity: q.get("activity").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            consultation_point_id: q.get("consultation_point_id").unwrap_or_default(),
            low_results_only: flag("low_results_only"),
            mine: flag("mine"),
            awaiting_log: flag("awaiting_log"),
        }
    }

    pub fn address(&self) -> Vec<(&'static str, String)> {
        let mut v = vec![
            (
                "view",
                if self.view == "week" {
                    String::new()
                } else {
                    self.view.clone()
                },
            ),
            ("date", self.date.clone()),
        ];
        v.extend(self.filters());
        v
    }
    /// The filters as the address bar writes them (without the range).
    pub fn filters(&self) -> Vec<(&'static str, String)> {
        vec![
            ("tutor_id", self.tutor_id.clone()),
            ("school_id", self.school_id.clone()),
            ("subject_id", self.subject_id.clone()),
            ("form", self.form.clone()),
            ("activity", self.activity.clone()),
            ("status", self.status.clone()),
            ("consultation_point_id", self.consultation_point_id.clone()),
            ("low_results_only", flag_value(self.low_results_only)),
            ("mine", flag_value(self.mine)),
            ("awaiting_log", flag_value(self.awaiting_log)),
        ]
    }
    /// The API's filter for `[from, to)` (the calendar) or one page of the list.
    pub fn query(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        limit: i64,
        cursor: Option<String>,
    ) -> SessionFilter {
        let on = |b: bool| b.then_some(true);
        SessionFilter {
            from,
            to,
            tutor_id: non_empty(self.tutor_id.clone()),
            school_id: non_empty(self.school_id.clone()),
            subject_id: non_empty(self.subject_id.clone()),
            form: FormOfWork::parse(&self.form),
            activity: ActivityType::parse(&self.activity),
            status: SessionStatus::parse(&self.status),
            consultation_point_id: non_empty(self.consultation_point_id.clone()),
            series_id: None,
            municipality_id: None,
            low_results_only: on(self.low_results_only),
            mine: on(self.mine),
            awaiting_log: on(self.awaiting_log),
            limit: Some(limit),
            cursor,
        }
    }

    pub fn anchor(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.date, "%Y-%m-%d").unwrap_or_else(|_| today())
    }

    /// First and last+1 day shown by the calendar.
    pub fn range(&self) -> (NaiveDate, NaiveDate) {
        let a = self.anchor();
        if self.view == "month" {
            let first = a.with_day(1).unwrap_or(a);
            let start = first - Days::days(first.weekday().num_days_from_monday() as i64);
            let next_month = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            }
            .unwrap_or(first);
            let tail = (7 - next_month.weekday().num_days_from_monday() as i64) % 7;
            (start, next_month + Days::days(tail))
        } else {
            let start = a - Days::days(a.weekday().num_days_from_monday() as i64);
            (start, start + Days::days(7))
        }
    }
}
