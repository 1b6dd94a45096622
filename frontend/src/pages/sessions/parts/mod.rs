//! The pieces of the session card, each a component over the shared [`CardState`], and
//! the conflict lookup of the form.

pub mod amendments;
pub mod calendar;
pub mod cancel;
pub mod conflict;
pub mod details;
pub mod export;
pub mod fields;
pub mod filter;
pub mod form_fields;
pub mod log;
pub mod log_view;
pub mod materials;
pub mod plan;
pub mod ratings;
pub mod registration;
pub mod walk_ins;
pub mod week;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::community::SessionDetail;
use tutornet_domain::files::StoredFile;

use crate::api;
use crate::util::set_title;

/// What every part of the card shares: the loaded session, its material files (kept
/// apart so that an upload does not redraw the forms), the success message and the
/// «a request is in flight» flag.
#[derive(Clone, Copy)]
pub struct CardState {
    pub detail: RwSignal<Option<SessionDetail>>,
    pub files: RwSignal<Vec<StoredFile>>,
    pub message: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
    pub id: StoredValue<String>,
}

impl CardState {
    pub fn new(id: String) -> Self {
        Self {
            detail: RwSignal::new(None),
            files: RwSignal::new(Vec::new()),
            message: RwSignal::new(None),
            busy: RwSignal::new(false),
            id: StoredValue::new(id),
        }
    }

    /// Shows a fresh answer of the API.
    pub fn apply(&self, d: SessionDetail) {
        set_title(&d.session.title);
        self.files.try_set(d.files.clone());
        self.detail.try_set(Some(d));
    }

    /// Reads the session again (after a change that answers with less than the detail).
    pub fn reload(&self) {
        let this = *self;
        spawn_local(async move {
            if let Ok(d) = api::sessions::get(&this.id.get_value()).await {
                this.apply(d);
            }
        });
    }
}

/// A read-only paragraph with line breaks kept, or nothing.
pub fn para(label: &'static str, v: Option<String>) -> impl IntoView {
    v.filter(|s| !s.trim().is_empty()).map(|v| {
        view! {
            <dt>{label}</dt>
            <dd class="pre">{v}</dd>
        }
    })
}

/// The Russian name of an amendable field of the log.
pub fn field_label(f: &str) -> &'static str {
    match f {
        "outcome" => "Результат",
        "summary" => "Краткое содержание",
        "private_notes" => "Служебные заметки",
        "materials" => "Материалы",
        "students_class" => "Класс обучающихся",
        "students_count" => "Число обучающихся",
        "academic_hours" => "Академических часов",
        "difficulties" => "Трудности во взаимодействии с педагогами",
        _ => "Поле",
    }
}
