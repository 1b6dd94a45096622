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
    }
);

impl FormOfWork {
    /// Group forms: teachers register for them while seats last.
    pub fn is_group(self) -> bool {
        !matches!(
            self,
            FormOfWork::IndividualConsultation | FormOfWork::ExpertReview | FormOfWork::Supervision
        )
    }
}

labelled_enum!(
    /// Who the work is for (000 §6.7).
    Audience {
        Teachers = "teachers" => "Педагоги",
        Students = "students" => "Обучающиеся",
        TeachersAndStudents = "teachers_and_students" => "Педагоги и обучающиеся",
    }
);

labelled_enum!(
    /// In person or remote (000 §6.3).
    WorkFormat {
        InPerson = "in_person" => "Очно",
        Remote = "remote" => "Дистанционно",
    }
);

mod requests;
mod sessions;
mod views;

pub use requests::*;
pub use sessions::*;
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
}
