//! `/users/import`: accounts from an XLSX table of people (ФИО · e-mail · роль ·
//! школа/муниципалитет · должность). Upload → the preview (each row as matched, its
//! errors next to the cell) → confirm with initial passwords or invitations → result.

use leptos::prelude::*;
use tutornet_domain::accounts::{
    AccountsIssued, Delivery, UserImportPreview, UserImportRequest, UserImportRow,
};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::text::numero;
use tutornet_domain::{FieldError, Problem};
use wasm_bindgen::JsCast;

use crate::api;
use crate::api::validation_problem;
use crate::auth::Auth;
use crate::pages::composition::member::account::{invited_until, DeliveryChoice};
use crate::routes::Route;
use crate::ui::card::Crumbs;
use crate::ui::fields::field_error;
use crate::ui::form::send;
use crate::ui::ErrorBanner;
use crate::util::{plural, read_file_base64, set_title};

#[component]
pub fn UsersImportPage() -> impl IntoView {
    set_title("Импорт пользователей");
    let auth = Auth::get();
    let file_b64 = RwSignal::new(None::<String>);
    let file_name = RwSignal::new(String::new());
    let delivery = RwSignal::new(Delivery::Password);
    let preview = RwSignal::new(None::<UserImportPreview>);
    let result = RwSignal::new(None::<AccountsIssued>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);

    let request = move || -> Option<UserImportRequest> {
        match file_b64.get_untracked() {
            Some(content) => Some(UserImportRequest {
                content,
                delivery: Some(delivery.get_untracked()),
            }),
            None => {
                problem.set(Some(validation_problem(vec![FieldError::new(
                    "content",
                    "required",
                    "Выберите файл XLSX",
                )])));
                None
            }
        }
    };
    let check = move |_| {
        let Some(mut req) = request() else {
            return;
        };
        req.delivery = None;
        result.set(None);
        send(
            busy,
            problem,
            async move { api::accounts::import_preview(&req).await },
            move |p| {
                preview.try_set(Some(p));
            },
        );
    };
    let confirm = move |_| {
        let Some(req) = request() else {
            return;
        };
        send(
            busy,
            problem,
            async move { api::accounts::import_confirm(&req).await },
            move |out| {
                api::accounts::save_password_list(&out);
                result.try_set(Some(out));
                preview.try_set(None);
            },
        );
    };
    let on_file = move |ev: leptos::ev::Event| {
        preview.set(None);
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
        problem.set(None);
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
        <section class="page" data-testid="users-import-page">
            <Crumbs parent=Route::Users parent_label="Пользователи" here="Импорт" />
            <div class="page-head">
                <h1>"Импорт пользователей из таблицы"</h1>
            </div>
            <Show when=move || !auth.can(Resource::User, Action::Create)>
                <p class="banner banner-error" data-testid="import-forbidden">"Создавать учётные записи могут координатор и администратор."</p>
            </Show>
            <div class="card" data-testid="import-template">
                <h2>"Как подготовить таблицу"</h2>
                <p>"Файл Excel (XLSX), первый лист. Первая строка — заголовок, дальше по одному человеку в строке, пять столбцов:"</p>
                <div class="table-wrap">
                    <table class="table small">
                        <thead><tr><th>"ФИО"</th><th>"E-mail"</th><th>"Роль"</th><th>"Школа или муниципалитет"</th><th>"Должность"</th></tr></thead>
                        <tbody>
                            <tr><td>"Иванова Мария Петровна"</td><td>"ivanova@school1.ru"</td><td>"Учитель"</td><td>"МБОУ СОШ № 1"</td><td>"учитель математики"</td></tr>
                            <tr><td>"Петров Олег Ильич"</td><td>"petrov@uo.ru"</td><td>"Координатор"</td><td>"Лесогорский район"</td><td>"методист"</td></tr>
                        </tbody>
                    </table>
                </div>
                <p class="hint">"Роль: тьютор, учитель, администрация школы, координатор или наблюдатель. Для учителя и администрации школы укажите школу (краткое или полное название), для остальных — школу или муниципалитет. Адреса, которые уже зарегистрированы, будут пропущены."</p>
            </div>
            <ErrorBanner problem />
            {move || result.get().map(|out| view! { <ImportResult out /> })}
            <div class="card form">
                <div class="field" class:has-error=move || field_error(problem, "content").is_some()>
                    <label for="f-file">"Файл XLSX" <span class="req">" *"</span></label>
                    <input id="f-file" type="file" name="file" data-testid="import-file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=on_file />
                    {move || (!file_name.get().is_empty()).then(|| view! { <p class="hint">{format!("Выбран: {}", file_name.get())}</p> })}
                    {move || field_error(problem, "content").map(|m| view! { <p class="field-error" data-testid="error-content">{m}</p> })}
                </div>
                <div class="form-actions">
                    <button type="button" class="btn btn-primary" data-testid="users-import-check" disabled=move || busy.get() on:click=check>
                        {move || if busy.get() { "Проверка…" } else { "Проверить" }}
                    </button>
                </div>
            </div>
            {move || preview.get().map(|p| {
                let can_create = p.valid > 0;
                view! {
                    <div class="card" data-testid="users-import-preview">
                        <h2>"Проверка таблицы"</h2>
                        <p data-testid="users-import-summary">
                            <span class="text-ok">{format!("Будет создано: {}. ", p.valid)}</span>
                            {(p.duplicates > 0).then(|| view! { <span class="text-warn">{format!("Уже зарегистрированы: {}. ", p.duplicates)}</span> })}
                            {(p.invalid > 0).then(|| view! { <span class="text-danger">{format!("С ошибками: {} — они будут пропущены; исправьте таблицу и проверьте снова.", p.invalid)}</span> })}
                        </p>
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr><th>"Строка"</th><th>"ФИО"</th><th>"E-mail"</th><th>"Роль"</th><th>"Школа / муниципалитет"</th><th>"Статус"</th></tr></thead>
                                <tbody>{p.rows.into_iter().map(|r| view! { <PreviewRow r /> }).collect_view()}</tbody>
                            </table>
                        </div>
                        <Show when=move || can_create>
                            <DeliveryChoice delivery name="import-delivery" />
                            <div class="form-actions">
                                <button type="button" class="btn btn-primary" data-testid="users-import-confirm" disabled=move || busy.get() on:click=confirm>
                                    {move || if busy.get() { "Создание…".to_string() } else { format!("Создать {} {}", p.valid, plural(p.valid as i64, "учётную запись", "учётные записи", "учётных записей")) }}
                                </button>
                            </div>
                        </Show>
                    </div>
                }
            })}
        </section>
    }
}

/// The errors of one cell of the row (`rows[n].<field>`).
fn cell_errors(r: &UserImportRow, field: &str) -> Vec<String> {
    r.errors
        .iter()
        .filter(|e| e.field.rsplit('.').next() == Some(field))
        .map(|e| e.message.clone())
        .collect()
}

#[component]
fn PreviewRow(r: UserImportRow) -> impl IntoView {
    let bad = !r.errors.is_empty();
    let errs = |field: &str| {
        cell_errors(&r, field)
            .into_iter()
            .map(|m| view! { <p class="field-error" data-testid="row-error">{m}</p> })
            .collect_view()
    };
    let place = match (&r.school_name, &r.municipality_name) {
        (Some(s), Some(m)) => format!("{} ({m})", numero(s)),
        (None, Some(m)) => m.clone(),
        _ => "—".to_string(),
    };
    let status = if bad {
        view! { <span class="badge st-warn" data-testid="row-status">"ошибка — пропустим"</span> }
            .into_any()
    } else if r.duplicate {
        view! { <span class="badge st-warn" data-testid="row-status">"уже зарегистрирован"</span> }
            .into_any()
    } else {
        view! { <span class="badge st-done" data-testid="row-status">"будет создан"</span> }
            .into_any()
    };
    view! {
        <tr data-testid="users-import-row" class:row-error=bad>
            <td data-label="Строка">{r.line}</td>
            <td data-label="ФИО" class="strong">{if r.full_name.is_empty() { "—".to_string() } else { r.full_name.clone() }}{errs("full_name")}</td>
            <td data-label="E-mail">{r.email.clone()}{errs("email")}</td>
            <td data-label="Роль">{r.role.map(|x| x.label_ru().to_string()).unwrap_or_else(|| "—".to_string())}{errs("role")}</td>
            <td data-label="Школа / муниципалитет">{place}{errs("place")}{errs("position")}</td>
            <td data-label="Статус">{status}</td>
        </tr>
    }
}

#[component]
fn ImportResult(out: AccountsIssued) -> impl IntoView {
    let n = out.accounts.len() as i64;
    let has_file = out.file_base64.is_some();
    let skipped = out.skipped;
    let accounts = out.accounts.clone();
    let out = StoredValue::new(out);
    view! {
        <div class="card" data-testid="users-import-result">
            <div class="banner banner-ok" role="status">
                {format!("Создано: {n} {}", plural(n, "учётная запись", "учётные записи", "учётных записей"))}
                {(skipped > 0).then(|| format!("; пропущено строк: {skipped}"))}
                ". "
                {if has_file { "Список начальных паролей (XLSX) скачан: передайте его лично; пароль нужно сменить при первом входе." } else { "Приглашения отправлены по электронной почте." }}
            </div>
            {has_file.then(|| view! {
                <p><button type="button" class="btn" data-testid="users-import-download"
                    on:click=move |_| { out.with_value(api::accounts::save_password_list); }>"Скачать список ещё раз"</button></p>
            })}
            <ul class="plain-list">
                {accounts.into_iter().map(|a| {
                    let how = invited_until(&a).map(|s| format!(" (приглашение {s})")).unwrap_or_default();
                    view! { <li data-testid="users-import-created"><span class="strong">{a.full_name.clone()}</span>" — "{a.email.clone()}<span class="muted small">{how}</span></li> }
                }).collect_view()}
            </ul>
            <p><a href=Route::Users.path()>"К списку пользователей"</a></p>
        </div>
    }
}
