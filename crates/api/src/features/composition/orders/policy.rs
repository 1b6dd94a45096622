//! Pure decisions about what an order may do to a member.

use crate::error::AppResult;
use crate::features::composition::members::rows::MemberRow;
use chrono::NaiveDate;
use tutornet_domain::composition::MemberStatus;

/// Why an order of municipality `m`, year `year`, issued on `issued_on`, may not move
/// the member (`row`, if found) on from `want`, the status it must have now (nominated
/// to approve, approved to exclude). `None` when it may; else (code, message).
pub(crate) fn order_problem(
    row: Option<&MemberRow>,
    want: MemberStatus,
    m: &str,
    year: &str,
    issued_on: NaiveDate,
) -> AppResult<Option<(&'static str, String)>> {
    Ok(match row {
        None => Some(("invalid_reference", "Участник не найден".to_string())),
        Some(r) if r.municipality_id != m || r.academic_year_id != year => Some((
            "wrong_scope",
            format!(
                "{} — участник состава другого муниципалитета или учебного года",
                r.full_name
            ),
        )),
        Some(r) if r.book.archived_at.is_some() => Some((
            "archived",
            format!("{} удалён из списка выдвинутых", r.full_name),
        )),
        Some(r) if r.status()? != want => Some(if want == MemberStatus::Nominated {
            (
                "not_nominated",
                format!("{} уже утверждён или исключён", r.full_name),
            )
        } else {
            (
                "not_approved",
                format!(
                    "Исключить можно только утверждённого участника ({})",
                    r.full_name
                ),
            )
        }),
        Some(r)
            if want == MemberStatus::Approved && r.approved_on.is_some_and(|d| d > issued_on) =>
        {
            Some((
                "before_approval",
                format!("Дата приказа раньше утверждения участника {} ", r.full_name),
            ))
        }
        Some(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::composition::members::rows::MemberBook;

    fn row(status: MemberStatus, approved_on: Option<NaiveDate>) -> MemberRow {
        let t = chrono::NaiveDateTime::default();
        MemberRow {
            id: "x".into(),
            municipality_id: "m".into(),
            academic_year_id: "y".into(),
            user_id: None,
            full_name: "Иванова Анна".into(),
            name_sort: String::new(),
            level: "municipal".into(),
            position: None,
            school_id: None,
            workplace: None,
            status: status.as_str().into(),
            approved_order_id: None,
            approved_on,
            excluded_order_id: None,
            excluded_on: None,
            exclusion_reason: None,
            nomination_id: None,
            book: MemberBook {
                created_at: t,
                updated_at: t,
                created_by: None,
                updated_by: None,
                archived_at: None,
                version: 1,
            },
            list_number: None,
            level_basis: None,
            level_document: None,
            specialisation: None,
            category: None,
        }
    }

    fn code(
        r: Option<&MemberRow>,
        want: MemberStatus,
        m: &str,
        d: NaiveDate,
    ) -> Option<&'static str> {
        order_problem(r, want, m, "y", d).unwrap().map(|(c, _)| c)
    }

    #[test]
    fn orders_move_members_one_step() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let nominated = row(MemberStatus::Nominated, None);
        let approved = row(MemberStatus::Approved, Some(d));
        assert_eq!(
            code(None, MemberStatus::Nominated, "m", d),
            Some("invalid_reference")
        );
        assert_eq!(
            code(Some(&nominated), MemberStatus::Nominated, "m", d),
            None
        );
        assert_eq!(
            code(Some(&nominated), MemberStatus::Nominated, "other", d),
            Some("wrong_scope")
        );
        assert_eq!(
            code(Some(&approved), MemberStatus::Nominated, "m", d),
            Some("not_nominated")
        );
        assert_eq!(
            code(Some(&nominated), MemberStatus::Approved, "m", d),
            Some("not_approved")
        );
        assert_eq!(code(Some(&approved), MemberStatus::Approved, "m", d), None);
        let earlier = d.pred_opt().unwrap();
        assert_eq!(
            code(Some(&approved), MemberStatus::Approved, "m", earlier),
            Some("before_approval")
        );
    }
}
