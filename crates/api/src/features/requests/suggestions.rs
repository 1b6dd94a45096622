//! Tutors of the current composition ranked for a request, and the load figures the
//! dashboard shares.

use super::repo;
use super::rules::{actors, get_row};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use tutornet_domain::community::{Actor, TutorSuggestion};

/// Tutors of the current composition of a municipality: (user id, full name, school) —
/// the composition's one rule (`composition::tutors`).
pub fn composition_tutors(
    conn: &mut DbConn,
    municipality_id: &str,
) -> AppResult<Vec<(String, String, Option<String>)>> {
    crate::features::composition::ops::current_tutors(conn, municipality_id)
}

/// Open requests plus upcoming planned sessions of a tutor.
pub fn tutor_load(conn: &mut DbConn, tutor_id: &str) -> AppResult<(i64, i64)> {
    let (open, planned) = repo::tutor_load(conn, tutor_id)?;
    // Expert reviews the tutor holds are open work too.
    let reviews = crate::features::reviews::rules::open_of_expert(conn, tutor_id)?;
    Ok((open + reviews, planned))
}

fn average_rating(conn: &mut DbConn, tutor_id: &str) -> AppResult<Option<f64>> {
    let scores = repo::tutor_scores(conn, tutor_id)?;
    Ok((!scores.is_empty())
        .then(|| scores.iter().map(|s| *s as f64).sum::<f64>() / scores.len() as f64))
}

/// One tutor's score for the request, with the reasons.
fn suggestion(
    conn: &mut DbConn,
    r: &super::rows::RequestRow,
    (uid, name, school): (String, String, Option<String>),
) -> AppResult<TutorSuggestion> {
    let mut score = 0;
    let mut reasons = Vec::new();
    let subject_ids = repo::member_subject_ids(conn, &uid, &r.municipality_id)?;
    if let Some(s) = &r.subject_id {
        if subject_ids.contains(s) {
            score += 50;
            reasons.push("тот же предмет".to_string());
        }
    }
    if repo::attached_to(conn, &uid, &r.school_id, &r.requester_id)? {
        score += 30;
        reasons.push("закреплён за этой школой или учителем".to_string());
    }
    let (open, planned) = tutor_load(conn, &uid)?;
    let load = open + planned;
    score -= (load as i32) * 5;
    reasons.push(format!(
        "нагрузка: {open} заявок в работе, {planned} занятий впереди"
    ));
    let avg = average_rating(conn, &uid)?;
    if let Some(a) = avg {
        score += (a * 4.0).round() as i32;
        reasons.push(format!("средняя оценка {a:.1}"));
    }
    let same_school = school.as_deref() == Some(r.school_id.as_str());
    if same_school {
        reasons.push("работает в школе заявителя — назначается только явно".to_string());
    }
    let school_name = match &school {
        Some(s) => repo::school_short_name(conn, s)?,
        None => None,
    };
    Ok(TutorSuggestion {
        user_id: uid,
        full_name: name,
        school_name,
        score,
        same_school,
        reasons,
        load,
        average_rating: avg,
    })
}

/// Tutors of the current composition ranked for a request, with reasons.
pub fn suggestions(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
) -> AppResult<Vec<TutorSuggestion>> {
    let r = get_row(conn, user, id)?;
    if !actors(user, &r).contains(&Actor::Coordinator) {
        return Err(AppError::forbidden());
    }
    let mut out = Vec::new();
    for t in composition_tutors(conn, &r.municipality_id)? {
        out.push(suggestion(conn, &r, t)?);
    }
    out.sort_by(|a, b| {
        a.same_school
            .cmp(&b.same_school)
            .then(b.score.cmp(&a.score))
            .then_with(|| {
                tutornet_domain::text::collation_key(&a.full_name)
                    .cmp(&tutornet_domain::text::collation_key(&b.full_name))
            })
    });
    Ok(out)
}
