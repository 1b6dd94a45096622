//! The review as a Word report and an Excel workbook: the same figures, tables and
//! caveats as the API gives (charts are drawn by the SPA; the documents carry their
//! numbers as tables, which is what a report to the МОУО prints).

use crate::docs::form::{Align, Block};
use crate::docs::table::TableDoc;
use tutornet_domain::effectiveness::{
    decimal_ru, EffectAnalysis, EffectivenessReview, FailingChange, Figure,
};
use tutornet_domain::text::format_date_ru as date_ru;

fn pct(v: Option<f64>) -> String {
    v.map(decimal_ru).unwrap_or_else(|| "—".into())
}

fn heading(r: &EffectivenessReview) -> Vec<String> {
    vec![
        "Анализ эффективности деятельности муниципального тьюторского сообщества".into(),
        format!(
            "{} за {} учебный год",
            r.municipality_name, r.academic_year_name
        ),
        format!(
            "Период: {} — {}; по состоянию на {}",
            date_ru(r.starts_on),
            date_ru(r.ends_on),
            date_ru(r.as_of)
        ),
    ]
}

fn figure_rows(f: &[Figure]) -> Vec<Vec<String>> {
    f.iter()
        .enumerate()
        .map(|(i, f)| vec![(i + 1).to_string(), f.label.clone(), f.text.clone()])
        .collect()
}

fn failing_columns(r: &EffectivenessReview) -> Vec<String> {
    vec![
        "Группа школ".into(),
        "Школ".into(),
        format!(
            "{}, %",
            r.previous_year_name
                .clone()
                .unwrap_or_else(|| "Предыдущий год".into())
        ),
        format!("{}, %", r.academic_year_name),
        "Изменение, п.п.".into(),
    ]
}

fn failing_rows(f: &[FailingChange]) -> Vec<Vec<String>> {
    f.iter()
        .map(|c| {
            vec![
                c.label.clone(),
                c.schools.to_string(),
                pct(c.before),
                pct(c.after),
                pct(c.change),
            ]
        })
        .collect()
}

const SCHOOL_COLUMNS: [&str; 10] = [
    "Школа",
    "Статус",
    "Мероприятий",
    "Часов",
    "Экспертиз",
    "Шагов ИОМ",
    "Доля «2» до, %",
    "Доля «2» после, %",
    "Изменение, п.п.",
    "Сопоставимые школы: число · изменение, п.п.",
];

fn school_rows(a: &EffectAnalysis) -> Vec<Vec<String>> {
    a.schools
        .iter()
        .map(|s| {
            let status = match (s.is_low_results, s.is_difficult_conditions) {
                (true, true) => "ШНОР, ШССУ",
                (true, false) => "ШНОР",
                (false, true) => "ШССУ",
                _ => "",
            };
            let small = if s.small_group { " (< 10 уч.)" } else { "" };
            vec![
                format!("{}{small}", s.school_name),
                status.into(),
                s.sessions.to_string(),
                decimal_ru(s.hours),
                s.reviews.to_string(),
                s.trajectory_steps.to_string(),
                pct(s.failing_before),
                pct(s.failing_after),
                pct(s.change),
                match s.peers_change {
                    Some(c) => format!("{} · {}", s.peers, decimal_ru(c)),
                    None if s.supported => "нет сопоставимых".into(),
                    None => "—".into(),
                },
            ]
        })
        .collect()
}

/// The Word report: heading, the figures, sessions by activity type and form, the
/// failing share of the groups, the schools, the caveats.
pub fn blocks(r: &EffectivenessReview, a: &EffectAnalysis) -> Vec<Block> {
    let mut b: Vec<Block> = heading(r)
        .into_iter()
        .enumerate()
        .map(|(i, l)| Block::text(Align::Centre, l, i < 2))
        .collect();
    let section = |b: &mut Vec<Block>, title: String| {
        b.push(Block::Blank);
        b.push(Block::text(Align::Left, title, true));
    };
    section(&mut b, "1. Показатели деятельности".into());
    let mut figures = figure_rows(&r.figures);
    if let Some(m) = r.mean_rating {
        figures.push(vec![
            (figures.len() + 1).to_string(),
            "Средняя оценка участников (из 5)".into(),
            decimal_ru(m),
        ]);
    }
    b.push(Block::Table {
        columns: vec!["№ п/п".into(), "Показатель".into(), "Значение".into()],
        rows: figures,
        grid: vec![800, 6555, 2000],
    });
    section(&mut b, "2. Мероприятия по видам деятельности".into());
    b.push(Block::Table {
        columns: vec![
            "№ п/п".into(),
            "Вид деятельности".into(),
            "Проведено".into(),
        ],
        rows: figure_rows(&r.by_activity),
        grid: vec![800, 6555, 2000],
    });
    section(&mut b, "3. Мероприятия по формам работы".into());
    b.push(Block::Table {
        columns: vec!["№ п/п".into(), "Форма работы".into(), "Проведено".into()],
        rows: figure_rows(&r.by_form),
        grid: vec![800, 6555, 2000],
    });
    section(
        &mut b,
        format!("4. Доля неуспешных ({})", r.procedure.label_ru()),
    );
    b.push(Block::Table {
        columns: failing_columns(r),
        rows: failing_rows(&r.failing),
        grid: vec![3555, 900, 1600, 1600, 1700],
    });
    section(
        &mut b,
        "5. Сопровождение школ и изменение доли неуспешных".into(),
    );
    b.push(Block::Table {
        columns: SCHOOL_COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: school_rows(a),
        grid: vec![1700, 700, 800, 700, 800, 700, 900, 900, 900, 1255],
    });
    section(&mut b, "Оговорки".into());
    for c in &a.caveats {
        b.push(Block::text(Align::Justify, c, false));
    }
    b
}

/// The workbook: a sheet per table of the report.
pub fn sheets(r: &EffectivenessReview, a: &EffectAnalysis) -> Vec<TableDoc> {
    let head = heading(r);
    let table = |sheet: &str,
                 columns: Vec<String>,
                 rows: Vec<Vec<String>>,
                 numbered: bool,
                 widths: Vec<f64>| TableDoc {
        sheet: sheet.into(),
        heading: head.clone(),
        bold_heading_lines: 2,
        columns,
        rows,
        numbered,
        xlsx_widths: widths,
        docx_grid: Vec::new(),
    };
    let three = |second: &str, third: &str| vec!["№ п/п".to_string(), second.into(), third.into()];
    let mut figures = figure_rows(&r.figures);
    if let Some(m) = r.mean_rating {
        figures.push(vec![
            (figures.len() + 1).to_string(),
            "Средняя оценка участников (из 5)".into(),
            decimal_ru(m),
        ]);
    }
    vec![
        table(
            "Показатели",
            three("Показатель", "Значение"),
            figures,
            true,
            vec![8.0, 60.0, 14.0],
        ),
        table(
            "Виды деятельности",
            three("Вид деятельности", "Проведено"),
            figure_rows(&r.by_activity),
            true,
            vec![8.0, 40.0, 14.0],
        ),
        table(
            "Формы работы",
            three("Форма работы", "Проведено"),
            figure_rows(&r.by_form),
            true,
            vec![8.0, 50.0, 14.0],
        ),
        table(
            "Доля неуспешных",
            failing_columns(r),
            failing_rows(&r.failing),
            false,
            vec![44.0, 8.0, 16.0, 16.0, 16.0],
        ),
        table(
            "Школы",
            SCHOOL_COLUMNS.iter().map(|c| c.to_string()).collect(),
            school_rows(a),
            false,
            vec![30.0, 12.0, 12.0, 8.0, 10.0, 10.0, 12.0, 12.0, 12.0, 22.0],
        ),
    ]
}
