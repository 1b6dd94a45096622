//! Time zones of places. Russia spans eleven zones: every date and time the server writes
//! (notifications, e-mails, conflict and validation messages, exports) is in the zone of
//! the place it concerns — the municipality's own, else its region's (IANA names,
//! `chrono-tz`). Instants are stored in UTC.

use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use crate::store::schema::{municipalities, regions, users};
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use tutornet_domain::text::format_date_ru;

/// The zone of a region created without one.
pub const DEFAULT: &str = "Europe/Moscow";

/// A zone sent by a client: an IANA name, or 422 on `field`.
pub fn parse(field: &'static str, name: &str) -> AppResult<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        AppError::field(
            field,
            "invalid_time_zone",
            "Укажите часовой пояс из базы IANA, например Europe/Moscow или Asia/Yekaterinburg",
        )
    })
}

/// A stored zone; an unknown name is an error, not a silent default.
pub fn stored(name: &str) -> AppResult<Tz> {
    crate::store::stored(name, "time_zone", |s| s.parse::<Tz>().ok())
}

/// The zone a municipality's dates and times are written in: its own, else its region's.
pub fn effective(own: Option<&str>, region: &str) -> AppResult<Tz> {
    stored(own.unwrap_or(region))
}

/// The zone of a municipality (its own, else its region's).
pub fn of_municipality(conn: &mut DbConn, municipality_id: &str) -> AppResult<Tz> {
    let (own, region): (Option<String>, String) = municipalities::table
        .inner_join(regions::table)
        .filter(municipalities::id.eq(municipality_id))
        .select((municipalities::time_zone, regions::time_zone))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("Муниципалитет не найден".into()))?;
    effective(own.as_deref(), &region)
}

/// The zone of a user: their municipality's, else their region's.
pub fn of_user(conn: &mut DbConn, user_id: &str) -> AppResult<Tz> {
    let (m, region): (Option<String>, String) = users::table
        .inner_join(regions::table)
        .filter(users::id.eq(user_id))
        .select((users::municipality_id, regions::time_zone))
        .first(conn)?;
    match m {
        Some(m) => of_municipality(conn, &m),
        None => stored(&region),
    }
}

/// The wall-clock time in `tz` of a stored (UTC) instant.
pub fn local(t: NaiveDateTime, tz: Tz) -> NaiveDateTime {
    tz.from_utc_datetime(&t).naive_local()
}

/// «ДД.ММ.ГГГГ ЧЧ:ММ» in `tz`.
pub fn datetime_ru(t: NaiveDateTime, tz: Tz) -> String {
    let l = local(t, tz);
    format!("{} {}", format_date_ru(l.date()), l.format("%H:%M"))
}

/// «ЧЧ:ММ» in `tz`.
pub fn hhmm(t: NaiveDateTime, tz: Tz) -> String {
    local(t, tz).format("%H:%M").to_string()
}

/// The stored (UTC) instant of a wall-clock time in `tz` (the earlier one when a clock
/// change makes it ambiguous, the moment after the gap when it does not exist).
pub fn utc(local: NaiveDateTime, tz: Tz) -> NaiveDateTime {
    use chrono::LocalResult;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
        LocalResult::None => tz
            .from_local_datetime(&(local + chrono::TimeDelta::hours(1)))
            .earliest()
            .map_or(local, |t| t.naive_utc()),
    }
}

/// Today's date in `tz`.
pub fn today(tz: Tz) -> NaiveDate {
    local(Utc::now().naive_utc(), tz).date()
}

/// Today in the municipality's zone.
pub fn today_in(conn: &mut DbConn, municipality_id: &str) -> AppResult<NaiveDate> {
    Ok(today(of_municipality(conn, municipality_id)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn written_in_the_places_zone() {
        let t = at("2026-12-16 11:00");
        assert_eq!(
            datetime_ru(t, chrono_tz::Europe::Moscow),
            "16.12.2026 14:00"
        );
        assert_eq!(
            datetime_ru(t, chrono_tz::Asia::Yekaterinburg),
            "16.12.2026 16:00"
        );
        assert_eq!(hhmm(t, chrono_tz::Asia::Kamchatka), "23:00");
    }

    #[test]
    fn around_midnight_the_date_is_the_places() {
        // 20:30 UTC on the 1st is 01:30 on the 2nd in Yekaterinburg (+5), still the 1st
        // in Kaliningrad (+2).
        let t = at("2026-12-01 20:30");
        assert_eq!(
            datetime_ru(t, chrono_tz::Asia::Yekaterinburg),
            "02.12.2026 01:30"
        );
        assert_eq!(
            datetime_ru(t, chrono_tz::Europe::Kaliningrad),
            "01.12.2026 22:30"
        );
    }

    #[test]
    fn local_midnight_to_utc() {
        let midnight = at("2026-12-01 00:00");
        assert_eq!(
            utc(midnight, chrono_tz::Asia::Yekaterinburg),
            at("2026-11-30 19:00")
        );
        assert_eq!(
            utc(midnight, chrono_tz::Europe::Moscow),
            at("2026-11-30 21:00")
        );
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(parse("time_zone", "Europe/Atlantis").is_err());
        assert!(parse("time_zone", "Asia/Vladivostok").is_ok());
        assert!(stored("nowhere").is_err());
        assert_eq!(effective(None, "Asia/Omsk").unwrap(), chrono_tz::Asia::Omsk);
        assert_eq!(
            effective(Some("Asia/Yakutsk"), "Asia/Vladivostok").unwrap(),
            chrono_tz::Asia::Yakutsk
        );
    }
}
