//! Accounts from an uploaded XLSX table (ФИО · e-mail · роль · школа/муниципалитет ·
//! должность) through the shared preview of [`crate::docs`]: each row is matched to a
//! role and a place within the caller's reach; rows with errors and e-mails already
//! registered (or repeated) are shown and left out; confirm creates the rest.

use super::issue::{answer, issued_at, open_account, prepare, row_message, Prepared};
use super::rules::LinkConfig;
use crate::auth::AuthUser;
use crate::docs::{self, RawRow, Source, TableImport};
use crate::error::{AppError, AppResult};
use crate::features::users::repo::{login_lookup, normalize_email};
use crate::store::conn::DbConn;
use crate::store::schema::{municipalities, schools};
use crate::AppState;
use diesel::prelude::*;
use tutornet_domain::accounts::{
    AccountsIssued, Delivery, UserImportPreview, UserImportRequest, UserImportRow,
};
use tutornet_domain::permissions::{Action, Resource, Role};
use tutornet_domain::problem::Errors;
use tutornet_domain::text::search_key;
use tutornet_domain::users::UserCreate;

/// A place a cell names: (municipality id, its name, (school id, its short name)).
type FoundPlace = (String, String, Option<(String, String)>);

/// A role written in a table cell: its Russian label, a common wording, or its code.
pub fn parse_role(cell: &str) -> Option<Role> {
    let k = search_key(cell.trim());
    if let Some(r) = Role::ALL
        .into_iter()
        .find(|r| search_key(r.label_ru()) == k || r.as_str() == k)
    {
        return Some(r);
    }
    let has = |w: &str| k.contains(w);
    if has("тьютор") {
        Some(Role::Tutor)
    } else if has("учител") || has("педагог") {
        Some(Role::Teacher)
    } else if has("администрац") || has("директор") || has("заместител") || has("завуч")
    {
        Some(Role::SchoolAdmin)
    } else if has("координатор") || has("руководитель сообщества")
    {
        Some(Role::Coordinator)
    } else if has("наблюдател") {
        Some(Role::Observer)
    } else {
        None
    }
}

/// A place of the caller's reach: (id, municipality, names to match).
struct Places {
    /// (id, municipality id, short name, keys)
    schools: Vec<(String, String, String, Vec<String>)>,
    /// (id, name, key)
    municipalities: Vec<(String, String, String)>,
}

impl Places {
    fn load(conn: &mut DbConn, user: &AuthUser) -> AppResult<Places> {
        let reach = user.reach(Resource::User, Action::Create)?;
        let mut ms = municipalities::table
            .filter(municipalities::archived_at.is_null())
            .into_boxed();
        ms = crate::in_reach!(
            ms, &reach,
            region: (municipalities::region_id),
            municipality: (municipalities::id),
            school: (nothing),
            own: (nothing),
        );
        let municipalities: Vec<(String, String)> = ms
            .select((municipalities::id, municipalities::name))
            .load(conn)?;
        let ids: Vec<String> = municipalities.iter().map(|m| m.0.clone()).collect();
        let schools: Vec<(String, String, String, String)> = schools::table
            .filter(schools::archived_at.is_null())
            .filter(schools::municipality_id.eq_any(ids))
            .select((
                schools::id,
                schools::municipality_id,
                schools::short_name,
                schools::full_name,
            ))
            .load(conn)?;
        Ok(Places {
            schools: schools
                .into_iter()
                .map(|(id, m, short, full)| {
                    let keys = vec![search_key(&short), search_key(&full)];
                    (id, m, short, keys)
                })
                .collect(),
            municipalities: municipalities
                .into_iter()
                .map(|(id, name)| {
                    let k = search_key(&name);
                    (id, name, k)
                })
                .collect(),
        })
    }

    /// (municipality, its name, (school, its name)) of a cell: a school's short or full
    /// name, or a municipality's name.
    fn find(&self, cell: &str) -> Option<FoundPlace> {
        let k = search_key(cell.trim());
        if k.is_empty() {
            return None;
        }
        if let Some((id, m, short, _)) = self.schools.iter().find(|s| s.3.contains(&k)) {
            let name = self.name_of(m);
            return Some((m.clone(), name, Some((id.clone(), short.clone()))));
        }
        self.municipalities
            .iter()
            .find(|(_, _, mk)| *mk == k)
            .map(|(id, name, _)| (id.clone(), name.clone(), None))
    }

    fn name_of(&self, m: &str) -> String {
        self.municipalities
            .iter()
            .find(|x| x.0 == m)
            .map(|x| x.1.clone())
            .unwrap_or_default()
    }
}

/// An upload by one caller.
struct People<'a> {
    user: &'a AuthUser,
    places: Places,
    delivery: Delivery,
    prepared: Vec<Prepared>,
    links: LinkConfig,
}

/// Whether a row is the header («ФИО», «e-mail», …).
fn header(cells: &[String]) -> bool {
    cells
        .first()
        .is_some_and(|c| search_key(c).starts_with("фио"))
}

impl People<'_> {
    fn row(&self, conn: &mut DbConn, n: usize, r: &RawRow) -> AppResult<UserImportRow> {
        let cell = |i: usize| {
            r.cells
                .get(i)
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let (full_name, email, role_text, place, position) =
            (cell(0), cell(1), cell(2), cell(3), cell(4));
        let mut e = Errors::default();
        let at = |f: &str| format!("rows[{n}].{f}");
        let line = r.line;
        if full_name.is_empty() {
            e.add(
                &at("full_name"),
                "required",
                format!("Строка {line}: не указаны ФИО"),
            );
        }
        tutornet_domain::users::validate_email(&mut e, &at("email"), &email);
        let role = parse_role(&role_text);
        match role {
            None => e.add(
                &at("role"),
                "unknown_role",
                format!("Строка {line}: роль «{role_text}» не распознана"),
            ),
            Some(r) if crate::features::users::rules::role_check(self.user, r).is_err() => e.add(
                &at("role"),
                "role_not_allowed",
                format!(
                    "Строка {line}: вы не можете назначать роль «{}»",
                    r.label_ru()
                ),
            ),
            _ => {}
        }
        let found = self.places.find(&place);
        let (mut municipality_id, mut municipality_name, mut school_id, mut school_name) =
            (None, None, None, None);
        match &found {
            Some((m, mn, s)) => {
                municipality_id = Some(m.clone());
                municipality_name = Some(mn.clone());
                if let Some((sid, sn)) = s {
                    school_id = Some(sid.clone());
                    school_name = Some(sn.clone());
                }
            }
            None if !place.is_empty() => e.add(
                &at("place"),
                "unknown_place",
                format!("Строка {line}: школа или муниципалитет «{place}» не найдены среди доступных вам"),
            ),
            None => {}
        }
        if let Some(r) = role {
            if r.needs_school() && school_id.is_none() && found.is_some() {
                e.add(
                    &at("place"),
                    "required",
                    format!("Строка {line}: для роли «{}» укажите школу", r.label_ru()),
                );
            } else if r.needs_municipality() && found.is_none() && place.is_empty() {
                e.add(
                    &at("place"),
                    "required",
                    format!("Строка {line}: укажите школу или муниципалитет"),
                );
            }
        }
        if position.chars().count() > 300 {
            e.add(
                &at("position"),
                "too_long",
                format!("Строка {line}: должность длиннее 300 символов"),
            );
        }
        let duplicate = !email.is_empty() && login_lookup(conn, &email)?.is_some();
        Ok(UserImportRow {
            line,
            full_name,
            email: normalize_email(&email),
            role,
            municipality_id,
            municipality_name,
            school_id,
            school_name,
            position: Some(position).filter(|p| !p.is_empty()),
            duplicate,
            errors: e.0,
        })
    }

    fn input(r: &UserImportRow) -> UserCreate {
        UserCreate {
            email: r.email.clone(),
            full_name: r.full_name.clone(),
            role: r.role,
            municipality_id: r.municipality_id.clone(),
            school_id: r.school_id.clone(),
            position: r.position.clone(),
            password: None,
        }
    }
}

impl TableImport for People<'_> {
    type Plan = UserImportPreview;
    type Done = AccountsIssued;
    const NO_ROWS: &'static str = "В таблице нет строк с людьми";

    fn analyse(&self, conn: &mut DbConn, raw: Vec<RawRow>) -> AppResult<UserImportPreview> {
        let mut rows: Vec<UserImportRow> = Vec::new();
        for r in raw.iter().filter(|r| !header(&r.cells)) {
            let mut row = self.row(conn, rows.len(), r)?;
            if rows
                .iter()
                .any(|o| o.email == row.email && !row.email.is_empty())
            {
                row.duplicate = true;
            }
            rows.push(row);
        }
        let invalid = rows.iter().filter(|r| !r.errors.is_empty()).count();
        let duplicates = rows
            .iter()
            .filter(|r| r.errors.is_empty() && r.duplicate)
            .count();
        Ok(UserImportPreview {
            valid: rows.len() - invalid - duplicates,
            invalid,
            duplicates,
            rows,
        })
    }

    fn rows(plan: &UserImportPreview) -> usize {
        plan.rows.len()
    }

    fn errors(plan: &UserImportPreview) -> Vec<tutornet_domain::FieldError> {
        plan.rows.iter().flat_map(|r| r.errors.clone()).collect()
    }

    /// Creates the rows without errors that are not duplicates; the others are skipped.
    fn apply(&self, conn: &mut DbConn, plan: UserImportPreview) -> AppResult<AccountsIssued> {
        let usable: Vec<&UserImportRow> = plan
            .rows
            .iter()
            .filter(|r| r.errors.is_empty() && !r.duplicate)
            .collect();
        if self.delivery == Delivery::Password && usable.len() > self.prepared.len() {
            return Err(AppError::Contended("table changed".into()));
        }
        let mut out = Vec::new();
        for (n, r) in usable.iter().enumerate() {
            let p = self.prepared.get(n);
            let issued = open_account(
                conn,
                self.user,
                &Self::input(r),
                self.delivery,
                p,
                &self.links,
            )
            .map_err(|e| {
                AppError::field(
                    &format!("rows[{n}]"),
                    "unavailable",
                    format!("Строка {}: {}", r.line, row_message(&e)),
                )
            })?;
            out.push(issued);
        }
        let when = issued_at(conn, self.user)?;
        answer(out, &when, plan.rows.len() - usable.len())
    }
}

fn people<'a>(
    conn: &mut DbConn,
    user: &'a AuthUser,
    delivery: Delivery,
    prepared: Vec<Prepared>,
    links: LinkConfig,
) -> AppResult<People<'a>> {
    Ok(People {
        places: Places::load(conn, user)?,
        user,
        delivery,
        prepared,
        links,
    })
}

/// Reads and matches the upload; writes nothing.
pub fn preview(
    conn: &mut DbConn,
    user: &AuthUser,
    req: &UserImportRequest,
) -> AppResult<UserImportPreview> {
    let links = LinkConfig {
        ttl_secs: 0,
        mail: false,
        public_url: String::new(),
    };
    let p = people(conn, user, Delivery::Invitation, Vec::new(), links)?;
    docs::preview(conn, &p, Source::Xlsx, &req.content)
}

/// Reads the upload again and creates the usable rows: passwords are generated (and
/// hashed) first for as many rows as the preview found usable.
pub async fn confirm(
    state: &AppState,
    user: AuthUser,
    req: UserImportRequest,
) -> AppResult<AccountsIssued> {
    user.reach(Resource::User, Action::Create)?;
    let delivery = req.delivery.ok_or_else(|| {
        AppError::field(
            "delivery",
            "required",
            "Выберите: список паролей или приглашение по почте",
        )
    })?;
    let prepared = if delivery == Delivery::Password {
        let (u, r) = (user.clone(), req.clone());
        let plan = state.db(move |c| preview(c, &u, &r)).await?;
        prepare(plan.valid).await?
    } else {
        Vec::new()
    };
    let links = LinkConfig::invite(&state.config);
    state
        .tx(move |c| {
            let p = people(c, &user, delivery, prepared.clone(), links.clone())?;
            let plan = docs::preview(c, &p, Source::Xlsx, &req.content)?;
            if plan.valid == 0 {
                return Err(AppError::field(
                    "content",
                    "nothing_to_create",
                    "В таблице нет строк, по которым можно создать учётные записи",
                ));
            }
            p.apply(c, plan)
        })
        .await
}
