//! Lists: Russian-collated keyset pages (one paginator), validated page sizes, search.

use crate::error::{AppError, AppResult};

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn like_pattern(q: &str) -> String {
    let key = tutornet_domain::text::search_key(q);
    let mut out = String::with_capacity(key.len() + 2);
    out.push('%');
    for c in key.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Keyset cursor over (sort key, id), opaque to clients (base64url JSON).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Cursor {
    pub k: String,
    pub id: String,
}

impl Cursor {
    /// The cursor after a row with sort key `k` and `id`.
    pub fn new(k: impl Into<String>, id: &str) -> Cursor {
        Cursor {
            k: k.into(),
            id: id.to_string(),
        }
    }

    pub fn encode(&self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn decode(s: &str) -> AppResult<Cursor> {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| {
                AppError::field(
                    "cursor",
                    "invalid_cursor",
                    "Недействительный курсор страницы",
                )
            })
    }
}

/// Validated page size.
pub fn page_limit(limit: Option<i64>) -> AppResult<i64> {
    use tutornet_domain::page::{DEFAULT_LIMIT, MAX_LIMIT};
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(l) if (1..=MAX_LIMIT).contains(&l) => Ok(l),
        Some(_) => Err(AppError::field(
            "limit",
            "out_of_range",
            format!("Размер страницы — от 1 до {MAX_LIMIT}"),
        )),
    }
}

/// Descending or ascending by name.
pub fn sort_desc(sort: Option<&str>) -> AppResult<bool> {
    match sort.unwrap_or("name") {
        "name" => Ok(false),
        "-name" => Ok(true),
        _ => Err(AppError::field(
            "sort",
            "invalid_sort",
            "Сортировка: name или -name",
        )),
    }
}

/// Builds the page from `limit + 1` fetched rows.
pub fn finish_page<R, T>(
    mut rows: Vec<R>,
    limit: i64,
    total: i64,
    key: impl Fn(&R) -> Cursor,
    map: impl Fn(R) -> T,
) -> tutornet_domain::Page<T> {
    let more = rows.len() as i64 > limit;
    if more {
        rows.truncate(limit as usize);
    }
    let next_cursor = if more {
        rows.last().map(|r| key(r).encode())
    } else {
        None
    };
    tutornet_domain::Page {
        items: rows.into_iter().map(map).collect(),
        total,
        next_cursor,
    }
}

/// Orders a boxed query of `table` by its Russian-collated `name_sort`, then `id`
/// (descending when `desc`), and starts it after the cursor `after` (`Option<Cursor>`).
///
/// `q = by_name_after!(q, schools, desc, after);`
#[macro_export]
macro_rules! by_name_after {
    ($q:expr, $table:ident, $desc:expr, $after:expr) => {{
        use diesel::prelude::*;
        use $crate::store::schema::$table as t;
        let (mut q, desc) = ($q, $desc);
        let after: Option<$crate::store::page::Cursor> = $after;
        if let Some(c) = after {
            q = if desc {
                q.filter(
                    t::name_sort
                        .lt(c.k.clone())
                        .or(t::name_sort.eq(c.k).and(t::id.lt(c.id))),
                )
            } else {
                q.filter(
                    t::name_sort
                        .gt(c.k.clone())
                        .or(t::name_sort.eq(c.k).and(t::id.gt(c.id))),
                )
            };
        }
        if desc {
            q.order((t::name_sort.desc(), t::id.desc()))
        } else {
            q.order((t::name_sort.asc(), t::id.asc()))
        }
    }};
}
