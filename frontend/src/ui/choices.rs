//! The select fields of the community's own lists, the same on every form that asks for
//! them: the form of work, the format, the audience.

use leptos::prelude::*;
use tutornet_domain::community::{Audience, FormOfWork, WorkFormat};
use tutornet_domain::Problem;

use crate::ui::fields::enum_options;
use crate::ui::SelectField;

/// «Форма работы» (required).
#[component]
pub fn FormOfWorkField(
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    view! {
        <SelectField
            label="Форма работы"
            name="form"
            value
            options=Signal::derive(|| enum_options(FormOfWork::ALL, FormOfWork::as_str, FormOfWork::label_ru))
            problem
            placeholder="— выберите форму работы —"
            required=true
        />
    }
}

/// «Формат»: in person or remote (required).
#[component]
pub fn WorkFormatField(
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    view! {
        <SelectField
            label="Формат"
            name="format"
            value
            options=Signal::derive(|| enum_options(WorkFormat::ALL, WorkFormat::as_str, WorkFormat::label_ru))
            problem
            required=true
        />
    }
}

/// «Аудитория» (required).
#[component]
pub fn AudienceField(value: RwSignal<String>, problem: RwSignal<Option<Problem>>) -> impl IntoView {
    view! {
        <SelectField
            label="Аудитория"
            name="audience"
            value
            options=Signal::derive(|| enum_options(Audience::ALL, Audience::as_str, Audience::label_ru))
            problem
            required=true
        />
    }
}
