//! The reasoned conclusion (мотивированное заключение) as a Word document: header,
//! the document's data, the criteria table with verdicts and remarks, the conclusion,
//! the recommendations, the expert and the date. Two renderings: for the author, and
//! for the coordinator (with the private notes).

use super::policy;
use super::rules::{actors, detail, get_row};
use crate::auth::AuthUser;
use crate::docs::form::{to_docx, Align, Block};
use crate::error::{AppError, AppResult};
use crate::store::conn::DbConn;
use serde::{Deserialize, Serialize};
use tutornet_domain::reviews::ReviewDetail;
use tutornet_domain::text::format_date_ru;

/// `?view=` of the conclusion download.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ConclusionView {
    /// `teacher` (default) or `coordinator` (with the private notes; coordinator and expert).
    pub view: Option<String>,
}

/// The blocks of the conclusion; `private` adds the notes.
pub fn blocks(d: &ReviewDetail, private: bool) -> Vec<Block> {
    let r = &d.review;
    let c = d.conclusion.as_ref();
    let mut b = vec![
        Block::text(Align::Centre, "МОТИВИРОВАННОЕ ЗАКЛЮЧЕНИЕ", true),
        Block::text(Align::Centre, "по результатам экспертизы документа", true),
        Block::Blank,
    ];
    let line =
        |k: &str, v: String| Block::Para(Align::Left, vec![(format!("{k}: "), true), (v, false)]);
    b.push(line("Вид документа", r.document_type.label_ru().into()));
    b.push(line("Название", r.title.clone()));
    b.push(line("Автор", r.author_name.clone()));
    b.push(line("Образовательная организация", r.school_name.clone()));
    if let Some(s) = &r.subject_name {
        b.push(line("Предмет", s.clone()));
    }
    if let Some(g) = &r.grades {
        b.push(line("Классы", g.clone()));
    }
    b.push(line("Раунд экспертизы", r.round.to_string()));
    b.push(line("Версия чек-листа", r.template_version.to_string()));
    b.push(line("Решение", r.status.label_ru().into()));
    if let Some(s) = d.score {
        b.push(line("Уровень соответствия", format!("{s} %")));
    }
    b.push(Block::Blank);
    let verdicts = d
        .rounds
        .last()
        .map(|x| x.verdicts.clone())
        .unwrap_or_default();
    let rows = d
        .criteria
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let v = verdicts.iter().find(|v| v.code == k.code);
            vec![
                (i + 1).to_string(),
                if k.critical {
                    format!("{} (обязательный)", k.title)
                } else {
                    k.title.clone()
                },
                k.basis.clone(),
                v.and_then(|v| v.verdict)
                    .map(|v| v.label_ru().to_string())
                    .unwrap_or_else(|| "—".into()),
                v.and_then(|v| v.remark.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    b.push(Block::Table {
        columns: ["№", "Критерий", "Основание", "Оценка", "Замечание"]
            .map(String::from)
            .to_vec(),
        rows,
        grid: vec![500, 3200, 1800, 1500, 2355],
    });
    b.push(Block::Blank);
    b.push(Block::text(Align::Left, "Заключение", true));
    b.push(Block::text(
        Align::Justify,
        c.map(|c| c.text.clone()).unwrap_or_default(),
        false,
    ));
    let recs = c.map(|c| c.recommendations.clone()).unwrap_or_default();
    if !recs.trim().is_empty() {
        b.push(Block::Blank);
        b.push(Block::text(Align::Left, "Рекомендации", true));
        b.extend(recs.lines().map(|l| Block::text(Align::Justify, l, false)));
    }
    if private {
        if let Some(n) = c.and_then(|c| c.private_notes.clone()) {
            b.push(Block::Blank);
            b.push(Block::text(
                Align::Left,
                "Служебные заметки (для координатора)",
                true,
            ));
            b.push(Block::text(Align::Justify, n, false));
        }
    }
    b.push(Block::Blank);
    let date = c
        .and_then(|c| c.signed_at)
        .map(|t| format_date_ru(t.date_naive()))
        .unwrap_or_else(|| "не подписано".into());
    b.push(Block::Signature(
        "Эксперт".into(),
        r.expert_name.clone().unwrap_or_default(),
    ));
    b.push(Block::text(Align::Left, format!("Дата: {date}"), false));
    b
}

/// (file name, DOCX bytes) of the conclusion in the asked rendering.
pub fn docx(
    conn: &mut DbConn,
    user: &AuthUser,
    id: &str,
    view: &ConclusionView,
) -> AppResult<(String, Vec<u8>)> {
    let row = get_row(conn, user, id)?;
    let private = match view.view.as_deref() {
        None | Some("teacher") => false,
        Some("coordinator") => {
            if !policy::reads_private_notes(&actors(user, &row)) {
                return Err(AppError::Forbidden(
                    "Версия для координатора доступна координатору и эксперту".into(),
                ));
            }
            true
        }
        Some(_) => {
            return Err(AppError::field(
                "view",
                "invalid_value",
                "view: teacher или coordinator",
            ))
        }
    };
    let d = detail(conn, user, id)?;
    if d.conclusion.is_none() {
        return Err(AppError::NotFound(
            "Заключения ещё нет: оно готовится после решения эксперта".into(),
        ));
    }
    let bytes = to_docx(&blocks(&d, private))?;
    Ok((format!("Заключение — {}.docx", d.review.title), bytes))
}
