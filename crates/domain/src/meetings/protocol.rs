//! The protocol's paragraphs in seed 002's sequence (SEED-GAPS 4.4), the one source for
//! the DOCX (API) and the printable page (SPA): the centred header with the topic in
//! guillemets, the label–value lines («Дата проведения: 18 февраля 2021 года»,
//! «Время проведения: 13.00», counts in the right plural), the absent list grouped by
//! category («- учителя-тьюторы по ВПР: Фамилия И.О., должность школа, …;»),
//! «Программа» with speakers, the proceedings «По первому вопросу …» with the
//! decisions of each item, «В разном …» and the signatures.

use super::{Invitee, Meeting};
use crate::text::{format_date_long_ru, format_date_ru, plural, surname_initials};

/// A run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Span {
    pub fn plain(t: impl Into<String>) -> Span {
        Span {
            text: t.into(),
            bold: false,
            italic: false,
        }
    }

    fn bold(t: impl Into<String>) -> Span {
        Span {
            bold: true,
            ..Span::plain(t)
        }
    }

    fn italic(t: impl Into<String>) -> Span {
        Span {
            italic: true,
            ..Span::plain(t)
        }
    }
}

/// Where a paragraph sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Centre,
    Left,
    Justify,
}

/// One paragraph of the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Para {
    Text(Align, Vec<Span>),
    Blank,
    /// Position on the left, name on the right.
    Signature(String, String),
}

impl Para {
    fn line(align: Align, t: impl Into<String>) -> Para {
        Para::Text(align, vec![Span::plain(t)])
    }

    /// The paragraph's text (the signature's two parts joined by a tab).
    pub fn text(&self) -> String {
        match self {
            Para::Text(_, spans) => spans.iter().map(|s| s.text.as_str()).collect(),
            Para::Blank => String::new(),
            Para::Signature(l, r) => format!("{l}\t{r}"),
        }
    }
}

/// «первому», «второму», … — «По {ordinal} вопросу».
pub fn ordinal_dative(n: usize) -> String {
    const UNITS: [&str; 20] = [
        "",
        "первому",
        "второму",
        "третьему",
        "четвертому",
        "пятому",
        "шестому",
        "седьмому",
        "восьмому",
        "девятому",
        "десятому",
        "одиннадцатому",
        "двенадцатому",
        "тринадцатому",
        "четырнадцатому",
        "пятнадцатому",
        "шестнадцатому",
        "семнадцатому",
        "восемнадцатому",
        "девятнадцатому",
    ];
    match n {
        1..=19 => UNITS[n].to_string(),
        20 => "двадцатому".into(),
        _ => format!("{n}-му"),
    }
}

/// The text with a closing full stop unless it ends in punctuation already.
fn with_stop(t: &str) -> String {
    let t = t.trim();
    if t.ends_with(['.', '!', '?', '…']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// One absent person as the list prints them: «Фамилия И.О., должность школа (причина)».
fn absent_entry(i: &Invitee) -> String {
    let mut s = surname_initials(&i.full_name);
    let work: Vec<&str> = [i.position.as_deref(), i.school.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if !work.is_empty() {
        s.push_str(", ");
        s.push_str(&work.join(" "));
    }
    if let Some(r) = i
        .absence_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        s.push_str(&format!(" ({r})"));
    }
    s
}

/// The absent grouped by category, in the order the categories first occur.
pub fn absent_groups(invitees: &[Invitee]) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for i in invitees.iter().filter(|i| i.present == Some(false)) {
        let cat = i.category.trim().to_string();
        match groups.iter_mut().find(|g| g.0 == cat) {
            Some(g) => g.1.push(absent_entry(i)),
            None => groups.push((cat, vec![absent_entry(i)])),
        }
    }
    groups
}

fn people(n: i32) -> String {
    format!("{n} {}", plural(n as i64, "человек", "человека", "человек"))
}

/// The protocol, paragraph by paragraph.
pub fn paragraphs(m: &Meeting) -> Vec<Para> {
    let mut p = Vec::new();
    let title = match m.number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) if n.starts_with('№') => format!("Протокол {n}"),
        Some(n) => format!("Протокол № {n}"),
        None => "Протокол".to_string(),
    };
    p.push(Para::line(Align::Centre, title));
    p.push(Para::line(
        Align::Centre,
        m.kind.protocol_line(m.kind_text.as_deref()),
    ));
    p.push(Para::Text(
        Align::Centre,
        vec![Span::bold(format!("«{}»", m.topic.trim()))],
    ));
    p.push(Para::Blank);
    let label = |k: &str, v: String| Para::line(Align::Left, format!("{k}: {v}"));
    p.push(label("Дата проведения", format_date_long_ru(m.held_on)));
    p.push(label("Место проведения", m.place.trim().to_string()));
    p.push(label(
        "Время проведения",
        m.starts_at.trim().replace(':', "."),
    ));
    let present = Meeting::present(&m.invitees, m.extra_present);
    let absent = Meeting::absent(&m.invitees);
    p.push(label("Присутствовали", people(present)));
    if absent == 0 {
        p.push(label("Отсутствовали", "нет".into()));
    } else {
        p.push(label("Отсутствовали", format!("{}:", people(absent))));
        let groups = absent_groups(&m.invitees);
        let last = groups.len() - 1;
        for (k, (cat, entries)) in groups.iter().enumerate() {
            let end = if k == last { "." } else { ";" };
            let head = if cat.is_empty() {
                String::new()
            } else {
                format!("{cat}: ")
            };
            p.push(Para::line(
                Align::Justify,
                format!("- {head}{}{end}", entries.join(", ")),
            ));
        }
    }
    p.push(Para::Blank);
    p.push(Para::line(Align::Centre, "Программа"));
    for a in &m.agenda {
        p.push(Para::line(
            Align::Justify,
            format!("{}. {}", a.position, with_stop(&a.title)),
        ));
        let name = a
            .speaker_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let pos = a
            .speaker_position
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let collective = a
            .speaker_collective
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        match (name, pos, collective) {
            (Some(n), Some(pos), _) => {
                p.push(Para::line(Align::Left, format!("{n},")));
                p.push(Para::line(Align::Left, pos));
            }
            (Some(n), None, _) => p.push(Para::line(Align::Left, n)),
            (None, _, Some(c)) => p.push(Para::line(Align::Left, c)),
            _ => {}
        }
    }
    if m.include_misc {
        p.push(Para::line(
            Align::Justify,
            format!("{}. Разное.", m.agenda.len() + 1),
        ));
    }
    p.push(Para::Blank);
    for (k, a) in m.agenda.iter().enumerate() {
        let mut lines = a
            .proceedings
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let lead = format!("По {} вопросу", ordinal_dative(k + 1));
        match lines.next() {
            Some(first) => p.push(Para::Text(
                Align::Justify,
                vec![Span::italic(lead), Span::plain(format!(" {first}"))],
            )),
            None if !a.decisions.is_empty() => {
                p.push(Para::Text(Align::Justify, vec![Span::italic(lead)]))
            }
            None => continue,
        }
        for l in lines {
            p.push(Para::line(Align::Justify, l));
        }
        if !a.decisions.is_empty() {
            p.push(Para::Text(Align::Justify, vec![Span::bold("Решили:")]));
            for (j, d) in a.decisions.iter().enumerate() {
                let text = d.text.trim().trim_end_matches('.');
                let due = d
                    .deadline
                    .map(|x| format!(", срок: до {}", format_date_ru(x)))
                    .unwrap_or_default();
                p.push(Para::line(
                    Align::Justify,
                    format!(
                        "{}. {text} — ответственный: {}{due}.",
                        j + 1,
                        d.owner_name.trim()
                    ),
                ));
            }
        }
    }
    let misc = m.misc_text.trim();
    if m.include_misc && !misc.is_empty() {
        p.push(Para::Text(
            Align::Justify,
            vec![Span::bold("В разном"), Span::plain(format!(" {misc}"))],
        ));
    }
    for s in &m.signatories {
        p.push(Para::Blank);
        p.push(Para::Signature(
            s.position.trim().to_string(),
            s.name.trim().to_string(),
        ));
    }
    p
}
