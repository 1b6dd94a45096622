//! Demo data: the first municipality's two consultation points (002 item 3: «по
//! математике, русскому языку и начальным классам»), one on a school's base and one at
//! the methodological service, so the pages and the printable schedule are not empty.

use diesel::prelude::*;
use tutornet_domain::consultation_points::ConsultationPointInput;

use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::{schools, subjects, users};

pub fn load_demo(conn: &mut DbConn, municipality_id: &str) -> AppResult<()> {
    let subject_ids = |conn: &mut DbConn, names: &[&str]| -> AppResult<Vec<String>> {
        Ok(subjects::table
            .filter(subjects::name.eq_any(names))
            .select(subjects::id)
            .load(conn)?)
    };
    let school: Option<String> = schools::table
        .filter(schools::municipality_id.eq(municipality_id))
        .filter(schools::short_name.eq("МБОУ СОШ № 1"))
        .select(schools::id)
        .first(conn)
        .optional()?;
    let head: Option<String> = users::table
        .filter(users::email.eq("tutor@tutornet.local"))
        .select(users::id)
        .first(conn)
        .optional()?;
    let points = [
        ConsultationPointInput {
            municipality_id: municipality_id.into(),
            name: "Консультационный пункт на базе МБОУ СОШ № 1".into(),
            base_school_id: school,
            base_organisation: None,
            head_user_id: head,
            head_name: None,
            subject_ids: subject_ids(conn, &["Математика", "Русский язык"])?,
            address: Some("г. Лесогорск, ул. Садовая, 12, каб. 21".into()),
            note: Some("Консультации по вторникам и четвергам после 15:00.".into()),
            version: None,
        },
        ConsultationPointInput {
            municipality_id: municipality_id.into(),
            name: "Консультационный пункт при ИМЦ".into(),
            base_school_id: None,
            base_organisation: Some("МКУ «Информационно-методический центр»".into()),
            head_user_id: None,
            head_name: Some("Алифанова Ирина Андреевна".into()),
            subject_ids: subject_ids(conn, &["Начальные классы", "Математика"])?,
            address: Some("г. Лесогорск, ул. Ленина, 25, каб. 5".into()),
            note: None,
            version: None,
        },
    ];
    for p in &points {
        super::repo::insert(conn, None, &new_id(), p)?;
    }
    Ok(())
}
