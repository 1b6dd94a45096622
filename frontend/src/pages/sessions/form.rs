//! `/sessions/new` (`?request=<id>` links an accepted request and fills the form from it)
//! and `/sessions/:id/edit` (a planned session; one occurrence of a series at a time).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use tutornet_domain::community::{
    Request, RequestFilter, RequestStatus, SessionDetail, SessionStatus,
};
use tutornet_domain::{Problem, ProblemCode, Role};

use super::parts::conflict::conflicting_session;
use super::parts::fields::SessionFields;
use super::parts::form_fields::{ChoiceFields, MainFields, TargetFields};
use super::parts::plan::{BusyTimes, RequestSummary};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::form::{
    for_route_id, form_title, is_version_conflict, load, mark_conflict, send_or, valid,
    ReloadOffer, SaveBar,
};
use crate::ui::ErrorBanner;
use crate::util::set_title;

/// The note shown when the edited session belongs to a series.
pub const SERIES_NOTE: &str = "Изменение касается только этого занятия серии";

const CONFLICT_MESSAGE: &str = "Занятие уже изменил другой пользователь. Обновите страницу, \
                                чтобы увидеть его изменения, и внесите свои заново.";

/// `/sessions/new` and `/sessions/:id/edit`.
#[component]
pub fn SessionFormPage() -> impl IntoView {
    for_route_id(|id| view! { <SessionForm id /> })
}

#[component]
fn SessionForm(id: Option<String>) -> impl IntoView {
    let editing = form_title(&id, "Изменение занятия", "Новое занятие");
    let auth = Auth::get();
    let navigate = use_navigate();
    let query = use_query_map();
    let preselected = query.with_untracked(|q| q.get("request").unwrap_or_default());

    let fields = SessionFields::new();
    // A click on an empty hour of the week opens `?date=ГГГГ-ММ-ДД&start=ЧЧ:ММ&end=ЧЧ:ММ`.
    if !editing {
        query.with_untracked(|q| {
            for (key, field) in [
                ("date", fields.date),
                ("start", fields.start),
                ("end", fields.end),
            ] {
                if let Some(v) = q.get(key).filter(|v| !v.is_empty()) {
                    field.set(v);
                }
            }
        });
    }
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    // The edited session (edit mode only) and whether it has arrived.
    let original = RwSignal::new(None::<SessionDetail>);
    let ready = RwSignal::new(!editing);
    let conflict = RwSignal::new(false);
    // The session a tutor/room conflict is about, to link to it.
    let conflict_with = RwSignal::new(None::<String>);
    let subject_options = RwSignal::new(Vec::<(String, String)>::new());
    let tutor_options = RwSignal::new(Vec::<(String, String)>::new());
    let accepted = RwSignal::new(Vec::<Request>::new());
    // The request the form was opened from (`?request=`), shown above the form.
    let from_request = RwSignal::new(None::<Request>);
    let chooses_tutors = move || matches!(auth.role(), Role::Coordinator | Role::Admin);

    spawn_local(async move {
        subject_options.try_set(api::reference::subjects().await);
        if matches!(auth.role(), Role::Coordinator | Role::Admin) {
            // The session's own tutors stay choosable even if no longer in the list.
            let mut list = api::composition::tutors().await;
            tutor_options.try_update(|v| {
                for t in v.drain(..) {
                    if !list.iter().any(|x| x.0 == t.0) {
                        list.push(t);
                    }
                }
            });
            tutor_options.try_set(list);
        }
        if editing {
            return;
        }
        let filter = RequestFilter {
            status: Some(RequestStatus::Accepted),
            ..Default::default()
        };
        if let Ok(items) = api::requests::list_all(&filter).await {
            accepted.try_set(items);
        }
    });
    if let Some(sid) = id.clone() {
        load(
            problem,
            async move { api::sessions::get(&sid).await },
            move |d| {
                let s = &d.session;
                fields.fill_from_session(s);
                tutor_options.try_update(|v| {
                    for t in &s.tutors {
                        if !v.iter().any(|x| x.0 == t.id) {
                            v.push((t.id.clone(), t.full_name.clone()));
                        }
                    }
                });
                set_title(&format!("Изменение: {}", s.title));
                original.try_set(Some(d));
                ready.try_set(true);
            },
        );
    } else if !preselected.is_empty() {
        let rid = preselected.clone();
        load(
            problem,
            async move { api::requests::get(&rid).await },
            move |d| {
                let r = d.request;
                fields.fill_from_request(&r);
                from_request.try_set(Some(r.clone()));
                accepted.try_update(|v| {
                    if !v.iter().any(|x| x.id == r.id) {
                        v.insert(0, r);
                    }
                });
            },
        );
    }

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let version = original.with_untracked(|o| o.as_ref().map(|d| d.session.version));
        let (input, errs) = fields.input(editing, version);
        if !valid(problem, errs) {
            return;
        }
        conflict.set(false);
        conflict_with.set(None);
        let navigate = navigate.clone();
        let target = original.with_untracked(|o| o.as_ref().map(|d| d.session.id.clone()));
        send_or(
            saving,
            problem,
            async move {
                match &target {
                    Some(sid) => api::sessions::update(sid, &input).await.map(|s| vec![s]),
                    None => api::sessions::create(&input).await,
                }
            },
            move |list| {
                let target = list
                    .first()
                    .map(|s| Route::Session(s.id.clone()).path())
                    .unwrap_or_else(|| Route::Sessions.path());
                navigate(&target, Default::default());
            },
            move |p| {
                if is_version_conflict(p) {
                    mark_conflict(p, CONFLICT_MESSAGE, conflict);
                } else if p.is(ProblemCode::NotPlanned) {
                    p.title = "Занятие уже не запланировано.".to_string();
                }
                conflict_with.try_set(conflicting_session(p));
            },
        );
    };

    let conflict_link = move || {
        conflict_with.get().map(|id| {
                    view! {
                        <p class="conflict-link" data-testid="conflict-link">
                            <a href=Route::Session(id.to_string()).path() target="_blank">"Открыть занятие, с которым пересекается"</a>
                        </p>
                    }
                })
    };

    let heading = move || {
        original.with(|o| match o {
            Some(d) => format!("Изменение: {}", d.session.title),
            None if editing => "Изменение занятия".to_string(),
            None => "Новое занятие".to_string(),
        })
    };
    let back = id
        .as_ref()
        .map(|id| Route::Session(id.clone()).path())
        .unwrap_or_else(|| Route::Sessions.path());
    let own_id = Signal::derive(move || (auth.role() == Role::Tutor).then(|| auth.me_id()));
    let editing_id =
        Signal::derive(move || original.with(|o| o.as_ref().map(|d| d.session.id.clone())));
    let in_series =
        move || original.with(|o| o.as_ref().is_some_and(|d| d.session.series_id.is_some()));
    // Why the loaded session cannot be edited here, if it cannot.
    let not_editable = move || {
        original.with(|o| {
            o.as_ref().and_then(|d| {
                if d.session.status != SessionStatus::Planned {
                    Some("Изменять можно только запланированное занятие. К проведённому занятию добавляются поправки на его странице.")
                } else if !d.can_manage {
                    Some("Это занятие изменяют его тьюторы и координатор.")
                } else {
                    None
                }
            })
        })
    };

    view! {
        <section class="page narrow" data-testid="session-form-page">
            <p class="crumbs">
                <a href=Route::Sessions.path()>"Расписание"</a>
                " / "
                {move || original.with(|o| o.as_ref().map(|d| view! {
                    <a href=Route::Session(d.session.id.to_string()).path()>{d.session.title.clone()}</a>
                    " / "
                }))}
                <span>{if editing { "Изменение" } else { "Новое занятие" }}</span>
            </p>
            <h1>{heading}</h1>
            <ErrorBanner problem />
            <ReloadOffer conflict />
            {conflict_link}
            <Show when=move || !ready.get() && problem.with(Option::is_none)>
                <p class="loading" data-testid="loading">"Загрузка…"</p>
            </Show>
            {move || not_editable().map(|m| view! {
                <div class="banner banner-info" role="status" data-testid="not-editable">{m}</div>
            })}
            <Show when=move || ready.get() && not_editable().is_none()>
            {move || in_series().then(|| view! {
                <div class="banner banner-info" role="note" data-testid="series-note">{SERIES_NOTE}</div>
            })}
            <RequestSummary request=from_request />
            <form class="card form" on:submit=submit.clone() data-testid="session-form" novalidate=true>
                <MainFields fields problem subject_options />
                <TargetFields fields problem />
                <ChoiceFields fields problem editing chooses_tutors=Signal::derive(chooses_tutors) tutor_options accepted />
                <BusyTimes fields own_id=own_id editing=editing_id />
                <SaveBar
                    busy=saving
                    label=if editing { "Сохранить изменения" } else { "Запланировать" }
                    back=back.clone()
                />
            </form>
            </Show>
        </section>
    }
}
