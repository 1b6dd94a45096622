//! Who a group session is open to: every teacher of the municipality, teachers of ШНОР
//! and ШССУ only (003 1.4), or teachers of named schools (000 plan 1, 5, 6, 14).

use super::*;

labelled_enum!(
    /// Кому открыта запись на групповое занятие.
    OpenTo {
        All = "all" => "Все педагоги муниципалитета",
        LowResults = "low_results" => "Только педагоги ШНОР/ШССУ",
        Schools = "schools" => "Только педагоги выбранных школ",
    }
);

/// What targeting needs to know about a registrant's school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolFlags<'a> {
    pub id: &'a str,
    pub is_low_results: bool,
    pub is_difficult_conditions: bool,
}

impl OpenTo {
    /// Whether a teacher of `school` (none: a person without a school) may register.
    pub fn admits(self, school: Option<SchoolFlags>, school_ids: &[String]) -> bool {
        match (self, school) {
            (OpenTo::All, _) => true,
            (_, None) => false,
            (OpenTo::LowResults, Some(s)) => s.is_low_results || s.is_difficult_conditions,
            (OpenTo::Schools, Some(s)) => school_ids.iter().any(|x| x == s.id),
        }
    }

    /// Why registration is refused, naming the schools when there are some.
    pub fn refusal_ru(self, school_names: &[String]) -> String {
        match self {
            OpenTo::All => String::new(),
            OpenTo::LowResults => {
                "Запись открыта только для педагогов школ с низкими результатами (ШНОР) и школ \
                 в сложных социальных условиях (ШССУ)"
                    .into()
            }
            OpenTo::Schools => format!(
                "Запись открыта только для педагогов школ: {}",
                school_names.join(", ")
            ),
        }
    }

    /// The restriction as a list or an announcement shows it (`None` when open to all).
    pub fn notice_ru(self, school_names: &[String]) -> Option<String> {
        match self {
            OpenTo::All => None,
            OpenTo::LowResults => Some("Только для педагогов ШНОР/ШССУ".into()),
            OpenTo::Schools => Some(format!("Только для школ: {}", school_names.join(", "))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_is_admitted() {
        let low = SchoolFlags {
            id: "s1",
            is_low_results: true,
            is_difficult_conditions: false,
        };
        let plain = SchoolFlags {
            id: "s2",
            is_low_results: false,
            is_difficult_conditions: false,
        };
        let hard = SchoolFlags {
            is_difficult_conditions: true,
            ..plain
        };
        assert!(OpenTo::All.admits(None, &[]));
        assert!(OpenTo::LowResults.admits(Some(low), &[]));
        assert!(OpenTo::LowResults.admits(Some(hard), &[]));
        assert!(!OpenTo::LowResults.admits(Some(plain), &[]));
        assert!(!OpenTo::LowResults.admits(None, &[]));
        let named = vec!["s2".to_string()];
        assert!(OpenTo::Schools.admits(Some(plain), &named));
        assert!(!OpenTo::Schools.admits(Some(low), &named));
        assert!(OpenTo::Schools
            .refusal_ru(&["СОШ № 20".into()])
            .ends_with("СОШ № 20"));
        assert_eq!(OpenTo::All.notice_ru(&[]), None);
    }
}
