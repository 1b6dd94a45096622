//! The preview of a composition import: rows with what was matched, errors, new schools,
//! and the confirm button.

use leptos::prelude::*;
use tutornet_domain::composition::ImportPreview;

use crate::ui::fields::Check;
use crate::ui::table::{columns, Table};
use crate::util::plural;

/// The checked table; «Загрузить» stays disabled while any row has an error.
#[component]
pub fn PreviewView(
    preview: RwSignal<Option<ImportPreview>>,
    create_schools: RwSignal<bool>,
    busy: RwSignal<bool>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let preview_view = move || {
        preview.get().map(|p| {
            let n = p.rows.len() as i64;
            let errors = p.error_rows;
            let new_schools = p.new_schools.clone();
            view! {
                <div class="card" data-testid="import-preview">
                    <h2>"Проверка"</h2>
                    <p data-testid="preview-summary">
                        {format!("Строк: {n}. ")}
                        {(p.duplicate_rows > 0).then(|| view! { <span class="text-warn" data-testid="preview-duplicates">{format!("Уже в составе: {}. ", p.duplicate_rows)}</span> })}
                        {if errors > 0 {
                            view! { <span class="text-danger">{format!("С ошибками: {errors} — исправьте таблицу и проверьте снова.")}</span> }.into_any()
                        } else {
                            view! { <span class="text-ok">"Ошибок нет."</span> }.into_any()
                        }}
                    </p>
                    <div class="table-wrap">
                        <Table testid="preview-table" columns=columns(&["Строка", "Предмет → найдено", "ФИО", "Должность", "Школа", "Уровень", "Повтор"])>
                            {p.rows.iter().map(|r| {
                                let bad = !r.errors.is_empty();
                                let matched = r.subjects.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ");
                                view! {
                                    <tr data-testid="preview-row" class:row-error=bad>
                                        <td data-label="Строка">{r.line}{r.number.clone().map(|n| view! { <div class="muted small">{format!("№ {n}")}</div> })}</td>
                                        <td data-label="Предмет">
                                            {r.subject_text.clone()}
                                            <div class="small" data-testid="matched-subjects">
                                                {if matched.is_empty() {
                                                    view! { <span class="text-danger">"не распознан"</span> }.into_any()
                                                } else {
                                                    view! { <span class="text-ok">{format!("→ {matched}")}</span> }.into_any()
                                                }}
                                            </div>
                                        </td>
                                        <td data-label="ФИО" class="strong">{r.full_name.clone()}</td>
                                        <td data-label="Должность">{r.position.clone().unwrap_or_else(|| "—".to_string())}</td>
                                        <td data-label="Школа">
                                            {match (&r.school_name, &r.new_school) {
                                                (Some(s), _) => view! { <span>{s.clone()}</span> " " <span class="badge st-done">"найдена"</span> }.into_any(),
                                                (None, Some(s)) => view! { <span>{s.clone()}</span> " " <span class="badge st-warn">"новая"</span> }.into_any(),
                                                _ => view! { <span class="muted">{r.workplace.clone().unwrap_or_else(|| "—".to_string())}</span> }.into_any(),
                                            }}
                                            {r.errors.iter().map(|e| view! { <p class="field-error" data-testid="row-error">{e.message.clone()}</p> }).collect_view()}
                                        </td>
                                        <td data-label="Уровень">{r.level.label_ru()}</td>
                                        <td data-label="Повтор">
                                            {match &r.duplicate_of {
                                                Some(d) => view! {
                                                    <span class="badge st-warn" data-testid="row-duplicate">"уже в составе"</span>
                                                    <div class="small">{if d.changes.is_empty() { "без изменений".to_string() } else { format!("изменится: {}", d.changes.join(", ")) }}</div>
                                                    {d.locked.clone().map(|l| view! { <div class="muted small">{l}</div> })}
                                                    <div class="small strong" data-testid="row-action">{r.action.label_ru()}</div>
                                                }.into_any(),
                                                None => view! { <span class="muted small" data-testid="row-action">{r.action.label_ru()}</span> }.into_any(),
                                            }}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </Table>
                    </div>
                    {(!new_schools.is_empty()).then(|| view! {
                        <h3>{format!("Школы, которых нет в реестре ({})", new_schools.len())}</h3>
                        <ul class="plain-list" data-testid="new-schools">
                            {new_schools.iter().map(|s| view! {
                                <li><span class="strong">{s.short_name.clone()}</span><div class="muted small">{s.full_name.clone()}</div></li>
                            }).collect_view()}
                        </ul>
                        <Check
                            label="Создать отсутствующие школы (иначе место работы сохранится текстом)"
                            name="create_schools"
                            checked=create_schools
                        />
                    })}
                    <div class="form-actions">
                        <button
                            type="button"
                            class="btn btn-primary"
                            data-testid="import-confirm"
                            disabled=move || { busy.get() || errors > 0 }
                            on:click=move |_| on_confirm.run(())
                        >
                            {format!("Загрузить {n} {}", plural(n, "строку", "строки", "строк"))}
                        </button>
                    </div>
                </div>
            }
        })
    };
    preview_view
}
