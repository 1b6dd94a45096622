//! `/consultation-points`: the points in the user's reach, with base, head, subjects
//! and address; coordinators add and edit them.

use leptos::prelude::*;
use tutornet_domain::consultation_points::{ConsultationPoint, ConsultationPointFilter};
use tutornet_domain::permissions::{Action, Resource};

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::badges::ArchivedBadge;
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::table::{columns, PagedTable};
use crate::ui::Paged;
use crate::util::{plural, set_title};

fn point_row(p: ConsultationPoint) -> impl IntoView {
    let subjects = p
        .subjects
        .iter()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let href = Route::ConsultationPointEdit(p.id.clone()).path();
    view! {
        <tr data-testid="point-row">
            <td data-label="Пункт">
                <a class="strong" href=href>{p.name.clone()}</a>
                {p.meta.archived_at.is_some().then(|| view! { " " <ArchivedBadge /> })}
            </td>
            <td data-label="На базе">{p.base_label()}</td>
            <td data-label="Руководитель">{p.head_name.clone().unwrap_or_default()}</td>
            <td data-label="Предметы">{subjects}</td>
            <td data-label="Адрес">{p.address.clone().unwrap_or_default()}</td>
        </tr>
    }
}

#[component]
pub fn ConsultationPointsPage() -> impl IntoView {
    set_title("Консультационные пункты");
    let auth = Auth::get();
    let list = Paged::<ConsultationPoint>::new();
    let archived = RwSignal::new(false);
    let fetch = move |cursor: Option<String>| {
        let f = ConsultationPointFilter {
            cursor,
            include_archived: archived.get_untracked().then_some(true),
            ..Default::default()
        };
        async move { api::consultation_points::list(&f).await }
    };
    Effect::new(move |_| {
        archived.track();
        list.load(None, fetch);
    });
    view! {
        <section class="page" data-testid="points-page">
            <PageHead title="Консультационные пункты">
                <CreateLink allowed=Signal::derive(move || auth.can(Resource::ConsultationPoint, Action::Create))
                    href=Route::ConsultationPointNew.path() testid="add-point" label="Добавить пункт" />
            </PageHead>
            <label class="check no-print">
                <input type="checkbox" data-testid="points-archived" prop:checked=move || archived.get()
                    on:change:target=move |ev| archived.set(ev.target().checked()) />
                <span>"Показать и архивные пункты"</span>
            </label>
            <p class="muted">"Тьюторские консультационные пункты муниципалитета: на базе школы, управления образования или методической службы, с руководителем и предметами."</p>
            <PagedTable
                list
                fetch
                total=("points-total", |t| format!("{t} {}", plural(t, "пункт", "пункта", "пунктов")))
                empty_title="Консультационных пунктов пока нет"
                empty_hint=|| "Координатор добавляет пункты муниципалитета."
                testid="points-table"
                columns=columns(&["Пункт", "На базе", "Руководитель", "Предметы", "Адрес"])
                key=|p: &ConsultationPoint| (p.id.clone(), p.meta.version)
                row=point_row
            />
        </section>
    }
}
