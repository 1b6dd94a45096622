//! Members of the composition by hand: the add/edit form of a nominated member (used on
//! `/composition` and on the card), and `/composition/members/:id` — the member card with
//! the orders that approved or excluded the member and the attachments (закрепление).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use tutornet_domain::composition::{
    Attachment, AttachmentInput, CompositionOrder, Member, MemberInput, MemberStatus, TutorLevel,
};
use tutornet_domain::org::School;
use tutornet_domain::permissions::{scope, Action, Resource, Scope};
use tutornet_domain::text::{format_date_ru, sort_ru};
use tutornet_domain::users::User;
use tutornet_domain::{FieldError, Page, Problem, Role};

use crate::api::{validation_problem, Api};
use crate::api_community::{enum_options, schools, subjects};
use crate::auth::Auth;
use crate::components::community::{LevelBadge, MemberStatusBadge};
use crate::components::fields::field_error;
use crate::components::{Banner, ErrorBanner, SelectField, TextField};
use crate::pages::school_form::reload_page;
use crate::util::{confirm, datetime_ru, non_empty, set_title};

/// What a coordinator is told when a member can no longer be edited or removed.
pub const APPROVED_MESSAGE: &str =
    "Состав утверждён приказом — изменения вносятся приказом о внесении изменений";

/// Rewrites the 409 answers of member changes in the words of the UI; `true` for a
/// version conflict (the page should be reloaded).
pub fn explain_member_problem(p: &mut Problem) -> bool {
    match p.code.as_str() {
        "composition_approved" => {
            p.title = "Изменение невозможно.".to_string();
            p.detail = format!("{APPROVED_MESSAGE}.");
            false
        }
        "version_conflict" => {
            p.title = "Конфликт изменений.".to_string();
            p.detail = "Участника уже изменил другой пользователь — обновите страницу и внесите \
                        изменения заново."
                .to_string();
            true
        }
        _ => false,
    }
}

/// Active tutor and teacher accounts of a municipality, sorted by name.
pub async fn people(api: Api, municipality_id: &str, roles: &[Role]) -> Vec<User> {
    let mut all = Vec::new();
    for r in roles {
        let q = vec![
            ("role", r.as_str().to_string()),
            ("municipality_id", municipality_id.to_string()),
            ("active", "true".to_string()),
            ("limit", "200".to_string()),
        ];
        if let Ok(p) = api.get::<Page<User>>("/users", q).await {
            all.extend(p.items);
        }
    }
    sort_ru(&mut all, |u| &u.full_name);
    all
}

/// The first error among `subject_ids` and `subject_ids[n]` (tracked).
fn subjects_error(problem: RwSignal<Option<Problem>>) -> Option<String> {
    problem.with(|p| {
        p.as_ref().and_then(|p| {
            p.errors
                .iter()
                .find(|e| e.field == "subject_ids" || e.field.starts_with("subject_ids["))
                .map(|e| e.message.clone())
        })
    })
}

/// The form of a member: a new one (`member` absent; the member is nominated in
/// `municipality_id`) or a nominated one being changed.
#[component]
pub fn MemberForm(
    #[prop(optional)] member: Option<Member>,
    /// The municipality of a new member (empty: the caller's own).
    #[prop(into)]
    municipality_id: Signal<String>,
    on_saved: Callback<Member>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let auth = Auth::get();
    let api = auth.api();
    let editing = member.is_some();
    let m = member.clone();
    let original = StoredValue::new(member);
    let get = |f: fn(&Member) -> Option<String>| m.as_ref().and_then(f).unwrap_or_default();

    let user_id = RwSignal::new(get(|m| m.user_id.clone()));
    let full_name = RwSignal::new(get(|m| Some(m.full_name.clone())));
    let subject_ids = RwSignal::new(
        m.as_ref()
            .map(|m| m.subjects.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let level = RwSignal::new(
        m.as_ref()
            .map(|m| m.level)
            .unwrap_or(TutorLevel::Municipal)
            .as_str()
            .to_string(),
    );
    let position = RwSignal::new(get(|m| m.position.clone()));
    let school_id = RwSignal::new(get(|m| m.school_id.clone()));
    let workplace = RwSignal::new(get(|m| m.workplace.clone()));
    let problem = RwSignal::new(None::<Problem>);
    let conflict = RwSignal::new(false);
    let saving = RwSignal::new(false);

    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    let school_options = RwSignal::new(Vec::<(String, String)>::new());
    let users = RwSignal::new(Vec::<User>::new());
    spawn_local(async move {
        subject_options.try_set(subjects(api).await);
    });
    // The municipality whose schools and accounts are offered.
    let place = Memo::new(move |_| {
        original
            .with_value(|o| o.as_ref().map(|m| m.municipality_id.clone()))
            .or_else(|| non_empty(municipality_id.get()))
            .or_else(|| {
                auth.me
                    .with(|m| m.as_ref().and_then(|m| m.municipality_id.clone()))
            })
            .unwrap_or_default()
    });
    let seq = StoredValue::new(0u32);
    Effect::new(move |_| {
        let mid = place.get();
        let my = seq.get_value().wrapping_add(1);
        seq.set_value(my);
        if mid.is_empty() {
            return;
        }
        spawn_local(async move {
            let list: Vec<(String, String)> = schools(api, Some(mid.clone()))
                .await
                .into_iter()
                .filter(|s| s.meta.archived_at.is_none())
                .map(|s| (s.id, s.short_name))
                .collect();
            let accounts = people(api, &mid, &[Role::Tutor, Role::Teacher]).await;
            if seq.try_get_value() == Some(my) {
                school_options.try_set(list);
                users.try_set(accounts);
            }
        });
    });
    let user_options = Signal::derive(move || {
        users.with(|v| {
            v.iter()
                .map(|u| {
                    (
                        u.id.clone(),
                        format!("{} — {}", u.full_name, u.role.label_ru().to_lowercase()),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // Choosing an account fills the blank fields from it.
    Effect::new(move |prev: Option<String>| {
        let uid = user_id.get();
        if prev.is_some_and(|p| p != uid) && !uid.is_empty() {
            if let Some(u) = users.with_untracked(|v| v.iter().find(|u| u.id == uid).cloned()) {
                if full_name.with_untracked(|s| s.trim().is_empty()) {
                    full_name.set(u.full_name.clone());
                }
                if position.with_untracked(|s| s.trim().is_empty()) {
                    position.set(u.position.clone().unwrap_or_default());
                }
                if school_id.with_untracked(String::is_empty) {
                    school_id.set(u.school_id.clone().unwrap_or_default());
                }
            }
        }
        uid
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let input = MemberInput {
            municipality_id: if editing {
                None
            } else {
                non_empty(municipality_id.get_untracked())
            },
            academic_year_id: None,
            user_id: non_empty(user_id.get_untracked()),
            full_name: full_name.get_untracked().trim().to_string(),
            subject_ids: subject_ids.get_untracked(),
            level: TutorLevel::parse(&level.get_untracked()).unwrap_or(TutorLevel::Municipal),
            position: non_empty(position.get_untracked()),
            school_id: non_empty(school_id.get_untracked()),
            workplace: non_empty(workplace.get_untracked()),
            version: original.with_value(|o| o.as_ref().map(|m| m.meta.version)),
        };
        if let Err(errs) = input.validate() {
            problem.set(Some(validation_problem(errs)));
            return;
        }
        saving.set(true);
        problem.set(None);
        conflict.set(false);
        let target = original.with_value(|o| o.as_ref().map(|m| m.id.clone()));
        spawn_local(async move {
            let res = match &target {
                Some(id) => {
                    api.put::<_, Member>(&format!("/composition/members/{id}"), &input)
                        .await
                }
                None => api.post::<_, Member>("/composition/members", &input).await,
            };
            match res {
                Ok(m) => on_saved.run(m),
                Err(mut p) => {
                    if explain_member_problem(&mut p) {
                        conflict.try_set(true);
                    }
                    problem.try_set(Some(p));
                }
            }
            saving.try_set(false);
        });
    };

    let subject_boxes = move || {
        let opts = subject_options.get();
        if opts.is_empty() {
            return view! { <p class="loading">"Загрузка предметов…"</p> }.into_any();
        }
        view! {
            <div class="check-grid">
                {opts
                    .into_iter()
                    .map(|(id, name)| {
                        let (a, b) = (id.clone(), id.clone());
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    name="subject_ids"
                                    value=id
                                    prop:checked=move || subject_ids.with(|v| v.contains(&a))
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        let id = b.clone();
                                        subject_ids.update(|v| {
                                            v.retain(|x| *x != id);
                                            if on {
                                                v.push(id);
                                            }
                                        });
                                        problem.update(|p| {
                                            if let Some(p) = p {
                                                p.errors.retain(|e| !e.field.starts_with("subject_ids"));
                                            }
                                        });
                                    }
                                />
                                <span>{name}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    };

    view! {
        <form class="card form" on:submit=submit data-testid="member-form" novalidate=true>
            <h2>{if editing { "Изменение участника" } else { "Новый участник" }}</h2>
            <p class="hint">
                {if editing {
                    "Участник выдвинут и ещё не утверждён приказом: его данные можно менять."
                } else {
                    "Участник добавляется выдвинутым; в состав его включает приказ об утверждении (или о внесении изменений)."
                }}
            </p>
            <ErrorBanner problem />
            <Show when=move || conflict.get()>
                <p>
                    <button type="button" class="btn" on:click=|_| reload_page()>"Обновить страницу"</button>
                </p>
            </Show>
            <SelectField
                label="Учётная запись"
                name="user_id"
                value=user_id
                options=user_options
                problem
                placeholder="— без учётной записи —"
                hint="Тьютор или учитель муниципалитета; у кого нет учётной записи — оставьте пустым."
            />
            <TextField label="ФИО полностью" name="full_name" value=full_name problem required=true autocomplete="off" />
            <fieldset class="fieldset" class:has-error=move || subjects_error(problem).is_some() data-testid="member-subjects">
                <legend>"Предметы" <span class="req" title="обязательное поле">" *"</span></legend>
                {subject_boxes}
                {move || subjects_error(problem).map(|m| view! { <p class="field-error" data-testid="error-subject_ids">{m}</p> })}
            </fieldset>
            <div class="grid-2">
                <SelectField
                    label="Уровень тьютора"
                    name="level"
                    value=level
                    options=Signal::derive(|| enum_options(TutorLevel::ALL, TutorLevel::as_str, TutorLevel::label_ru))
                    problem
                    required=true
                />
                <TextField label="Должность" name="position" value=position problem hint="Например: учитель математики" />
            </div>
            <SelectField
                label="Школа"
                name="school_id"
                value=school_id
                options=school_options
                problem
                placeholder="— не работает в школе —"
            />
            <TextField label="Место работы" name="workplace" value=workplace problem hint="Если это не школа или название отличается, например: МКУ ИМЦ" />
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" data-testid="member-save" disabled=move || saving.get()>
                    {move || if saving.get() { "Сохранение…" } else if editing { "Сохранить" } else { "Добавить участника" }}
                </button>
                <button type="button" class="btn btn-link" on:click=move |_| on_cancel.run(())>"Отмена"</button>
            </div>
        </form>
    }
}

#[component]
pub fn MemberCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || {
        let id = id.get();
        view! { <MemberCard id /> }
    }
}

/// «№ 01-03/24 от 01.09.2025».
fn order_label(o: &CompositionOrder) -> String {
    format!("№ {} от {}", o.number, format_date_ru(o.issued_on))
}

#[component]
fn MemberCard(id: String) -> impl IntoView {
    set_title("Участник сообщества");
    let auth = Auth::get();
    let api = auth.api();
    let navigate = use_navigate();
    let mid = StoredValue::new(id);
    let member = RwSignal::new(None::<Member>);
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let editing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let approved_order = RwSignal::new(None::<CompositionOrder>);
    let excluded_order = RwSignal::new(None::<CompositionOrder>);

    let attachments = RwSignal::new(None::<Vec<Attachment>>);
    let att_problem = RwSignal::new(None::<Problem>);
    let load_attachments = move || {
        spawn_local(async move {
            let path = format!("/composition/members/{}/attachments", mid.get_value());
            match api.get::<Vec<Attachment>>(&path, Vec::new()).await {
                Ok(v) => {
                    attachments.try_set(Some(v));
                }
                Err(p) => {
                    att_problem.try_set(Some(p));
                }
            }
        });
    };

    let apply = move |m: Member| {
        set_title(&m.full_name);
        for (order_id, target) in [
            (m.approved_order_id.clone(), approved_order),
            (m.excluded_order_id.clone(), excluded_order),
        ] {
            if let Some(oid) = order_id {
                if target.with_untracked(|o| o.as_ref().map(|o| o.id.clone())) != Some(oid.clone())
                {
                    spawn_local(async move {
                        if let Ok(o) = api
                            .get::<CompositionOrder>(
                                &format!("/composition/orders/{oid}"),
                                Vec::new(),
                            )
                            .await
                        {
                            target.try_set(Some(o));
                        }
                    });
                }
            }
        }
        member.try_set(Some(m));
    };
    spawn_local(async move {
        match api
            .get::<Member>(
                &format!("/composition/members/{}", mid.get_value()),
                Vec::new(),
            )
            .await
        {
            Ok(m) => {
                apply(m);
                load_attachments();
            }
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });

    let manages = move || auth.can(Resource::Composition, Action::Update);
    // School cards open for those who see the municipality's schools.
    let sees_schools = move || {
        auth.me.with(|m| {
            m.as_ref().is_some_and(|m| {
                scope(m.role, Resource::School, Action::Read)
                    .is_some_and(|s| s >= Scope::Municipality)
            })
        })
    };
    let nominated = move || {
        member.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.status == MemberStatus::Nominated)
        })
    };
    let approved = move || {
        member.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.status == MemberStatus::Approved)
        })
    };

    // Set after the member is removed: back to the list.
    let gone = RwSignal::new(false);
    Effect::new(move |_| {
        if gone.get() {
            navigate("/composition", Default::default());
        }
    });
    let remove = move |_| {
        let Some(m) = member.get_untracked() else {
            return;
        };
        if !confirm(&format!(
            "Удалить выдвинутого участника «{}»? Он не попадёт в приказ.",
            m.full_name
        )) {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match api
                .delete::<Member>(&format!("/composition/members/{}", m.id))
                .await
            {
                Ok(_) => {
                    gone.try_set(true);
                }
                Err(mut p) => {
                    explain_member_problem(&mut p);
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let order_link = move |o: Option<CompositionOrder>, fallback_id: Option<String>| {
        match (o, fallback_id) {
        (Some(o), _) => Some(
            view! { <a href=format!("/composition/orders/{}", o.id) data-testid="member-order">{format!("приказ {}", order_label(&o))}</a> }
                .into_any(),
        ),
        (None, Some(id)) => Some(view! { <a href=format!("/composition/orders/{id}") data-testid="member-order">"приказ"</a> }.into_any()),
        _ => None,
    }
    };

    let props = move |m: Member| {
        let subjects = m
            .subjects
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let sees_users = auth.sees_others(Resource::User);
        view! {
            <dl class="props" data-testid="member-props">
                <dt>"Статус"</dt>
                <dd><MemberStatusBadge status=m.status /></dd>
                <dt>"Предметы"</dt>
                <dd data-testid="member-subjects-list">{subjects}</dd>
                <dt>"Уровень"</dt>
                <dd><LevelBadge level=m.level /></dd>
                <dt>"Должность"</dt>
                <dd>{m.position.clone().unwrap_or_else(|| "—".to_string())}</dd>
                <dt>"Школа"</dt>
                <dd>
                    {match (m.school_id.clone(), m.school_name.clone()) {
                        (Some(id), Some(name)) if sees_schools() => view! { <a href=format!("/schools/{id}")>{name}</a> }.into_any(),
                        (_, Some(name)) => view! { <span>{name}</span> }.into_any(),
                        _ => view! { <span>"—"</span> }.into_any(),
                    }}
                </dd>
                {m.workplace.clone().map(|w| view! { <dt>"Место работы"</dt><dd>{w}</dd> })}
                <dt>"Учётная запись"</dt>
                <dd>
                    {match m.user_id.clone() {
                        Some(u) if sees_users => view! { <a href=format!("/users/{u}/edit")>"есть, открыть"</a> }.into_any(),
                        Some(_) => view! { <span>"есть"</span> }.into_any(),
                        None => view! { <span class="muted">"нет"</span> }.into_any(),
                    }}
                </dd>
                <dt>"Внесён"</dt>
                <dd class="muted small">{datetime_ru(m.meta.created_at)}</dd>
                {(datetime_ru(m.meta.updated_at) != datetime_ru(m.meta.created_at)).then(|| view! {
                    <dt>"Изменён"</dt>
                    <dd class="muted small">{datetime_ru(m.meta.updated_at)}</dd>
                })}
            </dl>
        }
    };

    let orders_box = move |m: Member| {
        let approved_line = m.approved_on.map(|d| {
            view! {
                <li data-testid="member-approved">
                    <span class="strong">{format!("Утверждён с {}", format_date_ru(d))}</span>
                    " — "
                    {move || order_link(approved_order.get(), m.approved_order_id.clone())}
                </li>
            }
        });
        let excluded_id = m.excluded_order_id.clone();
        let reason = m.exclusion_reason.clone();
        let excluded_line = m.excluded_on.map(|d| {
            view! {
                <li data-testid="member-excluded">
                    <span class="strong">{format!("Исключён с {}", format_date_ru(d))}</span>
                    " — "
                    {move || order_link(excluded_order.get(), excluded_id.clone())}
                    {reason.clone().map(|r| view! { <div class="small">{format!("Причина: {r}")}</div> })}
                </li>
            }
        });
        let none = approved_line.is_none() && excluded_line.is_none();
        view! {
            <div class="card" data-testid="member-orders">
                <h2>"Приказы"</h2>
                {none.then(|| view! { <p class="muted">"Участник ещё не утверждён приказом."</p> })}
                <ul class="plain-list">
                    {approved_line}
                    {excluded_line}
                </ul>
            </div>
        }
    };

    // ---- Attachments ----
    let attach_kind = RwSignal::new("school".to_string());
    let attach_school = RwSignal::new(String::new());
    let attach_teacher = RwSignal::new(String::new());
    let school_choices = RwSignal::new(Vec::<School>::new());
    let teacher_choices = RwSignal::new(Vec::<User>::new());
    let choices_loaded = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(municipality) = member.with(|m| {
            m.as_ref()
                .filter(|m| m.status == MemberStatus::Approved)
                .map(|m| m.municipality_id.clone())
        }) else {
            return;
        };
        if !auth.can(Resource::Composition, Action::Create) || choices_loaded.get_untracked() {
            return;
        }
        choices_loaded.set(true);
        spawn_local(async move {
            let mut list: Vec<School> = schools(api, Some(municipality.clone()))
                .await
                .into_iter()
                .filter(|s| s.meta.archived_at.is_none())
                .collect();
            // ШНОР first, then the other supported schools (ШССУ, 500+), then the rest.
            list.sort_by_key(|s| {
                if s.is_low_results {
                    0
                } else if s.is_difficult_conditions || s.is_500plus {
                    1
                } else {
                    2
                }
            });
            school_choices.try_set(list);
            teacher_choices.try_set(people(api, &municipality, &[Role::Teacher]).await);
        });
    });
    let attached_schools = move || {
        attachments.with(|a| {
            a.as_ref()
                .map(|v| {
                    v.iter()
                        .filter_map(|a| a.school_id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let attach = move |ev: SubmitEvent| {
        ev.prevent_default();
        let by_school = attach_kind.get_untracked() == "school";
        let input = AttachmentInput {
            school_id: if by_school {
                non_empty(attach_school.get_untracked())
            } else {
                None
            },
            teacher_user_id: if by_school {
                None
            } else {
                non_empty(attach_teacher.get_untracked())
            },
        };
        if input.school_id.is_none() && input.teacher_user_id.is_none() {
            let (field, msg) = if by_school {
                ("attach_school_id", "Выберите школу")
            } else {
                ("attach_teacher_id", "Выберите учителя")
            };
            att_problem.set(Some(validation_problem(vec![FieldError::new(
                field, "required", msg,
            )])));
            return;
        }
        busy.set(true);
        att_problem.set(None);
        message.set(None);
        spawn_local(async move {
            let path = format!("/composition/members/{}/attachments", mid.get_value());
            match api.post::<_, Attachment>(&path, &input).await {
                Ok(a) => {
                    let name = a
                        .school_name
                        .clone()
                        .or(a.teacher_name.clone())
                        .unwrap_or_default();
                    message.try_set(Some(format!("Тьютор закреплён: {name}.")));
                    attach_school.try_set(String::new());
                    attach_teacher.try_set(String::new());
                    load_attachments();
                }
                Err(mut p) => {
                    // Server field names → the fields of this form.
                    for e in p.errors.iter_mut() {
                        if e.field == "school_id" {
                            e.field = if by_school {
                                "attach_school_id"
                            } else {
                                "attach_teacher_id"
                            }
                            .to_string();
                        } else if e.field == "teacher_user_id" {
                            e.field = "attach_teacher_id".to_string();
                        }
                    }
                    if p.code == "member_not_approved" {
                        p.title = "Закрепление невозможно.".to_string();
                    }
                    att_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    let detach = move |a: Attachment| {
        let name = a
            .school_name
            .clone()
            .or(a.teacher_name.clone())
            .unwrap_or_default();
        if !confirm(&format!("Снять закрепление: {name}?")) {
            return;
        }
        busy.set(true);
        att_problem.set(None);
        message.set(None);
        spawn_local(async move {
            match api
                .delete::<Attachment>(&format!("/composition/attachments/{}", a.id))
                .await
            {
                Ok(_) => {
                    message.try_set(Some(format!("Закрепление снято: {name}.")));
                    load_attachments();
                }
                Err(p) => {
                    att_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    let may_attach = move || auth.can(Resource::Composition, Action::Create);
    let school_select = move || {
        let taken = attached_schools();
        let list: Vec<School> = school_choices
            .get()
            .into_iter()
            .filter(|s| !taken.contains(&s.id))
            .collect();
        let group = |rank: u8, label: &'static str, list: &[School]| {
            let items: Vec<School> = list
                .iter()
                .filter(|s| {
                    let r = if s.is_low_results {
                        0
                    } else if s.is_difficult_conditions || s.is_500plus {
                        1
                    } else {
                        2
                    };
                    r == rank
                })
                .cloned()
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <optgroup label=label>
                        {items
                            .into_iter()
                            .map(|s| {
                                let flags = s.flag_labels().join(", ");
                                let text = if flags.is_empty() {
                                    s.short_name.clone()
                                } else {
                                    format!("{} — {flags}", s.short_name)
                                };
                                let v = s.id.clone();
                                view! {
                                    <option value=s.id.clone() prop:selected=move || attach_school.with(|c| *c == v)>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </optgroup>
                }
            })
        };
        view! {
            <div class="field" class:has-error=move || field_error(att_problem, "attach_school_id").is_some()>
                <label for="f-attach_school_id">"Школа" <span class="req">" *"</span></label>
                <select
                    id="f-attach_school_id"
                    name="attach_school_id"
                    aria-describedby="err-attach_school_id"
                    on:change:target=move |ev| {
                        attach_school.set(ev.target().value());
                        att_problem.set(None);
                    }
                >
                    <option value="" prop:selected=move || attach_school.with(String::is_empty)>"— выберите школу —"</option>
                    {group(0, "ШНОР", &list)}
                    {group(1, "ШССУ и «500+»", &list)}
                    {group(2, "Другие школы", &list)}
                </select>
                <p class="hint">"Сначала — школы с низкими образовательными результатами (ШНОР)."</p>
                {move || field_error(att_problem, "attach_school_id").map(|m| view! { <p class="field-error" id="err-attach_school_id" data-testid="error-attach_school_id">{m}</p> })}
            </div>
        }
    };
    let teacher_options = Signal::derive(move || {
        teacher_choices.with(|v| {
            v.iter()
                .map(|u| {
                    (
                        u.id.clone(),
                        match &u.position {
                            Some(p) => format!("{} — {p}", u.full_name),
                            None => u.full_name.clone(),
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
    });

    let attachments_box = move || {
        let list = attachments.get();
        let is_approved = approved();
        view! {
            <div class="card" data-testid="attachments">
                <h2>"Закрепление"</h2>
                <p class="hint">"Школы и учителя, которым тьютор оказывает адресную методическую помощь."</p>
                {match list {
                    None => view! {
                        <Show when=move || att_problem.with(Option::is_none)>
                            <p class="loading" data-testid="loading">"Загрузка…"</p>
                        </Show>
                    }.into_any(),
                    Some(v) if v.is_empty() => view! { <p class="muted" data-testid="attachments-empty">"Тьютор ни за кем не закреплён."</p> }.into_any(),
                    Some(v) => view! {
                        <ul class="plain-list">
                            {v.into_iter().map(|a| {
                                let a2 = a.clone();
                                let (kind, name) = match (&a.school_name, &a.teacher_name) {
                                    (Some(s), _) => ("Школа", s.clone()),
                                    (None, Some(t)) => ("Учитель", t.clone()),
                                    _ => ("", "—".to_string()),
                                };
                                view! {
                                    <li class="attachment-row" data-testid="attachment-row">
                                        <span>
                                            <span class="muted small">{format!("{kind}: ")}</span>
                                            {match a.school_id.as_ref().filter(|_| sees_schools()) {
                                                Some(id) => view! { <a href=format!("/schools/{id}") class="strong">{name.clone()}</a> }.into_any(),
                                                None => view! { <span class="strong">{name.clone()}</span> }.into_any(),
                                            }}
                                            <span class="muted small">{format!(" · с {}", format_date_ru(crate::api_community::local(a.meta.created_at).date()))}</span>
                                        </span>
                                        <Show when=may_attach>
                                            {
                                                let a3 = a2.clone();
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="btn btn-link btn-danger no-print"
                                                        data-testid="attachment-remove"
                                                        disabled=move || busy.get()
                                                        on:click=move |_| detach(a3.clone())
                                                    >
                                                        "Снять"
                                                    </button>
                                                }
                                            }
                                        </Show>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
                <Show when=move || may_attach() && !is_approved>
                    <p class="hint no-print">"Закрепить можно только утверждённого приказом тьютора."</p>
                </Show>
                <Show when=move || may_attach() && is_approved>
                    <form class="form attach-form no-print" on:submit=attach data-testid="attach-form" novalidate=true>
                        <h3>"Закрепить"</h3>
                        <ErrorBanner problem=att_problem />
                        <div class="radio-row" role="radiogroup" aria-label="За кем закрепить">
                            <label class="check">
                                <input type="radio" name="attach_kind" value="school" prop:checked=move || attach_kind.get() == "school" on:change=move |_| { attach_kind.set("school".to_string()); att_problem.set(None); } />
                                <span>"за школой"</span>
                            </label>
                            <label class="check">
                                <input type="radio" name="attach_kind" value="teacher" prop:checked=move || attach_kind.get() == "teacher" on:change=move |_| { attach_kind.set("teacher".to_string()); att_problem.set(None); } />
                                <span>"за учителем"</span>
                            </label>
                        </div>
                        <Show
                            when=move || attach_kind.get() == "school"
                            fallback=move || view! {
                                <SelectField
                                    label="Учитель"
                                    name="attach_teacher_id"
                                    value=attach_teacher
                                    options=teacher_options
                                    problem=att_problem
                                    placeholder="— выберите учителя —"
                                    required=true
                                />
                            }
                        >
                            {school_select}
                        </Show>
                        <div class="form-actions">
                            <button type="submit" class="btn btn-primary" data-testid="attach-submit" disabled=move || busy.get()>
                                "Закрепить"
                            </button>
                        </div>
                    </form>
                </Show>
            </div>
        }
    };

    let on_saved = Callback::new(move |m: Member| {
        editing.set(false);
        message.set(Some("Изменения сохранены.".to_string()));
        apply(m);
    });
    let on_cancel = Callback::new(move |_| editing.set(false));

    view! {
        <section class="page" data-testid="member-card">
            <p class="crumbs">
                <a href="/composition">"Состав сообщества"</a>
                " / "
                <span>"Участник"</span>
            </p>
            <ErrorBanner problem />
            <Show when=move || member.with(Option::is_none) && problem.with(Option::is_none)>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            <Show when=move || member.with(Option::is_some)>
                <div class="page-head">
                    <h1 data-testid="member-name">{move || member.with(|m| m.as_ref().map(|m| m.full_name.clone()))}</h1>
                    <div class="actions no-print">
                        <Show when=move || manages() && nominated() && !editing.get()>
                            <button type="button" class="btn" data-testid="member-edit" on:click=move |_| { message.set(None); editing.set(true); }>"Изменить"</button>
                            <button type="button" class="btn btn-danger" data-testid="member-delete" disabled=move || busy.get() on:click=remove>"Удалить"</button>
                        </Show>
                        <button type="button" class="btn" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Печать"</button>
                    </div>
                </div>
                <Banner message />
                <Show when=move || manages() && !nominated()>
                    <p class="banner banner-info no-print" data-testid="member-approved-note">
                        {APPROVED_MESSAGE} ": "
                        <a href="/composition/orders/new">"новый приказ"</a>
                        "."
                    </p>
                </Show>
                <div class="two-col">
                    <div>
                        {move || {
                            if editing.get() {
                                member.get().map(|m| view! {
                                    <MemberForm member=m municipality_id=Signal::derive(String::new) on_saved on_cancel />
                                }.into_any())
                            } else {
                                member.get().map(|m| view! { <div class="card">{props(m)}</div> }.into_any())
                            }
                        }}
                        {move || member.get().map(orders_box)}
                    </div>
                    <div>
                        {attachments_box}
                    </div>
                </div>
            </Show>
        </section>
    }
}
