//! Russian full-text search that gives the same answers on SQLite and PostgreSQL: text
//! is normalised (lower case, ё→е) and stemmed here (Snowball Russian, `frostem`), the
//! domain's abbreviations are expanded (`tutornet_domain::library::SYNONYMS`), and the
//! stems are stored in a column indexed by FTS5 on SQLite and by a GIN index over
//! `to_tsvector('simple', …)` on PostgreSQL. The databases only find the candidates;
//! ranking and snippets are computed here, so both backends rank alike.

use crate::store::conn::DbConn;
use frostem::{Algorithm, Stemmer};
use std::collections::HashSet;
use std::sync::OnceLock;
use tutornet_domain::library::{SnippetPart, SYNONYMS};

/// Words too common to search by.
const STOPWORDS: &[&str] = &[
    "и", "в", "во", "не", "на", "с", "со", "по", "к", "ко", "для", "о", "об", "от", "из", "за",
    "у", "а", "но", "или", "что", "как", "это", "при", "до", "же", "ли", "бы",
];

fn stemmer() -> Stemmer {
    Stemmer::new(Algorithm::Russian)
}

/// Lower case with ё folded into е.
pub fn normalise(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The words of a text with their byte ranges in it.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The stem of one word (normalised first); `None` for a stopword.
pub fn stem_word(word: &str) -> Option<String> {
    let w = normalise(word);
    if STOPWORDS.contains(&w.as_str()) {
        return None;
    }
    Some(stemmer().stem(&w).into_owned())
}

/// The stems of a text, in order, stopwords left out.
pub fn stems(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter_map(|(a, b)| stem_word(&text[a..b]))
        .collect()
}

/// The synonym groups as stem sequences: group → alternatives → stems.
fn synonym_stems() -> &'static Vec<Vec<Vec<String>>> {
    static S: OnceLock<Vec<Vec<Vec<String>>>> = OnceLock::new();
    S.get_or_init(|| {
        SYNONYMS
            .iter()
            .map(|g| g.iter().map(|alt| stems(alt)).collect())
            .collect()
    })
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// What is stored for a text: its stems, and for every synonym group one of whose
/// alternatives occurs, the stems of the others (so «ВПР» and «всероссийские
/// проверочные работы» find each other whichever the query uses).
pub fn index_terms(text: &str) -> Vec<String> {
    let mut out = stems(text);
    let mut extra = Vec::new();
    for group in synonym_stems() {
        if group.iter().any(|alt| contains_seq(&out, alt)) {
            for alt in group {
                if !contains_seq(&out, alt) {
                    extra.extend(alt.iter().cloned());
                }
            }
        }
    }
    out.extend(extra);
    out
}

/// The distinct stems of a query, in order.
pub fn query_terms(q: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    stems(q)
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

/// The SQL condition matching rows of `library_search` whose stems hold every term,
/// for the connection's backend, and the text to bind into it.
pub fn match_condition(conn: &DbConn, terms: &[String]) -> (&'static str, String) {
    match conn {
        DbConn::Sqlite(_) => (
            "library_search.rowid IN (SELECT rowid FROM library_fts WHERE library_fts MATCH ",
            terms
                .iter()
                .map(|t| format!("\"{}\"", t.replace('"', "")))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        DbConn::Pg(_) => (
            "to_tsvector('simple', library_search.stems) @@ to_tsquery('simple', ",
            terms
                .iter()
                .map(|t| t.replace(['\'', '&', '|', '!', ':', '(', ')', '\\'], ""))
                .collect::<Vec<_>>()
                .join(" & "),
        ),
    }
}

/// A BM25-like score of a candidate (terms counted in all its stems, a bonus for each
/// term in the title), given the average length of the candidates.
pub fn score(terms: &[String], title: &str, all: &str, avg_len: f64) -> f64 {
    let words: Vec<&str> = all.split(' ').collect();
    let title_words: HashSet<&str> = title.split(' ').collect();
    let len = words.len() as f64;
    let (k, b) = (1.2, 0.75);
    terms
        .iter()
        .map(|t| {
            let tf = words.iter().filter(|w| **w == t.as_str()).count() as f64;
            let body = tf * (k + 1.0) / (tf + k * (1.0 - b + b * len / avg_len.max(1.0)));
            let title = if title_words.contains(t.as_str()) {
                1.5
            } else {
                0.0
            };
            body + title
        })
        .sum()
}

/// The stems a snippet marks for a query: its terms and, for a synonym group one of
/// whose alternatives the query holds, the stems of the others.
pub fn highlight_stems(terms: &[String]) -> HashSet<String> {
    let mut out: HashSet<String> = terms.iter().cloned().collect();
    for group in synonym_stems() {
        if group.iter().any(|alt| alt.iter().all(|s| out.contains(s))) {
            out.extend(group.iter().flatten().cloned());
        }
    }
    out
}

/// Up to `span` words of `text` around the first word whose stem is marked, the marked
/// words as hits; `None` when no word is marked.
pub fn snippet(text: &str, marked: &HashSet<String>, span: usize) -> Option<Vec<SnippetPart>> {
    let ws = words(text);
    let hit = |i: usize| {
        let (a, b) = ws[i];
        stem_word(&text[a..b]).is_some_and(|s| marked.contains(&s))
    };
    let first = (0..ws.len()).find(|&i| hit(i))?;
    let from = first.saturating_sub(span / 3);
    let to = (from + span).min(ws.len());
    let mut parts: Vec<SnippetPart> = Vec::new();
    let push = |parts: &mut Vec<SnippetPart>, s: &str, h: bool| {
        if s.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(p) if p.hit == h && !h => p.text.push_str(s),
            _ => parts.push(SnippetPart {
                text: s.to_string(),
                hit: h,
            }),
        }
    };
    // Punctuation between words is kept; whitespace runs become one space.
    let collapse = |s: &str| {
        let mut out = String::new();
        for c in s.chars() {
            if c.is_whitespace() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    if from > 0 {
        push(&mut parts, "… ", false);
    }
    let mut pos = ws[from].0;
    for (i, &(a, b)) in ws.iter().enumerate().take(to).skip(from) {
        if i > from {
            push(&mut parts, &collapse(&text[pos..a]), false);
        }
        push(&mut parts, &text[a..b], hit(i));
        pos = b;
    }
    if to < ws.len() {
        push(&mut parts, " …", false);
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(t: &str) -> String {
        index_terms(t).join(" ")
    }

    #[test]
    fn forms_and_yo_meet() {
        assert_eq!(query_terms("программы"), query_terms("программа"));
        assert_eq!(query_terms("учёт"), query_terms("учет"));
        assert_eq!(query_terms("Учёта"), query_terms("учет"));
        assert!(query_terms("и в на").is_empty());
    }

    #[test]
    fn abbreviations_expand_both_ways() {
        let doc = joined("Подготовка к ВПР по математике");
        for t in query_terms("всероссийские проверочные работы") {
            assert!(doc.split(' ').any(|w| w == t), "{t} in {doc}");
        }
        let doc = joined("Всероссийские проверочные работы: разбор заданий");
        assert!(doc.split(' ').any(|w| w == "впр"), "{doc}");
        let doc = joined("Наставничество в школе");
        let q = query_terms("наставник");
        assert!(doc.split(' ').any(|w| w == q[0]), "{doc}");
    }

    #[test]
    fn snippet_marks_inflected_words() {
        let t = "Рабочие программы по математике и их учёт в КТП.";
        let marked = highlight_stems(&query_terms("программа учет"));
        let s = snippet(t, &marked, 20).unwrap();
        let hits: Vec<&str> = s
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(hits, vec!["программы", "учёт"]);
        let text: String = s.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "Рабочие программы по математике и их учёт в КТП");
        let marked = highlight_stems(&query_terms("ВПР"));
        let s = snippet("Разбор всероссийских проверочных работ", &marked, 20).unwrap();
        assert_eq!(s.iter().filter(|p| p.hit).count(), 3);
        assert!(snippet("ничего", &marked, 20).is_none());
    }

    #[test]
    fn ranking_prefers_more_and_titles() {
        let terms = query_terms("программа");
        let a = score(&terms, "программ", "программ курс программ", 3.0);
        let b = score(&terms, "курс", "курс программ курс", 3.0);
        assert!(a > b);
    }
}
