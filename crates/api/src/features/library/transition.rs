//! Moderation steps (submit, resubmit, publish, return with remarks, unpublish), reports
//! on materials and the trusted-author right.

use super::policy;
use super::repo;
use super::rules::{detail, from_json, load, record, snapshot, to_json, Loaded};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::features::notifications::ops::{coordinators, notify};
use crate::store::conn::DbConn;
use tutornet_domain::audit::{AuditAction, AuditEntity};
use tutornet_domain::library::{
    FieldRemark, LibraryAction, LibraryDetail, LibraryLink, LibraryTransition, ReportInput,
    TrustInput,
};
use tutornet_domain::notifications::NotificationKind;
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::ProblemCode;

fn audit_action(a: LibraryAction) -> AuditAction {
    match a {
        LibraryAction::Submit => AuditAction::Submit,
        LibraryAction::Resubmit => AuditAction::Resubmit,
        LibraryAction::Publish => AuditAction::Publish,
        LibraryAction::Return => AuditAction::ReturnForRework,
        LibraryAction::Unpublish => AuditAction::Unpublish,
    }
}

fn check_remarks(remarks: &[FieldRemark]) -> AppResult<()> {
    let mut e = tutornet_domain::problem::Errors::default();
    for (i, r) in remarks.iter().enumerate() {
        e.required(&format!("remarks[{i}].remark"), &r.remark, 2000);
        if remarks[..i].iter().any(|x| x.field == r.field) {
            e.add(
                &format!("remarks[{i}].field"),
                "duplicate",
                "Замечание к этому полю уже есть",
            );
        }
    }
    e.finish().map_err(AppError::Validation)
}

/// A version goes to the public (or to review) only with something to use in it.
fn check_content(l: &Loaded) -> AppResult<()> {
    let files: Vec<String> = from_json(&l.working.file_ids, "file_ids")?;
    let links: Vec<LibraryLink> = from_json(&l.working.links, "links")?;
    if files.is_empty() && links.is_empty() {
        return Err(AppError::field(
            "files",
            "required",
            "Добавьте файл или ссылку на материал",
        ));
    }
    Ok(())
}

fn tell(
    conn: &mut DbConn,
    user: &AuthUser,
    l: &Loaded,
    action: LibraryAction,
    comment: Option<&str>,
) -> AppResult<()> {
    let to = match action {
        LibraryAction::Submit | LibraryAction::Resubmit => {
            coordinators(conn, &l.item.municipality_id)?
        }
        _ => vec![l.item.owner_id.clone()],
    };
    let title = match action {
        LibraryAction::Submit | LibraryAction::Resubmit => "Материал на модерации",
        LibraryAction::Publish => "Материал опубликован",
        LibraryAction::Return => "Материал возвращён на доработку",
        LibraryAction::Unpublish => "Материал снят с публикации",
    };
    notify(
        conn,
        &to,
        Some(&user.id),
        NotificationKind::LibraryStatus.as_str(),
        title,
        &format!(
            "«{}»{}",
            l.working.title,
            comment.map(|c| format!(": {c}")).unwrap_or_default()
        ),
        Some(&format!("/library/{}", l.item.id)),
    )
}

pub fn transition(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    t: &LibraryTransition,
) -> AppResult<LibraryDetail> {
    let l = load(conn, user, id)?;
    let action = t
        .action
        .ok_or_else(|| AppError::field("action", "required", "Укажите действие"))?;
    let from = l.status()?;
    let public = l.item.published_version.is_some();
    let Some(to) = action.next(from, public) else {
        return Err(AppError::Conflict {
            code: ProblemCode::InvalidTransition,
            detail: policy::invalid_transition(from, public, action),
        });
    };
    let trusted = repo::is_trusted(conn, &l.item.owner_id)?;
    let mine = policy::actors(user, &l.facts()?, trusted);
    if !action.actors(from).iter().any(|a| mine.contains(a)) {
        return Err(AppError::Forbidden(format!(
            "Действие «{}» вам недоступно",
            action.label_ru()
        )));
    }
    crate::store::record::check_version(Some(t.version), l.item.version)?;
    let comment = t
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(c) = comment {
        if c.chars().count() > 4000 {
            return Err(AppError::field(
                "comment",
                "too_long",
                "Не длиннее 4000 символов",
            ));
        }
    }
    let needs_text = match action {
        LibraryAction::Return => comment.is_none() && t.remarks.is_empty(),
        LibraryAction::Unpublish => comment.is_none(),
        _ => false,
    };
    if let (true, Some(msg)) = (needs_text, action.needs_text()) {
        return Err(AppError::field("comment", "required", msg));
    }
    let before = snapshot(conn, id)?;
    let mut published = l.item.published_version;
    match action {
        LibraryAction::Submit | LibraryAction::Resubmit => check_content(&l)?,
        LibraryAction::Return => {
            check_remarks(&t.remarks)?;
            let mut v = l.working.clone();
            v.remarks = to_json(&t.remarks);
            repo::rewrite_version(conn, &v)?;
        }
        LibraryAction::Publish => {
            check_content(&l)?;
            published = Some(l.item.current_version);
            let row = super::search::search_row(conn, &l.item, &l.working)?;
            repo::put_search_row(conn, &row)?;
        }
        LibraryAction::Unpublish => {
            published = None;
            repo::delete_search_row(conn, id)?;
            repo::resolve_reports(conn, id)?;
        }
    }
    let state = (to.as_str(), l.item.current_version, published);
    if repo::set_state(conn, &l.item, &user.id, state)? == 0 {
        return Err(AppError::version_conflict(l.item.version + 1));
    }
    repo::insert_event(
        conn,
        id,
        &user.id,
        (action.as_str(), l.item.current_version),
        comment,
    )?;
    tell(conn, user, &l, action, comment)?;
    record(
        conn,
        user,
        audit_action(action),
        (id, &l.item.municipality_id),
        Some(&before),
    )?;
    detail(conn, user, id, false)
}

/// A report on a material by anyone who sees it; the coordinators hear of it.
pub fn report(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    input: &ReportInput,
) -> AppResult<LibraryDetail> {
    let l = load(conn, user, id)?;
    if user.role == tutornet_domain::permissions::Role::Observer {
        return Err(AppError::Forbidden("Наблюдатель ничего не меняет".into()));
    }
    let mut e = tutornet_domain::problem::Errors::default();
    e.required("reason", &input.reason, 2000);
    e.finish().map_err(AppError::Validation)?;
    let reason = input.reason.trim();
    repo::insert_report(conn, id, &user.id, reason)?;
    repo::insert_event(
        conn,
        id,
        &user.id,
        ("report", l.item.current_version),
        Some(reason),
    )?;
    let to = coordinators(conn, &l.item.municipality_id)?;
    notify(
        conn,
        &to,
        Some(&user.id),
        NotificationKind::LibraryStatus.as_str(),
        "Жалоба на материал библиотеки",
        &format!("«{}»: {reason}", l.working.title),
        Some(&format!("/library/{id}")),
    )?;
    crate::store::audit::record_in_municipality(
        conn,
        user,
        AuditAction::Report,
        AuditEntity::LibraryItem,
        id,
        &l.item.municipality_id,
        None::<&ReportInput>,
        Some(input),
    )?;
    detail(conn, user, id, false)
}

/// The coordinator lets an author of the municipality publish without review (or
/// takes the right back).
pub fn trust(
    conn: &mut DbConn,
    user: &AuthUser,
    user_id: &str,
    input: &TrustInput,
) -> AppResult<TrustInput> {
    let reach = user.reach(Resource::Library, Action::Archive)?;
    use crate::store::schema::users;
    use diesel::prelude::*;
    let place: Option<(Option<String>, String)> = users::table
        .find(user_id)
        .select((users::municipality_id, users::region_id))
        .first(conn)
        .optional()?;
    let covered = match (&reach, &place) {
        (crate::auth::Reach::Region(r), Some((_, reg))) => r == reg,
        (crate::auth::Reach::Municipality(m), Some((Some(um), _))) => m == um,
        _ => false,
    };
    let Some((Some(municipality), _)) = place.filter(|_| covered) else {
        return Err(AppError::NotFound("Пользователь не найден".into()));
    };
    let before = TrustInput {
        trusted: repo::is_trusted(conn, user_id)?,
    };
    if repo::set_trusted(conn, user_id, &user.id, input.trusted)? {
        crate::store::audit::record_in_municipality(
            conn,
            user,
            AuditAction::Trust,
            AuditEntity::User,
            user_id,
            &municipality,
            Some(&before),
            Some(input),
        )?;
    }
    Ok(input.clone())
}
