//! The preview of a composition import: rows with what was matched, errors, new schools,
//! and the confirm button.

use leptos::prelude::*;
use tutornet_domain::composition::{
    DuplicateAction, ImportPreview, ImportRow, ImportRowChoice, TutorLevel,
};

use crate::ui::fields::Check;
use crate::ui::table::{columns, Table};

/// Changes the choice of the row at `line` (adding it when there is none).
fn choose(
    choices: RwSignal<Vec<ImportRowChoice>>,
    line: i32,
    f: impl FnOnce(&mut ImportRowChoice),
) {
    choices.update(|v| {
        let i = match v.iter().position(|c| c.line == line) {
            Some(i) => i,
            None => {
                v.push(ImportRowChoice {
                    line,
                    ..Default::default()
                });
                v.len() - 1
            }
        };
        f(&mut v[i]);
    });
}

/// The level of one row: what the server resolved (the row's choice, its «Уровень» cell
/// or the batch's); a change becomes the row's own choice.
fn level_select(r: &ImportRow, choices: RwSignal<Vec<ImportRowChoice>>) -> impl IntoView {
    let line = r.line;
    let current = r.level;
    view! {
        <select
            name="row_level"
            style="min-width: 10.5em"
            data-testid="row-level"
            aria-label=format!("Уровень, строка {line}")
            on:change:target=move |ev| {
                let level = TutorLevel::parse(&ev.target().value());
                choose(choices, line, |c| c.level = level);
            }
        >
            {TutorLevel::ALL.iter().map(|l| view! {
                <option value=l.as_str() selected={*l == current}>{l.label_ru()}</option>
            }).collect_view()}
        </select>
    }
}

/// What happens to a row that matches an existing member: its note, and for a member that
/// may still change, the choice «пропустить / обновить» (default: the batch's).
fn duplicate_cell(
    r: &ImportRow,
    choices: RwSignal<Vec<ImportRowChoice>>,
    batch: RwSignal<String>,
) -> AnyView {
    let Some(d) = &r.duplicate_of else {
        return view! { <span class="muted small" data-testid="row-action">{r.action.label_ru()}</span> }
            .into_any();
    };
    let line = r.line;
    let own =
        choices.with_untracked(|v| v.iter().find(|c| c.line == line).and_then(|c| c.duplicate));
    let current = own
        .or_else(|| DuplicateAction::parse(&batch.get_untracked()))
        .unwrap_or(DuplicateAction::Skip);
    let choice = (d.locked.is_none() && !d.changes.is_empty()).then(|| {
        view! {
            <select
                name="row_duplicate"
                style="min-width: 9em"
                data-testid="row-duplicate-choice"
                aria-label=format!("Повтор, строка {line}")
                on:change:target=move |ev| {
                    let action = DuplicateAction::parse(&ev.target().value());
                    choose(choices, line, |c| c.duplicate = action);
                }
            >
                {DuplicateAction::ALL.iter().map(|a| view! {
                    <option value=a.as_str() selected={*a == current}>{a.label_ru()}</option>
                }).collect_view()}
            </select>
        }
    });
    view! {
        <span class="badge st-warn" data-testid="row-duplicate">"уже в составе"</span>
        <div class="small">{if d.changes.is_empty() { "без изменений".to_string() } else { format!("изменится: {}", d.changes.join(", ")) }}</div>
        {d.locked.clone().map(|l| view! { <div class="muted small">{l}</div> })}
        {choice}
        <div class="small strong" data-testid="row-action">{r.action.label_ru()}</div>
    }
    .into_any()
}

/// The checked table; «Загрузить» stays disabled while any row has an error. A row's
/// level and, for a row already in the composition, whether to skip or update it are
/// chosen in the table (`choices`, sent with confirm).
#[component]
pub fn PreviewView(
    preview: RwSignal<Option<ImportPreview>>,
    create_schools: RwSignal<bool>,
    busy: RwSignal<bool>,
    choices: RwSignal<Vec<ImportRowChoice>>,
    /// The batch's default for rows already in the composition.
    duplicates: RwSignal<String>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let preview_view = move || {
        preview.get().map(|p| {
            let n = p.rows.len() as i64;
            let label = confirm_label(&p);
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
                                        <td data-label="Уровень">{level_select(r, choices)}</td>
                                        <td data-label="Повтор">{duplicate_cell(r, choices, duplicates)}</td>
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
                            {label}
                        </button>
                    </div>
                </div>
            }
        })
    };
    preview_view
}

/// «Загрузить (новых: 3, обновить: 1, пропустить: 2)»: what confirm will do.
fn confirm_label(p: &ImportPreview) -> String {
    use tutornet_domain::composition::ImportAction;
    let parts: Vec<String> = [
        (ImportAction::Create, "новых"),
        (ImportAction::Update, "обновить"),
        (ImportAction::Skip, "пропустить"),
    ]
    .into_iter()
    .filter_map(|(a, word)| {
        let n = p.rows.iter().filter(|r| r.action == a).count();
        (n > 0).then(|| format!("{word}: {n}"))
    })
    .collect();
    format!("Загрузить ({})", parts.join(", "))
}
