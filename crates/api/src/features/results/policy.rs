//! Pure decisions of the noun: which years a series shows and the numbers of each year
//! for a school, its municipality and the region (pooled over schools and classes).

use std::collections::{BTreeMap, HashSet};
use tutornet_domain::results::{Metrics, Procedure, Totals};

/// One stored result, reduced to what a series needs.
#[derive(Clone)]
pub(super) struct Fact {
    pub year: String,
    pub municipality: String,
    pub school: String,
    pub totals: Totals,
}

/// The numbers of one year of a series.
#[derive(Debug, PartialEq)]
pub(super) struct Point {
    pub year: String,
    pub own: Option<Metrics>,
    pub municipal: Option<Metrics>,
    pub regional: Option<Metrics>,
}

/// Whose series: a school's or a municipality's.
#[derive(Clone, Copy)]
pub(super) enum Of<'a> {
    School(&'a str),
    Municipality(&'a str),
}

fn pooled<'a>(facts: impl Iterator<Item = &'a Fact>, p: Procedure) -> Option<Metrics> {
    let mut n = 0;
    let t = Totals::sum(facts.inspect(|_| n += 1).map(|f| &f.totals));
    (n > 0).then(|| t.metrics(p))
}

/// The years (of `order`, oldest first) in which the municipality has results.
pub(super) fn years_of<'a>(
    order: &'a [String],
    facts: &[Fact],
    municipality: &str,
) -> Vec<&'a String> {
    let present: HashSet<&str> = facts
        .iter()
        .filter(|f| f.municipality == municipality)
        .map(|f| f.year.as_str())
        .collect();
    order
        .iter()
        .filter(|y| present.contains(y.as_str()))
        .collect()
}

/// The series of `of` (in `municipality`, facts of the whole region) over the years
/// the municipality has results.
pub(super) fn series(
    order: &[String],
    facts: &[Fact],
    of: Of,
    municipality: &str,
    p: Procedure,
) -> Vec<Point> {
    years_of(order, facts, municipality)
        .into_iter()
        .map(|y| {
            let year = facts.iter().filter(|f| &f.year == y);
            let own = match of {
                Of::School(s) => pooled(year.clone().filter(|f| f.school == s), p),
                Of::Municipality(m) => pooled(year.clone().filter(|f| f.municipality == m), p),
            };
            Point {
                year: y.clone(),
                own,
                municipal: pooled(year.clone().filter(|f| f.municipality == municipality), p),
                regional: pooled(year, p),
            }
        })
        .collect()
}

/// Each school's numbers in `years` (the municipality table).
pub(super) fn by_school(
    years: &[&String],
    facts: &[Fact],
    municipality: &str,
    p: Procedure,
) -> BTreeMap<String, Vec<Option<Metrics>>> {
    let mut out = BTreeMap::new();
    for f in facts.iter().filter(|f| f.municipality == municipality) {
        out.entry(f.school.clone()).or_insert_with(|| {
            years
                .iter()
                .map(|y| {
                    pooled(
                        facts
                            .iter()
                            .filter(|g| g.school == f.school && &&g.year == y),
                        p,
                    )
                })
                .collect()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(y: &str, m: &str, s: &str, p: i32, marks: [i32; 4]) -> Fact {
        Fact {
            year: y.into(),
            municipality: m.into(),
            school: s.into(),
            totals: Totals::of(p, Some(marks), None),
        }
    }

    #[test]
    fn a_school_against_its_municipality_and_the_region() {
        let order: Vec<String> = ["y1", "y2", "y3"].map(String::from).to_vec();
        let facts = vec![
            fact("y1", "m", "a", 20, [8, 6, 4, 2]),
            fact("y1", "m", "b", 30, [3, 12, 9, 6]),
            fact("y1", "n", "c", 50, [5, 20, 15, 10]),
            fact("y2", "m", "a", 20, [4, 8, 6, 2]),
            fact("y2", "m", "b", 30, [3, 12, 9, 6]),
            // Another municipality's later year is not a year of this series.
            fact("y3", "n", "c", 50, [5, 20, 15, 10]),
        ];
        let s = series(&order, &facts, Of::School("a"), "m", Procedure::Vpr);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].own.unwrap().failing_share, Some(40.0));
        assert_eq!(s[0].municipal.unwrap().failing_share, Some(22.0));
        assert_eq!(s[0].regional.unwrap().failing_share, Some(16.0));
        assert_eq!(s[1].own.unwrap().failing_share, Some(20.0));
        let m = series(&order, &facts, Of::Municipality("m"), "m", Procedure::Vpr);
        assert_eq!(m[1].own, m[1].municipal);
        let years = years_of(&order, &facts, "m");
        let t = by_school(&years, &facts, "m", Procedure::Vpr);
        assert_eq!(t.len(), 2);
        assert_eq!(t["a"][1].unwrap().quality, Some(40.0));
    }
}
