//! The order's printed forms: the composition as the order's appendix (000 Прил. 1,
//! SEED-GAPS 4.1) and the order itself (4.3), written by [`crate::docs::form`].

use super::members::repo as members;
use super::orders::{repo as orders, rows::OrderRow};
use super::shared::resolve_year;
use crate::auth::AuthUser;
use crate::docs::form::{Align, AppendixDoc, Block};
use crate::error::{AppError, AppResult};
use crate::features::municipalities::ops as municipalities;
use crate::store::conn::DbConn;
use crate::store::schema::schools;
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::{
    appendix_title, default_order_items, subjects_phrase, ExportQuery, OrderKind,
};
use tutornet_domain::org::Municipality;
use tutornet_domain::permissions::Resource;
use tutornet_domain::text::{collation_key, format_date_ru};

pub const COLUMNS: [&str; 4] = [
    "№ п/п",
    "Предмет",
    "ФИО (полностью)",
    "Должность, место работы",
];

/// Where a row goes: its number in the order, then approval date, list number, name.
type RowKey = (i32, Option<NaiveDate>, i32, String);

/// The appendix and its file name without extension («prilozhenie-1-01-03-24»).
pub struct ExportTable {
    pub doc: AppendixDoc,
    pub file_stem: String,
}

/// The order whose appendix is wanted: `order_id`, or the last order of the year issued
/// on or before `on_date` (default today).
fn order_of(
    conn: &mut DbConn,
    user: &AuthUser,
    q: &ExportQuery,
) -> AppResult<(Municipality, OrderRow)> {
    if let Some(id) = q.order_id.as_deref().filter(|s| !s.trim().is_empty()) {
        let o = orders::find_row(conn, id)?;
        let municipality =
            municipalities::readable(conn, user, Resource::Composition, &o.municipality_id)?;
        return Ok((municipality, o));
    }
    let municipality = municipalities::readable_or_own(
        conn,
        user,
        Resource::Composition,
        q.municipality_id.as_deref(),
    )?;
    let m = municipality.id.clone();
    let year_id = resolve_year(conn, q.academic_year_id.as_deref())?;
    let tz = crate::store::zone::stored(&municipality.effective_time_zone)?;
    let on: NaiveDate = q.on_date.unwrap_or_else(|| crate::store::zone::today(tz));
    let o = orders::effective(conn, &m, &year_id, on, None)?.ok_or_else(|| {
        AppError::field(
            "on_date",
            "no_order",
            format!(
                "На {} нет приказа о составе сообщества за этот учебный год: приложение не к чему приложить",
                format_date_ru(on)
            ),
        )
    })?;
    Ok((municipality, o))
}

/// The composition the order established (members approved and not excluded on its
/// date) as its appendix, in the order's own row sequence.
pub fn export_table(conn: &mut DbConn, user: &AuthUser, q: &ExportQuery) -> AppResult<ExportTable> {
    let (municipality, o) = order_of(conn, user, q)?;
    let on = match (&q.order_id, q.on_date) {
        (None, Some(d)) => d,
        _ => o.issued_on,
    };
    let list = members::approved_on(conn, &o.municipality_id, &o.academic_year_id, on)?;
    let numbers = orders::row_numbers(conn, &o.id)?;
    let full_names = {
        let ids: Vec<String> = list.iter().filter_map(|x| x.school_id.clone()).collect();
        let rows: Vec<(String, String)> = if ids.is_empty() {
            Vec::new()
        } else {
            schools::table
                .filter(schools::id.eq_any(ids))
                .select((schools::id, schools::full_name))
                .load(conn)?
        };
        rows.into_iter().collect::<HashMap<_, _>>()
    };
    let mut rows: Vec<(RowKey, [String; 3])> = list
        .into_iter()
        .map(|x| {
            let subject = subjects_phrase(
                &x.subjects
                    .iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>(),
            );
            let place = x
                .workplace
                .clone()
                .or_else(|| {
                    x.school_id
                        .as_ref()
                        .and_then(|s| full_names.get(s).cloned())
                })
                .unwrap_or_default();
            let pos = [x.position.clone().unwrap_or_default(), place]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            // The order's own sequence; members it does not list (approved by hand
            // before numbering existed) after them.
            let key = (
                numbers.get(&x.id).copied().unwrap_or(i32::MAX),
                x.approved_on,
                x.list_number.unwrap_or(i32::MAX),
                collation_key(&x.full_name),
            );
            (key, [subject, x.full_name, pos])
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(ExportTable {
        doc: AppendixDoc {
            sheet: "Состав".into(),
            stamp: stamp(&o),
            title: appendix_title(&municipality.in_phrase()).to_vec(),
            columns: COLUMNS.iter().map(|c| c.to_string()).collect(),
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, (_, [s, n, p]))| vec![(i + 1).to_string(), s, n, p])
                .collect(),
            xlsx_widths: vec![6.0, 24.0, 34.0, 70.0],
            docx_grid: vec![560, 1870, 2430, 4495],
            signature: signature(&o),
        },
        file_stem: format!("prilozhenie-{}-{}", o.appendix_number, file_part(&o.number)),
    })
}

/// «Приложение №1 к приказу» / issuer / «№ 01-03/24 от 09.01.2023г.».
fn stamp(o: &OrderRow) -> Vec<String> {
    vec![
        format!("Приложение №{} к приказу", o.appendix_number),
        o.issuer.clone(),
        format!("№ {} от {}г.", o.number, format_date_ru(o.issued_on)),
    ]
}

fn signature(o: &OrderRow) -> (String, String) {
    (
        o.signatory_position.clone().unwrap_or_default(),
        o.signatory_name.clone().unwrap_or_default(),
    )
}

/// An order number as a file name part: «01-03/24» → «01-03-24».
fn file_part(number: &str) -> String {
    number
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The printable order (SEED-GAPS 4.3): the letterhead, «П Р И К А З», the requisites
/// line (date · place · number), the bold title, the preamble ending in «п р и к а з ы
/// в а ю :», the numbered items and the signature. Returns the blocks and a file stem.
pub fn order_document(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
) -> AppResult<(Vec<Block>, String)> {
    let o = orders::find_row(conn, id)?;
    let municipality =
        municipalities::readable(conn, user, Resource::Composition, &o.municipality_id)?;
    let head = o
        .issuer_full_name
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| o.issuer.clone());
    let mut b: Vec<Block> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::text(Align::Centre, l, false))
        .collect();
    b.push(Block::text(
        Align::Centre,
        format!("Муниципальное образование {}", municipality.name),
        false,
    ));
    b.push(Block::Blank);
    b.push(Block::text(Align::Centre, "П Р И К А З", false));
    b.push(Block::Blank);
    b.push(Block::Requisites(
        format!("{} г.", format_date_ru(o.issued_on)),
        o.place.clone().unwrap_or_default(),
        format!("№ {}", o.number),
    ));
    b.push(Block::Blank);
    b.push(Block::text(Align::Centre, o.title.clone(), true));
    b.push(Block::Blank);
    let mut preamble: Vec<(String, bool)> = o
        .preamble
        .clone()
        .filter(|s| !s.trim().is_empty())
        .map(|p| vec![(format!("{} ", p.trim()), false)])
        .unwrap_or_default();
    preamble.push(("п р и к а з ы в а ю :".to_string(), true));
    b.push(Block::Para(Align::Justify, preamble));
    let kind = crate::store::stored(&o.kind, "composition_orders.kind", OrderKind::parse)?;
    let items: Vec<String> = match o.items.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(t) => t.lines().map(str::to_string).collect(),
        None => default_order_items(kind, &municipality.in_phrase(), o.appendix_number),
    };
    for (n, item) in items.iter().enumerate() {
        b.push(Block::text(
            Align::Justify,
            format!("{}. {}", n + 1, item.trim()),
            false,
        ));
    }
    b.push(Block::Blank);
    b.push(Block::Blank);
    let (position, name) = signature(&o);
    b.push(Block::Signature(position, name));
    Ok((b, format!("prikaz-{}", file_part(&o.number))))
}
