//! The consultation point: requests (заявки), sessions (занятия/консультации), the
//! session log, ratings, notifications and the coordinator's dashboard.

use crate::labelled_enum;
use crate::problem::{Errors, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// Form of work (000 §6, 003 §1).
    FormOfWork {
        Supervision = "supervision" => "Супервизия",
        Tutorial = "tutorial" => "Тьюториал",
        IndividualConsultation = "individual_consultation" => "Индивидуальная консультация",
        GroupConsultation = "group_consultation" => "Групповая консультация",
        ThematicConsultation = "thematic_consultation" => "Тематическая консультация",
        MasterClass = "master_class" => "Мастер-класс",
        OpenLesson = "open_lesson" => "Открытый урок",
        DemoLesson = "demo_lesson" => "Показательный урок",
        StudentGroupSession = "student_group_session" => "Групповое занятие с обучающимися",
        ExamPrepSession = "exam_prep_session" => "Групповое занятие по подготовке к ГИА",
        ExpertReview = "expert_review" => "Экспертиза",
        Training = "training" => "Тренинг",
        Seminar = "seminar" => "Семинар",
        LessonVisit = "lesson_visit" => "Посещение уроков и мероприятий",
        ExperienceExchange = "experience_exchange" => "Обмен опытом",
        RoundTable = "round_table" => "Круглый стол",
        ProblemGroup = "problem_group" => "Проблемная группа",
        PedagogicalWorkshop = "pedagogical_workshop" => "Педагогическая мастерская",
        MethodicalMeeting = "methodical_meeting" => "Заседание ШМО / методического совета",
        Meeting = "meeting" => "Совещание",
        Mentoring = "mentoring" => "Наставничество",
        TrialDiagnostic = "trial_diagnostic" => "Пробная диагностическая работа",
        Internship = "internship" => "Стажировка",
    }
);

labelled_enum!(
    /// Who the work is for (000 §6.7).
    Audience {
        Teachers = "teachers" => "Педагоги",
        Students = "students" => "Обучающиеся",
        TeachersAndStudents = "teachers_and_students" => "Педагоги и обучающиеся",
        /// Management teams: directors and their deputies (004; 000 plan 3, 5).
        Administration = "administration" => "Управленческие команды школ",
    }
);

labelled_enum!(
    /// In person or remote (000 §6.3).
    WorkFormat {
        InPerson = "in_person" => "Очно",
        Remote = "remote" => "Дистанционно",
    }
);

mod activity;
mod requests;
mod series;
mod session_log;
mod sessions;
mod targeting;
mod views;

pub use activity::*;
pub use requests::*;
pub use series::*;
pub use session_log::*;
pub use sessions::*;
pub use targeting::*;
pub use views::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow() {
        use RequestAction as A;
        use RequestStatus as S;
        assert_eq!(A::AskInfo.next(S::New), Some(S::NeedsInfo));
        assert_eq!(A::Answer.next(S::NeedsInfo), Some(S::New));
        assert_eq!(A::Accept.next(S::New), Some(S::Accepted));
        assert_eq!(A::Schedule.next(S::Accepted), Some(S::Scheduled));
        assert_eq!(A::Complete.next(S::Scheduled), Some(S::Done));
        assert_eq!(A::Accept.next(S::Done), None);
        assert_eq!(A::Cancel.next(S::Declined), None);
        assert_eq!(RequestAction::allowed_from(S::Done), vec![]);
        assert_eq!(
            RequestAction::allowed_from(S::NeedsInfo),
            vec![A::Answer, A::Decline, A::Cancel]
        );
    }

    #[test]
    fn labels() {
        assert_eq!(
            FormOfWork::parse("master_class"),
            Some(FormOfWork::MasterClass)
        );
        assert_eq!(FormOfWork::MasterClass.label_ru(), "Мастер-класс");
        assert!(FormOfWork::ALL.len() >= 11);
    }

    #[test]
    fn online_links_are_web_addresses() {
        for ok in [
            "https://meet.example/x",
            "http://192.168.0.1:8080/room?id=1",
            "HTTPS://Телемост.рф/j/123",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "meet.example/x",
            "https://",
            "ftp://files.example",
            "https://a b.example",
            "javascript:alert(1)",
            "https://./x",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn a_desired_period_is_not_in_the_past() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let (today, year) = (d(12, 2), d(9, 1));
        let input = |from, to| RequestInput {
            period_from: from,
            period_to: to,
            ..Default::default()
        };
        assert!(input(Some(d(10, 1)), Some(d(12, 2)))
            .validate_period(today, year)
            .is_ok());
        assert!(input(None, None).validate_period(today, year).is_ok());
        let fields = |r: Result<(), Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|f| f.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(input(Some(d(8, 1)), Some(d(8, 30))).validate_period(today, year)),
            vec!["period_from", "period_to"]
        );
        assert_eq!(
            fields(input(None, Some(d(12, 1))).validate_period(today, year)),
            vec!["period_to"]
        );
    }

    #[test]
    fn a_session_for_a_request_is_offered_inside_its_period() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        // Wednesday 02.12.2026.
        let today = d(12, 2);
        assert_eq!(suggested_session_date(today, None, None), d(12, 3));
        assert_eq!(
            suggested_session_date(today, Some(d(12, 14)), Some(d(12, 25))),
            d(12, 14)
        );
        assert_eq!(
            suggested_session_date(today, Some(d(11, 20)), Some(d(12, 25))),
            d(12, 3)
        );
        // 13.12.2026 is a Sunday.
        assert_eq!(
            suggested_session_date(today, Some(d(12, 13)), None),
            d(12, 14)
        );
        assert_eq!(
            suggested_session_date(today, None, Some(d(12, 1))),
            d(12, 3)
        );
    }

    #[test]
    fn requests_on_a_schools_behalf() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let fields = |r: Result<(), Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|f| f.field)
                .collect::<Vec<_>>()
        };
        let mut input = RequestInput::default();
        assert_eq!(
            fields(input.validate_on_behalf(today)),
            vec!["school_id", "channel", "received_on"]
        );
        input.school_id = Some("s1".into());
        input.channel = Some(RequestChannel::Phone);
        input.received_on = Some(today + chrono::Duration::days(1));
        assert_eq!(fields(input.validate_on_behalf(today)), vec!["received_on"]);
        input.received_on = Some(today);
        assert!(input.validate_on_behalf(today).is_ok());
        assert_eq!(fields(input.validate_own()), vec!["channel", "received_on"]);
        input.channel = Some(RequestChannel::Platform);
        assert_eq!(fields(input.validate_on_behalf(today)), vec!["channel"]);
    }

    #[test]
    fn individual_forms_have_one_participant() {
        let base = SessionInput {
            form: Some(FormOfWork::IndividualConsultation),
            title: "Консультация".into(),
            starts_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            ends_at: DateTime::from_timestamp(1_800_003_600, 0).unwrap(),
            format: Some(WorkFormat::Remote),
            online_link: Some("https://meet.example/x".into()),
            audience: Some(Audience::Teachers),
            ..Default::default()
        };
        assert!(base.validate().is_ok());
        let bad = SessionInput {
            seats: Some(5),
            request_ids: vec!["a".into(), "b".into()],
            open_to: Some(OpenTo::LowResults),
            ..base.clone()
        };
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, vec!["seats", "request_ids", "open_to"]);
        let group = SessionInput {
            form: Some(FormOfWork::Seminar),
            open_to: Some(OpenTo::Schools),
            ..base
        };
        let fields: Vec<String> = group
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, vec!["target_school_ids"]);
    }
}
