//! Select fields over the domain's labelled lists, and the ones every form that asks for
//! them shows alike: the form of work, the format, the audience, the subject, the
//! municipality.

use leptos::prelude::*;
use tutornet_domain::community::{Audience, FormOfWork, WorkFormat};
use tutornet_domain::Problem;

use crate::ui::fields::{enum_options, SelectField, SelectFieldProps};

/// A select over a labelled enum (`all` of it, `key` its value, `text` its label); with
/// a `placeholder`, an empty first option carries it.
#[component]
pub fn EnumField<T: Copy + Send + Sync + 'static>(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
    all: &'static [T],
    key: fn(T) -> &'static str,
    text: fn(T) -> &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let props = SelectFieldProps::builder()
        .label(label)
        .name(name)
        .value(value)
        .options(Signal::derive(move || enum_options(all, key, text)))
        .problem(problem)
        .required(required);
    match placeholder {
        Some(p) => SelectField(props.placeholder(p).build()).into_any(),
        None => SelectField(props.build()).into_any(),
    }
}

/// «Форма работы».
#[component]
pub fn FormOfWorkField(
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    view! {
        <EnumField label="Форма работы" name="form" value problem all=FormOfWork::ALL key=FormOfWork::as_str text=FormOfWork::label_ru placeholder="— выберите форму работы —" required=true />
    }
}

/// «Формат»: in person or remote.
#[component]
pub fn WorkFormatField(
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    view! {
        <EnumField label="Формат" name="format" value problem all=WorkFormat::ALL key=WorkFormat::as_str text=WorkFormat::label_ru required=true />
    }
}

/// «Аудитория».
#[component]
pub fn AudienceField(value: RwSignal<String>, problem: RwSignal<Option<Problem>>) -> impl IntoView {
    view! {
        <EnumField label="Аудитория" name="audience" value problem all=Audience::ALL key=Audience::as_str text=Audience::label_ru required=true />
    }
}

/// «Предмет», optional; `placeholder` names the empty choice.
#[component]
pub fn SubjectField(
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    problem: RwSignal<Option<Problem>>,
    placeholder: &'static str,
) -> impl IntoView {
    view! { <SelectField label="Предмет" name="subject_id" value options problem placeholder /> }
}

/// «Муниципалитет», required.
#[component]
pub fn MunicipalityField(
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    problem: RwSignal<Option<Problem>>,
    #[prop(into)] disabled: Signal<bool>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let props = SelectFieldProps::builder()
        .label("Муниципалитет")
        .name("municipality_id")
        .value(value)
        .options(options)
        .problem(problem)
        .placeholder("— выберите муниципалитет —")
        .required(true)
        .disabled(disabled);
    match hint {
        Some(h) => SelectField(props.hint(h).build()).into_any(),
        None => SelectField(props.build()).into_any(),
    }
}
