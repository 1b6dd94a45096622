//! `/reviews/:id`: the document, its file, the workflow actions the user may take, the
//! checklist (the expert fills it), the rounds, the conclusion and the history.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::reviews::{ExpertChoice, ReviewAction, ReviewDetail, ReviewTransition};
use tutornet_domain::text::format_date_ru;
use tutornet_domain::Problem;

use super::checklist::{Checklist, Rounds};
use super::conclusion::ConclusionPanel;
use super::list::ReviewStatusBadge;
use crate::api;
use crate::api::files::UploadTarget;
use crate::routes::Route;
use crate::ui::attachments::Attachments;
use crate::ui::card::{CardBody, Crumbs};
use crate::ui::form::{for_route_id, BusyButton};
use crate::ui::{Banner, CheckboxField, ErrorBanner, SelectField, TextField};
use crate::util::set_title;

#[component]
pub fn ReviewCardPage() -> impl IntoView {
    for_route_id(|id| view! { <ReviewCard id=id.unwrap_or_default() /> })
}

fn props(d: &ReviewDetail) -> impl IntoView + use<> {
    let r = d.review.clone();
    let row = |k: &'static str, v: String| view! { <dt>{k}</dt><dd>{v}</dd> };
    view! {
        <dl class="props" data-testid="review-props">
            <dt>"Статус"</dt><dd><ReviewStatusBadge status=r.status /></dd>
            {row("Вид документа", r.document_type.label_ru().into())}
            {row("Школа", tutornet_domain::text::numero(&r.school_name))}
            {row("Автор", r.author_name.clone())}
            {row("Предмет", r.subject_name.clone().unwrap_or_else(|| "—".into()))}
            {row("Классы", r.grades.clone().unwrap_or_else(|| "—".into()))}
            {row("Эксперт", r.expert_name.clone().map(|e| if r.same_school_confirmed { format!("{e} (из той же школы, подтверждено)") } else { e }).unwrap_or_else(|| "не назначен".into()))}
            {row("Срок", r.due_on.map(format_date_ru).unwrap_or_else(|| "—".into()))}
            {row("Раунд", r.round.to_string())}
            {row("Чек-лист", format!("версия {}", r.template_version))}
            {d.score.map(|s| row("Соответствие", format!("{s} %")))}
        </dl>
    }
}

#[component]
fn ReviewCard(id: String) -> impl IntoView {
    set_title("Экспертиза");
    let detail = RwSignal::new(None::<ReviewDetail>);
    let problem = RwSignal::new(None::<Problem>);
    let action_problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<ReviewAction>);
    let comment = RwSignal::new(String::new());
    let expert = RwSignal::new(String::new());
    let experts = RwSignal::new(Vec::<ExpertChoice>::new());
    let confirm_same = RwSignal::new(false);
    let no_conflict = RwSignal::new(false);
    let due_on = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    {
        let id = id.clone();
        spawn_local(async move {
            match api::reviews::get(&id).await {
                Ok(d) => {
                    set_title(&format!("Экспертиза: {}", d.review.title));
                    detail.try_set(Some(d));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    }
    let id2 = id.clone();
    let choose = Callback::new(move |a: ReviewAction| {
        chosen.set(Some(a));
        comment.set(String::new());
        action_problem.set(None);
        message.set(None);
        if a == ReviewAction::Assign && experts.with_untracked(Vec::is_empty) {
            let id = id2.clone();
            spawn_local(async move {
                match api::reviews::experts(&id).await {
                    Ok(v) => {
                        if let Some(first) = v.iter().find(|e| !e.same_school) {
                            expert.try_set(first.user_id.clone());
                        }
                        experts.try_set(v);
                    }
                    Err(p) => {
                        action_problem.try_set(Some(p));
                    }
                }
            });
        }
    });
    let submit = {
        let id = id.clone();
        move |_| {
            let (Some(action), Some(version)) = (
                chosen.get_untracked(),
                detail.with_untracked(|d| d.as_ref().map(|d| d.review.version)),
            ) else {
                return;
            };
            let text = comment.get_untracked().trim().to_string();
            let body = ReviewTransition {
                action: Some(action),
                version,
                comment: (!text.is_empty()).then_some(text),
                expert_id: (action == ReviewAction::Assign)
                    .then(|| expert.get_untracked())
                    .filter(|e| !e.is_empty()),
                confirm_same_school: confirm_same.get_untracked(),
                no_conflict: no_conflict.get_untracked(),
                due_on: chrono::NaiveDate::parse_from_str(
                    due_on.get_untracked().trim(),
                    "%Y-%m-%d",
                )
                .ok(),
            };
            busy.set(true);
            action_problem.set(None);
            let id = id.clone();
            spawn_local(async move {
                match api::reviews::transition(&id, &body).await {
                    Ok(d) => {
                        message.try_set(Some(format!("Готово: «{}».", d.review.status.label_ru())));
                        detail.try_set(Some(d));
                        chosen.try_set(None);
                    }
                    Err(p) => {
                        action_problem.try_set(Some(p));
                    }
                }
                busy.try_set(false);
            });
        }
    };
    let expert_options = Signal::derive(move || {
        experts
            .get()
            .into_iter()
            .map(|e| {
                let mut label = format!("{} — в работе: {}", e.full_name, e.open_reviews);
                if e.same_school {
                    label.push_str(" (школа автора)");
                }
                (e.user_id, label)
            })
            .collect::<Vec<_>>()
    });
    let panel = move || {
        chosen.get().map(|a| {
            let submit = submit.clone();
            view! {
                <div class="card action-panel" data-testid="review-action-panel">
                    <h3>{a.label_ru()}</h3>
                    {(a == ReviewAction::Assign).then(|| view! {
                        <SelectField label="Эксперт" name="expert_id" value=expert options=expert_options problem=action_problem required=true placeholder="— выберите тьютора —" />
                        <CheckboxField label="Эксперт из школы автора: подтверждаю выбор" name="confirm_same_school" checked=confirm_same problem=action_problem />
                        <TextField label="Срок экспертизы" name="due_on" kind="date" value=due_on problem=action_problem hint="По умолчанию — через 14 дней" />
                    })}
                    {(a == ReviewAction::Start).then(|| view! {
                        <CheckboxField label="Заявляю об отсутствии конфликта интересов с автором документа" name="no_conflict" checked=no_conflict problem=action_problem />
                    })}
                    {matches!(a, ReviewAction::Return | ReviewAction::Resubmit | ReviewAction::Reject).then(|| view! {
                        <TextField label=if a == ReviewAction::Resubmit { "Что исправлено" } else { "Комментарий" } name="comment" value=comment problem=action_problem multiline=true required=a != ReviewAction::Reject />
                    })}
                    <div class="form-actions">
                        <BusyButton busy class="btn btn-primary" testid="review-action-submit" on_click=submit>
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
            if d.allowed_actions.is_empty() {
                return view! { <p class="muted" data-testid="no-actions">"Сейчас от вас ничего не требуется."</p> }.into_any();
            }
            d.allowed_actions.iter().map(|a| {
                let a = *a;
                view! {
                    <button type="button" class="btn" data-testid=format!("review-action-{}", a.as_str()) on:click=move |_| choose.run(a)>{a.label_ru()}</button>
                }
            }).collect_view().into_any()
        }))
    };
    let files = move || {
        detail.with(|d| d.as_ref().map(|d| {
            let files = RwSignal::new(d.files.clone());
            view! {
                <Attachments title="Документ" testid="review-files" input_testid="review-file-input"
                    target=UploadTarget::ReviewDocument(d.review.id.clone()) files manage=d.can_change_files
                    hint="PDF, DOCX, XLSX или ODT до 20 МБ; тип определяется по содержимому файла." />
            }
        }))
    };
    let history = move || {
        detail.with(|d| {
            d.as_ref().map(|d| {
                view! {
                    <ol class="history" data-testid="review-history">
                        {d.history.iter().map(|e| view! {
                            <li>
                                <span class="muted small">{crate::ui::time::date_ru(e.at)}</span>" "
                                <strong>{e.to_status.label_ru()}</strong>
                                {e.actor_name.clone().map(|n| format!(" — {n}"))}
                                {e.comment.clone().map(|c| view! { <div class="small">{c}</div> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }
            })
        })
    };
    view! {
        <section class="page" data-testid="review-card">
            <Crumbs parent=Route::Reviews parent_label="Экспертиза" here="Документ" />
            <CardBody problem loaded=Signal::derive(move || detail.with(Option::is_some))>
                <div class="page-head">
                    <h1 data-testid="review-title">{move || detail.with(|d| d.as_ref().map(|d| d.review.title.clone()))}</h1>
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
                    </div>
                </div>
                <Checklist id=id.clone() detail />
                <Rounds detail />
                <ConclusionPanel id=id.clone() detail />
                <div class="card">
                    <h2>"История"</h2>
                    {history}
                </div>
            </CardBody>
        </section>
    }
}
