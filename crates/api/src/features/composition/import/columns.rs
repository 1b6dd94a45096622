//! The columns of an appendix table: the four of 000 Прил. 1 by position, or — when the
//! table has a header row — any of them and the optional «Уровень», «Специализация»,
//! «Категория», «E-mail» by their headers; and the texts of those optional cells.

use crate::docs::RawRow;
use tutornet_domain::composition::{TutorCategory, TutorLevel, TutorSpecialisation};
use tutornet_domain::text::search_key;

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Number,
    Subject,
    Name,
    Place,
    Level,
    Specialisation,
    Category,
    Email,
}

fn col_of(header: &str) -> Option<Col> {
    let h = search_key(header);
    let has = |p: &str| h.contains(p);
    Some(if h.starts_with('№') || has("п/п") {
        Col::Number
    } else if has("предмет") {
        Col::Subject
    } else if has("фио") || has("ф.и.о") {
        Col::Name
    } else if has("должност") || has("место работы") {
        Col::Place
    } else if has("уровень") {
        Col::Level
    } else if has("специализац") {
        Col::Specialisation
    } else if has("категор") {
        Col::Category
    } else if has("mail") || has("почта") {
        Col::Email
    } else {
        return None;
    })
}

/// The column of each header cell, from the header row of the table (the first row
/// naming «ФИО»), if it has one.
pub(super) fn header_map(rows: &[RawRow]) -> Option<Vec<Option<Col>>> {
    rows.iter()
        .map(|r| r.cells.iter().map(|c| col_of(c)).collect::<Vec<_>>())
        .find(|cols| cols.contains(&Some(Col::Name)) && cols.contains(&Some(Col::Subject)))
}

/// The cells of one data row.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Cells {
    pub number: Option<String>,
    pub subject: String,
    pub name: String,
    /// Position and place of work, one text.
    pub place: String,
    pub level: Option<String>,
    pub specialisation: Option<String>,
    pub category: Option<String>,
    pub email: Option<String>,
}

fn numeric(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// The cells of a data row by the header's columns, or by position (four columns, or
/// three without the number); `None` when the row is not a row of the table.
pub(super) fn cells(header: Option<&[Option<Col>]>, cells: &[String]) -> Option<Cells> {
    let Some(h) = header else {
        return by_position(cells);
    };
    let mut out = Cells::default();
    let mut place = Vec::new();
    for (i, v) in cells.iter().enumerate() {
        let v = v.trim();
        let some = || Some(v.to_string()).filter(|s| !s.is_empty());
        match h.get(i).copied().flatten() {
            Some(Col::Number) => out.number = some().map(|s| s.trim_end_matches('.').to_string()),
            Some(Col::Subject) => out.subject = v.to_string(),
            Some(Col::Name) => out.name = v.to_string(),
            Some(Col::Place) => place.push(v.to_string()),
            Some(Col::Level) => out.level = some(),
            Some(Col::Specialisation) => out.specialisation = some(),
            Some(Col::Category) => out.category = some(),
            Some(Col::Email) => out.email = some(),
            None => {}
        }
    }
    out.place = place.join(" ").trim().to_string();
    if out.number.as_deref().is_some_and(|n| !numeric(n)) {
        return None;
    }
    Some(out)
}

fn by_position(cells: &[String]) -> Option<Cells> {
    // Trailing empty cells (Excel) do not count.
    let mut c: Vec<String> = cells.to_vec();
    while c.len() > 4 && c.last().is_some_and(|s| s.trim().is_empty()) {
        c.pop();
    }
    match c.len() {
        n if n >= 4 && (numeric(&c[0]) || c[0].trim().is_empty()) => Some(Cells {
            number: Some(c[0].trim().trim_end_matches('.').to_string()).filter(|s| !s.is_empty()),
            subject: c[1].clone(),
            name: c[2].clone(),
            place: c[3..].join(" ").trim().to_string(),
            ..Default::default()
        }),
        3 if !numeric(&c[0]) => Some(Cells {
            subject: c[0].clone(),
            name: c[1].clone(),
            place: c[2].clone(),
            ..Default::default()
        }),
        _ => None,
    }
}

/// «по ВПР», «тьютор по ЕГЭ», «ОГЭ», «предметный».
pub(super) fn specialisation(text: &str) -> Option<TutorSpecialisation> {
    let t = search_key(text);
    [
        ("впр", TutorSpecialisation::Vpr),
        ("огэ", TutorSpecialisation::Oge),
        ("егэ", TutorSpecialisation::Ege),
        ("предмет", TutorSpecialisation::Subject),
    ]
    .into_iter()
    .find(|(k, _)| t.contains(k))
    .map(|(_, v)| v)
}

/// «методист ТМС», «зам. директора», «руководитель РМО», «эксперт ЕГЭ», «учитель».
pub(super) fn category(text: &str) -> Option<TutorCategory> {
    let t = search_key(text);
    [
        ("методист", TutorCategory::Methodologist),
        ("зам", TutorCategory::DeputyHead),
        ("рмо", TutorCategory::AssociationHead),
        ("гмо", TutorCategory::AssociationHead),
        ("руководит", TutorCategory::AssociationHead),
        ("эксперт", TutorCategory::ExamExpert),
        ("учител", TutorCategory::Teacher),
        ("друг", TutorCategory::Other),
    ]
    .into_iter()
    .find(|(k, _)| t.contains(k))
    .map(|(_, v)| v)
}

/// The level of a «Уровень» cell.
pub(super) fn level(text: &str) -> Option<TutorLevel> {
    TutorLevel::from_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn four_or_three_columns_by_position() {
        let c = cells(
            None,
            &v(&["1.", "Математика", "Иванова", "учитель", "", ""]),
        )
        .unwrap();
        assert_eq!(
            (
                c.number.as_deref(),
                c.subject.as_str(),
                c.name.as_str(),
                c.place.as_str()
            ),
            (Some("1"), "Математика", "Иванова", "учитель")
        );
        let c = cells(None, &v(&["Физика", "Петров", "учитель"])).unwrap();
        assert_eq!((c.number, c.subject.as_str()), (None, "Физика"));
        assert!(cells(None, &v(&["1", "Физика", "Петров"])).is_none());
    }

    #[test]
    fn optional_columns_by_header() {
        let rows = vec![RawRow {
            line: 1,
            cells: v(&[
                "№ п/п",
                "ФИО (полностью)",
                "Предмет",
                "Должность, место работы",
                "Уровень",
                "Специализация",
                "E-mail",
            ]),
        }];
        let h = header_map(&rows).unwrap();
        let c = cells(
            Some(&h),
            &v(&[
                "2",
                "Иванова Анна",
                "Физика",
                "учитель физики СОШ № 1",
                "региональный",
                "по ЕГЭ",
                "a@b.ru",
            ]),
        )
        .unwrap();
        assert_eq!(c.name, "Иванова Анна");
        assert_eq!(c.subject, "Физика");
        assert_eq!(
            level(c.level.as_deref().unwrap()),
            Some(TutorLevel::Regional)
        );
        assert_eq!(
            specialisation(c.specialisation.as_deref().unwrap()),
            Some(TutorSpecialisation::Ege)
        );
        assert_eq!(c.email.as_deref(), Some("a@b.ru"));
        assert_eq!(
            category("Руководитель РМО"),
            Some(TutorCategory::AssociationHead)
        );
        assert_eq!(level("Школьный тьютор"), Some(TutorLevel::School));
        assert_eq!(level("никакой"), None);
    }
}
