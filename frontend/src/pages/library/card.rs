//! `/library/:id`: a material — its description, authorship and licence, files to
//! download, links, versions; the moderation buttons the domain's table allows the user
//! (with per-field remarks for a return), a report, the history.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::library::{
    FieldRemark, LibraryAction, LibraryDetail, LibraryField, LibraryStatus, LibraryTransition,
    ReportInput,
};
use tutornet_domain::{Problem, Role};

use super::form::RemarkNote;
use super::parts::LibraryStatusBadge;
use crate::api;
use crate::api::files::UploadTarget;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::attachments::Attachments;
use crate::ui::card::{CardBody, Crumbs};
use crate::ui::fields::enum_options;
use crate::ui::form::{for_route_id, BusyButton};
use crate::ui::{Banner, ErrorBanner, SelectField, TextField};
use crate::util::set_title;

#[component]
pub fn LibraryCardPage() -> impl IntoView {
    for_route_id(|id| view! { <LibraryCard id=id.unwrap_or_default() /> })
}

fn props(d: &LibraryDetail) -> impl IntoView + use<> {
    let v = d.shown.clone();
    let i = d.item.clone();
    let remarks = Signal::derive({
        let r = if matches!(
            i.status,
            LibraryStatus::Returned | LibraryStatus::Resubmitted
        ) {
            v.remarks.clone()
        } else {
            Vec::new()
        };
        move || r.clone()
    });
    let row = |k: &'static str, val: String, field: Option<LibraryField>| {
        view! {
            <dt>{k}</dt>
            <dd>{if val.is_empty() { "—".to_string() } else { val }}{field.map(|field| view! { <RemarkNote remarks field /> })}</dd>
        }
    };
    let tags = v
        .tags
        .iter()
        .map(|t| format!("{}: {}", t.kind.label_ru(), t.value))
        .collect::<Vec<_>>()
        .join("; ");
    let authors = v
        .authors
        .iter()
        .map(|a| match &a.organisation {
            Some(o) => format!("{} ({o})", a.full_name),
            None => a.full_name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <dl class="props" data-testid="library-props">
            <dt>"Статус"</dt><dd><LibraryStatusBadge status=i.status /></dd>
            {row("Тип материала", v.material_type.label_ru().into(), Some(LibraryField::MaterialType))}
            {row("Предметы", v.subject_names.join(", "), Some(LibraryField::Subjects))}
            {row("Классы", v.grades.iter().map(|g| g.to_string()).collect::<Vec<_>>().join(", "), Some(LibraryField::Grades))}
            {row("Вид деятельности", v.activity_type.map(|a| a.label_ru().to_string()).unwrap_or_default(), Some(LibraryField::ActivityType))}
            {row("Теги", tags, Some(LibraryField::Tags))}
            {row("Авторы", authors, Some(LibraryField::Authors))}
            {row("Лицензия", v.licence.label_ru().into(), Some(LibraryField::Licence))}
            {row("Видимость", v.visibility.label_ru().into(), Some(LibraryField::Visibility))}
            {row("Муниципалитет", i.municipality_name.clone(), None)}
            {row("Версия", format!("{}{}", v.number, if i.published_version == Some(v.number) { " (опубликована)" } else { "" }), None)}
            {row("Просмотры и скачивания", format!("{} / {}", i.views, i.downloads), None)}
        </dl>
        <h2>"Описание"</h2>
        <RemarkNote remarks field=LibraryField::Title />
        <RemarkNote remarks field=LibraryField::Description />
        <p class="lib-description" data-testid="library-description">{v.description.clone()}</p>
        {(!v.links.is_empty()).then(|| view! {
            <h2>"Ссылки"</h2>
            <RemarkNote remarks field=LibraryField::Links />
            <ul>{v.links.iter().map(|l| view! { <li><a href=l.url.clone() rel="noopener noreferrer" target="_blank">{l.title.clone()}</a></li> }).collect_view()}</ul>
        })}
        <RemarkNote remarks field=LibraryField::Files />
    }
}

#[component]
fn LibraryCard(id: String) -> impl IntoView {
    set_title("Материал библиотеки");
    let auth = Auth::get();
    let detail = RwSignal::new(None::<LibraryDetail>);
    let problem = RwSignal::new(None::<Problem>);
    let action_problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<LibraryAction>);
    let comment = RwSignal::new(String::new());
    let remark_field = RwSignal::new(LibraryField::Title.as_str().to_string());
    let remark_text = RwSignal::new(String::new());
    let remarks = RwSignal::new(Vec::<FieldRemark>::new());
    let reporting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    {
        let id = id.clone();
        spawn_local(async move {
            match api::library::get(&id).await {
                Ok(d) => {
                    set_title(&d.shown.title);
                    detail.try_set(Some(d));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    }
    let send_step = {
        let id = id.clone();
        move |_| {
            let (Some(action), Some(version)) = (
                chosen.get_untracked(),
                detail.with_untracked(|d| d.as_ref().map(|d| d.item.version)),
            ) else {
                return;
            };
            let text = comment.get_untracked().trim().to_string();
            let body = LibraryTransition {
                action: Some(action),
                version,
                comment: (!text.is_empty()).then_some(text),
                remarks: remarks.get_untracked(),
            };
            busy.set(true);
            action_problem.set(None);
            let id = id.clone();
            spawn_local(async move {
                match api::library::transition(&id, &body).await {
                    Ok(d) => {
                        message.try_set(Some(format!("Готово: «{}».", d.item.status.label_ru())));
                        detail.try_set(Some(d));
                        chosen.try_set(None);
                        remarks.try_set(Vec::new());
                    }
                    Err(p) => {
                        action_problem.try_set(Some(p));
                    }
                }
                busy.try_set(false);
            });
        }
    };
    let send_report = {
        let id = id.clone();
        move |_| {
            let body = ReportInput {
                reason: reason.get_untracked().trim().to_string(),
            };
            busy.set(true);
            let id = id.clone();
            spawn_local(async move {
                match api::library::report(&id, &body).await {
                    Ok(d) => {
                        message.try_set(Some("Жалоба отправлена координатору.".into()));
                        detail.try_set(Some(d));
                        reporting.try_set(false);
                    }
                    Err(p) => {
                        action_problem.try_set(Some(p));
                    }
                }
                busy.try_set(false);
            });
        }
    };
    let add_remark = move |_| {
        let text = remark_text.get_untracked().trim().to_string();
        let Some(field) = LibraryField::parse(&remark_field.get_untracked()) else {
            return;
        };
        if text.is_empty() {
            return;
        }
        remarks.update(|v| {
            v.retain(|r| r.field != field);
            v.push(FieldRemark {
                field,
                remark: text,
            });
        });
        remark_text.set(String::new());
    };
    let field_options = Signal::derive(|| {
        enum_options(
            LibraryField::ALL,
            LibraryField::as_str,
            LibraryField::label_ru,
        )
    });
    let panel = move || {
        chosen.get().map(|a| {
            let send_step = send_step.clone();
            view! {
                <div class="card action-panel" data-testid="library-action-panel">
                    <h3>{a.label_ru()}</h3>
                    {(a == LibraryAction::Return).then(|| view! {
                        <div class="lib-remark-editor">
                            <SelectField label="Поле" name="remark_field" value=remark_field options=field_options problem=action_problem />
                            <TextField label="Замечание к полю" name="remark" value=remark_text problem=action_problem multiline=true />
                            <button type="button" class="btn" data-testid="library-add-remark" on:click=add_remark>"Добавить замечание"</button>
                            <ul class="plain-list" data-testid="library-remarks">
                                {move || remarks.get().into_iter().map(|r| view! { <li><strong>{r.field.label_ru()}": "</strong>{r.remark}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                    {matches!(a, LibraryAction::Return | LibraryAction::Resubmit | LibraryAction::Unpublish).then(|| view! {
                        <TextField label=match a { LibraryAction::Resubmit => "Что исправлено", LibraryAction::Unpublish => "Причина", _ => "Общий комментарий" } name="comment" value=comment problem=action_problem multiline=true required=a == LibraryAction::Unpublish />
                    })}
                    <div class="form-actions">
                        <BusyButton busy class="btn btn-primary" testid="library-step-confirm" on_click=send_step>
                            {move || if busy.get() { "Сохранение…" } else { "Подтвердить" }}
                        </BusyButton>
                        <button type="button" class="btn btn-link" on:click=move |_| chosen.set(None)>"Отмена"</button>
                    </div>
                </div>
            }
        })
    };
    let actions = move || {
        detail.with(|d| d.as_ref().map(|d| {
            let may_report = d.item.owner_id != auth.me_id() && auth.role() != Role::Observer;
            view! {
                {d.allowed_actions.iter().map(|a| {
                    let a = *a;
                    view! { <button type="button" class="btn" data-testid=format!("library-action-{}", a.as_str()) on:click=move |_| { chosen.set(Some(a)); comment.set(String::new()); action_problem.set(None); message.set(None); }>{a.label_ru()}</button> }
                }).collect_view()}
                {d.can_edit.then(|| view! { <a class="btn" href=Route::LibraryEdit(d.item.id.clone()).path() data-testid="library-edit">"Изменить"</a> })}
                {may_report.then(|| view! { <button type="button" class="btn btn-link" data-testid="library-report" on:click=move |_| reporting.set(true)>"Пожаловаться"</button> })}
                {(d.allowed_actions.is_empty() && !d.can_edit).then(|| view! { <p class="muted" data-testid="no-actions">"Сейчас от вас ничего не требуется."</p> })}
            }
        }))
    };
    let report_panel = move || {
        reporting.get().then(|| {
            let send_report = send_report.clone();
            view! {
                <div class="card action-panel">
                    <h3>"Жалоба на материал"</h3>
                    <TextField label="Причина" name="reason" value=reason problem=action_problem multiline=true required=true />
                    <div class="form-actions">
                        <BusyButton busy class="btn btn-primary" testid="library-report-submit" on_click=send_report>"Отправить"</BusyButton>
                        <button type="button" class="btn btn-link" on:click=move |_| reporting.set(false)>"Отмена"</button>
                    </div>
                </div>
            }
        })
    };
    let files = move || {
        detail.with(|d| d.as_ref().map(|d| {
            let files = RwSignal::new(d.shown.files.clone());
            view! {
                <Attachments title="Файлы" testid="library-files" input_testid="library-file-input"
                    target=UploadTarget::LibraryMaterial(d.item.id.clone()) files manage=d.can_edit
                    hint="PDF, DOCX, XLSX, PPTX или ODT до 50 МБ; тип определяется по содержимому файла. Текст DOCX попадает в поиск." />
            }
        }))
    };
    let side = move || {
        detail.with(|d| d.as_ref().map(|d| view! {
            {(!d.reports.is_empty()).then(|| view! {
                <div class="card" data-testid="library-reports">
                    <h2>"Жалобы"</h2>
                    <ul>{d.reports.iter().map(|r| view! { <li>{r.reason.clone()}<span class="muted small">{format!(" — {}, {}", r.reporter_name, crate::ui::time::date_ru(r.created_at))}</span></li> }).collect_view()}</ul>
                </div>
            })}
            {d.published.as_ref().map(|p| view! {
                <div class="card"><h2>"Опубликованная версия"</h2><p>{format!("Версия {}: «{}» — доступна читателям, пока новая версия в работе.", p.number, p.title)}</p></div>
            })}
            <div class="card">
                <h2>"Версии"</h2>
                <ol class="history" data-testid="library-versions">{d.versions.iter().map(|v| view! {
                    <li>{format!("Версия {} — {}", v.number, v.title)}<span class="muted small">{format!(" {}", crate::ui::time::date_ru(v.created_at))}</span>{v.published.then(|| view! { " " <span class="badge st-done">"опубликована"</span> })}</li>
                }).collect_view()}</ol>
            </div>
            {(!d.history.is_empty()).then(|| view! {
                <div class="card">
                    <h2>"История"</h2>
                    <ol class="history" data-testid="library-history">{d.history.iter().map(|e| view! {
                        <li>
                            <span class="muted small">{crate::ui::time::date_ru(e.at)}</span>" "
                            <strong>{e.action_label.clone()}</strong>
                            {e.actor_name.clone().map(|n| format!(" — {n}"))}
                            {e.comment.clone().map(|c| view! { <div class="small">{c}</div> })}
                        </li>
                    }).collect_view()}</ol>
                </div>
            })}
        }))
    };
    view! {
        <section class="page" data-testid="library-card">
            <Crumbs parent=Route::Library parent_label="Методическая библиотека" here="Материал" />
            <CardBody problem loaded=Signal::derive(move || detail.with(Option::is_some))>
                <div class="page-head">
                    <h1 data-testid="library-title">{move || detail.with(|d| d.as_ref().map(|d| d.shown.title.clone()))}</h1>
                </div>
                <div class="two-col">
                    <div>
                        <div class="card">{move || detail.with(|d| d.as_ref().map(props))}</div>
                        {files}
                    </div>
                    <div>
                        <div class="card no-print">
                            <h2>"Действия"</h2>
                            <Banner message />
                            <ErrorBanner problem=action_problem />
                            <div class="actions-row">{actions}</div>
                        </div>
                        {panel.clone()}
                        {report_panel.clone()}
                        {side}
                    </div>
                </div>
            </CardBody>
        </section>
    }
}
