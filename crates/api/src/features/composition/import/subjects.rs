//! Subjects named in free text: an exact (case- and ё-insensitive) match with the
//! dictionary, else each part of «А и Б», «А, Б» («Русский язык и литература» → two
//! subjects).

use crate::error::AppResult;
use crate::store::conn::DbConn;
use crate::store::schema::subjects;
use diesel::prelude::*;
use std::collections::HashMap;
use tutornet_domain::composition::IdName;
use tutornet_domain::text::search_key;

pub(super) fn subject_dictionary(conn: &mut DbConn) -> AppResult<HashMap<String, IdName>> {
    let rows: Vec<(String, String)> = subjects::table
        .filter(subjects::archived_at.is_null())
        .select((subjects::id, subjects::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (search_key(&name), IdName { id, name }))
        .collect())
}

/// Subject text → subjects: an exact (case- and ё-insensitive) match, else each part of
/// «А и Б», «А, Б».
pub(super) fn match_subjects(
    dict: &HashMap<String, IdName>,
    text: &str,
) -> Result<Vec<IdName>, Vec<String>> {
    let key = search_key(text);
    if let Some(s) = dict.get(&key) {
        return Ok(vec![s.clone()]);
    }
    let parts: Vec<String> = key
        .split(',')
        .flat_map(|p| p.split(" и "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for p in &parts {
        match dict.get(p) {
            Some(s) if !found.contains(s) => found.push(s.clone()),
            Some(_) => {}
            None => missing.push(p.clone()),
        }
    }
    if missing.is_empty() && !found.is_empty() {
        Ok(found)
    } else if parts.is_empty() {
        Err(vec![text.to_string()])
    } else {
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_split_on_and() {
        let mut d = HashMap::new();
        for (i, n) in ["Русский язык", "Литература", "Финансовая грамотность"]
            .iter()
            .enumerate()
        {
            d.insert(
                search_key(n),
                IdName {
                    id: i.to_string(),
                    name: n.to_string(),
                },
            );
        }
        let r = match_subjects(&d, "Русский язык и литература").unwrap();
        assert_eq!(
            r.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            vec!["0", "1"]
        );
        assert_eq!(
            match_subjects(&d, "финансовая ГРАМОТНОСТЬ").unwrap().len(),
            1
        );
        assert_eq!(
            match_subjects(&d, "Астрономия").unwrap_err(),
            vec!["астрономия"]
        );
    }
}
