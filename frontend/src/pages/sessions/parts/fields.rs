//! The session form's values as one set of signals: filled from a session or a request,
//! turned into a [`SessionInput`] with the browser-side checks. The fields that show them
//! are in [`super::form_fields`].

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use tutornet_domain::community::{
    Audience, FormOfWork, OpenTo, Recurrence, Request, Session, SessionInput, WorkFormat,
};
use tutornet_domain::FieldError;

use crate::ui::time::{hhmm, local, today, utc_of_local};
use crate::util::non_empty;

/// Every value of the session form.
#[derive(Clone, Copy)]
pub struct SessionFields {
    pub form: RwSignal<String>,
    pub subject_id: RwSignal<String>,
    pub title: RwSignal<String>,
    pub date: RwSignal<String>,
    pub start: RwSignal<String>,
    pub end: RwSignal<String>,
    pub format: RwSignal<String>,
    pub place: RwSignal<String>,
    pub online_link: RwSignal<String>,
    pub audience: RwSignal<String>,
    pub seats: RwSignal<String>,
    pub consultation_point_id: RwSignal<String>,
    pub tutor_ids: RwSignal<Vec<String>>,
    pub request_ids: RwSignal<Vec<String>>,
    pub recurrence: RwSignal<String>,
    pub repeat_until: RwSignal<String>,
    /// «Кому открыто»: an [`OpenTo`] code.
    pub open_to: RwSignal<String>,
    pub target_school_ids: RwSignal<Vec<String>>,
}

impl SessionFields {
    pub fn new() -> Self {
        let text = |v: &str| RwSignal::new(v.to_string());
        Self {
            form: text(""),
            subject_id: text(""),
            title: text(""),
            date: RwSignal::new(today().format("%Y-%m-%d").to_string()),
            start: text("15:00"),
            end: text("16:00"),
            format: text(WorkFormat::InPerson.as_str()),
            place: text(""),
            online_link: text(""),
            audience: text(Audience::Teachers.as_str()),
            seats: text(""),
            consultation_point_id: text(""),
            tutor_ids: RwSignal::new(Vec::new()),
            request_ids: RwSignal::new(Vec::new()),
            recurrence: text(""),
            repeat_until: text(""),
            open_to: text(OpenTo::All.as_str()),
            target_school_ids: RwSignal::new(Vec::new()),
        }
    }

    /// The values of a session being edited.
    pub fn fill_from_session(&self, s: &Session) {
        let f = *self;
        f.form.try_set(s.form.as_str().to_string());
        f.subject_id
            .try_set(s.subject_id.clone().unwrap_or_default());
        f.title.try_set(s.title.clone());
        f.date
            .try_set(local(s.starts_at).date().format("%Y-%m-%d").to_string());
        f.start.try_set(hhmm(s.starts_at));
        f.end.try_set(hhmm(s.ends_at));
        f.format.try_set(s.format.as_str().to_string());
        f.place.try_set(s.place.clone().unwrap_or_default());
        f.online_link
            .try_set(s.online_link.clone().unwrap_or_default());
        f.audience.try_set(s.audience.as_str().to_string());
        f.seats
            .try_set(s.seats.map(|n| n.to_string()).unwrap_or_default());
        f.consultation_point_id
            .try_set(s.consultation_point_id.clone().unwrap_or_default());
        f.tutor_ids
            .try_set(s.tutors.iter().map(|t| t.id.clone()).collect());
        f.request_ids.try_set(s.request_ids.clone());
        f.open_to.try_set(s.open_to.as_str().to_string());
        f.target_school_ids
            .try_set(s.target_schools.iter().map(|t| t.id.clone()).collect());
    }

    /// The values a request suggests for a new session.
    pub fn fill_from_request(&self, r: &Request) {
        let f = *self;
        f.form.try_set(r.form.as_str().to_string());
        f.subject_id
            .try_set(r.subject_id.clone().unwrap_or_default());
        f.title.try_set(r.topic.clone());
        f.audience.try_set(r.audience.as_str().to_string());
        f.format.try_set(r.format.as_str().to_string());
        if let Some(t) = &r.tutor_user_id {
            f.tutor_ids.try_set(vec![t.clone()]);
        }
        f.request_ids.try_set(vec![r.id.clone()]);
        f.date
            .try_set(r.suggested_date(today()).format("%Y-%m-%d").to_string());
    }

    /// The input to send and the errors found before sending (the domain's `validate()`
    /// plus what only the browser knows: unparsable dates, times and numbers).
    pub fn input(&self, editing: bool, version: Option<i32>) -> (SessionInput, Vec<FieldError>) {
        let f = *self;
        let mut errs: Vec<FieldError> = Vec::new();
        let d = NaiveDate::parse_from_str(f.date.get_untracked().trim(), "%Y-%m-%d").ok();
        let t =
            |s: RwSignal<String>| NaiveTime::parse_from_str(s.get_untracked().trim(), "%H:%M").ok();
        let (t1, t2) = (t(f.start), t(f.end));
        if d.is_none() {
            errs.push(FieldError::new("starts_at", "required", "Укажите дату"));
        }
        if t1.is_none() {
            errs.push(FieldError::new(
                "starts_at",
                "required",
                "Укажите время начала",
            ));
        }
        if t2.is_none() {
            errs.push(FieldError::new(
                "ends_at",
                "required",
                "Укажите время окончания",
            ));
        }
        let seats_v = match f.seats.get_untracked().trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errs.push(FieldError::new("seats", "invalid", "Введите целое число"));
                    None
                }
            },
        };
        let starts_at = d.zip(t1).and_then(|(d, t)| utc_of_local(d, t));
        let ends_at = d.zip(t2).and_then(|(d, t)| utc_of_local(d, t));
        let fmt = WorkFormat::parse(&f.format.get_untracked());
        let input = SessionInput {
            form: FormOfWork::parse(&f.form.get_untracked()),
            subject_id: non_empty(f.subject_id.get_untracked()),
            title: f.title.get_untracked().trim().to_string(),
            starts_at: starts_at.unwrap_or_default(),
            ends_at: ends_at.unwrap_or_default(),
            place: if fmt == Some(WorkFormat::InPerson) {
                non_empty(f.place.get_untracked())
            } else {
                None
            },
            online_link: if fmt == Some(WorkFormat::Remote) {
                non_empty(f.online_link.get_untracked())
            } else {
                None
            },
            format: fmt,
            audience: Audience::parse(&f.audience.get_untracked()),
            seats: seats_v,
            consultation_point_id: non_empty(f.consultation_point_id.get_untracked()),
            open_to: OpenTo::parse(&f.open_to.get_untracked()),
            target_school_ids: if f.open_to.get_untracked() == OpenTo::Schools.as_str() {
                f.target_school_ids.get_untracked()
            } else {
                Vec::new()
            },
            tutor_ids: f.tutor_ids.get_untracked(),
            request_ids: f.request_ids.get_untracked(),
            recurrence: if editing {
                None
            } else {
                Recurrence::parse(&f.recurrence.get_untracked())
            },
            repeat_until: if editing {
                None
            } else {
                NaiveDate::parse_from_str(f.repeat_until.get_untracked().trim(), "%Y-%m-%d").ok()
            },
            version,
        };
        if let Err(v) = input.validate() {
            for e in v {
                // Without a time the period check only repeats the missing-time message.
                if !(errs.iter().any(|x| x.field == e.field)) {
                    errs.push(e);
                }
            }
        }
        (input, errs)
    }
}

impl Default for SessionFields {
    fn default() -> Self {
        Self::new()
    }
}
