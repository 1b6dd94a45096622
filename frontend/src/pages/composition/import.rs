//! `/composition/import`: loads the composition table (pasted from Word/Excel, CSV or an
//! XLSX file), previews what it would create, then confirms.

use leptos::prelude::*;
use tutornet_domain::composition::{
    DuplicateAction, ImportFormat, ImportPreview, ImportRequest, ImportResult, ImportRowChoice,
    TutorLevel,
};
use tutornet_domain::permissions::Resource;
use tutornet_domain::{FieldError, Problem};
use wasm_bindgen::JsCast;

use super::import_preview::PreviewView;
use crate::api;
use crate::api::validation_problem;
use crate::auth::Auth;
use crate::pages::composition::CompositionTabs;
use crate::routes::Route;
use crate::ui::fields::field_error;
use crate::ui::form::send;
use crate::ui::{ErrorBanner, SelectField};
use crate::util::read_file_base64;
use crate::util::{plural, set_title};

#[component]
pub fn CompositionImportPage() -> impl IntoView {
    set_title("Импорт состава");
    let auth = Auth::get();
    let municipality_id = RwSignal::new(String::new());
    let format = RwSignal::new(ImportFormat::Text.as_str().to_string());
    let content = RwSignal::new(String::new());
    let file_b64 = RwSignal::new(None::<String>);
    let file_name = RwSignal::new(String::new());
    let create_schools = RwSignal::new(true);
    let level = RwSignal::new(TutorLevel::Municipal.as_str().to_string());
    let duplicates = RwSignal::new(DuplicateAction::Skip.as_str().to_string());
    // The coordinator's choices for single rows (level; skip or update a repeat).
    let choices = RwSignal::new(Vec::<ImportRowChoice>::new());
    let preview = RwSignal::new(None::<ImportPreview>);
    let result = RwSignal::new(None::<ImportResult>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);

    Effect::new(move |_| {
        if !municipality_id.get_untracked().is_empty() {
            return;
        }
        let own = auth.own_municipality();
        let choices = auth.municipality_choices(Resource::Composition);
        if let Some(m) = own.or_else(|| choices.first().map(|m| m.id.clone())) {
            municipality_id.set(m);
        }
    });
    // Anything changed: the preview no longer matches.
    Effect::new(move |_| {
        format.track();
        content.track();
        file_b64.track();
        municipality_id.track();
        preview.set(None);
        choices.set(Vec::new());
    });

    let request = move || -> Result<ImportRequest, Problem> {
        let fmt = ImportFormat::parse(&format.get_untracked()).unwrap_or(ImportFormat::Text);
        let body = if fmt == ImportFormat::Xlsx {
            file_b64.get_untracked().unwrap_or_default()
        } else {
            content.get_untracked()
        };
        let mut errs = Vec::new();
        if municipality_id.get_untracked().is_empty() {
            errs.push(FieldError::new(
                "municipality_id",
                "required",
                "Выберите муниципалитет",
            ));
        }
        if body.trim().is_empty() {
            errs.push(FieldError::new(
                "content",
                "required",
                if fmt == ImportFormat::Xlsx {
                    "Выберите файл XLSX"
                } else {
                    "Вставьте таблицу"
                },
            ));
        }
        if !errs.is_empty() {
            return Err(validation_problem(errs));
        }
        Ok(ImportRequest {
            municipality_id: municipality_id.get_untracked(),
            academic_year_id: None,
            format: fmt,
            content: body,
            create_schools: create_schools.get_untracked(),
            level: TutorLevel::parse(&level.get_untracked()),
            duplicates: DuplicateAction::parse(&duplicates.get_untracked()),
            rows: choices.get_untracked(),
        })
    };

    // Only the answer to the latest check is shown (choices may change quickly).
    let seq = StoredValue::new(0u32);
    let run_preview = move |req: ImportRequest| {
        let my = seq.get_value().wrapping_add(1);
        seq.set_value(my);
        send(
            busy,
            problem,
            async move { api::composition::import_preview(&req).await },
            move |p| {
                if seq.try_get_value() == Some(my) {
                    preview.try_set(Some(p));
                }
            },
        );
    };

    // The request the form describes, or its problem shown.
    let checked_request = move || request().map_err(|p| problem.set(Some(p))).ok();
    let check = move |_| {
        let Some(req) = checked_request() else {
            return;
        };
        result.set(None);
        run_preview(req);
    };

    // A changed level or repeat choice (of the batch or a row) is checked again, so that the
    // table says what confirm will do.
    Effect::new(move |prev: Option<()>| {
        level.track();
        duplicates.track();
        choices.track();
        if prev.is_none() || preview.with_untracked(Option::is_none) {
            return;
        }
        if let Ok(req) = request() {
            run_preview(req);
        }
    });

    let confirm = move |_: ()| {
        let Some(req) = checked_request() else {
            return;
        };
        send(
            busy,
            problem,
            async move { api::composition::import_confirm(&req).await },
            move |r| {
                result.try_set(Some(r));
                preview.try_set(None);
                content.try_set(String::new());
                choices.try_set(Vec::new());
            },
        );
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            file_b64.set(None);
            return;
        };
        file_name.set(file.name());
        read_file_base64(file, move |res| match res {
            Ok(b) => {
                file_b64.try_set(Some(b));
            }
            Err(m) => {
                problem.try_set(Some(validation_problem(vec![FieldError::new(
                    "content",
                    "unreadable",
                    m,
                )])));
            }
        });
    };

    view! {
        <section class="page" data-testid="import-page">
            <div class="page-head">
                <h1>"Импорт состава сообщества"</h1>
            </div>
            <CompositionTabs />
            <p class="lead muted">
                "Таблица как в приложении к приказу: № п/п · Предмет · ФИО (полностью) · Должность, место работы. "
                "Загруженные участники получают статус «Выдвинут»; утверждает их приказ."
            </p>
            <ErrorBanner problem />
            {move || result.get().map(|r| view! {
                <div class="banner banner-ok" role="status" data-testid="import-result">
                    {format!("Загружено: {} {}", r.created, plural(r.created as i64, "участник", "участника", "участников"))}
                    {format!("; обновлено: {}; пропущено повторов: {}", r.updated, r.skipped)}
                    {(!r.created_schools.is_empty()).then(|| format!("; создано школ: {}", r.created_schools.len()))}
                    ". "
                    <a href=Route::Composition.path()>"Открыть состав"</a>
                </div>
            })}
            <div class="card form">
                <div class="grid-2">
                    <SelectField
                        label="Муниципалитет"
                        name="municipality_id"
                        value=municipality_id
                        options=Signal::derive(move || auth.municipality_choices(Resource::Composition).into_iter().map(|m| (m.id, m.name)).collect::<Vec<_>>())
                        problem
                        placeholder="— выберите —"
                        required=true
                        disabled=Signal::derive(move || !auth.many_municipalities(Resource::Composition))
                    />
                    <SelectField
                        label="Формат"
                        name="format"
                        value=format
                        options=Signal::derive(|| vec![
                            (ImportFormat::Text.as_str().to_string(), "Вставить текст (из Word или Excel)".to_string()),
                            (ImportFormat::Csv.as_str().to_string(), "CSV".to_string()),
                            (ImportFormat::Xlsx.as_str().to_string(), "Файл XLSX".to_string()),
                        ])
                        problem
                    />
                </div>
                <div class="grid-2">
                    <SelectField
                        label="Уровень тьюторов"
                        name="level"
                        value=level
                        options=Signal::derive(|| TutorLevel::ALL.iter().map(|l| (l.as_str().to_string(), l.label_ru().to_string())).collect::<Vec<_>>())
                        problem
                        hint="Для строк без столбца «Уровень»; строке можно выбрать свой в проверке."
                    />
                    <SelectField
                        label="Уже есть в составе"
                        name="duplicates"
                        value=duplicates
                        options=Signal::derive(|| vec![
                            (DuplicateAction::Skip.as_str().to_string(), "Пропускать совпадающие строки".to_string()),
                            (DuplicateAction::Update.as_str().to_string(), "Обновлять выдвинутых участников".to_string()),
                        ])
                        problem
                        hint="Совпадение: те же ФИО и предметы (и школа, e-mail, если указаны); строке можно выбрать своё в проверке."
                    />
                </div>
                <Show
                    when=move || format.get() == ImportFormat::Xlsx.as_str()
                    fallback=move || view! {
                        <div class="field" class:has-error=move || field_error(problem, "content").is_some()>
                            <label for="f-content">"Таблица" <span class="req">" *"</span></label>
                            <textarea
                                id="f-content"
                                name="content"
                                rows="10"
                                class="mono-area"
                                placeholder="1	Математика	Иванова Мария Петровна	учитель математики МОБУ СОШ № 1"
                                prop:value=move || content.get()
                                on:input:target=move |ev| content.set(ev.target().value())
                            ></textarea>
                            <p class="hint">"Скопируйте строки таблицы из Word или Excel и вставьте сюда. Строку заголовка можно оставить."</p>
                            {move || field_error(problem, "content").map(|m| view! { <p class="field-error" data-testid="error-content">{m}</p> })}
                        </div>
                    }
                >
                    <div class="field" class:has-error=move || field_error(problem, "content").is_some()>
                        <label for="f-file">"Файл XLSX" <span class="req">" *"</span></label>
                        <input id="f-file" type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=on_file />
                        {move || (!file_name.get().is_empty()).then(|| view! { <p class="hint">{format!("Выбран: {}", file_name.get())}</p> })}
                        {move || field_error(problem, "content").map(|m| view! { <p class="field-error" data-testid="error-content">{m}</p> })}
                    </div>
                </Show>
                <div class="form-actions">
                    <button type="button" class="btn btn-primary" data-testid="import-check" disabled=move || busy.get() on:click=check>
                        {move || if busy.get() { "Проверка…" } else { "Проверить" }}
                    </button>
                </div>
            </div>
            <PreviewView preview create_schools busy choices duplicates on_confirm=Callback::new(move |_| confirm(())) />
        </section>
    }
}
