//! Effect analytics (honest, not causal): per supported school, how much support it
//! received against the change of its failing share, next to similar schools (the same
//! flags and size band) that received less. Pure functions: the API only gathers the
//! numbers.

use super::FailingChange;
use crate::results::{Procedure, Totals};
use serde::{Deserialize, Serialize};

crate::labelled_enum!(
    /// Schools compared by the number of participants of the procedure (the earlier year).
    SizeBand {
        Small = "small" => "до 50 участников",
        Medium = "medium" => "50–149 участников",
        Large = "large" => "150 и более участников",
    }
);

impl SizeBand {
    pub fn of(participants: i64) -> SizeBand {
        match participants {
            p if p < 50 => SizeBand::Small,
            p if p < 150 => SizeBand::Medium,
            _ => SizeBand::Large,
        }
    }
}

/// What a school received in the year.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Support {
    /// Held sessions for the school.
    pub sessions: i64,
    /// Their academic hours.
    pub hours: f64,
    /// Reviews of the school's documents completed.
    pub reviews: i64,
    /// ИОМ steps its teachers completed.
    pub steps: i64,
}

impl Support {
    /// The intensity the comparison uses: events of support of any kind.
    pub fn events(&self) -> i64 {
        self.sessions + self.reviews + self.steps
    }
}

/// One school as the API gathers it.
#[derive(Debug, Clone)]
pub struct SchoolInput {
    pub school_id: String,
    pub school_name: String,
    pub is_low_results: bool,
    pub is_difficult_conditions: bool,
    pub support: Support,
    /// The procedure's totals in the previous and in the reviewed year.
    pub before: Totals,
    pub after: Totals,
}

/// One school of the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolEffect {
    pub school_id: String,
    pub school_name: String,
    pub is_low_results: bool,
    pub is_difficult_conditions: bool,
    pub size_band: Option<SizeBand>,
    pub sessions: i64,
    pub hours: f64,
    pub reviews: i64,
    pub trajectory_steps: i64,
    /// Sessions + reviews + ИОМ steps.
    pub support_events: i64,
    pub failing_before: Option<f64>,
    pub failing_after: Option<f64>,
    /// Percentage points, after − before.
    pub change: Option<f64>,
    /// Fewer than 10 participants in either year.
    pub small_group: bool,
    /// A ШНОР/ШССУ that received support.
    pub supported: bool,
    /// Similar schools that received less, with a change to compare.
    pub peers: i64,
    /// Their mean change, percentage points.
    pub peers_change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EffectAnalysis {
    pub municipality_id: String,
    pub academic_year_id: String,
    pub academic_year_name: String,
    pub previous_year_name: Option<String>,
    pub procedure: Procedure,
    /// Supported schools first (most support first), then the rest; each group in the
    /// order given (by name).
    pub schools: Vec<SchoolEffect>,
    /// Pooled: the supported schools, and the schools that are their peers.
    pub supported: FailingChange,
    pub comparison: FailingChange,
    /// What the comparison does not say, in words.
    pub caveats: Vec<String>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn share(t: &Totals, p: Procedure) -> Option<f64> {
    t.metrics(p).failing_share
}

/// The pooled failing share of the schools with results in both years.
pub fn group_change<'a>(
    label: &str,
    items: impl IntoIterator<Item = &'a SchoolInput>,
    p: Procedure,
) -> FailingChange {
    let both: Vec<&SchoolInput> = items
        .into_iter()
        .filter(|s| share(&s.before, p).is_some() && share(&s.after, p).is_some())
        .collect();
    let before = share(&Totals::sum(both.iter().map(|s| &s.before)), p);
    let after = share(&Totals::sum(both.iter().map(|s| &s.after)), p);
    FailingChange {
        label: label.into(),
        schools: both.len() as i64,
        before,
        after,
        change: before.zip(after).map(|(b, a)| round1(a - b)),
    }
}

fn same_kind(a: &SchoolInput, b: &SchoolInput) -> bool {
    a.is_low_results == b.is_low_results
        && a.is_difficult_conditions == b.is_difficult_conditions
        && SizeBand::of(a.before.participants) == SizeBand::of(b.before.participants)
}

pub const CAVEATS: [&str; 4] = [
    "Сравнение показывает связь, а не причину: на результаты влияют состав обучающихся, смена КИМ и шкалы перевода баллов, кадровые изменения в школе.",
    "Интенсивность сопровождения — число проведённых для школы мероприятий, завершённых экспертиз её документов и выполненных её педагогами шагов ИОМ за учебный год.",
    "Сопоставимые школы — школы муниципалитета с теми же статусами (ШНОР, ШССУ) и той же численностью участников, получившие меньше сопровождения; если таких нет, сравнение не проводится.",
    "Доли по группам менее 10 участников неустойчивы: такие школы отмечены.",
];

/// The analysis of the schools given (in name order).
pub fn analyse(
    schools: &[SchoolInput],
    p: Procedure,
) -> (Vec<SchoolEffect>, FailingChange, FailingChange) {
    let change = |s: &SchoolInput| {
        share(&s.before, p)
            .zip(share(&s.after, p))
            .map(|(b, a)| round1(a - b))
    };
    let is_supported =
        |s: &SchoolInput| (s.is_low_results || s.is_difficult_conditions) && s.support.events() > 0;
    let mut peers_of_any = vec![false; schools.len()];
    let mut out: Vec<SchoolEffect> = schools
        .iter()
        .map(|s| {
            let supported = is_supported(s);
            let peers: Vec<f64> = if supported {
                schools
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| {
                        t.school_id != s.school_id
                            && same_kind(s, t)
                            && t.support.events() < s.support.events()
                    })
                    .filter_map(|(i, t)| {
                        let c = change(t)?;
                        peers_of_any[i] = true;
                        Some(c)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let has_results = s.before.participants > 0;
            SchoolEffect {
                school_id: s.school_id.clone(),
                school_name: s.school_name.clone(),
                is_low_results: s.is_low_results,
                is_difficult_conditions: s.is_difficult_conditions,
                size_band: has_results.then(|| SizeBand::of(s.before.participants)),
                sessions: s.support.sessions,
                hours: s.support.hours,
                reviews: s.support.reviews,
                trajectory_steps: s.support.steps,
                support_events: s.support.events(),
                failing_before: share(&s.before, p),
                failing_after: share(&s.after, p),
                change: change(s),
                small_group: s.before.metrics(p).small_group || s.after.metrics(p).small_group,
                supported,
                peers: peers.len() as i64,
                peers_change: (!peers.is_empty())
                    .then(|| round1(peers.iter().sum::<f64>() / peers.len() as f64)),
            }
        })
        .collect();
    let supported = group_change(
        "Сопровождаемые ШНОР/ШССУ",
        schools.iter().filter(|s| is_supported(s)),
        p,
    );
    let comparison = group_change(
        "Сопоставимые школы, получившие меньше сопровождения",
        schools
            .iter()
            .enumerate()
            .filter(|(i, _)| peers_of_any[*i])
            .map(|(_, s)| s),
        p,
    );
    // Supported first, the most support first; stable, so names stay in order.
    out.sort_by(|a, b| {
        b.supported
            .cmp(&a.supported)
            .then(if a.supported && b.supported {
                b.support_events.cmp(&a.support_events)
            } else {
                std::cmp::Ordering::Equal
            })
    });
    (out, supported, comparison)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(p: i32, m2: i32) -> Totals {
        Totals::of(p, Some([m2, p - m2, 0, 0]), None)
    }

    fn school(id: &str, low: bool, events: i64, before: Totals, after: Totals) -> SchoolInput {
        SchoolInput {
            school_id: id.into(),
            school_name: id.into(),
            is_low_results: low,
            is_difficult_conditions: false,
            support: Support {
                sessions: events,
                hours: events as f64 * 1.5,
                ..Default::default()
            },
            before,
            after,
        }
    }

    #[test]
    fn a_supported_school_is_compared_with_similar_ones_that_got_less() {
        let schools = [
            school("А", true, 5, t(40, 10), t(40, 6)), // 25 → 15: −10
            school("Б", true, 1, t(30, 6), t(30, 6)),  // 20 → 20: 0, a peer of А
            school("В", true, 0, t(30, 3), t(30, 6)),  // 10 → 20: +10, a peer of А and Б
            school("Г", false, 0, t(20, 2), t(20, 2)), // not ШНОР: nobody's peer
            school("Д", true, 0, t(200, 20), t(200, 10)), // another size band
        ];
        let (out, supported, comparison) = analyse(&schools, Procedure::Vpr);
        let a = out.iter().find(|s| s.school_id == "А").unwrap();
        assert!(a.supported);
        assert_eq!(a.change, Some(-10.0));
        assert_eq!((a.peers, a.peers_change), (2, Some(5.0)));
        let b = out.iter().find(|s| s.school_id == "Б").unwrap();
        assert_eq!((b.peers, b.peers_change), (1, Some(10.0)));
        let v = out.iter().find(|s| s.school_id == "В").unwrap();
        assert!(!v.supported);
        assert_eq!(v.peers_change, None);
        // Supported first, the most support first.
        assert_eq!(out[0].school_id, "А");
        assert_eq!(out[1].school_id, "Б");
        // Pooled: А+Б 16/70 → 12/70; the peers Б+В 9/60 → 12/60.
        assert_eq!(supported.schools, 2);
        assert_eq!(
            (supported.before, supported.after),
            (Some(22.9), Some(17.1))
        );
        assert_eq!(supported.change, Some(-5.8));
        assert_eq!(comparison.schools, 2);
        assert_eq!(
            (comparison.before, comparison.after),
            (Some(15.0), Some(20.0))
        );
    }

    #[test]
    fn a_school_without_both_years_has_no_change_and_leaves_the_pool() {
        let schools = [
            school("А", true, 3, t(40, 10), Totals::default()),
            school("Б", true, 0, t(12, 2), t(9, 1)),
        ];
        let (out, supported, _) = analyse(&schools, Procedure::Vpr);
        assert_eq!(out[0].change, None);
        assert_eq!(out[0].peers, 1);
        assert_eq!(supported.schools, 0);
        assert_eq!(supported.change, None);
        assert!(out[1].small_group);
    }

    #[test]
    fn size_bands() {
        assert_eq!(SizeBand::of(49), SizeBand::Small);
        assert_eq!(SizeBand::of(50), SizeBand::Medium);
        assert_eq!(SizeBand::of(150), SizeBand::Large);
    }
}
