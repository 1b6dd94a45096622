//! `/reviews/new`: a teacher (or the school's administration) submits a document for an
//! expert review; the file is attached on the card that opens next.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use tutornet_domain::reviews::{DocumentType, ReviewInput};
use tutornet_domain::{Problem, Role};

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::choices::{EnumField, SubjectField};
use crate::ui::form::{send, valid, SaveBar};
use crate::ui::{CheckboxField, ErrorBanner, TextField};
use crate::util::{non_empty, set_title};

#[component]
pub fn ReviewFormPage() -> impl IntoView {
    set_title("Документ на экспертизу");
    let auth = Auth::get();
    let navigate = use_navigate();
    // `?request_id=`: the request «экспертиза» this review answers.
    let request_id = use_query_map()
        .with_untracked(|q| q.get("request_id"))
        .filter(|s| !s.is_empty());
    let doc_type = RwSignal::new(DocumentType::Ktp.as_str().to_string());
    let title = RwSignal::new(String::new());
    let subject_id = RwSignal::new(String::new());
    let grades = RwSignal::new(String::new());
    let for_school = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    spawn_local(async move {
        subject_options.try_set(api::reference::subjects().await);
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let input = ReviewInput {
            document_type: DocumentType::parse(&doc_type.get_untracked()),
            title: title.get_untracked().trim().to_string(),
            subject_id: non_empty(subject_id.get_untracked()),
            grades: non_empty(grades.get_untracked()),
            for_school: for_school.get_untracked(),
            request_id: request_id.clone(),
            ..Default::default()
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        let navigate = navigate.clone();
        send(
            saving,
            problem,
            async move { api::reviews::create(&input).await },
            move |r| navigate(&Route::Review(r.id.to_string()).path(), Default::default()),
        );
    };
    view! {
        <section class="page narrow" data-testid="review-form-page">
            <Crumbs parent=Route::Reviews parent_label="Экспертиза" here="Новый документ" />
            <h1>"Документ на экспертизу"</h1>
            <p class="lead muted">
                "Координатор назначит эксперта из другой школы. Эксперт проверит документ по чек-листу требований ФГОС и ФОП и напишет мотивированное заключение. Файл (PDF, DOCX, XLSX, ODT, до 20 МБ) прикрепляется на следующей странице."
            </p>
            <ErrorBanner problem />
            <form class="card form" on:submit=submit data-testid="review-form" novalidate=true>
                <EnumField label="Вид документа" name="document_type" value=doc_type problem all=DocumentType::ALL key=DocumentType::as_str text=DocumentType::label_ru required=true />
                <TextField label="Название" name="title" value=title problem required=true hint="Например: КТП по алгебре, 7 «Б» класс, 2026/2027 учебный год" />
                <SubjectField value=subject_id options=subject_options problem placeholder="— не относится к предмету —" />
                <TextField label="Классы" name="grades" value=grades problem hint="Например: 7 или 5–9" />
                <Show when=move || auth.role() == Role::SchoolAdmin>
                    <CheckboxField label="Документ школы в целом (план, программа)" name="for_school" checked=for_school />
                </Show>
                <SaveBar busy=saving label="Подать на экспертизу" busy_label="Отправка…" back=Route::Reviews.path() />
            </form>
        </section>
    }
}
