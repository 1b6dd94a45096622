//! `/trajectories`: the trajectories in the user's reach with their progress; tutors and
//! coordinators draw up new ones.

use leptos::prelude::*;
use tutornet_domain::growth::trajectories::{
    TrajectoryFilter, TrajectoryStatus, TrajectorySummary,
};
use tutornet_domain::permissions::{Action, Resource};

use crate::api;
use crate::auth::Auth;
use crate::routes::Route;
use crate::ui::fields::enum_options;
use crate::ui::layout::{CreateLink, PageHead};
use crate::ui::table::{columns, PagedTable};
use crate::ui::{Paged, SelectField};
use crate::util::{plural, set_title};

/// The progress bar with «N из M».
pub fn progress_bar(done: i64, total: i64, percent: i32) -> impl IntoView {
    view! {
        <div class="progress" data-testid="progress" title=format!("{percent} %")>
            <div class="progress-bar" style=format!("width: {percent}%")></div>
        </div>
        <span class="small muted progress-label">{format!("{done} из {total} ({percent} %)")}</span>
    }
}

pub fn status_badge(s: TrajectoryStatus) -> impl IntoView {
    let class = match s {
        TrajectoryStatus::Draft => "badge",
        TrajectoryStatus::Agreed => "badge badge-info",
        TrajectoryStatus::InProgress => "badge badge-warn",
        TrajectoryStatus::Completed => "badge badge-ok",
    };
    view! { <span class=class data-testid="trajectory-status">{s.label_ru()}</span> }
}

fn row(t: TrajectorySummary) -> impl IntoView {
    view! {
        <tr data-testid="trajectory-row">
            <td data-label="Педагог">
                <a class="strong" href=Route::Trajectory(t.id.clone()).path()>{t.full_name.clone()}</a>
                <br /><span class="muted small">{t.school_name.clone().unwrap_or_default()}</span>
            </td>
            <td data-label="Маршрут">{t.title.clone()}</td>
            <td data-label="Наставник">{t.mentor_name.clone()}</td>
            <td data-label="Статус">{status_badge(t.status)}</td>
            <td data-label="Выполнение">
                {progress_bar(t.progress.done, t.progress.total, t.progress.percent)}
                {(t.overdue > 0).then(|| view! { " " <span class="badge badge-danger">{format!("просрочено: {}", t.overdue)}</span> })}
            </td>
        </tr>
    }
}

#[component]
pub fn TrajectoriesPage() -> impl IntoView {
    set_title("Индивидуальные маршруты");
    let auth = Auth::get();
    let list = Paged::<TrajectorySummary>::new();
    let status = RwSignal::new(String::new());
    let fetch = move |cursor: Option<String>| {
        let f = TrajectoryFilter {
            cursor,
            status: TrajectoryStatus::parse(&status.get_untracked()),
            ..Default::default()
        };
        async move { api::growth::trajectories(&f).await }
    };
    Effect::new(move |_| {
        status.track();
        list.load(None, fetch);
    });
    let options = enum_options(
        TrajectoryStatus::ALL,
        TrajectoryStatus::as_str,
        TrajectoryStatus::label_ru,
    );
    view! {
        <section class="page" data-testid="trajectories-page">
            <PageHead title="Индивидуальные образовательные маршруты">
                <CreateLink allowed=Signal::derive(move || auth.can(Resource::Trajectory, Action::Create))
                    href=Route::TrajectoryNew.path() testid="new-trajectory" label="Составить ИОМ" />
            </PageHead>
            <p class="muted">"ИОМ педагога или руководителя: дефициты по итогам диагностики, задачи, мероприятия со сроками и продуктами, отметки о выполнении."</p>
            <div class="filters no-print">
                <SelectField label="Статус" name="status" value=status options=options placeholder="все" />
            </div>
            <PagedTable
                list
                fetch
                total=("trajectories-total", |t| format!("{t} {}", plural(t, "маршрут", "маршрута", "маршрутов")))
                empty_title="Маршрутов пока нет"
                empty_hint=|| "Тьютор составляет ИОМ по итогам диагностики дефицитов."
                testid="trajectories-table"
                columns=columns(&["Педагог", "Маршрут", "Наставник", "Статус", "Выполнение"])
                key=|t: &TrajectorySummary| (t.id.clone(), t.progress.done, t.status.as_str())
                row=row
            />
        </section>
    }
}
