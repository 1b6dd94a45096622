//! The demo composition (invented people), loaded with the rest of the demo data by
//! `db::demo`; kept out of the query layer.

use super::members::repo::{self as members, NewMember};
use super::nominations::repo::{self as nominations, NewNomination};
use super::orders::repo as orders;
use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{schools, subjects, users};
use chrono::NaiveDate;
use diesel::prelude::*;
use tutornet_domain::composition::{
    LevelBasis, MemberInput, NominationInput, OrderInput, OrderKind, TutorCategory, TutorLevel,
    TutorSpecialisation,
};

/// The demo composition of Лесогорский район for the current year (invented people):
/// an approving order with four members (the demo tutor among them), one more member
/// nominated, and one pending nomination from the demo school administrator's school.
pub fn load_demo(conn: &mut DbConn, municipality_id: &str) -> AppResult<()> {
    let Some(year) = crate::features::academic_years::ops::current(conn)? else {
        return Ok(());
    };
    let subject = |conn: &mut DbConn, name: &str| -> AppResult<String> {
        Ok(subjects::table
            .filter(subjects::name.eq(name))
            .select(subjects::id)
            .first(conn)?)
    };
    let school = |conn: &mut DbConn, short: &str| -> AppResult<Option<String>> {
        Ok(schools::table
            .filter(schools::municipality_id.eq(municipality_id))
            .filter(schools::short_name.eq(short))
            .select(schools::id)
            .first(conn)
            .optional()?)
    };
    let user = |conn: &mut DbConn, email: &str| -> AppResult<Option<(String, Option<String>)>> {
        Ok(users::table
            .filter(users::email.eq(email))
            .select((users::id, users::school_id))
            .first(conn)
            .optional()?)
    };
    let tutor = user(conn, "tutor@tutornet.local")?;
    let sch1 = school(conn, "МБОУ СОШ № 1")?;
    let people: [(&str, &str, &str, &str, Option<String>); 5] = [
        (
            "Кедров Алексей Павлович",
            "Математика",
            "учитель математики",
            "МБОУ СОШ № 1",
            tutor.as_ref().map(|t| t.0.clone()),
        ),
        (
            "Рябинина Светлана Олеговна",
            "Русский язык",
            "учитель русского языка и литературы",
            "МБОУ гимназия № 11",
            None,
        ),
        (
            "Тополев Денис Маркович",
            "История",
            "учитель истории и обществознания",
            "МОБУ СОШ № 14",
            None,
        ),
        (
            "Ольховская Нина Ильинична",
            "Физика",
            "учитель физики",
            "МБОУ СОШ № 5",
            None,
        ),
        (
            "Черёмухин Роман Витальевич",
            "Химия",
            "учитель химии",
            "МОБУ СОШ № 6",
            None,
        ),
    ];
    let mut ids = Vec::new();
    for (n, (name, subj, position, short, user_id)) in people.into_iter().enumerate() {
        let s = subject(conn, subj)?;
        let school_id = if short == "МБОУ СОШ № 1" {
            sch1.clone()
        } else {
            school(conn, short)?
        };
        let id = new_id();
        let to = NewMember {
            actor: None,
            id: &id,
            municipality_id,
            academic_year_id: &year.id,
            nomination_id: None,
        };
        members::insert(
            conn,
            &to,
            &MemberInput {
                municipality_id: None,
                academic_year_id: None,
                user_id,
                full_name: name.into(),
                subject_ids: vec![s],
                level: TutorLevel::Municipal,
                level_basis: Some(LevelBasis::MouoOrder),
                level_document: Some("приказ УО № 112 от 28.08.2026".into()),
                specialisation: Some(if n == 0 {
                    TutorSpecialisation::Ege
                } else {
                    TutorSpecialisation::Oge
                }),
                category: Some(TutorCategory::Teacher),
                list_number: Some(n as i32 + 1),
                position: Some(position.into()),
                school_id,
                workplace: None,
                version: None,
            },
        )?;
        ids.push(id);
    }
    // The last one stays nominated.
    ids.pop();
    let order = OrderInput {
        municipality_id: None,
        academic_year_id: None,
        kind: OrderKind::Approve,
        number: "01-03/17".into(),
        issued_on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default(),
        issuer: "МКУ ИМЦ Лесогорского района".into(),
        title: "Об утверждении состава муниципального сообщества тьюторов".into(),
        signatory_position: Some("Директор МКУ ИМЦ Лесогорского района".into()),
        signatory_name: Some("В.А. Ясенева".into()),
        place: Some("г. Лесогорск".into()),
        appendix_number: 1,
        issuer_full_name: Some(
            "МУНИЦИПАЛЬНОЕ КАЗЕННОЕ УЧРЕЖДЕНИЕ\nДОПОЛНИТЕЛЬНОГО ПЕДАГОГИЧЕСКОГО ОБРАЗОВАНИЯ\n«ИНФОРМАЦИОННО-МЕТОДИЧЕСКИЙ ЦЕНТР» ЛЕСОГОРСКОГО РАЙОНА".into(),
        ),
        preamble: Some(
            "В целях повышения качества образования в школах с низкими образовательными результатами и эффективного развития муниципальной методической сети".into(),
        ),
        items: Vec::new(),
        file_name: None,
        approve_member_ids: ids,
        exclude: Vec::new(),
    };
    let order_id = new_id();
    orders::insert(conn, None, &order_id, municipality_id, &year.id, &order)?;
    // A pending nomination from the school administrator's school.
    if let Some((_, Some(sa_school))) = user(conn, "school-admin@tutornet.local")? {
        let s = subject(conn, "Биология")?;
        let input = NominationInput {
            school_id: Some(sa_school.clone()),
            academic_year_id: None,
            teacher_user_id: None,
            full_name: Some("Лиственная Дарья Семёновна".into()),
            subject_id: String::new(),
            subject_ids: vec![s],
            position: Some("учитель биологии".into()),
            is_current_teacher: true,
            experience_years: 14,
            achievements: Some(
                "Ученики — призёры муниципального этапа олимпиады по биологии; эксперт ОГЭ".into(),
            ),
            has_authority: true,
            ready_to_help: true,
            ready_to_tutor: true,
            justification: "Высокие результаты ОГЭ по биологии три года подряд, руководит ШМО естественных наук".into(),
        };
        let to = NewNomination {
            actor: None,
            id: &new_id(),
            municipality_id,
            academic_year_id: &year.id,
            school_id: &sa_school,
            full_name: "Лиственная Дарья Семёновна",
        };
        nominations::insert(conn, &to, &input)?;
    }
    Ok(())
}
