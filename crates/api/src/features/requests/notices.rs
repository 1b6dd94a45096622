//! What notifications about a request tell: what (topic, form, subject), who (the school,
//! the requester, the tutor), when (the desired period, or the session's time in the
//! comment) — the link to the request goes with every one.

use tutornet_domain::community::{Request, RequestStatus};
use tutornet_domain::text::period_ru;

/// «Тема» — форма, предмет. От: заявитель, школа. Желаемый срок: ….
pub(super) fn new_request(r: &Request) -> String {
    let mut s = format!("«{}» — {}", r.topic, r.form.label_ru());
    if let Some(subject) = &r.subject_name {
        s.push_str(&format!(", {subject}"));
    }
    s.push_str(&format!(". От: {}, {}", r.requester_name, r.school_name));
    if let Some(p) = period_ru(r.period_from, r.period_to) {
        s.push_str(&format!(". Желаемый срок: {p}"));
    }
    let problem = r.problem.trim();
    if !problem.is_empty() {
        s.push_str(&format!(". Затруднение: {}", shorten(problem, 200)));
    }
    s
}

/// The title of a status change.
pub(super) fn status_title(to: RequestStatus) -> String {
    format!("Заявка: {}", to.label_ru())
}

/// «Тема» (школа, заявитель) — комментарий. Тьютор: …. Желаемый срок: ….
pub(super) fn status_changed(r: &Request, comment: Option<&str>) -> String {
    let mut s = format!("«{}» ({}, {})", r.topic, r.school_name, r.requester_name);
    match comment.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => s.push_str(&format!(" — {c}")),
        None => s.push_str(&format!(" — {}", r.status.label_ru().to_lowercase())),
    }
    if let Some(t) = &r.tutor_name {
        s.push_str(&format!(". Тьютор: {t}"));
    }
    if r.session_id.is_none() {
        if let Some(p) = period_ru(r.period_from, r.period_to) {
            s.push_str(&format!(". Желаемый срок: {p}"));
        }
    }
    s
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn long_problems_are_shortened() {
        assert_eq!(shorten("коротко", 10), "коротко");
        assert_eq!(shorten("очень длинный текст", 5), "очень…");
    }
}
