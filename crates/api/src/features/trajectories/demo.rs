//! Demo data of professional growth: a November diagnostic campaign of the first
//! municipality with the demo teacher's scores, and the teacher's agreed ИОМ led by the
//! demo tutor (one deficit, two steps), so the pages and the teacher's start page show them.

use diesel::prelude::*;

use crate::error::AppResult;
use crate::new_bookkeeping;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{
    diagnostic_campaigns as dc, diagnostic_results as dr, trajectories as t,
    trajectory_deficits as td, trajectory_steps as ts, users,
};

fn user(conn: &mut DbConn, email: &str) -> AppResult<Option<(String, Option<String>)>> {
    Ok(users::table
        .filter(users::email.eq(email))
        .select((users::id, users::school_id))
        .first(conn)
        .optional()?)
}

pub fn load_demo(conn: &mut DbConn, municipality_id: &str) -> AppResult<()> {
    let (Some((teacher, school)), Some((tutor, _))) = (
        user(conn, "teacher@tutornet.local")?,
        user(conn, "tutor@tutornet.local")?,
    ) else {
        return Ok(());
    };
    let Some(year) = crate::features::academic_years::ops::current(conn)? else {
        return Ok(());
    };
    let y = chrono::Datelike::year(&year.starts_on);
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let campaign = new_id();
    diesel::insert_into(dc::table)
        .values((
            dc::id.eq(&campaign),
            dc::municipality_id.eq(municipality_id),
            dc::academic_year_id.eq(&year.id),
            dc::title.eq("Диагностика профессиональных дефицитов педагогов (ноябрь)"),
            dc::held_on.eq(day(11, 16).unwrap_or(year.starts_on)),
            dc::method.eq("questionnaire"),
            dc::respondents.eq("teachers"),
            dc::threshold.eq(60),
            new_bookkeeping!(diagnostic_campaigns, None),
        ))
        .execute(conn)?;
    for (ind, score) in [
        ("ind-kim-1", 40),
        ("ind-formative_assessment-2", 55),
        ("ind-materials-1", 80),
        ("ind-digital-1", 90),
    ] {
        diesel::insert_into(dr::table)
            .values((
                dr::id.eq(new_id()),
                dr::campaign_id.eq(&campaign),
                dr::user_id.eq(&teacher),
                dr::indicator_id.eq(ind),
                dr::score.eq(score),
                dr::young.eq(true),
            ))
            .execute(conn)?;
    }
    let id = new_id();
    diesel::insert_into(t::table)
        .values((
            t::id.eq(&id),
            t::user_id.eq(&teacher),
            t::municipality_id.eq(municipality_id),
            t::school_id.eq(&school),
            t::academic_year_id.eq(&year.id),
            t::mentor_user_id.eq(&tutor),
            t::title.eq(format!("ИОМ педагога на {} учебный год", year.name)),
            t::status.eq("agreed"),
            t::learner_agreed.eq(true),
            t::mentor_agreed.eq(true),
            new_bookkeeping!(trajectories, None),
        ))
        .execute(conn)?;
    for (ind, task, before) in [
        (
            "ind-kim-1",
            "Научиться составлять задания в формате КИМ ОГЭ",
            40,
        ),
        (
            "ind-formative_assessment-2",
            "Освоить приёмы обратной связи на уроке",
            55,
        ),
    ] {
        diesel::insert_into(td::table)
            .values((
                td::trajectory_id.eq(&id),
                td::indicator_id.eq(ind),
                td::task.eq(task),
                td::score_before.eq(before),
            ))
            .execute(conn)?;
    }
    for (n, (ind, kind, title, deadline, product)) in [
        (
            "ind-kim-1",
            "session",
            "Практикум «Задания ОГЭ с развёрнутым ответом»",
            day(12, 25),
            "Банк из 10 заданий",
        ),
        (
            "ind-formative_assessment-2",
            "lesson_visit",
            "Посещение уроков наставника: обратная связь",
            day(12, 20),
            "Анализ двух уроков",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        diesel::insert_into(ts::table)
            .values((
                ts::id.eq(new_id()),
                ts::trajectory_id.eq(&id),
                ts::position.eq(n as i32 + 1),
                ts::indicator_id.eq(ind),
                ts::kind.eq(kind),
                ts::title.eq(title),
                ts::deadline.eq(deadline.unwrap_or(year.ends_on)),
                ts::expected_product.eq(product),
            ))
            .execute(conn)?;
    }
    Ok(())
}
