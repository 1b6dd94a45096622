//! Loading a campaign's results: a table pasted or an XLSX file → the preview (people
//! matched, scores, deficits, row errors) → «Загрузить». Nothing is written until then,
//! and nothing at all while a row has an error.

use leptos::prelude::*;
use tutornet_domain::composition::ImportFormat;
use tutornet_domain::growth::diagnostics::{DiagnosticImport, DiagnosticImportPreview};
use tutornet_domain::Problem;

use crate::api;
use crate::ui::form::{send, BusyButton};
use crate::ui::{Banner, ErrorBanner, TextField};
use crate::util::read_file_base64;

#[component]
pub fn ResultsImport(campaign_id: String, on_done: Callback<()>) -> impl IntoView {
    let id = StoredValue::new(campaign_id);
    let content = RwSignal::new(String::new());
    let file = RwSignal::new(None::<String>);
    let preview = RwSignal::new(None::<DiagnosticImportPreview>);
    let (problem, busy, done) = (
        RwSignal::new(None::<Problem>),
        RwSignal::new(false),
        RwSignal::new(None::<String>),
    );
    let request = move || match file.get_untracked() {
        Some(b64) => DiagnosticImport {
            format: ImportFormat::Xlsx,
            content: b64,
        },
        None => DiagnosticImport {
            format: ImportFormat::Text,
            content: content.get_untracked(),
        },
    };
    let on_preview = move |_| {
        done.set(None);
        let r = request();
        send(
            busy,
            problem,
            async move { api::growth::import_preview(&id.get_value(), &r).await },
            move |p| preview.set(Some(p)),
        );
    };
    let on_confirm = move |_| {
        let r = request();
        send(
            busy,
            problem,
            async move { api::growth::import_confirm(&id.get_value(), &r).await },
            move |d| {
                preview.set(None);
                done.set(Some(format!(
                    "Загружено: {} чел., {} баллов; дефицитов: {}",
                    d.people, d.scores, d.deficits
                )));
                on_done.run(());
            },
        );
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = leptos::prelude::event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            read_file_base64(f, move |r| match r {
                Ok(b) => {
                    file.set(Some(b));
                }
                Err(e) => problem.set(Some(Problem::new(0, "bad_file", "Файл не прочитан", e))),
            });
        }
    };
    view! {
        <div class="card" data-testid="results-import">
            <h2>"Загрузка результатов"</h2>
            <p class="muted small">"Первая строка — заголовки: «ФИО», «E-mail», при необходимости «Молодой педагог», затем формулировки показателей; в ячейках — балл от 0 до 100 %. Педагогов находят по e-mail (или по ФИО) среди пользователей муниципалитета. Повторная загрузка заменяет баллы того же педагога."</p>
            <ErrorBanner problem />
            <Banner message=done />
            <TextField label="Таблица (вставьте из Excel или Word)" name="content" value=content problem multiline=true />
            <div class="field">
                <label for="f-import-file">"или файл XLSX"</label>
                <input id="f-import-file" type="file" accept=".xlsx" data-testid="import-file" on:change=on_file />
            </div>
            <p class="actions">
                <BusyButton busy testid="import-preview" on_click=on_preview>"Проверить"</BusyButton>
            </p>
            {move || preview.get().map(|p| {
                let blocked = p.invalid > 0;
                view! {
                    <div class="table-wrap">
                        <table class="table" data-testid="import-preview-table">
                            <thead><tr>
                                <th>"Строка"</th><th>"Педагог"</th><th>"Школа"</th>
                                {p.columns.iter().map(|c| view! { <th class="num" title=c.indicator_name.clone()>{c.indicator_name.clone()}</th> }).collect_view()}
                                <th>"Дефицитов"</th>
                            </tr></thead>
                            <tbody>
                                {p.rows.iter().map(|r| {
                                    let bad = !r.errors.is_empty();
                                    let msgs = r.errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; ");
                                    view! {
                                        <tr class:row-error=bad data-testid="import-row">
                                            <td data-label="Строка">{r.line}</td>
                                            <td data-label="Педагог">{r.full_name.clone()}{bad.then(|| view! { <p class="error small">{msgs}</p> })}</td>
                                            <td data-label="Школа">{r.school_name.clone().unwrap_or_default()}</td>
                                            {r.scores.iter().map(|s| view! { <td class="num">{s.map(|v| format!("{v} %")).unwrap_or_default()}</td> }).collect_view()}
                                            <td data-label="Дефицитов" class="num">{r.deficits}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {blocked.then(|| view! { <p class="error" data-testid="import-blocked">{format!("Строк с ошибками: {}. Исправьте таблицу — загрузка идёт целиком.", p.invalid)}</p> })}
                    <p class="actions">
                        <button type="button" class="btn btn-primary" data-testid="import-confirm" disabled=move || blocked || busy.get() on:click=on_confirm>
                            "Загрузить"
                        </button>
                    </p>
                }
            })}
        </div>
    }
}
