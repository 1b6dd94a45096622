//! The methodological library (банк методических продуктов, муниципальная библиотека;
//! 000 §1.6, §7.2–7.3, §8.2; 004 indicators): typed materials with authors and a
//! licence (000 §1.9), files and links, visibility, and the moderation workflow — one
//! table of who may do what from which status, read by the API, the SPA's buttons and
//! the 409 message. Versions are kept: a published version stays public while the next
//! one is in review.

mod types;

pub use types::*;

use crate::labelled_enum;

labelled_enum!(
    /// The kind of material (000 §8.2, 004).
    MaterialType {
        Recommendations = "recommendations" => "Методические рекомендации",
        Manual = "manual" => "Пособие",
        ExamPrep = "exam_prep" => "Материалы подготовки к ГИА/ВПР",
        Analytics = "analytics" => "Аналитические материалы по итогам оценочных процедур",
        Case = "case" => "Кейс",
        TutorialProgramme = "tutorial_programme" => "Программа тьюториала",
        UniversalMaterial = "universal_material" => "Универсальный учебный материал",
        DidacticSheet = "didactic_sheet" => "Дидактический лист",
        Kim = "kim" => "КИМ",
        SessionRecording = "session_recording" => "Запись занятия",
        Regulation = "regulation" => "Нормативный документ (положение, приказ)",
    }
);

labelled_enum!(
    /// Who may see a published material.
    Visibility {
        Municipality = "municipality" => "Муниципалитет",
        Region = "region" => "Регион",
        Community = "community" => "Только сообщество тьюторов",
    }
);

labelled_enum!(
    /// The kind of a tag.
    TagKind {
        Topic = "topic" => "Тема",
        Deficit = "deficit" => "Профессиональный дефицит",
        ExamTask = "exam_task" => "Задание ВПР/ОГЭ/ЕГЭ",
    }
);

labelled_enum!(
    /// The licence a material is shared under (000 §1.9).
    Licence {
        CcBy = "cc_by" => "CC BY 4.0 (с указанием автора)",
        CcBySa = "cc_by_sa" => "CC BY-SA 4.0 (с указанием автора, на тех же условиях)",
        CcByNc = "cc_by_nc" => "CC BY-NC 4.0 (с указанием автора, некоммерческое)",
        Internal = "internal" => "Для использования в образовательных организациях (с указанием автора)",
        Official = "official" => "Официальный документ",
    }
);

labelled_enum!(
    /// Where the working version of a material is in moderation.
    LibraryStatus {
        Draft = "draft" => "Черновик",
        OnReview = "on_review" => "На модерации",
        Returned = "returned" => "Возвращён на доработку",
        Resubmitted = "resubmitted" => "Отправлен повторно",
        Published = "published" => "Опубликован",
        Unpublished = "unpublished" => "Снят с публикации",
    }
);

labelled_enum!(
    /// A step of moderation.
    LibraryAction {
        Submit = "submit" => "Отправить на модерацию",
        Resubmit = "resubmit" => "Отправить повторно",
        Publish = "publish" => "Опубликовать",
        Return = "return" => "Вернуть на доработку",
        Unpublish = "unpublish" => "Снять с публикации",
    }
);

impl LibraryAction {
    /// The step as the material's history tells it («Опубликован»).
    pub fn done_ru(self) -> &'static str {
        match self {
            LibraryAction::Submit => "Отправлен на модерацию",
            LibraryAction::Resubmit => "Отправлен повторно",
            LibraryAction::Publish => "Опубликован",
            LibraryAction::Return => "Возвращён на доработку",
            LibraryAction::Unpublish => "Снят с публикации",
        }
    }
}

/// How a material's history names one of its events (a step, or creation, a new version,
/// a report).
pub fn event_label_ru(action: &str) -> String {
    match action {
        "create" => "Создан".into(),
        "new_version" => "Новая версия".into(),
        "report" => "Жалоба".into(),
        a => LibraryAction::parse(a)
            .map(|x| x.done_ru().to_string())
            .unwrap_or_else(|| a.to_string()),
    }
}

labelled_enum!(
    /// How found materials are ordered: by how well they match (the default with words;
    /// without words the newest come first), by use (downloads, then views — «popular in
    /// my subject» with the subject facet), or by publication.
    LibrarySort {
        Relevance = "relevance" => "По совпадению",
        Popular = "popular" => "Популярные",
        Newest = "newest" => "Новые",
    }
);

labelled_enum!(
    /// The fields a moderator may remark on.
    LibraryField {
        Title = "title" => "Название",
        MaterialType = "material_type" => "Тип материала",
        Description = "description" => "Описание",
        Subjects = "subjects" => "Предметы",
        Grades = "grades" => "Классы",
        ActivityType = "activity_type" => "Вид деятельности",
        Tags = "tags" => "Теги",
        Authors = "authors" => "Авторы",
        Licence = "licence" => "Лицензия",
        Files = "files" => "Файлы",
        Links = "links" => "Ссылки",
        Visibility = "visibility" => "Видимость",
    }
);

/// In which capacity someone acts on a material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryActor {
    /// Coordinator of the material's municipality (or the region's admin): moderates.
    Coordinator,
    /// The one who created the material.
    Author,
    /// An author the coordinator allowed to publish without review.
    TrustedAuthor,
}

impl LibraryStatus {
    /// Waiting for the moderator.
    pub fn in_queue(self) -> bool {
        matches!(self, LibraryStatus::OnReview | LibraryStatus::Resubmitted)
    }

    /// How an edit is stored: in the working version, or as a new version (the
    /// published one stays as it is). `None`: not editable now (under review).
    pub fn edit_mode(self) -> Option<EditMode> {
        use LibraryStatus as S;
        match self {
            S::Draft | S::Returned => Some(EditMode::InPlace),
            S::Published | S::Unpublished => Some(EditMode::NewVersion),
            S::OnReview | S::Resubmitted => None,
        }
    }
}

/// How an edit is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditMode {
    InPlace,
    NewVersion,
}

impl LibraryAction {
    /// The status after the action, or `None` when it is not allowed from `from`;
    /// `public` says whether a version of the material is published now.
    pub fn next(self, from: LibraryStatus, public: bool) -> Option<LibraryStatus> {
        use LibraryAction as A;
        use LibraryStatus as S;
        match (self, from) {
            (A::Submit, S::Draft) => Some(S::OnReview),
            (A::Resubmit, S::Returned) => Some(S::Resubmitted),
            (A::Publish, S::OnReview | S::Resubmitted | S::Draft | S::Returned) => {
                Some(S::Published)
            }
            (A::Return, S::OnReview | S::Resubmitted) => Some(S::Returned),
            // Unpublishing takes the public version down; a newer version in work keeps
            // its own status.
            (A::Unpublish, S::Published) if public => Some(S::Unpublished),
            (A::Unpublish, s) if public => Some(s),
            _ => None,
        }
    }

    /// Who may take the action from `from`: a draft is published directly only by a
    /// trusted author (or the coordinator); a version in review only by the coordinator.
    pub fn actors(self, from: LibraryStatus) -> &'static [LibraryActor] {
        use LibraryAction as A;
        use LibraryActor as X;
        match self {
            A::Submit | A::Resubmit => &[X::Author],
            A::Publish if from.in_queue() => &[X::Coordinator],
            A::Publish => &[X::TrustedAuthor, X::Coordinator],
            A::Return | A::Unpublish => &[X::Coordinator],
        }
    }

    /// The actions possible from a status (for 409 messages).
    pub fn allowed_from(from: LibraryStatus, public: bool) -> Vec<LibraryAction> {
        LibraryAction::ALL
            .iter()
            .copied()
            .filter(|a| a.next(from, public).is_some())
            .collect()
    }

    /// The actions one of `mine` may take (the buttons the UI shows).
    pub fn allowed_for(
        from: LibraryStatus,
        public: bool,
        mine: &[LibraryActor],
    ) -> Vec<LibraryAction> {
        LibraryAction::allowed_from(from, public)
            .into_iter()
            .filter(|a| a.actors(from).iter().any(|x| mine.contains(x)))
            .collect()
    }

    /// What the step needs written: remarks or a comment (return), a reason (unpublish).
    pub fn needs_text(self) -> Option<&'static str> {
        match self {
            LibraryAction::Return => Some("Напишите замечания: к полям или общим комментарием"),
            LibraryAction::Unpublish => Some("Укажите причину снятия с публикации"),
            _ => None,
        }
    }
}

/// Abbreviations of the domain and what they stand for: a search for one finds the
/// other (ВПР ↔ «всероссийские проверочные работы»). Each group's words are equivalent.
pub const SYNONYMS: &[&[&str]] = &[
    &["ВПР", "всероссийские проверочные работы"],
    &["ОГЭ", "основной государственный экзамен"],
    &["ЕГЭ", "единый государственный экзамен"],
    &["ГИА", "государственная итоговая аттестация"],
    &["КТП", "календарно-тематическое планирование"],
    &["КИМ", "контрольно-измерительные материалы"],
    &[
        "ФГОС",
        "федеральный государственный образовательный стандарт",
    ],
    &["ФОП", "федеральная образовательная программа"],
    &["ШНОР", "школы с низкими образовательными результатами"],
    &[
        "ШССУ",
        "школы, функционирующие в сложных социальных условиях",
    ],
    &["ИОМ", "индивидуальный образовательный маршрут"],
    &["наставник", "наставничество", "наставляемый"],
];

#[cfg(test)]
mod tests;
