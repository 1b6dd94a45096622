//! The score → mark scales of year × procedure × subject × grade.

use super::rows::{ScaleBounds, ScaleRow};
use super::rules::{check_year_subject, R};
use crate::auth::{AuthUser, Reach};
use crate::error::{AppError, AppResult};
use crate::store::audit::Scope;
use crate::store::conn::DbConn;
use crate::store::record::new_id;
use crate::store::schema::assessment_scales as sc;
use crate::store::Audit;
use diesel::prelude::*;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::permissions::Action;
use tutornet_domain::results::*;

fn to_scale(r: ScaleRow) -> AppResult<Scale> {
    Ok(Scale {
        text: scale_text(r.max_score, r.min3, r.min4, r.min5),
        procedure: crate::store::stored::stored(
            &r.procedure,
            "assessment_scales.procedure",
            Procedure::parse,
        )?,
        id: r.id,
        municipality_id: r.municipality_id,
        academic_year_id: r.academic_year_id,
        subject_id: r.subject_id,
        grade: r.grade,
        max_score: r.max_score,
        min3: r.min3,
        min4: r.min4,
        min5: r.min5,
        meta: r.book.into(),
    })
}

/// Sets the scale of year × procedure × subject × grade (creates or changes it).
pub fn put_scale(conn: &mut DbConn, user: &AuthUser, i: &ScaleInput) -> AppResult<Scale> {
    i.validate().map_err(AppError::Validation)?;
    let reach = user.reach(R, Action::Create)?;
    let region = crate::access::places::check_new_in(
        conn,
        &reach,
        &i.municipality_id,
        "Шкалу можно задать только для своего муниципалитета",
    )?;
    check_year_subject(conn, &i.academic_year_id, &i.subject_id)?;
    let p = i.procedure.unwrap_or(Procedure::Vpr).as_str();
    let bounds = ScaleBounds {
        max_score: i.max_score,
        min3: i.min3,
        min4: i.min4,
        min5: i.min5,
    };
    let key = sc::table
        .filter(sc::municipality_id.eq(&i.municipality_id))
        .filter(sc::academic_year_id.eq(&i.academic_year_id))
        .filter(sc::procedure.eq(p))
        .filter(sc::subject_id.eq(&i.subject_id))
        .filter(sc::grade.eq(i.grade));
    let before: Option<ScaleRow> = key.select(ScaleRow::as_select()).first(conn).optional()?;
    let id = match &before {
        Some(b) if b.bounds() == bounds => {
            return to_scale(key.select(ScaleRow::as_select()).first(conn)?)
        }
        Some(b) => {
            diesel::update(sc::table.find(&b.id))
                .set((
                    bounds,
                    sc::version.eq(sc::version + 1),
                    sc::updated_at.eq(crate::store::record::now()),
                    sc::updated_by.eq(&user.id),
                ))
                .execute(conn)?;
            b.id.clone()
        }
        None => {
            let id = new_id();
            diesel::insert_into(sc::table)
                .values((
                    sc::id.eq(&id),
                    sc::municipality_id.eq(&i.municipality_id),
                    sc::academic_year_id.eq(&i.academic_year_id),
                    sc::procedure.eq(p),
                    sc::subject_id.eq(&i.subject_id),
                    sc::grade.eq(i.grade),
                    bounds,
                    crate::new_bookkeeping!(assessment_scales, Some(user.id.clone())),
                ))
                .execute(conn)
                .map_err(|e| match AppError::from(e) {
                    AppError::Conflict { .. } => AppError::Contended("scale taken".into()),
                    other => other,
                })?;
            id
        }
    };
    let after = to_scale(
        sc::table
            .find(&id)
            .select(ScaleRow::as_select())
            .first(conn)?,
    )?;
    let before = before.map(to_scale).transpose()?;
    let action = if before.is_some() {
        AuditAction::Update
    } else {
        AuditAction::Create
    };
    Audit::new(
        user,
        AuditEntity::AssessmentScale,
        &id,
        Scope::municipality(&region, &i.municipality_id),
    )
    .record(conn, action, before.as_ref(), Some(&after))?;
    Ok(after)
}

/// The scales of a municipality (default: the caller's), newest year first.
pub fn scales(conn: &mut DbConn, user: &AuthUser, f: &ScaleFilter) -> AppResult<Vec<Scale>> {
    let m = f
        .municipality_id
        .clone()
        .or_else(|| user.municipality_id.clone())
        .ok_or_else(|| AppError::field("municipality_id", "required", "Выберите муниципалитет"))?;
    let reach = user.reach(R, Action::Read)?;
    let school = match &reach {
        Reach::School(s) | Reach::SchoolOrOwn(s, _) => Some(s.clone()),
        _ => None,
    };
    crate::access::places::check_place(conn, user, R, Action::Read, &m, school.as_deref())?;
    let mut q = sc::table
        .filter(sc::municipality_id.eq(&m))
        .filter(sc::archived_at.is_null())
        .into_boxed();
    if let Some(p) = f.procedure {
        q = q.filter(sc::procedure.eq(p.as_str()));
    }
    if let Some(s) = &f.subject_id {
        q = q.filter(sc::subject_id.eq(s.clone()));
    }
    q.order((sc::academic_year_id.desc(), sc::procedure, sc::grade))
        .select(ScaleRow::as_select())
        .load(conn)?
        .into_iter()
        .map(to_scale)
        .collect()
}
