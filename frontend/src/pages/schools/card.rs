//! `/schools/:id`: everything about one school.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::org::School;
use tutornet_domain::permissions::{scope, Action, Resource, Scope};
use tutornet_domain::Problem;

use super::activity::SchoolActivity;
use super::flags::SchoolFlagsHistory;
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::form::for_route_id;
use crate::ui::form::BusyButton;
use crate::ui::time::datetime_ru;
use crate::ui::{ArchivedBadge, Banner, ErrorBanner, FlagBadges};
use crate::util::{confirm, set_title};

#[component]
pub fn SchoolCardPage() -> impl IntoView {
    for_route_id(|id| view! { <SchoolCard id=id.unwrap_or_default() /> })
}

#[component]
fn SchoolCard(id: String) -> impl IntoView {
    set_title("Школа");
    let auth = Auth::get();
    let school = RwSignal::new(None::<School>);
    let mentor = RwSignal::new(None::<School>);
    let problem = RwSignal::new(None::<Problem>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let show = move |s: School| {
        set_title(&s.short_name);
        let mentor_id = s.mentor_school_id.clone();
        school.try_set(Some(s));
        match mentor_id {
            Some(mid) => spawn_local(async move {
                if let Ok(m) = api::schools::get(&mid).await {
                    mentor.try_set(Some(m));
                }
            }),
            None => {
                mentor.try_set(None);
            }
        }
    };
    {
        let id = id.clone();
        spawn_local(async move {
            match api::schools::get(&id).await {
                Ok(s) => show(s),
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    }

    // School administrators edit only their own school; the API checks it too.
    let can_update = move || {
        auth.me.with(|m| {
            m.as_ref()
                .is_some_and(|m| match scope(m.role, Resource::School, Action::Update) {
                    Some(Scope::School) | Some(Scope::Own) => {
                        school.with(|s| s.as_ref().map(|s| s.id.clone())) == m.school_id
                    }
                    Some(_) => true,
                    None => false,
                })
        })
    };
    let can_archive = move || auth.can(Resource::School, Action::Archive);
    // Support flags are set by those who add schools (coordinators, administrators).
    let can_flags = move || auth.can(Resource::School, Action::Create);
    let archived =
        move || school.with(|s| s.as_ref().is_some_and(|s| s.meta.archived_at.is_some()));

    let sid = StoredValue::new(id.clone());
    let archive = {
        move |_| {
            let name = school
                .with_untracked(|s| s.as_ref().map(|s| s.short_name.clone()).unwrap_or_default());
            if !confirm(&format!(
                "Перенести школу «{name}» в архив? Её можно будет восстановить."
            )) {
                return;
            }
            busy.set(true);
            problem.set(None);
            let id = sid.get_value();
            spawn_local(async move {
                match api::schools::archive(&id).await {
                    Ok(s) => {
                        show(s);
                        message.try_set(Some("Школа перенесена в архив.".to_string()));
                    }
                    Err(p) => {
                        problem.try_set(Some(p));
                    }
                }
                busy.try_set(false);
            });
        }
    };
    let restore = {
        move |_| {
            busy.set(true);
            problem.set(None);
            let id = sid.get_value();
            spawn_local(async move {
                match api::schools::restore(&id).await {
                    Ok(s) => {
                        show(s);
                        message.try_set(Some("Школа восстановлена из архива.".to_string()));
                    }
                    Err(p) => {
                        problem.try_set(Some(p));
                    }
                }
                busy.try_set(false);
            });
        }
    };

    let audit_href = StoredValue::new(
        Route::Audit.with(&[("entity", "school".to_string()), ("entity_id", id.clone())]),
    );
    let edit_href = StoredValue::new(Route::SchoolEdit(id.clone()).path());
    let results_href = StoredValue::new(Route::ResultsSchool(id.clone()).path());

    let details = move || {
        school.get().map(|s| {
            let municipality = auth
                .municipality_name(&s.municipality_id)
                .unwrap_or_else(|| "—".to_string());
            let mentor_view = match (&s.mentor_school_id, mentor.get()) {
                (None, _) => view! { <span class="muted">"нет"</span> }.into_any(),
                (Some(mid), Some(m)) => view! { <a href=Route::School(mid.to_string()).path()>{tutornet_domain::text::numero(&m.short_name)}</a> }.into_any(),
                // The mentor lies outside the user's scope (e.g. a school administrator).
                (Some(_), None) => view! { <span>"назначена"</span> }.into_any(),
            };
            view! {
                <dl class="props" data-testid="school-props">
                    <dt>"Краткое наименование"</dt>
                    <dd data-testid="school-short-name">{tutornet_domain::text::numero(&s.short_name)}</dd>
                    <dt>"Полное наименование"</dt>
                    <dd data-testid="school-full-name">{s.full_name.clone()}</dd>
                    <dt>"Муниципалитет"</dt>
                    <dd>{municipality}</dd>
                    <dt>"Адрес"</dt>
                    <dd>{s.address.clone().unwrap_or_else(|| "—".to_string())}</dd>
                    <dt>"Признаки"</dt>
                    <dd data-testid="school-flags"><FlagBadges school=s.clone() /></dd>
                    <dt>"Школа-наставник"</dt>
                    <dd>{mentor_view}</dd>
                    <dt>"Создана"</dt>
                    <dd>{datetime_ru(s.meta.created_at)}</dd>
                    <dt>"Изменена"</dt>
                    <dd>{datetime_ru(s.meta.updated_at)} <span class="muted">{format!(" (версия {})", s.meta.version)}</span></dd>
                    {s.meta.archived_at.map(|a| view! {
                        <dt>"В архиве с"</dt>
                        <dd>{datetime_ru(a)}</dd>
                    })}
                </dl>
            }
        })
    };

    view! {
        <section class="page narrow" data-testid="school-card">
            <p class="crumbs">
                <a href=Route::Schools.path()>"Школы"</a>
                " / "
                <span>{move || school.with(|s| s.as_ref().map(|s| s.short_name.clone()))}</span>
            </p>
            <div class="page-head">
                <h1>
                    {move || school.with(|s| s.as_ref().map(|s| s.short_name.clone()))}
                    <Show when=archived>" " <ArchivedBadge /></Show>
                </h1>
            </div>
            <Banner message />
            <ErrorBanner problem />
            <Show
                when=move || school.with(Option::is_some)
                fallback=move || {
                    view! {
                        <Show when=move || problem.with(Option::is_none)>
                            <p class="loading" data-testid="loading">"Загрузка…"</p>
                        </Show>
                    }
                }
            >
                <div class="card">{details}</div>
                <div class="form-actions no-print">
                    <Show when=move || can_update() && !archived()>
                        <a class="btn btn-primary" href=move || edit_href.get_value() data-testid="edit-school">
                            "Изменить"
                        </a>
                    </Show>
                    <Show when=move || can_archive() && !archived()>
                        <BusyButton busy class="btn btn-danger" testid="archive-school" on_click=archive>
                            "В архив"
                        </BusyButton>
                    </Show>
                    <Show when=move || can_archive() && archived()>
                        <BusyButton busy testid="restore-school" on_click=restore>
                            "Восстановить"
                        </BusyButton>
                    </Show>
                    <Show when=move || auth.can(Resource::Results, Action::Read)>
                        <a class="btn btn-link" href=move || results_href.get_value() data-testid="school-results">"Результаты оценочных процедур"</a>
                    </Show>
                    <Show when=move || auth.can(Resource::Audit, Action::Read)>
                        <a class="btn btn-link" href=move || audit_href.get_value()>"История изменений"</a>
                    </Show>
                    <a class="btn btn-link" href=Route::Schools.path()>"К списку школ"</a>
                </div>
            </Show>
            <Show when=move || school.with(Option::is_some)>
                <SchoolFlagsHistory id=sid.get_value() can_edit=Signal::derive(move || can_flags() && !archived())
                    on_saved=Callback::new(move |_| {
                        let id = sid.get_value();
                        spawn_local(async move {
                            if let Ok(s) = api::schools::get(&id).await {
                                show(s);
                            }
                        });
                    }) />
            </Show>
            <SchoolActivity id=sid.get_value() />
        </section>
    }
}
