//! The printable ИОМ: the usual table «дефицит · задача · мероприятия/формы · сроки ·
//! планируемый результат/продукт · отметка о выполнении» under a heading naming the
//! learner, the year and the mentor.

use crate::docs::TableDoc;
use tutornet_domain::growth::trajectories::{Step, Trajectory, TABLE_COLUMNS};
use tutornet_domain::text::format_date_ru;

fn mark(s: &Step) -> String {
    match (&s.done_on, &s.evidence) {
        (Some(d), Some(e)) => format!("Выполнено {}: {}", format_date_ru(*d), e.label),
        (Some(d), None) => format!("Выполнено {}", format_date_ru(*d)),
        (None, _) if s.overdue => "Не выполнено, срок прошёл".into(),
        (None, _) => "—".into(),
    }
}

fn step_cells(s: &Step) -> [String; 4] {
    [
        format!("{}: {}", s.kind.label_ru(), s.title),
        format!("до {}", format_date_ru(s.deadline)),
        s.expected_product.clone(),
        mark(s),
    ]
}

/// The table, a row per step under its deficit (a deficit without steps keeps a row).
pub(super) fn table(t: &Trajectory) -> TableDoc {
    let mut rows = Vec::new();
    for d in &t.deficits {
        let deficit = match d.score_before {
            Some(b) => format!("{} ({} %)", d.indicator_name, b),
            None => d.indicator_name.clone(),
        };
        let steps: Vec<&Step> = t
            .steps
            .iter()
            .filter(|s| s.indicator_id.as_deref() == Some(d.indicator_id.as_str()))
            .collect();
        if steps.is_empty() {
            rows.push(vec![
                deficit.clone(),
                d.task.clone(),
                "—".into(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for s in steps {
            let [a, b, c, e] = step_cells(s);
            rows.push(vec![deficit.clone(), d.task.clone(), a, b, c, e]);
        }
    }
    let general: Vec<&Step> = t
        .steps
        .iter()
        .filter(|s| {
            s.indicator_id
                .as_ref()
                .is_none_or(|i| !t.deficits.iter().any(|d| &d.indicator_id == i))
        })
        .collect();
    if !general.is_empty() {
        rows.push(vec!["Общие мероприятия маршрута".into()]);
        for s in general {
            let [a, b, c, e] = step_cells(s);
            rows.push(vec!["—".into(), "—".into(), a, b, c, e]);
        }
    }
    let who = [
        Some(t.full_name.clone()),
        t.position.clone(),
        t.school_name.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    TableDoc {
        sheet: "ИОМ".into(),
        heading: vec![
            "Индивидуальный образовательный маршрут".into(),
            t.title.clone(),
            who,
            format!(
                "{} учебный год · наставник (тьютор): {}",
                t.academic_year_name, t.mentor_name
            ),
            format!(
                "Статус: {} · выполнено мероприятий: {} из {} ({} %)",
                t.status.label_ru(),
                t.progress.done,
                t.progress.total,
                t.progress.percent
            ),
        ],
        bold_heading_lines: 1,
        columns: TABLE_COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows,
        numbered: false,
        xlsx_widths: vec![30.0, 30.0, 36.0, 14.0, 30.0, 30.0],
        docx_grid: vec![1800, 1800, 2000, 1100, 1700, 1800],
    }
}
