//! «Мои дела»: each role's start page — what needs the user now, in sections. The API
//! assembles it from the nouns' own lists; the next step of each item is decided here.

use crate::community::{RequestStatus, Session, SessionStatus};
use crate::reviews::ReviewStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One thing on the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    /// What it is: the request's topic, the session's title, the municipality's name.
    pub title: String,
    /// Who, where, which school.
    pub detail: String,
    /// The next step, in words («Ответьте на уточнение»).
    pub step: String,
    /// The step is the user's and overdue or waited for.
    pub urgent: bool,
    /// When it happens (sessions), if it has a time.
    pub at: Option<DateTime<Utc>>,
    /// SPA path to open.
    pub link: String,
}

/// A section of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaSection {
    /// Stable key (`my_requests`, `to_log`, …), for tests and the page's anchors.
    pub key: String,
    pub title: String,
    /// What the page says when the section is empty.
    pub empty: String,
    pub items: Vec<AgendaItem>,
    /// SPA path of the full list.
    pub more: Option<String>,
}

/// The start page of one user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agenda {
    pub sections: Vec<AgendaSection>,
}

/// The requester's next step on their request: (words, whether it waits for them).
pub fn requester_step(status: RequestStatus) -> (&'static str, bool) {
    match status {
        RequestStatus::New => ("Ждёт решения координатора", false),
        RequestStatus::NeedsInfo => ("Ответьте на уточнение координатора", true),
        RequestStatus::Accepted => ("Тьютор назначен, занятие ещё не запланировано", false),
        RequestStatus::Scheduled => ("Занятие запланировано — откройте заявку", false),
        RequestStatus::Done => ("Выполнена — оцените занятие", false),
        RequestStatus::Declined | RequestStatus::Cancelled => ("Закрыта", false),
    }
}

/// The assigned tutor's next step on a request.
pub fn tutor_step(status: RequestStatus) -> (&'static str, bool) {
    match status {
        RequestStatus::Accepted => ("Запланируйте занятие по заявке", true),
        RequestStatus::Scheduled => ("Проведите занятие и отметьте его", false),
        RequestStatus::NeedsInfo => ("Ждёт уточнения от школы", false),
        _ => ("Нет действий", false),
    }
}

/// The expert's next step on a review assigned to them; `late` when its due date is
/// near (two days or less) or past. `None` while it waits for the author or is closed.
pub fn expert_step(status: ReviewStatus, late: bool) -> Option<(&'static str, bool)> {
    match status {
        ReviewStatus::Assigned => Some((
            "Начните экспертизу: заявите об отсутствии конфликта интересов",
            true,
        )),
        ReviewStatus::InReview => Some(("Заполните чек-лист и вынесите решение", late)),
        ReviewStatus::Resubmitted => Some(("Проверьте доработанный документ", true)),
        _ => None,
    }
}

/// The coordinator's next step on a request of their municipality.
pub fn coordinator_step(status: RequestStatus, stale: bool) -> (&'static str, bool) {
    match status {
        RequestStatus::New => ("Рассмотрите заявку и назначьте тьютора", true),
        RequestStatus::NeedsInfo if stale => ("Школа давно не отвечает — напомните", true),
        RequestStatus::Accepted if stale => ("Тьютор давно не запланировал занятие", true),
        _ => ("Без движения", stale),
    }
}

/// Whether a session needs its tutor's log now: it is over and still planned (the same
/// rule as the sessions list's `awaiting_log`).
pub fn awaits_log(s: &Session, now: DateTime<Utc>) -> bool {
    s.status == SessionStatus::Planned && s.ends_at <= now
}

/// The words of a session's next step for one of its tutors.
pub fn session_step(s: &Session, now: DateTime<Utc>) -> (&'static str, bool) {
    if awaits_log(s, now) {
        ("Отметьте занятие проведённым", true)
    } else {
        ("Подготовьтесь к занятию", false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_that_waits_for_the_user_is_urgent() {
        assert!(requester_step(RequestStatus::NeedsInfo).1);
        assert!(!requester_step(RequestStatus::New).1);
        assert!(tutor_step(RequestStatus::Accepted).1);
        assert!(!tutor_step(RequestStatus::Scheduled).1);
        assert!(coordinator_step(RequestStatus::New, false).1);
        assert!(coordinator_step(RequestStatus::Accepted, true).1);
        assert!(!coordinator_step(RequestStatus::Scheduled, false).1);
    }
}
