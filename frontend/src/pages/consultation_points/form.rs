//! `/consultation-points/new` and `/consultation-points/:id/edit`: name, base (a school
//! of the municipality or another organisation), head (a user or a typed name),
//! subjects served, address, note; archive from the edit page.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tutornet_domain::consultation_points::{ConsultationPoint, ConsultationPointInput};
use tutornet_domain::permissions::{Action, Resource};
use tutornet_domain::Problem;

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::badges::ArchivedBadge;
use crate::ui::card::{Crumbs, Loaded};
use crate::ui::choices::MunicipalityField;
use crate::ui::form::{
    for_route_id, form_title, is_version_conflict, mark_conflict, send_or, valid, BusyButton,
    ReloadOffer, SaveBar,
};
use crate::ui::{ErrorBanner, SelectField, TextField};
use crate::util::{confirm, non_empty};

const CONFLICT: &str = "Пункт изменил другой пользователь — обновите страницу.";

#[component]
pub fn ConsultationPointFormPage() -> impl IntoView {
    for_route_id(|id| view! { <PointForm id /> })
}

#[component]
fn PointForm(id: Option<String>) -> impl IntoView {
    let editing = form_title(&id, "Изменение пункта", "Новый консультационный пункт");
    let auth = Auth::get();
    let navigate = use_navigate();
    let text = || RwSignal::new(String::new());
    let (municipality_id, name, base_school_id, base_organisation) =
        (text(), text(), text(), text());
    let (head_user_id, head_name, address, note) = (text(), text(), text(), text());
    let subject_ids = RwSignal::new(Vec::<String>::new());
    let original = RwSignal::new(None::<ConsultationPoint>);
    let problem = RwSignal::new(None::<Problem>);
    let (conflict, saving, ready) = (
        RwSignal::new(false),
        RwSignal::new(false),
        RwSignal::new(!editing),
    );
    let schools = RwSignal::new(Vec::<(String, String)>::new());
    let people = RwSignal::new(Vec::<(String, String)>::new());
    let subjects = RwSignal::new(Vec::<(String, String)>::new());
    spawn_local(async move {
        subjects.try_set(api::reference::subjects().await);
        people.try_set(api::composition::tutors().await);
        let list = api::schools::choices(None).await;
        schools.try_set(list.into_iter().map(|s| (s.id, s.short_name)).collect());
    });
    if let Some(id) = id.clone() {
        spawn_local(async move {
            match api::consultation_points::get(&id).await {
                Ok(p) => {
                    let i = p.to_input();
                    municipality_id.set(i.municipality_id);
                    name.set(i.name);
                    base_school_id.set(i.base_school_id.unwrap_or_default());
                    base_organisation.set(i.base_organisation.unwrap_or_default());
                    head_user_id.set(i.head_user_id.clone().unwrap_or_default());
                    if let Some(u) = &p.head_user_id {
                        let n = p.head_name.clone().unwrap_or_default();
                        people.update(|v| {
                            if !v.iter().any(|x| &x.0 == u) {
                                v.push((u.clone(), n));
                            }
                        });
                    }
                    head_name.set(i.head_name.unwrap_or_default());
                    subject_ids.set(i.subject_ids);
                    address.set(i.address.unwrap_or_default());
                    note.set(i.note.unwrap_or_default());
                    original.set(Some(p));
                    ready.set(true);
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    } else if let Some(m) = auth.own_municipality() {
        municipality_id.set(m);
    }
    let municipality_options = Signal::derive(move || {
        auth.municipality_choices(Resource::ConsultationPoint)
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect::<Vec<_>>()
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let input = ConsultationPointInput {
            municipality_id: municipality_id.get_untracked(),
            name: name.get_untracked().trim().to_string(),
            base_school_id: non_empty(base_school_id.get_untracked()),
            base_organisation: non_empty(base_organisation.get_untracked()),
            head_user_id: non_empty(head_user_id.get_untracked()),
            head_name: non_empty(head_name.get_untracked()),
            subject_ids: subject_ids.get_untracked(),
            address: non_empty(address.get_untracked()),
            note: non_empty(note.get_untracked()),
            version: original.with_untracked(|o| o.as_ref().map(|p| p.meta.version)),
        };
        if !valid(problem, input.validate().err().unwrap_or_default()) {
            return;
        }
        conflict.set(false);
        let navigate = navigate.clone();
        let target = original.with_untracked(|o| o.as_ref().map(|p| p.id.clone()));
        send_or(
            saving,
            problem,
            async move {
                match &target {
                    Some(id) => api::consultation_points::update(id, &input).await,
                    None => api::consultation_points::create(&input).await,
                }
            },
            move |_| navigate(&Route::ConsultationPoints.path(), Default::default()),
            move |p| {
                if is_version_conflict(p) {
                    mark_conflict(p, CONFLICT, conflict);
                }
            },
        );
    };
    let subject_boxes = move || {
        subjects
            .get()
            .into_iter()
            .map(|(sid, label)| {
                let (a, b) = (sid.clone(), sid.clone());
                view! {
                    <label class="check">
                        <input type="checkbox" name="subject_ids" value=sid.clone()
                            prop:checked=move || subject_ids.with(|v| v.contains(&a))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                subject_ids.update(|v| {
                                    v.retain(|x| x != &b);
                                    if on { v.push(b.clone()); }
                                });
                            } />
                        <span>{label}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let heading = move || {
        original.with(|o| match o {
            Some(p) => format!("Изменение: {}", p.name),
            None if editing => "Изменение пункта".to_string(),
            None => "Новый консультационный пункт".to_string(),
        })
    };
    view! {
        <section class="page narrow" data-testid="point-form-page">
            <Crumbs parent=Route::ConsultationPoints parent_label="Консультационные пункты" here=heading />
            <h1>{heading}</h1>
            <ErrorBanner problem />
            <ReloadOffer conflict />
            <Loaded problem loaded=ready>
                <form class="card form" on:submit=submit.clone() data-testid="point-form" novalidate=true>
                    <MunicipalityField value=municipality_id options=municipality_options problem
                        disabled=Signal::derive(move || editing || auth.own_municipality().is_some()) />
                    <TextField label="Название" name="name" value=name problem required=true
                        hint="Например: Консультационный пункт на базе МБОУ СОШ № 5" />
                    <fieldset class="fieldset">
                        <legend>"На базе (000 §6.2)"</legend>
                        <SelectField label="Базовая школа" name="base_school_id" value=base_school_id options=schools problem placeholder="— не школа —" />
                        <TextField label="Или другая организация" name="base_organisation" value=base_organisation problem
                            hint="Управление образования, ИМЦ — если пункт работает не на базе школы." />
                    </fieldset>
                    <fieldset class="fieldset">
                        <legend>"Руководитель (000 §6.4)"</legend>
                        <SelectField label="Пользователь" name="head_user_id" value=head_user_id options=people problem placeholder="— нет учётной записи —" />
                        <TextField label="Или ФИО" name="head_name" value=head_name problem hint="Если у руководителя нет учётной записи." />
                    </fieldset>
                    <fieldset class="fieldset" data-testid="point-subjects">
                        <legend>"Предметы"</legend>
                        <div class="check-grid">{subject_boxes}</div>
                    </fieldset>
                    <TextField label="Адрес, кабинет" name="address" value=address problem />
                    <TextField label="Примечание" name="note" value=note problem multiline=true />
                    <SaveBar busy=saving back=Route::ConsultationPoints.path() />
                </form>
                <PointArchive original problem />
            </Loaded>
        </section>
    }
}

/// «В архив» / «Восстановить» on the edit page of an existing point: an archived point
/// leaves the pick-lists, its sessions keep it.
#[component]
fn PointArchive(
    original: RwSignal<Option<ConsultationPoint>>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let auth = Auth::get();
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<&'static str>);
    let archived =
        move || original.with(|o| o.as_ref().is_some_and(|p| p.meta.archived_at.is_some()));
    let run = move |archive: bool| {
        let Some((id, name)) =
            original.with_untracked(|o| o.as_ref().map(|p| (p.id.clone(), p.name.clone())))
        else {
            return;
        };
        if archive
            && !confirm(&format!(
                "Перенести пункт «{name}» в архив? Его можно будет восстановить."
            ))
        {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let res = if archive {
                api::consultation_points::archive(&id).await
            } else {
                api::consultation_points::restore(&id).await
            };
            match res {
                Ok(p) => {
                    original.try_set(Some(p));
                    message.try_set(Some(if archive {
                        "Пункт перенесён в архив."
                    } else {
                        "Пункт восстановлен из архива."
                    }));
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <Show when=move || original.with(Option::is_some) && auth.can(Resource::ConsultationPoint, Action::Archive)>
            <div class="form-actions no-print" data-testid="point-archive">
                <Show when=archived>
                    <ArchivedBadge />
                </Show>
                <Show when=move || !archived() fallback=move || view! {
                    <BusyButton busy testid="restore-point" on_click=move |_| run(false)>"Восстановить"</BusyButton>
                }>
                    <BusyButton busy class="btn btn-danger" testid="archive-point" on_click=move |_| run(true)>"В архив"</BusyButton>
                </Show>
                {move || message.get().map(|m| view! { <span class="muted" role="status">{m}</span> })}
            </div>
        </Show>
    }
}
