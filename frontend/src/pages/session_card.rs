//! `/sessions/:id`: one session — details, registration, the log, amendments, ratings.

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use tutornet_domain::community::{
    AmendmentInput, RatingInput, RegistrationStatus, SessionCancel, SessionDetail, SessionLogInput,
    SessionStatus, AMENDABLE_FIELDS,
};
use tutornet_domain::files::StoredFile;
use tutornet_domain::text::format_date_ru;
use tutornet_domain::{FieldError, Problem, Role};

use crate::api::validation_problem;
use crate::api_community::{delete_empty, hhmm, local};
use crate::auth::Auth;
use crate::components::community::{SessionStatusBadge, Stars};
use crate::components::fields::field_error;
use crate::components::files::{upload_file, FileRow, UploadButton};
use crate::components::{Banner, ErrorBanner, SelectField, TextField};
use crate::util::{confirm, datetime_ru, non_empty, plural, set_title};

#[component]
pub fn SessionCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || {
        let id = id.get();
        view! { <SessionCard id /> }
    }
}

fn field_label(f: &str) -> &'static str {
    match f {
        "outcome" => "Результат",
        "summary" => "Краткое содержание",
        "private_notes" => "Служебные заметки",
        "materials" => "Материалы",
        "students_class" => "Класс обучающихся",
        "students_count" => "Число обучающихся",
        _ => "Поле",
    }
}

/// A read-only paragraph with line breaks kept, or nothing.
fn para(label: &'static str, v: Option<String>) -> impl IntoView {
    v.filter(|s| !s.trim().is_empty()).map(|v| {
        view! {
            <dt>{label}</dt>
            <dd class="pre">{v}</dd>
        }
    })
}

#[component]
fn SessionCard(id: String) -> impl IntoView {
    set_title("Занятие");
    let auth = Auth::get();
    let api = auth.api();
    let detail = RwSignal::new(None::<SessionDetail>);
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sid = StoredValue::new(id.clone());
    // The material files, kept apart so that an upload does not redraw the forms.
    let files = RwSignal::new(Vec::<StoredFile>::new());

    let apply = move |d: SessionDetail| {
        set_title(&d.session.title);
        files.try_set(d.files.clone());
        detail.try_set(Some(d));
    };
    spawn_local(async move {
        match api
            .get::<SessionDetail>(&format!("/sessions/{}", sid.get_value()), Vec::new())
            .await
        {
            Ok(d) => apply(d),
            Err(p) => {
                problem.try_set(Some(p));
            }
        }
    });
    let reload = move || {
        spawn_local(async move {
            if let Ok(d) = api
                .get::<SessionDetail>(&format!("/sessions/{}", sid.get_value()), Vec::new())
                .await
            {
                apply(d);
            }
        });
    };

    // Registration.
    let reg_problem = RwSignal::new(None::<Problem>);
    let register = move |on: bool| {
        busy.set(true);
        reg_problem.set(None);
        message.set(None);
        spawn_local(async move {
            let path = format!("/sessions/{}/registration", sid.get_value());
            let res = if on {
                api.post::<_, SessionDetail>(&path, &serde_json::json!({}))
                    .await
            } else {
                api.delete::<SessionDetail>(&path).await
            };
            match res {
                Ok(d) => {
                    let m = match d.session.my_registration {
                        Some(RegistrationStatus::Registered) => "Вы записаны на занятие.",
                        Some(RegistrationStatus::Waitlisted) => "Мест нет: вы в листе ожидания.",
                        _ => "Запись отменена.",
                    };
                    message.try_set(Some(m.to_string()));
                    apply(d);
                }
                Err(p) => {
                    reg_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    // The log.
    let attended = RwSignal::new(Vec::<String>::new());
    let students_class = RwSignal::new(String::new());
    let students_count = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let private_notes = RwSignal::new(String::new());
    let materials = RwSignal::new(String::new());
    let log_problem = RwSignal::new(None::<Problem>);
    let save_log = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(version) = detail.with_untracked(|d| d.as_ref().map(|d| d.session.version)) else {
            return;
        };
        let mut errs = Vec::new();
        let count = match students_count.get_untracked().trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errs.push(FieldError::new(
                        "students_count",
                        "invalid",
                        "Введите целое число",
                    ));
                    None
                }
            },
        };
        let input = SessionLogInput {
            attended_user_ids: attended.get_untracked(),
            students_class: non_empty(students_class.get_untracked()),
            students_count: count,
            outcome: outcome.get_untracked().trim().to_string(),
            summary: non_empty(summary.get_untracked()),
            private_notes: non_empty(private_notes.get_untracked()),
            materials: non_empty(materials.get_untracked()),
            version,
        };
        if let Err(v) = input.validate() {
            errs.extend(v);
        }
        if !errs.is_empty() {
            log_problem.set(Some(validation_problem(errs)));
            return;
        }
        busy.set(true);
        log_problem.set(None);
        spawn_local(async move {
            match api
                .post::<_, SessionDetail>(&format!("/sessions/{}/log", sid.get_value()), &input)
                .await
            {
                Ok(d) => {
                    message.try_set(Some(
                        "Занятие отмечено проведённым, журнал сохранён.".to_string(),
                    ));
                    apply(d);
                }
                Err(p) => {
                    log_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    // Amendments.
    let am_field = RwSignal::new("outcome".to_string());
    let am_value = RwSignal::new(String::new());
    let am_note = RwSignal::new(String::new());
    let am_problem = RwSignal::new(None::<Problem>);
    let save_amendment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = AmendmentInput {
            field: am_field.get_untracked(),
            value: am_value.get_untracked().trim().to_string(),
            note: am_note.get_untracked().trim().to_string(),
        };
        let mut errs = Vec::new();
        if input.note.is_empty() {
            errs.push(FieldError::new(
                "note",
                "required",
                "Объясните, почему вносится поправка",
            ));
        }
        if !errs.is_empty() {
            am_problem.set(Some(validation_problem(errs)));
            return;
        }
        busy.set(true);
        am_problem.set(None);
        spawn_local(async move {
            match api
                .post::<_, SessionDetail>(
                    &format!("/sessions/{}/amendments", sid.get_value()),
                    &input,
                )
                .await
            {
                Ok(d) => {
                    message.try_set(Some("Поправка внесена.".to_string()));
                    am_value.try_set(String::new());
                    am_note.try_set(String::new());
                    apply(d);
                }
                Err(p) => {
                    am_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    // Rating.
    let score = RwSignal::new(0i32);
    let rating_comment = RwSignal::new(String::new());
    let rating_problem = RwSignal::new(None::<Problem>);
    let save_rating = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = score.get_untracked();
        if !(1..=5).contains(&s) {
            rating_problem.set(Some(validation_problem(vec![FieldError::new(
                "score",
                "required",
                "Выберите оценку от 1 до 5",
            )])));
            return;
        }
        let input = RatingInput {
            score: s,
            comment: non_empty(rating_comment.get_untracked()),
        };
        busy.set(true);
        rating_problem.set(None);
        spawn_local(async move {
            match api
                .post::<_, SessionDetail>(&format!("/sessions/{}/ratings", sid.get_value()), &input)
                .await
            {
                Ok(d) => {
                    message.try_set(Some("Спасибо за оценку!".to_string()));
                    apply(d);
                }
                Err(p) => {
                    rating_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    // Cancel.
    let cancel_open = RwSignal::new(false);
    let cancel_reason = RwSignal::new(String::new());
    let cancel_problem = RwSignal::new(None::<Problem>);
    let do_cancel = move |_| {
        let Some(version) = detail.with_untracked(|d| d.as_ref().map(|d| d.session.version)) else {
            return;
        };
        let reason = cancel_reason.get_untracked().trim().to_string();
        if reason.is_empty() {
            cancel_problem.set(Some(validation_problem(vec![FieldError::new(
                "reason",
                "required",
                "Укажите причину отмены",
            )])));
            return;
        }
        if !confirm("Отменить занятие? Записавшиеся получат уведомление.")
        {
            return;
        }
        busy.set(true);
        cancel_problem.set(None);
        spawn_local(async move {
            let body = SessionCancel { reason, version };
            match api
                .post::<_, tutornet_domain::community::Session>(
                    &format!("/sessions/{}/cancel", sid.get_value()),
                    &body,
                )
                .await
            {
                Ok(_) => {
                    message.try_set(Some("Занятие отменено.".to_string()));
                    cancel_open.try_set(false);
                    reload();
                }
                Err(p) => {
                    cancel_problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };

    let me_id = move || {
        auth.me
            .with(|m| m.as_ref().map(|m| m.id.clone()).unwrap_or_default())
    };

    let details = move |d: &SessionDetail| {
        let s = d.session.clone();
        let when = format!(
            "{}, {}–{}",
            format_date_ru(local(s.starts_at).date()),
            hhmm(s.starts_at),
            hhmm(s.ends_at)
        );
        let seats = match s.seats {
            Some(n) => format!(
                "записано {} из {n}; свободно {}",
                s.registered,
                (n as i64 - s.registered).max(0)
            ),
            None => format!("записано {} (без ограничения мест)", s.registered),
        };
        view! {
            <dl class="props" data-testid="session-props">
                <dt>"Статус"</dt>
                <dd><SessionStatusBadge status=s.status /></dd>
                <dt>"Когда"</dt>
                <dd data-testid="session-when">{when}</dd>
                <dt>"Форма работы"</dt>
                <dd>{s.form.label_ru()}</dd>
                <dt>"Предмет"</dt>
                <dd>{s.subject_name.clone().unwrap_or_else(|| "—".to_string())}</dd>
                <dt>"Формат"</dt>
                <dd>
                    {s.format.label_ru()}
                    {s.place.clone().map(|p| format!(": {p}"))}
                    {s.online_link.clone().map(|l| view! { ": " <a href=l.clone() target="_blank" rel="noopener">{l.clone()}</a> })}
                </dd>
                <dt>"Аудитория"</dt>
                <dd>{s.audience.label_ru()}</dd>
                <dt>"Тьюторы"</dt>
                <dd>{s.tutors.iter().map(|t| t.full_name.clone()).collect::<Vec<_>>().join(", ")}</dd>
                <dt>"Места"</dt>
                <dd data-testid="session-seats">
                    {seats}
                    {(s.waitlisted > 0).then(|| format!("; в листе ожидания {}", s.waitlisted))}
                </dd>
                {(!s.request_ids.is_empty()).then(|| view! {
                    <dt>"По заявкам"</dt>
                    <dd>
                        {s.request_ids.iter().enumerate().map(|(i, r)| view! {
                            {(i > 0).then_some(", ")}
                            <a href=format!("/requests/{r}") data-testid="session-request">{format!("заявка {}", i + 1)}</a>
                        }).collect_view()}
                    </dd>
                })}
                {s.cancel_reason.clone().map(|r| view! { <dt>"Причина отмены"</dt><dd>{r}</dd> })}
                {s.series_id.is_some().then(|| view! { <dt>"Серия"</dt><dd>"Занятие из повторяющейся серии"</dd> })}
            </dl>
        }
    };

    let registration_box = move |d: &SessionDetail| {
        let s = &d.session;
        let open = s.form.is_group()
            && s.audience != tutornet_domain::community::Audience::Students
            && s.status == SessionStatus::Planned;
        let may =
            matches!(auth.role(), Role::Teacher | Role::SchoolAdmin | Role::Tutor) && !d.can_manage;
        if !(open && may) && s.my_registration.is_none() {
            return None;
        }
        let me = me_id();
        let position = d
            .registrations
            .iter()
            .find(|r| r.user_id == me)
            .and_then(|r| r.waitlist_position);
        let state = match s.my_registration {
            Some(RegistrationStatus::Registered) => view! {
                <p class="reg-state ok" data-testid="my-registration">"Вы записаны на это занятие."</p>
            }
            .into_any(),
            Some(RegistrationStatus::Waitlisted) => view! {
                <p class="reg-state warn" data-testid="my-registration">
                    "Мест нет — вы в листе ожидания"
                    {position.map(|p| format!(", место в очереди: {p}"))}
                    ". Если кто-то откажется, вас запишут автоматически."
                </p>
            }
            .into_any(),
            _ => view! {
                <p class="muted" data-testid="my-registration">
                    {match s.seats {
                        Some(n) if s.registered >= n as i64 => "Свободных мест нет: можно встать в лист ожидания.".to_string(),
                        Some(n) => {
                            let free = n as i64 - s.registered;
                            format!("Свободно {free} {} из {n}.", plural(free, "место", "места", "мест"))
                        }
                        None => "Запись открыта.".to_string(),
                    }}
                </p>
            }
            .into_any(),
        };
        let registered = matches!(
            s.my_registration,
            Some(RegistrationStatus::Registered | RegistrationStatus::Waitlisted)
        );
        let planned = s.status == SessionStatus::Planned;
        Some(view! {
            <div class="card no-print" data-testid="registration">
                <h2>"Запись"</h2>
                {state}
                <ErrorBanner problem=reg_problem />
                {planned.then(|| if registered {
                    view! {
                        <button type="button" class="btn btn-danger" data-testid="unregister" disabled=move || busy.get() on:click=move |_| register(false)>
                            "Отменить запись"
                        </button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-primary" data-testid="register" disabled=move || busy.get() on:click=move |_| register(true)>
                            "Записаться"
                        </button>
                    }.into_any()
                })}
            </div>
        })
    };

    let participants = move |d: &SessionDetail| {
        let regs: Vec<_> = d
            .registrations
            .iter()
            .filter(|r| r.status != RegistrationStatus::Cancelled)
            .cloned()
            .collect();
        if regs.is_empty()
            || !(d.can_manage
                || matches!(
                    auth.role(),
                    Role::Coordinator | Role::Admin | Role::SchoolAdmin | Role::Observer
                ))
        {
            return None;
        }
        let held = d.session.status == SessionStatus::Held;
        Some(view! {
            <div class="card" data-testid="participants">
                <h2>{format!("Участники ({})", regs.len())}</h2>
                <ul class="plain-list">
                    {regs.into_iter().map(|r| view! {
                        <li>
                            <span class="strong">{r.full_name.clone()}</span>
                            {r.school_name.clone().map(|s| view! { <span class="muted small">{format!(" · {s}")}</span> })}
                            " "
                            {match r.status {
                                RegistrationStatus::Waitlisted => view! { <span class="badge st-warn">{format!("ожидание №{}", r.waitlist_position.unwrap_or(0))}</span> }.into_any(),
                                _ => view! { <span class="badge st-progress">"записан"</span> }.into_any(),
                            }}
                            {(held && r.attended == Some(true)).then(|| view! { " " <span class="badge st-done">"присутствовал"</span> })}
                            {(held && r.attended == Some(false)).then(|| view! { " " <span class="badge badge-archived">"не пришёл"</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        })
    };

    // Material files.
    let files_problem = RwSignal::new(None::<Problem>);
    let files_message = RwSignal::new(None::<String>);
    let files_busy = RwSignal::new(false);
    let on_file = move |file: web_sys::File| {
        files_message.set(None);
        let path = format!("/sessions/{}/files", sid.get_value());
        upload_file::<StoredFile>(
            api,
            Method::POST,
            path,
            file,
            files_busy,
            files_problem,
            move |f| {
                files_message.try_set(Some(format!("Файл «{}» добавлен.", f.file_name)));
                files.try_update(|v| v.push(f));
            },
        );
    };
    let delete_file = Callback::new(move |f: StoredFile| {
        if !confirm(&format!("Удалить файл «{}»?", f.file_name)) {
            return;
        }
        files_busy.set(true);
        files_problem.set(None);
        files_message.set(None);
        spawn_local(async move {
            let path = f.url.strip_prefix(crate::api::BASE).unwrap_or(&f.url);
            match delete_empty(api, path).await {
                Ok(()) => {
                    files.try_update(|v| v.retain(|x| x.id != f.id));
                    files_message.try_set(Some(format!("Файл «{}» удалён.", f.file_name)));
                }
                Err(p) => {
                    files_problem.try_set(Some(p));
                }
            }
            files_busy.try_set(false);
        });
    });
    let files_box = move |d: &SessionDetail| {
        let manage = d.can_manage;
        // Others see the block only when there is something to download.
        if !manage && d.files.is_empty() {
            return None;
        }
        Some(view! {
            <div class="card" data-testid="session-files">
                <h2>"Материалы"</h2>
                <Banner message=files_message />
                <ErrorBanner problem=files_problem />
                {move || {
                    let list = files.get();
                    if list.is_empty() {
                        view! { <p class="muted" data-testid="no-files">"Файлов пока нет."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list file-list">
                                {list.into_iter().map(|f| if manage {
                                    view! { <FileRow file=f api problem=files_problem busy=files_busy on_delete=delete_file /> }.into_any()
                                } else {
                                    view! { <FileRow file=f api problem=files_problem busy=files_busy /> }.into_any()
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
                {manage.then(|| view! {
                    <UploadButton
                        label="Добавить файл".to_string()
                        testid="session-file-input"
                        busy=files_busy
                        problem=files_problem
                        on_file
                    />
                })}
            </div>
        })
    };

    let log_form = move |d: &SessionDetail| {
        if !(d.can_manage && d.session.status == SessionStatus::Planned) {
            return None;
        }
        let started = d.session.starts_at <= crate::api_community::now();
        let regs: Vec<_> = d
            .registrations
            .iter()
            .filter(|r| r.status == RegistrationStatus::Registered)
            .cloned()
            .collect();
        Some(view! {
            <form class="card form" on:submit=save_log data-testid="log-form" novalidate=true>
                <h2>"Журнал: отметить проведённым"</h2>
                {(!started).then(|| view! { <p class="hint">"Занятие ещё не началось: журнал заполняется после начала."</p> })}
                <ErrorBanner problem=log_problem />
                <fieldset class="fieldset">
                    <legend>"Присутствовали"</legend>
                    {if regs.is_empty() {
                        view! { <p class="muted">"На занятие никто не записывался."</p> }.into_any()
                    } else {
                        regs.into_iter().map(|r| {
                            let (a, b) = (r.user_id.clone(), r.user_id.clone());
                            view! {
                                <label class="check block-check">
                                    <input
                                        type="checkbox"
                                        name="attended_user_ids"
                                        value=r.user_id.clone()
                                        prop:checked=move || attended.with(|v| v.contains(&a))
                                        on:change:target=move |ev| {
                                            let on = ev.target().checked();
                                            let id = b.clone();
                                            attended.update(|v| { v.retain(|x| *x != id); if on { v.push(id); } });
                                        }
                                    />
                                    <span>{r.full_name.clone()}{r.school_name.clone().map(|s| format!(" ({s})"))}</span>
                                </label>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <div class="grid-2">
                    <TextField label="Класс обучающихся" name="students_class" value=students_class problem=log_problem hint="Только класс и число — без имён детей." />
                    <TextField label="Число обучающихся" name="students_count" kind="number" value=students_count problem=log_problem />
                </div>
                <TextField label="Результат" name="outcome" value=outcome problem=log_problem required=true multiline=true hint="Что сделано, чего достигли." />
                <TextField label="Краткое содержание (видят участники)" name="summary" value=summary problem=log_problem multiline=true />
                <TextField label="Служебные заметки (видят тьюторы и координатор)" name="private_notes" value=private_notes problem=log_problem multiline=true />
                <TextField label="Материалы" name="materials" value=materials problem=log_problem multiline=true hint="Названия или ссылки, по одному в строке." />
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save-log" disabled=move || busy.get()>
                        "Отметить проведённым"
                    </button>
                </div>
            </form>
        })
    };

    let log_view = move |d: &SessionDetail| {
        if d.session.status != SessionStatus::Held {
            return None;
        }
        let students = match (&d.students_class, d.students_count) {
            (Some(c), Some(n)) => Some(format!("{c}, {n} чел.")),
            (Some(c), None) => Some(c.clone()),
            (None, Some(n)) => Some(format!("{n} чел.")),
            _ => None,
        };
        Some(view! {
            <div class="card" data-testid="session-log">
                <h2>"Журнал занятия"</h2>
                <dl class="props">
                    {d.held_at.map(|t| view! { <dt>"Отмечено"</dt><dd>{datetime_ru(t)}</dd> })}
                    {para("Обучающиеся", students)}
                    {para("Результат", d.outcome.clone())}
                    {para("Краткое содержание", d.summary.clone())}
                    {para("Служебные заметки", d.private_notes.clone())}
                    {para("Материалы", d.materials.clone())}
                </dl>
            </div>
        })
    };

    let amendments = move |d: &SessionDetail| {
        if d.session.status != SessionStatus::Held {
            return None;
        }
        let list = d.amendments.clone();
        let manage = d.can_manage;
        Some(view! {
            <div class="card" data-testid="amendments">
                <h2>"Поправки"</h2>
                {if list.is_empty() {
                    view! { <p class="muted">"Поправок не было."</p> }.into_any()
                } else {
                    view! {
                        <ol class="timeline">
                            {list.into_iter().map(|a| view! {
                                <li class="timeline-item">
                                    <div class="timeline-head">
                                        <span class="strong">{field_label(&a.field)}</span>
                                        <span class="muted small nowrap">{datetime_ru(a.at)}</span>
                                    </div>
                                    <div class="muted small">{a.author_name.clone().unwrap_or_default()}</div>
                                    <p class="small">
                                        <del>{a.before_value.clone().unwrap_or_else(|| "—".to_string())}</del>
                                        " → "
                                        <ins>{a.after_value.clone().unwrap_or_else(|| "—".to_string())}</ins>
                                    </p>
                                    {a.note.clone().map(|n| view! { <p class="timeline-comment">{n}</p> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {manage.then(|| view! {
                    <form class="form amend-form no-print" on:submit=save_amendment data-testid="amend-form" novalidate=true>
                        <h3>"Внести поправку"</h3>
                        <ErrorBanner problem=am_problem />
                        <SelectField
                            label="Что исправить"
                            name="field"
                            value=am_field
                            options=Signal::derive(|| AMENDABLE_FIELDS.iter().map(|f| (f.to_string(), field_label(f).to_string())).collect::<Vec<_>>())
                            problem=am_problem
                        />
                        <TextField label="Новое значение" name="value" value=am_value problem=am_problem multiline=true />
                        <TextField label="Причина поправки" name="note" value=am_note problem=am_problem required=true />
                        <div class="form-actions">
                            <button type="submit" class="btn" data-testid="save-amendment" disabled=move || busy.get()>"Внести поправку"</button>
                        </div>
                    </form>
                })}
            </div>
        })
    };

    let ratings = move |d: &SessionDetail| {
        if d.session.status != SessionStatus::Held {
            return None;
        }
        let me = me_id();
        let rated = d.ratings.iter().any(|r| r.user_id == me);
        let may_rate = !d.can_manage
            && !rated
            && matches!(auth.role(), Role::Teacher | Role::SchoolAdmin | Role::Tutor);
        let list = d.ratings.clone();
        let avg = d.average_rating;
        Some(view! {
            <div class="card" data-testid="ratings">
                <h2>"Оценки участников"</h2>
                {avg.map(|a| view! {
                    <p data-testid="average-rating">
                        <Stars score=a />
                        {format!(" {:.1} из 5 · {} {}", a, list.len(), plural(list.len() as i64, "оценка", "оценки", "оценок")).replace('.', ",")}
                    </p>
                })}
                {list.is_empty().then(|| view! { <p class="muted">"Оценок пока нет."</p> })}
                <ul class="plain-list">
                    {list.iter().map(|r| view! {
                        <li data-testid="rating">
                            <Stars score=r.score as f64 />
                            " "
                            <span class="strong">{r.full_name.clone()}</span>
                            {r.comment.clone().map(|c| view! { <div class="small">{c}</div> })}
                        </li>
                    }).collect_view()}
                </ul>
                {may_rate.then(|| view! {
                    <form class="form rate-form no-print" on:submit=save_rating data-testid="rating-form" novalidate=true>
                        <h3>"Ваша оценка"</h3>
                        <ErrorBanner problem=rating_problem />
                        <div class="star-input" role="radiogroup" aria-label="Оценка от 1 до 5">
                            {(1..=5i32).map(|n| view! {
                                <button
                                    type="button"
                                    class="star"
                                    class:lit=move || { score.get() >= n }
                                    role="radio"
                                    aria-checked=move || (score.get() == n).to_string()
                                    aria-label=format!("{n} из 5")
                                    data-testid=format!("star-{n}")
                                    on:click=move |_| score.set(n)
                                >
                                    "★"
                                </button>
                            }).collect_view()}
                        </div>
                        {move || field_error(rating_problem, "score").map(|m| view! { <p class="field-error" data-testid="error-score">{m}</p> })}
                        <TextField label="Комментарий" name="rating_comment" value=rating_comment problem=rating_problem multiline=true />
                        <div class="form-actions">
                            <button type="submit" class="btn btn-primary" data-testid="save-rating" disabled=move || busy.get()>"Оценить"</button>
                        </div>
                    </form>
                })}
            </div>
        })
    };

    let cancel_box = move |d: &SessionDetail| {
        (d.can_manage && d.session.status == SessionStatus::Planned).then(|| view! {
            <div class="card no-print" data-testid="cancel-box">
                <Show
                    when=move || cancel_open.get()
                    fallback=move || view! {
                        <button type="button" class="btn btn-danger" data-testid="cancel-session" on:click=move |_| cancel_open.set(true)>
                            "Отменить занятие"
                        </button>
                    }
                >
                    <h2>"Отмена занятия"</h2>
                    <ErrorBanner problem=cancel_problem />
                    <TextField label="Причина отмены" name="reason" value=cancel_reason problem=cancel_problem required=true />
                    <div class="form-actions">
                        <button type="button" class="btn btn-danger" data-testid="confirm-cancel" disabled=move || busy.get() on:click=do_cancel>
                            "Отменить занятие"
                        </button>
                        <button type="button" class="btn btn-link" on:click=move |_| cancel_open.set(false)>"Не отменять"</button>
                    </div>
                </Show>
            </div>
        })
    };

    view! {
        <section class="page" data-testid="session-card">
            <p class="crumbs">
                <a href="/sessions">"Расписание"</a>
                " / "
                <span>"Занятие"</span>
            </p>
            <ErrorBanner problem />
            <Show
                when=move || detail.with(Option::is_some)
                fallback=move || view! {
                    <Show when=move || problem.with(Option::is_none)>
                        <p class="loading" data-testid="loading">"Загрузка…"</p>
                    </Show>
                }
            >
                <div class="page-head">
                    <h1 data-testid="session-title">{move || detail.with(|d| d.as_ref().map(|d| d.session.title.clone()))}</h1>
                    <div class="actions no-print">
                        {move || detail.with(|d| d.as_ref().filter(|d| d.can_manage && d.session.status == SessionStatus::Planned).map(|d| view! {
                            <a class="btn" href=format!("/sessions/{}/edit", d.session.id) data-testid="edit-session">"Изменить"</a>
                        }))}
                        <button type="button" class="btn" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Печать"</button>
                    </div>
                </div>
                <Banner message />
                <div class="two-col">
                    <div>
                        <div class="card">{move || detail.with(|d| d.as_ref().map(&details))}</div>
                        {move || detail.with(|d| d.as_ref().and_then(&files_box))}
                        {move || detail.with(|d| d.as_ref().and_then(&log_view))}
                        {move || detail.with(|d| d.as_ref().and_then(&amendments))}
                    </div>
                    <div>
                        {move || detail.with(|d| d.as_ref().and_then(&registration_box))}
                        {move || detail.with(|d| d.as_ref().and_then(&log_form))}
                        {move || detail.with(|d| d.as_ref().and_then(&ratings))}
                        {move || detail.with(|d| d.as_ref().and_then(&participants))}
                        {move || detail.with(|d| d.as_ref().and_then(&cancel_box))}
                    </div>
                </div>
            </Show>
        </section>
    }
}
