//! The numbers of a result and of a group of results: failing share («доля неуспешных»
//! = «2» / participants, for ЕГЭ the count below the minimum threshold), quality
//! («4» + «5»), mean mark; percents turned into counts; dynamics over years and the
//! risk rules. Pure functions, the one place these rules live.

use super::{Procedure, RiskReason};
use serde::{Deserialize, Serialize};

/// Groups under this many participants are marked (their shares say little).
pub const SMALL_GROUP: i64 = 10;

/// The default risk threshold of the failing share, in percent (000 §8.4: a diagnostic
/// work with more than a quarter «2»).
pub const DEFAULT_THRESHOLD: f64 = 25.0;

/// Counts of one result or of many summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub participants: i64,
    /// «2», «3», «4», «5»; summed only over rows that have marks.
    pub marks: [i64; 4],
    /// Participants of the rows that have marks.
    pub marked: i64,
    /// Below the minimum threshold (ЕГЭ).
    pub below: i64,
    /// Participants of the rows that count the threshold.
    pub thresholded: i64,
}

impl Totals {
    /// The totals of one row.
    pub fn of(participants: i32, marks: Option<[i32; 4]>, below: Option<i32>) -> Totals {
        let p = participants as i64;
        let mut t = Totals {
            participants: p,
            ..Default::default()
        };
        if let Some(m) = marks {
            t.marks = m.map(|x| x as i64);
            t.marked = p;
        }
        if let Some(b) = below {
            t.below = b as i64;
            t.thresholded = p;
        }
        t
    }

    pub fn add(&mut self, o: &Totals) {
        self.participants += o.participants;
        for i in 0..4 {
            self.marks[i] += o.marks[i];
        }
        self.marked += o.marked;
        self.below += o.below;
        self.thresholded += o.thresholded;
    }

    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Totals>) -> Totals {
        let mut t = Totals::default();
        for i in items {
            t.add(i);
        }
        t
    }

    /// The derived numbers: shares in percent rounded to 0.1, the mean mark to 0.01.
    pub fn metrics(&self, procedure: Procedure) -> Metrics {
        let share = |n: i64, of: i64| (of > 0).then(|| round1(n as f64 * 100.0 / of as f64));
        let failing = if procedure.by_threshold() && self.thresholded > 0 {
            share(self.below, self.thresholded)
        } else {
            share(self.marks[0], self.marked)
        };
        let mean = (self.marked > 0).then(|| {
            let s: i64 = self
                .marks
                .iter()
                .enumerate()
                .map(|(i, n)| (i as i64 + 2) * n)
                .sum();
            (s as f64 / self.marked as f64 * 100.0).round() / 100.0
        });
        Metrics {
            participants: self.participants,
            failing_share: failing,
            quality: share(self.marks[2] + self.marks[3], self.marked),
            mean_mark: mean,
            small_group: self.participants > 0 && self.participants < SMALL_GROUP,
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// What is read off a result or a group of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Metrics {
    pub participants: i64,
    /// «Доля неуспешных», percent: «2» / participants (ЕГЭ: below the minimum threshold).
    pub failing_share: Option<f64>,
    /// «Качество», percent: («4» + «5») / participants.
    pub quality: Option<f64>,
    /// The mean mark (2…5).
    pub mean_mark: Option<f64>,
    /// Fewer than 10 participants.
    pub small_group: bool,
}

/// Counts from percents of `participants` (largest remainder, so they add up); the
/// percents must add up to 100 (±1 for rounding).
pub fn counts_from_percents(participants: i32, percents: [f64; 4]) -> Result<[i32; 4], String> {
    if percents.iter().any(|p| !(0.0..=100.0).contains(p)) {
        return Err("проценты должны быть от 0 до 100".into());
    }
    let total: f64 = percents.iter().sum();
    if (total - 100.0).abs() > 1.0 {
        return Err(format!(
            "проценты в сумме дают {}, а не 100",
            round1(total).to_string().replace('.', ",")
        ));
    }
    let exact: Vec<f64> = percents
        .iter()
        .map(|p| p / total * participants as f64)
        .collect();
    let mut counts: Vec<i32> = exact.iter().map(|x| x.floor() as i32).collect();
    let mut left = participants - counts.iter().sum::<i32>();
    let mut order: Vec<usize> = (0..4).collect();
    order.sort_by(|a, b| {
        let fa = exact[*a] - exact[*a].floor();
        let fb = exact[*b] - exact[*b].floor();
        fb.partial_cmp(&fa).unwrap_or(std::cmp::Ordering::Equal)
    });
    for i in order {
        if left <= 0 {
            break;
        }
        counts[i] += 1;
        left -= 1;
    }
    Ok([counts[0], counts[1], counts[2], counts[3]])
}

/// Why a series of failing shares (oldest year first; `None` where the year has no
/// data) is a risk: the latest share above `threshold`, or a share that rose in each of
/// the last two years.
pub fn risk_reasons(series: &[Option<f64>], threshold: f64) -> Vec<RiskReason> {
    let mut out = Vec::new();
    let known: Vec<f64> = series.iter().flatten().copied().collect();
    if known.last().is_some_and(|x| *x > threshold) {
        out.push(RiskReason::AboveThreshold);
    }
    // Two rises running: three consecutive years, each above the one before.
    if let [.., a, b, c] = series {
        if let (Some(a), Some(b), Some(c)) = (a, b, c) {
            if b > a && c > b {
                out.push(RiskReason::RisingTwoYears);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_of_marks_and_of_the_threshold() {
        let t = Totals::of(40, Some([10, 14, 12, 4]), None);
        let m = t.metrics(Procedure::Vpr);
        assert_eq!(m.failing_share, Some(25.0));
        assert_eq!(m.quality, Some(40.0));
        assert_eq!(m.mean_mark, Some(3.25));
        assert!(!m.small_group);
        let e = Totals::of(9, None, Some(2)).metrics(Procedure::Ege);
        assert_eq!(e.failing_share, Some(22.2));
        assert_eq!(e.quality, None);
        assert!(e.small_group);
    }

    #[test]
    fn pooled_averages_weight_by_participants() {
        let a = Totals::of(10, Some([5, 5, 0, 0]), None);
        let b = Totals::of(30, Some([3, 9, 9, 9]), None);
        let m = Totals::sum([&a, &b]).metrics(Procedure::Vpr);
        assert_eq!(m.participants, 40);
        assert_eq!(m.failing_share, Some(20.0));
        assert_eq!(m.quality, Some(45.0));
    }

    #[test]
    fn percents_become_counts_that_add_up() {
        assert_eq!(
            counts_from_percents(27, [11.1, 33.3, 40.7, 14.9]).unwrap(),
            [3, 9, 11, 4]
        );
        assert_eq!(
            counts_from_percents(3, [33.3, 33.3, 33.4, 0.0]).unwrap(),
            [1, 1, 1, 0]
        );
        assert!(counts_from_percents(20, [10.0, 10.0, 10.0, 10.0]).is_err());
        assert!(counts_from_percents(20, [-1.0, 51.0, 50.0, 0.0]).is_err());
    }

    #[test]
    fn risks_above_threshold_or_rising_twice() {
        use RiskReason::*;
        assert_eq!(risk_reasons(&[Some(30.0)], 25.0), vec![AboveThreshold]);
        assert_eq!(risk_reasons(&[Some(25.0)], 25.0), vec![]);
        assert_eq!(
            risk_reasons(&[Some(5.0), Some(8.0), Some(12.0)], 25.0),
            vec![RisingTwoYears]
        );
        assert_eq!(
            risk_reasons(&[Some(20.0), Some(30.0), Some(40.0)], 25.0),
            vec![AboveThreshold, RisingTwoYears]
        );
        // A gap breaks the run; a fall ends it.
        assert_eq!(risk_reasons(&[Some(5.0), None, Some(12.0)], 25.0), vec![]);
        assert_eq!(
            risk_reasons(&[Some(5.0), Some(8.0), Some(7.0)], 25.0),
            vec![]
        );
        // The latest known share counts when the last year has no data.
        assert_eq!(
            risk_reasons(&[Some(30.0), None], 25.0),
            vec![AboveThreshold]
        );
    }
}
