//! The select fields of the community's own lists, the same on every form that asks for
//! them: the form of work, the format, the audience.

use leptos::prelude::*;
use tutornet_domain::community::{Audience, FormOfWork, WorkFormat};
use tutornet_domain::Problem;

use crate::ui::fields::{enum_options, SelectField, SelectFieldProps};

/// A required select over the (value, label) pairs `options` gives; with a
/// `placeholder`, an empty first option carries it.
fn required_select(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
    options: fn() -> Vec<(String, String)>,
    placeholder: Option<&'static str>,
) -> AnyView {
    let props = SelectFieldProps::builder()
        .label(label)
        .name(name)
        .value(value)
        .options(Signal::derive(options))
        .problem(problem)
        .required(true);
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
    let options = || enum_options(FormOfWork::ALL, FormOfWork::as_str, FormOfWork::label_ru);
    let placeholder = Some("— выберите форму работы —");
    required_select("Форма работы", "form", value, problem, options, placeholder)
}

/// «Формат»: in person or remote.
#[component]
pub fn WorkFormatField(
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let options = || enum_options(WorkFormat::ALL, WorkFormat::as_str, WorkFormat::label_ru);
    required_select("Формат", "format", value, problem, options, None)
}

/// «Аудитория».
#[component]
pub fn AudienceField(value: RwSignal<String>, problem: RwSignal<Option<Problem>>) -> impl IntoView {
    let options = || enum_options(Audience::ALL, Audience::as_str, Audience::label_ru);
    required_select("Аудитория", "audience", value, problem, options, None)
}
