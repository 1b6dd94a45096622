//! «Мой ИОМ» on the start page of a teacher or leader: their trajectories in work, with
//! progress, the next step and what is overdue.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tutornet_domain::growth::trajectories::{
    TrajectoryFilter, TrajectoryStatus, TrajectorySummary,
};

use super::list::{progress_bar, status_badge};
use crate::api;
use crate::auth::Auth;
use crate::routes::Route;

#[component]
pub fn MyTrajectories() -> impl IntoView {
    let auth = Auth::get();
    let mine = RwSignal::new(Vec::<TrajectorySummary>::new());
    let me = auth.me_id();
    spawn_local(async move {
        let f = TrajectoryFilter {
            user_id: Some(me),
            limit: Some(10),
            ..Default::default()
        };
        if let Ok(p) = api::growth::trajectories(&f).await {
            mine.try_set(
                p.items
                    .into_iter()
                    .filter(|t| t.status != TrajectoryStatus::Completed)
                    .collect(),
            );
        }
    });
    move || {
        (!mine.with(Vec::is_empty)).then(|| {
            view! {
                <section class="card" data-testid="my-trajectories">
                    <h2>"Мой индивидуальный маршрут"</h2>
                    {mine.get().into_iter().map(|t| view! {
                        <div class="my-trajectory" data-testid="my-trajectory">
                            <p><a class="strong" href=Route::Trajectory(t.id.clone()).path()>{t.title.clone()}</a> " " {status_badge(t.status)}</p>
                            <p class="small muted">{format!("Наставник: {}", t.mentor_name)}</p>
                            {progress_bar(t.progress.done, t.progress.total, t.progress.percent)}
                            {(t.overdue > 0).then(|| view! { " " <span class="badge badge-danger">{format!("просрочено: {}", t.overdue)}</span> })}
                        </div>
                    }).collect_view()}
                </section>
            }
        })
    }
}
