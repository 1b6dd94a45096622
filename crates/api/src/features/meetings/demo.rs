//! The demo meetings (invented): a signed meeting of the demo municipality three weeks
//! ago — one tutor absent with a reason, two agenda items, two поручения, one of them
//! overdue — and the next meeting planned for next week, whose card shows the open
//! поручения under «Контроль исполнения». Written through the noun's own rules, as the
//! coordinator would.

use super::rules;
use crate::error::AppResult;
use crate::store::conn::DbConn;
use tutornet_domain::meetings::{
    AgendaItemInput, DecisionInput, InviteeInput, MeetingAction, MeetingInput, MeetingKind,
    MeetingTransition, MeetingUpdate, Signatory,
};

fn input(m: &str, topic: &str, held_on: chrono::NaiveDate, number: Option<&str>) -> MeetingInput {
    MeetingInput {
        municipality_id: Some(m.into()),
        kind: Some(MeetingKind::TutorsMeeting),
        kind_text: None,
        number: number.map(str::to_string),
        topic: topic.into(),
        held_on: Some(held_on),
        starts_at: "13:00".into(),
        place: "МКУ ИМЦ, актовый зал".into(),
    }
}

fn decision(
    text: &str,
    owner: &crate::auth::AuthUser,
    days: i64,
    today: chrono::NaiveDate,
) -> DecisionInput {
    DecisionInput {
        id: None,
        text: text.into(),
        owner_user_id: Some(owner.id.clone()),
        owner_name: None,
        deadline: Some(today + chrono::Duration::days(days)),
    }
}

pub fn load_demo(conn: &mut DbConn, municipality_id: &str) -> AppResult<()> {
    let (Some(coord), Some(tutor)) = (
        crate::db::demo::demo_user(conn, "coordinator@tutornet.local")?,
        crate::db::demo::demo_user(conn, "tutor@tutornet.local")?,
    ) else {
        return Ok(());
    };
    let today = crate::store::zone::today_in(conn, municipality_id)?;
    let topic = "Итоги ВПР и сопровождение школ с низкими результатами";
    let held = rules::create(
        conn,
        &coord,
        &input(
            municipality_id,
            topic,
            today - chrono::Duration::days(21),
            Some("3"),
        ),
    )?;
    let invitees = held
        .invitees
        .iter()
        .enumerate()
        .map(|(i, x)| InviteeInput {
            id: Some(x.id.clone()),
            user_id: x.user_id.clone(),
            member_id: x.member_id.clone(),
            full_name: x.full_name.clone(),
            position: x.position.clone(),
            school: x.school.clone(),
            category: x.category.clone(),
            present: Some(i != 1),
            absence_reason: (i == 1).then(|| "больничный лист".to_string()),
        })
        .collect();
    let update = MeetingUpdate {
        kind: Some(MeetingKind::TutorsMeeting),
        kind_text: None,
        number: Some("3".into()),
        topic: topic.into(),
        held_on: Some(held.held_on),
        starts_at: held.starts_at.clone(),
        place: held.place.clone(),
        invitees,
        extra_present: 1,
        agenda: vec![
            AgendaItemInput {
                id: None,
                title: "Об итогах всероссийских проверочных работ по математике".into(),
                speaker_user_id: Some(coord.id.clone()),
                speaker_name: None,
                speaker_position: Some("координатор тьюторского сообщества".into()),
                speaker_collective: None,
                proceedings: "Представлен анализ результатов ВПР школ с низкими результатами: доля невыполнивших работу выше муниципальной в трёх школах.".into(),
                decisions: vec![decision(
                    "Провести групповые консультации для учителей математики школ с низкими результатами",
                    &tutor,
                    14,
                    today,
                )],
            },
            AgendaItemInput {
                id: None,
                title: "О методической библиотеке сообщества".into(),
                speaker_user_id: Some(tutor.id.clone()),
                speaker_name: None,
                speaker_position: Some("тьютор по математике".into()),
                speaker_collective: None,
                proceedings: "Тьютор рассказал о материалах по подготовке к ВПР, опубликованных в библиотеке.".into(),
                decisions: vec![decision(
                    "Разместить в библиотеке разбор типичных ошибок ВПР",
                    &tutor,
                    -3,
                    today,
                )],
            },
        ],
        include_misc: false,
        misc_text: String::new(),
        signatories: vec![Signatory {
            position: "Координатор тьюторского сообщества".into(),
            name: tutornet_domain::text::initials_surname(&coord.full_name),
        }],
        version: held.meta.version,
    };
    let held = rules::update(conn, &coord, &held.id, &update)?;
    let step = |action, version| MeetingTransition {
        action: Some(action),
        version,
    };
    let held = rules::transition(
        conn,
        &coord,
        &held.id,
        &step(MeetingAction::Hold, held.meta.version),
    )?;
    rules::transition(
        conn,
        &coord,
        &held.id,
        &step(MeetingAction::Sign, held.meta.version),
    )?;
    rules::create(
        conn,
        &coord,
        &input(
            municipality_id,
            "Планирование методической работы на третью четверть",
            today + chrono::Duration::days(7),
            None,
        ),
    )?;
    Ok(())
}
