use super::protocol::{ordinal_dative, paragraphs, Para};
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn invitee(name: &str, position: &str, school: &str, cat: &str, present: bool) -> Invitee {
    Invitee {
        id: name.into(),
        user_id: None,
        member_id: None,
        full_name: name.into(),
        position: Some(position.into()),
        school: Some(school.into()),
        category: cat.into(),
        present: Some(present),
        absence_reason: None,
    }
}

fn item(n: i32, title: &str, speaker: (&str, &str), collective: &str, said: &str) -> AgendaItem {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    AgendaItem {
        id: n.to_string(),
        position: n,
        title: title.into(),
        speaker_user_id: None,
        speaker_name: opt(speaker.0),
        speaker_position: opt(speaker.1),
        speaker_collective: opt(collective),
        proceedings: said.into(),
        decisions: Vec::new(),
    }
}

/// Seed 002 as data.
fn seed() -> Meeting {
    let vpr = "учителя-тьюторы по ВПР";
    let ege = "учителя-тьюторы по ЕГЭ";
    let mut invitees = vec![
        invitee(
            "Сердариди Ольга Константиновна",
            "учитель русского языка",
            "МБОУ СОШ № 44",
            vpr,
            false,
        ),
        invitee(
            "Катранова Елена Леонидовна",
            "учитель русского языка",
            "МБОУ СОШ № 9",
            vpr,
            false,
        ),
        invitee(
            "Волошина Татьяна Яковлевна",
            "учитель английского языка",
            "МБОУ СОШ № 2",
            ege,
            false,
        ),
        invitee(
            "Воробьева Людмила Александровна",
            "учитель информатики",
            "МБОУ СОШ № 9",
            ege,
            false,
        ),
        invitee(
            "Зубко Татьяна Викторовна",
            "учитель географии",
            "МБОУ СОШ № 57",
            ege,
            false,
        ),
    ];
    invitees.push(invitee(
        "Иванова Анна Петровна",
        "учитель",
        "МБОУ СОШ № 1",
        vpr,
        true,
    ));
    let gub = ("Губанова Ирина Степановна", "начальник отдела МКУ ИМЦ");
    Meeting {
        id: "m".into(),
        municipality_id: "x".into(),
        kind: MeetingKind::TutorsMeeting,
        kind_text: None,
        number: None,
        topic: "Анализ эффективности деятельности тьюторов по повышению качества образования в школах с низкими образовательными результатами".into(),
        held_on: d(2021, 2, 18),
        starts_at: "13:00".into(),
        place: "зал управления образования".into(),
        status: MeetingStatus::Held,
        invitees,
        extra_present: 18,
        agenda: vec![
            item(1, "О функционировании муниципального сообщества тьюторов и тьюторского консультационного пункта", ("Пацюк Анна Анатольевна", "директор МКУ ИМЦ"), "",
                 "Пацюк Анна Анатольевна, директор МКУ ИМЦ рассказала о том, что с января 2021 года сформировано муниципальное сообщество тьюторов.\nВ своей деятельности тьюторское сообщество использует возможности интерактивного сетевого взаимодействия."),
            item(2, "Анализ эффективности деятельности тьюторов", ("", ""), "Учителя-тьюторы по ВПР",
                 "выступили учителя-тьюторы с анализом эффективности деятельности тьюторов (приложение)."),
            item(3, "Организация работы учителей-тьюторов по подготовке обучающихся к ВПР.", gub, "", "с организацией индивидуальной работы выступила Губанова Ирина Степановна."),
            item(4, "О выполнении мероприятий дорожной карты ШНОР", gub, "", ""),
        ],
        include_misc: true,
        misc_text: "были даны ответы на вопросы со стороны учителей-тьюторов.".into(),
        signatories: vec![Signatory { position: "Начальник отдела МКУ ИМЦ".into(), name: "И.С. Губанова".into() }],
        files: Vec::new(),
        control: Vec::new(),
        present_count: 0,
        absent_count: 0,
        meta: crate::org::Meta {
            created_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: chrono::DateTime::UNIX_EPOCH,
            created_by: None,
            updated_by: None,
            archived_at: None,
            version: 1,
        },
    }
}

#[test]
fn the_protocol_reads_like_seed_002() {
    let texts: Vec<String> = paragraphs(&seed())
        .iter()
        .filter(|p| **p != Para::Blank)
        .map(Para::text)
        .collect();
    let want = [
        "Протокол",
        "совещания учителей-тьюторов",
        "«Анализ эффективности деятельности тьюторов по повышению качества образования в школах с низкими образовательными результатами»",
        "Дата проведения: 18 февраля 2021 года",
        "Место проведения: зал управления образования",
        "Время проведения: 13.00",
        "Присутствовали: 19 человек",
        "Отсутствовали: 5 человек:",
        "- учителя-тьюторы по ВПР: Сердариди О.К., учитель русского языка МБОУ СОШ № 44, Катранова Е.Л., учитель русского языка МБОУ СОШ № 9;",
        "- учителя-тьюторы по ЕГЭ: Волошина Т.Я., учитель английского языка МБОУ СОШ № 2, Воробьева Л.А., учитель информатики МБОУ СОШ № 9, Зубко Т.В., учитель географии МБОУ СОШ № 57.",
        "Программа",
        "1. О функционировании муниципального сообщества тьюторов и тьюторского консультационного пункта.",
        "Пацюк Анна Анатольевна,",
        "директор МКУ ИМЦ",
        "2. Анализ эффективности деятельности тьюторов.",
        "Учителя-тьюторы по ВПР",
        "3. Организация работы учителей-тьюторов по подготовке обучающихся к ВПР.",
        "Губанова Ирина Степановна,",
        "начальник отдела МКУ ИМЦ",
        "4. О выполнении мероприятий дорожной карты ШНОР.",
        "Губанова Ирина Степановна,",
        "начальник отдела МКУ ИМЦ",
        "5. Разное.",
        "По первому вопросу Пацюк Анна Анатольевна, директор МКУ ИМЦ рассказала о том, что с января 2021 года сформировано муниципальное сообщество тьюторов.",
        "В своей деятельности тьюторское сообщество использует возможности интерактивного сетевого взаимодействия.",
        "По второму вопросу выступили учителя-тьюторы с анализом эффективности деятельности тьюторов (приложение).",
        "По третьему вопросу с организацией индивидуальной работы выступила Губанова Ирина Степановна.",
        "В разном были даны ответы на вопросы со стороны учителей-тьюторов.",
        "Начальник отдела МКУ ИМЦ\tИ.С. Губанова",
    ];
    assert_eq!(texts, want);
}

#[test]
fn decisions_counts_and_ordinals() {
    let mut m = seed();
    m.agenda[3].decisions.push(Decision {
        id: "d".into(),
        meeting_id: "m".into(),
        agenda_item_id: "4".into(),
        text: "Представить отчёт о выполнении дорожной карты.".into(),
        owner_user_id: None,
        owner_name: "Губанова И.С.".into(),
        deadline: Some(d(2021, 3, 1)),
        done_on: None,
        status: DecisionStatus::Open,
        meeting_topic: String::new(),
        meeting_date: d(2021, 2, 18),
        version: 1,
    });
    m.extra_present = 0;
    m.invitees.truncate(1);
    m.invitees[0].absence_reason = Some("курсы".into());
    let t: Vec<String> = paragraphs(&m).iter().map(Para::text).collect();
    assert!(t.contains(&"Присутствовали: 0 человек".to_string()));
    assert!(t.contains(&"Отсутствовали: 1 человек:".to_string()));
    assert!(t.contains(
        &"- учителя-тьюторы по ВПР: Сердариди О.К., учитель русского языка МБОУ СОШ № 44 (курсы)."
            .to_string()
    ));
    assert!(t.contains(&"По четвертому вопросу".to_string()));
    assert!(t.contains(&"1. Представить отчёт о выполнении дорожной карты — ответственный: Губанова И.С., срок: до 01.03.2021.".to_string()));
    m.invitees[0].present = Some(true);
    m.extra_present = 1;
    let t: Vec<String> = paragraphs(&m).iter().map(Para::text).collect();
    assert!(t.contains(&"Присутствовали: 2 человека".to_string()));
    assert!(t.contains(&"Отсутствовали: нет".to_string()));
    assert_eq!(ordinal_dative(11), "одиннадцатому");
    assert_eq!(ordinal_dative(25), "25-му");
}

#[test]
fn statuses_and_workflow() {
    let today = d(2026, 12, 3);
    assert_eq!(
        decision_status(Some(d(2026, 12, 1)), None, today),
        DecisionStatus::Overdue
    );
    assert_eq!(
        decision_status(Some(today), None, today),
        DecisionStatus::Open
    );
    assert_eq!(decision_status(None, None, today), DecisionStatus::Open);
    assert_eq!(
        decision_status(Some(d(2026, 1, 1)), Some(today), today),
        DecisionStatus::Done
    );
    let f = Flow {
        status: MeetingStatus::Planned,
        date_reached: false,
        agenda_items: 1,
        signatories: 1,
        unticked: 0,
    };
    assert!(transition(f, MeetingAction::Hold).is_err());
    let f = Flow {
        date_reached: true,
        ..f
    };
    assert_eq!(transition(f, MeetingAction::Hold), Ok(MeetingStatus::Held));
    assert!(transition(f, MeetingAction::Sign).is_err());
    let held = Flow {
        status: MeetingStatus::Held,
        ..f
    };
    assert_eq!(
        transition(held, MeetingAction::Sign),
        Ok(MeetingStatus::Signed)
    );
    assert!(transition(
        Flow {
            signatories: 0,
            ..held
        },
        MeetingAction::Sign
    )
    .is_err());
    assert!(transition(
        Flow {
            unticked: 2,
            ..held
        },
        MeetingAction::Sign
    )
    .unwrap_err()
    .contains("2 человека"));
    assert!(may_edit(MeetingStatus::Signed).is_err());
    assert!(may_edit(MeetingStatus::Held).is_ok());
    assert_eq!(parse_time("13:00"), Some((13, 0)));
    assert_eq!(parse_time("9.30"), Some((9, 30)));
    assert_eq!(parse_time("24:00"), None);
    assert_eq!(parse_time("13:5"), None);
}
