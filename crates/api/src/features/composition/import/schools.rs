//! Schools named in free text («учитель математики МОБУ СОШ № 10 им. …»): their kind
//! and number as a key that tolerates spelling, the short name to create, and the
//! registry school the text means.

use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::schema::schools;
use diesel::prelude::*;
use tutornet_domain::text::search_key;

/// Kind of school as a comparable key.
fn school_type(word: &str) -> Option<&'static str> {
    let w = search_key(word);
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    match w {
        "сош" => Some("сош"),
        "оош" => Some("оош"),
        "нош" => Some("нош"),
        "гимназия" => Some("гимназия"),
        "лицей" => Some("лицей"),
        "цо" => Some("цо"),
        "вечерняя" | "всош" => Some("всош"),
        _ => None,
    }
}

/// An organisational-legal form abbreviation: МОБУ, МБОУ, МАОУ, МКОУ, ГБОУ, ЧОУ…
fn org_form(word: &str) -> bool {
    let w: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    let n = w.chars().count();
    (3..=6).contains(&n) && w.chars().all(|c| c.is_uppercase()) && w.ends_with("ОУ")
        || matches!(w.as_str(), "МОБУ" | "МОАУ" | "МОКУ" | "ГОБУ" | "ГОАУ")
}

/// «Муниципальное бюджетное общеобразовательное учреждение …» spelled out.
fn long_form_start(lower_word: &str) -> bool {
    ["муниципальн", "государствен", "частн"]
        .iter()
        .any(|p| lower_word.starts_with(p))
}

/// The abbreviation of the org form at `start`: «МОБУ» as written, or the initials of
/// «Муниципальное бюджетное общеобразовательное учреждение» (МБОУ).
fn form_abbreviation(words: &[&str], start: usize) -> Option<String> {
    let w = words.get(start)?;
    if org_form(w) {
        return Some(w.chars().filter(|c| c.is_alphabetic()).collect());
    }
    if !long_form_start(&search_key(w)) {
        return None;
    }
    let end = words[start..]
        .iter()
        .position(|w| search_key(w).starts_with("учрежден"))?;
    Some(
        words[start..=start + end]
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect(),
    )
}

/// The (type, number) of a school named in `text`, with the index of the word where the
/// school starts (the org form or the type).
pub(super) fn school_key(text: &str) -> Option<(usize, &'static str, Option<u32>)> {
    // Expand «средняя общеобразовательная школа» and friends to the abbreviation.
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| search_key(w)).collect();
    let mut start = None;
    let mut kind = None;
    let mut kind_at = 0;
    for (i, w) in words.iter().enumerate() {
        if start.is_none() && (org_form(w) || long_form_start(&lower[i])) {
            start = Some(i);
        }
        if let Some(k) = school_type(w) {
            kind = Some(k);
            kind_at = i;
            start.get_or_insert(i);
            break;
        }
        let phrase = |a: &str| {
            lower.get(i).is_some_and(|x| x.starts_with(a))
                && lower
                    .get(i + 1)
                    .is_some_and(|x| x.starts_with("общеобразоват"))
                && lower.get(i + 2).is_some_and(|x| x.starts_with("школ"))
        };
        let found = if phrase("средн") {
            Some("сош")
        } else if phrase("основн") {
            Some("оош")
        } else if phrase("начальн") {
            Some("нош")
        } else {
            None
        };
        if let Some(k) = found {
            kind = Some(k);
            kind_at = i + 2;
            start.get_or_insert(i);
            break;
        }
    }
    let kind = kind?;
    // The number: digits right after «№» (or «№10»), else the first number after the type.
    let rest = words[kind_at + 1..].join(" ");
    let after = rest
        .split_once('№')
        .map(|(_, r)| r)
        .unwrap_or(rest.as_str())
        .trim_start();
    let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
    let number = digits.parse().ok();
    Some((start.unwrap_or(kind_at), kind, number))
}

/// The short name for a school to create: «МОБУ СОШ № 10».
pub(super) fn short_name(text: &str) -> String {
    let Some((start, kind, number)) = school_key(text) else {
        return text.chars().take(150).collect();
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let form = form_abbreviation(&words, start);
    let kind = match kind {
        "гимназия" | "лицей" => kind.to_string(),
        k => k.to_uppercase(),
    };
    let mut s = String::new();
    if let Some(f) = form {
        s.push_str(&f);
        s.push(' ');
    }
    s.push_str(&kind);
    if let Some(n) = number {
        s.push_str(&format!(" № {n}"));
    }
    s
}

/// Words that tell one same-numbered school from another (everything but the form,
/// type and number), for tie-breaking.
fn name_words(text: &str) -> Vec<String> {
    search_key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| school_type(w).is_none() && !org_form(&w.to_uppercase()))
        .map(str::to_string)
        .collect()
}

/// A registry school with its matching key (the results import matches with it too).
pub(crate) struct KnownSchool {
    pub(crate) id: String,
    pub(crate) short_name: String,
    key: Option<(&'static str, Option<u32>)>,
    words: Vec<String>,
}

pub(crate) fn known_schools(conn: &mut DbConn, m: &str) -> AppResult<Vec<KnownSchool>> {
    let rows: Vec<(String, String, String)> = schools::table
        .filter(schools::municipality_id.eq(m))
        .filter(schools::archived_at.is_null())
        .select((schools::id, schools::short_name, schools::full_name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, short, full)| {
            let key = school_key(&short)
                .or_else(|| school_key(&full))
                .map(|(_, k, n)| (k, n));
            KnownSchool {
                id,
                words: name_words(&format!("{short} {full}")),
                short_name: short,
                key,
            }
        })
        .collect())
}

/// The registry school the text names: same type and number; the rest of the name
/// breaks ties.
pub(crate) fn match_school<'a>(known: &'a [KnownSchool], text: &str) -> Option<&'a KnownSchool> {
    let (_, kind, number) = school_key(text)?;
    let words = name_words(text);
    known
        .iter()
        .filter(|k| k.key == Some((kind, number)))
        .max_by_key(|k| {
            (
                k.words.iter().filter(|w| words.contains(w)).count(),
                std::cmp::Reverse(k.short_name.clone()),
            )
        })
}

/// Splits «учитель математики МОБУ СОШ № 10 …» into the position and the place.
pub(super) fn split_position(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    match school_key(text) {
        Some((start, _, _)) => {
            let words: Vec<&str> = text.split_whitespace().collect();
            let pos = words[..start].join(" ");
            let place = words[start..].join(" ");
            (
                Some(pos).filter(|s| !s.is_empty()),
                Some(place).filter(|s| !s.is_empty()),
            )
        }
        None => (None, Some(text.to_string()).filter(|s| !s.is_empty())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_keys_tolerate_spelling() {
        let a = school_key("МОБУ СОШ № 10 им. П.П. Пидины пос. Прохладного").unwrap();
        let b = school_key("МБОУ СОШ №10").unwrap();
        assert_eq!((a.1, a.2), (b.1, b.2));
        assert_eq!((a.1, a.2), ("сош", Some(10)));
        let c = school_key("Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 5").unwrap();
        assert_eq!((c.1, c.2), ("сош", Some(5)));
        assert_eq!(
            school_key("МБОУ гимназия № 11").map(|k| (k.1, k.2)),
            Some(("гимназия", Some(11)))
        );
        assert_eq!(short_name("МОБУ СОШ № 10 им. П.П. Пидины"), "МОБУ СОШ № 10");
        assert_eq!(short_name("МОБУ СОШ №10"), "МОБУ СОШ № 10");
        assert_eq!(
            short_name("Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 1 г. Лесогорска"),
            "МБОУ СОШ № 1"
        );
        let (p, _) = split_position(
            "учитель физики Муниципальное бюджетное общеобразовательное учреждение гимназия № 11",
        );
        assert_eq!(p.as_deref(), Some("учитель физики"));
    }

    #[test]
    fn position_before_the_school() {
        let (p, w) = split_position(
            "учитель математики МОБУ СОШ № 10 им. П.П. Пидины пос. Прохладного Лабинского района",
        );
        assert_eq!(p.as_deref(), Some("учитель математики"));
        assert_eq!(
            w.as_deref(),
            Some("МОБУ СОШ № 10 им. П.П. Пидины пос. Прохладного Лабинского района")
        );
    }
}
