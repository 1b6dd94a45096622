//! `/results/import`: a results table (one row per school: ОО · участники · 2 · 3 · 4 ·
//! 5, in counts or percent) pasted, as CSV or an XLSX file → preview with the column
//! mapping and each row's errors → confirm (all or nothing, replacing the slice).

use leptos::prelude::*;
use tutornet_domain::composition::ImportFormat;
use tutornet_domain::permissions::Resource;
use tutornet_domain::results::{
    percent_ru, ColumnMapping, CountUnit, Procedure, ResultsImportPreview, ResultsImportRequest,
    ResultsImportResult,
};
use tutornet_domain::Problem;
use wasm_bindgen::JsCast;

use super::{ResultsTabs, SliceChoice, SliceFilter};
use crate::api;
use crate::auth::Auth;
use crate::ui::form::send;
use crate::ui::ErrorBanner;
use crate::util::{read_file_base64, set_title};

/// The mapping's fields with their labels, for the column pickers.
const FIELDS: [(&str, &str); 8] = [
    ("school", "ОО (школа)"),
    ("participants", "Участники"),
    ("mark2", "«2»"),
    ("mark3", "«3»"),
    ("mark4", "«4»"),
    ("mark5", "«5»"),
    ("below_threshold", "Ниже порога (ЕГЭ)"),
    ("mean_score", "Средний балл"),
];

fn get(m: &ColumnMapping, f: &str) -> Option<usize> {
    match f {
        "school" => Some(m.school),
        "participants" => Some(m.participants),
        "mark2" => m.mark2,
        "mark3" => m.mark3,
        "mark4" => m.mark4,
        "mark5" => m.mark5,
        "below_threshold" => m.below_threshold,
        "mean_score" => m.mean_score,
        _ => None,
    }
}

fn set(m: &mut ColumnMapping, f: &str, v: Option<usize>) {
    match f {
        "school" => m.school = v.unwrap_or(0),
        "participants" => m.participants = v.unwrap_or(1),
        "mark2" => m.mark2 = v,
        "mark3" => m.mark3 = v,
        "mark4" => m.mark4 = v,
        "mark5" => m.mark5 = v,
        "below_threshold" => m.below_threshold = v,
        "mean_score" => m.mean_score = v,
        _ => {}
    }
}

#[component]
pub fn ResultsImportPage() -> impl IntoView {
    set_title("Загрузка результатов");
    let auth = Auth::get();
    let choice = SliceChoice::from_query();
    let year = RwSignal::new(String::new());
    let format = RwSignal::new(ImportFormat::Csv.as_str().to_string());
    let unit = RwSignal::new(String::new());
    let content = RwSignal::new(String::new());
    let file_b64 = RwSignal::new(None::<String>);
    let mapping = RwSignal::new(None::<ColumnMapping>);
    let preview = RwSignal::new(None::<ResultsImportPreview>);
    let result = RwSignal::new(None::<ResultsImportResult>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let years = LocalResource::new(api::reference::academic_years);
    Effect::new(move |_| {
        if let Some(Ok(list)) = years.get() {
            if year.get_untracked().is_empty() {
                if let Some(y) = list.iter().find(|y| y.is_current).or(list.first()) {
                    year.set(y.id.clone());
                }
            }
        }
    });
    let c = choice;
    let request = move || -> ResultsImportRequest {
        let fmt = ImportFormat::parse(&format.get_untracked()).unwrap_or(ImportFormat::Csv);
        ResultsImportRequest {
            municipality_id: auth
                .own_municipality()
                .or_else(|| {
                    auth.municipality_choices(Resource::Results)
                        .first()
                        .map(|m| m.id.clone())
                })
                .unwrap_or_default(),
            academic_year_id: year.get_untracked(),
            procedure: Procedure::parse(&c.procedure.get_untracked()).unwrap_or(Procedure::Vpr),
            subject_id: c.subject_id.get_untracked(),
            grade: c.grade.get_untracked().parse().unwrap_or(5),
            content: if fmt == ImportFormat::Xlsx {
                file_b64.get_untracked().unwrap_or_default()
            } else {
                content.get_untracked()
            },
            format: fmt,
            unit: CountUnit::parse(&unit.get_untracked()),
            mapping: mapping.get_untracked(),
        }
    };
    let check = move || {
        let req = request();
        result.set(None);
        send(
            busy,
            problem,
            async move { api::results::import_preview(&req).await },
            move |p| {
                preview.try_set(Some(p));
            },
        );
    };
    let confirm = move |_| {
        let req = request();
        send(
            busy,
            problem,
            async move { api::results::import_confirm(&req).await },
            move |r| {
                result.try_set(Some(r));
                preview.try_set(None);
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
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file_base64(file, move |res| {
                if let Ok(b) = res {
                    file_b64.try_set(Some(b));
                }
            });
        }
    };
    let mapping_view = move || {
        preview.get().map(|p| {
            let header = p.header.clone();
            let cols: Vec<(String, String)> = (0..header.len().max(7))
                .map(|i| (i.to_string(), format!("{} — {}", i + 1, header.get(i).cloned().unwrap_or_default())))
                .collect();
            let used = p.mapping.clone();
            view! {
                <div class="card results-mapping" data-testid="results-mapping">
                    <h2>"Столбцы таблицы"</h2>
                    <div class="grid-4">
                        {FIELDS.iter().map(|(f, label)| {
                            let cols = cols.clone();
                            let cur = get(&used, f).map(|v| v.to_string()).unwrap_or_default();
                            let f = *f;
                            view! {
                                <label class="filter-field">
                                    <span class="filter-label">{*label}</span>
                                    <select name=format!("map-{f}") on:change:target=move |ev| {
                                        let v = ev.target().value().parse().ok();
                                        let mut m = preview.get_untracked().map(|p| p.mapping).unwrap_or_default();
                                        set(&mut m, f, v);
                                        mapping.set(Some(m));
                                        check();
                                    }>
                                        <option value="" prop:selected=cur.is_empty()>"— нет —"</option>
                                        {cols.into_iter().map(|(v, l)| { let s = v == cur; view! { <option value=v prop:selected=s>{l}</option> } }).collect_view()}
                                    </select>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </div>
            }
        })
    };
    let rows_view = move || {
        preview.get().map(|p| {
            let ok = p.error_rows == 0;
            view! {
                <p class="lead" data-testid="results-preview-summary">
                    {format!("Строк: {}; с ошибками: {}; заменят загруженные ранее: {}.", p.rows.len(), p.error_rows, p.replacing_rows)}
                    {p.unit.map(|u| format!(" Единицы: {}.", u.label_ru().to_lowercase()))}
                </p>
                <crate::ui::table::Table testid="results-preview" columns=crate::ui::table::columns(&["Строка", "Школа", "Участников", "«2»", "«3»", "«4»", "«5»", "Доля неуспешных", "Ошибки"])>
                    {p.rows.into_iter().map(|r| view! {
                        <tr data-testid="results-preview-row" class:row-error=!r.errors.is_empty()>
                            <td data-label="Строка">{r.line}</td>
                            <td data-label="Школа">
                                {r.school_name.clone().unwrap_or(r.school_text.clone())}
                                {r.replaces.then(|| view! { " " <span class="badge">"заменит"</span> })}
                            </td>
                            <td data-label="Участников">{r.participants}</td>
                            {[r.mark2, r.mark3, r.mark4, r.mark5].into_iter().map(|m| view! { <td>{m.map(|x| x.to_string()).unwrap_or_else(|| "—".into())}</td> }).collect_view()}
                            <td data-label="Доля неуспешных">{percent_ru(r.metrics.failing_share)}</td>
                            <td data-label="Ошибки" class="field-error">{r.errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; ")}</td>
                        </tr>
                    }).collect_view()}
                </crate::ui::table::Table>
                <div class="form-actions">
                    <button type="button" class="btn btn-primary" data-testid="results-confirm" disabled=move || busy.get() || !ok on:click=confirm>
                        "Загрузить"
                    </button>
                    {(!ok).then(|| view! { <span class="muted">"Исправьте ошибки в таблице — загружается всё или ничего."</span> })}
                </div>
            }
        })
    };
    view! {
        <section class="page" data-testid="results-import-page">
            <div class="page-head"><h1>"Загрузка результатов"</h1></div>
            <ResultsTabs />
            <p class="lead muted">"Таблица школ или муниципалитета: одна строка на школу, столбцы «ОО · участники · 2 · 3 · 4 · 5» — в количестве или в процентах (для ЕГЭ — «ниже порога»). Повторная загрузка заменяет результаты тех же школ."</p>
            <ErrorBanner problem />
            {move || result.get().map(|r| view! {
                <div class="banner banner-ok" role="status" data-testid="results-import-result">
                    {format!("Загружено строк: {}; заменено прежних: {}.", r.created, r.replaced)}
                </div>
            })}
            <div class="card form">
                <SliceFilter choice=choice />
                <div class="filters">
                    <label class="filter-field">
                        <span class="filter-label">"Учебный год"</span>
                        <select name="academic_year_id" on:change:target=move |ev| year.set(ev.target().value())>
                            {move || years.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|y| {
                                let id = y.id.clone();
                                view! { <option value=y.id prop:selected=move || year.with(|x| *x == id)>{y.name}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="filter-field">
                        <span class="filter-label">"Формат"</span>
                        <select name="format" on:change:target=move |ev| format.set(ev.target().value())>
                            <option value="csv">"CSV или вставленный текст с «;»"</option>
                            <option value="text">"Текст из Word или Excel"</option>
                            <option value="xlsx">"Файл XLSX"</option>
                        </select>
                    </label>
                    <label class="filter-field">
                        <span class="filter-label">"Отметки даны"</span>
                        <select name="unit" on:change:target=move |ev| unit.set(ev.target().value())>
                            <option value="">"определить по таблице"</option>
                            <option value="counts">"в количестве"</option>
                            <option value="percent">"в процентах"</option>
                        </select>
                    </label>
                </div>
                <Show when=move || format.get() == "xlsx"
                    fallback=move || view! {
                        <div class="field">
                            <label for="f-content">"Таблица"</label>
                            <textarea id="f-content" name="content" rows="8" class="mono-area"
                                placeholder="ОО;Участники;2;3;4;5\nМБОУ СОШ № 1;25;3;10;8;4"
                                prop:value=move || content.get() on:input:target=move |ev| content.set(ev.target().value())></textarea>
                        </div>
                    }>
                    <div class="field">
                        <label for="f-file">"Файл XLSX"</label>
                        <input id="f-file" type="file" name="file" accept=".xlsx" on:change=on_file />
                    </div>
                </Show>
                <div class="form-actions">
                    <button type="button" class="btn" data-testid="results-check" disabled=move || busy.get() on:click=move |_| { mapping.set(None); check(); }>
                        "Проверить"
                    </button>
                </div>
            </div>
            {mapping_view}
            {rows_view}
        </section>
    }
}
