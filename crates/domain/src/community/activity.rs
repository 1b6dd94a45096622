//! The five activity types of the community (000 §5.1, 001 sections 1–5, 003 sections
//! 1–4) and which of them each form of work belongs to; individual and group forms.

use super::*;

labelled_enum!(
    /// Вид деятельности (000 §5.1).
    ActivityType {
        Teaching = "teaching" => "Обучающая",
        Consulting = "consulting" => "Консультационная",
        Expert = "expert" => "Экспертная",
        Monitoring = "monitoring" => "Мониторинговая",
        Informational = "informational" => "Информационная",
    }
);

impl FormOfWork {
    /// The activity type the form belongs to. 000 §5.2: master-classes, open lessons and
    /// group sessions teach; §5.3: supervision and thematic consultations consult; §5.4:
    /// reviews are expert work; §5.5: watching lessons and results monitors; §5.6:
    /// exchanging experience and professional meetings inform.
    pub fn activity(self) -> ActivityType {
        use ActivityType as A;
        use FormOfWork as F;
        match self {
            F::MasterClass
            | F::OpenLesson
            | F::DemoLesson
            | F::StudentGroupSession
            | F::ExamPrepSession
            | F::Tutorial
            | F::Training
            | F::Seminar
            | F::ProblemGroup
            | F::PedagogicalWorkshop
            | F::Internship => A::Teaching,
            F::Supervision
            | F::IndividualConsultation
            | F::GroupConsultation
            | F::ThematicConsultation
            | F::Mentoring => A::Consulting,
            F::ExpertReview => A::Expert,
            F::LessonVisit | F::TrialDiagnostic => A::Monitoring,
            F::ExperienceExchange | F::RoundTable | F::MethodicalMeeting | F::Meeting => {
                A::Informational
            }
        }
    }

    /// Individual forms have one participant — the requester: no registration, no seats.
    pub fn is_individual(self) -> bool {
        matches!(
            self,
            FormOfWork::IndividualConsultation
                | FormOfWork::ExpertReview
                | FormOfWork::Supervision
                | FormOfWork::Mentoring
                | FormOfWork::LessonVisit
        )
    }

    /// Group forms: teachers register for them while seats last.
    pub fn is_group(self) -> bool {
        !self.is_individual()
    }

    /// «Индивидуальная» or «групповая», for the UI.
    pub fn participation_ru(self) -> &'static str {
        if self.is_individual() {
            "индивидуальная"
        } else {
            "групповая"
        }
    }
}

impl ActivityType {
    /// The forms of work of this type, in the order of [`FormOfWork::ALL`].
    pub fn forms(self) -> Vec<FormOfWork> {
        FormOfWork::ALL
            .iter()
            .copied()
            .filter(|f| f.activity() == self)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_has_one_type_and_every_type_a_form() {
        let total: usize = ActivityType::ALL.iter().map(|a| a.forms().len()).sum();
        assert_eq!(total, FormOfWork::ALL.len());
        for a in ActivityType::ALL {
            assert!(!a.forms().is_empty(), "{a:?}");
        }
        assert_eq!(FormOfWork::Seminar.activity(), ActivityType::Teaching);
        assert_eq!(FormOfWork::Supervision.activity(), ActivityType::Consulting);
        assert_eq!(FormOfWork::ExpertReview.activity(), ActivityType::Expert);
        assert_eq!(
            FormOfWork::TrialDiagnostic.activity(),
            ActivityType::Monitoring
        );
        assert_eq!(
            FormOfWork::RoundTable.activity(),
            ActivityType::Informational
        );
        assert_eq!(ActivityType::Expert.label_ru(), "Экспертная");
    }

    #[test]
    fn individual_and_group_forms() {
        assert!(FormOfWork::IndividualConsultation.is_individual());
        assert!(FormOfWork::Mentoring.is_individual());
        assert!(FormOfWork::Seminar.is_group());
        assert!(FormOfWork::RoundTable.is_group());
        assert_eq!(FormOfWork::Supervision.participation_ru(), "индивидуальная");
    }

    #[test]
    fn seed_forms_are_there() {
        for label in [
            "Тренинг",
            "Семинар",
            "Посещение уроков и мероприятий",
            "Обмен опытом",
            "Круглый стол",
            "Проблемная группа",
            "Педагогическая мастерская",
            "Заседание ШМО / методического совета",
            "Совещание",
            "Наставничество",
            "Пробная диагностическая работа",
            "Стажировка",
        ] {
            assert!(
                FormOfWork::ALL.iter().any(|f| f.label_ru() == label),
                "{label}"
            );
        }
        for f in FormOfWork::ALL {
            assert_eq!(FormOfWork::parse(f.as_str()), Some(*f));
            let json = serde_json::to_string(f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.as_str()));
        }
    }
}
