//! Which existing member a table row means: the same person — the normalised full
//! name, and the school and e-mail where both the row and the member have them — with
//! the same subjects, among the members (not removed) of the year and municipality;
//! and what the row would change.

use crate::error::AppResult;
use crate::features::composition::members::{repo as members, rows::MemberRow};
use crate::store::conn::DbConn;
use crate::store::schema::{members as m, users};
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::{
    ImportMatch, Member, MemberStatus, TutorCategory, TutorLevel, TutorSpecialisation,
};
use tutornet_domain::text::search_key;

/// An existing member and the e-mail of their account.
pub(super) struct Existing {
    pub member: Member,
    email: Option<String>,
}

/// The members of municipality `mid` and `year` that are not removed.
pub(super) fn existing(conn: &mut DbConn, mid: &str, year: &str) -> AppResult<Vec<Existing>> {
    let rows: Vec<MemberRow> = m::table
        .filter(m::municipality_id.eq(mid))
        .filter(m::academic_year_id.eq(year))
        .filter(m::archived_at.is_null())
        .order(m::id)
        .select(MemberRow::as_select())
        .load(conn)?;
    let list = members::to_members(conn, rows)?;
    let accounts: Vec<String> = list.iter().filter_map(|x| x.user_id.clone()).collect();
    let emails: HashMap<String, String> = if accounts.is_empty() {
        HashMap::new()
    } else {
        users::table
            .filter(users::id.eq_any(accounts))
            .select((users::id, users::email))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect()
    };
    Ok(list
        .into_iter()
        .map(|member| Existing {
            email: member.user_id.as_ref().and_then(|u| emails.get(u).cloned()),
            member,
        })
        .collect())
}

/// What identifies the person of a row.
pub(super) struct Person<'a> {
    pub full_name: &'a str,
    pub subject_ids: Vec<String>,
    pub school_id: Option<&'a str>,
    pub email: Option<&'a str>,
}

/// The key two rows of one table share when they name the same person and subjects.
pub(super) fn key(p: &Person) -> String {
    let mut s = p.subject_ids.clone();
    s.sort();
    format!("{}|{}", search_key(p.full_name), s.join(","))
}

/// The existing member the row means, if any.
pub(super) fn find<'a>(list: &'a [Existing], p: &Person) -> Option<&'a Existing> {
    let want = key(p);
    list.iter().find(|e| {
        let m = &e.member;
        let same = |a: Option<&str>, b: Option<&str>, f: fn(&str) -> String| match (a, b) {
            (Some(a), Some(b)) => f(a) == f(b),
            _ => true,
        };
        let person = Person {
            full_name: &m.full_name,
            subject_ids: m.subjects.iter().map(|s| s.id.clone()).collect(),
            school_id: None,
            email: None,
        };
        key(&person) == want
            && same(p.school_id, m.school_id.as_deref(), str::to_string)
            && same(p.email, e.email.as_deref(), search_key)
    })
}

/// The fields a row gives; `None` where the table says nothing.
pub(super) struct Given {
    pub position: Option<String>,
    pub workplace: Option<String>,
    pub school_id: Option<String>,
    pub level: Option<TutorLevel>,
    pub specialisation: Option<TutorSpecialisation>,
    pub category: Option<TutorCategory>,
    pub list_number: Option<i32>,
}

impl Given {
    /// The labels of the fields the row changes on `m`.
    pub(super) fn changes(&self, m: &Member) -> Vec<String> {
        let mut out = Vec::new();
        let mut differs = |label: &str, changed: bool| {
            if changed {
                out.push(label.to_string());
            }
        };
        let text = |g: &Option<String>, v: &Option<String>| {
            g.as_ref()
                .is_some_and(|g| Some(g.trim()) != v.as_deref().map(str::trim))
        };
        differs(
            "№ п/п",
            self.list_number.is_some() && self.list_number != m.list_number,
        );
        differs("Должность", text(&self.position, &m.position));
        differs("Место работы", text(&self.workplace, &m.workplace));
        differs(
            "Школа",
            self.school_id.is_some() && self.school_id != m.school_id,
        );
        differs("Уровень", self.level.is_some_and(|l| l != m.level));
        differs(
            "Специализация",
            self.specialisation.is_some() && self.specialisation != m.specialisation,
        );
        differs(
            "Категория",
            self.category.is_some() && self.category != m.category,
        );
        out
    }

    /// The member's input with the row's fields applied.
    pub(super) fn applied_to(&self, m: &Member) -> tutornet_domain::composition::MemberInput {
        let mut i = m.to_input();
        let set = |to: &mut Option<String>, v: &Option<String>| {
            if v.is_some() {
                to.clone_from(v);
            }
        };
        set(&mut i.position, &self.position);
        set(&mut i.workplace, &self.workplace);
        set(&mut i.school_id, &self.school_id);
        if let Some(l) = self.level {
            if l != i.level {
                i.level = l;
                // The basis belongs to the level; keep it only when it still fits.
                i.level_basis = i.level_basis.filter(|b| *b == l.basis());
            }
        }
        if self.specialisation.is_some() {
            i.specialisation = self.specialisation;
        }
        if self.category.is_some() {
            i.category = self.category;
        }
        if self.list_number.is_some() {
            i.list_number = self.list_number;
        }
        i
    }
}

/// The match shown in the preview.
pub(super) fn shown(e: &Existing, changes: Vec<String>) -> ImportMatch {
    let m = &e.member;
    ImportMatch {
        member_id: m.id.clone(),
        full_name: m.full_name.clone(),
        status: m.status,
        changes,
        locked: (m.status != MemberStatus::Nominated).then(|| {
            format!(
                "Участник {}: изменить его можно только приказом о внесении изменений",
                m.status.label_ru().to_lowercase()
            )
        }),
    }
}
