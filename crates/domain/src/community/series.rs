//! The school calendar a schedule follows: school quarters (четверти) and the dates of a
//! recurring series (weekly, monthly, «1 раз в четверть»), kept inside one academic year
//! and out of the holidays.

use super::*;
use crate::org::{academic_start_year, academic_year_bounds};
use chrono::{Datelike, Duration, Months, Weekday};

/// The most occurrences one series may have.
pub const MAX_OCCURRENCES: usize = 60;

/// A school quarter of an academic year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolQuarter {
    /// 1–4 (I–IV).
    pub number: u8,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl SchoolQuarter {
    /// «I четверть (01.09–31.10)».
    pub fn label_ru(&self) -> String {
        format!(
            "{} четверть ({}–{})",
            ["I", "II", "III", "IV"][(self.number.clamp(1, 4) - 1) as usize],
            self.starts_on.format("%d.%m"),
            self.ends_on.format("%d.%m")
        )
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.starts_on <= d && d <= self.ends_on
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The quarters of the academic year starting in `start_year`: I September–October,
/// II November–December, III January–March (from 9 January: 1–8 January are the New
/// Year holidays), IV April–May. June to August are the summer holidays.
pub fn school_quarters(start_year: i32) -> [SchoolQuarter; 4] {
    let (y, n) = (start_year, start_year + 1);
    let q = |number, starts_on, ends_on| SchoolQuarter {
        number,
        starts_on,
        ends_on,
    };
    [
        q(1, ymd(y, 9, 1), ymd(y, 10, 31)),
        q(2, ymd(y, 11, 1), ymd(y, 12, 31)),
        q(3, ymd(n, 1, 9), ymd(n, 3, 31)),
        q(4, ymd(n, 4, 1), ymd(n, 5, 31)),
    ]
}

/// The quarter containing `d`, or `None` in the holidays.
pub fn quarter_of(d: NaiveDate) -> Option<SchoolQuarter> {
    school_quarters(academic_start_year(d))
        .into_iter()
        .find(|q| q.contains(d))
}

/// The quarter containing `d`, or in the holidays the one that ended last.
pub fn current_or_last_quarter(d: NaiveDate) -> SchoolQuarter {
    if let Some(q) = quarter_of(d) {
        return q;
    }
    let this = school_quarters(academic_start_year(d));
    let last = school_quarters(academic_start_year(d) - 1)[3];
    this.into_iter()
        .rev()
        .find(|q| q.ends_on < d)
        .unwrap_or(last)
}

/// The `n`-th `w` (1-based) on or after `from`, or the last `w` not after `to` when
/// there are fewer.
fn nth_weekday_between(from: NaiveDate, to: NaiveDate, w: Weekday, n: u32) -> Option<NaiveDate> {
    let shift =
        (7 + w.num_days_from_monday() as i64 - from.weekday().num_days_from_monday() as i64) % 7;
    let first = from + Duration::days(shift);
    if first > to {
        return None;
    }
    let mut d = first + Duration::weeks(n.saturating_sub(1) as i64);
    while d > to {
        d -= Duration::weeks(1);
    }
    Some(d)
}

/// Which `w` of the span starting `from` the day `d` is (1-based).
fn weekday_position(from: NaiveDate, d: NaiveDate) -> u32 {
    ((d - from).num_days() / 7 + 1) as u32
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn month_end(d: NaiveDate) -> NaiveDate {
    month_start(d)
        .checked_add_months(Months::new(1))
        .map(|n| n - Duration::days(1))
        .unwrap_or(d)
}

/// The dates of a series whose first session is on `first`, repeated until `until`
/// (inclusive), in time order, the first included:
/// - weekly: the same weekday every week;
/// - monthly: the same weekday position every month («второй четверг месяца»; a fifth
///   weekday that a month lacks becomes its last);
/// - quarterly: one in each following school quarter, at the same weekday position
///   counted from the quarter's first day («третий вторник четверти»).
///
/// A series stays within the academic year of its first session; when that first
/// session is in a quarter, later ones never fall in the holidays (they are skipped).
pub fn series_dates(
    first: NaiveDate,
    recurrence: Option<Recurrence>,
    until: Option<NaiveDate>,
) -> Result<Vec<NaiveDate>, FieldError> {
    let Some(rec) = recurrence else {
        return Ok(vec![first]);
    };
    let until = until.unwrap_or(first);
    if until < first {
        return Err(FieldError::new(
            "repeat_until",
            "invalid_period",
            "Дата окончания повтора раньше первого занятия",
        ));
    }
    let (name, _, year_end) = academic_year_bounds(academic_start_year(first));
    if until > year_end {
        return Err(FieldError::new(
            "repeat_until",
            "outside_academic_year",
            format!(
                "Серия не выходит за учебный год {name}: повторять можно до {} включительно",
                crate::text::format_date_ru(year_end)
            ),
        ));
    }
    let in_term = quarter_of(first).is_some();
    let w = first.weekday();
    let mut candidates: Vec<NaiveDate> = Vec::new();
    match rec {
        Recurrence::Weekly => {
            let mut d = first + Duration::weeks(1);
            while d <= until {
                candidates.push(d);
                d += Duration::weeks(1);
            }
        }
        Recurrence::Monthly => {
            let n = weekday_position(month_start(first), first);
            for k in 1..12 {
                let Some(m) = month_start(first).checked_add_months(Months::new(k)) else {
                    break;
                };
                if m > until {
                    break;
                }
                if let Some(d) = nth_weekday_between(m, month_end(m), w, n) {
                    candidates.push(d);
                }
            }
        }
        Recurrence::Quarterly => {
            let Some(q) = quarter_of(first) else {
                return Err(FieldError::new(
                    "starts_at",
                    "in_holidays",
                    "Серия «раз в четверть» начинается в одной из четвертей: I — сентябрь–октябрь, \
                     II — ноябрь–декабрь, III — январь–март, IV — апрель–май",
                ));
            };
            let n = weekday_position(q.starts_on, first);
            for later in school_quarters(academic_start_year(first))
                .into_iter()
                .filter(|x| x.number > q.number)
            {
                if let Some(d) = nth_weekday_between(later.starts_on, later.ends_on, w, n) {
                    candidates.push(d);
                }
            }
        }
    }
    let mut out = vec![first];
    out.extend(
        candidates
            .into_iter()
            .filter(|d| *d <= until && (!in_term || quarter_of(*d).is_some())),
    );
    if out.len() > MAX_OCCURRENCES {
        return Err(FieldError::new(
            "repeat_until",
            "too_many",
            format!("В серии не больше {MAX_OCCURRENCES} занятий"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        ymd(y, m, day)
    }

    fn dates(first: NaiveDate, rec: Recurrence, until: NaiveDate) -> Vec<NaiveDate> {
        series_dates(first, Some(rec), Some(until)).unwrap()
    }

    #[test]
    fn quarters_of_the_school_year() {
        let q = school_quarters(2026);
        assert_eq!(
            (q[0].starts_on, q[0].ends_on),
            (d(2026, 9, 1), d(2026, 10, 31))
        );
        assert_eq!(
            (q[2].starts_on, q[3].ends_on),
            (d(2027, 1, 9), d(2027, 5, 31))
        );
        assert_eq!(quarter_of(d(2026, 11, 15)).map(|q| q.number), Some(2));
        assert_eq!(quarter_of(d(2027, 3, 31)).map(|q| q.number), Some(3));
        assert_eq!(quarter_of(d(2027, 6, 15)), None);
        assert_eq!(quarter_of(d(2027, 1, 5)), None);
        assert_eq!(current_or_last_quarter(d(2027, 7, 1)).number, 4);
        assert_eq!(current_or_last_quarter(d(2027, 1, 3)).number, 2);
        assert_eq!(current_or_last_quarter(d(2026, 9, 1)).number, 1);
        assert_eq!(q[1].label_ru(), "II четверть (01.11–31.12)");
    }

    #[test]
    fn once_a_quarter_is_one_per_remaining_quarter_never_in_summer() {
        // 15.09.2026 is the third Tuesday of quarter I (Tuesdays 1, 8, 15); quarter III
        // starts on Saturday 09.01 (Tuesdays 12, 19, 26).
        let got = dates(d(2026, 9, 15), Recurrence::Quarterly, d(2027, 8, 31));
        assert_eq!(
            got,
            vec![
                d(2026, 9, 15),
                d(2026, 11, 17),
                d(2027, 1, 26),
                d(2027, 4, 20)
            ]
        );
        assert!(got.iter().all(|x| x.weekday() == Weekday::Tue));
        assert!(!got.contains(&d(2027, 6, 15)));
        // 04.02.2027, the fourth Thursday of quarter III (14, 21, 28.01, 04.02): only IV
        // remains (Thursdays 1, 8, 15, 22.04); until cuts the rest.
        assert_eq!(
            dates(d(2027, 2, 4), Recurrence::Quarterly, d(2027, 5, 31)),
            vec![d(2027, 2, 4), d(2027, 4, 22)]
        );
        assert_eq!(
            dates(d(2026, 9, 15), Recurrence::Quarterly, d(2026, 11, 16)),
            vec![d(2026, 9, 15)]
        );
    }

    #[test]
    fn a_late_position_becomes_the_quarters_last_weekday() {
        // 31.03.2027 is the 12th Wednesday of quarter III; quarter IV has only 9.
        let got = dates(d(2027, 3, 31), Recurrence::Quarterly, d(2027, 8, 31));
        assert_eq!(got, vec![d(2027, 3, 31), d(2027, 5, 26)]);
    }

    #[test]
    fn a_quarterly_series_starts_in_a_quarter() {
        let e = series_dates(
            d(2027, 6, 10),
            Some(Recurrence::Quarterly),
            Some(d(2027, 8, 1)),
        )
        .unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("starts_at", "in_holidays")
        );
    }

    #[test]
    fn monthly_keeps_the_weekday_position_and_the_school_year() {
        // 15.09.2026: the third Tuesday of September.
        let got = dates(d(2026, 9, 15), Recurrence::Monthly, d(2027, 8, 31));
        assert_eq!(got.len(), 9, "{got:?}");
        assert_eq!(got[1], d(2026, 10, 20));
        assert_eq!(got[4], d(2027, 1, 19));
        assert_eq!(*got.last().unwrap(), d(2027, 5, 18));
        assert!(got.iter().all(|x| x.weekday() == Weekday::Tue));
        assert!(got.iter().all(|x| quarter_of(*x).is_some()));
        // A fifth Thursday becomes the month's last.
        let got = dates(d(2026, 10, 29), Recurrence::Monthly, d(2026, 12, 31));
        assert_eq!(got, vec![d(2026, 10, 29), d(2026, 11, 26), d(2026, 12, 31)]);
    }

    #[test]
    fn weekly_skips_the_new_year_holidays() {
        let got = dates(d(2026, 12, 24), Recurrence::Weekly, d(2027, 1, 21));
        assert_eq!(
            got,
            vec![
                d(2026, 12, 24),
                d(2026, 12, 31),
                d(2027, 1, 14),
                d(2027, 1, 21)
            ]
        );
    }

    #[test]
    fn a_series_that_starts_in_the_holidays_may_stay_there() {
        let got = dates(d(2027, 6, 3), Recurrence::Weekly, d(2027, 6, 17));
        assert_eq!(got, vec![d(2027, 6, 3), d(2027, 6, 10), d(2027, 6, 17)]);
    }

    #[test]
    fn a_series_stays_in_its_academic_year() {
        let e = series_dates(
            d(2027, 5, 4),
            Some(Recurrence::Monthly),
            Some(d(2027, 10, 1)),
        )
        .unwrap_err();
        assert_eq!(e.field, "repeat_until");
        assert_eq!(e.code, "outside_academic_year");
        assert!(e.message.contains("31.08.2027"), "{}", e.message);
        let e =
            series_dates(d(2027, 5, 4), Some(Recurrence::Weekly), Some(d(2027, 5, 1))).unwrap_err();
        assert_eq!(e.code, "invalid_period");
        assert_eq!(
            series_dates(d(2027, 5, 4), None, None).unwrap(),
            vec![d(2027, 5, 4)]
        );
    }
}
